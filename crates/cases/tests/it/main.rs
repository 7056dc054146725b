//! The case engine through its public API, on both backends: a service declared only in catalog
//! files is applied for, registered, routed, decided and notified (e-mail through a real SMTP
//! server); deadlines pause, resume, expire and act on the working-day calendar.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "tests fail loudly")]

mod no_opinions;

use std::sync::Arc;

use pencere_cases::catalog::CatalogSource;
use pencere_cases::{CaseError, Catalog, Engine, FormData, QueueFilter, Who};
use pencere_core::calendar::WorkingCalendar;
use pencere_core::{Clock, FixedClock, Lang, Timestamp};
use pencere_identity::session::{self, SessionPolicy};
use pencere_identity::{
    ActiveSession, Credentials, LoginPolicy, NewUser, RequestContext, UserKind, create_user, grant_role, password_login,
};
use pencere_notify::{Dispatcher, Rendered, RetryPolicy, Templates};
use pencere_store::Db;
use pencere_store::audit::{self, Search};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_testkit::both_backends;
use pencere_testkit::smtp::wait_for_mail;

const CONTEXT: RequestContext<'static> = RequestContext { ip: Some("127.0.0.1"), request_id: Some("req-1") };

const WORKFLOW: &str = r#"
id = "sample"
submitted = "registered"
registered_notice = "registered"
start = ["review"]
opinions_answered = "opinions_received"
paid = "payment_confirmed"

[[states]]
id = "registered"
name = { az = "Qeydə alınıb", en = "Registered", ru = "Зарегистрировано" }

[[states]]
id = "deficiencies"
awaits_applicant = true
name = { az = "Çatışmazlıqlar", en = "Deficiencies", ru = "Недостатки" }

[[states]]
id = "awaiting_opinions"
name = { az = "Rəy gözlənilir", en = "Awaiting opinions", ru = "Ожидаются заключения" }

[[states]]
id = "awaiting_payment"
awaits_applicant = true
name = { az = "Ödəniş gözlənilir", en = "Awaiting payment", ru = "Ожидается оплата" }

[[states]]
id = "paid"
name = { az = "Ödənilib", en = "Paid", ru = "Оплачено" }

[[states]]
id = "granted"
outcome = "granted"
name = { az = "Verilib", en = "Granted", ru = "Выдано" }

[[states]]
id = "unconsidered"
outcome = "unconsidered"
name = { az = "Baxılmamış", en = "Left unconsidered", ru = "Без рассмотрения" }

[[transitions]]
id = "request_fixes"
from = ["registered"]
to = "deficiencies"
by = "lic.reviewer"
reason = true
notice = "deficiencies"
pause = ["review"]
start = ["fix"]
name = { az = "Çatışmazlıq", en = "Deficiencies", ru = "Недостатки" }

[[transitions]]
id = "submit_fixes"
from = ["deficiencies"]
to = "registered"
by = "applicant"
meet = ["fix"]
resume = ["review"]
name = { az = "Düzəltdim", en = "Fixed", ru = "Исправлено" }

[[transitions]]
id = "leave_unconsidered"
from = ["deficiencies"]
to = "unconsidered"
by = "system"
notice = "unconsidered"
name = { az = "Baxılmamış", en = "Unconsidered", ru = "Без рассмотрения" }

[[transitions]]
id = "ask_opinions"
from = ["registered"]
to = "awaiting_opinions"
by = "lic.reviewer"
request_opinions = true
name = { az = "Rəy istə", en = "Ask for opinions", ru = "Запросить заключения" }

[[transitions]]
id = "opinions_received"
from = ["awaiting_opinions"]
to = "registered"
by = "system"
name = { az = "Rəylər alındı", en = "Opinions received", ru = "Заключения получены" }

[[transitions]]
id = "bill"
from = ["registered"]
to = "awaiting_payment"
by = "lic.reviewer"
request_payment = true
notice = "payment-due"
name = { az = "Ödəniş", en = "Bill", ru = "Счёт" }

[[transitions]]
id = "payment_confirmed"
from = ["awaiting_payment"]
to = "paid"
by = "system"
notice = "paid"
name = { az = "Ödənildi", en = "Paid", ru = "Оплачено" }

[[transitions]]
id = "grant"
from = ["registered", "paid"]
to = "granted"
by = "lic.reviewer"
notice = "decided"
name = { az = "Ver", en = "Grant", ru = "Выдать" }

[[transitions]]
id = "issue"
from = ["registered"]
to = "granted"
by = "lic.reviewer"
document = "licence"
registry = "issue"
notice = "decided"
name = { az = "İmzala", en = "Sign and issue", ru = "Подписать" }
"#;

const SERVICE: &str = r#"
id = "lic.sample"
workflow = "sample"
competent_body = "economy"
number_prefix = "SMP"
law = "Sample law, art. 1"
name = { az = "Nümunə lisenziya", en = "Sample licence", ru = "Образец лицензии" }
summary = { az = "Nümunə", en = "Sample", ru = "Образец" }

[fee]
amount = "550.00"
law = "State Duty Law, art. 22"
verified = false
beneficiary = "Dövlət Xəzinədarlıq Agentliyi"

[[fields]]
id = "address"
kind = "text"
required = true
label = { az = "Ünvan", en = "Address", ru = "Адрес" }

[[fields]]
id = "phone"
kind = "phone"
required = true
label = { az = "Mobil", en = "Mobile", ru = "Мобильный" }

[[documents]]
id = "lease"
required = true
name = { az = "İcarə", en = "Lease", ru = "Аренда" }

[[opinions]]
body = "emergencies"
role = "lic.opinion"
name = { az = "Yanğın təhlükəsizliyi", en = "Fire safety", ru = "Пожарная безопасность" }

[deadlines.review]
days = 5
unit = "working"
law = "art. 14.1"
verified = false
on_expiry = "flag"
name = { az = "Baxılma", en = "Review", ru = "Рассмотрение" }

[deadlines.fix]
days = 3
unit = "working"
law = "art. 19.2"
verified = false
on_expiry = "transition"
transition = "leave_unconsidered"
name = { az = "Düzəliş", en = "Fixes", ru = "Исправления" }
"#;

/// Monday 23 November 2026, 12:00 in Baku.
fn monday() -> Timestamp {
    Timestamp::from_utc_date(2026, 11, 23).unwrap().plus_seconds(8 * 3600)
}

const DAY: i64 = 86_400;

struct TestTexts;

impl Templates for TestTexts {
    fn render(&self, lang: Lang, template: &str, args: &[(String, String)]) -> Option<Rendered> {
        let arg = |name: &str| args.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
        Some(Rendered {
            subject: format!("[{}] {template} {}", lang.as_str(), arg("number")),
            body: format!(
                "{} — {} — due {} — {} — pay {} by code {}",
                arg("service"),
                arg("state"),
                arg("due"),
                arg("reason"),
                arg("amount"),
                arg("code")
            ),
            short: format!("{template} {}", arg("number")),
        })
    }
}

struct World {
    engine: Engine,
    clock: Arc<FixedClock>,
    applicant: ActiveSession,
    reviewer: ActiveSession,
    stranger: ActiveSession,
    rescuer: ActiveSession,
    email: String,
}

async fn person(db: &Db, login: &str, email: &str, phone: Option<&str>, role: Option<(&str, &str)>) -> ActiveSession {
    let mut tx = db.begin().await.unwrap();
    let user = create_user(
        &mut tx,
        &NewUser {
            login,
            kind: UserKind::Person,
            fin: None,
            passport: None,
            email: Some(email),
            phone,
            full_name: login,
            password: Some("parol-parol"),
        },
        monday(),
        "test",
    )
    .await
    .unwrap();
    if let Some((organization, role)) = role {
        let role: pencere_identity::RoleName = role.parse().unwrap();
        grant_role(&mut tx, &user.id, organization, &role, None, monday()).await.unwrap();
    }
    tx.commit().await.unwrap();
    let credentials = Credentials { login, password: "parol-parol", totp: None };
    let (_, started) =
        password_login(db, monday(), &credentials, (&LoginPolicy::default(), &SessionPolicy::default()), &CONTEXT)
            .await
            .unwrap();
    session::resolve(db, &started.token, monday(), &SessionPolicy::default()).await.unwrap().unwrap()
}

async fn world(db: &Db, tag: &str) -> World {
    let catalog = Catalog::load(&[
        CatalogSource { path: "lic/catalog/workflows/sample.toml", text: WORKFLOW },
        CatalogSource { path: "lic/catalog/services/sample.toml", text: SERVICE },
    ])
    .unwrap();
    let engine = Engine::new(catalog, WorkingCalendar::azerbaijan().unwrap());
    let mut tx = db.begin().await.unwrap();
    let economy = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "economy",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["İqtisadiyyat", "Economy", "Экономика"],
        },
    )
    .await
    .unwrap();
    let emergencies = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "emergencies",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["FHN", "Emergencies", "МЧС"],
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    engine.check_bodies(db).await.unwrap();
    let email = format!("applicant-{tag}-{}@example.az", uuid_suffix());
    World {
        applicant: person(db, "applicant", &email, Some("+994501234567"), None).await,
        reviewer: person(db, "reviewer", "reviewer@economy.gov.az", None, Some((&economy.id, "lic.reviewer"))).await,
        stranger: person(db, "stranger", "stranger@example.az", None, None).await,
        rescuer: person(db, "rescuer", "rescuer@fhn.gov.az", None, Some((&emergencies.id, "lic.opinion"))).await,
        engine,
        clock: Arc::new(FixedClock::new(monday())),
        email,
    }
}

fn uuid_suffix() -> String {
    format!("{:x}", std::time::SystemTime::UNIX_EPOCH.elapsed().map(|d| d.as_nanos()).unwrap_or_default())
}

fn form(address: &str, phone: &str) -> FormData {
    [("address".to_owned(), address.to_owned()), ("phone".to_owned(), phone.to_owned())].into_iter().collect()
}

fn who(session: &ActiveSession) -> Who<'_> {
    Who { session, context: &CONTEXT }
}

/// A draft with the lease attached, submitted: the case id.
async fn submitted(db: &Db, world: &World, key: &str) -> (String, String) {
    let now = world.clock.now();
    let data = form("Bakı, Nizami küçəsi 1", "050 123 45 67");
    let draft =
        world.engine.save_draft(db, who(&world.applicant), "lic.sample", None, &data, Lang::En, now).await.unwrap();
    world.engine.attach(db, who(&world.applicant), &draft, "lease", "lease.pdf", b"%PDF-1.4 lease", now).await.unwrap();
    let done = world
        .engine
        .submit(db, who(&world.applicant), "lic.sample", Some(&draft), &data, Some(key), Lang::En, now)
        .await
        .unwrap();
    assert_eq!(done.id, draft);
    (done.id, done.number)
}

fn dispatcher(db: &Db, world: &World, mailer: Arc<dyn pencere_notify::mail::Mailer>) -> Dispatcher {
    Dispatcher {
        db: db.clone(),
        clock: world.clock.clone(),
        templates: Arc::new(TestTexts),
        mailer: Some(mailer),
        sms: Some(Arc::new(pencere_notify::sms::SmsSandbox::default())),
        policy: RetryPolicy::default(),
    }
}

fn smtp() -> (Arc<dyn pencere_notify::mail::Mailer>, std::path::PathBuf) {
    let (url, maildir) = pencere_testkit::smtp::server();
    let mailer = pencere_notify::mail::SmtpMailer::new(&url, "Pəncərə <no-reply@pencere.test>").unwrap();
    (Arc::new(mailer), maildir)
}

async fn inbox_subjects(db: &Db, user: &str) -> Vec<String> {
    let mut tx = db.begin_read().await.unwrap();
    pencere_notify::inbox(&mut tx, user, 100).await.unwrap().into_iter().map(|message| message.subject).collect()
}

async fn actions(db: &Db) -> Vec<String> {
    let mut tx = db.begin_read().await.unwrap();
    let entries = audit::search(&mut tx, &Search { limit: 200, ..Search::default() }).await.unwrap();
    entries.into_iter().map(|entry| entry.action).collect()
}

both_backends! {
    // clause: LIC-2.0.8, LIC-4.3, LIC-4.4, LIC-5.1, LIC-2.0.1
    async fn a_catalog_service_is_applied_for_registered_routed_decided_and_notified(db) {
        let world = world(&db, db.target().describe().split(':').next().unwrap_or("db")).await;
        let (mailer, maildir) = smtp();
        let (id, number) = submitted(&db, &world, "key-1").await;
        assert_eq!(number, "SMP-2026-000001");

        // Routed to the competent body: in the reviewer's queue, not visible to a stranger.
        let queue = world.engine.queue(&db, world.reviewer.acting_org_id.as_deref().unwrap(), &QueueFilter::default()).await.unwrap();
        assert_eq!(queue.iter().map(|case| case.number.clone().unwrap()).collect::<Vec<_>>(), vec![number.clone()]);
        assert_eq!(queue[0].next_due.unwrap().to_string(), "2026-11-30", "five working days after Monday");
        assert!(matches!(world.engine.case_for_applicant(&db, &world.stranger.user.id, &id).await, Err(CaseError::NotFound)));
        assert!(matches!(world.engine.case_for_official(&db, &world.stranger, &id).await, Err(CaseError::NotFound)));

        // The notice of registration reaches the inbox, the SMTP server and the SMS gateway.
        let report = dispatcher(&db, &world, mailer.clone()).run_once().await.unwrap();
        assert_eq!((report.sent, report.retried, report.dead), (3, 0, 0));
        assert_eq!(inbox_subjects(&db, &world.applicant.user.id).await, vec![format!("[en] registered {number}")]);
        let mail = wait_for_mail(&maildir, &world.email);
        assert!(mail.contains(&format!("registered {number}")), "{mail}");
        assert!(mail.contains("due 2026-11-30"), "the deadline is in the notice: {mail}");

        // The applicant cannot decide; the reviewer grants; the applicant is told.
        world.clock.advance(DAY);
        let refused = world.engine.act(&db, who(&world.applicant), &id, "grant", None, world.clock.now()).await;
        assert!(matches!(refused, Err(CaseError::Forbidden)), "{refused:?}");
        world.engine.act(&db, who(&world.reviewer), &id, "grant", None, world.clock.now()).await.unwrap();
        let again = world.engine.act(&db, who(&world.reviewer), &id, "grant", None, world.clock.now()).await;
        assert!(matches!(again, Err(CaseError::NotPossible(_))), "a final state is final: {again:?}");
        dispatcher(&db, &world, mailer).run_once().await.unwrap();
        let mail = wait_for_mail(&maildir, &world.email);
        assert!(mail.contains(&format!("decided {number}")) && mail.contains("Granted"), "{mail}");

        // Both sides see the same timeline and the deadline met.
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        let official = world.engine.case_for_official(&db, &world.reviewer, &id).await.unwrap();
        let steps: Vec<&str> = case.timeline.iter().map(|event| event.kind.as_str()).collect();
        assert_eq!(steps, vec!["created", "document", "registered", "transition"]);
        assert_eq!(official.timeline.len(), case.timeline.len());
        assert!(case.summary.closed && case.summary.decided_at.is_some());
        assert_eq!(case.deadlines[0].status, "met");
        assert_eq!(case.deliveries.iter().filter(|d| d.status == "sent").count(), 6);
        let journal = actions(&db).await;
        assert!(journal.contains(&"case.submit".to_owned()) && journal.contains(&"case.transition".to_owned()));

        let stats = world.engine.stats(&db, Default::default()).await.unwrap();
        assert_eq!((stats[0].received, stats[0].decided, stats[0].within_deadline), (1, 1, Some(1.0)));
        assert_eq!(stats[0].median_days, Some(1.0));
    }

    // clause: LIC-4.4
    async fn the_same_submission_twice_is_one_application(db) {
        let world = world(&db, "idem").await;
        let now = world.clock.now();
        let data = form("Gəncə", "0501234567");
        let (id, number) = submitted(&db, &world, "same-key").await;
        let again = world
            .engine
            .submit(&db, who(&world.applicant), "lic.sample", None, &data, Some("same-key"), Lang::En, now)
            .await
            .unwrap();
        assert_eq!((again.id.as_str(), again.number.as_str(), again.fresh), (id.as_str(), number.as_str(), false));
        assert_eq!(world.engine.my_cases(&db, &world.applicant.user.id).await.unwrap().len(), 1);
        let (_, second) = submitted(&db, &world, "other-key").await;
        assert_eq!(second, "SMP-2026-000002", "numbers follow each other without gaps");
    }

    // clause: LIC-4.3
    async fn submission_names_every_missing_or_invalid_field(db) {
        let world = world(&db, "fields").await;
        let now = world.clock.now();
        let mut data = form("", "+7 999 123 45 67");
        data.insert("colour".into(), "red".into());
        let error = world
            .engine
            .submit(&db, who(&world.applicant), "lic.sample", None, &data, None, Lang::Az, now)
            .await
            .unwrap_err();
        let CaseError::Invalid(errors) = error else { panic!("{error:?}") };
        let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.code)).collect();
        assert_eq!(found, vec![("colour", "unknown"), ("address", "required"), ("phone", "phone"), ("lease", "document-required")]);
        assert!(world.engine.my_cases(&db, &world.applicant.user.id).await.unwrap().is_empty(), "nothing half-registered");
        // A draft keeps what was typed, even incomplete.
        let draft = world
            .engine
            .save_draft(&db, who(&world.applicant), "lic.sample", None, &form("Şəki", ""), Lang::Az, now)
            .await
            .unwrap();
        let saved = world.engine.case_for_applicant(&db, &world.applicant.user.id, &draft).await.unwrap();
        assert_eq!(saved.data.get("address").map(String::as_str), Some("Şəki"));
        assert_eq!(saved.summary.state, "draft");
        assert!(saved.summary.number.is_none());
    }

    // clause: LIC-5.2, LIC-5.3, LIC-5.4
    async fn a_deficiency_notice_pauses_the_review_and_the_fixes_resume_it(db) {
        let world = world(&db, "pause").await;
        let (id, _) = submitted(&db, &world, "k").await;
        world.clock.advance(2 * DAY); // Wednesday 25 November
        let missing = world.engine.act(&db, who(&world.reviewer), &id, "request_fixes", Some("  "), world.clock.now()).await;
        assert!(matches!(missing, Err(CaseError::ReasonRequired)));
        world.engine.act(&db, who(&world.reviewer), &id, "request_fixes", Some("The lease is unsigned."), world.clock.now()).await.unwrap();
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        let status: Vec<(String, String, String)> =
            case.deadlines.iter().map(|d| (d.name.clone(), d.due_on.to_string(), d.status.clone())).collect();
        assert!(status.contains(&("review".into(), "2026-11-30".into(), "paused".into())), "{status:?}");
        assert!(status.contains(&("fix".into(), "2026-11-30".into(), "open".into())), "{status:?}");
        // The applicant attaches a new version (the first is kept) and confirms on Wednesday 2 December.
        world.clock.advance(7 * DAY);
        let version = world.engine.attach(&db, who(&world.applicant), &id, "lease", "lease-signed.pdf", b"%PDF-1.4 signed", world.clock.now()).await.unwrap();
        assert_eq!(version, 2);
        world.engine.act(&db, who(&world.applicant), &id, "submit_fixes", None, world.clock.now()).await.unwrap();
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        let review = case.deadlines.iter().find(|d| d.name == "review").unwrap();
        // Three working days were left (26, 27, 30 Nov); counted again from 2 December: 7 December.
        assert_eq!((review.due_on.to_string().as_str(), review.status.as_str()), ("2026-12-07", "open"));
        assert_eq!(case.documents.iter().map(|d| d.version).collect::<Vec<_>>(), vec![1, 2]);
        let (_, _, first) = world.engine.document(&db, &world.reviewer, &id, "lease", 1).await.unwrap();
        assert_eq!(first, b"%PDF-1.4 lease", "the first version is never replaced");
    }

    // clause: LIC-5.5
    async fn deficiencies_not_removed_in_time_leave_the_application_unconsidered(db) {
        let world = world(&db, "expiry").await;
        let (id, number) = submitted(&db, &world, "k").await;
        let (untouched, _) = submitted(&db, &world, "k2").await;
        world.clock.advance(2 * DAY);
        world.engine.act(&db, who(&world.reviewer), &id, "request_fixes", Some("Missing stamp."), world.clock.now()).await.unwrap();
        // On the last day (Monday 30 November) nothing happens yet.
        world.clock.advance(5 * DAY);
        assert_eq!(world.engine.sweep(&db, world.clock.now()).await.unwrap(), pencere_cases::SweepReport::default());
        // The next morning the fixing period has passed: the act is automatic; the untouched case is flagged.
        world.clock.advance(DAY);
        let report = world.engine.sweep(&db, world.clock.now()).await.unwrap();
        assert_eq!((report.acted, report.flagged), (1, 1));
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(case.summary.state, "unconsidered");
        assert!(case.summary.closed);
        assert_eq!(case.timeline.last().unwrap().actor_name, None, "taken by the system");
        let flagged = world.engine.case_for_official(&db, &world.reviewer, &untouched).await.unwrap();
        assert!(flagged.summary.overdue);
        assert_eq!(flagged.summary.state, "registered", "a flag does not decide");
        assert_eq!(world.engine.sweep(&db, world.clock.now()).await.unwrap(), pencere_cases::SweepReport::default(), "each deadline once");
        let (mailer, maildir) = smtp();
        dispatcher(&db, &world, mailer).run_once().await.unwrap();
        let subjects = inbox_subjects(&db, &world.applicant.user.id).await;
        assert!(subjects.contains(&format!("[en] unconsidered {number}")), "{subjects:?}");
        // Drain the mails this test caused.
        for _ in 0..subjects.len() {
            wait_for_mail(&maildir, &world.email);
        }
        assert!(actions(&db).await.contains(&"case.overdue".to_owned()));
    }

    // clause: LIC-5.5
    async fn a_sweep_as_of_a_later_day_acts_now_and_its_notice_goes_out_at_once(db) {
        let world = world(&db, "asof").await;
        let (id, number) = submitted(&db, &world, "k").await;
        world.engine.act(&db, who(&world.reviewer), &id, "request_fixes", Some("Missing stamp."), world.clock.now()).await.unwrap();
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        let due = case.deadlines.iter().find(|d| d.name == "fix").unwrap().due_on;
        // As of the last day nothing happens; as of the next day the act is automatic, recorded now.
        let now = world.clock.now();
        let none = world.engine.sweep_as_of(&db, due, now).await.unwrap();
        assert_eq!(none, pencere_cases::SweepReport::default());
        let report = world.engine.sweep_as_of(&db, due.plus_days(1), now).await.unwrap();
        assert_eq!(report.acted, 1);
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(case.summary.state, "unconsidered");
        assert_eq!(case.timeline.last().unwrap().at, now, "recorded at the real time");
        // The real clock has not moved, and the notice is delivered at once.
        let (mailer, maildir) = smtp();
        dispatcher(&db, &world, mailer).run_once().await.unwrap();
        let subjects = inbox_subjects(&db, &world.applicant.user.id).await;
        assert!(subjects.contains(&format!("[en] unconsidered {number}")), "{subjects:?}");
        for _ in 0..subjects.len() {
            wait_for_mail(&maildir, &world.email);
        }
    }

    async fn deadlines_count_across_holidays_and_the_year_end(db) {
        let world = world(&db, "yearend").await;
        // Thursday 24 December 2026: 25, 28, 29, 30 December, then 31 December and 1–2 January are
        // holidays and 4 January replaces the Saturday holiday: the fifth working day is 5 January.
        world.clock.advance(31 * DAY);
        let (id, number) = submitted(&db, &world, "k").await;
        assert_eq!(number, "SMP-2026-000001");
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(case.deadlines[0].due_on.to_string(), "2027-01-05");
        // Registered on 4 January 2027 (a day off): numbering starts again with the year.
        world.clock.advance(11 * DAY);
        let (_, number) = submitted(&db, &world, "k2").await;
        assert_eq!(number, "SMP-2027-000001");
    }
}

both_backends! {
    // clause: LIC-5.6, LIC-5.7
    async fn the_competent_body_asks_another_body_and_the_answer_moves_the_case_on(db) {
        let world = world(&db, "opinion").await;
        let (id, _) = submitted(&db, &world, "k").await;
        world.engine.act(&db, who(&world.reviewer), &id, "ask_opinions", None, world.clock.now()).await.unwrap();
        let asked = world.engine.awaiting_opinion(&db, &world.rescuer).await.unwrap();
        assert_eq!(asked.iter().map(|case| case.id.as_str()).collect::<Vec<_>>(), vec![id.as_str()]);
        assert!(world.engine.awaiting_opinion(&db, &world.reviewer).await.unwrap().is_empty());
        // The body asked sees the application and its documents; nobody else answers for it.
        let seen = world.engine.case_for_official(&db, &world.rescuer, &id).await.unwrap();
        assert_eq!(seen.opinions[0].status, "pending");
        assert!(world.engine.document(&db, &world.rescuer, &id, "lease", 1).await.is_ok());
        for other in [&world.reviewer, &world.stranger, &world.applicant] {
            let refused = world.engine.answer_opinion(&db, who(other), &id, true, "ok", world.clock.now()).await;
            assert!(matches!(refused, Err(CaseError::NotFound)), "{refused:?}");
        }
        let empty = world.engine.answer_opinion(&db, who(&world.rescuer), &id, true, " ", world.clock.now()).await;
        assert!(matches!(empty, Err(CaseError::ReasonRequired)));
        world.clock.advance(DAY);
        world.engine.answer_opinion(&db, who(&world.rescuer), &id, true, "Fire exits comply.", world.clock.now()).await.unwrap();
        // The last answer moves the case back to the competent body by itself.
        let case = world.engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(case.summary.state, "registered");
        assert_eq!(case.opinions[0].status, "consent");
        assert_eq!(case.opinions[0].answer.as_deref(), Some("Fire exits comply."));
        let kinds: Vec<&str> = case.timeline.iter().map(|event| event.kind.as_str()).collect();
        assert_eq!(&kinds[kinds.len() - 3..], ["transition", "opinion", "transition"]);
        let again = world.engine.answer_opinion(&db, who(&world.rescuer), &id, false, "No.", world.clock.now()).await;
        assert!(matches!(again, Err(CaseError::Conflict)), "an answer is given once");
        assert!(world.engine.awaiting_opinion(&db, &world.rescuer).await.unwrap().is_empty());
        assert!(actions(&db).await.contains(&"case.opinion".to_owned()));
    }
}

// clause: LIC-4.4
#[tokio::test]
async fn a_server_killed_mid_delivery_delivers_after_restart_exactly_once() {
    for db in [pencere_testkit::TestDb::sqlite().await, pencere_testkit::TestDb::postgres().await] {
        let world = world(&db, "kill").await;
        let (_, number) = submitted(&db, &world, "k").await;
        // The first dispatcher delivers the inbox notice, then hangs on the e-mail and is killed.
        let hanging = dispatcher(&db, &world, Arc::new(Hang));
        let task = tokio::spawn(async move { hanging.run_once().await });
        for _ in 0..100 {
            if !inbox_subjects(&db, &world.applicant.user.id).await.is_empty() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        // After the restart the claimed e-mail is left alone until its lease runs out, then sent.
        let (mailer, maildir) = smtp();
        let restarted = dispatcher(&db, &world, mailer);
        assert_eq!(restarted.run_once().await.unwrap().sent, 0, "the e-mail is still leased");
        world.clock.advance(RetryPolicy::default().lease_seconds + 1);
        assert_eq!(restarted.run_once().await.unwrap().sent, 2, "the e-mail and the SMS claimed with it");
        let mail = wait_for_mail(&maildir, &world.email);
        assert!(mail.contains(&number));
        assert_eq!(restarted.run_once().await.unwrap().sent, 0);
        assert_eq!(inbox_subjects(&db, &world.applicant.user.id).await.len(), 1, "exactly once in the inbox");
    }
}

both_backends! {
    async fn failed_deliveries_back_off_then_become_dead_letters_an_operator_can_resend(db) {
        let world = world(&db, "dead").await;
        submitted(&db, &world, "k").await;
        let mut failing = dispatcher(&db, &world, Arc::new(Refuse));
        failing.policy.max_attempts = 2;
        let first = failing.run_once().await.unwrap();
        assert_eq!((first.sent, first.retried, first.dead), (2, 1, 0), "inbox and SMS sent, e-mail to retry");
        assert_eq!(failing.run_once().await.unwrap(), pencere_notify::DispatchReport::default(), "not before the backoff");
        world.clock.advance(failing.policy.delay_after(1));
        let second = failing.run_once().await.unwrap();
        assert_eq!((second.retried, second.dead), (0, 1));
        let mut tx = db.begin().await.unwrap();
        let dead = pencere_notify::dead_letters(&mut tx, 10, pencere_store::classified::Clearance::Cleared).await.unwrap();
        assert_eq!(dead.len(), 1);
        assert_eq!(dead[0].channel, "email");
        assert_eq!(dead[0].last_error.as_deref(), Some("550 mailbox unavailable"));
        assert!(pencere_notify::retry_dead(&mut tx, &dead[0].id, world.clock.now()).await.unwrap());
        tx.commit().await.unwrap();
        let (mailer, maildir) = smtp();
        assert_eq!(dispatcher(&db, &world, mailer).run_once().await.unwrap().sent, 1);
        wait_for_mail(&maildir, &world.email);
    }
}

/// A mail server that refuses every message.
#[derive(Debug)]
struct Refuse;

impl pencere_notify::mail::Mailer for Refuse {
    fn send(&self, _mail: pencere_notify::mail::Mail) -> pencere_notify::mail::SendResult<'_> {
        Box::pin(async { Err("550 mailbox unavailable".to_owned()) })
    }
}

/// A mail server that never answers.
#[derive(Debug)]
struct Hang;

impl pencere_notify::mail::Mailer for Hang {
    fn send(&self, _mail: pencere_notify::mail::Mail) -> pencere_notify::mail::SendResult<'_> {
        Box::pin(std::future::pending())
    }
}

fn callback(code: &str, provider_ref: &str, amount: &str, currency: &str) -> pencere_payments::Callback {
    pencere_payments::Callback {
        provider_ref: provider_ref.to_owned(),
        code: code.to_owned(),
        amount: amount.to_owned(),
        currency: currency.to_owned(),
    }
}

async fn billed(db: &Db, world: &World) -> (String, pencere_payments::Order) {
    let (id, _) = submitted(db, world, "key-pay").await;
    world.engine.act(db, who(&world.reviewer), &id, "bill", None, world.clock.now()).await.unwrap();
    let detail = world.engine.case_for_applicant(db, &world.applicant.user.id, &id).await.unwrap();
    assert_eq!(detail.summary.state, "awaiting_payment");
    assert_eq!(detail.payments.len(), 1);
    (id, detail.payments[0].clone())
}

both_backends! {
    // clause: LIC-5.10, LIC-3.6
    async fn a_decision_to_bill_writes_a_payment_order_and_tells_the_applicant_its_code(db) {
        let world = world(&db, "bill").await;
        let (_, order) = billed(&db, &world).await;
        assert!(pencere_payments::is_code(&order.code), "{}", order.code);
        assert_eq!(order.amount.to_string(), "550.00");
        assert_eq!(order.currency, "AZN");
        assert_eq!(order.beneficiary, "Dövlət Xəzinədarlıq Agentliyi");
        assert_eq!(order.status, pencere_payments::OrderStatus::Due);
        assert_eq!(order.payer_id, world.applicant.user.id);
        // The notice carries the code and the amount, on every channel.
        let mut tx = db.begin_read().await.unwrap();
        let pending = pencere_notify::deliveries(&mut tx, order.case_id.as_deref().unwrap()).await.unwrap();
        drop(tx);
        let channels: Vec<&str> =
            pending.iter().filter(|d| d.template == "payment-due").map(|d| d.channel.as_str()).collect();
        assert_eq!(channels.len(), 3, "cabinet, e-mail and SMS: {channels:?}");
        let (mailer, maildir) = smtp();
        dispatcher(&db, &world, mailer).run_once().await.unwrap();
        // Registration and the payment notice went out in this run: find the latter.
        let mails = [wait_for_mail(&maildir, &world.email), wait_for_mail(&maildir, &world.email)];
        let mail = mails.iter().find(|mail| mail.contains("Subject: [en] payment-due")).expect("the payment notice");
        assert!(mail.contains(&order.code), "{mail}");
        assert!(mail.contains("550.00 AZN"), "{mail}");
    }

    // clause: LIC-5.11, LIC-5.12
    async fn wrong_payments_are_refused_and_a_valid_one_moves_the_case_on_exactly_once(db) {
        let world = world(&db, "pay").await;
        let (id, order) = billed(&db, &world).await;
        let now = world.clock.now();
        let engine = &world.engine;

        for (bad, refusal) in [
            (callback(&order.code, "r-1", "549.99", "AZN"), pencere_payments::Refusal::WrongAmount),
            (callback(&order.code, "r-1", "550.00", "USD"), pencere_payments::Refusal::WrongCurrency),
            (callback("000000000000", "r-1", "550.00", "AZN"), pencere_payments::Refusal::UnknownCode),
        ] {
            let outcome = engine.confirm_payment(&db, "sandbox", &bad, "{}", now).await.unwrap();
            assert_eq!(outcome, Err(refusal));
        }
        let detail = engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(detail.summary.state, "awaiting_payment", "refused callbacks change nothing");
        assert_eq!(detail.payments[0].status, pencere_payments::OrderStatus::Due);

        // The same valid callback eight times at once: one payment, one transition, one notice.
        let good = callback(&order.code, "r-1", "550.00", "azn");
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (engine, db, good) = (engine.clone(), (*db).clone(), good.clone());
            tasks.push(tokio::spawn(async move { engine.confirm_payment(&db, "sandbox", &good, "{}", now).await }));
        }
        let mut paid = 0;
        for task in tasks {
            match task.await.unwrap().unwrap() {
                Ok(pencere_payments::Applied::Paid(_)) => paid += 1,
                Ok(pencere_payments::Applied::Duplicate(_)) => {}
                Err(refusal) => panic!("a valid callback was refused: {refusal:?}"),
            }
        }
        assert_eq!(paid, 1);
        let detail = engine.case_for_applicant(&db, &world.applicant.user.id, &id).await.unwrap();
        assert_eq!(detail.summary.state, "paid");
        assert_eq!(detail.payments[0].status, pencere_payments::OrderStatus::Paid);
        let moves = detail.timeline.iter().filter(|event| event.to_state.as_deref() == Some("paid")).count();
        assert_eq!(moves, 1);
        let notices = detail.deliveries.iter().filter(|d| d.template == "paid" && d.channel == "inbox").count();
        assert_eq!(notices, 1);

        // Another payment of an order already paid is refused, not counted twice.
        let second = callback(&order.code, "r-2", "550.00", "AZN");
        assert_eq!(
            engine.confirm_payment(&db, "sandbox", &second, "{}", now).await.unwrap(),
            Err(pencere_payments::Refusal::NotPayable)
        );

        let mut tx = db.begin_read().await.unwrap();
        let rows = pencere_payments::reconciliation(&mut tx, "sandbox", pencere_core::calendar::Date::in_baku(now))
            .await
            .unwrap();
        let log = pencere_payments::callbacks(&mut tx, "sandbox").await.unwrap();
        drop(tx);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].provider_ref, "r-1");
        assert_eq!(rows[0].case_number.as_deref(), detail.summary.number.as_deref());
        let csv = pencere_payments::reconciliation_csv(&rows);
        assert!(csv.lines().nth(1).unwrap().contains(&format!("r-1,{},{},550.00,AZN", order.code, rows[0].case_number.clone().unwrap())), "{csv}");
        let outcomes: Vec<&str> = log.iter().map(|(outcome, _)| outcome.as_str()).collect();
        assert_eq!(outcomes.iter().filter(|o| **o == "applied").count(), 1, "{outcomes:?}");
        assert_eq!(outcomes.iter().filter(|o| **o == "duplicate").count(), 7, "{outcomes:?}");
        for refusal in ["refused:wrong_amount", "refused:wrong_currency", "refused:unknown_code", "refused:not_payable"] {
            assert!(outcomes.contains(&refusal), "{refusal} in {outcomes:?}");
        }
        let journal = actions(&db).await;
        assert_eq!(journal.iter().filter(|a| *a == "payment.confirmed").count(), 1);
        assert_eq!(journal.iter().filter(|a| *a == "payment.refused").count(), 4);
    }
}

/// Renders a document as a few bytes naming its licence number: the engine's tests check what
/// the engine does with documents, not how they look (the renderer has its own tests).
struct NumberOnly;

impl pencere_cases::issuance::Paperwork for NumberOnly {
    fn render(
        &self,
        request: &pencere_cases::issuance::DocumentRequest<'_>,
    ) -> Result<pencere_cases::issuance::RenderedDocument, String> {
        Ok(pencere_cases::issuance::RenderedDocument {
            title: request.template.to_owned(),
            pdf: format!("%PDF-1.4 {} {}", request.licence.unwrap_or("-"), request.code).into_bytes(),
        })
    }
}

both_backends! {
    // clause: LIC-8.0.14
    async fn licence_numbers_run_per_body_without_gaps_when_officials_issue_at_once(db) {
        let mut world = world(&db, "numbers").await;
        world.engine = world.engine.clone().with_paperwork(Arc::new(NumberOnly));
        let mut cases = Vec::new();
        for index in 0..8 {
            cases.push(submitted(&db, &world, &format!("key-number-{index}")).await.0);
        }
        let now = world.clock.now();
        let mut running = Vec::new();
        for id in &cases {
            let (db, engine, reviewer, id) = (Db::clone(&db), world.engine.clone(), world.reviewer.clone(), id.clone());
            running.push(tokio::spawn(async move {
                engine.act(&db, who(&reviewer), &id, "issue", None, now).await
            }));
        }
        let mut documents = Vec::new();
        for task in running {
            documents.push(task.await.unwrap().unwrap().expect("the licence awaits its signature"));
        }
        let economy = {
            let mut tx = db.begin_read().await.unwrap();
            organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap()
        };
        let seqs = world.engine.registry_sequence(&db, &economy.id, "SMP").await.unwrap();
        assert_eq!(seqs, (1..=8).collect::<Vec<i64>>(), "one number each, none skipped");

        // A declined signature keeps the number with its case: preparing again prints the same one.
        let first = &documents[0];
        let (before, ..) = world.engine.issued_files(&db, who(&world.reviewer), first).await.unwrap();
        world.engine.decline_signature(&db, who(&world.reviewer), first, now).await.unwrap();
        let again = world.engine.act(&db, who(&world.reviewer), &before.case_id, "issue", None, now).await.unwrap();
        let (_, pdf, ..) = world.engine.issued_files(&db, who(&world.reviewer), &again.unwrap()).await.unwrap();
        let (_, old_pdf, ..) = world.engine.issued_files(&db, who(&world.reviewer), first).await.unwrap();
        let number_in = |pdf: &[u8]| String::from_utf8_lossy(pdf).split(' ').nth(1).unwrap().to_owned();
        assert_eq!(number_in(&pdf), number_in(&old_pdf));
        assert!(number_in(&pdf).starts_with("SMP-ECONOMY-00000"), "{}", number_in(&pdf));
        assert_eq!(world.engine.registry_sequence(&db, &economy.id, "SMP").await.unwrap().len(), 8);

        // Reserved numbers are not public until the licence is signed.
        let query = pencere_cases::registry::RegistryQuery::default();
        assert!(world.engine.registry_search(&db, &query).await.unwrap().is_empty());
        assert!(world.engine.registry_entry(&db, &number_in(&pdf), Default::default()).await.unwrap().is_none());
    }
}
