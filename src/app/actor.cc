#include "app/actor.h"

#include "core/crypto.h"

namespace crossroads::app {

Actor command_line_actor(const core::User& user) {
  return Actor{user, "cli-" + core::random_hex(8), "cli"};
}

}  // namespace crossroads::app
