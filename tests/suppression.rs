//! Suppression comments through the command line: findings of the default
//! pack silenced by `disable-next-line` and by `disable`…`enable` in Markdown
//! and in plain text, the engine's warnings about directives, `--fix`, stdin
//! and the suppressed count.

mod common;

use std::fs;

use common::{Workspace, json, noticelint, repo};
use predicates::prelude::*;

/// A compliant notice: every finding in these tests comes from what is inserted.
const CLEAN: &str = "examples/clean/notice.txt";

/// The clean notice with `insert` after its first 12 lines (in part 一):
/// the inserted text starts on line 13.
fn notice_with(insert: &str) -> String {
    let clean = fs::read_to_string(repo(CLEAN)).unwrap();
    let split = clean.match_indices('\n').nth(11).unwrap().0 + 1;
    format!("{}{insert}{}", &clean[..split], &clean[split..])
}

/// Runs noticelint on the workspace's documents.
trait Lint {
    /// `check ARGS`, without colour.
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert;

    /// `check --format json NAME`: (rule, line, column) of every finding and
    /// the summary.
    fn findings(&self, name: &str, code: i32) -> (Vec<(String, u64, u64)>, serde_json::Value);
}

impl Lint for Workspace {
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.noticelint()
            .args(["check", "--color", "never"])
            .args(args)
            .assert()
    }

    fn findings(&self, name: &str, code: i32) -> (Vec<(String, u64, u64)>, serde_json::Value) {
        let output = self
            .check(&["--format", "json", name])
            .code(code)
            .get_output()
            .stdout
            .clone();
        let report = json(&output);
        let found = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let start = &d["range"]["start"];
                (
                    d["rule"].as_str().unwrap().to_owned(),
                    start["line"].as_u64().unwrap(),
                    start["column"].as_u64().unwrap(),
                )
            })
            .collect();
        (found, report["summary"].clone())
    }
}

fn at(rule: &str, line: u64, column: u64) -> (String, u64, u64) {
    (rule.to_owned(), line, column)
}

/// What is left of the inserted findings: the last, unsuppressed paragraph.
fn unsuppressed(line: u64) -> Vec<(String, u64, u64)> {
    vec![
        at("gongwen-base/terms", line, 1),
        at("gongwen-base/punctuation-width", line, 5),
    ]
}

const MARKDOWN: &str = "\
<!-- noticelint-disable-next-line gongwen-base/terms -- 引用巡察反馈原文 -->
截止目前，局党组已召开专题会议。

<!-- noticelint-disable punctuation-width -- 照录上级文件原文 -->
局党组已完成整改,确保落实到位。

局党组已完成整改,确保落实到位。
<!-- noticelint-enable punctuation-width -->

截止目前,局党组已完成整改。

";

#[test]
fn markdown_next_line_and_range_suppress_default_pack_findings() {
    let dir = Workspace::new();
    dir.write("notice.md", notice_with(MARKDOWN));
    let (found, summary) = dir.findings("notice.md", 1);
    // Lines 14, 17 and 19 are suppressed; line 22 is after the enable.
    assert_eq!(found, unsuppressed(22));
    assert_eq!(summary["suppressed"], 3);
    assert_eq!(summary["errors"], 1);
    assert_eq!(summary["warnings"], 1);
}

const PLAIN: &str = "\
%% noticelint-disable-next-line gongwen-base/terms -- 引用巡察反馈原文

%% noticelint-disable-next-line punctuation-width -- 引用巡察反馈原文
截止目前,局党组已召开专题会议。
%% noticelint-disable punctuation-width -- 照录上级文件原文
局党组已完成整改,确保落实到位。
局党组已完成整改,确保落实到位。
%% noticelint-enable punctuation-width
截止目前,局党组已完成整改。
";

#[test]
fn plain_text_next_line_and_range_suppress_default_pack_findings() {
    let dir = Workspace::new();
    dir.write("notice.txt", notice_with(PLAIN));
    let (found, summary) = dir.findings("notice.txt", 1);
    // Two stacked next-line directives (a blank line between) cover line 16;
    // the range covers 18 and 19. The directive lines themselves are not
    // prose: `-- 引用…` has no sentence end, and no finding is reported there.
    assert_eq!(found, unsuppressed(21));
    assert_eq!(summary["suppressed"], 4);
}

#[test]
fn human_summary_counts_the_suppressed() {
    let dir = Workspace::new();
    dir.write("notice.md", notice_with(MARKDOWN));
    dir.check(&["notice.md"])
        .code(1)
        .stdout(predicate::str::ends_with(
            "notice.md: 反馈问题 9/9 已回应\n\n1 error, 1 warning in 1 file (3 suppressed).\n",
        ));
    dir.write(
        "all.txt",
        notice_with(
            "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，局党组已召开专题会议。\n",
        ),
    );
    dir.check(&["all.txt"])
        .code(0)
        .stdout(predicate::str::ends_with(
            "No problems found in 1 file (1 suppressed).\n",
        ));
}

#[test]
fn json_summary_always_has_the_suppressed_count() {
    let output = noticelint()
        .args(["check", "--format", "json", CLEAN])
        .current_dir(repo(""))
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let summary = &json(&output)["summary"];
    assert!(summary["suppressed"].is_u64(), "{summary}");
    assert_eq!(summary["suppressed"], 0);
}

#[test]
fn a_missing_reason_is_a_warning_at_the_directive() {
    let dir = Workspace::new();
    // Full-width spaces before the directive: the column counts characters.
    dir.write(
        "notice.txt",
        notice_with(
            "\u{3000}\u{3000}%% noticelint-disable-next-line terms\n截止目前，局党组已召开专题会议。\n",
        ),
    );
    let output = dir
        .check(&["--format", "json", "notice.txt"])
        // A warning only: the run passes.
        .code(0)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["rule"], "noticelint/suppression-reason");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["message"], "屏蔽注释缺少理由：在“--”后写明为何不检查");
    // The span is empty, where the reason belongs: after `%% noticelint-disable-next-line
    // terms` (37 characters) and the two full-width spaces before it.
    assert_eq!(d["range"]["start"]["line"], 13);
    assert_eq!(d["range"]["start"]["column"], 40);
    assert_eq!(d["range"]["end"]["line"], 13);
    assert_eq!(d["range"]["end"]["column"], 40);
    // Without a reason the directive still applies.
    assert_eq!(report["summary"]["suppressed"], 1);

    // The same in Markdown, indented.
    dir.write(
        "notice.md",
        notice_with(
            "  <!-- noticelint-disable-next-line terms -->\n截止目前，局党组已召开专题会议。\n\n",
        ),
    );
    let (found, _) = dir.findings("notice.md", 0);
    // After the two spaces and `<!-- noticelint-disable-next-line terms` (39 characters).
    assert_eq!(found, [at("noticelint/suppression-reason", 13, 42)]);
}

#[test]
fn directives_that_do_nothing_or_cannot_be_read_are_warnings() {
    let dir = Workspace::new();
    let insert = "\
<!-- noticelint-disable-next-line terms -- 引用原文 -->
局党组已召开专题会议。

<!-- noticelint-disable-next-line gongwen/terms -- 引用原文 -->
局党组已召开专题会议。

<!-- noticelint-disabel terms -- 引用原文 -->

<!-- noticelint-disable -- 引用原文 -->

```text
<!-- noticelint-disable-next-line terms -->
```

截止目前，局党组已召开专题会议。

";
    dir.write("notice.md", notice_with(insert));
    let output = dir
        .check(&["--format", "json", "notice.md"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let found: Vec<(&str, u64, (u64, u64), &str)> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let range = &d["range"];
            assert_eq!(range["start"]["line"], range["end"]["line"], "{d}");
            (
                d["rule"].as_str().unwrap(),
                range["start"]["line"].as_u64().unwrap(),
                (
                    range["start"]["column"].as_u64().unwrap(),
                    range["end"]["column"].as_u64().unwrap(),
                ),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    // Each finding points at the word concerned: the rule name, the
    // misspelt keyword, or the empty place after the keyword where the
    // rules belong.
    assert_eq!(
        found,
        [
            (
                "noticelint/unused-suppression",
                13,
                (35, 40),
                "屏蔽注释未屏蔽任何问题：下一行没有“terms”的问题"
            ),
            (
                "noticelint/unknown-rule",
                16,
                (35, 48),
                "屏蔽注释中的规则“gongwen/terms”不存在"
            ),
            (
                "noticelint/invalid-suppression",
                19,
                (6, 24),
                "无法识别的屏蔽注释“noticelint-disabel”：应为 noticelint-disable-next-line、noticelint-disable 或 noticelint-enable"
            ),
            (
                "noticelint/invalid-suppression",
                21,
                (24, 24),
                "屏蔽注释缺少规则：在“noticelint-disable”后写明要屏蔽的规则"
            ),
            // The directive in the code block is not one: this is reported,
            // and the directive is not reported as unused.
            ("gongwen-base/terms", 27, (1, 5), "“截止目前”应为“截至目前”"),
        ]
    );
    let unknown = &report["files"][0]["diagnostics"][1];
    assert!(
        unknown["help"]
            .as_str()
            .unwrap()
            .starts_with("“gongwen/terms”是否指“gongwen-base/terms”？"),
        "{unknown}"
    );
    assert_eq!(report["summary"]["suppressed"], 0);
}

#[test]
fn switched_off_rules_are_not_reported_as_unused() {
    let dir = Workspace::new();
    dir.write(
        "pack.yaml",
        "pack: t\nrules:\n  - id: terms\n    kind: substitution\n    severity: off\n    pairs:\n      - { wrong: 截止目前, right: 截至目前 }\n",
    );
    dir.write(
        "draft.txt",
        "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，已完成。\n",
    );
    dir.check(&["--pack", "pack.yaml", "draft.txt"])
        .code(0)
        .stdout("No problems found in 1 file.\n");
}

/// Switched off by the configuration rather than by the pack: the same.
#[test]
fn rules_switched_off_by_the_configuration_are_not_reported_as_unused() {
    let dir = Workspace::new();
    dir.write(
        "noticelint.yaml",
        "packs: [gongwen-base]\nrules: { terms: off }\n",
    );
    dir.write(
        "draft.txt",
        "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，已完成。\n",
    );
    dir.check(&["--config", "noticelint.yaml", "draft.txt"])
        .code(0)
        .stdout("No problems found in 1 file.\n");
}

#[test]
fn fix_leaves_suppressed_findings_alone() {
    let dir = Workspace::new();
    let only_suppressed = notice_with(
        "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，局党组已召开专题会议。\n",
    );
    dir.write("notice.txt", &only_suppressed);
    dir.check(&["--fix", "notice.txt"])
        .code(0)
        .stderr("Fixed 0 findings in 0 files.\n")
        .stdout("notice.txt: 反馈问题 9/9 已回应\nNo problems found in 1 file (1 suppressed).\n");
    assert_eq!(dir.read_to_string("notice.txt"), only_suppressed);

    // Next to an unsuppressed one, only that one is fixed.
    let mixed = notice_with(
        "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，局党组已召开专题会议。\n截止目前，局党组已召开专题会议。\n",
    );
    dir.write("mixed.txt", &mixed);
    dir.check(&["--fix", "mixed.txt"])
        .code(0)
        .stderr("Fixed 1 finding in 1 file.\n");
    let expected = notice_with(
        "%% noticelint-disable-next-line terms -- 引用原文\n截止目前，局党组已召开专题会议。\n截至目前，局党组已召开专题会议。\n",
    );
    assert_eq!(dir.read_to_string("mixed.txt"), expected);

    // The same through stdin: the document comes back unchanged.
    noticelint()
        .args([
            "check",
            "--fix",
            "--stdin",
            "--stdin-filename",
            "notice.txt",
            "--color",
            "never",
        ])
        .write_stdin(only_suppressed.clone())
        .assert()
        .code(0)
        .stdout(only_suppressed);
}

#[test]
fn stdin_markdown_gets_the_same_suppressions() {
    let text = notice_with(MARKDOWN);
    let output = noticelint()
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            "notice.md",
            "--format",
            "json",
        ])
        .write_stdin(text)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    assert_eq!(report["summary"]["suppressed"], 3);
    let rules: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["gongwen-base/terms", "gongwen-base/punctuation-width"]
    );
}

#[test]
fn the_engine_namespace_is_not_a_pack_id() {
    let dir = Workspace::new();
    dir.write(
        "pack.yaml",
        "pack: noticelint\nrules:\n  - id: vague\n    kind: pattern\n    terms: [基本上]\n",
    );
    dir.write("draft.txt", "基本上完成。\n");
    dir.check(&["--pack", "pack.yaml", "draft.txt"])
        .code(2)
        .stderr(predicate::str::contains("pack id `noticelint` is reserved"));
}
