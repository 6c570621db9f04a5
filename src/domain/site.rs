//! Sites and names.

use serde::Serialize;

use super::refusal::Refusal;
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

/// How messages name a site: `'Harbour Office' (1)`, its name and its ID.
pub fn label(id: i64, name: &str) -> String {
    format!("'{name}' ({id})")
}

/// A device names its apartment exactly when the site bills per apartment. `site` is the
/// site's [`label`].
pub fn check_device_placement(
    model: Model,
    site: &str,
    apartment: Option<&str>,
) -> Result<(), Refusal> {
    let site = site.to_string();
    match (model, apartment) {
        (Model::Device, Some(_)) => Err(Refusal::ApartmentNotAllowed { site }),
        (Model::Apartment, None) => Err(Refusal::ApartmentRequired { site }),
        _ => Ok(()),
    }
}

/// Only apartment-model sites have apartments.
pub fn require_apartments(model: Model, site: &str) -> Result<(), Refusal> {
    match model {
        Model::Apartment => Ok(()),
        Model::Device => Err(Refusal::NoApartments {
            site: site.to_string(),
        }),
    }
}

/// An apartment holding `devices` paid devices can take one more.
pub fn check_room(devices: i64, name: &str, site: &str) -> Result<(), Refusal> {
    if devices >= MAX_DEVICES_PER_APARTMENT {
        return Err(Refusal::ApartmentFull {
            name: name.to_string(),
            site: site.to_string(),
        });
    }
    Ok(())
}

/// Only an empty apartment is removed.
pub fn check_empty(devices: i64, name: &str) -> Result<(), Refusal> {
    if devices > 0 {
        return Err(Refusal::ApartmentNotEmpty {
            name: name.to_string(),
            devices,
        });
    }
    Ok(())
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
    fn unit_rules_follow_the_model() {
        let s = &label(1, "Annex");
        assert_eq!(s, "'Annex' (1)");
        assert!(check_device_placement(Model::Device, s, None).is_ok());
        assert!(check_device_placement(Model::Apartment, s, Some("1A")).is_ok());
        assert_eq!(
            check_device_placement(Model::Device, s, Some("1A")),
            Err(Refusal::ApartmentNotAllowed { site: s.clone() })
        );
        assert_eq!(
            check_device_placement(Model::Apartment, s, None),
            Err(Refusal::ApartmentRequired { site: s.clone() })
        );
        assert!(require_apartments(Model::Apartment, s).is_ok());
        assert!(require_apartments(Model::Device, s).is_err());
        assert!(check_room(MAX_DEVICES_PER_APARTMENT - 1, "1A", s).is_ok());
        assert!(check_room(MAX_DEVICES_PER_APARTMENT, "1A", s).is_err());
        assert!(check_empty(0, "1A").is_ok());
        assert!(check_empty(1, "1A").is_err());
    }

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
