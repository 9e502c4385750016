//! The help overlay: every key of the current screen, from the keymap table.

use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::tui::app::{App, Screen};
use crate::tui::keys::{self, Context};

/// Draws the help box over the current screen.
pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let context = match app.screen {
        Screen::Home(_) => Context::Home,
        Screen::Writing(_) => Context::Writing,
        Screen::Reader(_) => Context::Reader,
    };
    let label_width = keys::bindings(context)
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0)
        .max(9);
    let row = |label: &str, what: &str| {
        Line::from(vec![
            Span::styled(format!("  {label:>label_width$}  "), theme.key),
            Span::styled(what.to_string(), theme.text),
        ])
    };
    let mut lines = Vec::new();
    if context == Context::Writing {
        lines.push(row("typing", "writes your answer"));
        lines.push(row("Enter", "starts a new line"));
        lines.push(row("Ctrl-U", "undo (Ctrl-R redo)"));
    }
    for binding in keys::bindings(context) {
        lines.push(row(binding.label, binding.help));
    }
    lines.push(Line::raw(""));
    let close = if context == Context::Writing {
        "  Esc or F1 closes this help. In the editor, ? is just a character."
    } else {
        "  Esc, ? or F1 closes this help."
    };
    lines.push(Line::styled(close, theme.dim));

    let width = area.width.saturating_sub(4).min(70);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let height =
        (super::wrapped_height(&paragraph, width.saturating_sub(2)) + 2).min(area.height.saturating_sub(2));
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [popup] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        paragraph.block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(theme.border)
                .title(Span::styled(" Keys ", theme.title)),
        ),
        popup,
    );
}
