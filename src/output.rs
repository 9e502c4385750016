//! Text for a person's terminal. Answers, scripts, file names and ids are anyone's bytes: an
//! escape sequence among them could set the window title, write the clipboard (OSC 52), clear
//! the screen or open a hyperlink that never closes. Everything ownup prints for people goes
//! through [`printable`] (or the [`Printable`] writer, or [`say`]), which makes such characters
//! visible instead of letting the terminal act on them. No terminal code: this is text only.
//!
//! What is escaped, and how it looks:
//!
//! - C0 controls other than newline and tab, in caret notation: ESC is `^[`, BEL `^G`, CR `^M`
//!   (a bare carriage return would let a line overwrite itself), NUL `^@`;
//! - DEL as `^?`;
//! - C1 controls (U+0080–U+009F; U+009B is a one-character CSI for some terminals) as `<U+009B>`;
//! - the bidirectional embedding, override and isolate characters (U+202A–U+202E,
//!   U+2066–U+2069) as `<U+202E>`: in a terminal that reorders text they make a line read in an
//!   order other than the one it is stored in ("Trojan Source"), and typed prose never needs them
//!   (the implicit marks U+200E/U+200F, which do occur in right-to-left writing, are kept).
//!
//! The notation is for reading, not for reversing: a typed `^[` looks like an escaped ESC. JSON
//! output never goes through here; it stays exact (serde_json escapes C0 controls itself).

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

/// Whether `c` is shown escaped rather than sent to the terminal as it is.
pub fn needs_escape(c: char) -> bool {
    matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}') || is_bidi_control(c)
}

/// Whether `c` is a bidirectional embedding, override or isolate character.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every control character made visible (see the module notes); borrowed, not
/// copied, when there is nothing to escape.
pub fn printable(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(needs_escape) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if needs_escape(c) {
            push_escaped(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn push_escaped(c: char, out: &mut String) {
    match c {
        '\0'..='\x1f' => {
            out.push('^');
            // ^@ for NUL, ^A for 0x01 … ^[ for ESC … ^_ for 0x1f.
            out.push(char::from(c as u8 + 0x40));
        }
        '\x7f' => out.push_str("^?"),
        _ => out.push_str(&format!("<U+{:04X}>", u32::from(c))),
    }
}

/// A writer that passes text on with every control character made visible, for output meant
/// for people. UTF-8 sequences split across `write` calls are put back together first, so a
/// C1 control cut in two is still caught; bytes that are not UTF-8 become U+FFFD.
///
/// Output that must stay exact (JSON) is written to [`Printable::exact`] instead.
pub struct Printable<W: Write> {
    inner: W,
    /// The start of a UTF-8 sequence whose end has not been written yet (at most 3 bytes).
    pending: Vec<u8>,
}

impl<W: Write> Printable<W> {
    /// Escapes what is written to `inner`.
    pub fn new(inner: W) -> Printable<W> {
        Printable {
            inner,
            pending: Vec::new(),
        }
    }

    /// The writer underneath, for output that must stay byte for byte as it is (JSON).
    pub fn exact(&mut self) -> &mut W {
        &mut self.inner
    }

    fn put(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(printable(text).as_bytes())
    }
}

/// Standard output: line by line to a terminal (so that it keeps its place among messages on
/// standard error), in blocks to a pipe or a file (`ownup list > file` at 10,000 sessions would
/// otherwise make 10,000 writes). Flushed when dropped. Standard output is locked only for
/// each write, never for the whole command: the app runs inside one, and its signal thread
/// must still be able to put the terminal back.
pub enum Stdout {
    /// A terminal.
    Terminal(io::Stdout),
    /// A pipe or a file.
    Piped(io::BufWriter<io::Stdout>),
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Stdout::Terminal(out) => out.write(buf),
            Stdout::Piped(out) => out.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Stdout::Terminal(out) => out.flush(),
            Stdout::Piped(out) => out.flush(),
        }
    }
}

impl Printable<Stdout> {
    /// Standard output, for people.
    pub fn stdout() -> Self {
        use std::io::IsTerminal;
        let out = io::stdout();
        let out = if out.is_terminal() {
            Stdout::Terminal(out)
        } else {
            Stdout::Piped(io::BufWriter::with_capacity(1 << 16, out))
        };
        Printable::new(out)
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let joined;
        let bytes = if self.pending.is_empty() {
            buf
        } else {
            joined = [std::mem::take(&mut self.pending).as_slice(), buf].concat();
            joined.as_slice()
        };
        let mut chunks = bytes.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            self.put(chunk.valid())?;
            let invalid = chunk.invalid();
            if invalid.is_empty() {
                continue;
            }
            // Only the very end can be a sequence that the next write completes.
            let incomplete = std::str::from_utf8(invalid).is_err_and(|e| e.error_len().is_none());
            if chunks.peek().is_none() && incomplete {
                self.pending = invalid.to_vec();
            } else {
                self.put("\u{fffd}")?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Printable<W> {
    fn drop(&mut self) {
        // A sequence that never got its end is not text; say so rather than drop it silently.
        if !self.pending.is_empty() {
            let _ = self.inner.write_all("\u{fffd}".as_bytes());
        }
        let _ = self.inner.flush();
    }
}

/// Prints a line on standard error, escaped like everything else for people. Unlike
/// `eprintln!`, never panics when stderr is gone (a closed terminal, `2>&-`).
pub fn say(text: impl fmt::Display) {
    let mut err = Printable::new(io::stderr().lock());
    let _ = writeln!(err, "{text}");
}

/// `text` for one line of a table or a list: line breaks and tabs inside it show as `^J` and
/// `^I` (as well as what [`printable`] escapes), so that no name, title or path can start a
/// line of its own and pass for ownup's output.
pub fn one_line(text: impl fmt::Display) -> String {
    let text = text.to_string();
    if !text.contains(['\n', '\t']) {
        return text;
    }
    text.replace('\n', "^J").replace('\t', "^I")
}

/// `n` and the noun, plural when `n` is not one: "1 step", "3 steps".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn through_writer(chunks: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut writer = Printable::new(&mut out);
            for chunk in chunks {
                writer.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn clean_text_is_borrowed_unchanged() {
        let text = "Ich habe es verbockt.\n\tÇa arrive. 漢字 🙂 עברית\u{200f}";
        assert!(matches!(printable(text), Cow::Borrowed(t) if t == text));
    }

    #[test]
    fn controls_are_shown_in_caret_and_code_point_notation() {
        assert_eq!(
            printable("a\x1b]0;pwned\x07b\x1b]52;c;aGk=\x1b\\c\x1b[2J"),
            "a^[]0;pwned^Gb^[]52;c;aGk=^[\\c^[[2J"
        );
        assert_eq!(printable("\0\x01\r\x1f\x7f"), "^@^A^M^_^?");
        assert_eq!(printable("x\u{9b}2J\u{85}"), "x<U+009B>2J<U+0085>");
        assert_eq!(
            printable("\u{202e}gnp.exe\u{2066}\u{2069}"),
            "<U+202E>gnp.exe<U+2066><U+2069>"
        );
        assert_eq!(printable("keep\nnew\tlines"), "keep\nnew\tlines");
    }

    #[test]
    fn the_writer_escapes_what_passes_through() {
        assert_eq!(
            through_writer(&[b"title \x1b]0;x\x07 end\n"]),
            "title ^[]0;x^G end\n"
        );
    }

    #[test]
    fn the_writer_catches_a_c1_control_split_across_writes() {
        // U+009B is 0xC2 0x9B in UTF-8.
        assert_eq!(through_writer(&[b"a\xc2", b"\x9b2J"]), "a<U+009B>2J");
        assert_eq!(
            through_writer(&["é".as_bytes()[..1].as_ref(), &"é".as_bytes()[1..]]),
            "é"
        );
    }

    #[test]
    fn the_writer_replaces_bytes_that_are_not_utf8() {
        assert_eq!(through_writer(&[b"a\x9bb\xff"]), "a\u{fffd}b\u{fffd}");
        // A sequence cut off at the very end is not kept back forever.
        assert_eq!(through_writer(&[b"a\xe2\x82"]), "a\u{fffd}");
    }

    #[test]
    fn exact_output_is_not_escaped() {
        let mut out = Vec::new();
        {
            let mut writer = Printable::new(&mut out);
            writer.exact().write_all(b"\x1b\xc2\x9b").unwrap();
        }
        assert_eq!(out, b"\x1b\xc2\x9b");
    }

    proptest! {
        #[test]
        fn printable_never_panics_and_leaves_no_control(text in any::<String>()) {
            let shown = printable(&text);
            prop_assert!(!shown.chars().any(needs_escape), "{shown:?}");
            prop_assert!(!shown.chars().any(|c| c.is_control() && c != '\n' && c != '\t'));
            // Escaping what is already escaped changes nothing.
            prop_assert_eq!(printable(&shown), shown.clone());
        }

        #[test]
        fn clean_text_is_unchanged(text in any::<String>()) {
            let clean: String = text.chars().filter(|c| !needs_escape(*c)).collect();
            prop_assert!(matches!(printable(&clean), Cow::Borrowed(t) if t == clean));
        }

        #[test]
        fn every_character_that_is_kept_stays_in_order(text in any::<String>()) {
            let kept: String = text.chars().filter(|c| !needs_escape(*c)).collect();
            let shown = printable(&text);
            let mut rest = shown.as_ref();
            for c in kept.chars() {
                let at = rest.find(c);
                prop_assert!(at.is_some(), "{c:?} lost from {shown:?}");
                rest = &rest[at.unwrap_or(0) + c.len_utf8()..];
            }
        }

        #[test]
        fn the_writer_matches_printable_however_the_bytes_are_split(
            text in any::<String>(),
            cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let bytes = text.as_bytes();
            let mut at: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
            at.push(0);
            at.push(bytes.len());
            at.sort_unstable();
            let chunks: Vec<&[u8]> = at.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
            prop_assert_eq!(through_writer(&chunks), printable(&text).into_owned());
        }
    }
}
