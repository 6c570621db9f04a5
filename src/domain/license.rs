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

/// The price-list item of a license product.
pub fn price_item(product: &str) -> String {
    format!("license:{product}")
}
