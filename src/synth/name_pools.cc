#include "synth/name_pools.h"

#include <array>

#include "core/assert.h"

namespace crossroads::synth {

namespace {

// One name per line: "<original script>|<canonical Latin>,<variant>,...". Sections start with
// "M" (male given names), "F" (female given names), "L" (family names) on a line of their own.
// Variants are spellings seen in European case files and registries (French, Italian, English,
// German and scholarly transliterations), not invented ones.
constexpr std::string_view kArabic = R"(M
محمد|Mohamed,Muhammad,Mohammed,Mohammad,Mohamad,Mehmed
أحمد|Ahmed,Ahmad,Ahmet
محمود|Mahmoud,Mahmud,Mahmood
مصطفى|Mustafa,Moustafa,Mostafa
عبد الرحمن|Abdelrahman,Abdulrahman,Abd al-Rahman,Abdel Rahman,Abderrahmane
عبد الله|Abdullah,Abdallah,Abdellah,Abd Allah
عبد الكريم|Abdelkarim,Abdulkarim,Abd al-Karim,Abdelkrim
عبد العزيز|Abdelaziz,Abdulaziz,Abd al-Aziz
علي|Ali,Aly
عمر|Omar,Umar,Omer
يوسف|Youssef,Yusuf,Yousef,Yossef,Youcef
إبراهيم|Ibrahim,Ebrahim,Brahim
خالد|Khaled,Khalid,Khaleed
حسن|Hassan,Hasan
حسين|Hussein,Husain,Hossein,Houssein
سعيد|Said,Saeed,Saïd,Sayed
طارق|Tarek,Tariq,Tarik
كريم|Karim,Kareem
جمال|Jamal,Gamal,Djamel
ياسين|Yassine,Yasin,Yaseen
إسماعيل|Ismail,Ismael,Smail
عثمان|Othman,Osman,Uthman
فيصل|Faisal,Faycal,Fayçal
ناصر|Nasser,Nasir,Naser
وليد|Walid,Waleed
رامي|Rami,Ramy
سامي|Sami,Samy
هشام|Hisham,Hicham,Hesham
بلال|Bilal,Belal
منصور|Mansour,Mansur
نبيل|Nabil,Nabeel
عادل|Adel,Adil
أيمن|Ayman,Aymen
فراس|Firas,Feras
زياد|Ziad,Ziyad
عماد|Imad,Emad
مراد|Mourad,Murad
سفيان|Sofiane,Sufyan,Soufiane
أنور|Anwar,Anouar
صلاح|Salah,Salaheddine
نور الدين|Noureddine,Nur al-Din,Nuraddin
جلال|Jalal,Djalal
إدريس|Idris,Driss
موسى|Moussa,Musa
عيسى|Issa,Isa
الهادي|El Hadi,Al-Hadi,Elhadi
F
فاطمة|Fatima,Fatma,Fatimah
عائشة|Aisha,Aicha,Ayesha
مريم|Mariam,Maryam,Meriem
خديجة|Khadija,Khadidja,Kadija
زينب|Zainab,Zeinab,Zaynab
نور|Nour,Noor,Nur
أمل|Amal,Amel
هدى|Hoda,Huda
سلمى|Salma,Selma
رانيا|Rania,Ranya
ليلى|Layla,Leila,Laila
سارة|Sara,Sarah
L
عبد الرحمن|Abdelrahman,Abdulrahman,Abd al-Rahman,Abdel Rahman
عبد الله|Abdullah,Abdallah,Abdellah
الحسن|El Hassan,Al-Hassan,Elhassan
السيد|El Sayed,Al-Sayed,Elsayed,Sayed
المصري|El Masri,Al-Masri,Elmasry,Masri
الشريف|El Sherif,Al-Sharif,Cherif,Sharif
بن علي|Ben Ali,Bin Ali,Benali
حداد|Haddad,Hadad
منصور|Mansour,Mansur
الخطيب|Al-Khatib,El Khatib,Khatib
النجار|Al-Najjar,El Naggar,Najjar
الزين|El Zein,Al-Zain,Zein
التونسي|Tounsi,Al-Tunisi,Ettounsi
الليبي|Al-Libi,El Libi,Libi
القذافي|Gaddafi,Qadhafi,Kadhafi
الورفلي|Werfalli,Al-Warfalli,Warfali
الزاوي|Zawi,Al-Zawi,Ezzawi
بوعزيزي|Bouazizi,Bu Azizi
الطرابلسي|Trabelsi,Tarabulsi,Al-Tarabulsi
العبيدي|Al-Obeidi,Obeidi,Al-Ubaydi
الجبوري|Al-Jubouri,Jubouri,Al-Jabouri
الدليمي|Al-Dulaimi,Dulaimi,Al-Dleimi
الحلبي|Al-Halabi,Halabi,El Halaby
الحمصي|Al-Homsi,Homsi
الشامي|Al-Shami,Chami,Shami
قاسم|Kassem,Qasim,Kasim
سليمان|Suleiman,Sleiman,Soliman
يونس|Younes,Yunus,Younis
الفاسي|El Fassi,Al-Fasi,Fassi
العلوي|Alaoui,Al-Alawi,Elalaoui
بنعمر|Benamar,Ben Omar,Bin Umar
بوزيد|Bouzid,Bu Zayd
الأمين|El Amine,Al-Amin,Lamine
عثمان|Osman,Othman,Uthman
إدريس|Idriss,Idris,Driss
آدم|Adam,Adem
)";

constexpr std::string_view kPersian = R"(M
محمد|Mohammad,Mohammed,Muhammad,Mohamad
علی|Ali,Aly
حسین|Hossein,Hussain,Husain,Hosein
رضا|Reza,Riza
مهدی|Mehdi,Mahdi
احمد|Ahmad,Ahmed
جواد|Javad,Jawad
حمید|Hamid,Hameed
سعید|Saeed,Said,Saeid
مسعود|Massoud,Masoud,Masud
فرهاد|Farhad,Ferhad
بهرام|Bahram,Behram
داوود|Davood,Dawood,Dawud,Daud
یوسف|Yousef,Yusuf,Yosef
نوید|Navid,Naveed
امید|Omid,Umid
مجید|Majid,Madjid,Majeed
سهراب|Sohrab,Suhrab
عارف|Aref,Arif
نجیب|Najib,Najeeb
ذبیح الله|Zabihullah,Zabiullah,Zabihollah
نصرت|Nosrat,Nusrat
F
فاطمه|Fatemeh,Fatima,Fatemah
زهرا|Zahra,Zehra
مریم|Maryam,Mariam
شیرین|Shirin,Sherin
پروانه|Parvaneh,Parwana
L
محمدی|Mohammadi,Muhammadi,Mohamadi
احمدی|Ahmadi,Ahmedi
حسینی|Hosseini,Husseini,Hosaini
رضایی|Rezaei,Rezai,Rezaee
کریمی|Karimi,Kareemi
رحیمی|Rahimi,Raheemi
هاشمی|Hashemi,Hashimi
نظری|Nazari,Nazary
عزیزی|Azizi,Azizy
جعفری|Jafari,Jaafari,Dschafari
صدیقی|Sediqi,Siddiqui,Sadiqi
حیدری|Heidari,Haidari,Haydari
نوری|Noori,Nouri,Nuri
قادری|Ghaderi,Qaderi,Kaderi
یعقوبی|Yaghoubi,Yaqubi,Yakubi
سلطانی|Soltani,Sultani
)";

constexpr std::string_view kPashto = R"(M
محمد|Mohammad,Muhammad,Mohammed
گل|Gul,Gol
احمد شاه|Ahmad Shah,Ahmadshah,Ahmed Shah
خان محمد|Khan Mohammad,Khanmohammad
عبدالله|Abdullah,Abdallah
نور|Noor,Nur
ګل احمد|Gul Ahmad,Gulahmad
شیر|Sher,Shir
زلمی|Zalmai,Zalmay
وحید|Wahid,Waheed,Vahid
اجمل|Ajmal,Adschmal
سمیع الله|Samiullah,Sami Ullah,Samiollah
حبیب الله|Habibullah,Habibollah,Habib Ullah
عصمت الله|Esmatullah,Ismatullah,Asmatullah
F
ملالۍ|Malalai,Malalay
ګلالۍ|Gulalai,Gulalay
L
خان|Khan
یوسفزی|Yousafzai,Yusufzai,Yousufzai
افریدی|Afridi,Afredi
شینواری|Shinwari,Shinwary
مومند|Mohmand,Momand
کاکړ|Kakar,Kakkar
ځدران|Zadran,Dzadran
وزیر|Wazir,Vazir
اڅکزی|Achakzai,Achekzai
پوپلزی|Popalzai,Popalzay
نورزی|Noorzai,Nurzai
)";

constexpr std::string_view kTigrinya = R"(M
ተስፋይ|Tesfay,Tesfai,Tesfaye
ሃብተ|Habte,Habtè,Hapte
ዮሃንስ|Yohannes,Johannes,Yohanes
ገብረ|Gebre,Ghebre,Gebreh
መሓሪ|Mehari,Meharí,Mihari
ኪዳነ|Kidane,Kidana
ዳዊት|Dawit,Dawid
ሰሎሞን|Solomon,Selomon
ኣማኑኤል|Amanuel,Emmanuel,Amanuael
ፍሰሃ|Fitsum,Fitsom
ሙሴ|Mussie,Musie,Muse
ኤርምያስ|Ermias,Ermiyas
F
ሳባ|Saba,Sabba
ሓረጉ|Haregu,Hareg
ሉላ|Lula,Lulla
L
ገብረመድህን|Gebremedhin,Ghebremedhin,Gebre Medhin
ተኽለ|Tekle,Teklay,Tecle
ወልደሚካኤል|Woldemichael,Weldemichael,Wolde Mikael
ሃይለ|Haile,Hayle
ብርሃነ|Berhane,Birhane,Brhane
ገብረየሱስ|Gebreyesus,Ghebreyesus
ኣብርሃ|Abraha,Abreha
ተወልደ|Tewolde,Tewelde
ዘርኣይ|Zerai,Zeray
)";

constexpr std::string_view kKurdish = R"(M
ئازاد|Azad,Asad
شێرکۆ|Sherko,Şêrko,Shirko
هەژار|Hazhar,Hejar,Hajar
دلشاد|Dilshad,Dilşad
کاوە|Kawa,Kaveh,Kawe
بەختیار|Bakhtiar,Bextiyar,Bakhtiyar
ڕێباز|Rebaz,Rêbaz
سەردار|Sardar,Serdar
هیوا|Hiwa,Hîwa
جەمال|Jamal,Cemal
زانا|Zana,Sana
F
ژیان|Zhiyan,Jiyan,Jian
ڕۆژین|Rojin,Roshin
نەسرین|Nasrin,Nesrîn
L
بارزانی|Barzani,Berzani
تاڵەبانی|Talabani,Talebani
کەریم|Karim,Kerim
حەمە|Hama,Heme
ڕەشید|Rashid,Reşîd
عەزیز|Aziz,Ezîz
ئەحمەد|Ahmed,Ehmed
مستەفا|Mustafa,Mistefa
)";

constexpr std::string_view kTurkish = R"(M
Mehmet|Mehmet,Mehmed,Mahmet
Ahmet|Ahmet,Ahmed
Mustafa|Mustafa,Moustafa
Hüseyin|Hüseyin,Huseyin,Hussein
Hasan|Hasan,Hassan
İbrahim|İbrahim,Ibrahim
Yusuf|Yusuf,Youssouf
Murat|Murat,Murad
Ömer|Ömer,Omer,Oemer
Emre|Emre,Emreh
Cem|Cem,Djem
Serkan|Serkan,Sercan
Kemal|Kemal,Kamal
Şahin|Şahin,Sahin,Schahin
Tuncay|Tuncay,Tundschai
F
Ayşe|Ayşe,Ayse,Aische
Fatma|Fatma,Fatima
Elif|Elif,Elife
Zeynep|Zeynep,Zeinep
L
Yılmaz|Yılmaz,Yilmaz
Kaya|Kaya,Kaja
Demir|Demir,Demirr
Şahin|Şahin,Sahin
Çelik|Çelik,Celik,Tschelik
Yıldız|Yıldız,Yildiz
Öztürk|Öztürk,Ozturk,Oeztuerk
Aydın|Aydın,Aydin
Arslan|Arslan,Aslan
Doğan|Doğan,Dogan
Kılıç|Kılıç,Kilic
Koç|Koç,Koc
Kurt|Kurt,Kurtt
Özdemir|Özdemir,Ozdemir
)";

constexpr std::string_view kAlbanian = R"(M
Arben|Arben,Arbën
Besnik|Besnik,Besniku
Gëzim|Gëzim,Gezim
Ilir|Ilir,Iliri
Fatmir|Fatmir,Fatmiri
Dritan|Dritan,Dritani
Ermal|Ermal,Ermali
Kujtim|Kujtim,Kujtimi
Agron|Agron,Agroni
Bujar|Bujar,Bujari
Shpëtim|Shpëtim,Shpetim
Altin|Altin,Altini
F
Blerta|Blerta,Blertë
Elira|Elira,Elirë
L
Hoxha|Hoxha,Hodza,Hoxhaj
Krasniqi|Krasniqi,Krasnici,Krasniqui
Berisha|Berisha,Berishaj
Gashi|Gashi,Gashaj
Shehu|Shehu,Sehu
Leka|Leka,Lekaj
Çela|Çela,Cela,Tschela
Dervishi|Dervishi,Dervisi
Kola|Kola,Kolaj
Marku|Marku,Markaj
Prifti|Prifti,Priftaj
)";

constexpr std::string_view kBengali = R"(M
মোহাম্মদ|Mohammad,Mohammed,Md.,Muhammad
রহিম|Rahim,Raheem
করিম|Karim,Kareem
আব্দুল|Abdul,Abdool
সাইফুল|Saiful,Shaiful
মিজানুর|Mizanur,Mijanur
রফিকুল|Rafiqul,Rafikul
জাহিদ|Zahid,Jahid
আলমগীর|Alamgir,Alomgir
শাহীন|Shahin,Shaheen
F
নাসরিন|Nasrin,Nasreen
রুমা|Ruma,Rooma
L
রহমান|Rahman,Rehman,Rahaman
হোসেন|Hossain,Hussain,Hosen
ইসলাম|Islam,Eslam
উদ্দিন|Uddin,Udin,Ud-Din
আহমেদ|Ahmed,Ahmad
মিয়া|Mia,Miah,Miya
চৌধুরী|Chowdhury,Choudhury,Chaudhuri
সরকার|Sarker,Sarkar
খান|Khan,Kan
)";

constexpr std::string_view kUrdu = R"(M
محمد|Muhammad,Mohammad,Mohammed
علی|Ali,Aly
عمران|Imran,Emran
عرفان|Irfan,Erfan
وقاص|Waqas,Vaqas,Wakas
عثمان|Usman,Osman,Othman
بلال|Bilal,Belal
فیصل|Faisal,Faysal
ذیشان|Zeeshan,Zishan
آصف|Asif,Aasif
طاہر|Tahir,Taher
شاہد|Shahid,Shahed
F
عائشہ|Ayesha,Aisha
صائمہ|Saima,Sayma
L
خان|Khan,Kan
چوہدری|Chaudhry,Chaudhary,Choudhry
بٹ|Butt,But
ملک|Malik,Malick
راجہ|Raja,Rajah
قریشی|Qureshi,Kureshi,Quraishi
شیخ|Sheikh,Shaikh,Cheikh
اعوان|Awan,Avan
جٹ|Jatt,Jat
مرزا|Mirza,Merza
)";

constexpr std::string_view kFrench = R"(M
Mamadou|Mamadou,Mamadu
Moussa|Moussa,Musa
Ibrahima|Ibrahima,Ibrahim
Ousmane|Ousmane,Usman
Abdoulaye|Abdoulaye,Abdulaye,Abdullahi
Cheikh|Cheikh,Sheikh,Cheick
Amadou|Amadou,Amadu
Souleymane|Souleymane,Suleiman,Sulayman
Jean|Jean,Jan
Pierre|Pierre,Piere
Karim|Karim,Kareem
Mohamed|Mohamed,Mohammed,Muhammad
F
Aminata|Aminata,Aminatta
Fatou|Fatou,Fatu
Marie|Marie,Mari
Awa|Awa,Aoua
L
Diallo|Diallo,Jallow,Djallo
Ndiaye|Ndiaye,N'Diaye,Njie
Sow|Sow,Sowe
Ba|Ba,Bah
Diop|Diop,Jobe
Fall|Fall,Faal
Traoré|Traoré,Traore,Trawally
Camara|Camara,Kamara
Cissé|Cissé,Cisse,Sisay
Touré|Touré,Toure,Turay
Sylla|Sylla,Silla
Martin|Martin,Martins
Dubois|Dubois,Du Bois
)";

constexpr std::string_view kEnglish = R"(M
John|John,Jon
Michael|Michael,Micheal
David|David,Dave
James|James,Jim
Daniel|Daniel,Danny
Emmanuel|Emmanuel,Emanuel
Samuel|Samuel,Sammy
Joseph|Joseph,Josef
F
Mary|Mary,Marie
Grace|Grace,Gracie
L
Smith|Smith,Smyth
Johnson|Johnson,Jonson
Okafor|Okafor,Okaafor
Adeyemi|Adeyemi,Adeyemy
Brown|Brown,Browne
Wilson|Wilson,Willson
Taylor|Taylor,Tailor
Walker|Walker,Walkar
)";

struct Raw {
  Origin origin;
  std::string_view text;
  bool latin_script;
  bool patronymic;
  std::vector<std::string> nicknames;
};

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos <= s.size()) {
    std::size_t end = s.find(sep, pos);
    if (end == std::string_view::npos) end = s.size();
    out.emplace_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

NamePool parse(const Raw& raw) {
  NamePool pool;
  pool.origin = raw.origin;
  pool.latin_script = raw.latin_script;
  pool.patronymic = raw.patronymic;
  pool.nickname_patterns = raw.nicknames;
  std::vector<NameForm>* section = nullptr;
  for (const std::string& line : split(raw.text, '\n')) {
    if (line.empty()) continue;
    if (line == "M") {
      section = &pool.male;
    } else if (line == "F") {
      section = &pool.female;
    } else if (line == "L") {
      section = &pool.family;
    } else {
      CR_ASSERT(section != nullptr);
      const std::size_t bar = line.find('|');
      CR_ASSERT(bar != std::string::npos);
      NameForm form;
      form.original = line.substr(0, bar);
      form.latin = split(std::string_view(line).substr(bar + 1), ',');
      section->push_back(std::move(form));
    }
  }
  CR_ASSERT(!pool.male.empty() && !pool.female.empty() && !pool.family.empty());
  return pool;
}

const std::array<NamePool, kOriginCount>& pools() {
  static const std::array<NamePool, kOriginCount> kPools = [] {
    // {son}: the first name of an (invented) eldest son, as kunyas are formed.
    const std::vector<Raw> raws = {
        {Origin::kArabic,
         kArabic,
         false,
         true,
         {"Abu {son}", "Abou {son}", "Al-{family}", "Hajji {given}", "{given} al-Kabir"}},
        {Origin::kPersian,
         kPersian,
         false,
         false,
         {"Haji {given}", "{given} Kabuli", "Kaka {given}"}},
        {Origin::kPashto, kPashto, false, false, {"Haji {given}", "Lala {given}", "{given} Khan"}},
        {Origin::kTigrinya, kTigrinya, false, true, {"Wedi {given}", "{given} Kebir", "Abu {son}"}},
        {Origin::kKurdish, kKurdish, false, true, {"Kak {given}", "Mam {given}", "Abu {son}"}},
        {Origin::kTurkish, kTurkish, true, false, {"{given} Abi", "Dayı", "Reis"}},
        {Origin::kAlbanian, kAlbanian, true, false, {"{given}i", "Kapo", "Baca {given}"}},
        {Origin::kBengali, kBengali, false, false, {"{given} Bhai", "Dalal {given}"}},
        {Origin::kUrdu, kUrdu, false, false, {"{given} Bhai", "Chacha {given}", "Sheikh {given}"}},
        {Origin::kFrench, kFrench, true, false, {"Le Boss", "Grand {given}", "Papa {given}"}},
        {Origin::kEnglish, kEnglish, true, false, {"Big {given}", "The Captain", "Boss {given}"}},
    };
    std::array<NamePool, kOriginCount> out;
    for (const Raw& raw : raws) out[static_cast<int>(raw.origin)] = parse(raw);
    return out;
  }();
  return kPools;
}

}  // namespace

const char* origin_name(Origin origin) {
  switch (origin) {
    case Origin::kArabic:
      return "arabic";
    case Origin::kPersian:
      return "persian";
    case Origin::kPashto:
      return "pashto";
    case Origin::kTigrinya:
      return "tigrinya";
    case Origin::kKurdish:
      return "kurdish";
    case Origin::kTurkish:
      return "turkish";
    case Origin::kAlbanian:
      return "albanian";
    case Origin::kBengali:
      return "bengali";
    case Origin::kUrdu:
      return "urdu";
    case Origin::kFrench:
      return "french";
    case Origin::kEnglish:
      return "english";
  }
  return "unknown";
}

const NamePool& name_pool(Origin origin) { return pools()[static_cast<int>(origin)]; }

}  // namespace crossroads::synth
