//! The SQL of reports: the public entries of a set of services with their recorded details, and
//! the acts in their history.

use pencere_store::classified::Clearance;
use pencere_store::{StoreError, Tx, on_conn, sqlx};

/// An entry as the reports read it: never the holder's user id or the case.
pub(crate) struct EntryRow {
    pub(crate) id: String,
    pub(crate) number: String,
    pub(crate) service: String,
    pub(crate) body_org_id: String,
    pub(crate) holder_name: String,
    pub(crate) holder_voen: Option<String>,
    pub(crate) status: String,
    pub(crate) issued_on: Option<String>,
    pub(crate) updated_at: i64,
    pub(crate) details: String,
}

type EntryTuple = (String, String, String, String, String, Option<String>, String, Option<String>, i64, String);

/// `$1, $2, …` for `count` values.
fn placeholders(count: usize) -> String {
    (1..=count).map(|n| format!("${n}")).collect::<Vec<_>>().join(", ")
}

/// The public entries (never reserved ones) of the services, in the registry's order.
pub(crate) async fn entries_of(
    tx: &mut Tx,
    services: &[&str],
    clearance: Clearance,
) -> Result<Vec<EntryRow>, StoreError> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    let statement = format!(
        "SELECT id, number, service, body_org_id, holder_name, holder_voen, status, issued_on, updated_at, details \
         FROM registry_entries WHERE status <> 'reserved' AND service IN ({}) AND {} ORDER BY issued_on, number",
        placeholders(services.len()),
        crate::store::entry_visible(clearance, "registry_entries")
    );
    let rows: Vec<EntryTuple> = on_conn!(tx.conn(), |conn, sql| {
        let text = sql(&statement);
        let mut query = sqlx::query_as(&text);
        for service in services {
            query = query.bind(*service);
        }
        query.fetch_all(&mut *conn).await?
    });
    Ok(rows
        .into_iter()
        .map(|(id, number, service, body_org_id, holder_name, holder_voen, status, issued_on, updated_at, details)| {
            EntryRow {
                id,
                number,
                service,
                body_org_id,
                holder_name,
                holder_voen,
                status,
                issued_on,
                updated_at,
                details,
            }
        })
        .collect())
}

/// The acts on the services' entries: entry id, time and kind, oldest first.
pub(crate) async fn events_of(
    tx: &mut Tx,
    services: &[&str],
    clearance: Clearance,
) -> Result<Vec<(String, i64, String)>, StoreError> {
    if services.is_empty() {
        return Ok(Vec::new());
    }
    let statement = format!(
        "SELECT e.entry_id, e.at, e.kind FROM registry_events e JOIN registry_entries r ON r.id = e.entry_id \
         WHERE r.status <> 'reserved' AND r.service IN ({}) AND {} ORDER BY e.at, e.id",
        placeholders(services.len()),
        crate::store::entry_visible(clearance, "r")
    );
    Ok(on_conn!(tx.conn(), |conn, sql| {
        let text = sql(&statement);
        let mut query = sqlx::query_as(&text);
        for service in services {
            query = query.bind(*service);
        }
        query.fetch_all(&mut *conn).await?
    }))
}
