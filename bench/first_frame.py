#!/usr/bin/env python3
"""Time from starting `ownup` in a pseudo-terminal to its first frame showing the session list.

usage: first_frame.py OWNUP_BINARY OWNUP_HOME [RUNS]

With COLOUR=light or COLOUR=dark in the environment, ownup runs in colour (NO_COLOR unset),
and the pty answers its background query (OSC 10/11 and DA1) at once, as a local terminal
does: the time then includes asking the terminal for its background (the `auto` theme).

Runs the real binary in an 80x24 pty with the given OWNUP_HOME, reads its output until the
first month heading of the list is drawn, then quits it with q. Prints each run in milliseconds
and the median. The last run then also waits for the whole list to be read and reports the
resident memory (VmRSS) on the home screen, then searches for "e" (a word beginning in nearly
every session) and reports it again.
"""
import fcntl, os, pty, re, select, statistics, struct, sys, termios, time

# The list is on screen once a month heading is (it is drawn only when the sessions are loaded).
MONTH = re.compile(rb"(January|February|March|April|May|June|July|August|September|October|November|December) \d{4}")

def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")

def drain(fd, seconds):
    """Reads the pty for `seconds`, returning what came."""
    seen = b""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen

def settle(fd, pattern, limit=60):
    """Reads until `pattern` has been seen and the screen has been quiet for a second."""
    seen = b""
    end = time.perf_counter() + limit
    while time.perf_counter() < end:
        chunk = drain(fd, 1.0)
        seen += chunk
        if not chunk and pattern.search(seen):
            return True
    return False

COLOUR = os.environ.get("COLOUR")

def answers(chunk):
    """What a terminal with a light or dark background answers to the queries in `chunk`."""
    bg, fg = ("ffff/ffff/ffff", "0000/0000/0000") if COLOUR == "light" else ("0000/0000/0000", "ffff/ffff/ffff")
    out = b""
    for m in re.finditer(rb"\x1b\](1[01]);\?|\x1b\[c", chunk):
        if m.group(0) == b"\x1b[c":
            out += b"\x1b[?62;22c"
        else:
            out += b"\x1b]" + m.group(1) + b";rgb:" + (fg if m.group(1) == b"10" else bg).encode() + b"\x1b\\"
    return out

def one_run(binary, home, memory=False):
    env = dict(os.environ, OWNUP_HOME=home, NO_COLOR="1", TERM="xterm-256color")
    if COLOUR:
        del env["NO_COLOR"]
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(binary, [binary], env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    seen = b""
    elapsed = None
    deadline = start + 20
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen += chunk
        if COLOUR:
            reply = answers(chunk)
            if reply:
                os.write(fd, reply)
        if MONTH.search(seen):
            elapsed = time.perf_counter() - start
            break
    # A resume offer may be open: Esc closes it, q quits.
    os.write(fd, b"\x1b")
    time.sleep(0.05)
    if memory and elapsed is not None:
        # The whole list has been read once the count of sessions is in the heading.
        settle(fd, re.compile(rb"Sessions \("))
        home_rss = rss_mb(pid)
        os.write(fd, b"/e")
        settle(fd, re.compile(rb"of \d+"))
        print(f"home screen RSS {home_rss:.0f} MB; after searching 'e' {rss_mb(pid):.0f} MB")
        os.write(fd, b"\x1b")
        time.sleep(0.05)
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    os.close(fd)
    if elapsed is None:
        sys.exit("the session list never appeared")
    return elapsed * 1000

def main():
    binary, home = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    times = [one_run(binary, home, memory=(i == runs - 1)) for i in range(runs)]
    print("first frame (ms): " + ", ".join(f"{t:.0f}" for t in times) + f"; median {statistics.median(times):.0f}")

main()
