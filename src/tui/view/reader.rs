//! Reading a session as a document: the summary after finishing, or a past session.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use std::path::Path;

use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use crate::session::{CommitmentStatus, Session, Status};

use crate::tui::app::{App, Reader};
use crate::tui::theme::Theme;

/// Rows of the screen not used by the document: header and footer.
const CHROME_ROWS: u16 = 2;

/// Rows available to the document at this terminal size.
pub fn body_height(size: (u16, u16)) -> u16 {
    size.1.saturating_sub(CHROME_ROWS)
}

/// The wrapped row where the first document line containing `needle` starts, at this size.
pub fn row_of(reader: &Reader, needle: &str, size: (u16, u16)) -> Option<u16> {
    let width = super::reading_column(Rect::new(0, 0, size.0, size.1)).width;
    let lines = &reader.document.lines;
    let found = lines.iter().position(|line| {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        text.contains(needle)
    })?;
    let before = Paragraph::new(Text::from(lines[..found].to_vec())).wrap(Wrap { trim: false });
    Some(super::wrapped_height(&before, width))
}

/// The furthest the document can scroll at this terminal size.
pub fn max_scroll(reader: &Reader, size: (u16, u16)) -> u16 {
    let width = super::reading_column(Rect::new(0, 0, size.0, size.1)).width;
    let height = super::wrapped_height(&paragraph(reader), width);
    height.saturating_sub(body_height(size))
}

fn paragraph(reader: &Reader) -> Paragraph<'_> {
    Paragraph::new(reader.document.clone()).wrap(Wrap { trim: false })
}

/// The session as a readable document: where it is saved, then every answer under its step and
/// question.
pub fn document(session: &Session, path: &Path, just_finished: bool, theme: &Theme) -> Text<'static> {
    let mut lines = Vec::new();
    if just_finished {
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
        lines.push(Line::styled(
            "You did the hard part: you looked at it squarely. Come back to check on what you promised.",
            theme.ok,
        ));
    }
    for (i, step) in session.steps.iter().enumerate() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{}. {}", i + 1, step.title), theme.title));
        for prompt in &step.prompts {
            lines.push(Line::raw(""));
            let mut question = vec![Span::styled(prompt.ask.clone(), theme.heading)];
            if prompt.private {
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
            lines.push(Line::from(vec![
                Span::styled(format!("{mark} {what}"), style),
                Span::styled(detail, theme.dim),
            ]));
            for h in &c.history {
                lines.push(Line::styled(format!("    {}", h.summary()), theme.dim));
            }
        }
    }
    Text::from(lines)
}

/// Draws the reader.
pub fn draw(app: &App, reader: &Reader, frame: &mut Frame, area: Rect) {
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
    frame.render_widget(paragraph(reader).scroll((reader.scroll, 0)), body);
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

    let max = max_scroll(reader, (area.width, area.height));
    let position = if max == 0 {
        None
    } else {
        let percent = u32::from(reader.scroll) * 100 / u32::from(max);
        Some(Span::styled(format!("{percent}%"), theme.dim))
    };
    super::footer(app, position, frame, footer);
}
