//! Chinese official-document numbering markers (GB/T 9704 practice):
//! `一、` → `（一）` → `1.` → `（1）` → `①`.

/// Which of the customary numbering levels a marker belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MarkerKind {
    /// `一、`
    ChineseComma,
    /// `（一）` or `(一)`
    ChineseParen,
    /// `1.`, `1．` or `1、`
    ArabicDot,
    /// `（1）` or `(1)`
    ArabicParen,
    /// `①`
    Circled,
}

impl MarkerKind {
    /// 1 for `一、` down to 5 for `①`.
    pub fn level(self) -> u8 {
        match self {
            MarkerKind::ChineseComma => 1,
            MarkerKind::ChineseParen => 2,
            MarkerKind::ArabicDot => 3,
            MarkerKind::ArabicParen => 4,
            MarkerKind::Circled => 5,
        }
    }
}

/// A numbering marker at the start of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// The level it denotes.
    pub kind: MarkerKind,
    /// The number it carries (`（三）` → 3).
    pub number: u32,
    /// Length of the marker in bytes, from the start of the text given to [`parse_marker`].
    pub len: usize,
    /// Whether brackets or the dot are full-width (`（一）`, `1．`).
    pub full_width: bool,
}

/// Reads a numbering marker at the very start of `text`.
///
/// `1.55亿` is not a marker (a digit follows the dot), nor is `一是` (no `、`).
pub fn parse_marker(text: &str) -> Option<Marker> {
    let first = text.chars().next()?;
    if let Some(number) = circled_number(first) {
        return Some(Marker {
            kind: MarkerKind::Circled,
            number,
            len: first.len_utf8(),
            full_width: false,
        });
    }
    if first == '(' || first == '（' {
        let full_width = first == '（';
        let rest = &text[first.len_utf8()..];
        let (inner, inner_len) = take_while(rest, |c| c.is_ascii_digit() || is_chinese_digit(c));
        let close = rest[inner_len..].chars().next()?;
        if close != ')' && close != '）' || inner.is_empty() {
            return None;
        }
        let len = first.len_utf8() + inner_len + close.len_utf8();
        let full_width = full_width || close == '）';
        return if let Some(number) = arabic_number(inner) {
            Some(Marker {
                kind: MarkerKind::ArabicParen,
                number,
                len,
                full_width,
            })
        } else {
            chinese_number(inner).map(|number| Marker {
                kind: MarkerKind::ChineseParen,
                number,
                len,
                full_width,
            })
        };
    }
    let (digits, digits_len) = take_while(text, |c| c.is_ascii_digit());
    if !digits.is_empty() {
        let number = arabic_number(digits)?;
        let rest = &text[digits_len..];
        let sep = rest.chars().next()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        // `1.55亿`, `2.5倍`: a decimal number, not a marker.
        if rest[sep.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        return Some(Marker {
            kind: MarkerKind::ArabicDot,
            number,
            len: digits_len + sep.len_utf8(),
            full_width: sep == '．',
        });
    }
    let (numeral, numeral_len) = take_while(text, is_chinese_digit);
    if !numeral.is_empty() && text[numeral_len..].starts_with('、') {
        let number = chinese_number(numeral)?;
        return Some(Marker {
            kind: MarkerKind::ChineseComma,
            number,
            len: numeral_len + '、'.len_utf8(),
            full_width: false,
        });
    }
    None
}

fn take_while(text: &str, keep: impl Fn(char) -> bool) -> (&str, usize) {
    let len = text
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(i, _)| i);
    (&text[..len], len)
}

fn is_chinese_digit(c: char) -> bool {
    "〇零一二三四五六七八九十".contains(c)
}

fn arabic_number(digits: &str) -> Option<u32> {
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    digits.parse().ok()
}

/// Value of a Chinese numeral from 1 to 99 (`三`, `十`, `十二`, `二十`, `二十三`).
pub fn chinese_number(numeral: &str) -> Option<u32> {
    let digit = |c: char| "〇一二三四五六七八九".find(c).map(|i| (i / 3) as u32);
    let chars: Vec<char> = numeral.chars().collect();
    let value = match chars.as_slice() {
        [d] if *d != '十' => digit(*d)?,
        ['十'] => 10,
        ['十', d] => 10 + digit(*d)?,
        [t, '十'] => 10 * digit(*t)?,
        [t, '十', d] => 10 * digit(*t)? + digit(*d)?,
        _ => return None,
    };
    (value > 0).then_some(value)
}

fn circled_number(c: char) -> Option<u32> {
    match c {
        '①'..='⑳' => Some(c as u32 - '①' as u32 + 1),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_number(text: &str) -> Option<(MarkerKind, u32, usize)> {
        parse_marker(text).map(|m| (m.kind, m.number, m.len))
    }

    #[test]
    fn all_levels() {
        assert_eq!(
            kind_number("一、坚决"),
            Some((MarkerKind::ChineseComma, 1, 6))
        );
        assert_eq!(
            kind_number("十二、x"),
            Some((MarkerKind::ChineseComma, 12, 9))
        );
        assert_eq!(
            kind_number("（三）深入"),
            Some((MarkerKind::ChineseParen, 3, 9))
        );
        assert_eq!(
            kind_number("(九)严格"),
            Some((MarkerKind::ChineseParen, 9, 5))
        );
        assert_eq!(kind_number("12.严格"), Some((MarkerKind::ArabicDot, 12, 3)));
        assert_eq!(kind_number("1．严格"), Some((MarkerKind::ArabicDot, 1, 4)));
        assert_eq!(kind_number("2、严格"), Some((MarkerKind::ArabicDot, 2, 4)));
        assert_eq!(kind_number("（1）a"), Some((MarkerKind::ArabicParen, 1, 7)));
        assert_eq!(kind_number("(10)a"), Some((MarkerKind::ArabicParen, 10, 4)));
        assert_eq!(kind_number("③a"), Some((MarkerKind::Circled, 3, 3)));
    }

    #[test]
    fn full_width_is_recorded() {
        assert!(parse_marker("（一）").unwrap().full_width);
        assert!(!parse_marker("(一)").unwrap().full_width);
        assert!(parse_marker("1．").unwrap().full_width);
    }

    #[test]
    fn not_markers() {
        for text in [
            "一是及时",
            "1.55亿",
            "2023年",
            "(扩大)会",
            "（）",
            "二十世纪",
            "中心",
            "",
            "1",
            "(1",
            "十百、",
        ] {
            assert_eq!(parse_marker(text), None, "{text}");
        }
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("十"), Some(10));
        assert_eq!(chinese_number("十一"), Some(11));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("九十九"), Some(99));
        assert_eq!(chinese_number("〇"), None);
        assert_eq!(chinese_number("十十"), None);
    }
}
