//! The command line as users see it: exit codes, files, formats, stdin.

mod common;

use common::{contact_pack, json, noticelint, repo};
use predicates::prelude::*;

#[test]
fn clean_example_passes() {
    noticelint()
        .args(["check", "examples/clean/notice.txt"])
        .current_dir(repo(""))
        .assert()
        .code(0)
        .stdout("examples/clean/notice.txt: 反馈问题 9/9 已回应\nNo problems found in 1 file.\n");
}

#[test]
fn draft_with_problems_fails_with_each_rule() {
    let output = noticelint()
        .args([
            "check",
            "examples/drafts/draft-with-problems.txt",
            "--format",
            "json",
        ])
        .current_dir(repo(""))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    let found: Vec<(&str, &str, u64)> = diagnostics
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for expected in [
        ("xuncha-zhenggai/contact-block", "联系方式缺少邮编", 55),
        (
            "xuncha-zhenggai/contact-block",
            "电话“0571-8888”格式不正确",
            55,
        ),
        (
            "xuncha-zhenggai/required-sections",
            "缺少“第三部分（长效机制）”",
            58,
        ),
        (
            "xuncha-zhenggai/dates-after-feedback",
            "“2024年5月”早于巡察反馈日期（2024-06-14）",
            23,
        ),
        (
            "xuncha-zhenggai/date-valid",
            "日期“2024年2月30日”不存在：2024年2月没有30日",
            35,
        ),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
}

#[test]
fn human_output_ends_with_a_summary() {
    noticelint()
        .args([
            "check",
            "examples/drafts/draft-with-problems.txt",
            "examples/clean/notice.txt",
        ])
        .current_dir(repo(""))
        .assert()
        .code(1)
        .stdout(predicate::str::ends_with(
            "9 errors, 2 warnings in 2 files.\n",
        ))
        .stdout(predicate::str::contains(
            "error[xuncha-zhenggai/contact-block]: 联系方式缺少邮编",
        ))
        .stdout(predicate::str::contains(
            "[examples/drafts/draft-with-problems.txt:55:39]",
        ));
}

#[test]
fn stdin_gives_the_same_result_as_the_file() {
    let path = "examples/drafts/draft-with-problems.txt";
    let from_file = noticelint()
        .args(["check", path, "--format", "json"])
        .current_dir(repo(""))
        .output()
        .unwrap();
    let from_stdin = noticelint()
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            path,
            "--format",
            "json",
        ])
        .current_dir(repo(""))
        .write_stdin(std::fs::read(repo(path)).unwrap())
        .output()
        .unwrap();
    assert_eq!(from_file.status.code(), Some(1));
    assert_eq!(from_stdin.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(from_file.stdout).unwrap(),
        String::from_utf8(from_stdin.stdout).unwrap()
    );
}

/// Runs the contact pack on `text` given on stdin and returns the first finding.
fn first_finding(text: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let pack = contact_pack(dir.path());
    let output = noticelint()
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            "d.txt",
            "--format",
            "json",
            "--pack",
        ])
        .arg(&pack)
        .write_stdin(text.as_bytes().to_vec())
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    json(&output.stdout)["files"][0]["diagnostics"][0].clone()
}

fn position(value: &serde_json::Value) -> (u64, u64, u64, u64) {
    (
        value["offset"].as_u64().unwrap(),
        value["line"].as_u64().unwrap(),
        value["column"].as_u64().unwrap(),
        value["column_utf16"].as_u64().unwrap(),
    )
}

#[test]
fn positions_in_ascii_text() {
    let d = first_finding("ab\nxx 联系方式:0571-8888\n");
    // "ab\n" = 3 bytes, "xx " = 3, "联系方式:" = 13 → value at byte 19, line 2, column 9.
    assert_eq!(position(&d["range"]["start"]), (19, 2, 9, 9));
    assert_eq!(position(&d["range"]["end"]), (28, 2, 18, 18));
}

#[test]
fn positions_in_cjk_text() {
    let d = first_finding("标题\n正文。联系方式：0571-8888");
    let start = "标题\n正文。联系方式：".len() as u64;
    assert_eq!(position(&d["range"]["start"]), (start, 2, 9, 9));
}

#[test]
fn positions_after_an_astral_character() {
    // 𠮷 is one character but two UTF-16 code units.
    let d = first_finding("𠮷联系方式：0571-8888");
    let start = "𠮷联系方式：".len() as u64;
    assert_eq!(position(&d["range"]["start"]), (start, 1, 7, 8));
}

#[test]
fn positions_in_crlf_text() {
    let d = first_finding("一\r\n二\r\n联系方式：0571-8888\r\n");
    let start = "一\r\n二\r\n联系方式：".len() as u64;
    assert_eq!(position(&d["range"]["start"]), (start, 3, 6, 6));
    assert_eq!(d["range"]["end"]["line"], 3);
}

#[test]
fn positions_with_lone_cr_and_bom() {
    // The BOM is not part of the text; a lone CR ends a line as editors show it.
    let d = first_finding("\u{feff}一\r联系方式：0571-8888");
    let start = "一\r联系方式：".len() as u64;
    assert_eq!(position(&d["range"]["start"]), (start, 2, 6, 6));
}

#[test]
fn jsonl_has_one_finding_per_line_with_its_path() {
    let output = noticelint()
        .args([
            "check",
            "examples/drafts/draft-with-problems.txt",
            "--format",
            "jsonl",
        ])
        .current_dir(repo(""))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<serde_json::Value> = String::from_utf8(output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 11);
    for line in &lines {
        assert_eq!(line["path"], "examples/drafts/draft-with-problems.txt");
        assert!(line["range"]["start"]["offset"].is_u64());
    }
}

#[test]
fn json_summary_counts_files_and_severities() {
    let output = noticelint()
        .args([
            "check",
            "examples/clean",
            "examples/drafts/draft-with-problems.txt",
            "--format",
            "json",
        ])
        .current_dir(repo(""))
        .output()
        .unwrap();
    let report = json(&output.stdout);
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "noticelint");
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["errors"], 9);
    assert_eq!(report["summary"]["warnings"], 2);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        [
            "examples/clean/notice.txt",
            "examples/drafts/draft-with-problems.txt"
        ]
    );
}

#[test]
fn directories_are_walked_sorted_honouring_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/nested")).unwrap();
    std::fs::create_dir_all(root.join("ignored")).unwrap();
    std::fs::write(root.join(".gitignore"), "ignored/\n").unwrap();
    for name in [
        "b/nested/z.md",
        "b/a.txt",
        "a.txt",
        "ignored/x.txt",
        "notes.docx.bak",
        ".hidden.txt",
    ] {
        std::fs::write(root.join(name), "正文。\n").unwrap();
    }
    let output = noticelint()
        .args(["check", ".", "--format", "json"])
        .current_dir(root)
        .output()
        .unwrap();
    let report = json(&output.stdout);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.txt", "b/a.txt", "b/nested/z.md"]);
}

#[test]
fn markdown_code_blocks_are_not_prose() {
    let dir = tempfile::tempdir().unwrap();
    let pack = contact_pack(dir.path());
    let file = dir.path().join("d.md");
    std::fs::write(&file, "# 标题\n\n```\n联系方式：0571-8888\n```\n\n<!-- 联系方式：1 -->\n\n联系方式：010-69555726\n").unwrap();
    noticelint()
        .arg("check")
        .arg(&file)
        .arg("--pack")
        .arg(&pack)
        .assert()
        .code(0);
}

#[test]
fn missing_path_is_a_usage_error() {
    noticelint()
        .args(["check", "no/such/file.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "path `no/such/file.txt` does not exist",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn invalid_utf8_names_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.txt");
    std::fs::write(&file, b"\xe4\xb8\x80\xff").unwrap();
    noticelint()
        .arg("check")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "neither valid UTF-8 (invalid byte at offset 3) nor valid GB18030",
        ));
}

#[test]
fn unknown_flag_and_format_are_usage_errors() {
    noticelint().args(["check", "--nope"]).assert().code(2);
    noticelint()
        .args(["check", "--format", "xml"])
        .assert()
        .code(2);
    noticelint()
        .args(["check", "--stdin", "a.txt"])
        .assert()
        .code(2);
}

#[test]
fn version_and_help() {
    noticelint()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("noticelint {}\n", env!("CARGO_PKG_VERSION")));
    noticelint()
        .args(["check", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("--stdin-filename"))
        .stdout(predicate::str::contains("--max-warnings"));
}

#[test]
fn warnings_fail_only_beyond_max_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("w.yaml");
    std::fs::write(
        &pack,
        common::CONTACT_PACK.replace(
            "kind: contact_block",
            "kind: contact_block\n    severity: warning",
        ),
    )
    .unwrap();
    let draft = dir.path().join("d.txt");
    std::fs::write(&draft, "联系方式：0571-8888\n").unwrap();
    let run = |extra: &[&str]| {
        noticelint()
            .arg("check")
            .arg(&draft)
            .arg("--pack")
            .arg(&pack)
            .args(extra)
            .assert()
    };
    run(&[]).code(0).stdout(predicate::str::ends_with(
        "0 errors, 1 warning in 1 file.\n",
    ));
    run(&["--max-warnings", "1"]).code(0);
    run(&["--max-warnings", "0"]).code(1);
}

#[test]
fn severity_off_disables_a_rule() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("off.yaml");
    std::fs::write(
        &pack,
        common::CONTACT_PACK.replace(
            "kind: contact_block",
            "kind: contact_block\n    severity: off",
        ),
    )
    .unwrap();
    noticelint()
        .args(["check", "--stdin", "--pack"])
        .arg(&pack)
        .write_stdin("联系方式：0571-8888")
        .assert()
        .code(0);
}

#[test]
fn packs_lists_builtin_packs_and_rules() {
    noticelint()
        .arg("packs")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "xuncha-zhenggai 0.1.0 (builtin:xuncha-zhenggai)",
        ))
        .stdout(predicate::str::contains(
            "xuncha-zhenggai/required-sections",
        ))
        .stdout(predicate::str::contains("xuncha-zhenggai/contact-block"));
}

#[test]
fn seed_shaped_text_on_stdin_is_clean_with_default_pack() {
    noticelint()
        .args(["check", "--stdin", "--stdin-filename", "notice.txt"])
        .write_stdin(std::fs::read(repo("examples/clean/notice.txt")).unwrap())
        .assert()
        .code(0);
}

/// Rules of the findings of the default pack on `text` (stdin, as `name`), with `extra` args.
fn default_pack_rules(name: &str, text: &str, extra: &[&str]) -> Vec<(String, String)> {
    let output = noticelint()
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            name,
            "--format",
            "json",
        ])
        .args(extra)
        .write_stdin(text.as_bytes().to_vec())
        .output()
        .unwrap();
    json(&output.stdout)["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const NO_FEEDBACK: &str = "2022年10月20日至2023年1月6日，区委第三巡察组对某党组开展了巡察。\n一、组织\n2023年1月20日召开会议。\n";

#[test]
fn missing_feedback_date_is_reported_and_anchor_flag_supplies_it() {
    let rules = default_pack_rules("d.txt", NO_FEEDBACK, &[]);
    assert!(
        rules.contains(&(
            "xuncha-zhenggai/feedback-date".to_owned(),
            "未找到巡察反馈日期".to_owned()
        )),
        "{rules:?}"
    );
    let rules = default_pack_rules(
        "d.txt",
        NO_FEEDBACK,
        &["--anchor", "feedback_date=2023-02-10"],
    );
    assert!(
        !rules
            .iter()
            .any(|(r, _)| r == "xuncha-zhenggai/feedback-date"),
        "{rules:?}"
    );
    assert!(
        rules.contains(&(
            "xuncha-zhenggai/dates-after-feedback".to_owned(),
            "“2023年1月20日”早于巡察反馈日期（2023-02-10）".to_owned()
        )),
        "{rules:?}"
    );
}

#[test]
fn front_matter_anchor_is_used_and_the_flag_wins() {
    let text = format!(
        "---\nanchors:\n  feedback_date: 2023-01-10\n---\n\n{}",
        NO_FEEDBACK.replace('\n', "\n\n")
    );
    let rules = default_pack_rules("d.md", &text, &[]);
    assert!(
        !rules
            .iter()
            .any(|(r, _)| r.ends_with("dates-after-feedback")),
        "{rules:?}"
    );
    let rules = default_pack_rules("d.md", &text, &["--anchor", "feedback_date=2023-03-01"]);
    assert!(
        rules
            .iter()
            .any(|(r, _)| r.ends_with("dates-after-feedback")),
        "{rules:?}"
    );
}

#[test]
fn bad_anchor_flag_is_a_usage_error() {
    noticelint()
        .args(["check", "--stdin", "--anchor", "feedback_date=someday"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`someday` is not a date"));
}
