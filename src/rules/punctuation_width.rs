//! `punctuation_width`: half-width punctuation in Chinese text.
//!
//! ## What it does
//! Reports each ASCII `, ; : ? ! ( )` that stands next to Chinese text and
//! should be its full-width form `，；：？！（）`, with a fix that replaces it
//! (and drops the spaces an English input mode typed around it).
//!
//! A mark counts as Chinese when its nearest visible neighbour on either side
//! is a Chinese character or Chinese punctuation (`、。“”《》…`). ASCII stays
//! where it belongs: between digits (`3.5`, `10:30`, `1,000`, `9:00`), in Latin
//! text (`(a) and (b)`), inside URLs and e-mail addresses, in Markdown inline
//! code, link destinations `[…](…)` and images `![…]`.
//!
//! Parentheses are judged as a pair within a paragraph: when the pair touches
//! Chinese text on its outer side or encloses a Chinese character (`(一)`,
//! `党组(扩大)会`, `技术(AIGC)用做`), both are fixed together, in one finding
//! on the opening parenthesis with a label on the closing one. A parenthesis
//! without a partner is judged alone.
//!
//! Only prose is read: paragraphs, headings and list items, never front matter
//! or code blocks.
//!
//! ## Why is this bad?
//! GB/T 15834 and official-document practice require full-width punctuation in
//! Chinese text. Half-width marks come from typing in English input mode or from
//! copies that converted them; they look cramped and mark the text as careless.
//!
//! ## Example
//! ```yaml
//! - id: punctuation-width
//!   kind: punctuation_width
//!   chars: ',;:()'          # optional, default ',;:?!()'
//! ```
//! `整改,确保` → `整改，确保`; `党组(扩大)会` → `党组（扩大）会`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Edit, Fix};
use crate::document::{Format, Source, is_han};
use crate::pack::PackError;
use crate::scope::{Reference, Scope, ScopeOptions};

/// The ASCII marks this rule can check.
const CHECKABLE: &str = ",;:?!()";

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
    /// Which of `,;:?!()` to check (default: all of them).
    chars: Option<Spanned<String>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct PunctuationWidth {
    scope: Scope,
    references: Vec<Reference>,
    /// The checked marks, a subset of [`CHECKABLE`] (all ASCII), as a byte
    /// table: looking a character up must not search a string.
    chars: [bool; 128],
    /// Whether parentheses are checked (both or neither).
    parens: bool,
}

impl PunctuationWidth {
    /// Whether `c` is one of the checked marks.
    fn checks(&self, c: char) -> bool {
        c.is_ascii() && self.chars[c as usize]
    }
}

impl Options {
    /// Validates `chars` and compiles the scope.
    pub fn compile(self, source: &Source) -> Result<PunctuationWidth, PackError> {
        let mut references = Vec::new();
        let scope = Scope::compile(self.scope, source, &mut references)?;
        let chars = match self.chars {
            None => CHECKABLE.to_owned(),
            Some(chars) => {
                let invalid = |message: String| {
                    PackError::at_value(
                        source,
                        &chars.referenced,
                        message,
                        "in these characters",
                        Some(format!(
                            "list some of the ASCII marks `{CHECKABLE}`, e.g. `chars: ',;:'`"
                        )),
                    )
                };
                if let Some(c) = chars.value.chars().find(|&c| !CHECKABLE.contains(c)) {
                    return Err(invalid(format!(
                        "`{c}` is not a mark `punctuation_width` checks"
                    )));
                }
                if chars.value.is_empty() {
                    return Err(invalid("`chars` is empty".to_owned()));
                }
                // A pair is fixed as a pair; half of it would leave `（…)`.
                if chars.value.contains('(') != chars.value.contains(')') {
                    return Err(invalid(
                        "`(` and `)` are checked together: list both or neither".to_owned(),
                    ));
                }
                chars.value
            }
        };
        let mut table = [false; 128];
        for c in chars.bytes() {
            table[usize::from(c & 0x7f)] = true;
        }
        let chars = table;
        Ok(PunctuationWidth {
            scope,
            references,
            parens: chars[usize::from(b'(')],
            chars,
        })
    }
}

/// URLs and e-mail addresses, whose ASCII punctuation is part of them.
static URL_OR_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:https?|ftp)://[!-~]+|www\.[!-~]+|[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+",
    )
    .expect("valid regex")
});

/// The full-width form of a checkable mark.
fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => c,
    }
}

/// Characters that make their neighbourhood Chinese: ideographs and Chinese
/// punctuation. The full-width forms this rule writes (`，；：？！（）`, in the
/// U+FF00 block) are left out, so that fixing one mark never turns a neighbour
/// into a new finding: the fixes are idempotent.
fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(
            c,
            '\u{3001}'..='\u{303F}' | '“' | '”' | '‘' | '’' | '…' | '—'
        )
}

/// What stands next to a mark on one side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Neighbour {
    /// Chinese text, right next to the mark or across spaces.
    Chinese { glued: bool },
    /// A Latin letter or a digit right next to the mark.
    GluedLatin,
    /// Anything else, or nothing.
    Other,
}

impl Neighbour {
    /// Whether a mark between `before` and `after` is in Chinese text: Chinese
    /// right next to it, or across spaces unless the mark ends or starts a
    /// Latin phrase (`yes! 网址`).
    fn in_chinese(before: Neighbour, after: Neighbour) -> bool {
        match (before, after) {
            (Neighbour::Chinese { glued: true }, _) | (_, Neighbour::Chinese { glued: true }) => {
                true
            }
            (Neighbour::Chinese { .. }, other) | (other, Neighbour::Chinese { .. }) => {
                other != Neighbour::GluedLatin
            }
            _ => false,
        }
    }
}

/// An ASCII `(` waiting for its `)`.
#[derive(Debug)]
struct Opener {
    /// Index in the paragraph's visible characters.
    index: usize,
    /// Chinese characters seen before it, to tell whether the pair encloses any.
    han_before: usize,
    /// A Markdown link destination `](…)`: markup, never fixed.
    markup: bool,
}

/// One paragraph being checked: its visible characters with their offsets.
struct Paragraph<'a> {
    text: &'a str,
    visible: &'a [(usize, char)],
}

impl Paragraph<'_> {
    /// What stands before (`after` false) or after the mark at `index`.
    fn neighbour(&self, index: usize, after: bool) -> Neighbour {
        let (at, mark) = self.visible[index];
        let other = if after {
            self.visible.get(index + 1)
        } else {
            index.checked_sub(1).map(|i| &self.visible[i])
        };
        let Some(&(other_at, c)) = other else {
            return Neighbour::Other;
        };
        let glued = if after {
            at + mark.len_utf8() == other_at
        } else {
            other_at + c.len_utf8() == at
        };
        if is_chinese(c) {
            Neighbour::Chinese { glued }
        } else if glued && c.is_ascii_alphanumeric() {
            Neighbour::GluedLatin
        } else {
            Neighbour::Other
        }
    }

    /// Whether the mark at `index` stands in Chinese text.
    fn in_chinese(&self, index: usize) -> bool {
        Neighbour::in_chinese(self.neighbour(index, false), self.neighbour(index, true))
    }

    /// The edit making the mark at `index` full-width. The spaces before it
    /// (`leading`) or after it (`trailing`) go too, when they sit between two
    /// visible characters of one line: full-width marks carry their own spacing.
    /// Spaces after another checkable mark are left to that mark's fix, so that
    /// the edits of neighbouring findings never overlap.
    fn edit(&self, index: usize, leading: bool, trailing: bool) -> Edit {
        let (at, c) = self.visible[index];
        let removable = |gap: Range<usize>| {
            !gap.is_empty() && self.text[gap].bytes().all(|b| b == b' ' || b == b'\t')
        };
        let mut span = at..at + c.len_utf8();
        if leading && let Some(&(prev_at, prev)) = index.checked_sub(1).map(|i| &self.visible[i]) {
            let gap = prev_at + prev.len_utf8()..at;
            if !CHECKABLE.contains(prev) && removable(gap.clone()) {
                span.start = gap.start;
            }
        }
        if trailing && let Some(&(next_at, _)) = self.visible.get(index + 1) {
            let gap = span.end..next_at;
            if removable(gap.clone()) {
                span.end = gap.end;
            }
        }
        Edit {
            span,
            replacement: full_width(c).to_string(),
        }
    }
}

impl PunctuationWidth {
    /// Findings in one paragraph; `skipped` lists, sorted, what is not prose
    /// (URLs, inline code).
    fn check_paragraph(
        &self,
        cx: &CheckContext<'_>,
        paragraph: &Paragraph<'_>,
        skipped: &[Range<usize>],
        openers: &mut Vec<Opener>,
        out: &mut Vec<(Range<usize>, Finding)>,
    ) {
        let markdown = cx.doc.format() == Format::Markdown;
        let visible = paragraph.visible;
        let mut skipped = skipped.iter().peekable();
        let mut han_seen = 0;
        openers.clear();
        for (index, &(at, c)) in visible.iter().enumerate() {
            if is_han(c) {
                han_seen += 1;
                continue;
            }
            if !CHECKABLE.contains(c) {
                continue;
            }
            while skipped.next_if(|r| r.end <= at).is_some() {}
            if skipped.peek().is_some_and(|r| r.start <= at) {
                continue;
            }
            let adjacent = |i: usize, expected: char| {
                visible
                    .get(i)
                    .is_some_and(|&(o, ch)| ch == expected && o.abs_diff(at) == 1)
            };
            match c {
                '(' if self.parens => openers.push(Opener {
                    index,
                    han_before: han_seen,
                    markup: markdown && index > 0 && adjacent(index - 1, ']'),
                }),
                ')' if self.parens => match openers.pop() {
                    Some(opener) if opener.markup => {}
                    Some(opener) => {
                        let encloses_han = han_seen > opener.han_before;
                        let outside = Neighbour::in_chinese(
                            paragraph.neighbour(opener.index, false),
                            paragraph.neighbour(index, true),
                        );
                        if encloses_han || outside {
                            out.push((
                                visible[opener.index].0..visible[opener.index].0 + 1,
                                Finding::Pair {
                                    open: paragraph.edit(opener.index, true, false),
                                    close: paragraph.edit(index, false, true),
                                    close_at: at,
                                },
                            ));
                        }
                    }
                    None => {
                        if paragraph.in_chinese(index) {
                            out.push((
                                at..at + 1,
                                Finding::Single(paragraph.edit(index, false, true)),
                            ));
                        }
                    }
                },
                '(' | ')' => {}
                // `![alt](src)`: a Markdown image.
                '!' if markdown && adjacent(index + 1, '[') => {}
                _ if self.checks(c) && paragraph.in_chinese(index) => {
                    out.push((
                        at..at + 1,
                        Finding::Single(paragraph.edit(index, true, true)),
                    ));
                }
                _ => {}
            }
        }
        for opener in openers.drain(..) {
            if !opener.markup && paragraph.in_chinese(opener.index) {
                let at = visible[opener.index].0;
                out.push((
                    at..at + 1,
                    Finding::Single(paragraph.edit(opener.index, true, false)),
                ));
            }
        }
    }
}

/// What one finding fixes.
#[derive(Debug)]
enum Finding {
    /// One mark.
    Single(Edit),
    /// A pair of parentheses; `close_at` is where the `)` is.
    Pair {
        open: Edit,
        close: Edit,
        close_at: usize,
    },
}

/// Appends to `out` the ranges of `block` that are not prose: URLs, e-mail
/// addresses and, in Markdown, inline code. Sorted by start.
fn skipped_ranges(text: &str, block: Range<usize>, markdown: bool, out: &mut Vec<Range<usize>>) {
    let content = &text[block.clone()];
    // Most paragraphs hold no address: skip the regex (and its compilation).
    let may_hold_address = content.contains("://")
        || content.contains('@')
        || content
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"www."));
    if may_hold_address {
        for m in URL_OR_EMAIL.find_iter(content) {
            let url = trim_url_end(m.as_str());
            out.push(block.start + m.start()..block.start + m.start() + url.len());
        }
    }
    if markdown && content.contains('`') {
        inline_code(content, block.start, out);
        out.sort_by_key(|r| r.start);
    }
}

/// A URL without the sentence punctuation written right after it
/// (`见http://x.cn,` or `(http://x.cn)`).
fn trim_url_end(url: &str) -> &str {
    let mut url = url;
    loop {
        let Some(last) = url.chars().last() else {
            return url;
        };
        let unbalanced_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if ".,;:?!'\"".contains(last) || unbalanced_paren {
            url = &url[..url.len() - 1];
        } else {
            return url;
        }
    }
}

/// Markdown code spans: a run of backticks up to the next run of the same
/// length. An opening run without a closing one is literal text.
fn inline_code(content: &str, base: usize, out: &mut Vec<Range<usize>>) {
    let bytes = content.as_bytes();
    let run_at = |from: usize| {
        let start = from + bytes[from..].iter().position(|&b| b == b'`')?;
        let len = bytes[start..].iter().take_while(|&&b| b == b'`').count();
        Some((start, len))
    };
    let mut from = 0;
    while let Some((open, len)) = run_at(from) {
        let mut search = open + len;
        let close = loop {
            match run_at(search) {
                Some((start, n)) if n == len => break Some(start + n),
                Some((start, n)) => search = start + n,
                None => break None,
            }
        };
        match close {
            Some(end) => {
                out.push(base + open..base + end);
                from = end;
            }
            None => from = open + len,
        }
    }
}

impl Check for PunctuationWidth {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let text = doc.text();
        let markdown = doc.format() == Format::Markdown;
        let ranges = self.scope.ranges(doc, cx.outline);
        let mut visible = Vec::new();
        let mut skipped = Vec::new();
        let mut openers = Vec::new();
        let mut found = Vec::new();
        for block in doc.blocks() {
            let in_scope = ranges
                .iter()
                .any(|r| r.start < block.range.end && block.range.start < r.end);
            let content = &text[block.range.clone()];
            if !in_scope
                || !content
                    .bytes()
                    .any(|b| b < 128 && self.chars[usize::from(b)])
            {
                continue;
            }
            visible.clear();
            visible.extend(
                content
                    .char_indices()
                    .filter(|(_, c)| !c.is_whitespace())
                    .map(|(i, c)| (block.range.start + i, c)),
            );
            skipped.clear();
            skipped_ranges(text, block.range.clone(), markdown, &mut skipped);
            let paragraph = Paragraph {
                text,
                visible: &visible,
            };
            self.check_paragraph(cx, &paragraph, &skipped, &mut openers, &mut found);
        }
        for (span, finding) in found {
            if !Scope::contains(&ranges, &span) {
                continue;
            }
            let mark = &text[span.clone()];
            let diagnostic = match finding {
                Finding::Single(edit) => {
                    let wide = edit.replacement.clone();
                    let mut diagnostic = cx
                        .diagnostic(cx.message_or(format!("中文语境中应使用全角“{wide}”")), span)
                        .with_primary_label(format!("应为“{wide}”"))
                        .with_help(cx.help_or(format!("将半角“{mark}”改为全角“{wide}”")));
                    diagnostic.fix = Some(Fix { edits: vec![edit] });
                    diagnostic
                }
                Finding::Pair {
                    open,
                    close,
                    close_at,
                } => {
                    let mut diagnostic = cx
                        .diagnostic(cx.message_or("中文语境中应使用全角括号“（）”"), span)
                        .with_primary_label("应为“（”")
                        .with_label(close_at..close_at + 1, "应为“）”")
                        .with_help(cx.help_or("将半角括号“()”改为全角“（）”"));
                    diagnostic.fix = Some(Fix {
                        edits: vec![open, close],
                    });
                    diagnostic
                }
            };
            out.push(diagnostic);
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::test_support::lint_with_rule;
    use crate::{Document, Format, PackSet, Source, lint};

    const RULE: &str = "\n- id: width\n  kind: punctuation_width\n";

    /// The text with every fix applied, edits from last to first.
    pub(crate) fn apply_fixes(text: &str, found: &[Diagnostic]) -> String {
        let mut edits: Vec<_> = found
            .iter()
            .filter_map(|d| d.fix.as_ref())
            .flat_map(|f| f.edits.iter())
            .collect();
        edits.sort_by_key(|e| e.span.start);
        for pair in edits.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "overlap: {pair:?}");
        }
        let mut fixed = text.to_owned();
        for edit in edits.iter().rev() {
            fixed.replace_range(edit.span.clone(), &edit.replacement);
        }
        fixed
    }

    fn marks<'a>(text: &'a str, found: &[Diagnostic]) -> Vec<(&'a str, String)> {
        found
            .iter()
            .map(|d| (&text[d.primary.clone()], d.message.clone()))
            .collect()
    }

    fn lint_markdown(rule: &str, text: &str) -> Vec<Diagnostic> {
        let packs = PackSet::load_str("test.yaml", &format!("pack: test\nrules:{rule}"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        lint(
            &Document::parse(Source::new("t.md", text), Format::Markdown),
            &packs,
        )
    }

    #[test]
    fn ascii_marks_between_chinese_characters() {
        let text =
            "局党组对强农惠农资金发放情况开展专项整改,确保各类补贴资金规范;是否到位?要求:立即整改!";
        let found = lint_with_rule(RULE, text);
        assert_eq!(
            marks(text, &found),
            [
                (",", "中文语境中应使用全角“，”".to_owned()),
                (";", "中文语境中应使用全角“；”".to_owned()),
                ("?", "中文语境中应使用全角“？”".to_owned()),
                (":", "中文语境中应使用全角“：”".to_owned()),
                ("!", "中文语境中应使用全角“！”".to_owned()),
            ]
        );
        assert_eq!(found[0].primary_label.as_deref(), Some("应为“，”"));
        assert_eq!(found[0].help.as_deref(), Some("将半角“,”改为全角“，”"));
        assert_eq!(
            apply_fixes(text, &found),
            "局党组对强农惠农资金发放情况开展专项整改，确保各类补贴资金规范；是否到位？要求：立即整改！"
        );
    }

    #[test]
    fn numbers_latin_urls_and_emails_keep_ascii() {
        let text = "会议于10:30召开，9:00签到，共1,000人，增长3.5%。See (a) and (b), then stop: ok? yes! 网址：http://x.cn/a?b=1:2，邮箱：a@b.cn，比例1:2。";
        assert!(
            lint_with_rule(RULE, text).is_empty(),
            "{:?}",
            lint_with_rule(RULE, text)
        );
    }

    #[test]
    fn marks_next_to_latin_or_digits_and_chinese_are_fixed() {
        let text = "联系方式:010-69555726;通信地址:某地;电子邮箱:tzgdzgk@126.com\n达到“一岗双责”,截至2024年底,增长91%,见http://x.cn/a,确保";
        let found = lint_with_rule(RULE, text);
        // Each finding, with the two characters before it.
        let at: Vec<String> = found
            .iter()
            .map(|d| {
                let before: String = text[..d.primary.start].chars().rev().take(2).collect();
                before.chars().rev().collect::<String>() + &text[d.primary.clone()]
            })
            .collect();
        assert_eq!(
            at,
            [
                "方式:", "26;", "地址:", "某地;", "邮箱:", "责”,", "年底,", "1%,", "/a,"
            ]
        );
        assert_eq!(
            apply_fixes(text, &found),
            "联系方式：010-69555726；通信地址：某地；电子邮箱：tzgdzgk@126.com\n达到“一岗双责”，截至2024年底，增长91%，见http://x.cn/a，确保"
        );
    }

    #[test]
    fn parentheses_are_fixed_as_a_pair() {
        let text = "(一)深入学习\n同时在党组(扩大)会上学习\n利用AIGC技术与新壹(北京)科技公司合作(AIGC)用做宣传\n这是 (AIGC) 技术\nsee (a) and (b)";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 5, "{found:?}");
        for d in &found {
            assert_eq!(&text[d.primary.clone()], "(");
            assert_eq!(d.message, "中文语境中应使用全角括号“（）”");
            assert_eq!(d.primary_label.as_deref(), Some("应为“（”"));
            assert_eq!(&text[d.labels[0].span.clone()], ")");
            assert_eq!(d.labels[0].message, "应为“）”");
            assert_eq!(d.fix.as_ref().unwrap().edits.len(), 2);
        }
        assert_eq!(
            apply_fixes(text, &found),
            "（一）深入学习\n同时在党组（扩大）会上学习\n利用AIGC技术与新壹（北京）科技公司合作（AIGC）用做宣传\n这是（AIGC）技术\nsee (a) and (b)"
        );
    }

    #[test]
    fn unpaired_parenthesis_is_fixed_alone() {
        let text = "一是(加强学习\n二是加强)学习\n(a) b";
        let found = lint_with_rule(RULE, text);
        assert_eq!(
            marks(text, &found),
            [
                ("(", "中文语境中应使用全角“（”".to_owned()),
                (")", "中文语境中应使用全角“）”".to_owned()),
            ]
        );
        assert_eq!(found[0].primary.start, "一是".len());
        assert_eq!(
            apply_fixes(text, &found),
            "一是（加强学习\n二是加强）学习\n(a) b"
        );
    }

    #[test]
    fn spaces_typed_around_a_mark_are_removed() {
        let text = "整改 , 确保落实 ; AIGC , 提升, (一) 落实。yes! 网址";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 5, "{found:?}");
        assert_eq!(
            apply_fixes(text, &found),
            "整改，确保落实；AIGC，提升，（一）落实。yes! 网址"
        );
    }

    #[test]
    fn chars_option_limits_the_marks() {
        let rule = "\n- id: width\n  kind: punctuation_width\n  chars: ','\n";
        let text = "整改,确保:落实(一)";
        let found = lint_with_rule(rule, text);
        assert_eq!(
            marks(text, &found),
            [(",", "中文语境中应使用全角“，”".to_owned())]
        );
    }

    #[test]
    fn invalid_chars_option_is_rejected() {
        for (chars, message) in [
            ("',.'", "`.` is not a mark `punctuation_width` checks"),
            ("''", "`chars` is empty"),
            (
                "',('",
                "`(` and `)` are checked together: list both or neither",
            ),
        ] {
            let pack = format!(
                "pack: test\nrules:\n- id: width\n  kind: punctuation_width\n  chars: {chars}\n"
            );
            let error = PackSet::load_str("test.yaml", &pack).expect_err(chars);
            assert!(format!("{error:?}").contains(message), "{error:?}");
        }
    }

    #[test]
    fn markdown_code_links_and_front_matter_are_not_prose() {
        let text = "---\ntitle: 通报,草稿\n---\n# 标题\n\n见[链接](http://x.cn/a)查看,参数`中,文`和![图](a.png)结束\n\n```\n代码,注释\n```\n";
        let found = lint_markdown(RULE, text);
        let at: Vec<usize> = found.iter().map(|d| d.primary.start).collect();
        assert_eq!(
            at,
            [text.find("查看,").unwrap() + "查看".len()],
            "{found:?}"
        );
    }

    #[test]
    fn spans_are_exact_with_astral_characters_and_crlf() {
        let text = "𠮷祥,如意\r\n(𠮷)\r\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].primary, "𠮷祥".len().."𠮷祥,".len());
        let open = "𠮷祥,如意\r\n".len();
        assert_eq!(found[1].primary, open..open + 1);
        assert_eq!(found[1].labels[0].span, open + 5..open + 6);
        assert_eq!(apply_fixes(text, &found), "𠮷祥，如意\r\n（𠮷）\r\n");
        assert!(lint_with_rule(RULE, "").is_empty());
    }

    #[test]
    fn fixes_never_overlap_and_stay_fixed_on_arbitrary_text() {
        const PIECES: &[&str] = &[
            "中", "文", "𠮷", "a", "1", " ", "\t", "\r\n", "\n", ",", ";", ":", "?", "!", "(", ")",
            "。", "”", "`", "[", "]", "@", ".", "/", "http://", "www.",
        ];
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % 1_000_003).unwrap_or(0)
        };
        let packs = PackSet::load_str("t.yaml", &format!("pack: t\nrules:{RULE}"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        for _ in 0..1000 {
            let len = next() % 24;
            let text: String = (0..len).map(|_| PIECES[next() % PIECES.len()]).collect();
            for format in [Format::Text, Format::Markdown] {
                let lint_as =
                    |text: &str| lint(&Document::parse(Source::new("t", text), format), &packs);
                let found = lint_as(&text);
                let fixed = apply_fixes(&text, &found);
                assert!(
                    lint_as(&fixed).is_empty(),
                    "{text:?} → {fixed:?}: {:?}",
                    lint_as(&fixed)
                );
            }
        }
    }

    /// Lines of the seed notice, whose full-width punctuation was converted to ASCII.
    const SEED: &str = "一、坚决扛起整改政治责任,全力推进巡察整改工作\n\n2.持续深化意识形态工作责任制落实。一是严格落实意识形态会商研判机制,年召开党组会专题研究部署意识形态工作每季度分析研判意识形态领域情况二是督促指导各党支部开展意识形态工作,通过主题党日、党员学习等形式,提高党员干部对意识形态工作的重视。比如,2023年5月、12月分别组织党员前往学习。三是充分利用云计算、5G、大数据等新技术新手段。\n\n二是强化新技术赋能,截至2024年底发布稿件1000篇,总阅读量超1.55亿,位居全国216个地市级学习平台第28名。2024年5月,作为北京市首个将人工智能生成技术(AIGC)用做媒体宣传的区级融媒体中心,利用AIGC技术与新壹(北京)科技有限公司联合创作。\n\n3.将群团工作纳入党建工作总体布局。中心党组每年年初专门听取群团组织年度工作总结和工作计划;专题研究工会委员替补及团支部换届工作,提出指导意见。\n\n欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议,请及时向我们反映。联系方式:010-69555726;通信地址:北京市通州区新华东街256号;邮编:101100;电子邮箱:tzgdzgk@126.com\n";

    #[test]
    fn seed_lines_are_found_and_fixing_them_is_idempotent() {
        let found = lint_with_rule(RULE, SEED);
        assert_eq!(found.len(), 22, "{found:?}");
        let fixed = apply_fixes(SEED, &found);
        assert!(!fixed.contains([',', ';', ':', '(', ')']), "{fixed}");
        assert!(lint_with_rule(RULE, &fixed).is_empty());
    }

    #[test]
    fn drafts_are_fixed_and_stay_fixed() {
        let draft = include_str!("../../examples/drafts/draft-with-problems.txt");
        let found = lint_with_rule(RULE, draft);
        let line_45 = draft.lines().nth(44).unwrap();
        let at = draft.find(line_45).unwrap() + line_45.find("整改,").unwrap() + "整改".len();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary, at..at + 1);
        let fixed = apply_fixes(draft, &found);
        assert!(lint_with_rule(RULE, &fixed).is_empty());
        let clean = include_str!("../../examples/clean/notice.txt");
        assert!(lint_with_rule(RULE, clean).is_empty());
    }
}
