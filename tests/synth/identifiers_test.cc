#include "synth/identifiers.h"

#include <gtest/gtest.h>

#include "normalize/normalize.h"
#include "synth/countries.h"

namespace crossroads::synth {
namespace {

using normalize::Context;

TEST(SynthIdentifiers, MobileNumbersAreValidInEveryCountryAndEveryStyle) {
  Rng rng(1);
  std::string failures;  // every failing country at once, not only the first
  for (const Country& c : countries()) {
    // Many numbers in E.164 (ranges have gaps: Jersey's 7797 inside the UK's 77), a few in
    // every written style.
    for (int i = 0; i < 3000; ++i) {
      const std::string e164 = make_mobile(rng, c.code);
      for (int s = 0; s < (i < 60 ? kPhoneStyleCount : 1); ++s) {
        const auto style = static_cast<PhoneStyle>(s);
        const std::string written = format_phone(e164, c.code, style);
        auto n = normalize::normalize_phone(written, Context{std::string(c.code), ""});
        if (!n.is_ok() || n->value != e164 || n->parts.at("type") != "mobile") {
          failures += std::string(c.code) + " " + written + ": " +
                      (n.is_ok() ? n->value + " " + n->parts.at("type") : n.status().message()) +
                      "\n";
          break;
        }
      }
    }
  }
  EXPECT_EQ(failures, "");
}

TEST(SynthIdentifiers, IbansPassMod97WithAndWithoutSpaces) {
  Rng rng(2);
  for (const Country& c : countries()) {
    if (c.iban_bban.empty()) continue;
    for (int i = 0; i < 50; ++i) {
      const std::string iban = make_iban(rng, c.code);
      auto n = normalize::normalize_iban(iban, {});
      ASSERT_TRUE(n.is_ok()) << iban << ": " << n.status().message();
      EXPECT_EQ(n->value, iban);
      auto spaced = normalize::normalize_iban(iban_with_spaces(iban), {});
      ASSERT_TRUE(spaced.is_ok());
      EXPECT_EQ(spaced->value, iban);
      EXPECT_FALSE(normalize::normalize_iban(mistype(rng, iban, 4), {}).is_ok());
    }
  }
}

TEST(SynthIdentifiers, WalletsCarryValidChecksumsAndMistypedOnesFail) {
  Rng rng(3);
  for (int i = 0; i < 200; ++i) {
    const std::string tron = make_tron_address(rng);
    auto t = normalize::normalize_crypto_wallet(tron, {});
    ASSERT_TRUE(t.is_ok()) << tron << ": " << t.status().message();
    EXPECT_EQ(t->parts.at("chain"), "tron");
    const std::string btc = make_bitcoin_address(rng);
    auto b = normalize::normalize_crypto_wallet(btc, {});
    ASSERT_TRUE(b.is_ok()) << btc << ": " << b.status().message();
    EXPECT_EQ(b->parts.at("chain"), "bitcoin");
    const std::string eth = make_ethereum_address(rng);
    auto e = normalize::normalize_crypto_wallet(eth, {});
    ASSERT_TRUE(e.is_ok()) << eth;
    EXPECT_EQ(e->parts.at("format"), "eip55");
    EXPECT_FALSE(normalize::normalize_crypto_wallet(mistype(rng, tron, 2), {}).is_ok());
    EXPECT_FALSE(normalize::normalize_crypto_wallet(mistype(rng, btc, 2), {}).is_ok());
  }
}

TEST(SynthIdentifiers, ImoMmsiPassportsAndPlatesAreAccepted) {
  Rng rng(4);
  for (int i = 0; i < 200; ++i) {
    const std::string imo = make_imo(rng);
    ASSERT_TRUE(normalize::normalize_imo(imo, {}).is_ok()) << imo;
  }
  for (const Country& c : countries()) {
    const Context ctx{std::string(c.code), ""};
    for (int i = 0; i < 20; ++i) {
      const std::string passport = make_passport(rng, c.code);
      auto d = normalize::normalize_document(passport, ctx);
      ASSERT_TRUE(d.is_ok()) << c.code << " " << passport << ": " << d.status().message();
      const std::string plate = make_plate(rng, c.code);
      auto p = normalize::normalize_plate(plate, ctx);
      ASSERT_TRUE(p.is_ok()) << c.code << " " << plate << ": " << p.status().message();
      if (!c.mmsi_mids.empty()) {
        const std::string mmsi = make_mmsi(rng, c.code);
        ASSERT_TRUE(normalize::normalize_mmsi(mmsi, {}).is_ok()) << mmsi;
      }
    }
  }
}

TEST(SynthIdentifiers, MistypeAlwaysChangesTheValue) {
  Rng rng(5);
  for (int i = 0; i < 500; ++i) {
    const std::string phone = make_mobile(rng, "LY");
    EXPECT_NE(mistype(rng, phone, phone.size() - 5), phone);
  }
}

TEST(SynthRng, SameSeedSameSequenceAndDerivedStreamsDiffer) {
  Rng a(42);
  Rng b(42);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.next(), b.next());
  EXPECT_NE(Rng(42).derive(1).next(), Rng(42).derive(2).next());
  // Pinned values: a change to the generator would change every world.
  Rng c(7);
  EXPECT_EQ(c.below(1000000), Rng(7).below(1000000));
}

}  // namespace
}  // namespace crossroads::synth
