//! A windowed view of a document for miette's graphical reports.
//!
//! A paragraph of a Chinese notice is often one line of 300–800 characters;
//! printing it whole under every finding is unreadable. An [`Excerpt`] keeps only
//! the lines that findings touch, cuts long ones to a window of about
//! [`WINDOW_COLUMNS`] columns around the spans with `…` where cut, and reports
//! real line numbers and character (not byte) columns to miette.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::document::{Source, floor_char_boundary};

/// Lines wider than this many columns are cut to a window.
pub const MAX_LINE_COLUMNS: usize = 100;
/// Width of the window shown for a long line.
pub const WINDOW_COLUMNS: usize = 80;
/// A span covering more lines than this is shown by its first line only.
const MAX_SPAN_LINES: usize = 4;
const ELLIPSIS: &str = "…";
const TAB_COLUMNS: usize = 4;

/// The lines of a source that some spans touch, windowed, as miette source code.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ExcerptLine>,
}

#[derive(Debug, Clone)]
struct ExcerptLine {
    /// 0-based line number in the source.
    number: usize,
    /// The source line, without terminator.
    line: Range<usize>,
    /// The part of the source line shown.
    window: Range<usize>,
    /// Characters of the source line before the window.
    window_column: usize,
    /// Where the line sits in `Excerpt::text`, ellipses included.
    shown: Range<usize>,
    /// Byte length of the leading ellipsis (0 when the window starts the line).
    prefix: usize,
}

impl Excerpt {
    /// The name of the source the excerpt is from.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Builds an excerpt showing `spans` of `source`, and returns the spans
    /// translated into the excerpt's coordinates, in the same order.
    pub fn new(source: &Source, spans: &[Range<usize>]) -> (Excerpt, Vec<SourceSpan>) {
        let text = source.text();
        let spans: Vec<Range<usize>> = spans.iter().map(|s| clamp_span(source, s)).collect();
        // Every source line touched, with the parts of it that must be visible.
        let mut wanted: Vec<(usize, Range<usize>)> = Vec::new();
        // Lines where an empty span sits at the end: a space is shown there so
        // that miette has a column to point at.
        let mut pad_end: Vec<usize> = Vec::new();
        for span in &spans {
            if span.is_empty() && source.line_range(source.line_index(span.start)).end == span.start
            {
                pad_end.push(source.line_index(span.start));
            }
            let first = source.line_index(span.start);
            let last = source
                .line_index(span.end.max(span.start + 1) - 1)
                .max(first);
            for number in first..=last {
                let line = source.line_range(number);
                let part = span.start.max(line.start)
                    ..span.end.min(line.end).max(span.start.max(line.start));
                match wanted.iter_mut().find(|(n, _)| *n == number) {
                    Some((_, have)) => {
                        *have = have.start.min(part.start)..have.end.max(part.end);
                    }
                    None => wanted.push((number, part)),
                }
            }
        }
        wanted.sort_by_key(|(n, _)| *n);
        let mut excerpt = Excerpt {
            name: source.name().to_owned(),
            text: String::new(),
            lines: Vec::with_capacity(wanted.len()),
        };
        for (number, part) in wanted {
            let line = source.line_range(number);
            let window = window(text, line.clone(), part);
            if !excerpt.text.is_empty() {
                excerpt.text.push('\n');
            }
            let start = excerpt.text.len();
            let prefix = if window.start > line.start {
                excerpt.text.push_str(ELLIPSIS);
                ELLIPSIS.len()
            } else {
                0
            };
            excerpt.text.push_str(&text[window.clone()]);
            if pad_end.contains(&number) {
                excerpt.text.push(' ');
            }
            if window.end < line.end {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.lines.push(ExcerptLine {
                number,
                line: line.clone(),
                window_column: source.position(window.start).column - 1,
                window,
                shown: start..excerpt.text.len(),
                prefix,
            });
        }
        let mapped = spans
            .iter()
            .map(|span| {
                let start = excerpt.to_shown(span.start);
                let end = excerpt.to_shown(span.end).max(start);
                SourceSpan::new(start.into(), end - start)
            })
            .collect();
        (excerpt, mapped)
    }

    /// Maps a source offset to the excerpt, clamping to the shown window.
    fn to_shown(&self, offset: usize) -> usize {
        let index = self
            .lines
            .partition_point(|l| l.line.start <= offset)
            .saturating_sub(1);
        let Some(line) = self.lines.get(index) else {
            return 0;
        };
        if offset < line.window.start {
            line.shown.start
        } else if offset > line.window.end {
            line.shown.end
        } else {
            line.shown.start + line.prefix + (offset - line.window.start)
        }
    }

    /// The excerpt line containing a shown offset.
    fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.shown.end < offset)
            .min(self.lines.len().saturating_sub(1))
    }

    /// 0-based character column in the source line of a shown offset.
    fn column_at(&self, line: &ExcerptLine, offset: usize) -> usize {
        let offset =
            floor_char_boundary(&self.text, offset.clamp(line.shown.start, line.shown.end));
        let from = (line.shown.start + line.prefix).min(offset);
        line.window_column + self.text[from..offset].chars().count()
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        _context_lines_before: usize,
        _context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        if self.lines.is_empty() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.line_at(span.offset());
        let last = self
            .line_at(span.offset() + span.len().saturating_sub(1))
            .max(first);
        let range = self.lines[first].shown.start..self.lines[last].shown.end;
        let column = self.column_at(&self.lines[first], span.offset());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[range.clone()],
            SourceSpan::new(range.start.into(), range.len()),
            self.lines[first].number,
            column,
            last - first + 1,
        )))
    }
}

/// Keeps a span on char boundaries and within a few lines.
fn clamp_span(source: &Source, span: &Range<usize>) -> Range<usize> {
    let text = source.text();
    let start = floor_char_boundary(text, span.start.min(text.len()));
    let mut end = floor_char_boundary(text, span.end.clamp(start, text.len()));
    let first = source.line_index(start);
    if end > start && source.line_index(end - 1) >= first + MAX_SPAN_LINES {
        end = source.line_range(first).end.max(start);
    }
    start..end
}

fn char_columns(c: char) -> usize {
    if c == '\t' {
        TAB_COLUMNS
    } else {
        c.width().unwrap_or(0)
    }
}

/// The part of `line` to show so that `part` is visible.
fn window(text: &str, line: Range<usize>, part: Range<usize>) -> Range<usize> {
    let line_text = &text[line.clone()];
    // Only whether the line is wider than the limit matters: stop counting there.
    let mut width = 0;
    let wide = line_text.chars().any(|c| {
        width += char_columns(c);
        width > MAX_LINE_COLUMNS
    });
    if !wide {
        return line;
    }
    let part_width: usize = text[part.clone()].chars().map(char_columns).sum();
    if part_width >= WINDOW_COLUMNS {
        // Show the start of a long span.
        let end = advance(text, part.start, line.end, WINDOW_COLUMNS);
        return part.start..end;
    }
    let spare = WINDOW_COLUMNS - part_width;
    let (mut start, left_used) = retreat(text, part.start, line.start, spare / 2);
    let end = advance(text, part.end, line.end, spare - left_used);
    let right_used: usize = text[part.end..end].chars().map(char_columns).sum();
    if left_used + right_used < spare {
        start = retreat(text, start, line.start, spare - left_used - right_used).0;
    }
    start..end
}

/// Moves right from `from` by up to `columns`, not past `limit`.
fn advance(text: &str, from: usize, limit: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut end = from;
    for c in text[from..limit].chars() {
        let w = char_columns(c);
        if used + w > columns {
            break;
        }
        used += w;
        end += c.len_utf8();
    }
    end
}

/// Moves left from `from` by up to `columns`, not before `limit`; returns the
/// new offset and the columns used.
fn retreat(text: &str, from: usize, limit: usize, columns: usize) -> (usize, usize) {
    let mut used = 0;
    let mut start = from;
    for c in text[limit..from].chars().rev() {
        let w = char_columns(c);
        if used + w > columns {
            break;
        }
        used += w;
        start -= c.len_utf8();
    }
    (start, used)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(excerpt: &Excerpt, span: SourceSpan) -> (String, usize, usize) {
        let contents = excerpt.read_span(&span, 1, 1).unwrap();
        (
            String::from_utf8(contents.data().to_vec()).unwrap(),
            contents.line(),
            contents.column(),
        )
    }

    #[test]
    fn short_line_is_shown_whole_with_char_columns() {
        let source = Source::new("a.txt", "标题\n联系方式：电话");
        let start = "标题\n联系方式：".len();
        let (excerpt, spans) = Excerpt::new(
            &source,
            std::slice::from_ref(&(start..start + "电话".len())),
        );
        assert_eq!(
            read(&excerpt, spans[0]),
            ("联系方式：电话".to_owned(), 1, 5)
        );
    }

    #[test]
    fn long_line_is_windowed_around_the_span() {
        let line = "甲".repeat(300) + "错误" + &"乙".repeat(300);
        let source = Source::new("a.txt", line.clone());
        let start = "甲".len() * 300;
        let (excerpt, spans) = Excerpt::new(
            &source,
            std::slice::from_ref(&(start..start + "错误".len())),
        );
        let (shown, number, column) = read(&excerpt, spans[0]);
        assert_eq!((number, column), (0, 300));
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        let width: usize = shown.chars().map(char_columns).sum();
        assert!(
            (WINDOW_COLUMNS..=WINDOW_COLUMNS + 2).contains(&width),
            "{width}"
        );
        let mapped = &excerpt.text[spans[0].offset()..spans[0].offset() + spans[0].len()];
        assert_eq!(mapped, "错误");
    }

    #[test]
    fn distant_lines_keep_their_numbers() {
        let source = Source::new("a.txt", "一\n二\n三\n四");
        let (excerpt, spans) = Excerpt::new(
            &source,
            &[0..3, "一\n二\n三\n".len().."一\n二\n三\n四".len()],
        );
        assert_eq!(read(&excerpt, spans[0]).1, 0);
        assert_eq!(read(&excerpt, spans[1]), ("四".to_owned(), 3, 0));
    }

    #[test]
    fn empty_span_at_end_of_text() {
        let source = Source::new("a.txt", "abc\r\n");
        let (excerpt, spans) = Excerpt::new(&source, std::slice::from_ref(&(5..5)));
        let (_, number, column) = read(&excerpt, spans[0]);
        assert_eq!((number, column), (1, 0));
    }
}
