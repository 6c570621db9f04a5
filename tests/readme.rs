//! The README is read by people who copy from it: its example codes must be real codes, and its
//! test command must be the one CI runs.

use creditctl::domain::code::Code;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// Every token shaped like a printed code: groups of 4, 4, 4, 4 and 1 letters or digits joined by
/// hyphens, standing alone (not part of a longer run of letters, digits and hyphens).
fn code_shaped(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|token| {
            let groups: Vec<&str> = token.split('-').collect();
            groups.len() == 5
                && groups
                    .iter()
                    .zip([4, 4, 4, 4, 1])
                    .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_alphanumeric()))
        })
        .collect()
}

#[test]
fn every_code_in_the_readme_passes_its_check_symbol() {
    let readme = readme();
    let codes = code_shaped(&readme);
    assert!(
        !codes.is_empty(),
        "the README shows no code, so this test checks nothing"
    );
    let bad: Vec<String> = codes
        .iter()
        .filter_map(|c| Code::parse(c).err().map(|e| format!("{c}: {e}")))
        .collect();
    assert!(
        bad.is_empty(),
        "codes in README.md that creditctl would refuse:\n{}",
        bad.join("\n")
    );
    // The printed form is the canonical one: what `creditctl` itself would show.
    for c in codes {
        assert_eq!(Code::parse(c).unwrap().to_string(), c);
    }
}

#[test]
fn the_code_finder_finds_codes_and_only_codes() {
    assert_eq!(
        code_shaped("redeem `K7QM-3XHD-9V2P-RT6W-P`, not K7QM-3XHD-9V2P-RT6W-J."),
        ["K7QM-3XHD-9V2P-RT6W-P", "K7QM-3XHD-9V2P-RT6W-J"]
    );
    assert!(
        code_shaped("54-0123-4567 2026-11-05 K7QM-3XHD-9V2P-RT6W-JX AAAA-K7QM-3XHD-9V2P-RT6W-J")
            .is_empty()
    );
}

#[test]
fn the_readme_test_command_is_the_one_ci_runs() {
    let readme = readme();
    let command = |text: &str| -> Vec<String> {
        text.lines()
            .map(|l| l.split('#').next().unwrap().trim())
            .filter(|l| l.starts_with("cargo test"))
            .map(str::to_string)
            .collect()
    };
    let ci =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).expect(".ci/run");
    let ci = command(&ci);
    assert_eq!(ci.len(), 1, ".ci/run runs one test command: {ci:?}");
    let shown = command(&readme);
    assert_eq!(
        shown.first(),
        ci.first(),
        "the README's first test command differs from .ci/run's"
    );
}
