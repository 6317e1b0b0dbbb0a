//! The problems a notice lists in its item-by-item part: headings that quote a
//! feedback item (`（一）关于“…”的问题`, `1.关于“…”问题的整改`, `(1)关于“…”`) or
//! number it (`问题3：…`), what each one covers, and the completion status it
//! states (`完成情况：已完成`).

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::LazyLock;

use regex::Regex;

use crate::document::Document;
use crate::document::numbering::chinese_number;

/// Completion status written after a problem (`完成情况：已完成`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// 已完成, 已整改, 已整改到位.
    Completed,
    /// 正在整改, 整改中.
    InProgress,
    /// 持续整改.
    Continuing,
    /// 长期坚持.
    LongTerm,
}

impl Status {
    /// The status as notices write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Completed => "已完成",
            Status::InProgress => "正在整改",
            Status::Continuing => "持续整改",
            Status::LongTerm => "长期坚持",
        }
    }
}

/// One problem heading and the text that belongs to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The heading: a section's heading, or the first sentence of a `问题N：` paragraph.
    pub heading: Range<usize>,
    /// The problem in the notice's words: the quoted text, or what follows `问题N：`.
    pub text: Range<usize>,
    /// How the notice names it: `问题3`, `（三）`, `1.`; empty when unnumbered.
    pub label: String,
    /// The number of a `问题N` heading.
    pub number: Option<u32>,
    /// Nesting depth; a problem ends at the next problem of the same or a smaller depth.
    pub depth: usize,
    /// From the heading to the next problem of the same or a higher level, or
    /// to the end of the enclosing section or scope.
    pub range: Range<usize>,
    /// The stated status and where it is written.
    pub status: Option<(Status, Range<usize>)>,
}

impl Problem {
    /// The text after the heading.
    pub fn body(&self) -> Range<usize> {
        self.heading.end..self.range.end
    }
}

/// `问题3：…`, `问题三、…`.
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^问题[ \t　]*([0-9０-９]{1,3}|[一二三四五六七八九十]{1,3})[ \t　]*[:：.．、][ \t　]*",
    )
    .expect("valid regex")
});

/// What may follow the closing quote of a problem heading.
static QUOTE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:的)?(?:方面)?(?:的)?(?P<problem>问题)?(?:的?整改(?:落实)?(?:情况)?)?[。：:；;]?[ \t　]*$")
        .expect("valid regex")
});

static STATUS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"完成情况[ \t　]*[:：][ \t　]*(?P<status>已完成|已整改到位|已整改|正在整改|整改中|持续整改|长期坚持)")
        .expect("valid regex")
});

/// The problems of one document, found once per scope however many rules ask
/// (`sentence-end`, `feedback-answered` and `totals-consistent` all read them).
#[derive(Debug)]
pub struct ProblemMemo<'a> {
    doc: &'a Document,
    found: RefCell<Vec<Remembered>>,
}

/// The problems found in one set of scopes.
#[derive(Debug)]
struct Remembered {
    scopes: Vec<Range<usize>>,
    problems: Rc<[Problem]>,
}

impl<'a> ProblemMemo<'a> {
    /// A memo of the problems of `doc`.
    pub fn new(doc: &'a Document) -> Self {
        ProblemMemo {
            doc,
            found: RefCell::new(Vec::new()),
        }
    }

    /// The problems whose headings lie inside `scopes`, in document order;
    /// found once for each set of scopes.
    pub fn find(&self, scopes: &[Range<usize>]) -> Rc<[Problem]> {
        if let Some(remembered) = self.found.borrow().iter().find(|r| r.scopes == scopes) {
            return Rc::clone(&remembered.problems);
        }
        let problems: Rc<[Problem]> = find(self.doc, scopes).into();
        self.found.borrow_mut().push(Remembered {
            scopes: scopes.to_vec(),
            problems: Rc::clone(&problems),
        });
        problems
    }
}

/// The problems whose headings lie inside `scopes`, in document order.
fn find(doc: &Document, scopes: &[Range<usize>]) -> Vec<Problem> {
    let sections = doc.sections();
    let inside = |r: &Range<usize>| scopes.iter().find(|s| s.start <= r.start && r.end <= s.end);
    // (problem, end of what may contain it)
    let mut found: Vec<(Problem, usize)> = Vec::new();
    for (index, block) in doc.blocks().iter().enumerate() {
        let Some(scope) = inside(&block.range) else {
            continue;
        };
        let opened = sections.iter().position(|s| s.block == index);
        let problem = match opened {
            Some(si) => {
                let section = &sections[si];
                let marker_len = section.marker.map_or(0, |m| m.len);
                let start = section.heading.start + marker_len;
                read_heading(doc, start..section.heading.end, section.marker.is_some()).map(
                    |(text, number)| {
                        let label = doc.slice(section.heading.start..start).trim().to_owned();
                        let problem = Problem {
                            heading: section.heading.clone(),
                            text,
                            label,
                            number,
                            depth: doc.section_depth(si),
                            range: section.range.clone(),
                            status: None,
                        };
                        (problem, section.range.end.min(scope.end))
                    },
                )
            }
            None => {
                let heading = first_sentence(doc, block.range.clone());
                read_heading(doc, heading.clone(), false).map(|(text, number)| {
                    let enclosing = sections.iter().enumerate().rev().find(|(_, s)| {
                        s.range.start <= block.range.start && block.range.start < s.range.end
                    });
                    let (depth, end) = match enclosing {
                        Some((si, s)) => (doc.section_depth(si) + 1, s.range.end.min(scope.end)),
                        None => (0, scope.end),
                    };
                    let problem = Problem {
                        heading,
                        text,
                        label: String::new(),
                        number,
                        depth,
                        range: block.range.start..end,
                        status: None,
                    };
                    (problem, end)
                })
            }
        };
        if let Some(problem) = problem {
            found.push(problem);
        }
    }
    let starts: Vec<(usize, usize)> = found
        .iter()
        .map(|(p, _)| (p.heading.start, p.depth))
        .collect();
    found
        .into_iter()
        .enumerate()
        .map(|(i, (mut problem, container_end))| {
            let next = starts[i + 1..]
                .iter()
                .find(|(_, depth)| *depth <= problem.depth)
                .map_or(usize::MAX, |(start, _)| *start);
            problem.range.end = container_end.min(next).max(problem.heading.end);
            if problem.label.is_empty() {
                problem.label = match problem.number {
                    Some(n) => format!("问题{n}"),
                    None => format!("第{}项", i + 1),
                };
            }
            problem.status = status_in(doc, problem.body());
            problem
        })
        .collect()
}

/// The problem text and number when `range` (a heading without its marker) is
/// a problem heading. Quote headings without a number must say `问题`.
fn read_heading(
    doc: &Document,
    range: Range<usize>,
    numbered: bool,
) -> Option<(Range<usize>, Option<u32>)> {
    let text = doc.slice(range.clone());
    // The literal test spares compiling the regex for notices without `问题N`.
    if let Some(m) = text
        .starts_with("问题")
        .then(|| NUMBERED.captures(text))
        .flatten()
    {
        let digits = m.get(1).expect("group 1").as_str();
        let number = parse_number(digits);
        let whole = m.get(0).expect("match");
        let body = range.start + whole.end()..range.end;
        let trimmed = trim_end_punctuation(doc, body);
        return Some((trimmed, number));
    }
    let rest = text.strip_prefix("关于")?;
    let (quote, tail) = quoted(rest)?;
    let tail = QUOTE_TAIL.captures(tail)?;
    if !numbered && tail.name("problem").is_none() {
        return None;
    }
    let start = range.start + "关于".len();
    Some((start + quote.start..start + quote.end, None))
}

/// The quoted text at the start of `text` (`“…”`, nested quotes allowed,
/// or `"…"`, `「…」`) and what follows the closing quote.
fn quoted(text: &str) -> Option<(Range<usize>, &str)> {
    let open = text.chars().next()?;
    let close = match open {
        '“' => '”',
        '"' => '"',
        '「' => '」',
        '『' => '』',
        _ => return None,
    };
    let start = open.len_utf8();
    let mut depth = 0usize;
    for (i, c) in text[start..].char_indices() {
        if c == close && open != close && depth > 0 {
            depth -= 1;
        } else if c == close {
            let end = start + i;
            return (end > start).then(|| (start..end, &text[end + c.len_utf8()..]));
        } else if c == open {
            depth += 1;
        }
    }
    None
}

fn trim_end_punctuation(doc: &Document, range: Range<usize>) -> Range<usize> {
    let text = doc.slice(range.clone());
    let trimmed = text.trim_end_matches(|c: char| c.is_whitespace() || "。；;：:".contains(c));
    range.start..range.start + trimmed.len()
}

/// A count written in ASCII or full-width digits, or in Chinese numerals up
/// to 99 (`两` read as `二`).
pub(crate) fn parse_number(digits: &str) -> Option<u32> {
    let ascii: String = digits
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '两' => '二',
            _ => c,
        })
        .collect();
    ascii.parse().ok().or_else(|| chinese_number(&ascii))
}

/// The first sentence of a block's first line (through `。！？`), or the line.
fn first_sentence(doc: &Document, block: Range<usize>) -> Range<usize> {
    let text = doc.slice(block.clone());
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let end = text[..line_end]
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
        .map_or(line_end, |(i, c)| i + c.len_utf8());
    block.start..block.start + end
}

fn status_in(doc: &Document, body: Range<usize>) -> Option<(Status, Range<usize>)> {
    let text = doc.slice(body.clone());
    if !text.contains("完成情况") {
        return None;
    }
    let m = STATUS.captures(text)?;
    let word = m.name("status").expect("group");
    let status = match word.as_str() {
        "已完成" | "已整改到位" | "已整改" => Status::Completed,
        "正在整改" | "整改中" => Status::InProgress,
        "持续整改" => Status::Continuing,
        _ => Status::LongTerm,
    };
    Some((status, body.start + word.start()..body.start + word.end()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, Source};

    fn problems(text: &str, format: Format) -> (Document, Vec<Problem>) {
        let doc = Document::parse(Source::new("t", text), format);
        let all = 0..doc.text().len();
        let found = find(&doc, &[all]);
        (doc, found)
    }

    #[test]
    fn quote_headings_with_markers() {
        let text = "二、整改\n（一）关于“学习不够深入，结合不紧”的问题\n1.健全制度。一是学习。\n（二）关于“财务“三重一大”执行不严”问题\n整改情况：已修订。\n（三）落实情况\n三、长效";
        let (doc, found) = problems(text, Format::Text);
        let texts: Vec<_> = found.iter().map(|p| doc.slice(p.text.clone())).collect();
        assert_eq!(texts, ["学习不够深入，结合不紧", "财务“三重一大”执行不严"]);
        assert_eq!(found[0].label, "（一）");
        // The first problem runs to the second; the second to the next section of its level.
        assert_eq!(doc.slice(found[0].body()), "\n1.健全制度。一是学习。\n");
        assert_eq!(doc.slice(found[1].body()), "\n整改情况：已修订。\n");
    }

    #[test]
    fn numbered_problems_in_markdown_with_status() {
        let text = "## 二、整改\n\n问题1：学习不够深入\n\n整改情况：已学习。\n\n完成情况：已完成。\n\n问题２：管理不规范\n\n问题三：监督不力。\n\n完成情况：正在整改\n\n## 三、长效\n\n坚持。\n";
        let (doc, found) = problems(text, Format::Markdown);
        assert_eq!(found.len(), 3);
        assert_eq!(
            found.iter().map(|p| p.number).collect::<Vec<_>>(),
            [Some(1), Some(2), Some(3)]
        );
        assert_eq!(found[1].label, "问题2");
        assert_eq!(doc.slice(found[2].text.clone()), "监督不力");
        assert_eq!(
            found[0].status.as_ref().map(|s| s.0),
            Some(Status::Completed)
        );
        assert_eq!(found[1].status, None);
        assert_eq!(
            found[2].status.as_ref().map(|s| s.0),
            Some(Status::InProgress)
        );
        // 问题2 has no body before 问题三; 问题三 ends where part 三 starts.
        assert_eq!(doc.slice(found[1].body()).trim(), "");
        assert!(!doc.slice(found[2].body()).contains("长效"));
    }

    #[test]
    fn ordinary_paragraphs_are_not_problems() {
        let text = "关于“三重一大”制度，中心严格执行。\n（一）“一把手”以身作则\n问题在于落实不够。\n关于“第一议题”制度执行情况的说明";
        let (_, found) = problems(text, Format::Text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn unnumbered_quote_paragraph_needs_the_word_problem() {
        let text = "关于“学习不够深入”的问题\n整改情况：已整改。";
        let (doc, found) = problems(text, Format::Text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "第1项");
        assert_eq!(
            doc.slice(found[0].heading.clone()),
            "关于“学习不够深入”的问题"
        );
    }
}
