//! The data folder's git repository, through plumbing only: git never writes a session file
//! (ownup does, atomically), never merges text and never stops half-way in a conflict. What is
//! committed is decided by [`super::tracked`].

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::SyncError;
use super::git::Git;
use super::tracked::{self, GITIGNORE};

/// The name git gives the remote ownup syncs with.
pub const REMOTE: &str = "origin";
/// The branch a repository ownup makes starts on.
const BRANCH: &str = "main";

/// A commit or tree id, as git prints it.
pub type Oid = String;

/// One file's change between two trees: its new blob, or `None` when it was removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The blob before (`None` when the file is new).
    pub old: Option<Oid>,
    /// The blob after (`None` when removed).
    pub new: Option<Oid>,
    /// Whether the file after is a regular file (not a link or a submodule).
    pub regular: bool,
}

/// The repository of one data folder, on its branch.
#[derive(Debug)]
pub struct Repo {
    pub git: Git,
    /// The branch checked out (`main` in a repository ownup made).
    pub branch: String,
}

impl Repo {
    /// The data folder's repository, made if it has none (private: git's files are 0600).
    pub fn open(mut git: Git) -> Result<Repo, SyncError> {
        let dir = git.dir().to_path_buf();
        let own = git
            .text(&["rev-parse", "--show-toplevel"])
            .ok()
            .is_some_and(|top| same_dir(Path::new(&top), &dir));
        if !own {
            git.run(&["init", "--quiet", "--shared=0600", "-b", BRANCH])?;
        }
        for state in ["MERGE_HEAD", "rebase-merge", "rebase-apply", "CHERRY_PICK_HEAD"] {
            let path = git.text(&["rev-parse", "--git-path", state])?;
            if dir.join(&path).exists() {
                return Err(SyncError::Busy { dir });
            }
        }
        let branch = match git.text(&["symbolic-ref", "--quiet", "--short", "HEAD"]) {
            Ok(branch) if !branch.is_empty() => branch,
            _ => return Err(SyncError::Detached { dir }),
        };
        // In the background, SSH never asks: the person's own SSH command, in batch mode.
        let own_ssh = git.text(&["config", "--get", "core.sshCommand"]).ok();
        git.use_ssh(own_ssh.filter(|c| !c.is_empty()));
        // ownup's commits carry the person's name when git knows it, else ownup's own; their
        // configuration is never changed.
        for (name, value) in [("user.name", "ownup"), ("user.email", "ownup@localhost")] {
            if !git.yes(&["config", "--get", name])? {
                git.set(name, value);
            }
        }
        Ok(Repo { git, branch })
    }

    /// The data folder.
    pub fn dir(&self) -> &Path {
        self.git.dir()
    }

    /// The commit `name` names, if there is one.
    pub fn commit(&self, name: &str) -> Result<Option<Oid>, SyncError> {
        self.resolve(&format!("{name}^{{commit}}"))
    }

    /// What `spec` names, if it names something.
    fn resolve(&self, spec: &str) -> Result<Option<Oid>, SyncError> {
        match self
            .git
            .run_with(&["rev-parse", "--quiet", "--verify", spec], None)
        {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).trim().to_string())),
            Err(failed) if failed.code == Some(1) => Ok(None),
            Err(failed) => Err(self.git.error(&["rev-parse"], &failed)),
        }
    }

    /// The commit checked out, if there is one yet.
    pub fn head(&self) -> Result<Option<Oid>, SyncError> {
        self.commit("HEAD")
    }

    /// The tree of `commit`.
    pub fn tree_of(&self, commit: &str) -> Result<Oid, SyncError> {
        self.git.text(&["rev-parse", &format!("{commit}^{{tree}}")])
    }

    /// The tree with nothing in it.
    pub fn empty_tree(&self) -> Result<Oid, SyncError> {
        Ok(String::from_utf8_lossy(&self.git.run_input(&["mktree"], b"")?)
            .trim()
            .to_string())
    }

    /// Whether `ancestor` is `commit` or comes before it.
    pub fn is_ancestor(&self, ancestor: &str, commit: &str) -> Result<bool, SyncError> {
        self.git.yes(&["merge-base", "--is-ancestor", ancestor, commit])
    }

    /// The newest commit both `a` and `b` come from, if their histories meet.
    pub fn merge_base(&self, a: &str, b: &str) -> Result<Option<Oid>, SyncError> {
        match self.git.run_with(&["merge-base", a, b], None) {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).trim().to_string())),
            Err(failed) if failed.code == Some(1) => Ok(None),
            Err(failed) => Err(self.git.error(&["merge-base"], &failed)),
        }
    }

    /// Every file changed from tree-ish `from` to `to`, by path.
    pub fn diff(&self, from: &str, to: &str) -> Result<BTreeMap<String, Change>, SyncError> {
        let out = self.git.run(&[
            "diff-tree",
            "-r",
            "-z",
            "--no-renames",
            "--no-commit-id",
            from,
            to,
        ])?;
        Ok(parse_diff(&out))
    }

    /// Every file in `commit`, with its blob.
    pub fn files_at(&self, commit: &str) -> Result<BTreeMap<String, Oid>, SyncError> {
        let out = self.git.run(&["ls-tree", "-r", "-z", "--full-tree", commit])?;
        Ok(split_nul(&out)
            .filter_map(|line| {
                // "<mode> blob <oid>\t<path>"
                let (meta, path) = line.split_once('\t')?;
                let oid = meta.split(' ').nth(2)?;
                Some((path.to_string(), oid.to_string()))
            })
            .collect())
    }

    /// A setting of this repository's own (`ownup.*`), if it is set.
    pub fn setting(&self, name: &str) -> Result<Option<String>, SyncError> {
        match self.git.run_with(&["config", "--local", "--get", name], None) {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).trim().to_string())),
            Err(failed) if failed.code == Some(1) => Ok(None),
            Err(failed) => Err(self.git.error(&["config"], &failed)),
        }
    }

    /// Sets a setting of this repository's own (`ownup.*`).
    pub fn set_setting(&self, name: &str, value: &str) -> Result<(), SyncError> {
        self.git.run(&["config", "--local", name, value])?;
        Ok(())
    }

    /// The bytes of the blobs `oids`, in their order, read by one git for many (a machine that
    /// joins takes in every session: a git for each would take minutes).
    pub fn blobs(&self, oids: &[&str]) -> Result<Vec<Vec<u8>>, SyncError> {
        let damaged = |why: &str| SyncError::Git {
            what: "git cat-file --batch".into(),
            dir: self.dir().to_path_buf(),
            why: why.to_string(),
        };
        let mut all = Vec::with_capacity(oids.len());
        // In batches: what git prints for one is held in memory at once.
        for batch in oids.chunks(512) {
            let mut input = batch.join("\n");
            input.push('\n');
            let out = self.git.run_input(&["cat-file", "--batch"], input.as_bytes())?;
            let mut rest = &out[..];
            for oid in batch {
                // "<oid> blob <size>\n<bytes>\n", or "<oid> missing\n".
                let end = rest
                    .iter()
                    .position(|b| *b == b'\n')
                    .ok_or_else(|| damaged("it ended early"))?;
                let header = String::from_utf8_lossy(&rest[..end]).into_owned();
                let size = match header.split(' ').collect::<Vec<_>>()[..] {
                    [got, "blob", size] if got == *oid => size.parse::<usize>().ok(),
                    _ => None,
                }
                .ok_or_else(|| damaged(&format!("{oid}: {header}")))?;
                let body = rest
                    .get(end + 1..end + 1 + size)
                    .ok_or_else(|| damaged("it ended early"))?;
                all.push(body.to_vec());
                rest = rest.get(end + 2 + size..).unwrap_or_default();
            }
        }
        Ok(all)
    }

    /// The bytes of blob `oid`.
    pub fn blob(&self, oid: &str) -> Result<Vec<u8>, SyncError> {
        self.git.run(&["cat-file", "blob", oid])
    }

    /// The blob ids of the files at `paths` as they are on disk, byte for byte.
    pub fn hash_files(&self, paths: &[String]) -> Result<Vec<Oid>, SyncError> {
        if paths.is_empty() {
            return Ok(vec![]);
        }
        let out = self.git.run_input(
            &["hash-object", "--no-filters", "--stdin-paths"],
            paths.join("\n").as_bytes(),
        )?;
        Ok(String::from_utf8_lossy(&out)
            .lines()
            .map(str::to_string)
            .collect())
    }

    /// Writes ownup's ignore file at the top of the data folder, unless the person has one of
    /// their own there; returns whether the one there is ownup's.
    pub fn write_gitignore(&self, encrypted: bool) -> Result<bool, SyncError> {
        let path = self.dir().join(GITIGNORE);
        let want = tracked::gitignore(encrypted);
        use crate::files::{Links, MAX_FILE_SIZE, ReadError, read_regular};
        match read_regular(&path, Links::Refuse, MAX_FILE_SIZE) {
            Ok(bytes) if bytes == want.as_bytes() => return Ok(true),
            Ok(bytes) if tracked::is_ours(&String::from_utf8_lossy(&bytes)) => {}
            Err(ReadError::Io(err)) if err.kind() == std::io::ErrorKind::NotFound => {}
            // The person's own, or something that is not a file: left alone.
            _ => return Ok(false),
        }
        crate::store::write_atomic(&path, want.as_bytes()).map_err(|err| SyncError::Write {
            path: path.clone(),
            why: err.to_string(),
        })?;
        Ok(true)
    }

    /// Brings the index to the files that travel as they are on disk (and ownup's ignore file
    /// when `gitignore`); what else the index holds is left as it is. With `encrypted` (the
    /// store is, or the remote is), only encrypted files are staged.
    pub fn stage_all(&self, gitignore: bool, encrypted: bool) -> Result<(), SyncError> {
        let mut present = tracked::on_disk(self.dir(), encrypted);
        let indexed = self.git.run(&["ls-files", "-z"])?;
        // Gone from disk. What is there but no longer a regular file (a link, a folder) is
        // neither committed nor taken as a removal: the last version committed stays, here
        // and on the other machines. Nor is an encrypted file (or the key) gone from a store
        // that is not encrypted (any more, or lost its key): decrypted here, or lost, it is
        // not removed from the others.
        let store_encrypted = tracked::is_encrypted(self.dir());
        let gone: Vec<String> = split_nul(&indexed)
            .filter(|path| present.binary_search(path).is_err())
            .filter(|path| tracked::is_gone(self.dir(), path, store_encrypted))
            .collect();
        if gitignore {
            present.push(GITIGNORE.to_string());
        }
        self.stage(&present)?;
        self.unstage(&gone)
    }

    /// Stages the files at `paths` as they are on disk.
    pub fn stage(&self, paths: &[String]) -> Result<(), SyncError> {
        // update-index, not add: paths, not patterns (`git add` matches each of 10,000 against
        // each file: seconds), and the ignore file is not read — it is for a git run by hand;
        // what travels is decided in `tracked`. Files unchanged since the index last saw them
        // (by their stat data) are not read again.
        self.each(&["update-index", "--add"], paths)
    }

    /// Takes `paths` out of the index, whatever is on disk there.
    pub fn unstage(&self, paths: &[String]) -> Result<(), SyncError> {
        self.each(&["update-index", "--force-remove"], paths)
    }

    /// Runs `git COMMAND` on `paths` (none: nothing is run), given on standard input.
    fn each(&self, command: &[&str], paths: &[String]) -> Result<(), SyncError> {
        if paths.is_empty() {
            return Ok(());
        }
        let mut list = Vec::new();
        for path in paths {
            list.extend_from_slice(path.as_bytes());
            list.push(0);
        }
        let args = [command, &["-z", "--stdin"]].concat();
        self.git.run_input(&args, &list)?;
        Ok(())
    }

    /// The tree the index holds.
    pub fn write_tree(&self) -> Result<Oid, SyncError> {
        self.git.text(&["write-tree"])
    }

    /// A commit of `tree` after `parents`, with `message`.
    pub fn commit_tree(&self, tree: &str, parents: &[&str], message: &str) -> Result<Oid, SyncError> {
        let mut args = vec!["commit-tree", tree];
        for parent in parents {
            args.extend(["-p", parent]);
        }
        args.extend(["-F", "-"]);
        Ok(
            String::from_utf8_lossy(&self.git.run_input(&args, message.as_bytes())?)
                .trim()
                .to_string(),
        )
    }

    /// Moves the branch to `new`, only if it is still at `old` (`None`: not made yet).
    pub fn move_branch(&self, new: &str, old: Option<&str>) -> Result<(), SyncError> {
        self.git
            .run(&["update-ref", "-m", "ownup sync", "HEAD", new, old.unwrap_or("")])?;
        Ok(())
    }

    /// The blob of `path` in `commit`, if it has that file.
    pub fn blob_at(&self, commit: &str, path: &str) -> Result<Option<Oid>, SyncError> {
        self.resolve(&format!("{commit}:{path}"))
    }

    /// The remote's address, if one is set.
    pub fn remote(&self) -> Result<Option<String>, SyncError> {
        match self.git.run_with(&["remote", "get-url", REMOTE], None) {
            Ok(out) => Ok(Some(String::from_utf8_lossy(&out).trim().to_string())),
            Err(failed) if failed.code == Some(2) => Ok(None),
            Err(failed) => Err(self.git.error(&["remote"], &failed)),
        }
    }

    /// Sets the remote's address.
    pub fn set_remote(&self, url: &str) -> Result<(), SyncError> {
        let verb = if self.remote()?.is_some() {
            "set-url"
        } else {
            "add"
        };
        self.git.run(&["remote", verb, REMOTE, url])?;
        Ok(())
    }

    /// Fetches the remote's branches; returns where its copy of this branch is, if it has one.
    pub fn fetch(&self) -> Result<Option<Oid>, SyncError> {
        let refspec = format!("+refs/heads/*:refs/remotes/{REMOTE}/*");
        self.git.run(&[
            "fetch",
            "--quiet",
            "--no-tags",
            "--no-recurse-submodules",
            REMOTE,
            &refspec,
        ])?;
        self.commit(&format!("refs/remotes/{REMOTE}/{}", self.branch))
    }

    /// Pushes the branch; `Ok(false)` when the remote moved on meanwhile (fetch again).
    pub fn push(&self) -> Result<bool, SyncError> {
        let refspec = format!("HEAD:refs/heads/{}", self.branch);
        // No hooks: a pre-push hook set up for code (run the tests…) has nothing to do here.
        let args = [
            "push",
            "--porcelain",
            "--quiet",
            "--no-verify",
            REMOTE,
            refspec.as_str(),
        ];
        match self.git.run_with(&args, None) {
            Ok(_) => Ok(true),
            Err(failed) if moved_on(&failed.stdout) => Ok(false),
            Err(failed) => Err(self.git.error(&args, &failed)),
        }
    }
}

/// Whether `git push --porcelain` said the remote has commits this one has not.
fn moved_on(porcelain: &[u8]) -> bool {
    String::from_utf8_lossy(porcelain).lines().any(|line| {
        line.starts_with('!') && (line.contains("fetch first") || line.contains("non-fast-forward"))
    })
}

/// Whether `a` and `b` are the same folder.
fn same_dir(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The NUL-separated items of `bytes` that are UTF-8 (a path that is not cannot be tracked).
fn split_nul(bytes: &[u8]) -> impl Iterator<Item = String> + '_ {
    bytes
        .split(|b| *b == 0)
        .filter(|item| !item.is_empty())
        .filter_map(|item| std::str::from_utf8(item).ok().map(str::to_string))
}

/// `git diff-tree -r -z` output: `:<old mode> <new mode> <old> <new> <status>\0<path>\0`…
fn parse_diff(out: &[u8]) -> BTreeMap<String, Change> {
    let mut changes = BTreeMap::new();
    let mut items = out.split(|b| *b == 0);
    while let (Some(meta), Some(path)) = (items.next(), items.next()) {
        let meta = String::from_utf8_lossy(meta);
        let fields: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        let [_, new_mode, old, new, _] = fields.as_slice() else {
            continue;
        };
        let blob = |oid: &str| (!oid.bytes().all(|b| b == b'0')).then(|| oid.to_string());
        changes.insert(
            String::from_utf8_lossy(path).into_owned(),
            Change {
                old: blob(old),
                new: blob(new),
                regular: matches!(*new_mode, "100644" | "100755" | "000000"),
            },
        );
    }
    changes
}

/// The sessions the paths belong to (ownup's ignore file and the like belong to none).
pub fn sessions_in<'a>(paths: impl IntoIterator<Item = &'a String>) -> BTreeSet<String> {
    paths
        .into_iter()
        .filter_map(|path| tracked::session_of(path))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_is_read_path_by_path() {
        let out = b":000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\0sessions/a.ron\0:100644 000000 2222222222222222222222222222222222222222 0000000000000000000000000000000000000000 D\0trash/b.ron\0:100644 120000 3333333333333333333333333333333333333333 4444444444444444444444444444444444444444 T\0sessions/c.ron\0";
        let diff = parse_diff(out);
        assert_eq!(diff.len(), 3);
        assert_eq!(diff["sessions/a.ron"].old, None);
        assert_eq!(
            diff["sessions/a.ron"].new.as_deref(),
            Some("1111111111111111111111111111111111111111")
        );
        assert!(diff["sessions/a.ron"].regular);
        assert_eq!(diff["trash/b.ron"].new, None);
        assert!(diff["trash/b.ron"].regular);
        assert!(!diff["sessions/c.ron"].regular, "a link is not a session");
    }
}
