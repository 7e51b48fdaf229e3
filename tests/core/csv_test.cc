#include "core/csv.h"

#include <gtest/gtest.h>

namespace crossroads::core {
namespace {

TEST(Csv, ReadsQuotedFieldsLineBreaksAndByteOrderMark) {
  auto rows = parse_csv(
      "\xEF\xBB\xBFid,name\r\n1,\"Ali, Mohamed\"\r\n2,\"say \"\"hi\"\"\nthere\"\n3,plain");
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].fields[0], "id");
  EXPECT_EQ((*rows)[1].fields[1], "Ali, Mohamed");
  EXPECT_EQ((*rows)[2].fields[1], "say \"hi\"\nthere");
  EXPECT_EQ((*rows)[3].line, 5u);  // the quoted line break moved the next record down
  EXPECT_EQ((*rows)[3].fields[1], "plain");
}

TEST(Csv, RefusesUnclosedQuotesAndTextAfterAClosingQuote) {
  auto open = parse_csv("a,b\n1,\"open");
  ASSERT_FALSE(open.is_ok());
  EXPECT_NE(open.status().message().find("line 2"), std::string::npos);
  EXPECT_FALSE(parse_csv("a,b\n1,\"x\"y\n").is_ok());
}

}  // namespace
}  // namespace crossroads::core

namespace crossroads::core {
namespace {

// UTF-16 bytes of a UTF-8 string (the test files are written as Excel writes them).
std::string utf16(std::string_view utf8, bool little_endian, bool mark) {
  std::u32string cps;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = 0;
    std::size_t n = 1;
    if (c < 0x80) {
      cp = c;
    } else if (c < 0xE0) {
      cp = c & 0x1F;
      n = 2;
    } else if (c < 0xF0) {
      cp = c & 0x0F;
      n = 3;
    } else {
      cp = c & 0x07;
      n = 4;
    }
    for (std::size_t k = 1; k < n; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    cps.push_back(cp);
    i += n;
  }
  std::string out;
  auto unit = [&](char16_t u) {
    const char lo = static_cast<char>(u & 0xFF);
    const char hi = static_cast<char>(u >> 8);
    out += little_endian ? std::string{lo, hi} : std::string{hi, lo};
  };
  if (mark) unit(0xFEFF);
  for (char32_t cp : cps) {
    if (cp >= 0x10000) {
      unit(static_cast<char16_t>(0xD800 + ((cp - 0x10000) >> 10)));
      unit(static_cast<char16_t>(0xDC00 + ((cp - 0x10000) & 0x3FF)));
    } else {
      unit(static_cast<char16_t>(cp));
    }
  }
  return out;
}

// A French police export as Excel saves "CSV (séparateur: point-virgule)": Windows-1252, ';',
// CRLF, commas inside the addresses.
const char kFrenchExport[] =
    "Nom;Pr\xE9nom;Date de naissance;Adresse;T\xE9l\xE9phone\r\n"
    "LEF\xC8VRE;J\xE9r\xF4me;12/03/1987;\"12, rue de la Paix, Marseille\";06 12 34 56 78\r\n"
    "BEN SALEM;Khaled;01/01/1991;3, all\xE9"
    "e des Fr\xEAnes;+33 6 98 76 54 32\r\n"
    "M\xDCLLER;Ana\xEFs;;Quai d'Arenc \x80 13002;\r\n";

TEST(CsvEncoding, ReadsAFrenchPoliceExportInWindows1252WithSemicolons) {
  auto decoded = decode_text(kFrenchExport);
  ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
  EXPECT_EQ(decoded->encoding, TextEncoding::kWindows1252);
  EXPECT_TRUE(decoded->detected);
  EXPECT_TRUE(decoded->invalid.empty());
  const char sep = detect_csv_delimiter(decoded->text);
  EXPECT_EQ(sep, ';');
  EXPECT_EQ(describe_csv_format(sep, *decoded), "semicolon-separated, Windows-1252");
  auto rows = parse_csv(decoded->text, sep);
  ASSERT_TRUE(rows.is_ok()) << rows.status().to_string();
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ((*rows)[0].fields[1], "Pr\u00e9nom");
  EXPECT_EQ((*rows)[1].fields[0], "LEF\u00c8VRE");
  EXPECT_EQ((*rows)[1].fields[3], "12, rue de la Paix, Marseille");
  EXPECT_EQ((*rows)[2].fields[3], "3, all\u00e9e des Fr\u00eanes");
  EXPECT_EQ((*rows)[3].fields[3], "Quai d'Arenc \u20ac 13002");  // 0x80 is the euro sign
  EXPECT_EQ((*rows)[3].fields.size(), 5u);
}

TEST(CsvEncoding, ReadsAnExcelUnicodeTextExportInUtf16WithTabsAndArabicNames) {
  const std::string text =
      "Name\tName (Arabic)\tPhone\tNationality\r\n"
      "Mohamed Abdelrahman\t\u0645\u062d\u0645\u062f \u0639\u0628\u062f "
      "\u0627\u0644\u0631\u062d\u0645\u0646\t+218 91 234 5678\tLY\r\n"
      "\"Haddad, Youssef\"\t\u064a\u0648\u0633\u0641 \u062d\u062f\u0627\u062f\t"
      "+216 20 123 456\tTN\r\n";
  for (bool le : {true, false}) {
    auto decoded = decode_text(utf16(text, le, /*mark=*/true));
    ASSERT_TRUE(decoded.is_ok()) << decoded.status().to_string();
    EXPECT_EQ(decoded->encoding, le ? TextEncoding::kUtf16Le : TextEncoding::kUtf16Be);
    EXPECT_TRUE(decoded->byte_order_mark);
    EXPECT_EQ(decoded->text, text);
    const char sep = detect_csv_delimiter(decoded->text);
    EXPECT_EQ(sep, '\t');
    EXPECT_EQ(describe_csv_format(sep, *decoded),
              le ? "tab-separated, UTF-16 LE with byte order mark"
                 : "tab-separated, UTF-16 BE with byte order mark");
    auto rows = parse_csv(decoded->text, sep);
    ASSERT_TRUE(rows.is_ok());
    ASSERT_EQ(rows->size(), 3u);
    EXPECT_EQ((*rows)[1].fields[1],
              "\u0645\u062d\u0645\u062f \u0639\u0628\u062f \u0627\u0644\u0631\u062d\u0645\u0646");
    EXPECT_EQ((*rows)[2].fields[0], "Haddad, Youssef");
  }
  // Without a mark, the zero bytes give it away.
  auto bare = decode_text(utf16("a\tb\r\nc\td\r\n", true, false));
  ASSERT_TRUE(bare.is_ok());
  EXPECT_EQ(bare->encoding, TextEncoding::kUtf16Le);
  EXPECT_EQ(bare->text, "a\tb\r\nc\td\r\n");
}

TEST(CsvEncoding, ReportsInvalidBytesByLineAndNeverDropsThem) {
  // UTF-8 with one line saved by another program: line 3 holds a lone 0xE9.
  const std::string mixed = "name,city\nJ\u00e9r\u00f4me,Nice\nRen\xE9,Lyon\nZo\u00e9,Paris\n";
  auto decoded = decode_text(mixed);
  ASSERT_TRUE(decoded.is_ok());
  EXPECT_EQ(decoded->encoding, TextEncoding::kUtf8);
  ASSERT_EQ(decoded->invalid.size(), 1u);
  EXPECT_EQ(decoded->invalid[0].line, 3u);
  EXPECT_EQ(decoded->invalid[0].bytes, "0xE9");
  EXPECT_NE(decoded->text.find("Ren\uFFFD,Lyon"), std::string::npos);  // marked, not dropped

  // Bytes that Windows-1252 leaves undefined.
  auto cp1252 = decode_text("a;b\r\nx\x81y;z\r\n\r\nq;\x8D\x90\r\n", TextEncoding::kWindows1252);
  ASSERT_TRUE(cp1252.is_ok());
  ASSERT_EQ(cp1252->invalid.size(), 2u);
  EXPECT_EQ(cp1252->invalid[0].line, 2u);
  EXPECT_EQ(cp1252->invalid[1].line, 4u);
  EXPECT_EQ(cp1252->invalid[1].count, 2u);
  EXPECT_FALSE(cp1252->detected);

  // A truncated UTF-16 file (an odd number of bytes) ends with a bad byte.
  auto cut = decode_text(utf16("a\tb\nc", true, true) + "d");
  ASSERT_TRUE(cut.is_ok());
  ASSERT_EQ(cut->invalid.size(), 1u);
  EXPECT_EQ(cut->invalid[0].line, 2u);
}

TEST(CsvEncoding, AGivenEncodingWinsAndAConflictingMarkIsAnError) {
  // ISO-8859-1 reads 0x80 as a control character, Windows-1252 as the euro sign.
  auto latin1 = decode_text("a\x80", TextEncoding::kIso8859_1);
  ASSERT_TRUE(latin1.is_ok());
  EXPECT_EQ(latin1->text, "a\xC2\x80");
  EXPECT_EQ(parse_text_encoding("Latin1").value(), TextEncoding::kIso8859_1);
  EXPECT_EQ(parse_text_encoding("UTF-16LE").value(), TextEncoding::kUtf16Le);
  auto unknown = parse_text_encoding("ebcdic");
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().field(), "encoding");

  auto clash = decode_text(utf16("a,b", true, true), TextEncoding::kUtf8);
  ASSERT_FALSE(clash.is_ok());
  EXPECT_NE(clash.status().message().find("UTF-16 LE"), std::string::npos);

  auto bom = decode_text("\xEF\xBB\xBFid,name\n1,x\n");
  ASSERT_TRUE(bom.is_ok());
  EXPECT_TRUE(bom->byte_order_mark);
  EXPECT_EQ(bom->text, "id,name\n1,x\n");
  EXPECT_EQ(describe_csv_format(',', *bom), "comma-separated, UTF-8 with byte order mark");
}

TEST(CsvDelimiter, DetectsTheSeparatorTheLinesAgreeOn) {
  EXPECT_EQ(detect_csv_delimiter("id,name\n1,x\n"), ',');
  EXPECT_EQ(detect_csv_delimiter("a|b|c\n1|2|3\n4|5|6"), '|');
  // Commas in the values, semicolons between them.
  EXPECT_EQ(detect_csv_delimiter("name;address\nA;1, rue X\nB;2, rue Y, bis\n"), ';');
  // Separators inside quotes do not count.
  EXPECT_EQ(detect_csv_delimiter("\"a;b\",c\n\"x;y;z\",d\n"), ',');
  // One column: comma.
  EXPECT_EQ(detect_csv_delimiter("name\nA\nB\n"), ',');
  EXPECT_EQ(parse_csv_delimiter("semicolon").value(), ';');
  EXPECT_EQ(parse_csv_delimiter("\t").value(), '\t');
  EXPECT_FALSE(parse_csv_delimiter("colon").is_ok());
  auto rows = parse_csv("a|\"b|c\"\n", '|');
  ASSERT_TRUE(rows.is_ok());
  EXPECT_EQ((*rows)[0].fields[1], "b|c");
}

}  // namespace
}  // namespace crossroads::core
