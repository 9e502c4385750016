//! The session screen's state and logic: editing answers, moving between prompts, saving, and
//! what happens when a save fails.

use std::collections::BTreeMap;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{Input, Key};

use super::{After, Anchor, App, Effect, Failure, Msg, Saves, Screen, error};
use crate::script::{Kind, Script};
use crate::session::{Position, Session, Status};
use crate::tui::field::{Edit, Field, MAX_CHARS};
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use crate::tui::writer::{Mark, SessionSnapshot};

/// State of the session screen.
#[derive(Debug)]
pub struct Writing {
    /// The session being written; the answer at `pos` lives in `editor` until committed.
    pub session: Session,
    /// The prompt being answered.
    pub pos: Position,
    /// The answer editor.
    pub editor: Field,
    /// Which opening of a session in this run this is (see [`Mark`]).
    pub generation: u64,
    /// Its edits and saves.
    pub saves: Saves,
    /// Why the last save failed, until one succeeds.
    pub save_error: Option<String>,
    /// Whether a save has been under way for long (the disk may not be answering).
    pub stalled: bool,
    /// Where the person asked to go once the text is saved (quit, home, the summary).
    pub leaving: Option<After>,
    /// A one-line message under the editor.
    pub notice: Option<String>,
    /// The session's file, once saved.
    pub path: Option<PathBuf>,
    /// Whether the file on disk is a finished session that this edit will revise: its text is
    /// kept as a revision before the first save overwrites it.
    pub keep_revision: bool,
    /// Shown when quitting could not save: ways out that lose nothing.
    pub rescue: Option<Rescue>,
    /// The script the session follows, if it is still available: intros and hints come from it.
    pub guide: Option<Script>,
    /// The suggestion shown under the answer, if its wording set one off: (rule, suggestion).
    pub nudge: Option<(String, String)>,
    /// Nudges dismissed, by prompt and rule, so they stay away for that answer.
    dismissed: Vec<(Position, String)>,
    /// The nudges found in each line of the answer, so that a keystroke reads only its line.
    nudge_lines: crate::nudge::LineCache,
    /// The apology builder, while it is open.
    pub builder: Option<super::Builder>,
    /// The editors of the prompts left since the session was opened, with their undo history,
    /// so that moving away and back never takes the way back from a deletion.
    parked: BTreeMap<Position, Field>,
    /// Whether finishing already brought the person to the closing check-in (asked once).
    asked_closing_feeling: bool,
}

/// The dialog shown when the text could not be saved on the way out.
#[derive(Debug)]
pub struct Rescue {
    /// Why the save failed.
    pub error: String,
    /// The path being typed, once the user chose to write the text elsewhere.
    pub path: Option<Field>,
    /// Why writing it there failed, if it did.
    pub write_error: Option<String>,
    /// Whether the data's file system has no room: the copy is then proposed on another.
    pub no_room: bool,
    /// The path typed before Esc put the field away, offered again.
    pub typed_path: Option<String>,
}

impl Writing {
    /// Opens `session` at the prompt where it was left, with the cursor at the end of its answer.
    /// `path` is its file if it was saved before.
    pub fn new(
        session: Session,
        path: Option<PathBuf>,
        guide: Option<Script>,
        theme: &Theme,
        generation: u64,
    ) -> Writing {
        let mut session = session;
        // Come back to: the reminder has done its work (and is saved as done), whether it
        // was its time or the person came back earlier.
        let reminded = session.come_back.is_some();
        if reminded {
            session.come_back = None;
        }
        let pos = session.valid_position();
        let editor = editor_for(
            session.answer(pos),
            theme,
            &placeholder(&session, guide.as_ref(), pos),
        );
        let notice = session
            .apology_draft
            .is_some()
            .then(|| "The apology you were writing is kept: F3 to go on with it.".to_string());
        let mut saves = Saves::default();
        if reminded {
            saves.edited();
        }
        Writing {
            keep_revision: session.status == Status::Complete && path.is_some(),
            generation,
            session,
            pos,
            editor,
            saves,
            save_error: None,
            stalled: false,
            leaving: None,
            notice,
            path,
            rescue: None,
            guide,
            nudge: None,
            dismissed: Vec::new(),
            nudge_lines: crate::nudge::LineCache::default(),
            builder: None,
            parked: BTreeMap::new(),
            asked_closing_feeling: false,
        }
    }

    /// Whether some edit is not yet on disk.
    pub fn is_dirty(&self) -> bool {
        self.saves.is_dirty()
    }

    /// Whether leaving now would lose something: unsaved edits in a session worth keeping.
    /// A session never saved and still empty is not worth a file.
    pub fn needs_saving(&self) -> bool {
        self.is_dirty() && (self.path.is_some() || self.has_text())
    }

    /// Whether anything at all has been written: an answer, the editor, the apology builder.
    pub(super) fn has_text(&self) -> bool {
        self.session.has_any_answer()
            || !self.editor.is_empty()
            || self.session.apology.is_some()
            || self.session.apology_draft.is_some()
            || self.session.come_back.is_some()
            || self.builder.as_ref().is_some_and(|b| !b.typed().is_empty())
    }

    /// The edit the open text is at.
    pub fn mark(&self) -> Mark {
        Mark {
            generation: self.generation,
            revision: self.saves.revision,
        }
    }

    /// See [`App::autosave_wanted`].
    pub fn autosave_wanted(&self) -> bool {
        self.needs_saving() && self.saves.wanted()
    }

    pub(super) fn edited(&mut self) {
        self.saves.edited();
        self.notice = None;
    }

    /// Looks at the answer being written for wording that works against owning the mistake.
    fn look_for_nudge(&mut self, lexicon: Option<&crate::nudge::Lexicon>) {
        self.nudge = None;
        let (Some(lexicon), true) = (lexicon, self.kind().is_typed()) else {
            return;
        };
        let step = self
            .session
            .steps
            .get(self.pos.step)
            .map_or("", |s| s.id.as_str());
        let text = self.editor.text();
        if let Some(found) = lexicon.nudge_cached(step, &text, &mut self.nudge_lines)
            && !self
                .dismissed
                .iter()
                .any(|(p, r)| *p == self.pos && *r == found.rule.id)
        {
            self.nudge = Some((found.rule.id.clone(), found.say));
        }
    }

    /// Shows the current prompt's answer again (after something else changed it).
    pub(super) fn reload_editor(&mut self, theme: &Theme) {
        let placeholder = placeholder(&self.session, self.guide.as_ref(), self.pos);
        self.editor = editor_for(self.session.answer(self.pos), theme, &placeholder);
    }

    /// Puts the current nudge away for this answer.
    fn dismiss_nudge(&mut self) {
        if let Some((rule, _)) = self.nudge.take() {
            self.dismissed.push((self.pos, rule));
        }
    }

    /// The kind of answer the current prompt takes.
    pub fn kind(&self) -> Kind {
        self.session
            .prompt(self.pos)
            .map(|p| p.kind.clone())
            .unwrap_or_default()
    }

    /// The guide's version of the current prompt, for its hint, placeholder and limit.
    pub fn guide_prompt(&self) -> Option<&crate::script::Prompt> {
        let step = self.session.steps.get(self.pos.step)?;
        let prompt = self.session.prompt(self.pos)?;
        self.guide.as_ref()?.step(&step.id)?.prompt(&prompt.id)
    }

    /// How many characters the current answer may have, if limited.
    pub fn max_chars(&self) -> Option<usize> {
        self.guide_prompt().and_then(|p| p.max_chars)
    }

    /// Characters in the editor (a line break counts as one).
    pub fn editor_chars(&self) -> usize {
        self.editor.chars()
    }

    /// Copies the editor's text into the session (picked answers are set directly).
    pub fn commit(&mut self) {
        if !self.kind().is_typed() {
            return;
        }
        let text = self.editor.text();
        if self.session.answer(self.pos) != text {
            self.session.set_answer(self.pos, text);
        }
    }

    /// The session with the editor's and the apology builder's text, stamped `now`, ready to
    /// save. A read: the screen is not changed.
    pub fn snapshot(&self, now: DateTime<FixedOffset>) -> SessionSnapshot {
        let mut session = self.session.clone();
        if self.kind().is_typed() {
            let text = self.editor.text();
            if session.answer(self.pos) != text {
                session.set_answer(self.pos, text);
            }
        }
        if let Some(builder) = &self.builder {
            session.apology_draft = builder.draft(session.apology_draft.take());
        }
        session.position = self.pos;
        session.updated = now;
        // Commitments are brought in line with the answers by the writer, off this thread:
        // a snapshot is taken at every change.
        SessionSnapshot {
            session,
            mark: self.mark(),
            keep_revision: self.keep_revision,
        }
    }

    /// A save has been under way for long: say so, and if the person was quitting, offer to
    /// write the text elsewhere rather than wait for the disk.
    pub(super) fn stalled(&mut self) {
        self.stalled = true;
        let error = "saving has not finished for some seconds — the disk may not be answering; your text is still here".to_string();
        self.save_error = Some(error.clone());
        if self.leaving == Some(After::Quit) && self.rescue.is_none() {
            self.rescue = Some(Rescue {
                error,
                path: None,
                write_error: None,
                no_room: true,
                typed_path: None,
            });
        }
    }

    /// What follows a key in the editor: a changed text is an edit (and may set off a nudge);
    /// one refused for its length says why.
    fn after_edit(&mut self, edit: Edit, limit: Option<usize>, lexicon: Option<&crate::nudge::Lexicon>) {
        match edit {
            Edit::Changed => {
                self.edited();
                self.look_for_nudge(lexicon);
            }
            Edit::TooLong => {
                let max = limit.map_or(MAX_CHARS, |l| l.min(MAX_CHARS));
                self.notice = Some(format!(
                    "This answer is limited to {max} characters; that was not added."
                ));
            }
            Edit::Unchanged => {}
        }
    }

    /// Hands over the editors of this opening (the current one and those left behind), with
    /// their undo history, to be given back if the session is opened again.
    pub(super) fn take_editors(&mut self) -> BTreeMap<Position, Field> {
        self.commit();
        let mut editors = std::mem::take(&mut self.parked);
        editors.insert(self.pos, std::mem::take(&mut self.editor));
        editors
    }

    /// Takes back editors handed over by [`Writing::take_editors`] when the session was last
    /// left: those whose text is still the answer keep their undo history.
    pub(super) fn adopt_editors(&mut self, editors: BTreeMap<Position, Field>) {
        for (pos, field) in editors {
            if field.text() != self.session.answer(pos) {
                continue;
            }
            if pos == self.pos {
                self.editor = field;
            } else {
                self.parked.insert(pos, field);
            }
        }
    }

    /// Moves to `pos`, keeping the current answer.
    fn go(&mut self, pos: Position, theme: &Theme) {
        self.commit();
        if pos != self.pos {
            let left = self.pos;
            self.pos = pos;
            self.session.position = pos;
            self.saves.edited();
            let placeholder = placeholder(&self.session, self.guide.as_ref(), pos);
            // The editor left behind keeps its history; the one come back to is used again if
            // its text is still the answer (nothing else changed it meanwhile).
            let next = match self.parked.remove(&pos) {
                Some(field) if field.text() == self.session.answer(pos) => field,
                _ => editor_for(self.session.answer(pos), theme, &placeholder),
            };
            let old = std::mem::replace(&mut self.editor, next);
            self.parked.insert(left, old);
            self.nudge = None;
        }
        self.notice = None;
    }
}

impl App {
    /// Snapshots the open session into a save effect.
    pub(super) fn save(&mut self, after: After) -> Vec<Effect> {
        let now = self.now;
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        w.commit();
        // The screen's session gets what the file gets (the summary shows the commitments).
        w.session.updated = now;
        w.session.sync_commitments(now.date_naive());
        let snapshot = w.snapshot(now);
        w.saves.started();
        if after != After::Stay {
            w.leaving = Some(after);
        }
        vec![Effect::Save {
            snapshot: Box::new(snapshot),
            after,
        }]
    }

    pub(super) fn saved(
        &mut self,
        id: &str,
        mark: Mark,
        after: After,
        result: Result<PathBuf, Failure>,
    ) -> Vec<Effect> {
        let current = match &self.screen {
            Screen::Writing(w) => w.session.id == id && w.generation == mark.generation,
            _ => false,
        };
        if !current {
            // A late reply for a text already left (a Ctrl-C while the save that finished the
            // session was under way): only quitting, or a failure, still needs doing.
            match result {
                Ok(_) if after == After::Quit => self.quit = true,
                Ok(_) => {}
                Err(err) => self.notice = Some(error(err.message)),
            }
            return vec![];
        }
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        w.saves.finished(mark.revision, result.is_ok());
        w.stalled = false;
        if after != After::Stay {
            w.leaving = None;
        }
        let path = match result {
            Ok(path) => path,
            Err(err) => {
                match after {
                    After::Stay => {}
                    After::Quit => {
                        w.rescue = Some(Rescue {
                            error: err.message.clone(),
                            path: None,
                            write_error: None,
                            no_room: err.is_no_room(),
                            typed_path: None,
                        });
                    }
                    After::Summary => {
                        w.session.status = Status::Draft;
                        w.session.finished = None;
                        w.notice = Some("Not finished, because it could not be saved.".into());
                    }
                    After::Home => w.notice = Some("Still here, because it could not be saved.".into()),
                }
                w.save_error = Some(err.message);
                return vec![];
            }
        };
        w.save_error = None;
        w.keep_revision = false;
        w.path = Some(path.clone());
        let release = Effect::Release(w.session.id.clone());
        match after {
            After::Stay => vec![],
            After::Quit => {
                self.quit = true;
                vec![release]
            }
            After::Home => {
                self.go_home();
                vec![release, Effect::Refresh]
            }
            After::Summary => {
                let session = w.session.clone();
                self.read(session, path, true, Anchor::Top);
                vec![release]
            }
        }
    }

    pub(super) fn wrote_elsewhere(&mut self, result: Result<PathBuf, Failure>) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        match result {
            Ok(path) => {
                // The text is safe in the rescue file; nothing is left to save on the way out.
                w.saves.settled();
                self.farewell = Some(format!(
                    "ownup could not save to its own folder ({}), so your text was written to {}",
                    w.save_error.as_deref().unwrap_or("unknown error"),
                    path.display()
                ));
                self.quit = true;
                vec![Effect::Release(w.session.id.clone())]
            }
            Err(err) => {
                if let Some(rescue) = &mut w.rescue {
                    rescue.write_error = Some(err.message);
                }
                vec![]
            }
        }
    }

    pub(super) fn update_writing(&mut self, msg: Msg) -> Vec<Effect> {
        let now = self.now;
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        if w.rescue.is_some() {
            return self.update_rescue(msg);
        }
        if w.builder.is_some() {
            return self.update_builder(msg);
        }
        match msg {
            Msg::Input(input) if !w.kind().is_typed() => {
                if input.key == Key::Enter {
                    return self.update_writing(Msg::Action(Action::NextPrompt));
                }
                let first_feeling = w.session.feeling_positions().0 == Some(w.pos);
                if first_feeling && matches!(input.key, Key::Char('n' | 'N')) && !input.ctrl && !input.alt {
                    return self.offer_come_back();
                }
                if w.pick(&input) {
                    w.edited();
                } else if let Key::Char(c) = input.key
                    && !input.ctrl
                    && !input.alt
                    && !c.is_whitespace()
                {
                    // Every key gets an answer: say what this question takes.
                    w.notice = Some(w.expects(first_feeling));
                }
                vec![]
            }
            Msg::Action(Action::NotNow) => self.offer_come_back(),
            Msg::Action(Action::Editor) => self.open_editor(),
            Msg::Input(input) => {
                let limit = w.max_chars();
                let edit = w.editor.input(input, limit);
                w.after_edit(edit, limit, self.lexicon.as_ref());
                vec![]
            }
            Msg::Action(Action::DismissNudge) => {
                w.dismiss_nudge();
                vec![]
            }
            Msg::Action(Action::Apology) => self.open_builder(),
            Msg::Paste(_) if !w.kind().is_typed() => vec![],
            Msg::Paste(text) => {
                let limit = w.max_chars();
                let edit = w.editor.insert(text, limit);
                w.after_edit(edit, limit, self.lexicon.as_ref());
                vec![]
            }
            Msg::Action(Action::NextPrompt) => match w.session.next(w.pos) {
                Some(next) => self.move_to(next),
                None => {
                    w.notice = Some("This is the last question. Press Ctrl-S to finish.".into());
                    vec![]
                }
            },
            Msg::Action(Action::PrevPrompt) => match w.session.previous(w.pos) {
                Some(previous) => self.move_to(previous),
                None => {
                    w.notice = Some("This is the first question.".into());
                    vec![]
                }
            },
            Msg::Action(Action::Finish) => {
                w.commit();
                if let Some(missing) = w.session.first_missing_required() {
                    w.go(missing, &self.theme);
                    w.notice = Some("This one is needed to finish.".into());
                    return vec![];
                }
                // The closing check-in, once, if it was not reached: asked, not required.
                if let (Some(_), Some(closing)) = w.session.feeling_positions()
                    && w.session.status != Status::Complete
                    && w.pos != closing
                    && w.session.answer(closing).trim().is_empty()
                    && !w.asked_closing_feeling
                {
                    w.asked_closing_feeling = true;
                    let effects = self.move_to(closing);
                    if let Screen::Writing(w) = &mut self.screen {
                        w.notice = Some(
                            "One last question before you finish (Ctrl-S again finishes without it).".into(),
                        );
                    }
                    return effects;
                }
                w.session.complete(now);
                w.edited();
                self.save(After::Summary)
            }
            Msg::Action(Action::Leave) => {
                if w.needs_saving() {
                    self.save(After::Home)
                } else {
                    let id = w.session.id.clone();
                    self.go_home();
                    vec![Effect::Release(id), Effect::Refresh]
                }
            }
            _ => vec![],
        }
    }

    /// The dialog after a failed save on the way out: write elsewhere, keep writing, or quit.
    fn update_rescue(&mut self, msg: Msg) -> Vec<Effect> {
        let now = self.now;
        let home = self.rescue_dir.clone();
        let other_fs = self.other_fs_dir.clone();
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        let Some(rescue) = &mut w.rescue else {
            return vec![];
        };
        match (msg, &mut rescue.path) {
            (Msg::Action(Action::WriteElsewhere), None) => {
                let suggestion = match (rescue.no_room, other_fs) {
                    (true, Some(dir)) => dir,
                    _ => home,
                };
                let name = match self.encrypted {
                    true => format!("ownup-{}.ron.age", w.session.id),
                    false => format!("ownup-{}.ron", w.session.id),
                };
                let path = rescue
                    .typed_path
                    .clone()
                    .unwrap_or_else(|| suggestion.join(name).display().to_string());
                let field = Field::single_line(&path).with_style(self.theme.text, self.theme.cursor);
                rescue.path = Some(field);
            }
            (Msg::Action(Action::Dismiss), None) => w.rescue = None,
            (Msg::Action(Action::Discard), None) => {
                // Asked for twice (Ctrl-C, then Q): do not try again on the way out.
                w.saves.settled();
                self.farewell = Some("ownup quit without saving your last changes, as you asked.".into());
                self.quit = true;
                return vec![Effect::Release(w.session.id.clone())];
            }
            (Msg::Action(Action::Dismiss), Some(field)) => {
                rescue.typed_path = Some(field.text());
                rescue.path = None;
                rescue.write_error = None;
            }
            (Msg::Action(Action::Accept), Some(field)) => {
                let path = field.text().trim().to_string();
                if path.is_empty() {
                    rescue.write_error = Some("type the path of a file to write".into());
                    return vec![];
                }
                return vec![Effect::WriteElsewhere {
                    path: super::typed_path(&path, &home),
                    session: Box::new(w.snapshot(now).session),
                }];
            }
            (Msg::Input(input), Some(field)) => {
                field.input(input, None);
            }
            (Msg::Paste(text), Some(field)) => {
                field.insert(text, None);
            }
            _ => {}
        }
        vec![]
    }

    /// Ctrl-E: the answer in the person's editor. What is unsaved is saved first, so that
    /// nothing depends on the editor coming back.
    fn open_editor(&mut self) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        if !w.kind().is_typed() {
            w.notice = Some(
                "This question is answered by choosing; Ctrl-E opens your editor for written answers.".into(),
            );
            return vec![];
        }
        w.commit();
        let effect = Effect::EditInEditor {
            id: w.session.id.clone(),
            pos: w.pos,
            text: w.editor.text(),
            limit: w.max_chars(),
        };
        let mut effects = if w.needs_saving() && !w.saves.saving {
            self.save(After::Stay)
        } else {
            vec![]
        };
        effects.push(effect);
        effects
    }

    /// The editor closed: its text becomes the answer (one step for undo), or the notice
    /// says why the answer is unchanged.
    pub(super) fn edited_in_editor(
        &mut self,
        id: &str,
        pos: Position,
        result: Result<String, String>,
    ) -> Vec<Effect> {
        let lexicon = self.lexicon.clone();
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        if w.session.id != id || w.pos != pos {
            return vec![];
        }
        match result {
            Ok(text) => {
                let limit = w.max_chars();
                let edit = w.editor.replace_all(&text, limit);
                let said = match edit {
                    Edit::Changed => Some("Your answer is back from your editor."),
                    Edit::Unchanged => Some("Your editor left the answer as it was."),
                    _ => None, // too long: after_edit says so
                };
                w.after_edit(edit, limit, lexicon.as_ref());
                if let Some(said) = said {
                    w.notice = Some(said.into());
                }
            }
            Err(message) => w.notice = Some(message),
        }
        vec![]
    }

    /// Moves to another prompt, saving at once if anything changed.
    fn move_to(&mut self, pos: Position) -> Vec<Effect> {
        let Screen::Writing(w) = &mut self.screen else {
            return vec![];
        };
        w.go(pos, &self.theme);
        if w.needs_saving() && !w.saves.saving {
            self.save(After::Stay)
        } else {
            vec![]
        }
    }
}

/// The grey text of an empty answer: the script's, or one that fits the kind of answer.
fn placeholder(session: &Session, guide: Option<&Script>, pos: Position) -> String {
    let Some(prompt) = session.prompt(pos) else {
        return String::new();
    };
    let from_script = session
        .steps
        .get(pos.step)
        .and_then(|step| guide?.step(&step.id)?.prompt(&prompt.id))
        .map(|p| p.placeholder.clone())
        .filter(|p| !p.is_empty());
    from_script.unwrap_or_else(|| {
        match prompt.kind {
            Kind::List => "One item per line…",
            Kind::Commitment => "What — who — by when, one per line…",
            Kind::Text | Kind::Choice(_) | Kind::Scale(..) | Kind::Feeling => "Write here…",
        }
        .to_string()
    })
}

impl Writing {
    /// What a Choice, Scale or Feeling prompt takes, said when a key it cannot use is typed.
    fn expects(&self, first_feeling: bool) -> String {
        match self.kind() {
            Kind::Choice(options) => {
                format!("Press a number from 1 to {}, or ↑↓ to choose.", options.len())
            }
            Kind::Scale(low, high) => {
                let high = if high >= 10 {
                    "0 for 10".to_string()
                } else {
                    high.to_string()
                };
                format!("Press a number from {low} to {high}, or ←→ to choose.")
            }
            Kind::Feeling if first_feeling => {
                "Press a number from 1 to 5, or n to stop here for now.".to_string()
            }
            Kind::Feeling => "Press a number from 1 to 5, or ↑↓ to choose.".to_string(),
            Kind::Text | Kind::List | Kind::Commitment => String::new(),
        }
    }

    /// A key on a Choice or Scale prompt: arrows move the choice, a digit picks, Backspace
    /// clears. Returns whether the answer changed.
    fn pick(&mut self, input: &Input) -> bool {
        let answer = self.session.answer(self.pos).to_string();
        let new = match self.kind() {
            Kind::Choice(options) => {
                let at = options.iter().position(|o| *o == answer);
                match (&input.key, at) {
                    (Key::Down | Key::Right, None) => options.first().cloned(),
                    (Key::Down | Key::Right, Some(i)) => options.get((i + 1).min(options.len() - 1)).cloned(),
                    (Key::Up | Key::Left, None) => options.last().cloned(),
                    (Key::Up | Key::Left, Some(i)) => options.get(i.saturating_sub(1)).cloned(),
                    (Key::Char(c), _) if c.is_ascii_digit() => {
                        let n = c.to_digit(10).unwrap_or(0) as usize;
                        options.get(n.wrapping_sub(1)).cloned().or(Some(answer.clone()))
                    }
                    (Key::Backspace | Key::Delete, _) => Some(String::new()),
                    _ => Some(answer.clone()),
                }
            }
            kind @ (Kind::Scale(..) | Kind::Feeling) => {
                let (low, high) = match kind {
                    Kind::Scale(low, high) => (low, high),
                    _ => (1, crate::script::FEELINGS.len() as u8),
                };
                // A feeling is a list drawn from 1 at the top: ↑ goes towards 1, as in a
                // choice. A scale is a row: → goes up.
                let key = match (&kind, &input.key) {
                    (Kind::Feeling, Key::Up) => Key::Left,
                    (Kind::Feeling, Key::Down) => Key::Right,
                    (_, key) => *key,
                };
                // Out of range (a file edited by hand): as if nothing were picked.
                let value = answer.parse::<u8>().ok().filter(|v| (low..=high).contains(v));
                let next = match (&key, value) {
                    (Key::Right | Key::Up, None) | (Key::Left | Key::Down, None) => Some(low),
                    (Key::Right | Key::Up, Some(v)) => Some(v.saturating_add(1).min(high)),
                    (Key::Left | Key::Down, Some(v)) => Some(v.saturating_sub(1).max(low)),
                    (Key::Char(c), _) if c.is_ascii_digit() => {
                        // 0 stands for 10 on a scale that reaches it.
                        let d = c.to_digit(10).unwrap_or(0) as u8;
                        let d = if d == 0 && high >= 10 { 10 } else { d };
                        if (low..=high).contains(&d) { Some(d) } else { value }
                    }
                    (Key::Backspace | Key::Delete, _) => None,
                    _ => value,
                };
                Some(next.map(|v| v.to_string()).unwrap_or_default())
            }
            Kind::Text | Kind::List | Kind::Commitment => None,
        };
        match new {
            Some(new) if new != answer => {
                self.session.set_answer(self.pos, new);
                self.notice = None;
                true
            }
            _ => false,
        }
    }
}

/// An answer editor holding `text`, with the cursor at its end.
fn editor_for(text: &str, theme: &Theme, placeholder: &str) -> Field {
    Field::multi_line(text)
        .with_style(theme.text, theme.cursor)
        .with_placeholder(placeholder, theme.dim)
}
