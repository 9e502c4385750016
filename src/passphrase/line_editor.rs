//! The line editing of a passphrase prompt: a pure state machine fed the bytes a terminal sends,
//! one at a time, so that every key is tested without a terminal.
//!
//! Keys: Enter (CR or LF; the LF of a CRLF is not a second Enter) ends the line; Backspace
//! (DEL or BS) deletes the last character — one Unicode scalar value, as the kernel's own line
//! editing does with `IUTF8`, whatever number of bytes it took; Ctrl-U clears the line;
//! Ctrl-C cancels; Ctrl-D cancels on an empty line. Escape sequences (arrow and function keys,
//! Alt with a key, the markers of a bracketed paste) are dropped whole, and every other control
//! byte is ignored. Nothing is echoed: what was typed is only in the line.

use age::secrecy::SecretString;
use age::secrecy::zeroize::Zeroize as _;

use super::{MAX_LENGTH, exact_secret};

/// Ctrl-C: cancel.
const CTRL_C: u8 = 0x03;
/// Ctrl-D: cancel, on an empty line.
const CTRL_D: u8 = 0x04;
/// Backspace, as some terminals send it (Ctrl-H).
const BACKSPACE: u8 = 0x08;
/// Ctrl-U: clear the line.
const CTRL_U: u8 = 0x15;
/// Escape, alone or starting a sequence.
const ESC: u8 = 0x1b;
/// Backspace, as most terminals send it.
const DEL: u8 = 0x7f;

/// What the byte just fed did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The line goes on: more bytes are wanted.
    Continue,
    /// Enter was pressed: [`LineEditor::take_line`] has the line.
    Done,
    /// The person asked to stop (Ctrl-C, or Ctrl-D on an empty line); the line was cleared.
    Cancelled,
}

/// A line as it was when Enter was pressed.
#[derive(Debug)]
pub enum Line {
    /// A passphrase: not empty, valid UTF-8, not too long.
    Passphrase(SecretString),
    /// Nothing was typed.
    Empty,
    /// More than [`MAX_LENGTH`] bytes were typed; what was past the limit was dropped.
    TooLong,
    /// The bytes were not UTF-8 (a terminal set to another encoding).
    NotUtf8,
}

/// Where in an escape sequence the editor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Escape {
    /// In none: bytes are keys.
    None,
    /// Just after ESC: the Escape key, or the start of a sequence.
    Started,
    /// In a CSI sequence (`ESC [`): parameter and intermediate bytes up to a final byte.
    Csi,
    /// After `ESC O` (SS3, as in F1 = `ESC O P`): one more byte ends it.
    Ss3,
    /// In a non-ASCII character pressed with Alt: this many continuation bytes to go.
    AltChar(u8),
}

/// The line being typed at a passphrase prompt. Fed the terminal's bytes one by one with
/// [`LineEditor::feed`]; one editor serves every line of a conversation, so that the LF of a
/// CRLF that ended one line is not taken for an Enter on the next.
///
/// What was typed is wiped from memory when it is deleted, taken or dropped.
pub struct LineEditor {
    line: Vec<u8>,
    escape: Escape,
    /// The last byte was a CR that ended a line: an LF now is the rest of a CRLF.
    after_cr: bool,
    /// Bytes were dropped for the line being longer than [`MAX_LENGTH`].
    overflow: bool,
}

impl std::fmt::Debug for LineEditor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never what was typed, not even its length.
        f.debug_struct("LineEditor")
            .field("escape", &self.escape)
            .finish_non_exhaustive()
    }
}

impl Default for LineEditor {
    fn default() -> Self {
        LineEditor::new()
    }
}

impl Drop for LineEditor {
    fn drop(&mut self) {
        self.line.zeroize();
    }
}

impl LineEditor {
    /// An empty line.
    pub fn new() -> LineEditor {
        LineEditor {
            line: Vec::new(),
            escape: Escape::None,
            after_cr: false,
            overflow: false,
        }
    }

    /// Takes one byte from the terminal.
    pub fn feed(&mut self, byte: u8) -> Step {
        let after_cr = std::mem::take(&mut self.after_cr);
        if self.in_escape(byte) {
            return Step::Continue;
        }
        match byte {
            b'\r' => {
                self.after_cr = true;
                Step::Done
            }
            b'\n' if after_cr => Step::Continue,
            b'\n' => Step::Done,
            CTRL_C => {
                self.clear();
                Step::Cancelled
            }
            CTRL_D if self.line.is_empty() && !self.overflow => Step::Cancelled,
            BACKSPACE | DEL => {
                self.erase_char();
                Step::Continue
            }
            CTRL_U => {
                self.clear();
                Step::Continue
            }
            ESC => {
                self.escape = Escape::Started;
                Step::Continue
            }
            0x00..=0x1f => Step::Continue,
            _ => {
                self.push(byte);
                Step::Continue
            }
        }
    }

    /// No byte came for a while: an ESC waiting for what follows it was the Escape key alone.
    /// (Without this, the key typed after Escape would be taken for Alt with that key.)
    pub fn pause(&mut self) {
        if self.escape == Escape::Started {
            self.escape = Escape::None;
        }
    }

    /// Whether a lone ESC waits for what follows it: the caller should wait briefly for more
    /// and then call [`LineEditor::pause`].
    pub fn awaits_escape(&self) -> bool {
        self.escape == Escape::Started
    }

    /// The line typed, after [`Step::Done`]; the editor is empty again.
    pub fn take_line(&mut self) -> Line {
        let overflow = std::mem::take(&mut self.overflow);
        let mut bytes = std::mem::take(&mut self.line);
        if overflow {
            bytes.zeroize();
            return Line::TooLong;
        }
        if bytes.is_empty() {
            return Line::Empty;
        }
        match String::from_utf8(bytes) {
            Ok(text) => {
                let len = text.len();
                Line::Passphrase(exact_secret(text, len))
            }
            Err(err) => {
                err.into_bytes().zeroize();
                Line::NotUtf8
            }
        }
    }

    /// Whether `byte` belongs to an escape sequence (and is dropped with it). A byte that
    /// cannot be part of the sequence ends it and is then taken as a key: Enter after Escape
    /// still ends the line.
    fn in_escape(&mut self, byte: u8) -> bool {
        match self.escape {
            Escape::None => return false,
            Escape::Started => match byte {
                b'[' => self.escape = Escape::Csi,
                b'O' => self.escape = Escape::Ss3,
                // A second ESC: the first was the Escape key, this one starts anew.
                ESC => {}
                // Alt with a key.
                0x20..=0x7e => self.escape = Escape::None,
                // Alt with a non-ASCII character: its continuation bytes go too.
                0xc0..=0xdf => self.escape = Escape::AltChar(1),
                0xe0..=0xef => self.escape = Escape::AltChar(2),
                0xf0..=0xf7 => self.escape = Escape::AltChar(3),
                _ => {
                    self.escape = Escape::None;
                    return false;
                }
            },
            Escape::Csi => match byte {
                0x20..=0x3f => {}
                0x40..=0x7e => self.escape = Escape::None,
                ESC => self.escape = Escape::Started,
                _ => {
                    self.escape = Escape::None;
                    return false;
                }
            },
            Escape::Ss3 => match byte {
                0x20..=0x7e => self.escape = Escape::None,
                ESC => self.escape = Escape::Started,
                _ => {
                    self.escape = Escape::None;
                    return false;
                }
            },
            Escape::AltChar(left) => {
                if byte & 0xc0 != 0x80 {
                    self.escape = Escape::None;
                    return false;
                }
                self.escape = if left > 1 {
                    Escape::AltChar(left - 1)
                } else {
                    Escape::None
                };
            }
        }
        true
    }

    /// Adds a byte of text, growing the line so that no copy of it is left behind unwiped.
    fn push(&mut self, byte: u8) {
        if self.line.len() >= MAX_LENGTH {
            self.overflow = true;
            return;
        }
        if self.line.len() == self.line.capacity() {
            let mut bigger = Vec::with_capacity((self.line.capacity() * 2).clamp(64, MAX_LENGTH));
            bigger.extend_from_slice(&self.line);
            self.line.zeroize();
            self.line = bigger;
        }
        self.line.push(byte);
    }

    /// Deletes the last character: its continuation bytes and the byte that began it (or,
    /// in bytes that are not UTF-8, back to the last byte that could begin one).
    fn erase_char(&mut self) {
        let mut cut = self.line.len();
        while cut > 0 {
            cut -= 1;
            if self.line[cut] & 0xc0 != 0x80 {
                break;
            }
        }
        self.line[cut..].zeroize();
        self.line.truncate(cut);
    }

    /// Empties the line.
    fn clear(&mut self) {
        self.line.zeroize();
        self.overflow = false;
    }
}

#[cfg(test)]
mod tests;
