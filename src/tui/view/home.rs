//! The home screen: what ownup is, how to start, and every session, grouped by month, with a
//! search box that filters as you type.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::search::{Highlight, Hit};
use crate::session::Status;
use crate::store::Entry;
use crate::tui::app::{App, Home, SyncStatus};
use crate::tui::theme::Theme;

/// Rows above and below the list: name, tagline, blank, start line, blank, heading or search
/// box, notice, footer.
const CHROME_ROWS: u16 = 8;

/// What drawing the home screen keeps from one frame to the next (as ratatui's `ListState`
/// does): the first row shown, and which row is on each line, for clicks.
#[derive(Debug, Default)]
pub struct HomeState {
    /// The first row shown.
    offset: usize,
    /// The terminal line of the list's top.
    top: u16,
    /// The row (or month heading, `None`) on each line of the list, as last drawn; empty when
    /// the list was not drawn.
    rows: Vec<Option<usize>>,
    /// How many lines the list had.
    page: usize,
}

impl HomeState {
    /// The row on terminal line `y` in the last frame, if the list was drawn there.
    pub fn row_at(&self, y: u16) -> Option<usize> {
        let line = y.checked_sub(self.top)? as usize;
        self.rows.get(line).copied().flatten()
    }

    /// How many lines the list had in the last frame.
    pub fn page(&self) -> usize {
        self.page
    }

    /// Forgets the rows drawn (the next frame may not show the list).
    pub(super) fn clear(&mut self) {
        self.rows.clear();
    }
}

/// Draws the home screen.
pub fn draw(app: &App, home: &Home, state: &mut HomeState, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    // A notice (an unreadable file's path and reason) may take a few lines; the list gives way.
    let notice_text = app.notice.as_ref().map(|n| {
        let style = if n.is_error { theme.error } else { theme.ok };
        Paragraph::new(Line::styled(n.text.clone(), style)).wrap(Wrap { trim: true })
    });
    // …but the list keeps at least two rows.
    let notice_max = area.height.saturating_sub(CHROME_ROWS + 1).clamp(1, 4);
    let notice_rows = notice_text.as_ref().map_or(1, |p| {
        super::wrapped_height(p, area.width.saturating_sub(2)).clamp(1, notice_max)
    });
    let [name, tagline, banner, start, _, heading, list, notice, footer] = Layout::vertical([
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
    state.page = list.height as usize;

    frame.render_widget(Line::styled(" ownup", theme.title), name);
    // The whole line where it fits, its first half where not: never cut mid-word.
    let words = [
        " A calm place to own a mistake at work, one step at a time.",
        " A calm place to own a mistake at work.",
    ]
    .into_iter()
    .find(|line| line.chars().count() <= usize::from(tagline.width))
    .unwrap_or_default();
    frame.render_widget(Line::styled(words, theme.dim), tagline);
    let due = crate::tui::app::due_count(&home.entries, app.now.date_naive());
    if due > 0 {
        let what = if due == 1 {
            "1 commitment due".to_string()
        } else {
            format!("{due} commitments due")
        };
        frame.render_widget(
            Line::from(vec![
                Span::styled(format!(" ● {what}"), theme.current),
                Span::styled(" — press ", theme.text),
                Span::styled("c", theme.key),
                Span::styled(" to check in", theme.text),
            ]),
            banner,
        );
    }
    frame.render_widget(start_line(app, area.width), start);

    match &home.search {
        Some(search) => {
            let mut spans = vec![
                Span::styled(" / ", theme.key),
                Span::styled(search.input.clone(), theme.heading),
                Span::styled("▏", theme.current),
            ];
            let status = if let Some(problem) = &search.query.problem {
                Span::styled(format!("  {problem}"), theme.error)
            } else {
                let used = 5 + Line::from(spans.clone()).width();
                let (hits, all) = (search.hits.len(), home.entries.len());
                let mut text = format!("  {}", match_count(hits, all));
                if used + text.chars().count() > usize::from(heading.width) {
                    text = format!("  {hits} of {all}");
                }
                if !home.complete {
                    text.push_str(" · reading the list…");
                } else if home.searching_answers() {
                    text.push_str(" · searching answers…");
                }
                Span::styled(text, theme.dim)
            };
            spans.push(status);
            frame.render_widget(Line::from(spans), heading);
        }
        None => {
            let mut count = if home.entries.is_empty() {
                String::new()
            } else {
                format!(" ({})", home.entries.len())
            };
            // Said where the sessions are: what is written here is kept encrypted.
            if app.encrypted {
                count.push_str(" · encrypted");
            }
            frame.render_widget(
                Line::from(vec![
                    Span::styled(" Sessions", theme.heading),
                    Span::styled(count, theme.dim),
                ]),
                heading,
            );
        }
    }

    if home.row_count() == 0 {
        let text = match (&home.search, home.loaded) {
            (_, false) => "   Loading…".to_string(),
            (Some(search), true) if !home.entries.is_empty() => {
                format!(
                    "   No session matches “{}”. Esc clears the search.",
                    search.input.trim()
                )
            }
            _ => "   None yet. Everything you write stays on this computer.".to_string(),
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme.dim)).wrap(Wrap { trim: false }),
            list,
        );
    } else {
        draw_rows(home, state, theme, &app.date_format, frame, list);
    }

    if let Some(text) = notice_text {
        frame.render_widget(text, notice.inner(Margin::new(1, 0)));
    }
    super::footer(app, sync_status(app), frame, footer);
}

/// How the background sync is going, for the footer: "syncing…", "synced", "not synced".
fn sync_status(app: &App) -> Option<Span<'static>> {
    let theme = &app.theme;
    Some(match app.sync.as_ref()? {
        SyncStatus::Running => Span::styled("syncing…", theme.dim),
        SyncStatus::Done(short) => Span::styled(short.clone(), theme.ok),
        SyncStatus::Failed => Span::styled("not synced", theme.error),
    })
}

/// What `n` does, as the line under the tagline says it: the script it starts, or, when there
/// are several, that it asks which (naming the one highlighted first). Shortened to fit.
fn start_line(app: &App, width: u16) -> Line<'static> {
    let theme = &app.theme;
    let script = &app.script;
    let key = || {
        vec![
            Span::raw(" "),
            Span::styled("n", theme.key),
            Span::raw("  new session"),
        ]
    };
    let title = || Span::styled(script.title.clone(), theme.heading);
    let mut long = key();
    if app.scripts.len() > 1 {
        long.extend([
            Span::raw(" — choose a script ("),
            title(),
            Span::raw(" is the default)"),
        ]);
    } else {
        long.extend([
            Span::raw(": "),
            title(),
            Span::styled(format!(" · {} steps", script.steps.len()), theme.dim),
        ]);
    }
    let mut short = key();
    if app.scripts.len() > 1 {
        short.push(Span::raw(" — choose a script"));
    }
    [Line::from(long), Line::from(short)]
        .into_iter()
        .find(|line| line.width() <= usize::from(width))
        .unwrap_or_else(|| Line::from(key()))
}

/// A year and month.
type Month = Option<(i32, u32)>;

/// The month a session belongs to, from its id (ids start with `YYYYMM`).
fn month_of(entry: &Entry) -> Option<(i32, u32)> {
    let id = entry.id();
    let year = id.get(0..4)?.parse().ok()?;
    let month = id.get(4..6)?.parse().ok()?;
    Some((year, month))
}

fn month_heading(month: Option<(i32, u32)>) -> String {
    month
        .and_then(|(y, m)| chrono::NaiveDate::from_ymd_opt(y, m, 1))
        .map_or_else(|| "Other files".to_string(), |d| d.format("%B %Y").to_string())
}

/// The rows from the first shown to the bottom, with a month heading wherever the month
/// changes (and at the top). The first shown row moves down if the selection would fall off.
/// Which row (or month heading, `None`) is on each line of a list `height` lines tall: from
/// the first row shown, moved down if the selection would fall off the bottom.
fn row_lines(home: &Home, height: usize, offset: usize) -> Vec<(Option<usize>, Month)> {
    let lines_from = |first: usize| {
        // (row shown, or None for a month heading; the month)
        let mut lines: Vec<(Option<usize>, Month)> = Vec::new();
        let mut previous = None;
        let mut row = first;
        while lines.len() < height {
            let Some((entry, _)) = home.row(row) else { break };
            let month = month_of(entry);
            if row == first || month != previous {
                lines.push((None, month));
                if lines.len() == height {
                    break;
                }
            }
            lines.push((Some(row), month));
            previous = month;
            row += 1;
        }
        lines
    };
    // The selection is on screen, so the first row shown is at most a screenful above it.
    let mut first = offset
        .min(home.selected)
        .max(home.selected.saturating_sub(height));
    let mut lines = lines_from(first);
    while first < home.selected && !lines.iter().any(|(row, _)| *row == Some(home.selected)) {
        first += 1;
        lines = lines_from(first);
    }
    lines
}

fn draw_rows(
    home: &Home,
    state: &mut HomeState,
    theme: &Theme,
    date_format: &str,
    frame: &mut Frame,
    area: Rect,
) {
    let lines = row_lines(home, area.height as usize, state.offset);
    state.offset = lines.iter().find_map(|(row, _)| *row).unwrap_or(0);
    state.top = area.y;
    state.rows = lines.iter().map(|(row, _)| *row).collect();
    let width = area.width as usize;
    let rendered: Vec<Line> = lines
        .into_iter()
        .map(|(row, month)| match row {
            None => Line::styled(format!(" {}", month_heading(month)), theme.title),
            Some(row) => {
                let Some((entry, hit)) = home.row(row) else {
                    return Line::default();
                };
                let selected = row == home.selected;
                let mut line = row_line(entry, hit, width, theme, date_format);
                if selected {
                    line = line.style(theme.selected);
                    line.spans.insert(0, Span::styled(" ▸ ", theme.selected));
                } else {
                    line.spans.insert(0, Span::raw("   "));
                }
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(rendered), area);
}

/// One session: date, status, steps answered, title (with search highlights) and script.
fn row_line(
    entry: &Entry,
    hit: Option<&Hit>,
    width: usize,
    theme: &Theme,
    date_format: &str,
) -> Line<'static> {
    let highlight = hit.and_then(|h| h.highlight.as_ref());
    match entry {
        Entry::Session(s) => {
            let narrow = width < 60;
            // The default format drops the time when narrow; one set in config.ron is kept.
            let format = if narrow && date_format == "%a %d %H:%M" {
                "%a %d"
            } else {
                date_format
            };
            let date = crate::dates::try_format(&s.started, format)
                .unwrap_or_else(|| s.started.format("%a %d %H:%M").to_string());
            let status_style = match s.status {
                Status::Draft => theme.current,
                Status::Complete => theme.done,
            };
            let mut spans = vec![
                Span::styled(date, theme.dim),
                Span::raw("  "),
                Span::styled(format!("{:<8}", s.status.label()), status_style),
            ];
            if !narrow {
                spans.push(Span::styled(
                    format!("  {}/{}", s.answered_steps, s.total_steps),
                    theme.dim,
                ));
            }
            spans.push(Span::raw("  "));
            let used: usize = 3 + spans.iter().map(Span::width).sum::<usize>();
            let script = if narrow || *s.script.name == *crate::script::DEFAULT_SCRIPT {
                String::new()
            } else {
                format!("  {}", s.script.name)
            };
            let room = width.saturating_sub(used + script.chars().count() + 1);
            match (s.title.is_empty(), highlight) {
                (true, _) => spans.push(Span::styled(clip("(nothing written yet)", room), theme.dim)),
                (false, Some(Highlight::Title(positions))) => {
                    spans.extend(marked(&s.title, positions, room, theme.text, theme.highlight));
                }
                (false, Some(Highlight::Answer { line, positions })) => {
                    // The snippet is why the row is here: the title gives way to it first.
                    let wanted = matched_word_len(line, positions) + 6;
                    let title = clip(&s.title, (room / 2).min(room.saturating_sub(wanted)).max(4));
                    let rest = room.saturating_sub(title.chars().count() + 4);
                    spans.push(Span::raw(title));
                    spans.push(Span::styled("  “", theme.dim));
                    spans.extend(snippet(line, positions, rest, theme));
                    spans.push(Span::styled("”", theme.dim));
                }
                (false, None) => spans.push(Span::raw(clip(&s.title, room))),
            }
            if !script.is_empty() {
                spans.push(Span::styled(script, theme.dim));
            }
            Line::from(spans)
        }
        Entry::Unreadable { id, .. } => {
            let mut spans = vec![
                Span::styled(id.to_string(), theme.dim),
                Span::raw("  "),
                Span::styled("unreadable", theme.error),
            ];
            let used = 3 + spans.iter().map(Span::width).sum::<usize>();
            // The hint whole, or shorter, or not at all: never cut.
            if let Some(hint) = ["  press Enter for details", "  Enter: details"]
                .into_iter()
                .find(|hint| used + hint.len() <= width)
            {
                spans.push(Span::styled(hint, theme.dim));
            }
            Line::from(spans)
        }
    }
}

/// `text` cut to `room` characters, with an ellipsis when cut.
fn clip(text: &str, room: usize) -> String {
    if text.chars().count() <= room {
        text.to_string()
    } else {
        let mut cut: String = text.chars().take(room.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// `text` as spans, with the characters at `positions` highlighted, cut to `room` characters.
fn marked(text: &str, positions: &[u32], room: usize, base: Style, highlight: Style) -> Vec<Span<'static>> {
    let chars: Vec<char> = text.chars().collect();
    let cut = chars.len() > room;
    let shown = if cut { room.saturating_sub(1) } else { chars.len() };
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    for (i, c) in chars.iter().take(shown).enumerate() {
        let hl = positions.binary_search(&(i as u32)).is_ok();
        if hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { highlight } else { base },
            ));
        }
        run_hl = hl;
        run.push(*c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { highlight } else { base }));
    }
    if cut {
        spans.push(Span::styled("…", base));
    }
    spans
}

/// A window of an answer line of at most `room` characters, ellipses included, with the
/// matched word in the middle (or as near it as the line's ends allow), so that the reason
/// for the match is always in view.
fn snippet(line: &str, positions: &[u32], room: usize, theme: &Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = line.chars().collect();
    let (start, end) = snippet_window(&chars, positions, room);
    let text: String = chars[start..end].iter().collect();
    let shifted: Vec<u32> = positions
        .iter()
        .filter_map(|&p| (p as usize).checked_sub(start).map(|p| p as u32))
        .collect();
    let mut spans = Vec::new();
    if start > 0 {
        spans.push(Span::styled("…", theme.dim));
    }
    spans.extend(marked(&text, &shifted, end - start, theme.dim, theme.highlight));
    if end < chars.len() {
        spans.push(Span::styled("…", theme.dim));
    }
    spans
}

/// The characters of `chars` a snippet of `room` columns shows: around the run of matched
/// characters that starts at the first position, starting at a word where that keeps the
/// match whole, with room left for an ellipsis on each cut side.
fn snippet_window(chars: &[char], positions: &[u32], room: usize) -> (usize, usize) {
    let len = chars.len();
    if len <= room {
        return (0, len);
    }
    let first = (positions.first().copied().unwrap_or(0) as usize).min(len - 1);
    // The matched word: the run of positions from the first, widened to the word around it.
    let mut last = first;
    while positions.binary_search(&(last as u32 + 1)).is_ok() {
        last += 1;
    }
    let word_start = (0..=first)
        .rev()
        .find(|&i| i == 0 || chars[i - 1].is_whitespace())
        .unwrap_or(0);
    let word_end = (last..len).find(|&i| chars[i].is_whitespace()).unwrap_or(len);
    // A "word" wider than the snippet (text without spaces, as in Japanese): the match alone.
    let (word_start, word_end) = if word_end - word_start > room.saturating_sub(2) {
        (first, last + 1)
    } else {
        (word_start, word_end)
    };
    // Centred in what is left between two ellipses, never starting after the match.
    let window = room.saturating_sub(2).max(1);
    let centre = (word_start + word_end) / 2;
    let mut start = centre
        .saturating_sub(window / 2)
        .min(len.saturating_sub(window + 1))
        .min(first);
    // At the start of a word, when one is a few characters on and the match stays whole.
    if let Some(word) = (start..=first.min(start + 8)).find(|&i| i == 0 || chars[i - 1].is_whitespace()) {
        start = word;
    }
    while start < first && chars[start].is_whitespace() {
        start += 1;
    }
    if start == 1 {
        start = 0; // the first character costs no more than the ellipsis
    }
    let budget = room - usize::from(start > 0);
    if len - start <= budget {
        return (start, len);
    }
    let mut end = start + budget.saturating_sub(1).max(1);
    // At the end of a word, when the cut would fall in one not far from its start.
    if !chars[end].is_whitespace()
        && let Some(space) = (end.saturating_sub(8).max(word_end)..end)
            .rev()
            .find(|&i| chars[i].is_whitespace())
    {
        end = space;
    }
    while end > word_end && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    (start, end)
}

/// Characters in the matched word of `line` (the run of positions from the first, and the
/// rest of its word).
fn matched_word_len(line: &str, positions: &[u32]) -> usize {
    let first = positions.first().copied().unwrap_or(0) as usize;
    line.chars()
        .skip(first)
        .take_while(|c| !c.is_whitespace())
        .count()
}

/// What the search's count says: "1 session matches", "3 sessions match", "no session
/// matches", out of how many there are.
fn match_count(hits: usize, all: usize) -> String {
    match hits {
        0 => format!("no session matches (of {all})"),
        1 => format!("1 session matches (of {all})"),
        n => format!("{n} sessions match (of {all})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snippet `snippet_window` gives, as text with ellipses.
    fn shown(line: &str, word: &str, room: usize) -> String {
        let chars: Vec<char> = line.chars().collect();
        let at = line.find(word).unwrap();
        let first = line[..at].chars().count() as u32;
        let positions: Vec<u32> = (first..first + word.chars().count() as u32).collect();
        let (start, end) = snippet_window(&chars, &positions, room);
        let mut text: String = chars[start..end].iter().collect();
        if start > 0 {
            text.insert(0, '…');
        }
        if end < chars.len() {
            text.push('…');
        }
        assert!(
            text.chars().count() <= room.max(3),
            "{text:?} is wider than {room}"
        );
        text
    }

    #[test]
    fn a_snippet_shows_the_matched_word_whole_near_the_middle() {
        let line = "Before the release I took a SHA from the wrong branch and deployed it to production.";
        assert_eq!(shown(line, "SHA", 24), "…I took a SHA from the…");
        assert_eq!(shown(line, "production", 20), "…it to production.");
        assert_eq!(shown(line, "Before", 16), "Before the…");
        assert_eq!(shown(line, "release", 200), line);
        for room in 8..line.len() {
            for word in ["SHA", "branch", "production", "Before", "release"] {
                let text = shown(line, word, room);
                if room >= word.len() + 2 {
                    assert!(text.contains(word), "{word} not in {text:?} ({room})");
                }
            }
        }
        assert_eq!(shown("日本語のテキストで検索する", "検索", 8), "…ストで検索する");
    }

    #[test]
    fn the_count_says_what_it_counts() {
        assert_eq!(match_count(0, 6), "no session matches (of 6)");
        assert_eq!(match_count(1, 6), "1 session matches (of 6)");
        assert_eq!(match_count(3, 6), "3 sessions match (of 6)");
    }
}
