//! Editing config.ron: each layout a person may write, text that could fool a scanner, every
//! error with its message, and the shipped template read back by the real parser.

use std::path::Path;

use proptest::prelude::*;

use super::*;
use crate::config::{CONFIG_TEMPLATE, Config, Element, Theme};
use crate::library::Library;
use crate::problems::Origin;

const PASSPHRASE: &str = "(passphrase: true)";

/// `source` with `name` set to `value`.
#[track_caller]
fn set(source: &str, name: &str, value: &str) -> String {
    set_field(Some(source), name, Some(value)).unwrap_or_else(|err| panic!("{err}\nin:\n{source}"))
}

/// `source` without `name`.
#[track_caller]
fn remove(source: &str, name: &str) -> String {
    set_field(Some(source), name, None).unwrap_or_else(|err| panic!("{err}\nin:\n{source}"))
}

/// The message for editing `source`, which must fail.
#[track_caller]
fn error(source: &str) -> String {
    match set_field(Some(source), "encryption", Some(PASSPHRASE)) {
        Ok(edited) => panic!("edited without an error:\n{edited}"),
        Err(err) => err.to_string(),
    }
}

/// The names and value texts of the top-level fields of `text`.
#[track_caller]
fn fields(text: &str) -> Vec<(String, String)> {
    let layout = scan::layout(text)
        .unwrap_or_else(|err| panic!("{err}"))
        .expect("a struct");
    layout
        .fields
        .iter()
        .map(|field| (field.name.clone(), text[field.value.clone()].to_string()))
        .collect()
}

/// `text` read by the real config parser.
#[track_caller]
fn parse(text: &str) -> Config {
    let library = Library::load(Path::new("/nonexistent"));
    Config::parse(text, Origin::File("config.ron".into()), &library)
        .unwrap_or_else(|problems| panic!("{problems}\nin:\n{text}"))
}

#[test]
fn an_existing_value_is_replaced_and_nothing_else() {
    assert_eq!(
        set(CONFIG_TEMPLATE, "theme", "\"light\""),
        CONFIG_TEMPLATE.replace("    theme: \"auto\",\n", "    theme: \"light\",\n")
    );
    // The comment on its line, a value over several lines, no comma after the last.
    let source = "Config(\n    theme: \"auto\", // mine\n    keys: {\n        \"finish\": \"ctrl-f\",\n    },\n    mouse: /* on? */ false\n)\n";
    assert_eq!(
        set(source, "theme", "\"light\""),
        "Config(\n    theme: \"light\", // mine\n    keys: {\n        \"finish\": \"ctrl-f\",\n    },\n    mouse: /* on? */ false\n)\n"
    );
    assert_eq!(
        set(source, "keys", "{}"),
        "Config(\n    theme: \"auto\", // mine\n    keys: {},\n    mouse: /* on? */ false\n)\n"
    );
    assert_eq!(
        set(source, "mouse", "true"),
        "Config(\n    theme: \"auto\", // mine\n    keys: {\n        \"finish\": \"ctrl-f\",\n    },\n    mouse: /* on? */ true\n)\n"
    );
    // Whitespace around the value given is not written.
    assert_eq!(set("(mouse: false)", "mouse", "  true\n"), "(mouse: true)");
    // A raw identifier is the field of that name.
    assert_eq!(set("(r#mouse: false)", "mouse", "true"), "(r#mouse: true)");
}

#[test]
fn a_new_field_goes_on_its_own_line_at_the_end_of_the_shipped_template() {
    let edited = set(CONFIG_TEMPLATE, "encryption", PASSPHRASE);
    let (before, closing) = CONFIG_TEMPLATE.split_at(CONFIG_TEMPLATE.rfind(")\n").expect("a closing `)`"));
    assert_eq!(
        edited,
        format!("{before}    encryption: (passphrase: true),\n{closing}")
    );
    assert_eq!(remove(&edited, "encryption"), CONFIG_TEMPLATE);
    let edited = set(&edited, "encryption", "(identity: \"/home/me/key.txt\")");
    assert_eq!(
        edited,
        format!("{before}    encryption: (identity: \"/home/me/key.txt\"),\n{closing}")
    );
}

#[test]
fn a_new_field_follows_the_style_of_the_struct_it_goes_in() {
    let cases = [
        // Empty, on one line: it stays on one line.
        ("()", "(encryption: (passphrase: true))"),
        ("Config()", "Config(encryption: (passphrase: true))"),
        ("Config( )", "Config( encryption: (passphrase: true))"),
        // One line with fields.
        (
            "(theme: \"light\")",
            "(theme: \"light\", encryption: (passphrase: true))",
        ),
        (
            "(theme: \"light\",)",
            "(theme: \"light\", encryption: (passphrase: true),)",
        ),
        // Empty, over lines.
        (
            "Config(\n)\n",
            "Config(\n    encryption: (passphrase: true),\n)\n",
        ),
        (
            "Config(\n    // nothing yet\n)\n",
            "Config(\n    // nothing yet\n    encryption: (passphrase: true),\n)\n",
        ),
        // No comma after the last field: it gets one, and the new last field has none.
        (
            "Config(\n    theme: \"light\" // mine\n)",
            "Config(\n    theme: \"light\", // mine\n    encryption: (passphrase: true)\n)",
        ),
        // The `)` after the last field, on its line.
        (
            "Config(\n    mouse: true,\n    theme: \"light\")\n",
            "Config(\n    mouse: true,\n    theme: \"light\",\n    encryption: (passphrase: true))\n",
        ),
        (
            "Config(mouse: true,\n        theme: \"light\",)",
            "Config(mouse: true,\n        theme: \"light\",\n        encryption: (passphrase: true),)",
        ),
        // The indentation of the fields, tabs included; Windows line ends.
        (
            "Config(\n\tmouse: true,\n)",
            "Config(\n\tmouse: true,\n\tencryption: (passphrase: true),\n)",
        ),
        (
            "Config(\r\n  mouse: true,\r\n)\r\n",
            "Config(\r\n  mouse: true,\r\n  encryption: (passphrase: true),\r\n)\r\n",
        ),
        // Attributes before the struct.
        (
            "#![enable(implicit_some)]\nConfig(\n    mouse: true,\n)\n",
            "#![enable(implicit_some)]\nConfig(\n    mouse: true,\n    encryption: (passphrase: true),\n)\n",
        ),
    ];
    for (source, expected) in cases {
        let edited = set(source, "encryption", PASSPHRASE);
        assert_eq!(edited, expected, "in {source:?}");
        assert_eq!(
            remove(&edited, "encryption"),
            source,
            "taking it out of {edited:?}"
        );
    }
}

#[test]
fn a_field_on_its_own_line_goes_with_its_line_and_the_comments_above_stay() {
    assert_eq!(
        remove(CONFIG_TEMPLATE, "theme"),
        CONFIG_TEMPLATE.replace("    theme: \"auto\",\n", "")
    );
    let removed = remove(CONFIG_TEMPLATE, "prompts");
    assert!(removed.contains("    //     \"own-it/learn/lucky\": (skip: true),\n"));
    assert_eq!(removed, CONFIG_TEMPLATE.replace("    prompts: {},\n", ""));
    // With the comment at the end of its line, and a value over several lines.
    assert_eq!(
        remove(
            "Config(\n    // How it is encrypted.\n    encryption: ( /* x */\n        passphrase: true,\n    ), // set by ownup\n    mouse: true,\n)\n",
            "encryption"
        ),
        "Config(\n    // How it is encrypted.\n    mouse: true,\n)\n"
    );
    // The last field without a comma: the one before becomes last, without one either.
    assert_eq!(
        remove(
            "Config(\n    mouse: true, // on\n    theme: \"light\"\n)",
            "theme"
        ),
        "Config(\n    mouse: true // on\n)"
    );
}

#[test]
fn a_field_sharing_its_line_goes_with_its_comma_and_one_space() {
    let cases = [
        ("(a: 1, b: 2, c: 3)", "b", "(a: 1, c: 3)"),
        ("(a: 1, b: 2, c: 3)", "a", "(b: 2, c: 3)"),
        ("(a: 1, b: 2, c: 3)", "c", "(a: 1, b: 2)"),
        ("(a: 1, b: 2, c: 3,)", "c", "(a: 1, b: 2,)"),
        ("(a: 1)", "a", "()"),
        (
            "Config(\n    a: 1, b: 2,\n    c: 3,\n)",
            "b",
            "Config(\n    a: 1,\n    c: 3,\n)",
        ),
        (
            "Config(\n    a: 1, b: 2, // two\n)",
            "b",
            "Config(\n    a: 1, // two\n)",
        ),
        ("Config(\n    a: 1, b: 2,\n)", "a", "Config(\n    b: 2,\n)"),
        ("Config(\n    a: 1,\n    b: 2)", "b", "Config(\n    a: 1)"),
    ];
    for (source, name, expected) in cases {
        assert_eq!(remove(source, name), expected, "{name} out of {source:?}");
    }
}

#[test]
fn taking_out_a_field_that_is_not_there_changes_nothing() {
    assert_eq!(remove(CONFIG_TEMPLATE, "encryption"), CONFIG_TEMPLATE);
    assert_eq!(remove("()", "encryption"), "()");
    assert_eq!(set_field(None, "encryption", None), Ok(String::new()));
    assert_eq!(remove("// just this\n", "encryption"), "// just this\n");
}

#[test]
fn without_settings_a_small_config_is_written() {
    let fresh = "// ownup's settings (see `ownup config init` for every field).\nConfig(\n    encryption: (passphrase: true),\n)\n";
    assert_eq!(
        set_field(None, "encryption", Some(PASSPHRASE)),
        Ok(fresh.to_string())
    );
    assert_eq!(set(" \n\n", "encryption", PASSPHRASE), fresh);
    // Comments and attributes are kept, and the settings go after them.
    assert_eq!(
        set("// mine\n/* all mine */", "theme", "\"light\""),
        "// mine\n/* all mine */\nConfig(\n    theme: \"light\",\n)\n"
    );
    assert_eq!(
        set("#![enable(implicit_some)]\n", "theme", "\"light\""),
        "#![enable(implicit_some)]\nConfig(\n    theme: \"light\",\n)\n"
    );
    assert!(parse(&fresh.replace("encryption: (passphrase: true)", "mouse: true")).mouse);
}

#[test]
fn strings_chars_and_comments_cannot_fool_it() {
    let source = r####"// encryption: (passphrase: true),
/* a /* nested ) */ encryption: 1, */
#![enable(implicit_some)]
Config /* ( */ (
    // encryption: 2,
    date_format: "a \" ) ( encryption: // ,\\", // )
    default_script: r##"x "# ) encryption: "##,
    keys: { "x": '(', "y": '\'', "z": ')', "w": ',' },
    colors: { /* ) , encryption: 3 */ "heading": "yellow" },
    prompts: { "a/b/c": (ask: br#"// ( "#, hint: b"\")") },
    r#theme: "/* not a comment */", /* trailing ) */
)
"####;
    assert_eq!(
        fields(source),
        [
            ("date_format", r#""a \" ) ( encryption: // ,\\""#),
            ("default_script", r###"r##"x "# ) encryption: "##"###),
            ("keys", r#"{ "x": '(', "y": '\'', "z": ')', "w": ',' }"#),
            ("colors", r#"{ /* ) , encryption: 3 */ "heading": "yellow" }"#),
            ("prompts", r##"{ "a/b/c": (ask: br#"// ( "#, hint: b"\")") }"##),
            ("theme", r#""/* not a comment */""#),
        ]
        .map(|(name, value)| (name.to_string(), value.to_string()))
    );
    let edited = set(source, "encryption", PASSPHRASE);
    assert_eq!(
        edited,
        source.replace(
            "/* trailing ) */\n)",
            "/* trailing ) */\n    encryption: (passphrase: true),\n)"
        )
    );
    assert_eq!(remove(&edited, "encryption"), source);
    assert_eq!(
        remove(source, "keys"),
        source.replace(
            "    keys: { \"x\": '(', \"y\": '\\'', \"z\": ')', \"w\": ',' },\n",
            ""
        )
    );
}

#[test]
fn text_it_cannot_follow_is_an_error_at_its_place() {
    let cases = [
        (
            "Config(\n    theme: \"auto,\n)\n",
            "2:12: the string that starts here is never closed",
        ),
        (
            "Config(\n    theme: r#\"auto\",\n)",
            "2:12: the raw string that starts here is never closed",
        ),
        (
            "(keys: { \"x\": '(})",
            "1:15: the character that starts here is never closed",
        ),
        (
            "Config(\n    /* a /* b */\n)\n",
            "2:5: the comment that starts here is never closed",
        ),
        ("/* a */ */ Config()", "1:9: expected `Config(` or `(`, found `*`"),
        (
            "Config(\n    theme: \"auto\",\n",
            "1:7: the `(` of the settings that starts here is never closed",
        ),
        (
            "Config(\n    keys: [\"a\",\n",
            "2:11: the `[` that starts here is never closed",
        ),
        (
            "Config(\n    keys: {\n)\n",
            "3:1: expected `}` to close the `{` at 2:11, found `)`",
        ),
        ("(keys: ])", "1:8: expected a value, `,` or `)`, found `]`"),
        ("theme: \"auto\"", "1:6: expected `Config(` or `(`, found `:`"),
        ("[1, 2]", "1:1: expected `Config(` or `(`, found `[`"),
        (
            "#[enable(implicit_some)]\n()",
            "1:2: expected `!` of an attribute `#![...]`, found `[`",
        ),
        (
            "#![enable(implicit_some)\n()",
            "1:3: the `[` that starts here is never closed",
        ),
        ("(theme \"auto\")", "1:8: expected `:` after `theme`, found `\"`"),
        (
            "(theme: , mouse: true)",
            "1:9: expected a value for `theme`, found `,`",
        ),
        (
            "(theme: \"a\", 3: true)",
            "1:14: expected a field name or `)`, found `3`",
        ),
        (
            "Config(\n    theme: \"a\",\n    mouse: true,\n    theme: \"b\",\n)",
            "4:5: `theme` is given twice (first at 2:5) — keep one of them",
        ),
        (
            "Config()\nConfig()\n",
            "2:1: there is text after the `)` that closes the settings — everything goes inside Config( … )",
        ),
        (
            "(mouse: true) // fine\n,",
            "2:1: there is text after the `)` that closes the settings — everything goes inside Config( … )",
        ),
        ("(\n  ünknown: 1)", "2:3: expected a field name or `)`, found `ü`"),
    ];
    for (source, message) in cases {
        assert_eq!(error(source), message, "in {source:?}");
    }
    // Taking a field out needs the text followed just as much.
    assert_eq!(
        set_field(Some("(theme: \"a\", theme: \"b\")"), "mouse", None)
            .unwrap_err()
            .to_string(),
        "1:14: `theme` is given twice (first at 1:2) — keep one of them"
    );
}

#[test]
fn a_name_or_value_that_cannot_be_written_is_refused() {
    let refused = |name: &str, value: &str| set_field(Some("()"), name, Some(value)).unwrap_err().to_string();
    assert_eq!(
        refused("no-such", "1"),
        "`no-such` is not a field name (letters, digits and `_`, not starting with a digit)"
    );
    assert_eq!(
        refused("", "1"),
        "`` is not a field name (letters, digits and `_`, not starting with a digit)"
    );
    assert_eq!(refused("theme", "  "), "cannot set `theme` to `  `: it is empty");
    assert_eq!(
        refused("theme", "\"a\", mouse: true"),
        "cannot set `theme` to `\"a\", mouse: true`: it has a `,` outside brackets"
    );
    assert_eq!(
        refused("theme", "\"a\")"),
        "cannot set `theme` to `\"a\")`: it has a `)` outside brackets"
    );
    assert_eq!(
        refused("theme", "\"a\" // light"),
        "cannot set `theme` to `\"a\" // light`: it has a comment before or after it"
    );
    assert_eq!(
        refused("theme", "\"light"),
        "cannot set `theme` to `\"light`: 1:1: the string that starts here is never closed"
    );
    assert_eq!(
        refused("sync", "(auto: true"),
        "cannot set `sync` to `(auto: true`: 1:1: the `(` that starts here is never closed"
    );
    // Removing needs no value, but a name all the same.
    assert!(matches!(
        set_field(Some("()"), "a b", None),
        Err(EditError::BadName(_))
    ));
}

/// A field, a value other than its default, and how to see the value was read.
type Change = (&'static str, &'static str, fn(&Config) -> bool);

/// A change to each field of the template, in its order.
fn changes() -> Vec<Change> {
    vec![
        ("default_script", "\"quick\"", |c| c.default_script == "quick"),
        ("theme", "\"light\"", |c| c.theme == Theme::Light),
        ("colors", "{ \"heading\": \"yellow\" }", |c| {
            c.colors.contains_key(&Element::Heading)
        }),
        ("keys", "{ \"finish\": \"ctrl-f\" }", |c| c.keys.len() == 1),
        ("autosave_delay_ms", "2000", |c| c.autosave_delay_ms == 2000),
        ("date_format", "\"%Y-%m-%d\"", |c| c.date_format == "%Y-%m-%d"),
        ("show_hints", "false", |c| !c.show_hints),
        ("nudges", "false", |c| !c.nudges),
        ("mouse", "true", |c| c.mouse),
        ("prompts", "{ \"own-it/learn/lucky\": (skip: true) }", |c| {
            c.prompts.len() == 1
        }),
        ("sync", "(auto: true)", |c| c.sync.auto),
    ]
}

#[test]
fn every_edit_of_the_shipped_template_still_parses_with_the_change() {
    let changes = changes();
    let names: Vec<String> = fields(CONFIG_TEMPLATE)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        changes
            .iter()
            .map(|(name, _, _)| name.to_string())
            .collect::<Vec<_>>()
    );
    assert_eq!(parse(CONFIG_TEMPLATE), Config::default());
    let mut everything = CONFIG_TEMPLATE.to_string();
    for (name, value, changed) in changes {
        let set_here = set(CONFIG_TEMPLATE, name, value);
        assert!(changed(&parse(&set_here)), "{name}: {value} in\n{set_here}");
        let removed = remove(CONFIG_TEMPLATE, name);
        assert_eq!(parse(&removed), Config::default(), "without {name}");
        assert!(!fields(&removed).iter().any(|(field, _)| field == name));
        // Put back, it goes at the end.
        let put_back = set(&removed, name, value);
        assert_eq!(
            fields(&put_back).last(),
            Some(&(name.to_string(), value.to_string()))
        );
        assert!(
            changed(&parse(&put_back)),
            "{name}: {value} put back in\n{put_back}"
        );
        everything = set(&everything, name, value);
        assert!(changed(&parse(&everything)), "{name}: {value} in\n{everything}");
    }
    assert_ne!(parse(&everything), Config::default());
}

/// A RON value written as a person might, with text inside that looks like structure.
fn ron_value() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        "\\PC{0,12}",
        Just("encryption: (passphrase: true),".to_string()),
        Just(") , ( // /* */ r#\"".to_string()),
    ];
    let leaf = prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        text.clone()
            .prop_map(|s| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))),
        text.clone().prop_map(|s| {
            let hashes = (0..)
                .find(|&n| !s.contains(&format!("\"{}", "#".repeat(n))))
                .unwrap_or(0);
            let hashes = "#".repeat(hashes);
            format!("r{hashes}\"{s}\"{hashes}")
        }),
        any::<char>()
            .prop_filter("printable", |c| !c.is_control())
            .prop_map(|c| match c {
                '\'' | '\\' => format!("'\\{c}'"),
                c => format!("'{c}'"),
            }),
        text.prop_map(|s| format!("Some(/* {} */ 1)", block_safe(&s))),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(inner.clone(), 0..3).prop_map(|v| format!("({})", v.join(", "))),
            prop::collection::vec((inner.clone(), inner), 0..3).prop_map(|v| {
                let entries: Vec<String> = v.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
                format!("{{ {} }}", entries.join(", "))
            }),
        ]
    })
}

/// `text` made safe inside a block comment, with a nested comment in it to step over.
fn block_safe(text: &str) -> String {
    format!("/* {} */ {}", text.replace('*', ""), text.replace('*', ""))
}

/// A comment of any printable text: on its own, or at the end of a line.
fn comment() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,20}".prop_map(|s| format!("// {s}")),
        "\\PC{0,20}".prop_map(|s| format!("/* {} */", block_safe(&s))),
        Just("// encryption: (passphrase: true),".to_string()),
    ]
}

/// config.ron written in one of the ways a person may lay it out, without `encryption`.
fn config_source() -> impl Strategy<Value = String> {
    let field = (
        ron_value(),
        prop::option::of(comment()),
        prop::option::of(comment()),
    );
    (
        prop::collection::vec(field, 0..5),
        prop::option::of(comment()),
        prop_oneof![Just("Config"), Just("")],
        0..4u8,
        any::<bool>(),
    )
        .prop_map(|(fields, header, struct_name, layout, last_comma)| {
            let names = ["theme", "encryption_key", "r#sync", "_x"];
            let header = header.map(|c| format!("{c}\n")).unwrap_or_default();
            let count = fields.len();
            let mut out = format!("{header}{struct_name}(");
            for (i, (value, above, after)) in fields.into_iter().enumerate() {
                let name = format!("{}{i}", names[i % names.len()]);
                let comma = if i + 1 < count || last_comma { "," } else { "" };
                match layout {
                    // One line.
                    0 => {
                        let space = if i == 0 { "" } else { " " };
                        out += &format!("{space}{name}: {value}{comma}");
                    }
                    // One field to a line, with comments, `)` on its own line or not.
                    _ => {
                        if let Some(above) = above {
                            out += &format!("\n    {above}");
                        }
                        out += &format!("\n    {name}: {value}{comma}");
                        // A line comment after the last field would hide a `)` on its line.
                        let fits = |c: &String| layout == 1 || (i + 1 < count && c.starts_with("/*"));
                        if let Some(after) = after.filter(fits) {
                            out += &format!(" {after}");
                        }
                    }
                }
            }
            match layout {
                0 | 3 => out += ")\n",
                _ => out += "\n)\n",
            }
            out
        })
}

proptest! {
    #[test]
    fn setting_then_removing_a_new_field_gives_back_the_text(
        source in config_source(),
        x in ron_value(),
        y in ron_value(),
    ) {
        prop_assert!(!fields(&source).iter().any(|(name, _)| name == "encryption"), "{}", source);
        let with_x = set(&source, "encryption", &x);
        let found: Vec<(String, String)> = fields(&with_x);
        let mut expected = fields(&source);
        expected.push(("encryption".to_string(), x.clone()));
        prop_assert_eq!(found, expected);
        prop_assert_eq!(remove(&with_x, "encryption"), source.clone());
        prop_assert_eq!(set(&with_x, "encryption", &y), set(&source, "encryption", &y));
        // Replacing another field changes only its value.
        if let Some((name, _)) = fields(&source).first() {
            let replaced = set(&source, name, &x);
            prop_assert_eq!(&fields(&replaced)[0], &(name.clone(), x.clone()));
            prop_assert_eq!(set(&replaced, name, &y), set(&source, name, &y));
        }
    }

    #[test]
    fn any_text_gives_an_edit_or_an_error_and_never_a_panic(
        source in prop_oneof!["\\PC{0,80}", "[()\\[\\]{}\"'r#/*,: a\n\\\\]{0,60}"],
        value in prop::option::of("[()\"'a,: /*]{0,8}"),
    ) {
        if let Ok(edited) = set_field(Some(&source), "a", value.as_deref()) {
            // An edit keeps what the scanner found; removing leaves no `a`.
            let after = scan::layout(&edited);
            prop_assert!(after.is_ok(), "{:?} became {:?}", source, edited);
            if value.is_none() {
                prop_assert!(after.iter().flatten().all(|l| l.fields.iter().all(|f| f.name != "a")));
            }
        }
    }
}
