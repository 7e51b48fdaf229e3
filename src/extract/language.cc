#include "extract/language.h"

// CLD2's public header uses FILE and std::vector without including their headers.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include <cld2/public/compact_lang_det.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace crossroads::extract {

namespace {

// CLD2 reads buffers of up to 2 GiB as int; a text's language is settled long before that.
constexpr std::size_t kMaxDetectBytes = 64 * 1024;
constexpr std::size_t kPaddingBytes = 16;

// ---- the script of a text, and the letters that tell languages of one script apart ----

enum Script : std::uint8_t {
  kLatin,
  kArabic,
  kGeez,
  kGreek,
  kCyrillic,
  kArmenian,
  kGeorgian,
  kOtherScript,
  kScriptCount,
};

struct Profile {
  std::size_t letters[kScriptCount] = {};
  std::size_t total = 0;     // letters of every script
  std::size_t pashto = 0;    // ټ ډ ړ ښ ږ ګ ڼ ې ۍ ځ څ
  std::size_t sorani = 0;    // ڕ ڵ ۆ ێ ە
  std::size_t tigrinya = 0;  // ቐ and ኸ series, ኣ
  std::size_t amharic = 0;   // አ, ዠ series
  Script dominant = kOtherScript;
};

bool pashto_letter(char32_t c) {
  switch (c) {
    case 0x067C:  // ټ
    case 0x0689:  // ډ
    case 0x0693:  // ړ
    case 0x069A:  // ښ
    case 0x0696:  // ږ
    case 0x06AB:  // ګ
    case 0x06BC:  // ڼ
    case 0x06D0:  // ې
    case 0x06CD:  // ۍ
    case 0x0681:  // ځ
    case 0x0685:  // څ
      return true;
    default:
      return false;
  }
}

bool sorani_letter(char32_t c) {
  return c == 0x0695 /* ڕ */ || c == 0x06B5 /* ڵ */ || c == 0x06C6 /* ۆ */ || c == 0x06CE /* ێ */ ||
         c == 0x06D5 /* ە */;
}

bool arabic_letter(char32_t c) {
  return (c >= 0x0620 && c <= 0x064A) || (c >= 0x066E && c <= 0x06D3) || c == 0x06D5 ||
         (c >= 0x06EE && c <= 0x06EF) || (c >= 0x06FA && c <= 0x06FF) ||
         (c >= 0x0750 && c <= 0x077F) || (c >= 0x08A0 && c <= 0x08FF) ||
         (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFC);
}

// Letters outside the scripts above: anything that is not punctuation, a symbol, a digit, a
// mark, a space or an emoji. Rough, but only decides whether CLD2 is asked at all.
bool other_letter(char32_t c) {
  if (c < 0x0250) return false;  // Latin handled by the caller; the rest is punctuation
  if (c >= 0x02B0 && c <= 0x036F) return false;  // modifiers, combining marks
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows, shapes
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFE00 && c <= 0xFE0F) return false;  // variation selectors
  if (c >= 0xFF00 && c <= 0xFF20) return false;  // fullwidth punctuation and digits
  if (c >= 0x1F000) return false;                // emoji and pictographs
  return true;
}

// Two-byte code points (U+0080..07FF: Latin, Greek, Cyrillic, Armenian, Arabic) are classified
// by one table load; this pass runs over every byte of every message.
enum TwoByteClass : std::uint8_t {
  kNoLetter,
  kLatinLetter,
  kGreekLetter,
  kCyrillicLetter,
  kArmenianLetter,
  kArabicLetter,
  kPashtoLetter,
  kSoraniLetter,
  kTwoByteClassCount,
};

std::array<std::uint8_t, 0x800> make_two_byte_classes() {
  std::array<std::uint8_t, 0x800> t{};
  for (char32_t c = 0x80; c < 0x800; ++c) {
    std::uint8_t v = kNoLetter;
    if (c >= 0x00C0 && c <= 0x024F && c != 0x00D7 && c != 0x00F7) {
      v = kLatinLetter;
    } else if (c >= 0x0370 && c <= 0x03FF && c != 0x037E && c != 0x0387) {
      v = kGreekLetter;
    } else if (c >= 0x0400 && c <= 0x052F) {
      v = kCyrillicLetter;
    } else if (c >= 0x0531 && c <= 0x058A) {
      v = kArmenianLetter;
    } else if (arabic_letter(c)) {
      v = pashto_letter(c) ? kPashtoLetter : sorani_letter(c) ? kSoraniLetter : kArabicLetter;
    }
    t[c] = v;
  }
  return t;
}

const std::array<std::uint8_t, 0x800>& two_byte_classes() {
  static const std::array<std::uint8_t, 0x800> kTable = make_two_byte_classes();
  return kTable;
}

// Three- and four-byte code points: Ge'ez, Georgian, Greek extended, Arabic presentation forms,
// other scripts.
void count_wide(char32_t c, Profile& p) {
  if ((c >= 0x1200 && c <= 0x135A) || (c >= 0x1380 && c <= 0x139F) ||
      (c >= 0x2D80 && c <= 0x2DDF) || (c >= 0xAB00 && c <= 0xAB2F)) {
    ++p.letters[kGeez];
    if ((c >= 0x1250 && c <= 0x125D) || (c >= 0x12B8 && c <= 0x12C5) || c == 0x12A3) {
      ++p.tigrinya;
    } else if (c == 0x12A0 || (c >= 0x12E0 && c <= 0x12E7)) {
      ++p.amharic;
    }
  } else if (c >= 0x1F00 && c <= 0x1FFF) {
    ++p.letters[kGreek];
  } else if (c >= 0x10A0 && c <= 0x10FF) {
    ++p.letters[kGeorgian];
  } else if (arabic_letter(c)) {
    ++p.letters[kArabic];
  } else if (other_letter(c)) {
    ++p.letters[kOtherScript];
  }
}

// Decodes UTF-8 leniently (a bad byte counts as nothing) and counts letters by script.
Profile profile_of(std::string_view text) {
  Profile p;
  const auto& two = two_byte_classes();
  std::size_t two_counts[2][kTwoByteClassCount] = {};
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t ascii_letters = 0;
  std::size_t i = 0;
  while (i < n) {
    // Eight ASCII bytes at a time: letters are the bytes that fall in 'a'..'z' once 0x20 is
    // set (no carries cross bytes: every byte is below 0x80 and gets at most 0x1F added).
    while (i + 8 <= n) {
      std::uint64_t w = 0;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) != 0) break;
      const std::uint64_t x = w | 0x2020202020202020ULL;
      const std::uint64_t at_least_a = x + 0x1F1F1F1F1F1F1F1FULL;  // high bit: >= 'a'
      const std::uint64_t above_z = x + 0x0505050505050505ULL;     // high bit: >= '{'
      // Sum of the eight 0/1 bytes by one multiplication (std::popcount is a libgcc call
      // without -mpopcnt).
      const std::uint64_t ones = (at_least_a & ~above_z & 0x8080808080808080ULL) >> 7;
      ascii_letters += static_cast<std::size_t>((ones * 0x0101010101010101ULL) >> 56);
      i += 8;
    }
    if (i >= n) break;
    const unsigned char b = s[i];
    if (b < 0x80) {
      ascii_letters += static_cast<std::size_t>(static_cast<unsigned char>((b | 0x20) - 'a') < 26);
      ++i;
      continue;
    }
    if (b >= 0xC2 && b <= 0xDF) {
      // A word of two-byte letters (Arabic, Cyrillic, Greek) in one go, counted alternately
      // into two tables so that consecutive letters of one class do not wait on each other's
      // increment.
      std::size_t parity = 0;
      do {
        if (i + 1 >= n || (s[i + 1] & 0xC0) != 0x80) {
          ++i;
          break;
        }
        ++two_counts[parity][two[((s[i] & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu)]];
        parity ^= 1;
        i += 2;
      } while (i < n && s[i] >= 0xC2 && s[i] <= 0xDF);
      continue;
    }
    std::size_t len = 0;
    char32_t c = 0;
    if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      c = b & 0x0F;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      c = b & 0x07;
    } else {
      ++i;
      continue;
    }
    if (i + len > n) break;
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char t = s[i + k];
      ok = ok && (t & 0xC0) == 0x80;
      c = (c << 6) | (t & 0x3F);
    }
    if (!ok) {
      ++i;
      continue;
    }
    i += len;
    count_wide(c, p);
  }
  const auto two_count = [&](TwoByteClass c) { return two_counts[0][c] + two_counts[1][c]; };
  p.letters[kLatin] += ascii_letters + two_count(kLatinLetter);
  p.letters[kGreek] += two_count(kGreekLetter);
  p.letters[kCyrillic] += two_count(kCyrillicLetter);
  p.letters[kArmenian] += two_count(kArmenianLetter);
  p.pashto = two_count(kPashtoLetter);
  p.sorani = two_count(kSoraniLetter);
  p.letters[kArabic] += two_count(kArabicLetter) + p.pashto + p.sorani;
  std::size_t best = 0;
  for (int k = 0; k < kScriptCount; ++k) {
    p.total += p.letters[k];
    if (p.letters[k] > best) {
      best = p.letters[k];
      p.dominant = static_cast<Script>(k);
    }
  }
  return p;
}

// Small words only one of the two languages writes (copulas, prepositions), between spaces or
// Ethiopic word separators.
int geez_word_votes(std::string_view text, bool tigrinya) {
  static constexpr std::string_view kTigrinya[] = {"እዩ", "እያ", "ኢዩ",  "ኢያ",   "ኣብ",  "ናይ",
                                                   "ምስ", "ኣሎ", "ኣለዉ", "እንታይ", "ከመይ", "ኣነ"};
  static constexpr std::string_view kAmharic[] = {"ነው", "ናት", "እና", "ላይ",   "ውስጥ", "ነበር",
                                                  "አለ", "አሉ", "ምን", "እንዴት", "እኔ",  "ግን"};
  const auto words = tigrinya ? std::span<const std::string_view>(kTigrinya)
                              : std::span<const std::string_view>(kAmharic);
  int votes = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // Separators: ASCII space and punctuation, and the Ethiopic ones (U+1360..1368).
    std::size_t j = i;
    while (j < text.size()) {
      const auto b = static_cast<unsigned char>(text[j]);
      if (b < 0x80 && !((b | 0x20) >= 'a' && (b | 0x20) <= 'z')) break;
      if (b == 0xE1 && j + 2 < text.size() && static_cast<unsigned char>(text[j + 1]) == 0x8D &&
          static_cast<unsigned char>(text[j + 2]) >= 0xA0 &&
          static_cast<unsigned char>(text[j + 2]) <= 0xA8) {
        break;
      }
      ++j;
    }
    if (j > i) {
      const std::string_view word = text.substr(i, j - i);
      for (const auto& w : words) votes += word == w ? 1 : 0;
    }
    i = j;
    if (i < text.size()) i += static_cast<unsigned char>(text[i]) < 0x80 ? 1 : 3;
  }
  return votes;
}

// At least `many` marker letters, or one in a short text, and more than the rival's.
bool markers_decide(std::size_t mine, std::size_t rival, std::size_t letters) {
  return mine > rival && (mine >= 2 || letters < 40);
}

// The language when the script settles it; nullopt when CLD2 must judge.
std::optional<Language> by_script(std::string_view text, const Profile& p) {
  if (p.total == 0) return Language{};
  const std::size_t dominant = p.letters[p.dominant];
  if (dominant * 4 < p.total * 3) return std::nullopt;  // mixed scripts: CLD2
  auto settled = [](const char* code, bool reliable) {
    return Language{code, reliable, LanguageBasis::kScript};
  };
  switch (p.dominant) {
    case kArabic:
      if (markers_decide(p.pashto, p.sorani, dominant)) return settled("ps", p.pashto >= 3);
      if (markers_decide(p.sorani, p.pashto, dominant)) return settled("ckb", p.sorani >= 3);
      return std::nullopt;
    case kGeez: {
      const std::size_t ti = p.tigrinya + 2 * static_cast<std::size_t>(geez_word_votes(text, true));
      const std::size_t am = p.amharic + 2 * static_cast<std::size_t>(geez_word_votes(text, false));
      if (ti > am) return settled("ti", ti >= 2 && ti >= 2 * am);
      if (am > ti) return settled("am", am >= 2 && am >= 2 * ti);
      return Language{"und", false, LanguageBasis::kScript};
    }
    case kGreek:
      return settled("el", dominant >= 8);
    case kArmenian:
      return settled("hy", dominant >= 8);
    case kGeorgian:
      return settled("ka", dominant >= 8);
    default:
      return std::nullopt;
  }
}

// ---- CLD2 ----

struct Cld2Answer {
  Language language;
  int percent = 0;  // share of the text in that language
};

void keep_freed_heap() {
#if defined(__GLIBC__)
  // CLD2 allocates and frees a few hundred KB per call; glibc returns the top of the heap to
  // the kernel after each free (brk) and faults it back in on the next call, which made one
  // call cost ~300 µs of system time instead of ~2 µs. Keeping up to 32 MB of freed heap
  // stops that for the whole process.
  // Setting the trim threshold also freezes glibc's mmap threshold at 128 KB, so the
  // per-batch vectors of a conversation's languages (a few MB) would each be mapped afresh and
  // page-faulted in: they come from the kept heap too.
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_TRIM_THRESHOLD, 32 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
  });
#endif
}

Cld2Answer cld2(std::string_view text) {
  keep_freed_heap();
  Cld2Answer out;
  if (text.size() > kMaxDetectBytes) text = text.substr(0, kMaxDetectBytes);
  // CLD2's scanners read a few bytes past the length they are given (found by the fuzzer: a
  // SIGBUS on a valid prefix followed by a stray lead byte), so they get a NUL-padded copy.
  thread_local std::string buffer;
  buffer.assign(text);
  buffer.append(kPaddingBytes, '\0');
  int length = static_cast<int>(text.size());
  for (int attempt = 0; attempt < 2; ++attempt) {
    int valid_prefix = 0;
    CLD2::Language languages[3] = {CLD2::UNKNOWN_LANGUAGE, CLD2::UNKNOWN_LANGUAGE,
                                   CLD2::UNKNOWN_LANGUAGE};
    int percents[3] = {0, 0, 0};
    double scores[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    const CLD2::Language lang = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        buffer.data(), length, /*is_plain_text=*/true, /*cld_hints=*/nullptr, /*flags=*/0,
        languages, percents, scores, /*resultchunkvector=*/nullptr, &text_bytes, &reliable,
        &valid_prefix);
    if (valid_prefix < length) {
      // Ill-formed UTF-8 (OCR output, cut messages): CLD2 gives up, so judge the valid
      // prefix, cut and padded like the whole.
      if (valid_prefix <= 0 || attempt > 0) return out;
      length = valid_prefix;
      std::fill(buffer.begin() + length, buffer.end(), '\0');
      continue;
    }
    if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE || text_bytes == 0) {
      return out;
    }
    const char* code = CLD2::LanguageCode(lang);
    if (code == nullptr || *code == '\0' || std::string_view(code) == "un") return out;
    out.language = Language{code, reliable, LanguageBasis::kText};
    out.percent = languages[0] == lang ? percents[0] : 0;
    return out;
  }
  return out;
}

Language judge(std::string_view text, const Profile& p) {
  if (auto settled = by_script(text, p)) return *std::move(settled);
  return cld2(text).language;
}

}  // namespace

const char* basis_name(LanguageBasis basis) {
  switch (basis) {
    case LanguageBasis::kScript:
      return "script";
    case LanguageBasis::kText:
      return "text";
    case LanguageBasis::kSender:
      return "sender";
    case LanguageBasis::kNone:
      break;
  }
  return "none";
}

Language detect_language(std::string_view text) {
  if (text.size() > kMaxDetectBytes) text = text.substr(0, kMaxDetectBytes);
  return judge(text, profile_of(text));
}

std::vector<Language> detect_languages(std::span<const Message> messages) {
  std::vector<Language> out(messages.size());
  // Messages the script does not settle, grouped by sender and script, groups in order of
  // their first message; the index finds a sender's group in a batch of many conversations
  // (a CLI batch holds thousands of senders).
  struct Group {
    std::string_view sender;
    Script script;
    std::vector<std::size_t> members;
  };
  struct GroupKey {
    std::string_view sender;
    Script script;
    bool operator==(const GroupKey&) const = default;
  };
  struct GroupKeyHash {
    std::size_t operator()(const GroupKey& k) const {
      return std::hash<std::string_view>{}(k.sender) * 31 + k.script;
    }
  };
  std::vector<Group> groups;
  std::unordered_map<GroupKey, std::size_t, GroupKeyHash> index;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::string_view text = messages[i].text;
    if (text.size() > kMaxDetectBytes) text = text.substr(0, kMaxDetectBytes);
    const Profile profile = profile_of(text);
    if (auto settled = by_script(text, profile)) {
      out[i] = *std::move(settled);
    } else if (messages[i].sender.empty()) {
      out[i] = cld2(text).language;
    } else {
      const auto [it, added] =
          index.try_emplace(GroupKey{messages[i].sender, profile.dominant}, groups.size());
      if (added) groups.push_back({messages[i].sender, profile.dominant, {}});
      groups[it->second].members.push_back(i);
    }
  }
  std::string sample;
  for (const auto& [sender, script, members] : groups) {
    for (std::size_t w = 0; w < members.size(); w += kSenderWindow) {
      const std::size_t end = std::min(members.size(), w + kSenderWindow);
      bool judged = false;
      if (end - w >= kSenderMinMessages) {
        sample.clear();
        // One message from each of `samples` equal strata of the window, at shifting places
        // within the strata so that a sender who alternates languages is not sampled in step
        // with the alternation.
        const std::size_t size = end - w;
        const std::size_t samples =
            std::max(kSenderMinSample, (size + kSenderSampleStride - 1) / kSenderSampleStride);
        for (std::size_t j = 0; j < samples; ++j) {
          const std::size_t from = j * size / samples;
          const std::size_t stratum = (j + 1) * size / samples - from;
          const std::size_t pick = from + (j * 7 + 3) % std::max<std::size_t>(stratum, 1);
          const std::string_view text = messages[members[w + pick]].text;
          sample.append(text.substr(0, kMaxDetectBytes / kSenderWindow));
          sample.push_back('\n');
        }
        const Cld2Answer answer = cld2(sample);
        if (answer.language.reliable && answer.percent >= kSenderSamplePercent) {
          for (std::size_t k = w; k < end; ++k) {
            out[members[k]] = Language{answer.language.code, true, LanguageBasis::kSender};
          }
          judged = true;
        }
      }
      if (!judged) {
        for (std::size_t k = w; k < end; ++k)
          out[members[k]] = cld2(messages[members[k]].text).language;
      }
    }
  }
  return out;
}

}  // namespace crossroads::extract
