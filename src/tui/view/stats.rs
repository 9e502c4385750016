//! Looking back: sessions per month as a bar chart, how commitments went, and the root
//! causes that keep coming back, with when.

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
        Line::styled("Root causes that keep coming back", theme.heading),
        column(words_title),
    );
    let words_area = column(words);
    if stats.causes.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled(
                "Not enough yet: a cause shows here once it comes up in two sessions.",
                theme.dim,
            ))
            .wrap(ratatui::widgets::Wrap { trim: true }),
            words_area,
        );
    } else {
        let width = stats
            .causes
            .iter()
            .map(|c| c.phrase.chars().count())
            .max()
            .unwrap_or(0)
            .min(usize::from(words_area.width / 2));
        let lines: Vec<Line> = stats
            .causes
            .iter()
            .take(words_area.height as usize)
            .map(|cause| {
                let phrase: String = cause.phrase.chars().take(width).collect();
                let count = format!("{} sessions", cause.sessions.len());
                let mut spans = vec![
                    Span::styled(format!("{phrase:<width$}  "), theme.text),
                    Span::styled(count.clone(), theme.current),
                ];
                let when = when(&cause.sessions);
                let room = usize::from(words_area.width).saturating_sub(width + 2 + count.len() + 3);
                if !when.is_empty() && room > 6 {
                    let shown: String = if when.chars().count() > room {
                        let cut: String = when.chars().take(room - 1).collect();
                        format!("{}…", cut.trim_end_matches([',', ' ']))
                    } else {
                        when
                    };
                    spans.push(Span::styled(format!(" · {shown}"), theme.dim));
                }
                Line::from(spans)
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), words_area);
    }
    super::footer(app, None, frame, footer);
}

/// When the sessions were, from their ids: "Oct 5, Nov 20, Nov 22".
fn when(ids: &[crate::session::SessionId]) -> String {
    ids.iter()
        .filter_map(|id| chrono::NaiveDate::parse_from_str(id.get(..8)?, "%Y%m%d").ok())
        .map(|day| day.format("%b %-d").to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
