//! The home screen: what ownup is, how to start, and the most recent sessions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{List, ListItem, ListState, Paragraph, Wrap};

use crate::session::Status;
use crate::store::Entry;
use crate::tui::app::{App, Home};
use crate::tui::theme::Theme;

/// Rows above and below the list: name, tagline, blank, start line, blank, heading, notice, footer.
const CHROME_ROWS: u16 = 8;

/// How many sessions fit in the list at this terminal size.
pub fn list_height(size: (u16, u16)) -> usize {
    size.1.saturating_sub(CHROME_ROWS) as usize
}

/// Draws the home screen.
pub fn draw(app: &App, home: &Home, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    // A notice (an unreadable file's path and reason) may take a few lines; the list gives way.
    let notice_text = app.notice.as_ref().map(|n| {
        let style = if n.is_error { theme.error } else { theme.ok };
        Paragraph::new(Line::styled(n.text.clone(), style)).wrap(Wrap { trim: true })
    });
    let notice_rows = notice_text.as_ref().map_or(1, |p| {
        super::wrapped_height(p, area.width.saturating_sub(2)).clamp(1, 4)
    });
    let [name, tagline, _, start, _, heading, list, notice, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notice_rows),
        Constraint::Length(1),
    ])
    .areas(area);

    frame.render_widget(Line::styled(" ownup", theme.title), name);
    frame.render_widget(
        Line::styled(
            " A calm place to own a mistake at work, one step at a time.",
            theme.dim,
        ),
        tagline,
    );
    let script = &app.script;
    let mut start_line = Line::from(vec![
        Span::raw(" Press "),
        Span::styled("n", theme.key),
        Span::raw(" to start: "),
        Span::styled(script.title.clone(), theme.heading),
        Span::styled(format!(" · {} steps", script.steps.len()), theme.dim),
    ]);
    if start_line.width() > area.width as usize {
        start_line = Line::from(vec![
            Span::raw(" Press "),
            Span::styled("n", theme.key),
            Span::raw(" to start a session"),
        ]);
    }
    frame.render_widget(start_line, start);
    frame.render_widget(Line::styled(" Recent sessions", theme.heading), heading);

    if home.entries.is_empty() {
        let text = if home.loaded {
            "   None yet. Everything you write stays on this computer."
        } else {
            "   Loading…"
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim)), list);
    } else {
        // Below 60 columns the time of day gives way to the title.
        let date_format = if area.width < 60 {
            "%Y-%m-%d"
        } else {
            "%Y-%m-%d %H:%M"
        };
        let items: Vec<ListItem> = home.entries.iter().map(|e| row(e, date_format, theme)).collect();
        let mut state = ListState::default().with_selected(Some(home.selected));
        frame.render_stateful_widget(
            List::new(items)
                .highlight_style(theme.selected)
                .highlight_symbol(" ▸ "),
            list,
            &mut state,
        );
    }

    if let Some(text) = notice_text {
        frame.render_widget(text, notice.inner(Margin::new(1, 0)));
    }
    super::footer(theme, app.context(), None, frame, footer);
    if let Some(modal) = &app.modal {
        super::dialog::draw_modal(app, modal, frame, area);
    }
}

fn row(entry: &Entry, date_format: &str, theme: &Theme) -> ListItem<'static> {
    match entry {
        Entry::Session(s) => {
            let status_style = match s.status {
                Status::Draft => theme.current,
                Status::Complete => theme.done,
            };
            let title = if s.title.is_empty() {
                Span::styled("(nothing written yet)", theme.dim)
            } else {
                Span::raw(s.title.clone())
            };
            ListItem::new(Line::from(vec![
                Span::styled(s.started.format(date_format).to_string(), theme.dim),
                Span::raw("  "),
                Span::styled(format!("{:<8}", s.status.label()), status_style),
                Span::raw("  "),
                title,
            ]))
        }
        Entry::Unreadable { id, .. } => ListItem::new(Line::from(vec![
            Span::styled(id.clone(), theme.dim),
            Span::raw("  "),
            Span::styled("unreadable", theme.error),
            Span::styled("  press Enter for details", theme.dim),
        ])),
    }
}
