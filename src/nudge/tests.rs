//! The nudges' own tests; how well they read people is measured in tests/nudge_corpus.rs.
use super::*;

fn rule_for(step: &str, text: &str) -> Option<String> {
    Lexicon::built_in().nudge(step, text).map(|n| n.rule.id.clone())
}

#[test]
fn the_built_in_lexicon_loads() {
    let lexicon = Lexicon::parse(BUILT_IN_LEXICON, Origin::BuiltIn("nudges".into())).unwrap();
    let ids: Vec<&str> = lexicon.rules.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "harsh-self-talk",
            "overgeneralising",
            "non-apology",
            "blame",
            "blame",
            "blame",
            "blame",
            "evasion",
            "evasion",
            "evasion",
            "minimising",
            "minimising"
        ]
    );
}

#[test]
fn intervening_words_contractions_and_names() {
    for (step, text, rule) in [
        (
            "acknowledge",
            "It wasn't really my fault, they didn't tell me",
            "blame",
        ),
        ("acknowledge", "It wasn’t my fault", "blame"),
        ("acknowledge", "Nobody   told me about the freeze", "blame"),
        ("acknowledge", "QA should have caught this", "blame"),
        (
            "acknowledge",
            "Honestly Dana should've checked the config",
            "blame",
        ),
        ("acknowledge", "Mistakes were made during the release.", "evasion"),
        ("acknowledge", "It was only a couple of customers", "minimising"),
        (
            "apologize",
            "I apologize if anyone was inconvenienced",
            "non-apology",
        ),
        ("apologize", "Sorry, but the spec was unclear", "non-apology"),
        ("improve", "I'm such an idiot.", "harsh-self-talk"),
        ("learn", "I never get anything right", "overgeneralising"),
        // Found by an attacker run: each was missed.
        ("acknowledge", "He said \"x\" and QA broke it", "blame"),
        ("acknowledge", "My manager said nothing, and QA broke it", "blame"),
        ("acknowledge", "'cause QA broke it", "blame"),
        ("acknowledge", "It's Bob's fault.", "blame"),
    ] {
        assert_eq!(rule_for(step, text).as_deref(), Some(rule), "{text:?} in {step}");
    }
}

#[test]
fn what_the_person_is_not_saying_does_not_fire() {
    for (step, text) in [
        (
            "acknowledge",
            "My manager said it was not my fault, but I skipped the check.",
        ),
        (
            "acknowledge",
            "Sam told me \"no big deal\" but the client lost a day.",
        ),
        ("acknowledge", "I won't blame the reviewer."),
        ("acknowledge", "I'm not going to say it wasn't my fault."),
        (
            "acknowledge",
            "The outage happened because they (the app servers) ran out of memory.",
        ),
        ("acknowledge", "I ran the script and the table was dropped."),
        ("acknowledge", "The table was dropped by the nightly job I wrote."),
        ("acknowledge", "The impact was not small: forty tickets."),
        ("apologize", "I'm sorry I sent it without checking."),
        ("apologize", "Sorry — I sent the wrong invoice."),
        (
            "improve",
            "When I catch myself thinking \"I'm an idiot\", I will write what I'd tell a friend.",
        ),
        ("improve", "When I think I'm useless, I will list what went well."),
        (
            "improve",
            "I'm not an idiot, I made a mistake under time pressure.",
        ),
        ("improve", "I'm not stupid"),
        ("acknowledge", "Errors were made by me"),
        ("improve", "I'm an idiot-proof checklist fan now."),
        (
            "learn",
            "QA had no test for this path and the reviewer was overloaded.",
        ),
        ("learn", "The job always fails on the first run."),
        (
            "acknowledge",
            "I always run the checklist; this time I skipped it.",
        ),
    ] {
        assert_eq!(rule_for(step, text), None, "{text:?} in {step}");
    }
}

#[test]
fn every_nudge_says_where_and_what_it_found() {
    let lexicon = Lexicon::built_in();
    let text = "Well, it wasn't really my fault. Only a couple of users noticed.";
    let found = lexicon.nudges("acknowledge", text);
    let kinds: Vec<&str> = found.iter().map(|n| n.rule.id.as_str()).collect();
    assert_eq!(kinds, ["blame", "minimising"]);
    assert_eq!(&text[found[0].span.clone()], "wasn't really my fault");
    assert_eq!(found[0].found, "wasn't really my fault");
    assert!(
        found[0].say.starts_with("\"wasn't really my fault\""),
        "{}",
        found[0].say
    );
}

#[test]
fn reading_line_by_line_with_a_cache_finds_what_reading_the_whole_text_finds() {
    let lexicon = Lexicon::built_in();
    let mut cache = LineCache::default();
    let mut text = String::new();
    for line in [
        "I deployed it on Friday.\n",
        "Only a couple of users noticed.\n",
        "Honestly it wasn't really my fault.\n",
        "I'm such an idiot.",
    ] {
        text.push_str(line);
        let whole = lexicon
            .nudge("acknowledge", &text)
            .map(|n| (n.rule.id.clone(), n.span));
        let cached = lexicon
            .nudge_cached("acknowledge", &text, &mut cache)
            .map(|n| (n.rule.id.clone(), n.span));
        assert_eq!(cached, whole, "{text:?}");
    }
    assert_eq!(
        lexicon
            .nudge_cached("learn", "Only a couple of users noticed.", &mut cache)
            .map(|n| n.rule.id.clone()),
        Some("minimising".into()),
        "another step reads anew"
    );
    // A pasted line longer than anyone writes is not read while typing (it would make every
    // keystroke wait); `ownup check` reads it.
    let long = format!(
        "{} I'm such an idiot.",
        "word ".repeat(super::LONGEST_LINE_READ_WHILE_TYPING)
    );
    assert!(lexicon.nudge_cached("acknowledge", &long, &mut cache).is_none());
    assert!(lexicon.nudge("acknowledge", &long).is_some());
}

#[test]
fn one_nudge_per_answer_the_first_rule_wins() {
    let text = "I'm an idiot, and it wasn't my fault anyway";
    assert_eq!(rule_for("acknowledge", text).as_deref(), Some("harsh-self-talk"));
}

#[test]
fn no_suggestion_scolds_or_names_a_step() {
    let lexicon = Lexicon::built_in();
    for rule in &lexicon.rules {
        let say = rule.suggestion.to_lowercase();
        for word in [
            "harsh",
            "should not",
            "don't",
            "wrong",
            "learn step",
            "in learn",
            "belong in",
        ] {
            assert!(
                !say.contains(word),
                "{}: {word:?} in {:?}",
                rule.id,
                rule.suggestion
            );
        }
    }
}

#[test]
fn a_lexicon_of_plain_phrases_still_loads() {
    let lexicon = Lexicon::parse(
        "Lexicon(rules: [Rule(id: \"x\", phrases: [\"not my fault\"], suggestion: \"s\")])",
        Origin::BuiltIn("t".into()),
    )
    .unwrap();
    assert_eq!(
        lexicon.nudge("any", "It isn't my fault").map(|n| n.span),
        Some(3..17)
    );
}

#[test]
fn a_broken_lexicon_is_reported() {
    let err = Lexicon::parse(
        "Lexicon(rules: [Rule(id: \"x\", patterns: [\"\", \"<who> did\", \"{a|b\"], suggestion: \"\")])",
        Origin::BuiltIn("t".into()),
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        err,
        "built-in script t: rule \"x\" has an empty pattern — remove it\n\
         built-in script t: rule \"x\": \"<who> did\" uses <who>, which is not a class of the lexicon\n\
         built-in script t: rule \"x\": \"{a|b\" opens { without closing it\n\
         built-in script t: rule \"x\" has no suggestion — write one in suggestion: \"...\""
    );
}

/// The kinds found in `text` as an answer in `step`, in order, each once.
fn kinds_in(step: &str, text: &str) -> Vec<String> {
    let mut kinds: Vec<String> = Lexicon::built_in()
        .nudges(step, text)
        .iter()
        .map(|n| n.rule.id.clone())
        .collect();
    kinds.dedup();
    kinds
}

#[test]
fn how_far_a_reading_reaches() {
    let none: &[&str] = &[];
    for (step, text, kinds) in [
        // Two kinds over the same words are both read.
        (
            "apologize",
            "Sorry, but QA never tested it.",
            &["non-apology", "blame"][..],
        ),
        // A negation ends at a conjunction; "can't believe" denies nothing.
        (
            "act",
            "Didn't tell anyone since it was just a few minutes of downtime.",
            &["minimising"],
        ),
        (
            "acknowledge",
            "I can't believe how stupid I was.",
            &["harsh-self-talk"],
        ),
        ("acknowledge", "I didn't blame QA.", none),
        // Quoted: another's words are not the writer's; words the writer will send are.
        (
            "apologize",
            "My manager said \"sorry if anyone was upset\" in the meeting.",
            none,
        ),
        (
            "apologize",
            "I'll post in the channel: \"Apologies if anyone was affected.\"",
            &["non-apology"],
        ),
        (
            "make-it-right",
            "Send a card saying 'Sorry you had a bad experience.'",
            &["non-apology"],
        ),
        // "by" and an amount is not who did it.
        (
            "acknowledge",
            "A customer was overcharged by about $380.",
            &["evasion"],
        ),
        ("acknowledge", "The table was dropped by the nightly job.", none),
        // A thought named to set it aside.
        (
            "summary",
            "I was tempted to write that I ruin everything. That's not true.",
            none,
        ),
        // Someone else named as the doer, unless your part is there too.
        ("acknowledge", "The intern deployed it on Friday.", &["blame"]),
        (
            "acknowledge",
            "Dana wrote it and I shipped it without a review.",
            none,
        ),
        // "Everyone makes mistakes" shrinks a mistake being told, and is kindness looking forward.
        ("acknowledge", "Everyone makes mistakes.", &["minimising"]),
        ("improve", "Everyone makes mistakes.", none),
        // A conditional apology is not a when-then plan.
        (
            "apologize",
            "If I upset anyone with my comments, I apologise.",
            &["non-apology"],
        ),
    ] {
        assert_eq!(kinds_in(step, text), kinds, "{text:?} in {step}");
    }
}
