// The XLSX reader and the Frontex importer on small workbooks written here: reordered and
// extra columns, extra sheets, shared and inline strings, dates as serials, bad cells.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "trends/frontex.h"
#include "trends/xlsx.h"
#include "zip_builder.h"

namespace crossroads::trends {
namespace {

using crossroads::testing::make_zip;

const char* kWorkbook = R"(<?xml version="1.0"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Notes" sheetId="1" r:id="rId7"/><sheet name="Data &amp; more" sheetId="2" r:id="rId3"/></sheets></workbook>)";
const char* kRels = R"(<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId3" Type="worksheet" Target="worksheets/data.xml"/>
<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/notes.xml"/></Relationships>)";
const char* kStrings =
    R"(<sst><si><t>Route</t></si><si><r><t>Western </t></r><r><t>Balkan Route</t></r></si><si><t xml:space="preserve">Syria</t></si><si><t>MAR2023</t></si><si><t>Total</t></si></sst>)";
const char* kNotes =
    R"(<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Notes: nothing here</t></is></c></row></sheetData></worksheet>)";
// Columns: Nationality (C), Route (A), a comment column (B), FEB2023 as a date serial (D),
// MAR2023 (E). Row 3: a bad cell; row 4: unknown route; row 5: a total row; row 6: blank.
const char* kData = R"(<worksheet><sheetData>
<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="inlineStr"><is><t>Comment</t></is></c><c r="C2" t="inlineStr"><is><t>Nationality</t></is></c><c r="D2"><v>44958</v></c><c r="E2" t="s"><v>3</v></c></row>
<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="str"><v>x</v></c><c r="C3" t="s"><v>2</v></c><c r="D3"><v>120</v></c><c r="E3" t="inlineStr"><is><t>n/a</t></is></c></row>
<row r="4"><c r="A4" t="inlineStr"><is><t>Atlantis Route</t></is></c><c r="C4" t="s"><v>2</v></c><c r="D4"><v>5</v></c></row>
<row r="5"><c r="A5" t="s"><v>4</v></c><c r="D5"><v>125</v></c></row>
<row r="6"/>
<row r="7"><c r="A7" t="s"><v>1</v></c><c r="C7" t="inlineStr"><is><t>Afghanistan</t></is></c><c r="D7"><v>0</v></c><c r="E7"><v>7</v></c></row>
</sheetData></worksheet>)";

std::string workbook() {
  return make_zip({{"xl/workbook.xml", kWorkbook},
                   {"xl/_rels/workbook.xml.rels", kRels},
                   {"xl/sharedStrings.xml", kStrings},
                   {"xl/worksheets/notes.xml", kNotes},
                   {"xl/worksheets/data.xml", kData}});
}

TEST(Xlsx, ReadsSheetsSharedAndInlineStringsAndNumbers) {
  const std::string bytes = workbook();
  auto book = XlsxWorkbook::open(bytes);
  ASSERT_TRUE(book.is_ok()) << book.status().to_string();
  EXPECT_EQ(book->sheet_names(), (std::vector<std::string>{"Notes", "Data & more"}));
  auto rows = book->read_sheet("Data & more");
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 6u);
  EXPECT_EQ((*rows)[0].row, 2);
  EXPECT_EQ((*rows)[1].cell(0)->text, "Western Balkan Route");
  EXPECT_EQ((*rows)[1].cell(2)->text, "Syria");
  EXPECT_EQ(*(*rows)[1].cell(3)->number, 120);
  EXPECT_EQ((*rows)[1].cell(4)->text, "n/a");
  EXPECT_FALSE(book->read_sheet("Missing").is_ok());
}

TEST(Xlsx, HelpersReadReferencesSerialsAndEntities) {
  EXPECT_EQ(column_of_reference("A1"), 0);
  EXPECT_EQ(column_of_reference("AB12"), 27);
  EXPECT_EQ(excel_serial_to_month(44958), 2023 * 12 + 1);  // 2023-02-01
  EXPECT_EQ(excel_serial_to_month(45292), 2024 * 12);      // 2024-01-01
  EXPECT_EQ(xml_unescape("a &amp; b &#233; &#x41;"), "a & b \xC3\xA9 A");
}

TEST(FrontexImport, ToleratesOtherLayoutsAndReportsEachBadRow) {
  auto r = import_frontex(workbook(), Taxonomy::builtin());
  ASSERT_TRUE(r.is_ok()) << r.status().to_string();
  EXPECT_EQ(r->rows, 3);  // the total row and the blank row are not data
  ASSERT_EQ(r->incidents.size(), 2u);
  EXPECT_EQ(r->incidents[0].route, "western_balkans");
  EXPECT_EQ(r->incidents[0].nationality, "Syria");
  EXPECT_EQ(r->incidents[0].month, 2023 * 12 + 1);
  EXPECT_EQ(r->incidents[0].detected, 120);
  EXPECT_EQ(r->incidents[0].border_type, "land");
  EXPECT_EQ(r->incidents[1].month, 2023 * 12 + 2);
  EXPECT_EQ(r->incidents[1].detected, 7);
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0].row, 3);
  EXPECT_EQ(r->errors[0].column, "MAR2023");
  EXPECT_EQ(r->errors[0].reason, "not a count of detections: 'n/a'");
  EXPECT_EQ(r->errors[1].row, 4);
  EXPECT_NE(r->errors[1].reason.find("unknown route 'Atlantis Route'"), std::string::npos);
}

TEST(FrontexImport, RefusesAWorkbookWithoutRouteAndMonthColumns) {
  const std::string bytes = make_zip({{"xl/workbook.xml", kWorkbook},
                                      {"xl/_rels/workbook.xml.rels", kRels},
                                      {"xl/worksheets/notes.xml", kNotes},
                                      {"xl/worksheets/data.xml", kNotes}});
  auto r = import_frontex(bytes, Taxonomy::builtin());
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("'Route' column"), std::string::npos);
}

}  // namespace
}  // namespace crossroads::trends
