//! Every typed adapter over a real socket: the civil registry's data sets (VEIS-4.3), identity
//! documents, the tax authority's objects and e-invoices, customs declarations and the
//! electronic agriculture system (TOB-4.2); secrets only with consent; a sandbox of a million
//! persons answered from the index; persons classified under VEIS-1.10 withheld from callers
//! not cleared for them.

use pencere_core::{Fin, Voen};
use pencere_exchange::sandbox::Sandbox;
use pencere_exchange::{
    Adapter, Births, CustomsDeclarations, Death, EInvoices, ExchangeError, Family, IdDocuments, Marriages, NameChanges,
    Person, Provenance, Purpose, TaxObjects, TobaccoFarm,
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
        let failures = pencere_exchange::recent_failures(&db, 10).await.unwrap();
        assert_eq!(failures.iter().filter(|row| row.status == "withheld").count(), 4, "the refusals are listed for the operator");
        assert!(failures[0].error.as_deref().is_some_and(|error| error.contains("VEIS-1.10")));
    }
}
