//! Logical lines over raw text or HTML, with cleaned text for matching.

use std::collections::HashMap;

use crate::model::Span;

/// A logical line: a raw byte range plus its cleaned, trimmed text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte offset of the first byte of the line.
    pub start: usize,
    /// Byte offset one past the line terminator, so consecutive lines tile the text.
    pub end: usize,
    /// Tags removed, entities decoded, PDF ligature glyphs replaced, whitespace trimmed.
    pub clean: String,
    /// Leading spaces in the raw line; deep indentation marks PDF layout artifacts.
    pub indent: usize,
    /// True when the raw line contains a form feed (a PDF page break).
    pub has_form_feed: bool,
}

/// Builds spans with page numbers for one document.
pub(crate) struct SpanMaker<'a> {
    pub document: &'a str,
    pub text: &'a str,
    /// Byte offsets of form feeds, which separate PDF pages in extracted text.
    page_breaks: Vec<usize>,
    has_pages: bool,
}

impl<'a> SpanMaker<'a> {
    pub fn new(document: &'a str, text: &'a str, paged: bool) -> SpanMaker<'a> {
        let page_breaks: Vec<usize> = text.match_indices('\u{c}').map(|(i, _)| i).collect();
        let has_pages = paged && !page_breaks.is_empty();
        SpanMaker {
            document,
            text,
            page_breaks,
            has_pages,
        }
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let page = if self.has_pages {
            let before = self.page_breaks.partition_point(|&b| b < start);
            Some(u32::try_from(before + 1).unwrap_or(u32::MAX))
        } else {
            None
        };
        Span {
            document: self.document.to_string(),
            page,
            start,
            end,
            text: self.text[start..end].to_string(),
        }
    }
}

/// Splits plain text into lines that keep their terminators.
pub(crate) fn split_text(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            lines.push(make_line(text, start, i + 1, false));
            start = i + 1;
        }
    }
    if start < text.len() {
        lines.push(make_line(text, start, text.len(), false));
    }
    lines
}

/// Splits HTML at newlines and after block-level closing tags and `<br>`.
pub(crate) fn split_html(text: &str) -> Vec<Line> {
    let lower = text.to_ascii_lowercase();
    let mut cuts: Vec<usize> = Vec::new();
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            cuts.push(i + 1);
        } else if b == b'>' {
            let open = lower[..i].rfind('<').unwrap_or(i);
            let tag = &lower[open..=i];
            if is_block_break(tag) {
                cuts.push(i + 1);
            }
        }
    }
    cuts.dedup();
    let mut lines = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            lines.push(make_line(text, start, cut, true));
            start = cut;
        }
    }
    if start < text.len() {
        lines.push(make_line(text, start, text.len(), true));
    }
    lines
}

fn is_block_break(tag: &str) -> bool {
    const CLOSERS: [&str; 14] = [
        "</p>", "</div>", "</li>", "</tr>", "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>",
        "</dt>", "</dd>", "</table>", "</ul>",
    ];
    CLOSERS.contains(&tag) || tag.starts_with("<br")
}

fn make_line(text: &str, start: usize, end: usize, html: bool) -> Line {
    let raw = &text[start..end];
    let indent = raw.len() - raw.trim_start_matches(' ').len();
    let visible = if html {
        strip_tags(raw)
    } else {
        raw.to_string()
    };
    Line {
        start,
        end,
        clean: clean_text(&visible),
        indent,
        has_form_feed: raw.contains('\u{c}'),
    }
}

/// Replaces table cell ends with two spaces so columns stay apart, then drops tags.
fn strip_tags(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut in_tag = false;
    let mut tag = String::new();
    for ch in raw.chars() {
        if in_tag {
            if ch == '>' {
                in_tag = false;
                let lower = tag.to_ascii_lowercase();
                if lower.starts_with("/td") || lower.starts_with("/th") {
                    out.push_str("  ");
                } else if !lower.starts_with('/') && !lower.is_empty() {
                    out.push(' ');
                }
                tag.clear();
            } else {
                tag.push(ch);
            }
        } else if ch == '<' {
            in_tag = true;
        } else {
            out.push(ch);
        }
    }
    decode_entities(&out)
}

/// Decodes the HTML entities that appear in catalog exports.
pub(crate) fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&nbsp;", " ")
        .replace("&ndash;", "–")
        .replace("&mdash;", "—")
        .replace("&rsquo;", "’")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Replaces PDF ligature artifacts, form feeds and tabs, and trims the line.
pub(crate) fn clean_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for ch in raw.chars() {
        match ch {
            // pdftotext maps the fi and fl ligatures of some fonts to these CJK glyphs.
            // The pair U+6600 U+6900 stands for "fi" and U+6600 U+6C00 for "fl".
            '\u{6600}' => {}
            '\u{6900}' => out.push_str("fi"),
            '\u{6c00}' => out.push_str("fl"),
            '\u{fb01}' => out.push_str("fi"),
            '\u{fb02}' => out.push_str("fl"),
            '\u{c}' | '\t' | '\r' | '\n' | '\u{a0}' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out.trim().to_string()
}

/// Marks lines that are page furniture: page numbers, running headers and layout debris.
///
/// Page numbers and running headers are only recognized within `PAGE_EDGE_LINES` lines of
/// a form feed. A running header occurs there at least `min_repeats` times and in at least
/// half of all its occurrences. It also has no colon, because labelled fields repeat too.
/// These rules keep repeated content such as "Program Length: 17 weeks" out of furniture.
pub(crate) fn furniture_flags(lines: &[Line], min_repeats: usize) -> Vec<bool> {
    const PAGE_EDGE_LINES: usize = 8;
    let mut near_page_edge = vec![false; lines.len()];
    for (i, line) in lines.iter().enumerate() {
        if line.has_form_feed {
            let from = i.saturating_sub(PAGE_EDGE_LINES);
            let to = lines.len().min(i + PAGE_EDGE_LINES + 1);
            near_page_edge[from..to]
                .iter_mut()
                .for_each(|flag| *flag = true);
        }
    }
    // Occurrences of each short line: (near a page edge, anywhere).
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if !line.clean.is_empty() && line.clean.len() < 60 {
            let entry = counts.entry(line.clean.as_str()).or_default();
            entry.1 += 1;
            if near_page_edge[i] {
                entry.0 += 1;
            }
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let text = line.clean.as_str();
            if text.is_empty() {
                return false;
            }
            let page_number = text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit());
            let (near, total) = counts.get(text).copied().unwrap_or((0, 0));
            let running_header = near >= min_repeats && near * 2 >= total && !text.contains(':');
            // Rotated side labels in PDF text come out as deeply indented letter soup.
            let debris = line.indent >= 60 && !text.contains(' ');
            debris || (near_page_edge[i] && (page_number || running_header))
        })
        .collect()
}
