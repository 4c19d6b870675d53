//! `difflib.get_close_matches(word, options, n=1, cutoff=0.6)`, ported faithfully: which
//! suggestion an error makes depends on `SequenceMatcher`'s exact matching blocks, including
//! its autojunk heuristic (in a word of 200 or more characters, those occurring more than
//! `len // 100 + 1` times never start a match).
//!
//! Scores are kept as exact ratios (`2·M / T`), never as floats: for texts this short the float
//! Python compares orders them the same way.

use std::cmp::Ordering;
use std::collections::HashMap;

/// The option closest to `word` scoring at least 0.6, as `get_close_matches(..., n=1)` picks it:
/// the highest score, then the greatest option (Python compares `(score, option)` tuples).
pub(super) fn close_match<'a, I>(word: &str, options: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let b: Vec<char> = word.chars().collect();
    let index = BIndex::new(&b);
    let mut word_counts: HashMap<char, usize> = HashMap::new();
    for &c in &b {
        *word_counts.entry(c).or_default() += 1;
    }
    let mut best: Option<(Score, &'a str)> = None;
    for option in options {
        let a: Vec<char> = option.chars().collect();
        // `real_quick_ratio` and `quick_ratio` first, as Python does: bounds above `ratio`, so
        // an option they rule out could not have passed, and most options are ruled out.
        let total = a.len() + b.len();
        if !(Score {
            matches: a.len().min(b.len()),
            total,
        })
        .passes()
        {
            continue;
        }
        let mut left = word_counts.clone();
        let common = a
            .iter()
            .filter(|c| match left.get_mut(c) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    true
                }
                _ => false,
            })
            .count();
        if !(Score {
            matches: common,
            total,
        })
        .passes()
        {
            continue;
        }
        let score = Score {
            matches: index.matching_total(&a),
            total: a.len() + b.len(),
        };
        if !score.passes() {
            continue;
        }
        let better = match &best {
            None => true,
            Some((top, name)) => match score.cmp(top) {
                Ordering::Greater => true,
                Ordering::Equal => option > *name,
                Ordering::Less => false,
            },
        };
        if better {
            best = Some((score, option));
        }
    }
    best.map(|(_, option)| option)
}

/// `SequenceMatcher(None, a, b).ratio() >= 0.8`, exactly: the same word with a typo in it.
pub(super) fn nearly_same(a: &str, b: &str) -> bool {
    let b: Vec<char> = b.chars().collect();
    let a: Vec<char> = a.chars().collect();
    let total = a.len() + b.len();
    10 * BIndex::new(&b).matching_total(&a) >= 4 * total
}

/// `ratio() = 2·matches / total` (1.0 when both texts are empty).
#[derive(Clone, Copy)]
struct Score {
    matches: usize,
    total: usize,
}

impl Score {
    /// `ratio() >= 0.6`, exactly: 2M/T >= 3/5.
    fn passes(self) -> bool {
        self.total == 0 || 10 * self.matches >= 3 * self.total
    }

    fn cmp(self, other: &Score) -> Ordering {
        // 2·m1/t1 against 2·m2/t2; an empty pair scores 1.
        let (m1, t1) = if self.total == 0 {
            (1, 2)
        } else {
            (self.matches, self.total)
        };
        let (m2, t2) = if other.total == 0 {
            (1, 2)
        } else {
            (other.matches, other.total)
        };
        (m1 * t2).cmp(&(m2 * t1))
    }
}

/// `SequenceMatcher`'s `b2j` for the word (`b`, set once by `set_seq2`), autojunk applied.
struct BIndex<'b> {
    b: &'b [char],
    b2j: HashMap<char, Vec<usize>>,
}

impl<'b> BIndex<'b> {
    fn new(b: &'b [char]) -> BIndex<'b> {
        let mut b2j: HashMap<char, Vec<usize>> = HashMap::new();
        for (j, &c) in b.iter().enumerate() {
            b2j.entry(c).or_default().push(j);
        }
        if b.len() >= 200 {
            let ntest = b.len() / 100 + 1;
            b2j.retain(|_, places| places.len() <= ntest);
        }
        BIndex { b, b2j }
    }

    /// The sum of the sizes of `get_matching_blocks()` for `a` against the word.
    fn matching_total(&self, a: &[char]) -> usize {
        let mut total = 0;
        let mut queue = vec![(0, a.len(), 0, self.b.len())];
        let mut scratch = Scratch::default();
        while let Some((alo, ahi, blo, bhi)) = queue.pop() {
            let (i, j, k) = self.longest_match(a, alo, ahi, blo, bhi, &mut scratch);
            if k > 0 {
                total += k;
                if alo < i && blo < j {
                    queue.push((alo, i, blo, j));
                }
                if i + k < ahi && j + k < bhi {
                    queue.push((i + k, ahi, j + k, bhi));
                }
            }
        }
        total
    }

    /// `find_longest_match(alo, ahi, blo, bhi)` with no junk function: the longest block,
    /// earliest in `a`, then in `b`, then extended over equal neighbours (popular ones too).
    fn longest_match(
        &self,
        a: &[char],
        alo: usize,
        ahi: usize,
        blo: usize,
        bhi: usize,
        scratch: &mut Scratch,
    ) -> (usize, usize, usize) {
        let (mut besti, mut bestj, mut bestsize) = (alo, blo, 0usize);
        scratch.previous.clear();
        for i in alo..ahi {
            scratch.current.clear();
            let Some(places) = a.get(i).and_then(|c| self.b2j.get(c)) else {
                std::mem::swap(&mut scratch.previous, &mut scratch.current);
                continue;
            };
            for &j in places {
                if j < blo {
                    continue;
                }
                if j >= bhi {
                    break;
                }
                let before = match j.checked_sub(1) {
                    Some(left) => scratch.length_at(left),
                    None => 0,
                };
                let k = before + 1;
                scratch.current.insert(j, k);
                if k > bestsize {
                    besti = i + 1 - k;
                    bestj = j + 1 - k;
                    bestsize = k;
                }
            }
            std::mem::swap(&mut scratch.previous, &mut scratch.current);
        }
        let same = |x: usize, y: usize| a.get(x).is_some() && a.get(x) == self.b.get(y);
        while besti > alo && bestj > blo && same(besti - 1, bestj - 1) {
            besti -= 1;
            bestj -= 1;
            bestsize += 1;
        }
        while besti + bestsize < ahi
            && bestj + bestsize < bhi
            && same(besti + bestsize, bestj + bestsize)
        {
            bestsize += 1;
        }
        (besti, bestj, bestsize)
    }
}

/// `j2len` and `newj2len` of `find_longest_match`, reused between calls: lengths by `j + 1`
/// (0 = not set) and the places set, to clear them in time proportional to the matches.
#[derive(Default)]
struct Scratch {
    previous: Lengths,
    current: Lengths,
}

#[derive(Default)]
struct Lengths {
    by_place: Vec<usize>,
    set: Vec<usize>,
}

impl Lengths {
    fn clear(&mut self) {
        for j in self.set.drain(..) {
            if let Some(slot) = self.by_place.get_mut(j) {
                *slot = 0;
            }
        }
    }

    fn insert(&mut self, j: usize, length: usize) {
        if self.by_place.len() <= j {
            self.by_place.resize(j + 1, 0);
        }
        if let Some(slot) = self.by_place.get_mut(j) {
            *slot = length;
            self.set.push(j);
        }
    }
}

impl Scratch {
    fn length_at(&self, j: usize) -> usize {
        self.previous.by_place.get(j).copied().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_as_python_does() {
        let fields = ["seller", "nip", "revenue", "monthly_revenue", "quality"];
        assert_eq!(close_match("revenu", fields), Some("revenue"));
        assert_eq!(close_match("sellr", fields), Some("seller"));
        assert_eq!(close_match("zzz", fields), None);
        // Equal scores: the greatest option wins.
        assert_eq!(close_match("abc", ["abd", "abe"]), Some("abe"));
    }
}
