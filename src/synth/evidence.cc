#include "synth/evidence.h"

#include <cstdio>

#include "synth/text.h"

namespace crossroads::synth {

namespace {

std::string fill(std::string text, const std::vector<std::pair<std::string, std::string>>& slots) {
  for (const auto& [name, value] : slots) {
    const std::string key = "{" + name + "}";
    std::size_t at = 0;
    while ((at = text.find(key, at)) != std::string::npos) {
      text.replace(at, key.size(), value);
      at += value.size();
    }
  }
  return text;
}

struct Templates {
  std::string_view language;
  std::vector<std::string_view> texts;
};

const std::vector<Templates>& advert_templates() {
  static const std::vector<Templates> kTemplates = {
      {"ar",
       {"رحلات مضمونة إلى {dest} 🇪🇺 قارب كبير وآمن، السعر {price} {currency}، للتواصل واتساب "
        "{phone} أو تلغرام {handle}",
        "مطلوب شباب للسفر إلى {dest} من {departure} هذا الأسبوع، {price} {currency} فقط، الدفع عند "
        "الوصول عن طريق مكتب موثوق. اتصل {phone}",
        "طريق {dest} مفتوح ✅ أماكن محدودة. السعر {price} {currency}. {handle} / {phone}"}},
      {"en",
       {"Safe trip to {dest}! Big boat, GPS, life jackets. Price {price} {currency}. WhatsApp "
        "{phone}, Telegram {handle}",
        "Going to {dest} from {departure} this week, few places left. {price} {currency} per "
        "person, pay on arrival through a trusted office. Call {phone}",
        "VIP way to {dest}, no camp, no fingerprints. {price} {currency}. Contact {handle} or "
        "{phone}"}},
      {"fr",
       {"Voyage sûr vers {dest}, départ de {departure} cette semaine. Prix {price} {currency}. "
        "WhatsApp {phone} ou {handle}",
        "Passage garanti pour {dest}, bateau solide, paiement à l'arrivée. {price} {currency}. "
        "Appelez le {phone}"}},
      {"fa",
       {"سفر مطمئن به {dest} با بهترین قیمت {price} {currency}. تماس واتساپ {phone} تلگرام "
        "{handle}",
        "راه {dest} از {departure} باز است، جای محدود. قیمت {price} {currency}. شماره {phone}"}},
      {"ps",
       {"{dest} ته خوندي سفر، بیه {price} {currency}. واټساپ {phone} ټیلیګرام {handle}",
        "د {dest} لاره خلاصه ده، محدود ځایونه. {price} {currency}. شمیره {phone}"}},
      {"tr",
       {"{dest} için güvenli yolculuk, fiyat {price} {currency}. WhatsApp {phone}, Telegram "
        "{handle}",
        "Bu hafta {departure} çıkışlı {dest} yolu açık, yer sınırlı. Kişi başı {price} {currency}. "
        "Ara: {phone}"}},
      {"ku",
       {"گەشتی سەلامەت بۆ {dest}، نرخ {price} {currency}. واتسئاپ {phone} تێلێگرام {handle}",
        "Rêwîtiya ewle bo {dest}, biha {price} {currency}. WhatsApp {phone} an {handle}"}},
  };
  return kTemplates;
}

const std::vector<std::string_view>& chat_templates() {
  static const std::vector<std::string_view> kTexts = {
      "the boat leaves {place} on {date}, be ready",
      "{count} passengers at the house, send the car",
      "call {phone} when you arrive",
      "send the money to {iban}",
      "USDT to {wallet}, TRC20 only",
      "the hawala in {city} has the money, code {code}",
      "new number {phone}, delete the old one",
      "police at the port today, wait",
      "how many for tomorrow?",
      "{count} people, {price} each",
      "captain is ready, fuel is paid",
      "الفلوس وصلت، جهز القارب",
      "اتصل على {phone}",
      "tamam, yarın {place}",
      "ok brother",
      "documents ready for {count} people",
  };
  return kTexts;
}

// "2023-03-12T14:05:32" -> "12/03/2023, 14:05" (Android) or "[12/03/2023, 14:05:32]" (iOS).
std::string whatsapp_time(const std::string& iso, bool ios) {
  const std::string date = iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
  if (ios) return "[" + date + ", " + iso.substr(11, 8) + "]";
  return date + ", " + iso.substr(11, 5);
}

}  // namespace

std::string whatsapp_export(const std::vector<ChatMessage>& messages, bool ios) {
  std::string out;
  for (const ChatMessage& m : messages) {
    out += whatsapp_time(m.date_time, ios);
    out += ios ? " " : " - ";
    out += m.from_name + ": " + m.text + "\n";
  }
  return out;
}

std::string telegram_export(std::string_view chat_name, std::int64_t chat_id,
                            const std::vector<ChatMessage>& messages) {
  JsonWriter j;
  j.begin().field("name", chat_name).field("type", "personal_chat").field("id", chat_id);
  j.key("messages").begin_array();
  std::int64_t id = 1;
  for (const ChatMessage& m : messages) {
    j.begin().field("id", id++).field("type", "message").field("date", m.date_time);
    j.field("from", m.from_name).field("from_id", "user" + std::to_string(m.from_id));
    j.field("text", m.text).end();
  }
  j.end_array().end();
  return j.str() + "\n";
}

const std::vector<std::string_view>& advert_languages() {
  static const std::vector<std::string_view> kLanguages = [] {
    std::vector<std::string_view> out;
    for (const auto& t : advert_templates()) out.push_back(t.language);
    return out;
  }();
  return kLanguages;
}

std::string advert_text(Rng& rng, std::string_view language, const AdvertFields& f) {
  const Templates* chosen = &advert_templates()[1];  // English when the language has none
  for (const auto& t : advert_templates()) {
    if (t.language == language) chosen = &t;
  }
  const std::string_view text = chosen->texts[rng.below(chosen->texts.size())];
  return fill(std::string(text), {{"dest", f.destination},
                                  {"price", std::to_string(f.price)},
                                  {"currency", f.currency},
                                  {"phone", f.phone},
                                  {"handle", f.handle},
                                  {"departure", f.departure}});
}

std::string chat_text(Rng& rng, const std::vector<std::pair<std::string, std::string>>& slots) {
  const auto& texts = chat_templates();
  return fill(std::string(texts[rng.below(texts.size())]), slots);
}

}  // namespace crossroads::synth
