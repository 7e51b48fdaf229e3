// Identifiers that are valid by construction (mobile numbers from real numbering plans, IBANs
// with their mod-97 check digits, base58check and EIP-55 wallets, IMO numbers with their check
// digit), the ways real files write them, and deliberate corruption for the share of records
// that carry a mistyped value.
#pragma once

#include <string>
#include <string_view>

#include "synth/rng.h"

namespace crossroads::synth {

// Fills a pattern: '9' a digit, 'A' a capital letter, anything else copied.
std::string fill_pattern(Rng& rng, std::string_view pattern);

// A mobile number of the country in E.164 ("+21891...").
std::string make_mobile(Rng& rng, std::string_view country);

enum class PhoneStyle {
  kE164,           // +218912345678
  kInternational,  // +218 91 234 5678
  kDoubleZero,     // 00218 91 234 5678
  kNational,       // 091 234 5678 (with the trunk prefix, when the country has one)
  kNationalBare,   // 912345678 (without it, as people often type)
  kDashed,         // +218-91-234-5678
};
inline constexpr int kPhoneStyleCount = 6;
const char* phone_style_name(PhoneStyle style);
// National styles are only readable with the country known; callers record the style.
std::string format_phone(std::string_view e164, std::string_view country, PhoneStyle style);

std::string make_iban(Rng& rng, std::string_view country);  // compact, valid
std::string iban_with_spaces(std::string_view iban);        // groups of four

std::string make_bitcoin_address(Rng& rng);   // P2PKH, base58check
std::string make_tron_address(Rng& rng);      // base58check, version 0x41 (USDT on Tron)
std::string make_ethereum_address(Rng& rng);  // EIP-55 mixed case

std::string make_imo(Rng& rng);                                 // "IMO 9074729"
std::string make_mmsi(Rng& rng, std::string_view country);      // 9 digits from the flag's MID
std::string make_passport(Rng& rng, std::string_view country);  // the country's layout
std::string make_plate(Rng& rng, std::string_view country);

// Replaces one digit (or, if there is none past `keep`, one letter) after the first `keep`
// characters with a different one: a typing error. The result differs from the input.
std::string mistype(Rng& rng, std::string_view value, std::size_t keep);

}  // namespace crossroads::synth
