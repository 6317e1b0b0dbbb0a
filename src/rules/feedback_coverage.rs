//! `feedback_coverage`: every feedback item answered.
//!
//! ## What it does
//! With a feedback list (`--feedback FILE`, a `NAME.feedback.yaml` sidecar,
//! front matter `feedback:` or the pack's `feedback:`, first found wins), each
//! item must be matched by a section inside the rule's scope, and that section
//! must carry an answer.
//!
//! - **Matching.** A section matches an item when its heading quotes the item
//!   (`关于“<text>”的问题`): the same text once punctuation and spaces are
//!   dropped, one text containing the other (at least 6 characters), or a
//!   character-bigram similarity (Dice coefficient) of at least `similarity`
//!   (default 0.6); or when one of the item's `match` patterns hits the heading
//!   or the sentence after it. The candidate sections are the problem headings
//!   in scope (`关于“…”问题`, `问题N：`, `(N)关于“…”`), or, when there are none,
//!   the sections directly under the scope's heading; deeper sections are
//!   tried too.
//! - **Answer.** The section's body (after its heading) has an answer label
//!   (`整改情况：`, `整改完成情况：`, `完成情况：`…; `answer_labels`) followed by
//!   text, or at least `min_chars` (default 30) visible characters.
//!
//! An unanswered item is an error at the scope's heading, with the most
//! similar section (similarity at least 0.25) labelled `最接近的章节`. A
//! matched section with no answer is an error at its heading. A candidate
//! section that matches no item is info.
//!
//! Without any list, the notice is checked against itself: every problem
//! heading in scope must be followed by an answer before the next problem
//! heading of the same or a higher level.
//!
//! The coverage of each item (answered, unanswered, empty) goes to the JSON
//! report and to the human summary (`反馈问题 8/9 已回应`).
//!
//! ## Why is this bad?
//! The public notice exists to show that every problem the inspection raised
//! was dealt with; an item passed over in silence is the first thing a
//! reviewer sends back.
//!
//! ## Example
//! ```yaml
//! - id: feedback-answered
//!   kind: feedback_coverage
//!   scope: { section: items }
//! ```

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings, visible_chars, visible_chars_up_to};
use crate::coverage::{CoverageItem, CoverageStatus};
use crate::diagnostic::Severity;
use crate::document::{Document, Source};
use crate::feedback::{FeedbackItem, FeedbackList};
use crate::pack::{PackError, pattern, span_of};
use crate::problems::Problem;
use crate::scope::{Reference, Scope, ScopeOptions};
use crate::similarity::{normalize, similarity_of};

/// Labels that introduce an answer, unless a pack sets `answer_labels`.
pub const DEFAULT_ANSWER_LABELS: &str =
    r"(?:整改(?:完成|落实)?情况|完成情况|整改措施|整改进展|整改结果)[ \t　]*[:：]";

/// Answers shorter than this (visible characters) need a label, by default.
pub const DEFAULT_MIN_CHARS: usize = 30;

/// Similarity from which a heading is taken to quote an item, by default.
pub const DEFAULT_SIMILARITY: f64 = 0.6;

/// Similarity from which an unmatched item's closest section is shown.
const CLOSEST_FLOOR: f64 = 0.25;

/// Shorter of two texts, in characters, from which containment counts as a match.
const CONTAINMENT_MIN_CHARS: usize = 6;

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Where the answers are (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
    /// Regex for labels that introduce an answer.
    answer_labels: Option<Spanned<String>>,
    /// Visible characters that make an answer without a label.
    min_chars: Option<usize>,
    /// Bigram similarity (0–1] from which a heading matches an item.
    similarity: Option<Spanned<f64>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct FeedbackCoverage {
    scope: Scope,
    answer_labels: Regex,
    min_chars: usize,
    similarity: f64,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope and the answer labels.
    pub fn compile(self, source: &Source) -> Result<FeedbackCoverage, PackError> {
        let mut references = Vec::new();
        let scope = Scope::compile(self.scope, source, &mut references)?;
        let answer_labels = match &self.answer_labels {
            Some(labels) => pattern::compile(source, labels)?,
            None => Regex::new(DEFAULT_ANSWER_LABELS).expect("valid regex"),
        };
        let similarity = match self.similarity {
            None => DEFAULT_SIMILARITY,
            Some(s) if s.value > 0.0 && s.value <= 1.0 => s.value,
            Some(s) => {
                return Err(PackError::at(
                    source,
                    span_of(source, &s.referenced),
                    format!("similarity must be in (0, 1], not {}", s.value),
                    "out of range",
                    Some(format!(
                        "1 requires the exact text; the default is {DEFAULT_SIMILARITY}"
                    )),
                ));
            }
        };
        Ok(FeedbackCoverage {
            scope,
            answer_labels,
            min_chars: self.min_chars.unwrap_or(DEFAULT_MIN_CHARS),
            similarity,
            references,
        })
    }
}

/// A section that may answer an item.
#[derive(Debug)]
struct Candidate {
    heading: Range<usize>,
    /// Normalised text compared with items: the quoted problem, or the heading
    /// without its number.
    text: Vec<char>,
    /// The heading and the sentence after it, for `match` patterns.
    probe: Range<usize>,
    range: Range<usize>,
    /// Whether a candidate matching no item is worth an info finding.
    listed: bool,
}

impl Candidate {
    fn body(&self) -> Range<usize> {
        self.heading.end..self.range.end
    }
}

impl Check for FeedbackCoverage {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        match cx.feedback {
            Some(list) => self.check_list(cx, list, &ranges, out),
            None => self.check_intrinsic(cx, &ranges, out),
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

impl FeedbackCoverage {
    fn check_list(
        &self,
        cx: &CheckContext<'_>,
        list: &FeedbackList,
        ranges: &[Range<usize>],
        out: &mut Findings,
    ) {
        let doc = cx.doc;
        if ranges.is_empty() {
            let at = doc.end_of_content();
            out.push(
                cx.diagnostic(
                    cx.message_or(format!(
                        "未找到回应反馈问题的部分，反馈清单中的{}个问题均无法核对",
                        list.items.len()
                    )),
                    at..at,
                )
                .with_primary_label("应有逐项整改部分")
                .with_help(cx.help_or("增加逐项说明整改情况的部分")),
            );
            out.add_coverage(
                list.items
                    .iter()
                    .map(|item| coverage(item, CoverageStatus::Unanswered, None))
                    .collect(),
            );
            return;
        }
        let candidates = candidates(doc, &cx.problems.find(ranges), ranges);
        let place = self
            .scope
            .heading(doc, cx.outline)
            .or_else(|| {
                let first = doc.block_at(ranges[0].start)?;
                Some(doc.blocks()[first].range.clone())
            })
            .unwrap_or(ranges[0].start..ranges[0].start);
        let mut matched = vec![false; candidates.len()];
        let mut entries = Vec::with_capacity(list.items.len());
        for item in &list.items {
            let text = normalize(&item.text);
            let best = candidates
                .iter()
                .enumerate()
                .map(|(i, c)| (i, score(doc, item, &text, c)))
                // First in document order wins a tie.
                .fold(None::<(usize, f64)>, |best, (i, s)| match best {
                    Some((_, b)) if b >= s => best,
                    _ => Some((i, s)),
                });
            let short = shorten(&item.text);
            match best {
                Some((i, s)) if s >= self.similarity => {
                    matched[i] = true;
                    let candidate = &candidates[i];
                    let section = Some(candidate.heading.start..candidate.range.end);
                    if self.is_answered(doc, candidate.body()) {
                        entries.push(coverage(item, CoverageStatus::Answered, section));
                        continue;
                    }
                    out.push(
                        cx.diagnostic(
                            cx.message_or(format!("反馈问题{}“{short}”的整改情况为空", item.id)),
                            candidate.heading.clone(),
                        )
                        .with_primary_label("此节没有整改内容")
                        .with_help(cx.help_or(self.answer_help())),
                    );
                    entries.push(coverage(item, CoverageStatus::Empty, section));
                }
                best => {
                    let mut diagnostic = cx
                        .diagnostic(
                            cx.message_or(format!("反馈问题{}“{short}”未见整改情况", item.id)),
                            place.clone(),
                        )
                        .with_primary_label("本部分未回应此问题")
                        .with_help(cx.help_or(format!(
                            "增加标题引用该问题的一节（如“关于“{short}”的问题”）并写明整改情况；若已回应，使标题与反馈原文（{}）一致，或为该项添加 match",
                            list.origin
                        )));
                    if let Some((i, s)) = best
                        && s >= CLOSEST_FLOOR
                    {
                        diagnostic =
                            diagnostic.with_label(candidates[i].heading.clone(), "最接近的章节");
                    }
                    out.push(diagnostic);
                    entries.push(coverage(item, CoverageStatus::Unanswered, None));
                }
            }
        }
        for (candidate, _) in candidates
            .iter()
            .zip(&matched)
            .filter(|(c, m)| c.listed && !**m)
        {
            let mut diagnostic = cx
                .diagnostic("本节未对应反馈清单中的任何问题", candidate.heading.clone())
                .with_primary_label("不在反馈清单中")
                .with_help(format!(
                    "核对标题引用的问题是否与反馈清单（{}）的原文一致",
                    list.origin
                ));
            diagnostic.severity = Severity::Info;
            out.push(diagnostic);
        }
        out.add_coverage(entries);
    }

    fn check_intrinsic(&self, cx: &CheckContext<'_>, ranges: &[Range<usize>], out: &mut Findings) {
        let doc = cx.doc;
        let mut entries = Vec::new();
        for problem in cx.problems.find(ranges).iter() {
            let text = doc.slice(problem.text.clone()).to_owned();
            let section = Some(problem.range.clone());
            let status = if self.is_answered(doc, problem.body()) {
                CoverageStatus::Answered
            } else {
                out.push(
                    cx.diagnostic(
                        cx.message_or(format!(
                            "{}“{}”未写明整改情况",
                            problem.label,
                            shorten(&text)
                        )),
                        problem.heading.clone(),
                    )
                    .with_primary_label("此问题之后没有整改情况")
                    .with_help(cx.help_or(self.answer_help())),
                );
                CoverageStatus::Empty
            };
            entries.push(CoverageItem {
                item: problem.label.clone(),
                text,
                status,
                section,
            });
        }
        out.add_coverage(entries);
    }

    /// Whether `body` carries an answer: a label followed by text, or enough text.
    fn is_answered(&self, doc: &Document, body: Range<usize>) -> bool {
        let text = doc.slice(body);
        let mut labels = 0;
        let mut label_chars = 0;
        for label in self.answer_labels.find_iter(text) {
            labels += 1;
            label_chars += visible_chars(label.as_str());
        }
        // Labelled text needs two characters besides its labels, other text `min_chars`.
        let needed = if labels > 0 {
            self.min_chars.min(2)
        } else {
            self.min_chars
        };
        visible_chars_up_to(text, needed + label_chars).saturating_sub(label_chars) >= needed
    }

    fn answer_help(&self) -> String {
        format!(
            "在标题后写明整改情况（如“整改情况：…”），或不少于{}字的整改内容",
            self.min_chars
        )
    }
}

fn coverage(
    item: &FeedbackItem,
    status: CoverageStatus,
    section: Option<Range<usize>>,
) -> CoverageItem {
    CoverageItem {
        item: item.id.clone(),
        text: item.text.clone(),
        status,
        section,
    }
}

/// The sections that may answer items: problem headings in scope, or the
/// sections just below the scope's heading (listed), then every other section
/// in scope.
fn candidates(doc: &Document, problems: &[Problem], ranges: &[Range<usize>]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = problems
        .iter()
        .map(|p| Candidate {
            text: normalize(doc.slice(p.text.clone())),
            probe: probe(doc, &p.heading, p.range.end),
            heading: p.heading.clone(),
            range: p.range.clone(),
            listed: true,
        })
        .collect();
    let sections: Vec<(usize, &crate::document::Section)> = doc
        .sections()
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            ranges
                .iter()
                .any(|r| r.start < s.heading.start && s.heading.end <= r.end)
        })
        .collect();
    let top = sections.iter().map(|(i, _)| doc.section_depth(*i)).min();
    let list_sections = out.is_empty();
    for (i, section) in sections {
        if out.iter().any(|c| c.heading.start == section.heading.start) {
            continue;
        }
        let marker = section.marker.map_or(0, |m| m.len);
        out.push(Candidate {
            heading: section.heading.clone(),
            text: normalize(doc.slice(section.heading.start + marker..section.heading.end)),
            probe: probe(doc, &section.heading, section.range.end),
            range: section.range.clone(),
            listed: list_sections && Some(doc.section_depth(i)) == top,
        });
    }
    out
}

/// The heading and the sentence after it.
fn probe(doc: &Document, heading: &Range<usize>, end: usize) -> Range<usize> {
    let rest = doc.slice(heading.end..end);
    let lead = rest.len() - rest.trim_start().len();
    let sentence = rest[lead..]
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？' | '\n' | '\r'))
        .map_or(rest.len(), |(i, c)| lead + i + c.len_utf8());
    heading.start..heading.end + sentence
}

fn score(doc: &Document, item: &FeedbackItem, text: &[char], candidate: &Candidate) -> f64 {
    let probe = doc.slice(candidate.probe.clone());
    if item.patterns.iter().any(|p| p.is_match(probe)) {
        return 1.0;
    }
    let dice = similarity_of(text, &candidate.text);
    let (short, long) = if text.len() <= candidate.text.len() {
        (text, candidate.text.as_slice())
    } else {
        (candidate.text.as_slice(), text)
    };
    let contained =
        short.len() >= CONTAINMENT_MIN_CHARS && long.windows(short.len()).any(|w| w == short);
    if contained { dice.max(0.9) } else { dice }
}

/// At most 24 characters of `text`, with `…` when cut.
fn shorten(text: &str) -> String {
    const MAX: usize = 24;
    match text.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_pack;

    const PACK: &str = "pack: t\nfeedback:\n  items:\n    - {id: F1, text: 学习贯彻不够深入，理论学习与业务结合不紧}\n    - {id: F2, text: 财务管理不规范，专项资金使用效益不高}\n    - {id: F3, text: 年轻干部培养力度不足, match: ['年轻干部']}\nrules:\n  - id: cover\n    kind: feedback_coverage\n";

    fn messages(text: &str) -> Vec<String> {
        lint_with_pack(PACK, text)
            .into_iter()
            .map(|d| format!("{}:{}", d.severity, d.message))
            .collect()
    }

    #[test]
    fn all_answered_by_quotes_similarity_and_patterns() {
        let text = "（一）关于“学习贯彻不够深入，理论学习与业务结合不紧”的问题\n整改情况：已修订学习制度。\n（二）关于“财务管理不规范”问题\n整改情况：已修订财务制度。\n（三）加强干部队伍建设\n选派年轻干部挂职锻炼，建立年轻干部人才库，开展导师帮带活动，提升综合能力和业务水平。\n";
        assert_eq!(messages(text), Vec::<String>::new());
    }

    #[test]
    fn unanswered_empty_and_unlisted() {
        let text = "（一）关于“学习贯彻不够深入”的问题\n\n（二）关于“公务用车管理不规范”的问题\n整改情况：已规范。\n";
        assert_eq!(
            messages(text),
            [
                // Same span (the first heading): list order.
                "error:反馈问题F1“学习贯彻不够深入，理论学习与业务结合不紧”的整改情况为空",
                "error:反馈问题F2“财务管理不规范，专项资金使用效益不高”未见整改情况",
                "error:反馈问题F3“年轻干部培养力度不足”未见整改情况",
                "info:本节未对应反馈清单中的任何问题",
            ]
        );
    }

    #[test]
    fn intrinsic_mode_checks_each_problem() {
        let pack = "pack: t\nrules:\n  - id: cover\n    kind: feedback_coverage\n";
        let text = "问题1：学习不够深入\n整改情况：已学习。\n问题2：管理不规范\n问题3：监督不力\n已建立监督机制，每季度开展一次专项检查，对发现的问题逐一督促整改到位并通报。\n";
        let found: Vec<_> = lint_with_pack(pack, text)
            .into_iter()
            .map(|d| (d.message, &text[d.primary]))
            .collect();
        assert_eq!(
            found,
            [(
                "问题2“管理不规范”未写明整改情况".to_owned(),
                "问题2：管理不规范"
            )]
        );
    }
}
