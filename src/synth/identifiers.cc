#include "synth/identifiers.h"

#include <sodium.h>

#include <array>
#include <vector>

#include "normalize/keccak.h"
#include "synth/countries.h"

namespace crossroads::synth {

namespace {

constexpr std::string_view kBase58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

std::string base58check(std::uint8_t version, Rng& rng) {
  std::array<std::uint8_t, 25> raw{};
  raw[0] = version;
  for (std::size_t i = 1; i < 21; ++i) raw[i] = static_cast<std::uint8_t>(rng.next() & 0xFF);
  std::array<std::uint8_t, 32> first{};
  std::array<std::uint8_t, 32> second{};
  crypto_hash_sha256(first.data(), raw.data(), 21);
  crypto_hash_sha256(second.data(), first.data(), first.size());
  for (std::size_t i = 0; i < 4; ++i) raw[21 + i] = second[i];
  // Base58 of the big-endian number, leading zero bytes as '1'.
  std::vector<std::uint8_t> digits;  // little-endian base-58 digits
  for (std::uint8_t byte : raw) {
    unsigned carry = byte;
    for (auto& d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry > 0) {
      digits.push_back(static_cast<std::uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out;
  for (std::uint8_t byte : raw) {
    if (byte != 0) break;
    out += '1';
  }
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kBase58[*it];
  return out;
}

// Splits the digits of a national significant number into the groups people write.
std::string grouped(std::string_view nsn, char sep) {
  std::string out;
  std::size_t first = nsn.size() >= 9 ? 3 : 2;
  if (nsn.size() == 9 || nsn.size() == 8) first = 2;
  out.append(nsn.substr(0, first));
  std::size_t pos = first;
  while (pos < nsn.size()) {
    const std::size_t left = nsn.size() - pos;
    const std::size_t take = left == 4 ? 4 : (left > 4 ? 3 : left);
    out += sep;
    out.append(nsn.substr(pos, take));
    pos += take;
  }
  return out;
}

}  // namespace

std::string fill_pattern(Rng& rng, std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (char c : pattern) {
    if (c == '9') {
      out += rng.digit();
    } else if (c == 'A') {
      out += static_cast<char>('A' + rng.below(26));
    } else {
      out += c;
    }
  }
  return out;
}

std::string make_mobile(Rng& rng, std::string_view code) {
  const Country& c = country(code);
  const std::string_view prefix = c.mobile_prefixes[rng.below(c.mobile_prefixes.size())];
  std::string out = "+";
  out.append(c.calling_code);
  out.append(prefix);
  for (std::size_t i = prefix.size(); i < static_cast<std::size_t>(c.nsn_length); ++i) {
    out += rng.digit();
  }
  return out;
}

const char* phone_style_name(PhoneStyle style) {
  switch (style) {
    case PhoneStyle::kE164:
      return "e164";
    case PhoneStyle::kInternational:
      return "international";
    case PhoneStyle::kDoubleZero:
      return "double_zero";
    case PhoneStyle::kNational:
      return "national";
    case PhoneStyle::kNationalBare:
      return "national_bare";
    case PhoneStyle::kDashed:
      return "dashed";
  }
  return "e164";
}

std::string format_phone(std::string_view e164, std::string_view code, PhoneStyle style) {
  const Country& c = country(code);
  const std::string_view nsn = e164.substr(1 + c.calling_code.size());
  switch (style) {
    case PhoneStyle::kE164:
      return std::string(e164);
    case PhoneStyle::kInternational:
      return "+" + std::string(c.calling_code) + " " + grouped(nsn, ' ');
    case PhoneStyle::kDoubleZero:
      return "00" + std::string(c.calling_code) + " " + grouped(nsn, ' ');
    case PhoneStyle::kNational:
      return std::string(c.trunk) + grouped(nsn, ' ');
    case PhoneStyle::kNationalBare:
      return std::string(nsn);
    case PhoneStyle::kDashed:
      return "+" + std::string(c.calling_code) + "-" + grouped(nsn, '-');
  }
  return std::string(e164);
}

std::string make_iban(Rng& rng, std::string_view code) {
  const Country& c = country(code);
  const std::string bban = fill_pattern(rng, c.iban_bban);
  // Check digits: 98 - (BBAN + country + "00" as a number mod 97).
  const std::string rearranged = bban + std::string(code) + "00";
  int remainder = 0;
  for (char ch : rearranged) {
    if (ch >= '0' && ch <= '9') {
      remainder = (remainder * 10 + (ch - '0')) % 97;
    } else {
      remainder = (remainder * 100 + (ch - 'A' + 10)) % 97;
    }
  }
  const int check = 98 - remainder;
  std::string out(code);
  out += static_cast<char>('0' + check / 10);
  out += static_cast<char>('0' + check % 10);
  return out + bban;
}

std::string iban_with_spaces(std::string_view iban) {
  std::string out;
  for (std::size_t i = 0; i < iban.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += ' ';
    out += iban[i];
  }
  return out;
}

std::string make_bitcoin_address(Rng& rng) { return base58check(0x00, rng); }
std::string make_tron_address(Rng& rng) { return base58check(0x41, rng); }

std::string make_ethereum_address(Rng& rng) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string lower;
  for (int i = 0; i < 40; ++i) lower += kHex[rng.below(16)];
  const auto hash = normalize::keccak256(lower);
  std::string out = "0x";
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
    char ch = lower[i];
    if (ch >= 'a' && ch <= 'f' && nibble >= 8) ch = static_cast<char>(ch - 32);
    out += ch;
  }
  return out;
}

std::string make_imo(Rng& rng) {
  // Six digits and a check digit: sum of digit * (7 - position) mod 10. Real IMO numbers of
  // ships start with 1 to 9; small migrant boats have none (callers decide).
  std::string digits(1, static_cast<char>('1' + rng.below(9)));
  for (int i = 0; i < 5; ++i) digits += rng.digit();
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (7 - i);
  digits += static_cast<char>('0' + sum % 10);
  return "IMO " + digits;
}

std::string make_mmsi(Rng& rng, std::string_view code) {
  const Country& c = country(code);
  std::string out = c.mmsi_mids.empty() ? std::string("667")
                                        : std::string(c.mmsi_mids[rng.below(c.mmsi_mids.size())]);
  while (out.size() < 9) out += rng.digit();
  return out;
}

std::string make_passport(Rng& rng, std::string_view code) {
  return fill_pattern(rng, country(code).passport);
}

std::string make_plate(Rng& rng, std::string_view code) {
  return fill_pattern(rng, country(code).plate);
}

std::string mistype(Rng& rng, std::string_view value, std::size_t keep) {
  std::string out(value);
  std::vector<std::size_t> digits;
  std::vector<std::size_t> letters;
  for (std::size_t i = keep; i < out.size(); ++i) {
    const char ch = out[i];
    if (ch >= '0' && ch <= '9') digits.push_back(i);
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) letters.push_back(i);
  }
  if (!digits.empty()) {
    const std::size_t i = rng.pick(digits);
    out[i] = static_cast<char>('0' + (out[i] - '0' + 1 + rng.below(9)) % 10);
  } else if (!letters.empty()) {
    const std::size_t i = rng.pick(letters);
    const bool upper = out[i] <= 'Z';
    const char base = upper ? 'A' : 'a';
    out[i] = static_cast<char>(base + (out[i] - base + 1 + rng.below(25)) % 26);
  } else {
    out += 'x';
  }
  return out;
}

}  // namespace crossroads::synth
