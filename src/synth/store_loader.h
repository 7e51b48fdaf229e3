// Loads the synthetic world straight into a store: cases in large transactions (a million
// persons cannot go through app::Cases one entity at a time), each entity checked with
// ftm::validate_entity first, every case owned by its desk's prosecutor, shares as generated,
// and one audit record per case in the same transaction, so the trail stays complete.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/hub.h"
#include "synth/world.h"

namespace crossroads::synth {

struct StoreLoadOptions {
  std::string password = "crossroads-demo";  // of every account the loader creates
  bool demo_accounts = true;           // also admin, secretariat, it.nm, it.analyst, de.observer
  std::size_t batch_entities = 50000;  // entities per write transaction
  std::uint64_t seed = 0;              // named in the audit records
  bool focus_group = true;  // the Focus Group's demo members, meeting, notes and country updates
};

struct StoreLoadReport {
  int users_created = 0;
  std::int64_t cases = 0;
  std::int64_t entities = 0;
  std::int64_t cooperation = 0;          // records loaded from the cooperation stream
  std::int64_t focus_group_entries = 0;  // members, meetings, notes and country updates
};

class StoreLoader : public Sink {
 public:
  StoreLoader(app::Hub& hub, StoreLoadOptions options);
  StoreLoader(const StoreLoader&) = delete;
  StoreLoader& operator=(const StoreLoader&) = delete;

  // Refuses a store that already holds the first case of this world (loading twice would
  // conflict half-way): call before generate().
  core::Status check_not_loaded(const std::string& first_reference);

  core::Status on_case(const GeneratedCase& generated) override;
  // Keeps the cooperation records (written with the next batch of cases); ignores the rest.
  core::Status on_line(Stream stream, std::string_view line) override;
  core::Status on_file(std::string_view, std::string_view) override { return core::Status::ok(); }
  // Writes what is still buffered, then the Focus Group's content (once per store). Must be
  // called after generate().
  core::Status finish();
  const StoreLoadReport& report() const { return report_; }

 private:
  core::Result<core::User> prosecutor(const std::string& desk);
  core::Status ensure_user(const std::string& username, const std::string& display_name,
                           core::Role role, const std::string& desk);
  core::Status flush();
  core::Status load_focus_group();

  struct PendingCooperation {
    std::string desk;
    std::string reference;
    app::CooperationFields fields;
  };

  app::Hub& hub_;
  StoreLoadOptions options_;
  std::map<std::string, core::User> prosecutors_;  // by desk
  std::vector<GeneratedCase> pending_;
  std::size_t pending_entities_ = 0;
  std::vector<PendingCooperation> pending_cooperation_;
  StoreLoadReport report_;
};

}  // namespace crossroads::synth
