#!/usr/bin/env python3
"""Writes bench/RESULTS.md from one `make bench` run (issue 9).

Usage: bench/results.py LOG_DIRECTORY > bench/RESULTS.md
The directory holds what `make bench` saved: signin.txt (monban-bench), userlist.txt
(monban-bench userlist), memory.txt (bench/userlist_memory.py), startup.json and
startup.txt (bench/startup.py), status.txt (one "name exit-status" line per step) and
load.txt (the load averages before and after).
"""
import datetime, json, os, platform, re, subprocess, sys


def read(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return ""


def cpu_model():
    for line in read("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def swift_version():
    try:
        out = subprocess.run(["swift", "--version"], capture_output=True, text=True, timeout=60).stdout
        return out.splitlines()[0].strip() if out else "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def between_dashes(text):
    """The summary monban-bench prints between two lines of dashes."""
    lines = text.splitlines()
    marks = [i for i, l in enumerate(lines) if re.fullmatch(r"-{20,}", l.strip())]
    if len(marks) >= 2:
        return [l for l in lines[marks[0] + 1:marks[1]] if l.strip()]
    return [l for l in lines if l.strip()][-8:]


def fmt(v, pattern="{:.2f}"):
    return "–" if v is None else pattern.format(v)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = sys.argv[1]
    status = dict(l.split(None, 1) for l in read(os.path.join(d, "status.txt")).splitlines() if l.strip())
    load = read(os.path.join(d, "load.txt")).strip().splitlines()
    startup = {}
    try:
        startup = json.loads(read(os.path.join(d, "startup.json")) or "{}")
    except json.JSONDecodeError:
        pass

    out = []
    w = out.append
    now = datetime.datetime.now(datetime.timezone.utc).astimezone()
    w("# Benchmark results")
    w("")
    w(f"Written by `make bench` on {now.strftime('%Y-%m-%d %H:%M %Z')} (`bench/results.py`; how each figure is")
    w("measured: `bench/README.md`). Every figure below comes from that one run.")
    w("")
    w("## Machine")
    w("")
    w("| CPU | cores | kernel | Debian | Swift |")
    w("|---|---|---|---|---|")
    debian = read("/etc/debian_version").strip() or "unknown"
    w(f"| {cpu_model()} | {os.cpu_count()} | Linux {platform.release()} | {debian} | {swift_version()} |")
    if load:
        w("")
        w("Load average (1, 5, 15 min) " + "; ".join(load) + ". The machine is shared: other")
        w("processes run beside the benchmarks, which is why start-up is judged on paired rounds.")
    w("")

    w("## Start-up, keystrokes and memory, side by side (`bench/startup.py`)")
    w("")
    if startup.get("tools"):
        t = startup["tools"]
        dialog = t.get("dialog", {})
        w(f"pty {startup['cols']}×{startup['rows']}, {startup['rounds']} paired rounds (every program once per round, in an order")
        w(f"that rotates), {startup['keys']} letters typed into the first text field in each of the first")
        w(f"{startup['key_rounds']} rounds. Start-up: from fork to the first screen fully painted. Ratio: median of the")
        w("per-round ratios to dialog (25th–75th percentile in brackets). Every program's executable and")
        w("libraries were first dropped from the page cache and read back by one untimed round, so each")
        w("starts as it does after a reboot, not from a just-written file (bench/README.md).")
        w("")
        w("| program | start-up, median (p25–p75) | ratio to dialog | per keystroke | ratio | bytes per keystroke | ratio | peak memory (VmHWM) at first paint | after 40 keys | page faults | CPU time (to the screen settled) |")
        w("|---|---|---|---|---|---|---|---|---|---|---|")
        for name, s in t.items():
            kt = s.get("key_ms")
            kb = s.get("key_bytes")
            ktr = kt / dialog["key_ms"] if kt is not None and dialog.get("key_ms") else None
            kbr = kb / dialog["key_bytes"] if kb is not None and dialog.get("key_bytes") else None
            w(f"| {name} | {s['start_ms']:.2f} ms ({s['start_p25_ms']:.2f}–{s['start_p75_ms']:.2f}) "
              f"| {s['start_ratio']:.3f} ({s['start_ratio_p25']:.2f}–{s['start_ratio_p75']:.2f}) "
              f"| {fmt(kt, '{:.3f}')} ms | {fmt(ktr)} | {fmt(kb, '{:.0f}')} B | {fmt(kbr)} "
              f"| {s['hwm_start_kib'] / 1024:.1f} MiB | {fmt(s['hwm_keys_kib'] / 1024 if s.get('hwm_keys_kib') else None, '{:.1f}')} MiB "
              f"| {s['faults']:.0f} | {s['cpu_ms']:.2f} ms ({s.get('settled_cpu_ms', 0):.2f} ms) |")
        m = t["monban"]
        w("")
        w(f"Targets (issue 18): monban's start-up at most {startup.get('start_target', 1.5)} times dialog's"
          f" — median ratio {m['start_ratio']:.3f}"
          f" (ratio of the medians {m['start_ratio_of_medians']:.3f}): **{'PASS' if startup['start_pass'] else 'FAIL'}**;"
          f" no more bytes per keystroke than dialog — {m['key_bytes']:.0f} B against {dialog['key_bytes']:.0f} B:"
          f" **{'PASS' if startup['bytes_pass'] else 'FAIL'}**.")
        w("")
        w("Page faults and CPU time are the process's own (wait4), from fork to its end, including the")
        w("part of the fork before exec that belongs to the harness; in brackets, the CPU time it had")
        w("used when its first screen had settled (/proc/PID/schedstat). They are supporting evidence,")
        w("less disturbed by other processes than wall-clock time. Peak memory is VmHWM from")
        w("/proc/PID/status just before the program is stopped; it counts the file pages mapped: page")
        w("cache shared with every other process.")
    else:
        w("bench/startup.py did not run to the end; its output:")
        w("")
        w("```")
        w(read(os.path.join(d, "startup.txt")).strip() or "(nothing)")
        w("```")
    w("")

    w("## Sign-in engine (`monban-bench`, issue 2)")
    w("")
    w("```")
    w("\n".join(between_dashes(read(os.path.join(d, "signin.txt")))) or "(did not run)")
    w("```")
    w("")
    w("## The SQLite file and PostgreSQL over loopback, side by side (`monban-bench stores`, issue 21)")
    w("")
    w("```")
    w("\n".join(between_dashes(read(os.path.join(d, "stores.txt")))) or "(did not run)")
    w("```")
    w("")
    w("## The user list with 1,000,000 people on both stores (`monban-bench userlist-stores`, issue 21)")
    w("")
    w("```")
    w("\n".join(between_dashes(read(os.path.join(d, "userlist-stores.txt")))) or "(did not run)")
    w("```")
    w("")
    w("## 管理コンソール user list and 操作ログ with 100,000 people (`monban-bench userlist`, issues 7 and 8)")
    w("")
    w("```")
    lines = [l for l in read(os.path.join(d, "userlist.txt")).splitlines() if l.strip()]
    w("\n".join(lines) or "(did not run)")
    w("```")
    w("")
    w("## The client's memory while browsing them (`bench/userlist_memory.py`)")
    w("")
    w("```")
    w(read(os.path.join(d, "memory.txt")).strip() or "(did not run)")
    w("```")
    w("")
    if status:
        failed = [f"{k} (exit {v})" for k, v in status.items() if v.strip() != "0"]
        w("Exit status of each step: " + ", ".join(f"{k} {v}" for k, v in status.items())
          + (". Failed: " + ", ".join(failed) + "." if failed else "; all passed their targets."))
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
