//! The word lists the tokenizer consults (data only, team-written). Each list says which UD
//! convention it carries; the choices were checked against how the English Web Treebank and
//! GUM training documents tokenise the same forms (counts in the comments are from their train
//! and dev splits).

/// Words that keep their final period as part of the token ("Mr.", "Jan.", "etc."), matched
/// case-sensitively without the period. UD keeps the period inside the abbreviation even at
/// the end of a sentence ("in the U.S." has no separate "." token), so this list only decides
/// tokens, never sentence ends. Dotted forms ("U.S.", "a.m.", "Ph.D.") and single capital
/// initials ("J.") are recognised by shape, not listed.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Drs", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt",
    "Sgt", "Cpl", "Pvt", "Adm", "Cmdr", "Cdr", "Brig", "Gov", "Govs", "Sen", "Sens", "Rep",
    "Reps", "Rev", "Fr", "Hon", "Pres", "Supt", "Insp", "Amb", "Lieut", "Cmdt", "Sr", "Jr",
    "St", "Mt", "Ft", "Spec", "Atty", "Gens",
    // Companies and addresses.
    "Inc", "Co", "Corp", "Ltd", "Bros", "Dept", "Ave", "Blvd", "Rd", "Hwy", "Assn", "Univ",
    // Months and days (not "Sun", "Sat": too often a name or a word at a sentence end).
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon",
    "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri",
    // US states in news style.
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan",
    "Ky", "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore",
    "Pa", "Tenn", "Tex", "Va", "Vt", "Wash", "Wis", "Wyo",
    // Latin and common short forms.
    "etc", "vs", "cf", "ca", "viz", "approx", "est", "ext", "Ext", "Attn", "attn", "lb", "lbs",
    "oz", "Ph", "eg", "misc", "info", "Conf", "Ass't",
];

/// Words that keep their period only before a number ("No. 10", "Art. 5", "Fig. 2"): at the
/// end of a sentence they are words ("The answer was No.").
pub const BEFORE_NUMBER: &[&str] = &[
    "No", "no", "Nos", "Art", "Vol", "vol", "Fig", "fig", "pp", "p", "Ch", "Sec", "Para",
];

/// Prefixes after which a hyphen does not split the word: UD English splits "search-engine"
/// into "search", "-", "engine" but keeps "e-mail", "non-violent", "re-elected" whole. Kept
/// (whole / split) in EWT+GUM train and dev: non 63/1, e 50/3, re 26/0, anti 24/0, pre 22/0,
/// co 22/0, pro 18/0, mid 18/0, cross 17/0, post 10/1, over 7/1, semi 7/0; "self" (0/41),
/// "pan" (4/10) and "vice" (2/3) are split and so are not listed. Matched case-insensitively.
pub const HYPHEN_PREFIXES: &[&str] = &[
    "non", "e", "re", "anti", "pre", "co", "pro", "mid", "cross", "post", "over", "semi",
    "counter", "multi", "ex", "sub", "mini", "inter", "intra", "socio", "psycho", "arch", "proto",
    "mis", "un", "micro", "neo",
];

/// Suffixes before which a hyphen does not split the word ("career-wise", "Holocaust-esque").
pub const HYPHEN_SUFFIXES: &[&str] = &["wise", "esque"];

/// Clitics split off the end of a word as a separate word of the same token (a UD multiword
/// token: "don't" = "do" + "n't", "Pakistan's" = "Pakistan" + "'s"), written with a straight
/// apostrophe and lowercase; the tokenizer also matches the curly apostrophe and any case.
/// "n't" must come first: "don't" ends in "'t" only through it.
pub const APOSTROPHE_CLITICS: &[&str] = &["n't", "'s", "'re", "'ll", "'ve", "'d", "'m"];

/// Whole words that UD splits although they have no apostrophe: (word, length of its first
/// part). EWT splits "cannot" into "can" + "not", "gonna" into "gon" + "na", and the common
/// apostrophe-less spellings ("dont" = "do" + "nt", "Im" = "I" + "m"; every one of these is
/// split wherever it occurs in EWT train). Matched case-insensitively; the parts keep the
/// text's case. "its", "lets", "ill", "id", "hell" are not here: they are words in their own
/// right far more often.
pub const SPLIT_WORDS: &[(&str, usize)] = &[
    ("cannot", 3),
    ("gonna", 3),
    ("wanna", 3),
    ("gotta", 3),
    ("dont", 2),
    ("doesnt", 4),
    ("didnt", 3),
    ("isnt", 2),
    ("wasnt", 3),
    ("arent", 3),
    ("werent", 4),
    ("hasnt", 3),
    ("havent", 4),
    ("hadnt", 3),
    ("couldnt", 5),
    ("wouldnt", 5),
    ("shouldnt", 6),
    ("wont", 2),
    ("cant", 2),
    ("aint", 2),
    ("im", 1),
    ("ive", 1),
    ("youre", 3),
    ("theyre", 4),
    ("thats", 4),
    ("theres", 5),
    ("whats", 4),
];

/// Emoticons kept as one token (EWT has ":)", ":(", ";)", ":D", "^_^", "(:", "=)", ">:(").
pub const EMOTICONS: &[&str] = &[
    ":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":-P", ":p", ":-p", ":/", ":-/",
    ":|", ":-|", ":O", ":o", ":'(", ":')", "=)", "=(", "=D", "(:", "):", ">:(", "<3", "</3", "^_^",
    "^^", "-_-", "o_O", "O_o", "T_T", "XD", ":]", ":[", ";D", "8)", "B)",
];

/// Units written right after a number that UD splits off ("5pm" = "5" + "pm", "35mm" = "35" +
/// "mm", "10k" = "10" + "k"), matched case-insensitively. Ordinals ("1st") and decades
/// ("1980s") are not units and stay whole.
pub const NUMBER_UNITS: &[&str] = &[
    "am", "pm", "a.m.", "p.m.", "k", "m", "mm", "cm", "km", "kg", "g", "mg", "lb", "lbs", "ft",
    "mph", "kph", "x", "bn", "mn", "b", "gb", "mb", "tb", "ml", "l", "hrs", "hr", "min", "mins",
    "sec", "secs", "yrs", "yr", "km/h",
];

/// File-name extensions: a token ending in one of these (after a period) is a file name and
/// stays whole ("ENRON.XLS", "ld2d-#69366-1.DOC"). Matched case-insensitively.
pub const FILE_EXTENSIONS: &[&str] = &[
    "doc", "docx", "xls", "xlsx", "ppt", "pptx", "pdf", "txt", "htm", "html", "jpg", "jpeg", "png",
    "gif", "mp3", "mp4", "zip", "exe", "url", "csv", "xml", "rtf", "wav", "avi",
];

/// Top-level domains that make a dotted word a host name ("galleryfurniture.com",
/// "whitehouse.gov"), kept whole.
pub const DOMAINS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "co", "uk", "us", "ca",
    "de", "fr", "au", "ru", "cn", "jp", "pk", "af", "eu", "tv", "ly",
];
