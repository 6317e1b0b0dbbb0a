//! Feedback lists and the rules built on them: `feedback-answered`
//! (`feedback_coverage`) and `totals-consistent` (`totals`), with where the list
//! comes from (`--feedback`, sidecar, front matter, pack), how defective lists
//! are reported, and the coverage in JSON and human output.

mod common;

use std::path::Path;

use assert_cmd::Command;
use common::{Workspace, json, noticelint, repo};
use predicates::prelude::*;
use serde_json::Value;

const ANSWERED: &str = "xuncha-zhenggai/feedback-answered";
const TOTALS: &str = "xuncha-zhenggai/totals-consistent";

/// Line of `二、聚焦反馈问题，逐项抓好整改落实` in `examples/clean/notice.txt`.
const CLEAN_PART_TWO_LINE: u64 = 13;

/// Lines of the headings （一）…（九） in `examples/clean/notice.txt`.
const CLEAN_ITEM_LINES: [u64; 9] = [17, 27, 37, 47, 57, 67, 77, 89, 101];

/// Line of part 三, where the last item's section ends.
const CLEAN_PART_THREE_LINE: u64 = 111;

/// A pack with only a `totals` rule: no other finding gets in the way.
const TOTALS_PACK: &str = "pack: t\nrules:\n  - id: totals\n    kind: totals\n";

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

/// A workspace holding a copy of the clean example (`notice.txt` and its
/// sidecar `notice.feedback.yaml`) to edit.
fn clean_example() -> Workspace {
    let ws = Workspace::new();
    for name in ["notice.txt", "notice.feedback.yaml"] {
        std::fs::copy(repo(&format!("examples/clean/{name}")), ws.path(name)).unwrap();
    }
    ws
}

/// Reading and editing the lines of a document.
trait Lines {
    /// 1-based number of the only line of `name` that starts with `prefix`.
    fn line_starting_with(&self, name: &str, prefix: &str) -> usize;

    /// Deletes lines `first..end` (1-based, `end` excluded) of `name`, keeping
    /// every other byte as it was.
    fn delete_lines(&self, name: &str, first: usize, end: usize);
}

impl Lines for Workspace {
    fn line_starting_with(&self, name: &str, prefix: &str) -> usize {
        let text = self.read_to_string(name);
        let found: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.starts_with(prefix))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(found.len(), 1, "lines starting with {prefix}: {found:?}");
        found[0]
    }

    fn delete_lines(&self, name: &str, first: usize, end: usize) {
        assert!(1 <= first && first < end, "{first}..{end}");
        let text = self.read_to_string(name);
        let kept: String = text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, _)| !(first..end).contains(&(i + 1)))
            .map(|(_, l)| l)
            .collect();
        assert!(kept.len() < text.len());
        self.write(name, &kept);
    }
}

/// Runs `cmd`, checks its exit code and parses its JSON report.
fn json_report(cmd: &mut Command, code: i32) -> Value {
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output.stdout)
}

/// The findings of the first file from `rule`.
fn findings<'a>(report: &'a Value, rule: &str) -> Vec<&'a Value> {
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// (line, column) of a JSON position.
fn line_col(position: &Value) -> (u64, u64) {
    (
        position["line"].as_u64().unwrap(),
        position["column"].as_u64().unwrap(),
    )
}

/// (line, column) of the byte `offset` in LF text; columns count characters.
fn position_in(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line as u64, column as u64)
}

/// The coverage array of the first file.
fn coverage(report: &Value) -> &Vec<Value> {
    report["files"][0]["coverage"]
        .as_array()
        .unwrap_or_else(|| panic!("no coverage in {report:#}"))
}

/// (item, status) of each coverage entry.
fn coverage_status(report: &Value) -> Vec<(String, String)> {
    coverage(report)
        .iter()
        .map(|c| {
            (
                c["item"].as_str().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Item ids of the coverage, in order.
fn coverage_ids(report: &Value) -> Vec<String> {
    coverage_status(report)
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

/// `F1`…`F9` with one status each (`answered` unless listed in `other`).
fn clean_statuses(other: &[(&str, &str)]) -> Vec<(String, String)> {
    (1..=9)
        .map(|i| {
            let id = format!("F{i}");
            let status = other
                .iter()
                .find(|(o, _)| *o == id)
                .map_or("answered", |(_, s)| s);
            (id, status.to_owned())
        })
        .collect()
}

// ---------------------------------------------------------------------------
// 1–3. The clean example and edited copies of it
// ---------------------------------------------------------------------------

#[test]
fn clean_example_answers_every_item_of_its_sidecar() {
    let report = json_report(
        noticelint()
            .args(["check", "examples/clean/notice.txt", "--format", "json"])
            .current_dir(repo("")),
        0,
    );
    assert_eq!(report["files"][0]["diagnostics"], serde_json::json!([]));
    let entries = coverage(&report);
    assert_eq!(entries.len(), 9);
    assert_eq!(coverage_status(&report), clean_statuses(&[]));
    // Each section runs from its heading (column 1) to the next item's heading,
    // the last one to part 三.
    let ends = CLEAN_ITEM_LINES[1..].iter().chain([&CLEAN_PART_THREE_LINE]);
    for ((entry, &start), &end) in entries.iter().zip(&CLEAN_ITEM_LINES).zip(ends) {
        let section = &entry["section"];
        assert_eq!(line_col(&section["start"]), (start, 1), "{entry}");
        assert_eq!(line_col(&section["end"]), (end, 1), "{entry}");
    }
    assert_eq!(
        entries[2]["text"],
        "推动文旅融合发展办法不多，重点项目推进缓慢"
    );

    noticelint()
        .args(["check", "examples/clean/notice.txt"])
        .current_dir(repo(""))
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "examples/clean/notice.txt: 反馈问题 9/9 已回应\n",
        ))
        .stdout(predicate::str::contains("未回应").not());
}

/// Removes the whole （三） section (heading and body up to （四）).
fn remove_item_three(ws: &Workspace) {
    let three = ws.line_starting_with("notice.txt", "（三）关于");
    let four = ws.line_starting_with("notice.txt", "（四）关于");
    assert_eq!((three, four), (37, 47));
    ws.delete_lines("notice.txt", three, four);
}

/// Keeps the （五） heading and deletes its body up to the （六） heading;
/// returns the line of the （五） heading in the edited file.
fn empty_item_five(ws: &Workspace) -> u64 {
    let five = ws.line_starting_with("notice.txt", "（五）关于");
    let six = ws.line_starting_with("notice.txt", "（六）关于");
    ws.delete_lines("notice.txt", five + 1, six);
    let five_now = ws.line_starting_with("notice.txt", "（五）关于");
    assert_eq!(
        ws.line_starting_with("notice.txt", "（六）关于"),
        five_now + 1
    );
    five_now as u64
}

#[test]
fn removed_section_is_unanswered_at_the_part_heading() {
    let ws = clean_example();
    remove_item_three(&ws);
    let report = json_report(
        ws.noticelint()
            .args(["check", "notice.txt", "--format", "json"]),
        1,
    );
    let errors = findings(&report, ANSWERED);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = errors[0];
    assert_eq!(error["severity"], "error");
    assert_eq!(
        error["message"],
        "反馈问题F3“推动文旅融合发展办法不多，重点项目推进缓慢”未见整改情况"
    );
    assert_eq!(line_col(&error["range"]["start"]), (CLEAN_PART_TWO_LINE, 1));
    assert_eq!(error["labels"][0]["message"], "本部分未回应此问题");
    assert!(
        error["help"]
            .as_str()
            .unwrap()
            .contains("notice.feedback.yaml"),
        "the help names the list: {error}"
    );

    assert_eq!(
        coverage_status(&report),
        clean_statuses(&[("F3", "unanswered")])
    );
    for entry in coverage(&report) {
        let has_section = entry.get("section").is_some();
        assert_eq!(has_section, entry["item"] != "F3", "{entry}");
    }

    ws.noticelint()
        .args(["check", "notice.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "notice.txt: 反馈问题 8/9 已回应（未回应：F3）\n",
        ));
}

#[test]
fn emptied_section_is_an_error_at_its_heading() {
    let ws = clean_example();
    let five = empty_item_five(&ws);
    let report = json_report(
        ws.noticelint()
            .args(["check", "notice.txt", "--format", "json"]),
        1,
    );
    let errors = findings(&report, ANSWERED);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    // The text is cut after 24 characters.
    assert_eq!(
        errors[0]["message"],
        "反馈问题F5“重大事项集体决策制度执行不够严格，部分事项未经党…”的整改情况为空"
    );
    assert_eq!(line_col(&errors[0]["range"]["start"]), (five, 1));
    assert_eq!(errors[0]["range"]["end"]["line"], five);

    assert_eq!(coverage_status(&report), clean_statuses(&[("F5", "empty")]));
    let f5 = &coverage(&report)[4];
    assert_eq!(line_col(&f5["section"]["start"]), (five, 1));
    assert_eq!(line_col(&f5["section"]["end"]), (five + 1, 1));

    ws.noticelint()
        .args(["check", "notice.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "notice.txt: 反馈问题 8/9 已回应（内容为空：F5）\n",
        ));
}

#[test]
fn human_summary_names_unanswered_and_empty_items() {
    let ws = clean_example();
    remove_item_three(&ws);
    empty_item_five(&ws);
    ws.noticelint()
        .args(["check", "notice.txt"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "notice.txt: 反馈问题 7/9 已回应（未回应：F3；内容为空：F5）\n",
        ))
        .stdout(predicate::str::contains(
            "error[xuncha-zhenggai/feedback-answered]: 反馈问题F3",
        ));
}

#[test]
fn renamed_heading_is_unanswered_with_the_closest_section() {
    let ws = clean_example();
    let text = ws.read_to_string("notice.txt");
    let old = "（三）关于“推动文旅融合发展办法不多，重点项目推进缓慢”的问题";
    assert!(text.contains(old));
    ws.write(
        "notice.txt",
        text.replace(old, "（三）关于“文旅融合发展推进不快”的问题"),
    );
    let report = json_report(
        ws.noticelint()
            .args(["check", "notice.txt", "--format", "json"]),
        1,
    );
    let all = findings(&report, ANSWERED);
    let errors: Vec<_> = all.iter().filter(|d| d["severity"] == "error").collect();
    assert_eq!(errors.len(), 1, "{all:#?}");
    assert_eq!(
        line_col(&errors[0]["range"]["start"]),
        (CLEAN_PART_TWO_LINE, 1)
    );
    let labels = errors[0]["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2, "{labels:#?}");
    assert_eq!(labels[1]["message"], "最接近的章节");
    assert_eq!(line_col(&labels[1]["range"]["start"]), (37, 1));
    // The renamed section matches nothing in the list.
    let infos: Vec<_> = all.iter().filter(|d| d["severity"] == "info").collect();
    assert_eq!(infos.len(), 1, "{all:#?}");
    assert_eq!(infos[0]["message"], "本节未对应反馈清单中的任何问题");
    assert_eq!(line_col(&infos[0]["range"]["start"]), (37, 1));
    assert_eq!(
        coverage_status(&report),
        clean_statuses(&[("F3", "unanswered")])
    );
}

// ---------------------------------------------------------------------------
// 4. Intrinsic mode: the issues-style draft, without a list
// ---------------------------------------------------------------------------

#[test]
fn issues_style_draft_has_an_unanswered_problem_and_bad_totals() {
    let report = json_report(
        noticelint()
            .args([
                "check",
                "examples/drafts/issues-style.md",
                "--format",
                "json",
            ])
            .current_dir(repo("")),
        1,
    );
    let answered = findings(&report, ANSWERED);
    assert_eq!(answered.len(), 1, "{answered:#?}");
    assert_eq!(answered[0]["severity"], "error");
    assert_eq!(
        answered[0]["message"],
        "问题3“教育收费管理不够严格，个别学校存在违规收费现象”未写明整改情况"
    );
    assert_eq!(line_col(&answered[0]["range"]["start"]), (27, 1));

    let totals = findings(&report, TOTALS);
    assert_eq!(totals.len(), 1, "{totals:#?}");
    assert_eq!(totals[0]["severity"], "error");
    assert_eq!(
        totals[0]["message"],
        "已完成整改3个与正在整改1个之和为4个，与反馈问题总数5个不符"
    );
    assert_eq!(totals[0]["range"]["start"]["line"], 13);
    assert_eq!(totals[0]["range"]["end"]["line"], 13);

    let expected: Vec<(String, String)> = [
        ("问题1", "answered"),
        ("问题2", "answered"),
        ("问题3", "empty"),
        ("问题4", "answered"),
        ("问题5", "answered"),
    ]
    .iter()
    .map(|(i, s)| (i.to_string(), s.to_string()))
    .collect();
    assert_eq!(coverage_status(&report), expected);
    let third = &coverage(&report)[2];
    assert_eq!(
        third["text"],
        "教育收费管理不够严格，个别学校存在违规收费现象"
    );
    assert_eq!(line_col(&third["section"]["start"]), (27, 1));
    assert_eq!(line_col(&third["section"]["end"]), (29, 1));

    noticelint()
        .args(["check", "examples/drafts/issues-style.md"])
        .current_dir(repo(""))
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "examples/drafts/issues-style.md: 反馈问题 4/5 已回应（内容为空：问题3）\n",
        ));
}

// ---------------------------------------------------------------------------
// 5. Totals
// ---------------------------------------------------------------------------

/// Lints `text` from stdin with only the totals rule; returns its findings.
fn totals_findings(text: &str, code: i32) -> Vec<Value> {
    let ws = Workspace::new();
    ws.write("totals.yaml", TOTALS_PACK);
    let report = json_report(
        ws.noticelint()
            .args([
                "check",
                "--stdin",
                "--stdin-filename",
                "d.txt",
                "--format",
                "json",
                "--pack",
                "totals.yaml",
            ])
            .write_stdin(text),
        code,
    );
    findings(&report, "t/totals").into_iter().cloned().collect()
}

/// The text a finding's primary range covers.
fn covered<'a>(text: &'a str, finding: &Value) -> &'a str {
    let start = finding["range"]["start"]["offset"].as_u64().unwrap() as usize;
    let end = finding["range"]["end"]["offset"].as_u64().unwrap() as usize;
    &text[start..end]
}

#[test]
fn totals_that_add_up_are_accepted() {
    for text in [
        "前言。\n巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率76%。\n",
        "反馈问题共十二项，已整改完成九项，正在整改三项。\n",
        "巡察反馈9个问题，已完成整改7个，正在整改2个，整改完成率77.8%。\n",
    ] {
        assert_eq!(totals_findings(text, 0), Vec::<Value>::new(), "{text}");
    }
}

#[test]
fn totals_that_do_not_add_up_point_at_the_total_and_label_the_parts() {
    let text = "前言。\n对照反馈意见，巡察反馈5个问题，已完成整改3个，正在整改1个。\n";
    let found = totals_findings(text, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["severity"], "error");
    assert_eq!(
        d["message"],
        "已完成整改3个与正在整改1个之和为4个，与反馈问题总数5个不符"
    );
    let start = text.find("5个问题").unwrap();
    assert_eq!(covered(text, d), "5");
    assert_eq!(line_col(&d["range"]["start"]), position_in(text, start));
    assert_eq!(line_col(&d["range"]["start"]), (2, 12));
    assert_eq!(line_col(&d["range"]["end"]), (2, 13));
    // Primary label first, then the parts, each on its own number.
    let labels: Vec<(String, String)> = d["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let offset = |p: &str| l["range"][p]["offset"].as_u64().unwrap() as usize;
            (
                l["message"].as_str().unwrap().to_owned(),
                text[offset("start")..offset("end")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("总数5个".to_owned(), "5".to_owned()),
            ("已完成3".to_owned(), "3".to_owned()),
            ("正在整改1".to_owned(), "1".to_owned()),
        ]
    );
}

#[test]
fn wrong_completion_rate_points_at_the_rate() {
    let text = "前言。\n巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率80%。\n";
    let found = totals_findings(text, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = &found[0];
    assert_eq!(d["message"], "整改完成率应为76%（19/25），文中为80%");
    assert_eq!(covered(text, d), "80");
    assert_eq!(line_col(&d["range"]["start"]), (2, 32));
    assert_eq!(
        line_col(&d["range"]["start"]),
        position_in(text, text.find("80%").unwrap())
    );
    assert_eq!(line_col(&d["range"]["end"]), (2, 34));

    // One decimal written: compared to one decimal.
    let text = "巡察反馈9个问题，已完成整改7个，正在整改2个，整改完成率77.7%。\n";
    let found = totals_findings(text, 1);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(
        found[0]["message"],
        "整改完成率应为77.8%（7/9），文中为77.7%"
    );
    assert_eq!(covered(text, &found[0]), "77.7");
}

#[test]
fn total_differing_from_the_list_is_an_error_at_the_total() {
    let ws = clean_example();
    // A list without F9.
    let list = ws.read_to_string("notice.feedback.yaml");
    let eight = &list[..list.find("  - id: F9").unwrap()];
    ws.write("eight.yaml", eight);
    let report = json_report(
        ws.noticelint().args([
            "check",
            "notice.txt",
            "--feedback",
            "eight.yaml",
            "--format",
            "json",
        ]),
        1,
    );
    let text = ws.read_to_string("notice.txt");
    let total = text.find("巡察反馈9个问题").unwrap() + "巡察反馈".len();
    let totals = findings(&report, TOTALS);
    let at_total: Vec<_> = totals
        .iter()
        .filter(|d| line_col(&d["range"]["start"]) == position_in(&text, total))
        .collect();
    assert_eq!(at_total.len(), 1, "{totals:#?}");
    assert_eq!(
        at_total[0]["message"],
        "文中反馈问题总数为9个，反馈清单列有8个问题"
    );
    assert_eq!(line_col(&at_total[0]["range"]["start"]).0, 15);
    assert_eq!(covered(&text, at_total[0]), "9");
    // （九） is not in this list.
    let infos: Vec<_> = findings(&report, ANSWERED)
        .into_iter()
        .filter(|d| d["severity"] == "info")
        .collect();
    assert_eq!(infos.len(), 1);
    assert_eq!(line_col(&infos[0]["range"]["start"]), (101, 1));
    assert_eq!(
        coverage_ids(&report),
        ["F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8"]
    );
}

// ---------------------------------------------------------------------------
// 6. Defective feedback lists
// ---------------------------------------------------------------------------

/// (name, YAML, `line:column`, what the message says).
const DEFECTIVE_LISTS: &[(&str, &str, &str, &str)] = &[
    (
        "bad YAML",
        "items:\n  - {id: F1, text: 学习贯彻不够深入\n",
        "2:5",
        "unclosed bracket",
    ),
    (
        "unknown key",
        "items:\n  - {id: F1, text: 甲}\n  - {id: F2, txt: 乙}\n",
        "3:14",
        "unknown field `txt`",
    ),
    (
        "unknown top-level key",
        "items:\n  - {id: F1, text: 甲}\nitem: []\n",
        "3:1",
        "unknown field `item`",
    ),
    (
        "duplicate id",
        "items:\n  - {id: F1, text: 甲}\n  - {id: F2, text: 乙}\n  - {id: F1, text: 丙}\n",
        "4:10",
        "duplicate feedback item id `F1`",
    ),
    (
        "bad regex",
        "items:\n  - id: F1\n    text: 甲\n    match: ['(未闭合']\n",
        "4:13",
        "invalid regular expression",
    ),
    (
        "empty items",
        "items: []\n",
        "1:8",
        "a feedback list needs at least one item",
    ),
    (
        "blank text",
        "items:\n  - {id: F1, text: '  '}\n",
        "2:20",
        "feedback item `F1` has no text",
    ),
];

/// Runs `args` in `ws` and checks exit code 2, an empty stdout, `expected` in
/// stderr, and that the named files were not touched.
fn assert_rejected(ws: &Workspace, args: &[&str], expected: &[&str], untouched: &[&str]) {
    let before: Vec<Vec<u8>> = untouched
        .iter()
        .map(|f| std::fs::read(ws.path(f)).unwrap())
        .collect();
    let mut assert = ws.noticelint().args(args).assert().code(2).stdout("");
    for part in expected {
        assert = assert.stderr(predicate::str::contains(*part));
    }
    assert.stderr(predicate::str::contains("panicked").not());
    for (name, bytes) in untouched.iter().zip(before) {
        assert_eq!(
            std::fs::read(ws.path(name)).unwrap(),
            bytes,
            "{name} changed"
        );
    }
}

#[test]
fn defective_list_given_with_feedback_flag_is_located() {
    let ws = clean_example();
    for (what, yaml, at, message) in DEFECTIVE_LISTS {
        eprintln!("case: {what}");
        ws.write("list.yaml", yaml);
        let location = format!("invalid feedback list list.yaml:{at}: ");
        assert_rejected(
            &ws,
            &["check", "notice.txt", "--feedback", "list.yaml"],
            &[&location, message],
            &["notice.txt", "list.yaml", "notice.feedback.yaml"],
        );
    }
}

#[test]
fn defective_sidecar_is_located() {
    let ws = clean_example();
    for (what, yaml, at, message) in DEFECTIVE_LISTS {
        eprintln!("case: {what}");
        ws.write("notice.feedback.yaml", yaml);
        let location = format!("invalid feedback list notice.feedback.yaml:{at}: ");
        for format in ["human", "json"] {
            assert_rejected(
                &ws,
                &["check", "notice.txt", "--format", format],
                &[&location, message],
                &["notice.txt", "notice.feedback.yaml"],
            );
        }
    }
}

#[test]
fn defective_front_matter_list_points_at_the_document_line() {
    let ws = Workspace::new();
    ws.write(
        "notice.md",
        "---\nfeedback:\n  items:\n    - {id: F1, txt: 学习贯彻不够深入}\n---\n# 标题\n\n正文。\n",
    );
    assert_rejected(
        &ws,
        &["check", "notice.md"],
        &[
            "invalid feedback list notice.md:4:16: ",
            "unknown field `txt`",
        ],
        &["notice.md"],
    );
}

#[test]
fn missing_feedback_file_cannot_be_read() {
    let ws = clean_example();
    assert_rejected(
        &ws,
        &["check", "notice.txt", "--feedback", "missing.yaml"],
        &["cannot read feedback list `missing.yaml`"],
        &["notice.txt", "notice.feedback.yaml"],
    );
}

// ---------------------------------------------------------------------------
// 7. Where the list comes from
// ---------------------------------------------------------------------------

/// A section answering one problem; every list below has it as its only item.
const PRECEDENCE_BODY: &str =
    "## 二、逐项整改\n\n（一）关于“学习贯彻不够深入”的问题\n\n整改情况：已修订学习制度。\n";

/// A list with one item `id`.
fn one_item_list(id: &str) -> String {
    format!("items:\n  - {{id: {id}, text: 学习贯彻不够深入}}\n")
}

/// A workspace with `pack.yaml` (its own list, item `PACK`, and a coverage
/// rule), `cli.yaml` (item `CLI`) and `sidecar.yaml` (item `SIDECAR`, to be
/// copied next to a document).
fn precedence_workspace() -> Workspace {
    let ws = Workspace::new();
    ws.write(
        "pack.yaml",
        "pack: p\nfeedback:\n  items:\n    - {id: PACK, text: 学习贯彻不够深入}\nrules:\n  - id: cover\n    kind: feedback_coverage\n",
    );
    ws.write("cli.yaml", one_item_list("CLI"));
    ws.write("sidecar.yaml", one_item_list("SIDECAR"));
    ws
}

fn front_matter_doc(id: &str) -> String {
    format!(
        "---\nfeedback:\n  items:\n    - {{id: {id}, text: 学习贯彻不够深入}}\n---\n{PRECEDENCE_BODY}"
    )
}

/// The ids of the list used for `file`, checked with `pack.yaml` and `extra`
/// args; whichever list it is, its one item is answered.
fn ids_used(ws: &Workspace, file: &str, extra: &[&str]) -> Vec<String> {
    let report = json_report(
        ws.noticelint()
            .args(["check", file, "--format", "json", "--pack", "pack.yaml"])
            .args(extra),
        0,
    );
    let statuses = coverage_status(&report);
    assert!(
        statuses.iter().all(|(_, status)| status == "answered"),
        "{statuses:?}"
    );
    statuses.into_iter().map(|(id, _)| id).collect()
}

#[test]
fn list_precedence_flag_then_sidecar_then_front_matter_then_pack() {
    let ws = precedence_workspace();
    ws.write("plain.md", PRECEDENCE_BODY);
    assert_eq!(ids_used(&ws, "plain.md", &[]), ["PACK"]);

    ws.write("notice.md", front_matter_doc("FRONT"));
    assert_eq!(ids_used(&ws, "notice.md", &[]), ["FRONT"]);

    std::fs::copy(ws.path("sidecar.yaml"), ws.path("notice.feedback.yaml")).unwrap();
    assert_eq!(ids_used(&ws, "notice.md", &[]), ["SIDECAR"]);

    assert_eq!(
        ids_used(&ws, "notice.md", &["--feedback", "cli.yaml"]),
        ["CLI"]
    );
    // The flag's list applies to a document without a sidecar too.
    assert_eq!(
        ids_used(&ws, "plain.md", &["--feedback", "cli.yaml"]),
        ["CLI"]
    );
}

#[test]
fn front_matter_list_with_crlf_line_endings_is_read() {
    let ws = precedence_workspace();
    ws.write("notice.md", front_matter_doc("FRONT").replace('\n', "\r\n"));
    assert_eq!(ids_used(&ws, "notice.md", &[]), ["FRONT"]);
    // A defect in it is found, at the document's own line.
    let broken = front_matter_doc("FRONT")
        .replace("text:", "txt:")
        .replace('\n', "\r\n");
    ws.write("broken.md", &broken);
    ws.noticelint()
        .args(["check", "broken.md", "--pack", "pack.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid feedback list broken.md:4:",
        ));
}

#[test]
fn lists_after_the_first_found_are_not_read() {
    let ws = precedence_workspace();
    // A defective sidecar does not matter when --feedback is given.
    ws.write("notice.md", front_matter_doc("FRONT"));
    ws.write("notice.feedback.yaml", "items: []\n");
    assert_eq!(
        ids_used(&ws, "notice.md", &["--feedback", "cli.yaml"]),
        ["CLI"]
    );
    // A defective front matter list does not matter when there is a sidecar.
    std::fs::copy(ws.path("sidecar.yaml"), ws.path("notice.feedback.yaml")).unwrap();
    ws.write(
        "notice.md",
        front_matter_doc("FRONT").replace("text:", "txt:"),
    );
    assert_eq!(ids_used(&ws, "notice.md", &[]), ["SIDECAR"]);
}

#[test]
fn front_matter_list_in_a_text_file_is_not_a_list() {
    let ws = precedence_workspace();
    ws.write("notice.txt", front_matter_doc("FRONT"));
    assert_eq!(ids_used(&ws, "notice.txt", &[]), ["PACK"]);
}

// ---------------------------------------------------------------------------
// 8. Standard input
// ---------------------------------------------------------------------------

#[test]
fn stdin_uses_the_sidecar_next_to_its_filename() {
    let ws = clean_example();
    std::fs::create_dir(ws.path("elsewhere")).unwrap();
    let text = std::fs::read(ws.path("notice.txt")).unwrap();
    let run = |name: &Path| {
        json_report(
            noticelint()
                .args(["check", "--stdin", "--format", "json", "--stdin-filename"])
                .arg(name)
                .write_stdin(text.clone()),
            0,
        )
    };
    let with_sidecar = run(&ws.path("notice.txt"));
    assert_eq!(coverage_status(&with_sidecar), clean_statuses(&[]));
    // Same text under a name without a sidecar: the notice's own headings.
    let without = run(&ws.path("elsewhere/notice.txt"));
    let labels = coverage_ids(&without);
    assert_eq!(labels.len(), 9);
    assert_eq!(labels[0], "（一）");
    assert_eq!(labels[8], "（九）");

    // A relative name is resolved from the working directory.
    ws.noticelint()
        .args(["check", "--stdin", "--stdin-filename", "notice.txt"])
        .write_stdin(text.clone())
        .assert()
        .code(0)
        .stdout("notice.txt: 反馈问题 9/9 已回应\nNo problems found in 1 file.\n");

    // The sidecar is really read: a defective one stops the run.
    ws.write("notice.feedback.yaml", "items: []\n");
    ws.noticelint()
        .args(["check", "--stdin", "--stdin-filename", "notice.txt"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "invalid feedback list notice.feedback.yaml:1:8: a feedback list needs at least one item",
        ));
}

// ---------------------------------------------------------------------------
// 9. Coverage in JSON only when a coverage rule ran
// ---------------------------------------------------------------------------

#[test]
fn coverage_key_is_absent_without_a_coverage_rule() {
    let ws = clean_example();
    ws.write("totals.yaml", TOTALS_PACK);
    let report = json_report(
        ws.noticelint().args([
            "check",
            "notice.txt",
            "--format",
            "json",
            "--pack",
            "totals.yaml",
        ]),
        0,
    );
    let file = report["files"][0].as_object().unwrap();
    assert!(!file.contains_key("coverage"), "{report:#}");
    // The sidecar is still there: with the default pack the key is present.
    let report = json_report(
        ws.noticelint()
            .args(["check", "notice.txt", "--format", "json"]),
        0,
    );
    assert_eq!(coverage(&report).len(), 9);

    // A coverage rule turned off does not run either.
    ws.write(
        "off.yaml",
        "pack: o\nrules:\n  - id: cover\n    kind: feedback_coverage\n    severity: off\n",
    );
    let report = json_report(
        ws.noticelint().args([
            "check",
            "notice.txt",
            "--format",
            "json",
            "--pack",
            "off.yaml",
        ]),
        0,
    );
    assert!(report["files"][0].get("coverage").is_none(), "{report:#}");
    // Human output has no coverage line either.
    ws.noticelint()
        .args(["check", "notice.txt", "--pack", "totals.yaml"])
        .assert()
        .code(0)
        .stdout("No problems found in 1 file.\n");
}

#[test]
fn coverage_key_is_present_but_empty_when_nothing_is_listed() {
    let ws = Workspace::new();
    ws.write(
        "cover.yaml",
        "pack: c\nrules:\n  - id: cover\n    kind: feedback_coverage\n",
    );
    ws.write("notice.txt", "正文没有逐项列出的问题。\n");
    let report = json_report(
        ws.noticelint().args([
            "check",
            "notice.txt",
            "--format",
            "json",
            "--pack",
            "cover.yaml",
        ]),
        0,
    );
    assert_eq!(report["files"][0]["coverage"], serde_json::json!([]));
}
