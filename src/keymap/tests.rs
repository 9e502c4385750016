//! The keymap: the defaults are sound, and every change is made or refused with its reason.

use super::*;

fn changed(changes: &[(Action, &str)]) -> Result<Keymap, Vec<KeyProblem>> {
    let changes = changes
        .iter()
        .map(|&(action, key)| (action, KeySpec::parse(key).unwrap()))
        .collect();
    Keymap::with_changes(&changes)
}

fn messages(problems: Vec<KeyProblem>) -> Vec<String> {
    problems.into_iter().map(|p| p.message).collect()
}

#[test]
fn keys_can_be_changed_and_the_footer_label_follows() {
    let keymap = changed(&[(Action::Finish, "ctrl-f")]).unwrap();
    let w = Context::Writing;
    assert_eq!(keymap.action_for(w, KeySpec::ctrl('f')), Some(Action::Finish));
    assert_eq!(
        keymap.action_for(w, KeySpec::ctrl('s')),
        None,
        "the old key is free"
    );
    let finish = keymap.bindings(w).find(|b| b.action == Action::Finish).unwrap();
    assert_eq!(finish.label, "Ctrl-F");
}

#[test]
fn a_key_bound_twice_on_one_screen_is_refused() {
    assert_eq!(
        changed(&[(Action::Finish, "tab")]).unwrap_err(),
        [KeyProblem {
            actions: vec![Action::Finish],
            message: "keys: Tab is bound twice on the session screen: to next_prompt and to finish — choose another key for one of them".into()
        }]
    );
    assert_eq!(
        messages(changed(&[(Action::New, "ctrl-c")]).unwrap_err()),
        [
            "keys: Ctrl-C is bound twice on the home screen and the dialogs: to new and to interrupt — choose another key for one of them"
        ]
    );
    // Both moved: the problem is about both.
    let both = changed(&[(Action::Edit, "f9"), (Action::Export, "f9")]).unwrap_err();
    assert_eq!(both[0].actions, [Action::Edit, Action::Export]);
    // The same key on different screens is fine.
    assert!(changed(&[(Action::Edit, "n")]).is_ok());
}

#[test]
fn a_key_that_types_or_edits_text_cannot_be_bound_where_text_is_written() {
    for (action, key) in [
        (Action::NextPrompt, "e"),
        (Action::Leave, "backspace"),
        (Action::Leave, "ctrl-u"),
        (Action::Finish, "enter"),
    ] {
        let problems = messages(changed(&[(action, key)]).unwrap_err());
        assert!(
            problems[0].contains("on the session screen it writes or edits text"),
            "{action:?} {key}: {problems:?}"
        );
    }
    assert_eq!(
        messages(changed(&[(Action::Copy, "c")]).unwrap_err()),
        [
            "keys: c cannot be the key to copy: on the apology builder it writes or edits text — choose a key with Ctrl or Alt, or an F-key"
        ]
    );
    // The same keys are fine where nothing is typed.
    assert!(changed(&[(Action::Edit, "E")]).is_ok());
    assert!(changed(&[(Action::Finish, "ctrl-f")]).is_ok());
}

#[test]
fn no_key_is_bound_twice_in_one_context() {
    let keymap = Keymap::default();
    for &ctx in ALL {
        let mut seen = Vec::new();
        for b in keymap.bindings(ctx) {
            for k in &b.keys {
                assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                seen.push(*k);
            }
        }
    }
    assert_eq!(Keymap::with_changes(&BTreeMap::new()), Ok(Keymap::default()));
}

#[test]
fn every_action_has_a_name_and_a_key() {
    let all = Action::all();
    assert_eq!(all.len(), 39);
    assert_eq!(all[0], Action::Help);
    for action in all {
        assert_eq!(crate::names::parse::<Action>(action.name()), Ok(action));
        assert!(
            BINDINGS.iter().any(|b| b.action == action),
            "{action:?} has no key"
        );
    }
    assert_eq!(Action::NextPrompt.name(), "next_prompt");
    assert_eq!(Action::DismissNudge.name(), "dismiss_nudge");
}

#[test]
fn every_action_can_be_given_another_key_everywhere_it_applies() {
    let f9 = KeySpec::plain(KeyName::F(9));
    for action in Action::all() {
        let keymap = changed(&[(action, "f9")]).unwrap_or_else(|p| panic!("{action:?}: {p:?}"));
        let defaults: Vec<&Binding> = BINDINGS.iter().filter(|b| b.action == action).collect();
        for &context in defaults.iter().flat_map(|b| b.contexts) {
            assert_eq!(
                keymap.action_for(context, f9),
                Some(action),
                "{action:?} in {context:?}"
            );
            for &old in defaults.iter().flat_map(|b| b.keys) {
                if old != CTRL_C {
                    assert_ne!(
                        keymap.action_for(context, old),
                        Some(action),
                        "{action:?} {old:?}"
                    );
                }
            }
            let labels: Vec<&str> = keymap
                .bindings(context)
                .filter(|b| b.action == action)
                .map(|b| b.label.as_str())
                .collect();
            let want = if action == Action::Interrupt {
                "F9 Ctrl-C"
            } else {
                "F9"
            };
            assert_eq!(labels, [want], "{action:?} in {context:?}: shown once");
        }
    }
}

#[test]
fn ctrl_c_always_saves_and_quits() {
    let keymap = changed(&[(Action::Interrupt, "f9")]).unwrap();
    for &ctx in ALL {
        assert_eq!(keymap.action_for(ctx, CTRL_C), Some(Action::Interrupt));
        let esc_then_ctrl_c = KeySpec { alt: true, ..CTRL_C };
        assert_eq!(keymap.action_for(ctx, esc_then_ctrl_c), Some(Action::Interrupt));
    }
}

#[test]
fn the_key_given_to_help_closes_it_too() {
    let keymap = changed(&[(Action::Help, "F9")]).unwrap();
    assert_eq!(
        keymap.action_for(Context::Home, KeySpec::parse("F9").unwrap()),
        Some(Action::Help)
    );
    assert_eq!(
        keymap.action_for(Context::Help, KeySpec::parse("F9").unwrap()),
        Some(Action::Close)
    );
    assert_eq!(
        keymap.action_for(Context::Help, KeySpec::plain(KeyName::Esc)),
        Some(Action::Close),
        "Esc still closes it"
    );
}
