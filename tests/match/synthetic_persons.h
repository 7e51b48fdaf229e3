// A small deterministic world of person records with known true identities, for the matcher's
// tests and benchmarks until src/synth (issue 4) provides the full one. Each true person appears
// in one to five cases, each time written differently: spelling families across
// transliterations (Mohamed/Muhammad/Mohammed, Abdelrahman/Abd al-Rahman/Abdul Rahman,
// Youssef/Yusuf, Hussein/Husain/Hossein), Arabic script, swapped given/family name, missing
// parts, a father's name, typos, year-only birth dates, day and month swapped, phones in
// several formats, IBANs, passports (some forged and shared by two or three different people),
// hotlines and a money-transfer agent's account common to hundreds of cases, and common names
// ("Mohamed Ali") held by many different people.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/domain.h"

namespace crossroads::match::testing {

struct SyntheticConfig {
  std::uint64_t seed = 42;
  std::size_t records = 10000;  // person records to generate (true persons: about 60%)
  double records_per_case = 8;
};

struct SyntheticRecord {
  core::Entity entity;   // FtM Person
  std::string desk;      // the owning desk's country
  std::string identity;  // the true person, "P123"
};

// Calls `sink` once per record, in entity id order (ids 1..records). Same seed, same output.
void generate_persons(const SyntheticConfig& config,
                      const std::function<void(SyntheticRecord&&)>& sink);

}  // namespace crossroads::match::testing
