//! Questions over the screen (resume offer, read-only offer, delete, export path, script
//! picker), and the mouse.

use ratatui_textarea::{Input, Key};

use super::{App, Effect, Modal, Msg, Screen};
use crate::tui::keys::Action;

impl App {
    pub(super) fn update_modal(&mut self, msg: Msg) -> Vec<Effect> {
        let Some(modal) = &mut self.modal else {
            return vec![];
        };
        if let Modal::ExportPath { field, error } = modal {
            match msg {
                Msg::Input(input) => {
                    field.input(input, None);
                    return vec![];
                }
                Msg::Action(Action::Dismiss) => {
                    self.export_path = Some(field.text());
                    self.modal = None;
                    return vec![];
                }
                Msg::Paste(text) => {
                    field.insert(text, None);
                    return vec![];
                }
                Msg::Action(Action::Accept) => {
                    let path = field.text().trim().to_string();
                    self.export_path = Some(path.clone());
                    let Screen::Reader(reader) = &self.screen else {
                        return vec![];
                    };
                    if path.is_empty() {
                        *error = Some("type the path of a file to write".into());
                        return vec![];
                    }
                    return vec![Effect::Export {
                        session: Box::new(reader.session.clone()),
                        path: super::typed_path(&path, &self.rescue_dir),
                    }];
                }
                _ => {}
            }
        }
        let Msg::Action(action) = msg else {
            return vec![];
        };
        match modal {
            Modal::ComeBack { .. } => return self.update_come_back(action),
            Modal::CloseBuilder => return self.close_builder(action),
            _ => {}
        }
        if let Modal::PickScript { selected } = modal {
            let last = self.scripts.len().saturating_sub(1);
            match action {
                Action::Up => *selected = selected.saturating_sub(1),
                Action::Down => *selected = (*selected + 1).min(last),
                Action::Accept => {
                    let script = self
                        .scripts
                        .get(*selected)
                        .cloned()
                        .unwrap_or_else(|| self.script.clone());
                    self.modal = None;
                    return vec![Effect::StartNew(Box::new(script))];
                }
                Action::Dismiss => self.modal = None,
                _ => {}
            }
            return vec![];
        }
        let effects = match (&*modal, action) {
            (Modal::ResumeOffer { id, .. }, Action::Accept) => vec![Effect::Open(id.clone())],
            (Modal::ResumeOffer { .. }, Action::New) => {
                self.modal = None;
                return self.start_new();
            }
            (Modal::Locked { id }, Action::Accept) => vec![Effect::View(id.clone())],
            (Modal::ConfirmDelete { id, .. }, Action::Accept) => vec![Effect::Trash(id.clone())],
            (_, Action::Dismiss) => vec![],
            _ => return vec![],
        };
        self.modal = None;
        effects
    }

    /// The mouse wheel: three lines in the list, the page, the answer or the help.
    pub(super) fn wheel(&mut self, down: bool) -> Vec<Effect> {
        let action = if down { Action::Down } else { Action::Up };
        if matches!(self.screen, Screen::Writing(_)) && self.modal.is_none() && !self.help_open {
            if let Screen::Writing(w) = &mut self.screen {
                let key = if down {
                    Key::MouseScrollDown
                } else {
                    Key::MouseScrollUp
                };
                w.editor.input(
                    Input {
                        key,
                        ..Input::default()
                    },
                    None,
                );
            }
            return vec![];
        }
        let mut effects = Vec::new();
        for _ in 0..3 {
            effects.extend(self.update(Msg::Action(action)));
        }
        effects
    }

    /// A click on row `row` of the session list (worked out from the last frame by the
    /// runtime) selects that session; a click on the selected one opens it.
    pub(super) fn click(&mut self, row: usize) -> Vec<Effect> {
        if !matches!(self.screen, Screen::Home) || self.modal.is_some() || self.help_open {
            return vec![];
        }
        if row == self.home.selected {
            return self.update(Msg::Action(Action::Open));
        }
        self.home.select(row);
        vec![]
    }

    /// `n`: the default script straight away, or a choice when there are several scripts.
    pub(super) fn start_new(&mut self) -> Vec<Effect> {
        if self.scripts.len() > 1 {
            let selected = self
                .scripts
                .iter()
                .position(|s| s.name == self.script.name)
                .unwrap_or(0);
            self.modal = Some(Modal::PickScript { selected });
            vec![]
        } else {
            vec![Effect::StartNew(Box::new(self.script.clone()))]
        }
    }
}
