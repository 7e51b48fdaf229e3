// Crypto wallet addresses with their checksums: Bitcoin (base58check, bech32, bech32m),
// Ethereum and other EVM chains (EIP-55), Tron (base58check).
#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "normalize/keccak.h"
#include "normalize/normalize.h"
#include "normalize/text.h"

namespace crossroads::normalize {

namespace {

using Bytes = std::vector<std::uint8_t>;

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
constexpr std::string_view kBech32Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::size_t kMaxAddressLength = 100;

core::Status bad(const std::string& message) { return core::invalid(message, "crypto_wallet"); }

std::optional<Bytes> base58_decode(std::string_view s) {
  Bytes out;  // big-endian magnitude
  for (char c : s) {
    const std::size_t digit = kBase58Alphabet.find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    unsigned carry = static_cast<unsigned>(digit);
    for (auto it = out.rbegin(); it != out.rend(); ++it) {
      carry += 58u * *it;
      *it = static_cast<std::uint8_t>(carry & 0xFF);
      carry >>= 8;
    }
    while (carry > 0) {
      out.insert(out.begin(), static_cast<std::uint8_t>(carry & 0xFF));
      carry >>= 8;
    }
  }
  std::size_t leading = 0;
  while (leading < s.size() && s[leading] == '1') ++leading;
  out.insert(out.begin(), leading, 0);
  return out;
}

std::array<std::uint8_t, 32> sha256(const std::uint8_t* data, std::size_t size) {
  std::array<std::uint8_t, 32> digest{};
  crypto_hash_sha256(digest.data(), data, size);
  return digest;
}

// Version byte of a valid base58check payload of 21 bytes, or an error message.
core::Result<std::uint8_t> base58check_version(std::string_view address,
                                               const std::string& original) {
  auto decoded = base58_decode(address);
  if (!decoded) {
    return bad(text::quote(original) +
               " contains a character that base58 addresses never have (0, O, I or l)");
  }
  if (decoded->size() != 25) {
    return bad(text::quote(original) + " has the wrong length for a base58check address");
  }
  const auto first = sha256(decoded->data(), 21);
  const auto second = sha256(first.data(), first.size());
  if (!std::equal(second.begin(), second.begin() + 4, decoded->begin() + 21)) {
    return bad(text::quote(original) +
               " fails the base58check checksum: a character is probably mistyped");
  }
  return (*decoded)[0];
}

std::uint32_t bech32_polymod(const std::vector<std::uint8_t>& values) {
  static constexpr std::uint32_t kGenerator[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                  0x2a1462b3};
  std::uint32_t chk = 1;
  for (std::uint8_t v : values) {
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (int i = 0; i < 5; ++i) {
      if ((top >> i) & 1) chk ^= kGenerator[i];
    }
  }
  return chk;
}

enum class Bech32Encoding { kBech32, kBech32m };

struct Bech32 {
  std::string hrp;
  std::vector<std::uint8_t> data;  // 5-bit groups, checksum removed
  Bech32Encoding encoding;
};

core::Result<Bech32> bech32_decode(std::string_view s, const std::string& original) {
  bool lower = false;
  bool upper = false;
  for (char c : s) {
    if (c < 33 || c > 126) return bad(text::quote(original) + " has a character outside ASCII");
    lower = lower || (c >= 'a' && c <= 'z');
    upper = upper || (c >= 'A' && c <= 'Z');
  }
  if (lower && upper) {
    return bad(text::quote(original) + " mixes upper and lower case, which bech32 forbids");
  }
  const std::string str = text::to_lower_ascii(s);
  const std::size_t sep = str.rfind('1');
  if (sep == std::string::npos || sep == 0 || sep + 7 > str.size() || str.size() > 90) {
    return bad(text::quote(original) + " is not a well-formed bech32 address");
  }
  Bech32 out;
  out.hrp = str.substr(0, sep);
  std::vector<std::uint8_t> values;
  for (char c : out.hrp) values.push_back(static_cast<std::uint8_t>(c >> 5));
  values.push_back(0);
  for (char c : out.hrp) values.push_back(static_cast<std::uint8_t>(c & 31));
  for (std::size_t i = sep + 1; i < str.size(); ++i) {
    const std::size_t v = kBech32Charset.find(str[i]);
    if (v == std::string_view::npos) {
      return bad(text::quote(original) + ": '" + std::string(1, s[i]) +
                 "' never appears in bech32 addresses (1, b, i and o are excluded)");
    }
    out.data.push_back(static_cast<std::uint8_t>(v));
  }
  values.insert(values.end(), out.data.begin(), out.data.end());
  const std::uint32_t check = bech32_polymod(values);
  if (check == 1) {
    out.encoding = Bech32Encoding::kBech32;
  } else if (check == 0x2bc830a3) {
    out.encoding = Bech32Encoding::kBech32m;
  } else {
    return bad(text::quote(original) +
               " fails the bech32 checksum: a character is probably mistyped");
  }
  out.data.resize(out.data.size() - 6);
  return out;
}

std::optional<Bytes> convert_bits_5_to_8(const std::vector<std::uint8_t>& in) {
  Bytes out;
  unsigned acc = 0;
  int bits = 0;
  for (std::uint8_t v : in) {
    acc = (acc << 5) | v;
    bits += 5;
    while (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xFF));
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xFF) != 0) return std::nullopt;
  return out;
}

Normalized wallet(std::string chain, std::string value, std::string display, std::string format) {
  Normalized out;
  out.kind = Kind::kCryptoWallet;
  out.value = chain + ":" + value;
  out.display = std::move(display);
  out.parts["chain"] = std::move(chain);
  out.parts["format"] = std::move(format);
  out.parts["address"] = std::move(value);
  return out;
}

core::Result<Normalized> bitcoin_segwit(std::string_view address, const std::string& original) {
  CR_ASSIGN_OR_RETURN(Bech32 b, bech32_decode(address, original));
  if (b.hrp != "bc" && b.hrp != "tb") {
    return bad(text::quote(original) + " is bech32 but not a Bitcoin address (prefix '" + b.hrp +
               "', expected 'bc')");
  }
  if (b.data.empty()) return bad(text::quote(original) + " has no witness program");
  const int version = b.data[0];
  if (version > 16) return bad(text::quote(original) + " has an invalid witness version");
  auto program = convert_bits_5_to_8({b.data.begin() + 1, b.data.end()});
  if (!program || program->size() < 2 || program->size() > 40) {
    return bad(text::quote(original) + " has a witness program of invalid length");
  }
  if (version == 0 && program->size() != 20 && program->size() != 32) {
    return bad(text::quote(original) + ": version 0 witness programs are 20 or 32 bytes");
  }
  if (version == 0 && b.encoding != Bech32Encoding::kBech32) {
    return bad(text::quote(original) + ": segwit v0 addresses use bech32, not bech32m");
  }
  if (version != 0 && b.encoding != Bech32Encoding::kBech32m) {
    return bad(text::quote(original) + ": segwit v1+ addresses use bech32m (BIP-350), not bech32");
  }
  const std::string lower = text::to_lower_ascii(address);
  Normalized out =
      wallet("bitcoin", lower, lower, b.encoding == Bech32Encoding::kBech32 ? "bech32" : "bech32m");
  out.parts["network"] = b.hrp == "bc" ? "mainnet" : "testnet";
  out.parts["witness_version"] = std::to_string(version);
  if (version == 0) out.parts["type"] = program->size() == 20 ? "p2wpkh" : "p2wsh";
  if (version == 1 && program->size() == 32) out.parts["type"] = "p2tr";
  return out;
}

// EIP-55: a hex letter is upper case when the matching nibble of keccak256(lower hex) >= 8.
std::string eip55(std::string_view lower_hex) {
  const auto hash = keccak256(lower_hex);
  std::string out(lower_hex);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int nibble = (i % 2 == 0) ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
    if (out[i] >= 'a' && out[i] <= 'f' && nibble >= 8) out[i] = static_cast<char>(out[i] - 32);
  }
  return out;
}

core::Result<Normalized> ethereum(std::string_view address, const std::string& original) {
  const std::string_view body = address.substr(2);
  if (body.size() != 40) {
    return bad(text::quote(original) + " is not an Ethereum address: it has " +
               std::to_string(body.size()) + " hex digits after 0x, not 40");
  }
  bool lower = false;
  bool upper = false;
  for (char c : body) {
    const bool digit = text::is_digit(c);
    const bool lower_hex = c >= 'a' && c <= 'f';
    const bool upper_hex = c >= 'A' && c <= 'F';
    if (!digit && !lower_hex && !upper_hex) {
      return bad(text::quote(original) + ": '" + std::string(1, c) + "' is not a hex digit");
    }
    lower = lower || lower_hex;
    upper = upper || upper_hex;
  }
  const std::string lower_body = text::to_lower_ascii(body);
  const std::string checksummed = eip55(lower_body);
  std::string format = "eip55";
  if (checksummed != body) {
    if (lower && upper) {
      return bad(text::quote(original) +
                 " fails the EIP-55 checksum: a character is probably mistyped");
    }
    format = "no_checksum";  // all one case: valid, but nothing confirms the digits
  }
  Normalized out = wallet("ethereum", "0x" + lower_body, "0x" + checksummed, format);
  out.parts["family"] = "evm";
  return out;
}

core::Result<Normalized> base58_address(std::string_view address, const std::string& original,
                                        std::string_view expected_chain) {
  CR_ASSIGN_OR_RETURN(std::uint8_t version, base58check_version(address, original));
  std::string chain;
  std::string format;
  std::string network = "mainnet";
  switch (version) {
    case 0x00:
      chain = "bitcoin";
      format = "p2pkh";
      break;
    case 0x05:
      chain = "bitcoin";
      format = "p2sh";
      break;
    case 0x6f:
      chain = "bitcoin";
      format = "p2pkh";
      network = "testnet";
      break;
    case 0xc4:
      chain = "bitcoin";
      format = "p2sh";
      network = "testnet";
      break;
    case 0x41:
      chain = "tron";
      format = "base58check";
      break;
    default:
      return bad(text::quote(original) + " is a base58check address of an unsupported coin");
  }
  if (!expected_chain.empty() && expected_chain != chain) {
    return bad(text::quote(original) + " is a " + chain + " address, not " +
               std::string(expected_chain));
  }
  Normalized out = wallet(chain, std::string(address), std::string(address), format);
  out.parts["network"] = network;
  return out;
}

}  // namespace

core::Result<Normalized> normalize_crypto_wallet(std::string_view value, const Context& /*ctx*/) {
  const std::string original(text::trim(value));
  if (original.size() > kMaxAddressLength + 40) {
    return bad(text::quote(original) + " is too long to be a wallet address");
  }
  std::string s = original;
  std::string chain;
  // URIs and explicit prefixes: "bitcoin:bc1...?amount=1", "ethereum:0x...@1", "tron:T...".
  const std::size_t colon = s.find(':');
  if (colon != std::string::npos) {
    chain = text::to_lower_ascii(text::trim(std::string_view(s).substr(0, colon)));
    if (chain == "btc") chain = "bitcoin";
    if (chain == "eth") chain = "ethereum";
    if (chain == "trx") chain = "tron";
    if (chain != "bitcoin" && chain != "ethereum" && chain != "tron") {
      return bad("'" + chain + "' is not a supported chain (bitcoin, ethereum, tron)");
    }
    s = std::string(text::trim(std::string_view(s).substr(colon + 1)));
    const std::size_t query = s.find_first_of("?@/");
    if (query != std::string::npos) s = s.substr(0, query);
  }
  if (s.empty()) return bad("the wallet address is empty");
  if (s.size() > kMaxAddressLength) return bad(text::quote(original) + " is too long");

  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    if (!chain.empty() && chain != "ethereum") {
      return bad(text::quote(original) + " is an Ethereum-style address, not " + chain);
    }
    return ethereum(s, original);
  }
  const std::string lower = text::to_lower_ascii(s);
  if (lower.rfind("bc1", 0) == 0 || lower.rfind("tb1", 0) == 0) {
    if (!chain.empty() && chain != "bitcoin") {
      return bad(text::quote(original) + " is a Bitcoin address, not " + chain);
    }
    return bitcoin_segwit(s, original);
  }
  if (s[0] == '1' || s[0] == '3' || s[0] == 'T' || s[0] == 'm' || s[0] == 'n' || s[0] == '2') {
    if (s.size() < 25 || s.size() > 35) {
      return bad(text::quote(original) + " has the wrong length for a " +
                 (s[0] == 'T' ? "Tron" : "Bitcoin") + " address");
    }
    return base58_address(s, original, chain);
  }
  return bad(text::quote(original) +
             " is not a recognised wallet address (Bitcoin 1.../3.../bc1..., Ethereum 0x..., "
             "Tron T...)");
}

}  // namespace crossroads::normalize
