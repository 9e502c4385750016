//! Looking back: sessions per month as a bar chart, how commitments went, and the words that
//! keep coming up in root causes.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Paragraph};

use crate::stats::{Stats, format_days};
use crate::tui::app::App;

/// Draws the stats screen.
pub fn draw(app: &App, stats: &Stats, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let [
        header,
        _,
        chart_title,
        chart,
        _,
        numbers,
        _,
        words_title,
        words,
        footer,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(8),
        Constraint::Length(1),
        Constraint::Length(if stats.feelings.is_some() { 5 } else { 2 }),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    super::header(
        theme,
        "ownup · Looking back",
        &format!("{} sessions", stats.sessions),
        frame,
        header,
    );
    let column = |r: Rect| super::reading_column(r);

    frame.render_widget(
        Line::styled("Sessions per month", theme.heading),
        column(chart_title),
    );
    // As many months as fit, the most recent last.
    let chart_area = column(chart);
    let fit = ((chart_area.width + 1) / 4).max(1) as usize;
    let months = &stats.per_month[stats.per_month.len().saturating_sub(fit)..];
    let bars: Vec<Bar> = months
        .iter()
        .map(|(month, count)| {
            Bar::default()
                .value(*count as u64)
                .label(Line::from(month.format("%b").to_string()))
                .style(theme.current)
                .value_style(theme.selected)
        })
        .collect();
    frame.render_widget(
        BarChart::default()
            .data(BarGroup::default().bars(&bars))
            .bar_width(3)
            .bar_gap(1)
            .label_style(theme.dim),
        chart_area,
    );

    let total = stats.done + stats.open + stats.overdue + stats.dropped;
    let mut lines = vec![Line::from(vec![
        Span::styled("Commitments ", theme.heading),
        Span::styled(format!("{total}: "), theme.dim),
        Span::styled(format!("{} kept", stats.done), theme.done),
        Span::styled(format!(" · {} open", stats.open), theme.text),
        Span::styled(
            format!(" · {} overdue", stats.overdue),
            if stats.overdue > 0 {
                theme.error
            } else {
                theme.text
            },
        ),
        Span::styled(format!(" · {} dropped", stats.dropped), theme.dim),
    ])];
    if let Some(days) = stats.median_days_to_done {
        lines.push(Line::styled(
            format!(
                "Half of what you kept was done within {} days.",
                format_days(days)
            ),
            theme.dim,
        ));
    }
    if let Some(feelings) = &stats.feelings {
        lines.push(Line::from(vec![
            Span::styled("How you felt about it ", theme.heading),
            Span::styled("(private)", theme.dim),
        ]));
        lines.push(Line::styled(feelings.line(), theme.text));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: true }),
        column(numbers),
    );

    frame.render_widget(
        Line::styled("Words that keep coming up in root causes", theme.heading),
        column(words_title),
    );
    let words_area = column(words);
    if stats.cause_words.is_empty() {
        frame.render_widget(
            Line::styled("Not enough yet: they show once a word comes up twice.", theme.dim),
            words_area,
        );
    } else {
        let most = stats.cause_words[0].1.max(1);
        let room = words_area.width.saturating_sub(24) as usize;
        let lines: Vec<Line> = stats
            .cause_words
            .iter()
            .take(words_area.height as usize)
            .map(|(word, count)| {
                let bar = "█".repeat((count * room).div_ceil(most).max(1));
                Line::from(vec![
                    Span::styled(format!("{word:<16} "), theme.text),
                    Span::styled(bar, theme.current),
                    Span::styled(format!(" {count}"), theme.dim),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), words_area);
    }
    super::footer(app, None, frame, footer);
}
