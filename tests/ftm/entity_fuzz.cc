// libFuzzer target: arbitrary bytes through the FtM entity parser, validator and writer. None
// of them may crash, and a validated entity must survive export and re-import unchanged.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ftm/entity.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace crossroads;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = ftm::entity_from_json(text);
  if (!parsed.is_ok()) return 0;
  core::Entity entity = std::move(parsed).value();
  std::string unvalidated = ftm::entity_to_json(entity);  // must not throw on any content
  (void)unvalidated;
  if (!ftm::validate_entity(ftm::SchemaRegistry::builtin(), entity).is_ok()) return 0;
  (void)ftm::entity_references(ftm::SchemaRegistry::builtin(), entity);

  std::string exported = ftm::entity_to_json(entity);
  auto again = ftm::entity_from_json(exported);
  if (!again.is_ok()) std::abort();
  core::Entity reparsed = std::move(again).value();
  if (!ftm::validate_entity(ftm::SchemaRegistry::builtin(), reparsed).is_ok()) std::abort();
  if (ftm::entity_to_json(reparsed) != exported) std::abort();  // validation is idempotent
  return 0;
}
