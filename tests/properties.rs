//! Properties that hold for every input: parsing, date reading, loading YAML
//! and linting never panic; every span lies within the text on character
//! boundaries; positions agree with a naive count; fixing converges and a
//! second pass changes nothing.
//!
//! Inputs are drawn from arbitrary strings mixed with fragments that reach
//! deep into the parsers (CJK, 𠮷, CRLF, lone CR, NUL, Markdown syntax, dates,
//! numbering, suppression comments, YAML keys). The number of cases is kept
//! small so that the whole file runs in a few seconds; `PROPTEST_CASES=N`
//! runs more.

mod invariants;

use std::path::Path;
use std::sync::OnceLock;

use invariants::{assert_diagnostics, assert_document, assert_span};

use noticelint::config::Config;
use noticelint::feedback::FeedbackList;
use noticelint::fix::{self, fix_document};
use noticelint::{
    Diagnostic, Document, Edit, Fix, Format, LintOptions, PackRef, PackSet, Severity, Source,
    dates, lint,
};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

/// Pieces of notices and Markdown that the parsers treat specially.
const DOCUMENT_FRAGMENTS: &[&str] = &[
    "一、",
    "二、",
    "（一）",
    "（二）",
    "(三)",
    "1.",
    "2．",
    "（1）",
    "①",
    "一是",
    "二是",
    "关于“",
    "”的问题",
    "整改情况：",
    "问题1：",
    "2024年2月30日",
    "2023年5月、12月",
    "2022年10月20日至2023年1月6日",
    "5月5日至12日",
    "二〇二三年二月十日",
    "２０２３年２月",
    "2023-01-16",
    "2023.1.6",
    "上半年",
    "第一季度",
    "年底",
    "（星期五）",
    "截至",
    "截止目前",
    "再接再励",
    "反馈了巡察意见",
    "联系方式：",
    "电话：010-69555726",
    "邮编：100000",
    "，",
    ",",
    "。",
    "；",
    ";",
    ":",
    "“",
    "”",
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    "【",
    "〔",
    "…",
    "𠮷",
    "中文",
    "abc",
    "123",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\0",
    "\u{feff}",
    "\u{200d}",
    "é",
    "# ",
    "## ",
    "```\n",
    "~~~",
    "---\n",
    "...\n",
    "> ",
    "* ",
    "- ",
    "1) ",
    "[a](b)",
    "![x](y)",
    "|a|b|\n|-|-|\n",
    "<!-- ",
    " -->",
    "<br>",
    "`",
    "\\",
    "&amp;",
    "%% noticelint-disable-next-line terms -- 原文\n",
    "<!-- noticelint-disable all -- 附件 -->\n",
    "<!-- noticelint-enable all -->\n",
    "noticelint-disabel",
    "---\nfeedback:\n  items:\n    - {id: F1, text: 学习不够深入}\n---\n",
    "---\nanchors: {feedback_date: 2023-02-10}\n---\n",
];

/// Pieces of packs, configurations and feedback lists.
const YAML_FRAGMENTS: &[&str] = &[
    "pack: p\n",
    "pack: noticelint\n",
    "version: 1\n",
    "extends: [gongwen-base]\n",
    "extends: [other.yaml]\n",
    "rules:\n",
    "  - id: r\n",
    "  - id: s\n",
    "    kind: pattern\n",
    "    kind: substitution\n",
    "    kind: required_sections\n",
    "    kind: feedback_coverage\n",
    "    kind: numbering\n",
    "    kind: date_order\n",
    "    terms: [截止, 目前]\n",
    "    patterns: ['(?P<at>年)召开', '{date}']\n",
    "    pairs: [{wrong: 截止目前, right: 截至目前}]\n",
    "    sections: [{id: a, heading: '^一、'}]\n",
    "    scope: {section: a}\n",
    "    after: feedback_date\n",
    "    severity: warning\n",
    "    similarity: 0.5\n",
    "    min_chars: 3\n",
    "anchors:\n  fb:\n    find: '(?P<date>{date})反馈'\n",
    "feedback:\n",
    "items:\n",
    "  - {id: F1, text: 甲}\n",
    "  - id: F2\n    text: 乙\n    match: ['乙']\n",
    "packs: [gongwen-base]\n",
    "include: ['**']\n",
    "exclude: ['a/[']\n",
    "extensions: [md]\n",
    "feedback: '{stem}.yaml'\n",
    "max_warnings: 3\n",
    "overrides:\n  - files: 'x/**'\n    rules: {terms: off}\n",
    "rules: {terms: error}\n",
    "&a ",
    "*a",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "'",
    "\"",
    "#",
    "  ",
    "\n",
    "\t",
    "~",
    "---\n",
    "𠮷",
    "\r\n",
    "\u{feff}",
];

/// Text made of fragments from `pool` and arbitrary characters.
fn text_from(pool: &'static [&'static str], max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(pool).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "[一-龥]{1,8}",
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// Documents: mostly fragments, sometimes an arbitrary string.
fn document_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => text_from(DOCUMENT_FRAGMENTS, 60), 1 => any::<String>()]
}

/// YAML files: mostly fragments, sometimes an arbitrary string.
fn yaml_text() -> impl Strategy<Value = String> {
    prop_oneof![4 => text_from(YAML_FRAGMENTS, 30), 1 => any::<String>()]
}

/// Rules of every kind with `{re}` (a regex) and `{w}` (a word) to fill in.
const RULE_TEMPLATES: &[&str] = &[
    "    kind: pattern\n    patterns: ['{re}']\n    message: '{w}{match}'\n",
    "    kind: pattern\n    terms: ['{w}', '{w}x']\n    replace: '{w}'\n",
    "    kind: pattern\n    patterns: ['(?P<at>{re})']\n    replace: '$at{w}'\n    scope: {heading: '{re}'}\n",
    "    kind: substitution\n    pairs: [{wrong: '{w}', right: '{w}正'}]\n",
    "    kind: required_sections\n    sections:\n      - {id: s{n}, heading: '{re}', min_chars: 3}\n      - {id: t{n}, paragraph: '{re}'}\n",
    "    kind: contact_block\n    find: '{re}'\n    fields: [{name: a, label: '{re}', value: phone_cn}, {name: b, label: '{w}', value: '{re}', required: false}]\n",
    "    kind: anchor_date\n    anchor: inspection_period\n    not_after: signature_date\n",
    "    kind: date_order\n    after: inspection_period\n    exempt: '{re}'\n",
    "    kind: date_valid\n",
    "    kind: date_format\n",
    "    kind: feedback_coverage\n    similarity: 0.3\n    min_chars: 2\n    answer_labels: '{re}'\n",
    "    kind: totals\n",
    "    kind: numbering\n    inline: false\n",
    "    kind: numbering\n",
    "    kind: paired_punctuation\n",
    "    kind: punctuation_width\n",
    "    kind: sentence_end\n    exempt: '{re}'\n",
    "    kind: run_on\n",
];

const REGEXES: &[&str] = &[
    "年",
    "(?P<at>年)召开",
    "{date}",
    "^一、",
    ".",
    "a|",
    "[，。]",
    "(.)",
    "截止",
    "^",
    "$",
    "\\d+",
    "[^。]*",
    "(?:)",
    "联系方式",
    "电话",
    "𠮷",
];

const WORDS: &[&str] = &["截止", "目前", "整改", "𠮷", "a", "中文", "，", "一、", "x"];

/// Packs that load: rules of random kinds with random regexes and words.
fn pack_text() -> impl Strategy<Value = String> {
    let rule = (
        prop::sample::select(RULE_TEMPLATES),
        prop::collection::vec(prop::sample::select(REGEXES), 4),
        prop::collection::vec(prop::sample::select(WORDS), 4),
    );
    prop::collection::vec(rule, 1..6).prop_map(|rules| {
        let mut yaml = "pack: p\nrules:\n".to_owned();
        for (n, (template, res, words)) in rules.into_iter().enumerate() {
            let mut body = template.replace("{n}", &n.to_string());
            for re in res {
                body = body.replacen("{re}", re, 1);
            }
            for w in words {
                body = body.replacen("{w}", w, 1);
            }
            yaml.push_str(&format!("  - id: r{n}\n{body}"));
        }
        yaml
    })
}

/// Pieces of notices with defects that carry fixes, and prose around them.
const DEFECTS: &[&str] = &[
    "截止目前",
    "再接再励",
    "，",
    ",",
    "中文,中文",
    "中文;中文",
    "中文:中文",
    "中文(说明)中文",
    "(一)",
    "（二）",
    "一是加强学习",
    "二是完善制度",
    "情况二是",
    "2024-05-06",
    "2024.5.6",
    "2024/5/6",
    "２０２４年５月６日",
    "2024年5月6日",
    "电台节目148期邀请",
    "年召开党组会",
    "。",
    "“",
    "”",
    "整改",
    "落实",
    "\n",
    "\n",
    "一、",
    "1.",
];

fn defect_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(DEFECTS), 0..40).prop_map(|p| p.concat())
}

/// The default packs, compiled once.
fn default_packs() -> &'static PackSet {
    static PACKS: OnceLock<PackSet> = OnceLock::new();
    PACKS.get_or_init(|| {
        PackSet::load(&[PackRef::Builtin(noticelint::pack::DEFAULT_PACK.to_owned())])
            .expect("built-in packs load")
    })
}

fn config() -> ProptestConfig {
    ProptestConfig {
        // Overridden by PROPTEST_CASES.
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(48),
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// Line and columns of `offset` counted the slow way: `\n`, `\r\n` and a lone
/// `\r` end a line.
fn naive_position(text: &str, offset: usize) -> (usize, usize, usize) {
    let before = &text[..offset];
    let mut line = 1;
    let mut line_start = 0;
    for (i, c) in before.char_indices() {
        let ends_line = c == '\n' || (c == '\r' && !text[i + 1..].starts_with('\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = &text[line_start..offset];
    (
        line,
        column.chars().count() + 1,
        column.encode_utf16().count() + 1,
    )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn documents_parse_with_spans_in_the_text(text in document_text()) {
        for format in [Format::Text, Format::Markdown] {
            let doc = Document::parse(Source::new("d", text.as_str()), format);
            assert_document(&doc);
        }
    }

    #[test]
    fn bytes_decode_or_fail_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Ok(source) = Source::from_bytes("d", bytes) {
            let doc = Document::parse(source, Format::Markdown);
            assert_document(&doc);
        }
    }

    #[test]
    fn dates_are_read_within_the_text(text in document_text()) {
        for date in dates::extract(&text) {
            assert_span(&text, &date.span, "date");
        }
    }

    #[test]
    fn positions_agree_with_a_naive_count(text in document_text(), pick in any::<prop::sample::Index>()) {
        let source = Source::new("d", text.as_str());
        let text = source.text();
        let boundaries: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            // Between `\r` and `\n` is on the terminator, clamped to the line's end.
            .filter(|&i| !(text[..i].ends_with('\r') && text[i..].starts_with('\n')))
            .collect();
        let offset = boundaries[pick.index(boundaries.len())];
        let p = source.position(offset);
        prop_assert_eq!((p.line, p.column, p.column_utf16), naive_position(text, offset));
        prop_assert_eq!(p.offset, offset);
        prop_assert_eq!(source.line_index(offset) + 1, p.line);
        prop_assert!(source.line_range(p.line - 1).start <= offset);
    }

    #[test]
    fn feedback_lists_load_or_fail_cleanly(yaml in yaml_text()) {
        if let Ok(list) = FeedbackList::parse("f.yaml", &yaml) {
            prop_assert!(!list.items.is_empty());
        }
    }

    #[test]
    fn packs_load_or_fail_cleanly(yaml in yaml_text(), text in document_text()) {
        // A pack that loads also lints.
        if let Ok(packs) = PackSet::load_str("p.yaml", &yaml) {
            let doc = Document::parse(Source::new("d.md", text.as_str()), Format::Markdown);
            assert_diagnostics(&doc, &lint(&doc, &packs));
        }
    }

    #[test]
    fn generated_packs_lint_with_spans_in_the_text(yaml in pack_text(), text in document_text()) {
        // Some generated packs are defective (a rule refers to a section of a
        // later rule); those are errors, not panics.
        if let Ok(packs) = PackSet::load_str("p.yaml", &yaml) {
            for (name, format) in [("d.txt", Format::Text), ("d.md", Format::Markdown)] {
                let doc = Document::parse(Source::new(name, text.as_str()), format);
                let diagnostics = lint(&doc, &packs);
                assert_diagnostics(&doc, &diagnostics);
                let _ = fix::apply(doc.text(), &diagnostics);
            }
        }
    }

    #[test]
    fn configurations_load_or_fail_cleanly(yaml in yaml_text()) {
        if let Ok(config) = Config::parse("noticelint.yaml", &yaml, Path::new("/repo")) {
            let _ = config.settings_for(Path::new("/repo/x/a.md"));
            let _ = config.includes(Path::new("/repo/x/a.md"));
            let _ = config.describe(Path::new("/repo/x/a.md"));
        }
    }

    #[test]
    fn linting_with_the_default_packs_keeps_spans_in_the_text(text in document_text()) {
        for (name, format) in [("d.txt", Format::Text), ("d.md", Format::Markdown)] {
            let doc = Document::parse(Source::new(name, text.as_str()), format);
            let diagnostics = lint(&doc, default_packs());
            assert_diagnostics(&doc, &diagnostics);
            let (fixed, _) = fix::apply(doc.text(), &diagnostics);
            // Still text a document can be made of.
            let _ = Document::parse(Source::new(name, fixed), format);
        }
    }

    #[test]
    fn applying_arbitrary_edits_never_splits_a_character(
        text in document_text(),
        edits in prop::collection::vec((0usize..300, 0usize..300, "[a-z，𠮷]{0,3}"), 0..8),
    ) {
        let diagnostics: Vec<Diagnostic> = edits
            .into_iter()
            .map(|(a, b, replacement)| {
                // Findings keep their spans in order; the edits need not.
                let mut d = Diagnostic::new("t/r", Severity::Error, "m", a.min(b)..a.max(b));
                d.fix = Some(Fix { edits: vec![Edit { span: a..b, replacement }] });
                d
            })
            .collect();
        let (fixed, count) = fix::apply(&text, &diagnostics);
        prop_assert!(count <= diagnostics.len());
        prop_assert!(count > 0 || fixed == text);
    }

    #[test]
    fn fixing_converges_and_a_second_pass_changes_nothing(text in defect_text()) {
        for (name, format) in [("d.txt", Format::Text), ("d.md", Format::Markdown)] {
            let doc = Document::parse(Source::new(name, text.as_str()), format);
            let first = fix_document(doc, default_packs(), &LintOptions::default());
            prop_assert_eq!(first.unapplied, 0, "left to fix in {:?}", first.document.text());
            let fixed = first.document.text().to_owned();
            let second = fix_document(first.document, default_packs(), &LintOptions::default());
            prop_assert_eq!(second.applied, 0, "fixed again: {:?}", fixed);
            prop_assert_eq!(second.document.text(), fixed.as_str());
        }
    }
}

/// Inputs that once broke an invariant here (regressions found by these
/// properties or by fuzzing), checked on every run.
#[test]
fn known_hard_inputs() {
    let texts: &[&str] = &[
        "",
        "\r",
        "\r\n",
        "\n\r",
        "𠮷\r\n𠮷\r𠮷",
        "\0",
        "---\n",
        "---\n---\n",
    ];
    for text in texts {
        for (name, format) in [("d.txt", Format::Text), ("d.md", Format::Markdown)] {
            let doc = Document::parse(Source::new(name, *text), format);
            assert_document(&doc);
            assert_diagnostics(&doc, &lint(&doc, default_packs()));
        }
    }
}
