//! `run_on`: an enumerator glued to the clause before it.
//!
//! ## What it does
//! Reports an enumerator — `二是` … `十是`, or `其次，` / `最后，` — written
//! directly after the text of the previous clause, with no `。` or `；` between
//! them: `…领域情况二是督促…`. To stay clear of ordinary words, `N是` counts
//! only when `(N-1)是` occurs earlier in the same paragraph, never after `第`,
//! `其` or another numeral (`第二是`, `二十是`), and never as `N是否`/`N是非`;
//! `一是` does not count inside a word (`统一是`, `之一是`). `其次，` needs an
//! earlier `首先`, `最后，` an earlier `首先` or `其次` and not `到最后`.
//!
//! The fix inserts the missing mark before the enumerator: `；` when the
//! paragraph separates its other enumerators with `；` (and never with `。`),
//! `。` otherwise. It is safe because the enumerator starts a new clause: the
//! earlier one proves the paragraph is an enumeration, and the character right
//! before is the end of the previous item's text.
//!
//! ## Why is this bad?
//! Without the full stop two sentences run together, and the enumeration the
//! reader follows (`一是…二是…`) is lost in the middle of a sentence.
//!
//! ## Example
//! ```yaml
//! - id: run-on
//!   kind: run_on
//! ```
//! `…意识形态领域情况二是督促指导…` → `…意识形态领域情况。二是督促指导…`.

use std::ops::Range;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Edit, Fix};
use crate::document::{Source, is_han};
use crate::pack::PackError;
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct RunOn {
    scope: Scope,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope.
    pub fn compile(self, source: &Source) -> Result<RunOn, PackError> {
        let mut references = Vec::new();
        let scope = Scope::compile(self.scope, source, &mut references)?;
        Ok(RunOn { scope, references })
    }
}

/// Which enumerator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ordinal {
    /// `N是`, N from 1 to 10.
    Number(u8),
    /// `首先`
    First,
    /// `其次，`
    Second,
    /// `最后，`
    Last,
}

/// An enumerator in a paragraph.
#[derive(Debug)]
struct Enumerator {
    ordinal: Ordinal,
    /// `二是`, `其次` (without the comma).
    span: Range<usize>,
    /// The character right before it.
    before: Option<char>,
}

impl Enumerator {
    /// Whether the previous clause runs straight into it: the character before
    /// ends a word, a number or a quotation, not a sentence or a clause.
    fn is_glued(&self) -> bool {
        self.before.is_some_and(|c| {
            is_han(c)
                || c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    '%' | '％' | '”' | '’' | '）' | '》' | '」' | '』' | '】' | '〕' | ')'
                )
        })
    }

    /// Whether it continues an enumeration (`二是`, `其次`) rather than starts one.
    fn is_subsequent(&self) -> bool {
        !matches!(self.ordinal, Ordinal::Number(1) | Ordinal::First)
    }

    fn after_semicolon(&self) -> bool {
        matches!(self.before, Some('；' | ';'))
    }

    fn after_full_stop(&self) -> bool {
        matches!(self.before, Some('。' | '！' | '？' | '!' | '?'))
    }
}

fn numeral_value(c: char) -> Option<u8> {
    "一二三四五六七八九十"
        .chars()
        .position(|n| n == c)
        .and_then(|i| u8::try_from(i + 1).ok())
}

/// Characters that, right before `N是`, make the numeral part of a number or
/// a word (`第二是`, `其二是`, `二十是`).
fn binds_numeral(c: char) -> bool {
    "第其〇零一二三四五六七八九十百千万亿两几".contains(c)
}

/// Characters that, right before `一是`, make `一` part of a word
/// (`统一是`, `唯一是`, `之一是`, `逐一是`).
fn binds_one(c: char) -> bool {
    "统唯之万同专单划合均逐如初择任每纯归".contains(c)
}

/// Appends the enumerators of one paragraph to `out`.
fn enumerators(text: &str, block: Range<usize>, out: &mut Vec<Enumerator>) {
    let content = &text[block.clone()];
    let char_before = |at: usize| content[..at].chars().next_back();
    let first = out.len();
    // Visit only where an enumerator can be: before each `是`, and at the
    // ordinal words. Most characters of a paragraph are neither.
    for (j, _) in content.match_indices('是') {
        let Some(c) = char_before(j) else { continue };
        let Some(n) = numeral_value(c) else { continue };
        let i = j - c.len_utf8();
        let before = char_before(i);
        let after = content[j + '是'.len_utf8()..].chars().next();
        let is_enumerator = !matches!(after, Some('否' | '非'))
            && !before.is_some_and(|b| binds_numeral(b) || (n == 1 && binds_one(b)));
        if is_enumerator {
            out.push(Enumerator {
                ordinal: Ordinal::Number(n),
                span: block.start + i..block.start + j + '是'.len_utf8(),
                before,
            });
        }
    }
    // `其次`, `最后` enumerate only with their comma (`其次，`).
    for (word, ordinal, needs_comma) in [
        ("首先", Ordinal::First, false),
        ("其次", Ordinal::Second, true),
        ("最后", Ordinal::Last, true),
    ] {
        for (i, _) in content.match_indices(word) {
            if needs_comma && !content[i + word.len()..].starts_with(['，', ',']) {
                continue;
            }
            // A numeral directly before takes precedence (`一是` wins over a word).
            out.push(Enumerator {
                ordinal,
                span: block.start + i..block.start + i + word.len(),
                before: char_before(i),
            });
        }
    }
    out[first..].sort_by_key(|e| e.span.start);
}

impl Check for RunOn {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let text = cx.doc.text();
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let mut found = Vec::new();
        for block in cx.doc.blocks() {
            if !ranges
                .iter()
                .any(|r| r.start < block.range.end && block.range.start < r.end)
            {
                continue;
            }
            found.clear();
            enumerators(text, block.range.clone(), &mut found);
            if found.len() < 2 {
                continue;
            }
            // The paragraph's own way of separating items; what precedes a
            // first item (`制度。一是`, `如下：一是`) is a lead-in, not a separator.
            let mut separated = found.iter().filter(|e| e.is_subsequent());
            let semicolons = separated.clone().any(Enumerator::after_semicolon)
                && !separated.any(Enumerator::after_full_stop);
            let (mark, name) = if semicolons {
                ("；", "分号")
            } else {
                ("。", "句号")
            };
            // Seen earlier in the paragraph: `N是` at index N, 首先, 其次.
            let mut numbers = [false; 11];
            let (mut first, mut second) = (false, false);
            for enumerator in &found {
                let preceded = match enumerator.ordinal {
                    Ordinal::Number(n) => {
                        let n = usize::from(n);
                        let preceded = numbers[n - 1];
                        numbers[n] = true;
                        preceded
                    }
                    Ordinal::First => {
                        first = true;
                        false
                    }
                    Ordinal::Second => {
                        second = true;
                        first
                    }
                    // `坚持到最后，` is not an enumerator.
                    Ordinal::Last => {
                        (first || second)
                            && !matches!(
                                enumerator.before,
                                Some('到' | '至' | '的' | '在' | '是' | '于')
                            )
                    }
                };
                if !preceded
                    || !enumerator.is_glued()
                    || !Scope::contains(&ranges, &enumerator.span)
                {
                    continue;
                }
                let span = enumerator.span.clone();
                let word = &text[span.clone()];
                let mut diagnostic = cx
                    .diagnostic(
                        cx.message_or(format!("“{word}”前缺少{name}，前一句未结束")),
                        span.clone(),
                    )
                    .with_primary_label(format!("应在此前加“{mark}”"))
                    .with_help(cx.help_or(format!("在“{word}”前加“{mark}”，结束前一句")));
                diagnostic.fix = Some(Fix {
                    edits: vec![Edit {
                        span: span.start..span.start,
                        replacement: mark.to_owned(),
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
    use crate::diagnostic::Diagnostic;
    use crate::document::{Document, Format, Source};
    use crate::rules::punctuation_width::tests::apply_fixes;
    use crate::test_support::lint_with_rule;

    const RULE: &str = "\n- id: run-on\n  kind: run_on\n";

    fn words<'a>(text: &'a str, found: &[Diagnostic]) -> Vec<(&'a str, String)> {
        found
            .iter()
            .map(|d| (&text[d.primary.clone()], d.message.clone()))
            .collect()
    }

    fn line_column(text: &str, offset: usize) -> (usize, usize) {
        let doc = Document::parse(Source::new("t.txt", text), Format::Text);
        let position = doc.source().position(offset);
        (position.line, position.column)
    }

    #[test]
    fn enumerator_glued_to_the_previous_clause() {
        let text = "一是严格落实会商研判机制，每季度分析研判意识形态领域情况二是督促指导各党支部。三是丰富手段。";
        let found = lint_with_rule(RULE, text);
        assert_eq!(
            words(text, &found),
            [("二是", "“二是”前缺少句号，前一句未结束".to_owned())]
        );
        assert_eq!(found[0].primary_label.as_deref(), Some("应在此前加“。”"));
        assert_eq!(
            apply_fixes(text, &found),
            "一是严格落实会商研判机制，每季度分析研判意识形态领域情况。二是督促指导各党支部。三是丰富手段。"
        );
        assert!(lint_with_rule(RULE, &apply_fixes(text, &found)).is_empty());
    }

    #[test]
    fn semicolon_paragraphs_get_a_semicolon() {
        let text = "1.严格落实制度。一是加强学习；二是完善制度三是强化监督；四是严肃问责。";
        let found = lint_with_rule(RULE, text);
        assert_eq!(
            words(text, &found),
            [("三是", "“三是”前缺少分号，前一句未结束".to_owned())]
        );
        assert_eq!(
            apply_fixes(text, &found),
            "1.严格落实制度。一是加强学习；二是完善制度；三是强化监督；四是严肃问责。"
        );
    }

    #[test]
    fn words_and_numbers_are_not_enumerators() {
        for text in [
            // No 一是 before: 二是 alone is no evidence.
            "情况二是督促指导。",
            // 统一是, 之一是 are words; 第二是, 其二是, 二十是 are not enumerators.
            "思想统一是前提二是关键。",
            "原因之一是投入不足二是关键。",
            "一是学习。排名第二是好事。其一是甲其二是乙。一是甲。共二十是概数。",
            "一是问题一是否整改问题二是否整改。",
            "一是加强学习，二是完善制度、三是强化监督",
            // 其次/最后 need an earlier 首先 and a comma.
            "首先学习。坚持到最后，确保完成。其次要落实。",
            "工作其次，最后，完成。",
        ] {
            assert!(
                lint_with_rule(RULE, text).is_empty(),
                "{text}: {:?}",
                lint_with_rule(RULE, text)
            );
        }
    }

    #[test]
    fn first_second_last() {
        let text = "首先，加强学习其次，完善制度最后，强化监督。";
        let found = lint_with_rule(RULE, text);
        assert_eq!(
            words(text, &found),
            [
                ("其次", "“其次”前缺少句号，前一句未结束".to_owned()),
                ("最后", "“最后”前缺少句号，前一句未结束".to_owned()),
            ]
        );
        assert_eq!(
            apply_fixes(text, &found),
            "首先，加强学习。其次，完善制度。最后，强化监督。"
        );
    }

    #[test]
    fn after_quotes_numbers_and_latin() {
        let text = "一是执行“第一议题”二是发布1000篇三是推广AIGC四是完成。";
        let found = lint_with_rule(RULE, text);
        let found: Vec<&str> = found.iter().map(|d| &text[d.primary.clone()]).collect();
        assert_eq!(found, ["二是", "三是", "四是"]);
    }

    #[test]
    fn spans_are_exact_with_astral_characters_and_crlf() {
        let text = "标题\r\n一是𠮷二是甲。\r\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 1);
        let at = "标题\r\n一是𠮷".len();
        assert_eq!(found[0].primary, at..at + "二是".len());
        assert_eq!(found[0].fix.as_ref().unwrap().edits[0].span, at..at);
        assert!(lint_with_rule(RULE, "").is_empty());
    }

    /// Lines 25, 73 and 81 of the seed notice, at their line numbers.
    fn seed_excerpt() -> String {
        let mut text = "\n".repeat(24);
        text += "2.持续深化意识形态工作责任制落实。一是严格落实意识形态会商研判机制,年召开党组会专题研究部署意识形态工作每季度分析研判意识形态领域情况二是督促指导各党支部开展意识形态工作,通过主题党日、党员学习等形式,提高党员干部对意识形态工作的重视。各党支部确立主题党日时间,开展主题党日活动。比如,2023年5月、12月分别组织党员前往北京市全面从严治党警示教育基地和中国人民革命军事博物馆开展学习活动。三是充分利用云计算、5G、大数据等新技术新手段,进一步丰富发布手段和渠道,策划发布更多更优质的融媒体产品。\n";
        text += &"\n".repeat(47);
        text += "2.严格标准,规范党内政治生活。一是严格执行组织生活制度。中心各党支部书记组织党员开展集中学习,内容涵盖党内法规、组织生活会和民主评议党员工作等。通过开展谈话,了解其思想动态和困难。二是加强谈心谈话。谈心谈话的内容既做到有思想交流,又做到有工作沟通,既做到查找问题提出改进意见,又做到体现组织关怀,切实达到教育效果三是创新党支部书记讲党课形式,结合分管工作和支部党员群众关心的问题开展主题研讨,充分发挥党支部和党员在融媒体改革发展中的重要作用。\n";
        text += &"\n".repeat(7);
        text += "2.规范干部选拔任用程序。一是组织组工干部认真学习干部选拔任用工作制度规定,做好选拔过程中各个环节的把关二是及时请示汇报寻求支持在科级干部选拔任用工作中,严格按照区级相关部门的指导进行。\n";
        text
    }

    #[test]
    fn seed_run_ons_are_found_at_their_lines_and_columns() {
        let text = seed_excerpt();
        let found = lint_with_rule(RULE, &text);
        let at: Vec<(&str, (usize, usize))> = found
            .iter()
            .map(|d| {
                (
                    &text[d.primary.clone()],
                    line_column(&text, d.primary.start),
                )
            })
            .collect();
        assert_eq!(
            at,
            [("二是", (25, 69)), ("三是", (73, 158)), ("二是", (81, 53))]
        );
        let fixed = apply_fixes(&text, &found);
        assert!(fixed.contains("领域情况。二是督促"));
        assert!(fixed.contains("教育效果。三是创新"));
        assert!(fixed.contains("环节的把关。二是及时"));
        assert!(lint_with_rule(RULE, &fixed).is_empty());
    }

    #[test]
    fn examples() {
        let draft = include_str!("../../examples/drafts/draft-with-problems.txt");
        let found = lint_with_rule(RULE, draft);
        assert_eq!(found.len(), 1);
        assert_eq!(&draft[found[0].primary.clone()], "二是");
        assert_eq!(line_column(draft, found[0].primary.start).0, 25);
        assert!(draft[..found[0].primary.start].ends_with("耕地保护责任落实情况"));
        let clean = include_str!("../../examples/clean/notice.txt");
        assert!(lint_with_rule(RULE, clean).is_empty());
    }
}
