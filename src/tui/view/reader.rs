//! Reading a session as a document: the summary after finishing, or a past session.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::ScrollState;

use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::session::{CommitmentStatus, Status};

use crate::tui::app::{App, Reader};
use crate::tui::theme::Theme;

/// What the reader keeps between frames: the document, built once per showing (and theme); its
/// rows, wrapped once per width with [`crate::wrap`] (the answer box's rule); and the scroll
/// offset. A frame then draws only the rows it shows.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The showing the document is of, and the theme it was built with.
    built_for: Option<(u64, Theme)>,
    /// The session as a document.
    document: Text<'static>,
    /// The width `rows` are for.
    width: u16,
    /// The document broken into rows `width` wide.
    rows: Vec<Line<'static>>,
    /// The row each line of `document` starts at, then the number of rows of it all.
    starts: Vec<u32>,
    /// Where the person scrolled to.
    scroll: ScrollState,
}

impl ReaderState {
    /// Builds what is not built yet for `reader`, drawn `width` columns wide.
    fn prepare(&mut self, reader: &Reader, theme: &Theme, width: u16) {
        let built_for = (reader.shown, *theme);
        if self.built_for != Some(built_for) {
            if self.built_for.is_none_or(|(shown, _)| shown != reader.shown) {
                self.scroll = ScrollState::default();
            }
            self.document = document(reader, theme);
            self.built_for = Some(built_for);
            self.starts.clear();
        }
        if self.starts.is_empty() || self.width != width {
            self.width = width;
            (self.rows, self.starts) = wrap_document(&self.document, width);
        }
    }

    /// Rows the whole document takes.
    fn height(&self) -> u16 {
        let rows = self.starts.last().copied().unwrap_or(0);
        u16::try_from(rows).unwrap_or(u16::MAX)
    }

    /// The rows `from..from + rows`.
    fn visible(&self, from: u16, rows: u16) -> Text<'_> {
        let from = usize::from(from).min(self.rows.len());
        let end = (from + usize::from(rows)).min(self.rows.len());
        Text::from(self.rows[from..end].iter().map(borrowed).collect::<Vec<_>>())
    }

    /// The reader's offset as last drawn.
    pub fn offset(&self) -> u16 {
        self.scroll.offset()
    }
}

/// `document` broken into rows `width` columns wide, and the row each of its lines starts at,
/// then the number of rows.
fn wrap_document(document: &Text, width: u16) -> (Vec<Line<'static>>, Vec<u32>) {
    let mut rows = Vec::with_capacity(document.lines.len());
    let mut starts = Vec::with_capacity(document.lines.len() + 1);
    for line in &document.lines {
        starts.push(u32::try_from(rows.len()).unwrap_or(u32::MAX));
        rows.extend(super::wrapped::rows(line, width));
    }
    starts.push(u32::try_from(rows.len()).unwrap_or(u32::MAX));
    (rows, starts)
}

/// The row where the first line of `document` containing `needle` starts.
fn row_of(document: &Text, starts: &[u32], needle: &str) -> Option<u16> {
    let found = document.lines.iter().position(|line| {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        text.contains(needle)
    })?;
    Some(u16::try_from(*starts.get(found)?).unwrap_or(u16::MAX))
}

/// `line` borrowing its text.
fn borrowed<'a>(line: &'a Line<'_>) -> Line<'a> {
    Line {
        spans: line
            .spans
            .iter()
            .map(|span| Span::styled(span.content.as_ref(), span.style))
            .collect(),
        ..*line
    }
}

/// The session as a readable document: where it is saved, then every answer under its step and
/// question.
pub fn document(reader: &Reader, theme: &Theme) -> Text<'static> {
    let (session, path) = (&reader.session, &reader.path);
    let mut lines = Vec::new();
    if reader.just_finished {
        lines.push(Line::from(vec![
            Span::styled("✓ Saved to ", theme.ok),
            Span::styled(path.display().to_string(), theme.text),
        ]));
    } else {
        lines.push(Line::styled(path.display().to_string(), theme.dim));
    }
    let started = session.started.format("%Y-%m-%d %H:%M");
    lines.push(Line::styled(
        format!(
            "{} · {started} · {}",
            session.script.title,
            session.status.label()
        ),
        theme.dim,
    ));
    if session.status == Status::Complete {
        lines.push(Line::styled(session.closing_words(), theme.ok));
    }
    // Said at the top: two texts of one session are worth reading side by side.
    for kept in &reader.other_machine {
        lines.push(Line::from(vec![
            Span::styled("Changed on another machine at the same time: ", theme.heading),
            Span::styled("the other version is kept in ", theme.text),
            Span::styled(kept.display().to_string(), theme.dim),
        ]));
    }
    // Said at the top, where the session ends, so that it can be mended now: a promise whose
    // date was not understood would silently never come back.
    let undated: Vec<String> = session
        .commitments
        .iter()
        .filter(|c| c.status == CommitmentStatus::Open && c.due.is_none() && !c.by.trim().is_empty())
        .map(|c| format!("\"{}\" ({})", c.by.trim(), c.action))
        .collect();
    if !undated.is_empty() {
        lines.push(Line::styled(
            format!(
                "Not understood as a date, so no check-in will come: {}. Edit the line to give a day.",
                undated.join(", ")
            ),
            theme.error,
        ));
    }
    if let Some(feelings) = session.feelings_words() {
        lines.push(Line::from(vec![
            Span::styled("How you felt about it (private): ", theme.dim),
            Span::styled(feelings, theme.text),
        ]));
    }
    for (i, step) in session.steps.iter().enumerate() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{}. {}", i + 1, step.title), theme.title));
        // The opening and closing check-ins are said once, above, side by side.
        let (before, after) = session.feeling_positions();
        let said_above = |p: usize| {
            [before, after]
                .iter()
                .flatten()
                .any(|pos| pos.step == i && pos.prompt == p)
        };
        for (_, prompt) in step.prompts.iter().enumerate().filter(|(p, _)| !said_above(*p)) {
            lines.push(Line::raw(""));
            let mut question = vec![Span::styled(prompt.ask.clone(), theme.heading)];
            if prompt.is_private() {
                question.push(Span::styled("  (private)", theme.dim));
            }
            lines.push(Line::from(question));
            if prompt.is_answered() {
                lines.extend(
                    prompt
                        .answer_lines("• ")
                        .into_iter()
                        .map(|l| Line::styled(l, theme.text)),
                );
            } else {
                lines.push(Line::styled("(no answer)", theme.dim));
            }
        }
    }
    if let Some(apology) = &session.apology {
        lines.push(Line::raw(""));
        lines.push(Line::styled("The apology", theme.title));
        lines.extend(
            apology
                .message()
                .lines()
                .map(|l| Line::styled(format!("  {l}"), theme.text)),
        );
    }
    if !session.commitments.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Commitments", theme.title));
        for c in &session.commitments {
            let (mark, style) = match c.status {
                CommitmentStatus::Open => ("○", theme.text),
                CommitmentStatus::Done => ("✓", theme.done),
                CommitmentStatus::Dropped => ("–", theme.dim),
            };
            let what = c.describe();
            let mut detail = format!(" · {}", c.owner);
            if let Some(by) = c.by_when() {
                detail.push_str(&format!(" · by {by}"));
            }
            detail.push_str(&format!(" · {}", c.status.label()));
            let mut line = vec![
                Span::styled(format!("{mark} {what}"), style),
                Span::styled(detail, theme.dim),
            ];
            if c.status == CommitmentStatus::Open && c.due.is_none() && !c.by.trim().is_empty() {
                // Said here, where the session ends, so it can be mended: no check-in will come.
                line.push(Span::styled(
                    format!(
                        " · \"{}\" is not a date I understand, so no check-in will come",
                        c.by.trim()
                    ),
                    theme.error,
                ));
            }
            lines.push(Line::from(line));
            for h in &c.history {
                lines.push(Line::styled(format!("    {}", h.summary()), theme.dim));
            }
        }
    }
    Text::from(lines)
}

/// Draws the reader.
pub fn draw(app: &App, reader: &Reader, state: &mut ReaderState, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let [header, body, footer] =
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let title = reader.session.title();
    let title = if title.is_empty() {
        "(nothing written)".to_string()
    } else {
        title
    };
    // A draft is only read, not resumed, when another ownup is editing it.
    let right = match (reader.just_finished, reader.session.status) {
        (true, _) => "Finished",
        (false, crate::session::Status::Draft) => "Read-only",
        (false, crate::session::Status::Complete) => "",
    };
    super::header(theme, &title, right, frame, header);
    let body = super::reading_column(body);
    state.prepare(reader, theme, body.width);
    let max = state.height().saturating_sub(body.height);
    let scroll = state
        .scroll
        .resolve(&reader.scroll, max, body.height.max(1), |needle| {
            row_of(&state.document, &state.starts, needle)
        });
    frame.render_widget(Paragraph::new(state.visible(scroll, body.height)), body);
    // A notice (exported, could not delete…) sits over the bottom of the page until the next key.
    if let Some(notice) = &app.notice {
        let style = if notice.is_error { theme.error } else { theme.ok };
        let text = Paragraph::new(Line::styled(notice.text.clone(), style)).wrap(Wrap { trim: true });
        let rows = super::wrapped_height(&text, body.width)
            .clamp(1, 3)
            .min(body.height);
        let [_, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Length(rows)]).areas(body);
        frame.render_widget(Clear, bottom);
        frame.render_widget(text, bottom);
    }

    let position = if max == 0 {
        None
    } else {
        let percent = u32::from(scroll) * 100 / u32::from(max);
        Some(Span::styled(format!("{percent}%"), theme.dim))
    };
    super::footer(app, position, frame, footer);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_shown_are_the_document_wrapped_from_the_row_asked() {
        let document = Text::from(vec![
            Line::raw("It was my fault, and I am sorry ."),
            Line::raw(""),
            Line::raw("• I will run the suite before every merge."),
        ]);
        let (rows, starts) = wrap_document(&document, 16);
        let state = ReaderState {
            document,
            rows,
            starts,
            width: 16,
            ..ReaderState::default()
        };
        let shown = |from, n| -> Vec<String> {
            state
                .visible(from, n)
                .lines
                .iter()
                .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        assert_eq!(
            shown(0, 20),
            [
                "It was my fault,",
                "and I am sorry .",
                "",
                "• I will run the",
                "  suite before",
                "  every merge."
            ]
        );
        assert_eq!(state.starts, [0, 2, 3, 6]);
        assert_eq!(state.height(), 6);
        assert_eq!(shown(4, 5), ["  suite before", "  every merge."]);
        assert_eq!(shown(9, 5), Vec::<String>::new());
    }

    #[test]
    fn a_version_kept_from_another_machine_is_said_at_the_top_with_where_it_is() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        let session = crate::session::Session::new("x".into(), &crate::script::Script::default_script(), now);
        let kept = "/d/revisions/x/20261122-234501-other-machine.ron";
        let mut reader = Reader {
            shown: 1,
            session,
            path: "/d/sessions/x.ron".into(),
            scroll: Default::default(),
            just_finished: false,
            other_machine: vec![kept.into()],
        };
        let text = |reader: &Reader| -> Vec<String> {
            document(reader, &Theme::mono())
                .lines
                .iter()
                .map(|line| line.spans.iter().map(|s| s.content.as_ref()).collect())
                .collect()
        };
        let lines = text(&reader);
        assert_eq!(lines[0], "/d/sessions/x.ron");
        assert_eq!(
            lines[2],
            format!("Changed on another machine at the same time: the other version is kept in {kept}")
        );
        reader.other_machine.clear();
        assert!(!text(&reader).iter().any(|line| line.contains("another machine")));
    }
}
