//! `date_order`: dates that fall before (or after) an anchor date.
//!
//! ## What it does
//! Within a scope, reports every date whose whole interval lies before the
//! `after` anchor (or after the `before` anchor). A month-precision `2023年2月`
//! does not contradict an anchor of 2023-02-10; `2023年1月` does. A date in a
//! sentence matching `exempt` (e.g. 立行立改, fixed during the inspection itself)
//! is reported as info instead.
//!
//! ## Why is this bad?
//! Rectification cannot start before the inspection group gave its feedback;
//! an action dated earlier is either a typo or not a rectification at all.
//!
//! ## Example
//! ```yaml
//! - id: dates-after-feedback
//!   kind: date_order
//!   after: feedback_date
//!   scope: { after_section: organisation }
//!   exempt: '立行立改'
//! ```

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::diagnostic::Severity;
use crate::document::Source;
use crate::pack::{PackError, pattern};
use crate::scope::{Reference, ReferenceKind, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Dates must not lie wholly before this anchor.
    after: Option<Spanned<String>>,
    /// Dates must not lie wholly after this anchor.
    before: Option<Spanned<String>>,
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
    /// Sentences matching this are exempt (reported as info).
    exempt: Option<Spanned<String>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct DateOrder {
    after: Option<String>,
    before: Option<String>,
    scope: Scope,
    exempt: Option<Regex>,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope and the exemption pattern.
    /// `rule` is where the rule is written, for errors about the rule as a whole.
    pub fn compile(self, source: &Source, rule: Range<usize>) -> Result<DateOrder, PackError> {
        let mut references = Vec::new();
        for anchor in [&self.after, &self.before].into_iter().flatten() {
            references.push(Reference::to(ReferenceKind::Anchor, source, anchor));
        }
        if self.after.is_none() && self.before.is_none() {
            return Err(PackError::at(
                source,
                rule,
                "`date_order` needs `after` or `before`",
                "in this rule",
                Some("name the anchor dates must follow, e.g. `after: feedback_date`".to_owned()),
            ));
        }
        Ok(DateOrder {
            after: self.after.map(|a| a.value),
            before: self.before.map(|b| b.value),
            scope: Scope::compile(self.scope, source, &mut references)?,
            exempt: self
                .exempt
                .as_ref()
                .map(|e| pattern::compile(source, e))
                .transpose()?,
            references,
        })
    }
}

/// The sentence around `span`: from the previous `。！？；` or line start to the next.
fn sentence(text: &str, span: &Range<usize>) -> Range<usize> {
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | ';' | '\n' | '\r');
    let start = text[..span.start].rfind(is_end).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..]
        .find(is_end)
        .map_or(text.len(), |i| span.end + i);
    start..end
}

impl Check for DateOrder {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let after = self
            .after
            .as_ref()
            .and_then(|id| cx.anchors.get(id).map(|a| (id, a)));
        let before = self
            .before
            .as_ref()
            .and_then(|id| cx.anchors.get(id).map(|a| (id, a)));
        if after.is_none() && before.is_none() {
            // A missing anchor is reported by the rule that requires it.
            return;
        }
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let text = cx.doc.text();
        for date in cx.dates {
            if !Scope::contains(&ranges, &date.span) {
                continue;
            }
            let Some(interval) = date.interval() else {
                continue;
            };
            let written = cx.doc.slice(date.span.clone());
            let finding = if let Some((id, anchor)) = after
                && interval.end < anchor.interval.start
                && anchor.span.as_ref() != Some(&date.span)
            {
                Some((
                    id,
                    format!(
                        "“{written}”早于{}（{}）",
                        cx.anchor_name(id),
                        anchor.interval.start
                    ),
                ))
            } else if let Some((id, anchor)) = before
                && interval.start > anchor.interval.end
                && anchor.span.as_ref() != Some(&date.span)
            {
                Some((
                    id,
                    format!(
                        "“{written}”晚于{}（{}）",
                        cx.anchor_name(id),
                        anchor.interval.end
                    ),
                ))
            } else {
                None
            };
            let Some((id, message)) = finding else {
                continue;
            };
            let exempt = self
                .exempt
                .as_ref()
                .is_some_and(|e| e.is_match(&text[sentence(text, &date.span)]));
            let mut diagnostic = cx
                .diagnostic(cx.message_or(message), date.span.clone())
                .with_primary_label("日期顺序不符")
                .with_help(cx.help_or(if exempt {
                    "该句属于豁免情形，请确认日期无误".to_owned()
                } else {
                    format!("核对日期：整改措施应在{}之后", cx.anchor_name(id))
                }));
            if exempt {
                diagnostic.severity = Severity::Info;
            }
            out.push(cx.label_anchor(diagnostic, id));
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_pack;

    const PACK: &str = r"pack: t
anchors:
  feedback_date:
    name: 巡察反馈日期
    find: '(?P<date>{date})[，,]?[^。]{0,40}?反馈了?巡察意见'
rules:
  - id: parts
    kind: required_sections
    sections:
      - { id: one, heading: '^一、' }
  - id: order
    kind: date_order
    after: feedback_date
    scope: { after_section: one }
    exempt: 立行立改
";

    const HEAD: &str = "2023年2月10日，巡察组反馈了巡察意见。2023年1月在前言不算。\n一、组织\n";

    #[test]
    fn date_wholly_before_the_anchor_is_an_error_with_a_label() {
        let text = format!("{HEAD}2023年1月5日召开会议。2023年2月印发方案。2月9日部署。\n");
        let found = lint_with_pack(PACK, &text);
        let spans: Vec<&str> = found.iter().map(|d| &text[d.primary.clone()]).collect();
        // 2023年2月 overlaps the anchor day: not a finding. 2月9日 takes the year 2023.
        assert_eq!(spans, ["2023年1月5日", "2月9日"]);
        assert_eq!(
            found[0].message,
            "“2023年1月5日”早于巡察反馈日期（2023-02-10）"
        );
        assert_eq!(&text[found[0].labels[0].span.clone()], "2023年2月10日");
        assert_eq!(found[0].labels[0].message, "巡察反馈日期在此");
    }

    #[test]
    fn exempt_sentence_is_info() {
        let text = format!("{HEAD}对立行立改事项，2023年1月5日已整改完毕。\n");
        let found = lint_with_pack(PACK, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::Severity::Info);
    }

    #[test]
    fn rule_without_anchor_is_a_pack_error_at_the_rule() {
        let yaml = "pack: t\nrules:\n  - id: order\n    kind: date_order\n";
        let Err(crate::pack::PackError::Invalid(error)) = crate::PackSet::load_str("p.yaml", yaml)
        else {
            panic!("expected an invalid pack");
        };
        assert_eq!(error.location, "p.yaml:3:5");
        assert_eq!(error.message, "`date_order` needs `after` or `before`");
    }

    #[test]
    fn no_anchor_no_finding() {
        let text = "一、组织\n2023年1月5日召开会议。\n";
        assert!(lint_with_pack(PACK, text).is_empty());
    }
}
