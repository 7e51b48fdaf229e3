#include "hub_fixture.h"

#include <stdexcept>

namespace crossroads::testing {

namespace {
app::Hub make_hub(const std::string& dir, core::FakeClock*& clock_out) {
  auto clock = std::make_unique<core::FakeClock>(kTestStart);
  clock_out = clock.get();
  app::AccountPolicy policy;
  policy.password_cost = auth::PasswordCost::minimum();
  auto hub = app::Hub::open(dir, policy, std::move(clock));
  if (!hub) throw std::runtime_error(hub.status().to_string());
  return std::move(hub).value();
}
}  // namespace

HubFixture::HubFixture() : hub(make_hub(dir.path(), clock)) {}

app::Actor HubFixture::actor(const std::string& username, core::Role role,
                             const std::string& desk) {
  core::User op;
  op.username = "test-setup";
  auto user = hub.accounts->create_user_unchecked(app::command_line_actor(op),
                                                  {username, username, kTestPassword, role, desk});
  if (!user) throw std::runtime_error(user.status().to_string());
  return app::Actor{*user, "test", "127.0.0.1"};
}

core::Case HubFixture::open_case(const app::Actor& owner, const std::string& reference) {
  app::CaseFields f;
  f.reference = reference;
  f.title = "Case " + reference;
  f.offences = std::vector<std::string>{"migrant_smuggling"};
  auto c = hub.cases->create_case(owner, f);
  if (!c) throw std::runtime_error(c.status().to_string());
  return *c;
}

}  // namespace crossroads::testing
