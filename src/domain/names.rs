//! Names of sites and distributors: how a name given on the command line finds its row, when two
//! names are the same, and which known name a mistyped one probably meant.

/// Two names are the same when they differ in case only (Unicode lowercase; surrounding spaces
/// are trimmed before a name is stored or looked up).
pub fn same(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// What a name finds among `(id, name)` candidates (those the actor may see).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    One(i64),
    /// Several rows carry the name; the first two IDs.
    Several(i64, i64),
    /// None; the closest known name, if one is close enough to be a probable typo.
    None {
        suggestion: Option<String>,
    },
}

/// Finds `key` among the candidates: a name of exactly that spelling wins; else one that differs
/// in case only. Two rows of the same spelling (or, with none exact, two differing in case only)
/// are ambiguous.
pub fn find(key: &str, candidates: &[(i64, String)]) -> Found {
    let pick = |matches: Vec<i64>| match matches.as_slice() {
        [] => None,
        [one] => Some(Found::One(*one)),
        [a, b, ..] => Some(Found::Several(*a, *b)),
    };
    let exact = candidates
        .iter()
        .filter(|(_, n)| n == key)
        .map(|(id, _)| *id)
        .collect();
    if let Some(found) = pick(exact) {
        return found;
    }
    let folded = candidates
        .iter()
        .filter(|(_, n)| same(n, key))
        .map(|(id, _)| *id)
        .collect();
    pick(folded).unwrap_or_else(|| Found::None {
        suggestion: suggest(key, candidates.iter().map(|(_, n)| n.as_str())),
    })
}

/// How alike two names must be (Jaro-Winkler over their lowercase forms, 0 to 1) for the known
/// one to be suggested: close enough for a typo, a missing letter or a swapped pair.
pub const SUGGEST_AT: f64 = 0.85;

/// The known name closest to `key`, if it is close enough (see [`SUGGEST_AT`]); of equally close
/// names, the first.
pub fn suggest<'a>(key: &str, names: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let key = key.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for name in names {
        let score = strsim::jaro_winkler(&key, &name.to_lowercase());
        if score >= SUGGEST_AT && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, name));
        }
    }
    best.map(|(_, name)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(names: &[&str]) -> Vec<(i64, String)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (i as i64 + 1, n.to_string()))
            .collect()
    }

    #[test]
    fn names_match_whatever_their_case_and_exact_case_wins() {
        assert!(same("Harbour Office", "harbour OFFICE"));
        assert!(same("Ärzte Haus", "ärzte haus"));
        assert!(!same("Harbour", "Harbour Office"));
        let all = rows(&["Harbour Office", "Annex"]);
        assert_eq!(find("Harbour Office", &all), Found::One(1));
        assert_eq!(find("harbour office", &all), Found::One(1));
        assert_eq!(find("ANNEX", &all), Found::One(2));
        // Two names differing in case only: the exact spelling wins, else neither.
        let both = rows(&["Annex", "ANNEX"]);
        assert_eq!(find("ANNEX", &both), Found::One(2));
        assert_eq!(find("Annex", &both), Found::One(1));
        assert_eq!(find("annex", &both), Found::Several(1, 2));
        // The same spelling twice (a ledger from before names were unique).
        assert_eq!(
            find("Annex", &rows(&["Annex", "Annex", "annex"])),
            Found::Several(1, 2)
        );
    }

    #[test]
    fn an_unknown_name_suggests_the_closest_known_one() {
        let all = rows(&["Harbour Office", "Annex", "Main Street 5"]);
        assert_eq!(
            find("Harbor Office", &all),
            Found::None {
                suggestion: Some("Harbour Office".into())
            }
        );
        assert_eq!(
            find("anex", &all),
            Found::None {
                suggestion: Some("Annex".into())
            }
        );
        assert_eq!(find("Warehouse", &all), Found::None { suggestion: None });
        assert_eq!(find("x", &[]), Found::None { suggestion: None });
        assert_eq!(
            suggest("main stret 5", ["Annex", "Main Street 5"]),
            Some("Main Street 5".into())
        );
    }
}
