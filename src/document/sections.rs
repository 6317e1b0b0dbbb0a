//! The section tree: numbered headings and Markdown headings, nested by level.

use std::ops::Range;

use super::blocks::{Block, BlockKind};
use super::numbering::{Marker, parse_marker};

/// One section of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's text: the whole heading line, or for a numbered paragraph
    /// such as `1.严格落实学习制度。一是…`, its first sentence. Includes the marker.
    pub heading: Range<usize>,
    /// The numbering marker the heading starts with, if any.
    pub marker: Option<Marker>,
    /// The heading level: the numbering level (`一、`=1 … `①`=5) when the heading is
    /// numbered, otherwise the Markdown heading level.
    pub level: u8,
    /// Everything from the heading's start to the start of the next section of the
    /// same or a higher level (or the end of the last block).
    pub range: Range<usize>,
    /// Index of the enclosing section in [`super::Document::sections`].
    pub parent: Option<usize>,
    /// Index of the block that opens the section.
    pub block: usize,
}

impl Section {
    /// The text after the heading, up to the end of the section.
    pub fn body(&self) -> Range<usize> {
        self.heading.end..self.range.end
    }

    /// Nesting key: Markdown headings outrank numbered paragraphs, then by level.
    fn rank(&self, is_markdown_heading: bool) -> (u8, u8) {
        (u8::from(!is_markdown_heading), self.level)
    }
}

/// Builds the section tree from the blocks of a document.
pub fn build_sections(text: &str, blocks: &[Block]) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut ranks: Vec<(u8, u8)> = Vec::new();
    // Indices of the open sections, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let Some(mut section) = heading_of(text, block, index) else {
            continue;
        };
        let rank = section.rank(matches!(block.kind, BlockKind::Heading(_)));
        while let Some(&top) = open.last() {
            if ranks[top] >= rank {
                // Up to the line the next heading is on, `## ` or indent included.
                sections[top].range.end = line_start(text, block.range.start);
                open.pop();
            } else {
                break;
            }
        }
        section.parent = open.last().copied();
        open.push(sections.len());
        ranks.push(rank);
        sections.push(section);
    }
    let end = blocks.last().map_or(0, |b| b.range.end);
    for index in open {
        sections[index].range.end = end;
    }
    sections
}

fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

fn heading_of(text: &str, block: &Block, index: usize) -> Option<Section> {
    let content = &text[block.range.clone()];
    let marker = parse_marker(content);
    let level = match (block.kind, marker) {
        (_, Some(marker)) => marker.kind.level(),
        (BlockKind::Heading(level), None) => level,
        _ => return None,
    };
    let heading_end = match (block.kind, marker) {
        (BlockKind::Heading(_), _) => block.range.end,
        (_, Some(marker)) => {
            block.range.start + marker.len + first_sentence_len(&content[marker.len..])
        }
        _ => block.range.end,
    };
    Some(Section {
        heading: block.range.start..heading_end,
        marker,
        level,
        range: block.range.start..block.range.end,
        parent: None,
        block: index,
    })
}

/// Length in bytes of the first sentence (through its `。！？`), or of the
/// first line when there is no sentence end, or of the whole text.
fn first_sentence_len(text: &str) -> usize {
    let line_end = text.find(['\n', '\r']).unwrap_or(text.len());
    let line = &text[..line_end];
    match line
        .char_indices()
        .find(|&(_, c)| matches!(c, '。' | '！' | '？'))
    {
        Some((i, c)) => i + c.len_utf8(),
        None => line_end,
    }
}

#[cfg(test)]
mod tests {
    use super::super::blocks::plain_blocks;
    use super::*;

    #[test]
    fn nests_by_level_and_splits_first_sentence() {
        let text = "标题\n\n一、组织\n\n正文。\n\n二、落实\n\n（一）学习\n\n1.严格落实制度。一是传达。\n\n2.深化责任\n\n（二）服务\n\n三、长效\n\n结尾。";
        let blocks = plain_blocks(&crate::document::Source::new("t", text));
        let sections = build_sections(text, &blocks);
        let headings: Vec<_> = sections.iter().map(|s| &text[s.heading.clone()]).collect();
        assert_eq!(
            headings,
            [
                "一、组织",
                "二、落实",
                "（一）学习",
                "1.严格落实制度。",
                "2.深化责任",
                "（二）服务",
                "三、长效"
            ]
        );
        let parents: Vec<_> = sections.iter().map(|s| s.parent).collect();
        assert_eq!(
            parents,
            [None, None, Some(1), Some(2), Some(2), Some(1), None]
        );
        // 一、 ends where 二、 starts; the last section ends at the last block.
        assert_eq!(&text[sections[0].range.clone()], "一、组织\n\n正文。\n\n");
        assert_eq!(&text[sections[6].range.clone()], "三、长效\n\n结尾。");
        assert_eq!(&text[sections[3].body()], "一是传达。\n\n");
    }

    #[test]
    fn skipped_level_still_nests() {
        let text = "一、甲\n1.乙\n二、丙";
        let sections = build_sections(
            text,
            &plain_blocks(&crate::document::Source::new("t", text)),
        );
        assert_eq!(sections[1].parent, Some(0));
        assert_eq!(sections[2].parent, None);
    }
}
