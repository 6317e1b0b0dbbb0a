//! `contact_block`: the contact details for public supervision.
//!
//! ## What it does
//! Finds the contact block (the last match of `find`), reads its fields — a
//! label, `:` or `：`, and a value running to `;；。,，` or the end of the line —
//! and checks that each required field is present and its value well formed.
//!
//! ## Why is this bad?
//! The rules on publishing rectification require the notice to "同时公布接受监督的
//! 联系方式"; a notice without a working phone, address, postcode or e-mail cannot
//! be supervised and is sent back.
//!
//! ## Example
//! ```yaml
//! - id: contact-block
//!   kind: contact_block
//!   find: '联系方式'
//!   fields:
//!     - { name: phone, label: '联系电话|电话|联系方式', value: phone_cn }
//!     - { name: postcode, label: '邮政编码|邮编', value: postcode_cn }
//! ```
//! Built-in validators: `phone_cn`, `postcode_cn`, `email`, `url`; any other
//! value is a regex the whole value must match.

use std::ops::Range;

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::document::Source;
use crate::pack::{PackError, pattern, span_of};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Regex locating the block; its last match in the document wins.
    find: Spanned<String>,
    /// The fields of the block.
    fields: Spanned<Vec<FieldOptions>>,
}

/// One field of the block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOptions {
    /// Field id, e.g. `phone`.
    name: Spanned<String>,
    /// Regex for the label before the colon.
    label: Spanned<String>,
    /// `phone_cn`, `postcode_cn`, `email`, `url`, or a regex.
    value: Option<Spanned<String>>,
    /// Whether a block without this field is a finding (default true).
    #[serde(default = "yes")]
    required: bool,
    /// Name used in messages; defaults to the label's first alternative.
    title: Option<String>,
    /// A sample value for the help line, e.g. `010-12345678`.
    example: Option<String>,
}

fn yes() -> bool {
    true
}

/// The compiled rule.
#[derive(Debug)]
pub struct ContactBlock {
    find: Regex,
    fields: Vec<Field>,
    /// Any field label followed by a colon.
    labels: Regex,
}

#[derive(Debug)]
struct Field {
    title: String,
    required: bool,
    label: Regex,
    value: Option<Validator>,
    /// Sample value shown when the field is missing.
    example: String,
    /// What a valid value looks like, shown when the value is wrong.
    expected: String,
}

#[derive(Debug)]
struct Validator {
    regex: Regex,
    /// Whether a value may list several entries (`010-1、010-2`).
    list: bool,
}

const SEPARATORS: &[char] = &[';', '；', '。', ',', '，', '\n', '\r'];

impl Options {
    /// Compiles the patterns.
    pub fn compile(self, source: &Source) -> Result<ContactBlock, PackError> {
        if self.fields.value.is_empty() {
            return Err(PackError::at_value(
                source,
                &self.fields.referenced,
                "`fields` is empty",
                "no fields listed",
                None,
            ));
        }
        let find = pattern::compile(source, &self.find)?;
        let mut fields = Vec::new();
        let mut label_sources = Vec::new();
        // (group name, field) of the labels so far: the labels are joined
        // into one pattern, where a name may only be used once.
        let mut groups: Vec<(String, String)> = Vec::new();
        for field in self.fields.value {
            let label = pattern::compile(source, &field.label)?;
            for name in label.capture_names().flatten() {
                if let Some((_, other)) = groups.iter().find(|(n, _)| n == name) {
                    return Err(PackError::at_value(
                        source,
                        &field.label.referenced,
                        format!("group `{name}` is also named in the label of field `{other}`"),
                        "same group name",
                        Some(
                            "the labels are joined into one pattern, so their group names must differ"
                                .to_owned(),
                        ),
                    ));
                }
                groups.push((name.to_owned(), field.name.value.clone()));
            }
            label_sources.push(format!("(?:{})", field.label.value));
            let (value, example, expected) = match &field.value {
                None => (None, "…", String::new()),
                Some(value) => match value.value.as_str() {
                    builtin @ ("phone_cn" | "postcode_cn" | "email" | "url") => {
                        let fragment =
                            pattern::fragment(builtin).expect("built-in validators are fragments");
                        let regex =
                            Regex::new(&format!("^(?:{fragment})$")).expect("fragments compile");
                        let (example, expected) = match builtin {
                            "phone_cn" => (
                                "010-12345678",
                                "带区号的固定电话（如010-69555726）、手机号或400/800电话",
                            ),
                            "postcode_cn" => ("6位数字", "6位数字（如101100）"),
                            "email" => (
                                "name@example.gov.cn",
                                "电子邮箱地址（如name@example.gov.cn）",
                            ),
                            _ => (
                                "https://www.example.gov.cn",
                                "网址（如https://www.example.gov.cn）",
                            ),
                        };
                        (
                            Some(Validator {
                                regex,
                                list: builtin == "phone_cn",
                            }),
                            example,
                            expected.to_owned(),
                        )
                    }
                    _ => {
                        let anchored = Spanned {
                            value: format!("^(?:{})$", value.value),
                            referenced: value.referenced,
                            defined: value.defined,
                        };
                        let regex = pattern::compile(source, &anchored)?;
                        (
                            Some(Validator { regex, list: false }),
                            "…",
                            format!("符合 {} 的内容", value.value),
                        )
                    }
                },
            };
            fields.push(Field {
                title: field.title.unwrap_or_else(|| {
                    literal_first_alternative(&field.label.value).unwrap_or(field.name.value)
                }),
                required: field.required,
                label,
                value,
                example: field.example.unwrap_or_else(|| example.to_owned()),
                expected,
            });
        }
        // Labels that compile alone may still be too large together: an
        // error at `fields`.
        let labels = pattern::compile_at(
            source,
            span_of(source, &self.fields.referenced),
            &format!("(?:{})[ \t\u{3000}]*[:：]", label_sources.join("|")),
        )
        .map_err(|mut e| {
            if let PackError::Invalid(invalid) = &mut e {
                invalid.message = format!("the field labels, joined: {}", invalid.message);
            }
            e
        })?;
        Ok(ContactBlock {
            find,
            fields,
            labels,
        })
    }
}

/// `电话|联系方式` → `电话`, when the first alternative is plain text.
fn literal_first_alternative(label: &str) -> Option<String> {
    let first = label.split('|').next()?;
    (!first.is_empty() && !first.contains(|c: char| "\\()[]{}.*+?^$".contains(c)))
        .then(|| first.to_owned())
}

impl Check for ContactBlock {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let text = doc.text();
        let found = doc
            .blocks()
            .iter()
            .enumerate()
            .rev()
            .find_map(|(index, block)| {
                self.find
                    .find_iter(doc.slice(block.range.clone()))
                    .last()
                    .map(|m| {
                        (
                            index,
                            block.range.start + m.start()..block.range.start + m.end(),
                        )
                    })
            });
        let Some((block_index, anchor)) = found else {
            let at = doc.end_of_content();
            let expected = self
                .fields
                .iter()
                .filter(|f| f.required)
                .map(|f| format!("{}：{}", f.title, f.example))
                .collect::<Vec<_>>()
                .join("；");
            out.push(
                cx.diagnostic(cx.message_or("缺少接受监督的联系方式"), at..at)
                    .with_primary_label("联系方式应在文末")
                    .with_help(cx.help_or(format!("在文末写明：{expected}"))),
            );
            return;
        };
        // The block: from the match to the end of its paragraph, plus following
        // paragraphs that start with a field label.
        let mut region = anchor.start..doc.blocks()[block_index].range.end;
        for block in &doc.blocks()[block_index + 1..] {
            match self.labels.find(doc.slice(block.range.clone())) {
                Some(m) if m.start() == 0 => region.end = block.range.end,
                _ => break,
            }
        }
        let region_text = &text[region.clone()];
        // Every label in the block, in order; a value ends at a separator or the next label.
        let mut labels: Vec<Range<usize>> = self
            .labels
            .find_iter(region_text)
            .map(|m| m.range())
            .collect();
        labels.dedup_by(|b, a| b.start < a.end);
        let absolute = |r: Range<usize>| region.start + r.start..region.start + r.end;
        for field in &self.fields {
            // Each occurrence of the field's label with its value; a label with an
            // empty value (`联系方式：` heading a list) yields to a later one.
            let occurrences: Vec<(Range<usize>, Range<usize>)> = labels
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    field
                        .label
                        .find(&region_text[(*l).clone()])
                        .is_some_and(|m| m.start() == 0)
                })
                .map(|(i, label)| {
                    let next = labels.get(i + 1).map_or(region_text.len(), |l| l.start);
                    let value_end = region_text[label.end..next]
                        .find(SEPARATORS)
                        .map_or(next, |j| label.end + j);
                    (label.clone(), trim_range(region_text, label.end..value_end))
                })
                .collect();
            let Some((label, value)) = occurrences
                .iter()
                .find(|(_, v)| !v.is_empty())
                .or(occurrences.first())
                .cloned()
            else {
                if field.required {
                    out.push(
                        cx.diagnostic(format!("联系方式缺少{}", field.title), anchor.clone())
                            .with_primary_label(format!("此处未写{}", field.title))
                            .with_help(format!("补充“{}：{}”", field.title, field.example)),
                    );
                }
                continue;
            };
            if value.is_empty() {
                out.push(
                    cx.diagnostic(format!("{}为空", field.title), absolute(label))
                        .with_primary_label("此处没有内容")
                        .with_help(format!(
                            "在“{}”后填写内容，如“{}”",
                            field.title, field.example
                        )),
                );
                continue;
            }
            let Some(validator) = &field.value else {
                continue;
            };
            for part in entries(region_text, value, validator.list) {
                if !validator.regex.is_match(&region_text[part.clone()]) {
                    out.push(
                        cx.diagnostic(
                            format!("{}“{}”格式不正确", field.title, &region_text[part.clone()]),
                            absolute(part),
                        )
                        .with_primary_label("格式不正确")
                        .with_help(format!("{}应为{}", field.title, field.expected)),
                    );
                }
            }
        }
    }
}

fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim().len()
}

/// The entries of a value; a phone field may list several numbers.
fn entries(text: &str, value: Range<usize>, list: bool) -> Vec<Range<usize>> {
    if !list {
        return vec![value];
    }
    let mut parts = Vec::new();
    let mut start = value.start;
    for (i, c) in text[value.clone()].char_indices() {
        if matches!(c, '、' | '/' | '或') {
            parts.push(trim_range(text, start..value.start + i));
            start = value.start + i + c.len_utf8();
        }
    }
    parts.push(trim_range(text, start..value.end));
    parts.retain(|p| !p.is_empty());
    parts
}

#[cfg(test)]
mod tests {
    use crate::test_support::lint_with_rule;

    const RULE: &str = r"
- id: contact
  kind: contact_block
  find: '联系方式'
  fields:
    - { name: phone, label: '电话|联系方式', value: phone_cn }
    - { name: address, label: '通信地址|通讯地址|地址' }
    - { name: postcode, label: '邮编|邮政编码', value: postcode_cn }
    - { name: email, label: '电子邮箱|电子信箱|邮箱', value: email }
";

    const GOOD: &str = "欢迎监督。联系方式:010-69555726;通信地址:北京市通州区新华东街256号;邮编:101100;电子邮箱:tzgdzgk@126.com\n主办:某单位";

    #[test]
    fn complete_block_is_clean() {
        assert!(lint_with_rule(RULE, GOOD).is_empty());
    }

    #[test]
    fn fields_on_following_lines_are_read() {
        let text = "联系方式：\n电话：0554-4989215、13812345678\n通信地址：某地\n邮政编码：101100\n电子信箱：a@b.cn";
        assert!(
            lint_with_rule(RULE, text).is_empty(),
            "{:?}",
            lint_with_rule(RULE, text)
        );
    }

    #[test]
    fn invalid_value_is_reported_on_the_value() {
        let text = GOOD.replace("010-69555726", "0571-8888");
        let found = lint_with_rule(RULE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "电话“0571-8888”格式不正确");
        assert_eq!(&text[found[0].primary.clone()], "0571-8888");
    }

    #[test]
    fn missing_field_is_reported_on_the_block() {
        let text = GOOD.replace(";邮编:101100", "");
        let found = lint_with_rule(RULE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "联系方式缺少邮编");
        assert_eq!(&text[found[0].primary.clone()], "联系方式");
    }

    #[test]
    fn missing_block_is_reported_at_the_end() {
        let text = "正文。\n最后一段。\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "缺少接受监督的联系方式");
        let end = text.trim_end().len();
        assert_eq!(found[0].primary, end..end);
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap()
                .contains("邮编：6位数字；电子邮箱：name@example.gov.cn")
        );
    }

    #[test]
    fn empty_value_is_reported_on_the_label() {
        let text = GOOD.replace("tzgdzgk@126.com", "");
        let found = lint_with_rule(RULE, &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "电子邮箱为空");
        assert_eq!(&text[found[0].primary.clone()], "电子邮箱:");
    }

    /// Found by property testing: the labels were joined as written, so a
    /// fragment such as `{date}` (expanded when each label compiled alone)
    /// made the joined pattern invalid, and loading the pack panicked.
    #[test]
    fn labels_with_fragments_or_clashing_groups_do_not_panic() {
        let rule = r"
- id: contact
  kind: contact_block
  find: '联系方式'
  fields:
    - { name: date, label: '{date}' }
    - { name: phone, label: '电话', value: phone_cn }
";
        let found = lint_with_rule(rule, "联系方式：2023年5月6日：某地；电话：0571-8888");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "电话“0571-8888”格式不正确");
        let pack = r"pack: t
rules:
  - id: contact
    kind: contact_block
    find: '联系方式'
    fields:
      - { name: a, label: '(?P<x>电话)' }
      - { name: b, label: '(?P<x>地址)' }
";
        let e = crate::PackSet::load_str("t.yaml", pack)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.yaml:8:27: group `x` is also named in the label of field `a`"),
            "{e}"
        );
    }
}
