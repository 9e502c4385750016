//! ownup's encryption is age's: what ownup encrypts, the `age` tool (the Debian package
//! `age`, installed by .ci/run) decrypts, and the other way round, so that a person's words
//! never depend on ownup to be read again.

use std::process::Command;

use age::secrecy::ExposeSecret as _;
use ownup::crypt::{Seal, StoreKey};

fn age(args: &[&str], dir: &std::path::Path) -> Vec<u8> {
    let out = Command::new("age")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the age tool (apt install age)");
    assert!(
        out.status.success(),
        "age {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn the_age_tool_reads_what_ownup_encrypts_and_ownup_what_it_encrypts() {
    let dir = tempfile::tempdir().unwrap();
    let person = age::x25519::Identity::generate();
    let identity_file = format!("{}\n", person.to_string().expose_secret());
    std::fs::write(dir.path().join("person.txt"), &identity_file).unwrap();

    let key = StoreKey::generate();
    std::fs::write(
        dir.path().join("key.age"),
        key.seal(Seal::IdentityFile(&identity_file)).unwrap(),
    )
    .unwrap();
    let words = "I deployed on a Friday without the migration check. — ça arrive.";
    std::fs::write(
        dir.path().join("session.ron.age"),
        key.encrypt(words.as_bytes()).unwrap(),
    )
    .unwrap();

    // The store key, unsealed by the age tool with the person's identity…
    let store_key = age(&["-d", "-i", "person.txt", "key.age"], dir.path());
    std::fs::write(dir.path().join("store-key.txt"), &store_key).unwrap();
    // … opens the session file with the age tool.
    let read = age(&["-d", "-i", "store-key.txt", "session.ron.age"], dir.path());
    assert_eq!(String::from_utf8(read).unwrap(), words);

    // And what the age tool encrypts to the store's recipient, ownup reads.
    std::fs::write(dir.path().join("plain.txt"), "from the age tool").unwrap();
    let encrypted = age(&["-r", &key.recipient(), "plain.txt"], dir.path());
    assert_eq!(key.decrypt(&encrypted).unwrap(), b"from the age tool");
}
