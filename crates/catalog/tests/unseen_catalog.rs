//! A catalog in a layout the parser was not tuned on: HTML with CourseLeaf-style course
//! blocks and requirement tables, for a fictional institution written as a fixture.
//!
//! Hand counts: `grep -c courseblocktitle` gives 8 courses and `grep -c 'class="program"'`
//! gives 2 programs.

mod common;

use ler_catalog::{
    parse_catalog, AwardLevel, Format, LinkKind, ParseOptions, ParsedCatalog, SourceDocument,
};

fn parse_fixture() -> (SourceDocument, ParsedCatalog) {
    let path = common::test_data("lakeshore_catalog_2025.html");
    let doc = SourceDocument::read_file(&path, ler_catalog::MAX_DOCUMENT_BYTES)
        .expect("fixture is readable");
    let catalog = parse_catalog(&doc, &ParseOptions::new("lti")).expect("fixture parses");
    (doc, catalog)
}

#[test]
fn html_fixture_counts_match_hand_count() {
    let (doc, catalog) = parse_fixture();
    assert_eq!(doc.format, Format::Html);
    assert_eq!(catalog.courses.len(), 8);
    assert_eq!(catalog.programs.len(), 2);
}

#[test]
fn html_fixture_reassembles_byte_exact() {
    let (doc, catalog) = parse_fixture();
    assert!(catalog.reassemble() == doc.text);
    assert!(catalog.remainders.iter().all(|r| r.attached_to.is_some()));
}

#[test]
fn html_course_fields() {
    let (_, catalog) = parse_fixture();
    let course = catalog.course("WLD 101").expect("WLD 101 is parsed");
    assert_eq!(course.title, "Welding Safety and Fundamentals");
    assert_eq!(course.credits.as_ref().map(|q| q.min), Some(3.0));
    assert_eq!(course.terms_offered, vec!["Fall", "Spring", "Summer"]);
    assert_eq!(course.clock_hours.as_ref().map(|q| q.min), Some(90.0));
    assert_eq!(course.instructor.as_deref(), Some("R. Okafor"));
    assert_eq!(course.codes[0].code, "48.0508");
    assert!(!course.codes[0].inferred);
    assert_eq!(course.tuition_and_fees[0].amount_cents, 8_500);
    assert_eq!(course.prerequisite_codes, Vec::<String>::new());
    assert!(course.spans[0]
        .text
        .contains("<p class=\"courseblocktitle\">"));
    assert_eq!(course.spans[0].page, None);
}

#[test]
fn html_course_requisites_and_notes() {
    let (_, catalog) = parse_fixture();
    let smaw = catalog.course("WLD 110").expect("WLD 110 is parsed");
    assert_eq!(smaw.prerequisite_codes, vec!["WLD 101", "WLD 105"]);
    assert_eq!(
        smaw.articulation,
        vec!["Transfers as: WELD 1040 at state technical colleges."]
    );
    assert_eq!(
        smaw.aid_notes,
        vec!["Eligible for Pell Grant and WIOA training funds."]
    );

    let pipe = catalog.course("WLD 210").expect("WLD 210 is parsed");
    let alternatives = catalog
        .links
        .iter()
        .filter(|l| l.kind == LinkKind::PrerequisiteFor && l.to == pipe.key)
        .map(|l| l.group)
        .collect::<Vec<_>>();
    assert_eq!(
        alternatives,
        vec![Some(0), Some(0)],
        "one of two courses satisfies the group"
    );

    let range = catalog.course("WLD 215").expect("WLD 215 is parsed");
    let credits = range.credits.as_ref().unwrap();
    assert_eq!((credits.min, credits.max), (1.0, 2.0));

    let nursing = catalog.course("PNR 101").expect("PNR 101 is parsed");
    assert_eq!(nursing.corequisite_codes, vec!["PNR 102"]);
    assert_eq!(nursing.tuition_and_fees.len(), 2);
    assert_eq!(nursing.total_cost_cents, Some(25_850));
}

#[test]
fn html_certificate_program_fields() {
    let (_, catalog) = parse_fixture();
    let program = catalog
        .program("WLD-C")
        .expect("welding certificate is parsed");
    assert_eq!(program.title, "Welding Technology Certificate");
    assert_eq!(program.award_level, AwardLevel::Certificate);
    assert_eq!(program.total_credits.as_ref().map(|q| q.min), Some(26.0));
    assert_eq!(program.length_terms.as_ref().map(|q| q.min), Some(2.0));
    let weeks = program.length_weeks.as_ref().expect("weeks are stated");
    assert_eq!((weeks.min, weeks.derived), (32.0, false));
    assert_eq!(program.clock_hours.as_ref().map(|q| q.min), Some(960.0));
    assert_eq!(
        program.required_courses,
        vec!["WLD 101", "WLD 105", "WLD 110", "WLD 120", "WLD 130", "MTH 104"]
    );
    assert_eq!(program.elective_courses, vec!["WLD 210", "WLD 215"]);
    assert_eq!(program.tuition_and_fees.len(), 3);
    assert_eq!(program.total_cost_cents, Some(338_000 + 9_000 + 115_000));
    assert_eq!(
        program.cost_estimate, None,
        "stated costs are not replaced by an estimate"
    );
}

#[test]
fn html_diploma_program_gets_estimate() {
    let (_, catalog) = parse_fixture();
    let program = catalog.program("PN-D").expect("nursing diploma is parsed");
    assert_eq!(program.award_level, AwardLevel::Diploma);
    assert_eq!(
        program.required_courses,
        vec!["BIO 150", "PNR 101", "PNR 102"]
    );
    let estimate = program
        .cost_estimate
        .as_ref()
        .expect("estimate from the fee schedule");
    assert_eq!(estimate.tuition_cents, 18 * 13_000);
    assert_eq!(estimate.fees_cents, 3 * 4_500);
    assert!(estimate.basis.contains("$130.00 per credit hour"));
}
