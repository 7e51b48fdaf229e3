#include "extract/language.h"

// CLD2's public header uses FILE and std::vector without including their headers.
#include <algorithm>
#include <cstdio>
#include <vector>

#include <cld2/public/compact_lang_det.h>

namespace crossroads::extract {

namespace {

// CLD2 reads buffers of up to 2 GiB as int; a text's language is settled long before that.
constexpr std::size_t kMaxDetectBytes = 64 * 1024;
constexpr std::size_t kPaddingBytes = 16;

}  // namespace

Language detect_language(std::string_view text) {
  Language out;
  if (text.size() > kMaxDetectBytes) text = text.substr(0, kMaxDetectBytes);
  // CLD2's scanners read a few bytes past the length they are given (found by the fuzzer: a
  // SIGBUS on a valid prefix followed by a stray lead byte), so they get a NUL-padded copy.
  std::string buffer(text);
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
    out.code = code;
    out.reliable = reliable;
    return out;
  }
  return out;
}

}  // namespace crossroads::extract
