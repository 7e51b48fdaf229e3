// Digital evidence formats: WhatsApp text exports (Android and iOS layouts), Telegram Desktop
// JSON exports, and the text of smuggling adverts in the languages they are posted in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "synth/rng.h"

namespace crossroads::synth {

struct ChatMessage {
  std::string date_time;  // "2023-03-12T14:05:32"
  std::string from_name;  // as the phone's contact list shows the sender
  std::int64_t from_id = 0;
  std::string text;
};

// "12/03/2023, 14:05 - Name: text" (Android) or "[12/03/2023, 14:05:32] Name: text" (iOS).
std::string whatsapp_export(const std::vector<ChatMessage>& messages, bool ios);
// Telegram Desktop's result.json of one personal chat.
std::string telegram_export(std::string_view chat_name, std::int64_t chat_id,
                            const std::vector<ChatMessage>& messages);

struct AdvertFields {
  std::string destination;
  int price = 0;
  std::string currency;
  std::string phone;   // as written in the advert
  std::string handle;  // "@name" or a link
  std::string departure;
};

// Languages adverts are generated in: ar, en, fr, fa, ps, tr, ku.
const std::vector<std::string_view>& advert_languages();
std::string advert_text(Rng& rng, std::string_view language, const AdvertFields& fields);

// One chat message of smugglers arranging a crossing; fills {phone}, {place}, {iban}, ...
std::string chat_text(Rng& rng, const std::vector<std::pair<std::string, std::string>>& slots);

}  // namespace crossroads::synth
