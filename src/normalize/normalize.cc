#include "normalize/normalize.h"

#include <array>

#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

struct KindEntry {
  Kind kind;
  const char* name;
  const char* label;  // for messages: "phone number"
};

constexpr std::array<KindEntry, kKindCount> kKinds = {{
    {Kind::kPhone, "phone", "phone number"},
    {Kind::kEmail, "email", "e-mail address"},
    {Kind::kIban, "iban", "IBAN"},
    {Kind::kBic, "bic", "BIC"},
    {Kind::kPaymentCard, "payment_card", "payment card number"},
    {Kind::kImei, "imei", "IMEI"},
    {Kind::kImo, "imo", "IMO number"},
    {Kind::kMmsi, "mmsi", "MMSI"},
    {Kind::kPlate, "plate", "vehicle plate"},
    {Kind::kDocument, "document", "document number"},
    {Kind::kUrl, "url", "URL"},
    {Kind::kOnlineAccount, "online_account", "online account"},
    {Kind::kCryptoWallet, "crypto_wallet", "crypto wallet address"},
    {Kind::kDate, "date", "date"},
}};

const KindEntry& entry(Kind kind) {
  for (const auto& e : kKinds) {
    if (e.kind == kind) return e;
  }
  CR_ASSERT(false);
  return kKinds[0];
}

}  // namespace

const char* kind_name(Kind kind) { return entry(kind).name; }

std::optional<Kind> parse_kind(std::string_view name) {
  const std::string lower = text::to_lower_ascii(text::trim(name));
  for (const auto& e : kKinds) {
    if (lower == e.name) return e.kind;
  }
  if (lower == "e-mail" || lower == "mail") return Kind::kEmail;
  if (lower == "card") return Kind::kPaymentCard;
  if (lower == "wallet") return Kind::kCryptoWallet;
  if (lower == "account") return Kind::kOnlineAccount;
  return std::nullopt;
}

namespace {

core::Result<Normalized> normalize_kind(Kind kind, std::string_view value, const Context& ctx) {
  switch (kind) {
    case Kind::kPhone:
      return normalize_phone(value, ctx);
    case Kind::kEmail:
      return normalize_email(value, ctx);
    case Kind::kIban:
      return normalize_iban(value, ctx);
    case Kind::kBic:
      return normalize_bic(value, ctx);
    case Kind::kPaymentCard:
      return normalize_payment_card(value, ctx);
    case Kind::kImei:
      return normalize_imei(value, ctx);
    case Kind::kImo:
      return normalize_imo(value, ctx);
    case Kind::kMmsi:
      return normalize_mmsi(value, ctx);
    case Kind::kPlate:
      return normalize_plate(value, ctx);
    case Kind::kDocument:
      return normalize_document(value, ctx);
    case Kind::kUrl:
      return normalize_url(value, ctx);
    case Kind::kOnlineAccount:
      return normalize_online_account(value, ctx);
    case Kind::kCryptoWallet:
      return normalize_crypto_wallet(value, ctx);
    case Kind::kDate:
      return normalize_date(value, ctx);
  }
  CR_ASSERT(false);
  return core::internal("unknown kind");
}

}  // namespace

core::Result<Normalized> normalize(Kind kind, std::string_view value, const Context& ctx) {
  const KindEntry& e = entry(kind);
  if (value.size() > kMaxInputBytes) {
    return core::invalid(std::string("value is too long for a ") + e.label + " (" +
                             std::to_string(value.size()) + " bytes)",
                         e.name);
  }
  if (text::trim(value).empty()) {
    return core::invalid(std::string("the ") + e.label + " is empty", e.name);
  }
  auto result = normalize_kind(kind, value, ctx);
  // A canonical form is itself a valid input: percent-encoding can make it longer than the
  // value, so the limit holds for it too.
  if (result && result->value.size() > kMaxInputBytes) {
    return core::invalid(std::string("the ") + e.label + " is too long once written canonically (" +
                             std::to_string(result->value.size()) + " bytes, at most " +
                             std::to_string(kMaxInputBytes) + ")",
                         e.name);
  }
  return result;
}

core::Result<std::string> canonical(Kind kind, std::string_view value, const Context& ctx) {
  // A phone normalize() would accept is at most 64 bytes: its canonical form is never over the
  // limit, so normalize()'s only other checks are these two.
  if (kind == Kind::kPhone && value.size() <= kMaxInputBytes && !text::trim(value).empty()) {
    return canonical_phone(value, ctx);
  }
  CR_ASSIGN_OR_RETURN(Normalized n, normalize(kind, value, ctx));
  return std::move(n.value);
}

}  // namespace crossroads::normalize
