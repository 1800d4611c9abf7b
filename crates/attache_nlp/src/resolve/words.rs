//! Word lists the resolution rules use: data only, folded (lowercase, no accents).

/// Before a capital or city these make it a place ("talks in Istanbul", "flew to Kabul"),
/// not the government acting.
/// "to" and "from" are left out on purpose: "support from Moscow", "a message to Kabul" are
/// the government far more often than the city.
pub const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "into",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "toward",
    "towards",
    "via",
    "through",
    "throughout",
    "within",
    "visited",
    "visiting",
    "reached",
    "between",
];

/// After a capital these make it a place ("Kabul-based", "Doha talks" is not here: the
/// government hosts those). A person the capital only locates is one of them: "a Nairobi
/// man" lives there and does not speak for the government.
pub const PLACE_AFTER: &[&str] = &[
    "based",
    "bound",
    "born",
    "area",
    "airport",
    "city",
    "province",
    "district",
    "man",
    "men",
    "woman",
    "women",
    "boy",
    "boys",
    "girl",
    "girls",
    "teenager",
    "teenagers",
    "native",
    "natives",
    "couple",
    "family",
    "mother",
    "father",
];

/// Words that may stand between a country and a sector noun ("Pakistan's senior security
/// officials", "Guyanese police officer") or between a title and what qualifies it.
pub const MODIFIERS: &[&str] = &[
    "senior",
    "top",
    "former",
    "acting",
    "deputy",
    "chief",
    "federal",
    "local",
    "provincial",
    "regional",
    "national",
    "interim",
    "caretaker",
    "new",
    "current",
    "outgoing",
    "incoming",
    "visiting",
    "ruling",
    "main",
    "special",
    "elite",
    "regular",
    "two",
    "three",
    "four",
    "five",
    "several",
    "many",
    "some",
    "other",
    "junior",
    "high",
    "ranking",
    "high-ranking",
    "civilian",
    "northern",
    "southern",
    "eastern",
    "western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "central",
    "own",
    "then",
    "key",
    "powerful",
    "influential",
    "hardline",
    "moderate",
    "exiled",
    "jailed",
    "retired",
    "serving",
    "sitting",
    "defeated",
    "elected",
    "newly",
    "appointed",
    "state",
    "government",
    "security",
    "border",
    "paramilitary",
    "armed",
    "islamist",
    "militant",
    "separatist",
    "tribal",
    "religious",
    "opposition",
    "union",
    "foreign",
    "military",
    "army",
    "police",
];

/// Joining a sector noun to the country after it ("president of Armenia", "police in
/// Guyana", "officials from Pakistan").
pub const OF_WORDS: &[&str] = &["of", "from", "for", "in"];

/// Capitalised words that never start or continue a person's name after a title.
pub const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "or",
    "but",
    "of",
    "on",
    "in",
    "at",
    "to",
    "for",
    "said",
    "says",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "today",
    "yesterday",
    "tomorrow",
    "mr",
    "mrs",
    "ms",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "this",
    "that",
    "who",
    "which",
    "when",
    "while",
    "after",
    "before",
    "office",
    "ministry",
    "government",
    "state",
    "affairs",
];

/// Lowercase words that may sit inside a name ("Mohammed bin Salman", "Ursula von der Leyen").
pub const NAME_PARTICLES: &[&str] = &[
    "bin", "bint", "ibn", "al", "el", "ul", "ud", "ur", "de", "da", "di", "do", "dos", "van",
    "von", "der", "den", "la", "le", "abu", "e",
];

/// Third-person singular pronouns that refer back to a person.
pub const PRONOUNS: &[&str] = &["he", "she", "him"];

/// Longest name run taken after a title ("Luiz Inacio Lula da Silva" is five words).
pub const MAX_NAME_WORDS: usize = 5;

/// Most modifier words allowed between a qualifier and its sector noun.
pub const MAX_MODIFIERS: usize = 3;

/// A pronoun refers back at most this many sentences (the current one included); further
/// back, news prose has usually introduced someone else.
pub const PRONOUN_WINDOW: usize = 2;

/// A country is the article's default only when mentioned at least this often (one passing
/// mention says little about whose officials "officials" are).
pub const MIN_MENTIONS_FOR_DEFAULT: usize = 2;

/// An unqualified sector noun takes the country of the same sector named this recently
/// ("Pakistan's army chief ... the army"); older than that, the article default applies.
pub const SECTOR_WINDOW: usize = 3;

/// Words that make a sector noun a definite reference to one already named ("the army").
pub const DEFINITE: &[&str] = &["the", "its", "their", "his", "her", "that", "this"];

/// Before a hyphen these make the word after it an attribute, not an actor:
/// "non-Muslims", "anti-government protesters" (the protesters act, not the government).
pub const NEGATING_PREFIXES: &[&str] = &["non", "anti", "counter"];

/// After a hyphen these make the actor before it an attribute of what follows:
/// "Al Qaeda-linked Somali militant group al-Shabab" (al-Shabab acts), "a government-held
/// part of Aleppo" (a place). Words that say the first actor did something ("Indian-backed",
/// "Saudi-led") are left out: the event coder may need that actor.
pub const ATTRIBUTE_SUFFIXES: &[&str] = &[
    "linked",
    "affiliated",
    "aligned",
    "allied",
    "inspired",
    "held",
    "controlled",
    "ruled",
    "run",
    "owned",
    "dominated",
    "leaning",
    "friendly",
    "style",
    "era",
];

/// Sectors of ordinary people: with no country before them they take the one place the
/// sentence names ("children were killed in the Gaza Strip"), and no article default.
pub const PLACED_SECTORS: &[&str] = &["CVL", "PPL"];

/// Nouns of activities that make the sector noun right before them an adjective: "military
/// exercises", "police operations", "government spending" name what someone does, not the
/// military, police or government acting ("Russia is conducting military exercises in
/// Alaska" has no US military in it). Places and things stay actors ("an attack on a police
/// post" hits the police), and so do people and speech ("military sources").
pub const ACTIVITY_NOUNS: &[&str] = &[
    "exercise",
    "exercises",
    "drill",
    "drills",
    "maneuvers",
    "manoeuvres",
    "operation",
    "operations",
    "offensive",
    "campaign",
    "aid",
    "assistance",
    "spending",
    "budget",
    "equipment",
    "hardware",
    "presence",
    "buildup",
    "deployment",
    "deployments",
    "cooperation",
    "ties",
    "intervention",
    "option",
    "options",
    "capability",
    "capabilities",
    "policy",
    "policies",
    "bonds",
    "contracts",
];

/// Titles of people who speak for a body: with no country before them they speak for the
/// one organisation the sentence names ("the World Food Programme ..., a spokeswoman said").
pub const SPEAKER_WORDS: &[&str] = &["spokesman", "spokeswoman", "spokesperson", "spokespeople"];

/// Words after which a title or sector noun is a verb: "we will judge both sides", "they
/// cannot police the border".
pub const MODALS: &[&str] = &[
    "will", "would", "shall", "should", "can", "cannot", "could", "may", "might", "must", "ll",
];

/// Country names and nationality words (folded) that are also ordinary English words in
/// lowercase: written in lowercase they are the word ("fine china", "a turkey", "polish
/// the boots"), so they match a country only with a capital (see the matcher's case rule).
pub const NAMES_THAT_ARE_WORDS: &[&str] = &[
    "bermuda", "chad", "chile", "china", "dane", "danes", "georgia", "guernsey", "guinea", "japan",
    "jersey", "jordan", "karen", "kiwi", "niger", "panama", "pole", "poles", "polish", "reunion",
    "scot", "scots", "swede", "swedes", "tonga", "turkey", "welsh",
];

/// Lowercase nouns a sector word may qualify before "in/of X" gives the country of both:
/// "a strict Islamic state in northeastern Nigeria" (NGAMUS), "the Muslim community of
/// France" (FRAMUS), "rebel positions in Syria" (SYRREB). Only nouns that name a body,
/// polity or stronghold of the sector's people: a verb there ("police said in Lagos")
/// leaves the place to the event, not to the actor.
pub const QUALIFIED_HEADS: &[&str] = &[
    "state",
    "states",
    "community",
    "communities",
    "movement",
    "movements",
    "faction",
    "factions",
    "network",
    "networks",
    "positions",
    "position",
    "stronghold",
    "strongholds",
    "enclave",
    "enclaves",
    "population",
    "populations",
    "minority",
    "minorities",
    "majority",
];

/// The sector of people named by a generic noun ("man", "people"): it yields to a more
/// telling sector of the people named with them ("four children and a man" are civilians).
pub const PEOPLE_SECTOR: &str = "PPL";

/// The civilian sector, which generic people named with civilians take.
pub const CIVILIAN_SECTOR: &str = "CVL";

/// The conjunctions that coordinate two actors ("children and a man", "women, men"): one of
/// them must stand between the two.
pub const COORDINATORS: &[&str] = &["and", "or", ","];

/// The other words that may stand between two coordinated actors, beside a coordinator
/// ("children and a man"); alone they join nothing ("the two").
pub const COORDINATION_FILLERS: &[&str] = &["a", "an", "the", "two", "three"];

/// Most words between two coordinated actors ("children , and a man" is four).
pub const MAX_COORDINATION_WORDS: usize = 4;

/// Before a nationality these make it an ethnic group, coded by where it lives ("ethnic
/// Albanians in southern Serbia" = SRBCVL).
pub const ETHNIC_WORDS: &[&str] = &["ethnic"];
