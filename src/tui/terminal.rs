//! Terminal setup and restore. The terminal is restored on every way out: normal exit and
//! errors (the guard's `Drop`), and panics (the hook, before the message is printed).

use std::io::{self, BufWriter, Stdout, Write as _, stdout};

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, EnableBracketedPaste, EnableFocusChange,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Size;

use super::app::App;
use super::view;

/// Room for a whole frame, so that each frame reaches the terminal in one write: never half
/// drawn when the terminal (or a test reading it) looks.
const FRAME_BUFFER: usize = 1 << 16;

/// Whether the terminal says its background is light, asked with `OSC 11` (and `OSC 10`,
/// the text colour, to compare). A terminal that cannot say is taken as dark.
///
/// Asking is only safe where the answer comes at once: the answer arrives as input, so one
/// that came after the wait would be read as typing, and keys typed while it is on its way are
/// read with it. So it is not asked over SSH (`SSH_CONNECTION`, `SSH_TTY`, `SSH_CLIENT`: set
/// `theme` in config.ron there), nor when keys are already waiting to be read; and it is
/// asked before the app reads any key.
pub fn light_background() -> bool {
    use terminal_colorsaurus::{QueryOptions, ThemeMode, theme_mode};
    let remote = ["SSH_CONNECTION", "SSH_TTY", "SSH_CLIENT"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|v| !v.is_empty()));
    if remote || input_waiting() {
        return false;
    }
    let mut options = QueryOptions::default();
    // A local terminal answers in a few milliseconds; the wait only runs out on one that
    // answers nothing at all, and a longer one leaves less room for an answer that is late.
    options.timeout = std::time::Duration::from_secs(2);
    matches!(theme_mode(options), Ok(ThemeMode::Light))
}

/// Whether keys typed ahead are waiting on standard input.
fn input_waiting() -> bool {
    let mut fd = libc::pollfd {
        fd: libc::STDIN_FILENO,
        events: libc::POLLIN,
        revents: 0,
    };
    // SAFETY: one valid pollfd, no wait.
    unsafe { libc::poll(&mut fd, 1, 0) > 0 }
}

/// The terminal in raw mode on the alternate screen; restored when dropped.
pub struct Guard {
    terminal: Terminal<CrosstermBackend<BufWriter<Stdout>>>,
}

impl Guard {
    /// Raw mode, alternate screen, bracketed paste and focus events; mouse events if asked.
    pub fn enter(mouse: bool) -> io::Result<Guard> {
        let setup = reenter(mouse).and_then(|()| {
            Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
                FRAME_BUFFER,
                stdout(),
            )))
        });
        match setup {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(err) => {
                restore();
                Err(err)
            }
        }
    }

    /// The terminal's size.
    pub fn size(&self) -> io::Result<Size> {
        self.terminal.size()
    }

    /// Draws one frame of the app, with what drawing keeps between frames.
    pub fn draw(&mut self, app: &App, state: &mut view::RenderState) -> io::Result<()> {
        self.terminal
            .draw(|frame| view::draw(app, state, frame))
            .map(|_| ())
    }

    /// Forgets what is on the screen, so that the next frame is drawn whole (after the
    /// terminal was handed back to the shell and taken again).
    pub fn clear(&mut self) -> io::Result<()> {
        // Not `Terminal::clear`: it asks the terminal where the cursor is and fails when no
        // answer comes (a terminal that does not answer, or one busy after a resume).
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // Whatever is left of a frame goes out before the terminal is restored, not after.
        let _ = self.terminal.backend_mut().flush();
        restore();
    }
}

/// Raw mode, alternate screen, bracketed paste and focus events, and mouse events if asked:
/// on start, and again when the process is continued after a suspend.
pub fn reenter(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableBracketedPaste,
        EnableFocusChange
    )?;
    if mouse {
        execute!(stdout(), EnableMouseCapture)?;
    }
    Ok(())
}

/// Leaves raw mode and the alternate screen, turns paste and focus reporting off and shows the
/// cursor. Safe to call more than once, and on a terminal that is gone.
pub fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableFocusChange,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// Puts `text` on the clipboard with the OSC 52 escape sequence, which most terminals (and
/// tmux with set-clipboard) honour, also over SSH; where it is not supported nothing happens.
pub fn copy_to_clipboard(text: &str) {
    use ratatui::crossterm::clipboard::CopyToClipboard;
    let _ = execute!(stdout(), CopyToClipboard::to_clipboard_from(text));
}

/// On a panic of the main thread, writes the last snapshot of the text first (through the
/// guardian), then restores the terminal (if the full-screen app has it) so that the message
/// is readable. A panic of another
/// thread (a background job) does not end the app, so it leaves the terminal alone.
pub fn install_panic_hook(guardian: super::guardian::Guardian) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let main = std::thread::current().name() == Some("main");
        if main {
            guardian.on_panic();
            guardian.release_terminal();
        }
        // A panic message can quote the text it was working on (a string slice out of bounds
        // shows the string): one with a control character in it is printed escaped instead.
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str));
        match message {
            Some(message) if message.contains(crate::output::needs_escape) => {
                let at = info.location().map(|l| format!(" at {l}")).unwrap_or_default();
                crate::output::say(format_args!("ownup panicked{at}:\n{message}"));
            }
            _ => previous(info),
        }
        if !main {
            // The message was printed over the screen: draw it all again.
            guardian.request_redraw();
        }
    }));
}
