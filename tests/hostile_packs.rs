//! Hostile rule packs, configurations and feedback lists: each is refused with
//! one clear message at its file, line and column (exit code 2), or loads
//! within a bounded time; never a panic, never a hang, never a changed file.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::process::Output;
use std::time::{Duration, Instant};

use common::Workspace;

/// Bound on every run here; the slowest case (100,000 pairs in a debug build)
/// takes about 15 seconds alone.
const TIMEOUT: Duration = Duration::from_secs(120);

/// A workspace with a one-line document, `d.txt`.
fn case() -> Workspace {
    let case = Workspace::new();
    case.write("d.txt", "截至目前，已完成。\n");
    case
}

/// Runs in a workspace that must come out unchanged.
trait HostileRun {
    /// Runs `noticelint ARGS` in the directory without colour, asserting that
    /// it ends within [`TIMEOUT`], does not panic and changes no file.
    fn run(&self, args: &[&str]) -> Output;

    /// Runs `check ARGS d.txt`, asserting exit code 2, nothing on standard
    /// output and every part in the error; returns the error.
    fn refused(&self, args: &[&str], parts: &[&str]) -> String;

    /// Writes `p.yaml` and runs `check --pack p.yaml`, expecting it refused.
    fn bad_pack(&self, yaml: &str, parts: &[&str]) -> String;

    /// Writes `noticelint.yaml` and runs `check` (which finds it), expecting
    /// it refused.
    fn bad_config(&self, yaml: &str, parts: &[&str]) -> String;

    /// Writes `f.yaml` and runs `check --feedback f.yaml`, expecting it refused.
    fn bad_feedback(&self, yaml: &str, parts: &[&str]) -> String;
}

impl HostileRun for Workspace {
    fn run(&self, args: &[&str]) -> Output {
        let output = self.unchanged(|| {
            self.noticelint()
                .args(args)
                .env("NO_COLOR", "1")
                .timeout(TIMEOUT)
                .output()
                .unwrap()
        });
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.code().is_some(),
            "killed (timeout?): {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        output
    }

    fn refused(&self, args: &[&str], parts: &[&str]) -> String {
        let mut all = vec!["check", "--color", "never"];
        all.extend_from_slice(args);
        all.push("d.txt");
        let output = self.run(&all);
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(output.stdout.is_empty(), "{stderr}");
        for part in parts {
            assert!(stderr.contains(part), "`{part}` not in:\n{stderr}");
        }
        stderr
    }

    fn bad_pack(&self, yaml: &str, parts: &[&str]) -> String {
        self.write("p.yaml", yaml);
        self.refused(&["--pack", "p.yaml"], parts)
    }

    fn bad_config(&self, yaml: &str, parts: &[&str]) -> String {
        self.write("noticelint.yaml", yaml);
        self.refused(&[], parts)
    }

    fn bad_feedback(&self, yaml: &str, parts: &[&str]) -> String {
        self.write("f.yaml", yaml);
        self.refused(&["--pack", "gongwen-base", "--feedback", "f.yaml"], parts)
    }
}

/// A rule of kind `kind` with `body` as its options, in pack `p`.
fn rule(kind: &str, body: &str) -> String {
    format!("pack: p\nrules:\n  - id: r\n    kind: {kind}\n{body}")
}

/// `depth` nested flow lists: `[[[…]]]`.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

/// A "billion laughs": ten levels of nine aliases each, under `indent`.
fn alias_bomb(indent: &str) -> String {
    let mut yaml = format!("{indent}l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        writeln!(yaml, "{indent}l{i}: &l{i} [{refs}]").unwrap();
    }
    yaml
}

/// `n` distinct Chinese words of four characters, from `base` on.
fn words(n: usize, base: u32) -> Vec<String> {
    (0..n as u32)
        .map(|i| {
            (0..4)
                .map(|k| char::from_u32(base + (i / 64u32.pow(k)) % 64 + 64 * k).unwrap())
                .collect()
        })
        .collect()
}

#[test]
fn invalid_yaml_is_located() {
    let case = case();
    case.bad_pack(
        "pack: p\nrules:\n  - id: 'r\n    kind: run_on\n",
        &["invalid pack p.yaml:3:9: unclosed quote"],
    );
    case.bad_pack(
        "pack: p\n\trules: []\n",
        &["invalid pack p.yaml:1:7: while scanning a plain scalar, found a tab"],
    );
}

#[test]
fn deep_nesting_stops_at_the_depth_limit() {
    let case = case();
    let start = Instant::now();
    // 10,000 levels of `[`: refused at the 65th.
    case.bad_pack(
        &format!("pack: p\nrules: {}\n", nested(10_000)),
        &["invalid pack p.yaml:2:72: nested more than 64 levels deep (limit)"],
    );
    // Block nesting (`- - - …`) inside options that are skipped unread (an
    // unknown kind).
    let deep = rule(
        "spellcheck",
        &format!("    x:\n      {}a\n", "- ".repeat(10_000)),
    );
    case.bad_pack(
        &deep,
        &[
            "invalid pack p.yaml:",
            "nested more than 64 levels deep (limit)",
        ],
    );
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn alias_bomb_stops_at_the_alias_limit() {
    let case = case();
    let start = Instant::now();
    // Skipped options of an unknown kind would expand every alias.
    let yaml = rule("spellcheck", &alias_bomb("    "));
    case.bad_pack(
        &yaml,
        &[
            "invalid pack p.yaml:",
            "anchors and aliases expand to more than 250000 YAML events (limit)",
        ],
    );
    // A known kind reads only what it expects: the first alias of a list
    // where a string belongs is an error.
    let yaml = "pack: p\nrules:\n  - id: r\n    kind: pattern\n    terms: &l0 [lol, lol]\n    patterns: [*l0]\n";
    case.bad_pack(yaml, &["invalid pack p.yaml:6:16: expected a string"]);
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn a_pack_that_is_not_a_mapping() {
    let case = case();
    for (yaml, parts) in [
        (
            "- a\n- b\n",
            &["p.yaml:1:1: expected a mapping (`key: value` entries)"][..],
        ),
        ("hello\n", &["p.yaml:1:1: expected a mapping"]),
        ("42\n", &["p.yaml:1:1: expected a mapping"]),
        (
            "",
            &["p.yaml:1:1: the pack is empty", "at least `pack: ID`"],
        ),
        ("\n  \n", &["p.yaml:1:1: the pack is empty"]),
        (
            "# only a comment\n\n  # and another\n",
            &["p.yaml:1:1: the pack is empty"],
        ),
        ("~\n", &["invalid pack p.yaml:1:1:"]),
        ("---\n...\n---\n", &["invalid pack p.yaml:"]),
    ] {
        case.bad_pack(yaml, parts);
    }
}

#[test]
fn huge_and_out_of_range_numbers() {
    let case = case();
    case.bad_pack(
        &rule(
            "required_sections",
            "    sections:\n      - { id: a, heading: x, min_chars: 99999999999999999999 }\n",
        ),
        &["p.yaml:6:41: expected a whole number from 0 to 18446744073709551615"],
    );
    case.bad_pack(
        &rule("feedback_coverage", "    min_chars: -1\n"),
        &["p.yaml:5:16: expected a whole number from 0"],
    );
    case.bad_pack(
        &rule("feedback_coverage", "    similarity: 1e400\n"),
        &["p.yaml:5:17: expected a number"],
    );
    for value in ["5", "0", "-1", ".nan", ".inf"] {
        case.bad_pack(
            &rule("feedback_coverage", &format!("    similarity: {value}\n")),
            &["p.yaml:5:17: similarity must be in (0, 1]"],
        );
    }
}

#[test]
fn wrong_types_everywhere() {
    let case = case();
    let list = "expected a list (`- item` lines or `[a, b]`)";
    case.bad_pack(
        "pack: p\nrules:\n  r: {kind: run_on}\n",
        &["p.yaml:3:3: ", list],
    );
    case.bad_pack("pack: p\nrules: yes\n", &["p.yaml:2:8: ", list]);
    case.bad_pack(
        &rule("run_on", "    severity: 3\n"),
        &[
            "p.yaml:5:15: unknown severity `3`",
            "use error, warning, info or off",
        ],
    );
    case.bad_pack(
        &rule("required_sections", "    sections: yes\n"),
        &["p.yaml:5:15: ", list],
    );
    case.bad_pack(
        &rule("pattern", "    terms: 截止\n"),
        &["p.yaml:5:12: ", list],
    );
    case.bad_pack(
        &rule("pattern", "    patterns: [[a]]\n"),
        &["p.yaml:5:16: expected a string"],
    );
    case.bad_pack(
        &rule("substitution", "    pairs: {wrong: a, right: b}\n"),
        &["p.yaml:5:12: ", list],
    );
    case.bad_pack(
        &rule("numbering", "    inline: 3\n"),
        &["p.yaml:5:13: expected true or false"],
    );
    case.bad_pack(
        &rule("run_on", "    scope: 3\n"),
        &["invalid pack p.yaml:5:"],
    );
    case.bad_pack("pack: [p]\n", &["p.yaml:1:7: expected a string"]);
    case.bad_pack("pack: p\nextends: gongwen-base\n", &["p.yaml:2:10: ", list]);
    case.bad_pack(
        "pack: p\nrules:\n  - id: {a: b}\n    kind: run_on\n",
        &["p.yaml:3:9: expected a string"],
    );
    case.bad_pack("pack: p\nrules:\n  - 3\n", &["invalid pack p.yaml:3:5:"]);
}

#[test]
fn a_regex_over_the_size_limit_is_refused_at_its_place() {
    let case = case();
    let start = Instant::now();
    case.bad_pack(
        &rule("pattern", "    patterns: ['(?:a{1000}){1000}']\n"),
        &[
            "p.yaml:5:16: regular expression too large: compiled, it exceeds the limit of 10 MiB",
            "counted repetitions multiply",
        ],
    );
    // Nesting beyond the parser's limit is refused before compiling; the
    // parser's own message, which repeats the pattern, is left out for so
    // long a pattern.
    let stderr = case.bad_pack(
        &rule(
            "pattern",
            &format!("    patterns: ['{}a{}']\n", "(".repeat(1000), ")".repeat(1000)),
        ),
        &["p.yaml:5:16: invalid regular expression: exceed the maximum number of nested parentheses/brackets (250)"],
    );
    assert!(!stderr.contains("help:"), "{stderr}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn pathological_regexes_match_in_linear_time() {
    // A backtracking engine takes exponential time on these; Rust's regex
    // crate takes time linear in the text. Timed on two sizes: the larger
    // text is four times the smaller.
    let case = case();
    let mut yaml = "pack: p\nrules:\n".to_owned();
    for (i, pattern) in ["(a+)+$", "(.*a){20}", "^(a|aa)+$", "(x+x+)+y"]
        .iter()
        .enumerate()
    {
        writeln!(
            yaml,
            "  - {{ id: r{i}, kind: pattern, patterns: ['{pattern}'] }}"
        )
        .unwrap();
    }
    case.write("p.yaml", &yaml);
    let mut times = Vec::new();
    for n in [25_000, 100_000] {
        let text = format!("{}b\n{}\n{}\n", "a".repeat(n), "x".repeat(n), "a".repeat(n));
        case.write("long.txt", &text);
        let start = Instant::now();
        let output = case.run(&["check", "--format", "jsonl", "--pack", "p.yaml", "long.txt"]);
        times.push(start.elapsed());
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8(output.stdout).unwrap();
        // `(.*a){20}` on both lines of a's, `^(a|aa)+$` and `(a+)+$` on the last.
        assert_eq!(stdout.lines().count(), 4, "{stdout}");
    }
    assert!(times[1] < Duration::from_secs(60), "{times:?}");
    // Quadratic time would be 16 times; allow for start-up and noise.
    assert!(
        times[1] < times[0] * 8 + Duration::from_secs(2),
        "{times:?}"
    );
}

#[test]
fn a_pattern_rule_with_100000_terms_loads_and_finds() {
    let case = case();
    let terms = words(100_000, 0x4E00);
    let mut yaml = rule("pattern", "    terms:\n");
    for term in &terms {
        writeln!(yaml, "      - {term}").unwrap();
    }
    case.write("p.yaml", &yaml);
    case.write("hit.txt", format!("正文{}正文。\n", terms[99_999]));
    let start = Instant::now();
    let output = case.run(&["check", "--format", "jsonl", "--pack", "p.yaml", "hit.txt"]);
    let elapsed = start.elapsed();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.contains(r#""offset":6"#), "{stdout}");
    // About 0.9 s in a release build (README, Security); generous for debug.
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

#[test]
fn a_substitution_rule_with_100000_pairs_loads_and_fixes() {
    let case = case();
    // Right forms from another block of characters: none contains a wrong form.
    let wrong = words(100_000, 0x4E00);
    let right = words(100_000, 0x6000);
    let mut yaml = rule("substitution", "    pairs:\n");
    for (w, r) in wrong.iter().zip(&right) {
        writeln!(yaml, "      - {{ wrong: {w}, right: {r} }}").unwrap();
    }
    case.write("p.yaml", &yaml);
    case.write("hit.txt", format!("正文{}正文。\n", wrong[54_321]));
    let start = Instant::now();
    let output = case.run(&["check", "--format", "jsonl", "--pack", "p.yaml", "hit.txt"]);
    let elapsed = start.elapsed();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(&format!("“{}”应为“{}”", wrong[54_321], right[54_321])),
        "{stdout}"
    );
    // About 1.4 s in a release build (README, Security); generous for debug.
    assert!(elapsed < Duration::from_secs(90), "{elapsed:?}");
}

#[test]
fn too_many_nodes_is_refused_with_the_limit() {
    let case = case();
    // 1,000,001 one-character terms: over the node limit, not the file size.
    let mut yaml = rule("pattern", "    terms: [");
    for _ in 0..1_000_001 {
        yaml.push_str("a,");
    }
    yaml.push_str("]\n");
    case.bad_pack(
        &yaml,
        &[
            "invalid pack p.yaml:5:",
            "too many YAML nodes: more than 1000000 (limit)",
        ],
    );
}

#[test]
fn files_over_the_size_limit_are_refused() {
    let case = case();
    let mut big = rule("pattern", "    terms: [a]\n");
    big.push_str(&"# padding\n".repeat(3_400_000));
    case.write("p.yaml", &big);
    case.refused(
        &["--pack", "p.yaml"],
        &["cannot read pack `p.yaml`: larger than the limit of 32 MiB for YAML files"],
    );
    case.write("f.yaml", &big);
    case.refused(
        &["--pack", "gongwen-base", "--feedback", "f.yaml"],
        &["cannot read feedback list `f.yaml`: larger than the limit of 32 MiB"],
    );
    case.write("noticelint.yaml", &big);
    case.refused(
        &[],
        &["cannot read configuration `noticelint.yaml`: larger than the limit of 32 MiB"],
    );
}

#[cfg(unix)]
#[test]
fn an_endless_device_is_read_no_further_than_the_limit() {
    let case = case();
    let start = Instant::now();
    case.refused(
        &["--pack", "/dev/zero"],
        &["cannot read pack `/dev/zero`: larger than the limit of 32 MiB"],
    );
    case.refused(
        &["--pack", "gongwen-base", "--feedback", "/dev/zero"],
        &["cannot read feedback list `/dev/zero`: larger than the limit"],
    );
    case.refused(
        &["--config", "/dev/zero"],
        &["cannot read configuration `/dev/zero`: larger than the limit"],
    );
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn packs_that_are_not_utf8() {
    let case = case();
    case.write("p.yaml", b"pack: p\ntitle: \xff\xfe\n");
    case.refused(
        &["--pack", "p.yaml"],
        &["cannot read pack `p.yaml`: not valid UTF-8 at byte 15"],
    );
}

#[test]
fn extends_cycles_of_one_and_three_packs() {
    let case = case();
    case.write("a.yaml", "pack: a\nextends: [a.yaml]\n");
    case.refused(
        &["--pack", "a.yaml"],
        &["a.yaml:2:11: `extends` cycle", "this pack extends itself"],
    );
    case.write("x.yaml", "pack: x\nextends: [y.yaml]\n");
    case.write("y.yaml", "pack: y\nextends: [gongwen-base, z.yaml]\n");
    case.write("z.yaml", "pack: z\nextends: [x.yaml]\n");
    case.refused(
        &["--pack", "x.yaml"],
        &["z.yaml:2:11: `extends` cycle", "x.yaml →"],
    );
}

#[cfg(unix)]
#[test]
fn extends_through_a_symbolic_link_out_of_the_directory_is_refused() {
    let case = case();
    case.write("secret/b.yaml", "pack: b\n");
    case.write("packs/a.yaml", "pack: a\nextends: [b.yaml]\n");
    std::os::unix::fs::symlink("../secret/b.yaml", case.root().join("packs/b.yaml")).unwrap();
    case.refused(
        &["--pack", "packs/a.yaml"],
        &[
            "packs/a.yaml:2:11: `extends` path `b.yaml` leaves the pack's directory through a link",
            "files inside its own directory",
        ],
    );
    // A linked directory leads out just as well.
    std::os::unix::fs::symlink("../secret", case.root().join("packs/sub")).unwrap();
    case.write("packs/c.yaml", "pack: c\nextends: [sub/b.yaml]\n");
    case.refused(
        &["--pack", "packs/c.yaml"],
        &["packs/c.yaml:2:11: `extends` path `sub/b.yaml` leaves the pack's directory through a link"],
    );
    // Absolute paths are refused too.
    let absolute = case.root().join("secret/b.yaml");
    case.write(
        "packs/d.yaml",
        format!("pack: d\nextends: ['{}']\n", absolute.display()),
    );
    case.refused(
        &["--pack", "packs/d.yaml"],
        &["leaves the pack's directory"],
    );
    // A link that stays inside the directory is followed.
    case.write("packs/inner/e.yaml", "pack: e\n");
    std::os::unix::fs::symlink("inner/e.yaml", case.root().join("packs/e.yaml")).unwrap();
    case.write("packs/f.yaml", "pack: f\nextends: [e.yaml]\n");
    let output = case.run(&["check", "--pack", "packs/f.yaml", "d.txt"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[cfg(unix)]
#[test]
fn extends_of_something_other_than_a_file_is_refused_without_blocking() {
    let case = case();
    case.write("packs/a.yaml", "pack: a\nextends: [pipe.yaml]\n");
    let made = std::process::Command::new("mkfifo")
        .arg(case.root().join("packs/pipe.yaml"))
        .status()
        .is_ok_and(|s| s.success());
    if made {
        // Opening a FIFO without a writer would block for ever.
        case.refused(
            &["--pack", "packs/a.yaml"],
            &[
                "packs/a.yaml:2:11: extended pack `",
                "pipe.yaml` is not a regular file",
            ],
        );
    }
    fs::create_dir_all(case.root().join("packs/dir.yaml")).unwrap();
    case.write("packs/b.yaml", "pack: b\nextends: [dir.yaml]\n");
    case.refused(
        &["--pack", "packs/b.yaml"],
        &[
            "packs/b.yaml:2:11: extended pack `",
            "dir.yaml` is not a regular file",
        ],
    );
}

// ---- noticelint.yaml ----

#[test]
fn hostile_configurations() {
    let case = case();
    let list = "expected a list (`- item` lines or `[a, b]`)";
    case.bad_config("packs: [\n", &["invalid configuration noticelint.yaml:"]);
    case.bad_config(
        "- a\n",
        &["noticelint.yaml:1:1: expected a mapping (`key: value` entries)"],
    );
    case.bad_config(
        &format!("packs: {}\n", nested(10_000)),
        &[
            "noticelint.yaml:1:",
            "nested more than 64 levels deep (limit)",
        ],
    );
    // Where lists of strings belong, an alias of a list fails at once.
    let mut bomb = "exclude: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
    bomb.push_str("include: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n");
    bomb.push_str("extensions: [*l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1, *l1]\n");
    case.bad_config(&bomb, &["noticelint.yaml:2:", "expected a string"]);
    case.bad_config(
        "max_warnings: -1\n",
        &["noticelint.yaml:1:15: expected a whole number from 0 to 18446744073709551615"],
    );
    case.bad_config(
        "max_warnings: 99999999999999999999999\n",
        &["noticelint.yaml:1:15: expected a whole number"],
    );
    case.bad_config(
        "max_warnings: 1e400\n",
        &["noticelint.yaml:1:15: expected a whole number"],
    );
    case.bad_config("packs: gongwen-base\n", &["noticelint.yaml:1:8: ", list]);
    case.bad_config(
        "rules: [terms]\n",
        &["noticelint.yaml:1:8: expected a mapping"],
    );
    case.bad_config(
        "rules: {terms: 3}\n",
        &["noticelint.yaml:1:16: unknown severity `3`"],
    );
    case.bad_config("overrides: {files: x}\n", &["noticelint.yaml:1:12: ", list]);
    case.bad_config("include: yes\n", &["noticelint.yaml:1:10: ", list]);
    case.bad_config(
        "extensions: [[md]]\n",
        &["noticelint.yaml:1:14: expected a string"],
    );
    case.bad_config(
        "exclude: ['**/[']\n",
        &["noticelint.yaml:1:11: invalid glob `**/[`"],
    );
}

#[test]
fn a_configuration_cannot_point_the_feedback_pattern_elsewhere() {
    let case = case();
    for pattern in [
        "/etc/passwd",
        "../{stem}.yaml",
        "a/../../{stem}.yaml",
        "\\\\server\\x",
    ] {
        case.bad_config(
            &format!("feedback: '{pattern}'\n"),
            &["noticelint.yaml:1:11: the feedback pattern must name a file next to the document"],
        );
    }
}

#[test]
fn a_configuration_of_comments_only_is_the_defaults() {
    let case = case();
    case.write("noticelint.yaml", "# nothing set yet\n\n   # later\n");
    let output = case.run(&["check", "--pack", "gongwen-base", "d.txt"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn a_large_configuration_loads() {
    let case = case();
    let mut yaml = "exclude:\n".to_owned();
    for i in 0..20_000 {
        writeln!(yaml, "  - 'archive/{i}/**'").unwrap();
    }
    yaml.push_str("overrides:\n");
    for i in 0..2_000 {
        writeln!(
            yaml,
            "  - {{ files: 'old/{i}/**', rules: {{ terms: warning }} }}"
        )
        .unwrap();
    }
    case.write("noticelint.yaml", &yaml);
    case.write("old/7/a.txt", "截止目前，已完成。\n");
    let output = case.run(&["check", "--color", "never", "--pack", "gongwen-base", "old"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("warning[gongwen-base/terms]"), "{stdout}");
}

// ---- feedback lists ----

#[test]
fn hostile_feedback_lists() {
    let case = case();
    case.bad_feedback(
        "items: F1\n",
        &["invalid feedback list f.yaml:1:8: expected a list (`- item` lines or `[a, b]`)"],
    );
    case.bad_feedback(
        "items: {id: F1, text: 甲}\n",
        &["invalid feedback list f.yaml:1:8: expected a list"],
    );
    case.bad_feedback(
        "- {id: F1, text: 甲}\n",
        &["invalid feedback list f.yaml:1:1: expected a mapping"],
    );
    case.bad_feedback(
        "",
        &[
            "invalid feedback list f.yaml:1:1: the feedback list is empty",
            "items:",
        ],
    );
    case.bad_feedback(
        &format!("items: {}\n", nested(10_000)),
        &["f.yaml:1:", "nested more than 64 levels deep (limit)"],
    );
    case.bad_feedback(
        "items:\n  - {id: [F1], text: 甲}\n",
        &["f.yaml:2:10: expected a string"],
    );
    case.bad_feedback(
        "items:\n  - {id: F1, text: 甲, match: '甲'}\n",
        &["f.yaml:2:30: expected a list"],
    );
    // An alias bomb: the first alias of a list where an item belongs fails.
    let mut bomb = "items:\n  - &l0 {id: F1, text: 甲}\n  - &l1 [*l0, *l0, *l0]\n".to_owned();
    bomb.push_str("  - [*l1, *l1, *l1]\n");
    case.bad_feedback(&bomb, &["invalid feedback list f.yaml:3:"]);
    // Aliases of whole items are read (and then are duplicates).
    case.bad_feedback(
        "items:\n  - &a {id: F1, text: 甲}\n  - *a\n",
        &[
            "invalid feedback list f.yaml:",
            "duplicate feedback item id `F1`",
        ],
    );
}

#[test]
fn a_feedback_list_of_100000_items_loads() {
    let case = case();
    let texts = words(100_000, 0x4E00);
    let mut yaml = "items:\n".to_owned();
    for (i, text) in texts.iter().enumerate() {
        writeln!(yaml, "  - {{ id: F{i}, text: {text}问题 }}").unwrap();
    }
    case.write("f.yaml", &yaml);
    let start = Instant::now();
    let output = case.run(&[
        "check",
        "--pack",
        "gongwen-base",
        "--feedback",
        "f.yaml",
        "d.txt",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        start.elapsed() < Duration::from_secs(60),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn an_alias_bomb_in_front_matter_is_ignored_quickly() {
    // Front matter may hold anything besides `anchors:` and `feedback:`; a
    // bomb there is cut short by the same limits and read as no anchors.
    let case = case();
    let doc = format!("---\n{}---\n\n截至目前，已完成。\n", alias_bomb(""));
    case.write("bomb.md", &doc);
    let start = Instant::now();
    let output = case.run(&["check", "--pack", "gongwen-base", "bomb.md"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
}
