//! Links between records: prerequisites, corequisites and program membership.

use std::collections::HashSet;

use crate::codes::{course_key, find_course_codes};
use crate::model::{Course, Link, LinkKind, Program};

/// Builds the natural key of a link.
pub fn link_key(kind: LinkKind, from: &str, to: &str) -> String {
    let name = match kind {
        LinkKind::PrerequisiteFor => "PREREQUISITE_FOR",
        LinkKind::CorequisiteFor => "COREQUISITE_FOR",
        LinkKind::PartOf => "PART_OF",
    };
    format!("{name}:{from}->{to}")
}

/// Splits requisite wording into alternative groups of course codes.
///
/// Clauses are separated by semicolons. A clause containing "one of" or "or" is one group
/// of alternatives. In any other clause every course is its own group, so all are required.
pub fn requisite_groups(text: &str, own_code: &str) -> Vec<Vec<String>> {
    let mut groups = Vec::new();
    for clause in text.split(';') {
        let codes: Vec<String> = find_course_codes(clause)
            .into_iter()
            .filter(|c| c != own_code)
            .collect();
        if codes.is_empty() {
            continue;
        }
        let lower = clause.to_ascii_lowercase();
        if lower.contains("one of") || lower.contains(" or ") {
            groups.push(codes);
        } else {
            groups.extend(codes.into_iter().map(|c| vec![c]));
        }
    }
    groups
}

/// Creates requisite and membership links for parsed courses and programs.
pub(crate) fn derive_links(
    institution: &str,
    courses: &[Course],
    programs: &[Program],
) -> Vec<Link> {
    let mut links = Vec::new();
    let mut seen = HashSet::new();
    for course in courses {
        for (is_prerequisite, text) in [
            (true, course.prerequisites_text.as_deref()),
            (false, course.corequisites_text.as_deref()),
        ] {
            let Some(text) = text else { continue };
            let kind = if is_prerequisite {
                LinkKind::PrerequisiteFor
            } else {
                LinkKind::CorequisiteFor
            };
            for (group, codes) in requisite_groups(text, &course.code).into_iter().enumerate() {
                for code in codes {
                    let from = course_key(institution, &code);
                    push_unique(
                        &mut links,
                        &mut seen,
                        Link {
                            key: link_key(kind, &from, &course.key),
                            kind,
                            from,
                            to: course.key.clone(),
                            group: u32::try_from(group).ok(),
                            required: true,
                            position: None,
                            concurrent_allowed: !is_prerequisite,
                            span: None,
                        },
                    );
                }
            }
        }
    }
    for program in programs {
        let listed = program
            .required_courses
            .iter()
            .map(|c| (c, true))
            .chain(program.elective_courses.iter().map(|c| (c, false)));
        for (position, (code, required)) in listed.enumerate() {
            let from = course_key(institution, code);
            push_unique(
                &mut links,
                &mut seen,
                Link {
                    key: link_key(LinkKind::PartOf, &from, &program.key),
                    kind: LinkKind::PartOf,
                    from,
                    to: program.key.clone(),
                    group: None,
                    required,
                    position: u32::try_from(position).ok(),
                    concurrent_allowed: false,
                    span: None,
                },
            );
        }
    }
    links
}

fn push_unique(links: &mut Vec<Link>, seen: &mut HashSet<String>, link: Link) {
    if seen.insert(link.key.clone()) {
        links.push(link);
    }
}
