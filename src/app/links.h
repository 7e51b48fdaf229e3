// Cross-case links as desks see them: hit notices in each desk's inbox, reviewers' decisions
// on suggested links, and requests for access to the other desk's case. A notice tells a desk
// which of its entities matched, how strongly, the kinds of evidence and the other desk: never
// the other desk's data. Access is granted only by the owning desk, by sharing its case.
#pragma once

#include <functional>
#include <vector>

#include "app/actor.h"
#include "core/clock.h"
#include "core/status.h"
#include "store/store.h"

namespace crossroads::app {

class Links {
 public:
  Links(store::Store& store, const core::Clock& clock) : store_(store), clock_(clock) {}
  Links(const Links&) = delete;
  Links& operator=(const Links&) = delete;

  // Records what the matcher found (entity_a < entity_b, different cases): creates or updates
  // each link and tells each desk about it once. Returns how many notices were created.
  core::Result<int> record(const std::vector<core::LinkHit>& hits);
  // For each entity, the links (entity_a, entity_b) the matcher still finds for it.
  using KeptLinks = std::vector<std::pair<core::Id, std::vector<std::pair<core::Id, core::Id>>>>;
  // Removes, in one transaction, the links of these entities that the matcher no longer
  // finds, unless a reviewer decided on them.
  core::Status prune(const KeptLinks& kept);

  core::Result<store::Listing<core::HitNotice>> inbox(const Actor& actor, bool unread_only,
                                                      store::Page page);
  // One notice of the actor's desk; marks it read.
  core::Result<core::HitNotice> open_notice(const Actor& actor, core::Id notice_id);
  // A reviewer of the desk confirms or rejects the suggested link, optionally saying why;
  // overrides the model. The decision is shown with the notice when the hit comes up again.
  core::Result<core::LinkDecision> decide(const Actor& actor, core::Id notice_id, bool confirm,
                                          const std::string& note = {});
  // Asks the other desk for access to the case behind a notice.
  core::Result<core::AccessRequest> request_access(const Actor& actor, core::Id notice_id,
                                                   const std::string& reason);
  core::Result<std::vector<core::AccessRequest>> access_requests(const Actor& actor, bool incoming);
  // The owning desk grants (shares its case with the requesting desk) or refuses.
  core::Result<core::AccessRequest> decide_access(const Actor& actor, core::Id request_id,
                                                  bool grant, const std::string& note);

  // Called after a decision is stored, so the matcher applies it at once.
  void on_decision(std::function<void(const core::LinkDecision&)> listener) {
    decision_listener_ = std::move(listener);
  }

 private:
  core::Result<core::HitNotice> load_notice(store::Transaction& tx, const Actor& actor,
                                            core::Id notice_id);

  store::Store& store_;
  const core::Clock& clock_;
  std::function<void(const core::LinkDecision&)> decision_listener_;
};

}  // namespace crossroads::app
