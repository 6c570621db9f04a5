//! Device serial numbers, 2N style: `54-0123-4567` (`NN-NNNN-NNNN`, digits only).

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Serial(String);

impl Serial {
    pub fn parse(input: &str) -> Result<Serial, String> {
        let s = input.trim();
        let groups: Vec<&str> = s.split('-').collect();
        let shape_ok = groups.len() == 3
            && groups
                .iter()
                .zip([2, 4, 4])
                .all(|(g, len)| g.len() == len && g.bytes().all(|b| b.is_ascii_digit()));
        if shape_ok {
            Ok(Serial(s.to_string()))
        } else {
            Err(format!(
                "'{input}' is not a serial number: write it as NN-NNNN-NNNN in digits, e.g. 54-0123-4567"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Serial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_the_2n_form_only() {
        assert_eq!(
            Serial::parse(" 54-0123-4567 ").unwrap().as_str(),
            "54-0123-4567"
        );
        for bad in [
            "5401234567",
            "54-123-4567",
            "54-0123-45678",
            "AB-0123-4567",
            "54-0123-456a",
            "",
            "54--0123-4567",
            "54-0123-4567-1",
            "٥٤-0123-4567",
        ] {
            assert!(Serial::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn every_digit_form_is_accepted(a in 0u32..100, b in 0u32..10_000, c in 0u32..10_000) {
            let s = format!("{a:02}-{b:04}-{c:04}");
            let parsed = Serial::parse(&s).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
        }

        #[test]
        fn anything_else_is_refused(s in "\\PC{0,14}") {
            let shaped = s.len() == 12 && s.as_bytes()[2] == b'-' && s.as_bytes()[7] == b'-';
            prop_assume!(!shaped);
            prop_assert!(Serial::parse(&s).is_err() || s.trim() != s);
        }
    }
}
