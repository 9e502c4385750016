//! `ownup sync`: the sessions on every machine, through git.
//!
//! The data folder becomes a git repository (if it is not one), what changed in the files that
//! travel ([`tracked`]) is committed, what the remote has is fetched and taken in file by file
//! ([`merge`]), and the result is pushed. The remote is the repository's `origin`, set once
//! with `ownup sync --remote URL`: git keeps it, so there is one place that says where the
//! sessions go. No terminal code: the command line prints the [`Report`], the app shows it.
//!
//! git is the program the person already has (see `git.rs` for why, and how it is sealed off).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::output::{count, printable};
use crate::store::{SessionStore, StoreError};

pub mod auto;
mod git;
mod merge;
mod repo;
pub mod tracked;

pub use git::Mode;
pub use merge::Kept;
use repo::{Oid, Repo, sessions_in};

/// The name of the lock that keeps two syncs of one data folder apart (`locks/sync.lock`).
const SYNC_LOCK: &str = "sync";
/// How many times the remote may move on between a fetch and a push before ownup gives up.
const ATTEMPTS: usize = 3;

/// Why a sync did not happen, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// There is no git to run.
    #[error(
        "ownup sync uses git, which is not installed (or not on your PATH): install it (e.g. `sudo apt install git`, or `brew install git`), then run ownup sync again"
    )]
    NoGit,
    /// The git there is too old.
    #[error(
        "ownup sync needs git {needed} or newer, and this is {found} — update git, then run ownup sync again"
    )]
    OldGit {
        /// What `git --version` said.
        found: String,
        /// The oldest that works.
        needed: String,
    },
    /// A git command failed.
    #[error("{what} failed in {}: {why}", .dir.display())]
    Git {
        /// The command.
        what: String,
        /// Where it ran: the data folder.
        dir: PathBuf,
        /// What git said.
        why: String,
    },
    /// Fetching from or pushing to the remote failed.
    #[error("cannot {action} {url}: {why}")]
    Remote {
        /// "receive from", "send to".
        action: &'static str,
        /// The remote, as shown (without a password).
        url: String,
        /// What git said.
        why: String,
    },
    /// Another sync of this data folder is running.
    #[error("another ownup sync is running (from the app or a shell) — wait for it to end, then sync again")]
    Running,
    /// Sessions changed on the other machine are open in an ownup here.
    #[error(
        "{} open in ownup here and changed on another machine: nothing was received or sent — close {}, then sync again",
        sessions_are(.0),
        if .0.len() == 1 { "it" } else { "them" }
    )]
    OpenHere(BTreeSet<String>),
    /// The repository is half-way through something a person started with git.
    #[error("the git repository in {} is in the middle of a merge or rebase — finish or abort it with git, then sync again", .dir.display())]
    Busy {
        /// The data folder.
        dir: PathBuf,
    },
    /// The repository has no branch checked out.
    #[error("the git repository in {} is not on a branch — check one out (git -C {} switch main), then sync again", .dir.display(), .dir.display())]
    Detached {
        /// The data folder.
        dir: PathBuf,
    },
    /// The remote has files that ownup does not sync: nothing was taken in.
    #[error(
        "the remote has files ownup does not sync ({}), committed by hand or by a newer ownup — nothing was received or sent; take them out of the remote (git rm --cached) or update ownup here, then sync again",
        shown_paths(.paths)
    )]
    Unknown {
        /// Their paths.
        paths: Vec<String>,
    },
    /// The other machine has another `key.age` than this one: the same key sealed anew there
    /// (a new passphrase, an identity file), or another key. The caller may take it, once it
    /// found that it opens every encrypted file here: [`sync`]'s `accept_key`.
    #[error(
        "your sessions' key (key.age) was changed on another machine — nothing was received or sent: run ownup sync in a terminal, where it can ask what opens the new one"
    )]
    KeyChanged {
        /// The other machine's `key.age`.
        theirs: Vec<u8>,
    },
    /// The remote's `key.age` holds another key than this machine's: both machines encrypted
    /// their sessions, each with a key of its own; or someone who can write to the remote put
    /// a key of theirs there.
    #[error(
        "the remote's key.age holds another key than your sessions here — nothing was received or sent. {TAKING_ANOTHER_KEY}"
    )]
    TwoKeys,
    /// This machine decrypted its sessions since it last synced them encrypted.
    #[error(
        "this machine decrypted your sessions, and they are encrypted on the remote — nothing was received or sent: run `ownup encrypt` here first (it takes the key of the last sync, with its passphrase or identity), then sync again"
    )]
    DecryptedHere,
    /// This machine's `key.age` is not a sealed key: sending it would stop every other machine.
    #[error(
        "{} is not an ownup store key (damaged, or replaced by hand) — nothing was received or sent: put your key.age back (from a backup, or another machine), then sync again",
        .path.display()
    )]
    DamagedKey {
        /// key.age.
        path: PathBuf,
    },
    /// The remote changed again every time ownup was about to push.
    #[error("the remote kept changing while ownup synced — sync again in a moment")]
    KeepsMoving,
    /// A file could not be written.
    #[error("cannot write {}: {why}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        why: String,
    },
    /// The store could not do its part.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What to do when the remote's key is another: said with care, since following it takes
/// that key, and someone who can write to the remote could have put one of theirs there.
pub const TAKING_ANOTHER_KEY: &str = "Only if another machine of yours encrypted its sessions apart, with a key of its own (someone who can write to your remote could also have put a key of theirs there), take its key: run `ownup decrypt` here, then `ownup sync`, then `ownup encrypt` with that machine's passphrase or identity";

/// "session 20261122-234501 is", "sessions 20261122-234501, 20261123-090000 are".
fn sessions_are(ids: &BTreeSet<String>) -> String {
    let list: Vec<&str> = ids.iter().map(String::as_str).collect();
    match list.as_slice() {
        [one] => format!("session {one} is"),
        many => format!("sessions {} are", many.join(", ")),
    }
}

/// A few of `paths`, escaped for a terminal.
fn shown_paths(paths: &[String]) -> String {
    let mut shown: Vec<String> = paths.iter().take(3).map(|p| printable(p).into_owned()).collect();
    if paths.len() > 3 {
        shown.push(format!("and {} more", paths.len() - 3));
    }
    shown.join(", ")
}

/// What a sync did.
#[derive(Debug, Default)]
pub struct Report {
    /// The data folder.
    pub dir: PathBuf,
    /// The remote, as shown (without a password), if one is set.
    pub remote: Option<String>,
    /// The sessions committed here (whose changes are in this sync).
    pub committed: BTreeSet<String>,
    /// The sessions the remote gained.
    pub sent: BTreeSet<String>,
    /// The sessions this machine gained.
    pub received: BTreeSet<String>,
    /// Sessions changed on both machines: the other machine's version, kept as a revision.
    pub kept: Vec<Kept>,
    /// Sessions removed on the other machine and changed on this one, kept here.
    pub kept_here: Vec<String>,
    /// Sessions changed on both machines whose other version the other machine put in place:
    /// this machine's version, kept as a revision there and now here.
    pub replaced: Vec<Kept>,
    /// Whether this machine took the other's key (its sessions are encrypted there, and were
    /// not here): what was written here is to be encrypted with it.
    pub took_key: bool,
    /// Whether this machine took the other's `key.age` over its own: the same key, sealed
    /// anew there (see `accept_key` in [`sync`]).
    pub key_sealed_anew: bool,
    /// Whether `key.age` had been removed from the remote (never by ownup), and this machine's
    /// was kept and sent again.
    pub key_kept: bool,
    /// Sessions removed on the other machine without going to the trash (by hand, or by
    /// someone who can write to the remote): in the trash here.
    pub put_in_trash: Vec<String>,
    /// Whether the remote was sent this machine's `key.age` (encrypted here first, or sealed
    /// anew).
    pub key_sent: bool,
    /// Sessions kept here, not sent: not encrypted, where the sessions are (here or on the
    /// remote).
    pub held_back: usize,
}

impl Report {
    /// What to tell the person, a line for each outcome.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self
            .kept
            .iter()
            .map(|kept| {
                format!(
                    "Session {} was changed on both machines: yours is unchanged, the other machine's is kept as {}",
                    kept.id,
                    kept.path.display()
                )
            })
            .collect();
        lines.extend(self.replaced.iter().map(|kept| {
            format!(
                "Session {} was changed on both machines: the other machine's version is in place now, and yours is kept as {}",
                kept.id,
                kept.path.display()
            )
        }));
        lines.extend(self.kept_here.iter().map(|id| {
            format!("Session {id} was deleted on the other machine and changed on this one: it is kept here")
        }));
        lines.extend(self.put_in_trash.iter().map(|id| {
            format!(
                "Session {id} was removed from the remote without going to the trash (ownup never does that: by hand, or by someone who can write to it) — it is in the trash here: ownup trash restore {id} brings it back"
            )
        }));
        if self.key_kept {
            lines.push(
                "key.age had been removed from the remote — ownup never removes it: that was done by hand, or by someone who can write to the remote. The last one synced is kept, and sent again; your sessions stay encrypted".into(),
            );
        }
        if self.took_key {
            lines.push(
                "Your sessions are encrypted on the other machine, and this one now has their key (key.age): run ownup encrypt here too, with the same passphrase or identity — until then, what was written here stays here, unencrypted, and is not sent".into(),
            );
        } else if self.held_back > 0 {
            lines.push(format!(
                "{} here {} not encrypted, and your sessions are: not sent — run ownup encrypt here to send {}",
                crate::output::count(self.held_back, "session"),
                if self.held_back == 1 { "is" } else { "are" },
                if self.held_back == 1 { "it" } else { "them" },
            ));
        }
        lines.push(self.summary());
        lines
    }

    /// The one line that says how it went.
    pub fn summary(&self) -> String {
        let Some(remote) = &self.remote else {
            let what = match self.committed.len() {
                0 => "Nothing new to commit".to_string(),
                n => format!("Committed {} in {}", count(n, "session"), self.dir.display()),
            };
            return format!("{what}. No remote is set: add one with ownup sync --remote URL");
        };
        match (self.sent.len(), self.received.len()) {
            (0, 0) if self.key_sent => format!("Synced with {remote}: your sessions' key (key.age) sent."),
            (0, 0) => format!("Up to date with {remote}."),
            (sent, received) => format!(
                "Synced with {remote}: {} sent, {received} received.",
                count(sent, "session")
            ),
        }
    }

    /// A word or two for a footer: "synced", "synced: 2 received".
    pub fn short(&self) -> String {
        match (
            self.remote.is_some(),
            self.received.len(),
            self.kept.len() + self.replaced.len(),
        ) {
            (false, _, _) => "committed".into(),
            (true, _, kept) if kept > 0 => format!("synced: {kept} changed on both"),
            (true, 0, _) => "synced".into(),
            (true, received, _) => format!("synced: {received} received"),
        }
    }

    /// Whether something in it asks for the person's attention (a session changed on both).
    pub fn needs_attention(&self) -> bool {
        !self.kept.is_empty()
            || !self.kept_here.is_empty()
            || !self.replaced.is_empty()
            || self.took_key
            || self.key_kept
            || !self.put_in_trash.is_empty()
            || self.held_back > 0
    }
}

/// Syncs the data folder of `store`: commits what changed, and with a remote set (or given:
/// `remote`, which is then set for good), takes in what it has and sends what it lacks. `now`
/// names the versions kept when a session changed on both machines. A `key.age` changed on the
/// other machine stops it ([`SyncError::KeyChanged`]), unless it is `accept_key`.
pub fn sync(
    store: &SessionStore,
    now: DateTime<FixedOffset>,
    mode: Mode,
    remote: Option<&str>,
    accept_key: Option<&[u8]>,
) -> Result<Report, SyncError> {
    let _lock = store.lock(SYNC_LOCK).map_err(|err| match err {
        StoreError::Locked(_) => SyncError::Running,
        other => other.into(),
    })?;
    let dir = store.layout().root().to_path_buf();
    if tracked::is_encrypted(&dir) {
        let sealed = store.sealed_key()?.unwrap_or_default();
        if crate::crypt::StoreKey::seal_kind(&sealed).is_none() {
            return Err(SyncError::DamagedKey {
                path: store.layout().key(),
            });
        }
    }
    let repo = Repo::open(git::Git::find(&dir, mode)?)?;
    if let Some(url) = remote {
        repo.set_remote(&as_remote(url, std::env::current_dir().ok().as_deref()))?;
    }
    let host = hostname();
    // What the remote has is looked at first: when its sessions are encrypted and these are
    // not yet (its key has not come here), none of these is committed in the clear.
    let url = repo.remote()?.map(|url| without_password(&url));
    let fetched = url
        .as_ref()
        .map(|url| repo.fetch().map_err(|err| at_remote(err, "receive from", url)));
    let remote_encrypted = match &fetched {
        Some(Ok(Some(theirs))) => tracked::holds_encrypted(repo.files_at(theirs)?.keys()),
        _ => false,
    };
    // Once synced encrypted, encrypted for good (nothing ownup does takes key.age from the
    // remote): a remote emptied by hand, or history written anew, gets nothing in the clear.
    let synced_encrypted = match repo.head()? {
        Some(head) => repo.blob_at(&head, tracked::KEY)?.is_some(),
        None => false,
    };
    // Decrypted here since: nothing is taken in or sent until encrypted again. It could
    // neither open what the others send nor check a key sent in place of the one it synced
    // (someone who can write to the remote could put one there), and what it has decrypted
    // is not to be taken as removed there.
    if synced_encrypted && !tracked::is_encrypted(store.layout().root()) {
        return Err(SyncError::DecryptedHere);
    }
    let encrypted = tracked::is_encrypted(store.layout().root()) || remote_encrypted || synced_encrypted;
    let mut report = Report {
        held_back: tracked::held_back(&dir, encrypted),
        dir,
        committed: commit_local(&repo, &host, encrypted)?,
        ..Report::default()
    };
    let Some(url) = url else {
        return Ok(report);
    };
    report.remote = Some(url.clone());
    let report = exchange(&repo, store, (now, &host), (fetched, &url), accept_key, report)?;
    // When it last went through, for `ownup sync --status`.
    repo.set_setting(SYNCED_AT, &now.to_rfc3339())?;
    Ok(report)
}

/// The setting of the data folder's repository that says its key.age was taken from the
/// remote (joining, with no key here), not made here.
const KEY_RECEIVED: &str = "ownup.keyreceived";

/// Whether the key.age of the data folder `dir` was taken from the remote by a sync, not
/// made here: then it is to be checked against the sessions it should open before it encrypts
/// anything.
pub fn key_was_received(dir: &Path) -> bool {
    if std::fs::symlink_metadata(dir.join(".git")).is_err() {
        return false;
    }
    git::Git::find(dir, Mode::Background)
        .and_then(Repo::open)
        .and_then(|repo| repo.setting(KEY_RECEIVED))
        .is_ok_and(|value| value.as_deref() == Some("true"))
}

/// The setting of the data folder's repository that says when it was last synced.
const SYNCED_AT: &str = "ownup.synced";

/// Takes in what the remote has (`fetched` already, the first time) and sends what it lacks,
/// fetching again when it moved on meanwhile.
fn exchange(
    repo: &Repo,
    store: &SessionStore,
    (now, host): (DateTime<FixedOffset>, &str),
    (mut fetched, url): (Option<Result<Option<Oid>, SyncError>>, &str),
    accept_key: Option<&[u8]>,
    mut report: Report,
) -> Result<Report, SyncError> {
    let had_key = store.layout().key().exists();
    for _ in 0..ATTEMPTS {
        let theirs = match fetched.take() {
            Some(first) => first?,
            None => repo.fetch().map_err(|err| at_remote(err, "receive from", url))?,
        };
        let before = repo.head()?;
        if let Some(theirs) = &theirs {
            let has_theirs = match &before {
                Some(ours) => ours == theirs || repo.is_ancestor(theirs, ours)?,
                None => false,
            };
            if !has_theirs {
                match merge::integrate(repo, store, (before.as_deref(), theirs), now, host, accept_key)? {
                    merge::Outcome::OpenHere(ids) => return Err(SyncError::OpenHere(ids)),
                    merge::Outcome::Merged(merged) => {
                        report.kept.extend(merged.kept);
                        report.kept_here.extend(merged.kept_here);
                        report.replaced.extend(merged.replaced);
                        report.key_kept |= merged.key_kept;
                        report.put_in_trash.extend(merged.put_in_trash);
                    }
                }
            }
        }
        let Some(head) = repo.head()? else {
            return Ok(report); // nothing here and nothing there
        };
        let empty = repo.empty_tree()?;
        let gained = repo.diff(before.as_deref().unwrap_or(&empty), &head)?;
        report.received.extend(sessions_in(gained.keys()));
        let key_gained = gained
            .get(tracked::KEY)
            .is_some_and(|change| change.new.is_some());
        report.took_key |= key_gained && !had_key;
        report.key_sealed_anew |= key_gained && had_key;
        if key_gained && !had_key {
            // Taken with nothing here to check it by: `ownup encrypt` checks it against the
            // encrypted sessions of the last sync before it encrypts anything with it.
            repo.set_setting(KEY_RECEIVED, "true")?;
        }
        if theirs.as_deref() == Some(head.as_str()) {
            return Ok(report);
        }
        let sending = repo.diff(theirs.as_deref().unwrap_or(&empty), &head)?;
        if repo.push().map_err(|err| at_remote(err, "send to", url))? {
            report.sent = sessions_in(sending.keys());
            report.key_sent = sending
                .get(tracked::KEY)
                .is_some_and(|change| change.new.is_some());
            return Ok(report);
        }
    }
    Err(SyncError::KeepsMoving)
}

/// Where the sessions of a data folder stand with the remote, as of the last sync (nothing is
/// asked of the remote, committed or changed to know it).
#[derive(Debug, Default)]
pub struct Status {
    /// The data folder.
    pub dir: PathBuf,
    /// Whether it is a git repository already (`ownup sync` makes it one).
    pub repository: bool,
    /// The remote, as shown (without a password), if one is set.
    pub remote: Option<String>,
    /// When a sync with the remote last went through, if one has.
    pub synced: Option<DateTime<FixedOffset>>,
    /// The sessions whose files here differ from the remote's, as last seen: written, changed
    /// or removed here since.
    pub not_sent: BTreeSet<String>,
    /// Whether the sessions here are encrypted.
    pub encrypted: bool,
    /// Whether the remote's are, as last seen.
    pub remote_encrypted: bool,
    /// Sessions kept here, not sent: not encrypted, where the sessions are.
    pub held_back: usize,
    /// Whether this machine's `key.age` is not the remote's (encrypted here since, or sealed
    /// anew): the next sync sends it.
    pub key_not_sent: bool,
    /// Whether this machine decrypted its sessions since it synced them encrypted: it does not
    /// sync until it encrypts them again.
    pub decrypted_here: bool,
    /// Whether the remote's `key.age` changed since this machine last took it (sealed anew on
    /// another machine, or another key): the next sync checks it.
    pub key_changed_there: bool,
}

/// Where the sessions of `store` stand with the remote, as of the last sync: nothing is
/// fetched, committed or written (a data folder that is not a repository stays one that is not).
pub fn status(store: &SessionStore, mode: Mode) -> Result<Status, SyncError> {
    let dir = store.layout().root().to_path_buf();
    let encrypted = tracked::is_encrypted(&dir);
    let mut status = Status {
        dir: dir.clone(),
        repository: std::fs::symlink_metadata(dir.join(".git")).is_ok(),
        encrypted,
        ..Status::default()
    };
    if !status.repository {
        return Ok(status);
    }
    let repo = Repo::open(git::Git::find(&dir, mode)?)?;
    status.remote = repo.remote()?.map(|url| without_password(&url));
    status.synced = repo
        .setting(SYNCED_AT)?
        .and_then(|at| DateTime::parse_from_rfc3339(&at).ok());
    let theirs = repo.commit(&format!("refs/remotes/{}/{}", repo::REMOTE, repo.branch))?;
    let there = match &theirs {
        Some(theirs) => repo.files_at(theirs)?,
        None => Default::default(),
    };
    status.remote_encrypted = tracked::holds_encrypted(there.keys());
    let head_key = match repo.head()? {
        Some(head) => repo.blob_at(&head, tracked::KEY)?,
        None => None,
    };
    let both_encrypted = encrypted || status.remote_encrypted || head_key.is_some();
    status.decrypted_here = !encrypted && head_key.is_some();
    status.held_back = tracked::held_back(&dir, both_encrypted);
    let here = tracked::on_disk(&dir, both_encrypted);
    let hashes = repo.hash_files(&here)?;
    let mut differ: BTreeSet<String> = here
        .iter()
        .zip(&hashes)
        .filter(|(path, hash)| there.get(*path) != Some(*hash))
        .map(|(path, _)| path.clone())
        .collect();
    // Gone from here (removed, or in the trash: then it is here under another path too). As
    // a sync sees it: an encrypted file is never taken as removed by a store that is not
    // encrypted (decrypted here: the others keep theirs).
    differ.extend(
        there
            .keys()
            .filter(|path| !here.contains(path) && tracked::in_store_form(path, both_encrypted))
            .filter(|path| tracked::is_gone(&dir, path, encrypted))
            .cloned(),
    );
    // The key: changed there since this machine last took it (the next sync checks it), or
    // changed here (the next sync sends it).
    let there_key = there.get(tracked::KEY);
    status.key_changed_there = encrypted && there_key.is_some() && there_key != head_key.as_ref();
    status.key_not_sent = encrypted && !status.key_changed_there && differ.contains(tracked::KEY);
    status.not_sent = sessions_in(differ.iter());
    Ok(status)
}

/// The encrypted session files of the last sync (in `sessions/` and `trash/`, at the branch's
/// head of the data folder `dir`), with their bytes: what a key taken from the remote must
/// open. (Revisions may hold a version from elsewhere that no key of yours opens, kept so that
/// nothing is lost.) Empty when the data folder is not a repository, or there is no git to
/// read it with.
pub fn synced_encrypted_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, SyncError> {
    if std::fs::symlink_metadata(dir.join(".git")).is_err() {
        return Ok(vec![]);
    }
    let git = match git::Git::find(dir, Mode::Background) {
        Ok(git) => git,
        Err(SyncError::NoGit) => return Ok(vec![]),
        Err(err) => return Err(err),
    };
    let repo = Repo::open(git)?;
    let Some(head) = repo.head()? else {
        return Ok(vec![]);
    };
    let files: Vec<(String, Oid)> = repo
        .files_at(&head)?
        .into_iter()
        .filter(|(path, _)| tracked::is_tracked(path) && tracked::is_session_file(path))
        .filter(|(path, _)| path.ends_with(".ron.age"))
        .collect();
    let oids: Vec<&str> = files.iter().map(|(_, oid)| oid.as_str()).collect();
    let bytes = repo.blobs(&oids)?;
    Ok(files.into_iter().map(|(path, _)| path).zip(bytes).collect())
}

/// Commits the files that travel as they are now; returns the sessions whose files changed.
fn commit_local(repo: &Repo, host: &str, encrypted: bool) -> Result<BTreeSet<String>, SyncError> {
    let ours = repo.write_gitignore(encrypted)?;
    repo.stage_all(ours, encrypted)?;
    let tree = repo.write_tree()?;
    let head = repo.head()?;
    let empty = repo.empty_tree()?;
    let changed = repo.diff(head.as_deref().unwrap_or(&empty), &tree)?;
    if changed.is_empty() {
        return Ok(BTreeSet::new());
    }
    let ids = sessions_in(changed.keys());
    let mut message = match ids.len() {
        0 => format!("ownup: sync begins on {host}\n\n"),
        n => format!("ownup: {} changed on {host}\n\n", count(n, "session")),
    };
    for (path, change) in &changed {
        let what = match (&change.old, &change.new) {
            (None, _) => "added",
            (_, None) => "removed",
            _ => "changed",
        };
        message.push_str(&format!("{what} {path}\n"));
    }
    let parents: Vec<&str> = head.as_deref().into_iter().collect();
    let commit = repo.commit_tree(&tree, &parents, &message)?;
    repo.move_branch(&commit, head.as_deref())?;
    Ok(ids)
}

/// A git failure talking to the remote, said as such.
fn at_remote(err: SyncError, action: &'static str, url: &str) -> SyncError {
    match err {
        SyncError::Git { why, .. } => SyncError::Remote {
            action,
            url: url.to_string(),
            why,
        },
        other => other,
    }
}

/// The remote `url` as given on the command line, run in `cwd`: a relative path to a folder
/// (a bare repository on a USB stick) is made absolute, since git would take it relative to
/// the data folder. Addresses (`ssh://…`, `git@host:path`) are kept as they are.
fn as_remote(url: &str, cwd: Option<&Path>) -> String {
    let scp_like = url.find(':').is_some_and(|colon| !url[..colon].contains('/'));
    if url.contains("://") || scp_like || Path::new(url).is_absolute() {
        return url.to_string();
    }
    match cwd {
        Some(cwd) => cwd.join(url).display().to_string(),
        None => url.to_string(),
    }
}

/// `url` with any password in it hidden: `https://me:***@host/x.git`.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let Some(at) = rest[..authority_end].rfind('@') else {
        return url.to_string();
    };
    match rest[..at].split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***{}", &rest[at..]),
        None => url.to_string(),
    }
}

/// This machine's name, for commit messages.
fn hostname() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: gethostname writes at most `buf.len()` bytes into `buf`.
    let result = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len()) };
    let end = buf.iter().position(|b| *b == 0).unwrap_or(buf.len());
    match (result, std::str::from_utf8(&buf[..end])) {
        (0, Ok(name)) if !name.trim().is_empty() => name.trim().to_string(),
        _ => "this machine".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_folder_becomes_absolute_and_addresses_stay() {
        let cwd = Some(Path::new("/home/me"));
        assert_eq!(as_remote("usb/ownup.git", cwd), "/home/me/usb/ownup.git");
        assert_eq!(as_remote("../ownup.git", cwd), "/home/me/../ownup.git");
        assert_eq!(as_remote("/media/usb/ownup.git", cwd), "/media/usb/ownup.git");
        assert_eq!(
            as_remote("git@example.com:me/ownup.git", cwd),
            "git@example.com:me/ownup.git"
        );
        assert_eq!(
            as_remote("ssh://me@host/srv/ownup.git", cwd),
            "ssh://me@host/srv/ownup.git"
        );
        assert_eq!(as_remote("./a:b", cwd), "/home/me/./a:b");
    }

    #[test]
    fn a_password_in_an_address_is_never_shown() {
        assert_eq!(
            without_password("https://me:s3cret@example.com/me/ownup.git"),
            "https://me:***@example.com/me/ownup.git"
        );
        assert_eq!(
            without_password("https://example.com/a@b"),
            "https://example.com/a@b"
        );
        assert_eq!(
            without_password("git@example.com:me/x.git"),
            "git@example.com:me/x.git"
        );
        assert_eq!(without_password("ssh://me@host/x"), "ssh://me@host/x");
    }

    #[test]
    fn a_report_says_what_happened_in_a_line() {
        let mut report = Report {
            dir: PathBuf::from("/data"),
            ..Report::default()
        };
        assert_eq!(
            report.summary(),
            "Nothing new to commit. No remote is set: add one with ownup sync --remote URL"
        );
        report.committed.insert("a".into());
        assert_eq!(
            report.summary(),
            "Committed 1 session in /data. No remote is set: add one with ownup sync --remote URL"
        );
        report.remote = Some("/usb/ownup.git".into());
        assert_eq!(report.summary(), "Up to date with /usb/ownup.git.");
        report.sent.extend(["a".into(), "b".into()]);
        report.received.insert("c".into());
        assert_eq!(
            report.summary(),
            "Synced with /usb/ownup.git: 2 sessions sent, 1 received."
        );
        assert_eq!(report.short(), "synced: 1 received");
    }

    #[test]
    fn open_sessions_are_named() {
        let one = SyncError::OpenHere(["20261122-234501".to_string()].into());
        assert_eq!(
            one.to_string(),
            "session 20261122-234501 is open in ownup here and changed on another machine: nothing was received or sent — close it, then sync again"
        );
    }
}
