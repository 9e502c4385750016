//! Key names as written in config.ron (`"tab"`, `"ctrl-s"`, `"f2"`, `"/"`), parsed without any
//! terminal library; the TUI turns the terminal's key events into these to look them up.

use serde::de::{self, Deserialize, Deserializer};

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    /// A character key, e.g. `n`, `/`, `?`.
    Char(char),
    /// A function key, F1 to F12.
    F(u8),
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Enter.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Home.
    Home,
    /// End.
    End,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
}

/// A key with its Ctrl and Alt modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeySpec {
    /// The key.
    pub key: KeyName,
    /// Whether Ctrl is held.
    pub ctrl: bool,
    /// Whether Alt is held.
    pub alt: bool,
}

/// Ctrl-C, which always saves and quits.
pub const CTRL_C: KeySpec = KeySpec::ctrl('c');

/// Examples shown when a key name is not understood.
pub const KEY_EXAMPLES: &str =
    "\"tab\", \"shift-tab\", \"enter\", \"esc\", \"f2\", \"ctrl-s\", \"alt-n\", \"n\", \"/\"";

impl KeySpec {
    /// The key without modifiers.
    pub const fn plain(key: KeyName) -> KeySpec {
        KeySpec {
            key,
            ctrl: false,
            alt: false,
        }
    }

    /// A character key without modifiers (Shift is part of the character: `G`, `?`).
    pub const fn char(c: char) -> KeySpec {
        KeySpec::plain(KeyName::Char(c))
    }

    /// A letter with Ctrl, as terminals send it: lower case.
    pub const fn ctrl(c: char) -> KeySpec {
        KeySpec {
            key: KeyName::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Whether the key writes or edits text in a text field (a character, Enter, Backspace,
    /// Delete, or one of the editing keys with Ctrl): bound to an action there, it would take
    /// that away from the person typing.
    pub fn edits_text(&self) -> bool {
        match self.key {
            KeyName::Char(_) if !self.ctrl && !self.alt => true,
            KeyName::Char('h' | 'd' | 'w' | 'k' | 'u' | 'r' | 'y' | 'j' | 'm') => self.ctrl,
            KeyName::Enter | KeyName::Backspace | KeyName::Delete => true,
            KeyName::Char(_)
            | KeyName::F(_)
            | KeyName::Tab
            | KeyName::BackTab
            | KeyName::Esc
            | KeyName::Up
            | KeyName::Down
            | KeyName::Left
            | KeyName::Right
            | KeyName::Home
            | KeyName::End
            | KeyName::PageUp
            | KeyName::PageDown => false,
        }
    }

    /// Parses a key name such as `ctrl-s`, `f2`, `shift-tab` or `n` (case-insensitive for names;
    /// a single character stands for itself).
    pub fn parse(text: &str) -> Result<KeySpec, String> {
        let unknown = || format!("\"{text}\" is not a key name — use e.g. {KEY_EXAMPLES}");
        let mut spec = KeySpec {
            key: KeyName::Esc,
            ctrl: false,
            alt: false,
        };
        let mut rest = text.trim();
        if rest.chars().count() > 1 {
            loop {
                let lower = rest.to_ascii_lowercase();
                if let Some(r) = lower
                    .strip_prefix("ctrl-")
                    .or_else(|| lower.strip_prefix("ctrl+"))
                {
                    spec.ctrl = true;
                    rest = &rest[rest.len() - r.len()..];
                } else if let Some(r) = lower.strip_prefix("alt-").or_else(|| lower.strip_prefix("alt+")) {
                    spec.alt = true;
                    rest = &rest[rest.len() - r.len()..];
                } else {
                    break;
                }
            }
        }
        let lower = rest.to_ascii_lowercase();
        spec.key = match lower.as_str() {
            "tab" => KeyName::Tab,
            "shift-tab" | "shift+tab" | "backtab" => KeyName::BackTab,
            "enter" | "return" => KeyName::Enter,
            "esc" | "escape" => KeyName::Esc,
            "backspace" => KeyName::Backspace,
            "delete" | "del" => KeyName::Delete,
            "up" => KeyName::Up,
            "down" => KeyName::Down,
            "left" => KeyName::Left,
            "right" => KeyName::Right,
            "home" => KeyName::Home,
            "end" => KeyName::End,
            "pageup" | "pgup" => KeyName::PageUp,
            "pagedown" | "pgdn" => KeyName::PageDown,
            "space" => KeyName::Char(' '),
            f if f.starts_with('f') && f.len() > 1 => match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyName::F(n),
                _ => return Err(unknown()),
            },
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if !c.is_control() => {
                        // Ctrl works with letters as lower case, the way terminals send them.
                        KeyName::Char(if spec.ctrl { c.to_ascii_lowercase() } else { c })
                    }
                    _ => return Err(unknown()),
                }
            }
        };
        Ok(spec)
    }

    /// How the key is written in the footer and help, e.g. `Ctrl-S`, `F2`, `Shift-Tab`, `n`.
    pub fn label(&self) -> String {
        let key = match self.key {
            KeyName::Char(' ') => "Space".to_string(),
            KeyName::Char(c) if self.ctrl || self.alt => c.to_uppercase().to_string(),
            KeyName::Char(c) => c.to_string(),
            KeyName::F(n) => format!("F{n}"),
            KeyName::Tab => "Tab".into(),
            KeyName::BackTab => "Shift-Tab".into(),
            KeyName::Enter => "Enter".into(),
            KeyName::Esc => "Esc".into(),
            KeyName::Backspace => "Backspace".into(),
            KeyName::Delete => "Delete".into(),
            KeyName::Up => "↑".into(),
            KeyName::Down => "↓".into(),
            KeyName::Left => "←".into(),
            KeyName::Right => "→".into(),
            KeyName::Home => "Home".into(),
            KeyName::End => "End".into(),
            KeyName::PageUp => "PgUp".into(),
            KeyName::PageDown => "PgDn".into(),
        };
        let mut label = String::new();
        if self.ctrl {
            label.push_str("Ctrl-");
        }
        if self.alt {
            label.push_str("Alt-");
        }
        label + &key
    }
}

/// A key is written in config.ron as its name: `"ctrl-f"`, `"F2"`.
impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<str>::deserialize(deserializer)?;
        KeySpec::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> KeySpec {
        KeySpec::parse(text).unwrap()
    }

    #[test]
    fn names_modifiers_and_characters() {
        assert_eq!(parse("tab").key, KeyName::Tab);
        assert_eq!(parse("Shift-Tab").key, KeyName::BackTab);
        assert_eq!(parse("F2").key, KeyName::F(2));
        let ctrl_s = parse("ctrl-S");
        assert_eq!(
            (ctrl_s.key, ctrl_s.ctrl, ctrl_s.alt),
            (KeyName::Char('s'), true, false)
        );
        assert_eq!(ctrl_s.label(), "Ctrl-S");
        let alt_n = parse("alt+n");
        assert!(alt_n.alt && !alt_n.ctrl);
        assert_eq!(parse("/").key, KeyName::Char('/'));
        assert_eq!(parse("-").key, KeyName::Char('-'));
        assert_eq!(parse("N").key, KeyName::Char('N'));
        assert_eq!(parse("space").label(), "Space");
        assert_eq!(parse("pgdn").label(), "PgDn");
    }

    #[test]
    fn a_key_name_deserializes_from_ron_with_the_same_message() {
        assert_eq!(ron::from_str::<KeySpec>("\"ctrl-F\""), Ok(KeySpec::ctrl('f')));
        let err = ron::from_str::<KeySpec>("\"ctrl-banana\"").unwrap_err();
        assert_eq!(
            err.code,
            ron::Error::Message(format!(
                "\"ctrl-banana\" is not a key name — use e.g. {KEY_EXAMPLES}"
            ))
        );
    }

    #[test]
    fn keys_that_edit_text() {
        for text in [
            "e",
            "?",
            "enter",
            "backspace",
            "delete",
            "ctrl-u",
            "ctrl-w",
            "space",
        ] {
            assert!(parse(text).edits_text(), "{text}");
        }
        for text in ["tab", "esc", "f2", "ctrl-f", "alt-e", "up", "ctrl-n"] {
            assert!(!parse(text).edits_text(), "{text}");
        }
    }

    #[test]
    fn unknown_names_say_what_works() {
        assert_eq!(
            KeySpec::parse("ctrl-banana").unwrap_err(),
            format!("\"ctrl-banana\" is not a key name — use e.g. {KEY_EXAMPLES}")
        );
        assert!(KeySpec::parse("f13").is_err());
        assert!(KeySpec::parse("").is_err());
    }
}
