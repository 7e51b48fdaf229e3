#include "synthetic_persons.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace crossroads::match::testing {
namespace {

struct Family {
  std::vector<const char*> latin;
  const char* arabic;  // nullptr: no Arabic-script form
};

const std::vector<Family>& given_names() {
  static const std::vector<Family> k = {
      {{"Mohamed", "Muhammad", "Mohammed", "Mohammad", "Mohamad", "Muhammed"}, "محمد"},
      {{"Ahmed", "Ahmad"}, "أحمد"},
      {{"Ali"}, "علي"},
      {{"Youssef", "Yusuf", "Yousef", "Yusef", "Youssouf"}, "يوسف"},
      {{"Hussein", "Husain", "Hossein", "Hussain", "Husein"}, "حسين"},
      {{"Abdelrahman", "Abd al-Rahman", "Abdul Rahman", "Abdulrahman", "Abdurrahman"},
       "عبد الرحمن"},
      {{"Omar", "Umar", "Omer"}, "عمر"},
      {{"Mahmoud", "Mahmud", "Mahmood"}, "محمود"},
      {{"Khaled", "Khalid"}, "خالد"},
      {{"Ibrahim", "Ebrahim", "Ibrahem"}, "إبراهيم"},
      {{"Mustafa", "Moustafa", "Mostafa"}, "مصطفى"},
      {{"Hassan", "Hasan"}, "حسن"},
      {{"Karim", "Kareem"}, "كريم"},
      {{"Tariq", "Tarek", "Tarik"}, "طارق"},
      {{"Samir", "Sameer"}, "سمير"},
      {{"Jamal", "Gamal", "Djamal"}, "جمال"},
      {{"Walid", "Waleed"}, "وليد"},
      {{"Nabil", "Nabeel"}, "نبيل"},
      {{"Faisal", "Faysal", "Feisal"}, "فيصل"},
      {{"Rashid", "Rachid", "Rasheed"}, "رشيد"},
      {{"Said", "Saeed"}, "سعيد"},
      {{"Bilal", "Belal"}, "بلال"},
      {{"Hamza", "Hamzah"}, "حمزة"},
      {{"Anwar", "Anouar"}, "أنور"},
      {{"Salim", "Selim", "Saleem"}, "سليم"},
      {{"Abdullah", "Abdallah", "Abd Allah"}, "عبد الله"},
      {{"Suleiman", "Sulayman", "Slimane"}, "سليمان"},
      {{"Yasin", "Yassine", "Yaseen"}, "ياسين"},
      {{"Adel", "Adil"}, "عادل"},
      {{"Amir", "Ameer"}, "أمير"},
      {{"Zakaria", "Zakariya", "Zakariyya"}, "زكريا"},
      {{"Idris", "Driss", "Idriss"}, "إدريس"},
      {{"Osman", "Othman", "Uthman"}, "عثمان"},
      {{"Jalal", "Djalal"}, "جلال"},
      {{"Farid", "Fareed"}, "فريد"},
      {{"Mansour", "Mansur"}, "منصور"},
      {{"Nasser", "Nasir", "Naser"}, "ناصر"},
      {{"Imran", "Emran"}, "عمران"},
      {{"Tesfay", "Tesfaye"}, nullptr},
      {{"Mehmet"}, nullptr},
      {{"Arben"}, nullptr},
      {{"Besnik"}, nullptr},
      {{"Gulbuddin", "Gulbudin"}, nullptr},
      {{"Azad"}, "آزاد"},
      {{"Dawit", "Dawid"}, nullptr},
  };
  return k;
}

const std::vector<Family>& family_names() {
  static const std::vector<Family> k = {
      {{"Ali"}, "علي"},
      {{"Hassan", "Hasan"}, "حسن"},
      {{"Ibrahim", "Ebrahim"}, "إبراهيم"},
      {{"Al-Masri", "El Masry", "Almasri"}, "المصري"},
      {{"Haddad", "Hadad"}, "حداد"},
      {{"Khalil", "Khaleel"}, "خليل"},
      {{"Saleh", "Salih"}, "صالح"},
      {{"Hamdan"}, "حمدان"},
      {{"Qureshi", "Kureshi", "Qurashi"}, "قريشي"},
      {{"Rahimi"}, "رحيمي"},
      {{"Ahmadi"}, "أحمدي"},
      {{"Hosseini", "Husseini", "Husaini"}, "حسيني"},
      {{"Karimi"}, "كريمي"},
      {{"Haidari", "Heydari", "Haidary"}, "حيدري"},
      {{"Abdelrahman", "Abd al-Rahman", "Abdul Rahman"}, "عبد الرحمن"},
      {{"Yousef", "Youssef", "Yusuf"}, "يوسف"},
      {{"Mahmoud", "Mahmud"}, "محمود"},
      {{"Hussein", "Husain", "Hossein"}, "حسين"},
      {{"Suleiman", "Sulayman"}, "سليمان"},
      {{"Abdallah", "Abdullah"}, "عبد الله"},
      {{"Mansour", "Mansur"}, "منصور"},
      {{"Nasser", "Nasir"}, "ناصر"},
      {{"Osman", "Othman"}, "عثمان"},
      {{"Darwish", "Darwich", "Derwish"}, "درويش"},
      {{"Shalabi", "Chalabi", "Shalaby"}, "شلبي"},
      {{"Bakr", "Bakir"}, "بكر"},
      {{"Zaidan", "Zeidan"}, "زيدان"},
      {{"Jaber", "Jabir", "Gaber"}, "جابر"},
      {{"Barakat"}, "بركات"},
      {{"Najjar", "Nagar", "Najar"}, "نجار"},
      {{"Sabbagh", "Sabagh"}, "صباغ"},
      {{"Khoury", "Khouri", "Khury"}, "خوري"},
      {{"Tahir", "Taher"}, "طاهر"},
      {{"Hamadi", "Hammadi"}, "حمادي"},
      {{"Mubarak", "Moubarak"}, "مبارك"},
      {{"Farouk", "Faruq", "Farouq"}, "فاروق"},
      {{"Sharif", "Cherif", "Sherif"}, "شريف"},
      {{"Aziz", "Azeez"}, "عزيز"},
      {{"Habibi"}, "حبيبي"},
      {{"Rasuli", "Rasouli"}, "رسولي"},
      {{"Amiri"}, "أميري"},
      {{"Noori", "Nouri", "Nuri"}, "نوري"},
      {{"Sultani", "Soltani"}, "سلطاني"},
      {{"Wardak"}, "وردك"},
      {{"Popal"}, nullptr},
      {{"Tesfamariam"}, nullptr},
      {{"Gebremedhin", "Ghebremedhin"}, nullptr},
      {{"Haile", "Hailu"}, nullptr},
      {{"Yilmaz"}, nullptr},
      {{"Kaya"}, nullptr},
      {{"Demir"}, nullptr},
      {{"Hoxha", "Hodja"}, nullptr},
      {{"Berisha"}, nullptr},
      {{"Krasniqi"}, nullptr},
      {{"Okafor"}, nullptr},
      {{"Adeyemi"}, nullptr},
      {{"Diallo"}, nullptr},
      {{"Traore", "Traoré"}, nullptr},
      {{"Benali", "Ben Ali"}, nullptr},
      {{"Bouzid", "Bouzeid"}, "بوزيد"},
      {{"Chaouki", "Shawki", "Shawqi"}, "شوقي"},
      {{"Idrissi", "Driss"}, "إدريسي"},
      {{"Mokhtar", "Mukhtar"}, "مختار"},
      {{"Ghanem", "Ghanim"}, "غانم"},
      {{"Fadel", "Fadil", "Fadl"}, "فاضل"},
      {{"Salem", "Salim"}, "سالم"},
  };
  return k;
}

const char* kNationalities[] = {"SY", "AF", "EG", "ER", "IQ", "MA", "TN",
                                "PK", "NG", "TR", "AL", "LY", "DZ", "SD"};
const char* kDesks[] = {"IT", "DE", "GR", "ES", "FR", "NL", "AT", "HU", "BG", "MT"};

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : gen_(seed) {}
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(gen_); }
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(gen_);
  }
  // Zipf-like rank: a few values very common, a long tail.
  std::size_t zipf(std::size_t n, double s) {
    if (cdf_n_ != n || cdf_s_ != s) {
      cdf_.assign(n, 0);
      double total = 0;
      for (std::size_t i = 0; i < n; ++i) cdf_[i] = total += 1.0 / std::pow(i + 1.0, s);
      for (auto& c : cdf_) c /= total;
      cdf_n_ = n;
      cdf_s_ = s;
    }
    return std::min<std::size_t>(
        std::lower_bound(cdf_.begin(), cdf_.end(), uniform()) - cdf_.begin(), n - 1);
  }
  std::string digits(int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s.push_back(static_cast<char>('0' + below(10)));
    return s;
  }

 private:
  std::mt19937_64 gen_;
  std::vector<double> cdf_;
  std::size_t cdf_n_ = 0;
  double cdf_s_ = 0;
};

struct Phone {
  std::string country;   // "DE"
  std::string cc;        // "49"
  std::string national;  // without trunk prefix: "15112345678"
};

Phone random_phone(Rng& rng) {
  switch (rng.below(5)) {
    case 0:
      return {"DE", "49", "151" + rng.digits(8)};
    case 1:
      return {"IT", "39", "3" + std::to_string(20 + rng.below(80)) + rng.digits(7)};
    case 2:
      return {"GR", "30", "69" + std::to_string(rng.below(3) + 4) + rng.digits(7)};
    case 3:
      return {"TR", "90", "5" + std::to_string(30 + rng.below(30)) + rng.digits(7)};
    default:
      return {"EG", "20", "10" + rng.digits(8)};
  }
}

std::string write_phone(const Phone& p, const std::string& desk, Rng& rng) {
  const int style = static_cast<int>(rng.below(3));
  if (style == 0) return "+" + p.cc + " " + p.national.substr(0, 3) + " " + p.national.substr(3);
  if (style == 1 || p.country != desk || p.country == "IT") return "00" + p.cc + p.national;
  return "0" + p.national;  // national format, only in the phone's own country
}

std::string german_iban(Rng& rng) {
  const std::string bban = rng.digits(18);
  // Check digits: (bban + "DE00" as digits) mod 97.
  const std::string rearranged = bban + "131400";  // D=13 E=14 00
  int mod = 0;
  for (char c : rearranged) mod = (mod * 10 + (c - '0')) % 97;
  const int check = 98 - mod;
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", check);
  return std::string("DE") + buf + bban;
}

std::string spaced(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && i % 4 == 0) out.push_back(' ');
    out.push_back(s[i]);
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string typo(const std::string& s, Rng& rng) {
  if (s.size() < 5) return s;
  std::string t = s;
  const std::size_t i = 1 + rng.below(t.size() - 2);
  switch (rng.below(3)) {
    case 0:
      t.erase(i, 1);
      break;
    case 1:
      t.insert(i, 1, t[i]);
      break;
    default:
      std::swap(t[i], t[i + 1]);
      break;
  }
  return t;
}

// The long tail of family names (most people do not carry one of the 60 frequent ones):
// pronounceable Latin-only names built from syllables, deterministic in the index.
std::string tail_family_name(std::size_t i) {
  static const char* const kOnset[] = {"b", "d", "f", "g", "h", "j",  "k", "kh", "l",
                                       "m", "n", "q", "r", "s", "sh", "t", "w",  "z"};
  static const char* const kVowel[] = {"a", "i", "ou", "e", "o", "ai"};
  static const char* const kEnd[] = {"", "i", "awi", "ani", "ouni", "aoui", "ari", "ek", "an"};
  std::string s;
  std::size_t x = i * 2654435761u + 12345;
  for (int k = 0; k < 2; ++k) {
    s += kOnset[x % std::size(kOnset)];
    x /= std::size(kOnset);
    s += kVowel[x % std::size(kVowel)];
    x /= std::size(kVowel);
  }
  s += kOnset[x % std::size(kOnset)];
  x /= std::size(kOnset);
  s += kEnd[x % std::size(kEnd)];
  s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

struct Person {
  std::size_t given, father, family;  // father == SIZE_MAX: none recorded
  std::string tail_family;            // non-empty: a long-tail family name instead of `family`
  int given_variant, family_variant, father_variant;
  int year, month, day;
  std::string nationality;
  bool female;
  std::vector<Phone> phones;
  std::string iban;
  std::string passport;
};

}  // namespace

void generate_persons(const SyntheticConfig& config,
                      const std::function<void(SyntheticRecord&&)>& sink) {
  Rng rng(config.seed);
  const auto& given = given_names();
  const auto& family = family_names();
  const std::size_t cases =
      std::max<std::size_t>(10, static_cast<std::size_t>(config.records / config.records_per_case));
  std::vector<Phone> hotlines;
  for (int i = 0; i < 3; ++i) hotlines.push_back(random_phone(rng));
  const std::string agent_iban = german_iban(rng);
  std::vector<std::pair<std::string, int>> forged;  // passport number, holders so far

  core::Id next_id = 1;
  std::size_t person_no = 0;
  while (static_cast<std::size_t>(next_id) <= config.records) {
    Person p;
    p.given = rng.zipf(given.size(), 0.9);
    p.family = rng.zipf(family.size(), 0.7);
    if (rng.chance(0.5)) p.tail_family = tail_family_name(rng.below(20000));
    p.father = rng.chance(0.5) ? rng.zipf(given.size(), 0.9) : SIZE_MAX;
    p.given_variant = static_cast<int>(rng.below(given[p.given].latin.size()));
    p.family_variant = static_cast<int>(rng.below(family[p.family].latin.size()));
    p.father_variant =
        p.father == SIZE_MAX ? 0 : static_cast<int>(rng.below(given[p.father].latin.size()));
    p.year = 1965 + static_cast<int>(rng.below(42));
    p.month = 1 + static_cast<int>(rng.below(12));
    p.day = 1 + static_cast<int>(rng.below(28));
    p.nationality = kNationalities[rng.below(std::size(kNationalities))];
    p.female = rng.chance(0.1);
    const int nphones = rng.chance(0.8) ? (rng.chance(0.3) ? 2 : 1) : 0;
    for (int i = 0; i < nphones; ++i) p.phones.push_back(random_phone(rng));
    if (rng.chance(0.25)) p.iban = german_iban(rng);
    if (rng.chance(0.4)) {
      if (rng.chance(0.03)) {
        // A forged passport: the same number in the hands of two or three different people.
        if (!forged.empty() && rng.chance(0.5)) {
          auto& f = forged[rng.below(forged.size())];
          p.passport = f.first;
          if (++f.second >= 3) {
            f = forged.back();
            forged.pop_back();
          }
        } else {
          p.passport = "N" + rng.digits(7);
          forged.push_back({p.passport, 1});
        }
      } else {
        p.passport = "P" + rng.digits(8);
      }
    }
    const double k = rng.uniform();
    const int copies = k < 0.55 ? 1 : k < 0.80 ? 2 : k < 0.92 ? 3 : k < 0.97 ? 4 : 5;
    std::vector<core::Id> used_cases;
    const std::string identity = "P" + std::to_string(person_no++);
    for (int c = 0; c < copies && static_cast<std::size_t>(next_id) <= config.records; ++c) {
      core::Id case_id;
      do {
        case_id = 1 + static_cast<core::Id>(rng.below(cases));
      } while (std::find(used_cases.begin(), used_cases.end(), case_id) != used_cases.end());
      used_cases.push_back(case_id);
      const std::string desk = kDesks[case_id % std::size(kDesks)];

      // The name as this case wrote it.
      auto variant = [&](const Family& f, int preferred) -> std::string {
        if (rng.chance(0.35)) return f.latin[rng.below(f.latin.size())];
        return f.latin[preferred];
      };
      const bool arabic = rng.chance(0.10) && p.tail_family.empty() && given[p.given].arabic &&
                          family[p.family].arabic &&
                          (p.father == SIZE_MAX || given[p.father].arabic);
      std::vector<std::string> parts;
      std::string g = arabic ? given[p.given].arabic : variant(given[p.given], p.given_variant);
      std::string fam = !p.tail_family.empty() ? p.tail_family
                        : arabic               ? family[p.family].arabic
                                               : variant(family[p.family], p.family_variant);
      std::string father;
      if (p.father != SIZE_MAX && rng.chance(0.5)) {
        father = arabic ? given[p.father].arabic : variant(given[p.father], p.father_variant);
      }
      if (!arabic && rng.chance(0.03)) {
        if (rng.chance(0.5))
          g = typo(g, rng);
        else
          fam = typo(fam, rng);
      }
      if (!arabic && rng.chance(0.25)) fam = upper(fam);
      const double miss = rng.uniform();
      if (miss < 0.035)
        g.clear();
      else if (miss < 0.07)
        fam.clear();
      if (!g.empty()) parts.push_back(g);
      if (!father.empty()) parts.push_back(father);
      if (!fam.empty()) parts.push_back(fam);
      if (rng.chance(0.06) && parts.size() >= 2)
        std::rotate(parts.begin(), parts.end() - 1, parts.end());
      std::string name;
      for (const auto& part : parts) name += (name.empty() ? "" : " ") + part;

      SyntheticRecord r;
      r.desk = desk;
      r.identity = identity;
      core::Entity& e = r.entity;
      e.id = next_id++;
      e.case_id = case_id;
      e.schema = "Person";
      e.ftm_id = "p" + std::to_string(e.id);
      e.properties["name"].push_back(name);
      if (rng.chance(0.1)) {
        e.properties["alias"].push_back("Abu " +
                                        std::string(given[rng.zipf(given.size(), 0.9)].latin[0]));
      }
      const double b = rng.uniform();
      char date[48];
      if (b < 0.15) {
        // no birth date
      } else if (b < 0.33) {
        std::snprintf(date, sizeof date, "%04d", p.year);
        e.properties["birthDate"].push_back(date);
      } else if (b < 0.38 && p.day <= 12) {
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", p.year, p.day, p.month);
        e.properties["birthDate"].push_back(date);
      } else {
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", p.year, p.month, p.day);
        e.properties["birthDate"].push_back(date);
      }
      if (rng.chance(0.8)) e.properties["nationality"].push_back(p.nationality);
      if (rng.chance(0.7)) e.properties["gender"].push_back(p.female ? "female" : "male");
      for (const auto& ph : p.phones) {
        if (rng.chance(0.6)) e.properties["phone"].push_back(write_phone(ph, desk, rng));
      }
      if (rng.chance(0.004)) {
        e.properties["phone"].push_back(
            write_phone(hotlines[rng.below(hotlines.size())], desk, rng));
      }
      if (!p.iban.empty() && rng.chance(0.5)) {
        e.properties["iban"].push_back(rng.chance(0.5) ? spaced(p.iban) : p.iban);
      }
      if (rng.chance(0.003)) e.properties["iban"].push_back(spaced(agent_iban));
      if (!p.passport.empty() && rng.chance(0.4)) {
        e.properties["passportNumber"].push_back(p.nationality + " " + p.passport);
      }
      sink(std::move(r));
    }
  }
}

}  // namespace crossroads::match::testing
