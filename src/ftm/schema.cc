#include "ftm/schema.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "core/assert.h"

namespace crossroads::embedded {
extern const std::string_view ftm_schema_json;
}

namespace crossroads::ftm {
namespace {

using nlohmann::json;

// Reading the model is strict: a typo in the generator must fail loudly at start-up, not turn
// into a schema that silently accepts anything.
class ModelReader {
 public:
  core::Status error() const { return error_; }
  bool failed() const { return !error_.is_ok(); }

  const json* member(const json& object, const char* key, json::value_t type,
                     const std::string& where) {
    auto it = object.find(key);
    if (it == object.end()) {
      fail(where + ": '" + key + "' is missing");
      return nullptr;
    }
    if (it->type() != type) {
      fail(where + "." + key + ": has the wrong JSON type");
      return nullptr;
    }
    return &*it;
  }

  std::string string(const json& object, const char* key, const std::string& where) {
    const json* value = member(object, key, json::value_t::string, where);
    return value != nullptr ? value->get<std::string>() : std::string();
  }

  bool boolean(const json& object, const char* key, const std::string& where) {
    const json* value = member(object, key, json::value_t::boolean, where);
    return value != nullptr && value->get<bool>();
  }

  std::vector<std::string> strings(const json& object, const char* key, const std::string& where) {
    std::vector<std::string> out;
    const json* value = member(object, key, json::value_t::array, where);
    if (value == nullptr) return out;
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string()) {
        fail(where + "." + key + "[" + std::to_string(i) + "]: is not a string");
        return out;
      }
      out.push_back(item.get<std::string>());
    }
    return out;
  }

  void fail(std::string message) {
    if (error_.is_ok()) error_ = core::internal("schema model: " + std::move(message));
  }

 private:
  core::Status error_;
};

SchemaSpec read_schema(ModelReader& reader, const std::string& name, const json& object) {
  const std::string where = "schemata." + name;
  SchemaSpec spec;
  spec.name = name;
  if (!object.is_object()) {
    reader.fail(where + ": is not an object");
    return spec;
  }
  spec.label = reader.string(object, "label", where);
  spec.plural = reader.string(object, "plural", where);
  spec.abstract = reader.boolean(object, "abstract", where);
  spec.matchable = reader.boolean(object, "matchable", where);
  spec.edge = reader.boolean(object, "edge", where);
  spec.extends = reader.strings(object, "extends", where);
  spec.caption = reader.strings(object, "caption", where);
  spec.required = reader.strings(object, "required", where);
  spec.featured = reader.strings(object, "featured", where);
  const json* properties = reader.member(object, "properties", json::value_t::object, where);
  if (properties == nullptr) return spec;
  for (const auto& [prop_name, prop] : properties->items()) {
    const std::string prop_where = where + ".properties." + prop_name;
    if (!prop.is_object()) {
      reader.fail(prop_where + ": is not an object");
      return spec;
    }
    PropertySpec p;
    p.name = prop_name;
    p.label = reader.string(prop, "label", prop_where);
    p.type = reader.string(prop, "type", prop_where);
    p.schema = reader.string(prop, "schema", prop_where);
    if (p.type == "entity") p.range = reader.string(prop, "range", prop_where);
    spec.properties.emplace(prop_name, std::move(p));
  }
  return spec;
}

// Cross-references inside the model: ancestors, ranges and listed properties must exist.
void check_model(ModelReader& reader, const std::map<std::string, SchemaSpec, std::less<>>& all) {
  for (const auto& [name, spec] : all) {
    for (const auto& parent : spec.extends) {
      if (!all.contains(parent)) reader.fail(name + " extends unknown schema '" + parent + "'");
    }
    for (const auto& [prop_name, prop] : spec.properties) {
      if (prop.type == "entity" && !all.contains(prop.range)) {
        reader.fail(name + "." + prop_name + " has unknown range '" + prop.range + "'");
      }
      if (prop.schema != name &&
          std::find(spec.extends.begin(), spec.extends.end(), prop.schema) == spec.extends.end()) {
        reader.fail(name + "." + prop_name + " is declared by '" + prop.schema +
                    "', which is not an ancestor");
      }
    }
    for (const auto* list : {&spec.caption, &spec.required, &spec.featured}) {
      for (const auto& prop_name : *list) {
        if (!spec.properties.contains(prop_name)) {
          reader.fail(name + " lists unknown property '" + prop_name + "'");
        }
      }
    }
  }
}

}  // namespace

const PropertySpec* SchemaSpec::property(std::string_view name) const {
  auto it = properties.find(std::string(name));
  return it == properties.end() ? nullptr : &it->second;
}

bool SchemaSpec::is_a(std::string_view schema_name) const {
  if (name == schema_name) return true;
  return std::find(extends.begin(), extends.end(), schema_name) != extends.end();
}

SchemaRegistry::SchemaRegistry(const SchemaRegistry& other) : schemata_(other.schemata_) {
  for (const SchemaSpec* spec : other.supported_) supported_.push_back(&schemata_.at(spec->name));
}

SchemaRegistry& SchemaRegistry::operator=(const SchemaRegistry& other) {
  if (this != &other) {
    SchemaRegistry copy(other);
    *this = std::move(copy);
  }
  return *this;
}

const SchemaRegistry& SchemaRegistry::builtin() {
  // A function-local static: initialised once, thread-safe, and read-only afterwards.
  static const SchemaRegistry registry = from_json(embedded::ftm_schema_json);
  return registry;
}

const SchemaSpec* SchemaRegistry::find(std::string_view name) const {
  auto it = schemata_.find(name);
  return it == schemata_.end() ? nullptr : &it->second;
}

SchemaRegistry SchemaRegistry::from_json(std::string_view json_text) {
  auto registry = parse_json(json_text);
  if (!registry.is_ok()) {
    // The model ships inside the binary; a broken one is a build defect, not a user error.
    core::assertion_failed(registry.status().message().c_str(), __FILE__, __LINE__);
  }
  return std::move(registry).value();
}

core::Result<SchemaRegistry> SchemaRegistry::parse_json(std::string_view json_text) {
  json root;
  try {
    root = json::parse(json_text.begin(), json_text.end());
  } catch (const json::exception& e) {
    return core::internal(std::string("schema model: not valid JSON: ") + e.what());
  }
  ModelReader reader;
  if (!root.is_object()) return core::internal("schema model: the top level is not an object");
  const json* schemata = reader.member(root, "schemata", json::value_t::object, "model");
  std::vector<std::string> supported = reader.strings(root, "supported", "model");
  if (reader.failed()) return reader.error();

  SchemaRegistry registry;
  for (const auto& [name, object] : schemata->items()) {
    registry.schemata_.emplace(name, read_schema(reader, name, object));
    if (reader.failed()) return reader.error();
  }
  check_model(reader, registry.schemata_);
  std::sort(supported.begin(), supported.end());
  supported.erase(std::unique(supported.begin(), supported.end()), supported.end());
  for (const auto& name : supported) {
    const SchemaSpec* spec = registry.find(name);
    if (spec == nullptr) {
      reader.fail("supported schema '" + name + "' does not exist");
    } else if (spec->abstract) {
      reader.fail("supported schema '" + name + "' is abstract");
    } else {
      registry.supported_.push_back(spec);
    }
  }
  if (reader.failed()) return reader.error();
  return registry;
}

}  // namespace crossroads::ftm
