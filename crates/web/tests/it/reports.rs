//! The registry's reports and open data over HTTP: a sample tobacco registry of five entries
//! (one only reserved) in several regions and states, written straight into the tables; the
//! system's officer filters, groups and downloads the report (CSV, XLSX) and the entries, the
//! operator reports on everything, anyone else is refused; anyone downloads the open data set
//! and finds only the public registry's fields in it.

use std::io::Read;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use pencere_core::Timestamp;
use pencere_identity::{NewUser, UserKind, create_user, grant_role};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};
use pencere_store::{on_conn, sqlx};
use pencere_testkit::{TestDb, both_backends};
use pencere_web::{AppConfig, Portal, Services};

use super::auth::{Client, PASSWORD, add_people, api_login, with_client};
use crate::{Reply, TestApp};

const T0: Timestamp = Timestamp::from_micros(1_795_447_203_000_000);
/// An individual's FİN that the applications carry and the open data must not.
const FIN: &str = "6AB3C7D";
const SECRET_ADDRESS: &str = "Gizli küçə 5";

fn tob_portal() -> Portal {
    use pencere_core::Lang;
    use pencere_web::i18n::FtlSource;
    const MESSAGES: &[FtlSource] = &[
        FtlSource { lang: Lang::Az, name: "az", text: include_str!("sample-tob-az.ftl") },
        FtlSource { lang: Lang::En, name: "en", text: include_str!("sample-tob-en.ftl") },
        FtlSource { lang: Lang::Ru, name: "ru", text: include_str!("sample-tob-ru.ftl") },
    ];
    const CATALOG: &[pencere_web::CatalogSource] = &[pencere_web::CatalogSource {
        path: "tob/catalog/services/registration.toml",
        text: include_str!("catalog/tob-service.toml"),
    }];
    Portal {
        code: "tob",
        clause_prefix: "TOB",
        messages: MESSAGES,
        roles: &["tob.officer"],
        catalog: CATALOG,
        participation: None,
        maintenance: None,
    }
}

/// One entry: number, holder, VÖEN, region, activity, cigarettes, status, registration day and
/// its later acts.
type Fixture = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

const ENTRIES: &[Fixture] = &[
    ("TOB-ECONOMY-000001", "“Xəzər İmport” MMC", "1401234041", "baki", "import", "yes", "active", "2026-09-15", &[]),
    (
        "TOB-ECONOMY-000002",
        "“Gəncə Tütün” ASC",
        "1700340141",
        "gence-daskesen",
        "production",
        "yes",
        "active",
        "2026-10-02",
        &[],
    ),
    (
        "TOB-ECONOMY-000003",
        "“Lənkəran Tütün” MMC",
        "1300987061",
        "lenkeran-astara",
        "production",
        "no",
        "suspended",
        "2026-10-20",
        &[("2026-11-05", "suspended")],
    ),
    (
        "TOB-ECONOMY-000004",
        "“Şəki Tütün” ASC",
        "1500765021",
        "baki",
        "import_and_production",
        "no",
        "revoked",
        "2026-09-01",
        &[("2026-10-01", "suspended"), ("2026-10-15", "restored"), ("2026-11-10", "revoked")],
    ),
    // Numbered, awaiting its signature: in no report and no data set.
    ("TOB-ECONOMY-000005", "“Gizli” MMC", "1900000011", "baki", "import", "yes", "reserved", "", &[]),
];

/// Noon in Baku on a day.
fn noon(day: &str) -> i64 {
    let date = pencere_core::calendar::Date::parse(day).unwrap();
    let (year, month, day) = date.ymd();
    Timestamp::from_utc_date(year, month, day).unwrap().as_micros() + 8 * 3600 * 1_000_000
}

async fn user_id(app: &TestApp, login: &str) -> String {
    pencere_identity::find_user_by_login(app.state.db(), login).await.unwrap().unwrap().id
}

/// Writes the entries, their cases and their acts.
async fn seed(app: &TestApp) {
    let person = user_id(app, "person").await;
    let mut tx = app.state.db().begin().await.unwrap();
    let economy = organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap();
    for (index, (number, name, voen, region, activity, cigarettes, status, issued, acts)) in ENTRIES.iter().enumerate()
    {
        let case_id = format!("case-{index}");
        let entry_id = format!("entry-{index}");
        let data = format!("{{\"applicant_name\":\"{}\",\"fin\":\"{FIN}\"}}", name.replace('"', "\\\""));
        let details =
            format!("{{\"activity\":\"{activity}\",\"cigarettes\":\"{cigarettes}\",\"region\":\"{region}\"}}");
        let issued_on = (!issued.is_empty()).then_some(*issued);
        let at = issued_on.map_or(T0.as_micros(), noon);
        let changed = acts.last().map_or(at, |(day, _)| noon(day));
        on_conn!(tx.conn(), |conn, sql| {
            sqlx::query(&sql("INSERT INTO cases (id, number, service, applicant_id, body_org_id, state, lang, data, \
                 created_at, updated_at) VALUES ($1, $2, 'tob.registration', $3, $4, 'entered', 'az', $5, $6, $6)"))
            .bind(&case_id)
            .bind(format!("APP-{index}"))
            .bind(&person)
            .bind(&economy.id)
            .bind(&data)
            .bind(at)
            .execute(&mut *conn)
            .await
            .unwrap();
            sqlx::query(&sql("INSERT INTO registry_entries (id, number, seq, body_org_id, service, case_id, \
                 holder_user_id, holder_name, holder_voen, address, search_text, status, issued_on, reserved_at, \
                 updated_at, details) VALUES ($1, $2, $3, $4, 'tob.registration', $5, $6, $7, $8, $9, $10, $11, $12, \
                 $13, $14, $15)"))
            .bind(&entry_id)
            .bind(*number)
            .bind(i64::try_from(index).unwrap() + 1)
            .bind(&economy.id)
            .bind(&case_id)
            .bind(&person)
            .bind(*name)
            .bind(*voen)
            .bind(SECRET_ADDRESS)
            .bind(name.to_lowercase())
            .bind(*status)
            .bind(issued_on)
            .bind(at)
            .bind(changed)
            .bind(&details)
            .execute(&mut *conn)
            .await
            .unwrap();
        });
        let history: Vec<(String, i64)> = issued_on
            .map(|day| ("issued".to_owned(), noon(day)))
            .into_iter()
            .chain(acts.iter().map(|(day, kind)| ((*kind).to_owned(), noon(day))))
            .collect();
        for (n, (kind, at)) in history.into_iter().enumerate() {
            on_conn!(tx.conn(), |conn, sql| {
                sqlx::query(&sql("INSERT INTO registry_events (id, entry_id, at, kind) VALUES ($1, $2, $3, $4)"))
                    .bind(format!("event-{index}-{n}"))
                    .bind(&entry_id)
                    .bind(at)
                    .bind(&kind)
                    .execute(&mut *conn)
                    .await
                    .unwrap();
            });
        }
    }
    tx.commit().await.unwrap();
}

/// The app with the sample tobacco registry, its officer in the Ministry (`officer`) and an
/// officer of the same system in another body (`taxman`).
async fn reports_app(db: TestDb) -> TestApp {
    let mut portals = crate::test_portals();
    portals.push(tob_portal());
    let app =
        TestApp::with_portals(db, AppConfig { demo: true, ..AppConfig::default() }, Services::default(), portals).await;
    add_people(&app).await;
    let mut tx = app.state.db().begin().await.unwrap();
    let economy = organizations::find_by_code(&mut tx, "economy").await.unwrap().unwrap();
    let taxes = organizations::insert(
        &mut tx,
        &NewOrganization {
            code: "taxes",
            kind: OrganizationKind::Agency,
            voen: None,
            names: ["Vergilər Nazirliyi", "Ministry of Taxes", "Минналогов"],
        },
    )
    .await
    .unwrap();
    for (login, name, org) in [("officer", "Kənan Əhmədov", &economy.id), ("taxman", "Samir Qasımov", &taxes.id)] {
        let user = create_user(
            &mut tx,
            &NewUser {
                login,
                kind: UserKind::Official,
                fin: None,
                passport: None,
                email: None,
                phone: None,
                full_name: name,
                password: Some(PASSWORD),
            },
            T0,
            "test",
        )
        .await
        .unwrap();
        grant_role(&mut tx, &user.id, org, &"tob.officer".parse().unwrap(), None, T0).await.unwrap();
    }
    tx.commit().await.unwrap();
    seed(&app).await;
    app
}

async fn get_as(app: &TestApp, client: &Client, uri: &str) -> Reply {
    app.send(with_client(axum::http::Method::GET, uri, client, "")).await
}

async fn bytes_as(app: &TestApp, client: &Client, uri: &str) -> (StatusCode, Vec<u8>) {
    app.send_bytes(with_client(axum::http::Method::GET, uri, client, "")).await
}

/// The count in a report table's row for a key.
fn count_of(body: &str, key: &str) -> u64 {
    let marker = format!("data-key=\"{key}\">");
    let row = body.split(&marker).nth(1).unwrap_or_else(|| panic!("no row {key}: {body}"));
    let cell = row.split("<td>").nth(1).unwrap();
    cell.split('<').next().unwrap().parse().unwrap()
}

fn total_of(body: &str) -> u64 {
    let after = body.split("id=\"report-total\"").nth(1).unwrap();
    after.split("<strong>").nth(1).unwrap().split('<').next().unwrap().parse().unwrap()
}

/// A part of an XLSX workbook, as text.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX file is a zip archive");
    let mut part = archive.by_name(name).unwrap_or_else(|_| panic!("the workbook has {name}"));
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

both_backends! {
    // clause: TOB-3.1, TOB-3.2.3, TOB-1.3
    async fn the_officer_filters_and_groups_the_registry_and_downloads_csv_and_xlsx(db) {
        let app = reports_app(db).await;
        let officer = api_login(&app, "officer").await;

        // By default the entries are counted by the first recorded value: the region, every
        // region offered shown, the reserved entry nowhere.
        let page = get_as(&app, &officer, "/work/reports/tob").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert_eq!(total_of(&page.body), 4);
        assert_eq!(
            [count_of(&page.body, "baki"), count_of(&page.body, "gence-daskesen"), count_of(&page.body, "lenkeran-astara"), count_of(&page.body, "seki-zaqatala")],
            [2, 1, 1, 0]
        );
        assert!(page.body.contains("<th scope=\"row\">Gəncə-Daşkəsən</th>"), "labels from the catalog");
        // The chart is drawn on the server, named for assistive technology, beside the table.
        let chart = page.body.split("<svg").nth(1).expect("an inline SVG chart");
        assert!(chart.contains("role=\"img\"") && chart.contains("aria-labelledby=\"report-chart-title report-chart-desc\""));
        assert!(chart.contains("<title id=\"report-chart-title\">") && chart.contains("<desc id=\"report-chart-desc\">"));
        assert_eq!(chart.matches("class=\"bar\"").count(), 4);
        assert!(chart.contains("data-count=\"2\""));
        assert!(page.body.contains("id=\"report-table\""));

        // Filters: a region, counted by status; an activity, counted by the cigarettes answer.
        let baku = get_as(&app, &officer, "/work/reports/tob?region=baki&group=status").await.body;
        assert_eq!(total_of(&baku), 2);
        assert_eq!([count_of(&baku, "active"), count_of(&baku, "suspended"), count_of(&baku, "revoked")], [1, 0, 1]);
        let producers = get_as(&app, &officer, "/work/reports/tob?activity=production&group=cigarettes").await.body;
        assert_eq!([count_of(&producers, "yes"), count_of(&producers, "no")], [1, 1]);
        let active = get_as(&app, &officer, "/work/reports/tob?status=active&cigarettes=yes&group=region").await.body;
        assert_eq!(total_of(&active), 2);

        // A period on the registration day, or on the day of an act.
        let october = get_as(&app, &officer, "/work/reports/tob?from=2026-10-01&to=2026-10-31&group=status").await.body;
        assert_eq!(total_of(&october), 2, "000002 and 000003 were registered in October");
        let suspended = get_as(&app, &officer, "/work/reports/tob?basis=suspended&from=2026-11-01&to=2026-11-30&group=region").await.body;
        assert_eq!(total_of(&suspended), 1);
        assert_eq!(count_of(&suspended, "lenkeran-astara"), 1);
        let any_act = get_as(&app, &officer, "/work/reports/tob?basis=any&from=2026-10-10&to=2026-10-31&group=status").await.body;
        assert_eq!(total_of(&any_act), 2, "000003 registered, 000004 restored");
        let months = get_as(&app, &officer, "/work/reports/tob?group=month").await.body;
        assert_eq!([count_of(&months, "2026-09"), count_of(&months, "2026-10")], [2, 2]);


        // A wrong parameter is a field-level message, and no result.
        let wrong = get_as(&app, &officer, "/work/reports/tob?region=atlantis&from=01.10.2026").await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("id=\"region-error\"") && wrong.body.contains("id=\"from-error\""), "{}", wrong.body);
        assert!(!wrong.body.contains("id=\"report-table\""));
        let wrong_csv = get_as(&app, &officer, "/work/reports/tob/report.csv?to=tomorrow").await;
        assert_eq!(wrong_csv.status, StatusCode::UNPROCESSABLE_ENTITY);

        // The counts as CSV: a byte order mark, then the same rows, Azerbaijani letters intact.
        let (status, csv) = bytes_as(&app, &officer, "/work/reports/tob/report.csv?group=region").await;
        assert_eq!(status, StatusCode::OK);
        assert!(csv.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte order mark");
        let csv = String::from_utf8(csv[3..].to_vec()).unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "İqtisadi rayon,Qeydlər,\"Pay, %\"");
        assert_eq!(&lines[1..], ["Bakı,2,50.0", "Gəncə-Daşkəsən,1,25.0", "Lənkəran-Astara,1,25.0", "Şəki-Zaqatala,0,0.0", "Cəmi,4,100.0"]);
        let english = app
            .send({
                let mut request = with_client(axum::http::Method::GET, "/work/reports/tob/report.csv?region=baki&group=status", &officer, "");
                request.headers_mut().insert(header::ACCEPT_LANGUAGE, "en".parse().unwrap());
                request
            })
            .await;
        assert_eq!(english.header("content-type"), "text/csv; charset=utf-8");
        assert!(english.header("content-disposition").starts_with("attachment; filename=\"tob-report-status.csv\""));
        assert!(english.body.contains("\r\nIn force,1,50.0\r\nSuspended,0,0.0\r\nRevoked,1,50.0\r\n"), "{}", english.body);

        // The entries themselves, with their recorded values as labels.
        let (_, entries) = bytes_as(&app, &officer, "/work/reports/tob/entries.csv?region=baki").await;
        let entries = String::from_utf8(entries).unwrap();
        assert_eq!(entries.lines().count(), 3, "a header and two entries: {entries}");
        assert!(entries.contains("TOB-ECONOMY-000001,“Xəzər İmport” MMC,1401234041,Reyestrə daxil edilmə,Bakı,İdxal,Bəli,"), "{entries}");
        assert!(entries.contains("TOB-ECONOMY-000004") && !entries.contains("TOB-ECONOMY-000002"));
        assert!(!entries.contains("TOB-ECONOMY-000005"), "a reserved number is in no list");

        // The same report as an XLSX workbook: a zip whose sheets hold the values.
        let (status, xlsx) = bytes_as(&app, &officer, "/work/reports/tob/report.xlsx?group=region").await;
        assert_eq!(status, StatusCode::OK);
        let strings = xlsx_part(&xlsx, "xl/sharedStrings.xml");
        for label in ["İqtisadi rayon", "Bakı", "Gəncə-Daşkəsən", "Cəmi", "Ay"] {
            assert!(strings.contains(label), "{label} in {strings}");
        }
        let sheet = xlsx_part(&xlsx, "xl/worksheets/sheet1.xml");
        assert!(sheet.contains("<v>2</v>") && sheet.contains("<v>4</v>"), "{sheet}");
        let monthly = xlsx_part(&xlsx, "xl/worksheets/sheet2.xml");
        assert!(monthly.contains("<c r=\"A2\""), "the monthly sheet has rows: {monthly}");
        // The workbook says what was asked.
        let (_, asked) = bytes_as(&app, &officer, "/work/reports/tob/report.xlsx?region=baki&basis=suspended&from=2026-10-01").await;
        assert!(xlsx_part(&asked, "xl/workbook.xml").contains("name=\"Parametrlər\""));
        let strings = xlsx_part(&asked, "xl/sharedStrings.xml");
        assert!(strings.contains("Dayandırılma günü") && strings.contains("2026-10-01"), "{strings}");
        let (status, listed) = bytes_as(&app, &officer, "/work/reports/tob/entries.xlsx?cigarettes=no").await;
        assert_eq!(status, StatusCode::OK);
        let strings = xlsx_part(&listed, "xl/sharedStrings.xml");
        assert!(strings.contains("TOB-ECONOMY-000003") && strings.contains("TOB-ECONOMY-000004"));
        assert!(!strings.contains("TOB-ECONOMY-000001"));
    }

    // clause: TOB-5.1.9
    async fn the_report_counts_registrations_suspensions_restorations_and_cancellations_by_month(db) {
        let app = reports_app(db).await;
        let officer = api_login(&app, "officer").await;
        let page = get_as(&app, &officer, "/work/reports/tob").await.body;
        let row = |month: &str| -> Vec<u64> {
            let row = page.split(&format!("data-month=\"{month}\">")).nth(1).unwrap_or_else(|| panic!("{month}"));
            let row = row.split("</tr>").next().unwrap();
            row.split("<td>").skip(1).map(|cell| cell.split('<').next().unwrap().parse().unwrap()).collect()
        };
        // registered, suspended, restored, cancelled
        assert_eq!(row("2026-09"), [2, 0, 0, 0]);
        assert_eq!(row("2026-10"), [2, 1, 1, 0]);
        assert_eq!(row("2026-11"), [0, 1, 0, 1]);
        assert!(page.contains("id=\"monthly-chart\""), "drawn too");
        // The period bounds the months; the values chosen bound the entries.
        let november = get_as(&app, &officer, "/work/reports/tob?from=2026-11-01&region=baki").await.body;
        assert!(!november.contains("data-month=\"2026-10\""));
        let cells = november.split("data-month=\"2026-11\">").nth(1).unwrap().split("</tr>").next().unwrap();
        assert!(cells.ends_with("<td>0</td><td>0</td><td>0</td><td>1</td>"), "only 000004's cancellation: {cells}");
        let (_, xlsx) = bytes_as(&app, &officer, "/work/reports/tob/report.xlsx").await;
        assert!(xlsx_part(&xlsx, "xl/sharedStrings.xml").contains("2026-10"));
    }

    // clause: TOB-9.1.1
    async fn anyone_downloads_the_registry_as_open_data_with_only_its_public_fields(db) {
        let app = reports_app(db).await;
        let person = user_id(&app, "person").await;
        let page = app.get("/open-data").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(page.body.contains("id=\"tob-registry\"") && page.body.contains("href=\"/open-data/tob-registry/data.csv\""));
        assert!(page.body.contains("data-count=\"4\""));
        let by_region = page.body.split("id=\"tob-registry-by-region\"").nth(1).unwrap().split("</table>").next().unwrap();
        assert_eq!(count_of(by_region, "baki"), 2);
        assert_eq!(count_of(by_region, "seki-zaqatala"), 0);
        let by_status = page.body.split("id=\"tob-registry-by-status\"").nth(1).unwrap().split("</table>").next().unwrap();
        assert_eq!([count_of(by_status, "active"), count_of(by_status, "suspended"), count_of(by_status, "revoked")], [2, 1, 1]);
        let by_activity = page.body.split("id=\"tob-registry-by-activity\"").nth(1).unwrap().split("</table>").next().unwrap();
        assert_eq!(count_of(by_activity, "production"), 2);

        let csv = app.get("/open-data/tob-registry/data.csv").await;
        assert_eq!(csv.status, StatusCode::OK);
        assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
        assert!(!csv.body.starts_with('\u{feff}'), "machine-readable CSV carries no byte order mark");
        let lines: Vec<&str> = csv.body.split("\r\n").filter(|line| !line.is_empty()).collect();
        assert_eq!(lines[0], "number,name,voen,service,region,activity,cigarettes,status,registered_on,changed_at");
        assert_eq!(lines.len(), 5);
        assert!(lines[3].starts_with("TOB-ECONOMY-000003,“Lənkəran Tütün” MMC,1300987061,tob.registration,lenkeran-astara,production,no,suspended,2026-10-20,2026-11-05T08:00:00Z"), "{}", lines[3]);

        let json = app.get("/open-data/tob-registry/data.json").await;
        assert_eq!(json.status, StatusCode::OK);
        let json = json.json();
        assert_eq!(json["dataset"], "tob-registry");
        assert_eq!(json["schema_version"], 1);
        assert_eq!(json["licence"]["id"], "CC-BY-4.0");
        let records = json["records"].as_array().unwrap();
        assert_eq!(records.len(), 4);
        let columns: Vec<&str> = lines[0].split(',').collect();
        for record in records {
            let mut keys: Vec<&str> = record.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut expected = columns.clone();
            expected.sort_unstable();
            assert_eq!(keys, expected, "exactly the schema's columns");
        }
        assert_eq!(records[0]["number"], "TOB-ECONOMY-000001");
        assert_eq!(records[0]["region"], "baki");
        assert_eq!(records[0]["registered_on"], "2026-09-15");

        let schema = app.get("/open-data/tob-registry/schema.json").await.json();
        let names: Vec<&str> = schema["fields"].as_array().unwrap().iter().map(|field| field["name"].as_str().unwrap()).collect();
        assert_eq!(names, columns, "the schema documents every column, in order");
        let region = &schema["fields"][4];
        assert_eq!(region["constraints"]["enum"].as_array().unwrap().len(), 4);
        assert_eq!(region["labels"]["gence-daskesen"]["ru"], "Гянджа-Дашкесан");
        assert_eq!(schema["fields"][0]["description"]["en"], "The entry's number in the registry");

        // Nothing that is not public: no account, no case, no FİN, no address, no reserved number.
        let pieces = [page.body.clone(), csv.body.clone(), json.to_string(), schema.to_string()];
        for text in &pieces {
            for secret in [person.as_str(), "case-0", "entry-0", "APP-0", FIN, SECRET_ADDRESS, "TOB-ECONOMY-000005", "holder_user_id", "case_id"] {
                assert!(!text.contains(secret), "{secret} leaked");
            }
        }
        assert_eq!(app.get("/open-data/nothing/data.csv").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/open-data/nothing/data.json").await.status, StatusCode::NOT_FOUND);
        // The sample licences' registry is a data set of its own, without the tobacco entries.
        let lic = app.get("/open-data/lic-registry/data.csv").await;
        assert_eq!(lic.status, StatusCode::OK);
        assert!(!lic.body.contains("TOB-ECONOMY"));
        assert!(app.get("/").await.body.contains("href=\"/open-data\""), "linked from the home page");
        assert!(app.get("/systems/tob").await.body.contains("href=\"/open-data#tob-registry\""), "and the system's page");
    }
}

// clause: TOB-7.2.4
#[tokio::test]
async fn the_operator_reports_on_every_parameter_and_nobody_else_but_the_bodys_officers_may() {
    let app = reports_app(TestDb::sqlite().await).await;
    let operator = api_login(&app, "operator").await;
    for query in [
        "",
        "?group=month",
        "?group=status&basis=revoked",
        "?activity=import&cigarettes=yes&region=baki&status=active&from=2026-01-01&to=2026-12-31&group=activity",
    ] {
        let page = get_as(&app, &operator, &format!("/admin/reports/tob{query}")).await;
        assert_eq!(page.status, StatusCode::OK, "{query}: {}", page.body);
        assert!(
            page.body.contains("href=\"/admin/reports/tob/report.csv?"),
            "the downloads stay on the operator's path"
        );
    }
    assert_eq!(total_of(&get_as(&app, &operator, "/admin/reports/tob?group=status&basis=revoked").await.body), 1);
    for file in ["report.csv", "report.xlsx", "entries.csv", "entries.xlsx"] {
        assert_eq!(bytes_as(&app, &operator, &format!("/admin/reports/tob/{file}")).await.0, StatusCode::OK, "{file}");
    }

    // The registry's officers, and only those of the body that keeps it.
    let officer = api_login(&app, "officer").await;
    assert_eq!(get_as(&app, &officer, "/work/reports/tob").await.status, StatusCode::OK);
    assert_eq!(get_as(&app, &officer, "/admin/reports/tob").await.status, StatusCode::FORBIDDEN);
    for login in ["taxman", "reviewer", "person", "head"] {
        let client = api_login(&app, login).await;
        for path in [
            "/work/reports/tob",
            "/work/reports/tob/report.csv",
            "/work/reports/tob/entries.xlsx",
            "/admin/reports/tob",
        ] {
            let reply = get_as(&app, &client, path).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{login} on {path}");
            assert!(!reply.body.contains("TOB-ECONOMY"), "{login} on {path}");
        }
    }
    let anonymous = app.send(Request::get("/work/reports/tob/report.csv").body(Body::empty()).unwrap()).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/login"));
    // An unknown system, or one without a registry, is not found.
    assert_eq!(get_as(&app, &operator, "/admin/reports/zzz").await.status, StatusCode::NOT_FOUND);
}
