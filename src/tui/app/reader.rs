//! Reading a session: scrolling, and the way to edit, export or delete it.

use std::path::PathBuf;

use super::{App, Effect, Modal, Msg, Reader, Screen};
use crate::session::Session;
use crate::tui::field::Field;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::view;

impl App {
    pub(super) fn update_reader(&mut self, msg: Msg) -> Vec<Effect> {
        let page = view::reader::body_height(self.size).max(1);
        let max = self.max_scroll();
        let Screen::Reader(reader) = &mut self.screen else {
            return vec![];
        };
        let Msg::Action(action) = msg else {
            return vec![];
        };
        let just_finished = reader.just_finished;
        self.notice = None;
        reader.scroll = match action {
            Action::Up => reader.scroll.saturating_sub(1),
            Action::Down => reader.scroll.saturating_add(1),
            Action::PageUp => reader.scroll.saturating_sub(page),
            Action::PageDown => reader.scroll.saturating_add(page),
            Action::Top => 0,
            Action::Bottom => max,
            Action::Edit => return vec![Effect::Open(reader.session.id.clone())],
            Action::Delete => {
                self.modal = Some(Modal::ConfirmDelete {
                    id: reader.session.id.clone(),
                });
                return vec![];
            }
            Action::Export => {
                let name = format!("ownup-{}.md", reader.session.id);
                // A path typed before and put away with Esc is offered again.
                let path = self
                    .export_path
                    .clone()
                    .unwrap_or_else(|| self.rescue_dir.join(name).display().to_string());
                let field = Field::single_line(&path).with_style(self.theme.text, self.theme.cursor);
                self.modal = Some(Modal::ExportPath {
                    field: Box::new(field),
                    error: None,
                });
                return vec![];
            }
            Action::Back => {
                self.notice = None;
                self.go_home();
                // A finished session changed the list; reading one did not.
                return if just_finished {
                    vec![Effect::Refresh]
                } else {
                    vec![]
                };
            }
            _ => reader.scroll,
        }
        .min(max);
        vec![]
    }

    pub(super) fn max_scroll(&self) -> u16 {
        match &self.screen {
            Screen::Reader(reader) => view::reader::max_scroll(reader, self.size),
            _ => 0,
        }
    }

    pub(super) fn clamp_scroll(&mut self) {
        let max = self.max_scroll();
        if let Screen::Reader(reader) = &mut self.screen {
            reader.scroll = reader.scroll.min(max);
        }
    }
}

impl Reader {
    /// A reader for `session`, saved at `path`.
    pub fn new(session: Session, path: PathBuf, just_finished: bool, theme: &Theme) -> Reader {
        let document = view::reader::document(&session, &path, just_finished, theme);
        Reader {
            session,
            path,
            scroll: 0,
            just_finished,
            document,
        }
    }
}
