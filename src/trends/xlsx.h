// A small reader of Office Open XML workbooks (.xlsx): the sheets by name, each as rows of
// cells with their text or number. Shared strings, inline strings, numbers, booleans and
// formula results; dates stay serial numbers (see excel_serial_to_month). The zip container is
// read with libzip; the XML with a hand-written scanner (the sheets are machine-written, and the
// scanner is several times faster than a general parser on a 5 MB sheet).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace crossroads::trends {

struct XlsxCell {
  int column = 0;                // 0-based (A = 0)
  std::string text;              // the cell as text (numbers as written in the file)
  std::optional<double> number;  // for numeric cells
};

struct XlsxRow {
  std::int64_t row = 0;         // 1-based, as in the sheet
  std::vector<XlsxCell> cells;  // in column order, empty cells left out
  const XlsxCell* cell(int column) const;
};

class XlsxWorkbook {
 public:
  // `bytes` must stay alive while the workbook is used. Refuses files that are not a zip or lack
  // xl/workbook.xml, and entries that unpack to more than `max_entry_bytes`.
  static core::Result<XlsxWorkbook> open(std::string_view bytes,
                                         std::size_t max_entry_bytes = 512u << 20);
  XlsxWorkbook(XlsxWorkbook&&) noexcept;
  XlsxWorkbook& operator=(XlsxWorkbook&&) noexcept;
  ~XlsxWorkbook();

  std::vector<std::string> sheet_names() const;
  core::Result<std::vector<XlsxRow>> read_sheet(const std::string& name) const;

 private:
  struct Impl;
  explicit XlsxWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// "AB12" -> column 27 (0-based); -1 when there are no letters.
int column_of_reference(std::string_view reference);
// An Excel date serial (1900 system) -> month number (year * 12 + month - 1); nullopt if out of
// the range 1900..2200.
std::optional<int> excel_serial_to_month(double serial);
// Decodes XML character references and the five predefined entities.
std::string xml_unescape(std::string_view text);

}  // namespace crossroads::trends
