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

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const BROWSING: &[Context] = &[Context::Home, Context::Reader];
const SCROLLING: &[Context] = &[Context::Home, Context::Reader, Context::Help, Context::PickScript];
/// Arrow keys also move through search results while typing.
const ARROWS: &[Context] = &[
    Context::Home,
    Context::Reader,
    Context::Help,
    Context::Search,
    Context::PickScript,
];
const SCREENS: &[Context] = &[
    Context::Home,
    Context::Writing,
    Context::Reader,
    Context::CheckIn,
    Context::Stats,
];
const ALL: &[Context] = &[
    Context::Home,
    Context::Writing,
    Context::Reader,
    Context::Help,
    Context::TooSmall,
    Context::ResumeOffer,
    Context::Locked,
    Context::Rescue,
    Context::RescuePath,
    Context::Search,
    Context::ConfirmDelete,
    Context::ExportPath,
    Context::PickScript,
    Context::CheckIn,
    Context::CheckInText,
    Context::Apology,
    Context::Stats,
];

/// The keymap, in the order the footer and help show it.
pub const BINDINGS: &[Binding] = &[
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        action: Action::NextPrompt,
        contexts: &[Context::Writing],
        label: "Tab",
        footer: Some(("next", 1)),
        help: "next question",
    },
    Binding {
        keys: &[(KeyCode::BackTab, NONE)],
        action: Action::PrevPrompt,
        contexts: &[Context::Writing],
        label: "Shift-Tab",
        footer: Some(("back", 5)),
        help: "previous question",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), CTRL)],
        action: Action::Finish,
        contexts: &[Context::Writing],
        label: "Ctrl-S",
        footer: Some(("finish", 2)),
        help: "finish and save",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Leave,
        contexts: &[Context::Writing],
        label: "Esc",
        footer: Some(("home", 4)),
        help: "save a draft, go home",
    },
    Binding {
        keys: &[(KeyCode::F(2), NONE)],
        action: Action::DismissNudge,
        contexts: &[Context::Writing],
        label: "F2",
        // Named in the suggestion itself, when there is one.
        footer: None,
        help: "dismiss a suggestion",
    },
    Binding {
        keys: &[(KeyCode::F(3), NONE)],
        action: Action::Apology,
        contexts: &[Context::Writing],
        label: "F3",
        // Offered on screen in the apologize step.
        footer: None,
        help: "apology builder (in the Apologize step)",
    },
    Binding {
        keys: &[(KeyCode::Tab, NONE)],
        action: Action::NextPrompt,
        contexts: &[Context::Apology],
        label: "Tab",
        footer: Some(("next part", 2)),
        help: "next part",
    },
    Binding {
        keys: &[(KeyCode::BackTab, NONE)],
        action: Action::PrevPrompt,
        contexts: &[Context::Apology],
        label: "Shift-Tab",
        footer: Some(("back", 5)),
        help: "previous part",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), CTRL)],
        action: Action::Accept,
        contexts: &[Context::Apology],
        label: "Ctrl-S",
        footer: Some(("keep it", 1)),
        help: "keep the apology with the session",
    },
    Binding {
        keys: &[(KeyCode::Char('y'), CTRL)],
        action: Action::Copy,
        contexts: &[Context::Apology],
        label: "Ctrl-Y",
        footer: Some(("copy", 3)),
        help: "copy the message to the clipboard",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::Apology],
        label: "Esc",
        footer: Some(("close", 4)),
        help: "close the builder (what you typed here is dropped unless kept)",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        action: Action::New,
        contexts: &[Context::Home],
        label: "n",
        footer: Some(("new", 1)),
        help: "start a new session",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Open,
        contexts: &[Context::Home, Context::Search],
        label: "Enter",
        footer: Some(("open", 2)),
        help: "open the session (a draft to write, the rest to read)",
    },
    Binding {
        keys: &[(KeyCode::Char('/'), NONE)],
        action: Action::Search,
        contexts: &[Context::Home],
        label: "/",
        footer: Some(("search", 2)),
        help: "search titles and answers (status:draft script:NAME since:2026-11-01)",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::Search],
        label: "Esc",
        footer: Some(("clear search", 1)),
        help: "clear the search",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        action: Action::Stats,
        contexts: &[Context::Home],
        label: "s",
        footer: Some(("look back", 4)),
        help: "look back: sessions per month, commitments, recurring causes",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), NONE)],
        action: Action::CheckIn,
        contexts: &[Context::Home],
        label: "c",
        // The reminder on the home screen names the key when something is due.
        footer: None,
        help: "check in on commitments that are due",
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE)],
        action: Action::MarkDone,
        contexts: &[Context::CheckIn],
        label: "d",
        footer: Some(("done", 1)),
        help: "it is done",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        action: Action::NotYet,
        contexts: &[Context::CheckIn],
        label: "n",
        footer: Some(("not yet", 1)),
        help: "not yet: set a new date",
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        action: Action::Drop,
        contexts: &[Context::CheckIn],
        label: "x",
        footer: Some(("drop", 2)),
        help: "drop it: it no longer makes sense",
    },
    Binding {
        keys: &[(KeyCode::Char('s'), NONE)],
        action: Action::Skip,
        contexts: &[Context::CheckIn],
        label: "s",
        footer: Some(("skip", 3)),
        help: "skip it for now",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Accept,
        contexts: &[Context::CheckInText],
        label: "Enter",
        footer: Some(("save", 1)),
        help: "save this check-in",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::CheckInText],
        label: "Esc",
        footer: Some(("back", 2)),
        help: "back to the choice",
    },
    Binding {
        keys: &[(KeyCode::Char('u'), NONE)],
        action: Action::Undo,
        contexts: &[Context::Home],
        label: "u",
        footer: None,
        help: "bring back the session deleted last",
    },
    Binding {
        keys: &[(KeyCode::Char('k'), NONE)],
        action: Action::Up,
        contexts: SCROLLING,
        label: "k",
        footer: None,
        help: "up",
    },
    Binding {
        keys: &[(KeyCode::Char('j'), NONE)],
        action: Action::Down,
        contexts: SCROLLING,
        label: "j",
        footer: None,
        help: "down",
    },
    Binding {
        keys: &[(KeyCode::Up, NONE)],
        action: Action::Up,
        contexts: ARROWS,
        label: "↑ k",
        footer: None,
        help: "up",
    },
    Binding {
        keys: &[(KeyCode::Down, NONE)],
        action: Action::Down,
        contexts: ARROWS,
        label: "↓ j",
        footer: None,
        help: "down",
    },
    Binding {
        keys: &[(KeyCode::PageUp, NONE)],
        action: Action::PageUp,
        contexts: ARROWS,
        label: "PgUp",
        footer: None,
        help: "one page up",
    },
    Binding {
        keys: &[(KeyCode::PageDown, NONE)],
        action: Action::PageDown,
        contexts: ARROWS,
        label: "PgDn",
        footer: None,
        help: "one page down",
    },
    Binding {
        keys: &[(KeyCode::Home, NONE), (KeyCode::Char('g'), NONE)],
        action: Action::Top,
        contexts: BROWSING,
        label: "g Home",
        footer: None,
        help: "to the top",
    },
    Binding {
        keys: &[(KeyCode::End, NONE), (KeyCode::Char('G'), NONE)],
        action: Action::Bottom,
        contexts: BROWSING,
        label: "G End",
        footer: None,
        help: "to the bottom",
    },
    Binding {
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::Char('q'), NONE),
            (KeyCode::Enter, NONE),
        ],
        action: Action::Back,
        contexts: &[Context::Reader, Context::CheckIn, Context::Stats],
        label: "Esc q",
        footer: Some(("back", 1)),
        help: "back home",
    },
    Binding {
        keys: &[(KeyCode::Char('e'), NONE)],
        action: Action::Edit,
        contexts: &[Context::Reader],
        label: "e",
        footer: Some(("edit", 2)),
        help: "edit this session",
    },
    Binding {
        keys: &[(KeyCode::Char('x'), NONE)],
        action: Action::Export,
        contexts: &[Context::Reader],
        label: "x",
        footer: Some(("export", 3)),
        help: "export it as Markdown",
    },
    Binding {
        keys: &[(KeyCode::Char('d'), NONE)],
        action: Action::Delete,
        contexts: &[Context::Reader],
        label: "d",
        footer: Some(("delete", 4)),
        help: "move it to the trash (you can bring it back)",
    },
    Binding {
        keys: &[(KeyCode::Char('y'), NONE), (KeyCode::Enter, NONE)],
        action: Action::Accept,
        contexts: &[Context::ConfirmDelete],
        label: "y",
        footer: Some(("move to trash", 1)),
        help: "move it to the trash",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Accept,
        contexts: &[Context::ExportPath],
        label: "Enter",
        footer: Some(("export", 1)),
        help: "write the file",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Accept,
        contexts: &[Context::PickScript],
        label: "Enter",
        footer: Some(("start", 1)),
        help: "start a session with this script",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        action: Action::Dismiss,
        contexts: &[Context::ConfirmDelete],
        label: "n",
        footer: Some(("keep it", 2)),
        help: "keep it",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE), (KeyCode::Char('r'), NONE)],
        action: Action::Accept,
        contexts: &[Context::ResumeOffer],
        label: "Enter",
        footer: Some(("resume it", 1)),
        help: "resume the draft",
    },
    Binding {
        keys: &[(KeyCode::Char('n'), NONE)],
        action: Action::New,
        contexts: &[Context::ResumeOffer],
        label: "n",
        footer: Some(("start fresh", 2)),
        help: "start a new session (the draft is kept)",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE), (KeyCode::Char('v'), NONE)],
        action: Action::Accept,
        contexts: &[Context::Locked],
        label: "Enter",
        footer: Some(("read it", 1)),
        help: "read the session without editing it",
    },
    Binding {
        keys: &[(KeyCode::Char('w'), NONE)],
        action: Action::WriteElsewhere,
        contexts: &[Context::Rescue],
        label: "w",
        footer: Some(("write it elsewhere", 1)),
        help: "write your text to a file you choose",
    },
    Binding {
        keys: &[(KeyCode::Enter, NONE)],
        action: Action::Accept,
        contexts: &[Context::RescuePath],
        label: "Enter",
        footer: Some(("write", 1)),
        help: "write the file",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::ResumeOffer, Context::Locked, Context::ConfirmDelete],
        label: "Esc",
        footer: Some(("not now", 3)),
        help: "close this",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::Rescue],
        label: "Esc",
        footer: Some(("keep writing", 3)),
        help: "go back to your text",
    },
    Binding {
        keys: &[(KeyCode::Esc, NONE)],
        action: Action::Dismiss,
        contexts: &[Context::RescuePath, Context::ExportPath, Context::PickScript],
        label: "Esc",
        footer: Some(("cancel", 3)),
        help: "cancel",
    },
    Binding {
        keys: &[(KeyCode::Char('Q'), NONE)],
        action: Action::Discard,
        contexts: &[Context::Rescue],
        label: "Q",
        footer: Some(("quit, losing the changes", 4)),
        help: "quit without saving",
    },
    Binding {
        keys: &[(KeyCode::Char('q'), NONE)],
        action: Action::Quit,
        contexts: &[Context::Home],
        label: "q",
        footer: Some(("quit", 3)),
        help: "quit",
    },
    Binding {
        keys: &[(KeyCode::F(1), NONE)],
        action: Action::Help,
        contexts: SCREENS,
        label: "F1",
        footer: Some(("help", 3)),
        help: "show this help",
    },
    Binding {
        keys: &[(KeyCode::Char('?'), NONE)],
        action: Action::Help,
        contexts: BROWSING,
        label: "?",
        footer: None,
        help: "show this help",
    },
    Binding {
        keys: &[
            (KeyCode::Esc, NONE),
            (KeyCode::F(1), NONE),
            (KeyCode::Char('?'), NONE),
            (KeyCode::Char('q'), NONE),
            (KeyCode::Enter, NONE),
        ],
        action: Action::Close,
        contexts: &[Context::Help],
        label: "Esc",
        footer: Some(("close", 1)),
        help: "close the help",
    },
    Binding {
        keys: &[(KeyCode::Char('c'), CTRL)],
        action: Action::Interrupt,
        contexts: ALL,
        label: "Ctrl-C",
        footer: None,
        help: "save and quit",
    },
];

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
                bound.keys = vec![key_of(spec)];
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
}
