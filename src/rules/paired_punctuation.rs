//! `paired_punctuation`: quotation marks, title marks and brackets that are
//! not closed, or closed without being opened.
//!
//! ## What it does
//! Within each block (paragraph, heading, list item), matches `“”` `‘’` `《》`
//! `（）` `()` `【】` `〔〕` with a stack, and reports the opener left unclosed
//! or the closer with no opener, each at that one character:
//!
//! - **Double quotes do not nest** in Chinese (an inner quotation takes `‘’`),
//!   so a `“` while another `“` is open means the earlier one was never closed:
//!   the earlier one is reported and matching goes on with the new one. This
//!   finds the forgotten `”` at its `“` even when the paragraph quotes again
//!   later. One exception: if a `”` later turns up with no `“` left to close,
//!   the text was a quotation nested in double quotes (`关于“落实“第一议题”
//!   制度”的问题`); that is reported once, at the inner `“`, instead.
//! - **Brackets and quotes may enclose each other**; a closer whose opener is
//!   deeper in the stack closes it, and the openers above it are unclosed.
//! - **A full-width opener closed by a half-width closer** (`（…)`), or the
//!   reverse, is one finding on the closer, with a fix.
//! - **List markers** such as `1)`, `1）`, `a)`, `二）` at the start of a block or
//!   of a clause (after `：；，、。` or `:;,`) have no opener and are not stray
//!   closers. A `’` between ASCII letters or digits is an apostrophe.
//! - ASCII `"` and `'` are out of scope: opening and closing look the same.
//!
//! A quotation running over several paragraphs (each paragraph opening with
//! `“`, only the last closing) is reported, since blocks are checked alone.
//!
//! ## Why is this bad?
//! An unclosed quotation mark or bracket leaves the reader unsure where a
//! quoted feedback item, a document title or a remark ends; in a notice that
//! quotes the inspection feedback verbatim this changes what is being quoted.
//!
//! ## Example
//! ```yaml
//! - id: paired-punctuation
//!   kind: paired_punctuation
//!   pairs: ['“”', '《》', '（）']   # optional; default all seven pairs
//! ```
//!
//! ## Fix safety
//! Only the width mismatch has a fix: it replaces the closer with the one that
//! matches its opener (`（…)` → `（…）`), which leaves the pair balanced and
//! changes nothing else. Unclosed and stray marks have no fix: where the
//! missing mark belongs is for the author to decide.

use std::ops::Range;

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::{Diagnostic, Edit, Fix};
use crate::document::Source;
use crate::pack::PackError;

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The pairs to check, each written as its two characters (default: all).
    pairs: Option<Spanned<Vec<Spanned<String>>>>,
}

/// One kind of paired mark.
#[derive(Debug)]
struct Pair {
    open: char,
    close: char,
    /// Its name in messages (`书名号`).
    name: &'static str,
    /// Whether messages show the characters (not for quotes: `““”` reads badly).
    shown: bool,
}

const PAIRS: [Pair; 7] = [
    Pair {
        open: '“',
        close: '”',
        name: "引号",
        shown: false,
    },
    Pair {
        open: '‘',
        close: '’',
        name: "单引号",
        shown: false,
    },
    Pair {
        open: '《',
        close: '》',
        name: "书名号",
        shown: true,
    },
    Pair {
        open: '（',
        close: '）',
        name: "括号",
        shown: true,
    },
    Pair {
        open: '(',
        close: ')',
        name: "括号",
        shown: true,
    },
    Pair {
        open: '【',
        close: '】',
        name: "方头括号",
        shown: true,
    },
    Pair {
        open: '〔',
        close: '〕',
        name: "六角括号",
        shown: true,
    },
];

const DOUBLE_QUOTES: usize = 0;
const FULL_WIDTH_PARENS: usize = 3;
const HALF_WIDTH_PARENS: usize = 4;

/// The compiled rule.
#[derive(Debug)]
pub struct PairedPunctuation {
    /// Which of [`PAIRS`] are checked.
    enabled: [bool; PAIRS.len()],
}

impl Options {
    /// Reads the list of pairs.
    pub fn compile(self, source: &Source) -> Result<PairedPunctuation, PackError> {
        let Some(pairs) = self.pairs else {
            return Ok(PairedPunctuation {
                enabled: [true; PAIRS.len()],
            });
        };
        let known = || {
            PAIRS
                .iter()
                .map(|p| format!("{}{}", p.open, p.close))
                .collect::<Vec<_>>()
                .join(" ")
        };
        if pairs.value.is_empty() {
            return Err(PackError::at_value(
                source,
                &pairs.referenced,
                "`pairs` is empty",
                "no pairs listed",
                Some(format!("list some of: {}", known())),
            ));
        }
        let mut enabled = [false; PAIRS.len()];
        for entry in &pairs.value {
            let mut chars = entry.value.chars();
            let written = (chars.next(), chars.next(), chars.next());
            let Some(index) = PAIRS
                .iter()
                .position(|p| written == (Some(p.open), Some(p.close), None))
            else {
                return Err(PackError::at_value(
                    source,
                    &entry.referenced,
                    format!("unknown pair `{}`", entry.value),
                    "not a pair this rule checks",
                    Some(format!(
                        "write each pair as its two characters, one of: {} (ASCII quotes are not supported: opening and closing look the same)",
                        known()
                    )),
                ));
            };
            if enabled[index] {
                return Err(PackError::at_value(
                    source,
                    &entry.referenced,
                    format!("pair `{}` is listed twice", entry.value),
                    "listed again here",
                    None,
                ));
            }
            enabled[index] = true;
        }
        Ok(PairedPunctuation { enabled })
    }
}

/// An opener waiting for its closer.
#[derive(Debug, Clone, Copy)]
struct Open {
    /// Index in [`PAIRS`].
    pair: usize,
    /// Byte offset in the document.
    at: usize,
}

/// A `“` that a later `“` found still open, and that later `“`.
#[derive(Debug, Clone, Copy)]
struct Displaced {
    outer: Open,
    inner: usize,
}

impl PairedPunctuation {
    /// The pair a character opens or closes, if it is checked.
    fn classify(&self, c: char) -> Option<(usize, bool)> {
        let (pair, opens) = match c {
            '“' => (0, true),
            '”' => (0, false),
            '‘' => (1, true),
            '’' => (1, false),
            '《' => (2, true),
            '》' => (2, false),
            '（' => (3, true),
            '）' => (3, false),
            '(' => (4, true),
            ')' => (4, false),
            '【' => (5, true),
            '】' => (5, false),
            '〔' => (6, true),
            '〕' => (6, false),
            _ => return None,
        };
        self.enabled[pair].then_some((pair, opens))
    }
}

fn same_family(a: usize, b: usize) -> bool {
    matches!(
        (a, b),
        (FULL_WIDTH_PARENS, HALF_WIDTH_PARENS) | (HALF_WIDTH_PARENS, FULL_WIDTH_PARENS)
    )
}

fn char_span(at: usize, c: char) -> Range<usize> {
    at..at + c.len_utf8()
}

/// A mark as help lines name it: `“）”`, or `右引号` for a quotation mark.
fn mark(pair: &Pair, opens: bool) -> String {
    match (pair.shown, opens) {
        (true, true) => format!("“{}”", pair.open),
        (true, false) => format!("“{}”", pair.close),
        (false, true) => format!("左{}", pair.name),
        (false, false) => format!("右{}", pair.name),
    }
}

/// `左括号“（”没有对应的右括号`, `左引号没有对应的右引号`.
fn unclosed_message(pair: &Pair) -> String {
    if pair.shown {
        format!("左{}“{}”没有对应的右{}", pair.name, pair.open, pair.name)
    } else {
        format!("左{}没有对应的右{}", pair.name, pair.name)
    }
}

/// `右括号“）”没有对应的左括号`, `右引号没有对应的左引号`.
fn stray_message(pair: &Pair) -> String {
    if pair.shown {
        format!("右{}“{}”没有对应的左{}", pair.name, pair.close, pair.name)
    } else {
        format!("右{}没有对应的左{}", pair.name, pair.name)
    }
}

/// Whether the closer at `i` ends a list marker that starts the block or a
/// clause: up to three digits (`1)`, `12）`), one ASCII letter (`a)`) or a
/// Chinese numeral (`二）`).
fn ends_list_marker(content: &str, i: usize) -> bool {
    let before = &content[..i];
    let is_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let mut token_start = i;
    for (j, c) in before.char_indices().rev() {
        if !(c.is_ascii_alphanumeric() || is_numeral(c)) {
            break;
        }
        token_start = j;
    }
    let token = &before[token_start..];
    let count = token.chars().count();
    let is_marker = (token.bytes().all(|b| b.is_ascii_digit()) && (1..=3).contains(&count))
        || (count == 1 && token.bytes().all(|b| b.is_ascii_alphabetic()))
        || (token.chars().all(is_numeral) && (1..=3).contains(&count));
    is_marker
        && before[..token_start]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || "：:；;，,、。".contains(c))
}

/// Whether the `’` at `i` is an apostrophe (`People’s`).
fn is_apostrophe(content: &str, i: usize) -> bool {
    let before = content[..i].chars().next_back();
    let after = content[i + '’'.len_utf8()..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphanumeric())
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
}

impl Check for PairedPunctuation {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let mut stack: Vec<Open> = Vec::new();
        let mut displaced: Vec<Displaced> = Vec::new();
        for block in doc.blocks() {
            stack.clear();
            displaced.clear();
            let content = doc.slice(block.range.clone());
            for (i, c) in content.char_indices() {
                let Some((pair, opens)) = self.classify(c) else {
                    continue;
                };
                let at = block.range.start + i;
                if opens {
                    if pair == DOUBLE_QUOTES
                        && let Some(k) = stack.iter().rposition(|o| o.pair == DOUBLE_QUOTES)
                    {
                        let outer = stack.remove(k);
                        displaced.push(Displaced { outer, inner: at });
                    }
                    stack.push(Open { pair, at });
                    continue;
                }
                let closer = char_span(at, c);
                if let Some(k) = stack.iter().rposition(|o| o.pair == pair) {
                    close_at(cx, &mut stack, k, &closer, out);
                    continue;
                }
                if let Some(k) = stack.iter().rposition(|o| same_family(o.pair, pair)) {
                    let opener = stack[k];
                    close_at(cx, &mut stack, k, &closer, out);
                    out.push(mismatched_width(cx, opener, c, closer));
                    continue;
                }
                if pair == DOUBLE_QUOTES
                    && let Some(Displaced { outer, inner }) = displaced.pop()
                {
                    out.push(
                        cx.diagnostic(
                            cx.message_or("引号内又用了双引号：内层引号应使用单引号‘’"),
                            char_span(inner, '“'),
                        )
                        .with_primary_label("内层引号")
                        .with_label(char_span(outer.at, '“'), "外层引号从此开始")
                        .with_label(closer, "外层引号到此结束")
                        .with_help(cx.help_or("把内层的“”改为‘’")),
                    );
                    continue;
                }
                if (matches!(pair, FULL_WIDTH_PARENS | HALF_WIDTH_PARENS)
                    && ends_list_marker(content, i))
                    || (c == '’' && is_apostrophe(content, i))
                {
                    continue;
                }
                let expected = mark(&PAIRS[pair], true);
                out.push(
                    cx.diagnostic(cx.message_or(stray_message(&PAIRS[pair])), closer)
                        .with_primary_label("多余的右半边")
                        .with_help(
                            cx.help_or(format!("在对应位置补上{expected}，或删去多余的符号")),
                        ),
                );
            }
            for open in stack.drain(..) {
                out.push(unclosed(cx, open));
            }
            for Displaced { outer, inner } in displaced.drain(..) {
                out.push(unclosed(cx, outer).with_label(char_span(inner, '“'), "下一个左引号在此"));
            }
        }
    }
}

/// Closes `stack[k]` with `closer`; the openers above it are left unclosed.
fn close_at(
    cx: &CheckContext<'_>,
    stack: &mut Vec<Open>,
    k: usize,
    closer: &Range<usize>,
    out: &mut Findings,
) {
    for open in stack.drain(k + 1..) {
        out.push(unclosed(cx, open).with_label(closer.clone(), "外层在此闭合"));
    }
    stack.truncate(k);
}

fn unclosed(cx: &CheckContext<'_>, open: Open) -> Diagnostic {
    let pair = &PAIRS[open.pair];
    cx.diagnostic(
        cx.message_or(unclosed_message(pair)),
        char_span(open.at, pair.open),
    )
    .with_primary_label("未闭合")
    .with_help(cx.help_or(format!("在对应位置补上{}", mark(pair, false))))
}

fn mismatched_width(
    cx: &CheckContext<'_>,
    opener: Open,
    c: char,
    closer: Range<usize>,
) -> Diagnostic {
    let open = PAIRS[opener.pair].open;
    let close = PAIRS[opener.pair].close;
    let mut diagnostic = cx
        .diagnostic(
            cx.message_or(format!("括号全角半角不一致：“{open}”与“{c}”不配对")),
            closer.clone(),
        )
        .with_primary_label(format!("应为“{close}”"))
        .with_label(char_span(opener.at, open), "左括号在此")
        .with_help(cx.help_or(format!("改为“{close}”")));
    diagnostic.fix = Some(Fix {
        edits: vec![Edit {
            span: closer,
            replacement: close.to_string(),
        }],
    });
    diagnostic
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_rule;

    const RULE: &str = "\n- id: pairs\n  kind: paired_punctuation\n";

    fn found(text: &str) -> Vec<(&str, usize, String)> {
        lint_with_rule(RULE, text)
            .into_iter()
            .map(|d| (&text[d.primary.clone()], d.primary.start, d.message))
            .collect()
    }

    #[test]
    fn balanced_text_is_clean() {
        let text = "严格执行“三重一大”制度，修订《党组会议议事规则》（2024年）。\n（一）关于“落实‘第一议题’制度”的问题\n党组(扩大)会【无障碍】京发〔2023〕5号。\n";
        assert_eq!(found(text), []);
    }

    #[test]
    fn unclosed_quote_before_a_later_quote_is_found_at_its_opener() {
        let text = "严格执行“三审三校制度,每日巡检。二是落实“一事一审”。\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.primary.start, text.find('“').unwrap());
        assert_eq!(&text[d.primary.clone()], "“");
        assert_eq!(d.message, "左引号没有对应的右引号");
        assert_eq!(d.help.as_deref(), Some("在对应位置补上右引号"));
        assert_eq!(d.labels[0].span.start, text.rfind("“一事").unwrap());
        assert!(d.fix.is_none());
    }

    #[test]
    fn unclosed_at_the_end_of_the_paragraph_not_the_next() {
        let text = "推行“县级监管的管护模式。\n另一段”结尾。\n";
        assert_eq!(
            found(text),
            [
                (
                    "“",
                    text.find('“').unwrap(),
                    "左引号没有对应的右引号".to_owned()
                ),
                (
                    "”",
                    text.find('”').unwrap(),
                    "右引号没有对应的左引号".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn nested_double_quotes_are_one_finding() {
        let text = "关于“落实“第一议题”制度不到位”的问题\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(d.message, "引号内又用了双引号：内层引号应使用单引号‘’");
        assert_eq!(d.primary.start, text.match_indices('“').nth(1).unwrap().0);
        assert_eq!(d.labels[0].span.start, text.find('“').unwrap());
    }

    #[test]
    fn brackets_and_quotes_enclose_each_other() {
        assert_eq!(found("修订“管理办法（试行）”。（详见“附件”）\n"), []);
        let text = "（见“附件）说明。\n";
        assert_eq!(
            found(text),
            [(
                "“",
                text.find('“').unwrap(),
                "左引号没有对应的右引号".to_owned()
            )]
        );
        let text = "《管理办法（试行》。\n";
        assert_eq!(
            found(text),
            [(
                "（",
                text.find('（').unwrap(),
                "左括号“（”没有对应的右括号".to_owned()
            )]
        );
    }

    #[test]
    fn stray_closers() {
        let text = "整改完成）。书名》。\n";
        assert_eq!(
            found(text),
            [
                (
                    "）",
                    text.find('）').unwrap(),
                    "右括号“）”没有对应的左括号".to_owned()
                ),
                (
                    "》",
                    text.find('》').unwrap(),
                    "右书名号“》”没有对应的左书名号".to_owned()
                ),
            ]
        );
        let help = lint_with_rule(RULE, text)[1].help.clone();
        assert_eq!(
            help.as_deref(),
            Some("在对应位置补上“《”，或删去多余的符号")
        );
    }

    #[test]
    fn width_mismatch_is_one_finding_on_the_closer_with_a_fix() {
        let text = "党组（扩大)会。\n";
        let diagnostics = lint_with_rule(RULE, text);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        assert_eq!(&text[d.primary.clone()], ")");
        assert_eq!(d.message, "括号全角半角不一致：“（”与“)”不配对");
        let edits = &d.fix.as_ref().unwrap().edits;
        assert_eq!(&text[edits[0].span.clone()], ")");
        assert_eq!(edits[0].replacement, "）");
        let text = "党组(扩大）会。\n";
        let d = &lint_with_rule(RULE, text)[0];
        assert_eq!(&text[d.primary.clone()], "）");
        assert_eq!(d.fix.as_ref().unwrap().edits[0].replacement, ")");
    }

    #[test]
    fn list_markers_and_apostrophes_are_not_stray() {
        assert_eq!(
            found("1)甲。\n1）乙。\na)丙。\n二）丁。\n包括：1）甲；2）乙。\nPeople’s Daily。\n"),
            []
        );
        for text in ["增长20%)。\n", "使用APP)。\n", "见3.2)。\n", "甲1)乙。\n"] {
            assert_eq!(found(text).len(), 1, "{text}");
        }
    }

    #[test]
    fn ascii_quotes_are_ignored() {
        assert_eq!(found("他说\"好\"和'是'。\"\n"), []);
    }

    #[test]
    fn pairs_option_limits_the_check() {
        let rule = "\n- id: pairs\n  kind: paired_punctuation\n  pairs: ['《》']\n";
        assert!(lint_with_rule(rule, "“甲（乙\n").is_empty());
        assert_eq!(lint_with_rule(rule, "《甲\n").len(), 1);
        // With only full-width brackets checked, `)` is not a closer.
        let rule = "\n- id: pairs\n  kind: paired_punctuation\n  pairs: ['（）']\n";
        let text = "（甲)\n";
        let found = lint_with_rule(rule, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].primary.clone()], "（");
    }

    fn pack_error(pairs: &str) -> (String, String) {
        let yaml = format!(
            "pack: t\nrules:\n  - id: pairs\n    kind: paired_punctuation\n    pairs: {pairs}\n"
        );
        let Err(crate::pack::PackError::Invalid(error)) = crate::PackSet::load_str("p.yaml", &yaml)
        else {
            panic!("expected an invalid pack");
        };
        (error.location, error.message)
    }

    #[test]
    fn bad_pairs_are_located_pack_errors() {
        assert_eq!(
            pack_error("['“”', '<>']"),
            ("p.yaml:5:19".to_owned(), "unknown pair `<>`".to_owned())
        );
        assert_eq!(
            pack_error("['“”', '“”']"),
            (
                "p.yaml:5:19".to_owned(),
                "pair `“”` is listed twice".to_owned()
            )
        );
        assert_eq!(pack_error("['“']").1, "unknown pair `“`");
        assert_eq!(pack_error("['\"\"']").1, "unknown pair `\"\"`");
        assert_eq!(pack_error("[]").1, "`pairs` is empty");
    }

    #[test]
    fn cjk_astral_and_crlf_spans() {
        let text = "𠮷“𠮷（𠮷\r\n𠮷》\r\n";
        let found = found(text);
        assert_eq!(
            found,
            [
                (
                    "“",
                    text.find('“').unwrap(),
                    "左引号没有对应的右引号".to_owned()
                ),
                (
                    "（",
                    text.find('（').unwrap(),
                    "左括号“（”没有对应的右括号".to_owned()
                ),
                (
                    "》",
                    text.find('》').unwrap(),
                    "右书名号“》”没有对应的左书名号".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn empty_and_odd_input_do_not_panic() {
        for text in ["", "\r\n", "’", ")", "“", "”“", "1)"] {
            lint_with_rule(RULE, text);
        }
    }

    #[test]
    fn seed_unclosed_quote() {
        // Line 37 of the seed notice.
        let text = "4.压实安全生产责任,提高媒体行业安全水平。一是严格落实内容安全、技术安全、网络安全、播出安全等管理制度及措施。严格执行“三审三校制度,每日对中心各类技术设备进行巡检,发现设备磨损、故障等问题及时维修更换。二是各科室上报安全生产管理员人选。\n1.严格执行“三重一大”制度。党组(扩大)会。\n";
        assert_eq!(
            found(text),
            [(
                "“",
                text.find("“三审").unwrap(),
                "左引号没有对应的右引号".to_owned()
            )]
        );
    }

    #[test]
    fn examples_and_seed() {
        let draft = include_str!("../../examples/drafts/draft-with-problems.txt");
        let diagnostics = lint_with_rule(RULE, draft);
        assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
        let d = &diagnostics[0];
        let position = crate::Source::new("d", draft).position(d.primary.start);
        assert_eq!(position.line, 37);
        assert_eq!(d.primary.start, draft.find("“县级监管").unwrap());
        let clean = include_str!("../../examples/clean/notice.txt");
        assert_eq!(lint_with_rule(RULE, clean), []);
    }
}
