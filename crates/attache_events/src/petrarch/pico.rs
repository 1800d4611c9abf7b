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
    /// Lines that were not read: malformed ones (`file:line: what was wrong`); sums and
    /// negations are valid PICO that is simply not combined, and are not listed.
    pub warnings: Vec<String>,
}

/// The largest value a code may have: PICO writes four hexadecimal digits, so a sum of two
/// values always fits a `u32`; a larger value is a malformed line.
const MAX_VALUE: u32 = 0xFFFF;

/// PETRARCH's "no event" code, listed in its PICO file (`---:0`) with nothing to combine.
const NO_CODE: &str = "---";

/// Values from here up are the verb families (say, appeal, intend...): of two such verbs
/// PETRARCH-2 keeps the governed one.
const FAMILY: u32 = 0x1000;

impl PicoTable {
    /// Read a PICO file; `file` names it in warnings. Comments, sums and negative values are
    /// left out; other lines that are not `code:0xVALUE` (or whose value is above
    /// [`MAX_VALUE`]) are left out with a warning.
    pub fn parse(file: &str, text: &str) -> PicoTable {
        let mut table = PicoTable::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            match parse_line(line) {
                Ok(Some((code, value))) => {
                    table.values.insert(code.to_string(), value);
                    table.codes.entry(value).or_insert_with(|| code.to_string());
                }
                Ok(None) => {}
                Err(why) => table
                    .warnings
                    .push(format!("{file}:{}: {why}: {line:?}", n + 1)),
            }
        }
        table
    }

    /// True when no code was read.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The CAMEO code of a `governing` verb combined with the verb it governs, as PETRARCH-2
    /// adds them; `None` when either has no plain value, the sum is no CAMEO code, or the
    /// governed verb's value stays as it is (two verb families, or a governed value not
    /// below the governing one): then there is nothing to combine, and reading the value
    /// back could only give an alias of the governed code (0841 -> 082).
    pub fn combine(&self, governing: &str, governed: &str) -> Option<&str> {
        let upper = *self.values.get(governing)?;
        let lower = *self.values.get(governed)?;
        if (upper >= FAMILY && lower >= FAMILY) || lower >= upper {
            return None;
        }
        let sum = upper.checked_add(lower)?;
        self.codes.get(&sum).map(String::as_str)
    }
}

/// One comment-free line: its code and value, `None` for a sum or negation (valid PICO that
/// is not combined), or what is wrong with it.
fn parse_line(line: &str) -> Result<Option<(&str, u32)>, &'static str> {
    let (code, value) = line.split_once(':').ok_or("no `code:value`")?;
    let code = code.trim();
    if code == NO_CODE {
        return Ok(None);
    }
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err("the code is not a CAMEO number");
    }
    let value = value.trim();
    if value.contains(['+', '-']) {
        return Ok(None);
    }
    let hex = value
        .strip_prefix("0x")
        .ok_or("the value is not `0x` hexadecimal")?;
    let value = u32::from_str_radix(hex, 16).map_err(|_| "the value is not hexadecimal")?;
    if value > MAX_VALUE {
        return Err("the value has more than four hexadecimal digits");
    }
    Ok(Some((code, value)))
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
011:0x1000-0xFFFF
---:0
";

    #[test]
    fn an_intent_and_the_act_it_governs_add_up_to_a_cameo_code() {
        let t = PicoTable::parse("sample", SAMPLE);
        assert_eq!(t.combine("030", "0841"), Some("0352"));
        // Two verb families: the governed one stays, nothing is combined.
        assert_eq!(t.combine("030", "036"), None);
        // A governed value not below the governing one is not recoded to an alias.
        assert_eq!(t.combine("082", "0841"), None);
        // No CAMEO code for an intent to fight (0x30A0), none for an unread value.
        assert_eq!(t.combine("030", "190"), None);
        assert_eq!(t.combine("030", "120"), None);
    }

    #[test]
    fn a_value_read_back_names_the_first_code_listed_with_it() {
        let t = PicoTable::parse("sample", SAMPLE);
        assert_eq!(t.codes.get(&0x020C).map(String::as_str), Some("082"));
        assert!(!t.is_empty());
        // Sums and negations are valid PICO, only not combined: no warning.
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }

    #[test]
    fn a_value_beyond_four_hex_digits_is_not_read() {
        let t = PicoTable::parse("test.txt", "030:0x3000\n999:0xFFFFFFFF\n");
        assert_eq!(t.values.get("999"), None);
        assert_eq!(t.combine("030", "999"), None);
        assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
        assert!(t.warnings[0].starts_with("test.txt:2:"), "{:?}", t.warnings);
    }
}
