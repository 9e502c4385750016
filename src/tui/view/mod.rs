//! Drawing: pure functions from app state to a frame. Nothing here changes state or does IO.

pub mod apology;
pub mod checkin;
pub mod dialog;
pub mod help;
pub mod home;
pub mod reader;
mod scroll;
pub mod stats;
pub mod wrapped;
pub mod writing;

pub use scroll::ScrollState;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, MIN_HEIGHT, MIN_WIDTH, Screen};
use super::keys::{Action, Context};
use super::theme::Theme;
use crate::output::needs_escape;

/// What drawing keeps from one frame to the next: scroll offsets resolved against the size
/// drawn at, and layouts too costly to work out on every frame. The runtime owns it and lends
/// it to each draw; `update` never sees it, and drawing changes nothing else.
#[derive(Debug, Default)]
pub struct RenderState {
    home: home::HomeState,
    reader: reader::ReaderState,
    help: ScrollState,
    writing: writing::WritingState,
    /// The answer box (or the apology builder's part) being written in.
    field: crate::tui::field::FieldState,
}

impl RenderState {
    /// The home screen's list as last drawn: which row is where, and how tall it is.
    pub fn home(&self) -> &home::HomeState {
        &self.home
    }

    /// The reader's first row shown, as last drawn.
    pub fn reader_offset(&self) -> u16 {
        self.reader.offset()
    }

    /// The size the field being written in was drawn at, when one was drawn: the app needs
    /// it to move up and down by the rows it shows.
    pub fn field_size(&self) -> Option<(u16, u16)> {
        self.field.drawn()
    }

    /// The help's first row shown, as last drawn.
    pub fn help_offset(&self) -> u16 {
        self.help.offset()
    }
}

/// Draws the whole app.
pub fn draw(app: &App, state: &mut RenderState, frame: &mut Frame) {
    draw_screens(app, state, frame);
    scrub(frame.buffer_mut());
}

/// Takes out of every cell the characters a terminal would act on rather than show. ratatui
/// already skips control characters in text, but not the zero-width bidi controls (which would
/// reorder a line in a terminal that does bidi), nor what a widget puts in a cell directly.
pub fn scrub(buf: &mut Buffer) {
    for cell in &mut buf.content {
        if cell.symbol().contains(needs_escape) {
            let kept: String = cell.symbol().chars().filter(|c| !needs_escape(*c)).collect();
            cell.set_symbol(if kept.is_empty() { " " } else { &kept });
        }
    }
}

fn draw_screens(app: &App, state: &mut RenderState, frame: &mut Frame) {
    state.home.clear();
    state.field.clear();
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(&app.theme, app.context().takes_text(), frame, area);
        return;
    }
    match &app.screen {
        Screen::Home => home::draw(app, &app.home, &mut state.home, frame, area),
        Screen::Writing(writing) => {
            writing::draw(app, writing, &mut state.writing, &mut state.field, frame, area)
        }
        Screen::Reader(reader) => reader::draw(app, reader, &mut state.reader, frame, area),
        Screen::CheckIn(state) => checkin::draw(app, state, frame, area),
        Screen::Stats(stats) => stats::draw(app, stats, frame, area),
    }
    if let Some(modal) = &app.modal {
        dialog::draw_modal(app, modal, frame, area);
    }
    if app.help_open {
        help::draw(app, &mut state.help, frame, area);
    }
}

/// Shown instead of a broken layout when the terminal is smaller than 40x12.
fn too_small(theme: &Theme, typing: bool, frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::styled("Terminal too small", theme.heading),
        Line::from(format!(
            "ownup needs at least {MIN_WIDTH}×{MIN_HEIGHT}; this one is {}×{}.",
            area.width, area.height
        )),
        Line::styled(
            if typing {
                "Make it bigger: your text is safe, and what you type still goes in."
            } else {
                "Make it bigger: your text is safe."
            },
            theme.dim,
        ),
    ];
    let height = Paragraph::new(text.clone())
        .wrap(Wrap { trim: true })
        .line_count(area.width) as u16;
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height.min(area.height)),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        middle,
    );
}

/// The footer: the keys of `context` from the keymap and `status` on the right. When the
/// terminal is too narrow for all of them, the least important keys are left out.
pub fn footer(app: &App, status: Option<Span<'static>>, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let context = app.context();
    const GAP: usize = 2;
    let status_width = status.as_ref().map_or(0, |s| s.width() + 1);
    let room = (area.width as usize).saturating_sub(status_width + 2);
    // Dialogs show their keys inside their box.
    let in_dialog = matches!(
        context,
        Context::ResumeOffer
            | Context::Locked
            | Context::Rescue
            | Context::RescuePath
            | Context::ConfirmDelete
            | Context::ExportPath
            | Context::PickScript
            | Context::ComeBack
            | Context::CloseBuilder
    );
    let mut items: Vec<(&str, &str, u8)> = app
        .keymap
        .bindings(context)
        .filter(|_| !in_dialog)
        // Your editor is offered where there is text to write, not on a scale or a choice;
        // delete where there is a session to delete.
        .filter(|b| match b.action {
            Action::Editor => app.writing().is_some_and(|w| w.kind().is_typed()),
            Action::Delete => !matches!(app.screen, Screen::Home) || app.home.can_delete(),
            _ => true,
        })
        .filter_map(|b| b.footer.map(|(word, rank)| (b.label.as_str(), word, rank)))
        .collect();
    let width = |items: &[(&str, &str, u8)]| {
        items
            .iter()
            .map(|(label, word, _)| label.chars().count() + 1 + word.chars().count())
            .sum::<usize>()
            + GAP * items.len().saturating_sub(1)
    };
    while width(&items) > room {
        let Some(least) = items
            .iter()
            .enumerate()
            .max_by_key(|(_, item)| item.2)
            .map(|(i, _)| i)
        else {
            break;
        };
        items.remove(least);
    }
    let mut spans = vec![Span::raw(" ")];
    for (i, (label, word, _)) in items.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        spans.push(Span::styled(label, theme.key));
        spans.push(Span::styled(format!(" {word}"), theme.dim));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.footer), area);
    if let Some(status) = status {
        frame.render_widget(
            Paragraph::new(Line::from(vec![status, Span::raw(" ")])).alignment(Alignment::Right),
            area,
        );
    }
}

/// A one-line header: `left` in the title style, cut with an ellipsis if needed, and `right`
/// dim and right-aligned.
pub fn header(theme: &Theme, left: &str, right: &str, frame: &mut Frame, area: Rect) {
    let right_width = right.chars().count() as u16 + 1;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width)]).areas(area);
    let room = left_area.width.saturating_sub(2) as usize;
    let left = if left.chars().count() > room {
        let cut: String = left.chars().take(room.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    } else {
        left.to_string()
    };
    frame.render_widget(Line::styled(format!(" {left}"), theme.title), left_area);
    frame.render_widget(Line::styled(right.to_string(), theme.dim), right_area);
}

/// A `width` × `height` box in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    use ratatui::layout::Flex;
    let [column] = Layout::horizontal([Constraint::Length(width)])
        .flex(Flex::Center)
        .areas(area);
    let [middle] = Layout::vertical([Constraint::Length(height)])
        .flex(Flex::Center)
        .areas(column);
    middle
}

/// The widest a column of prose gets: longer lines are tiring to read.
pub const READING_WIDTH: u16 = 96;

/// `area` less a one-column margin on each side, narrowed to [`READING_WIDTH`] and centred on
/// wide terminals.
pub fn reading_column(area: Rect) -> Rect {
    let inner = area.inner(ratatui::layout::Margin::new(1, 0));
    let width = inner.width.min(READING_WIDTH);
    Rect {
        x: inner.x + (inner.width - width) / 2,
        width,
        ..inner
    }
}

/// `text` broken at spaces into lines of at most `width` columns, each after `indent`: a
/// hanging indent that ratatui's own wrapping does not give. A word longer than the line is
/// left whole for the paragraph to break.
pub fn indented(text: &str, indent: &str, width: u16) -> Vec<String> {
    let room = usize::from(width).saturating_sub(indent.len()).max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = Span::raw(word).width();
        // An empty line is tested, not a zero width: a word of combining marks has no width.
        if !line.is_empty() && used + 1 + w > room {
            lines.push(format!("{indent}{line}"));
            line.clear();
            used = 0;
        }
        if !line.is_empty() {
            line.push(' ');
            used += 1;
        }
        line.push_str(word);
        used += w;
    }
    if !line.is_empty() {
        lines.push(format!("{indent}{line}"));
    }
    lines
}

/// Lines `text` needs at `width` when wrapped.
pub fn wrapped_height(paragraph: &Paragraph, width: u16) -> u16 {
    u16::try_from(paragraph.line_count(width)).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests;
