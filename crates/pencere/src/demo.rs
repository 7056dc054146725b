//! The test environment's demo data, seeded once into a database marked `demo`.
//!
//! Everything here is synthetic: names, VÖENs (valid in format and check digit, belonging to no
//! real company). Seeding is idempotent: a seeded database records the seed's version.
//! Once the application is built, a few applications of the `lic` services are seeded once
//! through the case engine's public API, in states that need no signature ([`seed_cases`]).

use std::net::SocketAddr;
use std::sync::Arc;

use pencere_core::{Fin, Timestamp};
use pencere_identity::{NewUser, RoleName, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{Db, DbConfig, settings};
use pencere_trust::{TestCa, TrustStore};
use pencere_web::Services;
use pencere_web::sandbox::{OidcProvider, Sandbox, SandboxAccount};
use pencere_web::sso::SsoClient;

/// The version of the demo data set; bump it when the seed changes shape.
const SEED_VERSION: &str = "7";

/// The password of every demo account (the README lists it); never used outside `--demo`.
pub(crate) const DEMO_PASSWORD: &str = "pencere-demo";

/// A demo account: login, name, kind, FİN or passport, e-mail, and roles as (organization, role).
struct DemoAccount {
    login: &'static str,
    name: &'static str,
    kind: UserKind,
    fin: Option<&'static str>,
    passport: Option<&'static str>,
    email: &'static str,
    /// The phone and user id of the account's mobile signature (persons and officials).
    mobile: Option<(&'static str, &'static str)>,
    roles: &'static [(&'static str, &'static str)],
}

const ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        login: "applicant",
        name: "Rəşad Məmmədov",
        kind: UserKind::Person,
        fin: Some("5ZX3K7P"),
        passport: None,
        email: "rashad.mammadov@example.az",
        mobile: Some(("+994 50 200 00 01", "100001")),
        roles: &[("xezer-tikinti", RoleName::ORG_REPRESENTATIVE)],
    },
    DemoAccount {
        login: "entrepreneur",
        name: "Aygün Əliyeva",
        kind: UserKind::Person,
        fin: Some("2HKJ4LM"),
        passport: None,
        email: "aygun.aliyeva@example.az",
        mobile: Some(("+994 50 200 00 02", "100002")),
        roles: &[("gence-tutun", RoleName::ORG_REPRESENTATIVE), ("seki-ipek", RoleName::ORG_REPRESENTATIVE)],
    },
    DemoAccount {
        login: "importer",
        name: "Kamran Nəsirov",
        kind: UserKind::Person,
        fin: Some("6MNP2QR"),
        passport: None,
        email: "kamran.nasirov@example.az",
        mobile: Some(("+994 50 200 00 04", "100004")),
        roles: &[
            ("xezer-import", RoleName::ORG_REPRESENTATIVE),
            ("lenkeran-tutun", RoleName::ORG_REPRESENTATIVE),
            ("seki-tutun", RoleName::ORG_REPRESENTATIVE),
        ],
    },
    DemoAccount {
        login: "citizen",
        name: "Vüqar Səfərov",
        kind: UserKind::Person,
        fin: Some("7BC4D9E"),
        passport: None,
        email: "vuqar.safarov@example.az",
        mobile: Some(("+994 50 200 00 03", "100003")),
        roles: &[],
    },
    DemoAccount {
        login: "foreigner",
        name: "John Smith",
        kind: UserKind::Foreigner,
        fin: None,
        passport: Some("C01234567"),
        email: "john.smith@example.com",
        mobile: None,
        roles: &[],
    },
    DemoAccount {
        login: "lic-reviewer",
        name: "Leyla Hüseynova",
        kind: UserKind::Official,
        fin: Some("3KLM5N8"),
        passport: None,
        email: "leyla.huseynova@economy.example.az",
        mobile: Some(("+994 50 300 00 01", "200001")),
        roles: &[("economy", "lic.reviewer")],
    },
    DemoAccount {
        login: "lic-head",
        name: "Elçin Quliyev",
        kind: UserKind::Official,
        fin: Some("4PQR6S2"),
        passport: None,
        email: "elchin.guliyev@economy.example.az",
        mobile: Some(("+994 50 300 00 02", "200002")),
        roles: &[("economy", "lic.head"), ("economy", RoleName::ORG_HEAD)],
    },
    DemoAccount {
        login: "tob-officer",
        name: "Nigar Rzayeva",
        kind: UserKind::Official,
        fin: Some("5TUV7W3"),
        passport: None,
        email: "nigar.rzayeva@economy.example.az",
        mobile: Some(("+994 50 300 00 03", "200003")),
        roles: &[("economy", "tob.officer")],
    },
    DemoAccount {
        login: "kob-operator",
        name: "Tural Həsənov",
        kind: UserKind::Official,
        fin: Some("6XYZ8A4"),
        passport: None,
        email: "tural.hasanov@kobia.example.az",
        mobile: Some(("+994 50 300 00 04", "200004")),
        roles: &[("kobia", "kob.operator")],
    },
    DemoAccount {
        login: "mig-officer",
        name: "Səbinə Abbasova",
        kind: UserKind::Official,
        fin: Some("8BCD9E5"),
        passport: None,
        email: "sabina.abbasova@migration.example.az",
        mobile: Some(("+994 50 300 00 05", "200005")),
        roles: &[("migration", "mig.officer")],
    },
    DemoAccount {
        login: "veis-registrar",
        name: "Kamran Babayev",
        kind: UserKind::Official,
        fin: Some("9FGH2J6"),
        passport: None,
        email: "kamran.babayev@mobilization.example.az",
        mobile: Some(("+994 50 300 00 06", "200006")),
        roles: &[("mobilization", "veis.registrar")],
    },
    DemoAccount {
        login: "veis-medical",
        name: "Günay İsmayılova",
        kind: UserKind::Official,
        fin: Some("2KLM3N7"),
        passport: None,
        email: "gunay.ismayilova@mobilization.example.az",
        mobile: Some(("+994 50 300 00 07", "200007")),
        roles: &[("mobilization", "veis.medical")],
    },
    DemoAccount {
        login: "lic-opinion",
        name: "Fərid Cəfərov",
        kind: UserKind::Official,
        fin: Some("6XYZ7A2"),
        passport: None,
        email: "farid.jafarov@emergencies.example.az",
        mobile: Some(("+994 50 300 00 09", "200009")),
        roles: &[("emergencies", "lic.opinion")],
    },
    DemoAccount {
        login: "lic-supervisor",
        name: "Səbinə Qasımova",
        kind: UserKind::Official,
        fin: Some("8KLM2N4"),
        passport: None,
        email: "sabina.gasimova@emergencies.example.az",
        mobile: None,
        roles: &[("emergencies", "lic.supervisor")],
    },
    DemoAccount {
        login: "tax-feed",
        name: "Vergi Xidməti (sistem)",
        kind: UserKind::Official,
        fin: None,
        passport: None,
        email: "feed@taxes.example.az",
        mobile: None,
        roles: &[("taxes", "lic.feed")],
    },
    DemoAccount {
        login: "digital-head",
        name: "Kənan Məlikov",
        kind: UserKind::Official,
        fin: Some("4RST5U9"),
        passport: None,
        email: "kanan.malikov@digital.example.az",
        mobile: Some(("+994 50 300 00 10", "200010")),
        roles: &[("digital", "lic.reviewer"), ("digital", "lic.head"), ("digital", RoleName::ORG_HEAD)],
    },
    DemoAccount {
        login: "health-opinion",
        name: "Nərmin Əhmədova",
        kind: UserKind::Official,
        fin: Some("5VWX6Y2"),
        passport: None,
        email: "narmin.ahmadova@health.example.az",
        mobile: Some(("+994 50 300 00 11", "200011")),
        roles: &[("health", "lic.opinion"), ("health", "lic.supervisor")],
    },
    DemoAccount {
        login: "education-opinion",
        name: "Rauf Kazımov",
        kind: UserKind::Official,
        fin: Some("6ZAB7C3"),
        passport: None,
        email: "rauf.kazimov@education.example.az",
        mobile: Some(("+994 50 300 00 12", "200012")),
        roles: &[("education", "lic.opinion"), ("education", "lic.supervisor")],
    },
    DemoAccount {
        login: "ecology-opinion",
        name: "Aytən Rüstəmova",
        kind: UserKind::Official,
        fin: Some("7DEF8G4"),
        passport: None,
        email: "aytan.rustamova@ecology.example.az",
        mobile: Some(("+994 50 300 00 13", "200013")),
        roles: &[("ecology", "lic.opinion"), ("ecology", "lic.supervisor")],
    },
    DemoAccount {
        login: "operator",
        name: "Orxan Nəbiyev",
        kind: UserKind::Official,
        fin: Some("3PQR4S8"),
        passport: None,
        email: "orxan.nabiyev@economy.example.az",
        mobile: Some(("+994 50 300 00 08", "200008")),
        roles: &[("economy", RoleName::PLATFORM_ADMIN)],
    },
    // The civil registry's official who enters its data sets by hand, signed on the phone, when
    // the registry cannot answer (TOB-4.5, VEIS-4.5): /work/ehis.
    DemoAccount {
        login: "justice-source",
        name: "Günay Səfərova",
        kind: UserKind::Official,
        fin: Some("9MNP4Q7"),
        passport: None,
        email: "gunay.safarova@justice.example.az",
        mobile: Some(("+994 50 300 00 14", "200014")),
        roles: &[("justice", pencere_exchange::SOURCE_ROLE)],
    },
];
const SEED_KEY: &str = "demo_seed_version";

/// The agencies that own and operate the five systems, and the demo companies that apply to them.
const ORGANIZATIONS: &[NewOrganization<'static>] = &[
    NewOrganization {
        code: "economy",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "Azərbaycan Respublikasının İqtisadiyyat Nazirliyi",
            "Ministry of Economy of the Republic of Azerbaijan",
            "Министерство экономики Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "kobia",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "Kiçik və Orta Biznesin İnkişafı Agentliyi",
            "Small and Medium Business Development Agency",
            "Агентство по развитию малого и среднего бизнеса",
        ],
    },
    NewOrganization {
        code: "migration",
        kind: OrganizationKind::Agency,
        voen: None,
        names: ["Dövlət Miqrasiya Xidməti", "State Migration Service", "Государственная миграционная служба"],
    },
    NewOrganization {
        code: "emergencies",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "Fövqəladə Hallar Nazirliyi",
            "Ministry of Emergency Situations",
            "Министерство по чрезвычайным ситуациям",
        ],
    },
    NewOrganization {
        code: "taxes",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "İqtisadiyyat Nazirliyi yanında Dövlət Vergi Xidməti",
            "State Tax Service under the Ministry of Economy",
            "Государственная налоговая служба при Министерстве экономики",
        ],
    },
    // The keeper of the civil registry behind EHİS, whose officials enter its data sets by hand
    // when it cannot answer.
    NewOrganization {
        code: "justice",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "Azərbaycan Respublikasının Ədliyyə Nazirliyi",
            "Ministry of Justice of the Republic of Azerbaijan",
            "Министерство юстиции Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "mobilization",
        kind: OrganizationKind::Agency,
        voen: None,
        names: [
            "Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidməti",
            "State Service for Mobilization and Conscription",
            "Государственная служба по мобилизации и призыву на военную службу",
        ],
    },
    // The bodies of the licensed activities in the `lic` catalog: the Ministry of Digital
    // Development and Transport issues the communication licences (LEGAL-FACTS §1.5, §1.6); the
    // others give opinions and supervise. Their VÖENs are synthetic (valid check digit).
    NewOrganization {
        code: "digital",
        kind: OrganizationKind::Agency,
        voen: Some("1400662881"),
        names: [
            "Azərbaycan Respublikasının Rəqəmsal İnkişaf və Nəqliyyat Nazirliyi",
            "Ministry of Digital Development and Transport of the Republic of Azerbaijan",
            "Министерство цифрового развития и транспорта Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "health",
        kind: OrganizationKind::Agency,
        voen: Some("1400773111"),
        names: [
            "Azərbaycan Respublikasının Səhiyyə Nazirliyi",
            "Ministry of Health of the Republic of Azerbaijan",
            "Министерство здравоохранения Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "education",
        kind: OrganizationKind::Agency,
        voen: Some("1400904301"),
        names: [
            "Azərbaycan Respublikasının Elm və Təhsil Nazirliyi",
            "Ministry of Science and Education of the Republic of Azerbaijan",
            "Министерство науки и образования Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "ecology",
        kind: OrganizationKind::Agency,
        voen: Some("1400881511"),
        names: [
            "Azərbaycan Respublikasının Ekologiya və Təbii Sərvətlər Nazirliyi",
            "Ministry of Ecology and Natural Resources of the Republic of Azerbaijan",
            "Министерство экологии и природных ресурсов Азербайджанской Республики",
        ],
    },
    NewOrganization {
        code: "xezer-tikinti",
        kind: OrganizationKind::Company,
        voen: Some("1400551291"),
        names: ["“Xəzər Tikinti” MMC", "Xazar Tikinti LLC", "ООО «Хазар Тикинти»"],
    },
    NewOrganization {
        code: "gence-tutun",
        kind: OrganizationKind::Company,
        voen: Some("1700340141"),
        names: ["“Gəncə Tütün” ASC", "Ganja Tutun OJSC", "ОАО «Гянджа Тютюн»"],
    },
    NewOrganization {
        code: "xezer-import",
        kind: OrganizationKind::Company,
        voen: Some("1401234041"),
        names: ["“Xəzər İmport” MMC", "Khazar Import LLC", "ООО «Хазар Импорт»"],
    },
    NewOrganization {
        code: "lenkeran-tutun",
        kind: OrganizationKind::Company,
        voen: Some("1300987061"),
        names: ["“Lənkəran Tütün” MMC", "Lankaran Tutun LLC", "ООО «Ленкорань Тютюн»"],
    },
    NewOrganization {
        code: "seki-tutun",
        kind: OrganizationKind::Company,
        voen: Some("1500765021"),
        names: ["“Şəki Tütün” ASC", "Shaki Tutun OJSC", "ОАО «Шеки Тютюн»"],
    },
    NewOrganization {
        code: "seki-ipek",
        kind: OrganizationKind::Company,
        voen: Some("2600220791"),
        names: ["“Şəki İpək” MMC", "Shaki Ipak LLC", "ООО «Шеки Ипек»"],
    },
];

/// What the demo holds, for the start-up announcement.
#[derive(Debug)]
pub(crate) struct DemoData {
    /// Whether this start seeded the data (false: it was already there).
    pub(crate) seeded_now: bool,
    /// The organizations, with their codes and English names.
    pub(crate) organizations: Vec<(String, String)>,
    /// The accounts: login, name, roles.
    pub(crate) accounts: Vec<(&'static str, &'static str, String)>,
}

/// Seeds the demo data set unless this database already holds it.
pub(crate) async fn seed(db: &Db, now: Timestamp) -> anyhow::Result<DemoData> {
    // A database seeded by an earlier version gets what this version added.
    let mut missing = Vec::new();
    for account in ACCOUNTS {
        if pencere_identity::find_user_by_login(db, account.login).await?.is_none() {
            missing.push(account);
        }
    }
    let mut tx = db.begin().await?;
    // The version mark moves in one statement, first: of two instances starting together, the
    // one that moved it seeds, in the same transaction; the other finds it moved.
    let seeded_now = settings::advance(&mut tx, SEED_KEY, SEED_VERSION).await?;
    if seeded_now {
        for organization in ORGANIZATIONS {
            if organizations::find_by_code(&mut tx, organization.code).await?.is_none() {
                organizations::insert(&mut tx, organization).await?;
            }
        }
        for account in missing {
            let fin: Option<Fin> =
                account.fin.map(str::parse).transpose().map_err(|error| anyhow::anyhow!("demo FİN: {error}"))?;
            let user = create_user(
                &mut tx,
                &NewUser {
                    login: account.login,
                    kind: account.kind,
                    fin: fin.as_ref(),
                    passport: account.passport,
                    email: Some(account.email),
                    phone: account.mobile.map(|(phone, _)| phone),
                    full_name: account.name,
                    password: Some(DEMO_PASSWORD),
                },
                now,
                "demo-seed",
            )
            .await?;
            for (code, role) in account.roles {
                let organization = organizations::find_by_code(&mut tx, code)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("demo organization {code} is missing"))?;
                let role: RoleName = role.parse().map_err(|error: String| anyhow::anyhow!(error))?;
                grant_role(&mut tx, &user.id, &organization.id, &role, None, now).await?;
            }
        }
    }
    let organizations = organizations::list(&mut tx)
        .await?
        .into_iter()
        .map(|organization| (organization.code.clone(), organization.name(pencere_core::Lang::En).to_owned()))
        .collect();
    tx.commit().await?;
    if seeded_now {
        seed_consents(db, now).await?;
    }
    let accounts = ACCOUNTS
        .iter()
        .map(|account| {
            let roles: Vec<String> = account.roles.iter().map(|(code, role)| format!("{role}@{code}")).collect();
            (
                account.login,
                account.name,
                match account.mobile {
                    Some((phone, id)) => format!("{} | mobile signature {phone} / {id}", roles.join(", ")),
                    None => roles.join(", "),
                },
            )
        })
        .collect();
    Ok(DemoData { seeded_now, organizations, accounts })
}

/// The demo applicant's company has consented to its tax record moving through EHİS (TOB-4.3),
/// so its forms are prefilled; the entrepreneur's companies have not, so theirs show how to
/// consent.
async fn seed_consents(db: &Db, now: Timestamp) -> anyhow::Result<()> {
    let Some(applicant) = pencere_identity::find_user_by_login(db, "applicant").await? else { return Ok(()) };
    let mut tx = db.begin_read().await?;
    let company = organizations::find_by_code(&mut tx, "xezer-tikinti").await?;
    drop(tx);
    let Some(voen) = company.and_then(|company| company.voen) else { return Ok(()) };
    let actor = pencere_exchange::Actor {
        user_id: &applicant.id,
        label: "demo-seed",
        org_id: None,
        ip: None,
        request_id: None,
        at: now,
    };
    match pencere_exchange::give_consent(db, &voen, pencere_exchange::Adapter::Tax.dataset(), &actor).await {
        Ok(_) | Err(pencere_exchange::ConsentError::AlreadyGiven) => Ok(()),
        Err(error) => Err(anyhow::anyhow!("demo consent: {error}")),
    }
}

/// Prints where the server listens and, in demo mode, what the demo holds.
#[allow(clippy::print_stdout, reason = "the start-up announcement is for the person who ran the command")]
pub(crate) fn announce(addr: SocketAddr, db: &DbConfig, demo: Option<&DemoData>) {
    let host = if addr.ip().is_unspecified() { "127.0.0.1".to_owned() } else { addr.ip().to_string() };
    let url = if addr.is_ipv6() {
        format!("http://[{host}]:{}", addr.port())
    } else {
        format!("http://{host}:{}", addr.port())
    };
    println!("Database: {}", db.target.describe());
    if let Some(demo) = demo {
        println!();
        println!("TEST ENVIRONMENT — synthetic demo data{}", if demo.seeded_now { " (seeded now)" } else { "" });
        println!("  organizations:");
        for (code, name) in &demo.organizations {
            println!("    {code:<16} {name}");
        }
        println!("  accounts (password for all: {DEMO_PASSWORD}):");
        for (login, name, roles) in &demo.accounts {
            println!("    {login:<16} {name:<20} {roles}");
        }
        println!();
    }
    // Last, so that it is the line people see and scripts wait for.
    println!("Pəncərə is listening on {url}");
}

/// The test environment's trust services: a CA generated now (its key never leaves this
/// process), a signature certificate for every demo account with a FİN, and the sandbox mobile
/// signature service holding them.
pub(crate) fn trust_services(now: Timestamp, public_url: &str) -> anyhow::Result<Services> {
    let ca = TestCa::generate("Pencere Test CA", now).map_err(|error| anyhow::anyhow!("{error}"))?;
    let mut accounts = Vec::new();
    for account in ACCOUNTS {
        let (Some(fin), Some((phone, user_id))) = (account.fin, account.mobile) else {
            continue;
        };
        let issued = ca
            .issue(account.name, Some(fin), now.plus_seconds(-3600), now.plus_seconds(365 * 86_400))
            .map_err(|error| anyhow::anyhow!("{error}"))?;
        accounts.push(SandboxAccount {
            login: account.login.to_owned(),
            phone: phone.to_owned(),
            user_id: user_id.to_owned(),
            issued,
        });
    }
    let store = TrustStore::from_pem(&ca.certificate_pem()).map_err(|error| anyhow::anyhow!("{error}"))?;
    // The identity provider standing for Vahid Giriş, and this server registered as its client.
    let issuer = format!("{public_url}/test/oidc");
    let callback = format!("{public_url}/login/sso/callback");
    let people = ACCOUNTS.iter().filter_map(|a| a.fin.map(|fin| (fin.to_owned(), a.name.to_owned()))).collect();
    let provider =
        OidcProvider::new(issuer.clone(), "pencere".to_owned(), callback.clone(), DEMO_PASSWORD.to_owned(), people);
    Ok(Services {
        store: Arc::new(store),
        sandbox: Some(Arc::new(Sandbox::new(ca.certificate_pem(), accounts).with_authority(ca))),
        sso: Some(Arc::new(SsoClient::new(issuer, "pencere".to_owned(), callback))),
        provider: Some(Arc::new(provider)),
        ..Services::default()
    })
}

/// Marks a database whose demo cases were seeded (or attempted: they are seeded once).
const CASES_KEY: &str = "demo_cases_seeded";

/// A demo application: who applies (and for which company), to which service, at which address,
/// and the steps then taken on it.
struct DemoCase {
    applicant: &'static str,
    company: &'static str,
    service: &'static str,
    address: &'static str,
    /// Values of choice fields, by field id; any other choice takes its first option.
    choices: &'static [(&'static str, &'static str)],
    steps: &'static [Step],
}

/// A tobacco entity's registration up to its signed entry in the registry.
const TOB_ENTERED: &[Step] = &[
    Act("tob-officer", "start_review", None),
    Act("tob-officer", "approve", None),
    Pay,
    Act("tob-officer", "enter", None),
    Sign("tob-officer"),
];

/// A step on a demo application, taken as the people of the demo take it in the browser.
enum Step {
    /// A demo account (login) takes a transition, with a reason where it needs one.
    Act(&'static str, &'static str, Option<&'static str>),
    /// The account signs the document its last transition prepared, with its test certificate.
    Sign(&'static str),
    /// The applicant pays the state duty due, confirmed by the sandbox payment provider.
    Pay,
}
use Step::{Act, Pay, Sign};

/// The licence granted on the duty's payment and signed by the head (LIC-5.10 … 6.1).
const ISSUED: [Step; 5] = [
    Act("lic-reviewer", "start_review", None),
    Act("lic-head", "grant", None),
    Pay,
    Act("lic-head", "issue", None),
    Sign("lic-head"),
];

/// The states seeded: registered, under review (at two bodies), deficiencies, awaiting the
/// relevant body's opinion, awaiting payment of the state duty, duty paid, licences issued (in
/// the unified registry), suspended and revoked, a refusal, and a withdrawn application.
const CASES: &[DemoCase] = &[
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.fire-protection",
        address: "Bakı, Nərimanov rayonu, Təbriz küçəsi 12",
        choices: &[],
        steps: &[],
    },
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.construction",
        address: "Bakı, Xətai rayonu, Babək prospekti 45",
        choices: &[],
        steps: &[Act("lic-reviewer", "start_review", None)],
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "seki-ipek",
        service: "lic.fire-protection",
        address: "Şəki, M. F. Axundov prospekti 7",
        choices: &[],
        steps: &[Act(
            "lic-reviewer",
            "request_fixes",
            Some("İcarə müqaviləsi obyektin mülkiyyətçisi tərəfindən imzalanmayıb."),
        )],
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "gence-tutun",
        service: "lic.toxic-waste",
        address: "Gəncə, Sənaye zonası, 3-cü döngə 2",
        choices: &[],
        steps: &[Act("lic-reviewer", "start_review", None), Act("lic-reviewer", "request_opinions", None)],
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "seki-ipek",
        service: "lic.pharmacy-retail",
        address: "Şəki, Səttar Bəhlulzadə küçəsi 19",
        choices: &[],
        steps: &[Act("lic-reviewer", "start_review", None), Act("lic-head", "grant", None)],
    },
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.data-transmission",
        address: "Bakı, Yasamal rayonu, Şərifzadə küçəsi 8",
        choices: &[],
        steps: &[Act("digital-head", "start_review", None)],
    },
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.construction",
        address: "Bakı, Səbail rayonu, Neftçilər prospekti 101",
        choices: &[],
        steps: &ISSUED,
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "seki-ipek",
        service: "lic.toxic-waste",
        address: "Şəki, Sənaye küçəsi 4",
        choices: &[],
        steps: &ISSUED,
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "gence-tutun",
        service: "lic.fire-protection",
        address: "Gəncə, Atatürk prospekti 22",
        choices: &[],
        steps: &[
            Act("lic-reviewer", "start_review", None),
            Act("lic-head", "grant", None),
            Pay,
            Act("lic-head", "issue", None),
            Sign("lic-head"),
            Act(
                "lic-head",
                "suspend",
                Some("Yanğın təhlükəsizliyi yoxlamasında aşkar edilmiş pozuntular aradan qaldırılana qədər."),
            ),
            Sign("lic-head"),
        ],
    },
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.private-medical",
        address: "Bakı, Nəsimi rayonu, Bakıxanov küçəsi 30",
        choices: &[],
        steps: &[
            Act("lic-reviewer", "start_review", None),
            Act("lic-head", "grant", None),
            Pay,
            Act("lic-head", "issue", None),
            Sign("lic-head"),
            Act("lic-head", "revoke", Some("Lisenziya şərtləri təkrarən pozulub (nəzarət orqanının təqdimatı ilə).")),
            Sign("lic-head"),
        ],
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "seki-ipek",
        service: "lic.general-education",
        address: "Şəki, Nizami küçəsi 15",
        choices: &[],
        steps: &[
            Act("lic-reviewer", "start_review", None),
            Act("lic-head", "refuse", Some("Tədris binası sanitariya-gigiyena tələblərinə cavab vermir.")),
            Sign("lic-head"),
        ],
    },
    DemoCase {
        applicant: "applicant",
        company: "xezer-tikinti",
        service: "lic.pharmacy-retail",
        address: "Bakı, Binəqədi rayonu, Aşıq Molla Cümə küçəsi 5",
        choices: &[],
        steps: &[Act("lic-reviewer", "start_review", None), Act("lic-head", "grant", None), Pay],
    },
    DemoCase {
        applicant: "entrepreneur",
        company: "gence-tutun",
        service: "lic.construction",
        address: "Gəncə, Cavadxan küçəsi 40",
        choices: &[],
        steps: &[Act("entrepreneur", "withdraw", None)],
    },
    // The tobacco registry (TOB-1.10): an entity entered by the Ministry's signed act, in the
    // unified registry with the licences.
    DemoCase {
        applicant: "entrepreneur",
        company: "gence-tutun",
        service: "tob.registration",
        address: "Gəncə, Sənaye zonası, 3-cü döngə 2",
        choices: &[("region", "gence-daskesen"), ("activity", "production"), ("cigarettes", "yes")],
        steps: TOB_ENTERED,
    },
    // More entities for the registry's reports (TOB-3.2.3): an importer in Baku, a producer in
    // Lankaran whose registration is suspended, and one awaiting review in Shaki.
    DemoCase {
        applicant: "importer",
        company: "xezer-import",
        service: "tob.registration",
        address: "Bakı, Xətai rayonu, Babək prospekti 12",
        choices: &[("region", "baki"), ("activity", "import"), ("cigarettes", "yes")],
        steps: TOB_ENTERED,
    },
    DemoCase {
        applicant: "importer",
        company: "lenkeran-tutun",
        service: "tob.registration",
        address: "Lənkəran, Hazi Aslanov küçəsi 77",
        choices: &[("region", "lenkeran-astara"), ("activity", "import_and_production"), ("cigarettes", "no")],
        steps: &[
            Act("tob-officer", "start_review", None),
            Act("tob-officer", "approve", None),
            Pay,
            Act("tob-officer", "enter", None),
            Sign("tob-officer"),
            Act(
                "tob-officer",
                "suspend",
                Some("Vergi orqanının məlumatına görə istehsal obyekti fəaliyyət göstərmir."),
            ),
            Sign("tob-officer"),
        ],
    },
    DemoCase {
        applicant: "importer",
        company: "seki-tutun",
        service: "tob.registration",
        address: "Şəki, Rəşidbəy Əfəndiyev küçəsi 31",
        choices: &[("region", "seki-zaqatala"), ("activity", "production"), ("cigarettes", "no")],
        steps: &[Act("tob-officer", "start_review", None)],
    },
];

/// Seeds a few applications of the `lic` services in several states through the case engine's
/// public API, once per database. A failure is logged and not retried: demo data never stops
/// the server.
pub(crate) async fn seed_cases(db: &Db, engine: &pencere_cases::Engine, services: &Services, now: Timestamp) {
    let claimed = async {
        // One atomic insert: of two instances starting together, exactly one seeds.
        let mut tx = db.begin().await?;
        let won = settings::claim(&mut tx, CASES_KEY, "1").await?;
        tx.commit().await?;
        anyhow::Ok(won)
    };
    match claimed.await {
        Ok(false) => {}
        Ok(true) => {
            if let Err(error) = seed_cases_now(db, engine, services, now).await {
                tracing::warn!(%error, "the demo applications could not all be seeded");
            }
        }
        Err(error) => tracing::warn!(%error, "the demo applications could not be seeded"),
    }
}

const SEED_CONTEXT: pencere_identity::RequestContext<'static> =
    pencere_identity::RequestContext { ip: None, request_id: Some("demo-seed") };

/// A session of a demo account, acting for `company` when given.
async fn demo_session(
    db: &Db,
    login: &str,
    company: Option<&str>,
    now: Timestamp,
) -> anyhow::Result<pencere_identity::ActiveSession> {
    use pencere_identity::session::{self, SessionPolicy};
    let credentials = pencere_identity::Credentials { login, password: DEMO_PASSWORD, totp: None };
    let policies = (&pencere_identity::LoginPolicy::default(), &SessionPolicy::default());
    let (_, started) = pencere_identity::password_login(db, now, &credentials, policies, &SEED_CONTEXT)
        .await
        .map_err(|error| anyhow::anyhow!("logging in {login}: {error}"))?;
    // The demo seed acts as the demo accounts do in the browser: their password session stands
    // in for the e-signature licence actions need (LIC-3.8), as the web layer lets it in demo mode.
    let resolve = || async {
        let mut active = session::resolve(db, &started.token, now, &SessionPolicy::default())
            .await?
            .ok_or_else(|| anyhow::anyhow!("the session of {login} did not start"))?;
        active.allow_stand_in();
        anyhow::Ok(active)
    };
    let active = resolve().await?;
    let Some(code) = company else {
        return Ok(active);
    };
    let organization = {
        let mut tx = db.begin_read().await?;
        organizations::find_by_code(&mut tx, code).await?.ok_or_else(|| anyhow::anyhow!("no organization {code}"))?
    };
    if active.acting_org_id.as_deref() == Some(organization.id.as_str()) {
        return Ok(active);
    }
    session::switch_organization(db, &active, &organization.id, now, &SEED_CONTEXT).await?;
    resolve().await
}

async fn seed_cases_now(
    db: &Db,
    engine: &pencere_cases::Engine,
    services: &Services,
    now: Timestamp,
) -> anyhow::Result<()> {
    let mut sessions: Vec<(String, pencere_identity::ActiveSession)> = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        // One application that cannot be seeded does not keep the others out of the demo.
        if let Err(error) = seed_case(db, engine, services, &mut sessions, index, case, now).await {
            tracing::warn!(%error, service = case.service, "a demo application could not be seeded");
        }
    }
    for (_, session) in &sessions {
        pencere_identity::session::logout(db, session, now, &SEED_CONTEXT).await?;
    }
    Ok(())
}

async fn seed_case(
    db: &Db,
    engine: &pencere_cases::Engine,
    services: &Services,
    sessions: &mut Vec<(String, pencere_identity::ActiveSession)>,
    index: usize,
    case: &DemoCase,
    now: Timestamp,
) -> anyhow::Result<()> {
    use pencere_cases::catalog::FieldKind;
    use pencere_cases::{CaseError, Who};
    let case_error = |error: CaseError| anyhow::anyhow!("{error}");
    let Some(service) = engine.catalog().service(case.service) else {
        return Ok(());
    };
    let applicant = demo_session(db, case.applicant, Some(case.company), now).await?;
    let who = Who { session: &applicant, context: &SEED_CONTEXT };
    let mut data = engine.prefill(db, service, &applicant).await.map_err(case_error)?;
    for field in &service.fields {
        if data.contains_key(&field.id) {
            continue;
        }
        if field.id == "activity_address" {
            data.insert(field.id.clone(), case.address.to_owned());
        } else if let Some((_, value)) = case.choices.iter().find(|(id, _)| *id == field.id) {
            data.insert(field.id.clone(), (*value).to_owned());
        } else if let (FieldKind::Choice, Some(first)) = (field.kind, field.options.first()) {
            data.insert(field.id.clone(), first.value.clone());
        } else if !field.required {
            continue;
        } else if field.id == "applicant_name" {
            // The entity's name, as the tax register would give it.
            let mut tx = db.begin_read().await?;
            if let Some(company) = organizations::find_by_code(&mut tx, case.company).await? {
                data.insert(field.id.clone(), company.name(pencere_core::Lang::Az).to_owned());
            }
        } else if field.kind == FieldKind::Date {
            data.insert(field.id.clone(), "2019-03-01".to_owned());
        } else if matches!(field.kind, FieldKind::Text | FieldKind::LongText) {
            data.insert(field.id.clone(), case.address.to_owned());
        }
    }
    let draft =
        engine.save_draft(db, who, &service.id, None, &data, pencere_core::Lang::Az, now).await.map_err(case_error)?;
    for slot in service.documents.iter().filter(|slot| slot.required) {
        let pdf = placeholder_pdf(&format!("Demo document: {} ({})", slot.id, case.service));
        engine.attach(db, who, &draft, &slot.id, &format!("{}.pdf", slot.id), &pdf, now).await.map_err(case_error)?;
    }
    let key = format!("demo-seed-{index}");
    let submitted = engine
        .submit(db, who, &service.id, Some(&draft), &data, Some(&key), pencere_core::Lang::Az, now)
        .await
        .map_err(case_error)?;
    pencere_identity::session::logout(db, &applicant, now, &SEED_CONTEXT).await?;
    let mut prepared: Option<String> = None;
    for step in case.steps {
        let login = match step {
            Act(login, ..) | Sign(login) => *login,
            Pay => {
                pay_due(db, engine, &submitted.id, index, now).await?;
                continue;
            }
        };
        if !sessions.iter().any(|(known, _)| known == login) {
            sessions.push((login.to_owned(), demo_session(db, login, None, now).await?));
        }
        let Some((_, session)) = sessions.iter().find(|(known, _)| known == login) else {
            continue;
        };
        let who = Who { session, context: &SEED_CONTEXT };
        match step {
            Act(_, transition, reason) => {
                prepared = engine.act(db, who, &submitted.id, transition, *reason, now).await.map_err(case_error)?;
            }
            Sign(_) => {
                let document = prepared.take().ok_or_else(|| anyhow::anyhow!("nothing prepared to sign"))?;
                let (_, pdf, _) = engine.issued_files(db, who, &document).await.map_err(case_error)?;
                let sandbox = services.sandbox.as_ref().ok_or_else(|| anyhow::anyhow!("no signature sandbox"))?;
                let signature = sandbox
                    .sign_as(login, &pdf, now)
                    .ok_or_else(|| anyhow::anyhow!("{login} has no test certificate"))?;
                engine
                    .complete_signature(db, who, &document, &signature, &services.store, now)
                    .await
                    .map_err(case_error)?;
            }
            Pay => {}
        }
    }
    Ok(())
}

/// Pays the case's due order as the sandbox payment provider confirms it.
async fn pay_due(
    db: &Db,
    engine: &pencere_cases::Engine,
    case_id: &str,
    index: usize,
    now: Timestamp,
) -> anyhow::Result<()> {
    let mut tx = db.begin_read().await?;
    let order = pencere_payments::orders_for_case(&mut tx, case_id)
        .await?
        .into_iter()
        .find(|order| order.status == pencere_payments::OrderStatus::Due)
        .ok_or_else(|| anyhow::anyhow!("no payment due"))?;
    drop(tx);
    let callback = pencere_payments::Callback {
        provider_ref: format!("DEMO-{index:04}"),
        code: order.code.clone(),
        amount: order.amount.to_string(),
        currency: order.currency.clone(),
    };
    // Codes, amounts and currencies are plain ASCII: nothing to escape.
    let body = format!(
        r#"{{"provider_ref":"{}","code":"{}","amount":"{}","currency":"{}"}}"#,
        callback.provider_ref, callback.code, callback.amount, callback.currency
    );
    match engine.confirm_payment(db, "sandbox", &callback, &body, now).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(refusal)) => Err(anyhow::anyhow!("the demo payment was refused: {}", refusal.code())),
        Err(error) => Err(anyhow::anyhow!("{error}")),
    }
}

/// A one-page PDF saying what it stands for (ASCII text, the standard Helvetica font): the demo
/// applications' attachments.
fn placeholder_pdf(text: &str) -> Vec<u8> {
    let safe: String =
        text.chars().filter(|c| c.is_ascii_graphic() || *c == ' ').filter(|c| !matches!(c, '(' | ')' | '\\')).collect();
    let content = format!("BT /F1 14 Tf 72 760 Td ({safe}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", index + 1).as_bytes());
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// The setting that records that the demo's participation and participants data were seeded.
const PARTICIPATION_KEY: &str = "demo_participation_seeded";

/// Seeds once what public participation and the operator's pages show: a draft of a legal act
/// published for discussion with a proposal on it, an inquiry and a suggestion awaiting their
/// answers, and the Ministry of Economy's information system with planned work announced.
pub(crate) async fn seed_participation(db: &Db, engine: &pencere_cases::Engine, public_url: &str, now: Timestamp) {
    let claimed = async {
        // One atomic insert: of two instances starting together, exactly one seeds.
        let mut tx = db.begin().await?;
        let won = settings::claim(&mut tx, PARTICIPATION_KEY, "1").await?;
        tx.commit().await?;
        anyhow::Ok(won)
    };
    match claimed.await {
        Ok(false) => {}
        Ok(true) => {
            if let Err(error) = seed_participation_now(db, engine, public_url, now).await {
                tracing::warn!(%error, "the demo's participation data could not all be seeded");
            }
        }
        Err(error) => tracing::warn!(%error, "the demo's participation data could not be seeded"),
    }
}

async fn seed_participation_now(
    db: &Db,
    engine: &pencere_cases::Engine,
    public_url: &str,
    now: Timestamp,
) -> anyhow::Result<()> {
    use pencere_cases::Who;
    use pencere_cases::participants::{self, Announcement, SystemForm};
    use pencere_cases::participation::{AppealForm, AppealKind, DraftForm};
    use pencere_core::Lang;
    use pencere_core::calendar::Date;
    let reviewer = demo_session(db, "lic-reviewer", None, now).await?;
    let operator = demo_session(db, "operator", None, now).await?;
    let applicant = demo_session(db, "applicant", Some("xezer-tikinti"), now).await?;
    let by = |session| Who { session, context: &SEED_CONTEXT };
    let today = Date::in_baku(now);
    let draft = DraftForm {
        title: "Lisenziyalaşdırılan fəaliyyət növlərinin siyahısında dəyişikliklər haqqında".to_owned(),
        summary: "Yanğından mühafizə fəaliyyətinin lisenziya şərtlərinin dəqiqləşdirilməsi təklif olunur.".to_owned(),
        full_text: "1. Lisenziya şərtlərinə obyektin yanğın təhlükəsizliyi sertifikatı əlavə edilsin.\n\
                    2. Bu qərar rəsmi dərc edildiyi gündən qüvvəyə minir."
            .to_owned(),
        sent_for_approval_on: today.to_string(),
        discussion_until: today.plus_days(30).to_string(),
    };
    let draft_id = engine.submit_draft(db, by(&reviewer), &draft, Lang::Az, now).await?;
    engine.decide_draft(db, by(&operator), &draft_id, None, now).await?;
    let proposal = "Sertifikatın müddəti də göstərilsin, əks halda köhnə sertifikatlar qəbul ediləcək.";
    engine.submit_proposal(db, by(&applicant), &draft_id, proposal, Lang::Az, now).await?;
    let inquiry = AppealForm {
        body: "economy".to_owned(),
        name: "Nigar Əliyeva".to_owned(),
        email: "nigar.aliyeva@example.az".to_owned(),
        phone: String::new(),
        subject: "Tibbi fəaliyyət üçün lisenziya".to_owned(),
        text: "Xüsusi tibbi fəaliyyət üçün lisenziya almaq üçün hansı sənədlər lazımdır?".to_owned(),
    };
    engine.submit_appeal(db, None, &SEED_CONTEXT, AppealKind::Inquiry, &inquiry, Lang::Az, public_url, now).await?;
    let suggestion = AppealForm {
        subject: "Müraciətin vəziyyəti barədə SMS".to_owned(),
        text: "Hər mərhələdə SMS ilə yanaşı e-poçt bildirişi də göndərilsin.".to_owned(),
        body: String::new(),
        ..inquiry
    };
    engine
        .submit_appeal(db, None, &SEED_CONTEXT, AppealKind::Suggestion, &suggestion, Lang::Az, public_url, now)
        .await?;
    let system = SystemForm {
        portal: "lic".to_owned(),
        name: "Lisenziya İnformasiya Sistemi".to_owned(),
        purpose: "Lisenziya müraciətlərinin qəbulu və baxılması".to_owned(),
        endpoint: "https://is.economy.gov.az/lic".to_owned(),
        contact: "is-support@economy.gov.az".to_owned(),
    };
    let system_id = participants::register_system(db, by(&reviewer), &system, |portal| portal == "lic", now).await?;
    let notice = engine
        .maintenance_notices()
        .working_days("lic")
        .ok_or_else(|| anyhow::anyhow!("the lic catalog names no notice period for planned work"))?;
    let day = engine.calendar().working_days_after(today, notice + 1)?;
    let (year, month, date) = day.ymd();
    let midnight = Timestamp::from_utc_date(year, month, date).ok_or_else(|| anyhow::anyhow!("no such day {day}"))?;
    // 10:00 to 14:00 in Baku (UTC+4).
    let work = Announcement {
        system_id: &system_id,
        kind: "preventive",
        starts_at: midnight.plus_seconds(6 * 3600),
        ends_at: midnight.plus_seconds(10 * 3600),
        description: "Verilənlər bazasının yenilənməsi",
    };
    participants::announce_maintenance(db, engine, by(&reviewer), &work, now).await?;
    for session in [&reviewer, &operator, &applicant] {
        pencere_identity::session::logout(db, session, now, &SEED_CONTEXT).await?;
    }
    Ok(())
}

/// The test environment's sandbox registries, knowing the demo accounts (by FİN, under their
/// names) and the demo organizations (by VÖEN, under their Azerbaijani names), so that a demo
/// person or company is the same in its cabinet and in the registries.
pub(crate) fn registries(persons: u64) -> pencere_exchange::sandbox::Sandbox {
    let mut sandbox = pencere_exchange::sandbox::Sandbox::new(2026).with_persons(persons);
    for account in ACCOUNTS {
        let Some(fin) = account.fin.and_then(|fin| fin.parse::<pencere_core::Fin>().ok()) else { continue };
        let (first, last) = account.name.split_once(' ').unwrap_or((account.name, ""));
        sandbox = sandbox.with_person_named(&fin, first, last);
    }
    for organization in ORGANIZATIONS {
        let Some(voen) = organization.voen.and_then(|voen| voen.parse::<pencere_core::Voen>().ok()) else { continue };
        sandbox = sandbox.with_taxpayer_named(&voen, organization.names[0]);
    }
    sandbox
}
