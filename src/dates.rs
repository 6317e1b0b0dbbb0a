//! Finding and reading the dates written in a Chinese official notice.
//!
//! The scanner is written by hand rather than as one big regex because what a
//! date means depends on its neighbours: `12月` in `2023年5月、12月` takes its
//! year from the head of the list, `12日` in `5月5日至12日` takes its month from
//! the left side of the range, and a bare `5月` takes the year of the nearest
//! explicit year written earlier in the text. The scan walks the text once and
//! tries a parse only where a run of numerals starts; every attempt looks ahead
//! a bounded distance and a failed run is skipped whole, so the cost is linear
//! in the length of the text.
//!
//! Rules the linter can rely on:
//!
//! * Only a year that is written (`2023年`, `二〇二三年`, `2023-01-16`) and lies in
//!   1900–2199 becomes the context year for later year-less expressions.
//!   Year-less expressions before any such year are not reported at all.
//! * The right side of a range and the items of a `、` list inherit the year
//!   (and, for a bare `12日`, the month) of the expression just before them;
//!   such an inherited year does not count as inferred.
//! * A range keeps the order it was written in: `2023年5月至3月` gives an
//!   interval whose `start` is after its `end`, so a linter can flag it.
//! * A weekday ends an expression: `A(星期五)至B(星期日)` gives two expressions,
//!   the second inheriting from the first like a list item, so each weekday can
//!   be checked against its own day. On a range `A至B(星期日)` the weekday
//!   belongs to `B`, the end of the interval.
//! * A date that cannot exist (`2023年2月30日`) is still reported, with the reason
//!   in [`DateExpr::value`], because a wrong date is exactly what a linter wants
//!   to find. A four-digit year outside 1900–2199 is reported as
//!   `YearOutOfRange` only when a month follows it (`2203年3月`, a likely typo);
//!   a bare `1840年` is taken for a historical year and not reported.
//! * In `2023年1、2月` the unit is written once for the list, so the first
//!   expression's span is `2023年1`; only after a written year (or inside a
//!   list or range) is such a bare numeral read as a date.
//! * Not understood, on purpose or for now: 年中/月中 (`2023年中央…` is far more
//!   common), relative years (今年, 次年, 去年: a `5月` after them simply takes
//!   the context year), years in words (两千零二十三年), year-less quarters and
//!   halves outside a list or range (`一季度` alone), and year-less expressions
//!   before the first written year.

use std::fmt;
use std::ops::Range;

use jiff::civil::{Date, Weekday};

/// The years a written year is believed to be a date of this era; outside it a
/// four-digit number before `年` is more likely a typo or a historical year.
const YEAR_MIN: i32 = 1900;
const YEAR_MAX: i32 = 2199;

/// How precise a date expression is.
///
/// Ordered from finest to coarsest, so that `max` gives the precision a range
/// with endpoints of different precision can honestly claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// One named day, or a range of named days.
    Day,
    /// A third of a month: 上旬/中旬/下旬, 月初 (1–10), 月底/月末 (21–end).
    Xun,
    /// A whole month.
    Month,
    /// A quarter, including 年初 (Q1) and 年底/年末 (Q4).
    Quarter,
    /// 上半年 or 下半年.
    HalfYear,
    /// A whole year.
    Year,
}

/// A closed interval of civil dates `[start, end]`, both ends inclusive.
///
/// For a range written backwards (`2023年5月至3月`) `start` is after `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    /// First day covered.
    pub start: Date,
    /// Last day covered.
    pub end: Date,
    /// The coarser precision of the two ends.
    pub precision: Precision,
}

/// Why a written date does not exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvalidDate {
    /// The year as written (or inherited / inferred).
    pub year: i32,
    /// The month as written; for a year-only problem, the first month involved.
    pub month: u32,
    /// The day as written, when there was one.
    pub day: Option<u32>,
    /// Which part is impossible.
    pub reason: InvalidReason,
}

/// Which part of a written date is impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InvalidReason {
    /// The month is 0 or above 12.
    MonthOutOfRange,
    /// The day is 0 or beyond the last day of that month.
    DayOutOfRange,
    /// A four-digit year outside 1900–2199 written with a month, most likely a
    /// typo (`2203年3月`).
    YearOutOfRange,
}

impl fmt::Display for InvalidDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.reason, self.day) {
            (InvalidReason::MonthOutOfRange, _) => write!(f, "不存在{}月", self.month),
            (InvalidReason::DayOutOfRange, Some(day)) => {
                write!(f, "{}年{}月没有{}日", self.year, self.month, day)
            }
            (InvalidReason::DayOutOfRange, None) => {
                write!(f, "{}年{}月的日期不存在", self.year, self.month)
            }
            (InvalidReason::YearOutOfRange, _) => write!(
                f,
                "{}年不在可识别的年份范围({}–{})内",
                self.year, YEAR_MIN, YEAR_MAX
            ),
        }
    }
}

impl std::error::Error for InvalidDate {}

/// One date expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    /// Byte range of exactly the written expression; for a range `A至B`, from
    /// the first char of `A` to the last char of `B`. Excludes `截至` and the
    /// weekday.
    pub span: Range<usize>,
    /// The days covered, or why the written date cannot exist.
    pub value: Result<Interval, InvalidDate>,
    /// The year was not written in this expression (nor in the list or range
    /// it belongs to) and was taken from the nearest preceding explicit year.
    pub year_inferred: bool,
    /// Preceded by 截至/截止 (also 截止到, 截止于), which the span does not include.
    pub as_of: bool,
    /// A weekday written right after the date, `(星期五)`, `（周五）`, `星期五`:
    /// its byte range including brackets, and the weekday it names.
    pub weekday: Option<(Range<usize>, Weekday)>,
}

impl DateExpr {
    /// The interval, when the written date exists.
    pub fn interval(&self) -> Option<&Interval> {
        self.value.as_ref().ok()
    }
}

/// Every date expression of `text`, sorted by span start, non-overlapping.
pub fn extract(text: &str) -> Vec<DateExpr> {
    let mut out = Vec::new();
    let mut context_year = None;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(next) = next_numeral(bytes, i) {
        i = next;
        let Some(c) = char_at(text, i) else { break };
        debug_assert!(can_start(c), "{c:?}");
        if boundary_ok(text, i, c) {
            if let Some(end) = group(text, i, &mut context_year, &mut out) {
                i = end;
            } else {
                // Every later position in this run fails `boundary_ok`, so
                // skipping it keeps the scan linear without losing anything.
                i = skip_run(text, i, c);
            }
            continue;
        }
        i += c.len_utf8();
    }
    out
}

/// Parses one whole string as a single date expression.
///
/// Meant for `--anchor NAME=2023-02-10` and for the text captured by a pack
/// regex. `context_year` supplies the year for year-less forms; without it they
/// give `None`. Surrounding whitespace is ignored and spans are byte ranges in
/// `s` itself. A trailing weekday is accepted. Lists (`A、B`) and the bare
/// day of a range (`12日`) are not one expression and give `None`.
pub fn parse_one(s: &str, context_year: Option<i16>) -> Option<DateExpr> {
    let start = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if start >= end {
        return None;
    }
    let head = head_atom(s, start, context_year.map(i32::from))?;
    let built = build(s, head);
    (built.end == end).then_some(built.expr)
}

/// Helpers for [`DATE_PATTERN`]: `concat!` takes only literals, and macros
/// expanding to literals are the way to name the shared pieces.
macro_rules! pat_space {
    () => {
        "[ \t\u{3000}]{0,3}"
    };
}
macro_rules! pat_sep {
    () => {
        concat!(pat_space!(), "(?:——|[至到—–~～－―-])", pat_space!())
    };
}
macro_rules! pat_num {
    () => {
        "(?:[0-9０-９]{1,2}|[〇○零一二三四五六七八九十廿卅]{1,3})"
    };
}
macro_rules! pat_year_num {
    () => {
        "(?:[0-9０-９]{4}|[〇○零OoＯ一二三四五六七八九]{4})"
    };
}
macro_rules! pat_day {
    () => {
        concat!(pat_num!(), "(?:", pat_sep!(), pat_num!(), ")?[日号]")
    };
}
macro_rules! pat_month {
    () => {
        concat!(
            "(?:",
            pat_num!(),
            "月(?:份|上中旬|中下旬|[上中下]旬|[初底末]|",
            pat_day!(),
            ")?|",
            pat_num!(),
            pat_sep!(),
            pat_num!(),
            "月份?)"
        )
    };
}
macro_rules! pat_quarter {
    () => {
        "第?[1-4１-４一二三四]季度"
    };
}
macro_rules! pat_iso {
    () => {
        concat!(
            "[0-9０-９]{4}(?:",
            "-[0-9０-９]{1,2}-[0-9０-９]{1,2}|",
            "－[0-9０-９]{1,2}－[0-9０-９]{1,2}|",
            "\\.[0-9０-９]{1,2}\\.[0-9０-９]{1,2}|",
            "．[0-9０-９]{1,2}．[0-9０-９]{1,2}|",
            "/[0-9０-９]{1,2}/[0-9０-９]{1,2}|",
            "／[0-9０-９]{1,2}／[0-9０-９]{1,2})"
        )
    };
}
macro_rules! pat_atom {
    () => {
        concat!(
            "(?:",
            pat_iso!(),
            "|",
            pat_year_num!(),
            "(?:",
            pat_sep!(),
            pat_year_num!(),
            "年度?|年(?:上半年|下半年|",
            pat_quarter!(),
            "|年?[初底末]|",
            pat_month!(),
            "|度)?)|",
            pat_month!(),
            ")"
        )
    };
}

/// Regex source that matches any single date expression the engine
/// understands, including ranges; rule packs write `(?P<date>{date})`.
///
/// It has no capturing groups and no `\b`, so it embeds anywhere. It is a
/// candidate matcher: without look-around it also matches inside longer
/// numbers (`12023年`) and before words such as `初步`, so the engine should
/// confirm a capture with [`parse_one`]. The weekday and `截至` are not part of it.
pub const DATE_PATTERN: &str = concat!(
    "(?:",
    pat_atom!(),
    "(?:",
    pat_sep!(),
    "(?:",
    pat_atom!(),
    "|上半年|下半年|",
    pat_quarter!(),
    "|年[初底末]|",
    pat_day!(),
    "))?)"
);

// ---------------------------------------------------------------------------
// What one parsed piece of a date means.

/// Where an atom's year came from; decides `year_inferred` and whether the
/// year may become the context for later year-less expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearSrc {
    Written,
    /// From the left side of a range or the previous item of a list.
    Inherited,
    /// From the nearest explicit year earlier in the text (or `parse_one`'s).
    Context,
}

/// Which days of a month a month expression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Whole,
    First,
    Middle,
    Last,
    FirstMiddle,
    MiddleLast,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Year,
    /// `2023—2025年`: the atom's year is the first, this the last.
    YearRange(i32),
    Half(u32),
    Quarter(u32),
    YearStart,
    YearEnd,
    /// `m2 != m` only for a month range such as `1-6月`.
    Month {
        m: u32,
        m2: u32,
        part: Part,
    },
    /// `d2 != d` only for a day range such as `5-7日`.
    Day {
        m: u32,
        d: u32,
        d2: u32,
    },
}

/// One side of a range or one item of a list, before it becomes a `DateExpr`.
#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    year: i32,
    src: YearSrc,
    kind: Kind,
}

impl Atom {
    /// The year that a following year-less item should inherit.
    fn last_year(&self) -> i32 {
        match self.kind {
            Kind::YearRange(y2) => y2,
            _ => self.year,
        }
    }

    fn is_day(&self) -> bool {
        matches!(self.kind, Kind::Day { .. })
    }

    fn interval(&self) -> Result<Interval, InvalidDate> {
        let y = self.year;
        let months = |m1: u32, m2: u32, p: Precision| {
            check(y, m1, None)?;
            check(y, m2, None)?;
            bounded(y, m1, 1, m2, days_in_month(y, m2), p)
        };
        match self.kind {
            Kind::Year => months(1, 12, Precision::Year),
            Kind::YearRange(y2) => {
                check(y, 1, None)?;
                check(y2, 1, None)?;
                Ok(Interval {
                    start: date(y, 1, 1)?,
                    end: date(y2, 12, 31)?,
                    precision: Precision::Year,
                })
            }
            Kind::Half(h) => months(6 * h - 5, 6 * h, Precision::HalfYear),
            Kind::Quarter(q) => months(3 * q - 2, 3 * q, Precision::Quarter),
            Kind::YearStart => months(1, 3, Precision::Quarter),
            Kind::YearEnd => months(10, 12, Precision::Quarter),
            Kind::Month { m, m2, part } => {
                check(y, m, None)?;
                check(y, m2, None)?;
                let last = days_in_month(y, m2);
                let (d1, d2, p) = match part {
                    Part::Whole => (1, last, Precision::Month),
                    Part::First => (1, 10, Precision::Xun),
                    Part::Middle => (11, 20, Precision::Xun),
                    Part::Last => (21, last, Precision::Xun),
                    Part::FirstMiddle => (1, 20, Precision::Xun),
                    Part::MiddleLast => (11, last, Precision::Xun),
                };
                bounded(y, m, d1, m2, d2, p)
            }
            Kind::Day { m, d, d2 } => {
                check(y, m, Some(d))?;
                check(y, m, Some(d2))?;
                bounded(y, m, d, m, d2, Precision::Day)
            }
        }
    }
}

fn valid_year(y: i32) -> bool {
    (YEAR_MIN..=YEAR_MAX).contains(&y)
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn check(y: i32, m: u32, day: Option<u32>) -> Result<(), InvalidDate> {
    let err = |reason| InvalidDate {
        year: y,
        month: m,
        day,
        reason,
    };
    if !valid_year(y) {
        return Err(err(InvalidReason::YearOutOfRange));
    }
    if !(1..=12).contains(&m) {
        return Err(err(InvalidReason::MonthOutOfRange));
    }
    if let Some(d) = day
        && !(1..=days_in_month(y, m)).contains(&d)
    {
        return Err(err(InvalidReason::DayOutOfRange));
    }
    Ok(())
}

/// A checked date; the error arm only guards against jiff disagreeing with
/// `check`, so that no input can make this panic.
fn date(y: i32, m: u32, d: u32) -> Result<Date, InvalidDate> {
    let made = (|| {
        Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    })();
    made.ok_or(InvalidDate {
        year: y,
        month: m,
        day: Some(d),
        reason: InvalidReason::DayOutOfRange,
    })
}

fn bounded(
    y: i32,
    m1: u32,
    d1: u32,
    m2: u32,
    d2: u32,
    p: Precision,
) -> Result<Interval, InvalidDate> {
    Ok(Interval {
        start: date(y, m1, d1)?,
        end: date(y, m2, d2)?,
        precision: p,
    })
}

fn join(
    left: Result<Interval, InvalidDate>,
    right: Result<Interval, InvalidDate>,
) -> Result<Interval, InvalidDate> {
    let (l, r) = (left?, right?);
    Ok(Interval {
        start: l.start,
        end: r.end,
        precision: l.precision.max(r.precision),
    })
}

// ---------------------------------------------------------------------------
// Characters and numerals.

fn char_at(s: &str, i: usize) -> Option<char> {
    s.get(i..)?.chars().next()
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i)?.chars().next_back()
}

fn lit(s: &str, i: usize, l: &str) -> Option<usize> {
    s.get(i..)?.starts_with(l).then_some(i + l.len())
}

fn lit_any(s: &str, i: usize, ls: &[&str]) -> Option<usize> {
    ls.iter().find_map(|l| lit(s, i, l))
}

fn arabic(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Zeros seen in years written in Chinese numerals, including the Latin and
/// full-width letter O that typists use for 〇.
fn cn_zero(c: char) -> bool {
    matches!(c, '〇' | '○' | '零' | 'O' | 'o' | 'Ｏ')
}

/// A Chinese numeral that, written just before another, makes both one number;
/// the letter O is left out so that `ISO二〇二三年` still finds the year.
fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some()
        || matches!(
            c,
            '〇' | '○' | '零' | '十' | '廿' | '卅' | '百' | '千' | '万' | '两'
        )
}

/// Chars read as one Chinese month or day numeral; zeros are included so that
/// a run such as `二〇` is read whole and rejected rather than cut short.
fn is_cn_small_char(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '〇' | '○' | '零' | '十' | '廿' | '卅')
}

/// A Chinese character that is not the numeral `〇`.
fn is_ideograph(c: char) -> bool {
    c != '〇' && crate::document::is_han(c)
}

struct Num {
    value: u32,
    len: usize,
    end: usize,
}

/// 1..=max Arabic digits at `i`. A longer run is a different number (a phone
/// number, a postcode), never a date part, so it gives `None`.
fn arabic_num(s: &str, i: usize, max: usize) -> Option<Num> {
    let mut n = Num {
        value: 0,
        len: 0,
        end: i,
    };
    for c in s.get(i..)?.chars() {
        let Some(d) = arabic(c) else { break };
        if n.len == max {
            return None;
        }
        n.value = n.value * 10 + d;
        n.len += 1;
        n.end += c.len_utf8();
    }
    (n.len > 0).then_some(n)
}

/// A month or day in Chinese numerals: 十, 十二, 二十八, 三十一, 廿三.
fn cn_small(s: &str, i: usize) -> Option<Num> {
    let mut buf = ['\0'; 3];
    let mut len = 0;
    let mut end = i;
    for c in s.get(i..)?.chars() {
        if !is_cn_small_char(c) {
            break;
        }
        if len == buf.len() {
            return None;
        }
        buf[len] = c;
        len += 1;
        end += c.len_utf8();
    }
    let digit = cn_digit;
    let value = match buf[..len] {
        ['十'] => 10,
        ['廿'] => 20,
        ['卅'] => 30,
        ['十', b] => 10 + digit(b)?,
        ['廿', b] => 20 + digit(b)?,
        ['卅', b] => 30 + digit(b)?,
        [a, '十'] => 10 * digit(a)?,
        [a, '十', b] => 10 * digit(a)? + digit(b)?,
        [a] => digit(a)?,
        _ => return None,
    };
    Some(Num { value, len, end })
}

fn small_num(s: &str, i: usize) -> Option<Num> {
    arabic_num(s, i, 2).or_else(|| cn_small(s, i))
}

/// Four digits of a year, Arabic or Chinese. Chinese years must be in range:
/// unlike a four-digit typo, an out-of-range one is a numeral run, not a year.
fn year_num(s: &str, i: usize) -> Option<(i32, usize)> {
    if let Some(n) = arabic_num(s, i, 4) {
        return (n.len == 4).then_some((n.value as i32, n.end));
    }
    let mut chars = s.get(i..)?.chars();
    let mut value = 0;
    let mut end = i;
    for _ in 0..4 {
        let c = chars.next()?;
        value = value * 10 + if cn_zero(c) { 0 } else { cn_digit(c)? };
        end += c.len_utf8();
    }
    if chars.next().is_some_and(|c| is_cn_numeral(c) || cn_zero(c)) {
        return None;
    }
    let y = value as i32;
    valid_year(y).then_some((y, end))
}

// ---------------------------------------------------------------------------
// Separators and words around dates.

const RANGE_SEPS: [&str; 10] = ["——", "至", "到", "—", "–", "-", "~", "～", "－", "―"];

fn skip_spaces(s: &str, i: usize) -> usize {
    let mut j = i;
    for _ in 0..3 {
        match char_at(s, j) {
            Some(c @ (' ' | '\t' | '\u{3000}')) => j += c.len_utf8(),
            _ => break,
        }
    }
    j
}

fn range_sep(s: &str, i: usize) -> Option<usize> {
    let j = lit_any(s, skip_spaces(s, i), &RANGE_SEPS)?;
    Some(skip_spaces(s, j))
}

/// Words in which 初/底/末 do not mark the start or end of a period
/// (`2023年初步建成`, `5月底线`, `年末位`); the date then stops before them.
const NOT_AFTER_CHU: &str = "步稿心期次始见审级中评具显筛核定赛衷创识";
const NOT_AFTER_DI: &str = "线数子层色气稿蕴牌部座薪片本";
const NOT_AFTER_MO: &str = "位尾端梢";

fn marker(s: &str, i: usize, mark: &str, not_before: &str) -> Option<usize> {
    let e = lit(s, i, mark)?;
    match char_at(s, e) {
        Some(c) if not_before.contains(c) => None,
        _ => Some(e),
    }
}

/// 年初 / 年底 / 年末 after a year; `初`/`底`/`末` alone only when a year was
/// just written (`2024年底`), since `年` itself already ended that year.
fn year_edge(s: &str, i: usize, need_nian: bool, marks: &[(&str, &str)]) -> Option<usize> {
    for (mark, stop) in marks {
        if let Some(j) = lit(s, i, "年")
            && let Some(e) = marker(s, j, mark, stop)
        {
            return Some(e);
        }
        if !need_nian && let Some(e) = marker(s, i, mark, stop) {
            return Some(e);
        }
    }
    None
}

fn quarter(s: &str, i: usize) -> Option<(u32, usize)> {
    let k = lit(s, i, "第").unwrap_or(i);
    let c = char_at(s, k)?;
    let q = match c {
        '1' | '１' | '一' => 1,
        '2' | '２' | '二' => 2,
        '3' | '３' | '三' => 3,
        '4' | '４' | '四' => 4,
        _ => return None,
    };
    let after = k + c.len_utf8();
    if let Some(e) = lit(s, after, "季度") {
        return Some((q, e));
    }
    shared_unit(s, after, &["季度"]).then_some((q, after))
}

/// In `1、2月`, `5、6日` and `第一、二季度` the unit is written once for the
/// whole list, so the first items are dates although no unit follows them.
/// True when the `、` list starting at `i` (just after a numeral) ends in one of
/// `units`; the look-ahead is bounded to keep the scan linear.
fn shared_unit(s: &str, mut i: usize, units: &[&str]) -> bool {
    for _ in 0..12 {
        let Some(n) = lit(s, i, "、").and_then(|j| small_num(s, j)) else {
            return false;
        };
        if lit_any(s, n.end, units).is_some() {
            return true;
        }
        i = n.end;
    }
    false
}

fn weekday_after(s: &str, i: usize) -> Option<(Range<usize>, Weekday)> {
    let start = skip_spaces(s, i);
    let (open, j) = match char_at(s, start) {
        Some(c @ ('(' | '（')) => (true, start + c.len_utf8()),
        _ => (false, start),
    };
    let j = lit_any(s, j, &["星期", "礼拜", "周"])?;
    let c = char_at(s, j)?;
    let wd = match c {
        '一' => Weekday::Monday,
        '二' => Weekday::Tuesday,
        '三' => Weekday::Wednesday,
        '四' => Weekday::Thursday,
        '五' => Weekday::Friday,
        '六' => Weekday::Saturday,
        '日' | '天' => Weekday::Sunday,
        _ => return None,
    };
    let mut end = j + c.len_utf8();
    if open {
        end = lit_any(s, end, &[")", "）"])?;
    }
    Some((start..end, wd))
}

fn as_of_before(s: &str, i: usize) -> bool {
    let Some(before) = s.get(..i) else {
        return false;
    };
    let t = before.trim_end_matches([' ', '\t', '\u{3000}']);
    ["截至", "截止", "截止到", "截至到", "截止于", "截至于"]
        .iter()
        .any(|p| t.ends_with(p))
}

// ---------------------------------------------------------------------------
// Parsing atoms.

/// `2026-01-16`, `2026.1.16`, `2026/1/16`, always with a four-digit year so
/// that phone numbers and versions do not qualify.
fn iso(s: &str, i: usize) -> Option<Atom> {
    let y = arabic_num(s, i, 4)?;
    if y.len != 4 {
        return None;
    }
    let sep = char_at(s, y.end)?;
    if !matches!(sep, '-' | '－' | '.' | '．' | '/' | '／') {
        return None;
    }
    let m = arabic_num(s, y.end + sep.len_utf8(), 2)?;
    if char_at(s, m.end) != Some(sep) {
        return None;
    }
    let d = arabic_num(s, m.end + sep.len_utf8(), 2)?;
    let year = y.value as i32;
    if !valid_year(year) {
        return None;
    }
    // `2026.1.16.5` is a version or a section number; a hyphen may instead
    // start a range to another ISO date, which `build` tries next.
    if !matches!(sep, '-' | '－')
        && char_at(s, d.end) == Some(sep)
        && char_at(s, d.end + sep.len_utf8()).is_some_and(|c| arabic(c).is_some())
    {
        return None;
    }
    Some(Atom {
        start: i,
        end: d.end,
        year,
        src: YearSrc::Written,
        kind: Kind::Day {
            m: m.value,
            d: d.value,
            d2: d.value,
        },
    })
}

/// `D日`, `D号`, or a day range `D-D日`.
fn day_part(s: &str, i: usize) -> Option<(u32, u32, usize)> {
    let d = small_num(s, i)?;
    if let Some(e) = lit_any(s, d.end, &["日", "号"]) {
        return Some((d.value, d.value, e));
    }
    if shared_unit(s, d.end, &["日", "号"]) {
        return Some((d.value, d.value, d.end));
    }
    let k = range_sep(s, d.end)?;
    let d2 = small_num(s, k)?;
    let e = lit_any(s, d2.end, &["日", "号"])?;
    Some((d.value, d2.value, e))
}

/// Everything that starts with a month: `5月`, `5月份`, `5月上旬`, `5月底`,
/// `5月10日`, `5月5-7日`, and the month range `1-6月`. `shared` allows the
/// `1` of `1、2月`, which only a written year makes safe to read as a month.
fn month_part(s: &str, i: usize, shared: bool) -> Option<(Kind, usize)> {
    let m = small_num(s, i)?;
    let month = |part| Kind::Month {
        m: m.value,
        m2: m.value,
        part,
    };
    if let Some(r) = lit(s, m.end, "月") {
        if let Some(e) = lit(s, r, "份") {
            return Some((month(Part::Whole), e));
        }
        let xun = [
            ("上中旬", Part::FirstMiddle),
            ("中下旬", Part::MiddleLast),
            ("上旬", Part::First),
            ("中旬", Part::Middle),
            ("下旬", Part::Last),
        ];
        for (word, part) in xun {
            if let Some(e) = lit(s, r, word) {
                return Some((month(part), e));
            }
        }
        if let Some(e) = marker(s, r, "初", NOT_AFTER_CHU) {
            return Some((month(Part::First), e));
        }
        if let Some(e) =
            marker(s, r, "底", NOT_AFTER_DI).or_else(|| marker(s, r, "末", NOT_AFTER_MO))
        {
            return Some((month(Part::Last), e));
        }
        if let Some((d, d2, e)) = day_part(s, r) {
            return Some((Kind::Day { m: m.value, d, d2 }, e));
        }
        return Some((month(Part::Whole), r));
    }
    if shared && shared_unit(s, m.end, &["月"]) {
        return Some((month(Part::Whole), m.end));
    }
    let k = range_sep(s, m.end)?;
    let m2 = small_num(s, k)?;
    let r = lit(s, m2.end, "月")?;
    let kind = Kind::Month {
        m: m.value,
        m2: m2.value,
        part: Part::Whole,
    };
    Some((kind, lit(s, r, "份").unwrap_or(r)))
}

/// What may follow `年`, or stand for a year-less part of a range or list
/// (then `need_nian` asks for the `年` of 年初/年底).
fn year_suffix(s: &str, i: usize, need_nian: bool) -> Option<(Kind, usize)> {
    if let Some(e) = lit(s, i, "上半年") {
        return Some((Kind::Half(1), e));
    }
    if let Some(e) = lit(s, i, "下半年") {
        return Some((Kind::Half(2), e));
    }
    if let Some((q, e)) = quarter(s, i) {
        return Some((Kind::Quarter(q), e));
    }
    if let Some(e) = year_edge(s, i, need_nian, &[("初", NOT_AFTER_CHU)]) {
        return Some((Kind::YearStart, e));
    }
    if let Some(e) = year_edge(
        s,
        i,
        need_nian,
        &[("底", NOT_AFTER_DI), ("末", NOT_AFTER_MO)],
    ) {
        return Some((Kind::YearEnd, e));
    }
    month_part(s, i, true)
}

/// An expression whose year is written: ISO forms, `2023年…`, `2023—2025年`.
fn year_rooted(s: &str, i: usize) -> Option<Atom> {
    if let Some(a) = iso(s, i) {
        return Some(a);
    }
    let (y, j) = year_num(s, i)?;
    let atom = |end, kind| Atom {
        start: i,
        end,
        year: y,
        src: YearSrc::Written,
        kind,
    };
    if let Some(k) = range_sep(s, j)
        && let Some((y2, k2)) = year_num(s, k)
        && let Some(e) = lit(s, k2, "年")
    {
        if !valid_year(y) || !valid_year(y2) {
            return None;
        }
        return Some(atom(lit(s, e, "度").unwrap_or(e), Kind::YearRange(y2)));
    }
    let j = lit(s, j, "年")?;
    let (kind, end) = year_suffix(s, j, false)
        .or_else(|| lit(s, j, "度").map(|e| (Kind::Year, e)))
        .unwrap_or((Kind::Year, j));
    // A bare `1840年` is a historical year, not a typo worth reporting; with a
    // month after it, it is reported as out of range.
    if !valid_year(y) && !matches!(kind, Kind::Month { .. } | Kind::Day { .. }) {
        return None;
    }
    Some(atom(end, kind))
}

/// Before a Chinese-numeral month without a day, these may stand; other
/// ideographs usually make a word with the numeral (`统一月度`, `之一月`).
const CN_MONTH_MAY_FOLLOW: &str = "于在至到和及与或自从年为起止";

/// The first atom of an expression found by the scan (or by `parse_one`).
fn head_atom(s: &str, i: usize, context_year: Option<i32>) -> Option<Atom> {
    if let Some(a) = year_rooted(s, i) {
        return Some(a);
    }
    let year = context_year?;
    let (kind, end) = month_part(s, i, false)?;
    let chinese = char_at(s, i).is_some_and(|c| arabic(c).is_none());
    if chinese
        && matches!(kind, Kind::Month { .. })
        && char_before(s, i).is_some_and(|p| is_ideograph(p) && !CN_MONTH_MAY_FOLLOW.contains(p))
    {
        return None;
    }
    Some(Atom {
        start: i,
        end,
        year,
        src: YearSrc::Context,
        kind,
    })
}

/// The right side of a range or the next item of a list: a full expression,
/// or a year-less one that inherits from `prev`.
fn follow(s: &str, i: usize, prev: &Atom) -> Option<Atom> {
    if let Some(a) = year_rooted(s, i) {
        return Some(a);
    }
    let atom = |kind, end| Atom {
        start: i,
        end,
        year: prev.last_year(),
        src: if prev.src == YearSrc::Context {
            YearSrc::Context
        } else {
            YearSrc::Inherited
        },
        kind,
    };
    if let Some((kind, end)) = year_suffix(s, i, true) {
        return Some(atom(kind, end));
    }
    if let Kind::Day { m, .. } = prev.kind
        && let Some((d, d2, end)) = day_part(s, i)
    {
        return Some(atom(Kind::Day { m, d, d2 }, end));
    }
    None
}

// ---------------------------------------------------------------------------
// Building expressions.

struct Built {
    expr: DateExpr,
    left: Atom,
    right: Option<Atom>,
    /// After the weekday, when there is one.
    end: usize,
    has_weekday: bool,
}

impl Built {
    fn last(&self) -> Atom {
        self.right.unwrap_or(self.left)
    }
}

fn build(s: &str, left: Atom) -> Built {
    let mut right = None;
    let mut weekday = if left.is_day() {
        weekday_after(s, left.end)
    } else {
        None
    };
    if weekday.is_none()
        && let Some(k) = range_sep(s, left.end)
        && let Some(r) = follow(s, k, &left)
    {
        right = Some(r);
        if r.is_day() {
            weekday = weekday_after(s, r.end);
        }
    }
    let last = right.unwrap_or(left);
    let value = match right {
        None => left.interval(),
        Some(r) => join(left.interval(), r.interval()),
    };
    let end = weekday.as_ref().map_or(last.end, |(w, _)| w.end);
    let has_weekday = weekday.is_some();
    Built {
        expr: DateExpr {
            span: left.start..last.end,
            value,
            year_inferred: left.src == YearSrc::Context,
            as_of: as_of_before(s, left.start),
            weekday,
        },
        left,
        right,
        end,
        has_weekday,
    }
}

/// Parses the expression at `i` and the list or weekday-separated chain that
/// follows it; pushes them and returns where the last one ends.
fn group(
    s: &str,
    i: usize,
    context_year: &mut Option<i32>,
    out: &mut Vec<DateExpr>,
) -> Option<usize> {
    let head = head_atom(s, i, *context_year)?;
    let mut built = build(s, head);
    loop {
        for atom in [Some(built.left), built.right].into_iter().flatten() {
            if atom.src == YearSrc::Written && valid_year(atom.last_year()) {
                *context_year = Some(atom.last_year());
            }
        }
        let last = built.last();
        let end = built.end;
        let next = lit(s, end, "、").or_else(|| {
            if built.has_weekday {
                range_sep(s, end)
            } else {
                None
            }
        });
        out.push(built.expr);
        let Some(item) = next.and_then(|k| follow(s, k, &last)) else {
            return Some(end);
        };
        built = build(s, item);
    }
}

/// The first character at or after `from` (a character boundary) that
/// [`can_start`] accepts.
///
/// Most of a notice cannot start a date. The scan goes from character to
/// character by the length its first byte gives, and compares bytes only:
/// nothing is decoded.
fn next_numeral(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        // Chinese text first: three-byte characters.
        if (0xE0..0xF0).contains(&b) {
            if matches!(b, 0xE4 | 0xE5 | 0xEF)
                && bytes.get(i..i + 3).is_some_and(starts_with_numeral)
            {
                return Some(i);
            }
            i += 3;
            continue;
        }
        if b.is_ascii_digit() {
            return Some(i);
        }
        i += match b {
            0..0xC0 => 1,
            0xC0..0xE0 => 2,
            _ => 4,
        };
    }
    None
}

/// Whether `bytes` start with a character [`can_start`] accepts, compared as
/// UTF-8 so that the Chinese text around the dates is not decoded: E4 and E5
/// lead most common Chinese characters.
fn starts_with_numeral(bytes: &[u8]) -> bool {
    matches!(
        bytes,
        [b'0'..=b'9', ..]
            // ０-９
            | [0xEF, 0xBC, 0x90..=0x99, ..]
            // 一 七 三, 九, 二 五
            | [0xE4, 0xB8, 0x80 | 0x83 | 0x89, ..]
            | [0xE4, 0xB9, 0x9D, ..]
            | [0xE4, 0xBA, 0x8C | 0x94, ..]
            // 八 六, 十, 四
            | [0xE5, 0x85, 0xAB | 0xAD, ..]
            | [0xE5, 0x8D, 0x81, ..]
            | [0xE5, 0x9B, 0x9B, ..]
    )
}

fn can_start(c: char) -> bool {
    arabic(c).is_some() || cn_digit(c).is_some() || c == '十'
}

/// Whether a numeral run really starts at `i` rather than continuing a longer
/// number (`12023年`, `1.2023年`, `0554-2026-01-16`, `二十一月`).
fn boundary_ok(s: &str, i: usize, c: char) -> bool {
    let Some(p) = char_before(s, i) else {
        return true;
    };
    if arabic(c).is_none() {
        return !is_cn_numeral(p);
    }
    if arabic(p).is_some() {
        return false;
    }
    let joiner = matches!(p, '.' | '．' | '-' | '－' | '/' | '／');
    !(joiner && char_before(s, i - p.len_utf8()).is_some_and(|q| arabic(q).is_some()))
}

fn skip_run(s: &str, i: usize, first: char) -> usize {
    let same = |c: char| {
        if arabic(first).is_some() {
            arabic(c).is_some()
        } else {
            is_cn_numeral(c)
        }
    };
    let run: usize = s
        .get(i..)
        .unwrap_or("")
        .chars()
        .take_while(|&c| same(c))
        .map(char::len_utf8)
        .sum();
    i + run.max(first.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (span text, start, end, precision) of every expression; panics on an
    /// invalid date so that tests of valid text say so loudly.
    fn rows(text: &str) -> Vec<(String, String, String, Precision)> {
        extract(text)
            .iter()
            .map(|e| {
                let iv = e
                    .interval()
                    .unwrap_or_else(|| panic!("{:?} invalid in {text}", e.value));
                (
                    text[e.span.clone()].to_string(),
                    iv.start.to_string(),
                    iv.end.to_string(),
                    iv.precision,
                )
            })
            .collect()
    }

    fn expect(text: &str, want: &[(&str, &str, &str, Precision)]) {
        let want: Vec<_> = want
            .iter()
            .map(|&(t, a, b, p)| (t.to_string(), a.to_string(), b.to_string(), p))
            .collect();
        assert_eq!(rows(text), want, "in {text:?}");
    }

    fn one(text: &str) -> DateExpr {
        let mut v = extract(text);
        assert_eq!(v.len(), 1, "{text:?}: {v:?}");
        v.remove(0)
    }

    fn invalid(text: &str) -> InvalidDate {
        match one(text).value {
            Err(e) => e,
            Ok(iv) => panic!("{text:?} should be invalid, got {iv:?}"),
        }
    }

    use Precision::*;

    #[test]
    fn day_month_year() {
        expect(
            "2023年2月10日",
            &[("2023年2月10日", "2023-02-10", "2023-02-10", Day)],
        );
        expect(
            "2023年2月10号",
            &[("2023年2月10号", "2023-02-10", "2023-02-10", Day)],
        );
        expect(
            "2023年02月03日",
            &[("2023年02月03日", "2023-02-03", "2023-02-03", Day)],
        );
        expect(
            "2023年2月",
            &[("2023年2月", "2023-02-01", "2023-02-28", Month)],
        );
        expect(
            "2024年2月份",
            &[("2024年2月份", "2024-02-01", "2024-02-29", Month)],
        );
        expect("2023年", &[("2023年", "2023-01-01", "2023-12-31", Year)]);
        expect(
            "2023年度考核",
            &[("2023年度", "2023-01-01", "2023-12-31", Year)],
        );
        expect(
            "于2023年以来",
            &[("2023年", "2023-01-01", "2023-12-31", Year)],
        );
    }

    #[test]
    fn half_years_and_quarters() {
        expect(
            "2024年上半年",
            &[("2024年上半年", "2024-01-01", "2024-06-30", HalfYear)],
        );
        expect(
            "2024年下半年",
            &[("2024年下半年", "2024-07-01", "2024-12-31", HalfYear)],
        );
        expect(
            "2024年第一季度",
            &[("2024年第一季度", "2024-01-01", "2024-03-31", Quarter)],
        );
        expect(
            "2024年第1季度",
            &[("2024年第1季度", "2024-01-01", "2024-03-31", Quarter)],
        );
        expect(
            "2024年一季度",
            &[("2024年一季度", "2024-01-01", "2024-03-31", Quarter)],
        );
        expect(
            "2024年第三季度",
            &[("2024年第三季度", "2024-07-01", "2024-09-30", Quarter)],
        );
        expect(
            "2024年4季度",
            &[("2024年4季度", "2024-10-01", "2024-12-31", Quarter)],
        );
        // No fifth quarter: only the year is a date.
        expect(
            "2024年第五季度",
            &[("2024年", "2024-01-01", "2024-12-31", Year)],
        );
    }

    #[test]
    fn year_start_and_end() {
        for t in ["2024年初", "2024年年初"] {
            expect(t, &[(t, "2024-01-01", "2024-03-31", Quarter)]);
        }
        for t in ["2024年底", "2024年末", "2024年年底", "2024年年末"] {
            expect(t, &[(t, "2024-10-01", "2024-12-31", Quarter)]);
        }
        expect(
            "2024年底前完成",
            &[("2024年底", "2024-10-01", "2024-12-31", Quarter)],
        );
        // 初步, 初中, 底线 are words, not the start or end of the year.
        expect(
            "2023年初步建成",
            &[("2023年", "2023-01-01", "2023-12-31", Year)],
        );
        expect(
            "2023年初中招生",
            &[("2023年", "2023-01-01", "2023-12-31", Year)],
        );
        expect(
            "2023年底线思维",
            &[("2023年", "2023-01-01", "2023-12-31", Year)],
        );
        // 年中 is not supported because of 2023年中央….
        expect(
            "2023年中央巡视",
            &[("2023年", "2023-01-01", "2023-12-31", Year)],
        );
    }

    #[test]
    fn xun() {
        expect(
            "2023年5月上旬",
            &[("2023年5月上旬", "2023-05-01", "2023-05-10", Xun)],
        );
        expect(
            "2023年5月中旬",
            &[("2023年5月中旬", "2023-05-11", "2023-05-20", Xun)],
        );
        expect(
            "2023年5月下旬",
            &[("2023年5月下旬", "2023-05-21", "2023-05-31", Xun)],
        );
        expect(
            "2023年5月初",
            &[("2023年5月初", "2023-05-01", "2023-05-10", Xun)],
        );
        expect(
            "2023年5月底",
            &[("2023年5月底", "2023-05-21", "2023-05-31", Xun)],
        );
        expect(
            "2023年6月末",
            &[("2023年6月末", "2023-06-21", "2023-06-30", Xun)],
        );
        expect(
            "2024年2月底",
            &[("2024年2月底", "2024-02-21", "2024-02-29", Xun)],
        );
        expect(
            "2023年2月下旬",
            &[("2023年2月下旬", "2023-02-21", "2023-02-28", Xun)],
        );
        expect(
            "2023年5月上中旬",
            &[("2023年5月上中旬", "2023-05-01", "2023-05-20", Xun)],
        );
        expect(
            "2023年4月中下旬",
            &[("2023年4月中下旬", "2023-04-11", "2023-04-30", Xun)],
        );
        expect(
            "2023年5月初步完成",
            &[("2023年5月", "2023-05-01", "2023-05-31", Month)],
        );
    }

    #[test]
    fn chinese_numerals() {
        let t = "二〇二三年二月十日";
        expect(t, &[(t, "2023-02-10", "2023-02-10", Day)]);
        let t = "二零二三年二月二十八日";
        expect(t, &[(t, "2023-02-28", "2023-02-28", Day)]);
        let t = "二○二三年十二月三十一日";
        expect(t, &[(t, "2023-12-31", "2023-12-31", Day)]);
        let t = "二O二四年一月一日";
        expect(t, &[(t, "2024-01-01", "2024-01-01", Day)]);
        let t = "一九九九年十一月";
        expect(t, &[(t, "1999-11-01", "1999-11-30", Month)]);
        let t = "二〇二三年三月廿三日";
        expect(t, &[(t, "2023-03-23", "2023-03-23", Day)]);
        let t = "二〇二三年十月十九日";
        expect(t, &[(t, "2023-10-19", "2023-10-19", Day)]);
        let t = "二〇二三年";
        expect(t, &[(t, "2023-01-01", "2023-12-31", Year)]);
        // Year-less Chinese months take the context year.
        expect(
            "二〇二三年,三月五日",
            &[
                ("二〇二三年", "2023-01-01", "2023-12-31", Year),
                ("三月五日", "2023-03-05", "2023-03-05", Day),
            ],
        );
    }

    #[test]
    fn full_width_digits() {
        let t = "２０２３年２月１０日";
        expect(t, &[(t, "2023-02-10", "2023-02-10", Day)]);
        let t = "２０２６－０１－１６";
        expect(t, &[(t, "2026-01-16", "2026-01-16", Day)]);
    }

    #[test]
    fn iso_dotted_slashed() {
        for t in ["2026-01-16", "2026.1.16", "2026/1/16", "2026.01.16"] {
            expect(t, &[(t, "2026-01-16", "2026-01-16", Day)]);
        }
        expect(
            "发布时间:2026-01-16 10:00",
            &[("2026-01-16", "2026-01-16", "2026-01-16", Day)],
        );
        assert!(extract("2026.1.16.5").is_empty(), "version-like");
        assert!(extract("12026-01-16").is_empty(), "longer number");
        assert!(extract("1899-01-16").is_empty(), "year out of range");
    }

    #[test]
    fn ranges() {
        expect(
            "2022年10月20日至2023年1月6日",
            &[(
                "2022年10月20日至2023年1月6日",
                "2022-10-20",
                "2023-01-06",
                Day,
            )],
        );
        expect(
            "2023年5月5日至12日",
            &[("2023年5月5日至12日", "2023-05-05", "2023-05-12", Day)],
        );
        expect(
            "2023年2月至2024年12月",
            &[("2023年2月至2024年12月", "2023-02-01", "2024-12-31", Month)],
        );
        expect(
            "2024年,3月17日至3月22日",
            &[
                ("2024年", "2024-01-01", "2024-12-31", Year),
                ("3月17日至3月22日", "2024-03-17", "2024-03-22", Day),
            ],
        );
        for sep in [
            "至", "到", "—", "–", "-", "~", "～", "——", "－", " - ", " 至 ",
        ] {
            let t = format!("2023年5月5日{sep}6月3日");
            expect(&t, &[(t.as_str(), "2023-05-05", "2023-06-03", Day)]);
        }
        expect(
            "2026-01-16至2026-02-01",
            &[("2026-01-16至2026-02-01", "2026-01-16", "2026-02-01", Day)],
        );
        expect(
            "2026-01-16-2026-02-01",
            &[("2026-01-16-2026-02-01", "2026-01-16", "2026-02-01", Day)],
        );
        // Mixed precision: the range is as precise as its coarser end.
        expect(
            "2023年5月至6月15日",
            &[("2023年5月至6月15日", "2023-05-01", "2023-06-15", Month)],
        );
        expect(
            "2023年上半年至2024年第一季度",
            &[(
                "2023年上半年至2024年第一季度",
                "2023-01-01",
                "2024-03-31",
                HalfYear,
            )],
        );
        // 至今, 到期, 到位 are not the right side of a range.
        expect(
            "2023年5月至今",
            &[("2023年5月", "2023-05-01", "2023-05-31", Month)],
        );
        expect(
            "2023年底到位",
            &[("2023年底", "2023-10-01", "2023-12-31", Quarter)],
        );
        // A range written backwards keeps its order so it can be flagged.
        let e = one("2023年5月至3月");
        let iv = e.interval().unwrap();
        assert!(iv.start > iv.end);
    }

    #[test]
    fn compact_month_day_and_year_ranges() {
        expect(
            "2023年1-6月",
            &[("2023年1-6月", "2023-01-01", "2023-06-30", Month)],
        );
        expect(
            "2023年1至10月份",
            &[("2023年1至10月份", "2023-01-01", "2023-10-31", Month)],
        );
        expect(
            "2023年5月5-7日",
            &[("2023年5月5-7日", "2023-05-05", "2023-05-07", Day)],
        );
        expect(
            "2023—2025年",
            &[("2023—2025年", "2023-01-01", "2025-12-31", Year)],
        );
        expect(
            "2023-2024年度",
            &[("2023-2024年度", "2023-01-01", "2024-12-31", Year)],
        );
        assert!(extract("2023-2024").is_empty());
    }

    #[test]
    fn lists() {
        let v = extract("2023年5月、12月");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].span, "2023年5月、".len().."2023年5月、12月".len());
        assert!(!v[0].year_inferred && !v[1].year_inferred);
        expect(
            "2023年5月、12月",
            &[
                ("2023年5月", "2023-05-01", "2023-05-31", Month),
                ("12月", "2023-12-01", "2023-12-31", Month),
            ],
        );
        expect(
            "2023年2月13日、2月23日",
            &[
                ("2023年2月13日", "2023-02-13", "2023-02-13", Day),
                ("2月23日", "2023-02-23", "2023-02-23", Day),
            ],
        );
        expect(
            "2023年2月13日、23日",
            &[
                ("2023年2月13日", "2023-02-13", "2023-02-13", Day),
                ("23日", "2023-02-23", "2023-02-23", Day),
            ],
        );
        let t = "2024年工作:3月17日至3月22日、5月5日至7月12日";
        expect(
            t,
            &[
                ("2024年", "2024-01-01", "2024-12-31", Year),
                ("3月17日至3月22日", "2024-03-17", "2024-03-22", Day),
                ("5月5日至7月12日", "2024-05-05", "2024-07-12", Day),
            ],
        );
        // The year is not written in that list, so both are inferred.
        assert!(extract(t)[1..].iter().all(|e| e.year_inferred));
        expect(
            "2023年上半年、下半年",
            &[
                ("2023年上半年", "2023-01-01", "2023-06-30", HalfYear),
                ("下半年", "2023-07-01", "2023-12-31", HalfYear),
            ],
        );
        expect(
            "2023年5月、2024年1月",
            &[
                ("2023年5月", "2023-05-01", "2023-05-31", Month),
                ("2024年1月", "2024-01-01", "2024-01-31", Month),
            ],
        );
        expect(
            "2023年5月、12个",
            &[("2023年5月", "2023-05-01", "2023-05-31", Month)],
        );
    }

    #[test]
    fn lists_sharing_one_unit() {
        expect(
            "2023年1、2月份",
            &[
                ("2023年1", "2023-01-01", "2023-01-31", Month),
                ("2月份", "2023-02-01", "2023-02-28", Month),
            ],
        );
        expect(
            "2023年第一、二季度",
            &[
                ("2023年第一", "2023-01-01", "2023-03-31", Quarter),
                ("二季度", "2023-04-01", "2023-06-30", Quarter),
            ],
        );
        expect(
            "2023年5月5、6、7日",
            &[
                ("2023年5月5", "2023-05-05", "2023-05-05", Day),
                ("6", "2023-05-06", "2023-05-06", Day),
                ("7日", "2023-05-07", "2023-05-07", Day),
            ],
        );
        // Without a written year, a numeral before `、` stays a numeral.
        expect(
            "2023年。附件1、2月报",
            &[
                ("2023年", "2023-01-01", "2023-12-31", Year),
                ("2月", "2023-02-01", "2023-02-28", Month),
            ],
        );
        assert_eq!(extract("2023年1、2、3、4名").len(), 1);
    }

    #[test]
    fn year_less_forms_take_the_preceding_year() {
        assert!(extract("5月5日召开会议,12月完成").is_empty());
        assert!(extract("三月五日").is_empty());
        let v = extract("2023年工作回顾。5月5日召开会议,12月底完成,次年3月上旬验收");
        let got: Vec<_> = v
            .iter()
            .map(|e| (e.year_inferred, e.interval().map(|i| i.start.to_string())))
            .collect();
        assert_eq!(
            got,
            [
                (false, Some("2023-01-01".into())),
                (true, Some("2023-05-05".into())),
                (true, Some("2023-12-21".into())),
                (true, Some("2023-03-01".into())),
            ]
        );
        // The nearest preceding year wins, including the right side of a range.
        let v = extract("2022年10月20日至2023年1月6日开展巡察,2月10日反馈");
        assert_eq!(v.len(), 2);
        assert_eq!(v[1].interval().unwrap().start.to_string(), "2023-02-10");
        assert!(v[1].year_inferred);
        // An out-of-range year is not a context year.
        assert!(extract("1840年的往事,5月").is_empty());
    }

    #[test]
    fn chinese_month_words_are_not_months() {
        let t = "2023年,统一月度考核,唯一月票,之一月份";
        expect(t, &[("2023年", "2023-01-01", "2023-12-31", Year)]);
        expect(
            "2023年,于十一月召开",
            &[
                ("2023年", "2023-01-01", "2023-12-31", Year),
                ("十一月", "2023-11-01", "2023-11-30", Month),
            ],
        );
    }

    #[test]
    fn as_of() {
        for t in [
            "截至2024年底",
            "截止2024年底",
            "截止到2024年底",
            "截至 2024年底",
        ] {
            let e = one(t);
            assert!(e.as_of, "{t}");
            assert_eq!(&t[e.span.clone()], "2024年底");
        }
        assert!(!one("2024年底").as_of);
    }

    #[test]
    fn weekdays() {
        let cases = [
            ("2023年2月10日(星期五)", "(星期五)", Weekday::Friday),
            ("2023年2月10日（星期五）", "（星期五）", Weekday::Friday),
            ("2023年2月10日(周五)", "(周五)", Weekday::Friday),
            ("2023年2月10日星期五", "星期五", Weekday::Friday),
            ("2023年2月12日星期日", "星期日", Weekday::Sunday),
            ("2023年2月12日星期天", "星期天", Weekday::Sunday),
            ("2023年2月12日 周日", "周日", Weekday::Sunday),
            ("2023年2月13日（周一）上午", "（周一）", Weekday::Monday),
            ("2026-01-16(星期五)", "(星期五)", Weekday::Friday),
        ];
        for (t, w, wd) in cases {
            let e = one(t);
            let (span, got) = e.weekday.clone().unwrap_or_else(|| panic!("{t}"));
            assert_eq!((&t[span], got), (w, wd), "{t}");
            assert!(!t[e.span.clone()].contains('周') && !t[e.span].contains('星'));
        }
        assert!(one("2023年2月10日周年庆").weekday.is_none());
        assert!(one("2023年2月(星期五)").weekday.is_none());
        // A weekday on each side: two expressions, each with its own weekday.
        let t = "2023年2月10日(星期五)至2月12日(星期日)";
        let v = extract(t);
        assert_eq!(v.len(), 2);
        assert_eq!(&t[v[1].span.clone()], "2月12日");
        assert!(!v[1].year_inferred);
        assert_eq!(v[1].weekday.as_ref().map(|w| w.1), Some(Weekday::Sunday));
        // On a range the weekday belongs to the end.
        let e = one("2023年2月10日至12日(星期日)");
        assert_eq!(e.weekday.map(|w| w.1), Some(Weekday::Sunday));
    }

    #[test]
    fn not_dates() {
        let texts = [
            "10周年",
            "148期",
            "1.55亿",
            "20余个",
            "第28名",
            "6+3",
            "010-69555726",
            "0554-4989215",
            "101100",
            "每年年初",
            "年底对全年的学习内容",
            "3.5",
            "5G",
            "ICP备 20015255号",
            "1200余条",
            "2023",
            "1.0.0",
            "12023年",
            "99999999999年",
            "第1至3名",
            "1至2个月",
            "1840年",
        ];
        for t in texts {
            assert!(extract(t).is_empty(), "{t}: {:?}", extract(t));
            assert!(
                extract(&format!("2023年。{t}")).len() == 1,
                "{t} after a year"
            );
        }
    }

    #[test]
    fn impossible_dates_are_reported() {
        let e = invalid("2023年2月30日");
        assert_eq!(
            e,
            InvalidDate {
                year: 2023,
                month: 2,
                day: Some(30),
                reason: InvalidReason::DayOutOfRange
            }
        );
        assert_eq!(e.to_string(), "2023年2月没有30日");
        let e = invalid("2023年13月");
        assert_eq!(
            (e.reason, e.month, e.day),
            (InvalidReason::MonthOutOfRange, 13, None)
        );
        assert_eq!(e.to_string(), "不存在13月");
        let e = invalid("二〇二六年二月三十日");
        assert_eq!((e.year, e.month, e.day), (2026, 2, Some(30)));
        assert_eq!(
            invalid("2023年4月31日").reason,
            InvalidReason::DayOutOfRange
        );
        assert_eq!(invalid("2023-02-30").reason, InvalidReason::DayOutOfRange);
        assert_eq!(invalid("2023年2月29日").to_string(), "2023年2月没有29日");
        assert_eq!(invalid("2023年0月").reason, InvalidReason::MonthOutOfRange);
        assert_eq!(invalid("2023年5月0日").reason, InvalidReason::DayOutOfRange);
        assert_eq!(invalid("2023年2月28日至30日").day, Some(30));
        let e = invalid("2203年3月5日");
        assert_eq!(e.reason, InvalidReason::YearOutOfRange);
        assert!(e.to_string().contains("2203"));
        // Leap years.
        assert!(one("2024年2月29日").interval().is_some());
        assert!(one("2000年2月29日").interval().is_some());
        assert!(one("1900年2月29日").interval().is_none());
        // The span still covers the whole written date.
        let t = "于2023年2月30日召开";
        assert_eq!(&t[one(t).span], "2023年2月30日");
    }

    #[test]
    fn spans_on_cjk_and_astral_text() {
        let t = "𠮷于2023年2月10日(星期五),在𠮷地2023年5月、12月召开";
        let v = extract(t);
        let texts: Vec<_> = v.iter().map(|e| &t[e.span.clone()]).collect();
        assert_eq!(texts, ["2023年2月10日", "2023年5月", "12月"]);
        assert_eq!(v[0].span.start, "𠮷于".len());
        for e in &v {
            assert!(t.is_char_boundary(e.span.start) && t.is_char_boundary(e.span.end));
        }
    }

    #[test]
    fn parse_one_forms() {
        let e = parse_one("2023-02-10", None).unwrap();
        assert_eq!(e.interval().unwrap().start.to_string(), "2023-02-10");
        assert!(!e.year_inferred);
        let e = parse_one("  5月5日 ", Some(2024)).unwrap();
        assert_eq!(e.span, 2..10);
        assert!(e.year_inferred);
        assert_eq!(e.interval().unwrap().start.to_string(), "2024-05-05");
        assert!(parse_one("5月5日", None).is_none());
        assert!(parse_one("2023年5月、12月", None).is_none());
        assert!(parse_one("12日", Some(2024)).is_none());
        assert!(parse_one("2023年5月召开", None).is_none());
        assert!(parse_one("", None).is_none());
        assert!(parse_one("2023", None).is_none());
        let e = parse_one("2022年10月20日至2023年1月6日", None).unwrap();
        assert_eq!(e.interval().unwrap().end.to_string(), "2023-01-06");
        assert!(
            parse_one("2023年2月10日(星期五)", None)
                .unwrap()
                .weekday
                .is_some()
        );
        assert!(parse_one("2023年2月30日", None).unwrap().value.is_err());
        assert!(parse_one("统一月", Some(2024)).is_none());
        assert!(parse_one("一月", Some(2024)).is_some());
    }

    /// Every form the engine reads as one expression, for checking the regex.
    const FORMS: &[&str] = &[
        "2023年2月10日",
        "2023年2月10号",
        "2023年2月",
        "2023年2月份",
        "2023年",
        "2023年度",
        "2024年上半年",
        "2024年下半年",
        "2024年第一季度",
        "2024年第1季度",
        "2024年一季度",
        "2024年初",
        "2024年年初",
        "2024年底",
        "2024年末",
        "2024年年底",
        "2023年5月上旬",
        "2023年5月中旬",
        "2023年5月下旬",
        "2023年5月上中旬",
        "2023年5月初",
        "2023年5月底",
        "2023年5月末",
        "二〇二三年二月十日",
        "二零二三年二月二十八日",
        "二O二三年十二月三十一日",
        "２０２３年２月１０日",
        "2026-01-16",
        "2026.1.16",
        "2026/1/16",
        "２０２６－０１－１６",
        "2022年10月20日至2023年1月6日",
        "2023年5月5日至12日",
        "2023年2月至2024年12月",
        "3月17日至3月22日",
        "2023年5月5日——6月3日",
        "2023年5月5日 ~ 6月3日",
        "2026-01-16-2026-02-01",
        "2023年1-6月",
        "2023年5月5-7日",
        "2023—2025年",
        "2023年上半年至下半年",
        "2023年上半年至2024年第一季度",
        "2023年2月30日",
        "2023年13月",
        "5月5日",
        "十一月",
    ];

    #[test]
    fn date_pattern_matches_every_form() {
        let re = regex::Regex::new(DATE_PATTERN).unwrap();
        assert_eq!(re.captures_len(), 1, "no capturing groups");
        assert!(!DATE_PATTERN.contains("\\b"));
        let whole = regex::Regex::new(&format!("^{DATE_PATTERN}$")).unwrap();
        for f in FORMS {
            assert!(whole.is_match(f), "pattern misses {f}");
            assert!(parse_one(f, Some(2023)).is_some(), "engine misses {f}");
            // Leftmost-first must not stop early inside a longer expression.
            assert_eq!(re.find(f).map(|m| m.as_str()), Some(*f));
        }
        let pack = regex::Regex::new(&format!("截至(?P<date>{DATE_PATTERN}),")).unwrap();
        let caps = pack.captures("截至2024年底,发布稿件1000篇").unwrap();
        assert_eq!(&caps["date"], "2024年底");
        for t in ["10周年", "148期", "1.55亿", "6+3", "5G", "3.5", "2023"] {
            assert!(!re.is_match(t), "{t}");
        }
    }

    /// Whatever `parse_one` accepts, the pattern must match too, so that a
    /// pack regex never misses a date the engine would read.
    #[test]
    fn date_pattern_covers_parse_one() {
        let pieces = [
            "2023",
            "二〇二三",
            "２０２３",
            "年",
            "月",
            "日",
            "号",
            "5",
            "12",
            "十二",
            "三十一",
            "廿",
            "至",
            "-",
            "——",
            " ",
            "、",
            "上半年",
            "第一季度",
            "初",
            "底",
            "年末",
            "上旬",
            "中下旬",
            "份",
            "度",
            ".",
            "/",
            "01",
            "(星期五)",
        ];
        let whole = regex::Regex::new(&format!("^{DATE_PATTERN}$")).unwrap();
        let mut seed: u64 = 7;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let mut parsed = 0;
        for _ in 0..100_000 {
            let n = 1 + next() % 6;
            let s: String = (0..n).map(|_| pieces[next() % pieces.len()]).collect();
            if let Some(e) = parse_one(&s, Some(2023)) {
                parsed += 1;
                assert!(whole.is_match(&s[e.span.clone()]), "{s:?}");
            }
        }
        assert!(parsed > 100, "the generator should hit real dates");
    }

    #[test]
    fn realistic_notice() {
        let pre = "根据区委巡察工作统一部署,2022年10月20日至2023年1月6日,区委第三巡察组对中共北京市通州区融媒体中心党组开展了巡察。2023年2月10日,区委第三巡察组向中共北京市通州区融媒体中心党组反馈了巡察意见。";
        expect(
            pre,
            &[
                (
                    "2022年10月20日至2023年1月6日",
                    "2022-10-20",
                    "2023-01-06",
                    Day,
                ),
                ("2023年2月10日", "2023-02-10", "2023-02-10", Day),
            ],
        );
        expect(
            "比如,2023年5月、12月分别组织党员前往…",
            &[
                ("2023年5月", "2023-05-01", "2023-05-31", Month),
                ("12月", "2023-12-01", "2023-12-31", Month),
            ],
        );
        expect(
            "在2024年2月26日京津冀协同发展10周年之际",
            &[("2024年2月26日", "2024-02-26", "2024-02-26", Day)],
        );
        expect(
            "2023年2月至2024年12月,合作共办全媒体栏目《副中心会客厅》电台节目148期邀请",
            &[("2023年2月至2024年12月", "2023-02-01", "2024-12-31", Month)],
        );
        let t = "2023年11月正式上线学习强国城市副中心平台,截至2024年底发布稿件1000篇,总阅读量超1.55亿,位居全国216个地市级学习平台第28名。";
        expect(
            t,
            &[
                ("2023年11月", "2023-11-01", "2023-11-30", Month),
                ("2024年底", "2024-10-01", "2024-12-31", Quarter),
            ],
        );
        let as_of: Vec<_> = extract(t).iter().map(|e| e.as_of).collect();
        assert_eq!(as_of, [false, true]);
        expect(
            "联系方式:010-69555726;通信地址:北京市通州区新华东街256号;邮编:101100",
            &[],
        );
        expect(
            "2024年上半年,中心聚焦新媒体",
            &[("2024年上半年", "2024-01-01", "2024-06-30", HalfYear)],
        );
        expect(
            "发布时间:2026-01-16",
            &[("2026-01-16", "2026-01-16", "2026-01-16", Day)],
        );
        // Everything together: years carry across fragments.
        let all = format!("{pre}比如,2023年5月、12月分别组织党员前往…{t}联系方式:010-69555726");
        let v = extract(&all);
        assert_eq!(v.len(), 6);
        assert!(v.iter().all(|e| !e.year_inferred && e.value.is_ok()));
        // Every span is one expression for parse_one and the pattern (the list
        // item `12月` needs its year).
        let whole = regex::Regex::new(&format!("^{DATE_PATTERN}$")).unwrap();
        for e in &v {
            let s = &all[e.span.clone()];
            assert!(whole.is_match(s), "{s}");
            let again = parse_one(s, Some(2023)).unwrap();
            assert_eq!(again.value, e.value, "{s}");
        }
    }

    fn assert_well_formed(text: &str) {
        let v = extract(text);
        let mut prev_end = 0;
        for e in &v {
            assert!(e.span.start < e.span.end, "{text:?}");
            assert!(e.span.start >= prev_end, "overlap in {text:?}: {v:?}");
            assert!(text.get(e.span.clone()).is_some(), "{text:?} {e:?}");
            prev_end = e.span.end;
            if let Some((w, _)) = &e.weekday {
                assert!(w.start >= e.span.end && text.get(w.clone()).is_some());
                prev_end = w.end;
            }
        }
    }

    const MIXED: &str = "𠮷根据2022年10月20日至2023年1月6日,截至2024年底、二〇二六年二月三十日(星期五)，\
        3月17日至3月22日、5月5日至12日；２０２３年２月１０日（周五）2026-01-16-2026-02-01 1.0.0 \
        年 月 日 2023 99999999999年 一季度 2023年1-6月、5月5-7日 2023—2025年度 十二月廿三日 统一月 \
        5月初步 2024年第一季度至第三季度 ICP备 20015255号 010-69555726 年";

    #[test]
    fn every_starting_character_is_a_digit_or_led_by_e4_e5_or_ef() {
        // What `next_numeral` looks at.
        let mut buf = [0; 4];
        for c in ('\0'..=char::MAX).filter(|&c| can_start(c)) {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let digit = bytes.len() == 1 && bytes[0].is_ascii_digit();
            let led = bytes.len() == 3 && matches!(bytes[0], 0xE4 | 0xE5 | 0xEF);
            assert!(digit || led, "{c:?}");
        }
    }

    #[test]
    fn the_scan_stops_at_every_starting_character_and_only_there() {
        let text = format!("{MIXED}é𠮷ü٣三ab十٠");
        let mut found = Vec::new();
        let mut i = 0;
        while let Some(at) = next_numeral(text.as_bytes(), i) {
            found.push(at);
            i = at + char_at(&text, at).unwrap().len_utf8();
        }
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| can_start(c))
            .map(|(i, _)| i)
            .collect();
        assert!(expected.len() > 50);
        assert_eq!(found, expected);
    }

    #[test]
    fn the_byte_test_of_a_starting_character_is_exact() {
        let mut buf = [0; 4];
        for c in '\0'..=char::MAX {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            assert_eq!(starts_with_numeral(bytes), can_start(c), "{c:?}");
        }
        assert!(!starts_with_numeral(&[0xE4, 0xB8]), "a cut character");
    }

    #[test]
    fn never_panics_on_slices() {
        let bounds: Vec<usize> = MIXED
            .char_indices()
            .map(|(i, _)| i)
            .chain([MIXED.len()])
            .collect();
        for &i in &bounds {
            assert_well_formed(&MIXED[i..]);
            assert_well_formed(&MIXED[..i]);
            for &j in bounds.iter().filter(|&&j| j > i).take(14) {
                assert_well_formed(&MIXED[i..j]);
            }
        }
    }

    #[test]
    fn never_panics_on_random_text() {
        let alphabet: Vec<char> = "0123456789０１２９年月日号至到—–-~～、()（）星期周五天日初底末上中下旬半季度第一二三十廿〇○零O.．/／ 截止𠮷a统的\u{3000}"
            .chars()
            .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for _ in 0..20_000 {
            let len = next() % 24;
            let text: String = (0..len)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect();
            assert_well_formed(&text);
            let _ = parse_one(&text, Some(2023));
            let _ = parse_one(&text, Some(i16::MAX));
            let _ = parse_one(&text, Some(i16::MIN));
        }
    }

    #[test]
    fn pathological_inputs_stay_cheap() {
        for unit in [
            "1",
            "一",
            "年",
            "月",
            "日",
            "1年",
            "12月",
            "2023年5月、",
            "5-",
            "2023-",
        ] {
            let text = unit.repeat(20_000);
            assert_well_formed(&text);
        }
        assert_eq!(extract(&"2023年5月、".repeat(1000)).len(), 1000);
        assert!(extract("年2023").is_empty());
        assert_eq!(extract("2023年").len(), 1);
        assert!(extract("月日年").is_empty());
    }
}
