//! noticelint as the CI gate of a documents repository: a configuration, nested
//! folders, a .gitignored folder, sidecar feedback lists, an override, a
//! baseline; exit codes and output that do not depend on the thread count.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{json, noticelint, repo};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const CONFIG: &str = "packs: [xuncha-zhenggai]
exclude: ['notices/archive/**']
max_warnings: 5
overrides:
  - files: 'notices/2023/**'
    rules: { run-on: off, gongwen-base/terms: warning }
";

/// A documents repository:
///
/// ```text
/// noticelint.yaml
/// .gitignore                 (drafts-private/)
/// notices/clean.txt          + clean.feedback.yaml (sidecar)
/// notices/draft.txt          the draft example
/// notices/2023/old.txt       the draft example, under the override
/// notices/archive/x.txt      excluded by the configuration
/// drafts-private/y.txt       ignored by git
/// README.yaml                not a document
/// ```
struct Repo {
    dir: TempDir,
}

impl Repo {
    fn new() -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo_dir = dir.path();
        let write = |path: &str, text: &str| {
            let path = repo_dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        };
        let example = |name: &str| fs::read_to_string(repo(name)).unwrap();
        write("noticelint.yaml", CONFIG);
        write(".gitignore", "drafts-private/\n");
        write("notices/clean.txt", &example("examples/clean/notice.txt"));
        write(
            "notices/clean.feedback.yaml",
            &example("examples/clean/notice.feedback.yaml"),
        );
        let draft = example("examples/drafts/draft-with-problems.txt");
        write("notices/draft.txt", &draft);
        write("notices/2023/old.txt", &draft);
        write("notices/archive/x.txt", &draft);
        write("drafts-private/y.txt", &draft);
        write("README.yaml", "not: a notice\n");
        Repo { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        noticelint()
            .current_dir(self.dir.path())
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("NOTICELINT_THREADS")
            .arg("check")
            .args(args)
            .assert()
    }

    fn json(&self, args: &[&str], code: i32) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        json(&self.run(&all).code(code).get_output().stdout)
    }
}

fn rules_of(report: &Value, path: &str) -> Vec<String> {
    let file = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == path)
        .unwrap_or_else(|| panic!("no file {path} in {report:#}"));
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

fn paths_of(report: &Value) -> Vec<&str> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

#[test]
fn configuration_decides_files_packs_and_severities() {
    let repo = Repo::new();
    let report = repo.json(&[], 1);
    // Sorted; the excluded, git-ignored and non-document files are absent.
    assert_eq!(
        paths_of(&report),
        [
            "notices/2023/old.txt",
            "notices/clean.txt",
            "notices/draft.txt"
        ]
    );
    let draft = rules_of(&report, "notices/draft.txt");
    let old = rules_of(&report, "notices/2023/old.txt");
    assert!(draft.iter().any(|r| r == "gongwen-base/run-on"));
    assert!(!old.iter().any(|r| r == "gongwen-base/run-on"));
    // The override lowers terms to a warning in 2023 only.
    let severity_of_terms = |path: &str| {
        let file = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .unwrap();
        file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["rule"] == "gongwen-base/terms")
            .map(|d| d["severity"].as_str().unwrap().to_owned())
    };
    assert_eq!(
        severity_of_terms("notices/draft.txt").as_deref(),
        Some("error")
    );
    assert_eq!(
        severity_of_terms("notices/2023/old.txt").as_deref(),
        Some("warning")
    );
    // The sidecar is found for the clean notice.
    let clean = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "notices/clean.txt")
        .unwrap();
    assert_eq!(clean["coverage"].as_array().unwrap().len(), 9);
    assert!(rules_of(&report, "notices/clean.txt").is_empty());
}

#[test]
fn config_is_found_from_a_subdirectory_and_can_be_ignored() {
    let repo = Repo::new();
    let report = json(
        &noticelint()
            .current_dir(repo.path("notices/2023"))
            .args(["check", "--format", "json", "."])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    assert!(
        !rules_of(&report, "old.txt")
            .iter()
            .any(|r| r == "gongwen-base/run-on")
    );
    let report = json(
        &noticelint()
            .current_dir(repo.path("notices/2023"))
            .args(["check", "--no-config", "--format", "json", "."])
            .assert()
            .code(1)
            .get_output()
            .stdout,
    );
    assert!(
        rules_of(&report, "old.txt")
            .iter()
            .any(|r| r == "gongwen-base/run-on")
    );
}

#[test]
fn config_command_shows_what_applies() {
    let repo = Repo::new();
    noticelint()
        .current_dir(repo.dir.path())
        .args(["config", "notices/2023/old.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("included: true"))
        .stdout(predicate::str::contains("overrides: [notices/2023/**]"))
        .stdout(predicate::str::contains("  run-on: off"))
        .stdout(predicate::str::contains("  gongwen-base/terms: warning"));
    noticelint()
        .current_dir(repo.dir.path())
        .args(["config", "notices/archive/x.txt"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("included: false"));
}

#[test]
fn defective_config_is_located_and_stops_the_run() {
    let repo = Repo::new();
    fs::write(
        repo.path("noticelint.yaml"),
        "packs: [xuncha-zhenggai]\nrules: { no-such-rule: off }\n",
    )
    .unwrap();
    repo.run(&[])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "invalid configuration noticelint.yaml:2:",
        ))
        .stderr(predicate::str::contains("unknown rule `no-such-rule`"));
    fs::write(
        repo.path("noticelint.yaml"),
        "packs: [xuncha-zhenggai]\nexclud: []\n",
    )
    .unwrap();
    repo.run(&[])
        .code(2)
        .stderr(predicate::str::contains("noticelint.yaml:2:1"));
    // --config names another file; a missing one is an error.
    repo.run(&["--config", "nope.yaml"])
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read configuration `nope.yaml`",
        ));
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let repo = Repo::new();
    let run = |threads: Option<&str>| {
        let mut cmd = noticelint();
        cmd.current_dir(repo.dir.path())
            .args(["check", "--format", "json"]);
        cmd.env_remove("NOTICELINT_THREADS");
        if let Some(n) = threads {
            cmd.args(["--threads", n]);
        }
        cmd.assert().code(1).get_output().stdout.clone()
    };
    let one = run(Some("1"));
    assert_eq!(one, run(None));
    assert_eq!(one, run(Some("4")));
}

#[test]
fn exit_codes_follow_fail_on_and_max_warnings() {
    let repo = Repo::new();
    // Only warnings in a file with one ASCII comma: fails only with --fail-on warning.
    fs::write(repo.path("notices/w.txt"), "整改,确保落实。\n").unwrap();
    let only = ["--pack", "gongwen-base", "notices/w.txt"];
    repo.run(&only).code(0);
    let mut args = only.to_vec();
    args.extend(["--fail-on", "warning"]);
    repo.run(&args).code(1);
    let mut args = only.to_vec();
    args.extend(["--max-warnings", "0"]);
    repo.run(&args).code(1);
}

#[test]
fn quiet_shows_errors_only_and_statistics_counts_rules() {
    let repo = Repo::new();
    let report = repo.json(&["--quiet", "notices/draft.txt"], 1);
    let severities: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["severity"].as_str().unwrap())
        .collect();
    assert!(!severities.is_empty());
    assert!(severities.iter().all(|s| *s == "error"), "{severities:?}");
    repo.run(&["--statistics", "notices/draft.txt"])
        .code(1)
        .stdout(predicate::str::contains(
            "     2  error    xuncha-zhenggai/contact-block\n",
        ))
        .stdout(predicate::str::contains(
            "     1  warning  gongwen-base/punctuation-width\n",
        ))
        .stdout(predicate::str::ends_with(
            "9 errors, 2 warnings in 1 file.\n",
        ));
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from}");
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn baseline_adopts_old_findings_and_survives_edits_elsewhere() {
    let repo = Repo::new();
    repo.run(&["--write-baseline", "baseline.json"])
        .code(0)
        .stdout("")
        .stderr(predicate::str::starts_with("Recorded "));
    let baseline: Value =
        serde_json::from_slice(&fs::read(repo.path("baseline.json")).unwrap()).unwrap();
    assert_eq!(baseline["version"], 1);
    assert!(!baseline["entries"].as_array().unwrap().is_empty());

    // Nothing new: success, and the count is reported.
    repo.run(&["--baseline", "baseline.json"])
        .code(0)
        .stderr(predicate::str::contains("no longer found"));

    // Editing another paragraph (adding lines above the findings) keeps it valid.
    let draft = repo.path("notices/draft.txt");
    edit(
        &draft,
        "二、坚持问题导向",
        "（补充说明）本段为新增内容，已经过审核。\n\n二、坚持问题导向",
    );
    let report = repo.json(&["--baseline", "baseline.json"], 0);
    assert!(rules_of(&report, "notices/draft.txt").is_empty());

    // A new defect is reported, and only it.
    edit(
        &draft,
        "本段为新增内容，已经过审核。",
        "本段为新增内容，截止目前已经过审核。",
    );
    let report = repo.json(&["--baseline", "baseline.json"], 1);
    assert_eq!(
        rules_of(&report, "notices/draft.txt"),
        ["gongwen-base/terms"]
    );

    // Fixing an old defect leaves a baseline entry unmatched.
    edit(&draft, "截止目前，已追回", "截至目前，已追回");
    repo.run(&["--baseline", "baseline.json"])
        .code(1)
        .stderr(predicate::str::contains(
            "1 baseline entry no longer found.",
        ));
}

#[test]
fn broken_baseline_is_an_error() {
    let repo = Repo::new();
    fs::write(
        repo.path("baseline.json"),
        "{\"version\": 9, \"entries\": []}",
    )
    .unwrap();
    repo.run(&["--baseline", "baseline.json"])
        .code(2)
        .stderr(predicate::str::contains("invalid baseline `baseline.json`"));
    repo.run(&["--baseline", "missing.json"])
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read baseline `missing.json`",
        ));
}

#[test]
fn a_suppressed_finding_is_counted_not_reported() {
    let repo = Repo::new();
    let path = repo.path("notices/2023/old.txt");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().position(|l| l.contains("截止目前")).unwrap();
    // The directive goes on a line of its own before the paragraph.
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(
        line,
        "%% noticelint-disable-next-line terms -- 引用原文，保持原样",
    );
    fs::write(&path, lines.join("\n")).unwrap();
    let report = repo.json(&[], 1);
    assert!(
        !rules_of(&report, "notices/2023/old.txt")
            .iter()
            .any(|r| r == "gongwen-base/terms")
    );
    assert!(
        rules_of(&report, "notices/draft.txt")
            .iter()
            .any(|r| r == "gongwen-base/terms")
    );
    assert_eq!(report["summary"]["suppressed"], 1);
}

#[test]
fn every_format_reports_the_same_findings() {
    let repo = Repo::new();
    let output = |format: &str| {
        String::from_utf8(
            repo.run(&["--format", format])
                .code(1)
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap()
    };
    let report = json(output("json").as_bytes());
    let count = report["summary"]["errors"].as_u64().unwrap()
        + report["summary"]["warnings"].as_u64().unwrap()
        + report["summary"]["infos"].as_u64().unwrap();
    assert!(count > 10);
    let jsonl = output("jsonl");
    assert_eq!(jsonl.lines().count() as u64, count);
    let sarif = json(output("sarif").as_bytes());
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len() as u64,
        count
    );
    assert_eq!(sarif["runs"][0]["columnKind"], "unicodeCodePoints");
    let github = output("github");
    assert_eq!(github.lines().count() as u64, count);
    assert!(github.lines().all(|l| l.starts_with("::")));
    assert!(github.contains("::error file=notices/draft.txt,line="));
    let rdjson = json(output("rdjson").as_bytes());
    assert_eq!(
        rdjson["diagnostics"].as_array().unwrap().len() as u64,
        count
    );
    let junit = output("junit");
    assert!(junit.contains(
        r#"<testsuite name="noticelint" tests="3" failures="2" errors="0" skipped="0">"#
    ));
    assert!(junit.contains(r#"<testcase classname="noticelint" name="notices/clean.txt"/>"#));
    // With the baseline, every format is clean and the run passes.
    repo.run(&["--write-baseline", "b.json"]).code(0);
    for format in [
        "json", "sarif", "github", "junit", "rdjson", "jsonl", "human",
    ] {
        repo.run(&["--baseline", "b.json", "--format", format])
            .code(0);
    }
}

/// With nothing to lint, the configuration is still checked, with its pack
/// files found next to it as when there are documents.
#[test]
fn a_pack_file_of_the_configuration_is_found_from_an_empty_folder() {
    let repo = Repo::new();
    fs::create_dir_all(repo.path("packs")).unwrap();
    fs::write(
        repo.path("packs/local.yaml"),
        "pack: local\nextends: [gongwen-base]\n",
    )
    .unwrap();
    fs::write(repo.path("noticelint.yaml"), "packs: [packs/local.yaml]\n").unwrap();
    fs::create_dir_all(repo.path("empty")).unwrap();
    noticelint()
        .current_dir(repo.path("empty"))
        .args(["check", "--format", "json"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("\"files\": []"));
}
