//! Malformed, truncated, empty, binary and oversized input gets a clear error, never a panic.

mod common;

use std::io::Write;

use ler_catalog::{
    parse_catalog_file, CatalogError, ParseOptions, SourceDocument, MAX_DOCUMENT_BYTES,
};

fn parse_bytes(name: &str, bytes: Vec<u8>) -> Result<ler_catalog::ParsedCatalog, CatalogError> {
    ler_catalog::parse_catalog_bytes(name, bytes, &ParseOptions::new("test"))
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip into memory");
    encoder.finish().expect("gzip finishes")
}

#[test]
fn empty_file_is_rejected() {
    let error = parse_bytes("empty.txt", Vec::new()).unwrap_err();
    assert!(matches!(error, CatalogError::Empty { .. }));
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error.to_string().contains("empty.txt is empty"));
}

#[test]
fn whitespace_only_file_is_rejected() {
    let error = parse_bytes("blank.txt", b"  \n\n\t \n".to_vec()).unwrap_err();
    assert!(matches!(error, CatalogError::Empty { .. }));
}

#[test]
fn binary_data_is_rejected() {
    let png_header = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];
    let error = parse_bytes("logo.png", png_header).unwrap_err();
    assert!(
        matches!(error, CatalogError::NotText { offset: 0, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("not UTF-8 text"));
}

#[test]
fn nul_bytes_in_utf8_are_rejected() {
    let error = parse_bytes("catalog.txt", b"ACCT 1100 - Accounting (4)\0\0".to_vec()).unwrap_err();
    assert!(
        matches!(error, CatalogError::NotText { offset: 26, .. }),
        "{error}"
    );
}

#[test]
fn truncated_gzip_is_rejected() {
    let compressed = gzip(
        "WELD 1000 - Introduction to Welding Technology (4)\n"
            .repeat(200)
            .as_bytes(),
    );
    let truncated = compressed[..compressed.len() / 2].to_vec();
    let error = parse_bytes("catalog.txt.gz", truncated).unwrap_err();
    assert!(matches!(error, CatalogError::BadGzip { .. }), "{error}");
    assert!(error.to_string().contains("catalog.txt"));
}

#[test]
fn truncated_json_reports_position() {
    let text = r#"[{"title":"Financial Accounting","code":{"prefix":"acc","number":201},"credits":3.0},{"title":"Managerial"#;
    let error = parse_bytes("courses.json", text.as_bytes().to_vec()).unwrap_err();
    assert!(
        matches!(error, CatalogError::BadJson { line: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("courses.json"));
}

#[test]
fn truncated_text_still_parses_losslessly() {
    let text = "ACCT 1100 - Financial Accounting I (4)\nPre-requisites: Program Admission\nIntroduces the basic fin";
    let catalog = parse_bytes("cut.txt", text.as_bytes().to_vec()).expect("truncated text parses");
    assert_eq!(catalog.courses.len(), 1);
    assert_eq!(catalog.reassemble(), text);
}

#[test]
fn csv_without_course_columns_is_rejected() {
    let error = parse_bytes("table.csv", b"alpha,beta,gamma\n1,2,3\n".to_vec()).unwrap_err();
    assert!(
        matches!(error, CatalogError::UnsupportedLayout { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("course code column"));
}

#[test]
fn json_scalar_is_rejected() {
    let error = parse_bytes("scalar.json", b"\"just a string\"".to_vec()).unwrap_err();
    assert!(
        matches!(error, CatalogError::UnsupportedLayout { .. }),
        "{error}"
    );
}

#[test]
fn text_without_courses_is_kept_as_remainder() {
    let text = "Welcome to the college.\nOffice hours are 8 to 5.\n";
    let catalog = parse_bytes("notes.txt", text.as_bytes().to_vec()).expect("plain prose parses");
    assert!(catalog.courses.is_empty());
    assert_eq!(catalog.remainders.len(), 1);
    assert_eq!(catalog.remainders[0].attached_to, None);
    assert_eq!(catalog.reassemble(), text);
}

#[test]
fn document_over_limit_is_rejected_in_memory() {
    let error = SourceDocument::from_bytes("big.txt", vec![b'a'; 1025], 1024).unwrap_err();
    assert!(
        matches!(error, CatalogError::TooLarge { limit: 1024, .. }),
        "{error}"
    );
    assert!(error.to_string().contains("max_document_bytes"));
}

#[test]
fn gzip_expanding_past_limit_is_rejected() {
    let compressed = gzip(&vec![b'a'; 4 * 1024 * 1024]);
    assert!(compressed.len() < 64 * 1024);
    let error = SourceDocument::from_bytes("bomb.txt.gz", compressed, 1024 * 1024).unwrap_err();
    assert!(matches!(error, CatalogError::TooLarge { .. }), "{error}");
}

#[test]
fn file_of_100_mb_is_rejected_without_reading_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("huge_catalog.txt");
    let mut file = std::fs::File::create(&path).expect("create temp file");
    let block = "ACCT 1100 - Financial Accounting I (4)\nIntroduces accounting.\n\n".repeat(1024);
    let mut written = 0usize;
    while written < 100 * 1024 * 1024 {
        file.write_all(block.as_bytes()).expect("write temp file");
        written += block.len();
    }
    drop(file);

    let error = parse_catalog_file(&path, &ParseOptions::new("test")).unwrap_err();
    assert!(
        matches!(
            error,
            CatalogError::TooLarge {
                limit: MAX_DOCUMENT_BYTES,
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().contains("huge_catalog.txt"));
}

#[test]
fn missing_file_is_an_io_error() {
    let error = parse_catalog_file(
        std::path::Path::new("/nonexistent/catalog.txt"),
        &ParseOptions::new("x"),
    )
    .unwrap_err();
    assert!(matches!(error, CatalogError::Io { .. }));
    assert_eq!(error.code(), "INTERNAL");
}

#[test]
fn odd_text_never_breaks_losslessness() {
    let samples = [
        "\u{c}\u{c}\nx\n",
        "WELD 1000 - \n(4)\n",
        "ÄÖÜ 1234 - Ümlaut (3)\n昀椀昀氀\r\nCRLF 1000 - Title (2)\r\n",
        "ACCT 1100 - A (4)\nPre-requisites: ACCT 1100,\nACCT",
        "X (AB12)\n(Replaces Y)\nAB 1234  Title  3\n10 minimum semester hour credits required\n",
        "<p>ACCT 1100. Unclosed <b>tag",
    ];
    for (i, text) in samples.iter().enumerate() {
        for name in ["s.txt", "s.html"] {
            let catalog = parse_bytes(name, text.as_bytes().to_vec())
                .unwrap_or_else(|e| panic!("sample {i} as {name} failed: {e}"));
            assert_eq!(catalog.reassemble(), *text, "sample {i} as {name}");
        }
    }
}
