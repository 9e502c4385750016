//! How the app looks, as config.ron says: the theme, and colours for screen elements. No
//! terminal code: the TUI maps these onto its styles and colours, one `match` each.

use serde::Deserialize;

use crate::names::{self, Named};

/// The themes there are; config.ron names them `auto`, `default`, `light`, `high-contrast`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// `Light` when the terminal says its background is light, else `Default`.
    #[default]
    Auto,
    /// Calm colours for a dark background.
    Default,
    /// For terminals with a light background.
    Light,
    /// Strong contrast, nothing dimmed.
    HighContrast,
}

impl Named for Theme {
    const WHAT: &'static str = "a theme";
}

/// The screen elements whose colour can be set, by their config.ron names (`heading`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// The app name and screen titles.
    Title,
    /// Questions and headings.
    Heading,
    /// Body text.
    Text,
    /// Hints, intros and secondary text.
    Dim,
    /// The current step, the selected row.
    Current,
    /// Steps that are done.
    Done,
    /// Steps still ahead.
    Pending,
    /// Key names in the footer and help.
    Key,
    /// The footer bar.
    Footer,
    /// The selected row of a list (its background).
    Selected,
    /// Errors and warnings.
    Error,
    /// Good news ("saved").
    Ok,
    /// The editor border.
    Border,
    /// The cursor in the editor.
    Cursor,
    /// Characters matched by a search.
    Highlight,
}

impl Named for Element {
    const WHAT: &'static str = "a screen element";
}

/// The sixteen colours of the terminal's palette, and its default colour (`reset`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NamedColour {
    /// The terminal's own colour.
    Reset,
    /// Black.
    Black,
    /// Red.
    Red,
    /// Green.
    Green,
    /// Yellow.
    Yellow,
    /// Blue.
    Blue,
    /// Magenta.
    Magenta,
    /// Cyan.
    Cyan,
    /// Gray.
    Gray,
    /// Dark gray.
    DarkGray,
    /// Light red.
    LightRed,
    /// Light green.
    LightGreen,
    /// Light yellow.
    LightYellow,
    /// Light blue.
    LightBlue,
    /// Light magenta.
    LightMagenta,
    /// Light cyan.
    LightCyan,
    /// White.
    White,
}

impl Named for NamedColour {
    const WHAT: &'static str = "a colour";
}

/// A colour as written in config.ron.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Colour {
    /// A colour of the palette, by name.
    Named(NamedColour),
    /// `#rrggbb`.
    Rgb(u8, u8, u8),
    /// A number of the 256-colour palette.
    Indexed(u8),
}

impl Colour {
    /// Parses a colour as ratatui's `Color::from_str` does: a name (`yellow`, `LightBlue`,
    /// `light-blue`, `bright blue`, `grey`), `#ffaa00` or `208`.
    pub fn parse(text: &str) -> Result<Colour, String> {
        let name = text
            .to_lowercase()
            .replace([' ', '-', '_'], "")
            .replace("bright", "light")
            .replace("grey", "gray")
            .replace("silver", "gray")
            .replace("lightblack", "darkgray")
            .replace("lightwhite", "white")
            .replace("lightgray", "white");
        if let Some(named) = names::lookup(&name) {
            return Ok(Colour::Named(named));
        }
        if let Ok(index) = text.parse::<u8>() {
            return Ok(Colour::Indexed(index));
        }
        if let Some((r, g, b)) = hex(text) {
            return Ok(Colour::Rgb(r, g, b));
        }
        Err(format!(
            "\"{text}\" is not a colour — use a name ({}), \"#rrggbb\" or a number from 0 to 255",
            names::names::<NamedColour>()[1..].join(", ")
        ))
    }
}

/// `#rrggbb` as its three parts.
fn hex(text: &str) -> Option<(u8, u8, u8)> {
    let digits = text.strip_prefix('#').filter(|d| d.len() == 6)?;
    let part = |at: usize| u8::from_str_radix(digits.get(at..at + 2)?, 16).ok();
    Some((part(0)?, part(2)?, part(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_names_hex_and_palette_numbers() {
        let light_blue = Colour::Named(NamedColour::LightBlue);
        for text in ["LightBlue", "light-blue", "light_blue", "bright blue"] {
            assert_eq!(Colour::parse(text), Ok(light_blue), "{text}");
        }
        assert_eq!(Colour::parse("grey"), Ok(Colour::Named(NamedColour::Gray)));
        assert_eq!(Colour::parse("#ff8800"), Ok(Colour::Rgb(255, 136, 0)));
        assert_eq!(Colour::parse("208"), Ok(Colour::Indexed(208)));
        assert!(Colour::parse("#ff88").is_err());
        assert!(Colour::parse("#ff88€").is_err());
        assert!(Colour::parse("256").is_err());
    }

    #[test]
    fn names_are_those_of_the_derive() {
        assert_eq!(
            names::names::<Theme>(),
            ["auto", "default", "light", "high-contrast"]
        );
        assert_eq!(names::names::<Element>().len(), 15);
        assert_eq!(names::names::<NamedColour>()[9], "darkgray");
    }
}
