//! `anchor_date`: an anchor date is stated, where it belongs, in order.
//!
//! ## What it does
//! Checks that the anchor (e.g. the feedback date) is found when the pack
//! marks it `required`, that it is written inside `scope` (e.g. the preamble),
//! that it falls after the end of the `after` anchor (e.g. the inspection
//! period) and not after the `not_after` anchor (e.g. the signature date).
//!
//! ## Why is this bad?
//! Without the feedback date no reader can judge the rectification timeline;
//! a feedback date before the inspection ended, or after the notice was
//! signed, is a typo.
//!
//! ## Example
//! ```yaml
//! - id: feedback-date
//!   kind: anchor_date
//!   anchor: feedback_date
//!   scope: { section: preamble }
//!   after: inspection_period
//!   not_after: signature_date
//! ```

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::document::Source;
use crate::pack::PackError;
use crate::scope::{Reference, ReferenceKind, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The anchor checked.
    anchor: Spanned<String>,
    /// Where it must be written.
    scope: Option<Spanned<ScopeOptions>>,
    /// It must fall after this anchor's end.
    after: Option<Spanned<String>>,
    /// It must not fall after this anchor.
    not_after: Option<Spanned<String>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct AnchorDate {
    anchor: String,
    scope: Scope,
    after: Option<String>,
    not_after: Option<String>,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope and records the anchors referred to.
    pub fn compile(self, source: &Source) -> Result<AnchorDate, PackError> {
        let mut references = vec![Reference::to(ReferenceKind::Anchor, source, &self.anchor)];
        for other in [&self.after, &self.not_after].into_iter().flatten() {
            references.push(Reference::to(ReferenceKind::Anchor, source, other));
        }
        Ok(AnchorDate {
            anchor: self.anchor.value,
            scope: Scope::compile(self.scope, source, &mut references)?,
            after: self.after.map(|a| a.value),
            not_after: self.not_after.map(|a| a.value),
            references,
        })
    }
}

impl Check for AnchorDate {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let name = cx.anchor_name(&self.anchor);
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let Some(anchor) = cx.anchors.get(&self.anchor) else {
            let Some(spec) = cx.anchor_spec(&self.anchor).filter(|s| s.required) else {
                return;
            };
            let at = ranges.first().map_or(0, |r| r.start);
            let at = cx
                .doc
                .block_at(at)
                .map_or(at, |b| cx.doc.blocks()[b].range.start);
            let mut diagnostic = cx
                .diagnostic(
                    spec.message
                        .clone()
                        .unwrap_or_else(|| cx.message_or(format!("未找到{name}"))),
                    at..at,
                )
                .with_primary_label(format!("应在此写明{name}"));
            if let Some(help) = spec.help.clone().or_else(|| cx.rule.help.clone()) {
                diagnostic = diagnostic.with_help(help);
            }
            out.push(diagnostic);
            return;
        };
        // Given on the command line or in front matter: nothing to place.
        let Some(span) = anchor.span.clone() else {
            return;
        };
        if !ranges.is_empty() && !Scope::contains(&ranges, &span) {
            out.push(
                cx.diagnostic(format!("{name}不在规定的部分"), span.clone())
                    .with_primary_label(format!("{name}写在此处"))
                    .with_help(cx.help_or(format!("将{name}移到规定的部分（如开头段）"))),
            );
        }
        if let Some(other_id) = &self.after
            && let Some(other) = cx.anchors.get(other_id)
            && anchor.interval.start <= other.interval.end
        {
            let other_name = cx.anchor_name(other_id);
            let message = format!(
                "{name}（{}）不晚于{other_name}（{}）",
                anchor.interval.start, other.interval.end
            );
            let diagnostic = cx
                .diagnostic(message, span.clone())
                .with_primary_label(format!("{name}在此"))
                .with_help(format!("{name}应在{other_name}结束之后，请核对"));
            out.push(cx.label_anchor(diagnostic, other_id));
        }
        if let Some(other_id) = &self.not_after
            && let Some(other) = cx.anchors.get(other_id)
            && anchor.interval.start > other.interval.end
        {
            let other_name = cx.anchor_name(other_id);
            let message = format!(
                "{name}（{}）晚于{other_name}（{}）",
                anchor.interval.start, other.interval.end
            );
            let diagnostic = cx
                .diagnostic(message, span.clone())
                .with_primary_label(format!("{name}在此"))
                .with_help(format!("{name}不应晚于{other_name}，请核对"));
            out.push(cx.label_anchor(diagnostic, other_id));
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
    required: true
    find: '(?P<date>{date})[，,]?[^。]{0,40}?反馈了?巡察意见'
rules:
  - id: parts
    kind: required_sections
    sections:
      - { id: preamble, paragraph: '巡察组对' }
  - id: feedback-date
    kind: anchor_date
    anchor: feedback_date
    scope: { section: preamble }
    after: inspection_period
    not_after: signature_date
";

    #[test]
    fn well_placed_feedback_date_is_clean() {
        let text = "2022年10月20日至2023年1月6日，巡察组对本单位开展了巡察。2023年2月10日，巡察组反馈了巡察意见。\n正文。\n2023年12月1日\n";
        assert!(
            lint_with_pack(PACK, text).is_empty(),
            "{:?}",
            lint_with_pack(PACK, text)
        );
    }

    #[test]
    fn year_less_feedback_date_takes_the_inspection_year() {
        let text = "2022年10月20日至2023年1月6日，巡察组对本单位开展了巡察。2月10日，巡察组反馈了巡察意见。\n";
        assert!(lint_with_pack(PACK, text).is_empty());
    }

    #[test]
    fn missing_feedback_date() {
        let text = "标题\n2022年10月20日至2023年1月6日，巡察组对本单位开展了巡察。\n";
        let found = lint_with_pack(PACK, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "未找到巡察反馈日期");
        let at = text.find("2022").unwrap();
        assert_eq!(found[0].primary, at..at);
    }

    #[test]
    fn feedback_before_inspection_end_and_after_signature() {
        let text = "2022年10月20日至2023年1月6日，巡察组对本单位开展了巡察。2023年1月5日，巡察组反馈了巡察意见。\n2022年12月1日\n";
        let found = lint_with_pack(PACK, text);
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "巡察反馈日期（2023-01-05）不晚于巡察时间（2023-01-06）",
                "巡察反馈日期（2023-01-05）晚于成文日期（2022-12-01）"
            ]
        );
        assert_eq!(&text[found[0].primary.clone()], "2023年1月5日");
        assert_eq!(
            &text[found[0].labels[0].span.clone()],
            "2022年10月20日至2023年1月6日"
        );
    }

    #[test]
    fn anchor_pattern_with_text_before_the_date() {
        // Not written date-first: searched with the whole pattern.
        let pack = PACK.replace(
            "find: '(?P<date>{date})[，,]?[^。]{0,40}?反馈了?巡察意见'",
            "find: '反馈日期[:：](?P<date>{date})'",
        );
        let text =
            "2022年10月20日至2023年1月6日，巡察组对本单位开展了巡察。反馈日期：2023年1月5日。\n";
        let found = lint_with_pack(&pack, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "巡察反馈日期（2023-01-05）不晚于巡察时间（2023-01-06）"
        );
        assert_eq!(&text[found[0].primary.clone()], "2023年1月5日");
    }
}
