//! Rule-based parsing of catalog text and HTML into course and program records.

use crate::fees::{derive_program_values, read_facts};
use crate::lines::{furniture_flags, split_html, split_text, Line, SpanMaker};
use crate::model::{AwardLevel, Course, ParsedCatalog, Program};
use crate::source::{Format, SourceDocument};
use crate::text_courses::{self, CourseHeader};
use crate::text_programs::{self, ProgramHeader};
use crate::{assemble, links};

/// Lines whose text repeats this often are running page headers or footers.
const RUNNING_HEADER_REPEATS: usize = 8;

enum BlockKind {
    Course(CourseHeader),
    Program(ProgramHeader, Option<AwardLevel>),
}

struct Block {
    kind: BlockKind,
    start: usize,
    end: usize,
}

/// Parses text or HTML (chosen by `doc.format`) into a catalog.
pub(crate) fn parse(doc: &SourceDocument, institution: &str) -> ParsedCatalog {
    let html = doc.format == Format::Html;
    let lines = if html {
        split_html(&doc.text)
    } else {
        split_text(&doc.text)
    };
    let furniture = furniture_flags(&lines, RUNNING_HEADER_REPEATS);
    let blocks = find_blocks(&lines, &furniture);
    let spans = SpanMaker::new(&doc.name, &doc.text, !html);

    let mut courses: Vec<Course> = Vec::new();
    let mut programs: Vec<Program> = Vec::new();
    let mut warnings = Vec::new();
    for block in &blocks {
        let span = spans.span(lines[block.start].start, lines[block.end - 1].end);
        match &block.kind {
            BlockKind::Course(header) => {
                let mut course = text_courses::course_from_header(institution, header);
                let body = header.last_line + 1..block.end;
                let unparsed = text_courses::read_fields(&mut course, &lines, &furniture, body);
                course.unparsed_lines = line_spans(&spans, &lines, &unparsed);
                course.spans.push(span);
                assemble::merge_course(&mut courses, course, &mut warnings);
            }
            BlockKind::Program(header, section) => {
                let body = block.start..block.end;
                let (mut program, unparsed) = text_programs::read_program(
                    institution,
                    header,
                    *section,
                    &lines,
                    &furniture,
                    body,
                );
                program.unparsed_lines = line_spans(&spans, &lines, &unparsed);
                program.spans.push(span);
                assemble::merge_program(&mut programs, program, &mut warnings);
            }
        }
    }

    let facts = read_facts(&lines);
    for program in &mut programs {
        derive_program_values(program, &facts);
    }
    let links = links::derive_links(institution, &courses, &programs);
    let mut catalog = ParsedCatalog {
        document: doc.name.clone(),
        format: doc.format,
        institution: institution.to_string(),
        courses,
        programs,
        links,
        remainders: Vec::new(),
        fee_schedule: facts.fees,
        warnings,
    };
    assemble::fill_remainders(&mut catalog, &spans);
    catalog
}

fn line_spans(spans: &SpanMaker<'_>, lines: &[Line], indices: &[usize]) -> Vec<crate::model::Span> {
    indices
        .iter()
        .map(|&i| spans.span(lines[i].start, lines[i].end))
        .collect()
}

/// Splits the lines into course and program blocks; lines outside blocks become remainders.
fn find_blocks(lines: &[Line], furniture: &[bool]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let mut section: Option<AwardLevel> = None;
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].clean.as_str();
        if let Some(level) = crate::award::section_level(text) {
            section = Some(level);
        }
        if let Some(header) = text_programs::match_header(lines, furniture, i) {
            let floor = current.as_ref().map_or(0, |b| b.start + 1);
            let start = header.first_line.max(floor);
            close(&mut blocks, &mut current, start);
            current = Some(Block {
                start,
                end: lines.len(),
                kind: BlockKind::Program(header, section),
            });
            i += 1;
            continue;
        }
        if let Some(header) = text_courses::match_header(lines, furniture, i) {
            close(&mut blocks, &mut current, i);
            let next = header.last_line + 1;
            current = Some(Block {
                start: i,
                end: lines.len(),
                kind: BlockKind::Course(header),
            });
            i = next;
            continue;
        }
        let ends_program = matches!(
            current,
            Some(Block {
                kind: BlockKind::Program(..),
                ..
            })
        ) && text_programs::is_end_line(text);
        if ends_program {
            close(&mut blocks, &mut current, i + 1);
        } else if matches!(
            current,
            Some(Block {
                kind: BlockKind::Course(_),
                ..
            })
        ) && is_section_heading(lines, furniture, i)
        {
            close(&mut blocks, &mut current, i);
        }
        i += 1;
    }
    close(&mut blocks, &mut current, lines.len());
    blocks
}

fn close(blocks: &mut Vec<Block>, current: &mut Option<Block>, end: usize) {
    if let Some(mut block) = current.take() {
        // Blank lines after an entry stay inside it, so entries tile a section without gaps.
        block.end = end.max(block.start + 1);
        blocks.push(block);
    }
}

/// Detects a section heading: an all-caps line of two or more words after a blank line.
fn is_section_heading(lines: &[Line], furniture: &[bool], i: usize) -> bool {
    let text = lines[i].clean.as_str();
    if furniture[i] || text.len() > 80 || i == 0 || !lines[i - 1].clean.is_empty() {
        return false;
    }
    let words = text.split_whitespace().count();
    let letters_only = text
        .chars()
        .all(|c| c.is_uppercase() || c == ' ' || c == '&' || c == '-' || c == ',');
    words >= 2 && letters_only
}
