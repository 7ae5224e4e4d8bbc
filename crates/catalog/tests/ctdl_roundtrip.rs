//! CTDL JSON-LD import and export on the Credential Engine samples in `seeds/ctdl`.

mod common;

use common::seed_path;
use ler_catalog::ctdl::{
    ctid_for_key, export_ctdl, export_record, import_ctdl, iso_duration_weeks, CtdlKind,
};
use serde_json::Value;

fn seed_ctdl_files() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(seed_path("ctdl"))
        .expect("seeds/ctdl exists")
        .map(|entry| entry.expect("directory entry is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn import_seed(file: &str) -> ler_catalog::ctdl::CtdlDocument {
    let path = seed_path(&format!("ctdl/{file}"));
    let text = std::fs::read_to_string(&path).expect("seed CTDL file is readable");
    import_ctdl(file, &text).expect("seed CTDL file imports")
}

#[test]
fn every_seed_file_round_trips() {
    let files = seed_ctdl_files();
    assert_eq!(files.len(), 17);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("seed CTDL file is readable");
        let original: Value = serde_json::from_str(&text).expect("seed file is JSON");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let document = import_ctdl(&name, &text).expect("seed CTDL file imports");
        assert!(!document.records.is_empty(), "{name} has no nodes");
        assert_eq!(
            export_ctdl(&document),
            original,
            "{name} changed in the round trip"
        );
    }
}

#[test]
fn credential_subclass_is_credential_kind() {
    let document = import_seed("ingest_Credential_1_Credential-1-graph.json");
    assert_eq!(document.records.len(), 2);
    let degree = &document.records[0];
    assert_eq!(degree.ctdl_type, "ceterms:BachelorDegree");
    assert_eq!(degree.kind, CtdlKind::Credential);
    assert_eq!(document.records[1].kind, CtdlKind::Organization);
}

#[test]
fn learning_program_summary_fields() {
    let document = import_seed("ingest_LearningProgram_1_LearningProgram-1.json");
    let program = &document.records[0];
    assert_eq!(program.kind, CtdlKind::LearningProgram);
    assert_eq!(
        program.ctid.as_deref(),
        Some("ce-23b0e606-545c-4383-8630-f97ec3b190fa")
    );
    assert_eq!(
        program.name.as_deref(),
        Some("Lifelong Learning Accelerator")
    );
    assert_eq!(program.has_part.len(), 3);
    assert_eq!(program.costs[0].price, Some(4485.0));
    assert_eq!(
        program.costs[0].cost_type.as_deref(),
        Some("costType:AggregateCost")
    );
    assert_eq!(program.durations[0].exact.as_deref(), Some("P9M"));
    assert_eq!(program.durations[0].weeks, Some(39.0));
    assert_eq!(program.conditions.len(), 1);
}

#[test]
fn exported_record_keeps_ctid_and_context() {
    let document = import_seed("ingest_LearningProgram_1_Course-1a.json");
    let course = &document.records[0];
    assert_eq!(course.kind, CtdlKind::Course);
    let exported = export_record(course).expect("course has a CTID");
    assert_eq!(exported["ceterms:ctid"], course.original["ceterms:ctid"]);
    assert_eq!(exported["@context"], course.original["@context"]);
    assert_eq!(exported, course.original);
}

#[test]
fn graph_node_export_adds_context() {
    let document = import_seed("ingest_LearningProgram_1_LearningProgram-1-graph.json");
    let node = &document.records[1];
    assert!(node.original.get("@context").is_none());
    let exported = export_record(node).expect("graph node has a CTID");
    assert_eq!(exported["@context"], ler_catalog::ctdl::CTDL_CONTEXT);
}

#[test]
fn record_without_ctid_is_rejected() {
    let document = import_ctdl(
        "x.json",
        r#"{"@type": "ceterms:Course", "ceterms:name": "X"}"#,
    )
    .expect("node imports");
    let error = export_record(&document.records[0]).unwrap_err();
    assert_eq!(error.code(), "BAD_USER_INPUT");
    assert!(error.to_string().contains("ceterms:ctid"));
}

#[test]
fn invalid_documents_are_rejected() {
    let not_json = import_ctdl("a.json", "{\"@type\": ").unwrap_err();
    assert!(not_json.to_string().contains("line 1"));
    let scalar = import_ctdl("b.json", "42").unwrap_err();
    assert!(scalar.to_string().contains("neither a JSON-LD object"));
    let bad_graph = import_ctdl("c.json", r#"{"@graph": 3}"#).unwrap_err();
    assert!(bad_graph.to_string().contains("@graph"));
}

#[test]
fn ctid_for_key_is_stable() {
    let first = ctid_for_key("sgtc:program:WAJ2");
    assert_eq!(first, ctid_for_key("sgtc:program:WAJ2"));
    assert_ne!(first, ctid_for_key("sgtc:program:FS31"));
    assert_eq!(first.len(), 39);
    assert!(first.starts_with("ce-"));
}

#[test]
fn iso_durations_convert_to_weeks() {
    assert_eq!(iso_duration_weeks("P16W"), Some(16.0));
    assert_eq!(iso_duration_weeks("P1Y"), Some(52.0));
    assert_eq!(iso_duration_weeks("P14D"), Some(2.0));
    assert_eq!(iso_duration_weeks("PT40H"), None);
    assert_eq!(iso_duration_weeks("16 weeks"), None);
}

#[test]
fn parsed_program_exports_as_learning_program() {
    let catalog = common::parse_seed(common::SGTC, "sgtc");
    let program = catalog.program("WAJ2").expect("welding diploma is parsed");
    let ctid = ctid_for_key(&program.key);
    let node = ler_catalog::ctdl::program_to_ctdl(program, &ctid);
    let text = node.to_string();
    let document = import_ctdl("export.json", &text).expect("export imports again");
    let record = &document.records[0];
    assert_eq!(record.kind, CtdlKind::LearningProgram);
    assert_eq!(record.ctid.as_deref(), Some(ctid.as_str()));
    assert_eq!(record.durations[0].weeks, Some(60.0));
    assert_eq!(record.costs[0].price, Some(6844.0));
}
