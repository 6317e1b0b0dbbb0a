//! `pattern`: forbidden wording, as regular expressions or a list of terms.
//!
//! ## What it does
//! Reports every match of `patterns` (regexes) and of `terms` (literal
//! strings, matched all at once with an Aho-Corasick automaton, so a list of
//! thousands costs one pass) inside the prose of the document (or of `scope`).
//! The rule's `message` may use `{match}` for the text found. A regex may name
//! a group `at`: the finding then points at that group only, so context can be
//! matched without being blamed (`[，。]年召开` → `(?P<at>年)`). With `replace`,
//! each finding carries a fix for what it points at: for a regex, `$1`/`${name}`
//! refer to its groups.
//!
//! ## Why is this bad?
//! Every office has wording it does not want in a public notice: colloquial
//! phrases, vague hedges, outdated names. Listing them once in a pack is
//! cheaper than a reviewer finding them in each draft.
//!
//! ## Example
//! ```yaml
//! - id: vague-words
//!   kind: pattern
//!   severity: warning
//!   terms: [一定程度上, 基本上, 大概]
//!   message: 避免使用含糊的“{match}”
//! - id: four-five-times
//!   kind: pattern
//!   patterns: ['[一二三四五六七八九]、[一二三四五六七八九]次']
//!   message: “{match}”是约数，不用顿号
//! ```

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Edit, Fix};
use crate::document::Source;
use crate::pack::{PackError, pattern, span_of};
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Forbidden regexes.
    #[serde(default)]
    patterns: Vec<Spanned<String>>,
    /// Forbidden literal terms.
    terms: Option<Spanned<Vec<String>>>,
    /// Replacement offered as a fix.
    replace: Option<String>,
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct Pattern {
    regexes: Vec<Regex>,
    terms: Option<AhoCorasick>,
    replace: Option<String>,
    scope: Scope,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the regexes and the term automaton.
    /// `rule` is where the rule is written, for errors about the rule as a whole.
    pub fn compile(self, source: &Source, rule: Range<usize>) -> Result<Pattern, PackError> {
        let (terms, terms_span) = match self.terms {
            Some(t) => (t.value, span_of(source, &t.referenced)),
            None => (Vec::new(), rule.clone()),
        };
        if self.patterns.is_empty() && terms.is_empty() {
            return Err(PackError::at(
                source,
                rule,
                "`pattern` needs `patterns` or `terms`",
                "in this rule",
                Some("list regexes under `patterns` or literal words under `terms`".to_owned()),
            ));
        }
        if let Some(i) = terms.iter().position(String::is_empty) {
            return Err(PackError::at(
                source,
                terms_span,
                format!("term {} is empty", i + 1),
                "in this list",
                None,
            ));
        }
        let regexes = self
            .patterns
            .iter()
            .map(|p| pattern::compile(source, p))
            .collect::<Result<_, _>>()?;
        let terms = if terms.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    // A contiguous NFA builds far faster than a DFA and searches short
                    // paragraphs about as fast; start-up time dominates a lint run.
                    .kind(Some(AhoCorasickKind::ContiguousNFA))
                    .build(&terms)
                    .map_err(|e| {
                        PackError::at(
                            source,
                            terms_span,
                            format!("cannot compile the term list: {e}"),
                            "this list",
                            None,
                        )
                    })?,
            )
        };
        let mut references = Vec::new();
        Ok(Pattern {
            regexes,
            terms,
            replace: self.replace,
            scope: Scope::compile(self.scope, source, &mut references)?,
            references,
        })
    }
}

impl Check for Pattern {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let mut found: Vec<(Range<usize>, Option<String>)> = Vec::new();
        for block in cx.doc.blocks() {
            if !Scope::contains(&ranges, &block.range) {
                continue;
            }
            let text = cx.doc.slice(block.range.clone());
            let base = block.range.start;
            for regex in &self.regexes {
                for caps in regex.captures_iter(text) {
                    let Some(m) = caps.name("at").or_else(|| caps.get(0)) else {
                        continue;
                    };
                    if m.is_empty() {
                        continue;
                    }
                    let replacement = self.replace.as_ref().map(|r| {
                        let mut expanded = String::new();
                        caps.expand(r, &mut expanded);
                        expanded
                    });
                    found.push((base + m.start()..base + m.end(), replacement));
                }
            }
            if let Some(terms) = &self.terms {
                for m in terms.find_iter(text) {
                    found.push((base + m.start()..base + m.end(), self.replace.clone()));
                }
            }
        }
        found.sort_by_key(|(span, _)| (span.start, span.end));
        found.dedup_by(|a, b| a.0 == b.0);
        for (span, replacement) in found {
            let matched = cx.doc.slice(span.clone());
            let message = cx
                .message_or("“{match}”不宜使用")
                .replace("{match}", matched);
            let mut diagnostic = cx
                .diagnostic(message, span.clone())
                .with_primary_label("此处");
            if let Some(help) = &cx.rule.help {
                diagnostic = diagnostic.with_help(help.replace("{match}", matched));
            }
            if let Some(replacement) = replacement
                && replacement != matched
            {
                diagnostic.fix = Some(Fix {
                    edits: vec![Edit { span, replacement }],
                });
            }
            out.push(diagnostic);
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::{found_with_rule, lint_with_rule};

    fn found(rule: &str, text: &str) -> Vec<(String, String, Option<String>)> {
        found_with_rule(rule, text)
    }

    #[test]
    fn terms_match_longest_and_fill_the_message() {
        let rule = "\n  - id: vague\n    kind: pattern\n    terms: [基本, 基本上, 大概]\n    message: 避免“{match}”\n";
        assert_eq!(
            found(rule, "工作基本上完成，𠮷大概如此。\r\n没有问题。"),
            [
                ("基本上".to_owned(), "避免“基本上”".to_owned(), None),
                ("大概".to_owned(), "避免“大概”".to_owned(), None),
            ]
        );
        assert!(found(rule, "全部完成。").is_empty());
    }

    #[test]
    fn regexes_with_replacement_groups() {
        let rule = "\n  - id: times\n    kind: pattern\n    patterns: ['([一二三四五六七八九])、([一二三四五六七八九])次']\n    replace: '$1$2次'\n";
        assert_eq!(
            found(rule, "召开4、5次会议，开展四、五次检查。"),
            [(
                "四、五次".to_owned(),
                "“四、五次”不宜使用".to_owned(),
                Some("四五次".to_owned())
            )]
        );
    }

    #[test]
    fn a_group_named_at_is_the_span() {
        let rule = "\n  - id: year\n    kind: pattern\n    patterns: ['[，,；。](?P<at>年)召开']\n    message: “年”前缺少年份或“每”\n";
        let text = "一是落实机制,年召开党组会。2023年召开会议。";
        let found = found(rule, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "年");
        let d = &lint_with_rule(rule, text)[0];
        assert_eq!(d.primary.start, text.find(",年").unwrap() + 1);
    }

    #[test]
    fn needs_patterns_or_terms() {
        let pack = "pack: t\nrules:\n  - id: empty\n    kind: pattern\n";
        let error = crate::PackSet::load_str("t.yaml", pack).unwrap_err();
        assert!(error.to_string().contains("t.yaml:3:"), "{error}");
        assert!(
            error.to_string().contains("`patterns` or `terms`"),
            "{error}"
        );
    }
}
