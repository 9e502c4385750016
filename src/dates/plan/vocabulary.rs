//! The words a when-then plan is told apart by: what opens a situation, which verbs are
//! actions people choose, and which words mark a story, a prediction or a description. All in
//! lower case, with a plain apostrophe (the text is folded before it is read).

/// What opens a situation, at the start of a clause.
pub(super) const OPENERS: &[&str] = &[
    "the next time", "next time", "whenever", "when", "if", "every time", "each time", "as soon as",
];

/// The actions an imperative plan may start with: "run it on staging first", "ask". Verbs that
/// as often describe what happens to a person ("say yes to everything", "go quiet", "get
/// defensive", "make mistakes", "rush", "skip the tests") are left out on purpose.
pub(super) const ACTIONS: &[&str] = &[
    "acknowledge", "add", "admit", "alert", "answer", "apologise", "apologize", "ask", "back",
    "block", "book", "breathe", "bring", "call", "cancel", "check", "choose", "clarify", "close",
    "commit", "compare", "confirm", "consult", "contact", "count", "debug", "decline", "defer",
    "delay", "delegate", "deploy", "disable", "document", "double-check", "draft", "drain", "email",
    "enable", "escalate", "estimate", "file", "fix", "flag", "focus", "follow", "get", "give",
    "grab", "halt", "hand", "hold", "inform", "investigate", "invite", "involve", "isolate", "jot",
    "journal", "let", "list", "listen", "log", "look", "loop", "measure", "meditate", "mention",
    "merge", "message", "monitor", "mute", "name", "note", "notify", "offer", "open", "own", "page",
    "pair", "pause", "phone", "pick", "ping", "plan", "post", "postpone", "practice", "practise",
    "prepare", "prioritise", "prioritize", "proofread", "propose", "pull", "push", "put", "raise",
    "re-read", "re-run", "reach", "read", "reboot", "recheck", "record", "reflect", "rehearse",
    "remind", "repeat", "reply", "reproduce", "request", "reread", "rerun", "reschedule", "respond",
    "rest", "restart", "restore", "revert", "review", "roll", "run", "save", "schedule", "search",
    "seek", "send", "set", "share", "sign", "sleep", "slow", "snapshot", "speak", "split", "step",
    "stop", "stretch", "suggest", "summarise", "summarize", "switch", "sync", "take", "tell",
    "test", "text", "thank", "think", "track", "turn", "undo", "update", "use", "verify", "wait",
    "walk", "warn", "watch", "write",
];

/// The actions a plan about a mistake puts in place — pausing, checking, asking for help,
/// telling people, undoing — read after a bare "I": "I roll back first", "I stop and ask for a
/// review". "I push straight to main", "I write long emails", "I read Slack" describe habits
/// as often as they choose anything, so push, write, read, run, send… are only read after
/// "I will" or as an imperative.
pub(super) const REMEDIES: &[&str] = &[
    "acknowledge", "admit", "apologise", "apologize", "ask", "back", "block", "book", "breathe",
    "call", "check", "clarify", "confirm", "consult", "count", "decline", "defer", "delay",
    "delegate", "double-check", "escalate", "fix", "flag", "halt", "hand", "hold", "inform",
    "involve", "journal", "listen", "loop", "name", "note", "notify", "own", "page", "pair",
    "pause", "ping", "postpone", "practice", "practise", "prioritise", "prioritize", "proofread",
    "raise", "re-read", "reach", "recheck", "reflect", "rehearse", "request", "reread", "review",
    "revert", "roll", "schedule", "seek", "sleep", "slow", "step", "stop", "summarise", "summarize",
    "take", "tell", "test", "thank", "undo", "verify", "wait", "walk", "warn",
];

/// What "I take" a plan's pause with: "a break", "five", "three breaths" — not "it
/// personally", "the blame", "over".
pub(super) const TAKEN_PAUSES: &[&str] = &["a", "an", "five", "ten", "two", "three", "some", "time", "stock"];

/// Verbs that are a chosen action when refused: "don't panic", "I don't merge on Fridays".
pub(super) const NEGATABLE: &[&str] = &[
    "accept", "agree", "argue", "assume", "blame", "deflect", "deploy", "force", "guess", "hide",
    "interrupt", "merge", "overreact", "panic", "promise", "push", "react", "reply", "retry",
    "rush", "send", "ship", "skip", "snap", "speculate", "touch", "type",
];

/// Words between "I" (or "I will") and the action that change nothing: "I first check".
pub(super) const SOFTENERS: &[&str] = &[
    "first", "immediately", "then", "also", "just", "calmly", "gently", "promptly", "instead",
    "now", "always", "never", "quickly", "actually",
];

/// Words that make an "I" clause in the present a description of oneself, not a choice:
/// "I always make mistakes", "I tend to rush", "I check less carefully", "I stop thinking".
pub(super) const DESCRIPTIONS: &[&str] = &[
    "always", "never", "usually", "often", "sometimes", "normally", "generally", "typically",
    "tend", "tends", "too", "less", "fewer", "worse", "badly", "poorly", "personally", "mistakes",
    "mistake", "regret", "thinking", "listening", "caring", "automatically", "anyway",
];

/// What "I will" says is likely, not chosen: "I will probably…", "I will still…".
pub(super) const HEDGES: &[&str] = &[
    "probably", "likely", "maybe", "possibly", "perhaps", "inevitably", "surely", "certainly",
    "undoubtedly", "still",
];

/// What happens to a person rather than what they do: "I will panic", "I'll forget".
pub(super) const UNCHOSEN: &[&str] = &[
    "panic", "forget", "fail", "lose", "regret", "freak", "cry", "snap", "mess", "screw", "blow",
    "crash", "struggle", "feel", "end", "break", "miss", "overlook", "hate", "worry", "wonder",
    "know",
];

/// After "I will be", a stance chosen ("be more careful", "be upfront"), not a state.
pub(super) const STANCES: &[&str] = &[
    "more", "careful", "honest", "clear", "explicit", "upfront", "open", "transparent", "patient",
    "calm", "kind", "direct", "the", "available", "there", "on",
];

/// After "I will get", a state that comes over a person: "I will get defensive".
pub(super) const GOT_INTO: &[&str] = &[
    "angry", "upset", "mad", "defensive", "nervous", "stressed", "anxious", "frustrated",
    "flustered", "overwhelmed", "annoyed", "emotional", "tired", "distracted", "it", "things",
    "confused", "scared", "worried", "impatient", "sloppy", "careless", "lazy",
];

/// Words before a bare "I" that keep it inside the situation: "when Sam and I deploy",
/// "if I notice I'm rushing".
pub(super) const SUBORDINATORS: &[&str] = &[
    "and", "or", "but", "that", "because", "as", "before", "after", "until", "till", "while",
    "since", "than", "where", "what", "how", "why", "which", "who", "whom", "if", "when",
    "whenever", "unless", "once", "so", "think", "feel", "realise", "realize", "notice", "know",
    "see", "hear", "sure", "like", "wish", "worried", "afraid",
];

/// Verbs that link to a participle ("is rolled back", "feel rushed", "I've made"), and that
/// make a situation that starts with them a question ("when is…").
pub(super) const AUXILIARIES: &[&str] = &[
    "am", "is", "are", "be", "been", "being", "get", "gets", "getting", "feel", "feels", "feeling",
    "seem", "seems", "look", "looks", "become", "becomes", "have", "has", "haven't", "hasn't",
    "isn't", "aren't", "stay", "stays", "remain", "remains",
];

/// A situation that starts with one of these is a question ("when will I learn") or not a
/// situation at all.
pub(super) const QUESTIONS: &[&str] = &[
    "will", "would", "can", "could", "should", "shall", "may", "might", "must", "do", "does", "did",
    "am", "is", "are", "was", "were", "have", "has", "had",
];

/// Words skipped when looking back from a participle for what it links to: "is not yet merged".
pub(super) const ADVERBS: &[&str] = &[
    "not", "never", "already", "just", "really", "very", "so", "too", "all", "still", "even",
    "fully", "properly", "yet", "actually", "quite", "bit", "little", "slightly", "being", "been",
];

/// Words before a participle that make it an adjective: "the failed deploy".
pub(super) const DETERMINERS: &[&str] = &[
    "the", "a", "an", "my", "our", "your", "their", "his", "her", "its", "this", "that", "these",
    "those", "any", "every", "each", "some", "no", "another",
];

/// Past tenses that do not end in -ed, and words that make a situation past or unreal ("if I
/// had checked", "if I could do it again").
pub(super) const IRREGULAR_PAST: &[&str] = &[
    "was", "were", "had", "did", "saw", "got", "went", "came", "felt", "made", "took", "told",
    "ran", "knew", "thought", "said", "found", "broke", "forgot", "sent", "wrote", "left", "lost",
    "began", "heard", "gave", "brought", "caught", "fell", "held", "kept", "meant", "met", "paid",
    "sat", "spoke", "stood", "understood", "woke", "won", "drove", "ate", "drank", "chose", "froze",
    "hid", "shook", "sold", "taught", "threw", "wore", "built", "spent", "slept", "fought",
    "bought", "led", "became", "rang", "overslept", "mistook", "wasn't", "weren't", "didn't",
    "hadn't", "couldn't", "wouldn't", "shouldn't", "would", "could", "should", "might",
];

/// Words in -ed that name how a person is, not what happened: "when tired and stressed".
pub(super) const ADJECTIVES_IN_ED: &[&str] = &[
    "tired", "stressed", "rushed", "worried", "annoyed", "frustrated", "overwhelmed", "distracted",
    "interrupted", "pressured", "pressed", "bored", "excited", "confused", "scared", "ashamed",
    "embarrassed", "blocked", "exhausted", "irritated", "triggered", "unprepared", "prepared",
    "hurried", "flustered", "tempted", "overloaded", "overworked", "distressed", "criticised",
    "criticized", "challenged",
];

/// Whole situations that are turns of phrase: "if so", "if I'm honest".
pub(super) const NOT_SITUATIONS: &[&str] = &[
    "so", "not", "yes", "no", "anything", "possible", "necessary", "only", "ever", "at all",
    "anything else", "nothing else", "i'm honest", "i am honest", "i'm being honest",
    "i am being honest", "you ask me", "i recall", "i remember", "i remember correctly",
    "memory serves", "i'm right", "i may", "i can",
];
