//! `--format sarif`: SARIF 2.1.0, one run, for code scanning services and
//! SARIF viewers.
//!
//! Columns count Unicode code points (`columnKind: unicodeCodePoints`), as
//! ours do; `charOffset`/`charLength` count the same unit from the start of
//! the text (a BOM is not counted, as SARIF requires). Paths are relative
//! references to `%SRCROOT%`, the directory the tool ran in; its absolute URI
//! is left out so that the output does not depend on the machine.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::ops::Range;

use serde::Serialize;
use serde_json::value::RawValue;

use super::{RuleInfo, project_url};
use crate::check::FileReport;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Position, Source};

/// The `$schema` written into every log.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The URI base id every relative path is resolved against.
const SRCROOT: &str = "%SRCROOT%";

/// Key of our fingerprint in `partialFingerprints`; bump the version when
/// [`fingerprint`] changes how it hashes.
const FINGERPRINT_KEY: &str = "noticelint/v1";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    original_uri_base_ids: BTreeMap<&'static str, BaseLocation>,
    column_kind: &'static str,
    /// We also end lines at a lone CR, which SARIF's default does not.
    newline_sequences: [&'static str; 3],
    results: Vec<Box<RawValue>>,
}

#[derive(Serialize)]
struct BaseLocation {
    description: Text<'static>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    short_description: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<Text<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help_uri: Option<String>,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Configuration {
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    kind: &'a str,
}

/// A `message` or `multiformatMessageString`: both need only `text`.
#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text<'a>,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    /// Set on related locations: two labels with the same span and text would
    /// otherwise be equal, and the schema wants them unique.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    char_offset: usize,
    char_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Text<'a>>,
    artifact_changes: [ArtifactChange<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: Region,
    inserted_content: Text<'a>,
}

/// Regions of one document: line/column from [`Source::position`], character
/// offsets from a per-line index so that each region costs one line's scan.
struct Regions<'a> {
    source: &'a Source,
    /// Code points before the start of each line.
    line_chars: Vec<usize>,
}

impl<'a> Regions<'a> {
    fn new(source: &'a Source) -> Self {
        let text = source.text();
        let mut line_chars = Vec::with_capacity(source.line_count());
        let (mut chars, mut previous) = (0, 0);
        for index in 0..source.line_count() {
            let start = source.line_range(index).start;
            chars += text[previous..start].chars().count();
            line_chars.push(chars);
            previous = start;
        }
        Regions { source, line_chars }
    }

    fn char_offset(&self, position: Position) -> usize {
        self.line_chars[position.line - 1] + position.column - 1
    }

    /// A region for a byte span; an empty span is an insertion point
    /// (`startColumn == endColumn`, `charLength` 0).
    fn region(&self, span: &Range<usize>) -> Region {
        let start = self.source.position(span.start);
        let end = self.source.position(span.end);
        let char_offset = self.char_offset(start);
        Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
            char_offset,
            char_length: self.char_offset(end).saturating_sub(char_offset),
        }
    }
}

/// Where a path as printed lives, as a SARIF `artifactLocation`: a relative
/// reference to `%SRCROOT%`, or a `file` URI for an absolute path; `/`
/// separators, and every byte but unreserved characters and `/`
/// percent-encoded (non-ASCII as UTF-8), so that it is a valid URI reference.
fn artifact_location(path: &str) -> ArtifactLocation {
    let drive = path.as_bytes();
    let is_drive_path =
        drive.len() >= 3 && drive[0].is_ascii_alphabetic() && drive[1] == b':' && drive[2] == b'/';
    if is_drive_path {
        ArtifactLocation {
            uri: format!("file:///{}:{}", &path[..1], percent_encode(&path[2..])),
            uri_base_id: None,
        }
    } else if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", percent_encode(path)),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: percent_encode(path),
            uri_base_id: Some(SRCROOT),
        }
    }
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A pack's `url` as SARIF's `helpUri`, which must be an absolute URI: `None`
/// without a scheme (a relative link has no base here); characters a URI
/// cannot hold (spaces, non-ASCII) percent-encoded as UTF-8.
fn absolute_uri(url: &str) -> Option<String> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid_scheme = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !valid_scheme {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        let allowed = byte.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&byte);
        if allowed {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(out)
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A readable name for a rule, as SARIF viewers show beside the id: the last
/// part of `pack/rule` in PascalCase (`contact-block` → `ContactBlock`), as
/// the spec's examples and Microsoft's SARIF guidelines have it.
fn rule_name(id: &str) -> Option<String> {
    let last = id.rsplit('/').next().unwrap_or(id);
    let name: String = last
        .split(['-', '_', '.', ' '])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .chain(chars)
        })
        .collect();
    (!name.is_empty() && name != id).then_some(name)
}

fn rule(info: &RuleInfo) -> Rule<'_> {
    Rule {
        id: &info.id,
        name: rule_name(&info.id),
        short_description: Text {
            text: info.description.as_deref().unwrap_or(&info.id),
        },
        help: info.help.as_deref().map(|text| Text { text }),
        help_uri: info.url.as_deref().and_then(absolute_uri),
        // An `off` rule is listed (the log then documents the whole pack)
        // but marked disabled; it never has results.
        default_configuration: match info.severity {
            Some(severity) => Configuration {
                enabled: None,
                level: Some(level(severity)),
            },
            None => Configuration {
                enabled: Some(false),
                level: None,
            },
        },
        properties: RuleProperties { kind: &info.kind },
    }
}

fn result<'a>(
    regions: &Regions<'_>,
    artifact: &ArtifactLocation,
    diagnostic: &'a Diagnostic,
    rule_index: Option<usize>,
    fingerprint: String,
) -> SarifResult<'a> {
    let location = |id, span: &Range<usize>, message: Option<&'a str>| Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: artifact.clone(),
            region: regions.region(span),
        },
        message: message.map(|text| Text { text }),
    };
    let fixes = diagnostic
        .fix
        .iter()
        .map(|fix| SarifFix {
            description: diagnostic.help.as_deref().map(|text| Text { text }),
            artifact_changes: [ArtifactChange {
                artifact_location: artifact.clone(),
                replacements: fix
                    .edits
                    .iter()
                    .map(|edit| Replacement {
                        deleted_region: regions.region(&edit.span),
                        inserted_content: Text {
                            text: &edit.replacement,
                        },
                    })
                    .collect(),
            }],
        })
        .filter(|fix| !fix.artifact_changes[0].replacements.is_empty())
        .collect();
    SarifResult {
        rule_id: &diagnostic.rule,
        rule_index,
        level: level(diagnostic.severity),
        message: Text {
            text: &diagnostic.message,
        },
        locations: [location(
            None,
            &diagnostic.primary,
            diagnostic.primary_label.as_deref(),
        )],
        related_locations: diagnostic
            .labels
            .iter()
            .enumerate()
            .map(|(i, label)| location(Some(i + 1), &label.span, Some(&label.message)))
            .collect(),
        partial_fingerprints: BTreeMap::from([(FINGERPRINT_KEY, fingerprint)]),
        fixes,
    }
}

/// Index of each rule id in `tool.driver.rules`.
pub(super) fn rule_index(rules: &[RuleInfo]) -> HashMap<String, usize> {
    let mut index = HashMap::with_capacity(rules.len());
    for (i, rule) in rules.iter().enumerate() {
        index.entry(rule.id.clone()).or_insert(i);
    }
    index
}

/// One file's results, rendered at their place in the log.
pub(super) fn fragments(
    report: &FileReport,
    index: &HashMap<String, usize>,
) -> io::Result<Vec<Box<RawValue>>> {
    let Some(source) = &report.source else {
        return Ok(Vec::new());
    };
    let regions = Regions::new(source);
    let artifact = artifact_location(&report.path);
    let prints = report.fingerprints();
    report
        .diagnostics
        .iter()
        .zip(prints)
        .map(|(diagnostic, print)| {
            let rule_index = index.get(diagnostic.rule.as_str()).copied();
            super::raw_json(
                &result(&regions, &artifact, diagnostic, rule_index, print),
                8,
            )
        })
        .collect()
}

/// The log with an empty `results` array, which [`super::Stream`] fills.
pub(super) fn envelope(rules: &[RuleInfo]) -> io::Result<String> {
    let log = Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: project_url(),
                    rules: rules.iter().map(rule).collect(),
                },
            },
            original_uri_base_ids: BTreeMap::from([(
                SRCROOT,
                BaseLocation {
                    description: Text {
                        text: "The directory noticelint ran in; relative paths are relative to it.",
                    },
                },
            )]),
            column_kind: "unicodeCodePoints",
            newline_sequences: ["\r\n", "\n", "\r"],
            results: Vec::new(),
        }],
    };
    Ok(serde_json::to_string_pretty(&log)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let relative = artifact_location("examples/通报 (1).txt");
        assert_eq!(relative.uri, "examples/%E9%80%9A%E6%8A%A5%20%281%29.txt");
        assert_eq!(relative.uri_base_id, Some(SRCROOT));
        // A colon in a first segment would read as a scheme.
        assert_eq!(
            artifact_location("a:b%c#d?.txt").uri,
            "a%3Ab%25c%23d%3F.txt"
        );
        let absolute = artifact_location("/tmp/a b.txt");
        assert_eq!(absolute.uri, "file:///tmp/a%20b.txt");
        assert_eq!(absolute.uri_base_id, None);
        assert_eq!(artifact_location("C:/x/a.txt").uri, "file:///C:/x/a.txt");
    }

    #[test]
    fn help_uris_are_absolute_and_encoded() {
        assert_eq!(
            absolute_uri("https://例.cn/规则 1?a=b#c").as_deref(),
            Some("https://%E4%BE%8B.cn/%E8%A7%84%E5%88%99%201?a=b#c")
        );
        assert_eq!(absolute_uri("docs/rules.md"), None);
        assert_eq!(absolute_uri("1x:y"), None);
        assert_eq!(absolute_uri(":y"), None);
    }

    #[test]
    fn rule_names_are_pascal_case_of_the_last_part() {
        assert_eq!(
            rule_name("xuncha-zhenggai/contact-block").as_deref(),
            Some("ContactBlock")
        );
        assert_eq!(rule_name("p/date_valid").as_deref(), Some("DateValid"));
        assert_eq!(rule_name("p/").as_deref(), None);
    }

    #[test]
    fn regions_count_code_points_and_survive_odd_spans() {
        let source = Source::new("a", "一\r\n𠮷x\r\n");
        let regions = Regions::new(&source);
        let x = "一\r\n𠮷".len();
        assert_eq!(
            regions.region(&(x..x + 1)),
            Region {
                start_line: 2,
                start_column: 2,
                end_line: 2,
                end_column: 3,
                char_offset: 4,
                char_length: 1,
            }
        );
        // An insertion point at the end of the text.
        let end = source.text().len();
        let at_end = regions.region(&(end..end));
        assert_eq!((at_end.start_line, at_end.start_column), (3, 1));
        assert_eq!((at_end.char_offset, at_end.char_length), (7, 0));
        // Inside the CRLF: clamped to the end of the line, offsets agree.
        let inside = regions.region(&(4..4));
        assert_eq!((inside.start_line, inside.start_column), (1, 2));
        assert_eq!(inside.char_offset, 1);
        // Reversed or out-of-range spans do not panic.
        #[allow(clippy::reversed_empty_ranges)]
        let odd = regions.region(&(100..3));
        assert_eq!(odd.char_length, 0);
    }
}
