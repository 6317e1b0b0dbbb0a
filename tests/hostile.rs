//! Bad input of every kind: one clear message (or, inside a directory, a
//! skipped file with a notice), the right exit code, no panic, no hang, and no
//! input file changed.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::{Workspace, noticelint};
use predicates::prelude::*;

/// Runs in a workspace that must come out unchanged.
trait CheckUnchanged {
    /// Runs `noticelint check ARGS` in the directory, asserting that no file
    /// changed.
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert;
}

impl CheckUnchanged for Workspace {
    fn check(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.unchanged(|| {
            self.noticelint()
                .arg("check")
                .args(args)
                .timeout(Duration::from_secs(60))
                .assert()
        })
    }
}

fn no_panic() -> impl predicates::Predicate<str> {
    predicate::str::contains("panicked").not()
}

#[test]
fn empty_and_blank_files_are_linted() {
    let case = Workspace::new();
    case.write("empty.txt", "");
    case.write("blank.md", " \n\t\r\n\u{3000}\n");
    case.check(&["--pack", "gongwen-base", "empty.txt", "blank.md"])
        .code(0)
        .stderr(no_panic())
        .stdout("No problems found in 2 files.\n");
    // With the default pack, an empty notice lacks its parts: findings, not a crash.
    case.check(&["empty.txt"])
        .code(1)
        .stdout(predicate::str::contains("缺少“标题”"));
}

#[test]
fn binary_files_are_refused_by_name_and_skipped_in_a_directory() {
    let case = Workspace::new();
    case.write("docs/photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    case.write("docs/ok.txt", "截至目前，已完成。\n");
    case.check(&["--pack", "gongwen-base", "docs/photo.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read `docs/photo.txt`: binary file (NUL byte at offset 8)",
        ));
    case.check(&["--pack", "gongwen-base", "docs"])
        .code(0)
        .stderr(predicate::str::contains(
            "skipped docs/photo.txt: cannot read `docs/photo.txt`: binary file",
        ))
        .stdout("No problems found in 1 file.\n");
}

#[test]
fn nul_bytes_and_undecodable_bytes() {
    let case = Workspace::new();
    case.write("nul.txt", "截至目前\0完成。\n");
    case.write("bad.txt", b"\xe6\x88\xff\xfe\xfd");
    case.check(&["nul.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "binary file (NUL byte at offset 12)",
        ));
    case.check(&["bad.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "neither valid UTF-8 (invalid byte at offset 0) nor valid GB18030",
        ));
}

#[test]
fn files_over_the_size_limit_are_refused_with_the_limit() {
    let case = Workspace::new();
    case.write("big.txt", "截至目前，已完成。\n".repeat(1000));
    case.check(&["--max-file-size", "1000", "big.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "`big.txt` is 28000 bytes, more than the limit of 1000 bytes",
        ))
        .stderr(predicate::str::contains("--max-file-size"));
    case.check(&["--max-file-size", "1000", "."])
        .code(0)
        .stdout("No problems found in 0 files.\n")
        .stderr(predicate::str::contains("skipped big.txt"));
    case.check(&["--pack", "gongwen-base", "--max-file-size", "0", "big.txt"])
        .code(0);
}

#[test]
fn a_line_of_a_million_characters_is_linted_quickly() {
    let case = Workspace::new();
    let mut line = "整改落实到位，".repeat(142_858);
    line.push_str("截止目前完成。");
    assert!(line.chars().count() > 1_000_000);
    case.write("long.txt", &line);
    let start = Instant::now();
    case.check(&["--pack", "gongwen-base", "--color", "never", "long.txt"])
        .code(1)
        .stderr(no_panic())
        // The finding is shown in a window of the line, with its real column.
        .stdout(predicate::str::contains("[long.txt:1:1000007]"))
        .stdout(predicate::str::contains("│ …落实到位，整改落实到位，"))
        .stdout(predicate::str::contains("整改落实到位，截止目前完成。\n"));
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

#[test]
fn lone_cr_and_mixed_line_endings() {
    let case = Workspace::new();
    case.write(
        "mixed.txt",
        "第一行截止目前。\r第二行截止目前。\r\n第三行截止目前。\n",
    );
    let out = case
        .check(&["--pack", "gongwen-base", "--format", "jsonl", "mixed.txt"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let lines: Vec<u64> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["range"]["start"]["line"].as_u64().unwrap()
        })
        .collect();
    assert_eq!(lines, [1, 2, 3]);
}

fn running_as_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("Uid:"))
                .map(|l| l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let case = Workspace::new();
    let path = case.write("secret.txt", "截至目前。\n");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let assert = case.check(&["--pack", "gongwen-base", "secret.txt"]);
    if running_as_root() {
        // Permissions do not bind root: the file is read and linted.
        assert.code(0);
    } else {
        assert
            .code(2)
            .stderr(predicate::str::contains("cannot read `secret.txt`"))
            .stderr(predicate::str::contains("ermission denied"));
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

#[cfg(unix)]
#[test]
fn broken_symlink_and_symlink_loop() {
    let case = Workspace::new();
    case.write("docs/ok.txt", "截至目前。\n");
    std::os::unix::fs::symlink("missing.txt", case.root().join("docs/broken.txt")).unwrap();
    std::os::unix::fs::symlink("loop-b.txt", case.root().join("docs/loop-a.txt")).unwrap();
    std::os::unix::fs::symlink("loop-a.txt", case.root().join("docs/loop-b.txt")).unwrap();
    case.check(&["--pack", "gongwen-base", "docs/broken.txt"])
        .code(2)
        .stderr(predicate::str::contains("broken symbolic link"));
    case.check(&["--pack", "gongwen-base", "docs/loop-a.txt"])
        .code(2)
        .stderr(predicate::str::contains("cannot read `docs/loop-a.txt`"));
    // Walking does not follow links: neither hangs nor fails.
    case.check(&["--pack", "gongwen-base", "docs"])
        .code(0)
        .stdout("No problems found in 1 file.\n");
}

#[test]
fn directories_where_files_are_expected_and_missing_paths() {
    let case = Workspace::new();
    case.write("dir/a.txt", "截至目前。\n");
    case.check(&["--feedback", "dir", "dir/a.txt"])
        .code(2)
        .stderr(predicate::str::contains("cannot read feedback list `dir`"));
    case.check(&["--config", "dir", "dir/a.txt"])
        .code(2)
        .stderr(predicate::str::contains("cannot read configuration `dir`"));
    case.check(&["--pack", "dir/", "dir/a.txt"])
        .code(2)
        .stderr(predicate::str::contains("cannot read pack"));
    case.check(&["nope.txt"])
        .code(2)
        .stderr(predicate::str::contains("path `nope.txt` does not exist"));
}

#[test]
fn standard_input_closed_or_not_utf8() {
    let case = Workspace::new();
    noticelint()
        .current_dir(case.root())
        .args(["check", "--stdin", "--pack", "gongwen-base"])
        .write_stdin("")
        .assert()
        .code(0)
        .stdout("No problems found in 1 file.\n");
    // GBK on standard input is detected like a file.
    noticelint()
        .current_dir(case.root())
        .args(["check", "--stdin", "--pack", "gongwen-base"])
        .write_stdin(encoding_rs::GB18030.encode("截止目前。").0.into_owned())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("“截止目前”应为“截至目前”"));
    noticelint()
        .current_dir(case.root())
        .args(["check", "--stdin", "--pack", "gongwen-base"])
        .write_stdin(b"\xff\xff\xff".to_vec())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read `<stdin>`"));
}
