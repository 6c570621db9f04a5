//! creditctl: a command-line administration tool for a prepaid-credit service platform.
//!
//! The crate is a library with a thin binary: [`cli`] parses, [`commands`] tell each command's
//! story (load, decide, apply in one transaction, render), [`domain`] holds the pure rules,
//! [`store`] the SQLite ledger, [`output`] the rendering and [`error`] the exit codes.

pub mod cli;
pub mod commands;
pub mod domain;
pub mod error;
pub mod output;
pub mod store;
