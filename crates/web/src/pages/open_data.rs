//! Open data (TOB-9.1.1): the public registries as data sets anyone downloads without logging
//! in, as CSV and JSON under a documented schema, with aggregate statistics.
//!
//! Each system whose services enter the unified registry has a data set `{code}-registry`: the
//! entries' number, holder, VÖEN, service, the values the services record (for the tobacco
//! registry: activity, cigarettes, economic region), status, registration day and last change —
//! only what `/registry` already shows, never the holder's account, the case or a FİN. The
//! schema (`schema.json`) names every column with its type, its meaning in az/en/ru and, for
//! coded values, each code's label; version [`SCHEMA_VERSION`] changes only when a column is
//! removed or changes meaning (a new column is added at the end). Data sets read through
//! [`AppState::read_db`].

use std::collections::BTreeMap;

use askama::Template;
use axum::Json;
use axum::extract::{OriginalUri, Path, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use pencere_cases::catalog::{Field, Service};
use pencere_cases::registry::EntryStatus;
use pencere_cases::reports::{self, ReportEntry};
use pencere_core::Lang;
use serde_json::{Value, json};

use super::cases::case_error;
use super::systems::SystemText;
use super::{Chrome, render};
use crate::AppState;
use crate::access::{Access, Routes, Viewer};
use crate::i18n::Tr;
use crate::middleware::UserLang;
use crate::problem::ApiError;
use crate::tables::{CSV, Cell, Table, download, to_csv};

/// The version of the data sets' schema.
pub const SCHEMA_VERSION: u32 = 1;

/// The licence the data sets are published under (SPDX id and its text). The regulation names
/// none; this is the platform's choice until the registry's owner decides (see OPERATIONS.md).
pub const LICENCE: (&str, &str) = ("CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/");

/// The routes, all public.
pub(crate) fn routes() -> Routes {
    Routes::default()
        .get("/open-data", Access::Public, get(open_data_page))
        .get("/open-data/{dataset}/data.csv", Access::Public, get(data_csv))
        .get("/open-data/{dataset}/data.json", Access::Public, get(data_json))
        .get("/open-data/{dataset}/schema.json", Access::Public, get(schema_json))
}

/// A data set: a system's registry.
struct Dataset<'a> {
    id: String,
    code: &'static str,
    services: Vec<&'a Service>,
    fields: Vec<&'a Field>,
}

fn datasets(state: &AppState) -> Vec<Dataset<'_>> {
    state
        .portals()
        .iter()
        .filter_map(|portal| {
            let services = reports::registry_services(state.engine().catalog(), portal.code);
            if services.is_empty() {
                return None;
            }
            let fields = reports::recorded_choices(&services);
            Some(Dataset { id: format!("{}-registry", portal.code), code: portal.code, services, fields })
        })
        .collect()
}

fn dataset<'a>(state: &'a AppState, id: &str) -> Result<Dataset<'a>, ApiError> {
    datasets(state)
        .into_iter()
        .find(|dataset| dataset.id == id)
        .ok_or_else(|| ApiError::not_found("open-data-no-dataset", vec![("dataset", id.to_owned())]))
}

/// A column of a data set.
struct Column<'a> {
    name: String,
    kind: &'static str,
    /// The message describing it, or the recorded field it carries.
    about: About<'a>,
}

enum About<'a> {
    Message(&'static str),
    Field(&'a Field),
}

impl Column<'_> {
    fn description(&self, lang: Lang, tr: &Tr<'_>) -> String {
        match &self.about {
            About::Message(id) => tr.t(id),
            About::Field(field) => field.label.get(lang).to_owned(),
        }
    }

    /// The coded values and their labels in a language, for a coded column.
    fn values(&self, lang: Lang, tr: &Tr<'_>) -> Vec<(String, String)> {
        match &self.about {
            About::Field(field) => {
                field.options.iter().map(|option| (option.value.clone(), option.label.get(lang).to_owned())).collect()
            }
            About::Message("open-data-column-status") => {
                [EntryStatus::Active, EntryStatus::Suspended, EntryStatus::Revoked]
                    .into_iter()
                    .map(|status| (status.as_str().to_owned(), tr.t(&format!("registry-status-{}", status.as_str()))))
                    .collect()
            }
            About::Message(_) => Vec::new(),
        }
    }
}

fn columns<'a>(dataset: &Dataset<'a>) -> Vec<Column<'a>> {
    let message = |name: &str, kind, id| Column { name: name.to_owned(), kind, about: About::Message(id) };
    let mut columns = vec![
        message("number", "string", "open-data-column-number"),
        message("name", "string", "open-data-column-name"),
        message("voen", "string", "open-data-column-voen"),
        message("service", "string", "open-data-column-service"),
    ];
    columns.extend(dataset.fields.iter().map(|field| Column {
        name: field.id.clone(),
        kind: "string",
        about: About::Field(field),
    }));
    columns.extend([
        message("status", "string", "open-data-column-status"),
        message("registered_on", "date", "open-data-column-registered-on"),
        message("changed_at", "datetime", "open-data-column-changed-at"),
    ]);
    columns
}

/// An entry's values, column by column (`None`: empty).
fn record(columns: &[Column<'_>], entry: &ReportEntry) -> Vec<Option<String>> {
    columns
        .iter()
        .map(|column| match (column.name.as_str(), &column.about) {
            (_, About::Field(field)) => entry.details.get(&field.id).cloned(),
            ("number", _) => Some(entry.number.clone()),
            ("name", _) => Some(entry.holder_name.clone()),
            ("voen", _) => entry.holder_voen.clone(),
            ("service", _) => Some(entry.service.clone()),
            ("status", _) => Some(entry.status.as_str().to_owned()),
            ("registered_on", _) => entry.issued_on.map(|day| day.to_string()),
            ("changed_at", _) => Some(entry.updated_at.to_string()),
            _ => None,
        })
        .collect()
}

async fn records(state: &AppState, dataset: &Dataset<'_>) -> Result<Vec<ReportEntry>, ApiError> {
    let ids: Vec<&str> = dataset.services.iter().map(|service| service.id.as_str()).collect();
    // Open data are public: nothing held by a person classified under VEIS-1.10.
    let public = pencere_store::classified::Clearance::NotCleared;
    let mut entries = reports::entries(state.read_db(), &ids, public).await.map_err(case_error)?;
    entries.sort_by(|a, b| a.number.cmp(&b.number));
    Ok(entries)
}

/// `GET /open-data/{dataset}/data.csv`: UTF-8 without a byte order mark, comma-separated, CRLF,
/// a header row of the schema's column names, coded values as codes.
pub(crate) async fn data_csv(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let dataset = dataset(&state, &id)?;
    let columns = columns(&dataset);
    let entries = records(&state, &dataset).await?;
    let table = Table {
        name: dataset.id.clone(),
        headers: columns.iter().map(|column| column.name.clone()).collect(),
        rows: entries
            .iter()
            .map(|entry| {
                record(&columns, entry).into_iter().map(|value| Cell::Text(value.unwrap_or_default())).collect()
            })
            .collect(),
    };
    Ok(download(to_csv(&table, false), CSV, &format!("{}.csv", dataset.id)))
}

fn licence_json() -> Value {
    json!({ "id": LICENCE.0, "url": LICENCE.1 })
}

/// `GET /open-data/{dataset}/data.json`: the records as JSON objects keyed by column name.
pub(crate) async fn data_json(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let dataset = dataset(&state, &id)?;
    let columns = columns(&dataset);
    let entries = records(&state, &dataset).await?;
    let records: Vec<Value> = entries
        .iter()
        .map(|entry| {
            let values = record(&columns, entry);
            Value::Object(
                columns.iter().zip(values).map(|(column, value)| (column.name.clone(), json!(value))).collect(),
            )
        })
        .collect();
    let body = json!({
        "dataset": dataset.id,
        "schema_version": SCHEMA_VERSION,
        "schema": format!("/open-data/{}/schema.json", dataset.id),
        "licence": licence_json(),
        "generated_at": state.clock().now().to_string(),
        "records": records,
    });
    Ok(Json(body).into_response())
}

fn in_every_language(text: impl Fn(Lang) -> String) -> Value {
    Value::Object(Lang::ALL.into_iter().map(|lang| (lang.as_str().to_owned(), Value::String(text(lang)))).collect())
}

/// `GET /open-data/{dataset}/schema.json`: every column's name, type, meaning and codes.
pub(crate) async fn schema_json(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let dataset = dataset(&state, &id)?;
    let portal = state.portal(dataset.code).ok_or_else(|| ApiError::not_found("open-data-no-dataset", Vec::new()))?;
    let columns = columns(&dataset);
    let tr = |lang: Lang| state.i18n().tr(lang);
    let fields: Vec<Value> = columns
        .iter()
        .map(|column| {
            let mut field = json!({
                "name": column.name,
                "type": column.kind,
                "description": in_every_language(|lang| column.description(lang, &tr(lang))),
            });
            let codes = column.values(Lang::Az, &tr(Lang::Az));
            if !codes.is_empty() {
                field["constraints"] =
                    json!({ "enum": codes.iter().map(|(code, _)| code.clone()).collect::<Vec<_>>() });
                field["labels"] = Value::Object(
                    codes
                        .iter()
                        .enumerate()
                        .map(|(index, (code, _))| {
                            let label = in_every_language(|lang| {
                                column
                                    .values(lang, &tr(lang))
                                    .get(index)
                                    .map(|(_, label)| label.clone())
                                    .unwrap_or_default()
                            });
                            (code.clone(), label)
                        })
                        .collect(),
                );
            }
            field
        })
        .collect();
    let body = json!({
        "dataset": dataset.id,
        "schema_version": SCHEMA_VERSION,
        "title": in_every_language(|lang| title(&tr(lang), portal)),
        "licence": licence_json(),
        "formats": {
            "csv": { "path": format!("/open-data/{}/data.csv", dataset.id), "encoding": "utf-8", "delimiter": ",", "header": true },
            "json": { "path": format!("/open-data/{}/data.json", dataset.id), "records": "records" },
        },
        "primaryKey": "number",
        "fields": fields,
    });
    Ok(Json(body).into_response())
}

fn title(tr: &Tr<'_>, portal: &crate::Portal) -> String {
    let name = SystemText::new(*tr, portal).get("name");
    tr.t_with("open-data-dataset-title", &[("system", name.into())])
}

struct ColumnView {
    name: String,
    kind: String,
    description: String,
    values: String,
}

struct StatsView {
    id: String,
    label: String,
    rows: Vec<(String, String, usize)>,
}

struct DatasetView {
    id: String,
    title: String,
    count: usize,
    columns: Vec<ColumnView>,
    stats: Vec<StatsView>,
}

#[derive(Template)]
#[template(path = "open_data.html")]
struct OpenDataPage<'a> {
    chrome: Chrome<'a>,
    datasets: Vec<DatasetView>,
    licence_id: &'static str,
    licence_url: &'static str,
}

/// Counts of the entries by a column's coded values, in the codes' order (codes counted none
/// shown too; values the catalog no longer offers after them).
fn stats_of(column: &Column<'_>, lang: Lang, tr: &Tr<'_>, index: usize, records: &[Vec<Option<String>>]) -> StatsView {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for record in records {
        *counts.entry(record.get(index).cloned().flatten().unwrap_or_default()).or_default() += 1;
    }
    let mut rows: Vec<(String, String, usize)> = column
        .values(lang, tr)
        .into_iter()
        .map(|(code, label)| {
            let count = counts.remove(&code).unwrap_or(0);
            (code, label, count)
        })
        .collect();
    rows.extend(counts.into_iter().map(|(code, count)| {
        let label = if code.is_empty() { tr.t("reports-unrecorded") } else { code.clone() };
        (code, label, count)
    }));
    let label = match &column.about {
        About::Field(field) => field.label.get(lang).to_owned(),
        About::Message(_) => tr.t("registry-status"),
    };
    StatsView { id: column.name.clone(), label, rows }
}

/// `GET /open-data`: the data sets, their schemas, downloads and aggregate statistics.
pub(crate) async fn open_data_page(
    State(state): State<AppState>,
    UserLang(lang): UserLang,
    OriginalUri(uri): OriginalUri,
    viewer: Viewer,
) -> Result<Response, ApiError> {
    let chrome = Chrome::new(&state, lang, uri.path(), &viewer);
    let tr = chrome.tr;
    let mut views = Vec::new();
    for dataset in datasets(&state) {
        let Some(portal) = state.portal(dataset.code) else { continue };
        let columns = columns(&dataset);
        let entries = records(&state, &dataset).await?;
        let records: Vec<Vec<Option<String>>> = entries.iter().map(|entry| record(&columns, entry)).collect();
        let stats = columns
            .iter()
            .enumerate()
            .filter(|(_, column)| !column.values(lang, &tr).is_empty())
            .map(|(index, column)| stats_of(column, lang, &tr, index, &records))
            .collect();
        views.push(DatasetView {
            title: title(&tr, portal),
            count: entries.len(),
            columns: columns
                .iter()
                .map(|column| ColumnView {
                    name: column.name.clone(),
                    kind: column.kind.to_owned(),
                    description: column.description(lang, &tr),
                    values: column
                        .values(lang, &tr)
                        .into_iter()
                        .map(|(code, label)| format!("{code} — {label}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                })
                .collect(),
            stats,
            id: dataset.id,
        });
    }
    Ok(render(&OpenDataPage { chrome, datasets: views, licence_id: LICENCE.0, licence_url: LICENCE.1 }))
}
