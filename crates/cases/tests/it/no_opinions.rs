//! A service that names no body to consult cannot send its cases to wait for opinions that
//! nobody would give.

use super::*;

both_backends! {
    async fn a_service_that_asks_no_body_cannot_wait_for_opinions(db) {
        let mut world = world(&db, "no-opinions").await;
        let start = SERVICE.find("[[opinions]]").unwrap();
        let end = SERVICE[start..].find("[deadlines.review]").unwrap() + start;
        let service = format!("{}{}", &SERVICE[..start], &SERVICE[end..]);
        let catalog = Catalog::load(&[
            CatalogSource { path: "lic/catalog/workflows/sample.toml", text: WORKFLOW },
            CatalogSource { path: "lic/catalog/services/sample.toml", text: Box::leak(service.into_boxed_str()) },
        ])
        .unwrap();
        assert!(catalog.service("lic.sample").unwrap().opinions.is_empty());
        world.engine = Engine::new(catalog, WorkingCalendar::azerbaijan().unwrap());
        let (id, _) = submitted(&db, &world, "no-opinions").await;

        let case = world.engine.case_for_official(&db, &world.reviewer, &id).await.unwrap();
        let offered: Vec<&str> =
            world.engine.official_transitions(&world.reviewer, &case.summary).iter().map(|t| t.id.as_str()).collect();
        assert!(offered.contains(&"grant"), "{offered:?}");
        assert!(!offered.contains(&"ask_opinions"), "not offered: {offered:?}");
        let refused = world.engine.act(&db, who(&world.reviewer), &id, "ask_opinions", None, world.clock.now()).await;
        assert!(matches!(refused, Err(CaseError::NotPossible(_))), "{refused:?}");
        let after = world.engine.case_for_official(&db, &world.reviewer, &id).await.unwrap();
        assert_eq!(after.summary.state, "registered");
    }
}
