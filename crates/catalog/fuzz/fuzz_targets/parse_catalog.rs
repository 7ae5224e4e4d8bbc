//! Feeds arbitrary bytes to every input format and checks that a successful parse
//! reassembles the decoded text exactly. Errors are fine; panics are findings.

#![no_main]

use ler_catalog::{parse_catalog, ParseOptions, SourceDocument};
use libfuzzer_sys::fuzz_target;

/// Keeps each run small so the fuzzer explores layouts instead of sizes.
const MAX_FUZZ_BYTES: usize = 64 * 1024;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let name = match selector % 4 {
        0 => "input.txt",
        1 => "input.html",
        2 => "input.json",
        _ => "input.csv",
    };
    let Ok(doc) = SourceDocument::from_bytes(name, body.to_vec(), MAX_FUZZ_BYTES) else {
        return;
    };
    if let Ok(catalog) = parse_catalog(&doc, &ParseOptions::new("fuzz")) {
        assert_eq!(catalog.reassemble(), doc.text);
    }
});
