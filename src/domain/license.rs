//! The license catalog: perpetual feature licenses for one device serial.

/// Default catalog: product name, description, price in minor units.
pub const CATALOG: &[(&str, &str, i64)] = &[
    (
        "enhanced-integration",
        "Enhanced Integration (HTTP API, automation)",
        9_900,
    ),
    (
        "enhanced-video",
        "Enhanced Video (RTSP streaming, extra streams)",
        7_900,
    ),
    (
        "enhanced-audio",
        "Enhanced Audio (noise suppression, announcements)",
        4_900,
    ),
    ("nfc", "NFC (mobile access by phone)", 5_900),
    (
        "lift-control",
        "Lift control (floor access by credential)",
        14_900,
    ),
    (
        "informacast",
        "InformaCast (paging and mass notification)",
        6_900,
    ),
    (
        "gold",
        "Gold bundle (integration, video, audio, NFC)",
        24_900,
    ),
];

/// The bundles and the products each includes. Buying a bundle for a serial that owns one of its
/// parts (or a part for a serial that owns its bundle) pays twice for a feature: it is allowed
/// (products are independent), but `license available` shows the overlap.
pub const BUNDLES: &[(&str, &[&str])] = &[(
    "gold",
    &[
        "enhanced-integration",
        "enhanced-video",
        "enhanced-audio",
        "nfc",
    ],
)];

/// The products a product includes, itself too.
fn features(product: &str) -> Vec<&str> {
    BUNDLES
        .iter()
        .find(|(bundle, _)| *bundle == product)
        .map_or_else(|| vec![product], |(_, parts)| parts.to_vec())
}

/// The owned products that `product` overlaps: those sharing a feature with it (a bundle's parts
/// the serial owns, or the owned bundle a part belongs to), in the catalog's order.
pub fn overlaps(product: &str, owned: &[String]) -> Vec<String> {
    let mine = features(product);
    let mut found: Vec<String> = owned
        .iter()
        .filter(|o| o.as_str() != product)
        .filter(|o| features(o).iter().any(|f| mine.contains(f)))
        .cloned()
        .collect();
    found.sort_by_key(|o| catalog_position(o));
    found.dedup();
    found
}

/// The price-list item of a license product.
pub fn price_item(product: &str) -> String {
    format!("license:{product}")
}

/// A license product with its current price.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Product {
    pub name: String,
    pub title: String,
    pub price: super::money::Money,
}

/// Where a product stands in the catalog (the order it is shown in).
pub fn catalog_position(name: &str) -> usize {
    CATALOG
        .iter()
        .position(|(n, _, _)| *n == name)
        .unwrap_or(usize::MAX)
}

/// Checks a purchase for `serial`: every named product exists, none is named twice, none is
/// owned already. Returns the products in the order named and the total.
pub fn plan_purchase(
    catalog: &[Product],
    owned: &[String],
    serial: &str,
    names: &[String],
) -> Result<(Vec<Product>, super::money::Money), super::refusal::Refusal> {
    use super::refusal::Refusal;
    let mut products: Vec<Product> = Vec::new();
    for name in names {
        let name = name.trim().to_ascii_lowercase();
        let product = catalog
            .iter()
            .find(|p| p.name == name)
            .ok_or_else(|| Refusal::UnknownProduct { name: name.clone() })?;
        if products.iter().any(|p| p.name == name) {
            return Err(Refusal::ProductTwice { name });
        }
        if owned.contains(&name) {
            return Err(Refusal::AlreadyOwned {
                serial: serial.to_string(),
                product: name,
            });
        }
        products.push(product.clone());
    }
    let currency = products
        .first()
        .map_or(super::money::CURRENCY.to_string(), |p| {
            p.price.currency.clone()
        });
    let total = products
        .iter()
        .try_fold(0i64, |acc, p| acc.checked_add(p.price.amount_minor))
        .ok_or(Refusal::TooLarge {
            what: "that order's value is too large",
        })?;
    Ok((products, super::money::Money::new(total, &currency)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::money::Money;
    use crate::domain::refusal::Refusal;

    fn catalog() -> Vec<Product> {
        CATALOG
            .iter()
            .map(|(name, title, amount)| Product {
                name: name.to_string(),
                title: title.to_string(),
                price: Money::new(*amount, "EUR"),
            })
            .collect()
    }

    #[test]
    fn a_purchase_names_known_products_once_and_none_owned() {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (products, total) =
            plan_purchase(&catalog(), &[], "54-0123-4567", &names(&["NFC", "gold"])).unwrap();
        assert_eq!(products.len(), 2);
        assert_eq!(total, Money::new(5_900 + 24_900, "EUR"));
        assert_eq!(
            plan_purchase(&catalog(), &[], "s", &names(&["nope"])),
            Err(Refusal::UnknownProduct {
                name: "nope".into()
            })
        );
        assert_eq!(
            plan_purchase(&catalog(), &[], "s", &names(&["nfc", "nfc"])),
            Err(Refusal::ProductTwice { name: "nfc".into() })
        );
        assert!(matches!(
            plan_purchase(&catalog(), &names(&["nfc"]), "s", &names(&["nfc"])),
            Err(Refusal::AlreadyOwned { .. })
        ));
    }

    #[test]
    fn bundles_overlap_the_parts_owned_both_ways() {
        let owned = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(overlaps("gold", &owned(&["nfc"])), ["nfc"]);
        assert_eq!(
            overlaps("gold", &owned(&["nfc", "lift-control", "enhanced-video"])),
            ["enhanced-video", "nfc"]
        );
        assert_eq!(overlaps("nfc", &owned(&["gold"])), ["gold"]);
        assert!(overlaps("informacast", &owned(&["gold", "nfc"])).is_empty());
        assert!(overlaps("gold", &owned(&["informacast"])).is_empty());
        assert!(overlaps("nfc", &owned(&["enhanced-video"])).is_empty());
        assert!(overlaps("gold", &[]).is_empty());
        // Every bundle part is a product of the catalog.
        for (bundle, parts) in BUNDLES {
            assert!(catalog_position(bundle) < CATALOG.len());
            for part in *parts {
                assert!(catalog_position(part) < CATALOG.len(), "{part}");
            }
        }
    }

    #[test]
    fn the_catalog_keeps_its_order() {
        assert_eq!(catalog_position("enhanced-integration"), 0);
        assert_eq!(catalog_position("gold"), CATALOG.len() - 1);
        assert_eq!(catalog_position("nope"), usize::MAX);
    }
}
