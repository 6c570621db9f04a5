//! Voucher codes and license keys: 16 random Crockford base32 symbols (80 bits) plus one check
//! symbol, shown in groups of four (`K7QM-3XHD-9V2P-RT6W-P`).
//!
//! The check symbol is a weighted sum over the field GF(32) (polynomial x⁵ + x² + 1): symbol `i`
//! of 17 (the check symbol last) is multiplied by α^(16−i) and the sum of all 17 must be zero.
//! The scheme is linear, so whether an error is caught depends only on the error, not on the
//! code it hits. A single wrong symbol adds `w·e` with `w ≠ 0`, `e ≠ 0`, which is never zero in a
//! field; swapping neighbours `a`,`b` adds `(a + b)(w₁ + w₂)`, never zero because all 17 weights
//! are distinct powers of α (its order is 31). The tests check both claims exhaustively.

use std::fmt;

/// Crockford base32: digits and letters without I, L, O, U.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Random symbols in a code.
pub const DATA_SYMBOLS: usize = 16;
/// Symbols including the check symbol.
pub const SYMBOLS: usize = DATA_SYMBOLS + 1;
/// Bytes of randomness that make one code (16 symbols × 5 bits).
pub const ENTROPY_BYTES: usize = 10;

/// x⁵ + x² + 1, a primitive polynomial: α = x generates all 31 non-zero elements.
const POLY: u8 = 0b10_0101;

/// Multiplication in GF(32).
pub(crate) const fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0;
    while b != 0 {
        if b & 1 != 0 {
            product ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0b10_0000 != 0 {
            a ^= POLY;
        }
    }
    product
}

/// Weight of each position: α^(16−i), so the check symbol (position 16) has weight 1.
pub(crate) const WEIGHTS: [u8; SYMBOLS] = {
    let mut w = [0u8; SYMBOLS];
    let mut power = 1u8;
    let mut i = SYMBOLS;
    while i > 0 {
        i -= 1;
        w[i] = power;
        power = gf_mul(power, 2);
    }
    w
};

fn syndrome(symbols: &[u8; SYMBOLS]) -> u8 {
    symbols
        .iter()
        .zip(WEIGHTS.iter())
        .fold(0, |acc, (&s, &w)| acc ^ gf_mul(s, w))
}

/// A well-formed code: 17 symbol values (0..32) whose check symbol matches.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Code([u8; SYMBOLS]);

/// Why a typed code is not a code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("'{0}' is not a code symbol (codes use 0-9 and A-Z without I, L, O, U)")]
    BadSymbol(char),
    #[error("a code has {SYMBOLS} symbols, this one has {0}")]
    WrongLength(usize),
    #[error("the check symbol does not match: probably a typo, compare the code symbol by symbol")]
    CheckMismatch,
}

impl Code {
    /// Makes a code from 80 random bits.
    pub fn from_entropy(bytes: &[u8; ENTROPY_BYTES]) -> Code {
        let bits = bytes
            .iter()
            .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
        let mut symbols = [0u8; SYMBOLS];
        for (i, s) in symbols.iter_mut().take(DATA_SYMBOLS).enumerate() {
            *s = ((bits >> (5 * (DATA_SYMBOLS - 1 - i))) & 0x1f) as u8;
        }
        // The check symbol has weight 1, so it is the syndrome of the data symbols.
        symbols[DATA_SYMBOLS] = syndrome(&symbols);
        Code(symbols)
    }

    /// Reads a code as a person types it: case, spaces and hyphens are ignored, `I`/`L` read as
    /// `1` and `O` as `0`.
    pub fn parse(input: &str) -> Result<Code, CodeError> {
        let mut symbols = [0u8; SYMBOLS];
        let mut n = 0;
        for ch in input.chars().filter(|c| !c.is_whitespace() && *c != '-') {
            let value = symbol_value(ch).ok_or(CodeError::BadSymbol(ch))?;
            if n < SYMBOLS {
                symbols[n] = value;
            }
            n += 1;
        }
        if n != SYMBOLS {
            return Err(CodeError::WrongLength(n));
        }
        if syndrome(&symbols) != 0 {
            return Err(CodeError::CheckMismatch);
        }
        Ok(Code(symbols))
    }

    /// The 17 symbols without separators: the form stored in the ledger.
    pub fn canonical(&self) -> String {
        self.0
            .iter()
            .map(|&s| ALPHABET[s as usize] as char)
            .collect()
    }

    /// The code as it is shown, in groups of four (`K7QM-3XHD-9V2P-RT6W-P`), as ASCII bytes.
    pub fn grouped(&self) -> [u8; GROUPED_LEN] {
        let mut out = [b'-'; GROUPED_LEN];
        for (i, &s) in self.0.iter().enumerate() {
            out[i + i / 4] = ALPHABET[s as usize];
        }
        out
    }
}

/// The length of a code shown in groups of four: 17 symbols and 4 hyphens.
pub const GROUPED_LEN: usize = SYMBOLS + (SYMBOLS - 1) / 4;

fn symbol_value(ch: char) -> Option<u8> {
    let ch = match ch.to_ascii_uppercase() {
        'I' | 'L' => '1',
        'O' => '0',
        other => other,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == ch)
        .map(|p| p as u8)
}

impl fmt::Display for Code {
    /// Groups of four: `K7QM-3XHD-9V2P-RT6W-P`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let grouped = self.grouped();
        // The alphabet is ASCII.
        f.write_str(std::str::from_utf8(&grouped).unwrap_or_default())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weights_are_distinct_and_nonzero() {
        for (i, &a) in WEIGHTS.iter().enumerate() {
            assert_ne!(a, 0);
            for &b in &WEIGHTS[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(WEIGHTS[SYMBOLS - 1], 1);
    }

    #[test]
    fn field_has_no_zero_divisors() {
        for a in 1..32u8 {
            for b in 1..32u8 {
                assert_ne!(gf_mul(a, b), 0, "{a}·{b}");
            }
        }
    }

    /// The scheme is linear: a changed code has syndrome = syndrome(error pattern). So checking
    /// every error pattern of a kind against the zero code proves detection for every code.
    #[test]
    fn every_single_symbol_error_is_detected_proof() {
        for pos in 0..SYMBOLS {
            for from in 0..32u8 {
                for to in (0..32u8).filter(|&t| t != from) {
                    let mut delta = [0u8; SYMBOLS];
                    delta[pos] = from ^ to;
                    assert_ne!(syndrome(&delta), 0, "position {pos}: {from} -> {to}");
                }
            }
        }
    }

    #[test]
    fn every_adjacent_swap_is_detected_proof() {
        for pos in 0..SYMBOLS - 1 {
            for a in 0..32u8 {
                for b in (0..32u8).filter(|&b| b != a) {
                    let mut delta = [0u8; SYMBOLS];
                    delta[pos] = a ^ b;
                    delta[pos + 1] = a ^ b;
                    assert_ne!(syndrome(&delta), 0, "swap at {pos}: {a},{b}");
                }
            }
        }
    }

    #[test]
    fn display_groups_by_four() {
        let code = Code::from_entropy(&[0; ENTROPY_BYTES]);
        assert_eq!(code.to_string(), "0000-0000-0000-0000-0");
        let code = Code::from_entropy(&[0xff; ENTROPY_BYTES]);
        let shown = code.to_string();
        assert!(shown.starts_with("ZZZZ-ZZZZ-ZZZZ-ZZZZ-"), "{shown}");
        assert_eq!(Code::parse(&shown), Ok(code));
    }

    #[test]
    fn forgiving_input() {
        let code =
            Code::from_entropy(&[0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11, 0x01]);
        let shown = code.to_string();
        let sloppy = shown.to_lowercase().replace('-', " ");
        assert_eq!(Code::parse(&sloppy), Ok(code));
        assert_eq!(Code::parse(&format!("  {} ", code.canonical())), Ok(code));
        let with_look_alikes = shown.replace('1', "l").replace('0', "O");
        assert_eq!(Code::parse(&with_look_alikes), Ok(code));
        assert_eq!(Code::parse(&shown.replace('1', "I")), Ok(code));
    }

    #[test]
    fn malformed_input_is_named() {
        assert_eq!(Code::parse("K7QM-3XHD"), Err(CodeError::WrongLength(8)));
        assert_eq!(Code::parse(""), Err(CodeError::WrongLength(0)));
        assert_eq!(
            Code::parse("K7QM-3XHD-9V2P-RT6W-U"),
            Err(CodeError::BadSymbol('U'))
        );
        assert_eq!(
            Code::parse("K7QM-3XHD-9V2P-RT6W-*"),
            Err(CodeError::BadSymbol('*'))
        );
    }

    proptest! {
        #[test]
        fn round_trip(bytes in any::<[u8; ENTROPY_BYTES]>()) {
            let code = Code::from_entropy(&bytes);
            prop_assert_eq!(Code::parse(&code.to_string()), Ok(code));
            prop_assert_eq!(Code::parse(&code.canonical()), Ok(code));
            prop_assert_eq!(code.canonical().len(), SYMBOLS);
        }

        #[test]
        fn shown_in_groups_of_four_symbols(bytes in any::<[u8; ENTROPY_BYTES]>()) {
            let code = Code::from_entropy(&bytes);
            let canonical = code.canonical();
            let groups: Vec<&str> = (0..SYMBOLS).step_by(4).map(|i| &canonical[i..(i + 4).min(SYMBOLS)]).collect();
            let shown = code.to_string();
            prop_assert_eq!(&shown, &groups.join("-"));
            prop_assert_eq!(&code.grouped()[..], shown.as_bytes());
        }

        #[test]
        fn distinct_entropy_gives_distinct_codes(a in any::<[u8; ENTROPY_BYTES]>(), b in any::<[u8; ENTROPY_BYTES]>()) {
            prop_assume!(a != b);
            prop_assert_ne!(Code::from_entropy(&a), Code::from_entropy(&b));
        }

        #[test]
        fn typo_in_a_real_code_is_reported_as_typo(bytes in any::<[u8; ENTROPY_BYTES]>(), pos in 0..SYMBOLS, shift in 1..32u8) {
            let code = Code::from_entropy(&bytes);
            let mut chars: Vec<u8> = code.canonical().into_bytes();
            let old = ALPHABET.iter().position(|&a| a == chars[pos]).unwrap() as u8;
            chars[pos] = ALPHABET[((old + shift) % 32) as usize];
            let typo = String::from_utf8(chars).unwrap();
            prop_assert_eq!(Code::parse(&typo), Err(CodeError::CheckMismatch));
        }

        #[test]
        fn swap_in_a_real_code_is_reported_as_typo(bytes in any::<[u8; ENTROPY_BYTES]>(), pos in 0..SYMBOLS - 1) {
            let code = Code::from_entropy(&bytes);
            let mut chars: Vec<u8> = code.canonical().into_bytes();
            prop_assume!(chars[pos] != chars[pos + 1]);
            chars.swap(pos, pos + 1);
            let typo = String::from_utf8(chars).unwrap();
            prop_assert_eq!(Code::parse(&typo), Err(CodeError::CheckMismatch));
        }
    }
}
