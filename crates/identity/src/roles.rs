//! Role names: `system.role`, scoped to an organization by the membership that grants them.
//!
//! The platform knows only its own roles ([`RoleName::PLATFORM_ADMIN`] and the organization
//! roles); each portal names its own (`lic.reviewer`, `veis.medical`, …).

use std::fmt;
use std::str::FromStr;

/// A role's name: lowercase letters and `_`, one dot between the system and the role.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleName(String);

impl RoleName {
    /// The operator's administrator: manages participants, roles and access (TOB-3.2.4).
    pub const PLATFORM_ADMIN: &'static str = "platform.admin";
    /// The head of an organization: registers responsible persons and grants them rights.
    pub const ORG_HEAD: &'static str = "org.head";
    /// A legal representative who acts for a company or branch.
    pub const ORG_REPRESENTATIVE: &'static str = "org.representative";

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The system part (`lic` of `lic.reviewer`).
    pub fn system(&self) -> &str {
        self.0.split_once('.').map_or("", |(system, _)| system)
    }
}

impl FromStr for RoleName {
    type Err = String;

    fn from_str(text: &str) -> Result<RoleName, String> {
        let valid_part = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
        match text.split_once('.') {
            Some((system, role)) if valid_part(system) && valid_part(role) => Ok(RoleName(text.to_owned())),
            _ => Err(format!("{text:?} is not of the form system.role")),
        }
    }
}

impl fmt::Display for RoleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::RoleName;

    #[test]
    fn role_names_are_system_dot_role() {
        assert_eq!("lic.reviewer".parse::<RoleName>().map(|r| r.system().to_owned()), Ok("lic".to_owned()));
        for bad in ["lic", "lic.", ".reviewer", "Lic.reviewer", "lic.rev.iewer", "lic reviewer"] {
            assert!(bad.parse::<RoleName>().is_err(), "{bad}");
        }
    }
}
