#include "zip_builder.h"

#include <zip.h>

#include <cstdlib>
#include <stdexcept>

namespace crossroads::testing {

std::string make_zip(const std::map<std::string, std::string>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &error) : nullptr;
  if (!z) throw std::runtime_error("make_zip: cannot create an archive in memory");
  zip_source_keep(src);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(z, content.data(), content.size(), 0);
    if (!s || zip_file_add(z, name.c_str(), s, ZIP_FL_OVERWRITE) < 0) {
      throw std::runtime_error("make_zip: cannot add " + name);
    }
  }
  if (zip_close(z) != 0) throw std::runtime_error("make_zip: cannot write the archive");
  zip_source_open(src);
  zip_source_seek(src, 0, SEEK_END);
  const zip_int64_t size = zip_source_tell(src);
  zip_source_seek(src, 0, SEEK_SET);
  std::string out(static_cast<std::size_t>(size), '\0');
  zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size));
  zip_source_close(src);
  zip_source_free(src);
  zip_error_fini(&error);
  return out;
}

namespace {

std::string escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

std::string column_name(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    out.insert(out.begin(), static_cast<char>('A' + (index - 1) % 26));
    index = (index - 1) / 26;
  }
  return out;
}

}  // namespace

std::string make_xlsx(const std::string& sheet, const std::vector<std::vector<std::string>>& rows) {
  std::string data =
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const std::string n = std::to_string(r + 1);
    data += "<row r=\"" + n + "\">";
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& v = rows[r][c];
      if (v.empty()) continue;
      const std::string ref = column_name(c) + n;
      char* end = nullptr;
      std::strtod(v.c_str(), &end);
      if (*end == '\0') {
        data += "<c r=\"" + ref + "\"><v>" + v + "</v></c>";
      } else {
        data += "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + escape(v) + "</t></is></c>";
      }
    }
    data += "</row>";
  }
  data += "</sheetData></worksheet>";
  return make_zip(
      {{"[Content_Types].xml",
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
       {"xl/workbook.xml",
        "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
        "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
        "<sheet name=\"" +
            escape(sheet) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels",
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "</Relationships>"},
       {"xl/worksheets/sheet1.xml", data}});
}

}  // namespace crossroads::testing
