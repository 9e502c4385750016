//! Small centred dialogs: the offer to resume a draft, a session open elsewhere, and the way
//! out when text cannot be saved. Their keys come from the keymap, like the footer's.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

use crate::session::Status;
use crate::tui::app::{App, Modal, Rescue, ago};
use crate::tui::keys::Context;

/// Draws the modal over the home screen.
pub fn draw_modal(app: &App, modal: &Modal, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    match modal {
        Modal::ResumeOffer {
            title,
            updated,
            come_back,
            ..
        } => {
            let first = match come_back {
                Some(_) => "You wanted to come back to this draft about now:".to_string(),
                None => format!("You have a draft from {}:", ago(app.now, *updated)),
            };
            let body = vec![
                Line::raw(first),
                title_line(app, title),
                Line::raw(""),
                Line::styled("It is kept either way.", theme.dim),
            ];
            draw(
                app,
                " Welcome back ",
                body,
                None,
                Context::ResumeOffer,
                frame,
                area,
            );
        }
        Modal::Locked { .. } => {
            let body = vec![
                Line::raw("This session is open in another ownup window, so it cannot be edited here."),
                Line::raw(""),
                Line::styled("Finish there first, or read it here without editing.", theme.dim),
            ];
            draw(app, " Already open ", body, None, Context::Locked, frame, area);
        }
        Modal::ConfirmDelete { title, status, .. } => {
            let what = match status {
                Status::Draft => "draft",
                Status::Complete => "session",
            };
            let body = vec![
                Line::raw(format!("Move this {what} to the trash?")),
                title_line(app, title),
                Line::raw(""),
                Line::styled(
                    "It is not erased: u brings it back straight after, and `ownup trash restore` any time later.",
                    theme.dim,
                ),
            ];
            draw(app, " Delete ", body, None, Context::ConfirmDelete, frame, area);
        }
        Modal::PickScript { selected } => {
            // Borders, the blank line and the keys line take four rows.
            let rows = usize::from(area.height.saturating_sub(4));
            let body = script_choices(app, *selected, inner_width(area), rows);
            draw(app, " New session ", body, None, Context::PickScript, frame, area);
        }
        Modal::ComeBack { selected } => {
            // Five choices, the keys and the borders fill a 12-row terminal: the words above
            // them shrink to one line there.
            let mut body = if area.height >= 16 {
                vec![
                    Line::raw("That is all right: the draft is kept as it is."),
                    Line::raw("When would you like ownup to offer it again?"),
                    Line::raw(""),
                ]
            } else {
                vec![Line::raw("Kept. Offer it again when?")]
            };
            for (i, (label, at)) in crate::tui::app::come_back_choices(app.now).iter().enumerate() {
                let (marker, style) = if i == *selected {
                    ("▸ ", theme.selected)
                } else {
                    ("  ", theme.text)
                };
                let mut line = vec![Span::styled(format!("{marker}{label}"), style)];
                if let Some(at) = at {
                    line.push(Span::styled(
                        format!("  {}", at.format("%a %-d %b, %H:%M")),
                        theme.dim,
                    ));
                }
                body.push(Line::from(line));
            }
            draw(app, " Not now ", body, None, Context::ComeBack, frame, area);
        }
        Modal::CloseBuilder => {
            let body = vec![
                Line::raw("You changed the apology since it was last kept."),
                Line::raw(""),
                Line::styled(
                    "Kept as a draft, it is here again the next time you press F3.",
                    theme.dim,
                ),
            ];
            draw(
                app,
                " Close the builder? ",
                body,
                None,
                Context::CloseBuilder,
                frame,
                area,
            );
        }
        Modal::ExportPath { field, error } => {
            let mut body = vec![Line::raw("Export this session as Markdown to (a new file):")];
            if let Some(err) = error {
                body.push(Line::styled(err.clone(), theme.error));
            }
            draw(
                app,
                " Export ",
                body,
                Some(field),
                Context::ExportPath,
                frame,
                area,
            );
        }
    }
}

/// A session's title, quoted; or, when nothing is written yet, says so (not as a quote).
fn title_line(app: &App, title: &str) -> Line<'static> {
    if title.is_empty() {
        Line::styled("(nothing written yet)", app.theme.dim)
    } else {
        Line::styled(format!("“{title}”"), app.theme.heading)
    }
}

/// The scripts to choose from, in at most `rows` lines: every description when they fit; else
/// only the highlighted one's; else a window of titles around the highlighted one.
fn script_choices(app: &App, selected: usize, width: u16, rows: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let title = |i: usize| {
        let script = &app.scripts[i];
        let (marker, style) = if i == selected {
            ("▸ ", theme.selected)
        } else {
            ("  ", theme.text)
        };
        let mut line = Line::from(vec![
            Span::styled(
                format!("{marker}{}", script.title),
                style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(format!("  {} steps", script.steps.len()), theme.dim),
        ]);
        // What the home screen calls the default (and `ownup new` starts), where it fits.
        let default = Span::styled(" · default", theme.dim);
        if script.name == app.script.name && line.width() + default.width() <= usize::from(width) {
            line.push_span(default);
        }
        line
    };
    let description = |i: usize| -> Vec<Line<'static>> {
        super::indented(&app.scripts[i].description, "    ", width)
            .into_iter()
            .map(|line| Line::styled(line, theme.dim))
            .collect()
    };
    let header = || vec![Line::styled("Which script?", theme.dim), Line::raw("")];
    let all = (0..app.scripts.len()).map(|i| std::iter::once(title(i)).chain(description(i)));
    let full: Vec<Line> = header().into_iter().chain(all.flatten()).collect();
    if full.len() <= rows {
        return full;
    }
    let mut lines = Vec::new();
    for i in 0..app.scripts.len() {
        lines.push(title(i));
        if i == selected {
            lines.extend(description(i));
        }
    }
    if lines.len() + 2 <= rows {
        return header().into_iter().chain(lines).collect();
    }
    // Too many to show: the titles that fit around the highlighted one, its description below.
    let own = description(selected);
    let room = rows.saturating_sub(own.len()).max(1);
    let first = selected
        .saturating_sub(room - 1)
        .min(app.scripts.len().saturating_sub(room));
    let mut lines = Vec::new();
    for i in first..(first + room).min(app.scripts.len()) {
        lines.push(title(i));
        if i == selected {
            lines.extend(own.iter().cloned());
        }
    }
    lines.truncate(rows.max(1));
    lines
}

/// Draws the dialog shown when quitting could not save.
pub fn draw_rescue(app: &App, rescue: &Rescue, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let mut body = vec![
        Line::raw("ownup could not save your text:"),
        Line::styled(rescue.error.clone(), theme.error),
        Line::raw(""),
    ];
    let context = match &rescue.path {
        None => {
            body.push(Line::raw(
                "It is still here. Write it to another file, or keep writing and try again.",
            ));
            Context::Rescue
        }
        Some(_) => {
            if rescue.no_room {
                body.push(Line::raw(
                    "Its disk has no room or is read-only, so this file is on another one (which may be emptied when you log out: move the file somewhere safe later).",
                ));
            }
            body.push(Line::raw("Write it to this file (it must not exist yet):"));
            Context::RescuePath
        }
    };
    if let Some(err) = &rescue.write_error {
        body.push(Line::styled(err.clone(), theme.error));
    }
    draw(
        app,
        " Not saved ",
        body,
        rescue.path.as_ref(),
        context,
        frame,
        area,
    );
}

/// Columns of a dialog drawn over `area`, borders included.
fn dialog_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(64)
}

/// Columns for text inside a dialog drawn over `area`.
fn inner_width(area: Rect) -> u16 {
    dialog_width(area).saturating_sub(4)
}

/// A bordered box in the middle of `area`: `body`, an optional one-line text field, and the
/// keys of `context`.
fn draw(
    app: &App,
    title: &str,
    mut body: Vec<Line<'static>>,
    field: Option<&crate::tui::field::Field>,
    context: Context,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.theme;
    body.push(Line::raw(""));
    let width = dialog_width(area);
    let inner_width = inner_width(area);
    // Each key with what it does, on one line while they fit: a key is never parted from
    // its words.
    let mut key_lines: Vec<Line> = vec![Line::default()];
    for binding in app.keymap.bindings(context) {
        let Some((word, _)) = binding.footer else { continue };
        let item = [
            Span::styled(binding.label.clone(), theme.key),
            Span::styled(format!(" {word}"), theme.text),
        ];
        let item_width: usize = item.iter().map(Span::width).sum();
        let line = key_lines.last_mut().expect("there is always a line");
        if line.width() > 0 && line.width() + 3 + item_width > usize::from(inner_width) {
            key_lines.push(Line::from(item.to_vec()));
        } else {
            if line.width() > 0 {
                line.spans.push(Span::raw("   "));
            }
            line.spans.extend(item);
        }
    }
    let text = Paragraph::new(body).wrap(Wrap { trim: false });
    let keys = Paragraph::new(key_lines).wrap(Wrap { trim: false });
    let key_rows = super::wrapped_height(&keys, inner_width);
    let field_rows = if field.is_some() { 2 } else { 0 };
    // The keys and the field always show; on a short screen the text gives way, its last
    // line saying there is more.
    let room = area.height.saturating_sub(field_rows + key_rows + 2);
    let mut text_rows = super::wrapped_height(&text, inner_width);
    let text = if text_rows > room {
        text_rows = room;
        text.block(
            Block::new()
                .borders(ratatui::widgets::Borders::NONE)
                .title_bottom(Line::styled("…", theme.dim).right_aligned()),
        )
    } else {
        text
    };
    let height = (text_rows + field_rows + key_rows + 2).min(area.height);
    let popup = super::centered(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Span::styled(title.to_string(), theme.title));
    let inner = block.inner(popup).inner(Margin::new(1, 0));
    frame.render_widget(Clear, popup);
    frame.render_widget(block, popup);
    let [text_area, field_area, keys_area] = Layout::vertical([
        Constraint::Length(text_rows),
        Constraint::Length(field_rows),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(text, text_area);
    if let Some(field) = field {
        let [line, _] = Layout::vertical([Constraint::Length(1), Constraint::Length(1)]).areas(field_area);
        frame.render_widget(field, line);
    }
    frame.render_widget(keys, keys_area);
}
