//! The synthetic records of the conscription service's sources beyond the civil registry
//! (VEIS-4.3.3 to VEIS-4.3.28), by FİN, and the road police's fleet counts by VÖEN. Each is
//! derived from the person the civil registry knows (a FİN it does not know is unknown to every
//! source), and they agree where they meet: entrance-examination applications precede the
//! admissions they led to, court proceedings follow the prosecution's cases sent to court, a
//! serviceman's death carries the civil registry's death certificate, and vehicles give their
//! owner's registered address and mobile number.

use pencere_core::{Fin, Voen};

use super::business::{NAMES, TRADES, voen};
use super::{FATHERS, Hash, MALE, SURNAMES, Sandbox, address, day, digits, pick};
use crate::{
    BorderCrossing, BorderRecord, CallUpNotice, CertifyingOfficial, CitizenshipAct, CitizenshipActs,
    ConsularRegistration, CourtProceeding, CourtRecords, CriminalCase, CriminalCases, Degree, Degrees, Disabilities,
    DisabilityRecord, Dispensarisation, EmploymentContract, EmploymentStatus, Enrolment, Enrolments, ExamApplication,
    ExamApplications, FleetCounts, HealthRecords, JobSeekerRegistration, Martyr, MartyrFamily, MedicalExamination,
    PhoneNumber, PhoneNumbers, QualificationRecognitions, Recognition, Sentence, ServicemanLoss, SpecialEducation,
    StudyAbroad, TemporaryRegistration, TemporaryRegistrations, TravelRestriction, Vehicle, Vehicles, WarVeteran,
};

/// The last year records reach.
const NOW: u32 = 2025;

const POLYCLINICS: &[&str] = &[
    "Bakı şəhəri 5 saylı uşaq poliklinikası",
    "Bakı şəhəri 12 saylı uşaq poliklinikası",
    "Sumqayıt şəhər uşaq poliklinikası",
    "Gəncə şəhəri 2 saylı uşaq poliklinikası",
    "Şəki rayon mərkəzi xəstəxanasının poliklinikası",
];
const COMMISSIONS: &[&str] = &[
    "Nəsimi rayon hərbi-həkim komissiyası",
    "Yasamal rayon hərbi-həkim komissiyası",
    "Sumqayıt şəhər hərbi-həkim komissiyası",
    "Gəncə şəhər hərbi-həkim komissiyası",
    "Mərkəzi hərbi-həkim komissiyası",
];
const DIAGNOSES: &[&str] = &["H52.1", "M41.1", "J45.0", "K29.5", "I10", "E66.0"];
const SCHOOLS: &[&str] = &[
    "Bakı şəhəri 132 nömrəli tam orta məktəb",
    "Bakı şəhəri 6 nömrəli tam orta məktəb",
    "Sumqayıt şəhəri 17 nömrəli tam orta məktəb",
    "Gəncə şəhəri 5 nömrəli tam orta məktəb",
    "Şəki şəhəri 1 nömrəli tam orta məktəb",
];
const COLLEGES: &[(&str, &str)] = &[
    ("vocational", "Bakı Dövlət Peşə Təhsil Mərkəzi"),
    ("vocational", "Sumqayıt Dövlət Peşə Təhsil Mərkəzi"),
    ("secondary_specialised", "Sumqayıt Dövlət Texniki Kolleci"),
    ("secondary_specialised", "Bakı Dövlət Rabitə və Nəqliyyat Kolleci"),
];
const UNIVERSITIES: &[&str] = &[
    "Bakı Dövlət Universiteti",
    "Azərbaycan Dövlət Neft və Sənaye Universiteti",
    "Azərbaycan Texniki Universiteti",
    "Azərbaycan Dövlət İqtisad Universiteti",
    "ADA Universiteti",
    "Gəncə Dövlət Universiteti",
];
const SPECIALTIES: &[&str] = &[
    "Kompüter elmləri",
    "Maliyyə",
    "Hüquqşünaslıq",
    "Neft-qaz mühəndisliyi",
    "İnşaat mühəndisliyi",
    "Beynəlxalq münasibətlər",
];
const COLLEGE_SPECIALTIES: &[&str] = &["Elektrik montyoru", "Avtomobil təmiri", "Kompüter şəbəkələri", "Qaynaqçı"];
const FORMS: &[&str] = &["full_time", "full_time", "full_time", "part_time", "evening", "distance"];
const SCIENCES: &[&str] =
    &["Fizika-riyaziyyat elmləri", "Texnika elmləri", "İqtisad elmləri", "Hüquq elmləri", "Kimya elmləri"];
const MISSIONS: &[(&str, &str)] = &[
    ("Azərbaycan Respublikasının Türkiyə Respublikasındakı Səfirliyi", "TR"),
    ("Azərbaycan Respublikasının İstanbuldakı Baş Konsulluğu", "TR"),
    ("Azərbaycan Respublikasının Rusiya Federasiyasındakı Səfirliyi", "RU"),
    ("Azərbaycan Respublikasının Almaniya Federativ Respublikasındakı Səfirliyi", "DE"),
    ("Azərbaycan Respublikasının Böyük Britaniyadakı Səfirliyi", "GB"),
    ("Azərbaycan Respublikasının Amerika Birləşmiş Ştatlarındakı Səfirliyi", "US"),
];
const FOREIGN_UNIVERSITIES: &[(&str, &str)] = &[
    ("TR", "İstanbul Texniki Universiteti"),
    ("TR", "Orta Şərq Texniki Universiteti"),
    ("RU", "M. V. Lomonosov adına Moskva Dövlət Universiteti"),
    ("DE", "Münhen Texniki Universiteti"),
    ("GB", "London İqtisadiyyat və Siyasi Elmlər Məktəbi"),
    ("US", "Kolumbiya Universiteti"),
];
const QUALIFICATIONS: &[(&str, &str)] = &[
    ("bachelor", "Bachelor of Science in Computer Engineering"),
    ("bachelor", "Bachelor of Business Administration"),
    ("master", "Master of Science in Petroleum Engineering"),
    ("master", "Master of Laws (LL.M.)"),
    ("doctorate", "Doctor of Philosophy in Economics"),
];
/// Special-purpose institutions and whether they are the State Security Service's (whose units
/// are not named).
const MILITARY_SCHOOLS: &[(&str, bool)] = &[
    ("Heydər Əliyev adına Azərbaycan Ali Hərbi Məktəbi", false),
    ("Azərbaycan Ali Dəniz Məktəbi", false),
    ("Azərbaycan Respublikası Polis Akademiyası", false),
    ("Heydər Əliyev adına Milli Təhlükəsizlik Akademiyası", true),
];
const MILITARY_SPECIALTIES: &[&str] = &["Motoatıcı qoşunların tətbiqi", "Artilleriya", "Rabitə", "Hərbi dəniz"];
const EXPULSIONS: &[&str] = &["akademik borc", "intizam pozuntusu", "öz xahişi ilə", "səhhətinə görə"];
const RANKS: &[&str] = &["əsgər", "baş əsgər", "kiçik çavuş", "çavuş", "leytenant", "baş leytenant", "kapitan"];
const POSITIONS: &[&str] = &["atıcı", "snayper", "tank komandiri", "tağım komandiri", "bölük komandiri"];
const OFFICER_RANKS: &[&str] = &["mayor", "polkovnik-leytenant", "polkovnik"];
const CHECKPOINTS: &[(&str, &[&str])] = &[
    ("Heydər Əliyev Beynəlxalq Aeroportu", &["TR", "AE", "RU", "DE", "GE"]),
    ("Qırmızı Körpü sərhəd-buraxılış məntəqəsi", &["GE"]),
    ("Yalama sərhəd-buraxılış məntəqəsi", &["RU"]),
    ("Astara sərhəd-buraxılış məntəqəsi", &["IR"]),
];
const INVESTIGATORS: &[&str] = &[
    "Bakı şəhər Nəsimi rayon prokurorluğu",
    "Sumqayıt şəhər prokurorluğu",
    "Daxili İşlər Nazirliyinin Baş İstintaq İdarəsi",
    "Gəncə şəhər Polis İdarəsinin İstintaq şöbəsi",
];
/// Articles of the Criminal Code: theft, fraud, hooliganism, drugs, evading conscription,
/// intentional infliction of less serious harm.
const ARTICLES: &[&str] = &["177.2.4", "178.2.3", "221.1", "234.1", "321.1", "127.1"];
const COURTS: &[&str] = &[
    "Bakı şəhəri Nəsimi Rayon Məhkəməsi",
    "Bakı Ağır Cinayətlər Məhkəməsi",
    "Sumqayıt Şəhər Məhkəməsi",
    "Gəncə Ağır Cinayətlər Məhkəməsi",
];
const MOBILE: &[(&str, &str)] =
    &[("50", "Azercell"), ("51", "Azercell"), ("55", "Bakcell"), ("99", "Bakcell"), ("70", "Nar"), ("77", "Nar")];
const REGISTRARS: &[&str] = &["DİN Pasport-qeydiyyat idarəsi", "ASAN xidmət №1", "ASAN xidmət №5", "ASAN xidmət Gəncə"];
const DISABILITY_CAUSES: &[&str] =
    &["general_disease", "general_disease", "since_childhood", "war_injury", "work_injury"];
const DISABILITY_TERMS: &[&str] = &["1_year", "2_years", "5_years", "indefinite"];
const JOBS: &[&str] = &["mühəndis", "mühasib", "satış meneceri", "sürücü", "proqramçı", "fəhlə", "müəllim"];
const CENTRES: &[&str] = &[
    "Bakı şəhər 1 saylı Məşğulluq Mərkəzi",
    "Bakı şəhər 3 saylı Məşğulluq Mərkəzi",
    "Sumqayıt şəhər Məşğulluq Mərkəzi",
    "Gəncə şəhər Məşğulluq Mərkəzi",
];
/// Make, model, kind and the manufacturer's VIN prefix.
const MODELS: &[(&str, &str, &str, &str)] = &[
    ("Toyota", "Camry", "passenger_car", "JTN"),
    ("Hyundai", "Elantra", "passenger_car", "KMH"),
    ("Mercedes-Benz", "E 200", "passenger_car", "WDD"),
    ("LADA", "Granta", "passenger_car", "XTA"),
    ("Kia", "Sportage", "passenger_car", "KNA"),
    ("KamAZ", "65115", "truck", "XTC"),
    ("MAN", "TGS 26.440", "truck", "WMA"),
    ("Ford", "Transit", "bus", "WF0"),
];
const PLATE_REGIONS: &[&str] = &["10", "90", "99", "77", "20", "50"];
const VIN_CHARS: &[u8] = b"ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

fn year_of(date: &str) -> u32 {
    date.get(..4).and_then(|year| year.parse().ok()).unwrap_or(1980)
}

/// The ISO 3779 check digit of a VIN (its ninth character).
fn vin_check(vin: &[u8; 17]) -> u8 {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: u8| -> u32 {
        match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'H' => u32::from(c - b'A') + 1,
            b'J'..=b'N' => u32::from(c - b'J') + 1,
            b'P' => 7,
            b'R' => 9,
            b'S'..=b'Z' => u32::from(c - b'S') + 2,
            _ => 0,
        }
    };
    let sum: u32 = vin.iter().zip(WEIGHTS).map(|(c, w)| value(*c) * w).sum();
    match sum % 11 {
        10 => b'X',
        digit => b'0' + u8::try_from(digit).unwrap_or_default(),
    }
}

/// A valid VIN: the maker's prefix, five characters, the check digit, the model year, the plant
/// and a six-digit serial.
fn vin(prefix: &str, year: u32, hash: &Hash, at: usize) -> String {
    const YEARS: &[u8] = b"ABCDEFGHJKLMNPRSTVWXY123456789ABCDEFGHJKLMNPRS";
    let mut vin = [b'0'; 17];
    for (slot, byte) in vin.iter_mut().zip(prefix.bytes()) {
        *slot = byte;
    }
    for i in 3..8 {
        vin[i] = VIN_CHARS[usize::from(hash[(at + i) % 32]) % VIN_CHARS.len()];
    }
    vin[9] = YEARS[usize::try_from(year.saturating_sub(1980)).unwrap_or_default() % YEARS.len()];
    vin[10] = VIN_CHARS[usize::from(hash[(at + 9) % 32]) % 23];
    for i in 11..17 {
        vin[i] = b'0' + hash[(at + i) % 32] % 10;
    }
    vin[8] = vin_check(&vin);
    String::from_utf8_lossy(&vin).into_owned()
}

impl Sandbox {
    /// The person's birth year and sex, if the civil registry knows them.
    fn born(&self, fin: &Fin) -> Option<(u32, bool)> {
        let person = self.person(fin)?;
        Some((year_of(&person.birth_date), self.female(fin)))
    }

    /// Health records: two dispensarisations at 15 and 16 for everyone of that age by now;
    /// for men, the examinations of initial registration at 17, of the call-up and the final
    /// one at 18, and a reservist's after 30.
    pub fn health_records(&self, fin: &Fin) -> Option<HealthRecords> {
        let (born, female) = self.born(fin)?;
        let hash = self.hash("health", fin.as_str());
        let dispensarisations = (15..=16)
            .filter(|age| born + age <= NOW)
            .map(|age| {
                let at = usize::try_from(age).unwrap_or_default();
                let group = if hash[at].is_multiple_of(6) { "II" } else { "I" };
                Dispensarisation {
                    examined_on: day(born + age, &hash, at),
                    institution: pick(POLYCLINICS, &hash, 2).to_owned(),
                    health_group: group.to_owned(),
                    conclusion: if group == "I" { "sağlamdır" } else { "dispanser nəzarəti tövsiyə olunur" }.to_owned(),
                }
            })
            .collect();
        let mut examinations = Vec::new();
        if !female {
            let stages: &[(&str, u32)] =
                &[("initial_registration", 17), ("call_up", 18), ("final", 18), ("reservist", 31)];
            for (n, (stage, age)) in stages.iter().enumerate() {
                if born + age > NOW {
                    break;
                }
                let unfit = hash[20 + n].is_multiple_of(9);
                let fitness = if unfit { pick(&["B", "V", "Q", "D"], &hash, 24 + n) } else { "A" };
                examinations.push(MedicalExamination {
                    stage: (*stage).to_owned(),
                    // The call-up's examination in the first half of the year, the final one in
                    // the second.
                    examined_on: match *stage {
                        "call_up" => format!("{}-{:02}-{:02}", born + age, 1 + hash[8 + n] % 6, 1 + hash[9 + n] % 28),
                        "final" => format!("{}-{:02}-{:02}", born + age, 7 + hash[8 + n] % 6, 1 + hash[9 + n] % 28),
                        _ => day(born + age, &hash, 8 + n),
                    },
                    commission: pick(COMMISSIONS, &hash, 12 + n).to_owned(),
                    fitness: fitness.to_owned(),
                    diagnosis: unfit.then(|| pick(DIAGNOSES, &hash, 16 + n).to_owned()),
                    psychological: if hash[28 + n].is_multiple_of(15) { "observe" } else { "suitable" }.to_owned(),
                });
                // Unfit at the call-up: no final examination, no service.
                if fitness == "D" {
                    break;
                }
            }
        }
        Some(HealthRecords { fin: fin.to_string(), dispensarisations, examinations })
    }

    /// Admissions: a general school at six (graduated at seventeen); then one in four a
    /// college, one in two a university's bachelor's programme, and a master's for one
    /// bachelor in three; one student in eight was expelled, half of them reinstated.
    pub fn enrolments(&self, fin: &Fin) -> Option<Enrolments> {
        let person = self.person_details(fin)?;
        let born = year_of(&person.birth_date);
        let hash = self.hash("enrolments", fin.as_str());
        let mut enrolments = Vec::new();
        if born + 6 <= NOW {
            enrolments.push(Enrolment {
                level: "general".to_owned(),
                institution: pick(SCHOOLS, &hash, 0).to_owned(),
                admitted_on: format!("{}-09-15", born + 6),
                form: "full_time".to_owned(),
                specialty: None,
                expelled_on: None,
                reinstated_on: None,
                graduated_on: (born + 17 <= NOW).then(|| format!("{}-06-20", born + 17)),
            });
        }
        let start = born + 17;
        let after_school = hash[1] % 4;
        if start <= NOW && after_school > 0 {
            let (level, institution, specialty, years) = if after_school == 1 {
                let (level, institution) = COLLEGES[usize::from(hash[2]) % COLLEGES.len()];
                (level, institution, pick(COLLEGE_SPECIALTIES, &hash, 3), 3)
            } else {
                ("bachelor", pick(UNIVERSITIES, &hash, 2), pick(SPECIALTIES, &hash, 3), 4)
            };
            let expelled = hash[4].is_multiple_of(8);
            let reinstated = expelled && hash[5].is_multiple_of(2);
            let graduated = (!expelled || reinstated) && start + years < NOW;
            enrolments.push(Enrolment {
                level: level.to_owned(),
                institution: institution.to_owned(),
                admitted_on: format!("{start}-09-15"),
                form: pick(FORMS, &hash, 6).to_owned(),
                specialty: Some(specialty.to_owned()),
                expelled_on: expelled.then(|| day(start + 1, &hash, 7)),
                reinstated_on: reinstated.then(|| day(start + 2, &hash, 9)),
                graduated_on: graduated.then(|| format!("{}-06-30", start + years + u32::from(reinstated))),
            });
            let master = start + years + 1;
            if level == "bachelor" && graduated && master <= NOW && hash[11].is_multiple_of(3) {
                enrolments.push(Enrolment {
                    level: "master".to_owned(),
                    institution: pick(UNIVERSITIES, &hash, 12).to_owned(),
                    admitted_on: format!("{master}-09-15"),
                    form: "full_time".to_owned(),
                    specialty: Some(specialty.to_owned()),
                    expelled_on: None,
                    reinstated_on: None,
                    graduated_on: (master + 2 <= NOW).then(|| format!("{}-06-30", master + 2)),
                });
            }
        }
        Some(Enrolments { person, enrolments })
    }

    /// Scientific degrees: one master in two holds a PhD, one PhD in five a Doctor of Sciences.
    pub fn degrees(&self, fin: &Fin) -> Option<Degrees> {
        let enrolments = self.enrolments(fin)?;
        let hash = self.hash("degrees", fin.as_str());
        let mut degrees = Vec::new();
        let master = enrolments.enrolments.iter().find(|e| e.level == "master").and_then(|e| e.graduated_on.clone());
        if let Some(graduated) = master
            && hash[0].is_multiple_of(2)
        {
            let phd = year_of(&graduated) + 4 + u32::from(hash[1] % 3);
            let field = pick(SCIENCES, &hash, 2);
            if phd <= NOW {
                degrees.push(Degree {
                    degree: "phd".to_owned(),
                    field: field.to_owned(),
                    diploma_series: "FD".to_owned(),
                    diploma_number: digits(&hash, 3, 6),
                    diploma_date: day(phd, &hash, 9),
                });
            }
            let dsc = phd + 8 + u32::from(hash[11] % 5);
            if dsc <= NOW && hash[12].is_multiple_of(5) {
                degrees.push(Degree {
                    degree: "dsc".to_owned(),
                    field: field.to_owned(),
                    diploma_series: "ED".to_owned(),
                    diploma_number: digits(&hash, 13, 6),
                    diploma_date: day(dsc, &hash, 19),
                });
            }
        }
        Some(Degrees { person: enrolments.person, degrees })
    }

    /// Applications to the entrance examinations: the year of each bachelor's and master's
    /// admission, and the doctoral foreign-language examination before each PhD.
    pub fn exam_applications(&self, fin: &Fin) -> Option<ExamApplications> {
        let enrolments = self.enrolments(fin)?;
        let hash = self.hash("exams", fin.as_str());
        let mut applications = Vec::new();
        for (n, enrolment) in enrolments.enrolments.iter().enumerate() {
            let exam = match enrolment.level.as_str() {
                "bachelor" => "bachelor",
                "master" => "master",
                _ => continue,
            };
            let year = year_of(&enrolment.admitted_on);
            // The centralised examinations began in 1992.
            if year < 1992 {
                continue;
            }
            applications.push(ExamApplication {
                exam: exam.to_owned(),
                year,
                application_number: format!("{year}{}", digits(&hash, 4 * n, 7)),
                applied_on: format!("{year}-0{}-{:02}", 2 + hash[n] % 3, 1 + hash[n + 1] % 28),
                group: (exam == "bachelor").then(|| pick(&["I", "II", "III", "IV", "V"], &hash, n + 2).to_owned()),
                language: if hash[n + 3].is_multiple_of(5) { "ru" } else { "az" }.to_owned(),
            });
        }
        let phd = self.degrees(fin)?.degrees.into_iter().find(|degree| degree.degree == "phd");
        if let Some(phd) = phd.filter(|phd| year_of(&phd.diploma_date) >= 1996) {
            let year = year_of(&phd.diploma_date) - 4;
            applications.push(ExamApplication {
                exam: "doctoral_language".to_owned(),
                year,
                application_number: format!("{year}{}", digits(&hash, 20, 7)),
                applied_on: day(year, &hash, 27),
                group: None,
                language: pick(&["en", "en", "de", "fr"], &hash, 29).to_owned(),
            });
        }
        Some(ExamApplications { fin: fin.to_string(), applications })
    }

    /// Registration with a mission abroad: one person in twenty; one in two of them studies
    /// there, and a man of conscription age was told of his call-up through the mission.
    pub fn consular_registration(&self, fin: &Fin) -> Option<ConsularRegistration> {
        let person = self.person_details(fin)?;
        let hash = self.hash("consular", fin.as_str());
        if !hash[0].is_multiple_of(20) {
            return None;
        }
        let born = year_of(&person.birth_date);
        let (mission, country) = MISSIONS[usize::from(hash[1]) % MISSIONS.len()];
        // Missions opened from the 1990s on.
        let registered = (born + 18 + u32::from(hash[2] % 10)).clamp(1995, NOW);
        let study = hash[3].is_multiple_of(2).then(|| {
            let institution = FOREIGN_UNIVERSITIES
                .iter()
                .find(|(c, _)| *c == country)
                .map_or(FOREIGN_UNIVERSITIES[0].1, |(_, name)| name);
            let graduated = registered + 4 <= NOW && !hash[4].is_multiple_of(7);
            StudyAbroad {
                institution: institution.to_owned(),
                admitted_on: format!("{registered}-09-01"),
                form: "full_time".to_owned(),
                specialty: pick(SPECIALTIES, &hash, 5).to_owned(),
                graduated_on: graduated.then(|| format!("{}-06-30", registered + 4)),
                expelled_on: hash[4].is_multiple_of(7).then(|| day((registered + 1).min(NOW), &hash, 6)),
            }
        });
        let conscript = person.sex == "M" && (18..=35).contains(&NOW.saturating_sub(born));
        let call_up_notices = if conscript {
            vec![CallUpNotice {
                notified_on: day(NOW, &hash, 8),
                method: pick(&["in_person", "mail", "e-mail"], &hash, 10).to_owned(),
                reference: format!("KN-{}", digits(&hash, 11, 6)),
            }]
        } else {
            Vec::new()
        };
        Some(ConsularRegistration {
            person,
            mission: mission.to_owned(),
            country: country.to_owned(),
            residence: if hash[13].is_multiple_of(3) { "permanent" } else { "temporary" }.to_owned(),
            registered_on: day(registered, &hash, 14),
            study,
            call_up_notices,
        })
    }

    /// A cadet of a special-purpose institution: one man in twenty-five; one cadet in six was
    /// expelled and sent to fixed-term service.
    pub fn special_education(&self, fin: &Fin) -> Option<SpecialEducation> {
        let person = self.person_details(fin)?;
        let hash = self.hash("cadet", fin.as_str());
        let admitted = year_of(&person.birth_date) + 17;
        if person.sex != "M" || !hash[0].is_multiple_of(25) || admitted > NOW {
            return None;
        }
        let (institution, security) = MILITARY_SCHOOLS[usize::from(hash[1]) % MILITARY_SCHOOLS.len()];
        let expelled = hash[2].is_multiple_of(6) && admitted < NOW;
        let graduated = !expelled && admitted + 4 <= NOW;
        Some(SpecialEducation {
            person,
            military_rank: if graduated { "leytenant" } else { "kursant" }.to_owned(),
            institution: institution.to_owned(),
            admitted_on: format!("{admitted}-08-25"),
            specialty: pick(MILITARY_SPECIALTIES, &hash, 3).to_owned(),
            graduated_on: graduated.then(|| format!("{}-06-25", admitted + 4)),
            expelled_on: expelled.then(|| day(admitted + 1, &hash, 4)),
            expulsion_reason: expelled.then(|| pick(EXPULSIONS, &hash, 6).to_owned()),
            sent_to_service_on: expelled.then(|| day((admitted + 2).min(NOW), &hash, 7)),
            military_unit: (expelled && !security).then(|| format!("{} saylı hərbi hissə", digits(&hash, 9, 5))),
        })
    }

    /// Recognitions of foreign qualifications: for those who studied abroad and graduated,
    /// and one person in forty besides.
    pub fn recognitions(&self, fin: &Fin) -> Option<QualificationRecognitions> {
        let person = self.person_details(fin)?;
        let hash = self.hash("recognition", fin.as_str());
        let abroad = self.consular_registration(fin).and_then(|registration| {
            let study = registration.study?;
            Some((registration.country, study.institution, year_of(&study.graduated_on?)))
        });
        let other = hash[0].is_multiple_of(40).then(|| {
            let (country, institution) = FOREIGN_UNIVERSITIES[usize::from(hash[1]) % FOREIGN_UNIVERSITIES.len()];
            (country.to_owned(), institution.to_owned(), (year_of(&person.birth_date) + 23).min(NOW))
        });
        let recognitions = abroad
            .into_iter()
            .chain(other)
            .enumerate()
            .map(|(n, (country, institution, graduated))| {
                let (level, qualification) = QUALIFICATIONS[usize::from(hash[2 + n]) % QUALIFICATIONS.len()];
                Recognition {
                    country,
                    institution,
                    qualification: qualification.to_owned(),
                    level: level.to_owned(),
                    decision_number: format!("TN-{}", digits(&hash, 5 + 6 * n, 5)),
                    decided_on: day((graduated + 1).min(NOW), &hash, 4 + n),
                    outcome: if hash[20 + n].is_multiple_of(10) { "refused" } else { "recognised" }.to_owned(),
                }
            })
            .collect();
        Some(QualificationRecognitions { fin: fin.to_string(), recognitions })
    }

    /// A serviceman lost: a man whose death the civil registry holds, one in two of them, and
    /// one man in three hundred missing.
    pub fn serviceman_loss(&self, fin: &Fin) -> Option<ServicemanLoss> {
        let person = self.person_details(fin)?;
        if person.sex != "M" {
            return None;
        }
        let hash = self.hash("loss", fin.as_str());
        let death = self.death(fin);
        let (event, event_on) = match &death {
            Some(death) if hash[0].is_multiple_of(2) => {
                (if hash[1].is_multiple_of(3) { "died" } else { "killed" }, death.died_on.clone())
            }
            None if u16::from_be_bytes([hash[30], hash[31]]).is_multiple_of(300) => {
                ("missing", day((year_of(&person.birth_date) + 19).min(2020), &hash, 2))
            }
            _ => return None,
        };
        let (cause, circumstances) = match event {
            "killed" => {
                ("döyüş tapşırığının icrası zamanı alınmış odlu silah yarası", "döyüş mövqeyində atəş nəticəsində")
            }
            "died" => ("kəskin ürək çatışmazlığı", "hərbi hissənin ərazisində xidmət zamanı"),
            _ => ("naməlum", "döyüş tapşırığının icrası zamanı əlaqə kəsilib"),
        };
        let year = year_of(&event_on);
        let officer = format!("{} {} {} oğlu", pick(SURNAMES, &hash, 3), pick(MALE, &hash, 4), pick(FATHERS, &hash, 5));
        Some(ServicemanLoss {
            military_rank: pick(RANKS, &hash, 6).to_owned(),
            position: pick(POSITIONS, &hash, 7).to_owned(),
            event: event.to_owned(),
            event_on: event_on.clone(),
            cause: cause.to_owned(),
            circumstances: circumstances.to_owned(),
            certified_by: CertifyingOfficial {
                full_name: officer,
                military_rank: pick(OFFICER_RANKS, &hash, 8).to_owned(),
                position: "hərbi hissə komandiri".to_owned(),
            },
            certificate_number: format!("{}/{}", digits(&hash, 9, 4), year),
            certificate_date: event_on,
            death_certificate_number: death.as_ref().map(|death| death.certificate_number.clone()),
            death_certificate_date: death.as_ref().map(|death| death.certificate_date.clone()),
            prosecutor_decision: (event != "died")
                .then(|| format!("Hərbi prokurorluğun {}-{} nömrəli qərarı", digits(&hash, 13, 3), year)),
            court_judgment: (event == "missing").then(|| {
                format!("{} {}-{} nömrəli qətnaməsi", pick(COURTS, &hash, 16), digits(&hash, 17, 4), year + 1)
            }),
            person,
        })
    }

    /// Border crossings (none to three trips out and back) and, for one person in fifteen, an
    /// inclusion in the restriction list, lifted for one in two.
    pub fn border_record(&self, fin: &Fin) -> Option<BorderRecord> {
        let person = self.person_details(fin)?;
        let hash = self.hash("border", fin.as_str());
        let mut crossings = Vec::new();
        for trip in 0..usize::from(hash[0] % 4) {
            let (checkpoint, countries) = CHECKPOINTS[usize::from(hash[1 + trip]) % CHECKPOINTS.len()];
            let country = pick(countries, &hash, 5 + trip);
            // A trip of one to eight days within a month, one a year from two years ago.
            let year = NOW - 2 + u32::try_from(trip).unwrap_or_default();
            let month = 1 + hash[8 + 2 * trip] % 12;
            let left = 1 + hash[9 + 2 * trip] % 20;
            let out = format!("{year}-{month:02}-{left:02}");
            let back = format!("{year}-{month:02}-{:02}", left + 1 + hash[13 + trip] % 8);
            for (direction, date, hour) in
                [("exit", &out, hash[15 + trip] % 24), ("entry", &back, hash[19 + trip] % 24)]
            {
                crossings.push(BorderCrossing {
                    direction: direction.to_owned(),
                    at: format!("{date}T{hour:02}:{:02}", hash[23 + trip] % 60),
                    checkpoint: checkpoint.to_owned(),
                    country: country.to_owned(),
                });
            }
        }
        let restrictions = if hash[27].is_multiple_of(15) {
            let lifted = hash[28].is_multiple_of(2);
            let reason =
                if hash[29].is_multiple_of(3) { "tibbi müayinədən yayınma" } else { "hərbi xidmətdən yayınma" };
            vec![TravelRestriction {
                included_on: day(NOW - 1, &hash, 30),
                included_reason: reason.to_owned(),
                removed_on: lifted.then(|| day(NOW, &hash, 30)),
                removed_reason: lifted.then(|| "çağırış məntəqəsinə gəlib, hərbi qeydiyyata alınıb".to_owned()),
            }]
        } else {
            Vec::new()
        };
        Some(BorderRecord { person, crossings, restrictions })
    }

    /// Criminal cases: one adult in twelve has one, one in six of them two.
    pub fn criminal_cases(&self, fin: &Fin) -> Option<CriminalCases> {
        let (born, _) = self.born(fin)?;
        let hash = self.hash("criminal", fin.as_str());
        let count = if !hash[0].is_multiple_of(12) || born + 16 > NOW {
            0
        } else if hash[1].is_multiple_of(6) {
            2
        } else {
            1
        };
        let cases = (0..count)
            .map(|n| {
                let opened = (born + 18 + u32::from(hash[2 + n] % 15)).clamp(2005, NOW);
                let simplified = hash[4 + n].is_multiple_of(4);
                let status =
                    pick(&["sent_to_court", "sent_to_court", "terminated", "investigation", "suspended"], &hash, 6 + n);
                CriminalCase {
                    number: format!("{}{}", if simplified { "SM" } else { "CI" }, digits(&hash, 8 + 9 * n, 9)),
                    procedure: if simplified { "simplified_pretrial" } else { "criminal_case" }.to_owned(),
                    opened_on: day(opened, &hash, 26 + n),
                    investigating_body: pick(INVESTIGATORS, &hash, 28 + n).to_owned(),
                    articles: vec![pick(ARTICLES, &hash, 30 + n).to_owned()],
                    status: status.to_owned(),
                    outcome_on: (status == "sent_to_court" || status == "terminated")
                        .then(|| day((opened + 1).min(NOW), &hash, 2 + n)),
                }
            })
            .collect();
        Some(CriminalCases { fin: fin.to_string(), cases })
    }

    /// Court records: each case the prosecution sent to court was heard, and one person in
    /// fifty was the accused of a private-prosecution complaint.
    pub fn court_records(&self, fin: &Fin) -> Option<CourtRecords> {
        let cases = self.criminal_cases(fin)?;
        let (born, _) = self.born(fin)?;
        let hash = self.hash("court", fin.as_str());
        let mut proceedings: Vec<CourtProceeding> = cases
            .cases
            .iter()
            .filter(|case| case.status == "sent_to_court")
            .enumerate()
            .map(|(n, case)| {
                let decided = case.outcome_on.as_deref().map_or(NOW, year_of);
                let acquitted = hash[n].is_multiple_of(7);
                let kind = pick(&["fine", "public_works", "suspended", "imprisonment"], &hash, 2 + n);
                let months = 6 + u32::from(hash[4 + n] % 43);
                let sentence = (!acquitted).then(|| Sentence {
                    kind: kind.to_owned(),
                    term_months: (kind != "fine").then_some(months),
                    fine_manat: (kind == "fine").then(|| 500 + 100 * u32::from(hash[6 + n] % 30)),
                    execution: if decided + months / 12 < NOW { "served" } else { "serving" }.to_owned(),
                    served_on: (decided + months / 12 < NOW).then(|| day(decided + months / 12 + 1, &hash, 8 + n)),
                });
                CourtProceeding {
                    case_number: format!("1({})-{}/{}", 10 + hash[10 + n] % 90, digits(&hash, 12 + n, 4), decided),
                    court: pick(COURTS, &hash, 16 + n).to_owned(),
                    kind: "public_prosecution".to_owned(),
                    articles: case.articles.clone(),
                    decided_on: day(decided, &hash, 18 + n),
                    outcome: if acquitted { "acquitted" } else { "convicted" }.to_owned(),
                    sentence,
                }
            })
            .collect();
        if hash[22].is_multiple_of(50) && born + 18 <= NOW {
            let year = (born + 20 + u32::from(hash[23] % 10)).min(NOW);
            proceedings.push(CourtProceeding {
                case_number: format!("1-{}/{}", digits(&hash, 24, 4), year),
                court: pick(COURTS, &hash, 28).to_owned(),
                kind: "private_prosecution".to_owned(),
                articles: vec!["147.1".to_owned()],
                decided_on: day(year, &hash, 29),
                outcome: "complaint_dismissed".to_owned(),
                sentence: None,
            });
        }
        proceedings.sort_by(|a, b| a.decided_on.cmp(&b.decided_on));
        // A conviction is spent some years after its sentence is served.
        let spent = proceedings
            .iter()
            .filter_map(|proceeding| proceeding.sentence.as_ref().map(|sentence| (proceeding, sentence)))
            .map(|(proceeding, sentence)| {
                let served = sentence.served_on.as_deref().map_or(NOW + 1, year_of);
                let years = if sentence.kind == "imprisonment" { 3 } else { 1 };
                format!("{}{}", served + years, proceeding.decided_on.get(4..).unwrap_or_default())
            })
            .max();
        let criminal_record = match &spent {
            None => "none",
            Some(date) if year_of(date) <= NOW => "expunged",
            Some(_) => "current",
        };
        Some(CourtRecords {
            fin: fin.to_string(),
            proceedings,
            criminal_record: criminal_record.to_owned(),
            record_spent_on: spent,
        })
    }

    /// Telephone numbers: one or two mobiles, and a home line for one person in two.
    pub fn phone_numbers(&self, fin: &Fin) -> Option<PhoneNumbers> {
        let (born, _) = self.born(fin)?;
        let hash = self.hash("phones", fin.as_str());
        // Mobile numbers from 2000 on, registered to their holder from the age of sixteen.
        let since = (born + 16).clamp(2000, NOW);
        let mut numbers: Vec<PhoneNumber> = (0..1 + usize::from(hash[0] % 2))
            .map(|n| {
                let (prefix, operator) = MOBILE[usize::from(hash[1 + n]) % MOBILE.len()];
                let d = digits(&hash, 3 + 7 * n, 7);
                PhoneNumber {
                    kind: "mobile".to_owned(),
                    number: format!("+994 {prefix} {} {} {}", &d[..3], &d[3..5], &d[5..]),
                    operator: operator.to_owned(),
                    since: day(since + u32::try_from(n).unwrap_or_default() * 3, &hash, 20 + n),
                }
            })
            .collect();
        if hash[22].is_multiple_of(2) {
            let d = digits(&hash, 23, 6);
            numbers.push(PhoneNumber {
                kind: "home".to_owned(),
                number: format!("+994 12 4{} {} {}", &d[..2], &d[2..4], &d[4..]),
                operator: "Aztelekom".to_owned(),
                since: day(since, &hash, 29),
            });
        }
        Some(PhoneNumbers { fin: fin.to_string(), numbers })
    }

    /// Temporary registrations: one person in six has one, valid for a year.
    pub fn temporary_registrations(&self, fin: &Fin) -> Option<TemporaryRegistrations> {
        let (born, _) = self.born(fin)?;
        let hash = self.hash("temporary", fin.as_str());
        let registrations = if hash[0].is_multiple_of(6) {
            let year = (born + 18 + u32::from(hash[1] % 20)).min(NOW);
            let registered_on = day(year, &hash, 2);
            vec![TemporaryRegistration {
                address: address(&hash, 4),
                valid_until: format!("{}{}", year + 1, registered_on.get(4..).unwrap_or_default()),
                registered_on,
                registered_by: pick(REGISTRARS, &hash, 7).to_owned(),
            }]
        } else {
            Vec::new()
        };
        Some(TemporaryRegistrations { fin: fin.to_string(), registrations })
    }

    /// Disabilities of the person and their family as the civil registry composes it: one in
    /// twenty-five each.
    pub fn disabilities(&self, fin: &Fin) -> Option<Disabilities> {
        let family = self.family(fin)?;
        let members = std::iter::once(("self".to_owned(), fin.clone())).chain(
            family.members.iter().filter_map(|member| Some((member.kinship.clone(), member.fin.parse::<Fin>().ok()?))),
        );
        let records = members
            .filter_map(|(kinship, fin)| {
                let hash = self.hash("disability", fin.as_str());
                if !hash[0].is_multiple_of(25) {
                    return None;
                }
                // A child of the family the registry does not know as a person has no details.
                let person = self.person_details(&fin)?;
                let born = year_of(&person.birth_date);
                Some(DisabilityRecord {
                    kinship,
                    determined_on: day((born + 1 + u32::from(hash[1] % 40)).min(NOW), &hash, 2),
                    impairment_percent: 41 + u32::from(hash[4] % 60),
                    cause: pick(DISABILITY_CAUSES, &hash, 5).to_owned(),
                    duration: pick(DISABILITY_TERMS, &hash, 6).to_owned(),
                    person,
                })
            })
            .collect();
        Some(Disabilities { fin: fin.to_string(), records })
    }

    /// Acts on citizenship: one person in thirty had their citizenship determined; one in ten
    /// of those later renounced it.
    pub fn citizenship_acts(&self, fin: &Fin) -> Option<CitizenshipActs> {
        let person = self.person_details(fin)?;
        let hash = self.hash("citizenship", fin.as_str());
        let mut acts = Vec::new();
        if hash[0].is_multiple_of(30) {
            let year = (year_of(&person.birth_date) + 1 + u32::from(hash[1] % 30)).clamp(1998, NOW);
            acts.push(CitizenshipAct {
                kind: "determined".to_owned(),
                act_number: format!("DMX-{}", digits(&hash, 2, 6)),
                act_date: day(year, &hash, 8),
            });
            if hash[10].is_multiple_of(10) && year < NOW {
                acts.push(CitizenshipAct {
                    kind: if hash[11].is_multiple_of(2) { "renounced" } else { "lost" }.to_owned(),
                    act_number: format!("{}-{}", digits(&hash, 12, 4), year + 1),
                    act_date: day(year + 1, &hash, 16),
                });
            }
        }
        Some(CitizenshipActs { person, acts })
    }

    /// Employment: none to three e-contracts since the age of eighteen (all but the last
    /// terminated), and for one adult in eight a registration as unemployed or job seeker.
    pub fn employment(&self, fin: &Fin) -> Option<EmploymentStatus> {
        let (born, _) = self.born(fin)?;
        let hash = self.hash("employment", fin.as_str());
        let start = born + 18;
        let count = if start < NOW { usize::from(hash[0] % 4) } else { 0 };
        let mut year = (start + u32::from(hash[1] % 5)).max(2014);
        let mut contracts = Vec::new();
        for n in 0..count {
            if year > NOW {
                break;
            }
            let employer = self.hash("employer", &format!("{fin}{n}"));
            let until = year + 1 + u32::from(employer[0] % 4);
            contracts.push(EmploymentContract {
                number: format!("EM-{}", digits(&employer, 1, 10)),
                employer_voen: voen(&employer, 11, true),
                employer_name: format!("“{} {}” MMC", pick(NAMES, &employer, 20), pick(TRADES, &employer, 21)),
                position: pick(JOBS, &employer, 22).to_owned(),
                concluded_on: day(year, &employer, 23),
                terminated_on: (n + 1 < count && until <= NOW).then(|| day(until, &employer, 25)),
            });
            year = until + 1;
        }
        let registrations = if start <= NOW && hash[2].is_multiple_of(8) {
            let year = (start + u32::from(hash[3] % 10)).min(NOW);
            vec![JobSeekerRegistration {
                status: if hash[4].is_multiple_of(2) { "unemployed" } else { "job_seeker" }.to_owned(),
                registered_on: day(year, &hash, 5),
                centre: pick(CENTRES, &hash, 7).to_owned(),
                deregistered_on: (year < NOW).then(|| day(year + 1, &hash, 8)),
            }]
        } else {
            Vec::new()
        };
        Some(EmploymentStatus { fin: fin.to_string(), contracts, registrations })
    }

    /// The status of a martyr's family: one person in sixty, the martyr a son, a husband or a
    /// brother fallen at nineteen to twenty-six in April 2016, the 44-day war of 2020 or
    /// September 2023.
    pub fn martyr_family(&self, fin: &Fin) -> Option<MartyrFamily> {
        let person = self.person(fin)?;
        let hash = self.hash("martyr", fin.as_str());
        if !hash[0].is_multiple_of(60) {
            return None;
        }
        let born = year_of(&person.birth_date);
        let died_on = pick(&["2016-04-02", "2020-10-04", "2020-11-08", "2023-09-19"], &hash, 1).to_owned();
        let died = year_of(&died_on);
        // Fallen at nineteen to twenty-six.
        let birth_year = died - 19 - u32::from(hash[3] % 8);
        let surname = person.last_name.trim_end_matches('a').to_owned();
        let fathers_name = person.patronymic.trim_end_matches(" oğlu").trim_end_matches(" qızı").to_owned();
        let female = self.female(fin);
        let (kinship, patronymic) = if born + 20 <= birth_year {
            if female {
                ("mother", format!("{} oğlu", pick(MALE, &hash, 2)))
            } else {
                ("father", format!("{} oğlu", person.first_name))
            }
        } else if female && born.abs_diff(birth_year) <= 6 {
            ("spouse", format!("{} oğlu", pick(FATHERS, &hash, 4)))
        } else if female {
            ("sister", format!("{fathers_name} oğlu"))
        } else {
            ("brother", format!("{fathers_name} oğlu"))
        };
        Some(MartyrFamily {
            fin: person.fin,
            last_name: person.last_name,
            first_name: person.first_name,
            patronymic: person.patronymic,
            kinship: kinship.to_owned(),
            card_number: format!("ŞA-{}", digits(&hash, 5, 6)),
            card_issued_on: day(died + 1, &hash, 11),
            martyr: Martyr {
                last_name: surname,
                first_name: pick(MALE, &hash, 13).to_owned(),
                patronymic,
                birth_year,
                status_document_number: format!("ŞS-{}", digits(&hash, 14, 6)),
                status_document_date: day(died, &hash, 20).max(died_on.clone()),
                died_on,
            },
        })
    }

    /// A war veteran: one man in twelve born between 1960 and 2002.
    pub fn war_veteran(&self, fin: &Fin) -> Option<WarVeteran> {
        let person = self.person_details(fin)?;
        let hash = self.hash("veteran", fin.as_str());
        let born = year_of(&person.birth_date);
        if person.sex != "M" || !(1960..=2002).contains(&born) || !hash[0].is_multiple_of(12) {
            return None;
        }
        let issued = if born < 1975 { 1996 + u32::from(hash[1] % 10) } else { 2021 + u32::from(hash[1] % 4) };
        Some(WarVeteran {
            person,
            card_series: "MV".to_owned(),
            card_number: digits(&hash, 2, 6),
            issued_by: "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi".to_owned(),
            issued_on: day(issued, &hash, 8),
            protocol_number: format!("{}/{}", 1 + hash[10] % 60, issued),
        })
    }

    /// Vehicles: none to two for an adult, with the owner's registered address and first mobile.
    pub fn vehicles(&self, fin: &Fin) -> Option<Vehicles> {
        let person = self.person(fin)?;
        let phone = self.phone_numbers(fin)?.numbers.into_iter().next().map(|phone| phone.number).unwrap_or_default();
        let hash = self.hash("vehicles", fin.as_str());
        let adult = year_of(&person.birth_date) + 18;
        let count = if adult <= NOW { usize::from(hash[0] % 3) } else { 0 };
        let vehicles = (0..count)
            .map(|n| {
                let car = self.hash("vehicle", &format!("{fin}{n}"));
                let (make, model, kind, prefix) = MODELS[usize::from(car[0]) % MODELS.len()];
                let year = 2005 + u32::from(car[1] % 21);
                let inspected = (year + 1).max(NOW - u32::from(car[2] % 2));
                let letters: String = (0..2).map(|i| char::from(b'A' + car[3 + i] % 26)).collect();
                let inspected_on = day(inspected, &car, 5);
                Vehicle {
                    make: make.to_owned(),
                    model: model.to_owned(),
                    kind: kind.to_owned(),
                    year,
                    chassis_number: vin(prefix, year, &car, 7),
                    engine_number: format!("{}{}", &prefix[..2], digits(&car, 24, 7)),
                    plate: format!("{}-{letters}-{}", pick(PLATE_REGIONS, &car, 31), digits(&car, 28, 3)),
                    inspection_valid_until: format!("{}{}", inspected + 1, inspected_on.get(4..).unwrap_or_default()),
                    inspected_on,
                    ownership: pick(&["owner", "owner", "owner", "co_owner", "proxy"], &car, 30).to_owned(),
                    owner_address: person.registered_address.clone(),
                    owner_phone: phone.clone(),
                }
            })
            .collect();
        Some(Vehicles { fin: fin.to_string(), vehicles })
    }

    /// An organization's vehicles by kind: a legal entity's fleet, a few cars for a natural
    /// person.
    pub fn fleet_counts(&self, voen: &Voen) -> Option<FleetCounts> {
        let taxpayer = self.taxpayer(voen)?;
        let hash = self.hash("fleet", voen.as_str());
        let legal = taxpayer.kind == "legal";
        let scale = if legal { 1 + u32::from(hash[0] % 40) } else { 1 };
        Some(FleetCounts {
            voen: voen.to_string(),
            counted_on: day(NOW, &hash, 1),
            special_purpose: if legal { u32::from(hash[3] % 4) * scale / 4 } else { 0 },
            trucks: u32::from(hash[4] % 3) * scale,
            passenger_cars: u32::from(hash[5] % 4) * scale + u32::from(!legal),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn chassis_numbers_carry_their_check_digit() {
        // A published example VIN with its check digit.
        assert_eq!(vin_check(b"1M8GDM9AXKP042788"), b'X');
        for n in 0..50_u8 {
            let number = vin("JTN", 2005 + u32::from(n % 20), &[n; 32], 0);
            assert_eq!(number.len(), 17);
            assert!(!number.contains(['I', 'O', 'Q']), "{number}");
            let bytes: [u8; 17] = number.as_bytes().try_into().unwrap();
            assert_eq!(bytes[8], vin_check(&bytes), "{number}");
        }
    }
}
