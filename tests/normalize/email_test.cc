#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

struct EmailCase {
  const char* input;
  const char* value;
};

const EmailCase kEmails[] = {
    {"Mario.Rossi@Libero.IT", "mario.rossi@libero.it"},
    {"  ahmed.k@yahoo.fr ", "ahmed.k@yahoo.fr"},
    {"mailto:info@example.de", "info@example.de"},
    {"Hasan <hasan.1990@outlook.com>", "hasan.1990@outlook.com"},
    {"user+tag@gmx.de", "user+tag@gmx.de"},
    {"o'brien@eircom.net", "o'brien@eircom.net"},
    {"kontakt@müller.de", "kontakt@xn--mller-kva.de"},  // internationalised domain
    {"info@xn--mller-kva.de", "info@xn--mller-kva.de"},
    {"info@ΕΛΛΑΔΑ.gr", "info@xn--mxaaic4aa.gr"},  // Greek, upper case
    {"info@ελλάδα.gr", "info@xn--hxakic4aa.gr"},
    {"test@مثال.إختبار", "test@xn--mgbh0fb.xn--kgbechtv"},  // Arabic
    {"user@example.com.", "user@example.com"},              // fully qualified
};

TEST(EmailNormalizer, LowerCasesAndConvertsInternationalDomains) {
  for (const auto& c : kEmails) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(must(Kind::kEmail, c.input).value, c.value);
  }
}

TEST(EmailNormalizer, ShowsInternationalDomainInUnicode) {
  const Normalized n = must(Kind::kEmail, "kontakt@xn--mller-kva.de");
  EXPECT_EQ(n.display, "kontakt@müller.de");
  EXPECT_EQ(part(n, "domain"), "xn--mller-kva.de");
  EXPECT_EQ(part(n, "domain_unicode"), "müller.de");
}

TEST(EmailNormalizer, GivesGmailMailboxWithoutDotsAndTags) {
  const Normalized n = must(Kind::kEmail, "John.Smith+smuggling@googlemail.com");
  EXPECT_EQ(n.value, "john.smith+smuggling@googlemail.com");
  EXPECT_EQ(part(n, "mailbox"), "johnsmith@gmail.com");
  EXPECT_EQ(part(must(Kind::kEmail, "a.b@libero.it"), "mailbox"), "a.b@libero.it");
}

struct BadEmail {
  const char* input;
  const char* message_part;
};

const BadEmail kBadEmails[] = {
    {"mario.rossi.libero.it", "no '@'"},       {"@libero.it", "nothing before"},
    {"mario..rossi@libero.it", "two dots"},    {".mario@libero.it", "start or end with a dot"},
    {"mario rossi@libero.it", "contains ' '"}, {"mario@localhost", "no top-level domain"},
    {"mario@libero.123", "top-level domain"},  {"mario@-libero.it", "hyphen"},
    {"mario@libero..it", "empty label"},       {"mario@lib_ero.it", "character"},
    {"\"mario\"@libero.it", "quoted"},         {"mario@", "empty"},
};

TEST(EmailNormalizer, RejectsMalformedAddressesWithReason) {
  for (const auto& c : kBadEmails) {
    SCOPED_TRACE(c.input);
    const std::string message = rejection(Kind::kEmail, c.input);
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
  }
}

TEST(EmailNormalizer, RejectsOverlongLocalPart) {
  rejection(Kind::kEmail, std::string(65, 'a') + "@libero.it");
}

// Found by normalize_email_fuzz: stray UTF-8 bytes in the local part were lower-cased into
// U+FFFD, giving a key longer than the address and not the address.
TEST(EmailNormalizer, RejectsIllFormedUtf8BeforeTheAt) {
  EXPECT_NE(rejection(Kind::kEmail,
                      "\x9f\x9f"
                      "ali@gmail.com")
                .find("not valid UTF-8"),
            std::string::npos);
  EXPECT_EQ(must(Kind::kEmail, "Müller@example.de").value, "müller@example.de");
}

}  // namespace
}  // namespace crossroads::normalize
