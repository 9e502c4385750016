//! The apology builder over the session screen: one field per part, the message growing below.

use super::{App, Effect, Msg, Notice, Screen};
use crate::apology::{Apology, Part};
use crate::session::{Position, Session};
use crate::tui::field::{Edit, Field};
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
    pub fields: Vec<Field>,
    /// The field being written.
    pub current: usize,
    /// Whether keeping it was refused since the last edit (see [`Apology::refusals`]).
    pub refused: bool,
    /// What the fields held when the builder opened.
    start: Apology,
}

impl Builder {
    /// The apology the fields make, each part trimmed.
    pub fn apology(&self) -> Apology {
        let mut apology = self.typed();
        for part in Part::ALL {
            let trimmed = apology.get(part).trim().to_string();
            apology.set(part, trimmed);
        }
        apology
    }

    /// The fields exactly as typed.
    pub fn typed(&self) -> Apology {
        let mut apology = Apology::default();
        for (part, field) in Part::ALL.iter().zip(&self.fields) {
            apology.set(*part, field.text());
        }
        apology
    }

    /// The draft to keep with the session: what was typed, if it is not what the builder
    /// opened with (else `previous`, the draft it may have opened with).
    pub fn draft(&self, previous: Option<Apology>) -> Option<Apology> {
        let typed = self.typed();
        if typed == self.start {
            previous
        } else {
            Some(typed).filter(|t| !t.is_empty())
        }
    }
}

fn field(text: &str, theme: &Theme) -> Field {
    Field::multi_line(text).with_style(theme.text, theme.cursor)
}

/// Whether the session has the step the builder works in.
pub fn has_apology_step(session: &Session) -> bool {
    session.steps.iter().any(|s| s.id == STEP)
}

/// The builder's starting point: what was typed in it last time and not kept, the apology kept
/// before, or what the step's answers already say.
fn starting_point(session: &Session) -> Apology {
    if let Some(draft) = &session.apology_draft {
        return draft.clone();
    }
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
    /// The answer to "close the builder with changes not kept?": keep them as a draft (the
    /// builder opens with them again), throw them away, or go back to the builder.
    pub(super) fn close_builder(&mut self, action: Action) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            self.modal = None;
            return vec![];
        };
        let Some(builder) = &w.builder else {
            self.modal = None;
            return vec![];
        };
        match action {
            Action::Accept => {
                let before = w.session.apology_draft.clone();
                w.session.apology_draft = builder.draft(w.session.apology_draft.take());
                if w.session.apology_draft != before {
                    w.edited();
                }
                w.notice = Some("What you typed in the builder is kept: F3 to go on with it.".into());
            }
            Action::Discard => {
                // What was typed may be on disk already (autosaved as the builder's draft):
                // saving again writes the session as it was before the builder opened.
                w.edited();
                w.notice = Some("The changes in the builder were thrown away.".into());
            }
            Action::Dismiss => {
                self.modal = None;
                return vec![];
            }
            _ => return vec![],
        }
        w.builder = None;
        self.modal = None;
        vec![]
    }

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
            refused: false,
            start,
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
                let edit = builder.fields[builder.current].input(input, None);
                if edit == Edit::Changed {
                    builder.refused = false;
                    w.edited();
                }
            }
            Msg::Paste(text) => {
                let edit = builder.fields[builder.current].insert(text, None);
                if edit == Edit::Changed {
                    builder.refused = false;
                    w.edited();
                }
            }
            Msg::Action(Action::NextPrompt) => builder.current = (builder.current + 1) % builder.fields.len(),
            Msg::Action(Action::PrevPrompt) => {
                builder.current = (builder.current + builder.fields.len() - 1) % builder.fields.len();
            }
            Msg::Action(Action::Copy) => {
                let text = builder.apology().message();
                self.notice = Some(Notice::info(
                    "Copied the apology (if your terminal lets programs use the clipboard).",
                ));
                return vec![Effect::Copy(text)];
            }
            Msg::Action(Action::Dismiss) => {
                if builder.typed() == builder.start {
                    w.builder = None;
                    if w.session.apology_draft.is_some() {
                        w.notice = Some("What you typed in the builder is kept: F3 to go on with it.".into());
                    }
                } else {
                    // Changes not kept yet: ask (Enter keeps them as a draft, d throws them away).
                    self.modal = Some(super::Modal::CloseBuilder);
                }
            }
            Msg::Action(Action::Accept) => {
                let apology = builder.apology();
                let refusals = apology.refusals();
                if !refusals.is_empty() {
                    // Kept open with every word, saying why: the person mends it, or closes it
                    // (it stays as a draft).
                    builder.refused = true;
                    return vec![];
                }
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
                w.session.apology_draft = None;
                w.reload_editor(&theme);
                w.edited();
                w.notice = Some("The apology is kept with this session.".into());
                return self.save(super::After::Stay);
            }
            _ => {}
        }
        vec![]
    }
}
