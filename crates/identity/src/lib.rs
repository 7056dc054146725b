//! Who is acting: users (persons by FİN, foreigners by passport and e-mail, officials), the roles
//! they hold in organizations, how they log in, and their sessions.
//!
//! Every login attempt, successful or not, and every session change is written to the audit
//! journal in the same transaction. Lockout counts failures per login name whether or not an
//! account exists, and unknown names cost the same password check as known ones, so neither the
//! messages nor the timing reveal which accounts exist.
//!
//! Invariant: SQL lives in `store.rs` only. Boundary: no HTTP here; the web layer turns
//! [`LoginError`] and [`session::ActiveSession`] into responses and cookies.

pub mod corrections;
pub mod email_link;
pub mod esign;
mod login;
pub mod password;
pub mod roles;
pub mod sandbox_login;
pub mod session;
pub mod sso;
mod store;
pub mod totp;
pub mod tracker;
mod users;

pub use login::{Credentials, LoginError, LoginPolicy, RequestContext, password_login};
pub use roles::RoleName;
pub use session::{ActiveSession, LoginMethod, LoginStanding, NewSession, SessionPolicy};
pub use users::{
    Member, Membership, NewUser, OrgRef, User, UserKind, create_user, find_user, find_user_by_login,
    grant_in_own_organization, grant_role, members_of, memberships, revoke_membership, revoke_role,
};

/// What went wrong in identity operations other than a login.
#[derive(Debug, thiserror::Error)]
pub enum IdentityError {
    /// The storage layer failed.
    #[error(transparent)]
    Store(#[from] pencere_store::StoreError),
    /// The user does not hold a role in that organization.
    #[error("not a member of organization {0}")]
    NotAMember(String),
    /// No such membership, or it was already revoked.
    #[error("no active membership {0}")]
    NoSuchMembership(String),
    /// No such correction request, or it was already decided.
    #[error("no pending correction request {0}")]
    NoSuchCorrection(String),
    /// A value is not acceptable (e.g. a malformed role name or an empty reason).
    #[error("invalid {field}: {reason}")]
    Invalid {
        /// The field.
        field: &'static str,
        /// Why.
        reason: String,
    },
}
