//! Organizations: the agencies that own, operate and take part in the systems, and the companies
//! and foreign branches that apply to them.

use pencere_core::Lang;

use crate::{StoreError, Tx};

/// What kind of body an organization is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrganizationKind {
    /// A state agency: owner, operator or participant of a system.
    Agency,
    /// A legal entity registered in Azerbaijan.
    Company,
    /// A branch or representative office of a foreign legal entity.
    ForeignBranch,
}

impl OrganizationKind {
    fn as_str(self) -> &'static str {
        match self {
            OrganizationKind::Agency => "agency",
            OrganizationKind::Company => "company",
            OrganizationKind::ForeignBranch => "foreign_branch",
        }
    }

    fn parse(value: &str) -> Result<OrganizationKind, StoreError> {
        match value {
            "agency" => Ok(OrganizationKind::Agency),
            "company" => Ok(OrganizationKind::Company),
            "foreign_branch" => Ok(OrganizationKind::ForeignBranch),
            other => Err(StoreError::Database(format!("unknown organization kind {other:?}"))),
        }
    }
}

/// An organization as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    /// Stable identifier.
    pub id: String,
    /// Short code used in URLs and catalogs (`economy`, `kobia`, …).
    pub code: String,
    /// What kind of body it is.
    pub kind: OrganizationKind,
    /// Taxpayer number, for companies and branches.
    pub voen: Option<String>,
    names: [String; 3],
}

impl Organization {
    /// The organization's name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.names).as_str()
    }
}

/// A new organization to record.
#[derive(Clone, Debug)]
pub struct NewOrganization<'a> {
    /// Short code, unique.
    pub code: &'a str,
    /// What kind of body it is.
    pub kind: OrganizationKind,
    /// Taxpayer number, unique when present.
    pub voen: Option<&'a str>,
    /// Names in Azerbaijani, English and Russian.
    pub names: [&'a str; 3],
}

type OrganizationRow = (String, String, String, Option<String>, String, String, String);

fn from_row(row: OrganizationRow) -> Result<Organization, StoreError> {
    let (id, code, kind, voen, name_az, name_en, name_ru) = row;
    Ok(Organization { id, code, kind: OrganizationKind::parse(&kind)?, voen, names: [name_az, name_en, name_ru] })
}

/// Records an organization; a duplicate code or VÖEN is a [`StoreError::Conflict`].
pub async fn insert(tx: &mut Tx, new: &NewOrganization<'_>) -> Result<Organization, StoreError> {
    let id = uuid::Uuid::now_v7().to_string();
    let [name_az, name_en, name_ru] = new.names;
    crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query(&sql("INSERT INTO organizations (id, code, kind, voen, name_az, name_en, name_ru)
             VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&id)
        .bind(new.code)
        .bind(new.kind.as_str())
        .bind(new.voen)
        .bind(name_az)
        .bind(name_en)
        .bind(name_ru)
        .execute(&mut *conn)
        .await?;
    });
    Ok(Organization {
        id,
        code: new.code.to_owned(),
        kind: new.kind,
        voen: new.voen.map(str::to_owned),
        names: new.names.map(str::to_owned),
    })
}

/// Finds an organization by its code.
pub async fn find_by_code(tx: &mut Tx, code: &str) -> Result<Option<Organization>, StoreError> {
    let row: Option<OrganizationRow> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT id, code, kind, voen, name_az, name_en, name_ru FROM organizations WHERE code = $1",
        ))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?
    });
    row.map(from_row).transpose()
}

/// Finds an organization by its VÖEN.
pub async fn find_by_voen(tx: &mut Tx, voen: &str) -> Result<Option<Organization>, StoreError> {
    let row: Option<OrganizationRow> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql(
            "SELECT id, code, kind, voen, name_az, name_en, name_ru FROM organizations WHERE voen = $1",
        ))
        .bind(voen)
        .fetch_optional(&mut *conn)
        .await?
    });
    row.map(from_row).transpose()
}

/// Finds an organization by its id.
pub async fn find_by_id(tx: &mut Tx, id: &str) -> Result<Option<Organization>, StoreError> {
    let row: Option<OrganizationRow> = crate::on_conn!(tx.conn(), |conn, sql| {
        sqlx::query_as(&sql("SELECT id, code, kind, voen, name_az, name_en, name_ru FROM organizations WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?
    });
    row.map(from_row).transpose()
}

/// Every organization, ordered by code.
pub async fn list(tx: &mut Tx) -> Result<Vec<Organization>, StoreError> {
    let rows: Vec<OrganizationRow> = crate::on_conn!(tx.conn(), |conn, _sql| {
        sqlx::query_as("SELECT id, code, kind, voen, name_az, name_en, name_ru FROM organizations ORDER BY code")
            .fetch_all(&mut *conn)
            .await?
    });
    rows.into_iter().map(from_row).collect()
}
