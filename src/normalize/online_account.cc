// Online accounts as (platform, handle), from a handle or from a profile URL.
#include <algorithm>
#include <array>
#include <optional>

#include "normalize/normalize.h"
#include "normalize/text.h"
#include "normalize/url.h"

namespace crossroads::normalize {

namespace {

enum class Platform {
  kFacebook,
  kInstagram,
  kTikTok,
  kTelegram,
  kWhatsApp,
  kSignal,
  kX,
  kSnapchat,
  kYouTube,
};

struct PlatformInfo {
  Platform platform;
  const char* key;      // as in the canonical value: "telegram"
  const char* display;  // "Telegram"
};

constexpr std::array<PlatformInfo, 9> kPlatforms = {{
    {Platform::kFacebook, "facebook", "Facebook"},
    {Platform::kInstagram, "instagram", "Instagram"},
    {Platform::kTikTok, "tiktok", "TikTok"},
    {Platform::kTelegram, "telegram", "Telegram"},
    {Platform::kWhatsApp, "whatsapp", "WhatsApp"},
    {Platform::kSignal, "signal", "Signal"},
    {Platform::kX, "x", "X (Twitter)"},
    {Platform::kSnapchat, "snapchat", "Snapchat"},
    {Platform::kYouTube, "youtube", "YouTube"},
}};

const PlatformInfo& info(Platform p) {
  for (const auto& i : kPlatforms) {
    if (i.platform == p) return i;
  }
  return kPlatforms[0];
}

std::optional<Platform> platform_from_name(std::string_view name) {
  const std::string n = text::to_lower_ascii(text::trim(name));
  for (const auto& i : kPlatforms) {
    if (n == i.key) return i.platform;
  }
  if (n == "fb") return Platform::kFacebook;
  if (n == "ig" || n == "insta") return Platform::kInstagram;
  if (n == "tg") return Platform::kTelegram;
  if (n == "wa") return Platform::kWhatsApp;
  if (n == "twitter") return Platform::kX;
  if (n == "snap") return Platform::kSnapchat;
  if (n == "yt") return Platform::kYouTube;
  return std::nullopt;
}

bool host_is(std::string_view host, std::string_view domain) {
  if (host == domain) return true;
  return host.size() > domain.size() && host.ends_with(domain) &&
         host[host.size() - domain.size() - 1] == '.';
}

std::optional<Platform> platform_from_host(std::string_view host) {
  if (host_is(host, "facebook.com") || host == "fb.com" || host == "www.fb.com" ||
      host == "fb.me") {
    return Platform::kFacebook;
  }
  if (host_is(host, "instagram.com") || host == "instagr.am") return Platform::kInstagram;
  if (host_is(host, "tiktok.com")) return Platform::kTikTok;
  if (host_is(host, "t.me") || host_is(host, "telegram.me") || host_is(host, "telegram.dog")) {
    return Platform::kTelegram;
  }
  if (host == "wa.me" || host_is(host, "whatsapp.com")) return Platform::kWhatsApp;
  if (host == "signal.me" || host == "signal.group") return Platform::kSignal;
  if (host_is(host, "x.com") || host_is(host, "twitter.com")) return Platform::kX;
  if (host_is(host, "snapchat.com")) return Platform::kSnapchat;
  if (host_is(host, "youtube.com") || host == "youtu.be") return Platform::kYouTube;
  return std::nullopt;
}

struct Account {
  Platform platform;
  std::string handle;   // key part after "platform:"
  std::string shown;    // display part
  std::string id_type;  // "username", "id", "phone", "channel"
  std::string country;  // for phone numbers
};

core::Status bad(const std::string& message) { return core::invalid(message, "online_account"); }

// Handle characters and length by platform, as the platforms document them.
core::Result<Account> check_handle(Platform platform, std::string_view raw,
                                   const std::string& original) {
  std::string handle(text::trim(raw));
  if (!handle.empty() && handle.front() == '@') handle.erase(0, 1);
  const PlatformInfo& p = info(platform);
  if (handle.empty()) return bad(text::quote(original) + " has no " + p.display + " handle");
  std::string allowed_extra;
  std::size_t min_len = 1;
  std::size_t max_len = 30;
  switch (platform) {
    case Platform::kFacebook:
      allowed_extra = ".";
      min_len = 5;
      max_len = 50;
      break;
    case Platform::kInstagram:
      allowed_extra = "._";
      max_len = 30;
      break;
    case Platform::kTikTok:
      allowed_extra = "._";
      min_len = 2;
      max_len = 24;
      break;
    case Platform::kTelegram:
      allowed_extra = "_";
      min_len = 4;
      max_len = 32;
      break;
    case Platform::kX:
      allowed_extra = "_";
      max_len = 15;
      break;
    case Platform::kSnapchat:
      allowed_extra = "._-";
      min_len = 3;
      max_len = 15;
      break;
    case Platform::kYouTube:
      allowed_extra = "._-";
      min_len = 3;
      max_len = 30;
      break;
    case Platform::kSignal:
      allowed_extra = "._";
      min_len = 5;
      max_len = 35;
      break;
    case Platform::kWhatsApp:
      return bad(text::quote(original) + ": WhatsApp accounts are phone numbers");
  }
  for (char c : handle) {
    if (!text::is_alnum(c) && allowed_extra.find(c) == std::string::npos) {
      return bad(text::quote(original) + ": '" + std::string(1, c) + "' cannot be in a " +
                 p.display + " handle");
    }
  }
  // Facebook ignores dots (below), so they do not count towards its length either: otherwise
  // "in.me" would pass and its canonical form "inme" would not.
  const std::size_t length =
      platform == Platform::kFacebook
          ? handle.size() - static_cast<std::size_t>(std::count(handle.begin(), handle.end(), '.'))
          : handle.size();
  if (length < min_len || length > max_len) {
    return bad(text::quote(original) + ": a " + p.display + " handle has " +
               std::to_string(min_len) + " to " + std::to_string(max_len) + " characters");
  }
  std::string key = text::to_lower_ascii(handle);
  if (platform == Platform::kTelegram && !text::is_alpha(key[0])) {
    return bad(text::quote(original) + ": Telegram usernames start with a letter");
  }
  if (platform == Platform::kFacebook) {
    // Facebook ignores dots in usernames: some.name and somename are one account.
    key = text::remove_chars(key, ".");
    if (text::all_digits(key)) {
      return Account{platform, "id:" + key, key, "id", {}};
    }
  }
  if (platform == Platform::kSignal) {
    // Signal usernames always end in a dot and at least two digits: "name.42".
    const std::size_t dot = key.rfind('.');
    if (dot == std::string::npos || dot == 0 || key.size() - dot - 1 < 2 ||
        !text::all_digits(std::string_view(key).substr(dot + 1))) {
      return bad(text::quote(original) +
                 ": a Signal username ends in a dot and two or more digits (e.g. name.42); "
                 "otherwise give the phone number");
    }
  }
  return Account{platform, key, "@" + handle, "username", {}};
}

core::Result<Account> phone_account(Platform platform, std::string_view number, const Context& ctx,
                                    const std::string& original) {
  auto phone = normalize_phone(number, ctx);
  if (!phone.is_ok()) {
    return bad(text::quote(original) + ": " + info(platform).display +
               " number is not valid: " + phone.status().message());
  }
  Account a{platform, phone->value, phone->display, "phone", {}};
  auto country = phone->parts.find("country");
  if (country != phone->parts.end()) a.country = country->second;
  return a;
}

core::Result<Account> from_url(Platform platform, const ParsedUrl& url, const Context& ctx,
                               const std::string& original) {
  const std::vector<std::string> seg = url.segments();
  const std::string first = seg.empty() ? "" : text::to_lower_ascii(seg[0]);
  auto not_account = [&](const std::string& what) {
    return bad(text::quote(original) + " is a link to " + what + ", not to an account");
  };
  switch (platform) {
    case Platform::kFacebook: {
      if (first == "profile.php") {
        const std::string id = url.param("id");
        if (!text::all_digits(id)) return bad(text::quote(original) + " has no numeric id=");
        return Account{platform, "id:" + id, id, "id", {}};
      }
      if (first == "people" && seg.size() >= 3 && text::all_digits(seg[2])) {
        return Account{platform, "id:" + seg[2], seg[2], "id", {}};
      }
      static constexpr std::string_view kNotAccounts[] = {
          "groups",        "events",   "watch",      "photo.php", "photo",         "story.php",
          "share",         "sharer",   "sharer.php", "login",     "marketplace",   "hashtag",
          "help",          "settings", "messages",   "friends",   "notifications", "reel",
          "permalink.php", "search",   "home.php",   "pages",     "gaming",        "stories"};
      for (auto w : kNotAccounts) {
        if (first == w) return not_account("a Facebook " + first + " page");
      }
      if (seg.empty()) return bad(text::quote(original) + " has no Facebook username");
      return check_handle(platform, seg[0], original);
    }
    case Platform::kInstagram: {
      if (first == "stories" && seg.size() >= 2) return check_handle(platform, seg[1], original);
      static constexpr std::string_view kNotAccounts[] = {
          "p",        "reel",   "reels", "tv",        "explore",
          "accounts", "direct", "about", "developer", "legal"};
      for (auto w : kNotAccounts) {
        if (first == w) return not_account("an Instagram post or page");
      }
      if (seg.empty()) return bad(text::quote(original) + " has no Instagram username");
      return check_handle(platform, seg[0], original);
    }
    case Platform::kTikTok: {
      if (url.host == "vm.tiktok.com" || url.host == "vt.tiktok.com") {
        return bad(text::quote(original) +
                   " is a TikTok short link: open it and use the profile address");
      }
      if (seg.empty() || seg[0].size() < 2 || seg[0][0] != '@') {
        return bad(text::quote(original) + " is not a TikTok profile (tiktok.com/@user)");
      }
      return check_handle(platform, seg[0], original);
    }
    case Platform::kTelegram: {
      if (seg.empty()) return bad(text::quote(original) + " has no Telegram username");
      if (first == "joinchat" || (seg[0][0] == '+' && !text::all_digits(seg[0].substr(1)))) {
        return not_account("a Telegram invite");
      }
      if (seg[0][0] == '+') return phone_account(platform, seg[0], ctx, original);
      if (first == "c") return not_account("a private Telegram channel message");
      if (first == "s" && seg.size() >= 2) return check_handle(platform, seg[1], original);
      return check_handle(platform, seg[0], original);
    }
    case Platform::kWhatsApp: {
      if (url.host == "chat.whatsapp.com") return not_account("a WhatsApp group invite");
      std::string number;
      if (url.host == "wa.me") {
        number = seg.empty() ? "" : seg[0];
      } else {
        number = percent_decode(url.param("phone"));
      }
      if (number.empty()) return bad(text::quote(original) + " has no WhatsApp phone number");
      if (number[0] != '+') number = "+" + number;  // wa.me numbers are always international
      return phone_account(platform, number, ctx, original);
    }
    case Platform::kSignal: {
      if (url.host == "signal.group") return not_account("a Signal group");
      const std::string& f = url.fragment;
      if (f.rfind("p/", 0) == 0) return phone_account(platform, f.substr(2), ctx, original);
      return bad(text::quote(original) +
                 " is a Signal username link, which is encrypted: ask for the username");
    }
    case Platform::kX: {
      static constexpr std::string_view kNotAccounts[] = {
          "home",    "search",  "i",        "intent",   "share",
          "hashtag", "explore", "settings", "messages", "notifications",
          "compose", "login",   "signup",   "tos",      "privacy"};
      for (auto w : kNotAccounts) {
        if (first == w) return not_account("an X (Twitter) page");
      }
      if (seg.empty()) return bad(text::quote(original) + " has no X (Twitter) username");
      return check_handle(platform, seg[0], original);
    }
    case Platform::kSnapchat: {
      if (first == "add" && seg.size() >= 2) return check_handle(platform, seg[1], original);
      if (!seg.empty() && seg[0][0] == '@') return check_handle(platform, seg[0], original);
      return bad(text::quote(original) + " is not a Snapchat profile (snapchat.com/add/user)");
    }
    case Platform::kYouTube: {
      if (url.host == "youtu.be" || first == "watch" || first == "shorts") {
        return not_account("a YouTube video");
      }
      if (!seg.empty() && seg[0][0] == '@') {
        CR_ASSIGN_OR_RETURN(Account a, check_handle(platform, seg[0], original));
        return a;
      }
      if (first == "channel" && seg.size() >= 2) {
        const std::string& id = seg[1];
        bool ok = id.size() == 24 && id.rfind("UC", 0) == 0;
        for (char c : id) ok = ok && (text::is_alnum(c) || c == '-' || c == '_');
        if (!ok) return bad(text::quote(original) + " has a malformed YouTube channel id");
        // Channel ids are case-sensitive.
        return Account{platform, "channel:" + id, id, "channel", {}};
      }
      if ((first == "c" || first == "user") && seg.size() >= 2) {
        CR_ASSIGN_OR_RETURN(Account a, check_handle(platform, seg[1], original));
        a.handle = first + ":" + a.handle;
        a.id_type = first == "c" ? "custom_url" : "legacy_user";
        return a;
      }
      return bad(text::quote(original) + " is not a YouTube channel (youtube.com/@handle)");
    }
  }
  return bad(text::quote(original) + " is not a profile address");
}

bool looks_like_url(std::string_view s) {
  if (s.find("://") != std::string_view::npos) return true;
  const std::size_t end = s.find_first_of("/?#");
  const std::string host = text::to_lower_ascii(s.substr(0, end));
  if (host.find('.') == std::string::npos) return false;
  return platform_from_host(host).has_value() ||
         platform_from_host(host.rfind("www.", 0) == 0 ? host.substr(4) : host).has_value();
}

}  // namespace

core::Result<Normalized> normalize_online_account(std::string_view value, const Context& ctx) {
  const std::string original(text::trim(value));
  const std::string s(text::trim(text::fold_separators(original)));
  if (s.empty()) return bad("the online account is empty");
  std::optional<Account> account;
  if (looks_like_url(s)) {
    CR_ASSIGN_OR_RETURN(ParsedUrl url, parse_url(s, "online_account"));
    auto platform = platform_from_host(url.host);
    if (!platform) {
      return bad(text::quote(original) +
                 " is not on a supported platform (Facebook, Instagram, "
                 "TikTok, Telegram, WhatsApp, Signal, X, Snapchat, "
                 "YouTube)");
    }
    CR_ASSIGN_OR_RETURN(Account a, from_url(*platform, url, ctx, original));
    account = std::move(a);
  } else {
    std::optional<Platform> platform;
    std::string handle = s;
    const std::size_t colon = s.find(':');
    if (colon != std::string::npos) {
      platform = platform_from_name(s.substr(0, colon));
      if (!platform) {
        return bad("'" + s.substr(0, colon) + "' in " + text::quote(original) +
                   " is not a supported platform (facebook, instagram, tiktok, telegram, "
                   "whatsapp, signal, x, snapchat, youtube)");
      }
      handle = std::string(text::trim(std::string_view(s).substr(colon + 1)));
    } else if (!ctx.platform.empty()) {
      platform = platform_from_name(ctx.platform);
      if (!platform) return bad("'" + ctx.platform + "' is not a supported platform");
    } else {
      return bad(text::quote(original) +
                 " does not say which platform: write it as 'telegram:@user' or give the "
                 "profile address");
    }
    const bool phone_like = !handle.empty() && (handle[0] == '+' || text::is_digit(handle[0]));
    if (*platform == Platform::kFacebook && handle.rfind("id:", 0) == 0 && handle.size() > 3 &&
        text::all_digits(handle.substr(3))) {
      // "facebook:id:100012345678": the canonical form of a numeric profile, read back as is.
      const std::string id = handle.substr(3);
      account = Account{Platform::kFacebook, "id:" + id, id, "id", {}};
    } else if (*platform == Platform::kWhatsApp ||
               (phone_like &&
                (*platform == Platform::kSignal || *platform == Platform::kTelegram))) {
      CR_ASSIGN_OR_RETURN(Account a, phone_account(*platform, handle, ctx, original));
      account = std::move(a);
    } else {
      CR_ASSIGN_OR_RETURN(Account a, check_handle(*platform, handle, original));
      account = std::move(a);
    }
  }
  const PlatformInfo& p = info(account->platform);
  Normalized out;
  out.kind = Kind::kOnlineAccount;
  out.value = std::string(p.key) + ":" + account->handle;
  out.display = std::string(p.display) + " " + account->shown;
  out.parts["platform"] = p.key;
  out.parts["handle"] = account->handle;
  out.parts["id_type"] = account->id_type;
  if (!account->country.empty()) out.parts["country"] = account->country;
  return out;
}

}  // namespace crossroads::normalize
