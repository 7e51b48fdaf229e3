// Throughput of the normalisers on realistic values: phones (libphonenumber), IBANs, and a
// mixed batch as an importer would send. Run: build/bench/normalize_benchmark
#include <benchmark/benchmark.h>

#include <string>
#include <utility>
#include <vector>

#include "normalize/normalize.h"

namespace {

using crossroads::normalize::Context;
using crossroads::normalize::Kind;
using crossroads::normalize::normalize;

void BM_NormalizePhone(benchmark::State& state) {
  const std::vector<std::string> phones = {"347 123 4567", "+49 151 23456789", "0039 06 1234 5678",
                                           "+216 20 123 456", "٠٠٩٦٣ ٩٤٤ ١٢٣ ٤٥٦"};
  const Context ctx{"IT", {}};
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = normalize(Kind::kPhone, phones[i++ % phones.size()], ctx);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizePhone);

// The canonical value alone, as the matcher resolves phones (no display form, no parts).
void BM_CanonicalPhone(benchmark::State& state) {
  const std::vector<std::string> phones = {"347 123 4567", "+49 151 23456789", "0039 06 1234 5678",
                                           "+216 20 123 456", "٠٠٩٦٣ ٩٤٤ ١٢٣ ٤٥٦"};
  const Context ctx{"IT", {}};
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = crossroads::normalize::canonical(Kind::kPhone, phones[i++ % phones.size()], ctx);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_CanonicalPhone);

void BM_NormalizeIban(benchmark::State& state) {
  const std::vector<std::string> ibans = {
      "DE89 3704 0044 0532 0130 00", "IT60X0542811101000000123456",
      "GR16 0110 1250 0000 0001 2300 695", "TN5910006035183598478831"};
  std::size_t i = 0;
  for (auto _ : state) {
    auto r = normalize(Kind::kIban, ibans[i++ % ibans.size()]);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeIban);

void BM_NormalizeMixed(benchmark::State& state) {
  const std::vector<std::pair<Kind, std::string>> values = {
      {Kind::kPhone, "+39 347 123 4567"},
      {Kind::kEmail, "Mario.Rossi@Libero.IT"},
      {Kind::kIban, "DE89370400440532013000"},
      {Kind::kCryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
      {Kind::kCryptoWallet, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"},
      {Kind::kOnlineAccount, "https://www.facebook.com/profile.php?id=1000123"},
      {Kind::kUrl, "https://example.com/p?b=2&a=1&utm_source=fb"},
      {Kind::kDate, "3 avril 2021"},
      {Kind::kPlate, "GR ABC-1234"},
      {Kind::kImei, "490154203237518"},
  };
  const Context ctx{"IT", {}};
  std::size_t i = 0;
  for (auto _ : state) {
    const auto& [kind, value] = values[i++ % values.size()];
    auto r = normalize(kind, value, ctx);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NormalizeMixed);

}  // namespace
