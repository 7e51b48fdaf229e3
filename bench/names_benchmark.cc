// Name normalisation throughput on a realistic mix of scripts: ~60% Latin (ASCII and with
// diacritics), 25% Arabic, 5% Persian, the rest Cyrillic, Greek and Ge'ez.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "names/name_normalizer.h"

namespace {

std::vector<std::string> mixed_names() {
  const std::vector<std::string> latin = {
      "Mohamed Abdelrahman", "Muhammad Abd al-Rahman", "Youssef El-Sayed",   "Hüseyin Yılmaz",
      "Ahmad Khalid Hassan", "Gëzim Krasniqi",         "Abu Ahmed",          "Mohammad Reza Ahmadi",
      "Tesfaye Gebremedhin", "Omar Ben Ali",           "Jean-Pierre Dubois", "Salahuddin Ayubi",
      "Mehmet Öztürk",       "Abdullah bin Salman",    "Aliou Diallo",       "Nasreddine Belkacem",
      "Ibrahim Al Hashimi",  "Fatima Zahra",           "Kareem Mostafa",     "Łukasz Kowalski"};
  const std::vector<std::string> arabic = {
      "محمد عبد الرحمن", "يوسف السيد",    "أحمد خالد حسن", "عبدالله بن سلمان",
      "أبو أحمد",        "مصطفى كمال",    "فاطمة الزهراء", "صلاح الدين الأيوبي",
      "حسين علي",        "عمر عبد العزيز"};
  const std::vector<std::string> persian = {"محمد رضا احمدی", "حسین پورمحمدی", "علی اکبر هاشمی"};
  const std::vector<std::string> other = {"Мухаммед Юсупов", "Μοχάμεντ Αμπντούλ",    "ተስፋይ ሃብተ",
                                          "Рамзан Кадыров",  "Γιώργος Παπαδόπουλος", "ዮሃንስ ገብረ"};
  std::mt19937 rng(7);
  std::vector<std::string> names;
  for (int i = 0; i < 1000; ++i) {
    const int r = static_cast<int>(rng() % 100);
    const auto& pool = r < 60 ? latin : r < 85 ? arabic : r < 90 ? persian : other;
    names.push_back(pool[rng() % pool.size()]);
  }
  return names;
}

void BM_NormalizeNameMixedScripts(benchmark::State& state) {
  const std::vector<std::string> names = mixed_names();
  std::size_t i = 0;
  for (auto _ : state) {
    auto parts = crossroads::names::normalize_name(names[i]);
    benchmark::DoNotOptimize(parts);
    if (++i == names.size()) i = 0;
  }
  state.counters["names/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeNameMixedScripts);

void BM_NormalizeNameByScript(benchmark::State& state) {
  static const std::vector<std::string> samples = {
      "Mohamed Abdelrahman", "Hüseyin Yılmaz", "محمد عبد الرحمن", "Мухаммед Юсупов", "ተስፋይ ሃብተ"};
  const std::string& name = samples[static_cast<std::size_t>(state.range(0))];
  for (auto _ : state) {
    auto parts = crossroads::names::normalize_name(name);
    benchmark::DoNotOptimize(parts);
  }
  state.SetLabel(name);
  state.counters["names/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NormalizeNameByScript)->DenseRange(0, 4);

}  // namespace

BENCHMARK_MAIN();
