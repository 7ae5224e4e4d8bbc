//! Record merging and the remainder spans that make every parse lossless.

use crate::lines::SpanMaker;
use crate::model::{Course, ParsedCatalog, Program, Remainder};

/// Adds `course`, or appends its spans to an earlier entry with the same code.
pub(crate) fn merge_course(courses: &mut Vec<Course>, course: Course, warnings: &mut Vec<String>) {
    match courses.iter_mut().find(|c| c.key == course.key) {
        Some(existing) => {
            warnings.push(format!(
                "course {} appears more than once; the later entry at byte {} is kept as an \
                 extra span of the first",
                course.code,
                course.spans.first().map_or(0, |s| s.start)
            ));
            existing.spans.extend(course.spans);
            existing.unparsed_lines.extend(course.unparsed_lines);
        }
        None => courses.push(course),
    }
}

/// Adds `program`, or appends its spans to an earlier entry with the same key.
pub(crate) fn merge_program(
    programs: &mut Vec<Program>,
    program: Program,
    warnings: &mut Vec<String>,
) {
    match programs.iter_mut().find(|p| p.key == program.key) {
        Some(existing) => {
            warnings.push(format!(
                "program {} appears more than once; the later entry at byte {} is kept as an \
                 extra span of the first",
                program.title,
                program.spans.first().map_or(0, |s| s.start)
            ));
            existing.spans.extend(program.spans);
            existing.unparsed_lines.extend(program.unparsed_lines);
        }
        None => programs.push(program),
    }
}

/// Covers every byte that no record span covers with a remainder span.
///
/// Each remainder is attached to the record that ends where it starts, or, before the
/// first record, to the record that starts where it ends.
pub(crate) fn fill_remainders(catalog: &mut ParsedCatalog, spans: &SpanMaker<'_>) {
    let mut covered: Vec<(usize, usize, String)> = Vec::new();
    for course in &catalog.courses {
        for span in &course.spans {
            covered.push((span.start, span.end, course.key.clone()));
        }
    }
    for program in &catalog.programs {
        for span in &program.spans {
            covered.push((span.start, span.end, program.key.clone()));
        }
    }
    for link in &catalog.links {
        if let Some(span) = &link.span {
            covered.push((span.start, span.end, link.key.clone()));
        }
    }
    covered.sort_by_key(|(start, end, _)| (*start, *end));

    let total = spans.text.len();
    let mut remainders = Vec::new();
    let mut position = 0;
    let mut previous_key: Option<String> = None;
    for (start, end, key) in &covered {
        if *start > position {
            let attached = previous_key.clone().or_else(|| Some(key.clone()));
            remainders.push(Remainder {
                span: spans.span(position, *start),
                attached_to: attached,
            });
        }
        position = position.max(*end);
        previous_key = Some(key.clone());
    }
    if position < total {
        remainders.push(Remainder {
            span: spans.span(position, total),
            attached_to: previous_key,
        });
    }
    catalog.remainders = remainders;
}
