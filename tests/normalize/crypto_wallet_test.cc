#include <gtest/gtest.h>

#include "test_util.h"

namespace crossroads::normalize {
namespace {

using testing::must;
using testing::part;
using testing::rejection;

// EIP-55 test vectors (checksummed addresses, including the all-caps and all-lower ones
// whose checksum happens to give a single case).
const char* const kEip55Vectors[] = {
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
};

TEST(CryptoWalletNormalizer, AcceptsEip55VectorsAndShowsChecksummedForm) {
  for (const char* address : kEip55Vectors) {
    SCOPED_TRACE(address);
    const Normalized n = must(Kind::kCryptoWallet, address);
    EXPECT_EQ(n.display, address);
    EXPECT_EQ(part(n, "format"), "eip55");
    EXPECT_EQ(part(n, "chain"), "ethereum");
    std::string lower = address;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(n.value, "ethereum:" + lower);
  }
}

TEST(CryptoWalletNormalizer, AcceptsSingleCaseEthereumAddressWithoutChecksum) {
  const Normalized n = must(Kind::kCryptoWallet, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
  EXPECT_EQ(part(n, "format"), "no_checksum");
  EXPECT_EQ(n.display, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
  EXPECT_EQ(n.value, "ethereum:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
}

TEST(CryptoWalletNormalizer, RejectsEthereumAddressFailingEip55) {
  const std::string message =
      rejection(Kind::kCryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
  EXPECT_NE(message.find("fails the EIP-55 checksum"), std::string::npos) << message;
}

TEST(CryptoWalletNormalizer, RejectsEthereumAddressOfWrongLengthOrDigits) {
  EXPECT_NE(rejection(Kind::kCryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA").find("40"),
            std::string::npos);
  EXPECT_NE(rejection(Kind::kCryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg")
                .find("not a hex digit"),
            std::string::npos);
}

struct WalletCase {
  const char* input;
  const char* value;
  const char* format;
};

const WalletCase kWallets[] = {
    // The genesis block address (P2PKH) and the BIP-13 P2SH example.
    {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "p2pkh"},
    {"3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "bitcoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "p2sh"},
    // BIP-173 (bech32) vectors.
    {"BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
     "bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bech32"},
    {"bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
     "bitcoin:bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", "bech32"},
    {"tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7",
     "bitcoin:tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "bech32"},
    // BIP-350 (bech32m) vectors.
    {"bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
     "bitcoin:bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
     "bech32m"},
    {"BC1SW50QGDZ25J", "bitcoin:bc1sw50qgdz25j", "bech32m"},
    {"bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "bitcoin:bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
     "bech32m"},
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
     "bitcoin:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bech32m"},
    // Tether (USDT) contract on Tron.
    {"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
     "base58check"},
    // URIs and explicit chains.
    {"bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa?amount=0.1",
     "bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "p2pkh"},
    {"tron: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
     "base58check"},
    {"ethereum:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed@1",
     "ethereum:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "eip55"},
};

TEST(CryptoWalletNormalizer, AcceptsBitcoinAndTronVectors) {
  for (const auto& c : kWallets) {
    SCOPED_TRACE(c.input);
    const Normalized n = must(Kind::kCryptoWallet, c.input);
    EXPECT_EQ(n.value, c.value);
    EXPECT_EQ(part(n, "format"), c.format);
  }
}

TEST(CryptoWalletNormalizer, ReportsSegwitTypeAndNetwork) {
  const Normalized taproot =
      must(Kind::kCryptoWallet, "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0");
  EXPECT_EQ(part(taproot, "type"), "p2tr");
  EXPECT_EQ(part(taproot, "network"), "mainnet");
  const Normalized testnet =
      must(Kind::kCryptoWallet, "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7");
  EXPECT_EQ(part(testnet, "network"), "testnet");
  EXPECT_EQ(part(testnet, "type"), "p2wsh");
}

struct BadWallet {
  const char* input;
  const char* message_part;
};

const BadWallet kBadWallets[] = {
    // One character changed in the genesis address.
    {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "base58check checksum"},
    {"1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0", "never have"},
    {"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T", "base58check checksum"},
    {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bech32 checksum"},
    {"bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3T4", "mixes upper and lower"},
    // BIP-350 invalid: v1 with a bech32 (not bech32m) checksum, v0 with bech32m.
    {"bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "bech32m"},
    {"BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "version 0"},
    {"bc1gmk9yu", "witness program"},
    {"bc1qqqq", "well-formed"},
    {"ltc1qw508d6qejxtdg4y5r3zarvary0c5xw7kgmn4n9", "not a recognised wallet"},
    {"tron:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "not tron"},
    {"dogecoin:D8vFz4p1L37jdg47HXKtSHA5uYLYxbGgPD", "not a supported chain"},
    {"hello world", "not a recognised wallet"},
};

TEST(CryptoWalletNormalizer, RejectsBrokenChecksumsAndUnknownFormats) {
  for (const auto& c : kBadWallets) {
    SCOPED_TRACE(c.input);
    const std::string message = rejection(Kind::kCryptoWallet, c.input);
    EXPECT_NE(message.find(c.message_part), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace crossroads::normalize
