//! Snapshots of the human output: excerpts, windows, alignment, colour.

mod common;

use common::{contact_pack, noticelint};

/// Human output of the contact pack on `text` (stdin), with `envs` set.
fn human(text: &str, args: &[&str], envs: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pack = contact_pack(dir.path());
    let mut cmd = noticelint();
    cmd.args([
        "check",
        "--stdin",
        "--stdin-filename",
        "draft.txt",
        "--pack",
    ])
    .arg(&pack)
    .args(args);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let output = cmd.write_stdin(text.as_bytes().to_vec()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    String::from_utf8(output.stdout).unwrap()
}

fn plain(text: &str) -> String {
    human(text, &["--color", "never"], &[])
}

#[test]
fn short_line() {
    insta::assert_snapshot!(plain("标题\n联系方式：0571-8888\n"));
}

#[test]
fn long_chinese_line_is_windowed_around_the_span() {
    let line = format!(
        "{}联系方式：0571-8888；{}",
        "整改".repeat(150),
        "落实".repeat(150)
    );
    assert!(line.chars().count() > 600);
    let out = plain(&line);
    assert!(out.contains("[draft.txt:1:306]"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn span_after_an_astral_character() {
    insta::assert_snapshot!(plain("𠮷𠮷联系方式：0571-8888"));
}

#[test]
fn tab_before_the_span() {
    insta::assert_snapshot!(plain("\t联系方式：0571-8888"));
}

#[test]
fn crlf_input() {
    insta::assert_snapshot!(plain("标题\r\n\r\n正文。\r\n联系方式：0571-8888\r\n"));
}

#[test]
fn missing_block_points_after_the_last_character() {
    let out = plain("标题\n最后一段。");
    assert!(out.contains("[draft.txt:2:6]"), "{out}");
    insta::assert_snapshot!(out);
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let text = "联系方式：0571-8888";
    let coloured = human(text, &["--color", "always"], &[]);
    assert!(coloured.contains('\u{1b}'), "{coloured}");
    let auto_no_color = human(text, &["--color", "auto"], &[("NO_COLOR", "1")]);
    assert!(!auto_no_color.contains('\u{1b}'), "{auto_no_color}");
    // Not a terminal: auto means no colour even without NO_COLOR.
    let auto = human(text, &[], &[]);
    assert!(!auto.contains('\u{1b}'));
    assert_eq!(auto_no_color, plain(text));
    insta::assert_snapshot!(auto_no_color);
}

#[test]
fn draft_example_as_shown_in_the_readme() {
    let output = noticelint()
        .args(["check", "examples/drafts/draft-with-problems.txt"])
        .current_dir(common::repo(""))
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn issues_style_draft_ends_with_its_coverage_line() {
    let output = noticelint()
        .args(["check", "examples/drafts/issues-style.md"])
        .current_dir(common::repo(""))
        .output()
        .unwrap();
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}
