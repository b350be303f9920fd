#!/usr/bin/env python3
"""Start-up, keystrokes and memory side by side with dialog and whiptail (issue 3, issue 9).

In a pty of 80x24, started the same way (same environment, the window size set before
exec), in paired rounds (each round starts every tool once, in an order that rotates;
one untimed round first):
  - start-up: from fork to the first screen fully painted: the arrival of the last byte
    that changes what the screen shows (text, erasing, cursor movement; not modes such as
    keypad or bracketed paste, nor colours alone) in the first output that holds the
    screen's marker text, after which the output stays quiet for 50 ms;
  - per keystroke, in the first KEY_ROUNDS rounds: 40 letters typed one at a time into
    the first text field; the time to the first byte written back, and the bytes written
    until the terminal is quiet for 30 ms;
  - peak memory: VmHWM of the process in the pty, read from /proc/PID/status just before
    it is stopped (after the first paint; after the 40 letters in the keystroke rounds);
  - page faults and CPU time of the process (wait4), and the CPU time it had used when its
    first screen had settled (/proc/PID/schedstat), as supporting evidence less disturbed
    by other processes than wall-clock time.
Each program's executable and libraries are first dropped from the page cache and read back
by the untimed round, so all come from the disk the same way: a file just written (a fresh
link, an install) sits in the cache in large folios, which fault in many pages at once and
would flatter whichever program was written last.
Targets (issue 18): start-up at most 1.5 times dialog's (median of the paired ratios
monban/dialog <= 1.5) and no more bytes per keystroke than dialog (medians).

Usage: bench/startup.py MONBAN_BINARY DATABASE [ROUNDS] [--json PATH] [--compare NAME=BINARY ...]
--compare adds another build of monban to the same paired rounds (a variant measured against
the shipped one: docs/decisions/0001-startup-machinery-removed.md); the targets are judged
on MONBAN_BINARY alone.
Exit status: 0 PASS, 1 FAIL, 2 cannot run.
"""
import fcntl, json, os, pty, select, shutil, signal, statistics, struct, subprocess, sys, termios, time

from pagecache import drop_from_page_cache

COLS, ROWS = 80, 24
KEYS = 40
KEY_ROUNDS = 3
QUIET_PAINT = 0.05
QUIET_KEY = 0.03
# monban's start-up against dialog's, median of the paired ratios (issue 18): an ordinary
# PIE Swift binary with its standard library linked in, under 6 ms here: instant to a person.
START_TARGET = 1.5


def spawn(argv, env):
    pid, fd = pty.fork()
    if pid == 0:
        try:
            # The size is set before exec, so no tool can ask before it is there.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


# Final bytes of CSI sequences that change what the screen shows: cursor movement, erasing,
# inserting, deleting, scrolling. SGR (m), modes (h/l), scroll regions (r) and the like only
# prepare what follows, except showing or hiding the cursor (?25h, ?25l).
DISPLAY_CSI = set(b"@ABCDEFGHJKLMPSTXdf`")


def display_bytes(data):
    """Flags, per byte of `data` (terminal output), whether it changes what the screen shows:
    printable text, the control characters that move the cursor, and the sequences in
    DISPLAY_CSI; mode settings (keypad, bracketed paste, mouse), colours and character
    sets alone change nothing on the screen."""
    flags = bytearray(len(data))
    i, n = 0, len(data)
    while i < n:
        b = data[i]
        if b == 0x1B and i + 1 < n:
            kind = data[i + 1]
            if kind == ord("["):
                j = i + 2
                while j < n and not (0x40 <= data[j] <= 0x7E):
                    j += 1
                if j < n:
                    final = data[j]
                    private = data[i + 2:i + 3] == b"?"
                    if (final in DISPLAY_CSI and not private) or (private and data[i + 3:j] == b"25" and final in b"hl"):
                        flags[i:j + 1] = b"\x01" * (j + 1 - i)
                i = j + 1
            elif kind == ord("]"):
                j = i + 2
                while j < n and data[j] != 0x07 and data[j:j + 2] != b"\x1b\\":
                    j += 1
                i = j + 1
            elif kind in b"()*+":
                i += 3
            else:
                if kind == ord("8"):  # restore cursor
                    flags[i:i + 2] = b"\x01\x01"
                i += 2
        elif b >= 0x20 or b in b"\r\n\b\t":
            flags[i] = 1
            i += 1
        else:
            i += 1
    return flags


def first_screen(fd, marker, start, timeout=10.0):
    """Reads until `marker` has arrived and the output has then been quiet for QUIET_PAINT
    seconds. Returns the seconds from `start` to the last byte of that output that changed
    what the screen shows (the first screen is then complete), and to the marker."""
    chunks, seen = [], None
    buf = b""
    while True:
        wait = QUIET_PAINT if seen is not None else timeout - (time.perf_counter() - start)
        if wait <= 0:
            raise TimeoutError(marker.decode())
        r, _, _ = select.select([fd], [], [], wait)
        if not r:
            if seen is None:
                raise TimeoutError(marker.decode())
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            chunk = b""
        if not chunk:
            raise RuntimeError("the program ended before painting: " + buf[-300:].decode(errors="replace"))
        now = time.perf_counter()
        chunks.append((len(buf), now))
        buf += chunk
        if seen is None and marker in buf:
            seen = now
    flags = display_bytes(buf)
    last_display = max(i for i, f in enumerate(flags) if f)
    painted = max(t for offset, t in chunks if offset <= last_display)
    return painted - start, seen - start


def quiet_bytes(fd, quiet):
    """Bytes that arrive until the terminal is quiet for `quiet` seconds."""
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


def keystrokes(fd):
    """Types KEYS letters one at a time: per key, seconds to the first byte back, and bytes."""
    times, sizes = [], []
    for i in range(KEYS):
        os.write(fd, b"abcdefghij"[i % 10:i % 10 + 1])
        t0 = time.perf_counter()
        r, _, _ = select.select([fd], [], [], 2.0)
        if not r:
            continue
        first = time.perf_counter() - t0
        chunk = os.read(fd, 65536)
        times.append(first)
        sizes.append(len(chunk) + quiet_bytes(fd, QUIET_KEY))
    return times, sizes


def cpu_ns(pid):
    """Time the process has run on a CPU, in ns (/proc/PID/schedstat), from fork on."""
    try:
        with open(f"/proc/{pid}/schedstat") as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def vm_hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def run_once(argv, marker, env, keys):
    t0 = time.perf_counter()
    pid, fd = spawn(argv, env)
    result = {}
    try:
        result["start"], result["marker"] = first_screen(fd, marker, t0)
        result["settled_cpu"] = cpu_ns(pid)
        if keys:
            result["key_times"], result["key_bytes"] = keystrokes(fd)
        result["hwm"] = vm_hwm_kib(pid)
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        _, _, usage = os.wait4(pid, 0)
        os.close(fd)
    result["faults"] = usage.ru_minflt
    result["cpu"] = usage.ru_utime + usage.ru_stime
    return result


def quartiles(values):
    if len(values) < 2:
        return values[0], values[0]
    q = statistics.quantiles(values, n=4)
    return q[0], q[2]


def files_of(executable):
    """The executable and the shared libraries it loads (ldd)."""
    files = [executable]
    try:
        out = subprocess.run(["ldd", executable], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return files
    for line in out.splitlines():
        parts = line.split()
        path = parts[2] if len(parts) > 2 and parts[1] == "=>" else parts[0] if parts else ""
        if path.startswith("/"):
            files.append(os.path.realpath(path))
    return files


def main():
    args = sys.argv[1:]
    json_path = None
    if "--json" in args:
        i = args.index("--json")
        json_path = args[i + 1]
        del args[i:i + 2]
    variants = []
    while "--compare" in args:
        i = args.index("--compare")
        name, _, path = args[i + 1].partition("=")
        variants.append((name, path))
        del args[i:i + 2]
    if len(args) < 2:
        print(__doc__)
        return 2
    monban, db = args[0], args[1]
    rounds = int(args[2]) if len(args) > 2 else 20
    if rounds < 20:
        print("startup.py: at least 20 rounds (issue 9)", file=sys.stderr)
        return 2
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", SWIFT_BACKTRACE="enable=no")
    env.pop("NO_COLOR", None)
    env.pop("LC_ALL", None)
    # Every program by its absolute path: execve once, no search along PATH for any of them.
    tools = [("monban", [os.path.abspath(monban), "--db", db], "パスワードを忘れた方".encode())]
    tools += [(name, [os.path.abspath(path), "--db", db], "パスワードを忘れた方".encode()) for name, path in variants]
    for name in ("dialog", "whiptail"):
        path = shutil.which(name)
        if path:
            tools.append((name, [os.path.realpath(path), "--inputbox", "メールアドレス", "10", "60"], "メールアドレス".encode()))
    if len(tools) < 2:
        print("startup.py: dialog is not installed (apt-get install dialog whiptail)", file=sys.stderr)
        return 2

    runs = {name: [] for name, _, _ in tools}
    try:
        drop_from_page_cache(sorted({f for _, argv, _ in tools for f in files_of(argv[0])}))
        for _, argv, marker in tools:  # untimed: every binary and its libraries in the page cache
            run_once(argv, marker, env, keys=False)
        for r in range(rounds):
            order = tools[r % len(tools):] + tools[:r % len(tools)]
            for name, argv, marker in order:
                runs[name].append(run_once(argv, marker, env, keys=r < KEY_ROUNDS))
    except (TimeoutError, RuntimeError) as e:
        print(f"startup.py: cannot run: {e}", file=sys.stderr)
        return 2

    summary = {}
    base = runs.get("dialog")
    for name, _, _ in tools:
        rs = runs[name]
        starts = [x["start"] * 1000 for x in rs]
        kt = [t * 1000 for x in rs for t in x.get("key_times", [])]
        kb = [b for x in rs for b in x.get("key_bytes", [])]
        s = {
            "start_ms": statistics.median(starts),
            "start_p25_ms": quartiles(starts)[0],
            "start_p75_ms": quartiles(starts)[1],
            "start_min_ms": min(starts),
            "start_max_ms": max(starts),
            "marker_ms": statistics.median([x["marker"] * 1000 for x in rs]),
            "key_ms": statistics.median(kt) if kt else None,
            "key_bytes": statistics.median(kb) if kb else None,
            "key_bytes_mean": statistics.mean(kb) if kb else None,
            "hwm_start_kib": statistics.median([x["hwm"] for x in rs if "key_times" not in x] or [x["hwm"] for x in rs]),
            "hwm_keys_kib": statistics.median([x["hwm"] for x in rs if "key_times" in x]) if any("key_times" in x for x in rs) else None,
            "settled_cpu_ms": statistics.median([x["settled_cpu"] / 1e6 for x in rs if x.get("settled_cpu") is not None] or [0]),
            "faults": statistics.median([x["faults"] for x in rs]),
            "cpu_ms": statistics.median([x["cpu"] * 1000 for x in rs]),
        }
        if base is not None:
            ratios = [a["start"] / b["start"] for a, b in zip(rs, base)]
            s["start_ratio"] = statistics.median(ratios)
            s["start_ratio_p25"], s["start_ratio_p75"] = quartiles(ratios)
            s["start_ratio_of_medians"] = s["start_ms"] / statistics.median([x["start"] * 1000 for x in base])
        summary[name] = s

    d = summary["dialog"]
    print(f"start-up to the first painted screen, pty {COLS}x{ROWS}, {rounds} paired rounds"
          f" (keystrokes: {KEYS} letters in each of the first {KEY_ROUNDS} rounds)")
    print(f"  {'':9s} {'start median':>12s} {'p25-p75':>13s} {'ratio':>6s} {'(p25-p75)':>11s}"
          f" {'per key':>8s} {'ratio':>6s} {'bytes':>6s} {'ratio':>6s} {'VmHWM':>9s} {'after keys':>10s} {'faults':>6s} {'cpu':>7s} {'cpu@paint':>9s}")
    for name, s in summary.items():
        kt = f"{s['key_ms']:6.3f}ms" if s["key_ms"] is not None else "      - "
        ktr = f"{s['key_ms'] / d['key_ms']:6.2f}" if s["key_ms"] is not None and d["key_ms"] else "     -"
        kb = f"{s['key_bytes']:6.0f}" if s["key_bytes"] is not None else "     -"
        kbr = f"{s['key_bytes'] / d['key_bytes']:6.2f}" if s["key_bytes"] is not None and d["key_bytes"] else "     -"
        hk = f"{s['hwm_keys_kib'] / 1024:7.1f}MiB" if s["hwm_keys_kib"] else "         -"
        print(f"  {name:9s} {s['start_ms']:9.2f} ms {s['start_p25_ms']:5.2f}-{s['start_p75_ms']:5.2f}ms"
              f" {s['start_ratio']:6.3f} ({s['start_ratio_p25']:4.2f}-{s['start_ratio_p75']:4.2f})"
              f" {kt} {ktr} {kb} {kbr} {s['hwm_start_kib'] / 1024:6.1f}MiB {hk} {s['faults']:6.0f} {s['cpu_ms']:5.2f}ms {s['settled_cpu_ms']:7.2f}ms")
    m = summary["monban"]
    start_ok = m["start_ratio"] <= START_TARGET
    bytes_ok = m["key_bytes"] is not None and d["key_bytes"] is not None and m["key_bytes"] <= d["key_bytes"]
    ok = start_ok and bytes_ok
    print(f"targets (issue 18): start-up ratio to dialog <= {START_TARGET} (median of {rounds} paired ratios: {m['start_ratio']:.3f};"
          f" ratio of medians {m['start_ratio_of_medians']:.3f})"
          f" {'PASS' if start_ok else 'FAIL'}; bytes per keystroke <= dialog's ({m['key_bytes']:.0f} B vs"
          f" {d['key_bytes']:.0f} B) {'PASS' if bytes_ok else 'FAIL'}: {'PASS' if ok else 'FAIL'}")
    if json_path:
        with open(json_path, "w") as f:
            json.dump({"start_target": START_TARGET, "rounds": rounds, "keys": KEYS, "key_rounds": KEY_ROUNDS, "cols": COLS, "rows": ROWS,
                       "tools": summary, "pass": ok, "start_pass": start_ok, "bytes_pass": bytes_ok}, f, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
