//! Sites and names.

use serde::Serialize;

/// How a site is billed; fixed at creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    /// Commercial: one credit per paid device per month.
    Device,
    /// Residential: one credit per apartment per month; an apartment holds at most 4 devices.
    Apartment,
}

/// Paid devices one apartment may hold.
pub const MAX_DEVICES_PER_APARTMENT: i64 = 4;

impl Model {
    pub fn as_str(self) -> &'static str {
        match self {
            Model::Device => "device",
            Model::Apartment => "apartment",
        }
    }

    pub fn parse(s: &str) -> Option<Model> {
        match s {
            "device" => Some(Model::Device),
            "apartment" => Some(Model::Apartment),
            _ => None,
        }
    }
}

/// Checks a name given to a distributor, site or apartment. A name of digits only is refused for
/// distributors and sites, so that an argument is never both an ID and a name.
pub fn check_name(what: &str, name: &str, digits_allowed: bool) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("a {what} name cannot be empty"));
    }
    if name.chars().count() > 200 {
        return Err(format!("a {what} name has at most 200 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(format!("a {what} name cannot hold control characters"));
    }
    if !digits_allowed && name.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "a {what} name cannot be only digits (that would read as an ID); add a word"
        ));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            check_name("site", "  Main office ", false),
            Ok("Main office".into())
        );
        assert!(check_name("site", "   ", false).is_err());
        assert!(check_name("site", "42", false).is_err());
        assert_eq!(check_name("apartment", "42", true), Ok("42".into()));
        assert!(check_name("site", "a\nb", false).is_err());
        assert!(check_name("site", &"x".repeat(201), false).is_err());
    }
}
