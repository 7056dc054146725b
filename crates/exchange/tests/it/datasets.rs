//! Every typed adapter over a real socket: the civil registry's data sets (VEIS-4.3), identity
//! documents, the tax authority's objects and e-invoices, customs declarations and the
//! electronic agriculture system (TOB-4.2); the conscription service's other sources
//! (VEIS-4.3.3-4.3.28) and the migration portal's employer (MIG-4.5.1); secrets only with
//! consent, medical and criminal data only to callers cleared for them; a sandbox of a million
//! persons answered from the index; persons classified under VEIS-1.10 withheld from callers
//! not cleared for them.

use pencere_core::{Fin, Voen};
use pencere_exchange::sandbox::Sandbox;
use pencere_exchange::{
    Adapter, Births, BorderRecord, CitizenshipActs, ConsularRegistration, CourtRecords, CriminalCases,
    CustomsDeclarations, Death, Degrees, Disabilities, EInvoices, Employer, EmploymentStatus, Enrolments,
    ExamApplications, ExchangeError, Family, FleetCounts, HealthRecords, IdDocuments, KeyKind, Marriages, MartyrFamily,
    NameChanges, Person, PersonDetails, PhoneNumbers, Provenance, Purpose, QualificationRecognitions, Sensitivity,
    ServicemanLoss, SpecialEducation, TaxObjects, TemporaryRegistrations, TobaccoFarm, Vehicles, WarVeteran,
};
use pencere_store::{Db, on_conn, sqlx};
use pencere_testkit::both_backends;

use super::{PURPOSE, actor, gateway, user_and_org};

const SEED: u64 = 11;

async fn serve(sandbox: Sandbox) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(sandbox.serve(listener));
    url
}

/// The message log's (service, status) rows, oldest first.
async fn statuses(db: &Db) -> Vec<(String, String, Option<String>)> {
    let mut tx = db.begin_read().await.unwrap();
    on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT service, status, role FROM exchange_log ORDER BY at, id")
            .fetch_all(&mut *conn)
            .await
            .unwrap()
    })
}

/// A VÖEN of a legal entity the sandbox knows as a tobacco grower with customs declarations.
fn grower(sandbox: &Sandbox) -> Voen {
    (0..100_000_u32)
        .filter_map(|n| {
            let body = format!("{:08}", 14_000_000 + n);
            let weights = [4, 1, 8, 6, 2, 7, 5, 3];
            let check = body.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum::<u32>() % 11;
            (check < 10).then(|| format!("{body}{check}1").parse::<Voen>().unwrap())
        })
        .find(|voen| {
            sandbox.tobacco_farm(voen).is_some() && sandbox.customs(voen).is_some_and(|c| !c.declarations.is_empty())
        })
        .unwrap()
}

both_backends! {
    // clause: VEIS-4.3, VEIS-4.3.2, VEIS-4.3.12, VEIS-4.3.17, VEIS-4.3.19, VEIS-4.3.20, VEIS-4.3.21
    async fn the_civil_registry_and_id_documents_answer_each_data_set_over_the_protocol(db) {
        let sandbox = Sandbox::new(SEED).with_persons(2_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let fins: Vec<Fin> = (0..2_000).map(|index| sandbox.fin_at(index).unwrap()).collect();
        let unclassified = |fin: &&Fin| !sandbox.classified(fin);
        // Someone married with children, someone who died, someone who changed their name.
        let parent = fins.iter().filter(unclassified).find(|fin| {
            sandbox.births(fin).unwrap().births.len() >= 2
                && sandbox.marriages(fin).unwrap().marriages.iter().any(|m| m.divorced_on.is_none())
        }).unwrap();
        let dead = fins.iter().filter(unclassified).find(|fin| sandbox.death(fin).is_some()).unwrap();
        let renamed = fins.iter().filter(unclassified).find(|fin| !sandbox.name_changes(fin).unwrap().changes.is_empty()).unwrap();
        let licensed = fins.iter().filter(unclassified).find(|fin| sandbox.id_documents(fin).unwrap().driving_licence.is_some()).unwrap();

        let person = gateway.fetch::<Person>(parent, &PURPOSE).await.unwrap().unwrap();
        assert_eq!(person.provenance, Provenance::Exchange);
        assert_eq!(Some(person.value), sandbox.person(parent));
        let family = gateway.fetch::<Family>(parent, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&family), sandbox.family(parent).as_ref());
        assert_eq!(family.members[0].kinship, "spouse");
        assert!(family.members.iter().filter(|m| m.kinship == "son" || m.kinship == "daughter").count() >= 2);
        let births = gateway.fetch::<Births>(parent, &PURPOSE).await.unwrap().unwrap().value;
        assert!(births.births.iter().all(|birth| !birth.certificate_number.is_empty() && birth.child.fin.parse::<Fin>().is_ok()));
        let marriages = gateway.fetch::<Marriages>(parent, &PURPOSE).await.unwrap().unwrap().value;
        let spouse: Fin = marriages.marriages[0].spouse_fin.parse().unwrap();
        assert_eq!(family.members[0].fin, spouse.to_string());
        let theirs = gateway.fetch::<Marriages>(&spouse, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(theirs.marriages[0].spouse_fin, parent.to_string(), "both spouses' records agree");

        let death = gateway.fetch::<Death>(dead, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(death.fin, dead.to_string());
        assert!(!death.certificate_number.is_empty());
        assert_eq!(gateway.fetch::<Death>(parent, &PURPOSE).await.unwrap(), None, "the living have no death record");
        let changes = gateway.fetch::<NameChanges>(renamed, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(changes.changes[0].new, sandbox.person(renamed).unwrap().last_name);
        let documents = gateway.fetch::<IdDocuments>(licensed, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(documents.identity_card.series, "AZE");
        assert!(!documents.driving_licence.unwrap().categories.is_empty());

        // Beyond the registry's size nobody is known, in any data set.
        let stranger = sandbox.fin_at(2_000).unwrap();
        assert_eq!(gateway.fetch::<Family>(&stranger, &PURPOSE).await.unwrap(), None);

        let services: Vec<String> = statuses(&db).await.into_iter().map(|(service, status, _)| format!("{service} {status}")).collect();
        for expected in [
            "AZ/GOV/VMX/civil-registry/family ok",
            "AZ/GOV/VMX/civil-registry/births ok",
            "AZ/GOV/VMX/civil-registry/marriages ok",
            "AZ/GOV/VMX/civil-registry/deaths ok",
            "AZ/GOV/VMX/civil-registry/deaths not_found",
            "AZ/GOV/VMX/civil-registry/name-changes ok",
            "AZ/GOV/DIN/documents/id-documents ok",
            "AZ/GOV/VMX/civil-registry/family not_found",
        ] {
            assert!(services.iter().any(|line| line == expected), "{expected} in {services:#?}");
        }
    }
}

both_backends! {
    // clause: TOB-4.2.1.4, TOB-4.2.2, TOB-4.2.3, TOB-4.2.3.1, TOB-4.2.3.2, TOB-4.2.3.3, TOB-4.2.3.4, TOB-4.2.3.5, TOB-4.2.3.6, TOB-4.3
    async fn tax_customs_and_agriculture_data_sets_move_over_the_protocol_only_with_consent(db) {
        let sandbox = Sandbox::new(SEED);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let (user, _) = user_and_org(&db).await;
        let voen = grower(&sandbox);
        let subject = voen.to_string();

        // Each is a secret: without the taxpayer's consent, refused and logged, no data.
        for adapter in [Adapter::TaxObjects, Adapter::EInvoices, Adapter::Customs, Adapter::Agriculture] {
            assert!(adapter.sensitivity().needs_consent(), "{adapter:?}");
        }
        let refused = gateway.fetch::<TaxObjects>(&voen, &PURPOSE).await.unwrap_err();
        assert!(matches!(refused, ExchangeError::NoConsent { dataset: "tax.objects", .. }), "{refused}");
        let refused = gateway.fetch::<TobaccoFarm>(&voen, &PURPOSE).await.unwrap_err();
        assert!(matches!(refused, ExchangeError::NoConsent { dataset: "agriculture.tobacco-grower", .. }), "{refused}");

        for dataset in ["tax.objects", "tax.e-invoices", "customs.declarations", "agriculture.tobacco-grower"] {
            pencere_exchange::give_consent(&db, &subject, dataset, &actor(&user, None)).await.unwrap();
        }
        let objects = gateway.fetch::<TaxObjects>(&voen, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&objects), sandbox.tax_objects(&voen).as_ref());
        assert!(objects.objects.len() >= 2 && objects.objects.iter().all(|object| !object.address.is_empty()));
        let invoices = gateway.fetch::<EInvoices>(&voen, &PURPOSE).await.unwrap().unwrap().value;
        assert!(invoices.invoices.len() >= 3);
        assert!(invoices.invoices.iter().all(|i| i.seller_voen == subject || i.buyer_voen == subject));
        let customs = gateway.fetch::<CustomsDeclarations>(&voen, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&customs), sandbox.customs(&voen).as_ref());
        assert!(!customs.declarations.is_empty());
        let farm = gateway.fetch::<TobaccoFarm>(&voen, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&farm), sandbox.tobacco_farm(&voen).as_ref());
        assert!(!farm.land_plots.is_empty() && !farm.sown_areas.is_empty() && !farm.purchase_contracts.is_empty());
        assert!(farm.deliveries.iter().all(|delivery| !delivery.document_number.is_empty() && delivery.quantity_kg > 0));
        assert_eq!(farm.agrochemical_analyses.len(), farm.land_plots.len(), "one analysis per plot");

        let rows = statuses(&db).await;
        let seen: Vec<(&str, &str)> = rows.iter().map(|(service, status, _)| (service.as_str(), status.as_str())).collect();
        assert_eq!(
            seen,
            [
                ("AZ/GOV/DVX/taxpayers/objects", "refused"),
                ("AZ/GOV/KTN/e-agriculture/tobacco-growers", "refused"),
                ("AZ/GOV/DVX/taxpayers/objects", "ok"),
                ("AZ/GOV/DVX/e-invoices/invoices", "ok"),
                ("AZ/GOV/DGK/declarations/declarations", "ok"),
                ("AZ/GOV/KTN/e-agriculture/tobacco-growers", "ok"),
            ]
        );
    }
}

both_backends! {
    async fn a_sandbox_of_a_million_persons_answers_any_index_and_lists_them(db) {
        let sandbox = Sandbox::new(SEED).with_persons(1_000_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let last = sandbox.fin_at(999_999).unwrap();
        let found = gateway.person(&last, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(found.fin, last.to_string());
        assert_eq!(gateway.person(&sandbox.fin_at(1_000_000).unwrap(), &PURPOSE).await.unwrap(), None);

        let page: serde_json::Value = reqwest::get(format!("{url}/persons?page=19999")).await.unwrap().json().await.unwrap();
        assert_eq!(page["total"], 1_000_000);
        let persons = page["persons"].as_array().unwrap();
        assert_eq!(persons.len(), 50);
        assert_eq!(persons[49]["fin"], last.to_string());
        assert_eq!(persons[49]["full_name"], found.full_name());
    }
}

both_backends! {
    // clause: VEIS-1.10
    async fn a_classified_person_is_withheld_from_callers_not_cleared_and_the_refusal_is_logged(db) {
        let sandbox = Sandbox::new(SEED).with_persons(5_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let classified = (0..5_000).filter_map(|index| sandbox.fin_at(index)).find(|fin| sandbox.classified(fin)).unwrap();
        assert!(sandbox.person(&classified).is_some(), "the registry knows them");

        let (user, org) = user_and_org(&db).await;
        let reviewer = Purpose { text: "VEIS registration", user_id: Some(&user), body_id: Some(&org), role: Some("veis.officer") };
        assert_eq!(gateway.person(&classified, &reviewer).await.unwrap(), None, "as if unknown");
        assert_eq!(gateway.fetch::<Family>(&classified, &reviewer).await.unwrap(), None);
        assert_eq!(gateway.fetch::<IdDocuments>(&classified, &PURPOSE).await.unwrap(), None, "nor to the system");
        // The cleared role sees them, and the kept copy is withheld from the uncleared again.
        let cleared = Purpose { role: Some(pencere_exchange::CLEARED_ROLE), ..reviewer };
        let person = gateway.person(&classified, &cleared).await.unwrap().unwrap();
        assert_eq!(person.value.fin, classified.to_string());
        assert_eq!(gateway.person(&classified, &reviewer).await.unwrap(), None);

        let rows = statuses(&db).await;
        let seen: Vec<(&str, Option<&str>)> = rows.iter().map(|(_, status, role)| (status.as_str(), role.as_deref())).collect();
        assert_eq!(
            seen,
            [
                ("withheld", Some("veis.officer")),
                ("withheld", Some("veis.officer")),
                ("withheld", None),
                ("ok", Some("ehis.cleared")),
                ("withheld", Some("veis.officer")),
            ]
        );
        use pencere_store::classified::{self, Clearance};
        let failures = pencere_exchange::recent_failures(&db, 10, Clearance::Cleared).await.unwrap();
        assert_eq!(failures.iter().filter(|row| row.status == "withheld").count(), 4, "the refusals are listed for a cleared operator");
        assert!(failures[0].error.as_deref().is_some_and(|error| error.contains("VEIS-1.10")));
        let uncleared = pencere_exchange::recent_failures(&db, 10, Clearance::NotCleared).await.unwrap();
        assert!(uncleared.iter().all(|row| row.subject != classified.to_string()), "and to no one else");

        // The platform learned from the registry who is classified: once, journaled once.
        let mut tx = db.begin_read().await.unwrap();
        assert!(classified::is_classified(&mut tx, &classified).await.unwrap());
        let recorded = classified::list(&mut tx).await.unwrap();
        assert_eq!(recorded.len(), 1);
        assert_eq!((recorded[0].fin.as_str(), recorded[0].source.as_str()), (classified.as_str(), "registry"));
        let marks: i64 = on_conn!(tx.conn(), |conn, sql| {
            sqlx::query_scalar(&sql("SELECT COUNT(*) FROM audit_entries WHERE action = 'classified.mark' AND record_id = $1"))
                .bind(classified.as_str())
                .fetch_one(&mut *conn)
                .await
                .unwrap()
        });
        assert_eq!(marks, 1);
        let unclassified = (0..5_000).filter_map(|index| sandbox.fin_at(index)).find(|fin| sandbox.knows(fin) && !sandbox.classified(fin)).unwrap();
        drop(tx);
        gateway.person(&unclassified, &reviewer).await.unwrap().unwrap();
        let mut tx = db.begin_read().await.unwrap();
        assert!(!classified::is_classified(&mut tx, &unclassified).await.unwrap());
    }
}

/// The first unclassified person of `count` the sandbox knows for whom `wanted` holds.
fn someone(sandbox: &Sandbox, count: u64, wanted: impl Fn(&Fin) -> bool) -> Fin {
    (0..count)
        .filter_map(|index| sandbox.fin_at(index))
        .find(|fin| !sandbox.classified(fin) && wanted(fin))
        .expect("the sandbox has such a person")
}

/// `YYYY-MM-DD`.
fn is_day(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && text.split('-').all(|part| part.chars().all(|c| c.is_ascii_digit()))
}

/// The personal details the conscription service's data sets repeat agree with the civil
/// registry and the identity documents.
fn details_agree(sandbox: &Sandbox, details: &PersonDetails) {
    let fin: Fin = details.fin.parse().unwrap();
    let person = sandbox.person(&fin).unwrap();
    assert_eq!(
        (&details.last_name, &details.first_name, &details.patronymic, &details.birth_date),
        (&person.last_name, &person.first_name, &person.patronymic, &person.birth_date)
    );
    assert_eq!(details.registered_address, person.registered_address);
    let card = sandbox.id_documents(&fin).unwrap().identity_card;
    assert_eq!((details.document_series.as_str(), details.document_number.as_str()), ("AZE", card.number.as_str()));
    assert!(details.sex == "M" || details.sex == "F");
    assert!(!details.birth_place.is_empty());
}

#[test]
fn every_adapter_names_its_own_service_data_set_and_owner_and_its_sandbox_records_fit_its_schema() {
    let sandbox = Sandbox::new(SEED).with_persons(3_000);
    let names: std::collections::HashSet<&str> = Adapter::ALL.iter().map(|adapter| adapter.as_str()).collect();
    let services: std::collections::HashSet<String> = Adapter::ALL.iter().map(|adapter| adapter.service_id()).collect();
    let datasets: std::collections::HashSet<&str> = Adapter::ALL.iter().map(|adapter| adapter.dataset()).collect();
    assert_eq!(
        (names.len(), services.len(), datasets.len()),
        (Adapter::ALL.len(), Adapter::ALL.len(), Adapter::ALL.len())
    );
    let voen = grower(&sandbox);
    for adapter in Adapter::ALL {
        assert_eq!(Adapter::from_name(adapter.as_str()), Some(adapter));
        assert_eq!(Adapter::from_service_id(&adapter.service_id()), Some(adapter));
        assert!(!adapter.owner().is_empty());
        // Restricted data and secrets are never kept for reuse.
        let restricted = adapter.sensitivity().clearance().is_some() || adapter.sensitivity().needs_consent();
        assert_eq!(
            restricted,
            matches!(
                adapter.sensitivity(),
                Sensitivity::Medical | Sensitivity::Criminal | Sensitivity::TaxSecret | Sensitivity::CommercialSecret
            )
        );
        let subject = match adapter.key_kind() {
            KeyKind::Voen => voen.to_string(),
            KeyKind::Fin => someone(&sandbox, 3_000, |fin| sandbox.record(adapter, fin.as_str()).is_some()).to_string(),
        };
        let record = sandbox.record(adapter, &subject).unwrap_or_else(|| panic!("{adapter:?} has {subject}"));
        assert_eq!(adapter.check_record(&subject, &record.to_string()), Ok(()), "{adapter:?}");
        assert!(adapter.check_record("AAAAAAA", &record.to_string()).is_err(), "about someone else");
    }
    assert_eq!(Adapter::Health.sensitivity().clearance(), Some(pencere_exchange::MEDICAL_ROLE));
    assert_eq!(Adapter::Disability.sensitivity().clearance(), Some(pencere_exchange::MEDICAL_ROLE));
    assert_eq!(Adapter::CriminalCases.sensitivity().clearance(), Some(pencere_exchange::CRIMINAL_ROLE));
    assert_eq!(Adapter::CourtRecords.sensitivity().clearance(), Some(pencere_exchange::CRIMINAL_ROLE));
}

both_backends! {
    // clause: VEIS-4.3.6, VEIS-4.3.7, VEIS-4.3.8, VEIS-4.3.9, VEIS-4.3.10, VEIS-4.3.11, VEIS-4.3.13, VEIS-4.3.14
    async fn education_foreign_affairs_defence_and_border_data_sets_answer_over_the_protocol(db) {
        let sandbox = Sandbox::new(SEED).with_persons(20_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let n = 20_000;

        // VEIS-4.3.6: admissions with form, specialty and the days of expulsion, reinstatement and graduation.
        let reinstated = someone(&sandbox, n, |fin| {
            sandbox.enrolments(fin).unwrap().enrolments.iter().any(|e| e.reinstated_on.is_some() && e.graduated_on.is_some())
        });
        let enrolments = gateway.fetch::<Enrolments>(&reinstated, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&enrolments), sandbox.enrolments(&reinstated).as_ref());
        details_agree(&sandbox, &enrolments.person);
        assert_eq!(enrolments.enrolments[0].level, "general");
        let higher = enrolments.enrolments.iter().find(|e| e.reinstated_on.is_some()).unwrap();
        assert!(!higher.institution.is_empty() && higher.specialty.is_some() && !higher.form.is_empty());
        assert!(is_day(&higher.admitted_on) && higher.expelled_on.as_deref().is_some_and(is_day));
        assert!(higher.expelled_on < higher.reinstated_on && higher.reinstated_on < higher.graduated_on);

        // VEIS-4.3.7 and 4.3.8: a doctor of philosophy, and the examinations they applied to.
        // Since 1992, when the centralised entrance examinations began.
        let doctor = someone(&sandbox, n, |fin| {
            !sandbox.degrees(fin).unwrap().degrees.is_empty()
                && sandbox.enrolments(fin).unwrap().enrolments.iter().any(|e| e.level == "bachelor" && e.admitted_on.as_str() > "1992")
        });
        let degrees = gateway.fetch::<Degrees>(&doctor, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &degrees.person);
        let phd = &degrees.degrees[0];
        assert_eq!((phd.degree.as_str(), phd.diploma_series.as_str()), ("phd", "FD"));
        assert!(phd.diploma_number.len() == 6 && is_day(&phd.diploma_date) && !phd.field.is_empty());
        let exams = gateway.fetch::<ExamApplications>(&doctor, &PURPOSE).await.unwrap().unwrap().value;
        let kinds: Vec<&str> = exams.applications.iter().map(|a| a.exam.as_str()).collect();
        assert_eq!(kinds, ["bachelor", "master", "doctoral_language"]);
        assert!(exams.applications[0].group.is_some() && exams.applications.iter().all(|a| is_day(&a.applied_on)));

        // VEIS-4.3.9: registered with a mission, studying abroad, told of the call-up.
        let abroad = someone(&sandbox, n, |fin| {
            sandbox.consular_registration(fin).is_some_and(|r| r.study.is_some() && !r.call_up_notices.is_empty())
        });
        let consular = gateway.fetch::<ConsularRegistration>(&abroad, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &consular.person);
        assert!(consular.mission.starts_with("Azərbaycan Respublikasının") && consular.country.len() == 2);
        let study = consular.study.unwrap();
        assert!(!study.institution.is_empty() && !study.specialty.is_empty() && is_day(&study.admitted_on));
        assert!(consular.call_up_notices[0].reference.starts_with("KN-"));
        let stay_home = someone(&sandbox, n, |fin| sandbox.consular_registration(fin).is_none());
        assert_eq!(gateway.fetch::<ConsularRegistration>(&stay_home, &PURPOSE).await.unwrap(), None, "not registered abroad");

        // VEIS-4.3.10: a cadet expelled and sent to service, with the unit unless the State Security Service's.
        let cadet = someone(&sandbox, n, |fin| sandbox.special_education(fin).is_some_and(|c| c.expelled_on.is_some()));
        let special = gateway.fetch::<SpecialEducation>(&cadet, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &special.person);
        assert_eq!(special.military_rank, "kursant");
        assert!(special.expulsion_reason.is_some() && special.sent_to_service_on.as_deref().is_some_and(is_day));
        assert_eq!(special.military_unit.is_none(), special.institution.contains("Milli Təhlükəsizlik"));

        // VEIS-4.3.11: recognition of a foreign qualification.
        let recognised = someone(&sandbox, n, |fin| !sandbox.recognitions(fin).unwrap().recognitions.is_empty());
        let recognitions = gateway.fetch::<QualificationRecognitions>(&recognised, &PURPOSE).await.unwrap().unwrap().value;
        let recognition = &recognitions.recognitions[0];
        assert!(recognition.decision_number.starts_with("TN-") && is_day(&recognition.decided_on));
        assert!(["recognised", "refused"].contains(&recognition.outcome.as_str()) && recognition.country.len() == 2);

        // VEIS-4.3.13: a serviceman killed, the civil registry's death certificate on his record.
        let killed = someone(&sandbox, n, |fin| sandbox.serviceman_loss(fin).is_some_and(|l| l.event == "killed"));
        let loss = gateway.fetch::<ServicemanLoss>(&killed, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &loss.person);
        assert_eq!(loss.death_certificate_number, sandbox.death(&killed).map(|d| d.certificate_number));
        assert!(!loss.military_rank.is_empty() && !loss.position.is_empty() && !loss.cause.is_empty() && !loss.circumstances.is_empty());
        assert!(!loss.certified_by.full_name.is_empty() && !loss.certified_by.military_rank.is_empty());
        assert!(is_day(&loss.certificate_date) && loss.prosecutor_decision.is_some());
        let missing = someone(&sandbox, n, |fin| sandbox.serviceman_loss(fin).is_some_and(|l| l.event == "missing"));
        let missing = gateway.fetch::<ServicemanLoss>(&missing, &PURPOSE).await.unwrap().unwrap().value;
        assert!(missing.court_judgment.is_some() && missing.death_certificate_number.is_none());

        // VEIS-4.3.14: crossings out and back, and an inclusion in the restriction list lifted.
        let restricted = someone(&sandbox, n, |fin| {
            sandbox.border_record(fin).is_some_and(|b| !b.crossings.is_empty() && b.restrictions.iter().any(|r| r.removed_on.is_some()))
        });
        let border = gateway.fetch::<BorderRecord>(&restricted, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &border.person);
        assert_eq!(border.crossings[0].direction, "exit");
        assert!(border.crossings.iter().all(|c| c.at.len() == 16 && !c.checkpoint.is_empty() && c.country.len() == 2));
        let restriction = &border.restrictions[0];
        assert!(is_day(&restriction.included_on) && !restriction.included_reason.is_empty() && restriction.removed_reason.is_some());

        let rows = statuses(&db).await;
        assert!(rows.iter().all(|(_, status, _)| status == "ok" || status == "not_found"), "{rows:?}");
        for service in ["AZ/GOV/ETN/e-education/enrolments", "AZ/GOV/AAK/attestation/degrees", "AZ/GOV/DIM/applicants/applications",
            "AZ/GOV/XIN/consular/registrations", "AZ/GOV/MN/military-education/cadets", "AZ/GOV/ETN/recognition/qualifications",
            "AZ/GOV/MN/personnel/losses", "AZ/GOV/DSX/border-control/crossings"] {
            assert!(rows.iter().any(|(logged, status, _)| logged == service && status == "ok"), "{service} in {rows:?}");
        }
    }
}

both_backends! {
    // clause: VEIS-4.3.16, VEIS-4.3.18, VEIS-4.3.23, VEIS-4.3.24, VEIS-4.3.25, VEIS-4.3.26, VEIS-4.3.27, VEIS-4.3.28
    async fn telephone_residence_citizenship_labour_and_vehicle_data_sets_answer_over_the_protocol(db) {
        let sandbox = Sandbox::new(SEED).with_persons(20_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let n = 20_000;

        // VEIS-4.3.16: mobile and home numbers.
        let both = someone(&sandbox, n, |fin| sandbox.phone_numbers(fin).unwrap().numbers.iter().any(|p| p.kind == "home"));
        let phones = gateway.fetch::<PhoneNumbers>(&both, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(phones.numbers[0].kind, "mobile");
        assert!(phones.numbers.iter().all(|p| p.number.starts_with("+994 ") && p.number.len() == 17 && !p.operator.is_empty()), "{phones:?}");

        // VEIS-4.3.18: a temporary registration at a place of residence.
        let lodger = someone(&sandbox, n, |fin| !sandbox.temporary_registrations(fin).unwrap().registrations.is_empty());
        let temporary = gateway.fetch::<TemporaryRegistrations>(&lodger, &PURPOSE).await.unwrap().unwrap().value;
        let registration = &temporary.registrations[0];
        assert!(!registration.address.is_empty() && registration.registered_on < registration.valid_until && !registration.registered_by.is_empty());

        // VEIS-4.3.23: citizenship determined, then renounced or lost, with the acts.
        let renounced = someone(&sandbox, n, |fin| sandbox.citizenship_acts(fin).unwrap().acts.len() == 2);
        let citizenship = gateway.fetch::<CitizenshipActs>(&renounced, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &citizenship.person);
        assert_eq!(citizenship.acts[0].kind, "determined");
        assert!(["renounced", "lost"].contains(&citizenship.acts[1].kind.as_str()));
        assert!(citizenship.acts.iter().all(|act| !act.act_number.is_empty() && is_day(&act.act_date)));

        // VEIS-4.3.24: e-contracts with valid employers' VÖENs, and a job-seeker registration.
        let worker = someone(&sandbox, n, |fin| {
            let status = sandbox.employment(fin).unwrap();
            status.contracts.len() >= 2 && !status.registrations.is_empty()
        });
        let employment = gateway.fetch::<EmploymentStatus>(&worker, &PURPOSE).await.unwrap().unwrap().value;
        assert!(employment.contracts.iter().all(|c| c.employer_voen.parse::<Voen>().is_ok() && !c.position.is_empty()));
        assert!(employment.contracts[0].terminated_on.is_some(), "all but the last ended");
        assert!(["unemployed", "job_seeker"].contains(&employment.registrations[0].status.as_str()));

        // VEIS-4.3.25: a martyr's family.
        let family = someone(&sandbox, n, |fin| sandbox.martyr_family(fin).is_some());
        let martyr = gateway.fetch::<MartyrFamily>(&family, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(martyr.last_name, sandbox.person(&family).unwrap().last_name);
        assert!(martyr.card_number.starts_with("ŞA-") && is_day(&martyr.card_issued_on) && !martyr.kinship.is_empty());
        assert!(martyr.martyr.birth_year > 1940 && is_day(&martyr.martyr.died_on) && martyr.martyr.status_document_number.starts_with("ŞS-"));
        assert!(martyr.martyr.status_document_date >= martyr.martyr.died_on);

        // VEIS-4.3.26: a war veteran.
        let veteran = someone(&sandbox, n, |fin| sandbox.war_veteran(fin).is_some());
        let card = gateway.fetch::<WarVeteran>(&veteran, &PURPOSE).await.unwrap().unwrap().value;
        details_agree(&sandbox, &card.person);
        assert_eq!(card.card_series, "MV");
        assert!(card.card_number.len() == 6 && !card.issued_by.is_empty() && is_day(&card.issued_on) && card.protocol_number.contains('/'));
        let civilian = someone(&sandbox, n, |fin| sandbox.war_veteran(fin).is_none());
        assert_eq!(gateway.fetch::<WarVeteran>(&civilian, &PURPOSE).await.unwrap(), None);

        // VEIS-4.3.27: vehicles with chassis and engine numbers, plates, inspection and the owner's address and phone.
        let driver = someone(&sandbox, n, |fin| sandbox.vehicles(fin).unwrap().vehicles.len() == 2);
        let vehicles = gateway.fetch::<Vehicles>(&driver, &PURPOSE).await.unwrap().unwrap().value;
        let person = sandbox.person(&driver).unwrap();
        let mobile = sandbox.phone_numbers(&driver).unwrap().numbers[0].number.clone();
        for vehicle in &vehicles.vehicles {
            assert!(!vehicle.make.is_empty() && !vehicle.model.is_empty() && (2005..=2025).contains(&vehicle.year));
            assert_eq!(vehicle.chassis_number.len(), 17);
            assert!(vehicle.chassis_number.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) && !vehicle.chassis_number.contains(['I', 'O', 'Q']));
            let plate: Vec<&str> = vehicle.plate.split('-').collect();
            assert!(plate.len() == 3 && plate[0].len() == 2 && plate[1].len() == 2 && plate[2].len() == 3, "{}", vehicle.plate);
            assert!(!vehicle.engine_number.is_empty() && vehicle.inspected_on < vehicle.inspection_valid_until);
            assert!(["owner", "co_owner", "proxy"].contains(&vehicle.ownership.as_str()));
            assert_eq!((vehicle.owner_address.as_str(), vehicle.owner_phone.as_str()), (person.registered_address.as_str(), mobile.as_str()));
        }

        // VEIS-4.3.28: an organization's numbers of special-purpose vehicles, trucks and cars, by VÖEN.
        let voen = grower(&sandbox);
        let fleet = gateway.fetch::<FleetCounts>(&voen, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(Some(&fleet), sandbox.fleet_counts(&voen).as_ref());
        assert!(is_day(&fleet.counted_on));
        assert!(!Adapter::Fleet.sensitivity().needs_consent(), "moved without the organization's consent");

        let rows = statuses(&db).await;
        for service in ["AZ/GOV/RINN/numbers/subscribers", "AZ/GOV/DIN/residence/temporary-registrations", "AZ/GOV/DMX/citizenship/acts",
            "AZ/GOV/EESMN/e-social/employment", "AZ/GOV/EESMN/social-status/martyr-families", "AZ/GOV/EESMN/social-status/war-veterans",
            "AZ/GOV/DIN/road-police/vehicles", "AZ/GOV/DIN/road-police/fleets"] {
            assert!(rows.iter().any(|(logged, status, _)| logged == service && status == "ok"), "{service} in {rows:?}");
        }
    }
}

both_backends! {
    // clause: VEIS-4.3.3, VEIS-4.3.4, VEIS-4.3.5, VEIS-4.3.15, VEIS-4.3.22
    async fn health_disability_and_criminal_data_go_only_to_callers_cleared_for_them_and_each_refusal_is_logged(db) {
        let sandbox = Sandbox::new(SEED).with_persons(20_000);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let n = 20_000;
        let (user, org) = user_and_org(&db).await;
        let officer = Purpose { text: "VEIS medical certification", user_id: Some(&user), body_id: Some(&org), role: Some("veis.officer") };
        let medical = Purpose { role: Some(pencere_exchange::MEDICAL_ROLE), ..officer };
        let criminal = Purpose { role: Some(pencere_exchange::CRIMINAL_ROLE), ..officer };

        // A reservist: dispensarisations, the initial registration's, call-up's, final and reservist's examinations.
        let reservist = someone(&sandbox, n, |fin| sandbox.health_records(fin).unwrap().examinations.len() == 4);
        let refused = gateway.fetch::<HealthRecords>(&reservist, &officer).await.unwrap_err();
        assert!(matches!(refused, ExchangeError::NotCleared { role: "ehis.medical", .. }), "{refused}");
        assert!(gateway.fetch::<HealthRecords>(&reservist, &criminal).await.is_err(), "criminal clearance is not medical");
        assert!(gateway.fetch::<HealthRecords>(&reservist, &PURPOSE).await.is_err(), "nor is the system's own reading");
        let health = gateway.fetch::<HealthRecords>(&reservist, &medical).await.unwrap().unwrap().value;
        assert_eq!(Some(&health), sandbox.health_records(&reservist).as_ref());
        assert_eq!(health.dispensarisations.len(), 2);
        assert!(health.dispensarisations.iter().all(|d| is_day(&d.examined_on) && !d.institution.is_empty() && !d.health_group.is_empty()));
        let stages: Vec<&str> = health.examinations.iter().map(|e| e.stage.as_str()).collect();
        assert_eq!(stages, ["initial_registration", "call_up", "final", "reservist"]);
        assert!(health.examinations.iter().all(|e| !e.commission.is_empty() && ["A", "B", "V", "Q", "D"].contains(&e.fitness.as_str())));
        assert!(health.examinations.iter().all(|e| (e.fitness == "A") == e.diagnosis.is_none() && !e.psychological.is_empty()));

        // VEIS-4.3.22: the disability of a family member, with their details and kinship.
        let carer = someone(&sandbox, n, |fin| sandbox.disabilities(fin).unwrap().records.iter().any(|r| r.kinship != "self"));
        assert!(matches!(gateway.fetch::<Disabilities>(&carer, &officer).await, Err(ExchangeError::NotCleared { .. })));
        let disabilities = gateway.fetch::<Disabilities>(&carer, &medical).await.unwrap().unwrap().value;
        let record = disabilities.records.iter().find(|r| r.kinship != "self").unwrap();
        details_agree(&sandbox, &record.person);
        assert!((41..=100).contains(&record.impairment_percent) && is_day(&record.determined_on));
        assert!(!record.cause.is_empty() && !record.duration.is_empty());

        // VEIS-4.3.15: a case sent to court and its judgment, sentence and criminal record.
        let convicted = someone(&sandbox, n, |fin| {
            sandbox.court_records(fin).unwrap().proceedings.iter().any(|p| p.kind == "public_prosecution" && p.sentence.is_some())
        });
        assert!(matches!(gateway.fetch::<CriminalCases>(&convicted, &medical).await, Err(ExchangeError::NotCleared { role: "ehis.criminal", .. })));
        assert!(matches!(gateway.fetch::<CourtRecords>(&convicted, &officer).await, Err(ExchangeError::NotCleared { .. })));
        let cases = gateway.fetch::<CriminalCases>(&convicted, &criminal).await.unwrap().unwrap().value;
        let sent = cases.cases.iter().find(|case| case.status == "sent_to_court").unwrap();
        assert!(!sent.investigating_body.is_empty() && !sent.articles.is_empty() && sent.outcome_on.is_some());
        assert!(["criminal_case", "simplified_pretrial"].contains(&sent.procedure.as_str()));
        let court = gateway.fetch::<CourtRecords>(&convicted, &criminal).await.unwrap().unwrap().value;
        let judgment = court.proceedings.iter().find(|p| p.sentence.is_some()).unwrap();
        assert_eq!(judgment.articles, sent.articles, "the court heard the prosecution's case");
        assert!(!judgment.court.is_empty() && judgment.outcome == "convicted" && !judgment.sentence.as_ref().unwrap().execution.is_empty());
        assert!(["current", "expunged"].contains(&court.criminal_record.as_str()) && court.record_spent_on.is_some());
        let private = someone(&sandbox, n, |fin| sandbox.court_records(fin).unwrap().proceedings.iter().any(|p| p.kind == "private_prosecution"));
        let complaint = gateway.fetch::<CourtRecords>(&private, &criminal).await.unwrap().unwrap().value;
        assert!(complaint.proceedings.iter().any(|p| p.kind == "private_prosecution" && p.outcome == "complaint_dismissed"));

        // Each refusal is a log row with the role the caller acted in and no response; the
        // registry was not asked.
        let rows = statuses(&db).await;
        let seen: Vec<(&str, &str, Option<&str>)> = rows.iter().map(|(service, status, role)| (service.as_str(), status.as_str(), role.as_deref())).collect();
        assert_eq!(
            seen,
            [
                ("AZ/GOV/SN/e-health/examinations", "refused", Some("veis.officer")),
                ("AZ/GOV/SN/e-health/examinations", "refused", Some("ehis.criminal")),
                ("AZ/GOV/SN/e-health/examinations", "refused", None),
                ("AZ/GOV/SN/e-health/examinations", "ok", Some("ehis.medical")),
                ("AZ/GOV/EESMN/medical-social-expertise/disabilities", "refused", Some("veis.officer")),
                ("AZ/GOV/EESMN/medical-social-expertise/disabilities", "ok", Some("ehis.medical")),
                ("AZ/GOV/BP/e-criminal-case/cases", "refused", Some("ehis.medical")),
                ("AZ/GOV/EN/e-court/criminal-records", "refused", Some("veis.officer")),
                ("AZ/GOV/BP/e-criminal-case/cases", "ok", Some("ehis.criminal")),
                ("AZ/GOV/EN/e-court/criminal-records", "ok", Some("ehis.criminal")),
                ("AZ/GOV/EN/e-court/criminal-records", "ok", Some("ehis.criminal")),
            ]
        );
        let refusals = pencere_exchange::log_of(&db, reservist.as_str(), 10).await.unwrap();
        assert!(refusals.iter().filter(|row| row.status == "refused").all(|row| row.error.as_deref().is_some_and(|e| e.contains("ehis.medical"))));
        let mut tx = db.begin_read().await.unwrap();
        let unanswered: i64 = on_conn!(tx.conn(), |conn, _sql| {
            sqlx::query_scalar("SELECT COUNT(*) FROM exchange_log WHERE status = 'refused' AND response_sha256 IS NULL AND attempts = 0")
                .fetch_one(&mut *conn)
                .await
                .unwrap()
        });
        assert_eq!(unanswered, 6, "no refused call reached the registry");
        let failures = pencere_exchange::recent_failures(&db, 20, Default::default()).await.unwrap();
        assert_eq!(failures.iter().filter(|row| row.status == "refused").count(), 6, "listed for the operator");

        // Clearance for medical data is not clearance for a person classified under VEIS-1.10.
        let classified = (0..n).filter_map(|index| sandbox.fin_at(index)).find(|fin| sandbox.classified(fin)).unwrap();
        assert_eq!(gateway.fetch::<HealthRecords>(&classified, &medical).await.unwrap(), None);
        let last = statuses(&db).await.pop().unwrap();
        assert_eq!((last.1.as_str(), last.2.as_deref()), ("withheld", Some("ehis.medical")));
    }
}

both_backends! {
    // clause: MIG-4.5.1.1.1, MIG-4.5.1.1.2, MIG-4.5.1.1.3, MIG-4.5.1.1.4, MIG-4.5.1.1.5, MIG-4.5.1.1.6, MIG-4.5.1.2.1, MIG-4.5.1.2.2, MIG-4.5.1.2.3, MIG-4.5.1.2.4, MIG-4.5.1.2.5, MIG-4.5.1.2.6
    async fn the_tax_register_answers_an_employer_with_the_migration_portals_fields(db) {
        let sandbox = Sandbox::new(SEED);
        let url = serve(sandbox.clone()).await;
        let gateway = gateway(&db, &url);
        let voens = (0..200_000_u32).filter_map(|n| {
            let body = format!("{:08}", 14_000_000 + n);
            let weights = [4, 1, 8, 6, 2, 7, 5, 3];
            let check = body.chars().zip(weights).map(|(c, w)| c.to_digit(10).unwrap() * w).sum::<u32>() % 11;
            (check < 10).then(|| [format!("{body}{check}1"), format!("{body}{check}2")])
        }).flatten().filter_map(|text| text.parse::<Voen>().ok());
        let employers: Vec<_> = voens.filter_map(|voen| sandbox.employer(&voen).map(|employer| (voen, employer))).take(2_000).collect();
        let of_kind = |kind: &str, foreigner: bool| {
            employers.iter().find(|(_, e)| {
                e.kind == kind && (e.representative.as_ref().is_some_and(|r| r.fin.is_none()) == foreigner) && !e.facility_addresses.is_empty()
            }).map(|(voen, _)| voen.clone()).unwrap()
        };

        // A legal entity: name, addresses, contacts, VÖEN, activity, and its representative by FİN.
        let legal = of_kind("legal", false);
        let employer = gateway.fetch::<Employer>(&legal, &PURPOSE).await.unwrap().unwrap().value;
        assert_eq!(employer.voen, legal.to_string());
        let taxpayer = sandbox.taxpayer(&legal).unwrap();
        assert_eq!((employer.name.as_str(), employer.legal_address.as_str()), (taxpayer.name.as_str(), taxpayer.legal_address.as_str()));
        assert!(employer.facility_addresses.iter().all(|address| !address.is_empty()));
        assert!(employer.contacts.email.as_deref().is_some_and(|email| email.contains('@')));
        assert!(employer.contacts.mobile.is_some() && employer.contacts.landline.is_some());
        assert!(employer.activity_code.contains('.') && !employer.activity.is_empty());
        let representative = employer.representative.unwrap();
        assert!(representative.fin.as_deref().is_some_and(|fin| fin.parse::<Fin>().is_ok()) && !representative.last_name.is_empty());
        assert!(employer.entrepreneur.is_none());

        // A foreign entity's branch represented by a foreigner without a FİN: the passport.
        let branch = of_kind("foreign_branch", true);
        let branch = gateway.fetch::<Employer>(&branch, &PURPOSE).await.unwrap().unwrap().value;
        let foreigner = branch.representative.unwrap();
        assert!(foreigner.fin.is_none() && foreigner.passport_series.is_some() && foreigner.passport_number.is_some());

        // A natural person: surname and name, FİN, contacts, VÖEN, activity, registration and facility addresses.
        let natural = employers.iter().find(|(_, e)| e.kind == "natural" && !e.facility_addresses.is_empty()).map(|(voen, _)| voen.clone()).unwrap();
        let person = gateway.fetch::<Employer>(&natural, &PURPOSE).await.unwrap().unwrap().value;
        let entrepreneur = person.entrepreneur.unwrap();
        assert_eq!(person.name, format!("{} {}", entrepreneur.last_name, entrepreneur.first_name));
        assert!(entrepreneur.fin.as_deref().is_some_and(|fin| fin.parse::<Fin>().is_ok()));
        assert!(person.contacts.mobile.is_some() && !person.activity.is_empty() && !person.legal_address.is_empty());
        assert!(!person.facility_addresses.is_empty() && person.representative.is_none());
        assert!(!Adapter::Employer.sensitivity().needs_consent());

        let rows = statuses(&db).await;
        assert_eq!(rows.iter().filter(|(service, status, _)| service == "AZ/GOV/DVX/taxpayers/employers" && status == "ok").count(), 3);
    }
}
