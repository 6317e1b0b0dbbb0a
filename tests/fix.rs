//! `--fix` and `--fix --dry-run`: what is written, what is kept (BOM, line
//! endings, permissions, untouched files), what is reported.

mod common;

use std::fs;
use std::path::Path;

use common::{Workspace, json, noticelint};
use predicates::prelude::*;

/// Fixable rules whose findings do not depend on the notice's structure.
const FIX_PACK: &str = "pack: t
rules:
  - id: terms
    kind: substitution
    pairs:
      - { wrong: 截止目前, right: 截至目前 }
      - { wrong: 再接再励, right: 再接再厉 }
  - id: date-format
    kind: date_format
  - id: vague
    kind: pattern
    terms: [基本上]
";

/// A workspace with the pack of these tests, `pack.yaml`.
fn fix_workspace() -> Workspace {
    let dir = Workspace::new();
    dir.write("pack.yaml", FIX_PACK);
    dir
}

/// Runs check with the pack of these tests.
trait CheckWithPack {
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert;
}

impl CheckWithPack for Workspace {
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.noticelint()
            .args(["check", "--pack", "pack.yaml", "--color", "never"])
            .args(args)
            .assert()
    }
}

const DRAFT: &str =
    "截止目前，2023年2月10日反馈意见，2023.3.5召开会议。\n要再接再励，基本上完成。\n";
const FIXED: &str =
    "截至目前，2023年2月10日反馈意见，2023年3月5日召开会议。\n要再接再厉，基本上完成。\n";

#[test]
fn fix_writes_every_safe_fix_and_reports_what_remains() {
    let dir = fix_workspace();
    dir.write("draft.txt", DRAFT.as_bytes());
    dir.check(&["--fix", "draft.txt"])
        .code(1)
        .stderr("Fixed 3 findings in 1 file.\n")
        // The finding without a fix is still reported.
        .stdout(predicate::str::contains("“基本上”不宜使用"))
        .stdout(predicate::str::contains("截止目前").not());
    assert_eq!(String::from_utf8(dir.read("draft.txt")).unwrap(), FIXED);
}

#[test]
fn fixed_file_has_no_fixable_finding_left() {
    let dir = fix_workspace();
    dir.write("draft.txt", DRAFT.as_bytes());
    dir.check(&["--fix", "draft.txt"]).code(1);
    let output = dir
        .check(&["draft.txt", "--format", "json"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1);
    assert!(diagnostics.iter().all(|d| d.get("fix").is_none()));
    // A second --fix changes nothing.
    dir.check(&["--fix", "draft.txt"])
        .code(1)
        .stderr("Fixed 0 findings in 0 files.\n");
    assert_eq!(String::from_utf8(dir.read("draft.txt")).unwrap(), FIXED);
}

#[test]
fn bom_and_line_endings_are_kept() {
    let dir = fix_workspace();
    let crlf = format!("\u{feff}{}", DRAFT.replace('\n', "\r\n"));
    dir.write("crlf.txt", crlf.as_bytes());
    let lone_cr = DRAFT.replace('\n', "\r");
    dir.write("cr.txt", lone_cr.as_bytes());
    dir.check(&["--fix", "crlf.txt", "cr.txt"])
        .code(1)
        .stderr("Fixed 6 findings in 2 files.\n");
    let expected = format!("\u{feff}{}", FIXED.replace('\n', "\r\n"));
    assert_eq!(String::from_utf8(dir.read("crlf.txt")).unwrap(), expected);
    assert_eq!(
        String::from_utf8(dir.read("cr.txt")).unwrap(),
        FIXED.replace('\n', "\r")
    );
}

fn modified(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn files_without_fixes_are_not_touched() {
    let dir = fix_workspace();
    let clean = dir.write("clean.txt", "截至目前，基本上完成。\n".as_bytes());
    let untouched = dir.write("other.md", "# 标题\n\n没有问题。\n".as_bytes());
    let before = (modified(&clean), modified(&untouched));
    std::thread::sleep(std::time::Duration::from_millis(20));
    dir.check(&["--fix", "."])
        .code(1)
        .stderr("Fixed 0 findings in 0 files.\n");
    assert_eq!((modified(&clean), modified(&untouched)), before);
    let names: Vec<String> = fs::read_dir(dir.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fix_workspace();
    let draft = dir.write("draft.txt", DRAFT.as_bytes());
    fs::set_permissions(&draft, fs::Permissions::from_mode(0o600)).unwrap();
    dir.check(&["--fix", "draft.txt"]).code(1);
    assert_eq!(
        fs::metadata(&draft).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(String::from_utf8(dir.read("draft.txt")).unwrap(), FIXED);
}

#[test]
fn dry_run_prints_a_unified_diff_and_writes_nothing() {
    let dir = fix_workspace();
    dir.write("draft.txt", DRAFT.as_bytes());
    let expected = "--- a/draft.txt
+++ b/draft.txt
@@ -1,2 +1,2 @@
-截止目前，2023年2月10日反馈意见，2023.3.5召开会议。
-要再接再励，基本上完成。
+截至目前，2023年2月10日反馈意见，2023年3月5日召开会议。
+要再接再厉，基本上完成。
";
    dir.check(&["--fix", "--dry-run", "draft.txt"])
        .code(1)
        .stdout(expected)
        .stderr("Would fix 3 findings in 1 file.\n");
    assert_eq!(dir.read("draft.txt"), DRAFT.as_bytes());
    // Nothing to fix: no diff, success.
    dir.write("clean.txt", "截至目前。\n".as_bytes());
    dir.check(&["--fix", "--dry-run", "clean.txt"])
        .code(0)
        .stdout("");
}

#[test]
fn dry_run_needs_fix() {
    let dir = fix_workspace();
    dir.write("draft.txt", DRAFT.as_bytes());
    dir.check(&["--dry-run", "draft.txt"])
        .code(2)
        .stderr(predicate::str::contains("--fix"));
    assert_eq!(dir.read("draft.txt"), DRAFT.as_bytes());
}

#[test]
fn stdin_fix_prints_the_fixed_document() {
    let dir = fix_workspace();
    noticelint()
        .current_dir(dir.root())
        .args([
            "check",
            "--pack",
            "pack.yaml",
            "--stdin",
            "--fix",
            "--color",
            "never",
        ])
        .write_stdin(DRAFT)
        .assert()
        .code(1)
        .stdout(FIXED)
        .stderr(predicate::str::contains("“基本上”不宜使用"))
        .stderr(predicate::str::contains("Fixed 3 findings in 1 file."));
}

#[test]
fn fixes_that_never_settle_are_reported_not_dropped() {
    let dir = fix_workspace();
    // Each rule undoes the other: the fixes can never all be applied.
    dir.write(
        "pack.yaml",
        "pack: t
rules:
  - id: one
    kind: substitution
    pairs: [{ wrong: 甲甲, right: 乙乙 }]
  - id: two
    kind: substitution
    pairs: [{ wrong: 乙乙, right: 甲甲 }]
"
        .as_bytes(),
    );
    dir.write("loop.txt", "甲甲。\n".as_bytes());
    dir.check(&["--fix", "loop.txt"])
        .code(1)
        .stderr(predicate::str::contains("in 0 files."))
        .stderr(predicate::str::contains("1 fix not applied"))
        .stdout(predicate::str::contains("应为"));
    assert_eq!(dir.read("loop.txt"), "甲甲。\n".as_bytes());
}

#[test]
fn overlapping_fixes_are_applied_over_several_passes() {
    let dir = fix_workspace();
    dir.write(
        "pack.yaml",
        "pack: t
rules:
  - id: one
    kind: pattern
    patterns: ['甲乙']
    replace: 丙乙
  - id: two
    kind: pattern
    patterns: ['乙丁']
    replace: 乙戊
"
        .as_bytes(),
    );
    dir.write("draft.txt", "甲乙丁。\n".as_bytes());
    dir.check(&["--fix", "draft.txt"])
        .code(0)
        .stderr("Fixed 2 findings in 1 file.\n");
    assert_eq!(dir.read("draft.txt"), "丙乙戊。\n".as_bytes());
}
