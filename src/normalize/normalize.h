// Canonical forms of the identifiers that cases are linked on. Every normaliser returns the
// key the matcher indexes, a display form, named parts, or an invalid_argument Status that
// tells a person what to fix. None of them silently accepts garbage.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace crossroads::normalize {

enum class Kind {
  kPhone,
  kEmail,
  kIban,
  kBic,
  kPaymentCard,
  kImei,
  kImo,
  kMmsi,
  kPlate,
  kDocument,
  kUrl,
  kOnlineAccount,
  kCryptoWallet,
  kDate,
};
inline constexpr int kKindCount = 14;

// "phone", "email", "iban", "bic", "payment_card", "imei", "imo", "mmsi", "plate", "document",
// "url", "online_account", "crypto_wallet", "date".
const char* kind_name(Kind kind);
std::optional<Kind> parse_kind(std::string_view name);

struct Context {
  std::string default_country;  // ISO 3166 alpha-2 of the case's country, e.g. "IT"
  std::string platform;         // online accounts: platform of a bare handle, e.g. "telegram"
};

struct Normalized {
  Kind kind = Kind::kPhone;
  std::string value;    // canonical form: the key the matcher indexes
  std::string display;  // how to show it (card numbers masked, IBAN in groups of four)
  std::map<std::string, std::string> parts;  // named components, e.g. "country", "type"
};

// Longest input any normaliser looks at; longer values are rejected, not truncated.
inline constexpr std::size_t kMaxInputBytes = 4096;

core::Result<Normalized> normalize(Kind kind, std::string_view value, const Context& ctx = {});

// normalize(kind, value, ctx)->value alone, with the same verdict and messages, for indexes that
// keep nothing else: a phone's display form and parts are not worked out (a third of its cost).
core::Result<std::string> canonical(Kind kind, std::string_view value, const Context& ctx = {});

// Per-kind entry points; normalize() dispatches to these.
core::Result<Normalized> normalize_phone(std::string_view value, const Context& ctx);
core::Result<std::string> canonical_phone(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_email(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_iban(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_bic(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_payment_card(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_imei(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_imo(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_mmsi(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_plate(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_document(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_url(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_online_account(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_crypto_wallet(std::string_view value, const Context& ctx);
core::Result<Normalized> normalize_date(std::string_view value, const Context& ctx);

// The form of a phone number that normalize_phone's result depends on, with the region a
// national number is read in: separators and a leading "00" resolved ("0034 62-439 2378" and
// "+34 624392378" both give "+34624392378"; "624 392 378" in Spain "ES:624392378"). Two values
// with the same key normalise to the same canonical value, or are both invalid. Empty when the
// value is refused before parsing (no key needed: that is cheap). For caches of phones.
std::string phone_cache_key(std::string_view value, const Context& ctx);

// Unicode decimal digits (Arabic-Indic U+0660..0669, Persian U+06F0..06F9, fullwidth,
// Devanagari, ...) to ASCII '0'..'9'; everything else, including ill-formed UTF-8, unchanged.
std::string fold_digits(std::string_view text);

}  // namespace crossroads::normalize
