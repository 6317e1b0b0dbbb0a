//! `date_valid`: dates that cannot exist, and weekdays that do not match.
//!
//! ## What it does
//! Reports every written date that does not exist (`2023年2月30日`, `13月`,
//! `二〇二六年二月三十日`) and every weekday written after a date that is not that
//! date's weekday (`2023年2月10日（星期四）`: it was a Friday).
//!
//! ## Why is this bad?
//! An impossible date in a public notice is a typo that undermines the record
//! of when each rectification step was taken.
//!
//! ## Example
//! ```yaml
//! - id: date-valid
//!   kind: date_valid
//! ```

use jiff::civil::Weekday;
use serde::Deserialize;

use super::{Check, CheckContext, Findings};
use crate::document::Source;
use crate::pack::PackError;

/// YAML options (none).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {}

/// The compiled rule.
#[derive(Debug)]
pub struct DateValid;

impl Options {
    /// Nothing to compile.
    pub fn compile(self, _source: &Source) -> Result<DateValid, PackError> {
        Ok(DateValid)
    }
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Monday => "星期一",
        Weekday::Tuesday => "星期二",
        Weekday::Wednesday => "星期三",
        Weekday::Thursday => "星期四",
        Weekday::Friday => "星期五",
        Weekday::Saturday => "星期六",
        Weekday::Sunday => "星期日",
    }
}

impl Check for DateValid {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        for date in cx.dates {
            match &date.value {
                Err(invalid) => out.push(
                    cx.diagnostic(
                        format!("日期“{}”不存在：{invalid}", cx.doc.slice(date.span.clone())),
                        date.span.clone(),
                    )
                    .with_primary_label("不存在的日期")
                    .with_help(cx.help_or("核对并改正日期")),
                ),
                Ok(interval) => {
                    let Some((span, written)) = &date.weekday else {
                        continue;
                    };
                    if interval.start != interval.end {
                        continue;
                    }
                    let actual = interval.start.weekday();
                    if actual != *written {
                        out.push(
                            cx.diagnostic(
                                format!(
                                    "{}是{}，不是{}",
                                    cx.doc.slice(date.span.clone()),
                                    weekday_name(actual),
                                    weekday_name(*written)
                                ),
                                span.clone(),
                            )
                            .with_primary_label("星期与日期不符")
                            .with_label(date.span.clone(), "日期在此")
                            .with_help("核对日期或星期"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_rule;

    const RULE: &str = "\n- id: valid\n  kind: date_valid\n";

    #[test]
    fn impossible_dates() {
        let text = "2023年2月10日开会。2023年2月30日整改。二〇二六年二月三十日。2024年2月29日。";
        let found = lint_with_rule(RULE, text);
        let spans: Vec<&str> = found.iter().map(|d| &text[d.primary.clone()]).collect();
        assert_eq!(spans, ["2023年2月30日", "二〇二六年二月三十日"]);
        assert_eq!(
            found[0].message,
            "日期“2023年2月30日”不存在：2023年2月没有30日"
        );
    }

    #[test]
    fn weekday_mismatch_points_at_the_weekday() {
        let text = "2023年2月10日（星期四）反馈。2023年2月10日（星期五）也对。";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].primary.clone()], "（星期四）");
        assert_eq!(found[0].message, "2023年2月10日是星期五，不是星期四");
    }
}
