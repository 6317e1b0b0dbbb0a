//! `date_format`: one way of writing dates per document.
//!
//! ## What it does
//! Sorts every date written with digits into a style: `2023年2月10日`
//! (年月日 with ASCII digits), `２０２３年２月１０日` (full-width digits),
//! `二〇二三年二月十日` (Chinese numerals), `2023-02-10`, `2023.2.10` and
//! `2023/2/10`. The style most dates use is the document's; each date in
//! another style is reported. When the document's style is 年月日 with ASCII
//! digits, a single day or month written otherwise gets a fix.
//!
//! Dates without digits (`上半年`, `年底`) have no style and are ignored.
//!
//! ## Why is this bad?
//! GB/T 9704-2012 asks for one consistent form, with Arabic digits in the
//! date of issue; a mix of `2023.2.10` and `2023年2月10日` reads as careless.
//!
//! ## Example
//! ```yaml
//! - id: date-format
//!   kind: date_format
//!   severity: warning
//! ```

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::dates::{DateExpr, Precision};
use crate::diagnostic::{Edit, Fix};
use crate::document::Source;
use crate::pack::PackError;
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct DateFormat {
    scope: Scope,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope.
    pub fn compile(self, source: &Source) -> Result<DateFormat, PackError> {
        let mut references = Vec::new();
        Ok(DateFormat {
            scope: Scope::compile(self.scope, source, &mut references)?,
            references,
        })
    }
}

/// How a date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Style {
    /// `2023年2月10日`
    Chinese,
    /// `２０２３年２月１０日`
    FullWidth,
    /// `二〇二三年二月十日`
    Numerals,
    /// `2023-02-10`
    Iso,
    /// `2023.2.10`
    Dotted,
    /// `2023/2/10`
    Slashed,
}

impl Style {
    fn of(text: &str) -> Option<Style> {
        let ascii_digits = text.bytes().any(|b| b.is_ascii_digit());
        let full_width = text.chars().any(|c| ('０'..='９').contains(&c));
        let numerals = text.contains('〇') || text.contains('○');
        if ascii_digits {
            Some(if text.contains('年') || text.contains('月') {
                Style::Chinese
            } else if text.contains('-') {
                Style::Iso
            } else if text.contains('/') {
                Style::Slashed
            } else if text.contains('.') {
                Style::Dotted
            } else {
                return None;
            })
        } else if full_width {
            Some(Style::FullWidth)
        } else if numerals {
            Some(Style::Numerals)
        } else {
            None
        }
    }

    fn example(self) -> &'static str {
        match self {
            Style::Chinese => "2023年2月10日",
            Style::FullWidth => "２０２３年２月１０日",
            Style::Numerals => "二〇二三年二月十日",
            Style::Iso => "2023-02-10",
            Style::Dotted => "2023.2.10",
            Style::Slashed => "2023/2/10",
        }
    }
}

/// `2023年2月10日` (or `2023年2月`) for a single day or month.
fn chinese_form(date: &DateExpr) -> Option<String> {
    let interval = date.interval()?;
    let (start, end) = (interval.start, interval.end);
    match interval.precision {
        Precision::Day if start == end => Some(format!(
            "{}年{}月{}日",
            start.year(),
            start.month(),
            start.day()
        )),
        Precision::Month if start.year() == end.year() && start.month() == end.month() => {
            Some(format!("{}年{}月", start.year(), start.month()))
        }
        _ => None,
    }
}

impl Check for DateFormat {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let ranges = self.scope.ranges(cx.doc, cx.outline);
        let styled: Vec<(&DateExpr, Style)> = cx
            .dates
            .iter()
            .filter(|d| Scope::contains(&ranges, &d.span))
            .filter_map(|d| Some((d, Style::of(cx.doc.slice(d.span.clone()))?)))
            .collect();
        let mut counts: Vec<(Style, usize)> = Vec::new();
        for (_, style) in &styled {
            match counts.iter_mut().find(|(s, _)| s == style) {
                Some((_, n)) => *n += 1,
                None => counts.push((*style, 1)),
            }
        }
        // Most used wins; a tie goes to the style seen first.
        let Some(&(main, _)) = counts.iter().rev().max_by_key(|(_, n)| *n) else {
            return;
        };
        if counts.len() < 2 {
            return;
        }
        let main_count = counts.iter().find(|(s, _)| *s == main).map_or(0, |c| c.1);
        for (date, style) in styled {
            if style == main {
                continue;
            }
            let written = cx.doc.slice(date.span.clone());
            let mut diagnostic = cx
                .diagnostic(
                    cx.message_or(format!(
                        "日期写法“{written}”与全文不一致（全文多用“{}”式，共{main_count}处）",
                        main.example()
                    )),
                    date.span.clone(),
                )
                .with_primary_label(format!("应写作“{}”式", main.example()))
                .with_help(cx.help_or("全文日期写法应统一；成文日期用阿拉伯数字将年、月、日标全"));
            if main == Style::Chinese
                && let Some(replacement) = chinese_form(date)
            {
                diagnostic = diagnostic.with_help(format!("改为“{replacement}”"));
                diagnostic.fix = Some(Fix {
                    edits: vec![Edit {
                        span: date.span.clone(),
                        replacement,
                    }],
                });
            }
            out.push(diagnostic);
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::found_with_rule;

    const RULE: &str = "\n  - id: date-format\n    kind: date_format\n";

    fn found(text: &str) -> Vec<(String, String, Option<String>)> {
        found_with_rule(RULE, text)
    }

    #[test]
    fn the_odd_date_out_is_reported_with_a_fix() {
        let text = "2023年2月10日反馈。𠮷2023年3月召开会议，2023.4.5印发方案，\r\n2024-01-16公布。";
        assert_eq!(
            found(text),
            [
                (
                    "2023.4.5".to_owned(),
                    "日期写法“2023.4.5”与全文不一致（全文多用“2023年2月10日”式，共2处）".to_owned(),
                    Some("2023年4月5日".to_owned())
                ),
                (
                    "2024-01-16".to_owned(),
                    "日期写法“2024-01-16”与全文不一致（全文多用“2023年2月10日”式，共2处）"
                        .to_owned(),
                    Some("2024年1月16日".to_owned())
                ),
            ]
        );
    }

    #[test]
    fn signature_in_numerals_gets_arabic_digits() {
        let text = "2023年2月10日反馈，2023年3月至5月整改。\n二〇二三年六月一日";
        let found = found(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "二〇二三年六月一日");
        assert_eq!(found[0].2.as_deref(), Some("2023年6月1日"));
    }

    #[test]
    fn a_range_in_another_style_gets_no_fix() {
        let text = "2023年2月10日反馈，2023年3月整改。2023年4月验收。\n2023.5.1—2023.6.1开展检查。";
        assert_eq!(
            found(text),
            [(
                "2023.5.1—2023.6.1".to_owned(),
                "日期写法“2023.5.1—2023.6.1”与全文不一致（全文多用“2023年2月10日”式，共3处）"
                    .to_owned(),
                None
            )]
        );
    }

    #[test]
    fn one_style_or_no_digits_is_quiet() {
        assert!(found("2023年2月10日反馈，2023年3月整改，上半年完成。").is_empty());
        assert!(found("上半年完成，年底验收。").is_empty());
    }
}
