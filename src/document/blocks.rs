//! Splitting a text into blocks: paragraphs and headings with their byte ranges.

use std::ops::Range;

use crate::document::Source;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// What a block is in its source format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph, or a line of plain text.
    Paragraph,
    /// A Markdown heading of the given level (1–6).
    Heading(u8),
    /// The text of a Markdown list item.
    ListItem,
}

/// A unit of prose. `range` covers its text without surrounding whitespace and,
/// for Markdown headings and bullet items, without the Markdown syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Byte range of the block's text.
    pub range: Range<usize>,
    /// What the block is.
    pub kind: BlockKind,
}

/// Plain text: one block per line that is not blank.
///
/// A suppression directive line (`%% noticelint-…`, see
/// [`crate::suppression`]) is not prose and produces no block, so no rule
/// checks it. Other lines starting with `%%` are prose as usual: only
/// directives are taken out of the text. Lines are those of the source's
/// line index (`\n`, `\r\n` and a lone `\r` end one).
pub fn plain_blocks(source: &Source) -> Vec<Block> {
    let mut blocks = Vec::new();
    for index in 0..source.line_count() {
        push_line(source.text(), source.line_range(index), &mut blocks);
    }
    blocks
}

fn push_line(text: &str, line: Range<usize>, blocks: &mut Vec<Block>) {
    if !crate::suppression::is_plain_directive_line(&text[line.clone()]) {
        push_trimmed(text, line, BlockKind::Paragraph, blocks);
    }
}

/// Markdown: paragraphs, headings and list items from pulldown-cmark's byte
/// ranges. Code blocks, HTML blocks (comments included) and front matter are
/// not prose and produce no block. Returns the blocks and the range of the YAML
/// front matter's content, if any.
pub fn markdown_blocks(text: &str) -> (Vec<Block>, Option<Range<usize>>) {
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut blocks = Vec::new();
    let mut front_matter = None;
    // Open list items: their range, whether they are ordered, whether a paragraph
    // was seen inside, and the span of their own inline text (tight lists have
    // no paragraph events).
    let mut items: Vec<ItemState> = Vec::new();
    let mut ordered: Vec<bool> = Vec::new();
    let mut in_heading: Option<(Range<usize>, u8)> = None;
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => {
                if let Some(item) = items.last_mut() {
                    item.has_paragraph = true;
                }
                push_trimmed(text, range, BlockKind::Paragraph, &mut blocks);
            }
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = Some((range, level as u8));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((range, level)) = in_heading.take() {
                    let content = heading_content(text, range);
                    push_trimmed(text, content, BlockKind::Heading(level), &mut blocks);
                }
            }
            Event::Start(Tag::List(first)) => ordered.push(first.is_some()),
            Event::End(TagEnd::List(_)) => {
                ordered.pop();
            }
            Event::Start(Tag::Item) => items.push(ItemState {
                range,
                ordered: ordered.last().copied().unwrap_or(false),
                has_paragraph: false,
                inline: None,
            }),
            Event::End(TagEnd::Item) => {
                if let Some(item) = items.pop()
                    && !item.has_paragraph
                    && let Some(inline) = item.inline
                {
                    // Keep the number of ordered items: it is the numbering.
                    let start = if item.ordered {
                        item.range.start
                    } else {
                        inline.start
                    };
                    push_trimmed(text, start..inline.end, BlockKind::ListItem, &mut blocks);
                }
            }
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            // The YAML may come in several text events (CRLF lines do).
            Event::Text(_) if in_metadata => {
                front_matter = Some(match front_matter {
                    Some(Range { start, .. }) => start..range.end,
                    None => range,
                });
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineHtml(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Link { .. }) => {
                if let Some(item) = items.last_mut()
                    && !item.has_paragraph
                    && in_heading.is_none()
                {
                    let inline = item.inline.get_or_insert(range.clone());
                    inline.end = inline.end.max(range.end);
                }
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.range.start);
    (blocks, front_matter)
}

struct ItemState {
    range: Range<usize>,
    ordered: bool,
    has_paragraph: bool,
    inline: Option<Range<usize>>,
}

/// The text of an ATX (`## x ##`) or setext (underlined) heading.
fn heading_content(text: &str, range: Range<usize>) -> Range<usize> {
    let raw = &text[range.clone()];
    let trimmed_start = raw.len() - raw.trim_start().len();
    if raw.trim_start().starts_with('#') {
        let after_hashes = raw[trimmed_start..].trim_start_matches('#');
        let start = range.end - after_hashes.len();
        let line_end = after_hashes
            .find(['\n', '\r'])
            .map_or(range.end, |i| start + i);
        let content = text[start..line_end].trim_end();
        // A closing sequence of `#` preceded by a space is not content.
        let without_closing = content.trim_end_matches('#');
        let end = if without_closing.len() < content.len()
            && (without_closing.is_empty() || without_closing.ends_with([' ', '\t']))
        {
            start + without_closing.len()
        } else {
            start + content.len()
        };
        start..end
    } else {
        // Setext: everything before the underline.
        let end = raw
            .trim_end()
            .rfind(['\n', '\r'])
            .map_or(range.end, |i| range.start + i);
        range.start..end
    }
}

fn push_trimmed(text: &str, range: Range<usize>, kind: BlockKind, blocks: &mut Vec<Block>) {
    let slice = &text[range.clone()];
    let trimmed = slice.trim_start();
    let start = range.start + (slice.len() - trimmed.len());
    let end = start + trimmed.trim_end().len();
    if start < end {
        blocks.push(Block {
            range: start..end,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, blocks: &[Block]) -> Vec<&'a str> {
        blocks.iter().map(|b| &text[b.range.clone()]).collect()
    }

    #[test]
    fn front_matter_is_whole_with_lf_and_crlf() {
        for eol in ["\n", "\r\n"] {
            let text = format!("---{eol}feedback:{eol}  items: []{eol}---{eol}# 标题{eol}");
            let (blocks, front) = markdown_blocks(&text);
            let yaml = &text[front.expect("front matter")];
            assert!(yaml.starts_with("feedback:"), "{yaml:?}");
            assert!(yaml.contains("items: []"), "{yaml:?}");
            assert_eq!(texts(&text, &blocks), ["标题"]);
        }
    }

    #[test]
    fn plain_lines_trimmed_and_blank_lines_skipped() {
        let text = "  标题\r\n\r\n\u{3000}\u{3000}正文一。\r二\n\n";
        let blocks = plain_blocks(&Source::new("t", text));
        assert_eq!(texts(text, &blocks), ["标题", "正文一。", "二"]);
    }

    #[test]
    fn plain_directive_lines_are_not_blocks() {
        let text = "正文。\r\n\u{3000}%% noticelint-disable-next-line terms -- 理由\r\n%% 备注\r\n%%noticelint-disabel x";
        let blocks = plain_blocks(&Source::new("t", text));
        assert_eq!(texts(text, &blocks), ["正文。", "%% 备注"]);
    }

    #[test]
    fn markdown_headings_paragraphs_and_skipped_blocks() {
        let text = "---\nfeedback: x\n---\n# 标题 #\n\n## 一、总体\n\n正文\n第二行。\n\n```\n代码\n```\n\n<!-- 注释 -->\n\n- 项目一\n- 项目二\n\n1. 有序\n\n标题二\n===\n";
        let (blocks, front) = markdown_blocks(text);
        assert_eq!(
            texts(text, &blocks),
            [
                "标题",
                "一、总体",
                "正文\n第二行。",
                "项目一",
                "项目二",
                "1. 有序",
                "标题二"
            ]
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(blocks[1].kind, BlockKind::Heading(2));
        assert_eq!(blocks[3].kind, BlockKind::ListItem);
        assert_eq!(&text[front.unwrap()], "feedback: x\n");
    }
}
