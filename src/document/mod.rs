//! The document model: decoded source, blocks and section tree.

mod blocks;
pub mod encoding;
pub mod numbering;
mod sections;
mod source;

use std::ops::Range;
use std::path::Path;

pub use blocks::{Block, BlockKind};
pub use encoding::{DecodeError, TextEncoding};
pub use sections::Section;
pub use source::{Position, Source};

pub(crate) use source::floor_char_boundary;

/// Whether `c` is a Chinese character (a CJK ideograph, astral extensions included).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFF}'
        | '〇')
}

/// How a text is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One block per non-empty line.
    Text,
    /// CommonMark, with YAML front matter.
    Markdown,
}

impl Format {
    /// Markdown for `.md`/`.markdown`, plain text otherwise.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::Text,
        }
    }
}

/// A parsed document: its source, blocks and sections, all as byte ranges.
#[derive(Debug, Clone)]
pub struct Document {
    source: Source,
    format: Format,
    blocks: Vec<Block>,
    sections: Vec<Section>,
    front_matter: Option<Range<usize>>,
}

impl Document {
    /// Parses `source` as `format`.
    pub fn parse(source: Source, format: Format) -> Self {
        let (blocks, front_matter) = match format {
            Format::Text => (blocks::plain_blocks(&source), None),
            Format::Markdown => blocks::markdown_blocks(source.text()),
        };
        let sections = sections::build_sections(source.text(), &blocks);
        Document {
            source,
            format,
            blocks,
            sections,
            front_matter,
        }
    }

    /// The decoded text and its line index.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Gives the source back, dropping the parsed structure.
    pub fn into_source(self) -> Source {
        self.source
    }

    /// The decoded text.
    pub fn text(&self) -> &str {
        self.source.text()
    }

    /// How the text was read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Paragraphs and headings in document order.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Sections in document order; parents come before their children.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// How many sections enclose section `index` (0 for a top-level section).
    pub fn section_depth(&self, mut index: usize) -> usize {
        let mut depth = 0;
        while let Some(parent) = self.sections[index].parent {
            depth += 1;
            index = parent;
        }
        depth
    }

    /// Range of the Markdown front matter's YAML, if any.
    pub fn front_matter(&self) -> Option<Range<usize>> {
        self.front_matter.clone()
    }

    /// The text of a byte range.
    pub fn slice(&self, range: Range<usize>) -> &str {
        &self.source.text()[range]
    }

    /// Index of the block containing `offset`, or of the first block after it.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let index = self.blocks.partition_point(|b| b.range.end <= offset);
        (index < self.blocks.len()).then_some(index)
    }

    /// Where something missing at the end belongs: the end of the last block.
    pub fn end_of_content(&self) -> usize {
        self.blocks.last().map_or(0, |b| b.range.end)
    }
}
