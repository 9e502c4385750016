//! The check-in screen: one due commitment at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::session::Outcome;
use crate::tui::app::{App, CheckIn, Stage};
use crate::tui::keys::{Action, Context};

/// Draws the check-in screen.
pub fn draw(app: &App, state: &CheckIn, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let [header, _, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let progress = format!("{} of {}", state.current + 1, state.items.len());
    super::header(theme, "ownup · Check in", &progress, frame, header);
    let body = super::reading_column(body);
    let Some(item) = state.items.get(state.current) else {
        return;
    };
    let today = app.now.date_naive();
    let late = (today - item.due).num_days();
    let when = match late {
        0 => "due today".to_string(),
        1 => "due yesterday".to_string(),
        n => format!("due {n} days ago"),
    };
    let mut lines = vec![
        Line::styled(item.action.clone(), theme.heading),
        Line::styled(
            format!("{} · {when} ({})", item.owner, item.due.format("%a %d %b")),
            theme.dim,
        ),
        Line::styled(
            if item.title.is_empty() {
                format!("from session {}", item.session)
            } else {
                format!("from “{}”", item.title)
            },
            theme.dim,
        ),
        Line::raw(""),
    ];
    let key = |k: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {k}  "), theme.key),
            Span::styled(what.to_string(), theme.text),
        ])
    };
    match &state.stage {
        Stage::Choose => {
            lines.push(Line::styled(
                if item.plan {
                    "Did the plan fire? What happened?"
                } else {
                    "How did it go?"
                },
                theme.heading,
            ));
            lines.push(key("d", "done"));
            lines.push(key("n", "not yet — set a new date"));
            lines.push(key("x", "drop it — it no longer makes sense"));
            lines.push(key("s", "skip for now"));
        }
        Stage::NewDate => {
            lines.push(Line::styled("Not yet. By when, now?", theme.heading));
            if state.error.is_none() {
                lines.push(Line::styled(
                    format!("e.g. {}", crate::dates::DATE_EXAMPLES),
                    theme.dim,
                ));
            }
        }
        Stage::DoneOn => {
            lines.push(Line::styled("Done. Which day?", theme.heading));
            if state.error.is_none() {
                lines.push(Line::styled(
                    format!("e.g. {}", crate::dates::PAST_DATE_EXAMPLES),
                    theme.dim,
                ));
            }
        }
        Stage::Note(outcome, due) => {
            let ask = match (outcome, due) {
                (Outcome::Done, Some(day)) => {
                    format!("Done on {}. What happened? (optional)", day.format("%a %d %b"))
                }
                (Outcome::Done, None) => "Done. What happened? (optional)".to_string(),
                (Outcome::NotYet, Some(due)) => {
                    format!(
                        "Moved to {}. What is in the way? (optional)",
                        due.format("%a %d %b")
                    )
                }
                (Outcome::NotYet, None) => "What is in the way? (optional)".to_string(),
                (Outcome::Dropped, _) => "Dropped. Why let it go? (optional)".to_string(),
            };
            lines.push(Line::styled(ask, theme.heading));
            if *outcome == Outcome::Done {
                let tab = app
                    .keymap
                    .bindings(Context::CheckInText)
                    .find(|b| b.action == Action::DoneOn)
                    .map_or_else(|| "Tab".to_string(), |b| b.label.clone());
                let hint = match due {
                    None => format!("Done another day? {tab} says which."),
                    Some(_) => format!("{tab} changes the day."),
                };
                lines.push(Line::styled(hint, theme.dim));
            }
        }
    }
    // A problem shows right under the question, where it is seen even on a small screen.
    if let Some(err) = &state.error {
        lines.push(Line::styled(err.clone(), theme.error));
    }
    // The commitments are the person's words: wrapped as the answer box wraps them.
    let rows = super::wrapped::all_rows(&lines, body.width);
    let text_rows = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let text = Paragraph::new(rows);
    let typing = state.stage != Stage::Choose;
    let [text_area, field_area] = Layout::vertical([
        Constraint::Length(text_rows.min(body.height.saturating_sub(if typing { 2 } else { 0 }))),
        Constraint::Length(if typing { 2 } else { 0 }),
    ])
    .areas(body);
    frame.render_widget(text, text_area);
    if typing {
        let [_, line] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(field_area);
        let [mark, input] = Layout::horizontal([Constraint::Length(2), Constraint::Fill(1)]).areas(line);
        frame.render_widget(Span::styled("› ", theme.key), mark);
        frame.render_widget(&state.field, input);
    }
    super::footer(app, None, frame, footer);
}
