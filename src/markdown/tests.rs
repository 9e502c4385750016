use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::*;
use crate::apology::Apology;
use crate::export::to_markdown;
use crate::script::Script;
use crate::session::{CheckIn, Commitment, CommitmentStatus, Outcome, Position, Session};

/// CommonMark with the GitHub extensions a reader is likely to have on.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// What a reader sees of the document's shape: headings with their text, and anything that
/// would take over the page (raw HTML, rules, fenced code, links whose target is defined
/// elsewhere).
#[derive(Debug, Default, PartialEq)]
struct Shape {
    headings: Vec<(u8, String)>,
    html: usize,
    rules: usize,
    fences: usize,
}

fn shape(markdown: &str) -> Shape {
    let mut shape = Shape::default();
    let mut heading: Option<(u8, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level as u8, String::new())),
            Event::End(TagEnd::Heading(_)) => shape.headings.extend(heading.take()),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, t)) = &mut heading {
                    t.push_str(&text);
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => shape.html += 1,
            Event::Start(Tag::HtmlBlock) => shape.html += 1,
            Event::Rule => shape.rules += 1,
            Event::Start(Tag::CodeBlock(pulldown_cmark::CodeBlockKind::Fenced(_))) => shape.fences += 1,
            _ => {}
        }
    }
    shape
}

/// `block(answer)` between two headings, followed by a paragraph that would be a link if the
/// answer could define `[x]`.
fn framed(answer: &str) -> String {
    format!("# Before\n\n{}\n\n## After\n\n[x] [y]\n", block(answer))
}

fn framed_shape() -> Shape {
    Shape {
        headings: vec![(1, "Before".into()), (2, "After".into())],
        ..Shape::default()
    }
}

fn links_after(markdown: &str) -> usize {
    let after = markdown.rfind("## After").unwrap_or(0);
    Parser::new_ext(&markdown[after..], options())
        .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
        .count()
}

#[test]
fn a_hostile_answer_is_escaped_where_it_would_open_a_block() {
    let answer = "It went wrong.\n---\n# Not a heading\n=\n```\n~~~ rust\n<!-- hide the rest\n\
                  <div hidden>\n[x]: https://example.com\n* * *\n> ## quoted heading\n\
                  - - # nested heading\n1. ```\n\\<b>bold</b> and a < b, <3";
    assert_eq!(
        block(answer),
        "It went wrong.\n\\---\n\\# Not a heading\n\\=\n\\```\n\\~~~ rust\n\\<!-- hide the rest\n\
         \\<div hidden>\n\\[x]: https://example.com\n\\* * *\n> \\## quoted heading\n\
         - - \\# nested heading\n1. \\```\n\\<b>bold\\</b> and a < b, <3"
    );
    let doc = framed(answer);
    assert_eq!(shape(&doc), framed_shape(), "{doc}");
    assert_eq!(links_after(&doc), 0, "{doc}");
}

#[test]
fn prose_lists_and_quotes_are_left_as_typed() {
    let answer = "I said \"sorry\" - and meant it.\n- first\n- second\n  1. nested\n> a quote\n\
                  #hashtag-free *emphasis* and `code`";
    assert_eq!(
        block(answer),
        "I said \"sorry\" - and meant it.\n- first\n- second\n  1. nested\n> a quote\n\
         \\#hashtag-free *emphasis* and `code`"
    );
}

#[test]
fn a_bare_carriage_return_is_a_line_break_and_is_escaped_as_one() {
    // Markdown ends a line at a lone CR: `# x` after one would be a heading.
    assert_eq!(block("a\r# x\r\nb"), "a\n\\# x\nb");
}

#[test]
fn inline_text_stays_on_its_line_and_keeps_its_last_hashes() {
    assert_eq!(
        inline("Fixed in C #\n# and\r<img src=x>"),
        "Fixed in C # # and \\<img src=x>"
    );
    assert_eq!(inline("We're #1"), "We're #1");
    assert_eq!(inline("issue ##"), "issue \\##");
    assert_eq!(inline("already \\#"), "already \\#");
    let doc = format!("# {}\n\nafter\n", inline("Title #\n---\n<!--"));
    assert_eq!(
        shape(&doc),
        Shape {
            headings: vec![(1, "Title # --- <!--".into())],
            ..Shape::default()
        },
        "{doc}"
    );
}

/// The default script's session with `answers` given in order (and again from the start when
/// they run out), a commitment with a check-in and an apology made of the same texts. (They are
/// set directly rather than derived from the answers, so that only the export is under test.)
fn session_with(answers: &[String]) -> Session {
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-22T23:45:01+01:00").unwrap_or_default();
    let mut s = Session::new("20261122-234501".into(), &Script::default_script(), now);
    let positions: Vec<Position> = s.positions().collect();
    for (pos, answer) in positions.into_iter().zip(answers.iter().cycle()) {
        s.set_answer(pos, answer.clone());
    }
    let part = |i: usize| answers.get(i % answers.len().max(1)).cloned().unwrap_or_default();
    s.commitments = vec![Commitment {
        step: "correct".into(),
        prompt: "actions".into(),
        action: part(0),
        owner: part(1),
        by: part(2),
        due: None,
        when: Some(part(3)),
        made: None,
        status: CommitmentStatus::Open,
        history: vec![CheckIn {
            at: now,
            outcome: Outcome::NotYet,
            new_due: None,
            note: part(4),
            done_on: None,
        }],
    }];
    s.apology = Some(Apology {
        to: part(5),
        repair: part(6),
        ..Apology::default()
    });
    s
}

/// The front matter of every session from [`session_with`].
const FRONT: &str =
    "id: \"20261122-234501\"\ndate: \"2026-11-22T23:45:01+01:00\"\nscript: \"own-it\"\nstatus: draft\n";

/// The headings the export writes for `s`, whatever its answers say: the title, each step and
/// question, the apology and the commitments if there are any; and nothing else.
fn expected_shape(s: &Session) -> Shape {
    let title = match s.title() {
        title if title.is_empty() => s.script.title.clone(),
        title => title,
    };
    let mut headings = vec![(1, title)];
    for (i, step) in s.steps.iter().enumerate() {
        headings.push((2, format!("{}. {}", i + 1, step.title.replace('\n', " "))));
        headings.extend(step.prompts.iter().map(|p| (3, p.ask.clone())));
    }
    if s.apology.is_some() {
        headings.push((2, "The apology".into()));
    }
    if !s.commitments.is_empty() {
        headings.push((2, "Commitments".into()));
    }
    Shape {
        headings,
        ..Shape::default()
    }
}

/// The shape of an exported session, and its front matter.
fn session_shape(markdown: &str) -> (Shape, String) {
    let mut front = String::new();
    let mut in_front = false;
    for event in Parser::new_ext(markdown, options() | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS) {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_front = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_front = false,
            Event::Text(text) if in_front => front.push_str(&text),
            _ => {}
        }
    }
    let without_front = markdown.split_once("\n---\n").map_or(markdown, |(_, body)| body);
    (shape(without_front), front)
}

#[test]
fn a_hostile_session_exports_with_its_structure_intact() {
    let hostile = "Title line #\n---\n# Injected\n```\n<details>\n[x]: /evil".to_string();
    let mut s = session_with(std::slice::from_ref(&hostile));
    s.script.title = "Own it*\n# Script heading".into();
    s.steps[0].title = "Acknowledge\n---".into();
    let md = to_markdown(&s, true);
    assert!(
        md.contains(
            "# Title line \\#\n\n*Own it* # Script heading* · started 2026-11-22 23:45 · draft\n\n\
             ## 1. Acknowledge ---\n\n### How are you feeling about it right now?\n\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "### What happened, in plain words?\n\n\
             Title line #\n\\---\n\\# Injected\n\\```\n\\<details>\n\\[x]: /evil\n\n"
        ),
        "{md}"
    );
    let (found, front) = session_shape(&md);
    assert_eq!(found, expected_shape(&s), "{md}");
    assert_eq!(front, FRONT);
}

/// Lines made of the pieces Markdown structure is made of.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "#",
        "## ",
        "# x",
        "=",
        "===",
        "-",
        "---",
        "- - -",
        "***",
        "_ _ _",
        "```",
        "~~~",
        "<div>",
        "<!--",
        "</p>",
        "<?",
        "<!X",
        "[x]: /u",
        "[^1]: n",
        "[y]:",
        "> ",
        ">",
        "- ",
        "* ",
        "+ ",
        "1. ",
        "2) ",
        "123456789. ",
        "    ",
        "\t",
        "  ",
        " ",
        "x",
        "text",
        "\\",
        "\\\\",
        "<",
        "|a|",
        "|-|",
        "\r",
        "\n",
        "\n",
        "\r\n",
        "\n\n",
        "`",
        "*",
        "_",
        "é",
        "\u{202e}",
        "\x1b[2J",
    ]);
    prop::collection::vec(piece, 0..16).prop_map(|pieces| pieces.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![2 => any::<String>(), 3 => hostile()]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn no_answer_changes_the_shape_of_the_document(answer in any_text()) {
        let doc = framed(&answer);
        prop_assert_eq!(shape(&doc), framed_shape(), "{}", doc);
        prop_assert_eq!(links_after(&doc), 0, "{}", doc);
    }

    #[test]
    fn inline_text_is_one_heading_whatever_it_holds(text in any_text()) {
        let doc = format!("# {}\n\nafter\n", inline(&text));
        let found = shape(&doc);
        prop_assert_eq!(found.headings.len(), 1, "{}", doc);
        prop_assert_eq!((found.html, found.rules, found.fences), (0, 0, 0), "{}", doc);
        prop_assert!(!inline(&text).contains(['\n', '\r']));
    }

    #[test]
    fn no_answer_changes_the_shape_of_an_exported_session(
        answers in prop::collection::vec(any_text(), 1..20),
    ) {
        let session = session_with(&answers);
        let md = to_markdown(&session, true);
        let (mut found, front) = session_shape(&md);
        prop_assert_eq!(front, FRONT, "{}", md);
        // The title is an answer's first line: any text in it is fine, as long as it is one
        // heading.
        let mut expected = expected_shape(&session);
        prop_assert_eq!(found.headings.first().map(|h| h.0), Some(1), "{}", md);
        found.headings[0].1.clear();
        expected.headings[0].1.clear();
        prop_assert_eq!(found, expected, "{}", md);
    }

    #[test]
    fn block_and_inline_never_panic_and_keep_every_character(text in any::<String>()) {
        // Escaping only adds backslashes, and line breaks (for inline, spaces).
        let strip = |s: &str| s.chars().filter(|c| !matches!(c, '\\' | '\n' | '\r' | ' ')).collect::<String>();
        prop_assert_eq!(strip(&block(&text)), strip(&text));
        prop_assert_eq!(strip(&inline(&text)), strip(&text));
    }
}
