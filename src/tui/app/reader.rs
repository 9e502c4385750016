//! Reading a session: scrolling, and the way to edit, export or delete it.

use std::path::PathBuf;

use super::{Anchor, App, Effect, Modal, Msg, Reader, Screen, Scroll};
use crate::session::Session;
use crate::tui::field::Field;
use crate::tui::keys::Action;

impl App {
    pub(super) fn update_reader(&mut self, msg: Msg) -> Vec<Effect> {
        let Screen::Reader(reader) = &mut self.screen else {
            return vec![];
        };
        let Msg::Action(action) = msg else {
            return vec![];
        };
        let just_finished = reader.just_finished;
        self.notice = None;
        // How far each of these goes depends on the size: the view works it out.
        match action {
            Action::Up => reader.scroll.by_lines(-1),
            Action::Down => reader.scroll.by_lines(1),
            Action::PageUp => reader.scroll.by_pages(-1),
            Action::PageDown => reader.scroll.by_pages(1),
            Action::Top => reader.scroll.jump(Anchor::Top),
            Action::Bottom => reader.scroll.jump(Anchor::Bottom),
            Action::Edit => return vec![Effect::Open(reader.session.id.clone())],
            Action::Delete => {
                self.modal = Some(Modal::ConfirmDelete {
                    id: reader.session.id.clone(),
                    title: reader.session.title(),
                    status: reader.session.status,
                });
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
            _ => {}
        }
        vec![]
    }

    /// Shows `session` (saved at `path`) in the reader, scrolled to `anchor`.
    pub(super) fn read(&mut self, session: Session, path: PathBuf, just_finished: bool, anchor: Anchor) {
        self.read += 1;
        self.keep_editors();
        self.screen = Screen::Reader(Box::new(Reader {
            shown: self.read,
            session,
            path,
            scroll: Scroll::at(anchor),
            just_finished,
            other_machine: vec![],
        }));
    }
}
