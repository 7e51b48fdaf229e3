#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

struct AccountCase {
  const char* input;
  const char* value;
};

const AccountCase kAccounts[] = {
    {"https://www.facebook.com/profile.php?id=1000123", "facebook:id:1000123"},
    {"https://m.facebook.com/some.name", "facebook:somename"},
    {"facebook.com/Some.Name/posts/123?__tn__=R", "facebook:somename"},
    {"https://web.facebook.com/people/Ali-Hassan/100012345678/", "facebook:id:100012345678"},
    {"fb:some.name", "facebook:somename"},
    {"facebook:9999999", "facebook:id:9999999"},
    {"facebook:id:9999999", "facebook:id:9999999"},  // canonical forms read back (fuzz)
    {"facebook:id:12", "facebook:id:12"},
    {"instagram.com/user/", "instagram:user"},
    {"https://www.instagram.com/Smuggler.Bro_/?igsh=abc", "instagram:smuggler.bro_"},
    {"https://instagram.com/stories/travel_eu/123", "instagram:travel_eu"},
    {"https://www.tiktok.com/@Viaggi.Europa?lang=it", "tiktok:viaggi.europa"},
    {"https://www.tiktok.com/@viaggi.europa/video/7300000000000000000", "tiktok:viaggi.europa"},
    {"t.me/Smuggler_Bro", "telegram:smuggler_bro"},
    {"https://telegram.me/s/smuggler_bro", "telegram:smuggler_bro"},
    {"telegram:@Smuggler_Bro", "telegram:smuggler_bro"},
    {"https://wa.me/393471234567", "whatsapp:+393471234567"},
    {"https://api.whatsapp.com/send?phone=393471234567&text=hi", "whatsapp:+393471234567"},
    {"https://signal.me/#p/+393471234567", "signal:+393471234567"},
    {"signal:Travel.42", "signal:travel.42"},
    {"x.com/Some_User", "x:some_user"},
    {"https://twitter.com/some_user/status/1234567890", "x:some_user"},
    {"https://mobile.twitter.com/Some_User", "x:some_user"},
    {"twitter:@some_user", "x:some_user"},
    {"https://www.snapchat.com/add/cool.guy", "snapchat:cool.guy"},
    {"https://www.youtube.com/@Handle-Name", "youtube:handle-name"},
    {"https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw",
     "youtube:channel:UC_x5XG1OV2P6uZZ5FSM9Ttw"},
};

TEST(OnlineAccountNormalizer, ExtractsPlatformAndHandleFromUrlsAndHandles) {
  for (const auto& c : kAccounts) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(must(Kind::kOnlineAccount, c.input).value, c.value);
  }
}

TEST(OnlineAccountNormalizer, TreatsXAndTwitterAsOnePlatform) {
  EXPECT_EQ(must(Kind::kOnlineAccount, "https://x.com/abc").value,
            must(Kind::kOnlineAccount, "https://twitter.com/ABC").value);
}

TEST(OnlineAccountNormalizer, UsesPlatformFromContextForBareHandle) {
  Context ctx;
  ctx.platform = "telegram";
  const Normalized n = must(Kind::kOnlineAccount, "@Smuggler_Bro", ctx);
  EXPECT_EQ(n.value, "telegram:smuggler_bro");
  EXPECT_EQ(n.display, "Telegram @Smuggler_Bro");
  EXPECT_EQ(part(n, "platform"), "telegram");
  EXPECT_EQ(part(n, "id_type"), "username");
}

TEST(OnlineAccountNormalizer, ReadsWhatsAppNumberWithCaseCountry) {
  const Normalized n = must(Kind::kOnlineAccount, "whatsapp:347 123 4567", {"IT"});
  EXPECT_EQ(n.value, "whatsapp:+393471234567");
  EXPECT_EQ(part(n, "id_type"), "phone");
  EXPECT_EQ(part(n, "country"), "IT");
}

struct BadAccount {
  const char* input;
  const char* message_part;
};

const BadAccount kBadAccounts[] = {
    {"@smuggler_bro", "which platform"},
    {"myspace:someone", "not a supported platform"},
    // Dots do not count towards a Facebook handle's length (found by the fuzz target: "in.me"
    // passed while its canonical form "inme" did not).
    {"fb.me/in.me", "5 to 50 characters"},
    {"facebook:wd.me", "5 to 50 characters"},
    {"https://www.facebook.com/groups/123456", "not to an account"},
    {"https://www.instagram.com/p/CxYz123/", "not to an account"},
    {"https://t.me/+AbCdEfGh12345", "invite"},
    {"https://t.me/joinchat/AbCdEf", "invite"},
    {"https://chat.whatsapp.com/AbCdEf", "group invite"},
    {"https://vm.tiktok.com/ZMabc123/", "short link"},
    {"https://www.youtube.com/watch?v=dQw4w9WgXcQ", "video"},
    {"https://wa.me/39347", "not valid"},
    {"telegram:ab", "4 to 32"},
    {"telegram:_abcdef", "start with a letter"},
    {"x:this_handle_is_too_long", "1 to 15"},
    {"instagram:bad handle!", "cannot be in"},
    {"signal:travel", "two or more digits"},
    {"https://example.com/user", "not on a supported platform"},
    {"https://signal.me/#eu/abcdef", "encrypted"},
};

TEST(OnlineAccountNormalizer, RejectsNonAccountLinksAndBadHandlesWithReason) {
  for (const auto& c : kBadAccounts) {
    SCOPED_TRACE(c.input);
    const std::string message = rejection(Kind::kOnlineAccount, c.input);
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace crossroads::normalize
