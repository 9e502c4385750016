//! The apology builder: the parts on top, the message as it grows below, and which of the two
//! parts that matter most are still missing.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Padding, Paragraph};

use crate::apology::Part;
use crate::tui::app::{App, Builder};
use crate::tui::field::FieldState;

/// Draws the builder in `area` (the body of the session screen).
pub fn draw(app: &App, builder: &Builder, field_state: &mut FieldState, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let apology = builder.apology();
    // The part being written gets its question and two lines; the others one line each. On a
    // short terminal the heading goes, and the parts come first.
    let roomy = area.height >= 14;
    let top = if roomy { 1 } else { 0 };
    let mut constraints = vec![Constraint::Length(top), Constraint::Length(top)];
    for i in 0..Part::ALL.len() {
        constraints.push(Constraint::Length(if i == builder.current { 3 } else { 1 }));
    }
    constraints.push(Constraint::Length(1));
    constraints.push(Constraint::Fill(1));
    let areas = Layout::vertical(constraints).split(area);
    frame.render_widget(
        Line::from(vec![
            Span::styled("Apology builder", theme.title),
            Span::styled(" · responsibility and repair matter most", theme.dim),
        ]),
        areas[0],
    );
    for (i, part) in Part::ALL.iter().enumerate() {
        let row = areas[2 + i];
        let text = apology.get(*part);
        let mark = match (part.essential(), text.is_empty()) {
            (true, true) => Span::styled("  missing", theme.error),
            (true, false) => Span::styled("  ✓", theme.done),
            (false, _) => Span::raw(""),
        };
        if i == builder.current {
            let [label, field] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(row);
            frame.render_widget(
                Line::from(vec![
                    Span::styled("▸ ", theme.current),
                    Span::styled(part.label(), theme.current),
                    mark,
                ]),
                label,
            );
            let [_, field] = Layout::horizontal([Constraint::Length(4), Constraint::Fill(1)]).areas(field);
            frame.render_stateful_widget(&builder.fields[i], field, field_state);
        } else {
            let shown = if text.is_empty() {
                "—".to_string()
            } else {
                text.replace('\n', " ")
            };
            frame.render_widget(
                Line::from(vec![
                    Span::styled(format!("  {}  ", part.label()), theme.dim),
                    Span::styled(shown, theme.text),
                    mark,
                ]),
                row,
            );
        }
    }
    let draft_area = areas[areas.len() - 1];
    let missing = apology.missing();
    let mut title = vec![Span::styled(" Your apology ", theme.heading)];
    if !missing.is_empty() {
        title.push(Span::styled(
            format!("missing: {} ", missing.join(" and ")),
            theme.error,
        ));
    }
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme.border)
        .title(Line::from(title))
        .padding(Padding::horizontal(1));
    let mut lines: Vec<Line> = apology
        .message()
        .lines()
        .map(|l| Line::styled(l.to_string(), theme.text))
        .collect();
    let refusals = apology.refusals();
    if !refusals.is_empty() {
        // Said as soon as it shows, and as a refusal once Ctrl-S was tried.
        let style = if builder.refused {
            theme.error
        } else {
            theme.current
        };
        lines.push(Line::raw(""));
        for (i, why) in refusals.iter().enumerate() {
            let text = if builder.refused && i == 0 {
                format!("Not kept yet. {why}")
            } else {
                why.to_string()
            };
            lines.push(Line::styled(text, style));
        }
    } else if let Some(advice) = apology.advice() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(advice, theme.current));
    }
    // The apology is the person's words: wrapped as the answer box wraps them.
    let rows = super::wrapped::all_rows(&lines, block.inner(draft_area).width);
    frame.render_widget(Paragraph::new(rows).block(block), draft_area);
}
