//! Terminal events become messages here: a key event is turned into the [`KeySpec`] it is and
//! looked up in the [`Keymap`] (see `crate::keymap`, where the bindings and actions live).

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

use super::app::Msg;
pub use crate::keymap::{Action, Context, Keymap};
use crate::keymap::{KeyName, KeySpec};

/// The key `key` is, as config.ron would name it; `None` for keys no binding can name
/// (Insert, media keys …). Shift is part of the character itself (`G`, `?`), so only Ctrl and
/// Alt count as modifiers.
pub fn spec_of(key: &KeyEvent) -> Option<KeySpec> {
    let name = match key.code {
        KeyCode::Char(c) => KeyName::Char(c),
        KeyCode::F(n) => KeyName::F(n),
        KeyCode::Tab => KeyName::Tab,
        KeyCode::BackTab => KeyName::BackTab,
        KeyCode::Enter => KeyName::Enter,
        KeyCode::Esc => KeyName::Esc,
        KeyCode::Backspace => KeyName::Backspace,
        KeyCode::Delete => KeyName::Delete,
        KeyCode::Up => KeyName::Up,
        KeyCode::Down => KeyName::Down,
        KeyCode::Left => KeyName::Left,
        KeyCode::Right => KeyName::Right,
        KeyCode::Home => KeyName::Home,
        KeyCode::End => KeyName::End,
        KeyCode::PageUp => KeyName::PageUp,
        KeyCode::PageDown => KeyName::PageDown,
        KeyCode::Insert
        | KeyCode::Null
        | KeyCode::CapsLock
        | KeyCode::ScrollLock
        | KeyCode::NumLock
        | KeyCode::PrintScreen
        | KeyCode::Pause
        | KeyCode::Menu
        | KeyCode::KeypadBegin
        | KeyCode::Media(_)
        | KeyCode::Modifier(_) => return None,
    };
    Some(KeySpec {
        key: name,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
        alt: key.modifiers.contains(KeyModifiers::ALT),
    })
}

/// The action `key` asks for in `context`, if any.
pub fn action_for(keymap: &Keymap, context: Context, key: &KeyEvent) -> Option<Action> {
    spec_of(key).and_then(|spec| keymap.action_for(context, spec))
}

/// Turns a terminal event into a message for the app, given where the user is.
pub fn to_msg(keymap: &Keymap, context: Context, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.is_press() || key.is_repeat() => {
            if let Some(action) = action_for(keymap, context, &key) {
                Some(Msg::Action(action))
            } else if context.takes_text() {
                Some(Msg::Input(key.into()))
            } else {
                None
            }
        }
        Event::Paste(text) if context.takes_text() => Some(Msg::Paste(text)),
        Event::Resize(width, height) => Some(Msg::Resize(width, height)),
        Event::FocusLost => Some(Msg::FocusLost),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Msg::Wheel { down: true }),
            MouseEventKind::ScrollUp => Some(Msg::Wheel { down: false }),
            MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click {
                x: mouse.column,
                y: mouse.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::ALL;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
        super::action_for(&Keymap::default(), context, key)
    }

    fn to_msg(context: Context, event: Event) -> Option<Msg> {
        super::to_msg(&Keymap::default(), context, event)
    }

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn the_writing_keys_are_the_documented_ones() {
        let w = Context::Writing;
        assert_eq!(action_for(w, &key(KeyCode::Tab, NONE)), Some(Action::NextPrompt));
        assert_eq!(
            action_for(w, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::PrevPrompt)
        );
        assert_eq!(
            action_for(w, &key(KeyCode::Char('s'), CTRL)),
            Some(Action::Finish)
        );
        assert_eq!(action_for(w, &key(KeyCode::Esc, NONE)), Some(Action::Leave));
        assert_eq!(
            action_for(w, &key(KeyCode::Char('c'), CTRL)),
            Some(Action::Interrupt)
        );
        assert_eq!(action_for(w, &key(KeyCode::F(1), NONE)), Some(Action::Help));
    }

    #[test]
    fn in_the_editor_question_marks_and_letters_are_text() {
        let w = Context::Writing;
        for c in ['?', 'q', 'n', 'j', 'G'] {
            assert_eq!(action_for(w, &key(KeyCode::Char(c), NONE)), None, "{c}");
        }
        assert!(matches!(
            to_msg(w, Event::Key(key(KeyCode::Char('?'), KeyModifiers::SHIFT))),
            Some(Msg::Input(_))
        ));
        assert!(matches!(
            to_msg(w, Event::Key(key(KeyCode::Enter, NONE))),
            Some(Msg::Input(_))
        ));
    }

    #[test]
    fn outside_the_editor_question_mark_opens_help_even_with_shift() {
        for ctx in [Context::Home, Context::Reader] {
            assert_eq!(
                action_for(ctx, &key(KeyCode::Char('?'), KeyModifiers::SHIFT)),
                Some(Action::Help)
            );
        }
        assert_eq!(
            action_for(Context::Home, &key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn ctrl_c_gets_through_even_when_read_together_with_an_esc() {
        let alt_ctrl = KeyModifiers::CONTROL | KeyModifiers::ALT;
        for &ctx in ALL {
            assert_eq!(
                action_for(ctx, &key(KeyCode::Char('c'), alt_ctrl)),
                Some(Action::Interrupt),
                "{ctx:?}"
            );
        }
    }

    #[test]
    fn a_too_small_terminal_only_listens_to_ctrl_c() {
        let small = Context::TooSmall;
        assert_eq!(
            action_for(small, &key(KeyCode::Char('c'), CTRL)),
            Some(Action::Interrupt)
        );
        assert_eq!(to_msg(small, Event::Key(key(KeyCode::Char('x'), NONE))), None);
        assert!(matches!(
            to_msg(small, Event::Resize(80, 24)),
            Some(Msg::Resize(80, 24))
        ));
    }

    #[test]
    fn pastes_only_reach_the_editor() {
        assert!(
            matches!(to_msg(Context::Writing, Event::Paste("a\nb".into())), Some(Msg::Paste(t)) if t == "a\nb")
        );
        assert_eq!(to_msg(Context::Home, Event::Paste("x".into())), None);
    }

    #[test]
    fn every_action_can_be_rebound_in_config_ron_and_the_new_key_does_it() {
        let library = crate::library::Library::load(std::path::Path::new("/nonexistent"));
        for (i, action) in Action::all().into_iter().enumerate() {
            // Half quoted on an F-key, half bare on an Alt-letter.
            let (entry, pressed) = if i % 2 == 0 {
                (format!("\"{}\": \"F9\"", action.name()), key(KeyCode::F(9), NONE))
            } else {
                (
                    format!("{}: \"alt-z\"", action.name()),
                    key(KeyCode::Char('z'), KeyModifiers::ALT),
                )
            };
            let source = format!("Config(keys: {{ {entry} }})");
            let origin = crate::problems::Origin::File("config.ron".into());
            let config = crate::config::Config::parse(&source, origin, &library)
                .unwrap_or_else(|problems| panic!("{source}: {problems}"));
            let keymap = Keymap::with_changes(&config.keys).unwrap();
            let contexts = crate::keymap::BINDINGS
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.contexts);
            for &context in contexts {
                assert_eq!(
                    super::to_msg(&keymap, context, Event::Key(pressed)),
                    Some(Msg::Action(action)),
                    "{source} in {context:?}"
                );
            }
        }
    }
}
