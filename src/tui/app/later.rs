//! "Not now": stopping before the session is done, with the draft kept and a time chosen to be
//! offered it again (COACHING.md: a person who is very upset may need to come back to it).

use chrono::{DateTime, Days, FixedOffset, NaiveTime, Timelike};

use super::{After, App, Effect, Modal, Notice, Screen};
use crate::tui::keys::Action;

/// The times offered, as of `now` (in its offset): a label and the time, or `None` for "no
/// reminder".
pub fn come_back_choices(now: DateTime<FixedOffset>) -> Vec<(String, Option<DateTime<FixedOffset>>)> {
    // In the small hours, "tomorrow" is still the day that is starting.
    let small_hours = now.hour() < 5;
    let today = if small_hours { 0 } else { 1 };
    let at = |days: u64, hour: u32| {
        let day = now.date_naive().checked_add_days(Days::new(days))?;
        local_time(day.and_time(NaiveTime::from_hms_opt(hour, 0, 0)?), now)
    };
    let mut choices = Vec::new();
    // An evening of its own only while there is some afternoon left.
    if let Some(evening) = at(0, 18).filter(|t| !small_hours && *t - now >= chrono::Duration::hours(2)) {
        choices.push(("This evening".to_string(), Some(evening)));
    }
    for (label, days) in [
        ("Tomorrow morning", today),
        ("In a few days", 3),
        ("Next week", 7),
    ] {
        if let Some(time) = at(days, 9) {
            choices.push((label.to_string(), Some(time)));
        }
    }
    choices.push(("No reminder: just keep the draft".to_string(), None));
    choices
}

/// `time` on the wall clock: with the offset the system's time zone has on that day (a
/// reminder for 09:00 after the clocks change is still at 09:00), when `now` is in that zone;
/// else (a time pinned with OWNUP_NOW in another zone) with `now`'s offset.
fn local_time(time: chrono::NaiveDateTime, now: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    use chrono::{Local, Offset, TimeZone};
    let system = Local.offset_from_utc_datetime(&now.naive_utc()).fix();
    if system == *now.offset() {
        Local
            .from_local_datetime(&time)
            .earliest()
            .map(|t| t.fixed_offset())
    } else {
        time.and_local_timezone(now.timezone()).single()
    }
}

/// When `at` is, said from `now`: "this evening, 18:00", "tomorrow morning, 09:00",
/// "on Fri 4 Dec, 09:00".
pub fn come_back_words(at: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let days = (at.date_naive() - now.date_naive()).num_days();
    let time = at.format("%H:%M");
    match days {
        0 => format!("today at {time}"),
        1 => format!("tomorrow at {time}"),
        _ => format!("on {} at {time}", at.format("%a %-d %b")),
    }
}

impl App {
    /// "Not now" from the session screen: asks when to come back.
    pub(super) fn offer_come_back(&mut self) -> Vec<Effect> {
        if let Screen::Writing(w) = &mut self.screen {
            if w.session.status == crate::session::Status::Complete {
                w.notice = Some("This session is finished: Esc goes home with your changes saved.".into());
            } else {
                self.modal = Some(Modal::ComeBack { selected: 0 });
            }
        }
        vec![]
    }

    /// A key in the "not now" dialog.
    pub(super) fn update_come_back(&mut self, action: Action) -> Vec<Effect> {
        let Some(Modal::ComeBack { selected }) = &mut self.modal else {
            return vec![];
        };
        let choices = come_back_choices(self.now);
        match action {
            Action::Up => *selected = selected.saturating_sub(1),
            Action::Down => *selected = (*selected + 1).min(choices.len().saturating_sub(1)),
            Action::Dismiss => self.modal = None,
            Action::Accept => {
                let at = choices.get(*selected).and_then(|(_, at)| *at);
                self.modal = None;
                let now = self.now;
                let Screen::Writing(w) = &mut self.screen else {
                    return vec![];
                };
                w.commit();
                w.session.come_back = at;
                w.edited();
                self.notice = Some(Notice::info(match at {
                    Some(at) => format!(
                        "Kept as a draft. ownup will offer it again {}. Take care of yourself meanwhile.",
                        come_back_words(at, now)
                    ),
                    None => "Kept as a draft: it is on the list whenever you want it.".into(),
                }));
                return self.save(After::Home);
            }
            _ => {}
        }
        vec![]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(at: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(at).unwrap()
    }

    #[test]
    fn the_evening_is_offered_only_with_the_afternoon_ahead() {
        let morning = come_back_choices(time("2026-12-01T10:30:00+01:00"));
        let labels: Vec<&str> = morning.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "This evening",
                "Tomorrow morning",
                "In a few days",
                "Next week",
                "No reminder: just keep the draft"
            ]
        );
        assert_eq!(morning[0].1, Some(time("2026-12-01T18:00:00+01:00")));
        assert_eq!(morning[1].1, Some(time("2026-12-02T09:00:00+01:00")));
        assert_eq!(morning[3].1, Some(time("2026-12-08T09:00:00+01:00")));
        let late = come_back_choices(time("2026-12-01T16:30:00+01:00"));
        assert_eq!(late[0].0, "Tomorrow morning");
        // Year end.
        let eve = come_back_choices(time("2026-12-31T22:00:00+00:00"));
        assert_eq!(eve[0].1, Some(time("2027-01-01T09:00:00+00:00")));
        // Half past midnight: tomorrow morning is this one, and no evening.
        let night = come_back_choices(time("2026-11-23T00:30:00+01:00"));
        assert_eq!(night[0].0, "Tomorrow morning");
        assert_eq!(night[0].1, Some(time("2026-11-23T09:00:00+01:00")));
    }

    #[test]
    fn the_time_chosen_is_said_plainly() {
        let now = time("2026-12-01T10:30:00+00:00");
        assert_eq!(
            come_back_words(time("2026-12-01T18:00:00+00:00"), now),
            "today at 18:00"
        );
        assert_eq!(
            come_back_words(time("2026-12-02T09:00:00+00:00"), now),
            "tomorrow at 09:00"
        );
        assert_eq!(
            come_back_words(time("2026-12-04T09:00:00+00:00"), now),
            "on Fri 4 Dec at 09:00"
        );
    }
}
