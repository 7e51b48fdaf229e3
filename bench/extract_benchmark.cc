// Throughput of the free-text extractor (src/extract) on ~8 MB of generated chat text in
// Arabic, English, French, Persian, Turkish, Italian and Kurdish, with about three identifiers
// per 100 messages (phones, IBANs, handles, links, wallets, e-mails), prices and times in
// many others. Run: build/bench/extract_benchmark
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/language.h"

namespace {

using crossroads::extract::detect_language;
using crossroads::extract::extract;
using crossroads::extract::find_identifiers;
using crossroads::normalize::Context;

constexpr std::size_t kCorpusBytes = 8u << 20;

const std::vector<std::string> kMessages = {
    "السلام عليكم اخي، الرحلة يوم الخميس ان شاء الله، السعر ٣٠٠٠ يورو للشخص",
    "الساعة ١١ بالليل عند البحر، لا تتأخروا وجيبوا معكم ماء",
    "Hello brother, the boat leaves Thursday night at 23:00, bring water and a jacket",
    "ok no problem, I will send the money tomorrow after 10",
    "Bonjour, le passage coûte 2500 euros, départ samedi 14/09 vers 22h",
    "d'accord frère, on se voit à la gare à 8h30",
    "سلام برادر، قایق پنجشنبه شب حرکت می کند، قیمت ۴۰۰۰ یورو است",
    "باشه فردا ساعت ۹ صبح پول را می فرستم",
    "Merhaba kardeşim, tekne perşembe gecesi kalkıyor, fiyat 3500 euro",
    "tamam yarın sabah 9 da paranı gönderiyorum",
    "Ciao fratello, la barca parte giovedì sera, porta acqua e il giubbotto, 3000 euro",
    "va bene ci vediamo alla stazione alle 7 e mezza",
    "Silav bira, qeyik şeva pêncşemê diçe, bihayê wê 3000 euro ye",
    "Baş e, sibê ez ê pereyan bişînim",
};

const std::vector<std::string> kWithIdentifiers = {
    "واتساب ٠٠٢١٨٩١٢٣٤٥٦٧٨ السعر ٣٠٠٠ يورو",
    "Join t.me/italy_trips or write to @captain_sami on Telegram, price 3000 EUR",
    "Virement sur l'IBAN FR76 3000 6000 0112 3456 7890 189 avant vendredi",
    "USDT TRC20: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t numaram +90 532 123 45 67",
    "send the scans to passport.office@gmail.com before Monday",
    "chiama 347 123 4567 dopo le 20",
};

// Messages joined by newlines, a few identifiers per 100 messages, fixed seed.
std::vector<std::string> make_corpus() {
  std::mt19937 rng(42);
  std::vector<std::string> out;
  std::size_t bytes = 0;
  while (bytes < kCorpusBytes) {
    const std::string& m = rng() % 100 < 3 ? kWithIdentifiers[rng() % kWithIdentifiers.size()]
                                           : kMessages[rng() % kMessages.size()];
    out.push_back(m);
    bytes += m.size() + 1;
  }
  return out;
}

const std::vector<std::string>& corpus() {
  static const std::vector<std::string> kCorpus = make_corpus();
  return kCorpus;
}

std::size_t corpus_bytes() {
  std::size_t n = 0;
  for (const auto& m : corpus()) n += m.size() + 1;
  return n;
}

// What importers and `crossroads extract` do: identifiers per message (language only for
// messages with findings, which the CLI does separately).
void BM_FindIdentifiersPerMessage(benchmark::State& state) {
  const Context ctx{"IT", {}};
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& m : corpus()) found += find_identifiers(m, ctx).size();
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_FindIdentifiersPerMessage)->Unit(benchmark::kMillisecond);

// One 8 MB document in a single call.
void BM_FindIdentifiersWholeText(benchmark::State& state) {
  std::string text;
  for (const auto& m : corpus()) text += m + "\n";
  const Context ctx{"IT", {}};
  for (auto _ : state) {
    auto found = find_identifiers(text, ctx);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindIdentifiersWholeText)->Unit(benchmark::kMillisecond);

// extract(): identifiers and the language (CLD2) of every message.
void BM_ExtractPerMessage(benchmark::State& state) {
  const Context ctx{"IT", {}};
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& m : corpus()) found += extract(m, ctx).findings.size();
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_ExtractPerMessage)->Unit(benchmark::kMillisecond);

void BM_DetectLanguagePerMessage(benchmark::State& state) {
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& m : corpus()) n += detect_language(m).code.size();
  }
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_DetectLanguagePerMessage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
