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
