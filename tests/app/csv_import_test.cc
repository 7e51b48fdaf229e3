// Cases::import_csv: CSV rows with a column mapping become entities, checked as entity creation
// checks them, all or nothing unless bad rows are skipped on purpose, audited.
#include <gtest/gtest.h>

#include <map>

#include "app/cases.h"
#include "hub_fixture.h"

namespace crossroads::app {
namespace {

using core::Code;
using core::Role;

constexpr const char* kPeople =
    "Ref,Name,Surname,DOB,Nationality,Mobile,Mobile 2\n"
    "r1,Khaled Mansour,Mansour,1991-03-12,LY,+218 91 555 0101,\n"
    "r2,Yusuf Demir,Demir,1985,tr,+90 532 123 45 67,+90 532 765 43 21\n"
    "\n"
    "\"r3\",\"Khaled Ben Salem, Jr.\",\"Ben Salem, Jr.\",,tn,,\n";
constexpr const char* kHeader = "Ref,Name,Surname,DOB,Nationality,Mobile,Mobile 2\n";

CsvImportOptions person_mapping(bool with_id = true) {
  CsvImportOptions o;
  o.schema = "Person";
  if (with_id) o.columns.emplace_back("Ref", "id");
  o.columns.emplace_back("Name", "name");
  o.columns.emplace_back("Surname", "lastName");
  o.columns.emplace_back("DOB", "birthDate");
  o.columns.emplace_back("Nationality", "nationality");
  o.columns.emplace_back("Mobile", "phone");
  o.columns.emplace_back("Mobile 2", "phone");
  return o;
}

class CsvImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    it_ = fx_.actor("it.prosecutor", Role::kProsecutor, "IT");
    de_ = fx_.actor("de.prosecutor", Role::kProsecutor, "DE");
    admin_ = fx_.actor("root", Role::kAdministrator, "");
    case_ = fx_.open_case(it_, "CSV-1");
  }
  Cases& cases() { return *fx_.hub.cases; }

  std::vector<core::Entity> entities() {
    store::EntityQuery q;
    q.case_id = case_.id;
    q.sort = "created_at";
    auto listing = cases().list_entities(it_, q);
    EXPECT_TRUE(listing.is_ok()) << listing.status().to_string();
    return listing.is_ok() ? listing->items : std::vector<core::Entity>{};
  }

  std::vector<core::AuditRecord> audit(const std::string& action) {
    store::AuditQuery q;
    q.case_id = case_.id;
    q.limit = 1000;
    q.action_prefix = action;
    auto records = fx_.hub.audit->list(admin_, q);
    EXPECT_TRUE(records.is_ok());
    std::vector<core::AuditRecord> out;
    if (!records) return out;
    for (const auto& r : *records) {
      if (r.action == action) out.push_back(r);
    }
    return out;
  }

  testing::HubFixture fx_;
  Actor it_, de_, admin_;
  core::Case case_;
};

TEST_F(CsvImportTest, ImportsMappedRowsWithTidiedValues) {
  auto o = person_mapping();
  auto report = cases().import_csv(it_, case_.id, kPeople, o, "import:csv:people.csv");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->created, 3);
  EXPECT_EQ(report->rejected, 0);
  EXPECT_TRUE(report->errors.empty());
  std::map<std::string, core::Entity> all;
  for (auto& e : entities()) all[e.ftm_id] = e;
  ASSERT_EQ(all.size(), 3u);
  const core::Entity& khaled = all["r1"];
  EXPECT_EQ(khaled.ftm_id, "r1");
  EXPECT_EQ(khaled.schema, "Person");
  EXPECT_EQ(khaled.caption, "Khaled Mansour");
  EXPECT_EQ(khaled.properties.at("nationality"), std::vector<std::string>{"ly"});  // lower case
  EXPECT_EQ(khaled.source, "import:csv:people.csv");
  EXPECT_EQ(all["r2"].properties.at("phone").size(), 2u);  // two columns feed one property
  EXPECT_EQ(all["r3"].properties.at("lastName"), std::vector<std::string>{"Ben Salem, Jr."});
  EXPECT_EQ(all["r3"].properties.count("birthDate"), 0u);  // an empty cell is no value
  ASSERT_EQ(audit("entity.import").size(), 1u);
  EXPECT_NE(audit("entity.import")[0].detail.find("3 created"), std::string::npos);
}

TEST_F(CsvImportTest, ReportsEveryBadCellWithRowLineAndColumnAndWritesNothing) {
  auto o = person_mapping();
  const std::string csv = std::string(kHeader) +
                          "r1,Khaled Mansour,Mansour,1991-13-45,Libya,,\n"
                          "r2,Yusuf Demir,Demir,1985,tr,,\n"
                          "r3,,\"Multi\nline\",1990,xx,,\n";
  auto report = cases().import_csv(it_, case_.id, csv, o, "import:csv");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_FALSE(report->written);
  EXPECT_EQ(report->rows, 3);
  EXPECT_EQ(report->rejected, 2);
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_EQ(report->errors[0].row, 1u);
  EXPECT_EQ(report->errors[0].line, 2u);
  EXPECT_EQ(report->errors[0].column, "DOB");
  EXPECT_EQ(report->errors[0].property, "birthDate");
  EXPECT_NE(report->errors[0].message.find("is not a date"), std::string::npos);
  EXPECT_EQ(report->errors[0].message.find("properties."), std::string::npos);
  EXPECT_EQ(report->errors[1].column, "Nationality");
  EXPECT_NE(report->errors[1].message.find("country code"), std::string::npos);
  // Row 3 starts on line 4 and has its name column empty: the row lacks a required value.
  EXPECT_EQ(report->errors[2].row, 3u);
  EXPECT_EQ(report->errors[2].line, 4u);
  EXPECT_EQ(report->errors[2].column, "Nationality");
  EXPECT_EQ(describe(report->errors[0]).substr(0, 40), "line 2 (row 1), column 'DOB' (birthDate)");
  EXPECT_TRUE(entities().empty());
  ASSERT_EQ(audit("entity.import").size(), 1u);
  EXPECT_EQ(audit("entity.import")[0].outcome, "invalid");
}

TEST_F(CsvImportTest, NamesTheColumnsOfAMissingRequiredValue) {
  CsvImportOptions o;
  o.schema = "Person";
  o.columns = {{"Full name", "name"}, {"DOB", "birthDate"}};
  auto report = cases().import_csv(it_, case_.id, "Full name,DOB\n,1990\n", o, "t");
  ASSERT_TRUE(report.is_ok());
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].column, "Full name");
  EXPECT_EQ(report->errors[0].property, "name");
  EXPECT_NE(report->errors[0].message.find("needs a value"), std::string::npos);
}

TEST_F(CsvImportTest, SkipsBadRowsOnlyWhenAsked) {
  auto o = person_mapping();
  o.skip_invalid = true;
  const std::string csv = std::string(kHeader) +
                          "r1,Khaled Mansour,Mansour,1991-13-45,ly,,\n"
                          "r2,Yusuf Demir,Demir,1985,tr,,\n"
                          "r2,Yusuf Demir,Demir,1985,tr,,\n"
                          "r4,Too Many,Many,1985,tr,,,,\n";
  auto report = cases().import_csv(it_, case_.id, csv, o, "t");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->created, 1);
  EXPECT_EQ(report->rejected, 3);
  ASSERT_EQ(report->errors.size(), 3u);
  EXPECT_NE(report->errors[1].message.find("also on row 2"), std::string::npos);
  EXPECT_EQ(report->errors[1].column, "Ref");
  EXPECT_NE(report->errors[2].message.find("has 9 fields but the header has 7"), std::string::npos);
  ASSERT_EQ(entities().size(), 1u);
  EXPECT_EQ(entities()[0].ftm_id, "r2");
}

TEST_F(CsvImportTest, DryRunSaysWhatWouldHappenAndWritesNothing) {
  auto o = person_mapping();
  ASSERT_TRUE(cases().import_csv(it_, case_.id, kPeople, o, "t").is_ok());
  const std::string changed =
      std::string(kHeader) +
      "r1,Khaled Mansour,Mansour,1991-03-12,LY,+218 91 555 0101,\n"  // as before
      "r2,Yusuf Demir,Demir,1986,tr,+90 532 123 45 67,\n"            // changed
      "r9,Ousmane Diallo,Diallo,1999-07-01,GN,,\n";                  // new
  o.dry_run = true;
  auto report = cases().import_csv(it_, case_.id, changed, o, "t");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_FALSE(report->written);
  EXPECT_EQ(report->created, 1);
  EXPECT_EQ(report->updated, 1);
  EXPECT_EQ(report->unchanged, 1);
  ASSERT_EQ(report->preview.size(), 3u);
  EXPECT_EQ(report->preview[0].action, "unchanged");
  EXPECT_EQ(report->preview[1].action, "update");
  EXPECT_EQ(report->preview[2].action, "create");
  EXPECT_EQ(report->preview[2].entity.properties.at("nationality"), std::vector<std::string>{"gn"});
  EXPECT_EQ(report->preview[2].line, 4u);
  EXPECT_EQ(entities().size(), 3u);
  bool still_1985 = false;
  for (const auto& e : entities()) {
    if (e.ftm_id == "r2") still_1985 = e.properties.at("birthDate")[0] == "1985";
  }
  EXPECT_TRUE(still_1985);
  ASSERT_EQ(audit("entity.import.check").size(), 1u);
}

TEST_F(CsvImportTest, DerivesIdsFromTheValuesSoThatReimportingChangesNothing) {
  auto o = person_mapping(false);
  auto first = cases().import_csv(it_, case_.id, kPeople, o, "t");
  ASSERT_TRUE(first.is_ok()) << first.status().to_string();
  EXPECT_EQ(first->created, 3);
  auto again = cases().import_csv(it_, case_.id, kPeople, o, "t");
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->created, 0);
  EXPECT_EQ(again->unchanged, 3);
  EXPECT_EQ(entities()[0].ftm_id.substr(0, 4), "csv-");
  // The same row twice in one file is reported, not imported twice.
  auto twice = cases().import_csv(
      it_, case_.id, "Surname,Given name\nDemir,Yusuf\n Demir , Yusuf\n",
      {"Person", {{"Surname", "lastName"}, {"Given name", "name"}}, false, false}, "t");
  ASSERT_TRUE(twice.is_ok());
  ASSERT_EQ(twice->errors.size(), 1u);
  EXPECT_NE(twice->errors[0].message.find("repeats row 1"), std::string::npos);
}

TEST_F(CsvImportTest, RejectsRowsReferringToUnknownEntitiesAndThoseReferringToThem) {
  CsvImportOptions o;
  o.schema = "UserAccount";
  o.columns = {{"id", "id"}, {"user", "username"}, {"owner", "owner"}};
  o.dry_run = true;
  const std::string csv = "id,user,owner\nu1,alpha,nobody\nu2,beta,\n";
  auto report = cases().import_csv(it_, case_.id, csv, o, "t");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->rejected, 1);
  ASSERT_EQ(report->errors.size(), 1u);
  EXPECT_EQ(report->errors[0].column, "owner");
  EXPECT_NE(report->errors[0].message.find("'nobody'"), std::string::npos);
  EXPECT_EQ(report->created, 1);
}

TEST_F(CsvImportTest, RefusesABadMappingBeforeReadingRows) {
  auto run = [&](CsvImportOptions o, std::string_view csv = kPeople) {
    return cases().import_csv(it_, case_.id, csv, o, "t").status();
  };
  EXPECT_EQ(run({"Persn", {{"Surname", "name"}}, false, false}).field(), "schema");
  EXPECT_EQ(run({"Person", {}, false, false}).field(), "mapping");
  auto unknown = run({"Person", {{"Surname", "surname"}}, false, false});
  EXPECT_EQ(unknown.field(), "mapping");
  EXPECT_NE(unknown.message().find("has no property 'surname'"), std::string::npos);
  auto missing = run({"Person", {{"Family name", "lastName"}}, false, false});
  EXPECT_NE(missing.message().find("there is no column 'Family name'"), std::string::npos);
  EXPECT_NE(missing.message().find("'Surname'"), std::string::npos);
  auto two_ids = run({"Person", {{"Ref", "id"}, {"Surname", "id"}}, false, false});
  EXPECT_NE(two_ids.message().find("only one column"), std::string::npos);
  auto twice = run({"Person", {{"A", "name"}}, false, false}, "A,A\nx,y\n");
  EXPECT_NE(twice.message().find("2 columns named 'A'"), std::string::npos);
  auto unclosed = run({"Person", {{"A", "name"}}, false, false}, "A\n\"open\n");
  EXPECT_EQ(unclosed.field(), "csv");
  EXPECT_NE(unclosed.message().find("not closed"), std::string::npos);
  EXPECT_EQ(run({"Person", {{"A", "name"}}, false, false}, "").field(), "csv");
  EXPECT_EQ(run({"Person", {{"A", "name"}}, false, false}, "A\n\n").field(), "csv");
  EXPECT_TRUE(entities().empty());
}

// A French police export saved by Excel: Windows-1252, semicolons, CRLF, commas in addresses.
constexpr const char* kFrenchExport =
    "N\xB0 proc\xE9"
    "dure;Nom;Pr\xE9nom;N\xE9(e) le;Nationalit\xE9;T\xE9l\xE9phone;Adresse\r\n"
    "PV-2026-0412;LEF\xC8VRE;J\xE9r\xF4me;1987-03-12;FR;06 12 34 56 78;\"12, rue de la Paix\"\r\n"
    "PV-2026-0413;BEN SALEM;Khaled;1991;TN;+216 20 123 456;3, all\xE9"
    "e des Fr\xEAnes\r\n"
    "PV-2026-0414;M\xDCLLER;Ana\xEFs;;DE;;\r\n";

CsvImportOptions french_mapping() {
  CsvImportOptions o;
  o.schema = "Person";
  o.columns = {{"N\u00b0 proc\u00e9dure", "id"},
               {"Nom", "name"},
               {"Pr\u00e9nom", "firstName"},
               {"N\u00e9(e) le", "birthDate"},
               {"Nationalit\u00e9", "nationality"},
               {"T\u00e9l\u00e9phone", "phone"},
               {"Adresse", "address"}};
  return o;
}

TEST_F(CsvImportTest, ReadsAFrenchPoliceExportInWindows1252WithSemicolons) {
  auto o = french_mapping();
  o.dry_run = true;
  auto check = cases().import_csv(it_, case_.id, kFrenchExport, o, "import:csv:pv.csv");
  ASSERT_TRUE(check.is_ok()) << check.status().to_string();
  EXPECT_EQ(check->format, "semicolon-separated, Windows-1252");
  EXPECT_TRUE(check->encoding_detected);
  EXPECT_TRUE(check->delimiter_detected);
  EXPECT_EQ(check->rows, 3);
  EXPECT_EQ(check->rejected, 0) << (check->errors.empty() ? "" : describe(check->errors[0]));
  ASSERT_EQ(check->preview.size(), 3u);
  EXPECT_EQ(check->preview[0].entity.properties.at("name")[0], "LEF\u00c8VRE");
  EXPECT_EQ(check->preview[0].entity.properties.at("address")[0], "12, rue de la Paix");
  EXPECT_EQ(check->preview[2].entity.properties.at("firstName")[0], "Ana\u00efs");

  o.dry_run = false;
  auto report = cases().import_csv(it_, case_.id, kFrenchExport, o, "import:csv:pv.csv");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_TRUE(report->written);
  EXPECT_EQ(report->created, 3);
  const auto stored = entities();
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[1].properties.at("address")[0], "3, all\u00e9e des Fr\u00eanes");
  const auto imported = audit("entity.import");
  ASSERT_EQ(imported.size(), 1u);
  EXPECT_NE(imported[0].detail.find("semicolon-separated, Windows-1252"), std::string::npos);
}

TEST_F(CsvImportTest, ReadsAUtf16UnicodeTextExportWithTabsAndArabicNames) {
  // Excel's "Unicode text": UTF-16 LE with a byte order mark, tab-separated, CRLF.
  const std::u16string text =
      u"Name\tOriginal script\tPhone\r\n"
      u"Mohamed Abdelrahman\t\u0645\u062d\u0645\u062f \u0639\u0628\u062f "
      u"\u0627\u0644\u0631\u062d\u0645\u0646\t+218 91 234 5678\r\n"
      u"\"Haddad, Youssef\"\t\u064a\u0648\u0633\u0641 \u062d\u062f\u0627\u062f\t+216 20 123 "
      u"456\r\n";
  std::string bytes = "\xFF\xFE";
  for (char16_t u : text) {
    bytes += static_cast<char>(u & 0xFF);
    bytes += static_cast<char>(u >> 8);
  }
  CsvImportOptions o;
  o.schema = "Person";
  o.columns = {{"Name", "name"}, {"Original script", "name"}, {"Phone", "phone"}};
  auto report = cases().import_csv(it_, case_.id, bytes, o, "import:csv:unicode.txt");
  ASSERT_TRUE(report.is_ok()) << report.status().to_string();
  EXPECT_EQ(report->format, "tab-separated, UTF-16 LE with byte order mark");
  EXPECT_EQ(report->created, 2);
  const auto stored = entities();
  ASSERT_EQ(stored.size(), 2u);
  const auto& names = stored[0].properties.at("name");
  ASSERT_EQ(names.size(), 2u);
  EXPECT_EQ(names[1],
            "\u0645\u062d\u0645\u062f \u0639\u0628\u062f \u0627\u0644\u0631\u062d\u0645\u0646");
  EXPECT_EQ(stored[1].properties.at("name")[0], "Haddad, Youssef");
}

TEST_F(CsvImportTest, InvalidBytesAreAnErrorOfTheirRowWithItsLine) {
  // UTF-8, but line 3 was typed on a machine that wrote Latin-1: its é is a lone 0xE9.
  const std::string file =
      "Name,City\n"
      "J\u00e9r\u00f4me Lef\u00e8vre,Nice\n"
      "Ren\xE9 Martin,Lyon\n"
      "Zo\u00e9 Durand,Paris\n";
  CsvImportOptions o;
  o.schema = "Person";
  o.columns = {{"Name", "name"}, {"City", "address"}};
  o.dry_run = true;
  auto check = cases().import_csv(it_, case_.id, file, o, "t");
  ASSERT_TRUE(check.is_ok()) << check.status().to_string();
  EXPECT_EQ(check->format, "comma-separated, UTF-8");
  EXPECT_EQ(check->rows, 3);
  EXPECT_EQ(check->rejected, 1);
  ASSERT_EQ(check->errors.size(), 1u);
  EXPECT_EQ(check->errors[0].line, 3u);
  EXPECT_EQ(check->errors[0].row, 2u);
  EXPECT_EQ(check->errors[0].column, "Name");
  EXPECT_NE(check->errors[0].message.find("not valid UTF-8 (0xE9)"), std::string::npos)
      << check->errors[0].message;

  // All or nothing: the import is refused; with skip_invalid the two good rows go in.
  o.dry_run = false;
  auto refused = cases().import_csv(it_, case_.id, file, o, "t");
  ASSERT_TRUE(refused.is_ok());
  EXPECT_FALSE(refused->written);
  EXPECT_TRUE(entities().empty());
  o.skip_invalid = true;
  auto skipped = cases().import_csv(it_, case_.id, file, o, "t");
  ASSERT_TRUE(skipped.is_ok());
  EXPECT_EQ(skipped->created, 2);
  EXPECT_EQ(skipped->rejected, 1);

  // Bad bytes in the header refuse the file.
  auto header = cases().import_csv(it_, case_.id, "N\xE9me,City\nx,y\n", o, "t");
  ASSERT_FALSE(header.is_ok());
  EXPECT_NE(header.status().message().find("header (line 1)"), std::string::npos);
}

TEST_F(CsvImportTest, TheUserOverridesTheDetectedSeparatorAndEncoding) {
  // Read as Windows-1252, 0xC3 0xA9 would be "Ã©"; as given, UTF-8 "é".
  const std::string file = "Name|Alias\nRen\xC3\xA9|R. M.\n";
  CsvImportOptions o;
  o.schema = "Person";
  o.columns = {{"Name", "name"}, {"Alias", "alias"}};
  o.dry_run = true;
  o.encoding = core::TextEncoding::kWindows1252;
  o.delimiter = '|';
  auto check = cases().import_csv(it_, case_.id, file, o, "t");
  ASSERT_TRUE(check.is_ok()) << check.status().to_string();
  EXPECT_FALSE(check->encoding_detected);
  EXPECT_FALSE(check->delimiter_detected);
  EXPECT_EQ(check->format, "pipe-separated, Windows-1252");
  ASSERT_EQ(check->preview.size(), 1u);
  EXPECT_EQ(check->preview[0].entity.properties.at("name")[0], "Ren\u00c3\u00a9");
  // A separator that splits nothing leaves one column: the mapping names what the header has.
  o.delimiter = ';';
  o.encoding.reset();
  auto wrong = cases().import_csv(it_, case_.id, file, o, "t");
  ASSERT_FALSE(wrong.is_ok());
  EXPECT_NE(wrong.status().message().find("'Name|Alias'"), std::string::npos);
}

TEST_F(CsvImportTest, OnlyTheOwningDeskWritesAndRefusalsAreAudited) {
  auto o = person_mapping();
  auto foreign = cases().import_csv(de_, case_.id, kPeople, o, "t");
  EXPECT_EQ(foreign.status().code(), Code::kNotFound);
  ASSERT_TRUE(cases().share_case(it_, case_.id, "DE").is_ok());
  auto shared = cases().import_csv(de_, case_.id, kPeople, o, "t");
  EXPECT_EQ(shared.status().code(), Code::kPermissionDenied);
  o.dry_run = true;
  EXPECT_EQ(cases().import_csv(de_, case_.id, kPeople, o, "t").status().code(),
            Code::kPermissionDenied);
  EXPECT_TRUE(entities().empty());
  const auto refused = audit("entity.import");
  ASSERT_EQ(refused.size(), 2u);
  EXPECT_EQ(refused[0].outcome, "denied");
  EXPECT_EQ(audit("entity.import.check").size(), 1u);
}

}  // namespace
}  // namespace crossroads::app
