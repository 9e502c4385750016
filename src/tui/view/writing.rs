//! The session screen: stepper, intro, question, hint and the answer editor.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph, Wrap};

use crate::commitment::Commitment;
use crate::script::Kind;
use crate::session::{Position, Session};
use crate::tui::app::{App, Writing};
use crate::tui::field::FieldState;
use crate::tui::theme::Theme;
use crate::tui::writer::Mark;

/// The editor never gets fewer rows than this (3 lines of text inside its border).
const EDITOR_MIN_ROWS: u16 = 5;
/// Long intros and hints are cut to this many lines so the editor keeps its room.
const INTRO_MAX_ROWS: u16 = 4;
const HINT_MAX_ROWS: u16 = 3;
const QUESTION_MAX_ROWS: u16 = 3;
const MESSAGE_MAX_ROWS: u16 = 3;

/// What the session screen keeps between frames: the commitments understood in the answer,
/// parsed once per edit rather than on every frame.
#[derive(Debug, Default)]
pub struct WritingState {
    /// The edit (and prompt, and day) `commitments` were parsed at.
    parsed_at: Option<(Mark, Position, NaiveDate)>,
    /// The commitments in the answer being written.
    commitments: Vec<Commitment>,
}

impl WritingState {
    /// The commitments in the answer of `w`'s editor, dates counted from `today`.
    fn commitments(&mut self, w: &Writing, today: NaiveDate) -> &[Commitment] {
        let at = (w.mark(), w.pos, today);
        if self.parsed_at != Some(at) {
            self.commitments = crate::commitment::parse(&w.editor.lines().join("\n"), today);
            self.parsed_at = Some(at);
        }
        &self.commitments
    }
}

/// Draws the session screen.
pub fn draw(
    app: &App,
    w: &Writing,
    state: &mut WritingState,
    field: &mut FieldState,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.theme;
    let session = &w.session;
    let [header, stepper_row, body, footer_row] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let step_count = format!("Step {} of {}", w.pos.step + 1, session.steps.len());
    super::header(
        theme,
        &format!("ownup · {}", session.script.title),
        &step_count,
        frame,
        header,
    );
    frame.render_widget(
        stepper(session, w.pos.step, theme, stepper_row.width),
        stepper_row,
    );

    let body = super::reading_column(body);
    if let Some(builder) = &w.builder {
        super::apology::draw(app, builder, field, frame, body);
        super::footer(app, save_status(w, theme), frame, footer_row);
        return;
    }
    let step = &session.steps[w.pos.step];
    let Some(prompt) = session.prompt(w.pos) else {
        return;
    };
    let wrap = Wrap { trim: true };
    // Intros and hints come from the script (when it is still around), not from the file.
    let guide_step = w.guide.as_ref().and_then(|g| g.step(&step.id));
    let intro_text = guide_step.map_or("", |s| s.intro.as_str());
    let hint_text = guide_step
        .and_then(|s| s.prompt(&prompt.id))
        .map_or("", |p| p.hint.as_str());
    let intro = Paragraph::new(Line::styled(intro_text.to_string(), theme.dim)).wrap(wrap);
    let mut question_line = vec![Span::styled(prompt.ask.clone(), theme.heading)];
    if prompt.required {
        question_line.push(Span::styled(" (required)", theme.dim));
    }
    let question = Paragraph::new(Line::from(question_line)).wrap(wrap);
    let hint_text = if app.show_hints { hint_text } else { "" };
    let hint = Paragraph::new(Line::styled(hint_text.to_string(), theme.dim)).wrap(wrap);

    // Share the rows out by importance: question, editor, hint, intro, then breathing room.
    let width = body.width;
    let question_rows = super::wrapped_height(&question, width).min(QUESTION_MAX_ROWS);
    let message = match (&w.save_error, &w.notice) {
        (Some(err), notice) => {
            let extra = notice.as_deref().map(|n| format!(" {n}")).unwrap_or_default();
            let mut err = err.clone();
            if let Some(first) = err.get(..1) {
                err.replace_range(..1, &first.to_uppercase());
            }
            Line::styled(
                format!("{err} — your text is still here; ownup tries again on your next change.{extra}"),
                theme.error,
            )
        }
        (None, Some(notice)) => Line::styled(notice.clone(), theme.current),
        (None, None) => match &w.nudge {
            Some((_, suggestion)) => {
                let key = app
                    .keymap
                    .bindings(crate::tui::keys::Context::Writing)
                    .find(|b| b.action == crate::tui::keys::Action::DismissNudge)
                    .map_or("F2", |b| b.label.as_str());
                Line::from(vec![
                    Span::styled("A thought: ", theme.current),
                    Span::styled(suggestion.clone(), theme.dim),
                    Span::styled(format!("  {key} to dismiss"), theme.key),
                ])
            }
            None if step.id == "apologize" && crate::tui::app::has_apology_step(session) => Line::from(vec![
                Span::styled("F3", theme.key),
                Span::styled(
                    " opens the apology builder: it puts your apology together from its parts.",
                    theme.dim,
                ),
            ]),
            None => Line::raw(""),
        },
    };
    let message = Paragraph::new(message).wrap(wrap);
    // A save error may need a few lines to say what and where; it never hides the editor.
    let message_rows = super::wrapped_height(&message, width).clamp(1, MESSAGE_MAX_ROWS);
    let mut spare = body
        .height
        .saturating_sub(question_rows + EDITOR_MIN_ROWS + message_rows);
    let mut take = |rows: u16| {
        if rows <= spare {
            spare -= rows;
            rows
        } else {
            0
        }
    };
    let hint_rows = if hint_text.is_empty() {
        0
    } else {
        take(super::wrapped_height(&hint, width).min(HINT_MAX_ROWS))
    };
    let intro_rows = if intro_text.is_empty() {
        0
    } else {
        take(super::wrapped_height(&intro, width).min(INTRO_MAX_ROWS))
    };
    let gap_top = take(1);
    let gap_intro = if intro_rows > 0 { take(1) } else { 0 };
    let gap_editor = take(1);

    let [
        _,
        intro_area,
        _,
        question_area,
        hint_area,
        _,
        editor_area,
        message_area,
    ] = Layout::vertical([
        Constraint::Length(gap_top),
        Constraint::Length(intro_rows),
        Constraint::Length(gap_intro),
        Constraint::Length(question_rows),
        Constraint::Length(hint_rows),
        Constraint::Length(gap_editor),
        Constraint::Fill(1),
        Constraint::Length(message_rows),
    ])
    .areas(body);
    frame.render_widget(intro, intro_area);
    frame.render_widget(question, question_area);
    frame.render_widget(hint, hint_area);

    let in_step = format!(" {} of {} ", w.pos.prompt + 1, step.prompts.len());
    let mut block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(" Your answer ", theme.heading))
        .title_top(Line::styled(in_step, theme.dim).right_aligned())
        .padding(Padding::horizontal(1));
    if prompt.kind.is_typed() {
        // The field keeps its last column for the cursor: that is the right margin.
        block = block.padding(Padding::left(1));
    }
    if prompt.is_private() {
        block = block.title_top(Line::styled(" private ", theme.dim).centered());
    }
    if let Some(max) = w.max_chars() {
        let count = format!(" {}/{max} ", w.editor_chars());
        block = block.title_bottom(Line::styled(count, theme.dim).right_aligned());
    }
    let inner = block.inner(editor_area);
    frame.render_widget(&block, editor_area);
    match &prompt.kind {
        Kind::Choice(options) => {
            let mut lines: Vec<Line> = options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let chosen = *option == prompt.answer;
                    let (mark, style) = if chosen {
                        ("●", theme.current)
                    } else {
                        ("○", theme.text)
                    };
                    Line::from(vec![
                        Span::styled(format!("{mark} "), style),
                        Span::styled(format!("{}. ", i + 1), theme.dim),
                        Span::styled(option.clone(), style),
                    ])
                })
                .collect();
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "↑↓ or a number to choose · Backspace clears · Enter moves on",
                theme.dim,
            ));
            frame.render_widget(Paragraph::new(lines).wrap(wrap), inner);
        }
        Kind::Scale(low, high) => {
            let chosen = prompt.answer.parse::<u8>().ok();
            let mut spans = Vec::new();
            for value in *low..=*high {
                let text = format!(" {value} ");
                if Some(value) == chosen {
                    spans.push(Span::styled(format!("[{}]", text.trim()), theme.current));
                } else {
                    spans.push(Span::styled(text, theme.text));
                }
                spans.push(Span::raw(" "));
            }
            let lines = vec![
                Line::from(spans),
                Line::raw(""),
                Line::styled(
                    format!("←→ or a number from {low} to {high} · Backspace clears · Enter moves on"),
                    theme.dim,
                ),
            ];
            frame.render_widget(Paragraph::new(lines).wrap(wrap), inner);
        }
        Kind::Feeling => {
            let chosen = prompt.answer.trim().parse::<usize>().ok();
            let mut lines: Vec<Line> = crate::script::FEELINGS
                .iter()
                .enumerate()
                .map(|(i, words)| {
                    let (mark, style) = if chosen == Some(i + 1) {
                        ("●", theme.current)
                    } else {
                        ("○", theme.text)
                    };
                    Line::from(vec![
                        Span::styled(format!("{mark} "), style),
                        Span::styled(format!("{} ", i + 1), theme.dim),
                        Span::styled(*words, style),
                    ])
                })
                .collect();
            lines.push(Line::raw(""));
            let first = w.session.feeling_positions().0 == Some(w.pos);
            if first && chosen.is_some_and(|v| v <= 2) {
                lines.push(Line::styled(
                    "That is a hard place to write from. Go on when you are ready, or stop here \
                     with n: the draft is kept, and ownup offers it again when you choose.",
                    theme.text,
                ));
                lines.push(Line::raw(""));
            }
            lines.push(Line::styled(
                if first {
                    "↑↓ or a number from 1 to 5 · Enter moves on · n not now"
                } else {
                    "↑↓ or a number from 1 to 5 · Enter moves on"
                },
                theme.dim,
            ));
            frame.render_widget(Paragraph::new(lines).wrap(wrap), inner);
        }
        Kind::Commitment => {
            // What was understood, under the text: one line per commitment.
            let parsed = state.commitments(w, app.now.date_naive());
            // Half the box at most, and a row even in a small one, so that what was
            // understood is always in sight.
            let room = (inner.height.saturating_sub(3) / 2).max(u16::from(inner.height >= 3));
            let preview_rows = (parsed.len() as u16).min(room);
            let [text_area, preview_area] =
                Layout::vertical([Constraint::Fill(1), Constraint::Length(preview_rows)]).areas(inner);
            frame.render_stateful_widget(&w.editor, text_area, field);
            // When they do not all fit, the rows follow the line being written, and the last
            // row says how many more there are.
            let (first, shown) = preview_window(&w.editor, parsed.len(), usize::from(preview_rows));
            let hidden = parsed.len() - shown;
            let mut lines: Vec<Line> = parsed
                .iter()
                .skip(first)
                .take(shown)
                .map(|c| {
                    // The day understood, not the words typed: a by-when that was not
                    // understood says so, or the commitment would silently never come back.
                    let by = match (c.due, c.by.is_empty()) {
                        (Some(day), _) => {
                            Span::styled(format!(" · by {}", day.format("%a %-d %b")), theme.dim)
                        }
                        (None, true) => Span::styled(" · no date yet".to_string(), theme.dim),
                        (None, false) => {
                            Span::styled(format!(" · \"{}\" is not a date I understand", c.by), theme.error)
                        }
                    };
                    Line::from(vec![
                        Span::styled("→ ", theme.dim),
                        Span::styled(c.action.clone(), theme.text),
                        Span::styled(format!(" · {}", c.owner), theme.dim),
                        by,
                    ])
                })
                .collect();
            if hidden > 0 && shown == 0 {
                lines.push(Line::styled(
                    format!("→ {} understood; a taller window shows them", parsed.len()),
                    theme.dim,
                ));
            } else if hidden > 0 {
                let (above, below) = (first, hidden - first);
                let more = match (above, below) {
                    (0, n) => format!("+{n} more below"),
                    (n, 0) => format!("+{n} more above"),
                    (a, b) => format!("+{a} more above, {b} below"),
                };
                lines.push(Line::styled(format!("→ {more}"), theme.dim));
            }
            frame.render_widget(Paragraph::new(lines), preview_area);
        }
        Kind::Text | Kind::List => frame.render_stateful_widget(&w.editor, inner, field),
    }

    frame.render_widget(message, message_area);

    super::footer(app, save_status(w, theme), frame, footer_row);
    if let Some(rescue) = &w.rescue {
        super::dialog::draw_rescue(app, rescue, frame, area);
    }
}

/// "saved" / "saving…" / "not saved", for the footer.
fn save_status(w: &Writing, theme: &Theme) -> Option<Span<'static>> {
    if w.save_error.is_some() {
        Some(Span::styled("not saved", theme.error))
    } else if w.saves.saving || w.needs_saving() {
        Some(Span::styled("saving…", theme.dim))
    } else if w.path.is_some() {
        Some(Span::styled("saved", theme.ok))
    } else {
        None
    }
}

/// All step titles with the current one highlighted, done ones ticked and started ones half
/// filled; just the marks and
/// the current title when the full line does not fit.
fn stepper(session: &Session, current: usize, theme: &Theme, width: u16) -> Line<'static> {
    let mark = |i: usize| {
        if i == current {
            ("●", theme.current)
        } else if session.step_is_done(i) {
            ("✓", theme.done)
        } else if session.steps[i]
            .prompts
            .iter()
            .any(|p| p.kind != Kind::Feeling && p.is_answered())
        {
            ("◐", theme.done)
        } else {
            ("○", theme.pending)
        }
    };
    let mut full = vec![Span::raw(" ")];
    for (i, step) in session.steps.iter().enumerate() {
        let (symbol, style) = mark(i);
        if i > 0 {
            full.push(Span::styled(" › ", theme.pending));
        }
        full.push(Span::styled(format!("{symbol} {}", step.title), style));
    }
    let line = Line::from(full);
    if line.width() <= width as usize {
        return line;
    }
    let mut compact = vec![Span::raw(" ")];
    for i in 0..session.steps.len() {
        let (symbol, style) = mark(i);
        compact.push(Span::styled(format!("{symbol} "), style));
    }
    let title = session
        .steps
        .get(current)
        .map_or(String::new(), |s| s.title.clone());
    compact.push(Span::styled(format!(" {title}"), theme.current));
    Line::from(compact)
}

/// Which of `count` understood commitments show in `rows` rows: `(first, how many)`. All of
/// them when they fit; else one row fewer (for the "+N more" line), around the one written on
/// the cursor's line (the n-th non-empty line is the n-th commitment).
fn preview_window(editor: &crate::tui::field::Field, count: usize, rows: usize) -> (usize, usize) {
    if count <= rows {
        return (0, count);
    }
    let shown = rows.saturating_sub(1);
    if shown == 0 {
        return (0, 0);
    }
    let (line, _) = editor.cursor();
    let at = editor
        .lines()
        .iter()
        .take(line + 1)
        .filter(|l| !l.trim().is_empty())
        .count()
        .saturating_sub(1)
        .min(count - 1);
    let first = at.saturating_sub(shown - 1).min(count - shown);
    (first, shown)
}
