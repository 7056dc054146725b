//! The test environment's demo data, seeded once into a database marked `demo`.
//!
//! Everything here is synthetic: names, VÖENs (valid in format and check digit, belonging to no
//! real company). Seeding is idempotent: a seeded database records the seed's version.

use std::net::SocketAddr;

use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{Db, DbConfig, StoreError, settings};

/// The version of the demo data set; bump it when the seed changes shape.
const SEED_VERSION: &str = "1";
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
        names: [
            "Dövlət Miqrasiya Xidməti",
            "State Migration Service",
            "Государственная миграционная служба",
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
    NewOrganization {
        code: "xezer-tikinti",
        kind: OrganizationKind::Company,
        voen: Some("1400551291"),
        names: [
            "“Xəzər Tikinti” MMC",
            "Xazar Tikinti LLC",
            "ООО «Хазар Тикинти»",
        ],
    },
    NewOrganization {
        code: "gence-tutun",
        kind: OrganizationKind::Company,
        voen: Some("1700340141"),
        names: [
            "“Gəncə Tütün” ASC",
            "Ganja Tutun OJSC",
            "ОАО «Гянджа Тютюн»",
        ],
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
}

/// Seeds the demo data set unless this database already holds it.
pub(crate) async fn seed(db: &Db) -> Result<DemoData, StoreError> {
    let mut tx = db.begin().await?;
    let seeded_now = settings::get(&mut tx, SEED_KEY).await?.is_none();
    if seeded_now {
        for organization in ORGANIZATIONS {
            organizations::insert(&mut tx, organization).await?;
        }
        settings::set(&mut tx, SEED_KEY, SEED_VERSION).await?;
    }
    let organizations = organizations::list(&mut tx)
        .await?
        .into_iter()
        .map(|organization| {
            (
                organization.code.clone(),
                organization.name(pencere_core::Lang::En).to_owned(),
            )
        })
        .collect();
    tx.commit().await?;
    Ok(DemoData {
        seeded_now,
        organizations,
    })
}

/// Prints where the server listens and, in demo mode, what the demo holds.
#[allow(
    clippy::print_stdout,
    reason = "the start-up announcement is for the person who ran the command"
)]
pub(crate) fn announce(addr: SocketAddr, db: &DbConfig, demo: Option<&DemoData>) {
    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_owned()
    } else {
        addr.ip().to_string()
    };
    let url = if addr.is_ipv6() {
        format!("http://[{host}]:{}", addr.port())
    } else {
        format!("http://{host}:{}", addr.port())
    };
    println!("Database: {}", db.target.describe());
    if let Some(demo) = demo {
        println!();
        println!(
            "TEST ENVIRONMENT — synthetic demo data{}",
            if demo.seeded_now { " (seeded now)" } else { "" }
        );
        println!("  organizations:");
        for (code, name) in &demo.organizations {
            println!("    {code:<16} {name}");
        }
        println!();
    }
    // Last, so that it is the line people see and scripts wait for.
    println!("Pəncərə is listening on {url}");
}
