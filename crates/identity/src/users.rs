//! Users and their memberships (a role in an organization).

use pencere_core::{Fin, Lang, Timestamp};
use pencere_store::audit::{self, NewEntry};
use pencere_store::{Db, Tx};

use crate::store::{self, UserKey, UserRow};
use crate::{IdentityError, RoleName};

/// What kind of person a user is, which decides how they identify themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UserKind {
    /// A natural person identified by FİN (citizens, residents, legal representatives).
    Person,
    /// A foreigner or stateless person identified by passport number and e-mail.
    Foreigner,
    /// An official of an agency.
    Official,
}

impl UserKind {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            UserKind::Person => "person",
            UserKind::Foreigner => "foreigner",
            UserKind::Official => "official",
        }
    }

    fn parse(text: &str) -> Option<UserKind> {
        match text {
            "person" => Some(UserKind::Person),
            "foreigner" => Some(UserKind::Foreigner),
            "official" => Some(UserKind::Official),
            _ => None,
        }
    }
}

/// A user as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Stable identifier.
    pub id: String,
    /// The name they log in with (lowercase).
    pub login: String,
    /// What kind of person they are.
    pub kind: UserKind,
    /// FİN, for persons.
    pub fin: Option<Fin>,
    /// Passport number, for foreigners.
    pub passport: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Mobile number.
    pub phone: Option<String>,
    /// Full name.
    pub full_name: String,
    pub(crate) password_hash: Option<String>,
    pub(crate) totp_secret: Option<String>,
}

impl User {
    /// Whether logging in also needs a one-time code.
    pub fn has_totp(&self) -> bool {
        self.totp_secret.is_some()
    }
}

impl User {
    pub(crate) fn from_row(row: UserRow) -> User {
        let (id, login, kind, fin, passport, email, phone, full_name, password_hash, totp_secret) = row;
        User {
            id,
            login,
            kind: UserKind::parse(&kind).unwrap_or(UserKind::Person),
            fin: fin.and_then(|fin| fin.parse().ok()),
            passport,
            email,
            phone,
            full_name,
            password_hash,
            totp_secret,
        }
    }
}

/// An organization as a membership names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgRef {
    /// Its id.
    pub id: String,
    /// Its short code.
    pub code: String,
    names: [String; 3],
}

impl OrgRef {
    /// Its name in a language.
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.names).as_str()
    }
}

/// A role a user holds in an organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    /// The membership's id.
    pub id: String,
    /// The role.
    pub role: RoleName,
    /// The organization.
    pub organization: OrgRef,
    /// When it was granted.
    pub granted_at: Timestamp,
}

/// A user to create.
#[derive(Clone, Copy, Debug)]
pub struct NewUser<'a> {
    /// Login name; stored lowercase.
    pub login: &'a str,
    /// Kind of person.
    pub kind: UserKind,
    /// FİN, for persons.
    pub fin: Option<&'a Fin>,
    /// Passport number, for foreigners.
    pub passport: Option<&'a str>,
    /// E-mail.
    pub email: Option<&'a str>,
    /// Mobile number.
    pub phone: Option<&'a str>,
    /// Full name.
    pub full_name: &'a str,
    /// Password, for accounts that log in with one.
    pub password: Option<&'a str>,
}

/// Creates a user (audited as done by `actor_label`).
pub async fn create_user(
    tx: &mut Tx,
    new: &NewUser<'_>,
    now: Timestamp,
    actor_label: &str,
) -> Result<User, IdentityError> {
    let login = new.login.trim().to_lowercase();
    if login.is_empty() {
        return Err(IdentityError::Invalid { field: "login", reason: "empty".to_owned() });
    }
    let password_hash = match new.password {
        Some(password) => Some(
            crate::password::hash(password).map_err(|reason| IdentityError::Invalid { field: "password", reason })?,
        ),
        None => None,
    };
    let id = uuid::Uuid::now_v7().to_string();
    let fin = new.fin.map(Fin::as_str);
    store::insert_user(
        tx,
        &store::UserInsert {
            id: &id,
            login: &login,
            kind: new.kind.as_str(),
            fin,
            passport: new.passport,
            email: new.email,
            phone: new.phone,
            full_name: new.full_name,
            password_hash: password_hash.as_deref(),
            created_at: now,
        },
    )
    .await?;
    audit::append(
        tx,
        &NewEntry {
            at: now,
            actor_id: None,
            actor_label,
            acting_org_id: None,
            action: "identity.user.create",
            record: Some(("user", &id)),
            subject_id: Some(&id),
            ip: None,
            request_id: None,
            details: &format!("{{\"kind\":\"{}\"}}", new.kind.as_str()),
        },
    )
    .await?;
    Ok(User {
        id,
        login,
        kind: new.kind,
        fin: new.fin.cloned(),
        passport: new.passport.map(str::to_owned),
        email: new.email.map(str::to_owned),
        phone: new.phone.map(str::to_owned),
        full_name: new.full_name.to_owned(),
        password_hash,
        totp_secret: None,
    })
}

/// A user by login name.
pub async fn find_user_by_login(db: &Db, login: &str) -> Result<Option<User>, IdentityError> {
    let mut tx = db.begin_read().await?;
    let row = store::user_by(&mut tx, UserKey::Login, &login.trim().to_lowercase()).await?;
    Ok(row.map(User::from_row))
}

/// A user by id, inside the caller's transaction.
pub async fn find_user(tx: &mut Tx, id: &str) -> Result<Option<User>, IdentityError> {
    Ok(store::user_by(tx, UserKey::Id, id).await?.map(User::from_row))
}

pub(crate) async fn user_by_id(tx: &mut Tx, id: &str) -> Result<Option<User>, IdentityError> {
    find_user(tx, id).await
}

/// The user's active memberships, by organization code then role.
pub async fn memberships(tx: &mut Tx, user_id: &str) -> Result<Vec<Membership>, IdentityError> {
    let rows = store::active_memberships(tx, user_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, role, org_id, code, name_az, name_en, name_ru, granted_at)| {
            Some(Membership {
                id,
                role: role.parse().ok()?,
                organization: OrgRef { id: org_id, code, names: [name_az, name_en, name_ru] },
                granted_at: Timestamp::from_micros(granted_at),
            })
        })
        .collect())
}

/// Grants `role` in an organization to a user, audited as done by `by` (a user id) or the system.
pub async fn grant_role(
    tx: &mut Tx,
    user_id: &str,
    organization_id: &str,
    role: &RoleName,
    by: Option<&str>,
    now: Timestamp,
) -> Result<String, IdentityError> {
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_membership(tx, &id, user_id, organization_id, role.as_str(), by, now).await?;
    audit::append(
        tx,
        &NewEntry {
            at: now,
            actor_id: by,
            actor_label: by.unwrap_or("system"),
            acting_org_id: Some(organization_id),
            action: "identity.membership.grant",
            record: Some(("membership", &id)),
            subject_id: Some(user_id),
            ip: None,
            request_id: None,
            details: &format!("{{\"role\":\"{role}\"}}"),
        },
    )
    .await?;
    Ok(id)
}

/// Revokes a membership with a recorded reason (LIC-8.0.9, TOB-7.2.5, VEIS-7.2.5).
pub async fn revoke_role(
    tx: &mut Tx,
    membership_id: &str,
    by: Option<&str>,
    reason: &str,
    now: Timestamp,
) -> Result<(), IdentityError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(IdentityError::Invalid { field: "reason", reason: "a revocation needs a reason".to_owned() });
    }
    let Some((user_id, organization_id, role)) = store::revoke_membership(tx, membership_id, by, reason, now).await?
    else {
        return Err(IdentityError::NoSuchMembership(membership_id.to_owned()));
    };
    let details = format!("{{\"role\":{},\"reason\":{}}}", json_string(&role), json_string(reason));
    audit::append(
        tx,
        &NewEntry {
            at: now,
            actor_id: by,
            actor_label: by.unwrap_or("system"),
            acting_org_id: Some(&organization_id),
            action: "identity.membership.revoke",
            record: Some(("membership", membership_id)),
            subject_id: Some(&user_id),
            ip: None,
            request_id: None,
            details: &details,
        },
    )
    .await?;
    Ok(())
}

pub(crate) use pencere_store::audit::json_string;

/// A member of an organization: one active role of one user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// The membership's id (what a revocation names).
    pub membership_id: String,
    /// The role.
    pub role: String,
    /// The user.
    pub user_id: String,
    /// Their login.
    pub login: String,
    /// Their name.
    pub full_name: String,
    /// Since when.
    pub granted_at: Timestamp,
}

/// The active members of an organization, by name; classified persons (VEIS-1.10) only for a
/// cleared caller.
pub async fn members_of(
    db: &Db,
    organization_id: &str,
    clearance: pencere_store::classified::Clearance,
) -> Result<Vec<Member>, IdentityError> {
    let mut tx = db.begin_read().await?;
    let rows = store::organization_members(&mut tx, organization_id, clearance).await?;
    Ok(rows
        .into_iter()
        .map(|(membership_id, role, user_id, login, full_name, granted_at)| Member {
            membership_id,
            role,
            user_id,
            login,
            full_name,
            granted_at: Timestamp::from_micros(granted_at),
        })
        .collect())
}

/// An organization's head grants a role in that organization to a registered user
/// (TOB-5.3, VEIS-5.2): the head registers the responsible persons and their rights.
/// The platform administrator's role is never granted this way.
pub async fn grant_in_own_organization(
    db: &Db,
    head: &crate::ActiveSession,
    login: &str,
    role: &RoleName,
    now: Timestamp,
    context: &crate::RequestContext<'_>,
) -> Result<(), IdentityError> {
    let Some(organization_id) = head.acting_org_id.as_deref() else {
        return Err(IdentityError::NotAMember(String::new()));
    };
    if role.as_str() == RoleName::PLATFORM_ADMIN {
        return Err(IdentityError::Invalid { field: "role", reason: "only the operator grants this role".to_owned() });
    }
    let mut tx = db.begin().await?;
    let Some(user) = store::user_by(&mut tx, UserKey::Login, &login.trim().to_lowercase()).await?.map(User::from_row)
    else {
        return Err(IdentityError::Invalid { field: "login", reason: "no such user".to_owned() });
    };
    let id = uuid::Uuid::now_v7().to_string();
    store::insert_membership(&mut tx, &id, &user.id, organization_id, role.as_str(), Some(&head.user.id), now).await?;
    let details = format!("{{\"role\":{}}}", json_string(role.as_str()));
    let entry = NewEntry {
        acting_org_id: Some(organization_id),
        action: "identity.membership.grant",
        record: Some(("membership", &id)),
        subject_id: Some(&user.id),
        details: &details,
        ..head.entry(now, context)
    };
    audit::append(&mut tx, &entry).await?;
    tx.commit().await?;
    Ok(())
}

/// Revokes a membership with a reason. An organization's head may revoke only in the
/// organization they act for; the operator (`platform.admin`) anywhere (LIC-8.0.9, TOB-7.2.5).
pub async fn revoke_membership(
    db: &Db,
    actor: &crate::ActiveSession,
    membership_id: &str,
    reason: &str,
    now: Timestamp,
) -> Result<(), IdentityError> {
    let mut tx = db.begin().await?;
    let Some(organization_id) = store::membership_organization(&mut tx, membership_id).await? else {
        return Err(IdentityError::NoSuchMembership(membership_id.to_owned()));
    };
    let operator = actor.has_role(RoleName::PLATFORM_ADMIN);
    let head_here =
        actor.acting_org_id.as_deref() == Some(organization_id.as_str()) && actor.has_role(RoleName::ORG_HEAD);
    if !operator && !head_here {
        return Err(IdentityError::NotAMember(organization_id));
    }
    revoke_role(&mut tx, membership_id, Some(&actor.user.id), reason, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The person with this FİN, or a new account for them (the e-cabinet is created on the first
/// login, TOB-5.4, VEIS-5.3): login is the FİN in lowercase, name as the identity provider says.
pub(crate) async fn find_or_create_person(
    tx: &mut Tx,
    fin: &Fin,
    name: &str,
    now: Timestamp,
    created_by: &str,
) -> Result<User, IdentityError> {
    if let Some(user) = store::user_by_fin(tx, fin.as_str()).await?.map(User::from_row) {
        return Ok(user);
    }
    let login = fin.as_str().to_lowercase();
    let new = NewUser {
        login: &login,
        kind: UserKind::Person,
        fin: Some(fin),
        passport: None,
        email: None,
        phone: None,
        full_name: name,
        password: None,
    };
    create_user(tx, &new, now, created_by).await
}
