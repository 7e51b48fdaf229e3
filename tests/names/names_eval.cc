// names_eval: recall and false key collisions of the name keys on pairs of an Arabic-script
// name and its English rendering (ar2en-train.tsv: "<Arabic>\t<English>" per line).
//
//   names_eval [path/to/ar2en-train.tsv] [random non-pairs, default 100000]
//
// recall: share of pairs whose two sides share at least one key;
// all-tokens recall: share of pairs with the same token count where every token meets its peer;
// false collisions: share of random non-pairs (Arabic side i, English side j != i, seed 42)
// that share a key. With -v, prints the missed pairs.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include "names/name_normalizer.h"

namespace names = crossroads::names;

namespace {

bool tokens_meet(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x == y) return true;
    }
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path;
  std::size_t samples = 100000;
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-v") {
      verbose = true;
    } else if (path.empty()) {
      path = arg;
    } else {
      samples = std::strtoul(arg.c_str(), nullptr, 10);
    }
  }
  if (path.empty()) {
    const char* root = std::getenv("CROSSROADS_SOURCE_DIR");
    path = std::string(root != nullptr ? root : ".") + "/../shared/data/names/ar2en-train.tsv";
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << "names_eval: cannot read " << path << "\n";
    return 2;
  }
  std::vector<names::NameParts> arabic;
  std::vector<names::NameParts> english;
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    arabic.push_back(names::normalize_name(line.substr(0, tab)));
    english.push_back(names::normalize_name(line.substr(tab + 1)));
  }
  const std::size_t n = arabic.size();
  std::size_t any = 0;
  std::size_t same_count = 0;
  std::size_t all = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool hit = names::share_key(arabic[i], english[i]);
    any += hit ? 1 : 0;
    if (arabic[i].keys.size() == english[i].keys.size()) {
      ++same_count;
      bool every = true;
      for (std::size_t t = 0; t < arabic[i].keys.size() && every; ++t) {
        every = tokens_meet(arabic[i].keys[t], english[i].keys[t]);
      }
      all += every ? 1 : 0;
    }
    if (verbose && !hit) {
      std::cout << "MISS " << arabic[i].original << "\t" << english[i].original << "\t";
      for (const auto& k : names::name_keys(arabic[i])) std::cout << k << ",";
      std::cout << "\t";
      for (const auto& k : names::name_keys(english[i])) std::cout << k << ",";
      std::cout << "\n";
    }
  }
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  std::size_t collisions = 0;
  for (std::size_t s = 0; s < samples; ++s) {
    std::size_t i = pick(rng);
    std::size_t j = pick(rng);
    while (j == i) j = pick(rng);
    collisions += names::share_key(arabic[i], english[j]) ? 1 : 0;
  }
  std::printf("pairs: %zu\n", n);
  std::printf("recall (share a key): %.4f\n", n ? static_cast<double>(any) / n : 0.0);
  std::printf("recall (all tokens meet, same token count %zu): %.4f\n", same_count,
              same_count ? static_cast<double>(all) / same_count : 0.0);
  std::printf("false collisions (%zu random non-pairs, seed 42): %.4f\n", samples,
              samples ? static_cast<double>(collisions) / samples : 0.0);
  return 0;
}
