//! [`CommitmentId`]: a short name for one commitment, to type on the command line
//! (`ownup commitments done k3f`).
//!
//! Eight characters of Crockford's base32 (digits and lower-case letters without i, l, o and
//! u), made from what makes a commitment itself in [`Session::sync_commitments`]: its session,
//! the step and prompt it was written in, and its action — and, for the same action written
//! twice in one prompt, which of them it is. Nothing else goes in, so an id stays the same when
//! other commitments are added, removed or reordered, and when it is checked in, moved, or
//! given another owner or by-when. It changes only when its own words change, which makes it
//! another commitment anyway (the old one stays, with its id, if it had check-ins).
//!
//! The first three characters come from the session id alone, and are shared by every
//! commitment of the session: the sessions a typed prefix can be in are known from the file
//! names, and only those files are read.
//!
//! Ids are printed and typed, so the hash is written out here (FNV-1a, then the SplitMix64
//! finaliser to spread it over every bit) rather than taken from the standard library, whose
//! hasher may change between Rust releases. A test pins known ids.

use std::fmt;

use super::Session;

/// How many characters an id has.
pub const LEN: usize = 8;
/// How many of them come from the session id.
const SESSION_CHARS: usize = 3;
/// Crockford's base32, lower case: no i, l, o or u to misread.
const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// The id of one commitment, e.g. `k3f9q2md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CommitmentId([u8; LEN]);

impl CommitmentId {
    /// The id as text.
    pub fn as_str(&self) -> &str {
        // Every byte is from ALPHABET, which is ASCII.
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The id of the `occurrence`-th commitment (0 for the first) with this step, prompt and
    /// action in session `session`.
    fn of(session: &str, step: &str, prompt: &str, action: &str, occurrence: usize) -> CommitmentId {
        let mut id = [0u8; LEN];
        id[..SESSION_CHARS].copy_from_slice(&session_part(session));
        let mut hash = Fnv::new();
        for part in [session, step, prompt, action] {
            hash.write(part.as_bytes());
            // 0xff never occurs in UTF-8: the parts cannot run into each other.
            hash.write(&[0xff]);
        }
        if occurrence > 0 {
            hash.write(occurrence.to_string().as_bytes());
        }
        encode(hash.finish(), &mut id[SESSION_CHARS..]);
        CommitmentId(id)
    }

    /// Whether the id starts with `prefix` (as [`normalize`] makes it).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.as_str().starts_with(prefix)
    }
}

impl fmt::Display for CommitmentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `typed` as the start of an id: lower case, with the letters base32 leaves out read as the
/// digits they look like (`I`, `L` as 1, `O` as 0). `None` when it is empty, longer than an
/// id, or has a character no id has.
pub fn normalize(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() || typed.chars().count() > LEN {
        return None;
    }
    typed
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            'i' | 'l' => Some('1'),
            'o' => Some('0'),
            c if c.is_ascii() && ALPHABET.contains(&(c as u8)) => Some(c),
            _ => None,
        })
        .collect()
}

/// Whether session `session` can hold commitments whose ids start with `prefix` (normalised):
/// whether the part of the prefix that comes from the session id fits this one.
pub fn session_may_hold(session: &str, prefix: &str) -> bool {
    let part = session_part(session);
    let n = prefix.len().min(SESSION_CHARS);
    prefix.as_bytes()[..n] == part[..n]
}

/// The characters of every id in session `session`.
fn session_part(session: &str) -> [u8; SESSION_CHARS] {
    let mut hash = Fnv::new();
    hash.write(session.as_bytes());
    let mut part = [0u8; SESSION_CHARS];
    encode(hash.finish(), &mut part);
    part
}

/// Fills `out` with base32 characters from the high bits of `hash`.
fn encode(hash: u64, out: &mut [u8]) {
    for (i, c) in out.iter_mut().enumerate() {
        *c = ALPHABET[((hash >> (59 - 5 * i)) & 31) as usize];
    }
}

/// FNV-1a, 64 bits, finished with SplitMix64's mix so that every output bit depends on every
/// input bit.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl Session {
    /// The id of every commitment, in the order of `commitments`.
    pub fn commitment_ids(&self) -> Vec<CommitmentId> {
        let mut ids = Vec::with_capacity(self.commitments.len());
        for (i, c) in self.commitments.iter().enumerate() {
            let occurrence = self.commitments[..i]
                .iter()
                .filter(|o| o.step == c.step && o.prompt == c.prompt && o.action == c.action)
                .count();
            ids.push(CommitmentId::of(
                &self.id, &c.step, &c.prompt, &c.action, occurrence,
            ));
        }
        ids
    }

    /// The index of the commitment with the id `id`.
    pub fn commitment_with_id(&self, id: CommitmentId) -> Option<usize> {
        self.commitment_ids().iter().position(|&i| i == id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};

    use super::*;
    use crate::script::Script;
    use crate::session::Outcome;

    fn session(id: &str, actions: &str) -> Session {
        let now = DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap();
        let mut s = Session::new(id.into(), &Script::default_script(), now);
        let at = s.prompt_at("correct", "actions").unwrap();
        s.set_answer(at, actions.into());
        s.sync_commitments(now.date_naive());
        s
    }

    fn ids(s: &Session) -> Vec<String> {
        s.commitment_ids().iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn ids_are_pinned_they_are_printed_and_typed() {
        // If this fails, ids people have seen would change: the hash must stay as it is.
        let s = session("20261122-234501", "Add a CI check — me — friday\nTell the team");
        assert_eq!(ids(&s), ["7x9tmhv9", "7x9h3pdf"]);
    }

    #[test]
    fn an_id_stays_when_other_commitments_come_and_go_and_when_it_is_checked_in() {
        let s = session("20261122-234501", "Add a CI check — me — friday\nTell the team");
        let before = ids(&s);
        let mut s = session(
            "20261122-234501",
            "Write the runbook\nAdd a CI check — Sam — next monday\nTell the team\nCall Acme",
        );
        assert_eq!(ids(&s)[1..3], before[..]);
        let now = DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").unwrap();
        s.check_in(
            1,
            Outcome::NotYet,
            NaiveDate::from_ymd_opt(2026, 12, 1),
            "later".into(),
            now,
        );
        s.check_in(2, Outcome::Done, None, String::new(), now);
        assert_eq!(ids(&s)[1..3], before[..]);
    }

    #[test]
    fn every_commitment_of_a_session_starts_the_same_and_sessions_differ() {
        let a = ids(&session("20261122-234501", "One\nTwo\nThree"));
        let b = ids(&session("20261122-234502", "One\nTwo\nThree"));
        assert!(a.iter().all(|id| id[..3] == a[0][..3] && id.len() == LEN));
        assert!(a.iter().zip(&b).all(|(a, b)| a != b), "{a:?} {b:?}");
        assert!(session_may_hold("20261122-234501", &a[0]));
        assert!(session_may_hold("20261122-234501", &a[0][..2]));
        assert!(!session_may_hold("20261122-234502", &a[0][..3]) || a[0][..3] == b[0][..3]);
    }

    #[test]
    fn the_same_words_twice_get_two_ids() {
        let s = session("20261122-234501", "Tell the team\nTell the team");
        let ids = ids(&s);
        assert_ne!(ids[0], ids[1]);
        assert_eq!(s.commitment_with_id(s.commitment_ids()[1]), Some(1));
    }

    #[test]
    fn typed_prefixes_are_read_kindly_and_strangers_refused() {
        assert_eq!(normalize(" K3F ").as_deref(), Some("k3f"));
        assert_eq!(normalize("IlO").as_deref(), Some("110"));
        assert_eq!(normalize(""), None);
        assert_eq!(normalize("k3f9q2md0"), None, "longer than an id");
        assert_eq!(normalize("k3-f"), None);
        assert_eq!(normalize("u"), None);
        assert_eq!(normalize("é"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_normalised_without_panicking(text in proptest::prelude::any::<String>()) {
            if let Some(prefix) = normalize(&text) {
                proptest::prop_assert!(prefix.len() <= LEN);
                let _ = session_may_hold(&text, &prefix);
            }
        }

        #[test]
        fn any_words_make_an_id_of_the_alphabet(session in ".*", action in ".*") {
            let id = CommitmentId::of(&session, "correct", "actions", &action, 0);
            proptest::prop_assert!(id.as_str().bytes().all(|b| ALPHABET.contains(&b)));
            let again = normalize(id.as_str());
            proptest::prop_assert_eq!(again.as_deref(), Some(id.as_str()));
        }
    }
}
