//! PETRARCH `<Validation>` XML: validation records and unit tests (formats in
//! `petrarch2-gsr-validation/README.md` and `petrarch2-unittest/README.md`).
//!
//! Structure: `<Environment>` (dictionary names), then `<Sentences>` holding `<Config>`
//! elements (coder options for the following sentences) and `<Sentence>` elements with
//! `<EventCoding>` answers, `<Text>` and `<Parse>`. Parses are not kept: attache codes raw text.

use quick_xml::events::{BytesStart, Event as XmlEvent};
use quick_xml::Reader;

use super::{
    normalise_date, Environment, GoldExpected, GoldFormat, GoldRecord, GoldSet, GoldTriple,
};
use crate::EventsError;

/// Read a PETRARCH validation / unit-test XML file. Sentences without text or without any
/// `EventCoding` are reported in `problems` and skipped; a file that is not well-formed XML is
/// an error naming the line.
pub fn read_petrarch_xml(name: &str, text: &str) -> Result<GoldSet, EventsError> {
    let mut reader = Reader::from_str(text);
    let mut set = GoldSet {
        format: GoldFormat::PetrarchXml,
        records: Vec::new(),
        environment: Environment::default(),
        problems: Vec::new(),
    };
    let mut options: Vec<(String, String)> = Vec::new();
    let mut current: Option<Pending> = None;
    // Name of the innermost element whose text we collect (Text, or an Environment entry).
    let mut collecting: Option<String> = None;
    let mut buf = String::new();
    loop {
        let event = reader.read_event().map_err(|e| {
            let line = line_of(text, reader.error_position() as usize);
            EventsError::data(name, line, format!("not well-formed XML: {e}"))
        })?;
        match event {
            XmlEvent::Eof => break,
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.name().as_ref() == b"Config" => {
                let (opt, value) = (attr(&e, "option"), attr(&e, "value"));
                match opt {
                    Some(opt) => {
                        options.retain(|(k, _)| *k != opt);
                        options.push((opt, value.unwrap_or_default()));
                    }
                    None => set.problems.push(format!(
                        "line {}: <Config> without option",
                        line_of(text, reader.buffer_position() as usize)
                    )),
                }
            }
            XmlEvent::Start(e) if e.name().as_ref() == b"Sentence" => {
                let line = line_of(text, reader.buffer_position() as usize);
                current = Some(Pending::new(&e, line, &options));
            }
            XmlEvent::Empty(e) if e.name().as_ref() == b"Sentence" => {
                let line = line_of(text, reader.buffer_position() as usize);
                set.problems
                    .push(format!("line {line}: empty <Sentence/>; skipped"));
            }
            XmlEvent::Start(e) | XmlEvent::Empty(e) if e.name().as_ref() == b"EventCoding" => {
                match current.as_mut() {
                    Some(p) => p.add_coding(&e),
                    None => set.problems.push(format!(
                        "line {}: <EventCoding> outside a sentence",
                        line_of(text, reader.buffer_position() as usize)
                    )),
                }
            }
            XmlEvent::Start(e) => {
                let tag = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if matches!(
                    tag.as_str(),
                    "Text" | "Parse" | "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile"
                ) {
                    collecting = Some(tag);
                    buf.clear();
                }
            }
            XmlEvent::Text(t) if collecting.is_some() => {
                buf.push_str(&t.decode().unwrap_or_default());
            }
            XmlEvent::CData(t) if collecting.is_some() => {
                buf.push_str(&String::from_utf8_lossy(&t));
            }
            XmlEvent::GeneralRef(r) if collecting.is_some() => {
                let name = r.decode().unwrap_or_default();
                match (r.resolve_char_ref(), predefined(&name)) {
                    (Ok(Some(c)), _) => buf.push(c),
                    (_, Some(c)) => buf.push(c),
                    _ => {
                        buf.push('&');
                        buf.push_str(&name);
                        buf.push(';');
                    }
                }
            }
            XmlEvent::End(e) => {
                let tag = e.name();
                let tag = tag.as_ref();
                if collecting.as_deref().map(str::as_bytes) == Some(tag) && tag == b"Parse" {
                    if let Some(p) = current.as_mut() {
                        p.parse = std::mem::take(&mut buf);
                    }
                    collecting = None;
                } else if collecting.as_deref().map(str::as_bytes) == Some(tag) {
                    let value = buf.split_whitespace().collect::<Vec<_>>().join(" ");
                    let files = || {
                        value
                            .split(',')
                            .map(|f| f.trim().to_string())
                            .filter(|f| !f.is_empty())
                    };
                    match tag {
                        b"Text" => {
                            if let Some(p) = current.as_mut() {
                                p.text = value.clone();
                            }
                        }
                        b"Verbfile" => set.environment.verb_files.extend(files()),
                        b"Actorfile" => set.environment.actor_files.extend(files()),
                        b"Agentfile" => set.environment.agent_files.extend(files()),
                        b"Discardfile" => set.environment.discard_files.extend(files()),
                        _ => {}
                    }
                    collecting = None;
                } else if tag == b"Sentence" {
                    if let Some(p) = current.take() {
                        let (record, problems) = p.finish();
                        set.problems.extend(problems);
                        set.records.extend(record);
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(p) = current {
        set.problems.push(format!(
            "{}: sentence not closed before end of file; skipped",
            p.id
        ));
    }
    Ok(set)
}

/// A sentence being read.
struct Pending {
    id: String,
    line: usize,
    date: Option<String>,
    category: Option<String>,
    evaluate: bool,
    options: Vec<(String, String)>,
    text: String,
    /// The `<Parse>` content, only used to rebuild a missing text.
    parse: String,
    triples: Vec<GoldTriple>,
    noevents: bool,
    error: Option<String>,
    problems: Vec<String>,
}

impl Pending {
    fn new(e: &BytesStart<'_>, line: usize, options: &[(String, String)]) -> Pending {
        let raw_date = attr(e, "date");
        let date = raw_date.as_deref().and_then(normalise_date);
        let mut problems = Vec::new();
        if let (Some(raw), None) = (&raw_date, &date) {
            problems.push(format!("date `{raw}` is not YYYYMMDD; ignored"));
        }
        let off = |a: Option<String>| a.is_some_and(|v| v.trim().eq_ignore_ascii_case("false"));
        Pending {
            id: attr(e, "id").unwrap_or_else(|| format!("line-{line}")),
            line,
            date,
            category: attr(e, "category"),
            evaluate: !off(attr(e, "sentence")) && !off(attr(e, "evaluate")),
            options: options.to_vec(),
            text: String::new(),
            parse: String::new(),
            triples: Vec::new(),
            noevents: false,
            error: None,
            problems,
        }
    }

    fn add_coding(&mut self, e: &BytesStart<'_>) {
        if attr(e, "noevents").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
            self.noevents = true;
            return;
        }
        if let Some(kind) = attr(e, "error") {
            self.error = Some(kind);
            return;
        }
        match (
            attr(e, "sourcecode"),
            attr(e, "targetcode"),
            attr(e, "eventcode"),
        ) {
            (Some(source), Some(target), Some(event)) => self.triples.push(GoldTriple {
                source,
                target,
                event,
            }),
            _ => self
                .problems
                .push("an <EventCoding> lacks sourcecode/targetcode/eventcode; ignored".into()),
        }
    }

    /// The record, if usable, and the problems met (each prefixed with the record id).
    fn finish(mut self) -> (Option<GoldRecord>, Vec<String>) {
        let mut problems: Vec<String> = self
            .problems
            .iter()
            .map(|p| format!("{}: {p}", self.id))
            .collect();
        if self.text.is_empty() {
            self.text = words_of_parse(&self.parse);
            if !self.text.is_empty() {
                problems.push(format!(
                    "{}: empty <Text>; rebuilt from the <Parse> tokens",
                    self.id
                ));
            }
        }
        if self.text.is_empty() {
            problems.push(format!(
                "{} (line {}): no <Text>; skipped",
                self.id, self.line
            ));
            return (None, problems);
        }
        let expected = match (self.error, self.triples.is_empty(), self.noevents) {
            (Some(kind), _, _) => GoldExpected::Error(kind),
            (None, false, _) => GoldExpected::Triples(self.triples),
            (None, true, true) => GoldExpected::NoEvents,
            (None, true, false) => {
                problems.push(format!(
                    "{} (line {}): no usable <EventCoding>; skipped",
                    self.id, self.line
                ));
                return (None, problems);
            }
        };
        let record = GoldRecord {
            id: self.id,
            date: self.date,
            text: self.text,
            category: self.category,
            options: self.options,
            evaluate: self.evaluate,
            expected,
        };
        (Some(record), problems)
    }
}

/// The words of a parse: the FORM column of CoNLL-U, or the leaves of a bracketed Penn tree.
fn words_of_parse(parse: &str) -> String {
    let conll: Vec<&str> = parse
        .lines()
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let id = cols.next()?.trim();
            let form = cols.next()?;
            id.parse::<usize>().ok().map(|_| form)
        })
        .collect();
    if !conll.is_empty() {
        return conll.join(" ");
    }
    // Penn: a leaf is `(TAG word)`: the token after a tag and before a closing bracket.
    let spaced = parse.replace('(', " ( ").replace(')', " ) ");
    let toks: Vec<&str> = spaced.split_whitespace().collect();
    let mut words = Vec::new();
    for w in toks.windows(4) {
        if w[0] == "(" && w[1] != "(" && w[2] != "(" && w[2] != ")" && w[3] == ")" {
            words.push(w[2]);
        }
    }
    words.join(" ")
}

/// An attribute value, unescaped; `None` when absent or undecodable.
fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(|v| v.trim().to_string()))
}

fn predefined(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<Validation>
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A.txt, B.txt</Actorfile>
</Environment>
<Sentences>
<Config option="require_dyad" value="True"></Config>
<Sentence date="19950103" id="T-01" category="DEMO" sentence="true">
<!-- a comment with & and <tag> inside -->
<EventCoding sourcecode="RUR" targetcode="ELB" eventcode="042"></EventCoding>
<EventCoding sourcecode="ELB" targetcode="RUR" eventcode="043"/>
<Text>
Ruritania's envoy went to Elbonia
for talks &amp; dinner.
</Text>
<Parse>(ROOT (S (NP (NNP Ruritania))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950104" id="T-02" category="ERROR" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened.</Text>
</Sentence>
<Sentence date="1995" id="T-03">
<EventCoding error="dateline"></EventCoding>
<Text>Bad date.</Text>
</Sentence>
<Sentence id="T-04"><EventCoding sourcecode="X"/><Text>Half a coding.</Text></Sentence>
<Sentence id="T-05"><EventCoding noevents="True"/></Sentence>
</Sentences>
</Validation>
"#;

    fn sample() -> GoldSet {
        match read_petrarch_xml("t.xml", SAMPLE) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn triples_text_date_and_options_are_read() {
        let set = sample();
        let r = &set.records[0];
        assert_eq!(r.id, "T-01");
        assert_eq!(r.date.as_deref(), Some("1995-01-03"));
        assert_eq!(
            r.text,
            "Ruritania's envoy went to Elbonia for talks & dinner."
        );
        assert_eq!(r.option("require_dyad"), Some("True"));
        let GoldExpected::Triples(t) = &r.expected else {
            panic!("no triples")
        };
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].event, "043");
        assert_eq!(set.environment.actor_files, vec!["A.txt", "B.txt"]);
    }

    #[test]
    fn later_config_overrides_earlier_and_noevents_with_spaces_parse() {
        let set = sample();
        let r = &set.records[1];
        assert_eq!(r.option("require_dyad"), Some("false"));
        assert_eq!(r.expected, GoldExpected::NoEvents);
        assert!(!r.evaluate);
    }

    #[test]
    fn odd_records_are_reported_not_fatal() {
        let set = sample();
        assert_eq!(set.records.len(), 3);
        assert_eq!(
            set.records[2].expected,
            GoldExpected::Error("dateline".into())
        );
        assert!(set
            .problems
            .iter()
            .any(|p| p.starts_with("T-03") && p.contains("`1995`")));
        assert!(set.records[2].date.is_none());
        assert!(set.problems.iter().any(|p| p.starts_with("T-04")));
        assert!(set
            .problems
            .iter()
            .any(|p| p.starts_with("T-05") && p.contains("no <Text>")));
    }

    #[test]
    fn missing_text_is_rebuilt_from_either_parse_format() {
        assert_eq!(
            words_of_parse("1\tBoko\tboko\n2\tHaram\tharam\n"),
            "Boko Haram"
        );
        assert_eq!(
            words_of_parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))"),
            "Arnor left"
        );
    }

    #[test]
    fn broken_xml_names_the_line() {
        let err = read_petrarch_xml("b.xml", "<a>\n<b>\n</a>")
            .err()
            .map(|e| e.to_string());
        assert!(
            err.is_some_and(|e| e.starts_with("b.xml:")),
            "got an unexpected result"
        );
    }
}
