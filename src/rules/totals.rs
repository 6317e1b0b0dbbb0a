//! `totals`: the stated totals of feedback problems add up.
//!
//! ## What it does
//! Reads statements such as `巡察反馈25个问题，已完成整改19个、正在整改6个，
//! 整改完成率76%` (counted in 个, 项 or 条; separated by `，`, `、` or `,`) and
//! checks, within each paragraph that states a total:
//!
//! - completed + in progress (+ 持续整改/长期坚持 when stated) = total;
//! - the completion rate is 100 × completed / total, rounded to the number of
//!   decimals written (`76%` → whole percent, `76.5%` → one decimal);
//! - with a feedback list, the total equals the number of items in the list;
//! - without one, when the problem headings in `scope` form a complete list
//!   (`问题1…问题N` numbered without a gap, or every problem carrying a
//!   `完成情况：` status), the total equals the number of problems listed;
//! - the problems marked `完成情况：已完成` (or `正在整改`) are as many as the
//!   completed (or in-progress) count when all the problems of the total are
//!   listed with a status; otherwise there must not be more of them.
//!
//! ## Why is this bad?
//! Totals that do not add up are the easiest inconsistency for a reader to
//! spot, and they cast doubt on the whole notice.
//!
//! ## Example
//! ```yaml
//! - id: totals-consistent
//!   kind: totals
//!   scope: { section: items }   # where the problems are listed
//! ```

use std::ops::Range;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::document::Source;
use crate::pack::PackError;
use crate::problems::{Problem, Status, parse_number};
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Where the problems are listed (default: the whole document). Totals are
    /// read everywhere.
    scope: Option<Spanned<ScopeOptions>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct Totals {
    scope: Scope,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles the scope.
    pub fn compile(self, source: &Source) -> Result<Totals, PackError> {
        let mut references = Vec::new();
        let scope = Scope::compile(self.scope, source, &mut references)?;
        LazyLock::force(&STATEMENT);
        Ok(Totals { scope, references })
    }
}

const NUM: &str = "[0-9０-９]{1,4}|[一二两三四五六七八九十]{1,3}";

static STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        r"(?x)
        (?:反馈|指出|提出|移交|交办)(?:了|的)?(?:各类|具体)?(?:(?:{NUM})个方面(?:的)?)?(?:共计|共)?
            (?P<total>{NUM})(?P<total_unit>个|项|条)(?:具体)?问题
        | (?:反馈|指出|提出|移交|交办)(?:的)?问题(?:共计|共|为)?(?P<total2>{NUM})(?P<total_unit2>个|项|条)
        | (?:已经?|均已)?(?:完成整改|整改完成|整改到位)(?P<done>{NUM})(?:个|项|条)
        | 已经?(?:完成|整改)(?P<done2>{NUM})(?:个|项|条)
        | (?:正在整改|整改中|正在推进)(?:的)?(?P<doing>{NUM})(?:个|项|条)
        | (?:持续整改|长期坚持|长期整改)(?:的)?(?P<ongoing>{NUM})(?:个|项|条)
        | 整改完成率(?:为|达到|达|是)?\x20?(?P<rate>[0-9０-９]{{1,3}}(?:[.．][0-9０-９]{{1,3}})?)\x20?[%％]
        "
    );
    Regex::new(&pattern).expect("valid regex")
});

/// A number as written, with where it is.
#[derive(Debug, Clone)]
struct Count {
    value: u32,
    span: Range<usize>,
}

/// A completion rate as written.
#[derive(Debug)]
struct Rate {
    value: f64,
    /// In ASCII digits.
    written: String,
    decimals: usize,
    span: Range<usize>,
}

/// One paragraph's statement of totals.
#[derive(Debug)]
struct Statement {
    total: Count,
    unit: String,
    completed: Option<Count>,
    in_progress: Option<Count>,
    ongoing: Option<Count>,
    rate: Option<Rate>,
}

fn statements(text: &str, block: Range<usize>) -> Vec<Statement> {
    let mut out: Vec<Statement> = Vec::new();
    for m in STATEMENT.captures_iter(&text[block.clone()]) {
        let at = |name: &str| {
            m.name(name)
                .map(|g| (g.as_str(), block.start + g.start()..block.start + g.end()))
        };
        let count = |name: &str| {
            at(name).and_then(|(digits, span)| {
                Some(Count {
                    value: parse_number(digits)?,
                    span,
                })
            })
        };
        if let Some(total) = count("total").or_else(|| count("total2")) {
            let unit = at("total_unit")
                .or_else(|| at("total_unit2"))
                .map_or("个", |u| u.0)
                .to_owned();
            out.push(Statement {
                total,
                unit,
                completed: None,
                in_progress: None,
                ongoing: None,
                rate: None,
            });
            continue;
        }
        // Parts belong to the total stated before them in the paragraph.
        let Some(statement) = out.last_mut() else {
            continue;
        };
        if let Some(c) = count("done").or_else(|| count("done2")) {
            statement.completed.get_or_insert(c);
        } else if let Some(c) = count("doing") {
            statement.in_progress.get_or_insert(c);
        } else if let Some(c) = count("ongoing") {
            statement.ongoing.get_or_insert(c);
        } else if let Some((digits, span)) = at("rate") {
            let ascii: String = digits
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    '．' => '.',
                    c => c,
                })
                .collect();
            let decimals = ascii.split_once('.').map_or(0, |(_, d)| d.len());
            if let Ok(value) = ascii.parse::<f64>() {
                statement.rate.get_or_insert(Rate {
                    value,
                    written: ascii,
                    decimals,
                    span,
                });
            }
        }
    }
    out
}

impl Check for Totals {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let ranges = self.scope.ranges(doc, cx.outline);
        let listed = if ranges.is_empty() {
            Rc::from([])
        } else {
            cx.problems.find(&ranges)
        };
        for block in doc.blocks() {
            for s in statements(doc.text(), block.range.clone()) {
                self.check_statement(cx, &s, &listed, out);
            }
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

impl Totals {
    fn check_statement(
        &self,
        cx: &CheckContext<'_>,
        s: &Statement,
        listed: &[Problem],
        out: &mut Findings,
    ) {
        let (n, unit) = (s.total.value, s.unit.as_str());
        let help = |default: &str| cx.help_or(default);
        // Sum of the parts.
        if let Some(done) = &s.completed {
            let parts = [&s.in_progress, &s.ongoing];
            let stated: Vec<&Count> = parts.iter().filter_map(|p| p.as_ref()).collect();
            let sum = done.value + stated.iter().map(|c| c.value).sum::<u32>();
            if (!stated.is_empty() && sum != n) || sum > n {
                let mut parts_text = format!("已完成整改{}{unit}", done.value);
                for (count, name) in [(&s.in_progress, "正在整改"), (&s.ongoing, "持续整改")]
                {
                    if let Some(c) = count {
                        parts_text.push_str(&format!("与{name}{}{unit}", c.value));
                    }
                }
                let message = if stated.is_empty() {
                    format!("{parts_text}，超过反馈问题总数{n}{unit}")
                } else {
                    format!("{parts_text}之和为{sum}{unit}，与反馈问题总数{n}{unit}不符")
                };
                let mut d = cx
                    .diagnostic(cx.message_or(message), s.total.span.clone())
                    .with_primary_label(format!("总数{n}{unit}"))
                    .with_label(done.span.clone(), format!("已完成{}", done.value));
                for (count, name) in [(&s.in_progress, "正在整改"), (&s.ongoing, "持续整改")]
                {
                    if let Some(c) = count {
                        d = d.with_label(c.span.clone(), format!("{name}{}", c.value));
                    }
                }
                out.push(d.with_help(help("核对反馈问题总数和各项数字")));
            }
        }
        // Completion rate.
        if let Some(Rate {
            value: rate,
            written,
            decimals,
            span,
        }) = &s.rate
            && n > 0
        {
            let done = s.completed.as_ref().map(|c| c.value).or_else(|| {
                let rest =
                    s.in_progress.as_ref()?.value + s.ongoing.as_ref().map_or(0, |c| c.value);
                n.checked_sub(rest)
            });
            if let Some(done) = done {
                let scale = 10f64.powi(*decimals as i32);
                let expected = (100.0 * f64::from(done) / f64::from(n) * scale).round() / scale;
                if (expected - rate).abs() > 0.5 / scale / 10.0 {
                    let expected_text = format!("{expected:.decimals$}", decimals = *decimals);
                    out.push(
                        cx.diagnostic(
                            cx.message_or(format!(
                                "整改完成率应为{expected_text}%（{done}/{n}），文中为{written}%"
                            )),
                            span.clone(),
                        )
                        .with_primary_label(format!("应为{expected_text}%"))
                        .with_label(s.total.span.clone(), format!("总数{n}{unit}"))
                        .with_help(help(
                            "完成率 = 已完成整改数 ÷ 反馈问题总数，按写出的小数位四舍五入",
                        )),
                    );
                }
            }
        }
        // The total against the list.
        if let Some(list) = cx.feedback {
            if list.items.len() != n as usize {
                out.push(
                    cx.diagnostic(
                        cx.message_or(format!(
                            "文中反馈问题总数为{n}{unit}，反馈清单列有{}个问题",
                            list.items.len()
                        )),
                        s.total.span.clone(),
                    )
                    .with_primary_label("与反馈清单不符")
                    .with_help(help(&format!("核对总数或反馈清单（{}）", list.origin))),
                );
            }
        } else if is_complete(listed) && listed.len() != n as usize {
            let last = listed.last().expect("complete lists are not empty");
            out.push(
                cx.diagnostic(
                    cx.message_or(format!(
                        "文中逐项列出问题{}个，与反馈问题总数{n}{unit}不符",
                        listed.len()
                    )),
                    s.total.span.clone(),
                )
                .with_primary_label("与列出的问题数不符")
                .with_label(last.heading.clone(), "最后列出的问题")
                .with_help(help("核对总数，或补全逐项整改情况")),
            );
        }
        // Statuses against the counts: equal when every problem of the total is
        // listed with a status; otherwise no more marked than stated.
        let all_have_status = listed.len() == n as usize
            && !listed.is_empty()
            && listed.iter().all(|p| p.status.is_some());
        for (count, status) in [
            (&s.completed, Status::Completed),
            (&s.in_progress, Status::InProgress),
        ] {
            let Some(count) = count else { continue };
            let marked: Vec<&Problem> = listed
                .iter()
                .filter(|p| p.status.as_ref().is_some_and(|(st, _)| *st == status))
                .collect();
            let seen = marked.len() as u32;
            if seen == count.value || listed.iter().all(|p| p.status.is_none()) {
                continue;
            }
            if all_have_status || seen > count.value {
                let name = status.as_str();
                let mut d = cx
                    .diagnostic(
                        cx.message_or(format!(
                            "完成情况为“{name}”的问题有{seen}个，与文中所述{}{unit}不符",
                            count.value
                        )),
                        count.span.clone(),
                    )
                    .with_primary_label(format!("标注为“{name}”的问题有{seen}个"));
                for p in marked.iter().take(3) {
                    if let Some((_, span)) = &p.status {
                        d = d.with_label(span.clone(), format!("{}：{name}", p.label));
                    }
                }
                out.push(d.with_help(help("核对各问题的完成情况与汇总数字")));
            }
        }
    }
}

/// Whether the problems listed are the whole list: numbered 1…N without a gap,
/// or each with a status.
fn is_complete(listed: &[Problem]) -> bool {
    if listed.is_empty() {
        return false;
    }
    let numbered = listed
        .iter()
        .enumerate()
        .all(|(i, p)| p.number == Some(i as u32 + 1));
    numbered || listed.iter().all(|p| p.status.is_some())
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_rule;

    const RULE: &str = "\n  - id: totals\n    kind: totals\n";

    fn messages(text: &str) -> Vec<String> {
        lint_with_rule(RULE, text)
            .into_iter()
            .map(|d| format!("{}|{}", &text[d.primary.clone()], d.message))
            .collect()
    }

    #[test]
    fn totals_that_add_up() {
        assert!(
            messages("巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率76%。").is_empty()
        );
        assert!(
            messages("反馈问题共12项，已整改完成9项，正在整改3项，整改完成率75.0%。").is_empty()
        );
        assert!(messages("巡察反馈3个方面9个问题,已完成整改7个,正在整改2个。").is_empty());
        assert!(messages("巡察组反馈的十二个问题，已完成整改十个、正在整改两个。").is_empty());
        // A rate rounded to the written precision.
        assert!(messages("反馈问题3个，已完成整改2个，正在整改1个，整改完成率66.7%。").is_empty());
        assert!(messages("反馈问题3个，已完成整改2个，正在整改1个，整改完成率67%。").is_empty());
    }

    #[test]
    fn totals_that_do_not() {
        assert_eq!(
            messages("巡察反馈5个问题，已完成整改3个，正在整改1个。"),
            ["5|已完成整改3个与正在整改1个之和为4个，与反馈问题总数5个不符"]
        );
        assert_eq!(
            messages("巡察反馈25个问题，已完成整改19个、正在整改6个，整改完成率80%。"),
            ["80|整改完成率应为76%（19/25），文中为80%"]
        );
        assert_eq!(
            messages("反馈问题3个，已完成整改2个，正在整改1个，整改完成率66.6%。"),
            ["66.6|整改完成率应为66.7%（2/3），文中为66.6%"]
        );
        assert_eq!(
            messages("反馈问题4个，已完成整改3个，正在整改1个，整改完成率９０％。"),
            ["９０|整改完成率应为75%（3/4），文中为90%"]
        );
        assert_eq!(
            messages("反馈问题4项，已完成整改5项。"),
            ["4|已完成整改5项，超过反馈问题总数4项"]
        );
    }

    #[test]
    fn listed_problems_and_statuses() {
        let text = "巡察反馈3个问题，已完成整改2个，正在整改1个。\n问题1：甲\n整改情况：已完成。\n完成情况：已完成\n问题2：乙\n完成情况：正在整改\n问题3：丙\n完成情况：正在整改\n";
        assert_eq!(
            messages(text),
            [
                "2|完成情况为“已完成”的问题有1个，与文中所述2个不符",
                "1|完成情况为“正在整改”的问题有2个，与文中所述1个不符"
            ]
        );
        let text = "巡察反馈4个问题，已完成整改3个，正在整改1个。\n问题1：甲\n完成情况：已完成\n问题2：乙\n完成情况：已完成\n问题3：丙\n完成情况：已完成\n";
        assert_eq!(
            messages(text),
            ["4|文中逐项列出问题3个，与反馈问题总数4个不符"]
        );
        // Not every problem listed: fewer marked is accepted, more is not.
        let text = "巡察反馈9个问题，已完成整改8个，正在整改1个。\n（一）关于“甲甲”的问题\n完成情况：已完成\n（二）关于“乙乙”的问题\n完成情况：正在整改\n（三）关于“丙丙”的问题\n完成情况：正在整改\n";
        assert_eq!(
            messages(text),
            [
                "9|文中逐项列出问题3个，与反馈问题总数9个不符",
                "1|完成情况为“正在整改”的问题有2个，与文中所述1个不符"
            ]
        );
    }

    #[test]
    fn statements_without_total_or_in_other_words_are_ignored() {
        assert!(messages("已完成整改3个，正在整改1个。").is_empty());
        assert!(messages("制定整改措施41条，建立问题清单。").is_empty());
        assert!(messages("针对反馈的9个问题细化制定41条整改措施。").is_empty());
        assert!(
            messages("形成调研报告7篇，提出的14条对策建议已全部纳入，已完成整改20个。").is_empty()
        );
    }
}
