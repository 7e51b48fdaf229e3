// What the case service tells whoever keeps data derived from entities (the matcher's index)
// after each commit.
#pragma once

#include <string>
#include <vector>

#include "core/domain.h"

namespace crossroads::app {

class EntityListener {
 public:
  virtual ~EntityListener() = default;
  virtual void entities_written(const std::vector<core::Entity>& entities,
                                const std::string& desk) = 0;
  virtual void entities_removed(const std::vector<core::Id>& entity_ids) = 0;
};

}  // namespace crossroads::app
