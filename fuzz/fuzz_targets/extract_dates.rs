//! UTF-8 text → every date expression, with its span in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::dates;
use noticelint_fuzz::assert_span;

fuzz_target!(|text: &str| {
    for date in dates::extract(text) {
        assert_span(text, &date.span, "date");
    }
});
