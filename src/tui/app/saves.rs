//! Edits of one text counted against what is on disk: what the session being written and the
//! check-in drafts both need to know to autosave, and to say whether anything is unsaved.

/// The edits of a text and its saves.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saves {
    /// Counts edits.
    pub revision: u64,
    /// The newest revision known to be on disk.
    pub saved: u64,
    /// Whether a save is being written.
    pub saving: bool,
    /// The revision whose save failed: autosave waits for the next change before retrying.
    failed: Option<u64>,
}

impl Saves {
    /// Counts an edit.
    pub fn edited(&mut self) {
        self.revision += 1;
    }

    /// Whether some edit is not on disk.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved
    }

    /// Whether an autosave may start: something unsaved, no save under way, and not the very
    /// text whose save just failed.
    pub fn wanted(&self) -> bool {
        self.is_dirty() && !self.saving && self.failed != Some(self.revision)
    }

    /// A save was started.
    pub fn started(&mut self) {
        self.saving = true;
    }

    /// A save of `revision` finished; `ok` says whether it was written.
    pub fn finished(&mut self, revision: u64, ok: bool) {
        self.saving = false;
        if ok {
            self.saved = self.saved.max(revision);
            self.failed = None;
        } else {
            self.failed = Some(self.revision);
        }
    }

    /// Nothing is left to save (written elsewhere, or let go on purpose).
    pub fn settled(&mut self) {
        self.saved = self.revision;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_save_waits_for_the_next_edit() {
        let mut saves = Saves::default();
        saves.edited();
        assert!(saves.wanted());
        saves.started();
        assert!(!saves.wanted(), "one save at a time");
        saves.finished(1, false);
        assert!(saves.is_dirty() && !saves.wanted(), "not the same text again");
        saves.edited();
        assert!(saves.wanted());
        saves.started();
        saves.finished(2, true);
        assert!(!saves.is_dirty());
        // A late reply for an older revision does not move what is known to be on disk back.
        saves.finished(1, true);
        assert_eq!(saves.saved, 2);
    }
}
