//! Regular expressions written in packs: fragment expansion and checks.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde_saphyr::Spanned;

use super::error::{PackError, span_of};
use crate::document::Source;

/// Named fragments a pack regex may use as `{name}`.
pub const FRAGMENTS: &[(&str, &str)] = &[
    ("date", crate::dates::DATE_PATTERN),
    (
        "phone_cn",
        // Landline with area code (010-69555726, (0554)4989215, extension),
        // mobile, 400/800 service numbers, and 5-digit public hotlines (12388).
        r"(?:(?:0[1-9][0-9]{1,2}-?|\(0[1-9][0-9]{1,2}\)|（0[1-9][0-9]{1,2}）)[2-9][0-9]{6,7}(?:(?:-|转)[0-9]{1,6})?|1[3-9][0-9]{9}|[48]00-?[0-9]{3}-?[0-9]{4}|12[0-9]{3})",
    ),
    ("postcode_cn", r"[0-9]{6}"),
    (
        "email",
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    ),
    (
        "url",
        r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::[0-9]{1,5})?(?:/[^\s，。；]*)?",
    ),
];

/// The source of a named fragment.
pub fn fragment(name: &str) -> Option<&'static str> {
    FRAGMENTS.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
}

/// Compiles a pack regex, pointing at it on failure.
///
/// `{name}` is replaced by a fragment from [`FRAGMENTS`]; a Unicode word
/// boundary (`\b`, `\B`, `\<`, `\>`) is rejected because Chinese has no spaces
/// between words, so it never matches where a writer expects.
pub fn compile(source: &Source, pattern: &Spanned<String>) -> Result<Regex, PackError> {
    compile_at(source, span_of(source, &pattern.referenced), &pattern.value)
}

/// [`compile`] for a pattern written at `span` of `source`.
pub fn compile_at(source: &Source, span: Range<usize>, pattern: &str) -> Result<Regex, PackError> {
    let error = |message: String, help: Option<String>| {
        PackError::at(source, span.clone(), message, "this pattern", help)
    };
    let expanded = expand(pattern).map_err(|name| {
        error(
            format!("unknown fragment `{{{name}}}` in pattern"),
            Some(format!(
                "known fragments: {}",
                FRAGMENTS
                    .iter()
                    .map(|(n, _)| format!("{{{n}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        )
    })?;
    // Fragments contain no word boundary: check the pattern as written, with
    // each fragment as an empty group, which is far cheaper than the expansion.
    let written = expand_with(pattern, |_| Some("")).unwrap_or_default();
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&written)
        .map_err(|e| {
            error(
                format!("invalid regular expression: {}", first_line(&e.to_string())),
                detail(pattern, &e.to_string()),
            )
        })?;
    if hir.properties().look_set().contains_word_unicode() {
        return Err(error(
            r"word boundary `\b` in pattern".to_owned(),
            Some(
                r"Chinese text has no spaces between words, so `\b` never matches where intended; remove it or use explicit characters"
                    .to_owned(),
            ),
        ));
    }
    RegexBuilder::new(&expanded).build().map_err(|e| match e {
        // The parse above succeeded: what fails now is the size of the
        // compiled program, which counted repetitions multiply.
        regex::Error::CompiledTooBig(limit) => error(
            format!(
                "regular expression too large: compiled, it exceeds the limit of {} MiB",
                limit / (1024 * 1024)
            ),
            Some(
                "counted repetitions multiply (`(?:a{1000}){1000}` is a million steps), as do large character classes and `{date}`-style fragments inside them; use smaller counts or split the pattern"
                    .to_owned(),
            ),
        ),
        other => error(
            format!(
                "invalid regular expression: {}",
                first_line(&other.to_string())
            ),
            detail(pattern, &other.to_string()),
        ),
    })
}

/// The regex crate's full message, which repeats the pattern with a caret
/// under the fault: helpful under a short pattern, noise under a long one.
fn detail(pattern: &str, message: &str) -> Option<String> {
    (pattern.chars().count() <= 200 && !pattern.contains('\n')).then(|| message.to_owned())
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.starts_with("error:"))
        .map_or(text.lines().next().unwrap_or(text), |l| {
            l.trim_start_matches("error:").trim()
        })
}

/// Replaces `{name}` with its fragment; returns the unknown name on failure.
/// Repetitions such as `{2,3}` and escaped braces are left alone.
fn expand(pattern: &str) -> Result<String, String> {
    expand_with(pattern, fragment)
}

fn expand_with(
    pattern: &str,
    fragment: impl Fn(&str) -> Option<&'static str>,
) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(i) = rest.find(['{', '\\']) {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('\\') {
            let len = rest[1..].chars().next().map_or(1, |c| 1 + c.len_utf8());
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len() - 1);
        if name_len > 0 && rest[1 + name_len..].starts_with('}') {
            let name = &rest[1..1 + name_len];
            let fragment = fragment(name).ok_or_else(|| name.to_owned())?;
            out.push_str("(?:");
            out.push_str(fragment);
            out.push(')');
            rest = &rest[name_len + 2..];
        } else {
            out.push('{');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_fragments_and_leaves_repetitions() {
        assert_eq!(expand("a{2,3}").unwrap(), "a{2,3}");
        assert_eq!(expand(r"\{postcode_cn}").unwrap(), r"\{postcode_cn}");
        assert_eq!(expand("x{postcode_cn}").unwrap(), "x(?:[0-9]{6})");
        assert_eq!(expand("{nope}").unwrap_err(), "nope");
    }

    #[test]
    fn fragments_compile_and_match() {
        let phone = Regex::new(&format!("^{}$", fragment("phone_cn").unwrap())).unwrap();
        for ok in [
            "010-69555726",
            "0554-4989215",
            "13812345678",
            "400-810-5555",
            "12388",
            "(010)69555726",
        ] {
            assert!(phone.is_match(ok), "{ok}");
        }
        for bad in ["0571-8888", "69555726", "010-0123456", "1234"] {
            assert!(!phone.is_match(bad), "{bad}");
        }
        let email = Regex::new(&format!("^{}$", fragment("email").unwrap())).unwrap();
        assert!(email.is_match("tzgdzgk@126.com"));
        assert!(!email.is_match("tzgdzgk@126"));
    }
}
