//! CIP inference against the CIP 2020 code list in `tests/data`.

mod common;

use std::io::Read;

use ler_catalog::cip::{infer_cip, read_cip_csv, CipEntry, CipIndex};

fn cip_table() -> Vec<CipEntry> {
    let mut bytes = Vec::new();
    std::fs::File::open(common::test_data("cip2020_codes.csv.gz"))
        .expect("CIP table exists")
        .read_to_end(&mut bytes)
        .expect("CIP table is readable");
    let doc = ler_catalog::SourceDocument::from_bytes(
        "cip2020_codes.csv.gz",
        bytes,
        ler_catalog::MAX_DOCUMENT_BYTES,
    )
    .expect("CIP table decompresses");
    read_cip_csv(&doc.text).expect("CIP table parses")
}

#[test]
fn cip_table_has_six_digit_codes() {
    let table = cip_table();
    assert_eq!(table.len(), 2173);
    assert!(table.iter().all(|e| e.code.len() == 7));
}

#[test]
fn welding_titles_infer_welding_code() {
    let index = CipIndex::new(&cip_table());
    for title in [
        "WELDING AND JOINING TECHNOLOGY",
        "BASIC SHIELDED METAL ARC WELDER",
    ] {
        let found = index
            .infer(title, "", None)
            .expect("a welding code is found");
        assert_eq!(found.code, "48.0508", "{title}");
        assert!(found.inferred);
        assert!(found.evidence.contains(&"weld".to_string()));
        assert!(found.confidence >= 0.5, "{title}: {}", found.confidence);
        assert!(found.confidence <= 1.0, "{title}: {}", found.confidence);
    }
}

#[test]
fn common_program_titles_infer_expected_codes() {
    let index = CipIndex::new(&cip_table());
    let cases = [
        ("ACCOUNTING", "52.0301"),
        ("COMMERCIAL TRUCK DRIVING", "49.0205"),
        ("Cosmetology", "12.0401"),
    ];
    for (title, code) in cases {
        let found = index.infer(title, "", None).map(|m| m.code);
        assert_eq!(found.as_deref(), Some(code), "{title}");
    }
    let nursing = index
        .infer("PRACTICAL NURSING", "", None)
        .expect("a nursing code is found");
    assert!(nursing.code.starts_with("51.39"), "{}", nursing.code);
}

#[test]
fn description_words_support_inference() {
    let index = CipIndex::new(&cip_table());
    let description = "Prepares students for welding careers in oxyfuel cutting and arc welding.";
    let found = index
        .infer("Metal Joining I", description, None)
        .expect("description helps");
    assert_eq!(found.code, "48.0508");
}

#[test]
fn stated_code_wins_with_full_confidence() {
    let table = cip_table();
    let found = infer_cip("Welding", "", Some("48.0511"), &table).expect("stated code is returned");
    assert_eq!(found.code, "48.0511");
    assert_eq!(found.confidence, 1.0);
    assert_eq!(found.evidence, vec!["stated"]);
    assert!(!found.inferred);
    assert_eq!(found.title, "Metal Fabricator.");
}

#[test]
fn unrelated_title_returns_none() {
    let index = CipIndex::new(&cip_table());
    assert_eq!(index.infer("Quantum Cheese Logistics", "", None), None);
    assert_eq!(index.infer("", "", None), None);
}

#[test]
fn match_converts_to_classification() {
    let index = CipIndex::new(&cip_table());
    let found = index
        .infer("Gas Tungsten Arc Welder", "", None)
        .expect("code is found");
    let code = found.to_classification();
    assert_eq!(code.scheme, "CIP-2020");
    assert!(code.inferred);
    assert_eq!(code.code, found.code);
}

#[test]
fn cip_csv_without_code_column_is_rejected() {
    let error = read_cip_csv("name,definition\nx,y\n").unwrap_err();
    assert!(error.to_string().contains("code and title"));
}
