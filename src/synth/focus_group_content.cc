#include "synth/focus_group_content.h"

namespace crossroads::synth {

const std::vector<NamedProsecutor>& named_prosecutors() {
  static const std::vector<NamedProsecutor> people = {
      {"NL", "Marieke van der Berg", "chair", "2019-10-01"},
      {"IT", "Giulia Ferraro", "vice_chair", "2019-10-01"},
      {"DE", "Katrin Vogel", "member", "2020-02-15"},
      {"GR", "Nikos Alexiou", "member", "2019-10-01"},
      {"ES", "Lucía Moreno Gil", "member", "2021-01-11"},
      {"FR", "Claire Dubois", "member", "2020-09-01"},
      {"MT", "Joseph Camilleri", "member", "2019-10-01"},
      {"AT", "Stefan Huber", "member", "2022-03-01"},
      {"HU", "Zsófia Kovács", "alternate", "2023-05-02"},
      {"HR", "Ivana Horvat", "member", "2021-06-14"},
      {"BG", "Georgi Petrov", "member", "2020-01-20"},
      {"CY", "Andreas Georgiou", "member", "2022-09-05"},
      {"PL", "Agnieszka Nowak", "member", "2022-01-10"},
      {"LT", "Tomas Kazlauskas", "alternate", "2023-02-01"},
      {"LV", "Elīna Bērziņa", "member", "2023-02-01"},
      {"BE", "Pieter Janssens", "member", "2021-09-01"},
      {"AL", "Erion Hoxha", "contact_point", "2022-11-15"},
      {"RS", "Milan Jovanović", "contact_point", "2023-04-03"},
      {"TN", "Sami Ben Youssef", "contact_point", "2024-01-15"},
      {"MA", "Youssef El Amrani", "contact_point", "2024-01-15"},
      {"TR", "Elif Yıldız", "contact_point", "2023-10-02"},
      {"GB", "Sarah Whitfield", "contact_point", "2021-03-01"},
  };
  return people;
}

const core::FocusGroupMeeting& demo_meeting() {
  static const core::FocusGroupMeeting meeting = [] {
    core::FocusGroupMeeting m;
    m.title = "Annual meeting of the Focus Group of prosecutors on migrant smuggling";
    m.date = "2025-06-11";
    m.place = "Eurojust, The Hague";
    m.sessions = {
        {0,
         "09:30",
         "Opening and the year in figures",
         {"Marieke van der Berg (chair)", "Focus Group secretariat"},
         "The chair opened the meeting. The secretariat presented the year's figures: more "
         "coordinated investigations than ever, a growing share with joint investigation teams, "
         "and a clear shift of departures from the Central Mediterranean towards the Atlantic "
         "route."},
        {0,
         "10:15",
         "Landmark case: a hawala network between Libya, Italy and Germany",
         {"Giulia Ferraro (IT)", "Katrin Vogel (DE)"},
         "How two desks reconstructed the payments of 1,400 migrants from hawala ledgers seized "
         "in Palermo and Frankfurt, matched them with call records, and froze the brokers' "
         "accounts on the same action day."},
        {0,
         "11:30",
         "Phones across borders: from seizure to evidence in court",
         {"Katrin Vogel (DE)", "Nikos Alexiou (GR)"},
         "Extraction reports, hash values and the chain of custody when the phone is seized in "
         "one country and the trial takes place in another; what courts accepted and what they "
         "did not."},
        {0,
         "13:30",
         "Unaccompanied minors as witnesses",
         {"Nikos Alexiou (GR)", "Lucía Moreno Gil (ES)"},
         "Hearing minors once, early and on video; guardians and interpreters; keeping the "
         "minor away from the suspects' families in reception centres."},
        {0,
         "14:30",
         "Joint investigation teams with non-EU partners",
         {"Lucía Moreno Gil (ES)", "Youssef El Amrani (MA)", "Sami Ben Youssef (TN)"},
         "Experience with JIT agreements that include partner countries: the model agreement, "
         "data protection clauses, funding of travel and interpretation, and who leads the "
         "action day."},
        {0,
         "15:30",
         "Smuggling adverts on social media",
         {"Claire Dubois (FR)", "Elif Yıldız (TR)"},
         "Preserving adverts and profiles before they disappear, requests to platforms, and "
         "reading prices, routes and phone numbers out of adverts in Arabic, Persian, Pashto "
         "and Turkish."},
        {0,
         "16:30",
         "Country round table and conclusions",
         {"All members"},
         "Each desk reported on trends and challenges. The group agreed to share model EIO "
         "requests for subscriber data and to prepare a note on financial investigations for "
         "the next meeting."},
    };
    return m;
  }();
  return meeting;
}

const std::vector<core::BestPractice>& demo_best_practices() {
  static const std::vector<core::BestPractice> notes = [] {
    std::vector<core::BestPractice> out;
    const auto note = [&](std::string title, std::string desk, std::string date,
                          std::vector<std::string> topics, std::string body) {
      core::BestPractice n;
      n.title = std::move(title);
      n.author_desk = std::move(desk);
      n.date = std::move(date);
      n.topics = std::move(topics);
      n.body = std::move(body);
      out.push_back(std::move(n));
    };
    note("Following the money in hawala networks", "IT", "2025-03-18",
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
    note("Using phone evidence across borders", "DE", "2024-11-05",
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
    note("Protecting unaccompanied minors as witnesses", "GR", "2025-01-22",
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
    note("Joint investigation teams with non-EU partners", "ES", "2025-04-09",
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
    note("Preserving smuggling adverts before they disappear", "FR", "2024-09-30",
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
    return out;
  }();
  return notes;
}

const std::vector<core::CountryUpdate>& demo_country_updates() {
  static const std::vector<core::CountryUpdate> updates = [] {
    std::vector<core::CountryUpdate> out;
    const auto add = [&](std::string desk, std::string date, std::string text) {
      core::CountryUpdate u;
      u.desk = std::move(desk);
      u.date = std::move(date);
      u.text = std::move(text);
      out.push_back(std::move(u));
    };
    add("IT", "2025-05-30",
        "Arrivals from eastern Libya rose again in spring, mostly in large fishing vessels "
        "with several hundred people on board. Our cases show organisers in Benghazi working "
        "with brokers in Italy and Germany. Two JITs are ongoing.");
    add("GR", "2025-05-28",
        "Departures from the Turkish coast moved south towards Crete and Gavdos. Drivers are "
        "recruited online for a single trip; the organisers stay in Türkiye. We ask desks "
        "that hold phone numbers of recruiters to check them against our cases.");
    add("ES", "2025-06-02",
        "The Atlantic route to the Canary Islands remains the most lethal. Cayucos leave from "
        "Mauritania and Senegal; payments go through mobile money and hawala. We are preparing "
        "a JIT with a partner country of departure.");
    add("DE", "2025-05-20",
        "Onward travel by car and lorry from the Western Balkans and Austria; drivers are "
        "often recruited in Eastern Europe. Financial investigations of hawala brokers in "
        "Frankfurt and Berlin continue.");
    add("PL", "2025-05-15",
        "Pressure on the border with Belarus continues with organised groups guiding people "
        "through the forest and drivers waiting on the Polish side. Many drivers hold Ukrainian "
        "or Georgian documents.");
    add("HR", "2025-04-30",
        "Fewer detections on the Western Balkans route than two years ago, but groups now "
        "use taxis and rented vans booked through messaging apps. Phones of drivers arrested "
        "here often contain numbers of organisers in Bosnia and Herzegovina and Serbia.");
    add("FR", "2025-06-05",
        "Small-boat departures to the United Kingdom continue from beaches between Calais "
        "and Dunkirk; engines and boats are bought in Germany and transported by car. "
        "Adverts offer crossings on TikTok and Telegram.");
    return out;
  }();
  return updates;
}

}  // namespace crossroads::synth
