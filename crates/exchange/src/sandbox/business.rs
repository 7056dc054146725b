//! The tax authority's, the customs' and the electronic agriculture system's synthetic records,
//! by VÖEN.

use pencere_core::Voen;

use super::{Hash, MALE, SURNAMES, Sandbox, address, day, digits, pick};
use crate::{
    AgrochemicalAnalysis, Contacts, CustomsDeclaration, CustomsDeclarations, Delivery, EInvoice, EInvoices, Employer,
    LandPlot, NamedPerson, PurchaseContract, SownArea, TaxObject, TaxObjects, Taxpayer, TobaccoFarm,
};

pub(crate) const TRADES: &[&str] =
    &["Tikinti", "Ticarət", "Xidmət", "Logistika", "Aqro", "Texnologiya", "Enerji", "Turizm"];
pub(crate) const NAMES: &[&str] = &["Xəzər", "Qafqaz", "Abşeron", "Kür", "Şirvan", "Araz", "Göygöl", "Lənkəran"];
const OBJECT_KINDS: &[&str] = &["office", "warehouse", "production", "shop"];
const GOODS: &[(&str, &str, &str)] = &[
    ("2402.20", "Tütünlü siqaretlər", "blok"),
    ("2401.10", "Xam tütün", "kq"),
    ("2403.19", "Çəkmək üçün tütün", "kq"),
    ("4813.10", "Siqaret kağızı", "kq"),
];
const COUNTRIES: &[&str] = &["TR", "GE", "RU", "AE", "DE", "CN"];
const DISTRICTS: &[&str] = &["Şəki", "Zaqatala", "Qax", "Balakən", "Oğuz", "Qəbələ"];
const TOBACCO: &[&str] = &["Virciniya", "Berley", "Şərq"];
/// Codes and names of activities in the classifier of economic activities, by the trade the
/// name is derived from.
const ACTIVITIES: &[(&str, &str)] = &[
    ("41.20", "Yaşayış və qeyri-yaşayış binalarının tikintisi"),
    ("46.90", "İxtisaslaşdırılmamış topdansatış ticarət"),
    ("82.99", "Digər biznes xidmətləri"),
    ("52.29", "Digər nəqliyyat-köməkçi fəaliyyəti"),
    ("01.15", "Tütün becərilməsi"),
    ("62.01", "Kompüter proqramlaşdırılması"),
    ("35.11", "Elektrik enerjisinin istehsalı"),
    ("79.11", "Turizm agentliklərinin fəaliyyəti"),
];
const FOREIGN_NAMES: &[(&str, &str)] =
    &[("Yılmaz", "Mehmet"), ("Schneider", "Thomas"), ("Smith", "James"), ("Kowalski", "Piotr")];

/// A valid VÖEN from bytes of a hash: eight digits, the check digit, and the status.
pub(crate) fn voen(hash: &Hash, at: usize, legal: bool) -> String {
    const WEIGHTS: [u32; 8] = [4, 1, 8, 6, 2, 7, 5, 3];
    let mut body: Vec<u32> = (0..8).map(|i| u32::from(hash[(at + i) % 32]) % 10).collect();
    loop {
        let check = body.iter().zip(WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11;
        if check < 10 {
            let digits: String = body.iter().map(ToString::to_string).collect();
            return format!("{digits}{check}{}", if legal { 1 } else { 2 });
        }
        body[7] = (body[7] + 1) % 10;
    }
}

impl Sandbox {
    fn tax_hash(&self, voen: &Voen) -> Option<Hash> {
        let hash = self.hash("taxpayer", voen.as_str());
        (self.taxpayer_names.contains_key(voen.as_str()) || !hash[0].is_multiple_of(8)).then_some(hash)
    }

    /// The taxpayer with this VÖEN, if the register knows one (all but one in eight, and the
    /// named ones).
    pub fn taxpayer(&self, voen: &Voen) -> Option<Taxpayer> {
        let hash = self.tax_hash(voen)?;
        let legal = voen.as_str().ends_with('1');
        let name = if legal {
            format!("“{} {}” MMC", pick(NAMES, &hash, 1), pick(TRADES, &hash, 2))
        } else {
            format!("{} {} (fərdi sahibkar)", pick(SURNAMES, &hash, 1), pick(MALE, &hash, 2))
        };
        let name = self.taxpayer_names.get(voen.as_str()).cloned().unwrap_or(name);
        Some(Taxpayer {
            voen: voen.to_string(),
            name,
            kind: if legal { "legal" } else { "natural" }.to_owned(),
            legal_address: address(&hash, 8),
            status: if hash[6].is_multiple_of(16) { "suspended" } else { "active" }.to_owned(),
            registered_on: day(2000 + u32::from(hash[3]) % 26, &hash, 4),
        })
    }

    /// The taxpayer as an employer (MIG-4.5.1): for a legal entity (one in eight a foreign
    /// entity's branch) its facilities, contacts, activity and representative — a citizen named
    /// by FİN, or for a branch one in two a foreigner named by passport; for a natural person
    /// themselves.
    pub fn employer(&self, voen: &Voen) -> Option<Employer> {
        let taxpayer = self.taxpayer(voen)?;
        let objects = self.tax_objects(voen)?;
        let hash = self.hash("employer", voen.as_str());
        let legal = taxpayer.kind == "legal";
        let branch = legal && hash[0].is_multiple_of(8);
        let trade = TRADES.iter().position(|trade| taxpayer.name.contains(trade)).unwrap_or(usize::from(hash[1]) % 8);
        let (activity_code, activity) = ACTIVITIES[trade % ACTIVITIES.len()];
        let citizen = |at: usize| {
            let fin = self.fin_at(u64::from_be_bytes(hash[at..at + 8].try_into().unwrap_or_default()));
            NamedPerson {
                last_name: pick(SURNAMES, &hash, at + 8).to_owned(),
                first_name: pick(MALE, &hash, at + 9).to_owned(),
                fin: fin.map(|fin| fin.to_string()),
                passport_series: None,
                passport_number: None,
            }
        };
        let foreigner = || {
            let (last, first) = FOREIGN_NAMES[usize::from(hash[20]) % FOREIGN_NAMES.len()];
            NamedPerson {
                last_name: last.to_owned(),
                first_name: first.to_owned(),
                fin: None,
                passport_series: Some(pick(&["U", "C", "P"], &hash, 21).to_owned()),
                passport_number: Some(digits(&hash, 22, 8)),
            }
        };
        let (name, representative, entrepreneur) = if legal {
            let person = if branch && hash[2].is_multiple_of(2) { foreigner() } else { citizen(4) };
            (taxpayer.name.clone(), Some(person), None)
        } else {
            // A natural person's name is `Last First (fərdi sahibkar)` in the register.
            let bare = taxpayer.name.trim_end_matches(" (fərdi sahibkar)").to_owned();
            let mut person = citizen(4);
            if let Some((last, first)) = bare.split_once(' ') {
                (person.last_name, person.first_name) = (last.to_owned(), first.to_owned());
            }
            (bare, None, Some(person))
        };
        let mobile = format!(
            "+994 {} {} {} {}",
            pick(&["50", "55", "70"], &hash, 12),
            digits(&hash, 13, 3),
            digits(&hash, 16, 2),
            digits(&hash, 18, 2)
        );
        let slug: String = taxpayer
            .name
            .chars()
            .filter_map(|c| match c {
                'ə' | 'Ə' => Some('e'),
                'ş' | 'Ş' => Some('s'),
                'ç' | 'Ç' => Some('c'),
                'ğ' => Some('g'),
                'ı' | 'İ' => Some('i'),
                'ö' | 'Ö' => Some('o'),
                'ü' | 'Ü' => Some('u'),
                c if c.is_ascii_alphanumeric() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .take(16)
            .collect();
        Some(Employer {
            voen: voen.to_string(),
            kind: if branch { "foreign_branch" } else { taxpayer.kind.as_str() }.to_owned(),
            name,
            facility_addresses: objects.objects.into_iter().skip(1).map(|object| object.address).collect(),
            legal_address: taxpayer.legal_address,
            contacts: Contacts {
                email: Some(format!("info@{slug}.az")),
                mobile: Some(mobile),
                landline: legal.then(|| {
                    format!("+994 12 4{} {} {}", digits(&hash, 24, 2), digits(&hash, 26, 2), digits(&hash, 28, 2))
                }),
            },
            activity_code: activity_code.to_owned(),
            activity: activity.to_owned(),
            representative,
            entrepreneur,
        })
    }

    /// Some legal entities the register knows: `per_page` from `page * per_page` of a seeded
    /// sequence of VÖENs (the test environment's list of companies to log in for).
    pub fn companies_page(&self, page: u64, per_page: u64) -> Vec<Taxpayer> {
        let start = page.saturating_mul(per_page);
        (0_u64..)
            .filter_map(|n| {
                let hash = self.hash("company", &n.to_string());
                voen(&hash, 0, true).parse::<Voen>().ok().and_then(|voen| self.taxpayer(&voen))
            })
            .skip(usize::try_from(start).unwrap_or(usize::MAX))
            .take(usize::try_from(per_page).unwrap_or_default())
            .collect()
    }

    fn registered_year(&self, voen: &Voen) -> Option<u32> {
        self.taxpayer(voen)?.registered_on.get(..4)?.parse().ok()
    }

    /// The taxpayer's registered objects: the legal address first, then one to three more.
    pub fn tax_objects(&self, voen: &Voen) -> Option<TaxObjects> {
        let taxpayer = self.taxpayer(voen)?;
        let since = self.registered_year(voen)?;
        let hash = self.hash("objects", voen.as_str());
        // A tobacco business (by its name: "Tütün") produces somewhere: its second object is a
        // production facility, so the tobacco registry's "production since" has a source.
        let tobacco = taxpayer.name.contains("Tütün");
        let mut objects = vec![TaxObject {
            code: format!("{}-01", voen.as_str()),
            kind: "office".to_owned(),
            address: taxpayer.legal_address,
            registered_on: taxpayer.registered_on,
        }];
        for n in 1..=(1 + usize::from(hash[0] % 3)) {
            let kind = if tobacco && n == 1 { "production" } else { pick(OBJECT_KINDS, &hash, n) };
            objects.push(TaxObject {
                code: format!("{}-{:02}", voen.as_str(), n + 1),
                kind: kind.to_owned(),
                address: address(&hash, 4 * n),
                registered_on: day((since + u32::from(hash[n + 20]) % 5).min(2025), &hash, 3 * n),
            });
        }
        Some(TaxObjects { voen: voen.to_string(), objects })
    }

    /// The taxpayer's electronic invoices, three to six, newest first.
    pub fn e_invoices(&self, voen: &Voen) -> Option<EInvoices> {
        self.taxpayer(voen)?;
        let mut invoices = Vec::new();
        for n in 0..(3 + self.hash("invoices", voen.as_str())[0] % 4) {
            let hash = self.hash("invoice", &format!("{voen}{n}"));
            let (_, goods, unit) = GOODS[usize::from(hash[0]) % GOODS.len()];
            let quantity = 10 + u32::from(hash[1]) * 4;
            let (seller, buyer) = if hash[2].is_multiple_of(2) {
                (voen.to_string(), self::voen(&hash, 3, true))
            } else {
                (self::voen(&hash, 3, true), voen.to_string())
            };
            invoices.push(EInvoice {
                number: format!("MT{}", digits(&hash, 12, 10)),
                issued_on: day(2025 - u32::from(n), &hash, 22),
                seller_voen: seller,
                buyer_voen: buyer,
                goods: goods.to_owned(),
                quantity,
                unit: unit.to_owned(),
                amount_qepik: u64::from(quantity) * (500 + u64::from(hash[24]) * 20),
            });
        }
        Some(EInvoices { voen: voen.to_string(), invoices })
    }

    /// The taxpayer's customs declarations: none to four for a legal entity, none for others.
    pub fn customs(&self, voen: &Voen) -> Option<CustomsDeclarations> {
        let taxpayer = self.taxpayer(voen)?;
        let count = if taxpayer.kind == "legal" { self.hash("customs", voen.as_str())[0] % 5 } else { 0 };
        let declarations = (0..count)
            .map(|n| {
                let hash = self.hash("declaration", &format!("{voen}{n}"));
                let (code, goods, _) = GOODS[usize::from(hash[0]) % GOODS.len()];
                let import = !hash[1].is_multiple_of(3);
                CustomsDeclaration {
                    number: format!(
                        "{}/{}/{}",
                        10000 + u32::from(hash[2]) * 3,
                        day(2025, &hash, 3),
                        digits(&hash, 5, 7)
                    ),
                    declared_on: day(2025 - u32::from(n), &hash, 3),
                    regime: if import { "import" } else { "export" }.to_owned(),
                    goods_code: code.to_owned(),
                    description: goods.to_owned(),
                    net_kg: 100 + u32::from(hash[12]) * 50,
                    customs_value_qepik: 1_000_000 + u64::from(hash[13]) * 250_000,
                    country: pick(COUNTRIES, &hash, 14).to_owned(),
                }
            })
            .collect();
        Some(CustomsDeclarations { voen: voen.to_string(), declarations })
    }

    /// What the electronic agriculture system knows of the taxpayer as a tobacco grower: one
    /// taxpayer in three is one.
    pub fn tobacco_farm(&self, voen: &Voen) -> Option<TobaccoFarm> {
        self.taxpayer(voen)?;
        let hash = self.hash("farm", voen.as_str());
        if !hash[0].is_multiple_of(3) {
            return None;
        }
        let plots: Vec<LandPlot> = (0..1 + usize::from(hash[1] % 3))
            .map(|n| LandPlot {
                cadastre: format!("{}-{}", 10 + hash[2 + n] % 80, digits(&hash, 5 + n, 6)),
                district: pick(DISTRICTS, &hash, 8 + n).to_owned(),
                area_ha: f64::from(5 + u32::from(hash[11 + n]) % 60) / 2.0,
            })
            .collect();
        let area: f64 = plots.iter().map(|plot| plot.area_ha).sum();
        let procurer = voen_of(&hash, 14);
        let tobacco = pick(TOBACCO, &hash, 22).to_owned();
        let yield_kg = (area * 2_000.0) as u32;
        Some(TobaccoFarm {
            voen: voen.to_string(),
            sown_areas: (2023..=2025)
                .map(|year| SownArea {
                    year,
                    forecast_ha: area,
                    actual_ha: area - f64::from(u32::from(hash[23]) % 3) / 2.0,
                    perennial_ha: f64::from(u32::from(hash[24]) % 4),
                })
                .collect(),
            deliveries: (2023..=2025)
                .map(|year| Delivery {
                    delivered_on: day(year, &hash, 25),
                    procurer_voen: procurer.clone(),
                    tobacco_type: tobacco.clone(),
                    quantity_kg: yield_kg - yield_kg / (5 + year % 3),
                    document_number: format!("TT-{year}-{}", digits(&hash, 26, 5)),
                })
                .collect(),
            purchase_contracts: vec![PurchaseContract {
                number: format!("AM-{}", digits(&hash, 27, 6)),
                concluded_on: day(2023, &hash, 28),
                procurer_voen: procurer,
                quantity_kg: yield_kg,
                price_per_kg_qepik: 250 + u32::from(hash[29]),
            }],
            agrochemical_analyses: plots
                .iter()
                .enumerate()
                .map(|(n, plot)| AgrochemicalAnalysis {
                    number: format!("AK-{}", digits(&hash, 30 + n, 5)),
                    analysed_on: day(2024, &hash, 2 + n),
                    cadastre: plot.cadastre.clone(),
                    ph: f64::from(55 + u32::from(hash[3 + n]) % 25) / 10.0,
                    humus_percent: f64::from(10 + u32::from(hash[6 + n]) % 30) / 10.0,
                    conclusion: if hash[9 + n].is_multiple_of(7) { "unsuitable" } else { "suitable" }.to_owned(),
                })
                .collect(),
            land_plots: plots,
        })
    }
}

/// A legal entity's VÖEN from a hash (procurers, counterparties).
fn voen_of(hash: &Hash, at: usize) -> String {
    voen(hash, at, true)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn derived_voens_are_valid_and_records_name_their_taxpayer() {
        let sandbox = Sandbox::new(5);
        for n in 0..50_u8 {
            let hash = [n; 32];
            assert!(voen(&hash, 0, true).parse::<Voen>().is_ok(), "{}", voen(&hash, 0, true));
        }
        let subject: Voen = "1400551291".parse().unwrap();
        if let Some(invoices) = sandbox.e_invoices(&subject) {
            for invoice in invoices.invoices {
                assert!(invoice.seller_voen == subject.as_str() || invoice.buyer_voen == subject.as_str());
                assert!(invoice.buyer_voen.parse::<Voen>().is_ok() && invoice.seller_voen.parse::<Voen>().is_ok());
            }
        }
    }
}
