//! Cypher statements of catalog ingest, loaded from `cypher/catalog/` at build time.

macro_rules! cypher {
    ($($name:ident => $path:literal),* $(,)?) => {
        $(pub const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/cypher/catalog/", $path));)*
    };
}

cypher! {
    SCHEMA => "schema.cypher",
    PREVIOUS_RECORDS => "previous_records.cypher",
    FIND_PROVIDER => "find_provider.cypher",
    CIP_TABLE => "cip_table.cypher",
    INGEST => "ingest.cypher",
    PUBLISH => "publish.cypher",
    DOCUMENT_SPANS => "document_spans.cypher",
    DOCUMENT => "document.cypher",
    COURSES_BY_KEY => "courses_by_key.cypher",
    COURSES_PAGE => "courses_page.cypher",
    PROGRAM_COURSES => "program_courses.cypher",
    COURSE_PREREQUISITES => "course_prerequisites.cypher",
    CONFIRM_ALIGNMENT => "confirm_alignment.cypher",
    PROGRAM_PROVIDER => "program_provider.cypher",
}
