//! Changing one top-level field of a hand-written config.ron, and nothing else.
//!
//! `ownup encrypt` records how the store is encrypted in config.ron and `ownup decrypt` takes
//! it out again, in a file a person wrote and may have commented with care. So the edit is
//! made on the text, not by writing the parsed settings back: every byte around the field —
//! comments, blank lines, order, layout — stays as it was. A scanner (`scan`) finds the outer
//! struct and its fields; anything it cannot follow is an error with its line and column.
//!
//! How a field goes in follows the file's own style, and taking it out again gives back the
//! file as it was, byte for byte:
//! - fields one to a line, `)` on a line of its own: a new line before the `)`, indented like
//!   the fields (4 spaces when there are none). The field that was last gets the comma it
//!   lacked, and the new one ends with a comma only if that one did: the list ends as before;
//! - a `)` after the last field on its line, as in `(theme: "light")`: the field goes after the
//!   last one, on the same line when the struct is on one line, else on a line of its own
//!   (`Config()` becomes `Config(name: value)`);
//! - a field on a line of its own is taken out with its line (and a comment at the end of that
//!   line); a comment on the lines above it stays.

mod scan;

use std::ops::Range;

use scan::{Field, Layout};

/// The first line of a config.ron written where there was none.
const FRESH_HEADER: &str = "// ownup's settings (see `ownup config init` for every field).";

/// Why config.ron could not be edited: the text cannot be followed, or the field or value
/// asked for cannot be written. Positions are 1-based; the caller puts the file's path first.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A string, char, comment or bracket is never closed.
    #[error("{line}:{col}: {what} that starts here is never closed")]
    Unclosed {
        /// What is open, e.g. "the string" or "the `[`".
        what: &'static str,
        /// Line where it opens.
        line: usize,
        /// Column where it opens.
        col: usize,
    },
    /// Something other than what RON allows there.
    #[error("{line}:{col}: expected {expected}, found {found}")]
    Unexpected {
        /// What could be there.
        expected: String,
        /// What is there, quoted, or "the end of the file".
        found: String,
        /// Line of what was found.
        line: usize,
        /// Column of what was found.
        col: usize,
    },
    /// A top-level field given more than once.
    #[error("{line}:{col}: `{name}` is given twice (first at {}:{}) — keep one of them", first.0, first.1)]
    Duplicate {
        /// The field's name.
        name: String,
        /// Line of the second one.
        line: usize,
        /// Column of the second one.
        col: usize,
        /// Line and column of the first one.
        first: (usize, usize),
    },
    /// Text after the `)` that closes the settings.
    #[error(
        "{line}:{col}: there is text after the `)` that closes the settings — everything goes inside Config( … )"
    )]
    TextAfter {
        /// Line where the text starts.
        line: usize,
        /// Column where the text starts.
        col: usize,
    },
    /// The field to set is not a name RON allows.
    #[error("`{0}` is not a field name (letters, digits and `_`, not starting with a digit)")]
    BadName(String),
    /// The value to set is not one RON value.
    #[error("cannot set `{name}` to `{value}`: {reason}")]
    BadValue {
        /// The field.
        name: String,
        /// The value given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// `source` (the text of config.ron, or `None` when there is no file yet) with the top-level
/// field `name` set to the RON text `value`, or taken out when `value` is `None`. Every other
/// byte stays as it was; taking out a field that is not there gives `source` back unchanged
/// (`""` for no file). `value` is checked to be one RON value, not a valid setting: parse the
/// result with [`Config::parse`](super::Config::parse) before writing it.
pub fn set_field(source: Option<&str>, name: &str, value: Option<&str>) -> Result<String, EditError> {
    if !is_field_name(name) {
        return Err(EditError::BadName(name.to_string()));
    }
    let value = value.map(|value| checked_value(name, value)).transpose()?;
    let text = source.unwrap_or("");
    let Some(layout) = scan::layout(text)? else {
        return Ok(match value {
            Some(value) => fresh(text, name, value),
            None => text.to_string(),
        });
    };
    let found = layout.fields.iter().position(|field| field.name == name);
    let edits = match (found, value) {
        (Some(index), Some(value)) => vec![(layout.fields[index].value.clone(), value.to_string())],
        (None, Some(value)) => insertion(text, &layout, &format!("{name}: {value}")),
        (Some(index), None) => removal(text, &layout, index),
        (None, None) => Vec::new(),
    };
    Ok(apply(text, edits))
}

/// Whether `name` is an identifier RON accepts as a field name without `r#`.
fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `value` without the whitespace around it, when it is one RON value.
fn checked_value<'v>(name: &str, value: &'v str) -> Result<&'v str, EditError> {
    let trimmed = value.trim();
    let reason = if trimmed.is_empty() {
        Some("it is empty".to_string())
    } else {
        scan::single_value(trimmed).err()
    };
    match reason {
        None => Ok(trimmed),
        Some(reason) => Err(EditError::BadValue {
            name: name.to_string(),
            value: value.to_string(),
            reason,
        }),
    }
}

/// A config with the one field, after `text` (whitespace, or comments and attributes).
fn fresh(text: &str, name: &str, value: &str) -> String {
    let newline = newline_of(text);
    let settings = format!("Config({newline}    {name}: {value},{newline}){newline}");
    if text.trim().is_empty() {
        return format!("{FRESH_HEADER}{newline}{settings}");
    }
    let mut out = text.to_string();
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    out + &settings
}

/// The edits that add `entry` (`name: value`) after the last field, in the file's style.
fn insertion(text: &str, layout: &Layout, entry: &str) -> Vec<(Range<usize>, String)> {
    let newline = newline_of(text);
    let indent = indent_of(text, &layout.fields);
    let last = layout.fields.last();
    let close = layout.close;
    if is_first_on_line(text, close) {
        let at = line_start(text, close);
        let comma = if last.is_none_or(|field| field.comma.is_some()) {
            ","
        } else {
            ""
        };
        let mut edits = vec![(at..at, format!("{indent}{entry}{comma}{newline}"))];
        if let Some(field) = last.filter(|field| field.comma.is_none()) {
            edits.push((field.value.end..field.value.end, ",".to_string()));
        }
        return edits;
    }
    let gap = if text[layout.open..close].contains('\n') {
        format!("{newline}{indent}")
    } else {
        " ".to_string()
    };
    match last {
        None => vec![(close..close, entry.to_string())],
        Some(Field {
            comma: Some(comma), ..
        }) => vec![(comma + 1..comma + 1, format!("{gap}{entry},"))],
        Some(field) => vec![(field.value.end..field.value.end, format!(",{gap}{entry}"))],
    }
}

/// The edits that take out field `index`: the exact reverse of [`insertion`] for a field it
/// put in, and the field's whole line when it has one to itself.
fn removal(text: &str, layout: &Layout, index: usize) -> Vec<(Range<usize>, String)> {
    let fields = &layout.fields;
    let field = &fields[index];
    let previous = index.checked_sub(1).map(|before| &fields[before]);
    let is_last = index + 1 == fields.len();
    let end = field.end();
    let mut edits = Vec::new();
    // A last field without a comma leaves the one before it last: it loses its comma too, so
    // the file keeps its way of ending the list.
    if is_last
        && field.comma.is_none()
        && let Some(comma) = previous.and_then(|previous| previous.comma)
    {
        edits.push((comma..comma + 1, String::new()));
    }
    let own_line = if is_first_on_line(text, field.start) {
        scan::blank_rest_of_line(text, end)
    } else {
        None
    };
    let range = if let Some(line_end) = own_line {
        line_start(text, field.start)..line_end
    } else if !is_last {
        // `a: 1, b: 2, c: 3` loses `b: 2, `; a field ending its line loses the space before it.
        let after = end + horizontal_space(&text[end..]);
        if matches!(text.as_bytes().get(after), None | Some(b'\n' | b'\r')) {
            field.start - trailing_space(&text[..field.start], false)..end
        } else {
            field.start..after
        }
    } else if let Some(previous) = previous {
        let floor = previous.end();
        field.start - trailing_space(&text[floor..field.start], true)..end
    } else {
        field.start..end
    };
    edits.push((range, String::new()));
    edits
}

/// `text` with `edits` (ranges that do not overlap, and what replaces each) made.
fn apply(text: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut out = text.to_string();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    out
}

/// `\r\n` for a file that uses it, else `\n`.
fn newline_of(text: &str) -> &'static str {
    if text.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Byte offset of the start of the line `at` is on.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

/// Whether only spaces and tabs come before `at` on its line.
fn is_first_on_line(text: &str, at: usize) -> bool {
    text[line_start(text, at)..at]
        .bytes()
        .all(|b| b == b' ' || b == b'\t')
}

/// The indentation of the last field that starts its line, or 4 spaces.
fn indent_of<'t>(text: &'t str, fields: &[Field]) -> &'t str {
    fields
        .iter()
        .rev()
        .find(|field| is_first_on_line(text, field.start))
        .map_or("    ", |field| &text[line_start(text, field.start)..field.start])
}

/// The length of the spaces and tabs `text` starts with.
fn horizontal_space(text: &str) -> usize {
    text.len() - text.trim_start_matches([' ', '\t']).len()
}

/// The length of the whitespace `text` ends with: spaces and tabs, and line breaks too when
/// `across_lines`.
fn trailing_space(text: &str, across_lines: bool) -> usize {
    let kept = if across_lines {
        text.trim_end_matches([' ', '\t', '\r', '\n'])
    } else {
        text.trim_end_matches([' ', '\t'])
    };
    text.len() - kept.len()
}

#[cfg(test)]
mod tests;
