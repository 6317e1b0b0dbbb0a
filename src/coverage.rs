//! Which feedback items a notice answers: one entry per item, for reports.

use std::ops::Range;

use serde::Serialize;

/// Whether an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CoverageStatus {
    /// A section answers it.
    Answered,
    /// No section in scope matches it.
    Unanswered,
    /// A section matches it but carries no answer.
    Empty,
}

/// One feedback item (or, without a list, one problem heading) and its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverageItem {
    /// Item id (`F3`), or the problem's label in the notice (`问题3`, `（三）`).
    pub item: String,
    /// The problem's text.
    pub text: String,
    /// Whether it is answered.
    pub status: CoverageStatus,
    /// The section that matches it, when one does.
    pub section: Option<Range<usize>>,
}

/// `反馈问题 7/9 已回应（未回应：F3；内容为空：F5）` for a file's coverage;
/// `None` when there are no items.
pub fn summary(items: &[CoverageItem]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let ids = |status| {
        items
            .iter()
            .filter(|i| i.status == status)
            .map(|i| i.item.as_str())
            .collect::<Vec<_>>()
    };
    let answered = ids(CoverageStatus::Answered).len();
    let mut line = format!("反馈问题 {answered}/{} 已回应", items.len());
    let missing: Vec<String> = [
        (CoverageStatus::Unanswered, "未回应"),
        (CoverageStatus::Empty, "内容为空"),
    ]
    .into_iter()
    .filter_map(|(status, name)| {
        let ids = ids(status);
        (!ids.is_empty()).then(|| format!("{name}：{}", ids.join("、")))
    })
    .collect();
    if !missing.is_empty() {
        line.push_str(&format!("（{}）", missing.join("；")));
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, status: CoverageStatus) -> CoverageItem {
        CoverageItem {
            item: id.to_owned(),
            text: String::new(),
            status,
            section: None,
        }
    }

    #[test]
    fn summary_names_what_is_missing() {
        use CoverageStatus::*;
        assert_eq!(summary(&[]), None);
        assert_eq!(
            summary(&[item("F1", Answered), item("F2", Answered)]).unwrap(),
            "反馈问题 2/2 已回应"
        );
        assert_eq!(
            summary(&[
                item("F1", Answered),
                item("F2", Unanswered),
                item("F3", Empty),
                item("F4", Unanswered)
            ])
            .unwrap(),
            "反馈问题 1/4 已回应（未回应：F2、F4；内容为空：F3）"
        );
    }
}
