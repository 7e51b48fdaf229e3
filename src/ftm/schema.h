// The FollowTheMoney data model as Crossroads uses it: schemata, their properties (with
// inheritance resolved) and property types, loaded from data/ftm/schema.json (generated from
// the FtM YAML reference by scripts/gen-ftm-schema) and embedded in the binary.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossroads::ftm {

struct PropertySpec {
  std::string name;    // "birthDate"
  std::string label;   // "Birth date"
  std::string type;    // FtM type: "string", "name", "date", "country", "phone", "email",
                       // "url", "iban", "identifier", "entity", "address", "number", "text", ...
  std::string range;   // for type "entity": the schema the value must point to ("Person")
  std::string schema;  // the schema that declares the property (may be an ancestor)
};

struct SchemaSpec {
  std::string name;    // "Person"
  std::string label;   // "Person"
  std::string plural;  // "People"
  bool abstract = false;
  bool matchable = false;
  bool edge = false;                 // Payment, Call, Membership...: links two entities
  std::vector<std::string> extends;  // every ancestor, nearest first
  std::vector<std::string> caption;  // properties that label an entity, in order
  std::vector<std::string> required;
  std::vector<std::string> featured;
  std::map<std::string, PropertySpec> properties;  // own and inherited

  const PropertySpec* property(std::string_view name) const;
  bool is_a(std::string_view schema_name) const;  // itself or an ancestor
};

class SchemaRegistry {
 public:
  SchemaRegistry() = default;
  // Copies re-point supported() at their own schemata; moves keep the map's nodes.
  SchemaRegistry(const SchemaRegistry& other);
  SchemaRegistry& operator=(const SchemaRegistry& other);
  SchemaRegistry(SchemaRegistry&&) noexcept = default;
  SchemaRegistry& operator=(SchemaRegistry&&) noexcept = default;

  // The embedded model. Loaded once; safe to use from any thread.
  static const SchemaRegistry& builtin();

  const SchemaSpec* find(std::string_view name) const;
  // The schemata a case may hold (non-abstract ones Crossroads supports), sorted by name.
  const std::vector<const SchemaSpec*>& supported() const { return supported_; }

  // Every schema of the model, abstract and unsupported ones included, by name.
  const std::map<std::string, SchemaSpec, std::less<>>& all() const { return schemata_; }

  // For tests and tools: builds a registry from the JSON text of data/ftm/schema.json.
  // The text is part of the program, so malformed text is a programmer error (asserts).
  static SchemaRegistry from_json(std::string_view json);
  // The same, reporting what is wrong with the text instead of asserting.
  static core::Result<SchemaRegistry> parse_json(std::string_view json);

 private:
  std::map<std::string, SchemaSpec, std::less<>> schemata_;
  std::vector<const SchemaSpec*> supported_;
};

}  // namespace crossroads::ftm
