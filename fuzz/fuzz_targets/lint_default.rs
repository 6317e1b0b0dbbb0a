//! Bytes → a decoded document → every rule of the default packs, with the
//! spans of the findings checked and their fixes applied.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use noticelint::{Document, PackRef, PackSet, Source, lint};
use noticelint_fuzz::{assert_diagnostics, format_of};

static PACKS: LazyLock<PackSet> = LazyLock::new(|| {
    PackSet::load(&[PackRef::Builtin(noticelint::pack::DEFAULT_PACK.to_owned())])
        .expect("built-in packs load")
});

fuzz_target!(|data: &[u8]| {
    let Ok(source) = Source::from_bytes("d", data.to_vec()) else {
        return;
    };
    let doc = Document::parse(source, format_of(data));
    assert_diagnostics(&doc, &lint(&doc, &PACKS));
});
