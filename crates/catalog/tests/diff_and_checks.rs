//! Re-ingest differences by natural key, and the checks every extractor must pass.

use ler_catalog::diff::diff;
use ler_catalog::{
    check_extraction, parse_catalog, CatalogError, Extractor, ParseOptions, ParsedCatalog,
    RuleBasedExtractor, SourceDocument, MAX_DOCUMENT_BYTES,
};

const CATALOG_V1: &str = "\
ACCT 1100 - Financial Accounting I (4)
Pre-requisites: None
Introduces the accounting cycle.

ACCT 1105 - Financial Accounting II (4)
Pre-requisites: ACCT 1100
Introduces partnerships and corporations.

ACCT 2000 - Managerial Accounting (3)
Pre-requisites: ACCT 1105
Interpretation of data by management.
";

const CATALOG_V2: &str = "\
Front matter added in the new edition.

ACCT 1100 - Financial Accounting I (4)
Pre-requisites: None
Introduces the accounting cycle.

ACCT 1105 - Financial Accounting II (3)
Pre-requisites: ACCT 1100
Introduces partnerships and corporations.

ACCT 2100 - Accounting Internship I (4)
Pre-requisites: ACCT 1105
Applies accounting in a job setting.
";

fn parse(text: &str) -> ParsedCatalog {
    let doc = SourceDocument::from_text("catalog.txt", text.to_string(), MAX_DOCUMENT_BYTES)
        .expect("document is valid");
    parse_catalog(&doc, &ParseOptions::new("acme")).expect("document parses")
}

#[test]
fn identical_parses_have_empty_diff() {
    let result = diff(&parse(CATALOG_V1), &parse(CATALOG_V1));
    assert!(result.is_empty(), "{result:?}");
}

#[test]
fn diff_reports_added_removed_changed() {
    let result = diff(&parse(CATALOG_V1), &parse(CATALOG_V2));
    assert!(result.added.contains(&"acme:course:ACCT 2100".to_string()));
    assert!(result
        .removed
        .contains(&"acme:course:ACCT 2000".to_string()));
    assert!(result
        .removed
        .contains(&"PREREQUISITE_FOR:acme:course:ACCT 1105->acme:course:ACCT 2000".to_string()));
    assert_eq!(result.changed.len(), 1);
    assert_eq!(result.changed[0].key, "acme:course:ACCT 1105");
    assert_eq!(result.changed[0].fields, vec!["credits"]);
}

#[test]
fn moved_record_is_not_changed() {
    let old = parse(CATALOG_V1);
    let new = parse(CATALOG_V2);
    let before = old.course("ACCT 1100").unwrap();
    let after = new.course("ACCT 1100").unwrap();
    assert_ne!(before.spans[0].start, after.spans[0].start);
    let result = diff(&old, &new);
    assert!(!result
        .changed
        .iter()
        .any(|c| c.key == "acme:course:ACCT 1100"));
}

#[test]
fn leading_remainder_attaches_to_next_record() {
    let catalog = parse(CATALOG_V2);
    let first = &catalog.remainders[0];
    assert_eq!(first.span.start, 0);
    assert_eq!(
        first.span.text,
        "Front matter added in the new edition.\n\n"
    );
    assert_eq!(first.attached_to.as_deref(), Some("acme:course:ACCT 1100"));
}

#[test]
fn repeated_course_becomes_extra_span() {
    let text = format!("{CATALOG_V1}\nACCT 1100 - Financial Accounting I (4)\nRepeated entry.\n");
    let catalog = parse(&text);
    let course = catalog.course("ACCT 1100").unwrap();
    assert_eq!(course.spans.len(), 2);
    assert_eq!(catalog.warnings.len(), 1);
    assert!(catalog.warnings[0].contains("ACCT 1100 appears more than once"));
    assert_eq!(catalog.reassemble(), text);
}

#[test]
fn check_rejects_gap_in_spans() {
    let doc = SourceDocument::from_text("catalog.txt", CATALOG_V1.to_string(), MAX_DOCUMENT_BYTES)
        .unwrap();
    let mut catalog = RuleBasedExtractor
        .extract(&doc, &ParseOptions::new("acme"))
        .unwrap();
    catalog.remainders.clear();
    catalog.courses.remove(1);
    let error = check_extraction(&doc, &catalog).unwrap_err();
    assert!(matches!(error, CatalogError::InvalidExtraction { .. }));
    assert!(error.to_string().contains("gap or overlap"));
}

#[test]
fn check_rejects_altered_span_text() {
    let doc = SourceDocument::from_text("catalog.txt", CATALOG_V1.to_string(), MAX_DOCUMENT_BYTES)
        .unwrap();
    let mut catalog = RuleBasedExtractor
        .extract(&doc, &ParseOptions::new("acme"))
        .unwrap();
    catalog.courses[0].spans[0].text = catalog.courses[0].spans[0]
        .text
        .replace("Financial", "Fiscal!!!");
    let error = check_extraction(&doc, &catalog).unwrap_err();
    assert!(error.to_string().contains("text differs"), "{error}");
}

#[test]
fn check_rejects_duplicate_keys() {
    let doc = SourceDocument::from_text("catalog.txt", CATALOG_V1.to_string(), MAX_DOCUMENT_BYTES)
        .unwrap();
    let mut catalog = RuleBasedExtractor
        .extract(&doc, &ParseOptions::new("acme"))
        .unwrap();
    catalog.courses[1].key = catalog.courses[0].key.clone();
    let error = check_extraction(&doc, &catalog).unwrap_err();
    assert!(
        error.to_string().contains("more than one record"),
        "{error}"
    );
}

#[test]
fn options_limit_applies_to_built_documents() {
    let doc = SourceDocument::from_text("catalog.txt", CATALOG_V1.to_string(), MAX_DOCUMENT_BYTES)
        .unwrap();
    let mut opts = ParseOptions::new("acme");
    opts.max_document_bytes = 100;
    let error = parse_catalog(&doc, &opts).unwrap_err();
    assert!(matches!(error, CatalogError::TooLarge { limit: 100, .. }));
}
