//! Value types shared by every part of Pəncərə.
//!
//! This crate knows nothing about storage, HTTP, templates or the system clock: it holds the
//! types whose invariants the rest of the platform relies on, each parsed once at the edge.

pub mod calendar;
pub mod ids;
pub mod lang;
pub mod time;

pub use ids::{Fin, IdError, TaxpayerKind, Voen};
pub use lang::Lang;
pub use time::{Clock, FixedClock, Timestamp};

/// Bytes as lower-case hexadecimal, two digits a byte: how hashes, tokens and serial numbers
/// are stored and shown.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}
