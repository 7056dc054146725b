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
