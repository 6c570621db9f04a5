//! Sites and names.

use serde::Serialize;

use super::text::{NAME_MAX, free_text};

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

/// Checks a name given to a distributor, site, apartment or voucher (`field` names the argument
/// in the error): free text of at most [`NAME_MAX`] characters. A name of digits only is refused
/// for distributors and sites, so that an argument is never both an ID and a name.
pub fn check_name(field: &str, name: &str, digits_allowed: bool) -> Result<String, String> {
    let name = free_text(field, name, NAME_MAX)?;
    if !digits_allowed && name.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "{field} cannot be only digits (that would read as an ID); add a word"
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            check_name("the site NAME", "  Main office ", false),
            Ok("Main office".into())
        );
        assert!(check_name("site", "   ", false).is_err());
        assert_eq!(
            check_name("the site NAME", "42", false),
            Err(
                "the site NAME cannot be only digits (that would read as an ID); add a word".into()
            )
        );
        assert_eq!(check_name("apartment", "42", true), Ok("42".into()));
        assert!(check_name("site", "a\nb", false).is_err());
        assert!(check_name("site", &"x".repeat(201), false).is_err());
    }
}
