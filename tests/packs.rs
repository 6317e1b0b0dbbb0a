//! Every defect in a pack is one error at its file, line and column, exit 2.

mod common;

use std::path::Path;

use common::noticelint;
use predicates::prelude::*;

/// Writes `files` into a temp dir, runs `check --pack <first file>` on a small
/// draft and returns stderr, asserting exit code 2 and no panic.
fn pack_error(files: &[(&str, &str)]) -> String {
    packs_error(files, &[files[0].0])
}

/// Runs `check` with `packs` (among `files`), expecting a pack error.
fn packs_error(files: &[(&str, &str)], packs: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    std::fs::write(dir.path().join("d.txt"), "正文。\n").unwrap();
    let mut command = noticelint();
    command.args(["check", "d.txt", "--color", "never"]);
    for pack in packs {
        command.args(["--pack", pack]);
    }
    let output = command
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(output.stdout.is_empty());
    stderr
}

fn assert_contains(stderr: &str, parts: &[&str]) {
    for part in parts {
        assert!(stderr.contains(part), "`{part}` not in:\n{stderr}");
    }
}

const HEAD: &str = "pack: p\nrules:\n";

#[test]
fn invalid_yaml() {
    let stderr = pack_error(&[("p.yaml", "pack: p\nrules: [\n")]);
    assert_contains(&stderr, &["invalid pack p.yaml:"]);
}

#[test]
fn unknown_top_level_key() {
    let stderr = pack_error(&[("p.yaml", "pack: p\nrulez: []\n")]);
    assert_contains(
        &stderr,
        &[
            "invalid pack p.yaml:2:1: unknown field `rulez`",
            "[p.yaml:2:1]",
        ],
    );
}

#[test]
fn unknown_option_of_a_kind() {
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: contact_block\n    find: x\n    fields: [{{ name: a, label: b }}]\n    colour: red\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:7:5: unknown field `colour`"]);
}

#[test]
fn unknown_option_inside_a_list() {
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: required_sections\n    sections:\n      - {{ id: a, heading: x, bogus: 1 }}\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:6:30: unknown field `bogus`"]);
}

#[test]
fn unknown_kind_points_at_the_kind() {
    let yaml = format!("{HEAD}  - id: r\n    kind: spellcheck\n");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(
        &stderr,
        &[
            "p.yaml:4:11: unknown rule kind `spellcheck`",
            "known kinds: required_sections, contact_block",
        ],
    );
}

#[test]
fn missing_option() {
    let yaml = format!("{HEAD}  - id: r\n    kind: contact_block\n    find: x\n");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["missing field `fields`"]);
}

#[test]
fn invalid_regex_points_at_the_pattern() {
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: required_sections\n    sections:\n      - {{ id: a, heading: '^一、(' }}\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    // Column counts characters (一 and 、 are one each): the quote is the 27th.
    assert_contains(
        &stderr,
        &[
            "p.yaml:6:27: invalid regular expression: unclosed group",
            "[p.yaml:6:27]",
        ],
    );
}

#[test]
fn unicode_word_boundary_is_rejected() {
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: contact_block\n    find: '\\b联系方式'\n    fields: [{{ name: a, label: b }}]\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:5:11: word boundary `\\b` in pattern"]);
}

#[test]
fn missing_extends() {
    let stderr = pack_error(&[("p.yaml", "pack: p\nextends: [nothing-here]\n")]);
    assert_contains(
        &stderr,
        &["p.yaml:2:11: unknown pack `nothing-here` in `extends`"],
    );
    let stderr = pack_error(&[("p.yaml", "pack: p\nextends: [gone.yaml]\n")]);
    assert_contains(&stderr, &["p.yaml:2:11: cannot read extended pack"]);
}

#[test]
fn extends_cycle() {
    let stderr = pack_error(&[
        ("a.yaml", "pack: a\nextends: [b.yaml]\n"),
        ("b.yaml", "pack: b\nextends: [a.yaml]\n"),
    ]);
    assert_contains(&stderr, &["b.yaml:2:11: `extends` cycle"]);
}

#[test]
fn extends_outside_the_pack_directory_is_refused() {
    let stderr = pack_error(&[
        ("packs/a.yaml", "pack: a\nextends: [../b.yaml]\n"),
        ("b.yaml", "pack: b\n"),
    ]);
    assert_contains(&stderr, &["leaves the pack's directory"]);
}

#[test]
fn duplicate_rule_id() {
    let rule =
        "  - id: r\n    kind: contact_block\n    find: x\n    fields: [{ name: a, label: b }]\n";
    let yaml = format!("{HEAD}{rule}{rule}");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(
        &stderr,
        &["p.yaml:7:9: duplicate rule id `r`", "first used on line 3"],
    );
}

#[test]
fn kind_must_precede_options() {
    let yaml = format!("{HEAD}  - id: r\n    find: x\n    kind: contact_block\n");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["`kind` must come before the option `find`"]);
}

#[test]
fn bad_severity() {
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: contact_block\n    severity: fatal\n    find: x\n    fields: [{{ name: a, label: b }}]\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:5:15: unknown severity `fatal`"]);
}

#[test]
fn unknown_builtin_pack() {
    noticelint()
        .args(["check", "--stdin", "--pack", "nope"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown pack `nope`"))
        .stderr(predicate::str::contains("xuncha-zhenggai"));
}

#[test]
fn pack_file_that_does_not_exist() {
    noticelint()
        .args(["check", "--stdin", "--pack", "missing/pack.yaml"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read pack `missing/pack.yaml`",
        ));
}

#[test]
fn a_pack_can_extend_a_builtin_and_a_sibling_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("base.yaml"),
        common::CONTACT_PACK.replace("pack: t", "pack: base"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("top.yaml"),
        "pack: top\nextends: [xuncha-zhenggai, base.yaml]\n",
    )
    .unwrap();
    let output = noticelint()
        .args(["check", "--stdin", "--format", "json", "--pack"])
        .arg(Path::new("top.yaml"))
        .current_dir(dir.path())
        .write_stdin("联系方式：0571-8888")
        .output()
        .unwrap();
    let report = common::json(&output.stdout);
    let rules: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"base/contact"), "{rules:?}");
    assert!(
        rules.contains(&"xuncha-zhenggai/required-sections"),
        "{rules:?}"
    );
}

#[test]
fn unknown_anchor_and_section_references() {
    let yaml = format!("{HEAD}  - id: r\n    kind: date_order\n    after: feedbak_date\n");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(
        &stderr,
        &[
            "p.yaml:5:12: unknown anchor `feedbak_date`",
            "inspection_period",
        ],
    );
    let yaml = format!(
        "{HEAD}  - id: r\n    kind: date_order\n    after: signature_date\n    scope: {{ section: part-two }}\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:6:23: unknown section `part-two`"]);
}

#[test]
fn anchor_without_date_group() {
    let stderr = pack_error(&[("p.yaml", "pack: p\nanchors:\n  fb:\n    find: '反馈'\n")]);
    assert_contains(
        &stderr,
        &["p.yaml:4:11: anchor `fb` has no `(?P<date>…)` group"],
    );
}

/// Rules compile in parallel once every pack is read, but the error reported
/// is still the one a load of one rule after the other meets first.
#[test]
fn the_first_error_in_load_order_is_reported() {
    let compile_error = "pack: a\nrules:\n  - id: t\n    kind: substitution\n    pairs:\n      - { wrong: 截止, right: 截止目前 }\n";
    // A rule that does not compile in the first pack beats broken YAML in the second.
    let stderr = packs_error(
        &[("a.yaml", compile_error), ("b.yaml", "pack: b\nrules: [\n")],
        &["a.yaml", "b.yaml"],
    );
    assert_contains(&stderr, &["a.yaml:6:", "contains the wrong form"]);
    assert!(!stderr.contains("b.yaml"), "{stderr}");
    // Within a pack: the first rule's compile error beats the second's severity.
    let yaml = format!("{compile_error}  - id: s\n    kind: run_on\n    severity: loud\n");
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:6:", "contains the wrong form"]);
    assert!(!stderr.contains("loud"), "{stderr}");
    // And a pack this one extends comes before it.
    let stderr = pack_error(&[
        (
            "p.yaml",
            "pack: p\nextends: [a.yaml]\nrules:\n  - id: s\n    kind: run_on\n    severity: loud\n",
        ),
        ("a.yaml", compile_error),
    ]);
    assert_contains(&stderr, &["a.yaml:6:", "contains the wrong form"]);
}

/// Anchors and feedback lists compile with the rules, after every pack is
/// read; their errors still come in the order of a sequential load: a pack's
/// anchors, then its feedback list, then its rules, and the packs in order.
#[test]
fn anchor_and_feedback_errors_keep_the_load_order() {
    let bad_anchor = "pack: a\nanchors:\n  fb:\n    find: '反馈'\n";
    let anchor_error = "anchor `fb` has no `(?P<date>…)` group";
    // Before broken YAML in a later pack.
    let stderr = packs_error(
        &[("a.yaml", bad_anchor), ("b.yaml", "pack: b\nrules: [\n")],
        &["a.yaml", "b.yaml"],
    );
    assert_contains(&stderr, &["a.yaml:4:11:", anchor_error]);
    assert!(!stderr.contains("b.yaml"), "{stderr}");
    // Before the pack's feedback list and its rules.
    let yaml = format!(
        "{bad_anchor}feedback:\n  items: []\nrules:\n  - id: s\n    kind: run_on\n    severity: loud\n"
    );
    let stderr = pack_error(&[("p.yaml", &yaml)]);
    assert_contains(&stderr, &["p.yaml:4:11:", anchor_error]);
    // The feedback list before the rules.
    let yaml = "pack: p\nfeedback:\n  items: []\nrules:\n  - id: s\n    kind: run_on\n    severity: loud\n";
    let stderr = pack_error(&[("p.yaml", yaml)]);
    assert_contains(
        &stderr,
        &["p.yaml:3:", "a feedback list needs at least one item"],
    );
    // After the rules of a pack it extends.
    let compile_error = "pack: e\nrules:\n  - id: t\n    kind: substitution\n    pairs:\n      - { wrong: 截止, right: 截止目前 }\n";
    let yaml = bad_anchor.replace("pack: a\n", "pack: a\nextends: [e.yaml]\n");
    let stderr = pack_error(&[("p.yaml", &yaml), ("e.yaml", compile_error)]);
    assert_contains(&stderr, &["e.yaml:6:", "contains the wrong form"]);
}

#[test]
fn a_redefined_builtin_anchor_is_listed_once() {
    let yaml = "pack: p\nanchors:\n  inspection_period:\n    find: '(?P<date>{date})巡察'\nrules:\n  - id: r\n    kind: date_order\n    after: nope\n";
    let stderr = pack_error(&[("p.yaml", yaml)]);
    assert_contains(&stderr, &["unknown anchor `nope`", "inspection_period"]);
    assert_eq!(stderr.matches("inspection_period").count(), 1, "{stderr}");
}
