// libFuzzer target for the trend importers: the first byte picks the importer (Frontex workbook,
// IOM CSV, synthetic events CSV), the rest is the file. Must never crash, hang or leak, and:
//  - every incident has a route of the taxonomy and counts that are not negative;
//  - every reported row error has a row number and a reason.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trends/events.h"
#include "trends/frontex.h"
#include "trends/iom.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  using namespace crossroads::trends;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const Taxonomy& taxonomy = Taxonomy::builtin();
  crossroads::core::Result<ImportResult> r = crossroads::core::invalid("unset");
  switch (data[0] % 3) {
    case 0:
      r = import_frontex(text, taxonomy);
      break;
    case 1:
      r = import_iom(text, taxonomy);
      break;
    default:
      r = import_synth_events(text, taxonomy);
      break;
  }
  if (!r.is_ok()) return 0;
  for (const auto& i : r->incidents) {
    if (!taxonomy.find(i.route)) std::abort();
    if (i.detected < 0 || i.dead < 0 || i.missing < 0 || i.survivors < 0 || i.children < 0) {
      std::abort();
    }
  }
  for (const auto& e : r->errors) {
    if (e.row <= 0 || e.reason.empty()) std::abort();
  }
  return 0;
}
