//! Suppression comments: directives written in a document that silence
//! findings of named rules, with a reason.
//!
//! Markdown uses HTML comments, plain text a line of its own that starts with
//! `%%`:
//!
//! ```text
//! <!-- noticelint-disable-next-line gongwen-base/terms -- 引用原文 -->
//! <!-- noticelint-disable terms, punctuation-width -- 附件照录原件 -->
//! <!-- noticelint-enable terms, punctuation-width -->
//! %% noticelint-disable-next-line terms -- 引用原文
//! ```
//!
//! A rule is named by its full id (`pack/rule`), by its id within its pack
//! (`terms` names every loaded `*/terms`), or `all`. `disable-next-line`
//! covers findings whose primary span starts on the next line that is neither
//! blank nor another directive; `disable` covers findings that start between
//! it and the `enable` naming the same rules (or the end of the document).
//! A covered finding is dropped, fix included.
//!
//! The engine checks the directives themselves and reports, as warnings in the
//! `noticelint/` namespace: a disable without a reason
//! ([`RULE_SUPPRESSION_REASON`]), a directive that suppressed nothing
//! ([`RULE_UNUSED_SUPPRESSION`]), a rule name no loaded pack has
//! ([`RULE_UNKNOWN_RULE`]) and a directive that cannot be read
//! ([`RULE_INVALID_SUPPRESSION`]). These findings cannot themselves be
//! suppressed: a directive that silenced the check of directives would hide
//! its own mistakes.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};
use thiserror::Error;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Format, Source};
use crate::pack::PackSet;

/// The namespace of the engine's own findings; no pack may use it as its id.
pub const ENGINE_NAMESPACE: &str = "noticelint";
/// A disable directive without `-- reason`.
pub const RULE_SUPPRESSION_REASON: &str = "noticelint/suppression-reason";
/// A directive that suppressed nothing (or an enable that closed nothing).
pub const RULE_UNUSED_SUPPRESSION: &str = "noticelint/unused-suppression";
/// A directive naming a rule that no loaded pack has.
pub const RULE_UNKNOWN_RULE: &str = "noticelint/unknown-rule";
/// A directive that cannot be read: unknown keyword or no rule list.
pub const RULE_INVALID_SUPPRESSION: &str = "noticelint/invalid-suppression";

/// `noticelint/`: the prefix of the engine's rule ids.
const ENGINE_PREFIX: &str = "noticelint/";

/// What starts a directive line in plain text.
pub const PLAIN_MARKER: &str = "%%";

/// What every directive starts with. Text starting with it (in any case) is
/// read as a directive, so that a misspelt one is reported, not ignored.
const PREFIX: &str = "noticelint";

/// Severity of the engine's findings about directives.
const ENGINE_SEVERITY: Severity = Severity::Warning;

/// The three directives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `noticelint-disable-next-line`: the next non-blank line.
    DisableNextLine,
    /// `noticelint-disable`: until the matching enable or the end.
    Disable,
    /// `noticelint-enable`: ends what a disable started.
    Enable,
}

impl DirectiveKind {
    /// The keyword as written in documents.
    pub fn keyword(self) -> &'static str {
        match self {
            DirectiveKind::DisableNextLine => "noticelint-disable-next-line",
            DirectiveKind::Disable => "noticelint-disable",
            DirectiveKind::Enable => "noticelint-enable",
        }
    }

    fn from_keyword(word: &str) -> Option<DirectiveKind> {
        [
            DirectiveKind::DisableNextLine,
            DirectiveKind::Disable,
            DirectiveKind::Enable,
        ]
        .into_iter()
        .find(|k| k.keyword() == word)
    }
}

/// A rule as a directive names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleName {
    /// `all`: every rule.
    All,
    /// `pack/rule`: one rule.
    Qualified(String),
    /// `rule`: that rule in every loaded pack.
    Bare(String),
}

impl RuleName {
    fn parse(token: &str) -> RuleName {
        if token == "all" {
            RuleName::All
        } else if token.contains('/') {
            RuleName::Qualified(token.to_owned())
        } else {
            RuleName::Bare(token.to_owned())
        }
    }

    /// Whether this name covers the rule with full id `rule_id` (`pack/rule`).
    pub fn matches(&self, rule_id: &str) -> bool {
        match self {
            RuleName::All => true,
            RuleName::Qualified(id) => id == rule_id,
            RuleName::Bare(rule) => rule_id.split_once('/').is_some_and(|(_, own)| own == rule),
        }
    }
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleName::All => f.write_str("all"),
            RuleName::Qualified(name) | RuleName::Bare(name) => f.write_str(name),
        }
    }
}

/// A well-formed directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// Which directive.
    pub kind: DirectiveKind,
    /// The rules it names, in order, at least one.
    pub rules: Vec<RuleName>,
    /// The text after `--`, trimmed; `None` when absent or empty.
    pub reason: Option<String>,
}

/// Why text that starts like a directive is not one. The message is shown as
/// a finding, so it is in Chinese like the packs' messages.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DirectiveError {
    /// The word after the comment opener is not one of the three keywords.
    #[error(
        "无法识别的屏蔽注释“{0}”：应为 noticelint-disable-next-line、noticelint-disable 或 noticelint-enable"
    )]
    UnknownKind(String),
    /// The keyword is not followed by any rule name.
    #[error("屏蔽注释缺少规则：在“{}”后写明要屏蔽的规则", .0.keyword())]
    MissingRules(DirectiveKind),
}

impl DirectiveError {
    fn help(&self) -> &'static str {
        match self {
            DirectiveError::UnknownKind(_) => {
                "写作“noticelint-disable-next-line 规则 -- 理由”“noticelint-disable 规则 -- 理由”或“noticelint-enable 规则”"
            }
            DirectiveError::MissingRules(_) => RULE_NAME_HELP,
        }
    }

    fn label(&self) -> &'static str {
        match self {
            DirectiveError::UnknownKind(_) => "无法识别",
            DirectiveError::MissingRules(_) => "缺少规则",
        }
    }
}

const RULE_NAME_HELP: &str =
    "规则写作“包/规则”（如 gongwen-base/terms）、只写规则（如 terms）或 all，多个规则以逗号分隔";

/// Whether `text` (white space trimmed) starts with the directive prefix, in
/// any letter case.
fn starts_with_prefix(text: &str) -> bool {
    text.get(..PREFIX.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(PREFIX))
}

/// Reads the text of a directive: the inside of an HTML comment, or what
/// follows `%%`. `None` when the text is not meant as a directive (it does not
/// start with `noticelint`); otherwise the directive or why it is malformed.
///
/// Grammar: `KEYWORD RULE[, RULE…] [-- reason]`. Rules are separated by
/// commas (`,` `，` `、`) or white space. The reason starts at the first `--`
/// that follows white space, so rule ids (which may contain `-`) never start
/// it, and a reason may itself contain `--`.
pub fn parse_directive(text: &str) -> Option<Result<Directive, DirectiveError>> {
    parse_with_parts(text).map(|(parsed, _)| parsed)
}

/// Where the parts of a directive are written: byte ranges of the text
/// parsed, or of the document in a [`Located`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// The keyword, or the word that should have been one.
    pub keyword: Range<usize>,
    /// Each rule name, in the order of [`Directive::rules`].
    pub rules: Vec<Range<usize>>,
    /// The reason; when there is none, the empty range where it belongs
    /// (after the last rule, or after the keyword of a malformed directive).
    pub reason: Range<usize>,
}

impl Parts {
    fn shifted(self, by: usize) -> Parts {
        let shift = |r: Range<usize>| r.start + by..r.end + by;
        Parts {
            keyword: shift(self.keyword),
            rules: self.rules.into_iter().map(shift).collect(),
            reason: shift(self.reason),
        }
    }
}

/// [`parse_directive`], with where each part is written.
fn parse_with_parts(text: &str) -> Option<(Result<Directive, DirectiveError>, Parts)> {
    let lead = text.len() - text.trim_start().len();
    let text = text.trim();
    if !starts_with_prefix(text) {
        return None;
    }
    let keyword_len = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(text.len());
    let (keyword, rest) = text.split_at(keyword_len);
    let mut parts = Parts {
        keyword: 0..keyword_len,
        rules: Vec::new(),
        reason: keyword_len..keyword_len,
    };
    let Some(kind) = DirectiveKind::from_keyword(keyword) else {
        let error = DirectiveError::UnknownKind(keyword.to_owned());
        return Some((Err(error), parts.shifted(lead)));
    };
    let (rules_end, reason) = split_reason(rest);
    let mut rules = Vec::new();
    let mut token_start = None;
    for (i, c) in rest[..rules_end].char_indices().chain([(rules_end, ' ')]) {
        let separator = matches!(c, ',' | '，' | '、') || c.is_whitespace();
        match (separator, token_start) {
            (true, Some(start)) => {
                rules.push(RuleName::parse(&rest[start..i]));
                parts.rules.push(keyword_len + start..keyword_len + i);
                token_start = None;
            }
            (false, None) => token_start = Some(i),
            _ => {}
        }
    }
    if rules.is_empty() {
        let error = DirectiveError::MissingRules(kind);
        return Some((Err(error), parts.shifted(lead)));
    }
    let after_rules = parts.rules.last().map_or(keyword_len, |r| r.end);
    parts.reason = match &reason {
        Some(reason) => keyword_len + reason.start..keyword_len + reason.end,
        None => after_rules..after_rules,
    };
    let directive = Directive {
        kind,
        rules,
        reason: reason.map(|r| rest[r].to_owned()).filter(|r| !r.is_empty()),
    };
    Some((Ok(directive), parts.shifted(lead)))
}

/// Splits `RULES -- reason` at the first `--` that starts the text or follows
/// white space: where the rules end, and the range of the reason, trimmed
/// (empty, just after the `--`, when nothing follows it).
fn split_reason(rest: &str) -> (usize, Option<Range<usize>>) {
    let mut from = 0;
    while let Some(i) = rest[from..].find("--") {
        let at = from + i;
        if rest[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
        {
            let after = at + 2;
            let tail = &rest[after..];
            let start = after + (tail.len() - tail.trim_start().len());
            let end = after + tail.trim_end().len();
            let reason = if start < end {
                start..end
            } else {
                after..after
            };
            return (at, Some(reason));
        }
        from = at + 2;
    }
    (rest.len(), None)
}

/// A directive found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The whole comment (`<!--` to `-->`), or the `%%` line without
    /// surrounding white space.
    pub span: Range<usize>,
    /// The directive, or why it is malformed.
    pub parsed: Result<Directive, DirectiveError>,
    /// Where its parts are written in the document.
    pub parts: Parts,
}

/// Whether a line of plain text is a directive line: `%%` (after white space)
/// followed by `noticelint`. Such lines are not prose.
pub fn is_plain_directive_line(line: &str) -> bool {
    line.trim_start()
        .strip_prefix(PLAIN_MARKER)
        .is_some_and(|rest| starts_with_prefix(rest.trim_start()))
}

/// Every directive of a document, in order. Markdown: HTML comments in HTML
/// blocks and inline HTML (never in code); plain text: `%%` lines.
pub fn find_directives(source: &Source, format: Format) -> Vec<Located> {
    let text = source.text();
    // Nearly every document has none: skip the work.
    let bytes = text.as_bytes();
    let first = PREFIX.as_bytes()[0];
    if !memchr::memchr2_iter(first, first.to_ascii_uppercase(), bytes).any(|i| {
        bytes[i..]
            .get(..PREFIX.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(PREFIX.as_bytes()))
    }) {
        return Vec::new();
    }
    match format {
        Format::Text => (0..source.line_count())
            .filter_map(|index| {
                let line = source.line_range(index);
                let raw = &text[line.clone()];
                if !is_plain_directive_line(raw) {
                    return None;
                }
                let start = line.start + (raw.len() - raw.trim_start().len());
                let end = line.start + raw.trim_end().len();
                let body_start = start + PLAIN_MARKER.len();
                let (parsed, parts) = parse_with_parts(&text[body_start..end])?;
                Some(Located {
                    span: start..end,
                    parsed,
                    parts: parts.shifted(body_start),
                })
            })
            .collect(),
        Format::Markdown => html_comments(text)
            .into_iter()
            .filter_map(|comment| {
                let body_start = comment.start + "<!--".len();
                let body_end = (comment.end - "-->".len()).max(body_start);
                let (parsed, parts) = parse_with_parts(&text[body_start..body_end])?;
                Some(Located {
                    parsed,
                    parts: parts.shifted(body_start),
                    span: comment,
                })
            })
            .collect(),
    }
}

/// Ranges of the HTML comments of a Markdown text (`<!--` to `-->`) that
/// start in raw HTML: in code blocks and code spans `<!--` is text.
fn html_comments(text: &str) -> Vec<Range<usize>> {
    // The same options as `document::blocks`, so that front matter is front matter.
    let parser = Parser::new_ext(text, Options::ENABLE_YAML_STYLE_METADATA_BLOCKS);
    let mut comments = Vec::new();
    // A comment spans several HTML events when it spans lines.
    let mut scanned_to = 0;
    for (event, range) in parser.into_offset_iter() {
        if !matches!(event, Event::Html(_) | Event::InlineHtml(_)) {
            continue;
        }
        let mut at = range.start.max(scanned_to);
        while at < range.end {
            let Some(i) = text[at..range.end].find("<!--") else {
                break;
            };
            let start = at + i;
            // `<!-->` and `<!--->` are complete (empty) comments in CommonMark.
            let Some(j) = text[start + 2..].find("-->") else {
                // Unclosed: the rest of the document is the comment.
                scanned_to = text.len();
                break;
            };
            let end = start + 2 + j + "-->".len();
            comments.push(start..end);
            at = end;
            scanned_to = end;
        }
    }
    comments
}

/// Findings after suppression, with the engine's findings about directives.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Findings not suppressed, then the engine's (unsorted).
    pub diagnostics: Vec<Diagnostic>,
    /// How many findings the directives suppressed.
    pub suppressed: usize,
}

/// Where a directive's name applies for one rule.
#[derive(Debug)]
struct Cover {
    /// Index in `PackSet::rules()`.
    rule: usize,
    region: Region,
    /// (directive, name) that set it, credited when it suppresses something.
    by: (usize, usize),
}

#[derive(Debug)]
enum Region {
    /// A 0-based line index.
    Line(usize),
    /// Byte offsets; a finding starting in it is covered.
    Span(Range<usize>),
}

/// What became of one name of a directive.
#[derive(Debug, Clone, Copy, Default)]
struct NameState {
    /// Some loaded rule has this name.
    known: bool,
    /// Some loaded rule with this name is on (severity not `off`).
    active: bool,
    /// It suppressed a finding (disable) or closed a range (enable).
    used: bool,
}

/// Applies the directives of `doc` to `diagnostics` (findings of `packs`'
/// rules, which ran with `severities`, one per rule): drops the covered ones
/// and adds the engine's findings about the directives.
///
/// A name whose rules are all switched off (`severity: off` in the pack or
/// the configuration) is never
/// reported as unused: the rule cannot report anything, and the directive may
/// be meant for a configuration where it is on.
pub fn apply(
    doc: &Document,
    packs: &PackSet,
    severities: &[Option<Severity>],
    diagnostics: Vec<Diagnostic>,
) -> Outcome {
    let source = doc.source();
    let located = find_directives(source, doc.format());
    if located.is_empty() {
        return Outcome {
            diagnostics,
            suppressed: 0,
        };
    }
    let rules = packs.rules();
    let mut plan = plan(&located, packs, severities, source);
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut suppressed = 0;
    for diagnostic in diagnostics {
        let start = diagnostic.primary.start;
        let line = source.line_index(start);
        let mut covered = false;
        // Every directive that covers a finding is credited with it, so that
        // overlapping directives are not reported as unused.
        for cover in &plan.covers {
            let inside = match &cover.region {
                Region::Line(l) => *l == line,
                Region::Span(span) => span.contains(&start),
            };
            if inside && rules[cover.rule].meta.id == diagnostic.rule {
                plan.names[cover.by.0][cover.by.1].used = true;
                covered = true;
            }
        }
        if covered {
            suppressed += 1;
        } else {
            kept.push(diagnostic);
        }
    }
    for (loc, states) in located.iter().zip(&plan.names) {
        if let Ok(directive) = &loc.parsed
            && let Some(finding) = unused(directive, states, loc)
        {
            plan.engine.push(finding);
        }
    }
    kept.append(&mut plan.engine);
    Outcome {
        diagnostics: kept,
        suppressed,
    }
}

/// What the directives of a document cover, and what is wrong with them
/// before any finding is seen.
#[derive(Debug, Default)]
struct Plan {
    covers: Vec<Cover>,
    /// Per directive (in order), per name.
    names: Vec<Vec<NameState>>,
    /// Invalid directives, missing reasons, unknown rules.
    engine: Vec<Diagnostic>,
}

fn plan(
    located: &[Located],
    packs: &PackSet,
    severities: &[Option<Severity>],
    source: &Source,
) -> Plan {
    let rules = packs.rules();
    let starts: HashMap<usize, usize> =
        located.iter().map(|l| (l.span.start, l.span.end)).collect();
    let mut plan = Plan::default();
    // Ranges of `disable` directives not yet ended by an `enable`.
    let mut open: Vec<Cover> = Vec::new();
    for (d, loc) in located.iter().enumerate() {
        let directive = match &loc.parsed {
            Ok(directive) => directive,
            Err(error) => {
                plan.names.push(Vec::new());
                // The unknown word, or the place after the keyword where
                // the rules belong.
                let span = match error {
                    DirectiveError::UnknownKind(_) => loc.parts.keyword.clone(),
                    DirectiveError::MissingRules(_) => loc.parts.keyword.end..loc.parts.keyword.end,
                };
                plan.engine.push(
                    engine_finding(
                        RULE_INVALID_SUPPRESSION,
                        error.to_string(),
                        span,
                        error.label(),
                    )
                    .with_help(error.help()),
                );
                continue;
            }
        };
        if directive.kind != DirectiveKind::Enable && directive.reason.is_none() {
            plan.engine.push(missing_reason(directive, loc));
        }
        let target = match directive.kind {
            DirectiveKind::DisableNextLine => next_line(source, loc.span.end, &starts),
            _ => None,
        };
        let mut states = vec![NameState::default(); directive.rules.len()];
        for (n, name) in directive.rules.iter().enumerate() {
            let matching: Vec<usize> = (0..rules.len())
                .filter(|&r| name.matches(&rules[r].meta.id))
                .collect();
            states[n].known = !matching.is_empty();
            states[n].active = matching.iter().any(|&r| severities[r].is_some());
            match directive.kind {
                DirectiveKind::DisableNextLine => {
                    if let Some(line) = target {
                        plan.covers.extend(matching.into_iter().map(|rule| Cover {
                            rule,
                            region: Region::Line(line),
                            by: (d, n),
                        }));
                    }
                }
                DirectiveKind::Disable => {
                    open.extend(matching.into_iter().map(|rule| Cover {
                        rule,
                        // Until an enable ends it; past the end of the text
                        // so that a finding at the very end is inside.
                        region: Region::Span(loc.span.start..usize::MAX),
                        by: (d, n),
                    }));
                }
                DirectiveKind::Enable => {
                    let (closed, still_open): (Vec<Cover>, Vec<Cover>) =
                        open.drain(..).partition(|c| matching.contains(&c.rule));
                    open = still_open;
                    states[n].used = !closed.is_empty();
                    plan.covers.extend(closed.into_iter().map(|mut cover| {
                        if let Region::Span(span) = &mut cover.region {
                            span.end = loc.span.start;
                        }
                        cover
                    }));
                }
            }
        }
        let unknown: Vec<usize> = (0..states.len()).filter(|&n| !states[n].known).collect();
        if !unknown.is_empty() {
            plan.engine
                .push(unknown_rules(directive, &unknown, packs, loc));
        }
        plan.names.push(states);
    }
    plan.covers.append(&mut open);
    plan
}

/// The unused-suppression finding of a directive, once findings are applied.
fn unused(directive: &Directive, states: &[NameState], loc: &Located) -> Option<Diagnostic> {
    let unused: Vec<usize> = (0..states.len())
        .filter(|&n| {
            let s = &states[n];
            match directive.kind {
                DirectiveKind::Enable => s.known && !s.used,
                _ => s.known && s.active && !s.used,
            }
        })
        .collect();
    if unused.is_empty() {
        return None;
    }
    let suppressed_nothing = !states.iter().any(|s| s.used);
    Some(unused_names(directive, &unused, suppressed_nothing, loc))
}

/// The 0-based index of the line a `disable-next-line` ending at `after`
/// applies to: the next line that is neither blank nor made only of
/// directives (so that directives can be stacked).
fn next_line(source: &Source, after: usize, starts: &HashMap<usize, usize>) -> Option<usize> {
    let text = source.text();
    let mut line = source.line_index(after) + 1;
    while line < source.line_count() {
        let range = source.line_range(line);
        let raw = &text[range.clone()];
        let content = raw.trim_start();
        if content.trim_end().is_empty() {
            line += 1;
            continue;
        }
        let start = range.start + (raw.len() - content.len());
        let Some(&end) = starts.get(&start) else {
            return Some(line);
        };
        // A directive starts the line: skip it, and the rest of the line it
        // ends on when nothing but white space follows it.
        let end_line = source.line_index(end);
        let rest = text.get(end..source.line_range(end_line).end).unwrap_or("");
        if !rest.trim().is_empty() {
            return Some(end_line);
        }
        line = end_line + 1;
    }
    None
}

fn engine_finding(rule: &str, message: String, span: Range<usize>, label: &str) -> Diagnostic {
    Diagnostic::new(rule, ENGINE_SEVERITY, message, span).with_primary_label(label)
}

/// A finding about some of a directive's rule names (indexes into its rules):
/// at the first, with the others labelled too.
fn names_finding(
    rule: &str,
    message: String,
    names: &[usize],
    loc: &Located,
    label: &str,
) -> Diagnostic {
    let span = |n: usize| loc.parts.rules[n].clone();
    names[1..].iter().fold(
        engine_finding(rule, message, span(names[0]), label),
        |finding, &n| finding.with_label(span(n), label),
    )
}

/// `“terms”、“punctuation-width”`
fn quoted(directive: &Directive, names: &[usize]) -> String {
    names
        .iter()
        .map(|&n| format!("“{}”", directive.rules[n]))
        .collect::<Vec<_>>()
        .join("、")
}

fn missing_reason(directive: &Directive, loc: &Located) -> Diagnostic {
    let rules = directive
        .rules
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    engine_finding(
        RULE_SUPPRESSION_REASON,
        "屏蔽注释缺少理由：在“--”后写明为何不检查".to_owned(),
        loc.parts.reason.clone(),
        "缺少理由",
    )
    .with_help(format!(
        "写成“{} {rules} -- 理由”，如“-- 引用原文，不作改动”",
        directive.kind.keyword()
    ))
}

fn unknown_rules(
    directive: &Directive,
    unknown: &[usize],
    packs: &PackSet,
    loc: &Located,
) -> Diagnostic {
    let names: Vec<&RuleName> = unknown.iter().map(|&n| &directive.rules[n]).collect();
    // A full id whose rule exists in another loaded pack: probably the pack is
    // misspelt or not loaded.
    if names
        .iter()
        .any(|name| matches!(name, RuleName::Qualified(id) if id.starts_with(ENGINE_PREFIX)))
    {
        return names_finding(
            RULE_UNKNOWN_RULE,
            format!("屏蔽注释中的规则{}不存在", quoted(directive, unknown)),
            unknown,
            loc,
            "未知规则",
        )
        .with_help("noticelint/… 是对屏蔽注释本身的检查，不能屏蔽：改正这条注释即可");
    }
    let suggestion = names.iter().find_map(|name| {
        let RuleName::Qualified(id) = name else {
            return None;
        };
        let own = id.rsplit_once('/').map_or(id.as_str(), |(_, own)| own);
        let bare = RuleName::Bare(own.to_owned());
        packs
            .rules()
            .iter()
            .find(|r| bare.matches(&r.meta.id))
            .map(|r| (id.clone(), r.meta.id.clone()))
    });
    let help = match suggestion {
        Some((written, loaded)) => format!("“{written}”是否指“{loaded}”？{RULE_NAME_HELP}"),
        None => format!(
            "已加载的规则包中没有此规则（noticelint packs 列出各包的规则）；{RULE_NAME_HELP}"
        ),
    };
    names_finding(
        RULE_UNKNOWN_RULE,
        format!("屏蔽注释中的规则{}不存在", quoted(directive, unknown)),
        unknown,
        loc,
        "未知规则",
    )
    .with_help(help)
}

fn unused_names(
    directive: &Directive,
    unused: &[usize],
    suppressed_nothing: bool,
    loc: &Located,
) -> Diagnostic {
    let names = quoted(directive, unused);
    let (message, help) = match directive.kind {
        DirectiveKind::Enable => (
            format!("恢复检查的注释没有对应的屏蔽注释：{names}此前未被屏蔽"),
            "删除这条注释，或使规则名与 noticelint-disable 中的一致",
        ),
        kind => {
            let place = if kind == DirectiveKind::DisableNextLine {
                "下一行"
            } else {
                "此范围内"
            };
            let message = if suppressed_nothing {
                format!("屏蔽注释未屏蔽任何问题：{place}没有{names}的问题")
            } else {
                format!("屏蔽注释中的{names}未屏蔽任何问题：{place}没有此类问题")
            };
            (
                message,
                "删除这条注释（或其中多余的规则）；问题已改正时不再需要屏蔽",
            )
        }
    };
    names_finding(
        RULE_UNUSED_SUPPRESSION,
        message,
        unused,
        loc,
        "未屏蔽任何问题",
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Directive {
        match parse_directive(text) {
            Some(Ok(d)) => d,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    fn bare(name: &str) -> RuleName {
        RuleName::Bare(name.to_owned())
    }

    fn qualified(name: &str) -> RuleName {
        RuleName::Qualified(name.to_owned())
    }

    #[test]
    fn parses_the_three_directives() {
        let d = ok(" noticelint-disable-next-line gongwen-base/terms -- 引用原文 ");
        assert_eq!(d.kind, DirectiveKind::DisableNextLine);
        assert_eq!(d.rules, [qualified("gongwen-base/terms")]);
        assert_eq!(d.reason.as_deref(), Some("引用原文"));

        let d = ok("noticelint-disable terms, punctuation-width -- 附件照录");
        assert_eq!(d.kind, DirectiveKind::Disable);
        assert_eq!(d.rules, [bare("terms"), bare("punctuation-width")]);

        let d = ok("noticelint-enable terms,punctuation-width");
        assert_eq!(d.kind, DirectiveKind::Enable);
        assert_eq!(d.rules, [bare("terms"), bare("punctuation-width")]);
        assert_eq!(d.reason, None);

        let d = ok("noticelint-disable all -- 整段引用");
        assert_eq!(d.rules, [RuleName::All]);
    }

    #[test]
    fn rules_are_separated_by_commas_of_either_width_and_spaces() {
        let d = ok("noticelint-disable a，b、c d\u{3000}e,,f -- r");
        let expected: Vec<RuleName> = ["a", "b", "c", "d", "e", "f"].map(bare).into();
        assert_eq!(d.rules, expected);
    }

    #[test]
    fn the_reason_starts_at_the_first_spaced_double_dash() {
        let d = ok("noticelint-disable terms -- 引用原文 -- 不作改动");
        assert_eq!(d.rules, [bare("terms")]);
        assert_eq!(d.reason.as_deref(), Some("引用原文 -- 不作改动"));
        // `--` inside a name is part of it (rule ids may contain `-`).
        let d = ok("noticelint-disable a--b -- 理由");
        assert_eq!(d.rules, [bare("a--b")]);
        assert_eq!(d.reason.as_deref(), Some("理由"));
        // Full-width spaces count as white space.
        let d = ok("noticelint-disable terms\u{3000}--\u{3000}理由");
        assert_eq!(d.reason.as_deref(), Some("理由"));
        // A reason that spans lines (a multi-line HTML comment).
        let d = ok("noticelint-disable terms\r\n  -- 第一行\r\n  第二行\r\n");
        assert_eq!(d.reason.as_deref(), Some("第一行\r\n  第二行"));
    }

    #[test]
    fn an_empty_or_absent_reason_is_none() {
        assert_eq!(ok("noticelint-disable terms").reason, None);
        assert_eq!(ok("noticelint-disable terms --").reason, None);
        assert_eq!(ok("noticelint-disable terms --   ").reason, None);
        assert_eq!(
            ok("noticelint-disable-next-line terms--").rules,
            [bare("terms--")]
        );
    }

    #[test]
    fn malformed_directives_say_why() {
        assert_eq!(
            parse_directive("noticelint-disabel terms -- 理由"),
            Some(Err(DirectiveError::UnknownKind(
                "noticelint-disabel".to_owned()
            )))
        );
        assert_eq!(
            parse_directive("NoticeLint-disable terms"),
            Some(Err(DirectiveError::UnknownKind(
                "NoticeLint-disable".to_owned()
            )))
        );
        assert_eq!(
            parse_directive("noticelint: terms"),
            Some(Err(DirectiveError::UnknownKind("noticelint".to_owned())))
        );
        for text in [
            "noticelint-disable",
            "noticelint-disable -- 理由",
            "noticelint-disable , -- 理由",
        ] {
            assert_eq!(
                parse_directive(text),
                Some(Err(DirectiveError::MissingRules(DirectiveKind::Disable))),
                "{text:?}"
            );
        }
        assert_eq!(
            parse_directive("noticelint-enable"),
            Some(Err(DirectiveError::MissingRules(DirectiveKind::Enable)))
        );
        let message = DirectiveError::MissingRules(DirectiveKind::DisableNextLine).to_string();
        assert!(
            message.contains("noticelint-disable-next-line"),
            "{message}"
        );
    }

    #[test]
    fn parts_are_where_they_are_written() {
        let text = " noticelint-disable terms，𠮷x、all -- 引用 原文 ";
        let (parsed, parts) = parse_with_parts(text).unwrap();
        let at = |r: &Range<usize>| &text[r.clone()];
        assert_eq!(at(&parts.keyword), "noticelint-disable");
        let rules: Vec<&str> = parts.rules.iter().map(at).collect();
        assert_eq!(rules, ["terms", "𠮷x", "all"]);
        assert_eq!(at(&parts.reason), "引用 原文");
        assert_eq!(parsed.unwrap().rules.len(), 3);
        // No reason: the empty place after the last rule.
        let (_, parts) = parse_with_parts("noticelint-disable-next-line a, b  ").unwrap();
        assert_eq!(parts.reason, 33..33);
        // A `--` and nothing after it: just after the `--`.
        let (parsed, parts) = parse_with_parts("noticelint-disable a --  ").unwrap();
        assert_eq!(parsed.unwrap().reason, None);
        assert_eq!(parts.reason, 23..23);
        // Malformed: the word read as the keyword, and no rules.
        let (parsed, parts) = parse_with_parts("\tNoticelint-disabel x").unwrap();
        assert!(parsed.is_err());
        assert_eq!(parts.keyword, 1..19);
        assert!(parts.rules.is_empty());
        let (parsed, parts) = parse_with_parts("noticelint-enable -- r").unwrap();
        assert!(parsed.is_err());
        assert_eq!(parts.keyword, 0..17);
    }

    #[test]
    fn other_text_is_not_a_directive() {
        for text in [
            "",
            "  ",
            "注释",
            "todo: noticelint-disable terms",
            "noticelin",
        ] {
            assert_eq!(parse_directive(text), None, "{text:?}");
        }
    }

    #[test]
    fn names_match_full_ids_rule_ids_and_all() {
        assert!(qualified("gongwen-base/terms").matches("gongwen-base/terms"));
        assert!(!qualified("gongwen-base/terms").matches("other/terms"));
        assert!(bare("terms").matches("gongwen-base/terms"));
        assert!(bare("terms").matches("other/terms"));
        assert!(!bare("terms").matches("gongwen-base/terms-extra"));
        assert!(!bare("gongwen-base").matches("gongwen-base/terms"));
        assert!(RuleName::All.matches("x/y"));
    }

    fn spans(text: &str, format: Format) -> Vec<(&str, (usize, usize, usize))> {
        let source = Source::new("t", text);
        find_directives(&source, format)
            .into_iter()
            .map(|l| {
                let p = source.position(l.span.start);
                (&text[l.span], (p.line, p.column, p.column_utf16))
            })
            .collect()
    }

    #[test]
    fn plain_directive_lines_with_crlf_and_leading_space() {
        let text = "正文。\r\n\u{3000}%% noticelint-disable-next-line terms -- 理由  \r\n%%注释\r\n%%noticelint-enable terms\r\n";
        assert_eq!(
            spans(text, Format::Text),
            [
                ("%% noticelint-disable-next-line terms -- 理由", (2, 2, 2)),
                ("%%noticelint-enable terms", (4, 1, 1)),
            ]
        );
        assert!(is_plain_directive_line("  %% noticelint-disable x"));
        assert!(is_plain_directive_line("%%NOTICELINT"));
        assert!(!is_plain_directive_line("%% 备注"));
        assert!(!is_plain_directive_line("正文 %% noticelint-disable x"));
        // Not plain-text syntax in Markdown, nor Markdown syntax in plain text.
        assert_eq!(spans(text, Format::Markdown), []);
        assert_eq!(
            spans("<!-- noticelint-disable x -- r -->\n", Format::Text),
            []
        );
    }

    #[test]
    fn directives_in_any_case_are_found_wherever_they_are() {
        // The quick test for "no directive here" must not miss a capitalised
        // one, one at the very end, or one after a near miss.
        for (text, directive) in [
            (
                "正文。\n%% NoticeLint-disable terms",
                "%% NoticeLint-disable terms",
            ),
            ("noticelin\n%%NOTICELINT-enable", "%%NOTICELINT-enable"),
            (
                "nnoticelint\n%% noticelint-disable x",
                "%% noticelint-disable x",
            ),
        ] {
            assert_eq!(
                spans(text, Format::Text).first().map(|(s, _)| *s),
                Some(directive),
                "{text:?}"
            );
        }
        assert_eq!(spans("正文 noticelin 正文", Format::Text), []);
    }

    #[test]
    fn directive_after_an_astral_character_is_placed_by_characters() {
        let text = "𠮷𠮷正文<!-- noticelint-disable-next-line terms -- 理由 -->\n";
        let found = spans(text, Format::Markdown);
        assert_eq!(
            found,
            [(
                "<!-- noticelint-disable-next-line terms -- 理由 -->",
                (1, 5, 7)
            )]
        );
        let text = "𠮷\r\n\r\n<!-- noticelint-disable terms -- 理由 -->\r\n";
        assert_eq!(
            spans(text, Format::Markdown),
            [("<!-- noticelint-disable terms -- 理由 -->", (3, 1, 1))]
        );
    }

    #[test]
    fn markdown_directives_in_code_are_ignored() {
        let text = "```\n<!-- noticelint-disable a -- r -->\n```\n\n    <!-- noticelint-disable b -- r -->\n\n`<!-- noticelint-disable c -- r -->`\n\n<!-- noticelint-disable d -- r -->\n";
        let found = spans(text, Format::Markdown);
        assert_eq!(found, [("<!-- noticelint-disable d -- r -->", (9, 1, 1))]);
    }

    #[test]
    fn markdown_multi_line_and_nested_comments() {
        let text = "> <!-- noticelint-disable a -- r -->\n\n- <!-- noticelint-enable a -->\n\n<!--\nnoticelint-disable-next-line b\n-- 理由\n-->\n<!-- 普通注释 -->\n<!-->\n";
        let source = Source::new("t", text);
        let found = find_directives(&source, Format::Markdown);
        let kinds: Vec<_> = found
            .iter()
            .map(|l| l.parsed.as_ref().map(|d| d.kind).ok())
            .collect();
        assert_eq!(
            kinds,
            [
                Some(DirectiveKind::Disable),
                Some(DirectiveKind::Enable),
                Some(DirectiveKind::DisableNextLine)
            ]
        );
        assert_eq!(
            &text[found[2].span.clone()],
            "<!--\nnoticelint-disable-next-line b\n-- 理由\n-->"
        );
    }

    #[test]
    fn no_panic_on_odd_input() {
        for text in [
            "",
            "<!--",
            "<!-- noticelint",
            "<!---->",
            "<!--->",
            "%%",
            "%% noticelint",
            "\r",
            "𠮷<!-- noticelint-disable 𠮷 -- 𠮷",
        ] {
            for format in [Format::Text, Format::Markdown] {
                let _ = spans(text, format);
            }
        }
    }

    mod applied {
        use crate::diagnostic::Diagnostic;
        use crate::document::{Document, Format, Source};
        use crate::pack::PackSet;
        use crate::suppression::{
            RULE_INVALID_SUPPRESSION, RULE_SUPPRESSION_REASON, RULE_UNKNOWN_RULE,
            RULE_UNUSED_SUPPRESSION,
        };

        const PACK: &str = "pack: t
rules:
  - id: terms
    kind: substitution
    pairs:
      - { wrong: 截止目前, right: 截至目前 }
  - id: vague
    kind: pattern
    terms: [基本上]
  - id: quiet
    kind: pattern
    severity: off
    terms: [大概]
";

        /// (rule, line) of every finding, and how many were suppressed.
        fn lint(text: &str, format: Format) -> (Vec<(String, usize)>, usize) {
            let packs = PackSet::load_str("t.yaml", PACK).unwrap_or_else(|e| panic!("{e:?}"));
            let doc = Document::parse(Source::new("t", text), format);
            let linted = crate::lint_document(&doc, &packs, &crate::LintOptions::default());
            let found = linted
                .diagnostics
                .iter()
                .map(|d: &Diagnostic| (d.rule.clone(), doc.source().position(d.primary.start).line))
                .collect();
            (found, linted.suppressed)
        }

        fn f(rule: &str, line: usize) -> (String, usize) {
            (rule.to_owned(), line)
        }

        #[test]
        fn next_line_skips_blank_and_directive_lines() {
            let text = "%% noticelint-disable-next-line terms -- 引用\n\n%% noticelint-disable-next-line t/vague -- 引用\n截止目前基本上完成。\n截止目前基本上完成。\n";
            assert_eq!(
                lint(text, Format::Text),
                (vec![f("t/terms", 5), f("t/vague", 5)], 2)
            );
        }

        #[test]
        fn a_range_ends_at_its_enable() {
            let text = "<!-- noticelint-disable terms, vague -- 引用 -->\n\n截止目前基本上完成。\n\n<!-- noticelint-enable vague -->\n\n截止目前基本上完成。\n\n<!-- noticelint-enable terms -->\n\n截止目前。\n";
            assert_eq!(
                lint(text, Format::Markdown),
                (vec![f("t/vague", 7), f("t/terms", 11)], 3)
            );
        }

        #[test]
        fn an_unclosed_range_reaches_the_end() {
            let text = "正文截止目前。\n%% noticelint-disable all -- 附件照录\n截止目前基本上。\n";
            assert_eq!(lint(text, Format::Text), (vec![f("t/terms", 1)], 2));
        }

        #[test]
        fn directives_are_checked() {
            let text = "%% noticelint-disable-next-line terms\n截止目前。\n%% noticelint-disable-next-line vague, terms -- 理由\n截止目前。\n%% noticelint-disabel terms -- 理由\n%% noticelint-disable-next-line t/nope, quiet -- 理由\n正文。\n%% noticelint-enable vague\n";
            assert_eq!(
                lint(text, Format::Text),
                (
                    vec![
                        f(RULE_SUPPRESSION_REASON, 1),
                        f(RULE_UNUSED_SUPPRESSION, 3),
                        f(RULE_INVALID_SUPPRESSION, 5),
                        f(RULE_UNKNOWN_RULE, 6),
                        f(RULE_UNUSED_SUPPRESSION, 8),
                    ],
                    2
                )
            );
        }

        #[test]
        fn every_name_a_finding_is_about_is_marked() {
            let packs = PackSet::load_str("t.yaml", PACK).unwrap_or_else(|e| panic!("{e:?}"));
            let text =
                "%% noticelint-disable-next-line t/nope, terms，x/y、vague -- 理由\n正文。\n";
            let doc = Document::parse(Source::new("t", text), Format::Text);
            let linted = crate::lint_document(&doc, &packs, &crate::LintOptions::default());
            let marked = |rule: &str| -> Vec<&str> {
                let d = linted.diagnostics.iter().find(|d| d.rule == rule).unwrap();
                std::iter::once(&d.primary)
                    .chain(d.labels.iter().map(|l| &l.span))
                    .map(|span| &text[span.clone()])
                    .collect()
            };
            assert_eq!(marked(RULE_UNKNOWN_RULE), ["t/nope", "x/y"]);
            assert_eq!(marked(RULE_UNUSED_SUPPRESSION), ["terms", "vague"]);
        }

        #[test]
        fn engine_findings_cannot_be_suppressed() {
            let packs = PackSet::load_str("t.yaml", PACK).unwrap_or_else(|e| panic!("{e:?}"));
            let text = "%% noticelint-disable-next-line noticelint/suppression-reason -- 理由\n%% noticelint-disable-next-line terms\n截止目前。\n";
            let doc = Document::parse(Source::new("t", text), Format::Text);
            let linted = crate::lint_document(&doc, &packs, &crate::LintOptions::default());
            let found: Vec<(&str, Option<&str>)> = linted
                .diagnostics
                .iter()
                .map(|d| (d.rule.as_str(), d.help.as_deref()))
                .collect();
            assert_eq!(
                found,
                [
                    (
                        RULE_UNKNOWN_RULE,
                        Some("noticelint/… 是对屏蔽注释本身的检查，不能屏蔽：改正这条注释即可")
                    ),
                    (
                        RULE_SUPPRESSION_REASON,
                        Some(
                            "写成“noticelint-disable-next-line terms -- 理由”，如“-- 引用原文，不作改动”"
                        )
                    ),
                ]
            );
            assert_eq!(linted.suppressed, 1);
        }

        #[test]
        fn switched_off_rules_are_never_unused() {
            let text = "%% noticelint-disable-next-line quiet -- 理由\n大概。\n";
            assert_eq!(lint(text, Format::Text), (vec![], 0));
        }

        #[test]
        fn directive_lines_are_not_prose() {
            // The directive line itself has 截止目前 in its reason.
            let text = "%% noticelint-disable-next-line vague -- 截止目前的原文\n基本上。\n";
            assert_eq!(lint(text, Format::Text), (vec![], 1));
        }
    }
}
