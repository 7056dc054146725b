//! Value types shared by every part of Pəncərə.
//!
//! This crate knows nothing about storage, HTTP, templates or the system clock: it holds the
//! types whose invariants the rest of the platform relies on, each parsed once at the edge.

pub mod lang;

pub use lang::Lang;
