//! Keys and what they do, with no terminal code: the [`Action`]s, the [`Context`]s they apply
//! in, the default bindings as [`KeySpec`]s, and config.ron's changes to them, checked for
//! conflicts. The TUI turns a key event into a `KeySpec` and asks [`Keymap::action_for`]; the
//! footer and the help overlay are drawn from the same bindings, so what they say is always what
//! the keys do.

use std::collections::BTreeMap;

use serde::Deserialize;

pub mod keyspec;
mod table;

use keyspec::CTRL_C;
pub use keyspec::{KeyName, KeySpec};
pub use table::{ALL, BINDINGS};

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
    /// "Not now": when to be offered the draft again?
    ComeBack,
    /// Closing the apology builder with changes not kept: keep them as a draft, or throw
    /// them away?
    CloseBuilder,
}

impl Context {
    /// What the context is called in messages about keys; the dialogs share one name.
    pub fn name(self) -> &'static str {
        match self {
            Context::Home => "home screen",
            Context::Writing => "session screen",
            Context::Reader => "reading screen",
            Context::Search => "search box",
            Context::Help => "help",
            Context::Apology => "apology builder",
            Context::CheckIn | Context::CheckInText => "check-in",
            Context::Stats => "look-back screen",
            Context::TooSmall
            | Context::ResumeOffer
            | Context::Locked
            | Context::Rescue
            | Context::RescuePath
            | Context::ConfirmDelete
            | Context::ExportPath
            | Context::PickScript
            | Context::ComeBack
            | Context::CloseBuilder => "dialogs",
        }
    }

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

/// Something the user asked for. Its config.ron name is the variant's in snake_case
/// (`next_prompt`); this enum is the one list of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Open or close the help overlay.
    Help,
    /// Save what was written and quit (Ctrl-C).
    Interrupt,
    /// Save what was written and stop, as Ctrl-Z does in a shell; `fg` brings ownup back.
    Suspend,
    /// Go to the next prompt.
    NextPrompt,
    /// Go to the previous prompt.
    PrevPrompt,
    /// Finish the session.
    Finish,
    /// Leave the session for the home screen, keeping a draft.
    Leave,
    /// Put away the suggestion under the answer.
    DismissNudge,
    /// Open the apology builder.
    Apology,
    /// Copy to the clipboard.
    Copy,
    /// Start a new session.
    New,
    /// Open the selected session.
    Open,
    /// Open the search box.
    Search,
    /// Look back over all sessions.
    Stats,
    /// Check in on commitments that are due.
    CheckIn,
    /// Bring back the session just moved to the trash.
    Undo,
    /// Quit ownup.
    Quit,
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
    /// Edit the session being read.
    Edit,
    /// Export the session being read.
    Export,
    /// Move the session being read, or the one selected at home, to the trash (after asking).
    Delete,
    /// At a check-in: it is done.
    MarkDone,
    /// At a check-in: not yet.
    NotYet,
    /// At a check-in: drop it.
    Drop,
    /// At a check-in: skip it for now.
    Skip,
    /// Say yes to what a dialog offers.
    Accept,
    /// Close a dialog without doing what it offers.
    Dismiss,
    /// Close the overlay.
    Close,
    /// Write the text to another file when it cannot be saved.
    WriteElsewhere,
    /// Quit without saving, after being told the text will be lost.
    Discard,
    /// Stop for now: keep the draft and choose when to be offered it again.
    NotNow,
    /// Write the answer in your own editor ($VISUAL, $EDITOR, else vi).
    Editor,
    /// Checking in "done": say which day it was done, when it was not today.
    DoneOn,
}

/// One row of the keymap.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// The keys that trigger it.
    pub keys: &'static [KeySpec],
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

impl crate::names::Named for Action {
    const WHAT: &'static str = "an action";
}

impl Action {
    /// Every action, in the order declared.
    pub fn all() -> Vec<Action> {
        crate::names::all()
    }

    /// The config.ron name, e.g. `next_prompt`.
    pub fn name(self) -> &'static str {
        crate::names::name_of(self)
    }
}

/// A key binding as used at run time: the defaults, with config.ron's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// The keys that trigger it.
    pub keys: Vec<KeySpec>,
    /// What it does.
    pub action: Action,
    /// Where it applies.
    pub contexts: Vec<Context>,
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
                    contexts: b.contexts.to_vec(),
                    label: b.label.to_string(),
                    footer: b.footer,
                    help: b.help,
                })
                .collect(),
        }
    }
}

/// A change to the keys that cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyProblem {
    /// The changed actions it is about (one or two), so that it can be shown where they are
    /// given their keys.
    pub actions: Vec<Action>,
    /// What is wrong and what to do.
    pub message: String,
}

impl Keymap {
    /// The defaults with `changes` (from config.ron) made. A changed action has its new key in
    /// every context where it applies (and Ctrl-C still saves and quits). Errors say which key
    /// would do two things on the same screen, or take a key away from typing.
    pub fn with_changes(changes: &BTreeMap<Action, KeySpec>) -> Result<Keymap, Vec<KeyProblem>> {
        let mut keymap = Keymap::default();
        let mut problems = Vec::new();
        for (&action, &key) in changes {
            let typing = keymap
                .bound
                .iter()
                .filter(|b| b.action == action)
                .flat_map(|b| b.contexts.iter().copied())
                .find(|c| c.takes_text());
            if let Some(context) = typing
                && key.edits_text()
            {
                problems.push(KeyProblem {
                    actions: vec![action],
                    message: format!(
                        "keys: {} cannot be the key to {}: on the {} it writes or edits text — choose a key with Ctrl or Alt, or an F-key",
                        key.label(),
                        action.name(),
                        context.name()
                    ),
                });
                continue;
            }
            keymap.rebind(action, key);
        }
        // Each key given two actions, with the contexts where it is: one problem for each.
        let mut twice: Vec<(KeySpec, Action, Action, Vec<&str>)> = Vec::new();
        for &context in ALL {
            let mut seen: Vec<(KeySpec, Action)> = Vec::new();
            for bound in keymap.bindings(context) {
                for &key in &bound.keys {
                    if let Some(&(_, other)) = seen.iter().find(|&&(k, a)| k == key && a != bound.action) {
                        let place = context.name();
                        match twice
                            .iter_mut()
                            .find(|t| (t.0, t.1, t.2) == (key, other, bound.action))
                        {
                            Some((.., places)) if places.contains(&place) => {}
                            Some((.., places)) => places.push(place),
                            None => twice.push((key, other, bound.action, vec![place])),
                        }
                    }
                    seen.push((key, bound.action));
                }
            }
        }
        problems.extend(twice.into_iter().map(|(key, first, second, places)| {
            KeyProblem {
                actions: [first, second]
                    .into_iter()
                    .filter(|a| changes.contains_key(a))
                    .collect(),
                message: format!(
                    "keys: {} is bound twice on the {}: to {} and to {} — choose another key for one of them",
                    key.label(),
                    places.join(" and the "),
                    first.name(),
                    second.name()
                ),
            }
        }));
        if problems.is_empty() {
            Ok(keymap)
        } else {
            Err(problems)
        }
    }

    /// Gives `action` the one key `key` wherever it applies; the bindings that become the same
    /// in a context are merged, so the help shows each key once.
    fn rebind(&mut self, action: Action, key: KeySpec) {
        // Ctrl-C must always save and quit, whatever else does too.
        let (keys, label) = if action == Action::Interrupt && key != CTRL_C {
            (vec![key, CTRL_C], format!("{} Ctrl-C", key.label()))
        } else {
            (vec![key], key.label())
        };
        let mut covered: Vec<Context> = Vec::new();
        self.bound.retain_mut(|bound| {
            if bound.action != action {
                return true;
            }
            bound.contexts.retain(|c| !covered.contains(c));
            covered.extend(&bound.contexts);
            bound.keys.clone_from(&keys);
            bound.label.clone_from(&label);
            !bound.contexts.is_empty()
        });
        // The key that opens the help closes it too, as F1 and ? do by default.
        if action == Action::Help
            && let Some(close) = self
                .bound
                .iter_mut()
                .find(|b| b.action == Action::Close && b.contexts.contains(&Context::Help))
            && !close.keys.contains(&key)
        {
            close.keys.push(key);
        }
    }

    /// The action bound to `key` in `context`, if any.
    pub fn action_for(&self, context: Context, key: KeySpec) -> Option<Action> {
        // Ctrl-C must always get through: an Esc typed just before it arrives as Alt.
        if key.ctrl && key.key == KeyName::Char('c') {
            return Some(Action::Interrupt);
        }
        self.bindings(context)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action)
    }

    /// The bindings that apply in `context`, in table order.
    pub fn bindings(&self, context: Context) -> impl Iterator<Item = &Bound> {
        self.bound.iter().filter(move |b| b.contexts.contains(&context))
    }
}

#[cfg(test)]
mod tests;
