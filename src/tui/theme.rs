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

/// How many colours a terminal shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// 24-bit colour (`COLORTERM=truecolor` or `24bit`).
    Full,
    /// The 256-colour palette (`TERM=…-256color`).
    Palette,
    /// The 16 basic colours (the Linux console, `TERM=xterm`, `screen`, `vt100`…).
    Basic,
}

impl Depth {
    /// The colours a terminal shows, from `TERM` and `COLORTERM`.
    pub fn of_terminal(term: &str, colorterm: &str) -> Depth {
        if matches!(colorterm, "truecolor" | "24bit") || term.contains("direct") {
            Depth::Full
        } else if term.contains("256") {
            Depth::Palette
        } else {
            Depth::Basic
        }
    }
}

/// The colour a terminal of `depth` shows for `color`: the nearest in its palette.
fn within(color: Color, depth: Depth) -> Color {
    match (color, depth) {
        (_, Depth::Full) => color,
        (Color::Rgb(r, g, b), Depth::Palette) => Color::Indexed(cube_index(r, g, b)),
        (Color::Rgb(r, g, b), Depth::Basic) => nearest_basic((r, g, b)),
        (Color::Indexed(i), Depth::Basic) if i >= 16 => nearest_basic(indexed_rgb(i)),
        (Color::Indexed(i), Depth::Basic) => basic(usize::from(i)),
        _ => color,
    }
}

/// The 16 basic colours, in palette order, with their usual look.
const BASIC: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

fn basic(i: usize) -> Color {
    BASIC.get(i).map_or(Color::Reset, |(c, _)| *c)
}

fn nearest_basic((r, g, b): (u8, u8, u8)) -> Color {
    let distance = |(r2, g2, b2): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, r2) + d(g, g2) + d(b, b2)
    };
    BASIC
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb))
        .map_or(Color::Reset, |(c, _)| *c)
}

/// The 6x6x6 cube's index nearest to a colour.
fn cube_index(r: u8, g: u8, b: u8) -> u8 {
    let step = |v: u8| ((u16::from(v) * 5 + 127) / 255) as u8;
    16 + 36 * step(r) + 6 * step(g) + step(b)
}

/// How a 256-palette colour looks.
fn indexed_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => BASIC[usize::from(i)].1,
        16..=231 => {
            let i = i - 16;
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        _ => {
            let grey = 8 + (i - 232) * 10;
            (grey, grey, grey)
        }
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
    /// The same theme as a terminal of `depth` shows it.
    pub fn within(self, depth: Depth) -> Theme {
        let style = |s: Style| Style {
            fg: s.fg.map(|c| within(c, depth)),
            bg: s.bg.map(|c| within(c, depth)),
            ..s
        };
        Theme {
            title: style(self.title),
            heading: style(self.heading),
            text: style(self.text),
            dim: style(self.dim),
            current: style(self.current),
            done: style(self.done),
            pending: style(self.pending),
            key: style(self.key),
            footer: style(self.footer),
            selected: style(self.selected),
            error: style(self.error),
            ok: style(self.ok),
            border: style(self.border),
            cursor: style(self.cursor),
            highlight: style(self.highlight),
        }
    }

    /// The theme config.ron asks for, with its colours; `NO_COLOR` (set and not empty) wins
    /// over both. On a terminal that shows fewer colours than the theme uses, each colour is
    /// brought down to the nearest one it has (see [`Depth::of_terminal`]). For the `auto`
    /// theme, `light_background` says whether the terminal's background is light; it is asked
    /// only then, and only when there is colour.
    pub fn configured(config: &Config, light_background: impl FnOnce() -> bool) -> Theme {
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return Theme::mono();
        }
        let env = |name: &str| std::env::var(name).unwrap_or_default();
        let depth = Depth::of_terminal(&env("TERM"), &env("COLORTERM"));
        Theme::chosen(config, light_background).within(depth)
    }

    /// The theme config.ron asks for, at full colour.
    fn chosen(config: &Config, light_background: impl FnOnce() -> bool) -> Theme {
        let mut theme = match config.theme {
            config::Theme::Auto if light_background() => Theme::light(),
            config::Theme::Auto | config::Theme::Default => Theme::colour(),
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

    #[test]
    fn colours_come_down_to_what_the_terminal_shows() {
        assert_eq!(Depth::of_terminal("xterm-256color", "truecolor"), Depth::Full);
        assert_eq!(Depth::of_terminal("xterm-256color", ""), Depth::Palette);
        assert_eq!(Depth::of_terminal("linux", ""), Depth::Basic);
        assert_eq!(Depth::of_terminal("xterm", ""), Depth::Basic);
        assert_eq!(Depth::of_terminal("", ""), Depth::Basic);
        assert_eq!(within(Color::Rgb(250, 10, 10), Depth::Basic), Color::LightRed);
        assert_eq!(within(Color::Rgb(0, 0, 0), Depth::Palette), Color::Indexed(16));
        assert_eq!(
            within(Color::Rgb(255, 255, 255), Depth::Palette),
            Color::Indexed(231)
        );
        assert_eq!(within(Color::Indexed(196), Depth::Basic), Color::LightRed);
        assert_eq!(within(Color::Indexed(244), Depth::Basic), Color::DarkGray);
        assert_eq!(within(Color::Rgb(1, 2, 3), Depth::Full), Color::Rgb(1, 2, 3));
        // Every built-in theme, brought down to 16 colours, uses only the 16.
        for theme in [Theme::colour(), Theme::light(), Theme::high_contrast()] {
            let basic = theme.within(Depth::Basic);
            for style in [
                basic.title,
                basic.text,
                basic.dim,
                basic.current,
                basic.selected,
                basic.key,
                basic.highlight,
            ] {
                for colour in [style.fg, style.bg].into_iter().flatten() {
                    assert!(
                        !matches!(colour, Color::Rgb(..)) && !matches!(colour, Color::Indexed(16..)),
                        "{colour:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn auto_asks_the_terminal_and_a_named_theme_never_does() {
        let with = |theme| Config {
            theme,
            ..Config::default()
        };
        let auto = with(config::Theme::Auto);
        assert_eq!(Theme::chosen(&auto, || true), Theme::light());
        assert_eq!(Theme::chosen(&auto, || false), Theme::colour());
        for (named, theme) in [
            (config::Theme::Default, Theme::colour()),
            (config::Theme::Light, Theme::light()),
            (config::Theme::HighContrast, Theme::high_contrast()),
        ] {
            let asked = std::cell::Cell::new(false);
            let chosen = Theme::chosen(&with(named), || {
                asked.set(true);
                true
            });
            assert_eq!(chosen, theme);
            assert!(!asked.get(), "{named:?} asked the terminal");
        }
        assert_eq!(Config::default().theme, config::Theme::Auto);
    }

    proptest! {
        #[test]
        fn any_text_parses_as_in_ratatui(text in "\\PC{0,12}|#[0-9a-fA-F]{6}|[0-9]{1,3}") {
            agrees_with_ratatui(&text);
        }
    }
}
