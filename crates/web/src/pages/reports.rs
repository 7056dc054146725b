//! The registry's reports subsystem (TOB-3.1, TOB-3.2.3, TOB-1.3, TOB-7.2.4) and its statistics
//! (TOB-5.1.9), for every system whose services enter the unified registry.
//!
//! `/work/reports/{code}` is for the system's officials (a `{code}.*` role in the body they act
//! for), who see the entries of the services their body decides; `/admin/reports/{code}` is the
//! operator's, over all of them. The parameters are the values the services record (for the
//! tobacco registry: activity, cigarettes, economic region), the status and a period read on the
//! registration day or on the day of an act; the result is counted by status, month or recorded
//! value and shown as a table with a bar chart beside it, with registrations, suspensions,
//! restorations and cancellations per month. The same rows download as CSV (with a byte order
//! mark, for spreadsheet programs) and XLSX, and so do the matching entries themselves.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use pencere_cases::catalog::{Field, Service};
use pencere_cases::registry::EntryStatus;
use pencere_cases::reports::{self, Basis, Grouping, MonthCounts, ReportEntry, ReportFilter};
use pencere_core::Lang;
use pencere_core::calendar::Date;
use pencere_identity::{ActiveSession, RoleName};

use super::cases::{baku_time, case_error};
use super::systems::SystemText;
use super::{Chrome, percent_encode, render_with_status};
use crate::AppState;
use crate::access::{Access, Authenticated, Routes, Viewer};
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::{ApiError, ProblemKind};
use crate::tables::{CSV, Cell, Chart, Table, XLSX, download, to_csv, to_xlsx};

/// The routes: the officials' under `/work/reports`, the operator's under `/admin/reports`.
pub(crate) fn routes() -> Routes {
    let mut routes = Routes::default();
    for (prefix, access) in
        [("/work/reports", Access::Official), ("/admin/reports", Access::Role(RoleName::PLATFORM_ADMIN))]
    {
        routes = routes
            .get(&format!("{prefix}/{{code}}"), access, get(report_page))
            .get(&format!("{prefix}/{{code}}/report.csv"), access, get(report_csv))
            .get(&format!("{prefix}/{{code}}/report.xlsx"), access, get(report_xlsx))
            .get(&format!("{prefix}/{{code}}/entries.csv"), access, get(entries_csv))
            .get(&format!("{prefix}/{{code}}/entries.xlsx"), access, get(entries_xlsx));
    }
    routes
}

/// What a caller may report on in a system: its registry services they may read, and the
/// values those services record.
struct Scope<'a> {
    code: &'static str,
    services: Vec<&'a Service>,
    fields: Vec<&'a Field>,
    /// Whether entries held by persons classified under VEIS-1.10 are counted and listed.
    clearance: pencere_store::classified::Clearance,
}

/// The system's registry services the caller may report on: all of them for the operator, the
/// ones decided by the body they act for, in a role of the system, for its officials.
fn scope<'a>(state: &'a AppState, code: &str, session: &ActiveSession) -> Result<Scope<'a>, ApiError> {
    let Some(portal) = state.portal(code) else {
        return Err(ApiError::not_found("problem-detail-no-system", vec![("code", code.to_owned())]));
    };
    let all = reports::registry_services(state.engine().catalog(), portal.code);
    if all.is_empty() {
        return Err(ApiError::not_found("problem-detail-no-system", vec![("code", code.to_owned())]));
    }
    let services: Vec<&Service> = if session.has_role(RoleName::PLATFORM_ADMIN) {
        all
    } else {
        let prefix = format!("{}.", portal.code);
        let bodies: Vec<&str> = session
            .acting_memberships()
            .filter(|membership| membership.role.as_str().starts_with(&prefix))
            .map(|membership| membership.organization.code.as_str())
            .collect();
        all.into_iter().filter(|service| bodies.contains(&service.competent_body.as_str())).collect()
    };
    if services.is_empty() {
        return Err(ApiError::new(ProblemKind::Forbidden));
    }
    let fields = reports::recorded_choices(&services);
    Ok(Scope { code: portal.code, services, fields, clearance: session.clearance() })
}

/// The report's parameters as read, with the fields that are wrong.
struct Asked {
    filter: ReportFilter,
    group: String,
    grouping: Grouping,
    /// The parameters given, to repeat in links.
    given: BTreeMap<String, String>,
    errors: Vec<(String, &'static str)>,
}

fn asked(params: &BTreeMap<String, String>, fields: &[&Field]) -> Asked {
    let value = |name: &str| params.get(name).map(|value| value.trim()).filter(|value| !value.is_empty());
    let mut errors = Vec::new();
    let mut given = BTreeMap::new();
    let status = value("status").and_then(|text| {
        given.insert("status".to_owned(), text.to_owned());
        let parsed = EntryStatus::parse(text);
        if parsed.is_none() {
            errors.push(("status".to_owned(), "registry-error-status"));
        }
        parsed
    });
    let basis = value("basis").map_or(Basis::Registered, |text| {
        given.insert("basis".to_owned(), text.to_owned());
        Basis::parse(text).unwrap_or_else(|| {
            errors.push(("basis".to_owned(), "reports-error-choice"));
            Basis::Registered
        })
    });
    let mut date = |name: &str| {
        value(name).and_then(|text| {
            given.insert(name.to_owned(), text.to_owned());
            let parsed = Date::parse(text);
            if parsed.is_none() {
                errors.push((name.to_owned(), "registry-error-date"));
            }
            parsed
        })
    };
    let from = date("from");
    let to = date("to");
    let mut details = BTreeMap::new();
    for field in fields {
        if let Some(text) = value(&field.id) {
            given.insert(field.id.clone(), text.to_owned());
            if field.options.iter().any(|option| option.value == text) {
                details.insert(field.id.clone(), text.to_owned());
            } else {
                errors.push((field.id.clone(), "reports-error-choice"));
            }
        }
    }
    let default_group = fields.first().map_or_else(|| "status".to_owned(), |field| field.id.clone());
    let group = value("group").map_or(default_group.clone(), str::to_owned);
    let grouping = match group.as_str() {
        "status" => Grouping::Status,
        "month" => Grouping::Month,
        id if fields.iter().any(|field| field.id == id) => Grouping::Field(id.to_owned()),
        _ => {
            errors.push(("group".to_owned(), "reports-error-choice"));
            Grouping::Status
        }
    };
    if params.contains_key("group") {
        given.insert("group".to_owned(), group.clone());
    }
    Asked { filter: ReportFilter { status, details, basis, from, to }, group, grouping, given, errors }
}

/// The label of a recorded value in the reader's language (the value itself when the catalog
/// no longer offers it).
pub(crate) fn value_label(tr: &Tr<'_>, lang: Lang, field: &Field, value: &str) -> String {
    if value.is_empty() {
        return tr.t("reports-unrecorded");
    }
    field
        .options
        .iter()
        .find(|option| option.value == value)
        .map_or_else(|| value.to_owned(), |o| o.label.get(lang).to_owned())
}

/// The counted groups in the order a reader expects: statuses in their order, months in time,
/// a field's values in the catalog's order (with those counted none), unrecorded last.
fn labelled_groups(
    tr: &Tr<'_>,
    lang: Lang,
    grouping: &Grouping,
    fields: &[&Field],
    mut counts: BTreeMap<String, usize>,
) -> Vec<(String, String, u64)> {
    let count = |n: Option<usize>| u64::try_from(n.unwrap_or(0)).unwrap_or(u64::MAX);
    match grouping {
        Grouping::Status => [EntryStatus::Active, EntryStatus::Suspended, EntryStatus::Revoked]
            .into_iter()
            .map(|status| {
                let key = status.as_str().to_owned();
                let n = counts.remove(&key);
                (key, tr.t(&format!("registry-status-{}", status.as_str())), count(n))
            })
            .collect(),
        Grouping::Month => counts.into_iter().map(|(month, n)| (month.clone(), month, count(Some(n)))).collect(),
        Grouping::Field(id) => {
            let Some(field) = fields.iter().find(|field| &field.id == id) else {
                return Vec::new();
            };
            let mut rows: Vec<(String, String, u64)> = field
                .options
                .iter()
                .map(|option| {
                    let n = counts.remove(&option.value);
                    (option.value.clone(), option.label.get(lang).to_owned(), count(n))
                })
                .collect();
            rows.extend(counts.into_iter().map(|(value, n)| {
                let label = value_label(tr, lang, field, &value);
                (value, label, count(Some(n)))
            }));
            rows
        }
    }
}

/// What a report computes, in the reader's language.
struct Computed {
    group_label: String,
    groups: Vec<(String, String, u64)>,
    total: u64,
    monthly: Vec<MonthCounts>,
    entries: Vec<ReportEntry>,
}

async fn compute(
    state: &AppState,
    tr: &Tr<'_>,
    lang: Lang,
    scope: &Scope<'_>,
    asked: &Asked,
) -> Result<Computed, ApiError> {
    let ids: Vec<&str> = scope.services.iter().map(|service| service.id.as_str()).collect();
    let all = reports::entries(state.read_db(), &ids, scope.clearance).await.map_err(case_error)?;
    let selected = asked.filter.select(&all);
    let counts = reports::count_by(&asked.filter, &selected, &asked.grouping);
    let groups = labelled_groups(tr, lang, &asked.grouping, &scope.fields, counts);
    // The statistics over time take the values and status asked for, and every act in the period.
    let valued: Vec<&ReportEntry> = all.iter().filter(|entry| asked.filter.matches_values(entry)).collect();
    let monthly = reports::monthly(&valued, asked.filter.from, asked.filter.to);
    let group_label = match &asked.grouping {
        Grouping::Status => tr.t("registry-status"),
        Grouping::Month => tr.t("reports-month"),
        Grouping::Field(id) => scope
            .fields
            .iter()
            .find(|field| &field.id == id)
            .map_or_else(String::new, |field| field.label.get(lang).to_owned()),
    };
    let total = u64::try_from(selected.len()).unwrap_or(u64::MAX);
    let entries = all.into_iter().filter(|entry| asked.filter.matches(entry)).collect();
    Ok(Computed { group_label, groups, total, monthly, entries })
}

fn share(count: u64, total: u64) -> String {
    if total == 0 {
        return "0.0".to_owned();
    }
    format!("{:.1}", count as f64 * 100.0 / total as f64)
}

fn summary_table(tr: &Tr<'_>, computed: &Computed) -> Table {
    let mut rows: Vec<Vec<Cell>> = computed
        .groups
        .iter()
        .map(|(_, label, count)| {
            vec![Cell::Text(label.clone()), Cell::Count(*count), Cell::Text(share(*count, computed.total))]
        })
        .collect();
    rows.push(vec![
        Cell::Text(tr.t("reports-total")),
        Cell::Count(computed.total),
        Cell::Text(share(computed.total, computed.total)),
    ]);
    Table {
        name: tr.t("reports-sheet-report"),
        headers: vec![computed.group_label.clone(), tr.t("reports-count"), tr.t("reports-share")],
        rows,
    }
}

fn monthly_table(tr: &Tr<'_>, monthly: &[MonthCounts]) -> Table {
    let count = |n: usize| Cell::Count(u64::try_from(n).unwrap_or(u64::MAX));
    Table {
        name: tr.t("reports-sheet-monthly"),
        headers: vec![
            tr.t("reports-month"),
            tr.t("reports-registered"),
            tr.t("reports-suspended"),
            tr.t("reports-restored"),
            tr.t("reports-revoked"),
        ],
        rows: monthly
            .iter()
            .map(|row| {
                vec![
                    Cell::Text(row.month.clone()),
                    count(row.registered),
                    count(row.suspended),
                    count(row.restored),
                    count(row.revoked),
                ]
            })
            .collect(),
    }
}

/// What the report was asked, for the workbook's last sheet: each parameter and its value as
/// the reader reads it ("any" for those not given).
fn parameters_table(tr: &Tr<'_>, lang: Lang, scope: &Scope<'_>, asked: &Asked) -> Table {
    let any = tr.t("registry-any");
    let mut rows: Vec<Vec<Cell>> = scope
        .fields
        .iter()
        .map(|field| {
            let value =
                asked.filter.details.get(&field.id).map_or_else(|| any.clone(), |v| value_label(tr, lang, field, v));
            vec![Cell::Text(field.label.get(lang).to_owned()), Cell::Text(value)]
        })
        .collect();
    let status =
        asked.filter.status.map_or_else(|| any.clone(), |status| tr.t(&format!("registry-status-{}", status.as_str())));
    let day = |day: Option<Date>| day.map_or_else(String::new, |day| day.to_string());
    rows.extend([
        vec![Cell::Text(tr.t("registry-status")), Cell::Text(status)],
        vec![
            Cell::Text(tr.t("reports-basis")),
            Cell::Text(tr.t(&format!("reports-basis-{}", asked.filter.basis.as_str()))),
        ],
        vec![Cell::Text(tr.t("reports-from")), Cell::Text(day(asked.filter.from))],
        vec![Cell::Text(tr.t("reports-to")), Cell::Text(day(asked.filter.to))],
    ]);
    Table {
        name: tr.t("reports-sheet-parameters"),
        headers: vec![tr.t("reports-parameter"), tr.t("reports-value")],
        rows,
    }
}

fn entries_table(state: &AppState, tr: &Tr<'_>, lang: Lang, scope: &Scope<'_>, entries: &[ReportEntry]) -> Table {
    let mut headers =
        vec![tr.t("registry-number"), tr.t("registry-holder"), tr.t("registry-voen"), tr.t("registry-activity")];
    headers.extend(scope.fields.iter().map(|field| field.label.get(lang).to_owned()));
    headers.extend([tr.t("registry-status"), tr.t("reports-registered-on"), tr.t("reports-changed-at")]);
    let catalog = state.engine().catalog();
    let rows = entries
        .iter()
        .map(|entry| {
            let service =
                catalog.service(&entry.service).map_or_else(|| entry.service.clone(), |s| s.name.get(lang).to_owned());
            let mut row = vec![
                Cell::Text(entry.number.clone()),
                Cell::Text(entry.holder_name.clone()),
                Cell::Text(entry.holder_voen.clone().unwrap_or_default()),
                Cell::Text(service),
            ];
            row.extend(scope.fields.iter().map(|field| {
                let value = entry.details.get(&field.id).map_or("", String::as_str);
                Cell::Text(if value.is_empty() { String::new() } else { value_label(tr, lang, field, value) })
            }));
            row.extend([
                Cell::Text(tr.t(&format!("registry-status-{}", entry.status.as_str()))),
                Cell::Text(entry.issued_on.map(|day| day.to_string()).unwrap_or_default()),
                Cell::Text(baku_time(entry.updated_at)),
            ]);
            row
        })
        .collect();
    Table { name: tr.t("reports-sheet-entries"), headers, rows }
}

/// A `<select>` of the form.
struct SelectView {
    id: String,
    label: String,
    error: Option<String>,
    any: bool,
    options: Vec<(String, String, bool)>,
}

struct DateView {
    id: &'static str,
    label: String,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "reports.html")]
struct ReportsPage<'a> {
    chrome: Chrome<'a>,
    code: &'static str,
    system: String,
    base: String,
    query: String,
    selects: Vec<SelectView>,
    dates: Vec<DateView>,
    errors: Vec<(String, String)>,
    group_label: String,
    groups: Vec<(String, String, u64, String)>,
    total: u64,
    chart: Chart,
    monthly: Vec<MonthCounts>,
    monthly_chart: Chart,
}

fn base_path(path: &str, code: &str) -> String {
    let prefix = if path.starts_with("/admin/") { "/admin/reports" } else { "/work/reports" };
    format!("{prefix}/{code}")
}

fn query_string(given: &BTreeMap<String, String>) -> String {
    given
        .iter()
        .map(|(name, value)| format!("{}={}", percent_encode(name), percent_encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn selects(tr: &Tr<'_>, lang: Lang, scope: &Scope<'_>, asked: &Asked) -> Vec<SelectView> {
    let chosen = |name: &str, value: &str| asked.given.get(name).is_some_and(|given| given == value);
    let mut selects: Vec<SelectView> = scope
        .fields
        .iter()
        .map(|field| SelectView {
            id: field.id.clone(),
            label: field.label.get(lang).to_owned(),
            error: None,
            any: true,
            options: field
                .options
                .iter()
                .map(|option| {
                    (option.value.clone(), option.label.get(lang).to_owned(), chosen(&field.id, &option.value))
                })
                .collect(),
        })
        .collect();
    selects.push(SelectView {
        id: "status".to_owned(),
        label: tr.t("registry-status"),
        error: None,
        any: true,
        options: [EntryStatus::Active, EntryStatus::Suspended, EntryStatus::Revoked]
            .into_iter()
            .map(|status| {
                let value = status.as_str();
                (value.to_owned(), tr.t(&format!("registry-status-{value}")), chosen("status", value))
            })
            .collect(),
    });
    selects.push(SelectView {
        id: "basis".to_owned(),
        label: tr.t("reports-basis"),
        error: None,
        any: false,
        options: Basis::ALL
            .into_iter()
            .map(|basis| {
                let value = basis.as_str();
                (value.to_owned(), tr.t(&format!("reports-basis-{value}")), basis == asked.filter.basis)
            })
            .collect(),
    });
    let mut groups: Vec<(String, String, bool)> = scope
        .fields
        .iter()
        .map(|field| (field.id.clone(), field.label.get(lang).to_owned(), asked.group == field.id))
        .collect();
    groups.push(("status".to_owned(), tr.t("registry-status"), asked.group == "status"));
    groups.push(("month".to_owned(), tr.t("reports-month"), asked.group == "month"));
    selects.push(SelectView {
        id: "group".to_owned(),
        label: tr.t("reports-group"),
        error: None,
        any: false,
        options: groups,
    });
    for select in &mut selects {
        select.error = asked.errors.iter().find(|(field, _)| *field == select.id).map(|(_, message)| tr.t(message));
    }
    selects
}

/// `GET /work/reports/{code}` and `/admin/reports/{code}`: the report page.
pub(crate) async fn report_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    OriginalUri(uri): OriginalUri,
    viewer: Viewer,
    Authenticated(session): Authenticated,
    Path(code): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let scope = scope(&state, &code, &session)?;
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    let tr = chrome.tr;
    let asked = asked(&params, &scope.fields);
    let portal = state.portal(scope.code).ok_or_else(|| ApiError::new(ProblemKind::NotFound))?;
    let system = SystemText::new(tr, portal).get("name");
    let errors: Vec<(String, String)> =
        asked.errors.iter().map(|(field, message)| (field.clone(), tr.t(message))).collect();
    let date_error = |id: &str| errors.iter().find(|(field, _)| field == id).map(|(_, message)| message.clone());
    let dates = [("from", "reports-from"), ("to", "reports-to")]
        .into_iter()
        .map(|(id, label)| DateView {
            id,
            label: tr.t(label),
            value: asked.given.get(id).cloned().unwrap_or_default(),
            error: date_error(id),
        })
        .collect();
    let selects = selects(&tr, lang, &scope, &asked);
    let base = base_path(uri.path(), scope.code);
    let query = query_string(&asked.given);
    let computed = if asked.errors.is_empty() { Some(compute(&state, &tr, lang, &scope, &asked).await?) } else { None };
    let (group_label, groups, total, monthly) = match &computed {
        Some(computed) => (
            computed.group_label.clone(),
            computed
                .groups
                .iter()
                .map(|(key, label, count)| (key.clone(), label.clone(), *count, share(*count, computed.total)))
                .collect(),
            computed.total,
            computed.monthly.clone(),
        ),
        None => (String::new(), Vec::new(), 0, Vec::new()),
    };
    let bars: Vec<(String, u64)> = groups.iter().map(|(_, label, count, _)| (label.clone(), *count)).collect();
    let chart = Chart::new(
        "report-chart",
        tr.t_with("reports-chart-title", &[("group", group_label.clone().into())]),
        tr.t_with("reports-chart-description", &[("group", group_label.clone().into()), ("total", total.into())]),
        &bars,
    );
    let month_bars: Vec<(String, u64)> =
        monthly.iter().map(|row| (row.month.clone(), u64::try_from(row.registered).unwrap_or(u64::MAX))).collect();
    let monthly_chart = Chart::new(
        "monthly-chart",
        tr.t("reports-monthly-chart-title"),
        tr.t("reports-monthly-chart-description"),
        &month_bars,
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = ReportsPage {
        code: scope.code,
        system,
        base,
        query,
        selects,
        dates,
        errors,
        group_label,
        groups,
        total,
        chart,
        monthly,
        monthly_chart,
        chrome,
    };
    Ok(render_with_status(&page, status))
}

/// The report's parameters and results for a download, or 422 when a parameter is wrong.
async fn for_download<'a>(
    state: &'a AppState,
    tr: &Tr<'_>,
    lang: Lang,
    session: &ActiveSession,
    code: &str,
    params: &BTreeMap<String, String>,
) -> Result<(Scope<'a>, Asked, Computed), ApiError> {
    let scope = scope(state, code, session)?;
    let asked = asked(params, &scope.fields);
    if let Some((field, message)) = asked.errors.first() {
        return Err(ApiError::validation(vec![crate::problem::FieldError {
            field: field.clone(),
            message_id: message,
        }]));
    }
    let computed = compute(state, tr, lang, &scope, &asked).await?;
    Ok((scope, asked, computed))
}

fn file_name(code: &str, what: &str, asked: &Asked, extension: &str) -> String {
    format!("{code}-{what}-{}.{extension}", asked.group)
}

/// `GET …/{code}/report.csv`: the counts as CSV.
pub(crate) async fn report_csv(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    Path(code): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let tr = state.i18n().tr(lang);
    let (scope, asked, computed) = for_download(&state, &tr, lang, &session, &code, &params).await?;
    let csv = to_csv(&summary_table(&tr, &computed), true);
    Ok(download(csv, CSV, &file_name(scope.code, "report", &asked, "csv")))
}

/// `GET …/{code}/report.xlsx`: the counts and the monthly statistics as a workbook.
pub(crate) async fn report_xlsx(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    Path(code): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let tr = state.i18n().tr(lang);
    let (scope, asked, computed) = for_download(&state, &tr, lang, &session, &code, &params).await?;
    let parameters = parameters_table(&tr, lang, &scope, &asked);
    let xlsx = to_xlsx(&[&summary_table(&tr, &computed), &monthly_table(&tr, &computed.monthly), &parameters])?;
    Ok(download(xlsx, XLSX, &file_name(scope.code, "report", &asked, "xlsx")))
}

/// `GET …/{code}/entries.csv`: the entries the filters select, with their recorded values.
pub(crate) async fn entries_csv(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    Path(code): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let tr = state.i18n().tr(lang);
    let (scope, _, computed) = for_download(&state, &tr, lang, &session, &code, &params).await?;
    let csv = to_csv(&entries_table(&state, &tr, lang, &scope, &computed.entries), true);
    Ok(download(csv, CSV, &format!("{}-entries.csv", scope.code)))
}

/// `GET …/{code}/entries.xlsx`: the same as a workbook.
pub(crate) async fn entries_xlsx(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    Authenticated(session): Authenticated,
    Path(code): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
) -> Result<Response, ApiError> {
    let tr = state.i18n().tr(lang);
    let (scope, asked, computed) = for_download(&state, &tr, lang, &session, &code, &params).await?;
    let parameters = parameters_table(&tr, lang, &scope, &asked);
    let xlsx = to_xlsx(&[&entries_table(&state, &tr, lang, &scope, &computed.entries), &parameters])?;
    Ok(download(xlsx, XLSX, &format!("{}-entries.xlsx", scope.code)))
}
