//! `required_sections`: the parts a notice must have, in order.
//!
//! ## What it does
//! Checks that every listed part (a numbered or Markdown section found by its
//! heading, or a paragraph such as the title found by its text) is present, that
//! the parts come in the listed order, and that each has at least `min_chars`
//! characters of body.
//!
//! ## Why is this bad?
//! Reviewers return a notice that lacks a required part (the preamble with the
//! inspection and feedback dates, the item-by-item rectification, the long-term
//! mechanisms) before reading further.
//!
//! ## Example
//! ```yaml
//! - id: required-sections
//!   kind: required_sections
//!   sections:
//!     - { id: title, name: 标题, paragraph: '整改.*(通报|报告)$' }
//!     - { id: organisation, name: 第一部分, heading: '^一、', level: 1, min_chars: 50 }
//! ```
//! A missing part is reported where it belongs: just after the previous part
//! found, or at the top of the document.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings, visible_chars_up_to};
use crate::document::Source;
use crate::outline::{FoundSection, SectionMatcher, SectionSpec};
use crate::pack::{PackError, pattern, span_of};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// The parts, in the order they must appear.
    sections: Spanned<Vec<SectionOptions>>,
}

/// One expected part.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionOptions {
    id: Spanned<String>,
    /// Name used in messages (defaults to the id).
    name: Option<String>,
    /// Regex matched against section headings.
    heading: Option<Spanned<String>>,
    /// Regex matched against paragraphs (for parts that are not sections).
    paragraph: Option<Spanned<String>>,
    /// Heading level the section must have.
    level: Option<Spanned<u8>>,
    /// Minimum body length in non-blank characters.
    min_chars: Option<usize>,
    message: Option<String>,
    help: Option<String>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct RequiredSections {
    sections: Vec<SectionSpec>,
}

impl Options {
    /// Compiles patterns and checks the option combinations.
    pub fn compile(self, source: &Source) -> Result<RequiredSections, PackError> {
        if self.sections.value.is_empty() {
            return Err(PackError::at_value(
                source,
                &self.sections.referenced,
                "`sections` is empty",
                "no sections listed",
                Some("list the parts the document must have".to_owned()),
            ));
        }
        let mut sections: Vec<SectionSpec> = Vec::new();
        for section in self.sections.value {
            if sections.iter().any(|s| s.id == section.id.value) {
                return Err(PackError::at_value(
                    source,
                    &section.id.referenced,
                    format!("duplicate section id `{}`", section.id.value),
                    "used again here",
                    None,
                ));
            }
            let matcher = match (&section.heading, &section.paragraph) {
                (Some(heading), None) => {
                    SectionMatcher::Heading {
                        regex: pattern::compile(source, heading)?,
                        level: match &section.level {
                            Some(level) if !(1..=6).contains(&level.value) => {
                                return Err(PackError::at_value(
                                source,
                                &level.referenced,
                                format!("level {} is out of range", level.value),
                                "not a level",
                                Some("levels are 1 (一、) to 5 (①), or 1–6 for Markdown headings".to_owned()),
                            ));
                            }
                            level => level.as_ref().map(|l| l.value),
                        },
                    }
                }
                (None, Some(paragraph)) => {
                    if let Some(level) = &section.level {
                        return Err(PackError::at(
                            source,
                            span_of(source, &level.referenced),
                            "`level` only applies to `heading`",
                            "not used with `paragraph`",
                            None,
                        ));
                    }
                    SectionMatcher::Paragraph(pattern::compile(source, paragraph)?)
                }
                _ => {
                    return Err(PackError::at_value(
                        source,
                        &section.id.referenced,
                        format!(
                            "section `{}` needs exactly one of `heading` or `paragraph`",
                            section.id.value
                        ),
                        "in this section",
                        None,
                    ));
                }
            };
            sections.push(SectionSpec {
                name: section.name.unwrap_or_else(|| section.id.value.clone()),
                id: section.id.value,
                matcher,
                min_chars: section.min_chars,
                message: section.message,
                help: section.help,
            });
        }
        Ok(RequiredSections { sections })
    }
}

impl Check for RequiredSections {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let top = cx.doc.blocks().first().map_or(0, |b| b.range.start);
        // The last part found so far, in document order.
        let mut previous: Option<(&SectionSpec, &FoundSection)> = None;
        for spec in &self.sections {
            let Some(found) = cx.outline.get(&spec.id) else {
                let at = previous.map_or(top, |(_, f)| f.range.end);
                let message = spec
                    .message
                    .clone()
                    .unwrap_or_else(|| cx.message_or(format!("缺少“{}”", spec.name)));
                let mut diagnostic = cx
                    .diagnostic(message, at..at)
                    .with_primary_label(format!("“{}”应在此处", spec.name));
                if let Some(help) = spec.help.clone().or_else(|| cx.rule.help.clone()) {
                    diagnostic = diagnostic.with_help(help);
                }
                out.push(diagnostic);
                continue;
            };
            match previous {
                Some((before, before_found))
                    if found.heading.start < before_found.heading.start =>
                {
                    out.push(
                        cx.diagnostic(
                            format!("“{}”应位于“{}”之后", spec.name, before.name),
                            found.heading.clone(),
                        )
                        .with_primary_label("顺序错误")
                        .with_label(
                            before_found.heading.clone(),
                            format!("“{}”在此", before.name),
                        )
                        .with_help(format!("按顺序排列：{}", self.order())),
                    );
                }
                _ => previous = Some((spec, found)),
            }
            if let Some(min) = spec.min_chars {
                let count = visible_chars_up_to(cx.doc.slice(found.body()), min);
                if count < min {
                    out.push(
                        cx.diagnostic(
                            format!("“{}”内容过少：{count}字，至少应有{min}字", spec.name),
                            found.heading.clone(),
                        )
                        .with_primary_label("本部分内容不足")
                        .with_help(
                            spec.help
                                .clone()
                                .unwrap_or_else(|| format!("充实“{}”的内容", spec.name)),
                        ),
                    );
                }
            }
        }
    }

    fn section_specs(&self) -> &[SectionSpec] {
        &self.sections
    }
}

impl RequiredSections {
    fn order(&self) -> String {
        self.sections
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>()
            .join(" → ")
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_rule;

    const RULE: &str = r"
- id: parts
  kind: required_sections
  sections:
    - { id: title, name: 标题, paragraph: '通报$' }
    - { id: one, name: 第一部分, heading: '^一、', level: 1, min_chars: 4 }
    - { id: two, name: 第二部分, heading: '^二、', level: 1 }
    - { id: three, name: 第三部分, heading: '^三、', level: 1, help: 写长效机制 }
";

    #[test]
    fn complete_document_is_clean() {
        let text = "关于整改的通报\n一、组织\n正文正文正文。\n二、落实\n三、长效\n";
        assert!(lint_with_rule(RULE, text).is_empty());
    }

    #[test]
    fn missing_part_is_reported_after_the_previous_part() {
        let text = "关于整改的通报\n一、组织\n正文正文正文。\n三、长效\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "缺少“第二部分”");
        // Where 一、 ends: the start of 三、.
        let at = text.find("三、").unwrap();
        assert_eq!(found[0].primary, at..at);
    }

    #[test]
    fn missing_title_is_reported_at_the_top_with_help() {
        let text = "一、组织\n正文正文正文。\n二、落实\n";
        let found = lint_with_rule(RULE, text);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["缺少“标题”", "缺少“第三部分”"]);
        assert_eq!(found[0].primary, 0..0);
        assert_eq!(found[1].help.as_deref(), Some("写长效机制"));
        assert_eq!(
            found[1].primary,
            text.trim_end().len()..text.trim_end().len()
        );
    }

    #[test]
    fn out_of_order_and_short_body() {
        let text = "关于整改的通报\n二、落实\n一、组织\n短。\n三、长效\n";
        let found = lint_with_rule(RULE, text);
        let messages: Vec<_> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "“第二部分”应位于“第一部分”之后",
                "“第一部分”内容过少：2字，至少应有4字"
            ]
        );
        let two = text.find("二、落实").unwrap();
        assert_eq!(found[0].primary, two..two + "二、落实".len());
        assert_eq!(found[0].labels[0].message, "“第一部分”在此");
    }
}
