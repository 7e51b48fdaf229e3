// FollowTheMoney entities: validation against the schema, and the JSON form used by Aleph,
// OpenSanctions and yente ({"id", "schema", "properties": {name: [values]}}).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/domain.h"
#include "core/status.h"
#include "ftm/schema.h"

namespace crossroads::ftm {

// Limits that keep one entity from filling the store or a reviewer's screen.
inline constexpr std::size_t kMaxValueBytes = 65536;  // one value of a text or string property
inline constexpr std::size_t kMaxNameBytes = 1000;    // one value of a name, identifier or phone
inline constexpr std::size_t kMaxIdBytes = 512;       // an FtM id, or a reference to one
inline constexpr std::size_t kMaxValuesPerProperty = 1000;
inline constexpr std::size_t kMaxEntityBytes = 1 << 20;      // all values of one entity together
inline constexpr std::size_t kMaxEntityJsonBytes = 4 << 20;  // the JSON text of one entity

// Checks and tidies an entity in place: the schema exists and is supported, every property
// belongs to it, values are trimmed, empty values dropped, duplicates removed; dates
// (YYYY, YYYY-MM, YYYY-MM-DD, optional time), countries (ISO 3166-1 alpha-2, stored lower
// case as FtM does; also accepts upper case), e-mails, URLs and other typed values are
// well-formed; required properties are present; and `caption` is set from the schema's
// caption properties. Errors name the property in `field` ("properties.birthDate") and say
// what a person must change. Entity references are not resolved here (see app/).
core::Status validate_entity(const SchemaRegistry& registry, core::Entity& entity);

// Parses one FtM JSON object. Unknown top-level keys other than those FtM emits
// (id, schema, properties, caption, datasets, referents, first_seen, last_seen, target) are
// refused. The id is kept as ftm_id; case_id and the other bookkeeping fields stay zero.
core::Result<core::Entity> entity_from_json(std::string_view json);

// One line of FtM JSON (no trailing newline), keys in a stable order.
std::string entity_to_json(const core::Entity& entity);

// The values of the entity's properties of FtM type "entity" (references to other entities by
// ftm_id), as (property, ftm_id) pairs.
std::vector<std::pair<std::string, std::string>> entity_references(const SchemaRegistry& registry,
                                                                   const core::Entity& entity);

}  // namespace crossroads::ftm
