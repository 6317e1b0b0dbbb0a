//! `numbering`: numbered headings and inline enumerations that do not count
//! 1, 2, 3… in order, mix bracket widths, or skip a level.
//!
//! ## What it does
//! Reads the numbering markers of the document's sections (`一、`, `（一）`,
//! `1.`, `（1）`, `①`) and reports:
//!
//! - **Sequence errors** among siblings — the numbered sections of one marker
//!   kind under the same numbered parent: a gap (`（二）` then `（四）`), a
//!   duplicate, a restart (`1.` `2.` then `1.` again), a number out of order, and
//!   a list that does not start at 1. The parent is the nearest enclosing
//!   *numbered* section of a higher level; Markdown headings without a number
//!   are looked through, so numbered paragraphs under or around such headings
//!   are still checked as one list. A heading between two siblings does allow
//!   the list to start again at 1 (`# 附件` followed by a new `1.`). Items of
//!   Markdown ordered lists are left out: their rendered numbers do not depend
//!   on the digits written.
//! - **Mixed forms within one level** across the document: `（一）` beside
//!   `(二)`, `（1）` beside `(1)`, `1.` beside `1．` or `1、`. Each marker not in
//!   the level's majority form is one finding with its own fix, so that every
//!   place is listed and each fix can be applied alone (ties go to the form
//!   used first).
//! - **A skipped level**: a numbered section directly under a numbered
//!   section more than one level up (`一、` followed by `1.`), reported once per
//!   parent, at its first such child, as a warning at most.
//! - **Inline enumerations** `一是…二是…三是…` within one block (option
//!   `inline`): a missing number, a repeat, or one out of order. An enumerator
//!   counts when it starts a clause (block start, right after the block's
//!   marker, or after `。；;：:，,！？`). One glued to the preceding text
//!   (`…情况二是…`, a run-on that another rule reports) counts only when it is
//!   the next number expected, and a glued `一是` only when a `二是` follows,
//!   so words such as `统一是`, `唯一是`, `之一是`, `第二是`, `不二是` are not
//!   enumerators. Numbering restarts with each block, except that a block
//!   opening with `二是`/`三是`… continues the enumeration of the block just
//!   before it (enumerators written one per paragraph).
//!
//! ## Why is this bad?
//! Official documents number their levels `一、` → `（一）` → `1.` → `（1）` → `①`
//! (GB/T 9704-2012). A gap or duplicate usually means an item was deleted or
//! copied without renumbering — in a rectification notice, often a feedback
//! item that went missing — and reviewers send such drafts back.
//!
//! ## Example
//! ```yaml
//! - id: numbering
//!   kind: numbering
//!   inline: true      # default; false turns off the 一是/二是 check
//! ```
//!
//! ## Fix safety
//! Only the mixed-form finding has a fix: it rewrites the brackets or dot of
//! the marker to the level's majority form and keeps the number, which cannot
//! change what the text says. Gaps and duplicates have no fix: whether an item
//! is missing or the numbers are wrong is for the author to decide.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use serde::Deserialize;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Edit, Fix, Severity};
use crate::document::numbering::{Marker, MarkerKind, chinese_number, parse_marker};
use crate::document::{BlockKind, Document, Source};
use crate::pack::PackError;

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Whether to check inline enumerations `一是…二是…` (default true).
    #[serde(default = "yes")]
    inline: bool,
}

fn yes() -> bool {
    true
}

/// The compiled rule.
#[derive(Debug)]
pub struct Numbering {
    inline: bool,
}

impl Options {
    /// Nothing to compile beyond the switch.
    pub fn compile(self, _source: &Source) -> Result<Numbering, PackError> {
        Ok(Numbering {
            inline: self.inline,
        })
    }
}

impl Check for Numbering {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let items = numbered_items(cx.doc);
        check_sequences(cx, &items, out);
        check_forms(cx, &items, out);
        check_skipped_levels(cx, &items, out);
        if self.inline {
            check_inline(cx, out);
        }
    }
}

/// A numbered section as this rule sees it.
#[derive(Debug)]
struct Item<'a> {
    marker: Marker,
    /// The marker's bytes in the document.
    span: Range<usize>,
    /// The marker as written.
    written: &'a str,
    /// The nearest enclosing numbered section of a higher level.
    numbered_parent: Option<usize>,
    /// The enclosing section, numbered or not.
    parent: Option<usize>,
    /// Whether the marker is Markdown ordered-list syntax.
    list_item: bool,
}

fn numbered_items(doc: &Document) -> Vec<Item<'_>> {
    let sections = doc.sections();
    sections
        .iter()
        .filter_map(|section| {
            let marker = section.marker?;
            let span = section.heading.start..section.heading.start + marker.len;
            let written = doc.text().get(span.clone())?;
            let mut numbered_parent = section.parent;
            while let Some(p) = numbered_parent {
                if sections[p]
                    .marker
                    .is_some_and(|m| m.kind.level() < marker.kind.level())
                {
                    break;
                }
                numbered_parent = sections[p].parent;
            }
            let list_item = doc
                .blocks()
                .get(section.block)
                .is_some_and(|b| b.kind == BlockKind::ListItem);
            Some(Item {
                marker,
                span,
                written,
                numbered_parent,
                parent: section.parent,
                list_item,
            })
        })
        .collect()
}

/// The running state of one list of siblings.
struct SiblingList<'i, 'a> {
    last: &'i Item<'a>,
    /// First marker of each number used so far.
    seen: BTreeMap<u32, &'i Item<'a>>,
}

fn check_sequences(cx: &CheckContext<'_>, items: &[Item<'_>], out: &mut Findings) {
    let mut lists: HashMap<(Option<usize>, MarkerKind), SiblingList<'_, '_>> = HashMap::new();
    for item in items.iter().filter(|i| !i.list_item) {
        let number = item.marker.number;
        let key = (item.numbered_parent, item.marker.kind);
        let Some(list) = lists.get_mut(&key) else {
            if number != 1 {
                let first = renumbered(item, 1);
                out.push(
                    cx.diagnostic(
                        cx.message_or(format!("编号应从“{first}”开始")),
                        item.span.clone(),
                    )
                    .with_primary_label(format!("第一个编号应为“{first}”"))
                    .with_help(cx.help_or("同一层级的编号应从1开始依次排列")),
                );
            }
            lists.insert(key, SiblingList::new(item));
            continue;
        };
        let last = list.last;
        let expected = last.marker.number + 1;
        if number == expected {
            list.push(item);
            continue;
        }
        // A heading between the two may start a new list.
        if number == 1 && item.parent != last.parent {
            *list = SiblingList::new(item);
            continue;
        }
        if number == 1 && list.seen.contains_key(&1) {
            out.push(
                cx.diagnostic(
                    cx.message_or(format!("编号重新从“{}”开始", item.written)),
                    item.span.clone(),
                )
                .with_primary_label(format!("应为“{}”", renumbered(item, expected)))
                .with_label(last.span.clone(), format!("上一个编号是“{}”", last.written))
                .with_help(cx.help_or("同一层级的编号应连续；另起一组编号应放在新的上级标题下")),
            );
            *list = SiblingList::new(item);
            continue;
        }
        let diagnostic = if let Some(first) = list.seen.get(&number) {
            let line = cx.doc.source().position(first.span.start).line;
            cx.diagnostic(
                cx.message_or(format!("编号重复：“{}”已在第{line}行使用", item.written)),
                item.span.clone(),
            )
            .with_primary_label("重复的编号")
            .with_label(first.span.clone(), "第一次使用")
            .with_help(cx.help_or(format!(
                "“{}”之后应为“{}”",
                last.written,
                renumbered(item, expected)
            )))
        } else if number > expected {
            let missing = renumbered(item, expected);
            cx.diagnostic(
                cx.message_or(format!("编号不连续：“{}”之后应为“{missing}”", last.written)),
                item.span.clone(),
            )
            .with_primary_label(format!("缺少“{missing}”"))
            .with_label(last.span.clone(), "上一个编号")
            .with_help(cx.help_or(format!("补上“{missing}”，或依次调整编号")))
        } else {
            cx.diagnostic(
                cx.message_or(format!(
                    "编号顺序颠倒：“{}”出现在“{}”之后",
                    item.written, last.written
                )),
                item.span.clone(),
            )
            .with_primary_label("顺序颠倒")
            .with_label(last.span.clone(), "更大的编号在此")
            .with_help(cx.help_or("按从小到大的顺序排列编号"))
        };
        out.push(diagnostic);
        list.push(item);
    }
}

impl<'i, 'a> SiblingList<'i, 'a> {
    fn new(item: &'i Item<'a>) -> Self {
        SiblingList {
            last: item,
            seen: BTreeMap::from([(item.marker.number, item)]),
        }
    }

    /// Records `item`; the list goes on from the greatest number so far, so a
    /// duplicate or a number out of order is reported once.
    fn push(&mut self, item: &'i Item<'a>) {
        self.seen.entry(item.marker.number).or_insert(item);
        if item.marker.number >= self.last.marker.number {
            self.last = item;
        }
    }
}

/// How a marker of a bracket or dot level is written: its opening and closing
/// characters (`（`/`）`, `(`/`)`, none/`.`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Form {
    open: Option<char>,
    close: char,
}

impl Form {
    fn of(item: &Item<'_>) -> Option<Form> {
        let mut chars = item.written.chars();
        match item.marker.kind {
            MarkerKind::ChineseParen | MarkerKind::ArabicParen => Some(Form {
                open: chars.next(),
                close: chars.next_back()?,
            }),
            MarkerKind::ArabicDot => Some(Form {
                open: None,
                close: chars.next_back()?,
            }),
            MarkerKind::ChineseComma | MarkerKind::Circled => None,
        }
    }

    /// A marker in this form around `numeral`.
    fn render(self, numeral: &str) -> String {
        let mut text = String::with_capacity(numeral.len() + 6);
        text.extend(self.open);
        text.push_str(numeral);
        text.push(self.close);
        text
    }
}

/// The forms markers of `kind` take, with how often each is used, in order of
/// first use. Markdown list items are left out: their `1.` is syntax.
fn form_counts(items: &[Item<'_>], kind: MarkerKind) -> Vec<(Form, usize)> {
    let mut counts: Vec<(Form, usize)> = Vec::new();
    for form in items
        .iter()
        .filter(|i| i.marker.kind == kind && !i.list_item)
        .filter_map(Form::of)
    {
        match counts.iter_mut().find(|(f, _)| *f == form) {
            Some((_, count)) => *count += 1,
            None => counts.push((form, 1)),
        }
    }
    counts
}

/// The most used form (the first used, on a tie) and whether it is used
/// strictly more than any other.
fn majority(counts: &[(Form, usize)]) -> Option<(Form, bool)> {
    let best = counts.iter().map(|(_, count)| *count).max()?;
    let form = counts.iter().find(|(_, count)| *count == best)?.0;
    let strict = counts.iter().filter(|(_, count)| *count == best).count() == 1;
    Some((form, strict))
}

fn check_forms(cx: &CheckContext<'_>, items: &[Item<'_>], out: &mut Findings) {
    for kind in [
        MarkerKind::ChineseParen,
        MarkerKind::ArabicDot,
        MarkerKind::ArabicParen,
    ] {
        let forms = form_counts(items, kind);
        if forms.len() < 2 {
            continue;
        }
        let Some((majority, strict)) = majority(&forms) else {
            continue;
        };
        let exemplar = majority.render(&numeral(kind, 1));
        let only_width = forms.iter().all(|(f, _)| f.close != '、');
        let what = match (kind, only_width) {
            (MarkerKind::ArabicDot, true) => "同一层级编号全角半角混用",
            (MarkerKind::ArabicDot, false) => "同一层级编号格式不统一",
            _ => "同一层级编号括号全角半角混用",
        };
        let usage = if strict {
            "本文多用"
        } else {
            "本文先用"
        };
        for item in items
            .iter()
            .filter(|i| i.marker.kind == kind && !i.list_item)
        {
            if Form::of(item).is_none_or(|f| f == majority) {
                continue;
            }
            let replacement = majority.render(numeral_of(item));
            let mut diagnostic = cx
                .diagnostic(
                    cx.message_or(format!("{what}：{usage}“{exemplar}”")),
                    item.span.clone(),
                )
                .with_primary_label(format!("应为“{replacement}”"))
                .with_help(cx.help_or(format!("改为“{replacement}”，与同一层级的其他编号一致")));
            diagnostic.fix = Some(Fix {
                edits: vec![Edit {
                    span: item.span.clone(),
                    replacement,
                }],
            });
            out.push(diagnostic);
        }
    }
}

fn check_skipped_levels(cx: &CheckContext<'_>, items: &[Item<'_>], out: &mut Findings) {
    let sections = cx.doc.sections();
    let mut reported = vec![false; sections.len()];
    for item in items {
        let Some(parent) = item.numbered_parent else {
            continue;
        };
        let Some(parent_marker) = sections[parent].marker else {
            continue;
        };
        let parent_level = parent_marker.kind.level();
        if parent_level + 1 >= item.marker.kind.level() || reported[parent] {
            continue;
        }
        reported[parent] = true;
        let heading = sections[parent].heading.start;
        let parent_written = cx.doc.slice(heading..heading + parent_marker.len);
        let expected = level_example(items, parent_level + 1);
        let mut diagnostic = cx
            .diagnostic(
                cx.message_or(format!(
                    "层级跳跃：“{parent_written}”下直接使用“{}”，应先用“{expected}”",
                    item.written
                )),
                item.span.clone(),
            )
            .with_primary_label("跳过了一级编号")
            .with_label(heading..heading + parent_marker.len, "上级编号")
            .with_help(cx.help_or("按“一、”“（一）”“1.”“（1）”“①”的顺序逐级编号"));
        diagnostic.severity = diagnostic.severity.min(Severity::Warning);
        out.push(diagnostic);
    }
}

/// The first marker of `level`, in the form the document uses most for that
/// level, or in the GB/T 9704 form when the level is not used.
fn level_example(items: &[Item<'_>], level: u8) -> String {
    let kind = match level {
        1 => MarkerKind::ChineseComma,
        2 => MarkerKind::ChineseParen,
        3 => MarkerKind::ArabicDot,
        4 => MarkerKind::ArabicParen,
        _ => MarkerKind::Circled,
    };
    match majority(&form_counts(items, kind)) {
        Some((form, _)) => form.render(&numeral(kind, 1)),
        None => match kind {
            MarkerKind::ChineseComma => "一、",
            MarkerKind::ChineseParen => "（一）",
            MarkerKind::ArabicDot => "1.",
            MarkerKind::ArabicParen => "（1）",
            MarkerKind::Circled => "①",
        }
        .to_owned(),
    }
}

/// The characters around the number of a written marker: `（`+`）`, ``+`、`.
fn affixes<'a>(item: &Item<'a>) -> (&'a str, &'a str) {
    let written = item.written;
    let first_len = written.chars().next().map_or(0, char::len_utf8);
    let last_len = written.chars().next_back().map_or(0, char::len_utf8);
    match item.marker.kind {
        MarkerKind::ChineseParen | MarkerKind::ArabicParen
            if first_len + last_len <= written.len() =>
        {
            (&written[..first_len], &written[written.len() - last_len..])
        }
        MarkerKind::ChineseComma | MarkerKind::ArabicDot => {
            ("", &written[written.len() - last_len..])
        }
        _ => ("", ""),
    }
}

/// The number of a written marker as written: `（三）` → `三`.
fn numeral_of<'a>(item: &Item<'a>) -> &'a str {
    let (prefix, suffix) = affixes(item);
    &item.written[prefix.len()..item.written.len() - suffix.len()]
}

/// `number` written as markers of `kind` write it.
fn numeral(kind: MarkerKind, number: u32) -> String {
    match kind {
        MarkerKind::ChineseComma | MarkerKind::ChineseParen => chinese_numeral(number),
        MarkerKind::ArabicDot | MarkerKind::ArabicParen => number.to_string(),
        MarkerKind::Circled => circled_numeral(number),
    }
}

/// `item`'s marker as it would be written with `number`.
fn renumbered(item: &Item<'_>, number: u32) -> String {
    let (prefix, suffix) = affixes(item);
    format!("{prefix}{}{suffix}", numeral(item.marker.kind, number))
}

const CHINESE_DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// `3` → `三`, `12` → `十二`, `20` → `二十`; digits beyond 99.
fn chinese_numeral(number: u32) -> String {
    let digit = |d: u32| CHINESE_DIGITS[d as usize % 10];
    match number {
        1..=9 => digit(number).to_string(),
        10..=99 => {
            let mut text = String::new();
            if number >= 20 {
                text.push(digit(number / 10));
            }
            text.push('十');
            if !number.is_multiple_of(10) {
                text.push(digit(number % 10));
            }
            text
        }
        _ => number.to_string(),
    }
}

fn circled_numeral(number: u32) -> String {
    match number {
        1..=20 => {
            char::from_u32('①' as u32 + number - 1).map_or_else(|| number.to_string(), String::from)
        }
        _ => number.to_string(),
    }
}

/// Characters that end a clause before an enumerator.
const CLAUSE_ENDS: &[char] = &['。', '；', ';', '：', ':', '，', ',', '！', '？', '!', '?'];

/// Characters before a numeral that make it part of a word (`第二是`,
/// `之一是`, `统一是`, `不二是`), never an enumerator.
const WORD_PREFIXES: &[char] = &[
    '第', '其', '之', '不', '统', '唯', '同', '单', '万', '专', '划', '归', '合', '如', '无', '逐',
    '再',
];

/// Where an enumerator stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    /// At the start of a clause.
    ClauseStart,
    /// Glued to the preceding text.
    Glued,
}

/// An enumerator `N是` found in a block.
#[derive(Debug, Clone)]
struct Enumerator {
    number: u32,
    span: Range<usize>,
    placement: Placement,
}

/// The enumerators of a block's text, as offsets into that text.
fn enumerators(content: &str, marker_end: usize) -> impl Iterator<Item = Enumerator> + '_ {
    content.match_indices('是').filter_map(move |(shi, _)| {
        let before = &content[..shi];
        let mut start = shi;
        let mut count = 0;
        for (i, c) in before.char_indices().rev() {
            if !"一二三四五六七八九十".contains(c) {
                break;
            }
            start = i;
            count += 1;
            if count > 2 {
                return None;
            }
        }
        if count == 0 {
            return None;
        }
        let number = chinese_number(&content[start..shi])?;
        let previous = content[..start]
            .chars()
            .rev()
            .find(|c| !c.is_whitespace() && !matches!(c, '*' | '_'));
        let placement = match previous {
            None => Placement::ClauseStart,
            _ if start == marker_end => Placement::ClauseStart,
            Some(c) if CLAUSE_ENDS.contains(&c) => Placement::ClauseStart,
            Some(c) if WORD_PREFIXES.contains(&c) => return None,
            Some(_) => Placement::Glued,
        };
        Some(Enumerator {
            number,
            span: start..shi + '是'.len_utf8(),
            placement,
        })
    })
}

fn enumerator_name(number: u32) -> String {
    format!("{}是", chinese_numeral(number))
}

/// The names of the numbers `from..to`: `“二是”`, `“二是”“三是”`, `“二是”至“五是”`.
fn missing_names(from: u32, to: u32) -> String {
    match to - from {
        1 => format!("“{}”", enumerator_name(from)),
        2 => format!("“{}”“{}”", enumerator_name(from), enumerator_name(from + 1)),
        _ => format!("“{}”至“{}”", enumerator_name(from), enumerator_name(to - 1)),
    }
}

/// The enumeration of one block (or of consecutive blocks that continue it).
#[derive(Default)]
struct Enumeration {
    /// The greatest number counted so far.
    last: u32,
    /// First span of each number counted, and the span of the greatest.
    seen: BTreeMap<u32, Range<usize>>,
    /// A glued `一是` that counts if a `二是` follows.
    glued_one: Option<Range<usize>>,
}

fn check_inline(cx: &CheckContext<'_>, out: &mut Findings) {
    let doc = cx.doc;
    let mut enumeration = Enumeration::default();
    for block in doc.blocks() {
        let content = doc.slice(block.range.clone());
        let marker_end = parse_marker(content).map_or(usize::MAX, |m| m.len);
        let mut found = enumerators(content, marker_end).peekable();
        // One enumerator per paragraph: `二是…` goes on from the block before.
        let continues = found
            .peek()
            .is_some_and(|e| e.span.start == 0 && e.number > 1 && enumeration.last > 0);
        if !continues {
            enumeration = Enumeration::default();
        }
        for found in found {
            let span = block.range.start + found.span.start..block.range.start + found.span.end;
            let expected = enumeration.last + 1;
            if found.placement == Placement::Glued {
                if found.number == 1 && enumeration.last == 0 {
                    enumeration.glued_one = Some(span);
                    continue;
                }
                if found.number != expected || expected < 2 {
                    continue;
                }
            }
            if found.number == 2
                && enumeration.last == 0
                && let Some(one) = enumeration.glued_one.take()
            {
                enumeration.seen.insert(1, one);
                enumeration.last = 1;
            }
            let expected = enumeration.last + 1;
            let name = enumerator_name(found.number);
            if found.number > expected {
                let missing = missing_names(expected, found.number);
                out.push(
                    cx.diagnostic(
                        cx.message_or(format!("“{name}”之前缺少{missing}")),
                        span.clone(),
                    )
                    .with_primary_label(format!("缺少{missing}"))
                    .with_help(cx.help_or("段内“一是”“二是”“三是”…应依次排列")),
                );
            } else if found.number < expected {
                let diagnostic = match enumeration.seen.get(&found.number) {
                    Some(first) => cx
                        .diagnostic(cx.message_or(format!("“{name}”重复")), span.clone())
                        .with_primary_label("重复")
                        .with_label(first.clone(), "第一次出现"),
                    None => {
                        let greater = enumeration
                            .seen
                            .iter()
                            .next_back()
                            .map(|(n, s)| (enumerator_name(*n), s.clone()));
                        let mut diagnostic = cx.diagnostic(
                            cx.message_or(match &greater {
                                Some((greater, _)) => {
                                    format!("“{name}”出现在“{greater}”之后，顺序颠倒")
                                }
                                None => format!("“{name}”顺序颠倒"),
                            }),
                            span.clone(),
                        );
                        if let Some((_, greater_span)) = greater {
                            diagnostic = diagnostic.with_label(greater_span, "更大的序号在此");
                        }
                        diagnostic.with_primary_label("顺序颠倒")
                    }
                };
                out.push(diagnostic.with_help(cx.help_or("段内“一是”“二是”“三是”…应依次排列")));
            }
            enumeration.seen.entry(found.number).or_insert(span);
            enumeration.last = enumeration.last.max(found.number);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Severity;
    use crate::test_support::lint_with_rule;
    use crate::{Document, Format, PackSet, Source, lint};

    const RULE: &str = "\n- id: numbering\n  kind: numbering\n";

    fn found(text: &str) -> Vec<(&str, String)> {
        lint_with_rule(RULE, text)
            .into_iter()
            .map(|d| (&text[d.primary.clone()], d.message))
            .collect()
    }

    #[test]
    fn consecutive_siblings_and_restarts_under_new_parents_are_clean() {
        let text = "一、组织\n正文。\n二、落实\n（一）学习\n1.甲。\n2.乙。\n（二）服务\n1.丙。\n2.丁。\n（1）子项\n（2）子项\n①甲\n②乙\n三、长效\n（一）持续\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn gap_is_reported_on_the_later_marker() {
        let text = "一、组织\n二、落实\n（一）甲\n（二）乙\n（四）丁\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1);
        let d = &diagnostics[0];
        assert_eq!(&text[d.primary.clone()], "（四）");
        assert_eq!(d.message, "编号不连续：“（二）”之后应为“（三）”");
        assert_eq!(&text[d.labels[0].span.clone()], "（二）");
        assert_eq!(d.severity, Severity::Error);
        assert!(d.fix.is_none());
    }

    #[test]
    fn duplicate_names_the_first_line_and_labels_it() {
        let text = "一、甲\n二、乙\n二、丙\n三、丁\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.message, "编号重复：“二、”已在第2行使用");
        assert_eq!(d.primary, 20..26);
        assert_eq!(&text[d.primary.clone()], "二、");
        assert_eq!(d.labels[0].span, 10..16);
    }

    #[test]
    fn restart_under_the_same_parent() {
        let text = "（一）甲\n1.a。\n2.b。\n1.c。\n2.d。\n";
        assert_eq!(found(text), [("1.", "编号重新从“1.”开始".to_owned())]);
        let d = &lint_with_rule(RULE, text)[0];
        assert_eq!(d.primary.start, text.rfind("1.").unwrap());
    }

    #[test]
    fn list_not_starting_at_one_and_out_of_order() {
        assert_eq!(
            found("（二）甲\n（三）乙\n"),
            [("（二）", "编号应从“（一）”开始".to_owned())]
        );
        assert_eq!(
            found("1.a。\n2.b。\n4.d。\n3.c。\n5.e。\n"),
            [
                ("4.", "编号不连续：“2.”之后应为“3.”".to_owned()),
                ("3.", "编号顺序颠倒：“3.”出现在“4.”之后".to_owned()),
            ]
        );
    }

    #[test]
    fn mixed_bracket_widths_are_fixed_to_the_majority() {
        let text = "（一）甲\n(二)乙\n（三）丙\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(&text[d.primary.clone()], "(二)");
        assert_eq!(d.message, "同一层级编号括号全角半角混用：本文多用“（一）”");
        let fix = d.fix.as_ref().expect("a fix");
        assert_eq!(fix.edits.len(), 1);
        assert_eq!(&text[fix.edits[0].span.clone()], "(二)");
        assert_eq!(fix.edits[0].replacement, "（二）");
    }

    #[test]
    fn mixed_dots_and_a_tie_goes_to_the_first_form() {
        assert_eq!(
            found("1.a。\n2．b。\n"),
            [("2．", "同一层级编号全角半角混用：本文先用“1.”".to_owned())]
        );
        let text = "1、a。\n2、b。\n3.c。\n";
        let d = &lint_with_rule(RULE, text)[0];
        assert_eq!(d.message, "同一层级编号格式不统一：本文多用“1、”");
        assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, "3、");
        // Arabic parentheses count as their own level.
        assert_eq!(
            found("（1）a\n(2)b\n（3）c\n"),
            [(
                "(2)",
                "同一层级编号括号全角半角混用：本文多用“（1）”".to_owned()
            )]
        );
    }

    #[test]
    fn one_form_per_level_is_clean() {
        // Half-width at one level, full-width at another: each level is consistent.
        assert_eq!(found("(一)甲\n1.a。\n（1）x\n（2）y\n2.b。\n(二)乙\n"), []);
    }

    #[test]
    fn skipped_level_is_a_warning_once_per_parent() {
        let text = "一、甲\n1.a。\n2.b。\n二、乙\n（一）丙\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(&text[d.primary.clone()], "1.");
        assert_eq!(d.primary.start, text.find("1.").unwrap());
        assert_eq!(d.message, "层级跳跃：“一、”下直接使用“1.”，应先用“（一）”");
        assert_eq!(d.severity, Severity::Warning);
        assert_eq!(&text[d.labels[0].span.clone()], "一、");
    }

    #[test]
    fn skipped_level_follows_the_documents_bracket_form() {
        let text = "一、甲\n(一)乙\n二、丙\n1.a。\n";
        assert_eq!(
            found(text),
            [(
                "1.",
                "层级跳跃：“二、”下直接使用“1.”，应先用“(一)”".to_owned()
            )]
        );
        let info = "\n- id: numbering\n  kind: numbering\n  severity: info\n";
        assert_eq!(lint_with_rule(info, text)[0].severity, Severity::Info);
    }

    fn lint_markdown(text: &str) -> Vec<(&str, String)> {
        let packs = PackSet::load_str("t.yaml", &format!("pack: t\nrules:{RULE}")).unwrap();
        let doc = Document::parse(Source::new("t.md", text), Format::Markdown);
        lint(&doc, &packs)
            .into_iter()
            .map(|d| (&text[d.primary.clone()], d.message))
            .collect()
    }

    #[test]
    fn markdown_headings_are_looked_through() {
        // `### 整改情况` would otherwise make （二） its child.
        let text = "## 一、落实\n\n（一）甲\n\n### 整改情况\n\n正文。\n\n（二）乙\n\n（四）丁\n";
        assert_eq!(
            lint_markdown(text),
            [("（四）", "编号不连续：“（二）”之后应为“（三）”".to_owned())]
        );
        // A new heading may start a new list.
        let text = "# 甲\n\n1.a。\n\n2.b。\n\n# 乙\n\n1.c。\n\n2.d。\n";
        assert_eq!(lint_markdown(text), []);
        // Ordered-list items render their own numbers.
        assert_eq!(lint_markdown("1. 甲\n1. 乙\n1. 丙\n"), []);
    }

    #[test]
    fn inline_enumerations_in_order_are_clean() {
        let text = "1.严格落实制度。一是传达，二是落实；三是检查。\n整改情况：一是甲。\n二是乙。\n三是丙。\n统一是前提，唯一是目标，第二是序数，不二是成语，其中之一是关键。\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn run_on_enumerators_count_when_expected() {
        let text = "一是每季度研判领域情况二是督促指导。三是丙。\n其中一是甲，二是乙。\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn inline_gap_repeat_and_order() {
        assert_eq!(
            found("一是甲。三是丙。\n"),
            [("三是", "“三是”之前缺少“二是”".to_owned())]
        );
        assert_eq!(
            found("一是甲。二是乙。二是丙。\n"),
            [("二是", "“二是”重复".to_owned())]
        );
        assert_eq!(
            found("一是甲。四是丁。\n"),
            [("四是", "“四是”之前缺少“二是”“三是”".to_owned())]
        );
        assert_eq!(
            found("说明：二是乙。\n"),
            [("二是", "“二是”之前缺少“一是”".to_owned())]
        );
        assert_eq!(
            found("一是甲。三是丙。二是乙。\n"),
            [
                ("三是", "“三是”之前缺少“二是”".to_owned()),
                ("二是", "“二是”出现在“三是”之后，顺序颠倒".to_owned()),
            ]
        );
        // Each paragraph starts again.
        assert_eq!(found("一是甲。二是乙。\n正文，一是甲。\n"), []);
    }

    #[test]
    fn inline_repeat_points_at_the_second_and_labels_the_first() {
        let text = "一是甲。二是乙。二是丙。\n";
        let d = &lint_with_rule(RULE, text)[0];
        assert_eq!(d.primary.start, text.rfind("二是").unwrap());
        assert_eq!(d.labels[0].span.start, text.find("二是").unwrap());
    }

    #[test]
    fn inline_check_can_be_turned_off() {
        let rule = "\n- id: numbering\n  kind: numbering\n  inline: false\n";
        assert!(lint_with_rule(rule, "一是甲。三是丙。\n").is_empty());
    }

    #[test]
    fn cjk_astral_and_crlf_spans() {
        let text = "𠮷𠮷\r\n（一）𠮷甲\r\n（三）𠮷乙\r\n一是𠮷。三是𠮷。\r\n";
        let diagnostics = lint_with_rule(RULE, text);
        let spans: Vec<&str> = diagnostics
            .iter()
            .map(|d| &text[d.primary.clone()])
            .collect();
        assert_eq!(spans, ["（三）", "三是"]);
        assert_eq!(diagnostics[0].primary.start, text.find("（三）").unwrap());
        assert_eq!(diagnostics[1].primary.start, text.rfind("三是").unwrap());
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        for text in ["", "\r\n", "是", "十二是", "一二三是", "（）", "(一", "①②"] {
            lint_with_rule(RULE, text);
        }
    }

    #[test]
    fn seed_numbering_restarts_under_each_parent() {
        // The seed's part 二: (一)…(九), each with items 1. 2. 3.; half-width
        // brackets throughout, as scraped.
        let mut text =
            String::from("一、坚决扛起整改政治责任\n正文。\n二、坚持结果导向,从严落实整改措施\n");
        for numeral in ["一", "二", "三", "四", "五", "六", "七", "八", "九"] {
            text.push_str(&format!(
                "({numeral})标题\n1.甲。一是a。二是b。\n2.乙。\n3.丙。\n"
            ));
        }
        text.push_str("三、建立长效机制\n(一)甲\n(二)乙\n(三)丙\n");
        assert_eq!(found(&text), []);
    }

    #[test]
    fn seed_run_on_paragraphs_have_no_numbering_finding() {
        // Lines 25 and 81 of the seed (renumbered): enumerators glued to the
        // text before.
        let text = "(一)标题\n1.持续深化意识形态工作责任制落实。一是严格落实意识形态会商研判机制,年召开党组会专题研究部署意识形态工作每季度分析研判意识形态领域情况二是督促指导各党支部开展意识形态工作。三是a。\n(二)标题\n1.规范干部选拔任用程序。一是组织组工干部认真学习干部选拔任用工作制度规定,做好选拔过程中各个环节的把关二是及时请示汇报寻求支持。\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn examples_and_seed() {
        let draft = include_str!("../../examples/drafts/draft-with-problems.txt");
        let diagnostics = lint_with_rule(RULE, draft);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let position = Source::new("d", draft).position(diagnostics[0].primary.start);
        assert_eq!((position.line, position.column), (43, 1));
        assert_eq!(&draft[diagnostics[0].primary.clone()], "（四）");
        let clean = include_str!("../../examples/clean/notice.txt");
        assert_eq!(lint_with_rule(RULE, clean), []);
    }
}
