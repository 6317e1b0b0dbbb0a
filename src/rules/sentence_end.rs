//! `sentence_end`: a body paragraph ends with a sentence-ending mark.
//!
//! ## What it does
//! Reports a body paragraph whose last character is not `。！？…`, nor a
//! closing quote or bracket (`”’）》」】`) right after one of those (`。”`,
//! `。）`). A paragraph may also end with `：` (it introduces what follows) or
//! `；` (an item of a list); a Markdown list item may end with `，`. ASCII
//! `? ! : ;` count as their full-width forms: their width is the concern of
//! `punctuation_width`.
//!
//! Not body text, so not checked: Markdown headings; blocks that are a numbered
//! heading as a whole (`（一）持续加强政治建设`) or a problem heading
//! (`问题1：…`, `关于“…”的问题`); blocks without any of the Chinese
//! punctuation `，、；。` (the title, the signature `中共某某县教育局党组`, the
//! date `2024年12月20日`, `label：value` lines such as `来源：区纪委` or
//! `附件：整改台账`); blocks matching `exempt`; code.
//!
//! The finding points at the paragraph's last visible character. There is no
//! fix: whether `。`, `！` or a closing quote is missing, or the paragraph was
//! cut short, only the author knows.
//!
//! ## Why is this bad?
//! A paragraph that stops without `。` reads as unfinished; in a notice it is
//! usually a sentence cut off while editing (`…等方面进行讲解`).
//!
//! ## Example
//! ```yaml
//! - id: sentence-end
//!   kind: sentence_end
//!   exempt: '联系方式|电子邮箱'   # the contact line may end with an address
//! ```

use regex::Regex;
use serde::Deserialize;
use serde_saphyr::Spanned;

use super::{Check, CheckContext, Findings};
use crate::document::{BlockKind, Format, Source};
use crate::pack::{PackError, pattern};
use crate::scope::{Reference, Scope, ScopeOptions};

/// YAML options.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Blocks matching this regex are not checked.
    exempt: Option<Spanned<String>>,
    /// Where to look (default: the whole document).
    scope: Option<Spanned<ScopeOptions>>,
}

/// The compiled rule.
#[derive(Debug)]
pub struct SentenceEnd {
    exempt: Option<Regex>,
    scope: Scope,
    references: Vec<Reference>,
}

impl Options {
    /// Compiles `exempt` and the scope.
    pub fn compile(self, source: &Source) -> Result<SentenceEnd, PackError> {
        let mut references = Vec::new();
        let scope = Scope::compile(self.scope, source, &mut references)?;
        let exempt = self
            .exempt
            .map(|exempt| pattern::compile(source, &exempt))
            .transpose()?;
        Ok(SentenceEnd {
            exempt,
            scope,
            references,
        })
    }
}

/// Punctuation that only sentences have; a block without any is a title, a
/// signature, a date or a `label：value` line (`来源：…`, `附件：…`).
const SENTENCE_PUNCTUATION: &[char] = &['，', '、', '；', '。'];

/// Marks a paragraph may end with.
const ENDINGS: &[char] = &['。', '！', '？', '…', '!', '?', '：', ':', '；', ';'];

/// Closing quotes and brackets that may follow the ending mark.
const CLOSERS: &[char] = &['”', '’', '）', '》', '」', '』', '】', '〕', ')', '"', '\''];

/// Emphasis markup that may close a Markdown paragraph (`**已完成。**`).
const MARKDOWN_EMPHASIS: &[char] = &['*', '_', '~'];

impl Check for SentenceEnd {
    fn check(&self, cx: &CheckContext<'_>, out: &mut Findings) {
        let doc = cx.doc;
        let text = doc.text();
        let blocks = doc.blocks();
        let markdown = doc.format() == Format::Markdown;
        let ranges = self.scope.ranges(doc, cx.outline);
        let mut headings = vec![false; blocks.len()];
        for section in doc.sections() {
            if section.heading == blocks[section.block].range {
                headings[section.block] = true;
            }
        }
        for problem in cx.problems.find(&ranges).iter() {
            if let Some(index) = doc.block_at(problem.heading.start)
                && blocks[index].range == problem.heading
            {
                headings[index] = true;
            }
        }
        for (index, block) in blocks.iter().enumerate() {
            if headings[index]
                || matches!(block.kind, BlockKind::Heading(_))
                || !Scope::contains(&ranges, &block.range)
            {
                continue;
            }
            let content = &text[block.range.clone()];
            if !content.contains(SENTENCE_PUNCTUATION)
                || self.exempt.as_ref().is_some_and(|e| e.is_match(content))
            {
                continue;
            }
            let mut tail = content.char_indices().rev().filter(|&(_, c)| {
                !(c.is_whitespace() || markdown && MARKDOWN_EMPHASIS.contains(&c))
            });
            let Some((last_at, last)) = tail.next() else {
                continue;
            };
            let ending = std::iter::once((last_at, last))
                .chain(tail)
                .map(|(_, c)| c)
                .find(|c| !CLOSERS.contains(c));
            let list_item = block.kind == BlockKind::ListItem;
            let ends_well = ending
                .is_some_and(|c| ENDINGS.contains(&c) || (list_item && matches!(c, '，' | ',')));
            if ends_well {
                continue;
            }
            let at = block.range.start + last_at;
            out.push(
                cx.diagnostic(cx.message_or("段落末尾缺少句号"), at..at + last.len_utf8())
                    .with_primary_label("此处应以“。”结束")
                    .with_help(cx.help_or("在段落末尾加上“。”，或补全未写完的句子")),
            );
        }
    }

    fn references(&self) -> &[Reference] {
        &self.references
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;
    use crate::test_support::lint_with_rule;
    use crate::{Document, Format, PackSet, Source, lint};

    const RULE: &str = "\n- id: end\n  kind: sentence_end\n";
    const EXEMPT_CONTACT: &str =
        "\n- id: end\n  kind: sentence_end\n  exempt: '联系方式|电子邮箱'\n";

    fn ends<'a>(text: &'a str, found: &[Diagnostic]) -> Vec<&'a str> {
        found.iter().map(|d| &text[d.primary.clone()]).collect()
    }

    #[test]
    fn paragraph_without_full_stop_is_reported_at_its_last_character() {
        let text =
            "一、组织\n局党组召开巡察整改专题民主生活会，班子成员逐一认领整改任务\n下一段。\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(ends(text, &found), ["务"]);
        assert_eq!(found[0].message, "段落末尾缺少句号");
        assert_eq!(found[0].primary_label.as_deref(), Some("此处应以“。”结束"));
        assert!(found[0].fix.is_none());
    }

    #[test]
    fn accepted_endings() {
        let text = "甲，乙。\n甲，乙！\n甲，乙？\n甲，乙……\n他说，“已完成。”\n甲，乙（已完成。）\n整改情况如下：\n一是甲，乙；\n甲，乙;\n甲，乙:\n甲，乙。 \u{3000}\n";
        assert!(
            lint_with_rule(RULE, text).is_empty(),
            "{:?}",
            lint_with_rule(RULE, text)
        );
    }

    #[test]
    fn wrong_endings_are_reported() {
        let text = "甲，乙，\n甲，乙、\n他说，“已完成”\n甲，乙（试行）\n甲，乙. \n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(ends(text, &found), ["，", "、", "”", "）", "."]);
    }

    #[test]
    fn headings_titles_signatures_and_dates_are_not_body() {
        let text = "中共某某县教育局党组关于县委第二轮巡察整改进展情况的通报\n一、加强组织领导，压紧压实整改责任\n（一）关于“落实责任不够有力，监督检查偏弱”的问题\n问题1：落实全面从严治党主体责任不够有力，对基层学校监督检查偏弱\n整改情况：已完成。\n中共某某县教育局党组\n2024年12月20日\n来源：区纪委区监委\n附件：1.整改台账\n";
        assert!(
            lint_with_rule(RULE, text).is_empty(),
            "{:?}",
            lint_with_rule(RULE, text)
        );
    }

    #[test]
    fn numbered_paragraph_with_body_is_checked() {
        let text = "1.严格落实制度。一是及时传达，二是严格执行\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(ends(text, &found), ["行"]);
    }

    #[test]
    fn exempt_blocks_are_skipped() {
        let text = "欢迎监督。联系方式：010-69555726；电子邮箱：a@b.cn\n";
        assert_eq!(ends(text, &lint_with_rule(RULE, text)), ["n"]);
        assert!(lint_with_rule(EXEMPT_CONTACT, text).is_empty());
    }

    #[test]
    fn markdown_headings_list_items_emphasis_and_code() {
        let text = "---\nnote: 草稿，未完\n---\n## 一、总体，部署\n\n- 第一项，甲，\n- 第二项，乙；\n\n正文，**已完成。**\n\n```\n代码，注释\n```\n\n正文，未完\n";
        let packs = PackSet::load_str("test.yaml", &format!("pack: test\nrules:{RULE}"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let found = lint(
            &Document::parse(Source::new("t.md", text), Format::Markdown),
            &packs,
        );
        assert_eq!(ends(text, &found), ["完"]);
        assert_eq!(found[0].primary.start, text.rfind("完").unwrap());
    }

    #[test]
    fn scope_limits_the_paragraphs() {
        let rule = "\n- id: end\n  kind: sentence_end\n  scope: { heading: '^二、' }\n";
        let text = "一、甲\n甲，未完\n二、乙\n乙，未完\n";
        let found = lint_with_rule(rule, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary.start, text.rfind("完").unwrap());
    }

    #[test]
    fn spans_are_exact_with_astral_characters_and_crlf() {
        let text = "甲，𠮷\r\n乙，丙。\r\n";
        let found = lint_with_rule(RULE, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].primary, "甲，".len().."甲，𠮷".len());
        assert!(lint_with_rule(RULE, "").is_empty());
    }

    /// Lines 73–77 of the seed notice, at their line numbers.
    fn seed_excerpt() -> String {
        "\n".repeat(72)
            + "2.严格标准,规范党内政治生活。一是严格执行组织生活制度。中心各党支部书记组织党员开展集中学习,内容涵盖党内法规、组织生活会和民主评议党员工作等。通过开展谈话,了解其思想动态和困难。二是加强谈心谈话。谈心谈话的内容既做到有思想交流,又做到有工作沟通,既做到查找问题提出改进意见,又做到体现组织关怀,切实达到教育效果三是创新党支部书记讲党课形式,结合分管工作和支部党员群众关心的问题开展主题研讨,充分发挥党支部和党员在融媒体改革发展中的重要作用。\n\n3.精准指导基层党建工作,筑牢基层战斗堡垒。一是发挥中心党组成员党总支委员各支部委员在党支部建设中的重要作用,不断提升基层党建工作质量和水平。确定“党建引领,共建发展,助力基层治理”的党建模式,以打造通州区融媒体中心基层党建“亮点工程”项目为抓手,指导各党支部分别与相关委办局、街道(乡镇)等单位的党组织广泛开展形式多样的共建活动,在发挥融媒体专业和资源优势服务基层治理的同时,学习各单位党建工作先进经验。二是搭建学习平台,借助“党支部云课堂”有针对性地开展各党建工作系列培训和锻炼对新任党支部委员进行集中培训,从观念转变、党的基本知识、党的优良传统作风、党务工作者的理论专业素质等方面进行讲解\n\n(八)抓好选人用人工作,树立鲜明用人导向\n"
    }

    #[test]
    fn seed_paragraph_cut_short_is_found_at_its_line_and_column() {
        let text = seed_excerpt();
        let found = lint_with_rule(RULE, &text);
        assert_eq!(ends(&text, &found), ["解"]);
        let doc = Document::parse(Source::new("seed.txt", text.as_str()), Format::Text);
        let position = doc.source().position(found[0].primary.start);
        assert_eq!((position.line, position.column), (75, 297));
    }

    #[test]
    fn examples() {
        let draft = include_str!("../../examples/drafts/draft-with-problems.txt");
        let found = lint_with_rule(EXEMPT_CONTACT, draft);
        assert_eq!(ends(draft, &found), ["务"]);
        let doc = Document::parse(Source::new("draft.txt", draft), Format::Text);
        assert_eq!(doc.source().position(found[0].primary.start).line, 9);
        let clean = include_str!("../../examples/clean/notice.txt");
        assert!(lint_with_rule(EXEMPT_CONTACT, clean).is_empty());
        let issues = include_str!("../../examples/drafts/issues-style.md");
        let packs = PackSet::load_str("test.yaml", &format!("pack: test\nrules:{EXEMPT_CONTACT}"))
            .unwrap_or_else(|e| panic!("{e:?}"));
        let doc = Document::parse(Source::new("issues.md", issues), Format::Markdown);
        assert!(lint(&doc, &packs).is_empty());
    }
}
