//! Pure rules: codes, money, periods, pricing, billing, text. Nothing here reads or writes anything.

pub mod access;
pub mod billing;
pub mod chain;
pub mod code;
pub mod distributor;
pub mod forecast;
pub mod license;
pub mod money;
pub mod names;
pub mod period;
pub mod pricing;
pub mod refusal;
pub mod serial;
pub mod signing;
pub mod site;
pub mod text;
pub mod voucher;
