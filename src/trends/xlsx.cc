#include "trends/xlsx.h"

#include <zip.h>

#include <cmath>
#include <cstdlib>
#include <map>

namespace crossroads::trends {

namespace {

// ---- a minimal scanner for machine-written XML

struct Tag {
  std::string_view name;   // local name, namespace prefix removed
  std::string_view attrs;  // raw attribute text
  bool closing = false;    // </name>
  bool self_closing = false;
};

std::string_view local_name(std::string_view qname) {
  auto colon = qname.find(':');
  return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

class XmlScanner {
 public:
  explicit XmlScanner(std::string_view text) : s_(text) {}

  // Advances to the next tag; text between tags is available from text_before().
  bool next(Tag& tag) {
    while (true) {
      const std::size_t lt = s_.find('<', pos_);
      if (lt == std::string_view::npos) {
        text_ = s_.substr(pos_);
        pos_ = s_.size();
        return false;
      }
      text_ = s_.substr(pos_, lt - pos_);
      if (s_.compare(lt, 4, "<!--") == 0) {
        auto end = s_.find("-->", lt + 4);
        pos_ = end == std::string_view::npos ? s_.size() : end + 3;
        continue;
      }
      if (s_.compare(lt, 9, "<![CDATA[") == 0) {
        auto end = s_.find("]]>", lt + 9);
        cdata_ = s_.substr(lt + 9, (end == std::string_view::npos ? s_.size() : end) - lt - 9);
        pos_ = end == std::string_view::npos ? s_.size() : end + 3;
        continue;
      }
      if (lt + 1 < s_.size() && (s_[lt + 1] == '?' || s_[lt + 1] == '!')) {
        auto end = s_.find('>', lt + 1);
        pos_ = end == std::string_view::npos ? s_.size() : end + 1;
        continue;
      }
      // Find the end of the tag, skipping quoted attribute values.
      std::size_t i = lt + 1;
      char quote = 0;
      for (; i < s_.size(); ++i) {
        const char c = s_[i];
        if (quote) {
          if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == '>') {
          break;
        }
      }
      if (i >= s_.size()) {
        pos_ = s_.size();
        return false;
      }
      std::string_view inner = s_.substr(lt + 1, i - lt - 1);
      pos_ = i + 1;
      tag = Tag{};
      if (!inner.empty() && inner.front() == '/') {
        tag.closing = true;
        inner.remove_prefix(1);
      }
      if (!inner.empty() && inner.back() == '/') {
        tag.self_closing = true;
        inner.remove_suffix(1);
      }
      std::size_t name_end = 0;
      while (name_end < inner.size() && inner[name_end] != ' ' && inner[name_end] != '\t' &&
             inner[name_end] != '\n' && inner[name_end] != '\r') {
        ++name_end;
      }
      tag.name = local_name(inner.substr(0, name_end));
      tag.attrs = inner.substr(name_end);
      return true;
    }
  }

  // The text between the previous tag and the current one.
  std::string_view text_before() const { return text_; }
  std::string_view take_cdata() {
    auto c = cdata_;
    cdata_ = {};
    return c;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
  std::string_view text_;
  std::string_view cdata_;
};

// The value of attribute `name` (local name match, so "r:id" matches "id" only when asked
// for "r:id" exactly or for "id" without a prefix).
std::optional<std::string_view> attribute(std::string_view attrs, std::string_view name) {
  std::size_t i = 0;
  while (i < attrs.size()) {
    while (i < attrs.size() &&
           (attrs[i] == ' ' || attrs[i] == '\t' || attrs[i] == '\n' || attrs[i] == '\r')) {
      ++i;
    }
    const std::size_t key_start = i;
    while (i < attrs.size() && attrs[i] != '=' && attrs[i] != ' ') ++i;
    std::string_view key = attrs.substr(key_start, i - key_start);
    while (i < attrs.size() && attrs[i] != '=') ++i;
    if (i >= attrs.size()) return std::nullopt;
    ++i;
    while (i < attrs.size() && attrs[i] == ' ') ++i;
    if (i >= attrs.size()) return std::nullopt;
    const char quote = attrs[i];
    if (quote != '"' && quote != '\'') return std::nullopt;
    const std::size_t value_start = ++i;
    while (i < attrs.size() && attrs[i] != quote) ++i;
    std::string_view value = attrs.substr(value_start, i - value_start);
    ++i;
    if (key == name) return value;
  }
  return std::nullopt;
}

void append_utf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x110000) {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

struct ZipCloser {
  void operator()(zip_t* z) const {
    if (z) zip_discard(z);
  }
};

}  // namespace

std::string xml_unescape(std::string_view text) {
  if (text.find('&') == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out += text[i];
      continue;
    }
    const auto semi = text.find(';', i);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += text[i];
      continue;
    }
    std::string_view ent = text.substr(i + 1, semi - i - 1);
    if (ent == "amp") {
      out += '&';
    } else if (ent == "lt") {
      out += '<';
    } else if (ent == "gt") {
      out += '>';
    } else if (ent == "quot") {
      out += '"';
    } else if (ent == "apos") {
      out += '\'';
    } else if (!ent.empty() && ent[0] == '#') {
      const bool hex = ent.size() > 1 && (ent[1] == 'x' || ent[1] == 'X');
      const std::string digits(ent.substr(hex ? 2 : 1));
      char* end = nullptr;
      const unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
      if (digits.empty() || *end != '\0') {
        out += text.substr(i, semi - i + 1);
      } else {
        append_utf8(out, cp);
      }
    } else {
      out += text.substr(i, semi - i + 1);
    }
    i = semi;
  }
  return out;
}

int column_of_reference(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) col = col * 26 + (ref[i] - 'A' + 1);
  return i == 0 ? -1 : col - 1;
}

std::optional<int> excel_serial_to_month(double serial) {
  if (!(serial >= 1 && serial < 150000)) return std::nullopt;
  // Days since 1899-12-30 (which absorbs Excel's fictitious 1900-02-29 for dates after it).
  long z = static_cast<long>(std::floor(serial)) - 25569 + 719468;  // to days since 0000-03-01
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  if (y < 1900 || y > 2200) return std::nullopt;
  return static_cast<int>(y * 12 + m - 1);
}

const XlsxCell* XlsxRow::cell(int column) const {
  for (const auto& c : cells) {
    if (c.column == column) return &c;
    if (c.column > column) break;
  }
  return nullptr;
}

struct XlsxWorkbook::Impl {
  std::unique_ptr<zip_t, ZipCloser> zip;
  std::size_t max_entry_bytes = 0;
  std::vector<std::pair<std::string, std::string>> sheets;  // name -> entry path
  std::vector<std::string> shared_strings;

  core::Result<std::string> entry(const std::string& path) const {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(zip.get(), path.c_str(), 0, &st) != 0) {
      return core::invalid("the workbook has no part '" + path + "'");
    }
    if ((st.valid & ZIP_STAT_SIZE) && st.size > max_entry_bytes) {
      return core::Status(core::Code::kPayloadTooLarge,
                          "the workbook part '" + path + "' unpacks to " +
                              std::to_string(st.size >> 20) + " MiB, more than allowed");
    }
    zip_file_t* f = zip_fopen(zip.get(), path.c_str(), 0);
    if (!f) return core::invalid("cannot open the workbook part '" + path + "'");
    std::string out;
    out.resize(static_cast<std::size_t>(st.size));
    zip_int64_t got = 0;
    std::size_t filled = 0;
    while (filled < out.size() &&
           (got = zip_fread(f, out.data() + filled, out.size() - filled)) > 0) {
      filled += static_cast<std::size_t>(got);
    }
    zip_fclose(f);
    if (got < 0 || filled != out.size()) {
      return core::invalid("the workbook part '" + path + "' is damaged (cannot unpack it)");
    }
    return out;
  }
};

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::XlsxWorkbook(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook& XlsxWorkbook::operator=(XlsxWorkbook&&) noexcept = default;
XlsxWorkbook::~XlsxWorkbook() = default;

core::Result<XlsxWorkbook> XlsxWorkbook::open(std::string_view bytes, std::size_t max_entry_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!src) {
    zip_error_fini(&error);
    return core::invalid("cannot read the workbook");
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &error);
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&error);
    return core::invalid(
        "not an .xlsx workbook (it is not a zip archive); save the file as Excel Workbook "
        "(.xlsx)");
  }
  zip_error_fini(&error);
  auto impl = std::make_unique<Impl>();
  impl->zip.reset(z);
  impl->max_entry_bytes = max_entry_bytes;

  auto workbook = impl->entry("xl/workbook.xml");
  if (!workbook) {
    return core::invalid("not an .xlsx workbook: it has no xl/workbook.xml (" +
                         workbook.status().message() + ")");
  }
  // Relationship id -> target part.
  std::map<std::string, std::string> targets;
  if (auto rels = impl->entry("xl/_rels/workbook.xml.rels"); rels) {
    XmlScanner scan(*rels);
    Tag tag;
    while (scan.next(tag)) {
      if (tag.closing || tag.name != "Relationship") continue;
      auto id = attribute(tag.attrs, "Id");
      auto target = attribute(tag.attrs, "Target");
      if (!id || !target) continue;
      std::string t(*target);
      if (!t.empty() && t.front() == '/') {
        t.erase(0, 1);
      } else {
        t = "xl/" + t;
      }
      targets[std::string(*id)] = t;
    }
  }
  {
    XmlScanner scan(*workbook);
    Tag tag;
    int index = 0;
    while (scan.next(tag)) {
      if (tag.closing || tag.name != "sheet") continue;
      ++index;
      auto name = attribute(tag.attrs, "name");
      auto rid = attribute(tag.attrs, "r:id");
      std::string path = "xl/worksheets/sheet" + std::to_string(index) + ".xml";
      if (rid) {
        auto it = targets.find(std::string(*rid));
        if (it != targets.end()) path = it->second;
      }
      impl->sheets.emplace_back(xml_unescape(name.value_or("")), path);
    }
  }
  if (auto sst = impl->entry("xl/sharedStrings.xml"); sst) {
    XmlScanner scan(*sst);
    Tag tag;
    std::string current;
    bool in_si = false;
    bool in_t = false;
    bool in_rph = false;  // phonetic runs are not part of the text
    while (scan.next(tag)) {
      if (in_t && tag.closing && tag.name == "t") {
        if (!in_rph) current += xml_unescape(scan.text_before());
        auto cdata = scan.take_cdata();
        if (!in_rph) current += cdata;
        in_t = false;
        continue;
      }
      if (tag.name == "si") {
        if (tag.closing) {
          impl->shared_strings.push_back(std::move(current));
          current.clear();
          in_si = false;
        } else if (tag.self_closing) {
          impl->shared_strings.emplace_back();
        } else {
          in_si = true;
          current.clear();
        }
      } else if (tag.name == "rPh") {
        in_rph = !tag.closing && !tag.self_closing;
      } else if (tag.name == "t" && in_si && !tag.closing && !tag.self_closing) {
        in_t = true;
      }
    }
  }
  return XlsxWorkbook(std::move(impl));
}

std::vector<std::string> XlsxWorkbook::sheet_names() const {
  std::vector<std::string> out;
  for (const auto& s : impl_->sheets) out.push_back(s.first);
  return out;
}

core::Result<std::vector<XlsxRow>> XlsxWorkbook::read_sheet(const std::string& name) const {
  std::string path;
  for (const auto& s : impl_->sheets) {
    if (s.first == name) path = s.second;
  }
  if (path.empty()) return core::not_found("the workbook has no sheet '" + name + "'");
  CR_ASSIGN_OR_RETURN(std::string xml, impl_->entry(path));
  std::vector<XlsxRow> rows;
  XmlScanner scan(xml);
  Tag tag;
  XlsxRow row;
  bool in_row = false;
  XlsxCell cell;
  bool in_cell = false;
  std::string type;
  std::string value;
  std::string inline_text;
  bool in_v = false;
  bool in_t = false;
  int next_column = 0;
  std::int64_t next_row = 1;
  auto finish_cell = [&] {
    if (type == "s") {
      char* end = nullptr;
      const long idx = std::strtol(value.c_str(), &end, 10);
      if (!value.empty() && *end == '\0' && idx >= 0 &&
          static_cast<std::size_t>(idx) < impl_->shared_strings.size()) {
        cell.text = impl_->shared_strings[static_cast<std::size_t>(idx)];
      }
    } else if (type == "inlineStr") {
      cell.text = inline_text;
    } else if (type == "str" || type == "e" || type == "d") {
      cell.text = value;
    } else if (type == "b") {
      cell.text = value == "1" ? "TRUE" : "FALSE";
    } else {
      cell.text = value;
      if (!value.empty()) {
        char* end = nullptr;
        const double v = std::strtod(value.c_str(), &end);
        if (*end == '\0' && std::isfinite(v)) cell.number = v;
      }
    }
    if (!cell.text.empty()) row.cells.push_back(std::move(cell));
  };
  while (scan.next(tag)) {
    if (tag.name == "row") {
      if (tag.closing || tag.self_closing) {
        if (!tag.closing) {
          auto r = attribute(tag.attrs, "r");
          next_row = r ? std::atoll(std::string(*r).c_str()) : next_row;
          row = XlsxRow{};
          row.row = next_row;
        }
        rows.push_back(std::move(row));
        next_row = rows.back().row + 1;
        row = XlsxRow{};
        in_row = false;
        continue;
      }
      in_row = true;
      row = XlsxRow{};
      auto r = attribute(tag.attrs, "r");
      row.row = r ? std::atoll(std::string(*r).c_str()) : next_row;
      next_column = 0;
      continue;
    }
    if (!in_row) continue;
    if (tag.name == "c") {
      if (tag.closing) {
        if (in_cell) finish_cell();
        in_cell = false;
        continue;
      }
      cell = XlsxCell{};
      auto r = attribute(tag.attrs, "r");
      const int col = r ? column_of_reference(*r) : -1;
      cell.column = col >= 0 ? col : next_column;
      next_column = cell.column + 1;
      type = std::string(attribute(tag.attrs, "t").value_or(""));
      value.clear();
      inline_text.clear();
      in_cell = !tag.self_closing;
      continue;
    }
    if (!in_cell) continue;
    if (tag.name == "v") {
      if (tag.closing && in_v) value = xml_unescape(scan.text_before());
      in_v = !tag.closing && !tag.self_closing;
    } else if (tag.name == "t") {
      if (tag.closing && in_t) {
        inline_text += xml_unescape(scan.text_before());
        inline_text += scan.take_cdata();
      }
      in_t = !tag.closing && !tag.self_closing;
    }
  }
  return rows;
}

}  // namespace crossroads::trends
