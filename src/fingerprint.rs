//! Stable identities of findings that survive edits elsewhere in a document:
//! for baselines and for SARIF `partialFingerprints`.
//!
//! A fingerprint hashes the rule, the path and the text around the finding
//! (the span and up to [`CONTEXT_CHARS`] characters on each side, within its
//! line, white space removed), never line numbers: a paragraph added above a
//! finding does not change it. Findings with the same rule and context in one
//! file are told apart by their order.

use std::collections::HashMap;
use std::ops::Range;

/// Characters of context taken on each side of a span.
pub const CONTEXT_CHARS: usize = 16;

/// The normalised text a fingerprint is made of.
pub fn context(text: &str, span: &Range<usize>) -> String {
    let start = span.start.min(text.len());
    let end = span.end.clamp(start, text.len());
    if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return String::new();
    }
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| end + i);
    let before: String = {
        let mut chars: Vec<char> = text[line_start..start]
            .chars()
            .rev()
            .filter(|c| !c.is_whitespace())
            .take(CONTEXT_CHARS)
            .collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    let after: String = text[end..line_end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(CONTEXT_CHARS)
        .collect();
    let inside: String = text[start..end]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    format!("{before}\u{1}{inside}\u{1}{after}")
}

/// 64-bit FNV-1a: small, and stable across platforms and compiler versions,
/// which a baseline written today and read next year needs.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// Fingerprints of findings of one file, in the order given: `(rule, span)`.
pub fn fingerprints<'a>(
    path: &str,
    text: &str,
    findings: impl IntoIterator<Item = (&'a str, &'a Range<usize>)>,
) -> Vec<String> {
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    findings
        .into_iter()
        .map(|(rule, span)| {
            let context = context(text, span);
            let occurrence = seen.entry((rule.to_owned(), context.clone())).or_insert(0);
            *occurrence += 1;
            let n = occurrence.to_string();
            format!("{:016x}", fnv1a(&[rule, path, &context, &n]))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str, needle: &str) -> String {
        let start = text.find(needle).unwrap();
        fingerprints("a.txt", text, [("p/r", &(start..start + needle.len()))]).remove(0)
    }

    #[test]
    fn edits_elsewhere_keep_it_and_edits_nearby_change_it() {
        let base = "第一段。\n截止目前，已完成。\n第三段。";
        let moved = "新增一段。\n\n第一段，有改动。\n截止目前，已完成。\n第三段。";
        assert_eq!(one(base, "截止目前"), one(moved, "截止目前"));
        assert_ne!(
            one(base, "截止目前"),
            one("截止目前，已全部完成。", "截止目前")
        );
        // White space does not count.
        assert_eq!(
            one(base, "截止目前"),
            one("第一段。\n截止目前， 已完成。\n第三段。", "截止目前")
        );
    }

    #[test]
    fn same_context_twice_is_two_fingerprints() {
        let text = "甲,乙\n甲,乙";
        let first = 3..4;
        let second = 9..10;
        let prints = fingerprints("a.txt", text, [("p/r", &first), ("p/r", &second)]);
        assert_ne!(prints[0], prints[1]);
        // Rule and path are part of it.
        let other = fingerprints("b.txt", text, [("p/r", &first)]);
        assert_ne!(prints[0], other[0]);
    }

    #[test]
    fn stable_value() {
        // A baseline written by one build must be read by the next.
        // FNV-1a 64 of the bytes `a`, 0xff (computed independently).
        assert_eq!(fnv1a(&["a"]), 0x089b_c907_b544_c769);
        // Spans off character boundaries give an empty context, not a panic.
        assert!(context("𠮷x", &(1..2)).is_empty());
    }
}
