//! Colours and styles in one place. With `NO_COLOR` set, only bold, dim, italic and reverse
//! are used, so every screen still reads on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

/// Every style the views use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// The app name and screen titles.
    pub title: Style,
    /// Questions and headings.
    pub heading: Style,
    /// Body text.
    pub text: Style,
    /// Hints, intros and secondary text.
    pub dim: Style,
    /// The current step, the selected row.
    pub current: Style,
    /// Steps that are done.
    pub done: Style,
    /// Steps still ahead.
    pub pending: Style,
    /// Key names in the footer and help.
    pub key: Style,
    /// The footer bar.
    pub footer: Style,
    /// The selected row of a list.
    pub selected: Style,
    /// Errors and warnings.
    pub error: Style,
    /// Good news ("saved").
    pub ok: Style,
    /// The editor border.
    pub border: Style,
    /// The cursor in the editor.
    pub cursor: Style,
    /// Characters matched by a search.
    pub highlight: Style,
}

impl Theme {
    /// The theme for this environment: monochrome when `NO_COLOR` is set and not empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if no_color { Theme::mono() } else { Theme::colour() }
    }

    /// Calm colours on the terminal's own background.
    pub fn colour() -> Theme {
        let plain = Style::new();
        Theme {
            title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: plain.add_modifier(Modifier::BOLD),
            text: plain,
            dim: plain.fg(Color::Gray).add_modifier(Modifier::DIM),
            current: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            done: plain.fg(Color::Green),
            pending: plain.fg(Color::Gray).add_modifier(Modifier::DIM),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            footer: plain,
            selected: plain.bg(Color::DarkGray).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            ok: plain.fg(Color::Green),
            border: plain.fg(Color::Cyan),
            cursor: plain.add_modifier(Modifier::REVERSED),
            highlight: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }

    /// No colours at all, for `NO_COLOR`.
    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        Theme {
            title: bold,
            heading: bold,
            text: plain,
            dim,
            current: bold.add_modifier(Modifier::UNDERLINED),
            done: plain,
            pending: dim,
            key: bold,
            footer: plain,
            selected: plain.add_modifier(Modifier::REVERSED),
            error: bold,
            ok: plain,
            border: plain,
            cursor: plain.add_modifier(Modifier::REVERSED),
            highlight: bold.add_modifier(Modifier::UNDERLINED),
        }
    }
}
