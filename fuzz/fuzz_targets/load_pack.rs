//! YAML text → a pack (extending built-in packs only), or an error at a place
//! in it; a pack that loads then lints a short notice.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::{Document, Format, PackSet, Source, lint};
use noticelint_fuzz::assert_diagnostics;

/// Short enough to keep the target fast, with something for every rule kind:
/// sections, numbering, dates, quotes, a contact block.
const NOTICE: &str = "中共某某局党组关于巡察整改进展情况的通报\n\
2023年3月1日至5月10日，区委第三巡察组对某某局党组开展了巡察。2023年6月14日，巡察组反馈了巡察意见。\n\
一、整改组织落实情况\n局党组成立整改领导小组,截止目前召开会议3次。一是加强学习二是完善制度\n\
二、巡察反馈问题整改情况\n（一）关于“学习不够深入”的问题\n整改情况：已完成。2023年2月30日完成。\n\
（三）关于“制度不健全”的问题\n“整改措施：修订制度5项\n\
三、下一步工作\n巩固成效。\n联系方式：0571-8888；邮编：310000\n2023年12月20日\n";

fuzz_target!(|text: &str| {
    match PackSet::load_str("p.yaml", text) {
        Ok(packs) => {
            for (name, format) in [("d.txt", Format::Text), ("d.md", Format::Markdown)] {
                let doc = Document::parse(Source::new(name, NOTICE), format);
                assert_diagnostics(&doc, &lint(&doc, &packs));
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
