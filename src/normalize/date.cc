// Dates, full or partial. Day and month are never guessed: when a numeric date reads both
// ways, the European reading is the key but the value is flagged with both readings.
#include <array>
#include <vector>

#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2199;

struct MonthName {
  const char* name;  // lower case
  int month;
};

// English, French, German, Italian, Spanish (full names and usual abbreviations).
constexpr MonthName kMonthNames[] = {
    {"january", 1},   {"jan", 1},        {"janvier", 1},   {"janv", 1},       {"januar", 1},
    {"jänner", 1},    {"jaenner", 1},    {"gennaio", 1},   {"gen", 1},        {"enero", 1},
    {"ene", 1},       {"february", 2},   {"feb", 2},       {"février", 2},    {"fevrier", 2},
    {"févr", 2},      {"fevr", 2},       {"fév", 2},       {"februar", 2},    {"febbraio", 2},
    {"febrero", 2},   {"march", 3},      {"mar", 3},       {"mars", 3},       {"märz", 3},
    {"maerz", 3},     {"marz", 3},       {"mär", 3},       {"marzo", 3},      {"april", 4},
    {"apr", 4},       {"avril", 4},      {"avr", 4},       {"aprile", 4},     {"abril", 4},
    {"abr", 4},       {"may", 5},        {"mai", 5},       {"maggio", 5},     {"mag", 5},
    {"mayo", 5},      {"june", 6},       {"jun", 6},       {"juin", 6},       {"juni", 6},
    {"giugno", 6},    {"giu", 6},        {"junio", 6},     {"july", 7},       {"jul", 7},
    {"juillet", 7},   {"juil", 7},       {"juli", 7},      {"luglio", 7},     {"lug", 7},
    {"julio", 7},     {"august", 8},     {"aug", 8},       {"août", 8},       {"aout", 8},
    {"agosto", 8},    {"ago", 8},        {"september", 9}, {"sep", 9},        {"sept", 9},
    {"septembre", 9}, {"settembre", 9},  {"set", 9},       {"septiembre", 9}, {"setiembre", 9},
    {"october", 10},  {"oct", 10},       {"octobre", 10},  {"oktober", 10},   {"okt", 10},
    {"ottobre", 10},  {"ott", 10},       {"octubre", 10},  {"november", 11},  {"nov", 11},
    {"novembre", 11}, {"noviembre", 11}, {"december", 12}, {"dec", 12},       {"décembre", 12},
    {"decembre", 12}, {"déc", 12},       {"dezember", 12}, {"dez", 12},       {"dicembre", 12},
    {"dic", 12},      {"diciembre", 12},
};

// Words that may surround the parts of a written date: "3 de abril de 2021", "the 3rd of".
constexpr const char* kFillerWords[] = {"de", "del", "of", "the", "le", "il", "den", "am"};

constexpr const char* kEnglishMonths[] = {"January",   "February", "March",    "April",
                                          "May",       "June",     "July",     "August",
                                          "September", "October",  "November", "December"};

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[static_cast<std::size_t>(month - 1)];
}

std::string two(int n) { return n < 10 ? "0" + std::to_string(n) : std::to_string(n); }

std::string iso(int year, int month, int day) {
  std::string out = std::to_string(year);
  if (month > 0) out += "-" + two(month);
  if (day > 0) out += "-" + two(day);
  return out;
}

struct Token {
  enum Type { kNumber, kWord, kSeparator } type;
  std::string text;
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  auto type_of = [](char c) {
    if (text::is_digit(c)) return Token::kNumber;
    if (text::is_alpha(c) || static_cast<unsigned char>(c) >= 0x80) return Token::kWord;
    return Token::kSeparator;
  };
  for (char c : s) {
    const Token::Type type = type_of(c);
    if (!tokens.empty() && tokens.back().type == type && type != Token::kSeparator) {
      tokens.back().text.push_back(c);
    } else {
      tokens.push_back({type, std::string(1, c)});
    }
  }
  return tokens;
}

int to_int(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

struct Date {
  int year = 0;
  int month = 0;  // 0 when only the year is known
  int day = 0;    // 0 when only year and month are known
};

core::Status check(const Date& d, const std::string& original) {
  if (d.year < kMinYear || d.year > kMaxYear) {
    return core::invalid("year " + std::to_string(d.year) + " in " + text::quote(original) +
                             " is outside " + std::to_string(kMinYear) + "-" +
                             std::to_string(kMaxYear),
                         "date");
  }
  if (d.month < 0 || d.month > 12 || (d.month == 0 && d.day != 0)) {
    return core::invalid(
        "there is no month " + std::to_string(d.month) + " in " + text::quote(original), "date");
  }
  if (d.day != 0 && (d.day < 1 || d.day > days_in_month(d.year, d.month))) {
    return core::invalid(kEnglishMonths[d.month - 1] + std::string(" ") + std::to_string(d.year) +
                             " has no day " + std::to_string(d.day) + " (in " +
                             text::quote(original) + ")",
                         "date");
  }
  return core::Status::ok();
}

Normalized make(const Date& d) {
  Normalized out;
  out.kind = Kind::kDate;
  out.value = iso(d.year, d.month, d.day);
  out.parts["year"] = std::to_string(d.year);
  if (d.month > 0) out.parts["month"] = std::to_string(d.month);
  if (d.day > 0) out.parts["day"] = std::to_string(d.day);
  out.parts["precision"] = d.day > 0 ? "day" : d.month > 0 ? "month" : "year";
  out.parts["ambiguous"] = "false";
  if (d.day > 0) {
    out.display =
        std::to_string(d.day) + " " + kEnglishMonths[d.month - 1] + " " + std::to_string(d.year);
  } else if (d.month > 0) {
    out.display = std::string(kEnglishMonths[d.month - 1]) + " " + std::to_string(d.year);
  } else {
    out.display = std::to_string(d.year);
  }
  return out;
}

core::Status year_needs_four_digits(std::string_view year, const std::string& original) {
  return core::invalid("two-digit year '" + std::string(year) + "' in " + text::quote(original) +
                           " is ambiguous: write the year in full (e.g. 19" + std::string(year) +
                           " or 20" + std::string(year) + ")",
                       "date");
}

// Only numbers and one kind of separator: 2021, 2021-04, 2021-04-03, 03.04.2021, 3/4/2021,
// 04/2021.
core::Result<Normalized> parse_numeric(const std::vector<std::string>& numbers,
                                       const std::string& original) {
  if (numbers.size() == 1) {
    if (numbers[0].size() == 4) {
      Date d{to_int(numbers[0]), 0, 0};
      CR_RETURN_IF_ERROR(check(d, original));
      return make(d);
    }
    return core::invalid(
        text::quote(original) + " is not a date: write YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or YYYY",
        "date");
  }
  for (const auto& n : numbers) {
    if (n.size() > 4) {
      return core::invalid(text::quote(original) + " has a number too long for a date", "date");
    }
  }
  if (numbers.front().size() == 4) {  // ISO order: year first
    Date d{to_int(numbers[0]), to_int(numbers[1]), numbers.size() == 3 ? to_int(numbers[2]) : 0};
    if (numbers[1].size() > 2 || (numbers.size() == 3 && numbers[2].size() > 2)) {
      return core::invalid(text::quote(original) + " is not a date: write YYYY-MM-DD", "date");
    }
    if (numbers.size() == 3 && d.day == 0) {
      return core::invalid(text::quote(original) + " has day 0", "date");
    }
    if (d.month == 0) return core::invalid(text::quote(original) + " has month 0", "date");
    CR_RETURN_IF_ERROR(check(d, original));
    return make(d);
  }
  const std::string& year_text = numbers.back();
  if (year_text.size() != 4) {
    if (year_text.size() == 2) return year_needs_four_digits(year_text, original);
    return core::invalid(text::quote(original) + " has no four-digit year", "date");
  }
  const int year = to_int(year_text);
  if (numbers.size() == 2) {  // MM/YYYY
    if (numbers[0].size() > 2) {
      return core::invalid(text::quote(original) + " is not a date: write MM/YYYY", "date");
    }
    Date d{year, to_int(numbers[0]), 0};
    if (d.month == 0) return core::invalid(text::quote(original) + " has month 0", "date");
    CR_RETURN_IF_ERROR(check(d, original));
    return make(d);
  }
  if (numbers[0].size() > 2 || numbers[1].size() > 2) {
    return core::invalid(text::quote(original) + " is not a date: write DD.MM.YYYY", "date");
  }
  const int first = to_int(numbers[0]);
  const int second = to_int(numbers[1]);
  if (first == 0 || second == 0) {
    return core::invalid(text::quote(original) + " has a day or month of 0", "date");
  }
  const Date dmy{year, second, first};
  const Date mdy{year, first, second};
  const bool dmy_ok = check(dmy, original).is_ok();
  const bool mdy_ok = check(mdy, original).is_ok();
  if (dmy_ok && mdy_ok && first != second) {
    Normalized out = make(dmy);
    out.parts["ambiguous"] = "true";
    out.parts["reading_dmy"] = iso(dmy.year, dmy.month, dmy.day);
    out.parts["reading_mdy"] = iso(mdy.year, mdy.month, mdy.day);
    out.parts["warning"] = "day and month are ambiguous in " + text::quote(original) + ": write " +
                           out.parts["reading_dmy"] + " or " + out.parts["reading_mdy"];
    out.display +=
        " (or " + std::string(kEnglishMonths[mdy.month - 1]) + " " + std::to_string(mdy.day) + "?)";
    return out;
  }
  if (dmy_ok) return make(dmy);
  if (mdy_ok) {
    // Only the US order is a real date (e.g. 04/23/2021): no guess involved.
    Normalized out = make(mdy);
    out.parts["order"] = "mdy";
    return out;
  }
  CR_RETURN_IF_ERROR(check(dmy, original));
  return core::invalid(text::quote(original) + " is not a valid date", "date");
}

std::optional<int> month_from_word(const std::string& word) {
  for (const auto& m : kMonthNames) {
    if (word == m.name) return m.month;
  }
  return std::nullopt;
}

bool is_filler(const std::string& word) {
  for (const char* f : kFillerWords) {
    if (word == f) return true;
  }
  return false;
}

bool is_ordinal_suffix(const std::string& word) {
  return word == "st" || word == "nd" || word == "rd" || word == "th" || word == "er" ||
         word == "re" || word == "º" || word == "ª" || word == "°";
}

}  // namespace

// Strictly speaking the ambiguity of 03/04/2021 is a property of the input, so it is reported
// in parts rather than as an error: the caller decides whether to ask the user.
core::Result<Normalized> normalize_date(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  if (original.empty()) return core::invalid("the date is empty", "date");
  if (original.size() > 64) {
    return core::invalid(text::quote(original) + " is too long to be a date", "date");
  }
  const std::string folded = text::to_lower_unicode(text::trim(text::fold_separators(original)));
  const std::vector<Token> tokens = tokenize(folded);

  bool has_word = false;
  for (const auto& t : tokens) has_word = has_word || t.type == Token::kWord;

  if (!has_word) {
    std::vector<std::string> numbers;
    char separator = 0;
    bool previous_was_number = false;
    for (const auto& t : tokens) {
      if (t.type == Token::kNumber) {
        numbers.push_back(t.text);
        previous_was_number = true;
        continue;
      }
      const char c = t.text[0];
      if (c == ' ' && !previous_was_number) continue;
      if (c != '-' && c != '/' && c != '.' && c != ' ') {
        return core::invalid(
            text::quote(original) + " contains '" + t.text + "', which does not belong in a date",
            "date");
      }
      if (separator == 0) separator = c;
      if (c != separator && !(numbers.size() >= 3 && c == '.')) {
        return core::invalid(text::quote(original) + " mixes separators: write YYYY-MM-DD", "date");
      }
      previous_was_number = false;
    }
    if (numbers.empty() || numbers.size() > 3) {
      return core::invalid(text::quote(original) + " is not a date", "date");
    }
    return parse_numeric(numbers, original);
  }

  // Written dates: one month name, a four-digit year, at most one day, in any order.
  std::optional<int> month;
  std::optional<int> day;
  std::optional<int> year;
  bool previous_was_number = false;
  for (const auto& t : tokens) {
    if (t.type == Token::kSeparator) {
      if (t.text != " " && t.text != "," && t.text != "." && t.text != "-" && t.text != "/") {
        return core::invalid(
            text::quote(original) + " contains '" + t.text + "', which does not belong in a date",
            "date");
      }
      previous_was_number = false;
      continue;
    }
    if (t.type == Token::kWord) {
      if (previous_was_number && is_ordinal_suffix(t.text)) {
        previous_was_number = false;
        continue;
      }
      previous_was_number = false;
      if (is_filler(t.text)) continue;
      auto m = month_from_word(t.text);
      if (!m) {
        return core::invalid("'" + t.text + "' in " + text::quote(original) +
                                 " is not a month name (English, French, German, Italian or "
                                 "Spanish)",
                             "date");
      }
      if (month) {
        return core::invalid(text::quote(original) + " names more than one month", "date");
      }
      month = m;
      continue;
    }
    previous_was_number = true;
    if (t.text.size() == 4) {
      if (year) return core::invalid(text::quote(original) + " has two years", "date");
      year = to_int(t.text);
    } else if (t.text.size() <= 2) {
      if (day) {
        return core::invalid(text::quote(original) + " has two days or a two-digit year", "date");
      }
      day = to_int(t.text);
    } else {
      return core::invalid(text::quote(original) + " has a number that is neither day nor year",
                           "date");
    }
  }
  if (!month) return core::invalid(text::quote(original) + " has no month", "date");
  if (!year) {
    if (day && *day > 31) return year_needs_four_digits(std::to_string(*day), original);
    return core::invalid(text::quote(original) + " has no four-digit year", "date");
  }
  Date d{*year, *month, day.value_or(0)};
  if (day && *day == 0) return core::invalid(text::quote(original) + " has day 0", "date");
  CR_RETURN_IF_ERROR(check(d, original));
  return make(d);
}

}  // namespace crossroads::normalize
