//! YAML text → a feedback list, or an error at a place in it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::feedback::FeedbackList;

fuzz_target!(|text: &str| {
    match FeedbackList::parse("f.yaml", text) {
        Ok(list) => assert!(!list.items.is_empty()),
        // Rendering the error computes its line and column and its excerpt.
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
