//! Distributors: whether one may buy.

use super::refusal::Refusal;

/// A distributor the platform operator deactivated buys nothing more, neither vouchers nor
/// licenses (`deactivated_at`: when). What it bought stays valid: codes are redeemed and
/// licenses kept as before.
pub fn check_may_buy(name: &str, id: i64, deactivated_at: Option<&str>) -> Result<(), Refusal> {
    match deactivated_at {
        None => Ok(()),
        Some(on) => Err(Refusal::DistributorDeactivated {
            distributor: name.to_string(),
            id,
            on: on.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deactivated_distributor_buys_nothing() {
        assert_eq!(check_may_buy("Acme", 1, None), Ok(()));
        assert_eq!(
            check_may_buy("Acme", 1, Some("2026-11-05T10:00:00Z")),
            Err(Refusal::DistributorDeactivated {
                distributor: "Acme".into(),
                id: 1,
                on: "2026-11-05T10:00:00Z".into()
            })
        );
    }
}
