//! The `gongwen-base` pack through the default pack: the real defects of the
//! seed notice, injected into the seed-shaped example, each found where it is;
//! and `--fix` on that example.

mod common;

use common::{json, noticelint, repo};
use predicates::prelude::*;

const SEED_DEFECTS: &str = "examples/drafts/seed-defects.txt";

/// (line, column, end column, rule, text under the span)
type Finding = (u64, u64, u64, String, String);

fn findings(path: &str) -> Vec<Finding> {
    let output = noticelint()
        .args(["check", "--format", "json", path])
        .current_dir(repo(""))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = std::fs::read_to_string(repo(path)).unwrap();
    let report = json(&output);
    report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            let end = &d["range"]["end"];
            let offset = |p: &serde_json::Value| p["offset"].as_u64().unwrap() as usize;
            (
                start["line"].as_u64().unwrap(),
                start["column"].as_u64().unwrap(),
                end["column"].as_u64().unwrap(),
                d["rule"].as_str().unwrap().to_owned(),
                text[offset(start)..offset(end)].to_owned(),
            )
        })
        .collect()
}

fn finding(line: u64, column: u64, end: u64, rule: &str, text: &str) -> Finding {
    (
        line,
        column,
        end,
        format!("gongwen-base/{rule}"),
        text.to_owned(),
    )
}

#[test]
fn each_real_seed_defect_is_found_at_its_place() {
    assert_eq!(
        findings(SEED_DEFECTS),
        [
            // `机制,年召开党组会`: an ASCII comma, and a year with no number.
            finding(31, 83, 84, "punctuation-width", ","),
            finding(31, 84, 85, "year-without-number", "年"),
            // `…领域情况三是…`: a run-on sentence.
            finding(31, 118, 120, "run-on", "三是"),
            finding(33, 122, 124, "run-on", "三是"),
            // `严格执行“三审三校制度，`: the quote is never closed.
            finding(41, 90, 91, "paired-punctuation", "“"),
            finding(43, 113, 117, "terms", "截止目前"),
            // `63场邀请`: a missing comma after a count.
            finding(51, 85, 87, "comma-after-count", "邀请"),
            // `…等方面进行讲解` ends without a full stop.
            finding(95, 82, 83, "sentence-end", "解"),
        ]
    );
}

#[test]
fn draft_example_defects_are_all_found() {
    let found: Vec<(u64, u64, String)> = findings("examples/drafts/draft-with-problems.txt")
        .into_iter()
        .map(|(line, column, _, rule, _)| (line, column, rule))
        .collect();
    let expected = [
        (9, 124, "gongwen-base/sentence-end"),
        (23, 16, "xuncha-zhenggai/dates-after-feedback"),
        (25, 38, "gongwen-base/run-on"),
        (35, 16, "xuncha-zhenggai/date-valid"),
        (37, 42, "gongwen-base/paired-punctuation"),
        (43, 1, "gongwen-base/numbering"),
        (45, 26, "gongwen-base/punctuation-width"),
        (47, 63, "gongwen-base/terms"),
        (55, 39, "xuncha-zhenggai/contact-block"),
        (55, 44, "xuncha-zhenggai/contact-block"),
        (58, 12, "xuncha-zhenggai/required-sections"),
    ];
    let expected: Vec<(u64, u64, String)> = expected
        .iter()
        .map(|(l, c, r)| (*l, *c, (*r).to_owned()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn fixing_the_seed_defects_example() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.txt");
    std::fs::copy(repo(SEED_DEFECTS), &path).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();

    let diff = noticelint()
        .args(["check", "--fix", "--dry-run", "notice.txt"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr("Would fix 4 findings in 1 file.\n")
        .get_output()
        .stdout
        .clone();
    insta::assert_snapshot!(String::from_utf8(diff).unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);

    noticelint()
        .args(["check", "--fix", "notice.txt"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr("Fixed 4 findings in 1 file.\n")
        .stdout(predicate::str::contains("run-on").not())
        .stdout(predicate::str::contains("截止目前").not());
    let after = std::fs::read_to_string(&path).unwrap();
    for (wrong, right) in [
        ("机制,年", "机制，年"),
        ("领域情况三是", "领域情况。三是"),
        ("“一事一审”三是", "“一事一审”。三是"),
        ("三是截止目前", "三是截至目前"),
    ] {
        assert!(before.contains(wrong) && !after.contains(wrong), "{wrong}");
        assert!(after.contains(right), "{right}");
    }
    // Idempotent: nothing fixable is left.
    let output = noticelint()
        .args(["check", "--format", "json", "notice.txt"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let report = json(&output);
    let diagnostics = report["files"][0]["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 4, "{diagnostics:#?}");
    assert!(diagnostics.iter().all(|d| d.get("fix").is_none()));
}

#[test]
fn packs_lists_the_base_pack_and_the_extension() {
    noticelint()
        .args(["packs"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "gongwen-base 0.1.0 (builtin:gongwen-base)",
        ))
        .stdout(predicate::str::contains("extends: gongwen-base"))
        .stdout(predicate::str::contains("gongwen-base/terms"));
}
