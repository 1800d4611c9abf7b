//! PETRARCH's internal coding ontology (PICO, `PETR.Internal.Coding.Ontology.txt`): each
//! CAMEO code as a hexadecimal number whose digits name its parts (the top digit the verb
//! family: 3 = intend, 0x0200 = yield, 0x000C = ease dissent...). PETRARCH-2 combines a
//! verb with the verb it governs by adding these numbers ("would" 030 = 0x3000 and "free
//! prisoners" 0841 = 0x020C give 0x320C = 0352, intent to release) and reads the sum back
//! as a CAMEO code.
//!
//! ```text
//! 030:0x3000#Intend          code, value, an optional `#` comment
//! 0352:0x320C
//! 122:-0xFFFF+0x2040+0x300   sums and negations (rejections) are not read: no combination
//! ```

use std::collections::BTreeMap;

/// The PICO values of CAMEO codes, both ways.
#[derive(Debug, Clone, Default)]
pub struct PicoTable {
    /// CAMEO code → value.
    values: BTreeMap<String, u32>,
    /// Value → the first CAMEO code listed with it.
    codes: BTreeMap<u32, String>,
}

/// The largest value a code may have: PICO writes four hexadecimal digits, so a sum of two
/// values always fits a `u32`; a larger value is a malformed line.
const MAX_VALUE: u32 = 0xFFFF;

/// Values from here up are the verb families (say, appeal, intend...): of two such verbs
/// PETRARCH-2 keeps the governed one.
const FAMILY: u32 = 0x1000;

impl PicoTable {
    /// Read a PICO file; lines that are not `code:0xVALUE` (comments, sums, negative values)
    /// are left out, and so are values above [`MAX_VALUE`].
    pub fn parse(text: &str) -> PicoTable {
        let mut table = PicoTable::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let Some((code, value)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            let Some(hex) = value.trim().strip_prefix("0x") else {
                continue;
            };
            let Some(value) = u32::from_str_radix(hex, 16)
                .ok()
                .filter(|&v| v <= MAX_VALUE)
            else {
                continue;
            };
            if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            table.values.insert(code.to_string(), value);
            table.codes.entry(value).or_insert_with(|| code.to_string());
        }
        table
    }

    /// True when no code was read.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The CAMEO code of a `governing` verb combined with the verb it governs, as PETRARCH-2
    /// adds them; `None` when either has no plain value or the sum is no CAMEO code.
    pub fn combine(&self, governing: &str, governed: &str) -> Option<&str> {
        let upper = *self.values.get(governing)?;
        let lower = *self.values.get(governed)?;
        let sum = if (upper >= FAMILY && lower >= FAMILY) || lower >= upper {
            lower
        } else {
            upper.checked_add(lower)?
        };
        self.codes.get(&sum).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# a team-written sample in PICO syntax
030:0x3000#Intend
036:0x3010
0352:0x320C
082:0x020C
0841:0x020C
190:0x00A0
120:-0xFFFF#Reject
";

    #[test]
    fn an_intent_and_the_act_it_governs_add_up_to_a_cameo_code() {
        let t = PicoTable::parse(SAMPLE);
        assert_eq!(t.combine("030", "0841"), Some("0352"));
        // Two verb families: the governed one stays.
        assert_eq!(t.combine("030", "036"), Some("036"));
        // No CAMEO code for an intent to fight (0x30A0), none for an unread value.
        assert_eq!(t.combine("030", "190"), None);
        assert_eq!(t.combine("030", "120"), None);
    }

    #[test]
    fn a_value_read_back_names_the_first_code_listed_with_it() {
        let t = PicoTable::parse(SAMPLE);
        assert_eq!(t.codes.get(&0x020C).map(String::as_str), Some("082"));
        assert!(!t.is_empty());
    }

    #[test]
    fn a_value_beyond_four_hex_digits_is_not_read() {
        let t = PicoTable::parse("030:0x3000\n999:0xFFFFFFFF\n");
        assert_eq!(t.values.get("999"), None);
        assert_eq!(t.combine("030", "999"), None);
    }
}
