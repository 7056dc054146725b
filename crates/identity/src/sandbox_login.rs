//! Logging in, in the test environment only, as any person of the sandbox civil registry — and,
//! with a VÖEN, as the representative of a sandbox company — without a password: the web layer
//! has read the person (and the company's taxpayer record) from the registries through the EHİS
//! gateway and hands in what they said. As with single sign-on and the e-signature, the account
//! and e-cabinet are created on the first visit; a company becomes an organization, found again
//! by its VÖEN, with the person's membership as its representative, and the session acts for it.
//! Every creation and the login are journaled in one transaction.
//!
//! The session's method is recorded as `password` (the test environment's stand-in, which demo
//! mode lets stand in for the e-signature), with `{"method":"sandbox"}` in the journal.

use pencere_core::{Fin, Timestamp, Voen};
use pencere_store::Db;
use pencere_store::audit::{self, NewEntry, json_string};
use pencere_store::organizations::{self, NewOrganization, OrganizationKind};

use crate::session::{self, LoginMethod, NewSession, SessionPolicy};
use crate::users::{User, find_or_create_person, grant_role};
use crate::{IdentityError, RequestContext, RoleName, store};

/// A company as the tax authority's register names it.
#[derive(Clone, Copy, Debug)]
pub struct Company<'a> {
    /// Its VÖEN.
    pub voen: &'a Voen,
    /// Its registered name.
    pub name: &'a str,
}

/// The person with this FİN, or their new account (created as `sandbox-login`), in its own
/// transaction: what a consent given at login needs before the session exists.
pub async fn person(db: &Db, fin: &Fin, name: &str, now: Timestamp) -> Result<User, IdentityError> {
    let mut tx = db.begin().await?;
    let user = find_or_create_person(&mut tx, fin, name, now, "sandbox-login").await?;
    tx.commit().await?;
    Ok(user)
}

/// Logs `user` in; with a company, first finds or creates its organization and the user's
/// membership as its representative, and the session acts for it.
pub async fn login(
    db: &Db,
    now: Timestamp,
    user: &User,
    company: Option<&Company<'_>>,
    policy: &SessionPolicy,
    context: &RequestContext<'_>,
) -> Result<NewSession, IdentityError> {
    let mut tx = db.begin().await?;
    let organization = match company {
        None => None,
        Some(company) => {
            let voen = company.voen.as_str();
            let organization = match organizations::find_by_voen(&mut tx, voen).await? {
                Some(organization) => organization,
                None => {
                    let code = format!("voen-{voen}");
                    let names = [company.name; 3];
                    let organization = organizations::insert(
                        &mut tx,
                        &NewOrganization { code: &code, kind: OrganizationKind::Company, voen: Some(voen), names },
                    )
                    .await?;
                    let details = format!("{{\"voen\":{},\"source\":\"sandbox-login\"}}", json_string(voen));
                    audit::append(
                        &mut tx,
                        &NewEntry {
                            at: now,
                            actor_id: Some(&user.id),
                            actor_label: &user.login,
                            acting_org_id: None,
                            action: "organization.create",
                            record: Some(("organization", &organization.id)),
                            subject_id: None,
                            ip: context.ip,
                            request_id: context.request_id,
                            details: &details,
                        },
                    )
                    .await?;
                    organization
                }
            };
            let representative: RoleName = RoleName::ORG_REPRESENTATIVE
                .parse()
                .map_err(|reason| IdentityError::Invalid { field: "role", reason })?;
            let member = crate::users::memberships(&mut tx, &user.id)
                .await?
                .into_iter()
                .any(|membership| membership.organization.id == organization.id && membership.role == representative);
            if !member {
                grant_role(&mut tx, &user.id, &organization.id, &representative, None, now).await?;
            }
            Some(organization.id)
        }
    };
    let new_session = session::start_after_login(
        &mut tx,
        user,
        now,
        policy,
        context,
        (LoginMethod::Password, "{\"method\":\"sandbox\"}"),
    )
    .await?;
    if let Some(organization_id) = organization {
        store::set_acting_org(&mut tx, &session::token_hash(&new_session.token), Some(&organization_id)).await?;
    }
    tx.commit().await?;
    Ok(new_session)
}
