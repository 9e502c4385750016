//! Colours and styles in one place. With `NO_COLOR` set, only bold, dim, italic and reverse
//! are used, so every screen still reads on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Colour, Config};

/// The terminal colour for a config.ron colour (names in the order of
/// [`crate::config::COLOR_NAMES`]).
fn to_color(colour: Colour) -> Color {
    const NAMED: [Color; 17] = [
        Color::Reset,
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match colour {
        Colour::Named(i) => NAMED.get(i).copied().unwrap_or(Color::Reset),
        Colour::Rgb(r, g, b) => Color::Rgb(r, g, b),
        Colour::Indexed(i) => Color::Indexed(i),
    }
}

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
        Theme::configured(&Config::default())
    }

    /// The theme config.ron asks for, with its colours; `NO_COLOR` (set and not empty) wins
    /// over both.
    pub fn configured(config: &Config) -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Theme::mono();
        }
        let mut theme = match config.theme.as_str() {
            "light" => Theme::light(),
            "high-contrast" => Theme::high_contrast(),
            _ => Theme::colour(),
        };
        for (element, colour) in &config.colors {
            let Ok(colour) = Colour::parse(colour) else {
                continue;
            };
            let colour = to_color(colour);
            let style = match element.as_str() {
                "title" => &mut theme.title,
                "heading" => &mut theme.heading,
                "text" => &mut theme.text,
                "dim" => &mut theme.dim,
                "current" => &mut theme.current,
                "done" => &mut theme.done,
                "pending" => &mut theme.pending,
                "key" => &mut theme.key,
                "footer" => &mut theme.footer,
                "selected" => {
                    // The selected row is marked by its background.
                    theme.selected = theme.selected.bg(colour);
                    continue;
                }
                "error" => &mut theme.error,
                "ok" => &mut theme.ok,
                "border" => &mut theme.border,
                "cursor" => &mut theme.cursor,
                "highlight" => &mut theme.highlight,
                _ => continue,
            };
            *style = style.fg(colour);
        }
        theme
    }

    /// For terminals with a light background.
    pub fn light() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            title: bold.fg(Color::Blue),
            heading: bold,
            text: plain,
            dim: plain.fg(Color::DarkGray),
            current: bold.fg(Color::Blue),
            done: plain.fg(Color::Green),
            pending: plain.fg(Color::DarkGray),
            key: bold.fg(Color::Blue),
            footer: plain,
            selected: bold.bg(Color::Gray).fg(Color::Black),
            error: bold.fg(Color::Red),
            ok: plain.fg(Color::Green),
            border: plain.fg(Color::Blue),
            cursor: plain.add_modifier(Modifier::REVERSED),
            highlight: bold.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
        }
    }

    /// Strong contrast, nothing dimmed.
    pub fn high_contrast() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            title: bold.fg(Color::White),
            heading: bold.fg(Color::White),
            text: plain.fg(Color::White),
            dim: plain.fg(Color::White),
            current: bold.fg(Color::Yellow).add_modifier(Modifier::UNDERLINED),
            done: bold.fg(Color::LightGreen),
            pending: plain.fg(Color::White),
            key: bold.fg(Color::Yellow),
            footer: plain.fg(Color::White),
            selected: bold.add_modifier(Modifier::REVERSED),
            error: bold.fg(Color::LightRed),
            ok: bold.fg(Color::LightGreen),
            border: bold.fg(Color::White),
            cursor: plain.add_modifier(Modifier::REVERSED),
            highlight: bold.fg(Color::Black).bg(Color::Yellow),
        }
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
