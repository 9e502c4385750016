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

/// Columns `text` takes on the screen.
fn cols(text: &str) -> usize {
    Span::raw(text).width()
}

/// The widest the help box grows: a comfortable reading width.
const MOST_COLUMNS: u16 = 84;

/// One row of the help: the keys (each once, `F1 ?`) and what they do.
struct Row {
    keys: String,
    help: &'static str,
}

/// The help's rows: one per action, its keys joined, each key once.
fn rows(app: &App, context: Context) -> Vec<Row> {
    let mut rows: Vec<(Vec<String>, &'static str, Option<Action>)> = Vec::new();
    for binding in app.keymap.bindings(context) {
        let index = match rows
            .iter()
            .position(|(_, _, action)| *action == Some(binding.action))
        {
            Some(index) => index,
            None => {
                rows.push((Vec::new(), binding.help, Some(binding.action)));
                rows.len() - 1
            }
        };
        // A label may name several keys ("↑ k"), and another binding one of them again.
        let labels = &mut rows[index].0;
        for key in binding.label.split(' ') {
            if !labels.iter().any(|label| label == key) {
                labels.push(key.to_string());
            }
        }
    }
    if context == Context::Writing {
        rows.extend(
            crate::tui::field::KEYS
                .iter()
                .map(|(keys, help)| (vec![keys.to_string()], *help, None)),
        );
    }
    rows.into_iter()
        .map(|(labels, help, _)| Row {
            keys: labels.join(" "),
            help,
        })
        .collect()
}

/// The help text at `width` columns (inside the border): keys right-aligned in one column,
/// what they do beside them, wrapped under itself.
fn lines(app: &App, context: Context, width: u16) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let rows = rows(app, context);
    let key_width = rows.iter().map(|row| cols(&row.keys)).max().unwrap_or(0);
    let indent = key_width + 3;
    let room = usize::from(width).saturating_sub(indent + 1).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for row in rows {
        let pad = key_width.saturating_sub(cols(&row.keys));
        for (i, part) in wrap_words(row.help, room).into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(format!(" {}{}  ", " ".repeat(pad), row.keys), theme.key)
            } else {
                Span::raw(" ".repeat(indent))
            };
            lines.push(Line::from(vec![lead, Span::styled(part, theme.text)]));
        }
    }
    lines.push(Line::raw(""));
    let close = match context {
        Context::Writing => " Esc or F1 closes; ? is text here.",
        _ => " Esc, ? or F1 closes.",
    };
    lines.push(Line::styled(close, theme.dim));
    lines
}

/// `text` in lines of at most `width` columns, wrapped by the one rule for all text
/// ([`crate::wrap`]).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    crate::wrap::wrap(text, width)
        .into_iter()
        .map(|line| text[line.range].trim_end().to_string())
        .collect()
}

/// The columns of the box: as wide as its widest row needs, up to a reading width and the
/// screen.
fn box_width(app: &App, context: Context, area: Rect) -> u16 {
    let rows = rows(app, context);
    let key_width = rows.iter().map(|row| cols(&row.keys)).max().unwrap_or(0);
    let help_width = rows.iter().map(|row| cols(row.help)).max().unwrap_or(0);
    let wanted = u16::try_from(key_width + help_width + 6).unwrap_or(u16::MAX);
    wanted.min(MOST_COLUMNS).min(area.width.saturating_sub(2))
}

/// Draws the help box over the current screen.
pub fn draw(app: &App, state: &mut ScrollState, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let context = context(app);
    let width = box_width(app, context, area);
    let lines = lines(app, context, width.saturating_sub(2));
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = super::centered(area, width, height);
    let visible = height.saturating_sub(2);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_text_wraps_at_spaces_like_all_text() {
        assert_eq!(
            wrap_words("open the session (a draft to write)", 12),
            ["open the", "session (a", "draft to", "write)"]
        );
        assert_eq!(
            wrap_words("titles and answers (status:draft)", 20),
            ["titles and answers", "(status:draft)"]
        );
        assert_eq!(wrap_words("", 5), [""]);
    }
}
