//! A person's text inside a Markdown document, unable to change the document's structure. No
//! terminal code.
//!
//! An answer is a block of the export; a question, a title or a commitment sits inside a
//! heading or a list item. Written as they are, a line `---` under an answer line would turn it
//! into a heading, `# …` would add one, a line of backticks would swallow the rest of the
//! document into code, `<!--` would hide it, and `[x]: /url` would quietly redefine links.
//!
//! Only what opens such a block is escaped, with a backslash, so prose stays readable and
//! renders as typed: a line that starts a heading, a setext underline, a thematic break, a code
//! fence, an HTML block or a link reference definition — at any depth of block quotes and list
//! items, since those nest (`> - # x` is a heading too) — and a `<` that could open an HTML tag
//! anywhere. Lists and quotes a person typed still render as lists and quotes. Control
//! characters are left alone: a file keeps the exact text, and output for a terminal escapes
//! them on the way out (see `output`).

use std::borrow::Cow;

/// `text` (any number of lines) as Markdown block content that opens no heading, thematic
/// break, code fence, HTML block or link definition. A bare carriage return counts as a line
/// break, as it does for Markdown.
pub fn block(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split(['\n', '\r'])
        .map(block_line)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` on one line, for the inside of a heading or a list item: line breaks become spaces,
/// tags are escaped, and a closing run of `#` stays part of the text.
pub fn inline(text: &str) -> String {
    let one_line: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let mut out = escape_tags(&one_line).into_owned();
    // `# Fixed in C #` would lose its last `#` as the heading's closing sequence.
    let run = out.len() - out.trim_end_matches('#').len();
    if run > 0 {
        let at = out.len() - run;
        out.insert_str(
            at,
            if even_backslashes_before(&out[..at]) {
                "\\"
            } else {
                ""
            },
        );
    }
    out
}

/// One line of a block: indentation and the markers of quotes and list items kept, then the
/// first character escaped if it would open a block.
fn block_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 2);
    let mut rest = line;
    loop {
        let text = rest.trim_start_matches([' ', '\t']);
        out.push_str(&rest[..rest.len() - text.len()]);
        rest = text;
        if opens_a_block(rest) {
            let first = rest.chars().next().map_or(0, char::len_utf8);
            out.push('\\');
            out.push_str(&rest[..first]);
            rest = &rest[first..];
            break;
        }
        match container_marker(rest) {
            Some(len) => {
                out.push_str(&rest[..len]);
                rest = &rest[len..];
            }
            None => break,
        }
    }
    out.push_str(&escape_tags(rest));
    out
}

/// Whether a line (after its indentation and container markers) would start a block that is
/// not a paragraph and reaches beyond its own text.
fn opens_a_block(rest: &str) -> bool {
    let Some(first) = rest.chars().next() else {
        return false;
    };
    let thematic_break = matches!(first, '-' | '*' | '_')
        && rest.chars().all(|c| c == first || c == ' ' || c == '\t')
        && rest.chars().filter(|c| *c == first).count() >= 3;
    let underline = rest.trim_end_matches([' ', '\t']);
    // `=` or `-` alone (any number) under a line of text makes that line a heading.
    let setext = underline.chars().all(|c| c == '=') || underline.chars().all(|c| c == '-');
    thematic_break
        || setext
        || matches!(first, '#' | '<' | '[')
        || rest.starts_with("```")
        || rest.starts_with("~~~")
}

/// The length of the block quote or list item marker `rest` starts with, if any.
fn container_marker(rest: &str) -> Option<usize> {
    let bytes = rest.as_bytes();
    let spaced = |at: usize| matches!(bytes.get(at), Some(b' ' | b'\t'));
    match bytes.first()? {
        b'>' => Some(1),
        b'-' | b'+' | b'*' if spaced(1) => Some(1),
        b'0'..=b'9' => {
            // An ordered list item: 1–9 digits, then `.` or `)`, then a space.
            let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
            let marked = digits <= 9 && matches!(bytes.get(digits), Some(b'.' | b')'));
            (marked && spaced(digits + 1)).then_some(digits + 1)
        }
        _ => None,
    }
}

/// `text` with a backslash before each `<` that could open an HTML tag, comment or
/// declaration; `a < b` and `<3` are left as they are.
fn escape_tags(text: &str) -> Cow<'_, str> {
    let opens_tag = |at: usize| {
        text[at + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'))
    };
    if !text.match_indices('<').any(|(at, _)| opens_tag(at)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        // A `\` typed just before would escape the escape: only add one where it counts.
        if c == '<' && opens_tag(at) && even_backslashes_before(&out) {
            out.push('\\');
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Whether `text` ends in an even number of backslashes (none included): the next character
/// is then not escaped.
fn even_backslashes_before(text: &str) -> bool {
    (text.len() - text.trim_end_matches('\\').len()).is_multiple_of(2)
}

#[cfg(test)]
mod tests;
