//! Reports and statistics over the unified registry (TOB-1.3, TOB-3.2.3, TOB-5.1.9, TOB-7.2.4),
//! and what its open data sets are made of (TOB-9.1.1).
//!
//! A report reads the public entries of a system's registry services with the values their
//! services record (`registry = true` fields: the tobacco registry's activity, cigarettes and
//! economic region) and the acts in their history, then filters and counts them in memory: by
//! status, by recorded value, and by a period on the registration day or on the day of an act
//! (suspension, restoration, cancellation). Statistics count registrations and acts per month.
//!
//! Invariant: no HTTP, no Fluent; labels are the catalog's. SQL only in `store.rs`.

mod store;

use std::collections::BTreeMap;

use pencere_core::Timestamp;
use pencere_core::calendar::Date;
use pencere_store::Db;

use crate::CaseError;
use crate::catalog::{Catalog, Field, FieldKind, RegistryAction, Service};
use crate::registry::EntryStatus;

/// An act in an entry's history, as reports count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Act {
    /// The day it took effect (Baku).
    pub day: Date,
    /// `issued`, `suspended`, `restored`, `revoked`, `reissued`, …
    pub kind: String,
}

/// A public registry entry as reports and open data read it: only what the public registry
/// shows (never the holder's user id, the case, or an individual's FİN).
#[derive(Clone, Debug)]
pub struct ReportEntry {
    /// The number (`TOB-ECONOMY-000001`).
    pub number: String,
    /// The service.
    pub service: String,
    /// The issuing body (organization id).
    pub body_org_id: String,
    /// The holder's name.
    pub holder_name: String,
    /// The holder's VÖEN.
    pub holder_voen: Option<String>,
    /// Its status.
    pub status: EntryStatus,
    /// The registration day.
    pub issued_on: Option<Date>,
    /// When the entry last changed.
    pub updated_at: Timestamp,
    /// The values its service records in the registry, by field id.
    pub details: BTreeMap<String, String>,
    /// Its acts, oldest first.
    pub acts: Vec<Act>,
}

/// The services of a system whose cases end in the registry (a workflow transition enters them).
pub fn registry_services<'a>(catalog: &'a Catalog, system: &'a str) -> Vec<&'a Service> {
    catalog
        .services_of(system)
        .filter(|service| {
            catalog.workflow(&service.workflow).is_some_and(|workflow| {
                workflow.transitions.iter().any(|transition| transition.registry == Some(RegistryAction::Issue))
            })
        })
        .collect()
}

/// The fields the services record in the registry that take one of a list of values (what a
/// report filters and groups by), each once, in the catalog's order.
pub fn recorded_choices<'a>(services: &[&'a Service]) -> Vec<&'a Field> {
    let mut fields: Vec<&Field> = Vec::new();
    for field in services.iter().flat_map(|service| service.fields.iter()) {
        if field.registry && field.kind == FieldKind::Choice && !fields.iter().any(|known| known.id == field.id) {
            fields.push(field);
        }
    }
    fields
}

/// The public entries of the services, with their acts, in the registry's order; those held by
/// persons classified under VEIS-1.10 only for a cleared caller.
pub async fn entries(
    db: &Db,
    services: &[&str],
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<ReportEntry>, CaseError> {
    let mut tx = db.begin_read().await?;
    let rows = store::entries_of(&mut tx, services, clearance).await?;
    let events = store::events_of(&mut tx, services, clearance).await?;
    drop(tx);
    let mut acts: BTreeMap<String, Vec<Act>> = BTreeMap::new();
    for (entry_id, at, kind) in events {
        acts.entry(entry_id).or_default().push(Act { day: Date::in_baku(Timestamp::from_micros(at)), kind });
    }
    Ok(rows
        .into_iter()
        .map(|row| ReportEntry {
            acts: acts.remove(&row.id).unwrap_or_default(),
            number: row.number,
            service: row.service,
            body_org_id: row.body_org_id,
            holder_name: row.holder_name,
            holder_voen: row.holder_voen,
            status: EntryStatus::parse(&row.status).unwrap_or(EntryStatus::Active),
            issued_on: row.issued_on.as_deref().and_then(Date::parse),
            updated_at: Timestamp::from_micros(row.updated_at),
            details: serde_json::from_str(&row.details).unwrap_or_default(),
        })
        .collect())
}

/// Which day a report's period is read on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Basis {
    /// The registration day.
    #[default]
    Registered,
    /// The day of a suspension.
    Suspended,
    /// The day of a restoration.
    Restored,
    /// The day of a cancellation.
    Revoked,
    /// The day of any act in the history.
    AnyAct,
}

impl Basis {
    /// Every basis, in the order forms offer them.
    pub const ALL: [Basis; 5] = [Basis::Registered, Basis::Suspended, Basis::Restored, Basis::Revoked, Basis::AnyAct];

    /// Its name in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Registered => "registered",
            Basis::Suspended => "suspended",
            Basis::Restored => "restored",
            Basis::Revoked => "revoked",
            Basis::AnyAct => "any",
        }
    }

    /// Reads a basis name.
    pub fn parse(text: &str) -> Option<Basis> {
        Basis::ALL.into_iter().find(|basis| basis.as_str() == text)
    }
}

/// What a report selects; every part optional.
#[derive(Clone, Debug, Default)]
pub struct ReportFilter {
    /// The status.
    pub status: Option<EntryStatus>,
    /// Recorded values the entry must have, by field id.
    pub details: BTreeMap<String, String>,
    /// Which day the period is read on.
    pub basis: Basis,
    /// The period's first day.
    pub from: Option<Date>,
    /// The period's last day.
    pub to: Option<Date>,
}

impl ReportFilter {
    fn in_period(&self, day: Date) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// Whether the entry has the status and recorded values asked for (the period aside).
    pub fn matches_values(&self, entry: &ReportEntry) -> bool {
        self.status.is_none_or(|status| entry.status == status)
            && self.details.iter().all(|(field, value)| entry.details.get(field) == Some(value))
    }

    /// The day that puts the entry in the period: its registration day, or the first act of the
    /// basis' kind within the period; `None` when there is none.
    pub fn day_of(&self, entry: &ReportEntry) -> Option<Date> {
        let kind = match self.basis {
            Basis::Registered => return entry.issued_on.filter(|day| self.in_period(*day)),
            Basis::Suspended => Some("suspended"),
            Basis::Restored => Some("restored"),
            Basis::Revoked => Some("revoked"),
            Basis::AnyAct => None,
        };
        entry
            .acts
            .iter()
            .filter(|act| kind.is_none_or(|kind| act.kind == kind))
            .map(|act| act.day)
            .find(|day| self.in_period(*day))
    }

    /// Whether the entry is in the report.
    pub fn matches(&self, entry: &ReportEntry) -> bool {
        self.matches_values(entry) && self.day_of(entry).is_some()
    }

    /// The entries in the report, in their order.
    pub fn select<'a>(&self, entries: &'a [ReportEntry]) -> Vec<&'a ReportEntry> {
        entries.iter().filter(|entry| self.matches(entry)).collect()
    }
}

/// What a report counts by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// The status.
    Status,
    /// The month of the day that puts the entry in the period (`YYYY-MM`).
    Month,
    /// A recorded value (the field id).
    Field(String),
}

/// The month of a day, `YYYY-MM`.
pub fn month_of(day: Date) -> String {
    let (year, month, _) = day.ymd();
    format!("{year:04}-{month:02}")
}

/// Every month from `first` to `last`, both included.
pub fn months_between(first: &str, last: &str) -> Vec<String> {
    let parse = |text: &str| -> Option<(i64, u32)> {
        let (year, month) = text.split_once('-')?;
        Some((year.parse().ok()?, month.parse().ok()?))
    };
    let (Some(mut at), Some(end)) = (parse(first), parse(last)) else {
        return Vec::new();
    };
    let mut months = Vec::new();
    while at <= end && months.len() < 1200 {
        months.push(format!("{:04}-{:02}", at.0, at.1));
        at = if at.1 == 12 { (at.0 + 1, 1) } else { (at.0, at.1 + 1) };
    }
    months
}

/// The report's counts by key: a status name, a month or a recorded value (`""` for entries
/// that record none). Months run without gaps from the first to the last.
pub fn count_by(filter: &ReportFilter, entries: &[&ReportEntry], grouping: &Grouping) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for entry in entries {
        let key = match grouping {
            Grouping::Status => entry.status.as_str().to_owned(),
            Grouping::Month => match filter.day_of(entry) {
                Some(day) => month_of(day),
                None => continue,
            },
            Grouping::Field(field) => entry.details.get(field).cloned().unwrap_or_default(),
        };
        *counts.entry(key).or_default() += 1;
    }
    if *grouping == Grouping::Month
        && let (Some(first), Some(last)) = (counts.keys().next().cloned(), counts.keys().next_back().cloned())
    {
        for month in months_between(&first, &last) {
            counts.entry(month).or_default();
        }
    }
    counts
}

/// Registrations and acts in one month (TOB-5.1.9).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthCounts {
    /// `YYYY-MM`.
    pub month: String,
    /// Entries registered.
    pub registered: usize,
    /// Suspensions.
    pub suspended: usize,
    /// Restorations.
    pub restored: usize,
    /// Cancellations.
    pub revoked: usize,
}

/// Registrations (by registration day) and suspensions, restorations and cancellations (by the
/// day of the act) per month within the period, months without gaps.
pub fn monthly(entries: &[&ReportEntry], from: Option<Date>, to: Option<Date>) -> Vec<MonthCounts> {
    let in_period = |day: Date| from.is_none_or(|from| day >= from) && to.is_none_or(|to| day <= to);
    let mut counts: BTreeMap<String, MonthCounts> = BTreeMap::new();
    let mut bump = |day: Date, pick: fn(&mut MonthCounts) -> &mut usize| {
        let month = month_of(day);
        let row = counts.entry(month.clone()).or_insert_with(|| MonthCounts { month, ..MonthCounts::default() });
        *pick(row) += 1;
    };
    for entry in entries {
        if let Some(day) = entry.issued_on.filter(|day| in_period(*day)) {
            bump(day, |row| &mut row.registered);
        }
        for act in entry.acts.iter().filter(|act| in_period(act.day)) {
            match act.kind.as_str() {
                "suspended" => bump(act.day, |row| &mut row.suspended),
                "restored" => bump(act.day, |row| &mut row.restored),
                "revoked" => bump(act.day, |row| &mut row.revoked),
                _ => {}
            }
        }
    }
    let (Some(first), Some(last)) = (counts.keys().next().cloned(), counts.keys().next_back().cloned()) else {
        return Vec::new();
    };
    months_between(&first, &last)
        .into_iter()
        .map(|month| counts.remove(&month).unwrap_or(MonthCounts { month, ..MonthCounts::default() }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn entry(number: &str, issued: &str, region: &str, status: EntryStatus, acts: &[(&str, &str)]) -> ReportEntry {
        ReportEntry {
            number: number.to_owned(),
            service: "tob.registration".to_owned(),
            body_org_id: "economy".to_owned(),
            holder_name: number.to_owned(),
            holder_voen: None,
            status,
            issued_on: Some(day(issued)),
            updated_at: Timestamp::from_micros(0),
            details: BTreeMap::from([("region".to_owned(), region.to_owned())]),
            acts: std::iter::once(Act { day: day(issued), kind: "issued".to_owned() })
                .chain(acts.iter().map(|(on, kind)| Act { day: day(on), kind: (*kind).to_owned() }))
                .collect(),
        }
    }

    fn sample() -> Vec<ReportEntry> {
        vec![
            entry("A", "2026-01-10", "baki", EntryStatus::Active, &[]),
            entry("B", "2026-03-05", "baki", EntryStatus::Suspended, &[("2026-04-02", "suspended")]),
            entry(
                "C",
                "2026-03-20",
                "gence-daskesen",
                EntryStatus::Active,
                &[("2026-04-10", "suspended"), ("2026-05-01", "restored")],
            ),
        ]
    }

    #[test]
    fn filters_by_value_status_and_period_on_the_chosen_day() {
        let entries = sample();
        let numbers =
            |filter: &ReportFilter| filter.select(&entries).iter().map(|e| e.number.clone()).collect::<Vec<_>>();
        let baku = ReportFilter {
            details: BTreeMap::from([("region".to_owned(), "baki".to_owned())]),
            ..ReportFilter::default()
        };
        assert_eq!(numbers(&baku), ["A", "B"]);
        let march =
            ReportFilter { from: Some(day("2026-03-01")), to: Some(day("2026-03-31")), ..ReportFilter::default() };
        assert_eq!(numbers(&march), ["B", "C"]);
        let suspended_in_april = ReportFilter {
            basis: Basis::Suspended,
            from: Some(day("2026-04-01")),
            to: Some(day("2026-04-30")),
            ..march
        };
        assert_eq!(numbers(&suspended_in_april), ["B", "C"]);
        let active = ReportFilter { status: Some(EntryStatus::Active), ..suspended_in_april };
        assert_eq!(numbers(&active), ["C"]);
    }

    #[test]
    fn counts_by_month_without_gaps_and_by_value() {
        let entries = sample();
        let filter = ReportFilter::default();
        let all = filter.select(&entries);
        let months = count_by(&filter, &all, &Grouping::Month);
        assert_eq!(
            months.into_iter().collect::<Vec<_>>(),
            [("2026-01".to_owned(), 1), ("2026-02".to_owned(), 0), ("2026-03".to_owned(), 2)]
        );
        let regions = count_by(&filter, &all, &Grouping::Field("region".to_owned()));
        assert_eq!(regions.get("baki"), Some(&2));
        assert_eq!(regions.get("gence-daskesen"), Some(&1));
        let statuses = count_by(&filter, &all, &Grouping::Status);
        assert_eq!((statuses.get("active"), statuses.get("suspended")), (Some(&2), Some(&1)));
        let stats = monthly(&all, None, None);
        assert_eq!(stats.len(), 5);
        assert_eq!((stats[3].month.as_str(), stats[3].suspended), ("2026-04", 2));
        assert_eq!((stats[4].month.as_str(), stats[4].restored), ("2026-05", 1));
        assert_eq!(stats.iter().map(|row| row.registered).sum::<usize>(), 3);
        assert_eq!(months_between("2025-11", "2026-02"), ["2025-11", "2025-12", "2026-01", "2026-02"]);
    }
}
