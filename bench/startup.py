#!/usr/bin/env python3
"""Start-up and keystroke benchmark through a real pty of 80x24 (issue 3, issue 9).

Runs monban's client and `dialog --inputbox` (and `whiptail --inputbox` when present)
the same way, in paired rounds, and reports:
  - time from fork to the first painted screen (median of the rounds),
  - time and bytes written to the terminal per keystroke typed into a text field.
Usage: bench/startup.py MONBAN_BINARY DATABASE [ROUNDS]
"""
import os, pty, select, signal, statistics, struct, sys, time, fcntl, termios

COLS, ROWS = 80, 24


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    return pid, fd


def read_until(fd, marker, timeout=10.0):
    """Reads until `marker` (bytes) has appeared; returns (seconds, bytes read)."""
    start = time.perf_counter()
    buf = b""
    while marker not in buf:
        left = timeout - (time.perf_counter() - start)
        if left <= 0:
            raise TimeoutError(marker)
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            buf += chunk
    return time.perf_counter() - start, buf


def drain(fd, quiet=0.05):
    """Reads whatever arrives until the terminal is quiet for `quiet` seconds."""
    n = 0
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return n
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return n
        if not chunk:
            return n
        n += len(chunk)


def keystrokes(fd, count=40):
    """Types `count` letters one at a time; per key: seconds until the first
    output byte and until the terminal is quiet, and bytes written."""
    times, sizes = [], []
    for i in range(count):
        os.write(fd, b"abcdefghij"[i % 10:i % 10 + 1])
        t0 = time.perf_counter()
        r, _, _ = select.select([fd], [], [], 2.0)
        if not r:
            continue
        first = time.perf_counter() - t0
        chunk = os.read(fd, 65536)
        n = len(chunk) + drain(fd, 0.03)
        times.append(first)
        sizes.append(n)
    return times, sizes


def stop(pid, fd):
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def measure(name, argv, marker, env, rounds, keys):
    starts, ktimes, kbytes = [], [], []
    for i in range(rounds):
        t0 = time.perf_counter()
        pid, fd = spawn(argv, env)
        try:
            elapsed, _ = read_until(fd, marker)
            starts.append(time.perf_counter() - t0)
            drain(fd, 0.05)
            if keys and i < 3:
                t, b = keystrokes(fd)
                ktimes += t
                kbytes += b
        finally:
            stop(pid, fd)
    return starts, ktimes, kbytes


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    monban, db = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", SWIFT_BACKTRACE="enable=no")
    env.pop("NO_COLOR", None)
    tools = [("monban", [monban, "--db", db], "パスワードを忘れた方".encode())]
    if any(os.access(os.path.join(p, "dialog"), os.X_OK) for p in os.environ.get("PATH", "").split(":")):
        tools.append(("dialog", ["dialog", "--inputbox", "メールアドレス", "10", "60"], "メールアドレス".encode()))
    if any(os.access(os.path.join(p, "whiptail"), os.X_OK) for p in os.environ.get("PATH", "").split(":")):
        tools.append(("whiptail", ["whiptail", "--inputbox", "メールアドレス", "10", "60"], "メールアドレス".encode()))
    results = {name: ([], [], []) for name, _, _ in tools}
    # Paired rounds: each round starts every tool once, in turn.
    for r in range(rounds):
        for name, argv, marker in tools:
            s, t, b = measure(name, argv, marker, env, 1, keys=(r < 3))
            results[name][0].extend(s)
            results[name][1].extend(t)
            results[name][2].extend(b)
    print(f"start-up to first painted screen, pty {COLS}x{ROWS}, median of {rounds} paired runs")
    base = statistics.median(results["dialog"][0]) if "dialog" in results else None
    ok = True
    for name, (s, t, b) in results.items():
        med = statistics.median(s) * 1000
        ratio = f"  ratio to dialog {med / (base * 1000):.2f}" if base else ""
        kt = f"{statistics.median(t) * 1000:.2f} ms" if t else "-"
        kb = f"{statistics.median(b):.0f} B" if b else "-"
        print(f"  {name:9s} start {med:7.2f} ms{ratio}   per keystroke {kt}, {kb}")
    m = results["monban"]
    if m[1] and statistics.median(m[1]) * 1000 > 2.0:
        ok = False
    if m[2] and statistics.median(m[2]) > 64:
        ok = False
    if base and statistics.median(m[0]) > 1.5 * base:
        ok = False
    print("targets (start <= 1.5x dialog, keystroke < 2 ms and < 64 B):", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
