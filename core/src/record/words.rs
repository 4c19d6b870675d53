//! Which category an unknown spelling most likely means, scored on whole words: `Dom i Ogród`
//! shares a word with `Dom i biuro` and one with `Ogród`, so both are offered, where a score
//! over the letters of the whole text picks the shorter one alone. A spelling that shares no
//! word with any name or alias falls back to `difflib` over the whole text (typos like `Kidz`).

use super::difflib;
use super::pytext;

/// Words that join names in both languages and say nothing of the category.
const JOINERS: [&str; 4] = ["i", "and", "oraz", "w"];

/// How many equally good categories a suggestion names at most.
pub(super) const MAX_SUGGESTIONS: usize = 3;

/// The words of a name: case-folded, Polish letters without their marks (users type `Ogrod`
/// for `Ogród`), split at anything that is not a letter or digit, joiners dropped.
pub(super) fn words(text: &str) -> Vec<String> {
    let folded: String = pytext::casefold(text)
        .chars()
        .map(|c| match c {
            'ą' => 'a',
            'ć' => 'c',
            'ę' => 'e',
            'ł' => 'l',
            'ń' => 'n',
            'ó' => 'o',
            'ś' => 's',
            'ź' | 'ż' => 'z',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded
        .split(' ')
        .filter(|word| !word.is_empty() && !JOINERS.contains(word))
        .map(str::to_string)
        .collect()
}

/// How well `candidate` covers `wanted`'s words, each candidate word used once: 2 for the same
/// word, 1 for one with a typo (`elektronka` for `elektronika`: `difflib` ratio 0.8 or more).
pub(super) fn shared_words(wanted: &[String], candidate: &[String]) -> usize {
    let mut left: Vec<&str> = candidate.iter().map(String::as_str).collect();
    let mut score = 0;
    for word in wanted {
        if let Some(at) = left.iter().position(|w| w == word) {
            left.swap_remove(at);
            score += 2;
        } else if let Some(at) = left.iter().position(|w| difflib::nearly_same(word, w)) {
            left.swap_remove(at);
            score += 1;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn words_fold_case_marks_and_joiners() {
        assert_eq!(w("Dom i Ogród"), ["dom", "ogrod"]);
        assert_eq!(w("Books & Media"), ["books", "media"]);
        assert_eq!(w("ŁAZIENKA-i-ogrzewanie"), ["lazienka", "ogrzewanie"]);
        assert!(w(" & i ").is_empty());
    }

    #[test]
    fn shared_words_count_each_word_once() {
        assert_eq!(shared_words(&w("Dom i Ogród"), &w("Dom i biuro")), 2);
        assert_eq!(shared_words(&w("Dom i Ogród"), &w("Ogród")), 2);
        assert_eq!(
            shared_words(&w("Dom i Ogród"), &w("Home Decoration & Office")),
            0
        );
        assert_eq!(shared_words(&w("dom dom"), &w("Dom i biuro")), 2);
        assert_eq!(shared_words(&w("elektronka"), &w("Elektronika")), 1);
        assert_eq!(shared_words(&w("ogrod"), &w("Zdrowie i uroda")), 0);
        assert_eq!(shared_words(&w("moda"), &w("Books & Media")), 0);
    }
}
