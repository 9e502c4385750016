//! The apology builder over the session screen: one field per part, the message growing below.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::{App, Effect, Msg, Notice, Screen};
use crate::apology::{Apology, Part};
use crate::session::{Position, Session};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;

/// The step whose prompts the builder fills, and which prompt each part goes to.
const STEP: &str = "apologize";
const PROMPTS: [(Part, &str); 4] = [
    (Part::To, "who"),
    (Part::Did, "responsibility"),
    (Part::Repair, "repair"),
    (Part::Prevent, "prevent"),
];

/// The builder's state.
#[derive(Debug)]
pub struct Builder {
    /// One editor per part, in [`Part::ALL`] order.
    pub fields: Vec<TextArea<'static>>,
    /// The field being written.
    pub current: usize,
}

impl Builder {
    /// The apology the fields make.
    pub fn apology(&self) -> Apology {
        let mut apology = Apology::default();
        for (part, field) in Part::ALL.iter().zip(&self.fields) {
            apology.set(*part, field.lines().join("\n").trim().to_string());
        }
        apology
    }
}

fn field(text: &str, theme: &Theme) -> TextArea<'static> {
    let mut editor = TextArea::new(text.split('\n').map(String::from).collect());
    editor.set_wrap_mode(WrapMode::WordOrGlyph);
    editor.set_cursor_line_style(Style::new());
    editor.set_cursor_style(theme.cursor);
    editor.move_cursor(CursorMove::Bottom);
    editor.move_cursor(CursorMove::End);
    editor
}

/// Whether the session has the step the builder works in.
pub fn has_apology_step(session: &Session) -> bool {
    session.steps.iter().any(|s| s.id == STEP)
}

/// The builder's starting point: the apology kept before, or what the step's answers already say.
fn starting_point(session: &Session) -> Apology {
    if let Some(apology) = &session.apology {
        return apology.clone();
    }
    let mut apology = Apology::default();
    if let Some(step) = session.steps.iter().find(|s| s.id == STEP) {
        for (part, id) in PROMPTS {
            if let Some(prompt) = step.prompts.iter().find(|p| p.id == id) {
                apology.set(part, prompt.answer.clone());
            }
        }
    }
    apology
}

impl App {
    pub(super) fn open_builder(&mut self) -> Vec<Effect> {
        let theme = self.theme;
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        if !has_apology_step(&w.session) {
            return vec![];
        }
        w.commit();
        let start = starting_point(&w.session);
        w.builder = Some(Builder {
            fields: Part::ALL.iter().map(|p| field(start.get(*p), &theme)).collect(),
            current: 0,
        });
        vec![]
    }

    pub(super) fn update_builder(&mut self, msg: Msg) -> Vec<Effect> {
        let theme = self.theme;
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        let Some(builder) = &mut w.builder else {
            return vec![];
        };
        match msg {
            Msg::Input(input) => {
                builder.fields[builder.current].input(input);
            }
            Msg::Paste(text) => {
                builder.fields[builder.current].insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Msg::Action(Action::NextPrompt) => builder.current = (builder.current + 1) % builder.fields.len(),
            Msg::Action(Action::PrevPrompt) => {
                builder.current = (builder.current + builder.fields.len() - 1) % builder.fields.len();
            }
            Msg::Action(Action::Copy) => {
                let text = builder.apology().message();
                self.notice = Some(Notice {
                    text: "Copied the apology (if your terminal lets programs use the clipboard).".into(),
                    is_error: false,
                });
                return vec![Effect::Copy(text)];
            }
            Msg::Action(Action::Dismiss) => w.builder = None,
            Msg::Action(Action::Accept) => {
                let apology = builder.apology();
                w.builder = None;
                // The parts also answer the step's questions that are still empty.
                if let Some(step) = w.session.steps.iter().position(|s| s.id == STEP) {
                    for (part, id) in PROMPTS {
                        let Some(prompt) = w.session.steps[step].prompts.iter().position(|p| p.id == id)
                        else {
                            continue;
                        };
                        let pos = Position { step, prompt };
                        if !w.session.prompt(pos).is_some_and(|p| p.is_answered())
                            && !apology.get(part).is_empty()
                        {
                            w.session.set_answer(pos, apology.get(part).to_string());
                        }
                    }
                }
                w.session.apology = (!apology.is_empty()).then_some(apology);
                w.reload_editor(&theme);
                w.revision += 1;
                w.notice = Some("The apology is kept with this session.".into());
                return self.save(super::After::Stay);
            }
            _ => {}
        }
        vec![]
    }
}
