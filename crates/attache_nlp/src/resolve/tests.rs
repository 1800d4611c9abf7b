//! Behaviour of actor resolution on sentences the team wrote (fictional where it matters).

use attache_model::{Article, Document};

use super::*;

fn resolver_with(extra: Option<ActorDictionary>) -> ActorResolver {
    let mut dict = ActorDictionary::builtin().expect("built-in dictionaries");
    if let Some(extra) = extra {
        dict.merge(extra);
    }
    ActorResolver::new(dict).expect("automaton")
}

/// `text=CODE` for every mention of `text` resolved as one sentence set (no article
/// default country, as in the benchmarks).
fn mentions_with(resolver: &ActorResolver, text: &str) -> Vec<String> {
    let settings = Settings {
        infer_default_country: false,
        ..Settings::default()
    };
    let mut doc = Document::new(
        "t",
        Article {
            text: text.into(),
            ..Article::default()
        },
    );
    resolver.resolve_with(&mut doc, &settings);
    doc.mentions
        .iter()
        .map(|m| format!("{}={}", doc.text_of(m.span), m.code))
        .collect()
}

fn mentions(text: &str) -> Vec<String> {
    mentions_with(&resolver_with(None), text)
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn petrarch_agents_define_the_sector_nouns_when_loaded() {
    let agents = "SOLDIER [~MIL]\nGOVERNMENT [~GOV]\nMILITANT [~UAF]\n";
    let petrarch = ActorDictionary::parse_petrarch_agents(agents, "t.agents.txt").expect("agents");
    let text =
        "Filipino peacekeepers left while Filipino soldiers stayed and Somali militants fled.";
    // No peacekeeper among those agents: the demonym alone, as PETRARCH codes it; and the
    // militants take PETRARCH's code, not the team's.
    assert_eq!(
        mentions_with(&resolver_with(Some(petrarch)), text),
        strings(&[
            "Filipino=PHL",
            "Filipino soldiers=PHLMIL",
            "Somali militants=SOMUAF"
        ])
    );
    // Without PETRARCH agents the team's sector nouns all count.
    assert_eq!(
        mentions(text),
        strings(&[
            "Filipino peacekeepers=PHLMIL",
            "Filipino soldiers=PHLMIL",
            "Somali militants=SOMREB"
        ])
    );
}

#[test]
fn a_sector_noun_takes_the_country_of_the_body_it_comes_from() {
    assert_eq!(
        mentions("Protesters received ministers from the Georgian government."),
        strings(&[
            "Protesters=---OPP",
            "ministers from the Georgian government=GEOGOV"
        ])
    );
    assert_eq!(
        mentions("Sanctions hit four senior officers in the Russian military."),
        strings(&["four senior officers in the Russian military=RUSMIL"])
    );
    assert_eq!(
        mentions("They met exiled dissidents from military-ruled Myanmar."),
        strings(&["exiled dissidents from military-ruled Myanmar=MMROPP"])
    );
}

#[test]
fn hyphenated_attributes_are_not_actors() {
    assert_eq!(
        mentions("The Al Qaeda-linked militants shelled a government-held town."),
        strings(&["militants=---REB"])
    );
    assert_eq!(
        mentions("Gunmen targeted non-Muslims near anti-government protesters."),
        strings(&["Gunmen=---REB", "protesters=---OPP"])
    );
    assert_eq!(
        mentions("Russia is conducting military exercises in Alaska."),
        strings(&["Russia=RUS", "Alaska=USA"])
    );
    // "Indian-backed" says India did something: the coder may need India.
    assert_eq!(
        mentions("He cited Indian-backed groups."),
        strings(&["Indian=IND"])
    );
}

#[test]
fn an_acronym_spelling_an_earlier_name_is_that_actor() {
    // The dictionary's RSF is Reporters Sans Frontieres; this article means the militia.
    let found = mentions(
        "The army and the Rapid Support Forces agreed to a truce. The RSF denied the charge.",
    );
    assert_eq!(
        found,
        strings(&["army=---MIL", "Rapid Support Forces=SDNREB", "RSF=SDNREB"])
    );
}

#[test]
fn a_titled_stranger_does_not_take_another_leaders_country() {
    let found = mentions("President Marcel Dufresne welcomed South African leader Thabo Nkosi.");
    assert_eq!(found[0], "President Marcel Dufresne=---GOV");
    // The sentence's country is still the titled person's when it is no one else's.
    let found = mentions("Egyptian demonstrators demanded the removal of President Omar Farouk.");
    assert_eq!(found[1], "President Omar Farouk=EGYGOV");
}

#[test]
fn civilians_take_the_place_the_sentence_puts_them_in() {
    let found = mentions("Four children were killed by shelling in the east of Gaza Strip.");
    assert_eq!(found, strings(&["Four children=PSECVL", "Gaza Strip=PSE"]));
    // State bodies do, and other people do not.
    let found = mentions("Villagers near Kandahar said insurgents fled.");
    assert_eq!(found[0], "Villagers=AFGCVL");
    assert_eq!(found[2], "insurgents=---REB");
}

#[test]
fn a_spokesperson_speaks_for_the_one_organisation_named() {
    let found =
        mentions("The World Food Programme has lorries waiting near Chad, a spokeswoman said.");
    assert_eq!(found[2], "spokeswoman=IGOUNOWFP");
}

#[test]
fn a_sector_noun_after_a_modal_is_a_verb() {
    assert_eq!(
        mentions("We will judge both sides, said the judge."),
        strings(&["judge=---JUD"])
    );
}

#[test]
fn a_name_after_a_title_may_also_be_a_town() {
    // Hassan is a city in India too.
    let found = mentions("King Hassan of Morocco was quoted as saying he would host a meeting.");
    assert_eq!(found[0], "King Hassan of Morocco=MARGOV");
    let found = mentions("Opposition leader Maulana Fazl-ur-Rehman of Pakistan spoke.");
    assert_eq!(
        found[0],
        "Opposition leader Maulana Fazl-ur-Rehman of Pakistan=PAKOPP"
    );
}

#[test]
fn a_sector_word_before_a_head_noun_takes_the_place_after_it() {
    let agents = "ISLAMIC [~MUS]\nMAN [~PPL]\nCHILD {CHILDREN} [~CVL]\n";
    let petrarch = ActorDictionary::parse_petrarch_agents(agents, "t.agents.txt").expect("agents");
    let resolver = resolver_with(Some(petrarch));
    assert_eq!(
        mentions_with(
            &resolver,
            "The group fights for an Islamic state in northeastern Mali."
        ),
        strings(&["Islamic state in northeastern Mali=MLIMUS"])
    );
    // A verb after the sector word leaves the place to the event.
    assert_eq!(
        mentions("The police said in Bamako that the road was closed."),
        strings(&["police=---COP", "Bamako=MLI"])
    );
}

#[test]
fn generic_people_named_with_civilians_are_civilians() {
    let agents = "MAN [~PPL]\nCHILD {CHILDREN} [~CVL]\n";
    let petrarch = ActorDictionary::parse_petrarch_agents(agents, "t.agents.txt").expect("agents");
    let resolver = resolver_with(Some(petrarch));
    assert_eq!(
        mentions_with(
            &resolver,
            "Three children and a man were hurt in a blast in the Gaza Strip."
        ),
        strings(&["Three children=PSECVL", "man=PSECVL", "Gaza Strip=PSE"])
    );
    // Alone, a man stays a person of unknown sector.
    assert_eq!(
        mentions_with(&resolver, "A man was hurt in the Gaza Strip."),
        strings(&["man=PSEPPL", "Gaza Strip=PSE"])
    );
}

#[test]
fn an_ethnic_group_is_coded_by_the_country_it_lives_in() {
    assert_eq!(
        mentions("Ethnic Albanians in southern Serbia demanded more rights."),
        strings(&["Albanians=SRBCVL", "Serbia=SRB"])
    );
    // Without another country the nationality stands.
    assert_eq!(
        mentions("Ethnic Albanians demanded more rights."),
        strings(&["Albanians=ALB"])
    );
}

#[test]
fn let_us_is_not_lashkar_e_taiba() {
    assert_eq!(mentions("Let us be clear about it."), Vec::<String>::new());
    assert_eq!(mentions("The LeT denied it."), strings(&["LeT=PAKREB"]));
}

/// Hostile input (issue 15): 'Pakistan and Afghanistan ' 40,000 times and "met." is one
/// sentence of 80,000 names; resolving it scanned every earlier item for every token (26 s
/// through `attache code`). Read in windows, every name is still found and coded.
#[test]
fn one_sentence_of_eighty_thousand_names_resolves_every_name() {
    let text = format!("{}met.", "Pakistan and Afghanistan ".repeat(40_000));
    let found = mentions(&text);
    assert_eq!(found.len(), 80_000);
    assert_eq!(found[0], "Pakistan=PAK");
    assert_eq!(found[79_999], "Afghanistan=AFG");
}

/// Pronouns after many named people in one long sentence: each pronoun looked back over
/// every item of the sentence.
#[test]
fn pronouns_in_a_long_sentence_resolve_to_the_person_before() {
    let text = "Prime Minister Shehbaz Sharif said he would go, ".repeat(20_000);
    let found = mentions(&text);
    let pronouns = found.iter().filter(|m| m.starts_with("he=")).count();
    assert!(pronouns > 19_000, "{pronouns} pronouns resolved");
}
