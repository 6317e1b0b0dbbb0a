//! Anchors: named dates found in each document (the feedback date, the
//! inspection period, the signature date) that date rules compare against.

use std::collections::BTreeMap;
use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::dates::{self, DateExpr, Interval};
use crate::document::{Document, Source};
use crate::pack::{PackError, pattern, span_of};

/// Anchor found by the engine itself: `…至…，…巡察组对…开展了巡察`.
pub const INSPECTION_PERIOD: &str = "inspection_period";
/// Anchor found by the engine itself: the last paragraph that is only a date.
pub const SIGNATURE_DATE: &str = "signature_date";

const INSPECTION_PATTERN: &str =
    r"(?P<date>{date})[，,]?[^。]*?巡[察视]组[^。]*?(?:进行|开展)了?[^。]{0,12}?巡[察视]";

/// YAML form of one anchor.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnchorOptions {
    /// Regex with a `(?P<date>…)` group; `{date}` expands to the date pattern.
    find: Spanned<String>,
    /// Name used in messages, e.g. 巡察反馈日期.
    name: Option<String>,
    /// Whether a document without it is a finding (reported by the rule that checks it).
    #[serde(default)]
    required: bool,
    /// Message when missing.
    message: Option<String>,
    /// Help when missing.
    help: Option<String>,
}

/// How an anchor is found in a document.
#[derive(Debug, Clone)]
pub enum Finder {
    /// A pattern written `(?P<date>{date})<rest>`: each date the engine
    /// extracted is tried, with `rest` (anchored) matched right after it. This
    /// reuses the date extraction and avoids compiling the large date pattern
    /// into every anchor's regex.
    AfterDate(Regex),
    /// Any other pattern with a `date` group, searched in each paragraph.
    Pattern(Regex),
}

/// The written form that [`Finder::AfterDate`] handles.
const DATE_FIRST: &str = "(?P<date>{date})";

impl Finder {
    /// Compiles a pattern written at `span` of `source`.
    fn compile(source: &Source, span: Range<usize>, pattern: &str) -> Result<Finder, PackError> {
        if let Some(rest) = pattern.strip_prefix(DATE_FIRST) {
            return Ok(Finder::AfterDate(pattern::compile_at(
                source,
                span,
                &format!("^(?:{rest})"),
            )?));
        }
        Ok(Finder::Pattern(pattern::compile_at(source, span, pattern)?))
    }
}

/// A compiled anchor.
#[derive(Debug, Clone)]
pub struct AnchorSpec {
    /// Key in `anchors:`.
    pub id: String,
    /// Name used in messages.
    pub name: String,
    /// How it is found.
    pub finder: Finder,
    /// Whether it must be present.
    pub required: bool,
    /// Message when missing.
    pub message: Option<String>,
    /// Help when missing.
    pub help: Option<String>,
}

/// Compiles the `anchors:` mapping of a pack.
pub fn compile_anchors(
    anchors: BTreeMap<String, Spanned<AnchorOptions>>,
    source: &Source,
) -> Result<Vec<AnchorSpec>, PackError> {
    let mut out = Vec::new();
    for (id, options) in anchors {
        let find = &options.value.find;
        let span = span_of(source, &find.referenced);
        let finder = Finder::compile(source, span.clone(), &find.value)?;
        if let Finder::Pattern(regex) = &finder
            && !regex.capture_names().any(|n| n == Some("date"))
        {
            return Err(PackError::at(
                source,
                span,
                format!("anchor `{id}` has no `(?P<date>…)` group"),
                "this pattern",
                Some("write the date part as (?P<date>{date})".to_owned()),
            ));
        }
        out.push(AnchorSpec {
            name: options.value.name.unwrap_or_else(|| id.clone()),
            id,
            finder,
            required: options.value.required,
            message: options.value.message,
            help: options.value.help,
        });
    }
    Ok(out)
}

/// Ids of the anchors [`builtin_specs`] provides, known without compiling them.
pub const BUILTIN_IDS: &[&str] = &[INSPECTION_PERIOD];

/// Anchors the engine provides to every pack, compiled once per run.
pub fn builtin_specs() -> Vec<AnchorSpec> {
    let rest = INSPECTION_PATTERN
        .strip_prefix(DATE_FIRST)
        .expect("the built-in inspection pattern starts with the date");
    let finder = Finder::AfterDate(
        Regex::new(&format!("^(?:{rest})")).expect("the built-in inspection pattern compiles"),
    );
    vec![AnchorSpec {
        id: INSPECTION_PERIOD.to_owned(),
        name: "巡察时间".to_owned(),
        finder,
        required: false,
        message: None,
        help: None,
    }]
}

/// A resolved anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Where the date is written; `None` when given on the command line or in front matter.
    pub span: Option<Range<usize>>,
    /// The dates it covers.
    pub interval: Interval,
}

/// The anchors of one document.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    found: BTreeMap<String, Anchor>,
}

impl Anchors {
    /// Finds every anchor of `specs` and the built-in ones; `overrides` (from
    /// the command line or front matter) win.
    pub fn resolve(
        doc: &Document,
        dates: &[DateExpr],
        specs: &[AnchorSpec],
        overrides: &[(String, Interval)],
    ) -> Anchors {
        let mut found = BTreeMap::new();
        if let Some(anchor) = signature_date(doc, dates) {
            found.insert(SIGNATURE_DATE.to_owned(), anchor);
        }
        for spec in specs {
            let anchor = match &spec.finder {
                Finder::AfterDate(rest) => find_after_date(doc, dates, rest),
                Finder::Pattern(regex) => find_anchor(doc, dates, regex),
            };
            if let Some(anchor) = anchor {
                found.entry(spec.id.clone()).or_insert(anchor);
            }
        }
        for (id, interval) in overrides {
            found.insert(
                id.clone(),
                Anchor {
                    span: None,
                    interval: *interval,
                },
            );
        }
        Anchors { found }
    }

    /// The anchor named `id`, if found.
    pub fn get(&self, id: &str) -> Option<&Anchor> {
        self.found.get(id)
    }
}

/// The first valid date of a prose block that `rest` matches right after.
fn find_after_date(doc: &Document, dates: &[DateExpr], rest: &Regex) -> Option<Anchor> {
    let blocks = doc.blocks();
    dates.iter().find_map(|date| {
        let interval = *date.interval()?;
        let index = doc.block_at(date.span.start)?;
        let block = &blocks[index];
        if date.span.start < block.range.start || date.span.end > block.range.end {
            return None;
        }
        rest.is_match(doc.slice(date.span.end..block.range.end))
            .then(|| Anchor {
                span: Some(date.span.clone()),
                interval,
            })
    })
}

/// First match of `regex` in a prose block whose `date` group is a valid date.
fn find_anchor(doc: &Document, dates: &[DateExpr], regex: &Regex) -> Option<Anchor> {
    for block in doc.blocks() {
        let text = doc.slice(block.range.clone());
        for captures in regex.captures_iter(text) {
            let Some(group) = captures.name("date") else {
                continue;
            };
            let span = block.range.start + group.start()..block.range.start + group.end();
            // Prefer the engine's reading of the whole text: it knows the year of
            // a year-less date from the sentences before it.
            let expr = dates.iter().find(|d| span.contains(&d.span.start));
            let interval = match expr {
                Some(d) => d.interval().copied(),
                None => dates::parse_one(group.as_str(), None).and_then(|d| d.interval().copied()),
            };
            if let Some(interval) = interval {
                let span = expr.map_or(span, |d| d.span.clone());
                return Some(Anchor {
                    span: Some(span),
                    interval,
                });
            }
        }
    }
    None
}

/// The last block that is nothing but a date (the 成文日期 under the signature).
fn signature_date(doc: &Document, dates: &[DateExpr]) -> Option<Anchor> {
    doc.blocks().iter().rev().take(5).find_map(|block| {
        dates
            .iter()
            .find(|d| d.span == block.range)
            .and_then(|d| d.interval().map(|i| (d.span.clone(), *i)))
            .map(|(span, interval)| Anchor {
                span: Some(span),
                interval,
            })
    })
}

/// Parses `NAME=DATE` from `--anchor`.
pub fn parse_override(text: &str) -> Result<(String, Interval), String> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is not NAME=DATE"))?;
    let expr = dates::parse_one(value, None).ok_or_else(|| format!("`{value}` is not a date"))?;
    let interval = expr
        .interval()
        .copied()
        .ok_or_else(|| format!("`{value}` is not a valid date"))?;
    Ok((name.trim().to_owned(), interval))
}

#[cfg(test)]
mod tests {
    use super::{BUILTIN_IDS, builtin_specs};

    #[test]
    fn builtin_ids_name_the_builtin_specs() {
        let ids: Vec<String> = builtin_specs().into_iter().map(|s| s.id).collect();
        assert_eq!(ids, BUILTIN_IDS);
    }
}
