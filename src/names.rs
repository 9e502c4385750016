//! The names of the enums a user writes in config.ron (actions, themes, screen elements,
//! colours), as serde derives them: the derive is the one list, so a new variant is a new name
//! everywhere (parsing, error messages, the documentation) without a list kept by hand.
//! No terminal code.

use std::fmt;

use serde::de::{self, DeserializeOwned, value::StrDeserializer};

/// A fieldless enum read from config.ron by name (`#[derive(Deserialize)]` with a
/// `rename_all`), with what one of its values is called in messages.
pub trait Named: DeserializeOwned + Copy + Eq + 'static {
    /// What a value is, with its article, for messages: `an action`, `a screen element`.
    const WHAT: &'static str;
}

/// Every name, in the order the variants are declared.
pub fn names<T: Named>() -> &'static [&'static str] {
    // serde's derived visitor answers a name it does not know with the list of the names it
    // does; a name no variant can have ("\0") asks for that list.
    match T::deserialize(StrDeserializer::<Probe>::new("\0")) {
        Err(Probe(Some(names))) => names,
        _ => &[],
    }
}

/// The value called `name`, exactly as derived (`next_prompt`, `high-contrast`).
pub fn lookup<T: Named>(name: &str) -> Option<T> {
    T::deserialize(StrDeserializer::<Probe>::new(name)).ok()
}

/// Every value, in the order the variants are declared.
pub fn all<T: Named>() -> Vec<T> {
    names::<T>().iter().filter_map(|name| lookup(name)).collect()
}

/// The name of `value`.
pub fn name_of<T: Named>(value: T) -> &'static str {
    names::<T>()
        .iter()
        .copied()
        .find(|name| lookup(name) == Some(value))
        .unwrap_or_default()
}

/// The value called `name`, or a message that says what there is: `"finsh" is not an action —
/// did you mean "finish"? — use one of: …`.
pub fn parse<T: Named>(name: &str) -> Result<T, String> {
    lookup(name).ok_or_else(|| {
        format!(
            "\"{name}\" is not {}{} — use one of: {}",
            T::WHAT,
            crate::problems::did_you_mean(name, names::<T>().iter().copied()),
            names::<T>().join(", ")
        )
    })
}

/// The error [`names`] deserializes with: it keeps the names a derived visitor offers.
#[derive(Debug)]
struct Probe(Option<&'static [&'static str]>);

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a name")
    }
}

impl std::error::Error for Probe {}

impl de::Error for Probe {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Probe(None)
    }

    fn unknown_variant(_: &str, expected: &'static [&'static str]) -> Self {
        Probe(Some(expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Fruit {
        Apple,
        BloodOrange,
    }

    impl Named for Fruit {
        const WHAT: &'static str = "a fruit";
    }

    #[test]
    fn names_come_from_the_derive() {
        assert_eq!(names::<Fruit>(), ["apple", "blood-orange"]);
        assert_eq!(all::<Fruit>(), [Fruit::Apple, Fruit::BloodOrange]);
        assert_eq!(name_of(Fruit::BloodOrange), "blood-orange");
        assert_eq!(parse::<Fruit>("apple"), Ok(Fruit::Apple));
    }

    #[test]
    fn an_unknown_name_says_what_there_is() {
        assert_eq!(
            parse::<Fruit>("aple").unwrap_err(),
            "\"aple\" is not a fruit — did you mean \"apple\"? — use one of: apple, blood-orange"
        );
        assert!(parse::<Fruit>("Apple").is_err(), "names are exact");
        assert!(parse::<Fruit>("").is_err());
        assert!(parse::<Fruit>("\0").is_err());
    }
}
