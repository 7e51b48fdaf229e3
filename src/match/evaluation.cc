#include "match/evaluation.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "match/person_model.h"

namespace crossroads::match {
namespace {

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

struct PairHash {
  std::size_t operator()(const std::pair<core::Id, core::Id>& p) const {
    return std::hash<core::Id>{}(p.first) * 1000003u ^ std::hash<core::Id>{}(p.second);
  }
};
using PairSet = std::unordered_set<std::pair<core::Id, core::Id>, PairHash>;
std::pair<core::Id, core::Id> key(core::Id a, core::Id b) {
  return a < b ? std::make_pair(a, b) : std::make_pair(b, a);
}

void prf(std::size_t tp, std::size_t predicted, std::size_t truth, double& p, double& r,
         double& f) {
  p = predicted == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(predicted);
  r = truth == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(truth);
  f = p + r == 0 ? 0 : 2 * p * r / (p + r);
}

nlohmann::json record_json(const MatchRecord& r) {
  nlohmann::json j;
  j["id"] = r.entity_id;
  j["case"] = r.case_id;
  nlohmann::json names = nlohmann::json::array();
  for (const auto& n : r.names) names.push_back(n.display);
  j["names"] = names;
  if (r.birth_date.year != 0) {
    j["birth"] = std::to_string(r.birth_date.year) + "-" + std::to_string(r.birth_date.month) +
                 "-" + std::to_string(r.birth_date.day);
  }
  j["nationalities"] = r.nationalities;
  j["gender"] = static_cast<int>(r.gender);
  nlohmann::json ids = nlohmann::json::array();
  for (const auto& i : r.identifiers) {
    ids.push_back(std::string(normalize::kind_name(i.kind)) + ":" + i.value);
  }
  j["identifiers"] = ids;
  return j;
}

void write_error(std::ostream& out, const char* what, const MatchRecord& a, const MatchRecord& b,
                 const Comparison& c) {
  nlohmann::json j;
  j["error"] = what;
  j["probability"] = c.probability;
  j["weight"] = c.weight;
  j["a"] = record_json(a);
  j["b"] = record_json(b);
  nlohmann::json ev = nlohmann::json::array();
  for (const auto& e : c.evidence)
    ev.push_back(e.field + " " + e.text + " " + std::to_string(e.weight));
  j["evidence"] = ev;
  out << j.dump() << "\n";
}

}  // namespace

EvalResult evaluate(const std::vector<MatchRecord>& records,
                    const std::vector<std::pair<core::Id, std::string>>& truth,
                    const EvalOptions& options) {
  EvalResult out;
  out.records = records.size();
  std::unordered_map<core::Id, const MatchRecord*> by_id;
  for (const auto& r : records) {
    by_id[r.entity_id] = &r;
    if (r.is_person()) ++out.persons;
  }
  std::unordered_map<core::Id, std::string> identity(truth.begin(), truth.end());

  Matcher m(options.matcher);
  auto t0 = std::chrono::steady_clock::now();
  m.add_all(records);
  out.seconds_index = seconds_since(t0);
  t0 = std::chrono::steady_clock::now();
  if (options.estimate) m.estimate_parameters();
  out.seconds_estimate = seconds_since(t0);
  out.parameters = m.parameters();
  t0 = std::chrono::steady_clock::now();
  const std::vector<Link> hits = m.links();
  out.seconds_links = seconds_since(t0);
  out.hits = hits.size();
  out.common_identifiers = m.common_identifiers(1u << 30).size();

  // Truth pairs: person records of one identity in different cases.
  std::map<std::string, std::vector<const MatchRecord*>> groups;
  for (const auto& [id, who] : truth) {
    auto it = by_id.find(id);
    if (it != by_id.end() && it->second->is_person()) groups[who].push_back(it->second);
  }
  for (const auto& [who, g] : groups) {
    for (std::size_t i = 0; i < g.size(); ++i) {
      for (std::size_t j = i + 1; j < g.size(); ++j) {
        if (g[i]->case_id != g[j]->case_id) ++out.true_pairs;
      }
    }
  }
  auto same = [&](core::Id a, core::Id b) {
    auto ia = identity.find(a), ib = identity.find(b);
    return ia != identity.end() && ib != identity.end() && ia->second == ib->second;
  };

  PairSet linked;
  PairSet person_linked;
  for (const Link& h : hits) {
    linked.insert(key(h.a, h.b));
    if (h.kind != Hit::Kind::kPerson) continue;
    ++out.predicted_pairs;
    if (options.errors != nullptr) person_linked.insert(key(h.a, h.b));
    if (same(h.a, h.b)) {
      ++out.true_positives;
    } else if (options.errors != nullptr) {
      const MatchRecord& a = *by_id[h.a];
      const MatchRecord& b = *by_id[h.b];
      write_error(*options.errors, "false positive", a, b, m.compare(a, b));
    }
  }
  if (options.errors != nullptr) {
    for (const auto& [who, g] : groups) {
      for (std::size_t i = 0; i < g.size(); ++i) {
        for (std::size_t j = i + 1; j < g.size(); ++j) {
          if (g[i]->case_id == g[j]->case_id) continue;
          if (person_linked.count(key(g[i]->entity_id, g[j]->entity_id)) != 0) continue;
          write_error(*options.errors, "false negative", *g[i], *g[j], m.compare(*g[i], *g[j]));
        }
      }
    }
  }
  prf(out.true_positives, out.predicted_pairs, out.true_pairs, out.precision, out.recall, out.f1);

  std::size_t id_pred = 0, id_tp = 0;
  for (const auto& group : m.identities(hits, options.matcher.threshold)) {
    out.largest_identity = std::max(out.largest_identity, group.size());
    for (std::size_t i = 0; i < group.size(); ++i) {
      for (std::size_t j = i + 1; j < group.size(); ++j) {
        if (by_id[group[i]]->case_id == by_id[group[j]]->case_id) continue;
        ++id_pred;
        if (same(group[i], group[j])) ++id_tp;
      }
    }
  }
  prf(id_tp, id_pred, out.true_pairs, out.identity_precision, out.identity_recall, out.identity_f1);

  // Shared identifiers that are not common: every cross-case pair must be linked.
  std::unordered_map<std::string, std::vector<const MatchRecord*>> holders;
  for (const auto& r : records) {
    for (const auto& i : r.identifiers) {
      holders[std::string(normalize::kind_name(i.kind)) + ":" + i.value].push_back(&r);
    }
  }
  for (const auto& [value, h] : holders) {
    std::set<core::Id> cases;
    for (const auto* r : h) cases.insert(r->case_id);
    if (cases.size() < 2 ||
        cases.size() > static_cast<std::size_t>(options.matcher.max_identifier_cases)) {
      continue;
    }
    for (std::size_t i = 0; i < h.size(); ++i) {
      for (std::size_t j = i + 1; j < h.size(); ++j) {
        if (h[i]->case_id == h[j]->case_id) continue;
        ++out.identifier_pairs;
        if (linked.count(key(h[i]->entity_id, h[j]->entity_id)) != 0) {
          ++out.identifier_pairs_linked;
        }
      }
    }
  }
  out.identifier_recall = out.identifier_pairs == 0
                              ? 1.0
                              : static_cast<double>(out.identifier_pairs_linked) /
                                    static_cast<double>(out.identifier_pairs);
  return out;
}

std::string summary(const EvalResult& r) {
  char buf[512];
  std::snprintf(buf, sizeof buf,
                "records %zu persons %zu | person links: precision %.4f recall %.4f f1 %.4f "
                "(%zu true pairs, %zu predicted) | identities: precision %.4f recall %.4f f1 "
                "%.4f largest %zu | identifiers: recall %.4f (%zu pairs), %zu common | "
                "EM %d iterations%s",
                r.records, r.persons, r.precision, r.recall, r.f1, r.true_pairs, r.predicted_pairs,
                r.identity_precision, r.identity_recall, r.identity_f1, r.largest_identity,
                r.identifier_recall, r.identifier_pairs, r.common_identifiers,
                r.parameters.iterations, r.parameters.converged ? " (converged)" : "");
  return buf;
}

std::string describe_model(const ModelParameters& p) {
  std::string out;
  char buf[256];
  for (int f = 0; f < kFieldCount; ++f) {
    for (int l = 0; l < model::kLevelCount[f]; ++l) {
      std::snprintf(buf, sizeof buf, "  %-12s %-58s m=%.4f u=%.5f %+6.2f\n", model::field_name(f),
                    model::level_text(f, l), p.m[f][l], p.u[f][l], model::level_weight(p, f, l));
      out += buf;
    }
  }
  std::snprintf(buf, sizeof buf, "  %-12s %-58s %+6.2f\n", "prior",
                "P(match) among candidate pairs", model::prior_weight(p));
  out += buf;
  return out;
}

}  // namespace crossroads::match
