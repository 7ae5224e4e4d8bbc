//! Counts and sample fields on the three real catalogs in `seeds/catalogs`.
//!
//! How the expected counts were obtained by hand, on the uncompressed sources:
//! - SGTC courses: `grep -cE '^\s*[A-Z]{3,4} [0-9]{4}[A-Z]? [-–]'` gives 671 lines; one of
//!   them ("PHYS 1111L - Introductory Physics Lab I") continues a prerequisite list, so 670.
//! - SGTC programs: lines ending in a program code such as "(WAJ2)" that are followed by
//!   "(Replaces ...)" or "Program Description" within a few lines, checked one by one: 204.
//! - UIUC: distinct (Subject, Number) pairs of the section table, counted with Python's csv
//!   module: 1062; 4505 prerequisite rows of which 4499 distinct (course, prerequisite, group).
//! - WCU: 3527 objects in the JSON array, all with distinct codes.

mod common;

use common::*;
use ler_catalog::{AwardLevel, LinkKind};

#[test]
fn sgtc_course_count_matches_hand_count() {
    let catalog = parse_seed(SGTC, "sgtc");
    assert_eq!(catalog.courses.len(), 670);
    assert!(catalog.warnings.is_empty(), "{:?}", catalog.warnings);
}

#[test]
fn sgtc_program_count_matches_hand_count() {
    let catalog = parse_seed(SGTC, "sgtc");
    assert_eq!(catalog.programs.len(), 204);
}

#[test]
fn sgtc_course_fields_sample() {
    let catalog = parse_seed(SGTC, "sgtc");

    let weld = catalog.course("WELD 1010").expect("WELD 1010 is parsed");
    assert_eq!(weld.title, "Oxyfuel and Plasma Cutting");
    assert_eq!(weld.credits.as_ref().map(|q| q.min), Some(4.0));
    assert_eq!(weld.corequisite_codes, vec!["WELD 1000"]);
    assert_eq!(weld.articulation, vec!["(Replaces WLD 101)"]);
    assert!(weld
        .description
        .as_deref()
        .unwrap_or("")
        .starts_with("Introduces fundamental principles"));
    assert!(
        !weld.unparsed_lines.is_empty(),
        "PDF side-label debris is kept as unparsed lines"
    );

    let accounting = catalog.course("ACCT 2110").expect("ACCT 2110 is parsed");
    assert_eq!(
        accounting.prerequisite_codes,
        vec!["ACCT 1105", "ACCT 1115", "ACCT 1120"]
    );
    // Pages count form feeds, so this is PDF page 244; the printed page number is 246.
    assert_eq!(accounting.spans[0].page, Some(244));

    let wrapped = catalog
        .course("AIRC 2005")
        .expect("title split across a page break");
    assert_eq!(wrapped.credits.as_ref().map(|q| q.min), Some(4.0));
    assert_eq!(
        wrapped.title,
        "Design and Application of Light Commercial Air Conditioning"
    );

    let ligature = catalog.course("ACCT 2115").expect("ACCT 2115 is parsed");
    assert_eq!(ligature.title, "Bookkeeper Certification Review");
}

#[test]
fn sgtc_welding_diploma_fields() {
    let catalog = parse_seed(SGTC, "sgtc");
    let program = catalog.program("WAJ2").expect("welding diploma is parsed");

    assert_eq!(program.title, "WELDING AND JOINING TECHNOLOGY");
    assert_eq!(program.award_level, AwardLevel::Diploma);
    assert_eq!(program.total_credits.as_ref().map(|q| q.min), Some(54.0));
    assert_eq!(program.length_terms.as_ref().map(|q| q.min), Some(4.0));
    let weeks = program
        .length_weeks
        .as_ref()
        .expect("weeks derived from terms");
    assert!(weeks.derived);
    assert_eq!(weeks.min, 60.0);
    assert_eq!(program.required_courses.len(), 13);
    assert_eq!(
        program.required_courses[..4],
        ["ENGL 1010", "MATH 1012", "EMPL 1000", "WELD 1000"]
    );
    assert!(program.elective_courses.contains(&"WELD 1152".to_string()));
    let cost = program
        .cost_estimate
        .as_ref()
        .expect("cost derived from the fee schedule");
    assert_eq!(cost.tuition_cents, 540_000);
    assert_eq!(cost.fees_cents, 4 * 36_100);
    assert_eq!(cost.total_cents, 540_000 + 144_400);
}

#[test]
fn sgtc_welding_certificates_fields() {
    let catalog = parse_seed(SGTC, "sgtc");
    let basic = catalog
        .program("FS31")
        .expect("basic SMAW certificate is parsed");
    assert_eq!(basic.title, "BASIC SHIELDED METAL ARC WELDER");
    assert_eq!(basic.award_level, AwardLevel::TechnicalCertificateOfCredit);
    assert_eq!(basic.total_credits.as_ref().map(|q| q.min), Some(12.0));
    assert_eq!(
        basic.required_courses,
        vec!["WELD 1000", "WELD 1010", "WELD 1040"]
    );

    let law = catalog
        .program("BL11")
        .expect("law enforcement certificate is parsed");
    assert_eq!(
        law.length_weeks.as_ref().map(|q| (q.min, q.derived)),
        Some((17.0, false))
    );

    let degree = catalog
        .program("AC13")
        .expect("accounting degree is parsed");
    assert_eq!(degree.award_level, AwardLevel::Associate);
}

#[test]
fn sgtc_links_cover_requisites_and_membership() {
    let catalog = parse_seed(SGTC, "sgtc");
    let has = |kind: LinkKind, from: &str, to: &str| {
        catalog
            .links
            .iter()
            .any(|l| l.kind == kind && l.from == from && l.to == to)
    };
    assert!(has(
        LinkKind::PrerequisiteFor,
        "sgtc:course:ACCT 1100",
        "sgtc:course:ACCT 1105"
    ));
    assert!(has(
        LinkKind::CorequisiteFor,
        "sgtc:course:WELD 1000",
        "sgtc:course:WELD 1010"
    ));
    assert!(has(
        LinkKind::PartOf,
        "sgtc:course:WELD 1040",
        "sgtc:program:FS31"
    ));
}

#[test]
fn uiuc_course_count_matches_hand_count() {
    let catalog = parse_seed(UIUC_COURSES, "uiuc");
    assert_eq!(catalog.courses.len(), 1062);
    let sections: usize = catalog.courses.iter().map(|c| c.spans.len()).sum();
    assert_eq!(
        sections, 1724,
        "every section row is kept as a span of its course"
    );
}

#[test]
fn uiuc_course_fields_sample() {
    let catalog = parse_seed(UIUC_COURSES, "uiuc");
    let course = catalog.course("CS 173").expect("CS 173 is parsed");
    assert_eq!(course.title, "Discrete Structures");
    assert_eq!(
        course.credits.as_ref().map(|q| q.text.as_str()),
        Some("3 hours.")
    );
    assert_eq!(course.terms_offered, vec!["2026-su"]);
    assert_eq!(
        course.prerequisite_codes,
        vec!["CS 124", "CS 125", "ECE 220", "MATH 220", "MATH 221"]
    );
    let groups =
        ler_catalog::requisite_groups(course.prerequisites_text.as_deref().unwrap(), "CS 173");
    assert_eq!(groups.len(), 2);

    let range = catalog.course("ABE 199").expect("ABE 199 is parsed");
    let credits = range.credits.as_ref().unwrap();
    assert_eq!((credits.min, credits.max), (1.0, 5.0));
}

#[test]
fn uiuc_prerequisite_rows_become_links() {
    let catalog = parse_seed(UIUC_PREREQUISITES, "uiuc");
    assert_eq!(catalog.links.len(), 4499);
    assert_eq!(
        catalog.warnings.len(),
        6,
        "6 repeated rows are reported and kept as remainders"
    );
    let cs225: Vec<_> = catalog
        .links
        .iter()
        .filter(|l| l.to == "uiuc:course:CS 225")
        .collect();
    assert_eq!(cs225.len(), 13);
    assert!(cs225
        .iter()
        .any(|l| l.from == "uiuc:course:ECE 220" && l.group == Some(2)));
}

#[test]
fn wcu_course_count_matches_hand_count() {
    let catalog = parse_seed(WCU, "wcu");
    assert_eq!(catalog.courses.len(), 3527);
    let with_prerequisites = catalog
        .courses
        .iter()
        .filter(|c| c.prerequisites_text.is_some())
        .count();
    assert_eq!(with_prerequisites, 1243);
}

#[test]
fn wcu_course_fields_sample() {
    let catalog = parse_seed(WCU, "wcu");
    let course = catalog.course("ACC 202").expect("ACC 202 is parsed");
    assert_eq!(course.title, "Managerial Accounting");
    assert_eq!(course.credits.as_ref().map(|q| q.min), Some(3.0));
    assert_eq!(course.prerequisite_codes, vec!["ACC 201"]);
    assert_eq!(course.terms_offered, vec!["Fall", "Spring", "Summer"]);
    assert_eq!(
        course
            .attributes
            .get("distance_available")
            .map(String::as_str),
        Some("true")
    );
    assert_eq!(course.key, "wcu:course:ACC 202");
}

#[test]
fn real_catalogs_reassemble_byte_exact() {
    for (path, institution) in [
        (SGTC, "sgtc"),
        (UIUC_COURSES, "uiuc"),
        (UIUC_PREREQUISITES, "uiuc"),
        (WCU, "wcu"),
    ] {
        let doc = ler_catalog::SourceDocument::read_file(
            &seed_path(path),
            ler_catalog::MAX_DOCUMENT_BYTES,
        )
        .expect("seed file is readable");
        let catalog =
            ler_catalog::parse_catalog(&doc, &ler_catalog::ParseOptions::new(institution))
                .expect("seed file parses");
        assert!(
            catalog.reassemble() == doc.text,
            "{path} does not reassemble exactly"
        );
    }
}

#[test]
fn sgtc_certificate_length_is_one_term() {
    let catalog = parse_seed(SGTC, "sgtc");
    let pipe = catalog.program("PW11").expect("pipe welder certificate is parsed");
    let terms = pipe.length_terms.as_ref().expect("one term derived");
    let weeks = pipe.length_weeks.as_ref().expect("weeks derived from the term");
    let cost = pipe.cost_estimate.as_ref().expect("cost derived from the fee schedule");

    assert_eq!((terms.min, terms.derived), (1.0, true));
    assert_eq!((weeks.min, weeks.derived), (15.0, true));
    assert!(weeks.basis.as_deref().unwrap_or_default().contains("9 credit hours fit in one term"), "{weeks:?}");
    assert_eq!(cost.tuition_cents, 90_000);
    assert_eq!(cost.fees_cents, 36_100);
}

#[test]
fn sgtc_diploma_length_stays_stated() {
    let catalog = parse_seed(SGTC, "sgtc");
    let diploma = catalog.program("WAJ2").expect("welding diploma is parsed");

    assert_eq!(diploma.length_terms.as_ref().map(|q| (q.min, q.derived)), Some((4.0, false)));
}
