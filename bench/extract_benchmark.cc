// Throughput of the free-text extractor (src/extract) on ~8 MB of generated chats: 2,000-odd
// conversations of 2 to 4 senders writing Arabic, English, French, Persian, Turkish, Italian,
// Kurdish (Kurmanji) or Pashto; one sender in six switches between two languages. Messages are
// 1 to 3 clauses of their language with random prices and times (no two alike, so no cache
// could help), 4% carry no letters ("ok" in digits, emoji, a price), and about 3 in 100 carry
// identifiers (phones, IBANs, handles, links, wallets, e-mails). Run:
//   build/bench/extract_benchmark --benchmark_min_time=2
// The "accuracy" counters are the share of messages whose language equals the language they
// were generated in (messages without letters count as right when "und").
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "extract/language.h"

namespace {

using crossroads::extract::detect_language;
using crossroads::extract::detect_languages;
using crossroads::extract::extract;
using crossroads::extract::extract_conversation;
using crossroads::extract::find_identifiers;
using crossroads::extract::Message;
using crossroads::normalize::Context;

constexpr std::size_t kCorpusBytes = 8u << 20;

struct LanguageBank {
  const char* code;
  std::vector<std::string> clauses;  // "{n}" is replaced by a random number
};

const std::vector<LanguageBank> kBanks = {
    {"ar",
     {"السلام عليكم اخي", "الرحلة يوم الخميس ان شاء الله", "السعر {n} يورو للشخص",
      "الساعة {n} بالليل عند البحر", "لا تتأخروا وجيبوا معكم ماء", "القارب جاهز والبحر هادئ",
      "ارسل المبلغ عن طريق الحوالة قبل السبت", "الأطفال يدفعون نصف السعر",
      "نحن ننتظر في المزرعة قرب الشاطئ", "الشرطة موجودة اليوم، نأجل الى الغد"}},
    {"en",
     {"Hello brother", "the boat leaves Thursday night at {n}", "bring water and a jacket",
      "ok no problem, I will send the money tomorrow after {n}",
      "the driver waits behind the petrol station", "price is {n} euro per person, half now",
      "do not tell anyone about the place", "we have {n} people ready for the truck",
      "call me when you arrive in the city", "the police stopped the car yesterday"}},
    {"fr",
     {"Bonjour mon frère", "le passage coûte {n} euros", "départ samedi vers {n}h",
      "d'accord, on se voit à la gare", "apporte de l'eau et ton gilet",
      "le chauffeur attend derrière la station", "il reste {n} places dans le camion",
      "ne dis rien à personne", "envoie l'argent avant vendredi", "la mer est calme ce soir"}},
    {"fa",
     {"سلام برادر", "قایق پنجشنبه شب حرکت می کند", "قیمت {n} یورو است",
      "باشه فردا ساعت {n} صبح پول را می فرستم", "راننده پشت پمپ بنزین منتظر است",
      "به هیچ کس چیزی نگو", "آب و لباس گرم با خودت بیاور", "مرز امشب خیلی شلوغ است",
      "ما {n} نفر آماده داریم", "وقتی رسیدی به من زنگ بزن"}},
    {"tr",
     {"Merhaba kardeşim", "tekne perşembe gecesi kalkıyor", "fiyat {n} euro",
      "tamam yarın sabah {n} da paranı gönderiyorum",
      "şoför benzin istasyonunun arkasında bekliyor", "kimseye bir şey söyleme",
      "yanına su ve can yeleği al", "kamyonda {n} kişilik yer kaldı", "polis dün arabayı durdurdu",
      "şehre varınca beni ara"}},
    {"it",
     {"Ciao fratello", "la barca parte giovedì sera", "porta acqua e il giubbotto",
      "il prezzo è {n} euro a persona", "va bene ci vediamo alla stazione alle {n}",
      "l'autista aspetta dietro il distributore", "non dire niente a nessuno",
      "mandami i soldi prima di venerdì", "ci sono ancora {n} posti sul camion",
      "la polizia ha fermato la macchina ieri"}},
    {"ku",
     {"Silav bira", "qeyik şeva pêncşemê diçe", "bihayê wê {n} euro ye",
      "baş e, sibê ez ê pereyan bişînim", "ajokar li pişt benzînxaneyê li bendê ye",
      "ji kesî re tiştekî nebêje", "av û cilên germ bi xwe re bîne", "em {n} kes amade ne",
      "dema tu gihîştî min bigere", "polîs duh erebe rawestand"}},
    {"ps",
     {"سلام ورور", "بېړۍ د پنجشنبې په شپه ځي", "بیه {n} یورو ده", "سبا سهار پیسې درلیږم",
      "موټر چلوونکی د تېل پمپ شاته انتظار کوي", "هېچا ته څه مه وایه",
      "اوبه او ګرمې جامې له ځان سره راوړه", "موږ {n} کسان چمتو لرو", "کله چې ورسېدې ما ته زنګ ووهه",
      "پولیسو پرون موټر ودراوه"}},
};

const std::vector<std::string> kWithIdentifiers = {
    "واتساب ٠٠٢١٨٩١٢٣٤٥٦٧٨ السعر ٣٠٠٠ يورو",
    "Join t.me/italy_trips or write to @captain_sami on Telegram, price 3000 EUR",
    "Virement sur l'IBAN FR76 3000 6000 0112 3456 7890 189 avant vendredi",
    "USDT TRC20: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t numaram +90 532 123 45 67",
    "send the scans to passport.office@gmail.com before Monday",
    "chiama 347 123 4567 dopo le 20",
};

const std::vector<std::string> kWithoutLetters = {"👍", "👍👍", "🙏", "{n}", "{n}€", "?", "{n}:{n}"};

struct Conversation {
  std::vector<std::string> senders;
  std::vector<std::string> texts;
  std::vector<std::string> truth;  // language each text was generated in; "" when mixed
  std::vector<std::size_t> speakers;
  std::vector<Message> messages;  // views into the above
};

std::string fill(const std::string& clause, std::mt19937& rng) {
  std::string out;
  for (std::size_t i = 0; i < clause.size(); ++i) {
    if (clause.compare(i, 3, "{n}") == 0) {
      out += std::to_string(rng() % 5000);
      i += 2;
    } else {
      out.push_back(clause[i]);
    }
  }
  return out;
}

std::vector<Conversation> make_corpus() {
  std::mt19937 rng(42);
  std::vector<Conversation> out;
  std::size_t bytes = 0;
  while (bytes < kCorpusBytes) {
    Conversation c;
    const std::size_t people = 2 + rng() % 3;
    std::vector<std::pair<std::size_t, std::size_t>> langs;  // primary, second (== when one)
    for (std::size_t p = 0; p < people; ++p) {
      c.senders.push_back("+39 347 000 " + std::to_string(1000 + rng() % 9000));
      const std::size_t a = rng() % kBanks.size();
      langs.emplace_back(a, rng() % 6 == 0 ? rng() % kBanks.size() : a);
    }
    const std::size_t length = 20 + rng() % 180;
    std::size_t speaker = rng() % people;
    for (std::size_t m = 0; m < length; ++m) {
      if (rng() % 3 == 0) speaker = rng() % people;
      std::string text;
      std::string truth;
      const unsigned roll = rng() % 100;
      if (roll < 3) {
        text = kWithIdentifiers[rng() % kWithIdentifiers.size()];
      } else if (roll < 7) {
        text = fill(kWithoutLetters[rng() % kWithoutLetters.size()], rng);
        truth = "und";
      } else {
        const auto& [a, b] = langs[speaker];
        const LanguageBank& bank = kBanks[rng() % 2 == 0 ? a : b];
        const std::size_t clauses = 1 + rng() % 3;
        for (std::size_t k = 0; k < clauses; ++k) {
          if (k > 0) text += rng() % 2 ? ", " : " ";
          text += fill(bank.clauses[rng() % bank.clauses.size()], rng);
        }
        truth = bank.code;
      }
      bytes += text.size() + 1;
      c.texts.push_back(std::move(text));
      c.truth.push_back(std::move(truth));
      c.speakers.push_back(speaker);
    }
    out.push_back(std::move(c));
  }
  for (auto& c : out) {
    for (std::size_t m = 0; m < c.texts.size(); ++m) {
      c.messages.push_back({c.senders[c.speakers[m]], c.texts[m]});
    }
  }
  return out;
}

const std::vector<Conversation>& corpus() {
  static const std::vector<Conversation> kCorpus = make_corpus();
  return kCorpus;
}

std::size_t corpus_bytes() {
  std::size_t n = 0;
  for (const auto& c : corpus()) {
    for (const auto& t : c.texts) n += t.size() + 1;
  }
  return n;
}

// Share of messages (with a known language) whose detected language is the generated one.
template <typename Detect>
double accuracy(Detect detect) {
  std::size_t right = 0;
  std::size_t total = 0;
  for (const auto& c : corpus()) {
    const std::vector<std::string> codes = detect(c);
    for (std::size_t m = 0; m < c.truth.size(); ++m) {
      if (c.truth[m].empty()) continue;
      ++total;
      right += codes[m] == c.truth[m] ? 1 : 0;
    }
  }
  return total == 0 ? 0.0 : static_cast<double>(right) / static_cast<double>(total);
}

// What importers do when they need only the identifiers.
void BM_FindIdentifiersPerMessage(benchmark::State& state) {
  const Context ctx{"IT", {}};
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& c : corpus()) {
      for (const auto& t : c.texts) found += find_identifiers(t, ctx).size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_FindIdentifiersPerMessage)->Unit(benchmark::kMillisecond);

// One 8 MB document in a single call. Its phones share one PhoneCache, and the corpus repeats
// its six identifier messages, so this measures the scan with phones parsed once each; the
// per-message and per-conversation benchmarks pay for every phone.
void BM_FindIdentifiersWholeText(benchmark::State& state) {
  std::string text;
  for (const auto& c : corpus()) {
    for (const auto& t : c.texts) text += t + "\n";
  }
  const Context ctx{"IT", {}};
  for (auto _ : state) {
    auto found = find_identifiers(text, ctx);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_FindIdentifiersWholeText)->Unit(benchmark::kMillisecond);

// The whole pipeline for chats: identifiers and the language of every message, one call per
// conversation (what `crossroads extract` does with a chat export).
void BM_ExtractConversation(benchmark::State& state) {
  const Context ctx{"IT", {}};
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& c : corpus()) {
      for (const auto& e : extract_conversation(c.messages, ctx)) found += e.findings.size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
  state.counters["accuracy"] = accuracy([&](const Conversation& c) {
    std::vector<std::string> codes;
    for (auto& e : extract_conversation(c.messages, ctx)) codes.push_back(e.language);
    return codes;
  });
}
BENCHMARK(BM_ExtractConversation)->Unit(benchmark::kMillisecond);

// extract() per message: identifiers and CLD2 (or the script rules) on every message.
void BM_ExtractPerMessage(benchmark::State& state) {
  const Context ctx{"IT", {}};
  std::size_t found = 0;
  for (auto _ : state) {
    for (const auto& c : corpus()) {
      for (const auto& t : c.texts) found += extract(t, ctx).findings.size();
    }
  }
  benchmark::DoNotOptimize(found);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
  state.counters["accuracy"] = accuracy([](const Conversation& c) {
    std::vector<std::string> codes;
    for (const auto& t : c.texts) codes.push_back(detect_language(t).code);
    return codes;
  });
}
BENCHMARK(BM_ExtractPerMessage)->Unit(benchmark::kMillisecond);

void BM_DetectLanguagesConversation(benchmark::State& state) {
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& c : corpus()) n += detect_languages(c.messages).size();
  }
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_DetectLanguagesConversation)->Unit(benchmark::kMillisecond);

void BM_DetectLanguagePerMessage(benchmark::State& state) {
  std::size_t n = 0;
  for (auto _ : state) {
    for (const auto& c : corpus()) {
      for (const auto& t : c.texts) n += detect_language(t).code.size();
    }
  }
  benchmark::DoNotOptimize(n);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus_bytes()));
}
BENCHMARK(BM_DetectLanguagePerMessage)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
