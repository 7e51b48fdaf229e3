#include "synth/focus_group_content.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <string_view>

#include "core/assert.h"
#include "synth/rng.h"

namespace crossroads::synth {

namespace {

// Names of prosecutors as they are in each desk's country. Family names with two forms are
// "masculine/feminine" (Polish, Baltic, Greek, Bulgarian, Czech-style inflection).
struct DeskNames {
  std::string_view desk;
  std::string_view city;
  bool eu;
  std::vector<std::string_view> male;
  std::vector<std::string_view> female;
  std::vector<std::string_view> family;
};

const std::vector<DeskNames>& desk_names() {
  static const std::vector<DeskNames> kDesks = {
      {"NL",
       "The Hague",
       true,
       {"Pieter", "Jeroen", "Maarten", "Bas", "Ruud", "Thijs"},
       {"Marieke", "Anouk", "Femke", "Ingrid", "Esther", "Sanne"},
       {"van der Berg", "de Vries", "Jansen", "Visser", "Bakker", "Smit", "Mulder", "de Boer"}},
      {"IT",
       "Rome",
       true,
       {"Marco", "Luca", "Alessandro", "Giuseppe", "Francesco", "Paolo"},
       {"Giulia", "Francesca", "Chiara", "Elena", "Valentina", "Silvia"},
       {"Ferraro", "Russo", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Greco"}},
      {"DE",
       "Berlin",
       true,
       {"Stefan", "Thomas", "Markus", "Jan", "Tobias", "Michael"},
       {"Katrin", "Anna", "Julia", "Sabine", "Claudia", "Miriam"},
       {"Vogel", "Müller", "Schmidt", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner"}},
      {"GR",
       "Athens",
       true,
       {"Nikos", "Giorgos", "Dimitris", "Kostas", "Yannis", "Christos"},
       {"Maria", "Eleni", "Katerina", "Sofia", "Despina", "Ioanna"},
       {"Alexiou/Alexiou", "Papadopoulos/Papadopoulou", "Georgiou/Georgiou",
        "Nikolaidis/Nikolaidou", "Karagiannis/Karagianni", "Vlachos/Vlachou"}},
      {"ES",
       "Madrid",
       true,
       {"Javier", "Carlos", "Miguel", "Alejandro", "Pablo", "Antonio"},
       {"Lucía", "Carmen", "Elena", "Marta", "Pilar", "Beatriz"},
       {"Moreno Gil", "García López", "Martínez Ruiz", "Fernández Díaz", "Sánchez Romero",
        "Navarro Torres", "Jiménez Ortega"}},
      {"FR",
       "Paris",
       true,
       {"Nicolas", "Julien", "Thomas", "Laurent", "Olivier", "Mathieu"},
       {"Claire", "Camille", "Sophie", "Isabelle", "Nathalie", "Émilie"},
       {"Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Mercier", "Fournier", "Rousseau"}},
      {"MT",
       "Valletta",
       true,
       {"Joseph", "Mark", "Kurt", "Jean Paul", "Clayton"},
       {"Maria", "Rebecca", "Charlene", "Roberta"},
       {"Camilleri", "Borg", "Vella", "Farrugia", "Zammit", "Galea", "Grech"}},
      {"AT",
       "Vienna",
       true,
       {"Stefan", "Lukas", "Florian", "Andreas", "Christoph"},
       {"Barbara", "Verena", "Elisabeth", "Katharina", "Theresa"},
       {"Huber", "Gruber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Hofer"}},
      {"HU",
       "Budapest",
       true,
       {"Zoltán", "László", "Gábor", "Péter", "Attila"},
       {"Zsófia", "Katalin", "Eszter", "Anna", "Judit"},
       {"Kovács", "Nagy", "Szabó", "Tóth", "Horváth", "Varga", "Kiss"}},
      {"HR",
       "Zagreb",
       true,
       {"Ivan", "Marko", "Tomislav", "Luka", "Damir"},
       {"Ivana", "Ana", "Marija", "Petra", "Maja"},
       {"Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Knežević"}},
      {"BG",
       "Sofia",
       true,
       {"Georgi", "Ivan", "Dimitar", "Nikolay", "Stoyan"},
       {"Maria", "Elena", "Desislava", "Tsvetelina", "Galina"},
       {"Petrov/Petrova", "Ivanov/Ivanova", "Dimitrov/Dimitrova", "Georgiev/Georgieva",
        "Stoyanov/Stoyanova"}},
      {"CY",
       "Nicosia",
       true,
       {"Andreas", "Christos", "Marios", "Panayiotis", "Costas"},
       {"Eleni", "Maria", "Christina", "Andri", "Stella"},
       {"Georgiou/Georgiou", "Christodoulou/Christodoulou", "Ioannou/Ioannou",
        "Constantinou/Constantinou", "Charalambous/Charalambous"}},
      {"PL",
       "Warsaw",
       true,
       {"Tomasz", "Piotr", "Krzysztof", "Marcin", "Paweł"},
       {"Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Anna"},
       {"Nowak/Nowak", "Kowalski/Kowalska", "Wiśniewski/Wiśniewska", "Wójcik/Wójcik",
        "Kamiński/Kamińska", "Lewandowski/Lewandowska"}},
      {"LT",
       "Vilnius",
       true,
       {"Tomas", "Mindaugas", "Darius", "Andrius", "Paulius"},
       {"Rūta", "Jurgita", "Inga", "Asta", "Laura"},
       {"Kazlauskas/Kazlauskienė", "Jankauskas/Jankauskienė", "Petrauskas/Petrauskienė",
        "Stankevičius/Stankevičienė", "Vasiliauskas/Vasiliauskienė"}},
      {"LV",
       "Riga",
       true,
       {"Jānis", "Andris", "Mārtiņš", "Edgars", "Kristaps"},
       {"Elīna", "Ilze", "Dace", "Inese", "Laura"},
       {"Bērziņš/Bērziņa", "Kalniņš/Kalniņa", "Ozoliņš/Ozoliņa", "Liepiņš/Liepiņa",
        "Krūmiņš/Krūmiņa"}},
      {"BE",
       "Brussels",
       true,
       {"Pieter", "Koen", "Wouter", "Olivier", "Jean-Marc"},
       {"Els", "Sofie", "Nathalie", "Veerle", "Valérie"},
       {"Janssens", "Peeters", "Maes", "Jacobs", "Dubois", "Lambert", "Willems"}},
      {"SE",
       "Stockholm",
       true,
       {"Erik", "Anders", "Johan", "Magnus", "Fredrik"},
       {"Anna", "Karin", "Maria", "Sara", "Emma"},
       {"Andersson", "Johansson", "Karlsson", "Nilsson", "Lindqvist", "Eriksson"}},
      {"AL",
       "Tirana",
       false,
       {"Erion", "Arben", "Gentian", "Altin", "Besnik"},
       {"Elira", "Blerta", "Anila", "Mirela"},
       {"Hoxha", "Shehu", "Leka", "Çela", "Dervishi", "Kola"}},
      {"RS",
       "Belgrade",
       false,
       {"Milan", "Nikola", "Stefan", "Dragan", "Miloš"},
       {"Jelena", "Milica", "Ivana", "Marija"},
       {"Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović"}},
      {"MK",
       "Skopje",
       false,
       {"Aleksandar", "Goran", "Zoran", "Vlatko"},
       {"Marija", "Elena", "Biljana", "Ana"},
       {"Stojanovski/Stojanovska", "Nikolovski/Nikolovska", "Trajkovski/Trajkovska",
        "Petrovski/Petrovska"}},
      {"BA",
       "Sarajevo",
       false,
       {"Amir", "Adnan", "Haris", "Nermin", "Dario"},
       {"Amra", "Lejla", "Selma", "Azra"},
       {"Hodžić", "Hadžić", "Delić", "Begić", "Kovačević", "Mehmedović"}},
      {"TN",
       "Tunis",
       false,
       {"Sami", "Mehdi", "Karim", "Anis", "Hichem"},
       {"Leila", "Amira", "Salma", "Ines"},
       {"Ben Youssef", "Trabelsi", "Gharbi", "Jebali", "Ben Salah", "Mejri"}},
      {"MA",
       "Rabat",
       false,
       {"Youssef", "Mehdi", "Rachid", "Hamza", "Karim"},
       {"Salma", "Nadia", "Khadija", "Imane"},
       {"El Amrani", "Bennani", "Alaoui", "Tazi", "El Idrissi", "Berrada"}},
      {"DZ",
       "Algiers",
       false,
       {"Karim", "Sofiane", "Mourad", "Nabil", "Yacine"},
       {"Amina", "Nassima", "Souad", "Lamia"},
       {"Benali", "Bouzid", "Haddad", "Belkacem", "Meziane", "Saidi"}},
      {"LY",
       "Tripoli",
       false,
       {"Ahmed", "Mohamed", "Omar", "Khaled", "Salem"},
       {"Fatima", "Huda", "Asma", "Mariam"},
       {"El Werfalli", "Ben Ali", "El Misrati", "Al-Zawi", "Bensaud"}},
      {"EG",
       "Cairo",
       false,
       {"Ahmed", "Mahmoud", "Tarek", "Hossam", "Sherif"},
       {"Nermine", "Dina", "Rania", "Heba"},
       {"El Sayed", "Abdel Aziz", "Mansour", "Fahmy", "Hegazy", "Shehata"}},
      {"SY",
       "Damascus",
       false,
       {"Bassam", "Rami", "Fadi", "Samer", "Wael"},
       {"Rasha", "Lama", "Hala", "Reem"},
       {"Al-Halabi", "Khoury", "Haddad", "Al-Shami", "Darwish"}},
      {"TR",
       "Ankara",
       false,
       {"Mehmet", "Emre", "Burak", "Murat", "Serkan"},
       {"Elif", "Zeynep", "Ayşe", "Esra", "Merve"},
       {"Yıldız", "Yılmaz", "Kaya", "Demir", "Şahin", "Öztürk", "Aydın"}},
      {"GB",
       "London",
       false,
       {"James", "Daniel", "Richard", "Andrew", "Matthew"},
       {"Sarah", "Emma", "Rachel", "Helen", "Claire"},
       {"Whitfield", "Harrison", "Clarke", "Thompson", "Patel", "Hughes", "Edwards"}},
  };
  return kDesks;
}

template <typename T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[rng.below(items.size())];
}

std::string person_name(Rng& rng, const DeskNames& d) {
  const bool female = rng.chance(0.55);  // most prosecutors on these desks are women
  const std::string first(female ? pick(rng, d.female) : pick(rng, d.male));
  const std::string_view family = pick(rng, d.family);
  const std::size_t slash = family.find('/');
  std::string last(family);
  if (slash != std::string_view::npos) {
    last = std::string(female ? family.substr(slash + 1) : family.substr(0, slash));
  }
  return first + " " + last;
}

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
std::int64_t days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

std::string civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t m = mp + (mp < 10 ? 3 : -9);
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(y), static_cast<int>(m),
                static_cast<int>(d));
  return buf;
}

std::string replace_all(std::string s, std::string_view what, const std::string& with) {
  for (std::size_t at = s.find(what); at != std::string::npos;
       at = s.find(what, at + with.size())) {
    s.replace(at, what.size(), with);
  }
  return s;
}

// A session of the annual meeting: speakers from the desks that know the subject best.
struct SessionTemplate {
  std::string_view title;
  std::vector<std::string_view> desks;  // candidates, two are drawn ({A}, {B})
  std::string_view summary;             // {A}/{B}: the speakers' countries, {N}: a number
};

const std::vector<SessionTemplate>& session_templates() {
  static const std::vector<SessionTemplate> kSessions = {
      {"Landmark case: a hawala network across three countries",
       {"IT", "DE", "NL", "AT", "BE", "SE"},
       "How the desks of {A} and {B} reconstructed the payments of {N} migrants from hawala "
       "ledgers seized in money-transfer shops, matched them with call records, and froze the "
       "brokers' accounts on the same action day."},
      {"Phones across borders: from seizure to evidence in court",
       {"DE", "GR", "NL", "AT", "HR"},
       "Extraction reports, hash values and the chain of custody when the phone is seized in "
       "{A} and the trial takes place in {B}; what courts accepted and what they did not."},
      {"Unaccompanied minors as witnesses",
       {"GR", "ES", "IT", "MT"},
       "Hearing minors once, early and on video; guardians and interpreters; keeping the "
       "minor away from the suspects' families in reception centres. Experience from {A} and "
       "{B}."},
      {"Joint investigation teams with non-EU partners",
       {"ES", "IT", "MA", "TN", "FR"},
       "Experience with JIT agreements that include partner countries: the model agreement, "
       "data protection clauses, funding of travel and interpretation, and who leads the "
       "action day. Speakers from {A} and {B}."},
      {"Smuggling adverts on social media",
       {"FR", "TR", "BE", "GB", "DE"},
       "Preserving adverts and profiles before they disappear, requests to platforms, and "
       "reading prices, routes and phone numbers out of adverts in Arabic, Persian, Pashto "
       "and Turkish: {N} adverts collected in {A} in one year."},
      {"Stablecoins: following USDT on Tron",
       {"NL", "DE", "LT", "AT", "BE"},
       "Wallets found in seized phones and adverts, exchanges that answer production orders, "
       "and what {A} and {B} learnt from tracing {N} transfers to the organisers' cash-out "
       "points."},
      {"Deaths at sea: investigating shipwrecks",
       {"IT", "GR", "MT", "ES"},
       "Identifying the captain and the organisers after a shipwreck with {N} dead and "
       "missing; survivors' statements, satellite and radio data, and cooperation between "
       "{A} and {B} on the victims' identification."},
      {"The Eastern land border: guides, drivers and forged documents",
       {"PL", "LT", "LV", "DE"},
       "Groups guiding people through the forest and drivers recruited online for one trip; "
       "the cases of {A} and {B} and the documents the drivers carried."},
      {"Small boats in the Channel: engines, boats and logistics",
       {"FR", "BE", "GB", "DE", "NL"},
       "Where the engines and boats are bought and stored, who drives them to the coast, and "
       "how {A} and {B} traced {N} boats back to the same suppliers."},
      {"Look-alike passports shared within a group",
       {"BE", "NL", "FR", "GR", "CY"},
       "The same genuine or forged passport used by several persons; how {A} and {B} linked "
       "their cases through document numbers and photographs."},
  };
  return kSessions;
}

std::string country_name(std::string_view desk) {
  static const std::vector<std::pair<std::string_view, std::string_view>> kNames = {
      {"NL", "the Netherlands"},
      {"IT", "Italy"},
      {"DE", "Germany"},
      {"GR", "Greece"},
      {"ES", "Spain"},
      {"FR", "France"},
      {"MT", "Malta"},
      {"AT", "Austria"},
      {"HU", "Hungary"},
      {"HR", "Croatia"},
      {"BG", "Bulgaria"},
      {"CY", "Cyprus"},
      {"PL", "Poland"},
      {"LT", "Lithuania"},
      {"LV", "Latvia"},
      {"BE", "Belgium"},
      {"SE", "Sweden"},
      {"AL", "Albania"},
      {"RS", "Serbia"},
      {"MK", "North Macedonia"},
      {"BA", "Bosnia and Herzegovina"},
      {"TN", "Tunisia"},
      {"MA", "Morocco"},
      {"DZ", "Algeria"},
      {"LY", "Libya"},
      {"EG", "Egypt"},
      {"SY", "Syria"},
      {"TR", "Türkiye"},
      {"GB", "the United Kingdom"}};
  for (const auto& [code, name] : kNames) {
    if (code == desk) return std::string(name);
  }
  return std::string(desk);
}

struct NoteTemplate {
  std::string title;
  std::vector<std::string> desks;  // who may have written it
  std::vector<std::string> topics;
  std::string body;
};

std::vector<NoteTemplate> note_templates() {
  std::vector<NoteTemplate> out;
  const auto note = [&](std::string title, std::vector<std::string> desks,
                        std::vector<std::string> topics, std::string body) {
    out.push_back({std::move(title), std::move(desks), std::move(topics), std::move(body)});
  };
  note("Following the money in hawala networks", {"IT", "DE", "NL", "AT"},
       {"financial investigation", "hawala", "money laundering"},
       "Smugglers are rarely paid at the moment of the crossing. The migrant or the family "
       "deposits the fee with a hawala broker in the country of origin or in the diaspora, "
       "receives a code, and the broker releases the money to the organiser only when the "
       "migrant has arrived. The money itself never crosses a border: brokers settle their "
       "balances later, through trade invoices, gold, cash couriers or ordinary bank "
       "transfers between their businesses.\n\n"
       "What worked for us:\n"
       "- Search for the ledger. Brokers keep a book, on paper or in a spreadsheet on their "
       "phone, with the code, the amount, the sender and the release date. One ledger seized "
       "in a money-transfer shop gave us 900 payments in a single afternoon.\n"
       "- Match the codes. The same code appears in the chats between the migrant and the "
       "organiser (\"your code is 4471, tell your brother\"). Matching codes, dates and "
       "amounts across the ledger and the chats ties each payment to a crossing.\n"
       "- Look at the settlement. The brokers' own transfers to each other are ordinary bank "
       "transactions and can be obtained through a European Investigation Order. They show "
       "who settles with whom and reveal the organiser's broker even when the organiser never "
       "touches an account.\n"
       "- Freeze on the action day. Brokers move balances within hours of an arrest. Prepare "
       "the freezing orders in advance, in every country where a broker holds an account, and "
       "execute them on the same day.\n\n"
       "Pitfalls: hawala is legal or tolerated in several countries of origin, so the offence "
       "is the facilitation, not the payment method. Interpreters must know the brokers' "
       "jargon. And a ledger is evidence only if its seizure and extraction are documented "
       "as carefully as a phone's.");
  note("Using phone evidence across borders", {"DE", "NL", "AT", "HR"},
       {"digital evidence", "phones", "EIO", "chain of custody"},
       "Most of our evidence against organisers comes from phones seized from drivers and "
       "boat captains in another country. The phone is seized under that country's law, "
       "extracted with its tools, and the report travels to us months later. Whether a court "
       "accepts it depends on decisions taken in the first days.\n\n"
       "Agree early, ideally in a coordination meeting before the action day:\n"
       "- who extracts (one laboratory, one tool version) and in which format the report is "
       "exchanged;\n"
       "- that the hash value of the full extraction is recorded at seizure and sent with "
       "every copy, so that each desk can show the copy it uses is complete and unchanged;\n"
       "- which legal basis applies: a European Investigation Order for the extraction "
       "report, or transfer within a joint investigation team, where the agreement allows "
       "evidence gathered by one party to be used by the others.\n\n"
       "Numbers are written in every possible way: with and without country code, with 00 "
       "or +, with the trunk zero, with spaces and dashes. Normalise them to the international "
       "form before comparing phones across cases; our hub does this for you, but check "
       "before you write a request to a provider that the number is the one you mean.\n\n"
       "Subscriber data of foreign numbers usually leads nowhere (prepaid cards bought with "
       "forged passports), but the cell location and the IMEI often do: the same handset is "
       "used with several SIM cards. Ask for the IMEI history, not only the subscriber.");
  note("Protecting unaccompanied minors as witnesses", {"GR", "IT", "ES", "MT"},
       {"victims", "witnesses", "unaccompanied minors"},
       "Unaccompanied minors are often the only witnesses who saw the smugglers' faces, "
       "heard their names and paid them. They are also the most exposed to pressure: the "
       "smugglers' relatives live in the same reception centres, and the family at home may "
       "still owe money.\n\n"
       "Good practice in our cases:\n"
       "- Hear the minor once, as early as possible, on video, with a guardian, an interpreter "
       "of the minor's language (not only of the country's official language) and a "
       "psychologist. A second hearing at trial is avoided when the video is admitted.\n"
       "- Move the minor to a different reception centre before the suspects learn of the "
       "statement. Coordinate with the guardianship authority, not only with the police.\n"
       "- Do not show photo line-ups taken from social media without recording the source; "
       "defence lawyers will ask.\n"
       "- When the minor travels on to another country, tell that country's desk: the minor "
       "may be heard there by videoconference, and the protective measures should follow.\n\n"
       "Minors also carry evidence: phone numbers written on their clothes or in their "
       "phones, payment codes, and the names under which the smugglers were saved. Ask for "
       "consent and involve the guardian before looking at a minor's phone.");
  note("Joint investigation teams with non-EU partners", {"ES", "IT", "FR"},
       {"JIT", "partner countries", "cooperation"},
       "Since the Atlantic route intensified we have set up two joint investigation teams "
       "that include a partner country of departure. Both led to arrests of organisers who "
       "would otherwise never have been reached.\n\n"
       "What made them work:\n"
       "- Start with a coordination meeting at the hub to compare what each side holds; the "
       "hit notices of the hub show which cases touch the same people before anyone shares "
       "a file.\n"
       "- Use the model JIT agreement and add a data protection annex early: the partner's "
       "law differs and the discussion takes time.\n"
       "- Apply for JIT funding for interpretation and travel: investigators from the partner "
       "country must be able to attend the action day and the hearings.\n"
       "- Agree on where the organisers will be prosecuted before the arrests, so that "
       "extradition or transfer of proceedings does not delay the trial.\n\n"
       "Limits: evidence gathered in the partner country must meet our standards of "
       "admissibility. Ask the partner to record hearings on video and to have the suspect's "
       "lawyer present from the first interview. And keep the team small: two or three "
       "countries that really share suspects achieve more than a large team that shares "
       "only the route.");
  note("Preserving smuggling adverts before they disappear", {"FR", "BE", "DE"},
       {"online", "social media", "digital evidence"},
       "Smugglers advertise crossings on social media and messaging channels: prices, "
       "departure points, 'guaranteed' arrivals and a phone number to call. Adverts and "
       "profiles are deleted within days, often as soon as a member of the group is "
       "arrested.\n\n"
       "Our routine:\n"
       "- Capture the advert with its URL, the profile, the date and time, and a hash of the "
       "capture, in a way an investigator can explain in court.\n"
       "- Send a preservation request to the platform at once; the production order or EIO "
       "can follow. Without preservation, the account is gone when the order arrives.\n"
       "- Read the advert for identifiers: phone numbers in any format, handles of other "
       "accounts, wallet addresses, and prices that tell the route. Our hub's extraction "
       "finds most of them, also in Arabic, Persian, Pashto and Turkish adverts.\n"
       "- Compare handles across cases: the same facilitator often runs several accounts "
       "with small spelling differences.\n\n"
       "A tip from our cyber unit: the first comments under an advert are often from the "
       "facilitator's own accounts, posted to make the advert look popular. They are worth "
       "capturing too.");
  note("Tracing stablecoin payments (USDT on Tron)", {"NL", "DE", "AT", "LT"},
       {"financial investigation", "crypto", "USDT"},
       "More and more fees are paid in USDT on the Tron network: cheap, fast and accepted by "
       "brokers who once took only cash. For us this is good news. Unlike hawala, every "
       "transfer is recorded on a public ledger, and the organisers must at some point turn "
       "the tokens into cash or goods.\n\n"
       "What worked for us:\n"
       "- Collect the addresses. Wallet addresses turn up in seized phones (screenshots, "
       "chats, wallet apps), in adverts and in hawala ledgers. A Tron address starts with T "
       "and has 34 characters; write it down exactly, one wrong character is another wallet.\n"
       "- Follow the flow to an exchange. Most organisers cash out through a centralised "
       "exchange or an over-the-counter dealer. Exchanges registered in the EU answer "
       "production orders; others answer to requests through their law-enforcement portals.\n"
       "- Freeze early. The issuer of USDT and several exchanges can freeze tokens on a "
       "request from a prosecutor. Prepare the request before the action day and send it as "
       "soon as the arrests are made.\n"
       "- Compare wallets across cases. The same wallet receives fees from migrants heard in "
       "different countries; the hub's identifier matching shows it at once.\n\n"
       "Pitfalls: an address is not a person. Link it to a suspect through the phone it was "
       "found on, the exchange's customer records or the chats, and explain the tracing "
       "method in a way the court can follow.");
  note("Identifying boat captains and vessels", {"MT", "IT", "GR", "ES"},
       {"maritime", "vessels", "captains"},
       "After a landing or a rescue the captain is usually among the passengers and denies "
       "it. Often the smugglers chose a migrant who steered in exchange for a free crossing; "
       "the organisers stay ashore. Our task is to tell the two apart quickly and to find the "
       "people behind the boat.\n\n"
       "What worked for us:\n"
       "- Hear several passengers separately and early, before they are transferred: who "
       "steered, who held the satellite phone, who gave orders, who was on the boat before "
       "the others boarded.\n"
       "- Seize the satellite phone and the GPS device. Their call logs and tracks show the "
       "departure point and the calls to the organisers.\n"
       "- Record the vessel: name, registration, IMO number for larger ships, MMSI of the "
       "radio, engine serial numbers. Fishing vessels used on the Central Mediterranean "
       "route are often bought and re-registered under another flag; the IMO number stays.\n"
       "- Ask the partner desks: the same vessel or engine may appear in their cases.\n\n"
       "A captain who steered under threat is also a victim. Decide early whether to treat "
       "him as a suspect or a witness: his testimony against the organisers is often worth "
       "more than his conviction.");
  note("Look-alike passports shared within a group", {"BE", "NL", "FR", "GR", "CY"},
       {"documents", "forgery", "identity"},
       "Smuggling groups hand the same passport to several people: a genuine passport whose "
       "holder resembles them, or a forged one made in a European layout. When the passport "
       "comes back from one traveller it is used for the next. The same document number then "
       "appears in the cases of several countries, attached to different names.\n\n"
       "What worked for us:\n"
       "- Record every document number exactly, with the issuing country and the expiry "
       "date, even when the document looks genuine.\n"
       "- Compare numbers across cases before comparing names: a shared number between two "
       "persons of different names is a strong sign of a look-alike scheme, and the hub "
       "shows it as a hit.\n"
       "- Keep the photographs: the forger's work is often recognisable (the same "
       "laminate, the same font errors) and links seizures made years apart.\n"
       "- Ask the issuing country whether the document was reported lost or stolen, and "
       "when; the date often points to the place where the group obtained it.\n\n"
       "Pitfalls: the holder of a genuine passport may be a victim of theft or may have "
       "sold it. Hear the holder before treating the document as evidence against him.");
  return out;
}

std::vector<core::CountryUpdate> update_templates() {
  std::vector<core::CountryUpdate> out;
  const auto add = [&](std::string desk, std::string text) {
    core::CountryUpdate u;
    u.desk = std::move(desk);
    u.text = std::move(text);
    out.push_back(std::move(u));
  };
  add("IT",
      "Arrivals from eastern Libya rose again in recent months, mostly in large fishing vessels "
      "with several hundred people on board. Our cases show organisers in Benghazi working "
      "with brokers in Italy and Germany. Two JITs are ongoing.");
  add("GR",
      "Departures from the Turkish coast moved south towards Crete and Gavdos. Drivers are "
      "recruited online for a single trip; the organisers stay in Türkiye. We ask desks "
      "that hold phone numbers of recruiters to check them against our cases.");
  add("ES",
      "The Atlantic route to the Canary Islands remains the most lethal. Cayucos leave from "
      "Mauritania and Senegal; payments go through mobile money and hawala. We are preparing "
      "a JIT with a partner country of departure.");
  add("DE",
      "Onward travel by car and lorry from the Western Balkans and Austria; drivers are "
      "often recruited in Eastern Europe. Financial investigations of hawala brokers in "
      "Frankfurt and Berlin continue.");
  add("PL",
      "Pressure on the border with Belarus continues with organised groups guiding people "
      "through the forest and drivers waiting on the Polish side. Many drivers hold Ukrainian "
      "or Georgian documents.");
  add("HR",
      "Fewer detections on the Western Balkans route than two years ago, but groups now "
      "use taxis and rented vans booked through messaging apps. Phones of drivers arrested "
      "here often contain numbers of organisers in Bosnia and Herzegovina and Serbia.");
  add("FR",
      "Small-boat departures to the United Kingdom continue from beaches between Calais "
      "and Dunkirk; engines and boats are bought in Germany and transported by car. "
      "Adverts offer crossings on TikTok and Telegram.");
  add("MT",
      "Rescues in our search-and-rescue region continue, mostly of boats that left eastern "
      "Libya. Captains arrested here often carry satellite phones with numbers of organisers "
      "known to the Italian desk.");
  add("BE",
      "Belgian motorway parkings remain staging points for lorry and small-boat crossings to "
      "the United Kingdom. Several drivers arrested this year were recruited through adverts "
      "on TikTok.");
  add("NL",
      "We see more fees paid in USDT on Tron and cashed out through over-the-counter dealers. "
      "Two cases opened this year concern money brokers who also work for groups on the "
      "Eastern Mediterranean route.");
  add("AT",
      "Fewer apprehensions at the Hungarian border, but more transit by car through Slovenia "
      "and Italy. Organisers of several cases are based in Serbia and Bosnia and "
      "Herzegovina.");
  add("TN",
      "Departures from the Sfax region fell after the summer, but boats now leave from more "
      "places along the coast. We welcome requests from European desks on the brokers "
      "identified in our cases.");
  add("MA",
      "Departures towards the Canary Islands from the southern coast continue. Cooperation "
      "with the Spanish desk in a joint investigation team led to the arrest of two "
      "organisers this year.");
  add("BG",
      "Groups move people across the Turkish border on foot and then by car to Serbia; drivers "
      "are often foreign nationals recruited online. Phone evidence links several of our "
      "cases to the Austrian and German desks.");
  add("LT",
      "Attempts to cross from Belarus continue in smaller numbers. Guides are paid in cash "
      "or USDT; drivers wait on the Lithuanian side and take people on to Poland and "
      "Germany.");
  return out;
}

}  // namespace

FocusGroupContent focus_group_content(std::uint64_t seed) {
  Rng rng(mix_seed(seed, 0x464F4355));  // "FOCU": a stream of its own
  FocusGroupContent c;
  // The annual meeting: spring or autumn of 2024 or 2025, on a Tuesday to Thursday.
  const int year = rng.chance(0.5) ? 2024 : 2025;
  const int month = std::vector<int>{5, 6, 10, 11}[rng.below(4)];
  std::int64_t day = days_from_civil(year, month, rng.range(1, 24));
  while ((day + 4) % 7 < 2 || (day + 4) % 7 > 4) ++day;  // 1970-01-01 was a Thursday (4)
  const std::int64_t meeting_day = day;
  // Chair and vice-chair from two EU desks; the others are members (some alternates) or,
  // for non-EU desks, contact points.
  std::vector<const DeskNames*> eu;
  for (const DeskNames& d : desk_names()) {
    if (d.eu) eu.push_back(&d);
  }
  const DeskNames* chair = eu[rng.below(eu.size())];
  const DeskNames* vice = chair;
  while (vice == chair) vice = eu[rng.below(eu.size())];
  const auto since = [&](std::int64_t latest) {
    const std::int64_t first = days_from_civil(2019, 10, 1);
    return civil_from_days(
        first + static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(latest - first))));
  };
  std::vector<std::pair<std::string, std::string>> names;  // desk, name
  const auto add = [&](const DeskNames& d, std::string role) {
    NamedProsecutor p;
    p.desk = std::string(d.desk);
    p.name = person_name(rng, d);
    p.role = std::move(role);
    p.since = since(meeting_day - 60);
    names.emplace_back(p.desk, p.name);
    c.prosecutors.push_back(std::move(p));
  };
  add(*chair, "chair");
  add(*vice, "vice_chair");
  for (const DeskNames& d : desk_names()) {
    if (&d == chair || &d == vice) continue;
    add(d, !d.eu ? "contact_point" : (rng.chance(0.15) ? "alternate" : "member"));
  }
  const auto name_of = [&](std::string_view desk) {
    for (const auto& [d, n] : names) {
      if (d == desk) return n;
    }
    return std::string(desk);
  };

  core::FocusGroupMeeting& m = c.meeting;
  m.title = "Annual meeting of the Focus Group of prosecutors on migrant smuggling";
  m.date = civil_from_days(meeting_day);
  m.place = rng.chance(0.75) ? "Eurojust, The Hague"
                             : std::string(chair->city) + " (hosted by the " +
                                   std::string(chair->desk) + " desk)";
  const std::string chair_name = name_of(chair->desk);
  m.sessions.push_back({0,
                        "09:30",
                        "Opening and the year in figures",
                        {chair_name + " (chair)", "Focus Group secretariat"},
                        "The chair opened the meeting. The secretariat presented the year's "
                        "figures: " +
                            std::to_string(rng.range(40, 90)) + " coordinated investigations, " +
                            std::to_string(rng.range(8, 25)) +
                            " of them with joint investigation teams, and the shifts of "
                            "departures between routes that the desks reported."});
  std::vector<std::size_t> order(session_templates().size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
  const std::size_t sessions = 4 + rng.below(2);
  static const char* kTimes[] = {"10:15", "11:30", "13:30", "14:30", "15:30"};
  for (std::size_t k = 0; k < sessions; ++k) {
    const SessionTemplate& t = session_templates()[order[k]];
    const std::string_view a = t.desks[rng.below(t.desks.size())];
    std::string_view b = a;
    while (b == a) b = t.desks[rng.below(t.desks.size())];
    std::string summary = replace_all(std::string(t.summary), "{A}", country_name(a));
    summary = replace_all(summary, "{B}", country_name(b));
    summary = replace_all(summary, "{N}", std::to_string(rng.range(3, 30) * 50));
    m.sessions.push_back(
        {0,
         kTimes[k],
         std::string(t.title),
         {name_of(a) + " (" + std::string(a) + ")", name_of(b) + " (" + std::string(b) + ")"},
         summary});
  }
  m.sessions.push_back(
      {0,
       "16:30",
       "Country round table and conclusions",
       {"All members"},
       "Each desk reported on trends and challenges. The group agreed to "
       "share model EIO requests for subscriber data and to prepare a note on " +
           std::string(rng.chance(0.5) ? "financial investigations" : "crypto-asset tracing") +
           " for the next meeting."});

  // Best-practice notes: four to six of the written notes, by one of the desks that could
  // have written each, dated in the fifteen months before the meeting.
  std::vector<NoteTemplate> notes = note_templates();
  for (std::size_t i = notes.size(); i > 1; --i) std::swap(notes[i - 1], notes[rng.below(i)]);
  notes.resize(std::min<std::size_t>(notes.size(), 4 + rng.below(3)));
  for (NoteTemplate& t : notes) {
    core::BestPractice n;
    n.title = std::move(t.title);
    n.author_desk = t.desks[rng.below(t.desks.size())];
    n.date = civil_from_days(meeting_day - 20 - static_cast<std::int64_t>(rng.below(440)));
    n.topics = std::move(t.topics);
    n.body = std::move(t.body);
    c.best_practices.push_back(std::move(n));
  }
  std::sort(
      c.best_practices.begin(), c.best_practices.end(),
      [](const core::BestPractice& x, const core::BestPractice& y) { return x.date > y.date; });
  // Country updates: five to nine desks, sent in the six weeks before the meeting.
  std::vector<core::CountryUpdate> updates = update_templates();
  for (std::size_t i = updates.size(); i > 1; --i) {
    std::swap(updates[i - 1], updates[rng.below(i)]);
  }
  updates.resize(std::min<std::size_t>(updates.size(), 5 + rng.below(5)));
  for (core::CountryUpdate& u : updates) {
    u.date = civil_from_days(meeting_day - 3 - static_cast<std::int64_t>(rng.below(40)));
    c.country_updates.push_back(std::move(u));
  }
  std::sort(c.country_updates.begin(), c.country_updates.end(),
            [](const core::CountryUpdate& x, const core::CountryUpdate& y) {
              return x.date > y.date || (x.date == y.date && x.desk < y.desk);
            });
  return c;
}

}  // namespace crossroads::synth
