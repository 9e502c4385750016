//! The injected clock: the real local time, or a time pinned by `OWNUP_NOW` for tests.

use chrono::{DateTime, FixedOffset, Local, Timelike};

/// "just now", "5 minutes ago", "3 hours ago", "2 days ago".
pub fn ago(now: DateTime<FixedOffset>, then: DateTime<FixedOffset>) -> String {
    let minutes = now.signed_duration_since(then).num_minutes().max(0);
    let plural = |n: i64, unit: &str| format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" });
    match minutes {
        0 => "just now".into(),
        1..=59 => plural(minutes, "minute"),
        60..=1439 => plural(minutes / 60, "hour"),
        _ => plural(minutes / 1440, "day"),
    }
}

/// Where "now" comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock in the local time zone.
    System,
    /// Always the same instant (from `OWNUP_NOW`).
    Fixed(DateTime<FixedOffset>),
}

/// `OWNUP_NOW` was set but is not an RFC 3339 time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("OWNUP_NOW is set to {value:?}, which is not an RFC 3339 time like 2026-11-22T23:45:01+01:00")]
pub struct ClockError {
    /// The value found.
    pub value: String,
}

impl Clock {
    /// The clock described by the environment variable `OWNUP_NOW`, if set.
    pub fn from_env() -> Result<Clock, ClockError> {
        match std::env::var_os("OWNUP_NOW") {
            // Set but empty (`OWNUP_NOW= ownup`) means not set, as for most variables.
            None => Ok(Clock::System),
            Some(value) if value.is_empty() => Ok(Clock::System),
            Some(value) => {
                let text = value.to_string_lossy();
                DateTime::parse_from_rfc3339(text.trim())
                    .map(Clock::Fixed)
                    .map_err(|_| ClockError {
                        value: text.into_owned(),
                    })
            }
        }
    }

    /// The current time, to the second (stored times stay short and readable).
    pub fn now(&self) -> DateTime<FixedOffset> {
        match self {
            Clock::Fixed(at) => *at,
            Clock::System => {
                let now = Local::now().fixed_offset();
                now.with_nanosecond(0).unwrap_or(now)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_returns_its_time() {
        let at = DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        assert_eq!(Clock::Fixed(at).now(), at);
    }

    #[test]
    fn the_system_clock_has_whole_seconds() {
        assert_eq!(Clock::System.now().nanosecond(), 0);
    }
}
