//! Documents saved in other encodings: found, positioned and fixed as editors
//! see them, and written back in the encoding they came in.

mod common;

use common::{json, noticelint};
use predicates::prelude::*;

const PACK: &str = "pack: t
rules:
  - id: terms
    kind: substitution
    pairs: [{ wrong: 截止目前, right: 截至目前 }]
";

const TEXT: &str = "𠮷甲，截止目前完成。\r\n截止目前。\r\n";
const FIXED: &str = "𠮷甲，截至目前完成。\r\n截至目前。\r\n";

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xFF, 0xFE]
    } else {
        vec![0xFE, 0xFF]
    };
    for unit in text.encode_utf16() {
        out.extend(if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn check(dir: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    std::fs::write(dir.join("pack.yaml"), PACK).unwrap();
    noticelint()
        .current_dir(dir)
        .args(["check", "--pack", "pack.yaml", "--color", "never"])
        .args(args)
        .assert()
}

#[test]
fn each_encoding_is_read_positioned_and_fixed_in_place() {
    let cases: [(&str, Vec<u8>, Vec<u8>); 4] = [
        (
            "utf8-bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), TEXT.as_bytes()].concat(),
            [b"\xEF\xBB\xBF".as_slice(), FIXED.as_bytes()].concat(),
        ),
        ("utf16le.txt", utf16(TEXT, true), utf16(FIXED, true)),
        ("utf16be.txt", utf16(TEXT, false), utf16(FIXED, false)),
        ("gbk.txt", gbk(TEXT), gbk(FIXED)),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, before, after) in cases {
        std::fs::write(dir.path().join(name), &before).unwrap();
        let output = check(dir.path(), &["--format", "json", name])
            .code(1)
            .get_output()
            .stdout
            .clone();
        let report = json(&output);
        let starts: Vec<(u64, u64, u64)> = report["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let s = &d["range"]["start"];
                (
                    s["line"].as_u64().unwrap(),
                    s["column"].as_u64().unwrap(),
                    s["column_utf16"].as_u64().unwrap(),
                )
            })
            .collect();
        // Columns of the decoded text: 𠮷 is one character, two UTF-16 units.
        assert_eq!(starts, [(1, 4, 5), (2, 1, 1)], "{name}");
        check(dir.path(), &["--fix", name]).code(0);
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            after,
            "{name}"
        );
    }
}

/// A U+FEFF that is text (after a UTF-8 BOM, or at the start of a GB18030
/// file, which has no BOM) is not a BOM: fixing writes it back.
#[test]
fn a_feff_that_is_text_survives_fixing() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("\u{FEFF}{TEXT}");
    let fixed = format!("\u{FEFF}{FIXED}");
    let cases = [
        (
            "utf8-bom.txt",
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
            [b"\xEF\xBB\xBF".as_slice(), fixed.as_bytes()].concat(),
        ),
        ("gbk.txt", gbk(&text), gbk(&fixed)),
    ];
    for (name, before, after) in cases {
        std::fs::write(dir.path().join(name), &before).unwrap();
        check(dir.path(), &["--fix", name]).code(0);
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            after,
            "{name}"
        );
    }
}

#[test]
fn encoding_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    // UTF-16 without a BOM looks binary (NUL bytes) unless forced.
    let bytes = utf16(TEXT, true)[2..].to_vec();
    std::fs::write(dir.path().join("a.txt"), &bytes).unwrap();
    check(dir.path(), &["a.txt"])
        .code(2)
        .stderr(predicate::str::contains("binary file (NUL byte at offset"));
    check(dir.path(), &["--encoding", "utf-16le", "a.txt"])
        .code(1)
        .stdout(predicate::str::contains("“截止目前”应为“截至目前”"));
    check(dir.path(), &["--encoding", "utf-16le", "--fix", "a.txt"]).code(0);
    assert_eq!(
        std::fs::read(dir.path().join("a.txt")).unwrap(),
        utf16(FIXED, true)[2..].to_vec()
    );
    check(dir.path(), &["--encoding", "latin1", "a.txt"])
        .code(2)
        .stderr(predicate::str::contains("unknown encoding `latin1`"));
    // Forced UTF-8 on GBK bytes names the first bad byte.
    std::fs::write(dir.path().join("g.txt"), gbk("ab整改")).unwrap();
    check(dir.path(), &["--encoding", "utf-8", "g.txt"])
        .code(2)
        .stderr(predicate::str::contains(
            "not valid UTF-8: invalid byte at offset 2",
        ));
}
