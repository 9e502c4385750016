//! Lines of input, read with care: never more than an answer can hold at once, and text that is
//! not UTF-8 named as such rather than changed.

use std::io::{self, BufRead};

use crate::tui::field::MAX_CHARS;

/// The longest line read whole, in bytes: the longest answer, in the widest UTF-8.
const LINE_LIMIT: usize = MAX_CHARS * 4;

/// One read from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// A line, without its line break (`\n`, or `\r\n`).
    Line(String),
    /// A line longer than any answer may be; it was read past, not kept.
    TooLong,
    /// A line that is not UTF-8 text.
    NotUtf8,
    /// The end of the input.
    End,
}

/// Reads lines and counts them.
pub struct Input<R: BufRead> {
    reader: R,
    /// The number of the last line read, from 1.
    pub number: usize,
}

impl<R: BufRead> Input<R> {
    /// Lines from `reader`.
    pub fn new(reader: R) -> Self {
        Input { reader, number: 0 }
    }

    /// The next line.
    pub fn next_line(&mut self) -> io::Result<Read> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(LINE_LIMIT + 1).unwrap_or(u64::MAX);
        let n = io::Read::take(&mut self.reader, limit).read_until(b'\n', &mut bytes)?;
        if n == 0 {
            return Ok(Read::End);
        }
        self.number += 1;
        if bytes.last() != Some(&b'\n') && bytes.len() > LINE_LIMIT {
            self.skip_line()?;
            return Ok(Read::TooLong);
        }
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
        }
        Ok(String::from_utf8(bytes).map_or(Read::NotUtf8, Read::Line))
    }

    /// Reads past the rest of the line.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                return Ok(());
            }
            if let Some(at) = buffer.iter().position(|&b| b == b'\n') {
                self.reader.consume(at + 1);
                return Ok(());
            }
            let len = buffer.len();
            self.reader.consume(len);
        }
    }
}

impl<R: io::Read> Input<io::BufReader<R>> {
    /// Whether everything read so far has been handed out: the next line waits for the person
    /// (or the pipe) rather than coming from what is already here.
    pub fn waits(&self) -> bool {
        self.reader.buffer().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<Read> {
        let mut input = Input::new(io::BufReader::new(bytes));
        let mut out = Vec::new();
        loop {
            let read = input.next_line().unwrap();
            if read == Read::End {
                return out;
            }
            out.push(read);
        }
    }

    #[test]
    fn lines_come_without_their_line_breaks() {
        assert_eq!(
            lines(b"one\ntwo\r\n\nlast"),
            [
                Read::Line("one".into()),
                Read::Line("two".into()),
                Read::Line(String::new()),
                Read::Line("last".into())
            ]
        );
        assert_eq!(lines(b""), []);
        // A carriage return inside a line is text (escaped when shown), not a line break.
        assert_eq!(lines(b"a\rb\n"), [Read::Line("a\rb".into())]);
    }

    #[test]
    fn a_line_that_is_not_utf8_is_named_and_the_next_is_read() {
        let mut input = Input::new(io::BufReader::new(&b"fine\nbad \xff here\nafter\n"[..]));
        assert_eq!(input.next_line().unwrap(), Read::Line("fine".into()));
        assert_eq!(input.next_line().unwrap(), Read::NotUtf8);
        assert_eq!(input.number, 2);
        assert_eq!(input.next_line().unwrap(), Read::Line("after".into()));
    }

    #[test]
    fn a_line_longer_than_an_answer_is_read_past() {
        let mut bytes = vec![b'x'; LINE_LIMIT + 10];
        bytes.extend_from_slice(b"\nnext\n");
        assert_eq!(lines(&bytes), [Read::TooLong, Read::Line("next".into())]);
    }
}
