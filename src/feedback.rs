//! Feedback lists: the problems an inspection group raised, each of which the
//! notice must answer.
//!
//! A list is YAML, in a file of its own (`--feedback FILE`, or a sidecar
//! `NAME.feedback.yaml` next to `NAME.md`), under `feedback:` in a Markdown
//! document's front matter, or under `feedback:` in a pack:
//!
//! ```yaml
//! items:
//!   - id: F1
//!     text: 学习贯彻习近平新时代中国特色社会主义思想不够深入
//!   - id: F2
//!     text: 落实意识形态工作责任制有差距
//!     match: ['意识形态工作责任制']   # optional regexes for the heading or first sentence
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use miette::Diagnostic as MietteDiagnostic;
use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

use crate::document::{Document, Source};
use crate::pack::{PackError, pattern, span_of, yaml};

/// One problem raised by the inspection group.
#[derive(Debug, Clone)]
pub struct FeedbackItem {
    /// Id as written in the list (`F1`, `3`).
    pub id: String,
    /// The problem as the feedback words it.
    pub text: String,
    /// Extra patterns that identify the section answering it.
    pub patterns: Vec<Regex>,
}

/// The problems a notice must answer, with where the list came from.
#[derive(Debug, Clone)]
pub struct FeedbackList {
    /// File path, `front matter of <path>` or `pack <id>`.
    pub origin: String,
    /// Items in list order.
    pub items: Vec<FeedbackItem>,
}

/// The YAML form of a list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackSpec {
    items: Spanned<Vec<Spanned<ItemSpec>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemSpec {
    id: Spanned<String>,
    text: Spanned<String>,
    #[serde(default, rename = "match")]
    patterns: Vec<Spanned<String>>,
}

/// A feedback list that cannot be used (exit code 2).
#[derive(Debug, Error, MietteDiagnostic)]
pub enum FeedbackError {
    /// The file could not be read.
    #[error("cannot read feedback list `{path}`: {error}")]
    Read {
        /// The path.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The list is defective at a known place.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(PackError),
}

impl FeedbackSpec {
    /// How many `match` patterns the items list.
    pub fn pattern_count(&self) -> usize {
        self.items
            .value
            .iter()
            .map(|item| item.value.patterns.len())
            .sum()
    }

    /// Validates the items and compiles their patterns; errors point into `source`.
    pub fn compile(self, source: &Source, origin: String) -> Result<FeedbackList, PackError> {
        if self.items.value.is_empty() {
            return Err(PackError::at_value(
                source,
                &self.items.referenced,
                "a feedback list needs at least one item",
                "empty list",
                Some("list each problem of the feedback as `- {id: F1, text: …}`".to_owned()),
            ));
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut items = Vec::with_capacity(self.items.value.len());
        for item in self.items.value {
            let spec = item.value;
            let id = spec.id.value.trim().to_owned();
            if id.is_empty() {
                return Err(PackError::at_value(
                    source,
                    &spec.id.referenced,
                    "empty feedback item id",
                    "give this item an id",
                    None,
                ));
            }
            let span = span_of(source, &spec.id.referenced);
            if let Some(&first) = seen.get(&id) {
                return Err(PackError::at(
                    source,
                    span,
                    format!("duplicate feedback item id `{id}`"),
                    "used again here",
                    Some(format!(
                        "first used on line {}; ids are unique within a list",
                        source.position(first).line
                    )),
                ));
            }
            seen.insert(id.clone(), span.start);
            if spec.text.value.trim().is_empty() {
                return Err(PackError::at_value(
                    source,
                    &spec.text.referenced,
                    format!("feedback item `{id}` has no text"),
                    "empty text",
                    Some("copy the problem as the feedback words it".to_owned()),
                ));
            }
            let patterns = spec
                .patterns
                .iter()
                .map(|p| pattern::compile(source, p))
                .collect::<Result<_, _>>()?;
            items.push(FeedbackItem {
                id,
                text: spec.text.value.trim().to_owned(),
                patterns,
            });
        }
        Ok(FeedbackList { origin, items })
    }
}

impl FeedbackList {
    /// Parses a list from YAML text named `name`.
    pub fn parse(name: &str, text: &str) -> Result<FeedbackList, PackError> {
        let source = Source::new(name, text.strip_prefix('\u{feff}').unwrap_or(text));
        parse_source(&source, name.to_owned())
    }

    /// Reads and parses a list file.
    pub fn load(path: &Path) -> Result<FeedbackList, FeedbackError> {
        let name = crate::check::display_path(path);
        let read_error = |source| FeedbackError::Read {
            path: name.clone(),
            error: source,
        };
        let text = yaml::read_file(path).map_err(read_error)?;
        FeedbackList::parse(&name, &text).map_err(FeedbackError::Invalid)
    }

    /// The list under `feedback:` in a Markdown document's front matter, if any.
    /// Errors point at the document's own lines.
    pub fn from_front_matter(doc: &Document) -> Result<Option<FeedbackList>, PackError> {
        #[derive(Deserialize)]
        struct FrontMatter {
            feedback: Option<FeedbackSpec>,
        }
        let Some(range) = doc.front_matter() else {
            return Ok(None);
        };
        let yaml = doc.slice(range.clone());
        // Front matter may hold anything; a list is looked for only when named.
        let declares_feedback = yaml.contains("feedback");
        if !declares_feedback {
            return Ok(None);
        }
        // Errors are located by line and column: pad the front matter with the
        // lines before it so that both match the document.
        let line = doc.source().position(range.start).line;
        let padded = format!("{}{yaml}", "\n".repeat(line - 1));
        let source = Source::new(doc.source().name(), padded);
        let front: FrontMatter =
            yaml::from_source(&source).map_err(|e| e.about("feedback list"))?;
        front
            .feedback
            .map(|spec| {
                spec.compile(&source, format!("front matter of {}", doc.source().name()))
                    .map_err(|e| e.about("feedback list"))
            })
            .transpose()
    }
}

fn parse_source(source: &Source, origin: String) -> Result<FeedbackList, PackError> {
    if yaml::is_blank(source.text()) {
        return Err(PackError::at(
            source,
            0..0,
            "the feedback list is empty",
            "empty file",
            Some("write `items:` followed by one `- {id: F1, text: …}` per problem".to_owned()),
        )
        .about("feedback list"));
    }
    let spec: FeedbackSpec = yaml::from_source(source).map_err(|e| e.about("feedback list"))?;
    spec.compile(source, origin)
        .map_err(|e| e.about("feedback list"))
}

/// The sidecar list of a document: `pattern` with `{stem}` replaced by the
/// document's name without extension, next to it (`NAME.feedback.yaml` for
/// `NAME.md` or `NAME.txt` by default).
pub fn sidecar_path(document: &Path, pattern: Option<&str>) -> Option<PathBuf> {
    let stem = document.file_stem()?.to_str()?;
    let ext = document.extension()?.to_str()?;
    if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") {
        return None;
    }
    let pattern = pattern.unwrap_or(crate::config::DEFAULT_FEEDBACK_PATTERN);
    Some(document.with_file_name(pattern.replace("{stem}", stem)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(yaml: &str) -> String {
        match FeedbackList::parse("f.yaml", yaml) {
            Ok(list) => panic!("accepted: {list:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn parses_items_and_patterns() {
        let list = FeedbackList::parse(
            "f.yaml",
            "items:\n  - {id: F1, text: 学习不够深入}\n  - id: 2\n    text: ' 财务管理不规范 '\n    match: ['财务.*规范']\n",
        )
        .unwrap();
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[1].id, "2");
        assert_eq!(list.items[1].text, "财务管理不规范");
        assert!(list.items[1].patterns[0].is_match("财务制度不规范"));
        assert_eq!(list.origin, "f.yaml");
    }

    #[test]
    fn defects_point_at_their_line() {
        let e = error("items:\n  - {id: F1, text: 甲}\n  - {id: F1, text: 乙}\n");
        assert!(e.contains("invalid feedback list f.yaml:3:"), "{e}");
        assert!(e.contains("duplicate feedback item id `F1`"), "{e}");
        let e = error("items:\n  - {id: F1, text: 甲, match: ['(']}\n");
        assert!(e.contains("f.yaml:2:"), "{e}");
        assert!(e.contains("invalid regular expression"), "{e}");
        let e = error("items:\n  - {id: F1, txt: 甲}\n");
        assert!(e.contains("f.yaml:2:"), "{e}");
        assert!(e.contains("txt"), "{e}");
        let e = error("items: []\n");
        assert!(e.contains("at least one item"), "{e}");
        let e = error("items:\n  - {id: F1, text: '  '}\n");
        assert!(e.contains("has no text"), "{e}");
        let e = error("- F1\n");
        assert!(e.contains("invalid feedback list f.yaml:1:"), "{e}");
    }

    #[test]
    fn sidecar_names() {
        assert_eq!(
            sidecar_path(Path::new("a/notice.md"), None).unwrap(),
            Path::new("a/notice.feedback.yaml")
        );
        assert_eq!(
            sidecar_path(Path::new("notice.txt"), None).unwrap(),
            Path::new("notice.feedback.yaml")
        );
        assert_eq!(
            sidecar_path(Path::new("a/notice.txt"), Some("反馈/{stem}.yaml")).unwrap(),
            Path::new("a/反馈/notice.yaml")
        );
        assert!(sidecar_path(Path::new("x.feedback.yaml"), None).is_none());
    }
}
