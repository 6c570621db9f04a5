//! What the benchmark's ledgers and the floors agree on (the benchmark includes this file).

/// The pinned clock of every command.
pub const NOW: &str = "2026-11-05T10:00:00Z";
/// The actor on SQLite (on PostgreSQL it is the database user).
pub const ACTOR: &str = "bench";
/// When the fixtures' vouchers expire.
pub const EXPIRES_AT: &str = "2029-11-05T10:00:00Z";
