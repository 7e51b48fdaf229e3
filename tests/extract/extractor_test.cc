#include "extract/extractor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace crossroads::extract {
namespace {

using normalize::Kind;

struct Expected {
  Kind kind;
  std::string text;   // as written in the message
  std::string value;  // canonical
};

struct Case {
  const char* name;
  std::string text;
  std::string country;   // case country; empty: none
  std::string platform;  // case platform; empty: none
  std::vector<Expected> findings;
};

std::string describe(const std::vector<Finding>& found) {
  std::string out;
  for (const auto& f : found) {
    out += std::string(normalize::kind_name(f.kind)) + " [" + f.text + "] -> " +
           f.normalized.value + " @" + std::to_string(f.begin) + "\n";
  }
  return out.empty() ? "(nothing)\n" : out;
}

// Real-looking chat messages and adverts; each must yield exactly these findings.
const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      {"ArabicWhatsappWithArabicIndicDigitsAndPrice",
       "واتساب ٠٠٢١٨٩١٢٣٤٥٦٧٨ السعر ٣٠٠٠ يورو",
       "",
       "",
       {{Kind::kPhone, "٠٠٢١٨٩١٢٣٤٥٦٧٨", "+218912345678"}}},
      {"ArabicLocalNumberWithCaseCountry",
       "اتصل على 091-2345678 بعد المغرب",
       "LY",
       "",
       {{Kind::kPhone, "091-2345678", "+218912345678"}}},
      {"EnglishAdvertWithTelegramLinkAndHandle",
       "Safe trip to Italy, 100% guaranteed!! Join t.me/italy_trips or write to @captain_sami "
       "on Telegram. Price 3000 EUR per person.",
       "",
       "",
       {{Kind::kOnlineAccount, "t.me/italy_trips", "telegram:italy_trips"},
        {Kind::kOnlineAccount, "@captain_sami", "telegram:captain_sami"}}},
      {"HandleWithoutPlatformIsNotGuessed", "ok brother, ask @captain_sami tomorrow", "", "", {}},
      {"HandleWithCasePlatform",
       "ok brother, ask @captain_sami tomorrow",
       "",
       "instagram",
       {{Kind::kOnlineAccount, "@captain_sami", "instagram:captain_sami"}}},
      {"PersianInstagramCue",
       "پیج اینستاگرام ما: @safe.travel.eu",
       "",
       "",
       {{Kind::kOnlineAccount, "@safe.travel.eu", "instagram:safe.travel.eu"}}},
      {"FrenchIbanWithSpacesInSentence",
       "Virement sur l'IBAN FR76 3000 6000 0112 3456 7890 189 avant vendredi, merci.",
       "FR",
       "",
       {{Kind::kIban, "FR76 3000 6000 0112 3456 7890 189", "FR7630006000011234567890189"}}},
      {"ItalianIbanIsNotAlsoAPhone",
       "Paga con bonifico: DE89 3704 0044 0532 0130 00 grazie",
       "DE",
       "",
       {{Kind::kIban, "DE89 3704 0044 0532 0130 00", "DE89370400440532013000"}}},
      {"UnspacedIbanWithLettersInside",
       "iban:IT60X0542811101000000123456.",
       "",
       "",
       {{Kind::kIban, "IT60X0542811101000000123456", "IT60X0542811101000000123456"}}},
      {"IbanWithWrongCheckDigitsIsNotReported", "IBAN DE88 3704 0044 0532 0130 00", "", "", {}},
      {"TurkishTronWalletAndPhone",
       "Ödeme için USDT (TRC20) adresi: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t, numaram +90 532 123 "
       "45 67",
       "",
       "",
       {{Kind::kCryptoWallet, "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
         "tron:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"},
        {Kind::kPhone, "+90 532 123 45 67", "+905321234567"}}},
      {"PersianBitcoinAndPersianDigitPhone",
       "بیت کوین بفرستید به bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4 و با ۰۹۱۲۳۴۵۶۷۸۹ تماس "
       "بگیرید",
       "IR",
       "",
       {{Kind::kCryptoWallet, "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
         "bitcoin:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"},
        {Kind::kPhone, "۰۹۱۲۳۴۵۶۷۸۹", "+989123456789"}}},
      {"BitcoinLegacyAddress",
       "send 0.05 btc to 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy today",
       "",
       "",
       {{Kind::kCryptoWallet, "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
         "bitcoin:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}}},
      {"EthereumAddress",
       "ETH: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
       "",
       "",
       {{Kind::kCryptoWallet, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
         "ethereum:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}}},
      {"PashtoInternationalNumber",
       "زما شمیره +93 79 912 3456 ده، په واټساپ راته ووایه",
       "",
       "",
       {{Kind::kPhone, "+93 79 912 3456", "+93799123456"}}},
      {"KurdishNumberWithDoubleZero",
       "Ji bo rêwîtiyê li ser WhatsApp binivîse: 00964 790 123 4567 spas",
       "",
       "",
       {{Kind::kPhone, "00964 790 123 4567", "+9647901234567"}}},
      {"EnglishEmail",
       "Send the passport scans to passport.office@gmail.com before Monday.",
       "",
       "",
       {{Kind::kEmail, "passport.office@gmail.com", "passport.office@gmail.com"}}},
      {"PricesDatesAndTimesAreNotPhones",
       "Partenza 12/03/2024 ore 14:30, prezzo 3000 EUR, acconto 1.500.000 lire, 25 000 000 "
       "toman, 2024-03-12",
       "IT",
       "",
       {}},
      {"InvalidTenDigitNumberIsNotReported", "chiama 1234567890 subito", "IT", "", {}},
      {"NationalNumberWithoutCountryIsNotGuessed", "chiama 347 123 4567 subito", "", "", {}},
      {"NationalNumberReadInCaseCountry",
       "chiama 347 123 4567 subito",
       "IT",
       "",
       {{Kind::kPhone, "347 123 4567", "+393471234567"}}},
      {"TwoNumbersInARow",
       "+39 347 123 4567 / +44 20 7946 0958",
       "",
       "",
       {{Kind::kPhone, "+39 347 123 4567", "+393471234567"},
        {Kind::kPhone, "+44 20 7946 0958", "+442079460958"}}},
      {"PhoneFollowedByPrice",
       "00218912345678 3000",
       "",
       "",
       {{Kind::kPhone, "00218912345678", "+218912345678"}}},
      {"PaymentCardInGroupsOfFour",
       "ricarica sulla carta 4111 1111 1111 1111 scad 12/26",
       "IT",
       "",
       {{Kind::kPaymentCard, "4111 1111 1111 1111", "4111111111111111"}}},
      {"ImeiAfterKeyword",
       "telefono sequestrato, IMEI: 490154203237518",
       "",
       "",
       {{Kind::kImei, "490154203237518", "490154203237518"}}},
      {"FifteenDigitsWithoutKeywordAreNotAnImei", "ref 490154203237518", "", "", {}},
      {"ImoNumberOfAShip",
       "the boat (IMO 9074729) left Zuwara",
       "",
       "",
       {{Kind::kImo, "9074729", "IMO9074729"}}},
      {"BicAfterKeyword",
       "SWIFT/BIC: DEUTDEFFXXX",
       "",
       "",
       {{Kind::kBic, "DEUTDEFFXXX", "DEUTDEFF"}}},
      {"UrlWithTrailingFullStop",
       "Details here: https://example.com/trip?id=12.",
       "",
       "",
       {{Kind::kUrl, "https://example.com/trip?id=12", "https://example.com/trip?id=12"}}},
      {"WwwUrlInParentheses",
       "(see www.example.org/offers)",
       "",
       "",
       {{Kind::kUrl, "www.example.org/offers", "https://www.example.org/offers"}}},
      {"WhatsappLinkIsAnAccount",
       "scrivimi https://wa.me/393471234567",
       "",
       "",
       {{Kind::kOnlineAccount, "https://wa.me/393471234567", "whatsapp:+393471234567"}}},
      {"FacebookProfileUrl",
       "صفحتنا https://www.facebook.com/safe.trip.europe",
       "",
       "",
       {{Kind::kOnlineAccount, "https://www.facebook.com/safe.trip.europe",
         "facebook:safetripeurope"}}},
      {"PlainChatHasNothing",
       "ciao fratello, domani partiamo alle 5, portate acqua e 2 giubbotti",
       "IT",
       "",
       {}},
      {"IllFormedUtf8AroundANumber",
       "\xff\xfe +39 347 123 4567 \xd9",
       "",
       "",
       {{Kind::kPhone, "+39 347 123 4567", "+393471234567"}}},
  };
  return kCases;
}

class ExtractorCases : public testing::TestWithParam<Case> {};

TEST_P(ExtractorCases, FindsExactlyTheExpectedIdentifiers) {
  const Case& c = GetParam();
  normalize::Context ctx{c.country, c.platform};
  const std::vector<Finding> found = find_identifiers(c.text, ctx);
  ASSERT_EQ(found.size(), c.findings.size()) << describe(found);
  for (std::size_t i = 0; i < found.size(); ++i) {
    const Finding& f = found[i];
    EXPECT_EQ(f.kind, c.findings[i].kind) << describe(found);
    EXPECT_EQ(f.text, c.findings[i].text);
    EXPECT_EQ(f.normalized.value, c.findings[i].value);
    ASSERT_LE(f.end, c.text.size());
    EXPECT_EQ(c.text.substr(f.begin, f.end - f.begin), f.text);
  }
}

INSTANTIATE_TEST_SUITE_P(Messages, ExtractorCases, testing::ValuesIn(cases()),
                         [](const testing::TestParamInfo<Case>& info) { return info.param.name; });

TEST(Extractor, ReportsByteOffsetsOfArabicIndicPhone) {
  const std::string text = "واتساب ٠٠٢١٨٩١٢٣٤٥٦٧٨ السعر ٣٠٠٠ يورو";
  const Extraction x = extract(text);
  ASSERT_EQ(x.findings.size(), 1u);
  // "واتساب " is six two-byte letters and a space; each Arabic-Indic digit is two bytes.
  EXPECT_EQ(x.findings[0].begin, 13u);
  EXPECT_EQ(x.findings[0].end, 13u + 14 * 2);
  EXPECT_EQ(x.findings[0].normalized.display, "+218 91-2345678");
  EXPECT_EQ(x.language, "ar");
}

TEST(Extractor, ExtractDetectsLanguageOfTheMessage) {
  const Extraction x = extract(
      "Bonjour, le passage coûte 3000 euros par personne, appelez-moi au +33 6 12 34 56 78 "
      "avant demain soir.");
  EXPECT_EQ(x.language, "fr");
  ASSERT_EQ(x.findings.size(), 1u);
  EXPECT_EQ(x.findings[0].normalized.value, "+33612345678");
}

TEST(Extractor, EmptyTextHasNoFindingsAndNoLanguage) {
  const Extraction x = extract("");
  EXPECT_TRUE(x.findings.empty());
  EXPECT_EQ(x.language, "und");
  EXPECT_FALSE(x.language_reliable);
}

TEST(Extractor, FindingsInALongDocumentAreOrderedAndDisjoint) {
  std::string doc;
  for (int i = 0; i < 200; ++i) {
    doc += "msg " + std::to_string(i) + ": call +39 347 123 4567 or mail a" + std::to_string(i) +
           "@example.com, IBAN DE89 3704 0044 0532 0130 00\n";
  }
  const auto found = find_identifiers(doc);
  ASSERT_EQ(found.size(), 600u);
  for (std::size_t i = 1; i < found.size(); ++i) {
    EXPECT_LE(found[i - 1].end, found[i].begin);
  }
}

}  // namespace
// The phone cache answers a number written another way with what the normaliser says of that
// writing: same value, display and parts as a fresh normalisation, for every format below.
TEST(PhoneCache, RepeatedNumberWrittenDifferentlyGetsTheSameAnswerAsAFreshNormalisation) {
  const std::vector<std::string> writings = {
      "+44 7522 862527",   "+447522862527",   "+44-752-286-2527", "0044 7522 862527",
      "(+44) 7522 862527", "+44.7522.862527", "+44/7522/862527",  "٠٠٤٤٧٥٢٢٨٦٢٥٢٧",
      "347 123 4567",      "347-123-4567",    "(347) 123 4567",   "3471234567",
      "+39 06 1234 5678",  "06 1234 5678",    "+218 91 234 5678", "091 234 5678"};
  const normalize::Context ctx{"IT", {}};
  PhoneCache cache;
  for (int round = 0; round < 2; ++round) {
    for (const auto& w : writings) {
      const std::string text = "chiama " + w + " stasera";
      const auto cached = find_identifiers(text, ctx, cache);
      const auto fresh = find_identifiers(text, ctx);
      ASSERT_EQ(cached.size(), fresh.size()) << w;
      for (std::size_t i = 0; i < fresh.size(); ++i) {
        EXPECT_EQ(cached[i].begin, fresh[i].begin) << w;
        EXPECT_EQ(cached[i].end, fresh[i].end) << w;
        EXPECT_EQ(cached[i].text, fresh[i].text) << w;
        EXPECT_EQ(cached[i].normalized.value, fresh[i].normalized.value) << w;
        EXPECT_EQ(cached[i].normalized.display, fresh[i].normalized.display) << w;
        EXPECT_EQ(cached[i].normalized.parts, fresh[i].normalized.parts) << w;
      }
    }
  }
  EXPECT_GE(cache.hits(), writings.size());  // the whole second round, and repeats in the first
}

TEST(PhoneCache, KeepsTheAnswersOfDifferentCaseCountriesApart) {
  PhoneCache cache;
  // A national number is read in the case's country: Italian in an Italian case, German in a
  // German one, nothing without a country.
  const auto italian = find_identifiers("chiama 347 123 4567", {"IT", {}}, cache);
  ASSERT_EQ(italian.size(), 1u);
  EXPECT_EQ(italian[0].normalized.value, "+393471234567");
  const auto german = find_identifiers("ruf 347 123 4567 an", {"DE", {}}, cache);
  const auto german_fresh = find_identifiers("ruf 347 123 4567 an", {"DE", {}});
  ASSERT_EQ(german.size(), german_fresh.size());
  ASSERT_EQ(german.size(), 1u);
  EXPECT_EQ(german[0].normalized.value, german_fresh[0].normalized.value);
  EXPECT_EQ(german[0].normalized.value.rfind("+49", 0), 0u);
  EXPECT_TRUE(find_identifiers("347 123 4567", {}, cache).empty());
  EXPECT_EQ(find_identifiers("347 123 4567", {"IT", {}}, cache).at(0).normalized.value,
            "+393471234567");
}

TEST(PhoneCache, StaysBoundedAndCorrectPastItsLimit) {
  PhoneCache cache;
  const normalize::Context ctx{"IT", {}};
  for (std::size_t i = 0; i < PhoneCache::kMaxEntries + 10; ++i) {
    const std::string number = "347 " + std::to_string(1000000 + i);
    const auto found = find_identifiers("tel " + number, ctx, cache);
    ASSERT_EQ(found.size(), 1u) << number;
    EXPECT_EQ(found[0].normalized.value, "+39347" + std::to_string(1000000 + i));
    EXPECT_LE(cache.size(), PhoneCache::kMaxEntries);
  }
}

TEST(Extractor, ConversationRemembersPhonesAcrossMessagesWithoutChangingFindings) {
  const std::vector<std::string> texts = {"اتصل على +447522862527", "call +44-752-286-2527", "ok",
                                          "+44 7522 862527 tomorrow", "no: 1234567"};
  std::vector<Message> messages;
  for (const auto& t : texts) messages.push_back({"Agron", t});
  const auto all = extract_conversation(messages, {"IT", {}});
  ASSERT_EQ(all.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto alone = find_identifiers(texts[i], {"IT", {}});
    ASSERT_EQ(all[i].findings.size(), alone.size()) << texts[i];
    for (std::size_t k = 0; k < alone.size(); ++k) {
      EXPECT_EQ(all[i].findings[k].normalized.value, alone[k].normalized.value);
      EXPECT_EQ(all[i].findings[k].begin, alone[k].begin);
    }
  }
  EXPECT_EQ(all[1].findings.at(0).normalized.value, "+447522862527");
}

}  // namespace crossroads::extract
