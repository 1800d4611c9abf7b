//! Data: the most common function words (articles, prepositions, conjunctions, pronouns,
//! auxiliaries) of the languages whose declaration a cheap check can confirm.
//!
//! Running prose in any of these languages is a third to a half made of words from its own
//! list, and a much smaller share of any other list here, so the share confirms or refutes a
//! page's declared language without a statistical detector. Lists are lower-case and written
//! as they appear between non-letters (French `l'` is the token `l`). Languages without word
//! spacing or with scripts the team has not covered are absent: their declarations always go
//! to the detector.

/// `(ISO 639-1 code, function words)`.
pub const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was",
            "at", "by", "it", "from", "he", "his", "be", "are", "have", "has", "had", "an", "this",
            "they", "their", "not", "but", "or", "which", "were", "been", "will", "would", "who",
            "its", "she", "her", "we", "after", "said", "than", "there", "also", "into", "about",
            "more", "when", "them", "could", "if", "our", "over", "out", "up", "what", "some",
            "can", "new",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "en", "au", "aux",
            "que", "qui", "dans", "pour", "par", "sur", "pas", "ne", "il", "elle", "ils", "elles",
            "nous", "vous", "on", "se", "sa", "son", "ses", "leur", "leurs", "ce", "cette", "ces",
            "avec", "mais", "ou", "plus", "été", "sont", "était", "ont", "avait", "a", "l", "d",
            "qu", "n", "s", "c", "j", "y", "aussi", "lors", "selon", "après", "entre", "être",
            "fait", "comme",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines", "und", "oder", "aber", "nicht", "ist", "sind", "war", "waren", "hat", "haben",
            "hatte", "wird", "werden", "wurde", "wurden", "zu", "zum", "zur", "mit", "von", "vom",
            "auf", "für", "aus", "bei", "nach", "im", "in", "an", "am", "auch", "sich", "er",
            "sie", "es", "wir", "ihr", "ihre", "sein", "seine", "dass", "als", "wie", "noch",
            "nur", "so", "über", "um", "durch", "schon",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "del", "un", "una", "unos", "unas", "y", "e", "o",
            "que", "en", "a", "al", "por", "para", "con", "sin", "se", "su", "sus", "lo", "le",
            "les", "no", "es", "son", "fue", "ha", "han", "había", "como", "más", "pero", "este",
            "esta", "estos", "ese", "esa", "entre", "sobre", "desde", "hasta", "también", "muy",
            "ya", "cuando", "donde", "porque", "según", "tras", "ante", "durante", "está", "están",
            "ser",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "de", "do", "da", "dos", "das", "um", "uma", "e", "é", "que",
            "em", "no", "na", "nos", "nas", "por", "pelo", "pela", "para", "com", "sem", "se",
            "seu", "sua", "seus", "suas", "não", "foi", "são", "ao", "aos", "mais", "mas", "como",
            "ele", "ela", "eles", "elas", "este", "esta", "esse", "essa", "entre", "sobre",
            "desde", "até", "também", "já", "quando", "onde", "porque", "segundo", "após", "está",
            "ser", "tem", "foram",
        ],
    ),
    (
        "it",
        &[
            "il", "lo", "la", "i", "gli", "le", "di", "del", "dello", "della", "dei", "degli",
            "delle", "un", "uno", "una", "e", "ed", "o", "che", "in", "nel", "nella", "nei", "a",
            "al", "alla", "ai", "da", "dal", "dalla", "per", "con", "su", "sul", "sulla", "non",
            "è", "sono", "era", "ha", "hanno", "si", "suo", "sua", "suoi", "più", "ma", "come",
            "anche", "questo", "questa", "tra", "fra", "dopo", "quando", "dove", "perché", "stato",
            "essere", "l", "dell", "all",
        ],
    ),
    (
        "nl",
        &[
            "de", "het", "een", "en", "van", "in", "is", "op", "te", "dat", "die", "met", "voor",
            "zijn", "niet", "aan", "er", "ook", "als", "bij", "om", "maar", "door", "over", "naar",
            "uit", "was", "werd", "worden", "wordt", "heeft", "hebben", "had", "hij", "zij", "ze",
            "wij", "we", "hun", "haar", "dit", "deze", "of", "nog", "al", "tot", "dan", "kan",
            "zal", "wel", "geen", "na", "tegen", "toe",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "we", "z", "ze", "na", "do", "nie", "się", "że", "to", "jest", "są", "był",
            "była", "było", "byli", "o", "od", "po", "za", "przez", "dla", "jak", "ale", "a",
            "oraz", "lub", "czy", "co", "który", "która", "które", "których", "jego", "jej", "ich",
            "tak", "także", "też", "już", "tym", "tego", "ten", "ta", "przy", "pod", "nad", "bez",
            "u", "jednak", "może", "został", "została",
        ],
    ),
    (
        "sv",
        &[
            "och", "i", "att", "det", "som", "en", "ett", "på", "är", "av", "för", "med", "till",
            "den", "har", "de", "inte", "om", "var", "men", "han", "hon", "sig", "från", "vid",
            "så", "kan", "efter", "ska", "skulle", "hade", "eller", "också", "nu", "när", "sin",
            "sina", "sitt", "vi", "dem", "detta", "blev", "blir", "under", "mot", "utan", "än",
            "bara", "finns", "där",
        ],
    ),
    (
        "da",
        &[
            "og", "i", "at", "det", "som", "en", "et", "på", "er", "af", "for", "med", "til",
            "den", "har", "de", "ikke", "om", "var", "men", "han", "hun", "sig", "fra", "ved",
            "så", "kan", "efter", "skal", "skulle", "havde", "eller", "også", "nu", "når", "sin",
            "sine", "sit", "vi", "dem", "denne", "blev", "bliver", "under", "mod", "uden", "end",
            "kun", "der", "være",
        ],
    ),
    (
        "nb",
        &[
            "og", "i", "å", "det", "som", "en", "et", "ei", "på", "er", "av", "for", "med", "til",
            "den", "har", "de", "ikke", "om", "var", "men", "han", "hun", "seg", "fra", "ved",
            "så", "kan", "etter", "skal", "skulle", "hadde", "eller", "også", "nå", "når", "sin",
            "sine", "sitt", "vi", "dem", "denne", "ble", "blir", "under", "mot", "uten", "enn",
            "bare", "der", "være",
        ],
    ),
    (
        "id",
        &[
            "yang", "dan", "di", "ke", "dari", "ini", "itu", "dengan", "untuk", "pada", "dalam",
            "tidak", "akan", "adalah", "oleh", "juga", "sebagai", "ada", "atau", "tersebut",
            "karena", "telah", "sudah", "bisa", "dapat", "kami", "kita", "mereka", "ia", "dia",
            "saat", "hingga", "setelah", "bahwa", "para", "lebih", "antara", "namun", "masih",
            "belum", "agar", "bagi", "secara", "serta", "sejak",
        ],
    ),
    (
        "tr",
        &[
            "ve",
            "bir",
            "bu",
            "da",
            "de",
            "için",
            "ile",
            "olarak",
            "çok",
            "daha",
            "gibi",
            "ama",
            "ancak",
            "en",
            "o",
            "ne",
            "kadar",
            "sonra",
            "olan",
            "olduğu",
            "ise",
            "şu",
            "her",
            "ya",
            "veya",
            "mi",
            "değil",
            "var",
            "yok",
            "göre",
            "arasında",
            "ilk",
            "biri",
            "tüm",
            "oldu",
            "diye",
            "kendi",
            "onun",
            "bunu",
            "ki",
            "hem",
            "yeni",
            "büyük",
            "üzere",
            "karşı",
        ],
    ),
];
