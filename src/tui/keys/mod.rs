//! Key events become messages here, through one keymap table. The footer and the help overlay
//! are drawn from the same table, so what they say is always what the keys do.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEventKind};

use std::collections::BTreeMap;

use super::app::Msg;
use crate::config::keyspec::{KeyName, KeySpec};

/// Where the keys are being pressed; each context has its own bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The home screen with the session list.
    Home,
    /// Writing answers in a session; unbound keys edit the text.
    Writing,
    /// Reading a session (the summary after finishing, or a past session).
    Reader,
    /// The help overlay is open.
    Help,
    /// The terminal is too small to show anything useful.
    TooSmall,
    /// Asked on start: resume a recent draft, or start fresh?
    ResumeOffer,
    /// The session is open in another ownup: read it instead?
    Locked,
    /// Quitting could not save: write elsewhere, keep writing, or quit anyway?
    Rescue,
    /// Typing the path to write the text to.
    RescuePath,
    /// Typing in the search box of the home screen.
    Search,
    /// Move the session to the trash?
    ConfirmDelete,
    /// Typing the path to export a session to.
    ExportPath,
    /// Choosing the script of a new session.
    PickScript,
    /// Checking in on a commitment: done, not yet, drop?
    CheckIn,
    /// Typing a new date or a note at a check-in.
    CheckInText,
    /// Writing in the apology builder.
    Apology,
    /// Looking at the stats.
    Stats,
}

impl Context {
    /// Whether unbound keys are text for a field in this context.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Context::Writing
                | Context::RescuePath
                | Context::Search
                | Context::ExportPath
                | Context::CheckInText
                | Context::Apology
        )
    }
}

/// Something the user asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Save what was written and quit (Ctrl-C).
    Interrupt,
    /// Save what was written and stop, as Ctrl-Z does in a shell; `fg` brings ownup back.
    Suspend,
    /// Open or close the help overlay.
    Help,
    /// Go to the next prompt.
    NextPrompt,
    /// Go to the previous prompt.
    PrevPrompt,
    /// Finish the session.
    Finish,
    /// Leave the session for the home screen, keeping a draft.
    Leave,
    /// Start a new session.
    New,
    /// Open the selected session.
    Open,
    /// Move or scroll up one line.
    Up,
    /// Move or scroll down one line.
    Down,
    /// Move or scroll up one page.
    PageUp,
    /// Move or scroll down one page.
    PageDown,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Go back to the previous screen.
    Back,
    /// Close the overlay.
    Close,
    /// Quit ownup.
    Quit,
    /// Say yes to what a dialog offers.
    Accept,
    /// Close a dialog without doing what it offers.
    Dismiss,
    /// Edit the session being read.
    Edit,
    /// Write the text to another file when it cannot be saved.
    WriteElsewhere,
    /// Quit without saving, after being told the text will be lost.
    Discard,
    /// Open the search box.
    Search,
    /// Bring back the session deleted last.
    Undo,
    /// Move the session being read to the trash (after asking).
    Delete,
    /// Export the session being read.
    Export,
    /// Check in on commitments that are due.
    CheckIn,
    /// At a check-in: it is done.
    MarkDone,
    /// At a check-in: not yet.
    NotYet,
    /// At a check-in: drop it.
    Drop,
    /// At a check-in: skip it for now.
    Skip,
    /// Put away the suggestion under the answer.
    DismissNudge,
    /// Open the apology builder.
    Apology,
    /// Copy to the clipboard.
    Copy,
    /// Look back over all sessions.
    Stats,
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it (code, required Ctrl/Alt modifiers).
    pub keys: &'static [(KeyCode, KeyModifiers)],
    /// What it does.
    pub action: Action,
    /// Where it applies.
    pub contexts: &'static [Context],
    /// How the keys are written in the footer and help, e.g. `Shift-Tab`.
    pub label: &'static str,
    /// One or two words for the footer, and how much it matters there (1 = shown longest when
    /// the terminal is narrow); `None` keeps it out of the footer.
    pub footer: Option<(&'static str, u8)>,
    /// What the help overlay says it does.
    pub help: &'static str,
}

mod table;

use table::ALL;
pub use table::BINDINGS;
#[cfg(test)]
use table::{CTRL, NONE};

/// A key binding as used at run time: the defaults, with config.ron's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// The keys that trigger it (code, required Ctrl/Alt modifiers).
    pub keys: Vec<(KeyCode, KeyModifiers)>,
    /// What it does.
    pub action: Action,
    /// Where it applies.
    pub contexts: &'static [Context],
    /// How the keys are written in the footer and help.
    pub label: String,
    /// The footer word and rank; see [`Binding::footer`].
    pub footer: Option<(&'static str, u8)>,
    /// What the help overlay says it does.
    pub help: &'static str,
}

/// Every key binding in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bound: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bound: BINDINGS
                .iter()
                .map(|b| Bound {
                    keys: b.keys.to_vec(),
                    action: b.action,
                    contexts: b.contexts,
                    label: b.label.to_string(),
                    footer: b.footer,
                    help: b.help,
                })
                .collect(),
        }
    }
}

/// The config.ron name of each action that can be given other keys.
const ACTION_NAMES: &[(&str, Action)] = &[
    ("next_prompt", Action::NextPrompt),
    ("prev_prompt", Action::PrevPrompt),
    ("finish", Action::Finish),
    ("leave", Action::Leave),
    ("help", Action::Help),
    ("new", Action::New),
    ("open", Action::Open),
    ("search", Action::Search),
    ("quit", Action::Quit),
    ("edit", Action::Edit),
    ("export", Action::Export),
    ("delete", Action::Delete),
    ("undo", Action::Undo),
    ("back", Action::Back),
];

fn action_name(action: Action) -> String {
    ACTION_NAMES
        .iter()
        .find(|(_, a)| *a == action)
        .map_or_else(|| format!("{action:?}").to_lowercase(), |(n, _)| n.to_string())
}

fn context_name(context: Context) -> &'static str {
    match context {
        Context::Home => "home screen",
        Context::Writing => "session screen",
        Context::Reader => "reading screen",
        Context::Search => "search box",
        Context::Help => "help",
        _ => "dialogs",
    }
}

/// Whether `key` writes or edits text in a text field (a character, Enter, Backspace, Delete,
/// or one of the editing keys with Ctrl): bound to an action there, it would take that away
/// from the person typing.
fn edits_text((code, mods): (KeyCode, KeyModifiers)) -> bool {
    let ctrl = mods.contains(KeyModifiers::CONTROL);
    let alt = mods.contains(KeyModifiers::ALT);
    match code {
        KeyCode::Char(_) if !ctrl && !alt => true,
        KeyCode::Char('h' | 'd' | 'w' | 'k' | 'u' | 'r' | 'y' | 'j' | 'm') if ctrl => true,
        KeyCode::Enter | KeyCode::Backspace | KeyCode::Delete => true,
        _ => false,
    }
}

/// The key a config.ron key name stands for.
fn key_of(spec: KeySpec) -> (KeyCode, KeyModifiers) {
    let code = match spec.key {
        KeyName::Char(c) => KeyCode::Char(c),
        KeyName::F(n) => KeyCode::F(n),
        KeyName::Tab => KeyCode::Tab,
        KeyName::BackTab => KeyCode::BackTab,
        KeyName::Enter => KeyCode::Enter,
        KeyName::Esc => KeyCode::Esc,
        KeyName::Backspace => KeyCode::Backspace,
        KeyName::Delete => KeyCode::Delete,
        KeyName::Up => KeyCode::Up,
        KeyName::Down => KeyCode::Down,
        KeyName::Left => KeyCode::Left,
        KeyName::Right => KeyCode::Right,
        KeyName::Home => KeyCode::Home,
        KeyName::End => KeyCode::End,
        KeyName::PageUp => KeyCode::PageUp,
        KeyName::PageDown => KeyCode::PageDown,
    };
    let mut mods = KeyModifiers::NONE;
    if spec.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    if spec.alt {
        mods |= KeyModifiers::ALT;
    }
    (code, mods)
}

impl Keymap {
    /// The defaults with `changes` (action name → key name, from config.ron) made. Errors say
    /// which key ends up doing two things on the same screen.
    pub fn with_changes(changes: &BTreeMap<String, String>) -> Result<Keymap, Vec<String>> {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (name, key) in changes {
            let Some(&(_, action)) = ACTION_NAMES.iter().find(|(n, _)| n == name) else {
                problems.push(format!("keys: \"{name}\" is not an action"));
                continue;
            };
            let spec = match KeySpec::parse(key) {
                Ok(spec) => spec,
                Err(message) => {
                    problems.push(format!("keys: {message}"));
                    continue;
                }
            };
            if let Some(bound) = keymap.bound.iter_mut().find(|b| b.action == action) {
                let key = key_of(spec);
                if let Some(&context) = bound.contexts.iter().find(|c| c.takes_text())
                    && edits_text(key)
                {
                    problems.push(format!(
                        "keys: {} cannot be the key to {name}: on the {} it writes or edits text — choose a key with Ctrl or Alt, or an F-key",
                        spec.label(),
                        context_name(context)
                    ));
                    continue;
                }
                bound.keys = vec![key];
                bound.label = spec.label();
            }
        }
        for &context in ALL {
            let mut seen: Vec<((KeyCode, KeyModifiers), &Bound)> = Vec::new();
            for bound in keymap.bindings(context) {
                for key in &bound.keys {
                    if let Some((_, other)) = seen.iter().find(|(k, b)| k == key && b.action != bound.action)
                    {
                        let message = format!(
                            "keys: {} is bound twice on the {}: to {} and to {} — choose another key for one of them",
                            bound.label,
                            context_name(context),
                            action_name(other.action),
                            action_name(bound.action)
                        );
                        if !problems.contains(&message) {
                            problems.push(message);
                        }
                    }
                    seen.push((*key, bound));
                }
            }
        }
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    /// The action bound to `key` in `context`, if any.
    pub fn action_for(&self, context: Context, key: &KeyEvent) -> Option<Action> {
        // Shift is part of the character itself ('G', '?'), so only Ctrl and Alt must match.
        let mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        // Ctrl-C must always get through: an Esc typed just before it arrives as Alt.
        if key.code == KeyCode::Char('c') && mods.contains(KeyModifiers::CONTROL) {
            return Some(Action::Interrupt);
        }
        self.bindings(context)
            .find(|b| b.keys.iter().any(|&(code, m)| code == key.code && m == mods))
            .map(|b| b.action)
    }

    /// The bindings that apply in `context`, in table order.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bound.iter().filter(move |b| b.contexts.contains(&context))
    }

    /// Turns a terminal event into a message for the app, given where the user is.
    pub fn to_msg(&self, context: Context, event: Event) -> Option<Msg> {
        match event {
            Event::Key(key) if key.is_press() || key.is_repeat() => {
                if let Some(action) = self.action_for(context, &key) {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyEventKind, KeyEventState};

    fn action_for(context: Context, key: &KeyEvent) -> Option<Action> {
        Keymap::default().action_for(context, key)
    }

    fn to_msg(context: Context, event: Event) -> Option<Msg> {
        Keymap::default().to_msg(context, event)
    }

    #[test]
    fn keys_can_be_changed_and_the_footer_label_follows() {
        let changes = BTreeMap::from([("finish".to_string(), "ctrl-f".to_string())]);
        let keymap = Keymap::with_changes(&changes).unwrap();
        let w = Context::Writing;
        assert_eq!(
            keymap.action_for(w, &key(KeyCode::Char('f'), CTRL)),
            Some(Action::Finish)
        );
        assert_eq!(
            keymap.action_for(w, &key(KeyCode::Char('s'), CTRL)),
            None,
            "the old key is free"
        );
        let finish = keymap.bindings(w).find(|b| b.action == Action::Finish).unwrap();
        assert_eq!(finish.label, "Ctrl-F");
    }

    #[test]
    fn a_key_bound_twice_on_one_screen_is_refused() {
        let changes = BTreeMap::from([("finish".to_string(), "tab".to_string())]);
        assert_eq!(
            Keymap::with_changes(&changes).unwrap_err(),
            [
                "keys: Tab is bound twice on the session screen: to next_prompt and to finish — choose another key for one of them"
            ]
        );
        let ctrl_c = BTreeMap::from([("new".to_string(), "ctrl-c".to_string())]);
        assert_eq!(
            Keymap::with_changes(&ctrl_c).unwrap_err(),
            [
                "keys: Ctrl-C is bound twice on the home screen: to new and to interrupt — choose another key for one of them"
            ]
        );
        // The same key on different screens is fine.
        let fine = BTreeMap::from([("edit".to_string(), "n".to_string())]);
        assert!(Keymap::with_changes(&fine).is_ok());
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
    fn no_key_is_bound_twice_in_one_context() {
        let keymap = Keymap::default();
        for &ctx in ALL {
            let mut seen = Vec::new();
            for b in keymap.bindings(ctx) {
                for k in &b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
        assert!(Keymap::with_changes(&BTreeMap::new()).is_ok());
    }

    #[test]
    fn pastes_only_reach_the_editor() {
        assert!(
            matches!(to_msg(Context::Writing, Event::Paste("a\nb".into())), Some(Msg::Paste(t)) if t == "a\nb")
        );
        assert_eq!(to_msg(Context::Home, Event::Paste("x".into())), None);
    }

    #[test]
    fn a_key_that_types_or_edits_text_cannot_be_bound_where_text_is_written() {
        for (action, key) in [
            ("next_prompt", "e"),
            ("leave", "backspace"),
            ("leave", "ctrl-u"),
            ("finish", "enter"),
        ] {
            let changes = BTreeMap::from([(action.to_string(), key.to_string())]);
            let problems = Keymap::with_changes(&changes).unwrap_err();
            assert!(
                problems[0].contains("on the session screen it writes or edits text"),
                "{action} {key}: {problems:?}"
            );
        }
        // The same keys are fine where nothing is typed.
        let changes = BTreeMap::from([("edit".to_string(), "E".to_string())]);
        assert!(Keymap::with_changes(&changes).is_ok());
        let changes = BTreeMap::from([("finish".to_string(), "ctrl-f".to_string())]);
        assert!(Keymap::with_changes(&changes).is_ok());
    }
}
