//! Colours and styles in one place. With `NO_COLOR` set, only bold, dim, italic and reverse
//! are used, so every screen still reads on a monochrome terminal.

use ratatui::style::{Color, Modifier, Style};

use crate::config::{self, Colour, Config, Element, NamedColour};

/// The terminal colour for a config.ron colour.
fn to_color(colour: Colour) -> Color {
    match colour {
        Colour::Named(named) => match named {
            NamedColour::Reset => Color::Reset,
            NamedColour::Black => Color::Black,
            NamedColour::Red => Color::Red,
            NamedColour::Green => Color::Green,
            NamedColour::Yellow => Color::Yellow,
            NamedColour::Blue => Color::Blue,
            NamedColour::Magenta => Color::Magenta,
            NamedColour::Cyan => Color::Cyan,
            NamedColour::Gray => Color::Gray,
            NamedColour::DarkGray => Color::DarkGray,
            NamedColour::LightRed => Color::LightRed,
            NamedColour::LightGreen => Color::LightGreen,
            NamedColour::LightYellow => Color::LightYellow,
            NamedColour::LightBlue => Color::LightBlue,
            NamedColour::LightMagenta => Color::LightMagenta,
            NamedColour::LightCyan => Color::LightCyan,
            NamedColour::White => Color::White,
        },
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
        let mut theme = match config.theme {
            config::Theme::Default => Theme::colour(),
            config::Theme::Light => Theme::light(),
            config::Theme::HighContrast => Theme::high_contrast(),
        };
        for (&element, &colour) in &config.colors {
            let colour = to_color(colour);
            let style = match element {
                Element::Title => &mut theme.title,
                Element::Heading => &mut theme.heading,
                Element::Text => &mut theme.text,
                Element::Dim => &mut theme.dim,
                Element::Current => &mut theme.current,
                Element::Done => &mut theme.done,
                Element::Pending => &mut theme.pending,
                Element::Key => &mut theme.key,
                Element::Footer => &mut theme.footer,
                Element::Selected => {
                    // The selected row is marked by its background.
                    theme.selected = theme.selected.bg(colour);
                    continue;
                }
                Element::Error => &mut theme.error,
                Element::Ok => &mut theme.ok,
                Element::Border => &mut theme.border,
                Element::Cursor => &mut theme.cursor,
                Element::Highlight => &mut theme.highlight,
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

#[cfg(test)]
mod tests {
    use std::str::FromStr as _;

    use proptest::prelude::*;

    use super::*;

    /// Colours config.ron accepts are the ones ratatui would parse, to the same colour.
    fn agrees_with_ratatui(text: &str) {
        let ours = Colour::parse(text).ok().map(to_color);
        assert_eq!(ours, Color::from_str(text).ok(), "{text:?}");
    }

    #[test]
    fn colours_parse_as_ratatui_parses_them() {
        for named in crate::names::names::<NamedColour>() {
            agrees_with_ratatui(named);
        }
        for text in [
            "LightBlue",
            "light-blue",
            "bright_red",
            "Grey",
            "silver",
            "light black",
            "lightgray",
            "lightwhite",
            "#FFaa00",
            "#ffaa0",
            "0",
            "255",
            "256",
            "-1",
            "purplish",
            "",
        ] {
            agrees_with_ratatui(text);
        }
    }

    proptest! {
        #[test]
        fn any_text_parses_as_in_ratatui(text in "\\PC{0,12}|#[0-9a-fA-F]{6}|[0-9]{1,3}") {
            agrees_with_ratatui(&text);
        }
    }
}
