//! Data only: English function words and news filler that say nothing about which happening an
//! article reports, left out of story terms. Lower case, sorted for binary search.

/// Words ignored when describing what an article is about.
pub const STOPWORDS: &[&str] = &[
    "about", "above", "according", "across", "added", "afp", "after", "again", "against", "ago",
    "all", "almost", "along", "already", "also", "although", "always", "among", "and", "another",
    "any", "are", "around", "because", "been", "before", "being", "between", "both", "but", "can",
    "cent", "could", "day", "days", "did", "does", "doing", "down", "during", "each", "earlier",
    "either", "else", "even", "ever", "every", "few", "first", "for", "friday", "from", "further",
    "had", "has", "have", "having", "her", "here", "hers", "herself", "him", "himself", "his",
    "how", "however", "including", "into", "its", "itself", "just", "last", "later", "least",
    "less", "like", "made", "make", "many", "may", "might", "monday", "month", "more", "most",
    "mrs", "much", "must", "near", "never", "new", "news", "next", "nor", "not", "now", "off",
    "once", "one", "only", "other", "others", "our", "ours", "out", "over", "own", "people", "per",
    "percent", "reported", "reuters", "said", "same", "saturday", "says", "second", "several",
    "she", "should", "since", "some", "statement", "still", "such", "sunday", "than", "that",
    "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "though", "three", "through", "thursday", "time", "today", "told", "tonight", "too",
    "tuesday", "two", "under", "until", "upon", "very", "was", "wednesday", "week", "were", "what",
    "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "within", "without", "would", "year", "years", "yesterday", "yet", "you", "your",
];

/// True for a word in [`STOPWORDS`] (expects lower case).
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_binary_search_works() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("said"));
        assert!(!is_stopword("ceasefire"));
    }
}
