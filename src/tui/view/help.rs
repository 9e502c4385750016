//! The help overlay: every key of the current screen, from the keymap table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::ScrollState;
use crate::tui::app::{App, Screen};
use crate::tui::keys::{Action, Context};

/// The context whose keys the help describes: the screen under the overlay.
fn context(app: &App) -> Context {
    match app.screen {
        Screen::Home => Context::Home,
        Screen::Writing(_) => Context::Writing,
        Screen::Reader(_) => Context::Reader,
        Screen::CheckIn(_) => Context::CheckIn,
        Screen::Stats(_) => Context::Stats,
    }
}

/// The help text: one row per action, its keys joined (`F1 ?`).
fn lines(app: &App, context: Context) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut rows: Vec<(String, &str, Option<Action>)> = Vec::new();
    for binding in app.keymap.bindings(context) {
        match rows
            .iter_mut()
            .find(|(_, _, action)| *action == Some(binding.action))
        {
            Some(row) => row.0 = format!("{} {}", row.0, binding.label),
            None => rows.push((binding.label.clone(), binding.help, Some(binding.action))),
        }
    }
    if context == Context::Writing {
        rows.extend(
            crate::tui::field::KEYS
                .iter()
                .map(|(keys, help)| (keys.to_string(), *help, None)),
        );
    }
    let label_width = rows
        .iter()
        .map(|(label, _, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(label, help, _)| {
            Line::from(vec![
                Span::styled(format!(" {label:>label_width$}  "), theme.key),
                Span::styled(help.to_string(), theme.text),
            ])
        })
        .collect();
    lines.push(Line::raw(""));
    let close = match context {
        Context::Writing => " Esc or F1 closes; ? is text here.",
        _ => " Esc, ? or F1 closes.",
    };
    lines.push(Line::styled(close, theme.dim));
    lines
}

/// Where the box goes, and how many lines of help it holds.
fn popup(area: Rect, line_count: usize) -> (Rect, u16) {
    let width = area.width.saturating_sub(2).min(56);
    let height = (line_count as u16 + 2).min(area.height);
    (super::centered(area, width, height), height.saturating_sub(2))
}

/// Draws the help box over the current screen.
pub fn draw(app: &App, state: &mut ScrollState, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let lines = lines(app, context(app));
    let (popup, visible) = popup(area, lines.len());
    let hidden = (lines.len() as u16).saturating_sub(visible);
    let scroll = state.resolve(&app.help_scroll, hidden, visible.max(1), |_| None);
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" Keys ", theme.title));
    if hidden > 0 {
        block = block.title_bottom(Line::styled(" ↑↓ more ", theme.dim).right_aligned());
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)).block(block), popup);
}
