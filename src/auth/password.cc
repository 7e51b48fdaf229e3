#include "auth/password.h"

#include <sodium.h>

#include <mutex>

#include "core/crypto.h"

namespace crossroads::auth {

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::minimum() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

core::Status check_password_policy(std::string_view password) {
  if (password.size() < kMinPasswordLength) {
    return core::invalid("the password must have at least " + std::to_string(kMinPasswordLength) +
                             " characters; a phrase of several words is easy to remember",
                         "password");
  }
  if (password.size() > kMaxPasswordLength) {
    return core::invalid(
        "the password must have at most " + std::to_string(kMaxPasswordLength) + " characters",
        "password");
  }
  return core::Status::ok();
}

core::Result<std::string> hash_password(std::string_view password, const PasswordCost& cost) {
  core::init_crypto();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost.ops, cost.memory_bytes,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::internal("out of memory while hashing a password");
  }
  return std::string(out);
}

bool verify_password(const std::string& encoded_hash, std::string_view password) {
  core::init_crypto();
  return crypto_pwhash_str_verify(encoded_hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_hash(const PasswordCost& cost) {
  static std::mutex mu;
  static std::string hash;
  std::lock_guard<std::mutex> lock(mu);
  if (hash.empty()) {
    auto made = hash_password(core::random_hex(16), cost);
    hash = made.is_ok() ? *made : std::string("$argon2id$v=19$m=8,t=1,p=1$invalid");
  }
  return hash;
}

}  // namespace crossroads::auth
