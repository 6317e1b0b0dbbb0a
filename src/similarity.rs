//! How alike two Chinese phrases are: the Dice coefficient over character
//! bigrams of their normalised forms.
//!
//! Authors quote feedback items in headings, but rarely verbatim: a clause is
//! dropped, a comma becomes a space, `的` is added. Character bigrams tolerate
//! that (Chinese has no spaces to split words on), and the Dice coefficient
//! (`2·|A∩B| / (|A|+|B|)`, over multisets) is 1 for identical texts and falls
//! smoothly as they diverge.

/// Letters, digits and Han characters of `text`, full-width ASCII folded to
/// half-width and Latin letters lowercased; punctuation and white space dropped.
pub fn normalize(text: &str) -> Vec<char> {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Dice coefficient of the character bigrams of `a` and `b` after
/// [`normalize`], from 0 (nothing shared) to 1 (same text). Texts of a single
/// character compare by equality.
pub fn similarity(a: &str, b: &str) -> f64 {
    similarity_of(&normalize(a), &normalize(b))
}

/// [`similarity`] of texts already normalised.
pub fn similarity_of(a: &[char], b: &[char]) -> f64 {
    if a == b {
        return if a.is_empty() { 0.0 } else { 1.0 };
    }
    if a.len() < 2 || b.len() < 2 {
        return 0.0;
    }
    let mut left: Vec<(char, char)> = a.windows(2).map(|w| (w[0], w[1])).collect();
    let mut right: Vec<(char, char)> = b.windows(2).map(|w| (w[0], w[1])).collect();
    left.sort_unstable();
    right.sort_unstable();
    // Multiset intersection of two sorted lists.
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < left.len() && j < right.len() {
        match left[i].cmp(&right[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (left.len() + right.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_after_normalisation() {
        assert_eq!(
            similarity("重点项目推进缓慢，办法不多", "重点项目推进缓慢 办法不多。"),
            1.0
        );
        assert_eq!(similarity("ＡＢＣ１２", "abc12"), 1.0);
    }

    #[test]
    fn partial_quote_scores_between() {
        let full = "推动文旅融合发展办法不多，重点项目推进缓慢";
        let part = "文旅融合发展办法不多";
        let score = similarity(full, part);
        assert!((0.6..0.8).contains(&score), "{score}");
        assert!(similarity(full, "财务和资产管理不够规范") < 0.1);
    }

    #[test]
    fn repeated_bigrams_count_once_each_side() {
        // "哈哈哈" has bigrams {哈哈, 哈哈}; "哈哈" has {哈哈}: 2·1/3.
        assert!((similarity("哈哈哈", "哈哈") - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn empty_and_single_characters() {
        assert_eq!(similarity("", ""), 0.0);
        assert_eq!(similarity("，。", "abc"), 0.0);
        assert_eq!(similarity("甲", "甲"), 1.0);
        assert_eq!(similarity("甲", "乙"), 0.0);
    }
}
