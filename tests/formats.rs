//! The CI formats: `sarif` (checked against the official SARIF 2.1.0 schema),
//! `github`, `junit` and `rdjson`, and that every machine format writes only
//! itself to standard output.

mod common;

use std::fs;
use std::path::Path;

use common::{json, noticelint, repo};
use serde_json::Value;

const DRAFT: &str = "examples/drafts/draft-with-problems.txt";

/// Rules of each severity, one with a fix, help and url, one off. The
/// message of `terms` carries what each format must escape.
const PACK: &str = r#"pack: t
rules:
  - id: terms
    kind: pattern
    terms: [截止目前]
    replace: 截至目前
    message: "“{match}”应为“截至目前”：100%\n<&>\"'\x01"
    help: 改为“截至目前”
    url: https://example.org/rules/terms
  - id: vague
    kind: pattern
    severity: warning
    terms: [基本上]
    message: 避免“{match}”
  - id: note
    kind: pattern
    severity: info
    terms: [原则上]
  - id: unused
    kind: pattern
    severity: off
    terms: [大概]
"#;

fn write_pack(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("pack.yaml");
    fs::write(&path, PACK).unwrap();
    path
}

/// Stdout of `check` on the draft example (from the repository root).
fn draft_output(format: &str) -> String {
    let output = noticelint()
        .args(["check", DRAFT, "--format", format])
        .current_dir(repo(""))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Stdout of `check --stdin` with the test pack.
fn stdin_output(name: &str, text: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let pack = write_pack(dir.path());
    let output = noticelint()
        .args([
            "check",
            "--stdin",
            "--stdin-filename",
            name,
            "--format",
            format,
        ])
        .arg("--pack")
        .arg(&pack)
        .write_stdin(text.as_bytes().to_vec())
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c < 2), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

// ---------------------------------------------------------------- snapshots

#[test]
fn sarif_of_the_draft_example() {
    insta::assert_snapshot!(draft_output("sarif"));
}

#[test]
fn github_of_the_draft_example() {
    insta::assert_snapshot!(draft_output("github"));
}

#[test]
fn junit_of_the_draft_example() {
    insta::assert_snapshot!(draft_output("junit"));
}

#[test]
fn rdjson_of_the_draft_example() {
    insta::assert_snapshot!(draft_output("rdjson"));
}

// -------------------------------------------------------------------- SARIF

/// The official SARIF 2.1.0 schema (see tests/fixtures/README.md), compiled.
struct SarifSchema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl SarifSchema {
    fn load() -> SarifSchema {
        let text = fs::read_to_string(repo("tests/fixtures/sarif-schema-2.1.0.json")).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            schema["id"],
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
        );
        let url = "https://example.invalid/sarif-schema-2.1.0.json";
        let mut compiler = boon::Compiler::new();
        // `uri` and `uri-reference` formats matter: paths must be encoded.
        compiler.enable_format_assertions();
        compiler.add_resource(url, schema).unwrap();
        let mut schemas = boon::Schemas::new();
        let index = compiler.compile(url, &mut schemas).unwrap();
        SarifSchema { schemas, index }
    }

    fn check(&self, log: &Value) -> Result<(), String> {
        self.schemas
            .validate(log, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn the_schema_rejects_invalid_logs() {
    // The validation below can fail: these break the schema.
    let schema = SarifSchema::load();
    let mut log: Value = serde_json::from_str(&draft_output("sarif")).unwrap();
    schema.check(&log).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(schema.check(&log).is_err());
    let mut log: Value = serde_json::from_str(&draft_output("sarif")).unwrap();
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] =
        "a b|c".into();
    assert!(schema.check(&log).is_err());
}

#[test]
fn sarif_of_the_draft_is_valid_and_complete() {
    let log: Value = serde_json::from_str(&draft_output("sarif")).unwrap();
    SarifSchema::load().check(&log).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 11);
    for result in results {
        let rule = &rules[result["ruleIndex"].as_u64().unwrap() as usize];
        assert_eq!(rule["id"], result["ruleId"]);
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], DRAFT);
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let print = result["partialFingerprints"]["noticelint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(print.len(), 16);
    }
    // The missing part is an insertion point after the last character of line 58.
    let missing = results
        .iter()
        .find(|r| r["ruleId"] == "xuncha-zhenggai/required-sections")
        .unwrap();
    let region = &missing["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 58);
    assert_eq!(region["startColumn"], region["endColumn"]);
    assert_eq!(region["charLength"], 0);
    // Labels are related locations with their text.
    let dates = results
        .iter()
        .find(|r| r["ruleId"] == "xuncha-zhenggai/dates-after-feedback")
        .unwrap();
    assert_eq!(
        dates["relatedLocations"][0]["message"]["text"],
        "巡察反馈日期在此"
    );
    assert_eq!(
        dates["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        3
    );
}

/// Character offset of a line and column, counting lines as SARIF's
/// `newlineSequences` (`\r\n`, `\n`, `\r`) say.
fn char_offset(text: &str, line: u64, column: u64) -> u64 {
    let chars: Vec<char> = text.chars().collect();
    let (mut current, mut i) = (1, 0);
    while current < line {
        match chars[i] {
            '\n' => current += 1,
            '\r' => {
                if chars.get(i + 1) == Some(&'\n') {
                    i += 1;
                }
                current += 1;
            }
            _ => {}
        }
        i += 1;
    }
    i as u64 + column - 1
}

/// Applies SARIF replacements (by character offset) to `text`.
fn apply(text: &str, replacements: &[Value]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let mut sorted: Vec<&Value> = replacements.iter().collect();
    sorted.sort_by_key(|r| std::cmp::Reverse(r["deletedRegion"]["charOffset"].as_u64()));
    for r in sorted {
        let start = r["deletedRegion"]["charOffset"].as_u64().unwrap() as usize;
        let len = r["deletedRegion"]["charLength"].as_u64().unwrap() as usize;
        let new: Vec<char> = r["insertedContent"]["text"]
            .as_str()
            .unwrap()
            .chars()
            .collect();
        chars.splice(start..start + len, new);
    }
    chars.into_iter().collect()
}

#[test]
fn sarif_of_many_files_is_valid_and_agrees_with_json() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("docs");
    fs::create_dir_all(root.join("草稿")).unwrap();
    // The draft with a BOM and CRLF, under a name that needs encoding.
    let draft = fs::read_to_string(repo(DRAFT)).unwrap();
    let crlf = format!("\u{feff}{}", draft.replace('\n', "\r\n"));
    fs::write(root.join("草稿/第 1 稿(终).txt"), &crlf).unwrap();
    fs::write(
        root.join("b.md"),
        "# 标题\n\n𠮷一二截止目前，基本上原则上大概。\r旧式行尾截止目前\n",
    )
    .unwrap();
    fs::write(root.join("empty.txt"), "").unwrap();
    fs::copy(repo("examples/clean/notice.txt"), root.join("clean.txt")).unwrap();
    fs::copy(
        repo("examples/clean/notice.feedback.yaml"),
        root.join("clean.feedback.yaml"),
    )
    .unwrap();
    let pack = write_pack(dir.path());
    let run = |format: &str| {
        let output = noticelint()
            .args(["check", ".", "--pack", "xuncha-zhenggai", "--pack"])
            .arg(&pack)
            .args(["--format", format])
            .current_dir(&root)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        output.stdout
    };
    let log: Value = serde_json::from_slice(&run("sarif")).unwrap();
    SarifSchema::load().check(&log).unwrap();
    let report = json(&run("json"));

    let driver = &log["runs"][0]["tool"]["driver"];
    let unused = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "t/unused")
        .unwrap();
    assert_eq!(unused["defaultConfiguration"]["enabled"], false);
    let terms = driver["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "t/terms")
        .unwrap();
    assert_eq!(terms["name"], "Terms");
    assert_eq!(terms["helpUri"], "https://example.org/rules/terms");
    assert_eq!(terms["help"]["text"], "改为“截至目前”");

    // Results come in the order of the JSON report, at the same places.
    let results = log["runs"][0]["results"].as_array().unwrap();
    let mut expected = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for d in file["diagnostics"].as_array().unwrap() {
            expected.push((file["path"].as_str().unwrap().to_owned(), d.clone()));
        }
    }
    assert_eq!(results.len(), expected.len());
    let mut fingerprints = std::collections::HashSet::new();
    for (result, (path, d)) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], d["rule"]);
        assert_eq!(result["message"]["text"], d["message"]);
        let location = &result["locations"][0]["physicalLocation"];
        let region = &location["region"];
        assert_eq!(region["startLine"], d["range"]["start"]["line"]);
        assert_eq!(region["startColumn"], d["range"]["start"]["column"]);
        assert_eq!(region["endLine"], d["range"]["end"]["line"]);
        assert_eq!(region["endColumn"], d["range"]["end"]["column"]);
        // Offsets agree with lines and columns, in the text without its BOM.
        let text = fs::read_to_string(root.join(path)).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let start = region["charOffset"].as_u64().unwrap();
        let line = |key: &str| region[key].as_u64().unwrap();
        assert_eq!(
            start,
            char_offset(text, line("startLine"), line("startColumn"))
        );
        assert_eq!(
            start + region["charLength"].as_u64().unwrap(),
            char_offset(text, line("endLine"), line("endColumn"))
        );
        let uri = location["artifactLocation"]["uri"].as_str().unwrap();
        if path.starts_with("草稿") {
            assert_eq!(
                uri,
                "%E8%8D%89%E7%A8%BF/%E7%AC%AC%201%20%E7%A8%BF%28%E7%BB%88%29.txt"
            );
        } else {
            assert_eq!(uri, path);
        }
        assert!(fingerprints.insert(result["partialFingerprints"]["noticelint/v1"].clone()));
    }
    // The empty file's findings are insertion points at its start.
    let (empty, _) = results
        .iter()
        .zip(&expected)
        .find(|(_, (path, _))| path == "empty.txt")
        .unwrap();
    let region = &empty["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["charOffset"]
        ),
        (&1.into(), &1.into(), &0.into())
    );
    // The fix of the markdown file, applied by character offsets, is what --fix writes.
    let md = fs::read_to_string(root.join("b.md")).unwrap();
    let replacements: Vec<Value> = results
        .iter()
        .zip(&expected)
        .filter(|(r, (path, _))| path == "b.md" && r["ruleId"] == "t/terms")
        .flat_map(|(r, _)| r["fixes"].as_array().cloned().unwrap_or_default())
        .flat_map(|fix| {
            fix["artifactChanges"][0]["replacements"]
                .as_array()
                .unwrap()
                .clone()
        })
        .collect();
    assert_eq!(replacements.len(), 2);
    assert_eq!(
        apply(&md, &replacements),
        md.replace("截止目前", "截至目前")
    );
}

#[test]
fn sarif_without_findings_is_valid() {
    let output = noticelint()
        .args(["check", "examples/clean/notice.txt", "--format", "sarif"])
        .current_dir(repo(""))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    SarifSchema::load().check(&log).unwrap();
    assert_eq!(log["runs"][0]["results"], Value::Array(Vec::new()));
}

// ------------------------------------------------------------------- GitHub

#[test]
fn github_escaping_follows_the_toolkit() {
    use noticelint::report::{escape_data, escape_property};
    assert_eq!(escape_data("100%\r\n下一行:a,b"), "100%25%0D%0A下一行:a,b");
    assert_eq!(
        escape_property("dir:x/a,b%.txt\n"),
        "dir%3Ax/a%2Cb%25.txt%0A"
    );
    // `%` first: an escaped sequence is not escaped again.
    assert_eq!(escape_data("%0A"), "%250A");
    assert_eq!(escape_property("p:q,r"), "p%3Aq%2Cr");
}

#[test]
fn github_lines_escape_path_and_message() {
    let out = stdin_output("a:b,c%.txt", "𠮷一二截止目前，基本上原则上。", "github");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "::error file=a%3Ab%2Cc%25.txt,line=1,endLine=1,col=4,endColumn=8,title=t/terms::“截止目前”应为“截至目前”：100%25%0A<&>\"'\u{1}",
            "::warning file=a%3Ab%2Cc%25.txt,line=1,endLine=1,col=9,endColumn=12,title=t/vague::避免“基本上”",
            "::notice file=a%3Ab%2Cc%25.txt,line=1,endLine=1,col=12,endColumn=15,title=t/note::“原则上”不宜使用",
        ]
    );
}

#[test]
fn github_step_summary_is_appended_when_set() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    fs::write(&summary, "earlier step\n").unwrap();
    let run = |format: &str| {
        noticelint()
            .args(["check", DRAFT, "--format", format])
            .env("GITHUB_STEP_SUMMARY", &summary)
            .current_dir(repo(""))
            .output()
            .unwrap()
    };
    let output = run("github");
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .all(|l| l.starts_with("::")),
    );
    let written = fs::read_to_string(&summary).unwrap();
    let appended = written.strip_prefix("earlier step\n").unwrap();
    insta::assert_snapshot!(appended);
    // Appended again, never overwritten; other formats leave it alone.
    run("github");
    run("json");
    let twice = fs::read_to_string(&summary).unwrap();
    assert_eq!(twice, format!("earlier step\n{appended}{appended}"));
}

#[test]
fn unwritable_step_summary_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = noticelint()
        .args(["check", DRAFT, "--format", "github"])
        .env("GITHUB_STEP_SUMMARY", dir.path())
        .current_dir(repo(""))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("GITHUB_STEP_SUMMARY"), "{stderr}");
}

#[test]
fn markdown_summary_of_a_clean_run_has_no_tables_of_findings() {
    let summary = noticelint::report::markdown_summary(&[]);
    assert!(
        summary.contains("No problems found in 0 files."),
        "{summary}"
    );
    assert!(!summary.contains("### Rules"), "{summary}");
}

// ------------------------------------------------------------------- rdjson

#[test]
fn rdjson_columns_are_utf8_bytes() {
    // 𠮷 is 4 bytes, 一 and 二 3 each: the term starts at byte 10 of its line
    // (column 11) but at character column 4.
    let text = "第一行\n𠮷一二截止目前。\n";
    let rd: Value = serde_json::from_str(&stdin_output("d.txt", text, "rdjson")).unwrap();
    let d = &rd["diagnostics"][0];
    assert_eq!(d["code"]["value"], "t/terms");
    assert_eq!(d["code"]["url"], "https://example.org/rules/terms");
    assert_eq!(d["severity"], "ERROR");
    let range = &d["location"]["range"];
    assert_eq!(
        (
            &range["start"]["line"],
            &range["start"]["column"],
            &range["end"]["line"],
            &range["end"]["column"]
        ),
        (&2.into(), &11.into(), &2.into(), &23.into())
    );
    assert_eq!(d["suggestions"][0]["range"], *range);
    assert_eq!(d["suggestions"][0]["text"], "截至目前");
    let j = json(stdin_output("d.txt", text, "json").as_bytes());
    let start = &j["files"][0]["diagnostics"][0]["range"]["start"];
    assert_eq!((&start["line"], &start["column"]), (&2.into(), &4.into()));
}

// -------------------------------------------------------------------- JUnit

#[test]
fn junit_fails_only_files_with_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("docs");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("a&b.txt"), "截止目前，基本上。\n原则上如此。\n").unwrap();
    fs::write(root.join("clean.txt"), "一切正常。\n").unwrap();
    fs::write(root.join("warned.txt"), "基本上完成。\n").unwrap();
    let pack = write_pack(dir.path());
    let output = noticelint()
        .args(["check", ".", "--format", "junit", "--pack"])
        .arg(&pack)
        .current_dir(&root)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let xml = String::from_utf8(output.stdout).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let suites = doc.root_element();
    assert_eq!(suites.tag_name().name(), "testsuites");
    let suite = suites.children().find(|n| n.is_element()).unwrap();
    assert_eq!(suite.attribute("name"), Some("noticelint"));
    assert_eq!(suite.attribute("tests"), Some("3"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    assert_eq!(suite.attribute("errors"), Some("0"));
    let cases: Vec<_> = suite.children().filter(|n| n.is_element()).collect();
    let names: Vec<_> = cases.iter().map(|c| c.attribute("name").unwrap()).collect();
    assert_eq!(names, ["a&b.txt", "clean.txt", "warned.txt"]);
    assert!(
        cases
            .iter()
            .all(|c| c.attribute("classname") == Some("noticelint"))
    );

    let failing: Vec<_> = cases[0].children().filter(|n| n.is_element()).collect();
    assert_eq!(failing[0].tag_name().name(), "failure");
    assert_eq!(failing[0].attribute("message"), Some("1 error"));
    assert_eq!(failing[0].attribute("type"), Some("error"));
    // The control character is gone; markup survives escaping.
    assert_eq!(
        failing[0].text(),
        Some("1:1 [t/terms] “截止目前”应为“截至目前”：100% <&>\"'")
    );
    assert_eq!(failing[1].tag_name().name(), "system-out");
    assert_eq!(
        failing[1].text(),
        Some("1:6 warning [t/vague] 避免“基本上”\n2:1 info [t/note] “原则上”不宜使用")
    );
    assert_eq!(cases[1].children().filter(|n| n.is_element()).count(), 0);
    let warned: Vec<_> = cases[2].children().filter(|n| n.is_element()).collect();
    assert_eq!(warned.len(), 1);
    assert_eq!(warned[0].tag_name().name(), "system-out");
}

// ------------------------------------------------- only the format on stdout

fn assert_only(format: &str, stdout: &[u8]) {
    let text = std::str::from_utf8(stdout).unwrap();
    match format {
        "json" | "sarif" | "rdjson" => {
            serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{format}: {e}"));
        }
        "jsonl" => {
            for line in text.lines() {
                serde_json::from_str::<Value>(line).unwrap_or_else(|e| panic!("{e}: {line}"));
            }
        }
        "github" => {
            for line in text.lines() {
                assert!(
                    ["::error ", "::warning ", "::notice "]
                        .iter()
                        .any(|p| line.starts_with(p)),
                    "{line}"
                );
            }
        }
        "junit" => {
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        }
        _ => unreachable!(),
    }
}

#[test]
fn machine_formats_write_only_their_format() {
    for format in ["json", "jsonl", "sarif", "github", "junit", "rdjson"] {
        // A report, and a report after --fix (whose summary goes to stderr).
        let stdout = draft_output(format);
        assert!(!stdout.is_empty(), "{format}");
        assert_only(format, stdout.as_bytes());
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join("draft.txt");
        fs::copy(repo(DRAFT), &copy).unwrap();
        let output = noticelint()
            .args(["check", "--fix", "--format", format])
            .arg(&copy)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_only(format, &output.stdout);
        assert!(
            String::from_utf8(output.stderr)
                .unwrap()
                .starts_with("Fixed "),
            "{format}"
        );
    }
}

/// A finding the baseline leaves keeps the SARIF fingerprint it has among all
/// the findings of its file: two findings with the same rule and text are
/// told apart by their order, and the baselined one must not lend its
/// fingerprint to the other.
#[test]
fn sarif_fingerprints_after_a_baseline_are_those_of_the_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let sarif_prints = |args: &[&str]| -> Vec<String> {
        let output = noticelint()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-config",
                "--pack",
                "gongwen-base",
                "--format",
                "sarif",
            ])
            .args(args)
            .arg("a.txt")
            .output()
            .unwrap();
        let sarif: Value = serde_json::from_slice(&output.stdout).unwrap();
        sarif["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                r["partialFingerprints"]["noticelint/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect()
    };
    let line = "截止目前，已完成整改。\n";
    fs::write(dir.path().join("a.txt"), line).unwrap();
    noticelint()
        .current_dir(dir.path())
        .args(["check", "--no-config", "--pack", "gongwen-base"])
        .args(["--write-baseline", "b.json", "a.txt"])
        .assert()
        .code(0);
    fs::write(dir.path().join("a.txt"), line.repeat(2)).unwrap();
    let all = sarif_prints(&[]);
    assert_eq!(all.len(), 2);
    assert_ne!(all[0], all[1]);
    assert_eq!(sarif_prints(&["--baseline", "b.json"]), [all[1].clone()]);
}
