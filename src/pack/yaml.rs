//! Reading the YAML of packs, configurations and feedback lists within fixed
//! limits, and saying in plain words what is wrong when it cannot be read.
//!
//! These files may come from anywhere (a pack downloaded from another office,
//! a configuration in a pull request), so reading one must stay bounded
//! whatever it holds: its size, the number of YAML nodes and events, the
//! nesting depth and how far aliases expand are all capped (see the
//! constants). Over a limit, loading fails with a message naming the limit,
//! at the place where it was crossed.

use std::io::Read;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, Error, Options};

use super::error::PackError;
use crate::document::Source;

/// Largest pack, configuration or feedback list read, in bytes (32 MiB).
/// A pack with 100,000 substitution pairs is about 6 MB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Most YAML nodes (mappings, lists and scalars, after alias expansion) in
/// one file: room for 100,000 substitution pairs or feedback items (five
/// nodes each) twice over.
pub const MAX_NODES: usize = 1_000_000;

/// Most parser events in one file (a node is one or two events).
pub const MAX_EVENTS: usize = 2_000_000;

/// Deepest nesting of mappings and lists. Packs need five levels at most.
pub const MAX_DEPTH: usize = 64;

/// Most events kept for anchors (`&name`) and replayed by aliases (`*name`)
/// in one file: what stops an alias-expansion bomb ("billion laughs") long
/// before it costs anything, while a list of 100,000 terms can still be
/// anchored once and used twice.
pub const MAX_ALIAS_EVENTS: usize = 250_000;

/// The parser options every noticelint YAML file is read with.
pub fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_nodes = MAX_NODES;
    budget.max_events = MAX_EVENTS;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_recorded_anchor_events = MAX_ALIAS_EVENTS;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = MAX_ALIAS_EVENTS;
    options
}

/// Deserializes `text` within the limits of [`options`].
pub fn from_str<'de, T: Deserialize<'de>>(text: &'de str) -> Result<T, Error> {
    serde_saphyr::from_str_with_options(text, options())
}

/// [`from_str`] on the text of `source`, the error located in it.
pub fn from_source<'de, T: Deserialize<'de>>(source: &'de Source) -> Result<T, PackError> {
    from_str(source.text()).map_err(|e| PackError::from_yaml(source, &e))
}

/// Reads a YAML file as UTF-8 text, refusing more than [`MAX_FILE_BYTES`].
/// Only as much as the limit is read, so that a huge file (or a device that
/// never ends) costs no more than the limit.
pub fn read_file(path: &Path) -> std::io::Result<String> {
    let file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "larger than the limit of {} MiB for YAML files",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
        )
    })
}

/// Whether `text` holds no YAML node: only blank lines and comments. Such a
/// file is reported as empty rather than as an unexpected end of input.
pub fn is_blank(text: &str) -> bool {
    text.lines().all(|line| {
        let line = line.trim_start();
        line.is_empty() || line.starts_with('#')
    })
}

/// What is wrong, in one line without the location (reports show it).
///
/// The parser's own words are kept when they are clear; terse ones ("expected
/// mapping start", "invalid u64") and the limits ("budget breached: Nodes {…}")
/// are said plainly.
pub fn message(error: &Error) -> String {
    let mut error = error;
    while let Error::AliasError { error: inner, .. } | Error::WithSnippet { error: inner, .. } =
        error
    {
        error = inner;
    }
    match error {
        Error::Unexpected { expected, .. } => match *expected {
            "mapping start" => "expected a mapping (`key: value` entries)".to_owned(),
            "sequence start" => "expected a list (`- item` lines or `[a, b]`)".to_owned(),
            "string scalar" => "expected a string".to_owned(),
            other => format!("expected {other}"),
        },
        Error::InvalidScalar { ty, .. } => match *ty {
            "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => {
                let max = match *ty {
                    "u8" => u64::from(u8::MAX),
                    "u16" => u64::from(u16::MAX),
                    "u32" => u64::from(u32::MAX),
                    _ => u64::MAX,
                };
                format!("expected a whole number from 0 to {max}")
            }
            "floating point" | "f32" | "f64" => "expected a number".to_owned(),
            "boolean" => "expected true or false".to_owned(),
            other => format!("invalid {other}"),
        },
        Error::Budget { breach, .. } => breach_message(breach),
        Error::AliasReplayLimitExceeded { .. } | Error::AliasExpansionLimitExceeded { .. } => {
            format!(
                "aliases expand to more than {MAX_ALIAS_EVENTS} YAML events (limit); write the values out or use fewer aliases"
            )
        }
        Error::AliasReplayStackDepthExceeded { max_depth, .. } => {
            format!("aliases nested more than {max_depth} deep (limit)")
        }
        other => {
            let message = other.to_string();
            // The location is shown by the report; drop the parser's own suffix.
            let message = match message.rfind(" at line ") {
                Some(i) if message[i..].contains(", column ") => message[..i].to_owned(),
                _ => message,
            };
            if message == "recursion limit exceeded" {
                // The parser's cap on `[`/`{` nesting (set to the same depth).
                format!("nested more than {MAX_DEPTH} levels deep (limit)")
            } else {
                message
            }
        }
    }
}

fn breach_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Nodes { .. } => format!(
            "too many YAML nodes: more than {MAX_NODES} (limit), counting what aliases expand to"
        ),
        BudgetBreach::Events { .. } => {
            format!("too many YAML events: more than {MAX_EVENTS} (limit)")
        }
        BudgetBreach::Depth { .. } => {
            format!("nested more than {MAX_DEPTH} levels deep (limit)")
        }
        BudgetBreach::RecordedAnchorEvents { .. } | BudgetBreach::RecordedAnchorBytes { .. } => {
            format!(
                "anchors and aliases expand to more than {MAX_ALIAS_EVENTS} YAML events (limit); write the values out or use fewer aliases"
            )
        }
        BudgetBreach::Aliases { .. }
        | BudgetBreach::Anchors { .. }
        | BudgetBreach::AliasAnchorRatio { .. } => {
            "too many aliases (`*name`) for the anchors they use (limit)".to_owned()
        }
        BudgetBreach::ScalarBytes { .. } | BudgetBreach::InputBytes { .. } => {
            "the YAML text is too large".to_owned()
        }
        BudgetBreach::Documents { .. } => "too many YAML documents in one file".to_owned(),
        other => format!("a YAML limit was exceeded ({other:?})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Shape {
        n: Option<u64>,
        list: Option<Vec<String>>,
        map: Option<std::collections::BTreeMap<String, String>>,
        any: Option<serde::de::IgnoredAny>,
    }

    fn message_of(text: &str) -> String {
        message(&from_str::<Shape>(text).unwrap_err())
    }

    #[test]
    fn terse_parser_messages_are_said_plainly() {
        assert_eq!(
            message_of("- a\n"),
            "expected a mapping (`key: value` entries)"
        );
        assert_eq!(
            message_of("list: yes\n"),
            "expected a list (`- item` lines or `[a, b]`)"
        );
        assert_eq!(
            message_of("n: -1\n"),
            "expected a whole number from 0 to 18446744073709551615"
        );
        assert_eq!(
            message_of("n: 99999999999999999999\n"),
            "expected a whole number from 0 to 18446744073709551615"
        );
        assert_eq!(
            message_of("map: [a]\n"),
            "expected a mapping (`key: value` entries)"
        );
    }

    #[test]
    fn blank_means_no_node() {
        assert!(is_blank(""));
        assert!(is_blank(" \n# comment\n\t\n  # another\n"));
        assert!(!is_blank("# comment\na: 1\n"));
        assert!(!is_blank("~"));
    }

    #[test]
    fn limits_are_named() {
        let deep = format!("any: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let e = message_of(&deep);
        assert!(e.contains("nested") || e.contains("limit"), "{e}");
        let mut bomb = "any:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n".to_owned();
        for i in 1..12 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            bomb.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
        }
        let e = message_of(&bomb);
        assert!(e.contains("limit") || e.contains("alias"), "{e}");
    }
}
