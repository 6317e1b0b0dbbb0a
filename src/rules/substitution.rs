//! `substitution`: wrong forms of words and terms, each with its right form.
//!
//! ## What it does
//! Finds every `wrong` form of `pairs` in the prose of the document (or of
//! `scope`), all at once with an Aho-Corasick automaton (leftmost-longest, so
//! a longer wrong form wins over a shorter one it contains), and reports it with
//! a fix that writes the `right` form. The rule's `message` and `help` may use
//! `{wrong}` and `{right}`; a pair's `note` becomes the help.
//!
//! A pack is rejected when a right form contains a wrong form (fixing would
//! never converge), when a wrong form is listed twice or equals its right form.
//!
//! ## Why is this bad?
//! Misspelt idioms and wrong names of Party documents and terms are the most
//! visible slips in a public notice; each has one accepted form.
//!
//! ## Example
//! ```yaml
//! - id: terms
//!   kind: substitution
//!   pairs:
//!     - { wrong: 截止目前, right: 截至目前, note: “截至”后面可带时间，“截止”不能 }
//!     - { wrong: 再接再励, right: 再接再厉 }
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Edit, Fix};
use crate::document::Source;
use crate::pack::{PackError, span_of};
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Wrong → right pairs.
    pairs: Spanned<Vec<Spanned<PairOptions>>>,
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
}

/// One pair as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairOptions {
    wrong: Spanned<String>,
    right: Spanned<String>,
    /// Why the right form is right (shown as help).
    note: Option<String>,
}

/// One compiled pair.
#[derive(Debug)]
struct Pair {
    wrong: String,
    right: String,
    note: Option<String>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct Substitution {
    pairs: Vec<Pair>,
    /// Pattern `i` is `pairs[i].wrong`.
    automaton: Automaton,
    scope: Scope,
    references: Vec<Reference>,
}

/// Documents searched with the first automaton before the faster one is built.
const DOCUMENTS_BEFORE_DFA: usize = 8;

/// Largest NFA (in bytes) for which a DFA is built: a DFA of a list of
/// thousands of long terms can take hundreds of megabytes, while the default
/// list's NFA is about 30 KB.
const MAX_NFA_BYTES_FOR_DFA: usize = 1 << 20;

/// The wrong forms, searched with an automaton that suits the run: a
/// contiguous NFA builds in about a fifth of the time of a DFA, which is what
/// a run over one document needs, while the DFA searches about 2.5 times as
/// fast, which is what a run over many needs. Both find the same matches.
#[derive(Debug)]
struct Automaton {
    nfa: AhoCorasick,
    dfa: OnceLock<AhoCorasick>,
    searches: AtomicUsize,
    /// Whether the NFA is small enough for a DFA to be built.
    dfa_allowed: bool,
}

impl Automaton {
    fn new<'a>(
        wrong: impl IntoIterator<Item = &'a str>,
    ) -> Result<Automaton, aho_corasick::BuildError> {
        let nfa = Automaton::build(wrong, AhoCorasickKind::ContiguousNFA)?;
        Ok(Automaton {
            dfa_allowed: nfa.memory_usage() <= MAX_NFA_BYTES_FOR_DFA,
            nfa,
            dfa: OnceLock::new(),
            searches: AtomicUsize::new(0),
        })
    }

    fn build<'a>(
        wrong: impl IntoIterator<Item = &'a str>,
        kind: AhoCorasickKind,
    ) -> Result<AhoCorasick, aho_corasick::BuildError> {
        AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(kind))
            .build(wrong)
    }

    /// The automaton for the next document; `wrong` are the forms the NFA
    /// was built from, for the DFA.
    fn for_document<'a>(&self, wrong: impl IntoIterator<Item = &'a str>) -> &AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        if !self.dfa_allowed || self.searches.fetch_add(1, Ordering::Relaxed) < DOCUMENTS_BEFORE_DFA
        {
            return &self.nfa;
        }
        self.dfa.get_or_init(|| {
            // The NFA was built from the same patterns, so the DFA builds too
            // (unless out of memory, when the NFA goes on serving).
            Automaton::build(wrong, AhoCorasickKind::DFA).unwrap_or_else(|_| self.nfa.clone())
        })
    }
}

impl Options {
    /// Validates the pairs and builds the automaton.
    pub fn compile(self, source: &Source) -> Result<Substitution, PackError> {
        let at = |value: &Spanned<String>, message: String, label: &str| {
            PackError::at(
                source,
                span_of(source, &value.referenced),
                message,
                label,
                None,
            )
        };
        if self.pairs.value.is_empty() {
            return Err(PackError::at(
                source,
                span_of(source, &self.pairs.referenced),
                "`pairs` is empty",
                "no pair",
                Some("list pairs as `- { wrong: 截止目前, right: 截至目前 }`".to_owned()),
            ));
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, pair) in self.pairs.value.iter().enumerate() {
            let (wrong, right) = (&pair.value.wrong, &pair.value.right);
            if wrong.value.is_empty() {
                return Err(at(wrong, "empty wrong form".to_owned(), "empty"));
            }
            if wrong.value == right.value {
                return Err(at(
                    right,
                    format!("the right form of “{}” is the same text", wrong.value),
                    "same as the wrong form",
                ));
            }
            if let Some(first) = seen.insert(&wrong.value, i) {
                let line = source
                    .position(
                        span_of(source, &self.pairs.value[first].value.wrong.referenced).start,
                    )
                    .line;
                return Err(at(
                    wrong,
                    format!("“{}” is listed twice (first on line {line})", wrong.value),
                    "listed again",
                ));
            }
        }
        let automaton = Automaton::new(
            self.pairs
                .value
                .iter()
                .map(|p| p.value.wrong.value.as_str()),
        )
        .map_err(|e| {
            PackError::at(
                source,
                span_of(source, &self.pairs.referenced),
                format!("cannot compile the pairs: {e}"),
                "these pairs",
                None,
            )
        })?;
        // A right form containing a wrong form would be "fixed" again forever.
        for pair in &self.pairs.value {
            let right = &pair.value.right;
            if let Some(m) = automaton.nfa.find(&right.value) {
                let wrong = &self.pairs.value[m.pattern().as_usize()].value.wrong.value;
                return Err(at(
                    right,
                    format!(
                        "the right form “{}” contains the wrong form “{wrong}”",
                        right.value
                    ),
                    "fixing would not converge",
                ));
            }
        }
        let mut references = Vec::new();
        Ok(Substitution {
            pairs: self
                .pairs
                .value
                .into_iter()
                .map(|p| Pair {
                    wrong: p.value.wrong.value,
                    right: p.value.right.value,
                    note: p.value.note,
                })
                .collect(),
            automaton,
            scope: Scope::compile(self.scope, source, &mut references)?,
            references,
        })
    }
}

impl Check for Substitution {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let automaton = self
            .automaton
            .for_document(self.pairs.iter().map(|p| p.wrong.as_str()));
        for block in cx.doc.blocks() {
            if !Scope::contains(&ranges, &block.range) {
                continue;
            }
            let text = cx.doc.slice(block.range.clone());
            for m in automaton.find_iter(text) {
                let pair = &self.pairs[m.pattern().as_usize()];
                let span: Range<usize> = block.range.start + m.start()..block.range.start + m.end();
                let fill = |template: String| {
                    template
                        .replace("{wrong}", &pair.wrong)
                        .replace("{right}", &pair.right)
                        .replace("{match}", &pair.wrong)
                };
                let help = match (&cx.rule.help, &pair.note) {
                    (Some(help), _) => fill(help.clone()),
                    (None, Some(note)) => format!("改为“{}”：{note}", pair.right),
                    (None, None) => format!("改为“{}”", pair.right),
                };
                let mut diagnostic = cx
                    .diagnostic(fill(cx.message_or("“{wrong}”应为“{right}”")), span.clone())
                    .with_primary_label(format!("应为“{}”", pair.right))
                    .with_help(help);
                diagnostic.fix = Some(Fix {
                    edits: vec![Edit {
                        span,
                        replacement: pair.right.clone(),
                    }],
                });
                out.push(diagnostic);
            }
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
mod tests {
    use super::{Automaton, DOCUMENTS_BEFORE_DFA};
    use crate::test_support::lint_with_rule;

    #[test]
    fn a_large_list_keeps_the_nfa() {
        // 40,000 forms of four scattered characters: far over the size for a DFA.
        let wrong: Vec<String> = (0..40_000u32)
            .map(|n| {
                (0..4u32)
                    .map(|k| {
                        let spread = n.wrapping_mul(2_654_435_761).rotate_left(k * 8) % 20_000;
                        char::from_u32(0x4E00 + spread).unwrap()
                    })
                    .collect()
            })
            .collect();
        let automaton = Automaton::new(wrong.iter().map(String::as_str)).unwrap();
        assert!(automaton.nfa.memory_usage() > super::MAX_NFA_BYTES_FOR_DFA);
        for document in 0..DOCUMENTS_BEFORE_DFA + 2 {
            let tier = automaton.for_document(wrong.iter().map(String::as_str));
            assert_eq!(
                tier.kind(),
                aho_corasick::AhoCorasickKind::ContiguousNFA,
                "{document}"
            );
        }
    }

    #[test]
    fn many_documents_switch_to_the_dfa_with_the_same_matches() {
        let wrong = ["截止目前", "截止到目前", "再接再励", "到目"];
        let automaton = Automaton::new(wrong).unwrap();
        let text = "𠮷截止到目前，截止目前再接再励。到目前";
        let matches = |ac: &aho_corasick::AhoCorasick| -> Vec<(usize, usize, usize)> {
            ac.find_iter(text)
                .map(|m| (m.pattern().as_usize(), m.start(), m.end()))
                .collect()
        };
        let expected = vec![(1, 4, 19), (0, 22, 34), (2, 34, 46), (3, 49, 55)];
        for document in 0..DOCUMENTS_BEFORE_DFA + 2 {
            let tier = automaton.for_document(wrong);
            assert_eq!(matches(tier), expected, "document {document}");
            let is_dfa = tier.kind() == aho_corasick::AhoCorasickKind::DFA;
            assert_eq!(
                is_dfa,
                document >= DOCUMENTS_BEFORE_DFA,
                "document {document}"
            );
        }
    }

    const RULE: &str = "\n  - id: terms\n    kind: substitution\n    pairs:\n      - { wrong: 截止目前, right: 截至目前, note: 截至后可带时间 }\n      - { wrong: 再接再励, right: 再接再厉 }\n      - { wrong: 截止到目前, right: 截至目前 }\n";

    #[test]
    fn finds_each_wrong_form_with_a_fix() {
        let text = "𠮷截止目前，已完成。\r\n要再接再励，截止到目前无反弹。截至目前正常。";
        let found: Vec<_> = lint_with_rule(RULE, text)
            .into_iter()
            .map(|d| {
                let fix = d.fix.expect("fix");
                (
                    text[d.primary.clone()].to_owned(),
                    d.message,
                    d.help.unwrap_or_default(),
                    fix.edits[0].replacement.clone(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "截止目前".to_owned(),
                    "“截止目前”应为“截至目前”".to_owned(),
                    "改为“截至目前”：截至后可带时间".to_owned(),
                    "截至目前".to_owned()
                ),
                (
                    "再接再励".to_owned(),
                    "“再接再励”应为“再接再厉”".to_owned(),
                    "改为“再接再厉”".to_owned(),
                    "再接再厉".to_owned()
                ),
                // The longer wrong form wins.
                (
                    "截止到目前".to_owned(),
                    "“截止到目前”应为“截至目前”".to_owned(),
                    "改为“截至目前”".to_owned(),
                    "截至目前".to_owned()
                ),
            ]
        );
    }

    fn pack_error(pairs: &str) -> String {
        let pack =
            format!("pack: t\nrules:\n  - id: terms\n    kind: substitution\n    pairs:\n{pairs}");
        crate::PackSet::load_str("t.yaml", &pack)
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn rejects_pairs_that_cannot_converge_or_repeat() {
        let e =
            pack_error("      - { wrong: 部暑, right: 部署 }\n      - { wrong: 署, right: 暑 }\n");
        assert!(e.contains("contains the wrong form “署”"), "{e}");
        assert!(e.contains("t.yaml:6:"), "{e}");
        let e = pack_error("      - { wrong: 甲, right: 乙 }\n      - { wrong: 甲, right: 丙 }\n");
        assert!(e.contains("listed twice (first on line 6)"), "{e}");
        assert!(e.contains("t.yaml:7:"), "{e}");
        let e = pack_error("      - { wrong: 甲, right: 甲 }\n");
        assert!(e.contains("same text"), "{e}");
        let e = pack_error("      []\n");
        assert!(e.contains("`pairs` is empty"), "{e}");
    }
}
