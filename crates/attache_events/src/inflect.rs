//! Regular English inflection for dictionary entries: verb forms (`-s`, `-ed`, `-ing`) and noun
//! plurals. Irregular forms are never guessed: dictionaries list them (`SAY {SAID}`).
//!
//! Generation errs on the side of extra forms (both `BANED` and `BANNED`): a form that is not a
//! word never occurs in text, so it costs nothing, while a missing form loses an event.

/// The regular forms of a verb (upper or lower case in, same case out), the base first.
pub fn verb_forms(base: &str) -> Vec<String> {
    let upper = base.chars().any(|c| c.is_uppercase());
    let w = base.to_lowercase();
    let mut out = vec![w.clone()];
    if w.is_empty() || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
        return finish(out, upper);
    }
    let stem_e = w.strip_suffix('e');
    // Third person singular.
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || w.ends_with('o')
    {
        out.push(format!("{w}es"));
    } else if let Some(stem) = consonant_y(&w) {
        out.push(format!("{stem}ies"));
    } else {
        out.push(format!("{w}s"));
    }
    // Past and participle.
    if let Some(stem) = consonant_y(&w) {
        out.push(format!("{stem}ied"));
    } else if w.ends_with('e') {
        out.push(format!("{w}d"));
    } else {
        out.push(format!("{w}ed"));
    }
    // Present participle.
    match stem_e {
        Some(stem)
            if !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") && stem.len() > 1 =>
        {
            out.push(format!("{stem}ing"))
        }
        _ => out.push(format!("{w}ing")),
    }
    // Doubled final consonant (ban → banned, banning; plan → planned), offered as an extra form.
    if let Some(last) = doubles(&w) {
        out.push(format!("{w}{last}ed"));
        out.push(format!("{w}{last}ing"));
    }
    finish(out, upper)
}

/// The regular plural of a noun (same case out as in).
pub fn noun_plural(word: &str) -> String {
    let upper = word.chars().any(|c| c.is_uppercase());
    let w = word.to_lowercase();
    let p = if w.ends_with("ss") || w.ends_with("sh") || w.ends_with("ch") || w.ends_with('x') {
        format!("{w}es")
    } else if let Some(stem) = consonant_y(&w) {
        format!("{stem}ies")
    } else if w.ends_with('s') {
        w.clone()
    } else {
        format!("{w}s")
    };
    if upper {
        p.to_uppercase()
    } else {
        p
    }
}

/// `stem` when `w` ends in consonant + y (`carry` → `carr`).
fn consonant_y(w: &str) -> Option<&str> {
    let stem = w.strip_suffix('y')?;
    let before = stem.chars().last()?;
    (!is_vowel(before)).then_some(stem)
}

/// The final consonant when a short word ends consonant-vowel-consonant (`ban` → `n`).
fn doubles(w: &str) -> Option<char> {
    let c: Vec<char> = w.chars().collect();
    let n = c.len();
    if n < 3 {
        return None;
    }
    let (a, b, last) = (c[n - 3], c[n - 2], c[n - 1]);
    let ok = !is_vowel(a) && is_vowel(b) && !is_vowel(last) && !matches!(last, 'w' | 'x' | 'y');
    ok.then_some(last)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

fn finish(mut out: Vec<String>, upper: bool) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    out.retain(|f| seen.insert(f.clone()));
    if upper {
        out.iter().map(|f| f.to_uppercase()).collect()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(forms: &[String], f: &str) -> bool {
        forms.iter().any(|x| x == f)
    }

    #[test]
    fn regular_verbs_get_s_ed_ing() {
        let f = verb_forms("attack");
        assert!(
            has(&f, "attack") && has(&f, "attacks") && has(&f, "attacked") && has(&f, "attacking")
        );
    }

    #[test]
    fn e_y_and_sibilant_endings_follow_spelling_rules() {
        let f = verb_forms("urge");
        assert!(has(&f, "urges") && has(&f, "urged") && has(&f, "urging"));
        let f = verb_forms("carry");
        assert!(has(&f, "carries") && has(&f, "carried") && has(&f, "carrying"));
        let f = verb_forms("reach");
        assert!(has(&f, "reaches"));
        let f = verb_forms("agree");
        assert!(has(&f, "agreeing") && has(&f, "agreed"));
    }

    #[test]
    fn short_cvc_verbs_also_get_doubled_forms_and_case_is_kept() {
        let f = verb_forms("BAN");
        assert!(has(&f, "BANNED") && has(&f, "BANNING") && has(&f, "BANS"));
    }

    #[test]
    fn plurals() {
        assert_eq!(noun_plural("talk"), "talks");
        assert_eq!(noun_plural("ALLY"), "ALLIES");
        assert_eq!(noun_plural("witness"), "witnesses");
    }
}
