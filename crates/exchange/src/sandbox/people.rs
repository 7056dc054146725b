//! The civil registry's and the identity documents' synthetic records, by FİN.

use pencere_core::Fin;

use super::{FATHERS, FEMALE, Hash, MALE, SURNAMES, Sandbox, address, day, digits, pick};
use crate::{
    Birth, Births, Death, DrivingLicence, Family, IdDocuments, IdentityCard, Marriage, Marriages, NameChange,
    NameChanges, Person, PersonDetails, Relative,
};

const ISSUERS: &[&str] = &["DİN Pasport-qeydiyyat idarəsi", "ASAN xidmət №1", "ASAN xidmət №3", "ASAN xidmət Gəncə"];
pub(crate) const PLACES: &[&str] = &["Bakı", "Sumqayıt", "Gəncə", "Şəki", "Lənkəran", "Naxçıvan", "Quba", "Şamaxı"];

impl Sandbox {
    fn person_hash(&self, fin: &Fin) -> Hash {
        self.hash("person", fin.as_str())
    }

    /// Whether the person is a woman: odd indexes are, so the spouses `i` and `i ^ 1` differ.
    pub(crate) fn female(&self, fin: &Fin) -> bool {
        self.index_of(fin) % 2 == 1
    }

    fn birth_year(hash: &Hash) -> u32 {
        1950 + u32::from(hash[5]) % 55
    }

    /// The person with this FİN, if the registry knows one.
    pub fn person(&self, fin: &Fin) -> Option<Person> {
        if !self.knows(fin) {
            return None;
        }
        let hash = self.person_hash(fin);
        let surname = pick(SURNAMES, &hash, 3);
        let (first_name, last_name, patronymic) = if self.female(fin) {
            (pick(FEMALE, &hash, 2), format!("{surname}a"), format!("{} qızı", pick(FATHERS, &hash, 4)))
        } else {
            (pick(MALE, &hash, 2), surname.to_owned(), format!("{} oğlu", pick(FATHERS, &hash, 4)))
        };
        let (first_name, last_name) = match self.person_names.get(fin.as_str()) {
            Some((first, last)) => (first.as_str(), last.clone()),
            None => (first_name, last_name),
        };
        Some(Person {
            fin: fin.to_string(),
            first_name: first_name.to_owned(),
            last_name,
            patronymic,
            birth_date: day(Sandbox::birth_year(&hash), &hash, 6),
            registered_address: address(&hash, 8),
        })
    }

    /// The spouse's FİN and the couple's hash, when the person is married (two couples in three
    /// of neighbouring persons both known).
    fn couple(&self, fin: &Fin) -> Option<(Fin, Hash)> {
        let index = self.index_of(fin);
        let spouse = self.fin_at(index ^ 1)?;
        if !self.knows(fin) || !self.knows(&spouse) {
            return None;
        }
        let hash = self.hash("couple", &(index >> 1).to_string());
        (!hash[0].is_multiple_of(3)).then_some((spouse, hash))
    }

    fn relative(&self, kinship: &str, person: &Person) -> Relative {
        let hash = self.hash("person", &person.fin);
        Relative {
            kinship: kinship.to_owned(),
            fin: person.fin.clone(),
            full_name: person.full_name(),
            birth_date: person.birth_date.clone(),
            birth_place: pick(PLACES, &hash, 20).to_owned(),
            registered_address: person.registered_address.clone(),
        }
    }

    /// The person's marriages, if the registry knows the person.
    pub fn marriages(&self, fin: &Fin) -> Option<Marriages> {
        self.person(fin)?;
        let mut marriages = Vec::new();
        if let Some((spouse_fin, hash)) = self.couple(fin)
            && let Some(spouse) = self.person(&spouse_fin)
        {
            let year = Sandbox::birth_year(&self.person_hash(fin))
                .max(Sandbox::birth_year(&self.person_hash(&spouse_fin)))
                + 20
                + u32::from(hash[1]) % 10;
            let divorced = hash[2].is_multiple_of(6);
            marriages.push(Marriage {
                married_on: day(year, &hash, 3),
                certificate_number: format!("NK-{}", digits(&hash, 5, 6)),
                spouse_fin: spouse.fin.clone(),
                spouse_name: spouse.full_name(),
                divorced_on: divorced.then(|| day(year + 1 + u32::from(hash[11]) % 8, &hash, 12)),
                divorce_certificate_number: divorced.then(|| format!("NP-{}", digits(&hash, 14, 6))),
            });
        }
        Some(Marriages { fin: fin.to_string(), marriages })
    }

    /// The children born to the person (the couple's, up to three), if the registry knows them.
    pub fn births(&self, fin: &Fin) -> Option<Births> {
        let parent = self.person(fin)?;
        let mut births = Vec::new();
        if let Some((spouse_fin, hash)) = self.couple(fin) {
            let (father, mother) = if self.female(fin) {
                (self.person(&spouse_fin)?, parent.clone())
            } else {
                (parent.clone(), self.person(&spouse_fin)?)
            };
            let mother_year: u32 = mother.birth_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
            for child in 0..usize::from(hash[20] % 4) {
                let child_hash = self.hash("child", &format!("{}{child}", self.index_of(fin) >> 1));
                let daughter = child_hash[0].is_multiple_of(2);
                let surname = father.last_name.trim_end_matches('a');
                let (first, last, patronymic) = if daughter {
                    (pick(FEMALE, &child_hash, 1), format!("{surname}a"), format!("{} qızı", father.first_name))
                } else {
                    (pick(MALE, &child_hash, 1), surname.to_owned(), format!("{} oğlu", father.first_name))
                };
                let year = mother_year + 22 + 3 * u32::try_from(child).unwrap_or_default();
                let child_fin = self.fin_at(u64::from_be_bytes(child_hash[8..16].try_into().unwrap_or_default()))?;
                births.push(Birth {
                    child: Relative {
                        kinship: if daughter { "daughter" } else { "son" }.to_owned(),
                        fin: child_fin.to_string(),
                        full_name: format!("{last} {first} {patronymic}"),
                        birth_date: day(year, &child_hash, 2),
                        birth_place: pick(PLACES, &child_hash, 4).to_owned(),
                        registered_address: mother.registered_address.clone(),
                    },
                    sex: if daughter { "F" } else { "M" }.to_owned(),
                    certificate_number: format!("DŞ-{}", digits(&child_hash, 5, 6)),
                    certificate_date: day(year, &child_hash, 2),
                });
            }
        }
        Some(Births { fin: fin.to_string(), births })
    }

    /// The person's family: the spouse while married, and the children.
    pub fn family(&self, fin: &Fin) -> Option<Family> {
        let mut members = Vec::new();
        let married = self.marriages(fin)?.marriages.into_iter().find(|marriage| marriage.divorced_on.is_none());
        if let Some(marriage) = married
            && let Some(spouse) = marriage.spouse_fin.parse::<Fin>().ok().and_then(|fin| self.person(&fin))
        {
            members.push(self.relative("spouse", &spouse));
        }
        members.extend(self.births(fin)?.births.into_iter().map(|birth| birth.child));
        Some(Family { fin: fin.to_string(), members })
    }

    /// The registration of the person's death: one person in forty has one.
    pub fn death(&self, fin: &Fin) -> Option<Death> {
        let person = self.person(fin)?;
        let hash = self.person_hash(fin);
        if !hash[13].is_multiple_of(40) || self.person_names.contains_key(fin.as_str()) {
            return None;
        }
        let born: u32 = person.birth_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1960);
        let year = (born + 40 + u32::from(hash[14]) % 40).min(2025);
        Some(Death {
            fin: person.fin,
            died_on: day(year, &hash, 15),
            certificate_number: format!("ÖŞ-{}", digits(&hash, 17, 6)),
            certificate_date: day(year, &hash, 15),
        })
    }

    /// The person's changes of name: one person in ten changed their surname once.
    pub fn name_changes(&self, fin: &Fin) -> Option<NameChanges> {
        let person = self.person(fin)?;
        let hash = self.person_hash(fin);
        let mut changes = Vec::new();
        if hash[18].is_multiple_of(10) {
            let born: u32 = person.birth_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1960);
            let old = pick(SURNAMES, &hash, 19);
            let old = if self.female(fin) { format!("{old}a") } else { old.to_owned() };
            changes.push(NameChange {
                changed_on: day(born + 18 + u32::from(hash[21]) % 10, &hash, 22),
                field: "last_name".to_owned(),
                old,
                new: person.last_name,
            });
        }
        Some(NameChanges { fin: fin.to_string(), changes })
    }

    /// The personal details the conscription service's data sets repeat: the civil registry's
    /// person with their place of birth, sex and identity card.
    pub fn person_details(&self, fin: &Fin) -> Option<PersonDetails> {
        let person = self.person(fin)?;
        let card = self.id_documents(fin)?.identity_card;
        Some(PersonDetails {
            fin: person.fin,
            last_name: person.last_name,
            first_name: person.first_name,
            patronymic: person.patronymic,
            birth_date: person.birth_date,
            birth_place: pick(PLACES, &self.person_hash(fin), 20).to_owned(),
            sex: if self.female(fin) { "F" } else { "M" }.to_owned(),
            document_series: card.series,
            document_number: card.number,
            registered_address: person.registered_address,
        })
    }

    /// The person's identity card and, for one in two, driving licence.
    pub fn id_documents(&self, fin: &Fin) -> Option<IdDocuments> {
        let person = self.person(fin)?;
        let hash = self.hash("documents", fin.as_str());
        let born: u32 = person.birth_date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1960);
        let issued = 2016 + u32::from(hash[0]) % 9;
        let licensed = born + 18 + u32::from(hash[10]) % 20;
        Some(IdDocuments {
            fin: person.fin,
            identity_card: IdentityCard {
                series: "AZE".to_owned(),
                number: digits(&hash, 1, 8),
                issued_on: day(issued, &hash, 9),
                issued_by: pick(ISSUERS, &hash, 11).to_owned(),
                valid_until: day(issued + 10, &hash, 9),
            },
            driving_licence: hash[12].is_multiple_of(2).then(|| DrivingLicence {
                number: format!("AA{}", digits(&hash, 13, 6)),
                issued_on: day(licensed, &hash, 19),
                issued_by: "DİN Dövlət Yol Polisi".to_owned(),
                valid_until: day(licensed + 10, &hash, 19),
                categories: if hash[21].is_multiple_of(3) {
                    vec!["B".to_owned(), "C".to_owned()]
                } else {
                    vec!["B".to_owned()]
                },
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn the_index_is_a_bijection_and_records_are_deterministic() {
        let sandbox = Sandbox::new(7).with_persons(1_000_000);
        for index in [0, 1, 2, 999_999, 123_456] {
            let fin = sandbox.fin_at(index).unwrap();
            assert_eq!(sandbox.index_of(&fin), index, "{fin}");
            assert!(sandbox.knows(&fin));
        }
        assert!(!sandbox.knows(&sandbox.fin_at(1_000_000).unwrap()), "beyond the size: unknown");
        let fin = sandbox.fin_at(42).unwrap();
        assert_eq!(
            sandbox.person(&fin),
            Sandbox::new(7).with_persons(1_000_000).person(&fin),
            "the same seed, the same people"
        );
        assert_ne!(sandbox.fin_at(42), Sandbox::new(8).fin_at(42));
        let person = sandbox.person(&fin).unwrap();
        assert!(person.patronymic.ends_with("oğlu") || person.patronymic.ends_with("qızı"), "{person:?}");
        // A person named by the demo is always known, under that name.
        let named = Sandbox::new(7).with_persons(10).with_person_named(&fin, "Rəşad", "Məmmədov").person(&fin).unwrap();
        assert_eq!((named.first_name.as_str(), named.last_name.as_str()), ("Rəşad", "Məmmədov"));
    }

    #[test]
    fn spouses_name_each_other_and_the_family_agrees() {
        let sandbox = Sandbox::new(3).with_persons(1_000);
        let (fin, marriage) = (0..1_000)
            .filter_map(|index| sandbox.fin_at(index))
            .find_map(|fin| {
                let marriage = sandbox.marriages(&fin).unwrap().marriages.into_iter().next()?;
                Some((fin, marriage)).filter(|(_, m)| m.divorced_on.is_none())
            })
            .unwrap();
        let spouse: Fin = marriage.spouse_fin.parse().unwrap();
        let back = sandbox.marriages(&spouse).unwrap().marriages.into_iter().next().unwrap();
        assert_eq!(back.spouse_fin, fin.to_string());
        assert_eq!(back.certificate_number, marriage.certificate_number);
        let family = sandbox.family(&fin).unwrap();
        assert_eq!(family.members[0].kinship, "spouse");
        assert_eq!(family.members.len(), 1 + sandbox.births(&fin).unwrap().births.len());
        assert_eq!(
            sandbox.births(&fin).unwrap().births,
            sandbox.births(&spouse).unwrap().births,
            "the couple's children"
        );
    }
}
