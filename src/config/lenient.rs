//! Reading config.ron so that one bad name or value does not hide the next.
//!
//! The names and values a person writes (a theme, colours, keys) are read as text and checked
//! here one by one. While [`collecting`] runs, a bad one is noted with where it is in the file
//! and left out, and reading goes on, so that `ownup config check` reports every problem at
//! once; at any other time it is an error, which RON locates as usual. Where each map entry was
//! read is noted too, so that a problem found later (a key bound twice) is shown at its entry.
//!
//! Where a value is comes from the value itself: RON hands out text without escapes as a slice
//! of the file, and its address says where in the file it is.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::names::{self, Named};
use crate::problems::did_you_mean;

thread_local! {
    static NOTES: RefCell<Option<Notes>> = const { RefCell::new(None) };
}

/// What was noted while reading one file.
#[derive(Debug, Default)]
pub(super) struct Notes {
    /// The file's text, and its address while it is being read.
    source: String,
    address: usize,
    /// The problems, at byte offsets where known.
    pub problems: Vec<(Option<usize>, String)>,
    /// The byte offset of each map entry read, by field and name: `("keys", "finish")`.
    pub places: BTreeMap<(&'static str, &'static str), usize>,
}

/// Runs `read` (which deserializes `source`) noting problems instead of stopping at them.
pub(super) fn collecting<T>(source: &str, read: impl FnOnce() -> T) -> (T, Notes) {
    /// Stops noting however `read` ends, a panic included.
    struct Stop;
    impl Drop for Stop {
        fn drop(&mut self) {
            NOTES.with_borrow_mut(Option::take);
        }
    }
    NOTES.set(Some(Notes {
        source: source.to_string(),
        address: source.as_ptr() as usize,
        ..Notes::default()
    }));
    let stop = Stop;
    let value = read();
    let notes = NOTES.with_borrow_mut(Option::take).unwrap_or_default();
    drop(stop);
    (value, notes)
}

/// Notes a problem and goes on when collecting; an error otherwise.
fn note<E: de::Error>(at: Option<usize>, message: String) -> Result<(), E> {
    NOTES.with_borrow_mut(|notes| match notes {
        Some(notes) => {
            notes.problems.push((at, message));
            Ok(())
        }
        None => Err(E::custom(message)),
    })
}

/// Notes where the entry `name` of the map `field` is.
fn place(field: &'static str, name: &'static str, at: Option<usize>) {
    NOTES.with_borrow_mut(|notes| {
        if let (Some(notes), Some(at)) = (notes, at) {
            notes.places.insert((field, name), at);
        }
    });
}

/// A name or value as written: text in double quotes or, for a map key, a bare identifier
/// (`finish: "ctrl-f"` as well as `"finish": "ctrl-f"`).
struct Text<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Text<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Untagged, RON gives a bare identifier as its name (as text) instead of as a unit.
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Written<'a> {
            Borrowed(&'a str),
            Owned(String),
        }
        match Written::deserialize(deserializer) {
            Ok(Written::Borrowed(text)) => Ok(Text(Cow::Borrowed(text))),
            Ok(Written::Owned(text)) => Ok(Text(Cow::Owned(text))),
            Err(_) => Err(de::Error::custom(
                "expected text in double quotes here, like \"this\"",
            )),
        }
    }
}

impl Text<'_> {
    /// The byte offset in the file being read where this text is written: of its opening
    /// quote, or of the identifier. Known for text read straight from the file (no escapes).
    fn offset(&self) -> Option<usize> {
        let Cow::Borrowed(text) = self.0 else {
            return None;
        };
        NOTES.with_borrow(|notes| {
            let notes = notes.as_ref()?;
            let offset = (text.as_ptr() as usize).checked_sub(notes.address)?;
            let before = notes.source.get(..offset)?;
            Some(if before.ends_with('"') { offset - 1 } else { offset })
        })
    }

    /// Where `name`, a bare identifier given as owned text, is written: the last time before
    /// `value` (the value it is the key of).
    fn before(name: &str, value: Option<usize>) -> Option<usize> {
        NOTES.with_borrow(|notes| notes.as_ref()?.source.get(..value?)?.rfind(name))
    }
}

/// Reads a map from names of `K` to values that `parse` checks. A bad entry is noted (at its
/// key) and left out.
pub(super) fn map<'de, D, K, V>(
    deserializer: D,
    field: &'static str,
    parse: fn(&str) -> Result<V, String>,
) -> Result<BTreeMap<K, V>, D::Error>
where
    D: Deserializer<'de>,
    K: Named + Ord,
{
    struct Entries<K, V> {
        field: &'static str,
        parse: fn(&str) -> Result<V, String>,
        kinds: PhantomData<K>,
    }

    impl<'de, K: Named + Ord, V> Visitor<'de> for Entries<K, V> {
        type Value = BTreeMap<K, V>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Self::Value, A::Error> {
            let mut map = BTreeMap::new();
            while let Some(key) = entries.next_key::<Text>()? {
                let value: Text = entries.next_value()?;
                let at = key.offset().or_else(|| Text::before(&key.0, value.offset()));
                let name = match names::parse::<K>(&key.0) {
                    Ok(name) => name,
                    Err(message) => {
                        note(at, format!("{}: {message}", self.field))?;
                        continue;
                    }
                };
                match (self.parse)(&value.0) {
                    Ok(value) => {
                        place(self.field, names::name_of(name), at);
                        map.insert(name, value);
                    }
                    Err(message) => note(at.or_else(|| value.offset()), message)?,
                }
            }
            Ok(map)
        }
    }

    deserializer.deserialize_map(Entries {
        field,
        parse,
        kinds: PhantomData,
    })
}

/// Reads the name of a `T` given as the value of `field`; a name that does not exist is noted
/// (at the field) and the default kept.
pub(super) fn name<'de, D, T>(deserializer: D, field: &'static str) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Named + Default,
{
    let text = Text::deserialize(deserializer)?;
    if let Some(value) = names::lookup(&text.0) {
        return Ok(value);
    }
    let all = names::names::<T>();
    note(
        Text::before(field, text.offset()),
        format!(
            "{field} \"{}\" does not exist{} — use one of: {}",
            text.0,
            did_you_mean(&text.0, all.iter().copied()),
            all.join(", ")
        ),
    )?;
    Ok(T::default())
}
