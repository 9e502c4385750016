//! A scanner over config.ron that finds the outer struct and its top-level fields.
//!
//! It knows just enough RON to step over what could hide a bracket or a comma — line and
//! (nesting) block comments, strings with escapes, raw strings, byte strings and chars — and
//! to match brackets. It never guesses: text it cannot follow is an [`EditError`] at the place
//! it stopped making sense.

use std::ops::Range;

use super::EditError;
use crate::problems::line_col;

/// The outer struct of a config file and its top-level fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// Byte offset of the struct's `(`.
    pub open: usize,
    /// Byte offset of the struct's `)`.
    pub close: usize,
    /// The top-level fields, in the order they are written.
    pub fields: Vec<Field>,
}

/// One top-level field of the outer struct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Field {
    /// The field's name, without the `r#` of a raw identifier.
    pub name: String,
    /// Byte offset of the first character of its name (`r#` included).
    pub start: usize,
    /// Its value, from its first to its last character: comments around it are left out.
    pub value: Range<usize>,
    /// Byte offset of the comma after it, if there is one.
    pub comma: Option<usize>,
}

impl Field {
    /// Byte offset just after the field: after its comma, or else after its value.
    pub fn end(&self) -> usize {
        self.comma.map_or(self.value.end, |comma| comma + 1)
    }
}

/// The outer struct of `text` and its fields; `None` when `text` holds nothing but
/// whitespace, comments and `#![...]` attributes.
pub(super) fn layout(text: &str) -> Result<Option<Layout>, EditError> {
    let mut scanner = Scanner { text, pos: 0 };
    scanner.skip_attributes()?;
    if scanner.peek().is_none() {
        return Ok(None);
    }
    if scanner.peek().is_some_and(is_ident_start) {
        scanner.skip_ident();
        scanner.skip_trivia()?;
    }
    if scanner.peek() != Some(b'(') {
        return Err(scanner.unexpected("`Config(` or `(`"));
    }
    let open = scanner.pos;
    scanner.pos += 1;
    let mut fields: Vec<Field> = Vec::new();
    let close = loop {
        scanner.skip_trivia()?;
        if scanner.peek() == Some(b')') {
            break scanner.pos;
        }
        if scanner.peek().is_none() {
            return Err(scanner.unclosed("the `(` of the settings", open));
        }
        fields.push(scanner.field(&fields)?);
    };
    scanner.pos += 1;
    scanner.skip_trivia()?;
    if scanner.peek().is_some() {
        let (line, col) = scanner.line_col(scanner.pos);
        return Err(EditError::TextAfter { line, col });
    }
    Ok(Some(Layout { open, close, fields }))
}

/// Why `value` is not one RON value that can stand between a field's colon and its comma.
pub(super) fn single_value(value: &str) -> Result<(), String> {
    let mut scanner = Scanner { text: value, pos: 0 };
    let range = scanner.value().map_err(|err| err.to_string())?;
    if range != (0..value.len()) {
        return Err(match scanner.peek() {
            Some(byte @ (b',' | b')')) => format!("it has a `{}` outside brackets", char::from(byte)),
            _ => "it has a comment before or after it".to_string(),
        });
    }
    Ok(())
}

/// Where the rest of the line after `at` ends (after its newline), when nothing but
/// whitespace and comments that end on that line follow `at`.
pub(super) fn blank_rest_of_line(text: &str, at: usize) -> Option<usize> {
    let mut scanner = Scanner { text, pos: at };
    loop {
        match (scanner.peek(), scanner.peek_at(1)) {
            (None, _) => return Some(text.len()),
            (Some(b'\n'), _) => return Some(scanner.pos + 1),
            (Some(b' ' | b'\t' | b'\r'), _) => scanner.pos += 1,
            (Some(b'/'), Some(b'/')) => scanner.skip_line_comment(),
            (Some(b'/'), Some(b'*')) => {
                let start = scanner.pos;
                scanner.skip_block_comment().ok()?;
                if text[start..scanner.pos].contains('\n') {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// A position in the text being scanned.
struct Scanner<'a> {
    /// The whole text.
    text: &'a str,
    /// Byte offset of the next character; always on a character boundary between tokens.
    pos: usize,
}

impl Scanner<'_> {
    /// The byte at the position, if any.
    fn peek(&self) -> Option<u8> {
        self.peek_at(0)
    }

    /// The byte `ahead` bytes after the position, if any.
    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + ahead).copied()
    }

    /// 1-based line and column of byte offset `at`.
    fn line_col(&self, at: usize) -> (usize, usize) {
        line_col(&self.text.as_bytes()[..at])
    }

    /// An error for what is at the position, where `expected` should be.
    fn unexpected(&self, expected: impl Into<String>) -> EditError {
        let (line, col) = self.line_col(self.pos);
        let found = match self.text[self.pos..].chars().next() {
            None => "the end of the file".to_string(),
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let end = self.text[self.pos..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(self.text.len(), |len| self.pos + len);
                format!("`{}`", &self.text[self.pos..end])
            }
            Some(c) if c.is_control() => format!("`{}`", c.escape_debug()),
            Some(c) => format!("`{c}`"),
        };
        EditError::Unexpected {
            expected: expected.into(),
            found,
            line,
            col,
        }
    }

    /// An error for `what`, opened at byte offset `at` and never closed.
    fn unclosed(&self, what: &'static str, at: usize) -> EditError {
        let (line, col) = self.line_col(at);
        EditError::Unclosed { what, line, col }
    }

    /// Steps over whitespace and comments.
    fn skip_trivia(&mut self) -> Result<(), EditError> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(byte), _) if byte.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => self.skip_line_comment(),
                (Some(b'/'), Some(b'*')) => self.skip_block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    /// Steps over whitespace, comments and `#![...]` attributes.
    fn skip_attributes(&mut self) -> Result<(), EditError> {
        loop {
            self.skip_trivia()?;
            if self.peek() != Some(b'#') {
                return Ok(());
            }
            self.pos += 1;
            self.skip_trivia()?;
            if self.peek() != Some(b'!') {
                return Err(self.unexpected("`!` of an attribute `#![...]`"));
            }
            self.pos += 1;
            self.skip_trivia()?;
            if self.peek() != Some(b'[') {
                return Err(self.unexpected("`[` of an attribute `#![...]`"));
            }
            let mut open = Vec::new();
            self.token(&mut open)?;
            while let Some(&opener) = open.last() {
                self.skip_trivia()?;
                if self.peek().is_none() {
                    return Err(self.unclosed(bracket_name(self.text.as_bytes()[opener]), opener));
                }
                self.token(&mut open)?;
            }
        }
    }

    /// Steps over a `//` comment, up to its newline.
    fn skip_line_comment(&mut self) {
        self.pos = self.text[self.pos..]
            .find('\n')
            .map_or(self.text.len(), |len| self.pos + len);
    }

    /// Steps over a `/* */` comment, with the comments nested in it.
    fn skip_block_comment(&mut self) -> Result<(), EditError> {
        let start = self.pos;
        self.pos += 2;
        let mut depth = 1;
        while depth > 0 {
            match (self.peek(), self.peek_at(1)) {
                (None, _) => return Err(self.unclosed("the comment", start)),
                (Some(b'/'), Some(b'*')) => {
                    depth += 1;
                    self.pos += 2;
                }
                (Some(b'*'), Some(b'/')) => {
                    depth -= 1;
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
        Ok(())
    }

    /// Steps over a string or char quoted with `quote`, escapes included.
    fn skip_quoted(&mut self, quote: u8, what: &'static str) -> Result<(), EditError> {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None => return Err(self.unclosed(what, start)),
                Some(b'\\') => self.pos += 2,
                Some(byte) if byte == quote => {
                    self.pos += 1;
                    return Ok(());
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// The number of `#` of the raw string (`r#"`, `br"` …) that starts at the position.
    fn raw_string_hashes(&self) -> Option<usize> {
        let bytes = &self.text.as_bytes()[self.pos..];
        let rest = bytes.strip_prefix(b"b").unwrap_or(bytes).strip_prefix(b"r")?;
        let hashes = rest.iter().take_while(|&&b| b == b'#').count();
        (rest.get(hashes) == Some(&b'"')).then_some(hashes)
    }

    /// Steps over the raw string at the position, which has `hashes` `#`.
    fn skip_raw_string(&mut self, hashes: usize) -> Result<(), EditError> {
        let start = self.pos;
        let quote = self.pos + self.text[self.pos..].find('"').unwrap_or(0);
        let terminator = format!("\"{}", "#".repeat(hashes));
        match self.text[quote + 1..].find(&terminator) {
            Some(len) => {
                self.pos = quote + 1 + len + terminator.len();
                Ok(())
            }
            None => Err(self.unclosed("the raw string", start)),
        }
    }

    /// Steps over an identifier (letters, digits and `_`).
    fn skip_ident(&mut self) {
        while self
            .peek()
            .is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            self.pos += 1;
        }
    }

    /// Steps over one token that is not whitespace or a comment, keeping `open` (the offsets
    /// of the brackets not yet closed) up to date.
    fn token(&mut self, open: &mut Vec<usize>) -> Result<(), EditError> {
        let Some(byte) = self.peek() else {
            return Ok(());
        };
        if let Some(hashes) = self.raw_string_hashes() {
            return self.skip_raw_string(hashes);
        }
        match byte {
            b'(' | b'[' | b'{' => {
                open.push(self.pos);
                self.pos += 1;
            }
            b')' | b']' | b'}' => {
                let Some(&opener) = open.last() else {
                    return Err(self.unexpected("a value, `,` or `)`"));
                };
                let opening = self.text.as_bytes()[opener];
                if closer(opening) != byte {
                    let (line, col) = self.line_col(opener);
                    return Err(self.unexpected(format!(
                        "`{}` to close the `{}` at {line}:{col}",
                        char::from(closer(opening)),
                        char::from(opening)
                    )));
                }
                open.pop();
                self.pos += 1;
            }
            b'"' => self.skip_quoted(b'"', "the string")?,
            b'\'' => self.skip_quoted(b'\'', "the character")?,
            b'b' if self.peek_at(1) == Some(b'"') => {
                self.pos += 1;
                self.skip_quoted(b'"', "the string")?;
            }
            _ if is_ident_start(byte) => self.skip_ident(),
            _ => {
                let len = self.text[self.pos..].chars().next().map_or(1, char::len_utf8);
                self.pos += len;
            }
        }
        Ok(())
    }

    /// Steps over a value, up to the `,` or `)` after it outside brackets (or the end of the
    /// text): the range from its first to its last character, empty when there is none.
    fn value(&mut self) -> Result<Range<usize>, EditError> {
        self.skip_trivia()?;
        let start = self.pos;
        let mut end = start;
        let mut open = Vec::new();
        loop {
            self.skip_trivia()?;
            match self.peek() {
                None => match open.last() {
                    Some(&opener) => {
                        return Err(self.unclosed(bracket_name(self.text.as_bytes()[opener]), opener));
                    }
                    None => return Ok(start..end),
                },
                Some(b',' | b')') if open.is_empty() => return Ok(start..end),
                Some(_) => {
                    self.token(&mut open)?;
                    end = self.pos;
                }
            }
        }
    }

    /// Reads one field at the position: `name: value` and its comma. `before` are the fields
    /// read so far, so that a name given twice is an error.
    fn field(&mut self, before: &[Field]) -> Result<Field, EditError> {
        let start = self.pos;
        if self.text[self.pos..].starts_with("r#") {
            self.pos += 2;
        }
        if !self.peek().is_some_and(is_ident_start) {
            self.pos = start;
            return Err(self.unexpected("a field name or `)`"));
        }
        let name_start = self.pos;
        self.skip_ident();
        let name = self.text[name_start..self.pos].to_string();
        if let Some(first) = before.iter().find(|field| field.name == name) {
            let (line, col) = self.line_col(start);
            let first = self.line_col(first.start);
            return Err(EditError::Duplicate {
                name,
                line,
                col,
                first,
            });
        }
        self.skip_trivia()?;
        if self.peek() != Some(b':') {
            return Err(self.unexpected(format!("`:` after `{name}`")));
        }
        self.pos += 1;
        let value = self.value()?;
        if value.is_empty() {
            return Err(self.unexpected(format!("a value for `{name}`")));
        }
        let comma = (self.peek() == Some(b',')).then_some(self.pos);
        if comma.is_some() {
            self.pos += 1;
        }
        Ok(Field {
            name,
            start,
            value,
            comma,
        })
    }
}

/// Whether `byte` can start an identifier.
fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

/// The bracket that closes `opening`.
fn closer(opening: u8) -> u8 {
    match opening {
        b'(' => b')',
        b'[' => b']',
        _ => b'}',
    }
}

/// How a message names the bracket `opening`.
fn bracket_name(opening: u8) -> &'static str {
    match opening {
        b'(' => "the `(`",
        b'[' => "the `[`",
        _ => "the `{`",
    }
}
