#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

struct UrlCase {
  const char* input;
  const char* value;
};

const UrlCase kUrls[] = {
    {"HTTPS://Example.COM", "https://example.com/"},
    {"www.example.com/path", "https://www.example.com/path"},
    {"http://example.com:80/a/./b/../c", "http://example.com/a/c"},
    {"https://example.com:8443/x", "https://example.com:8443/x"},
    {"https://example.com/?utm_source=fb&utm_medium=social&id=7", "https://example.com/?id=7"},
    {"https://example.com/p?b=2&a=1&fbclid=IwAR0abc", "https://example.com/p?a=1&b=2"},
    {"https://example.com/page#section-2", "https://example.com/page"},
    {"https://example.com/app#/route/1", "https://example.com/app#/route/1"},
    {"https://example.com/%7euser/%2f", "https://example.com/~user/%2F"},
    {"https://müller.de/straße", "https://xn--mller-kva.de/stra%C3%9Fe"},
    {"https://user:secret@example.com/", "https://example.com/"},
    {"https://x.com/someone/status/1?s=20&t=abc", "https://x.com/someone/status/1"},
    {"https://www.youtube.com/watch?v=abc&si=XYZ&t=42", "https://www.youtube.com/watch?t=42&v=abc"},
    {"https://www.instagram.com/user/?igsh=MXd5", "https://www.instagram.com/user/"},
    {"http://192.168.1.10:8080/admin", "http://192.168.1.10:8080/admin"},
};

TEST(UrlNormalizer, CanonicalisesAndRemovesTrackingParameters) {
  for (const auto& c : kUrls) {
    SCOPED_TRACE(c.input);
    EXPECT_EQ(must(Kind::kUrl, c.input).value, c.value);
  }
}

TEST(UrlNormalizer, CountsRemovedTrackingParametersAndShowsUnicodeHost) {
  const Normalized n = must(Kind::kUrl, "https://müller.de/?utm_source=x&gclid=y");
  EXPECT_EQ(part(n, "tracking_removed"), "2");
  EXPECT_EQ(part(n, "host"), "xn--mller-kva.de");
  EXPECT_EQ(n.display, "https://müller.de/");
}

// Found by normalize_url_fuzz: a parameter without a name left a bare "?" behind, which a
// second normalisation dropped.
TEST(UrlNormalizer, ParameterWithoutNameIsDroppedAndTheResultIsStable) {
  for (const char* input :
       {"https://example.com/?=", "https://example.com/?=x&a=1", "example.com/?&=&"}) {
    SCOPED_TRACE(input);
    const Normalized n = must(Kind::kUrl, input);
    EXPECT_EQ(must(Kind::kUrl, n.value).value, n.value);
    EXPECT_EQ(n.value.find("?="), std::string::npos);
  }
}

TEST(UrlNormalizer, RejectsOtherSchemesSpacesAndBadHosts) {
  EXPECT_NE(rejection(Kind::kUrl, "javascript:alert(1)").find("not web addresses"),
            std::string::npos);
  EXPECT_NE(rejection(Kind::kUrl, "ftp://example.com/").find("only http"), std::string::npos);
  EXPECT_NE(rejection(Kind::kUrl, "https://exa mple.com").find("space"), std::string::npos);
  rejection(Kind::kUrl, "https://");
  rejection(Kind::kUrl, "https://example/");
  rejection(Kind::kUrl, "https://example.com:99999999/");
  rejection(Kind::kUrl, "https://[::1/");
}

// Found by the fuzz target: a value under the input limit whose percent-encoded canonical form
// is over it was accepted, and its own canonical form then refused.
TEST(UrlNormalizer, RefusesValuesWhoseCanonicalFormIsTooLong) {
  std::string path;
  while (path.size() < 3000) path += "\xC3\xA9";  // é: six bytes once percent-encoded
  const std::string url = "https://example.com/" + path;
  ASSERT_LT(url.size(), kMaxInputBytes);
  EXPECT_NE(rejection(Kind::kUrl, url).find("too long once written canonically"),
            std::string::npos);
  const std::string shorter = "https://example.com/" + path.substr(0, 600);
  EXPECT_EQ(must(Kind::kUrl, must(Kind::kUrl, shorter).value).value,
            must(Kind::kUrl, shorter).value);
}

}  // namespace
}  // namespace crossroads::normalize
