#!/usr/bin/env python3
"""Defers CoreFoundation's static constructor in a linked release binary (issue 9).

`__CFInitialize` sets CoreFoundation up for Foundation. As a static constructor it runs
before `main` and costs ≈ 0.15 ms of the client's start-up (≈ 40 page faults), though the
first screen uses nothing of CoreFoundation. This moves it: its `.init_array` entry is
pointed at `monban_deferred_nothing` and its address goes into the slot
`monban_deferred_constructor` (Sources/CDeferredInit), which the client runs right after
its first paint and every other entry point first thing (`monban_run_deferred_initialisers`).

It also drops the Swift runtime's argv grabber (`_GLOBAL__sub_I_CommandLine.cpp`, which
opens and parses /proc/self/maps at every start to find the stack) when the binary's first
constructor, `monban_capture_arguments` (Sources/CDeferredInit), hands argc and argv to the
runtime itself.

Only a non-PIE executable (the default `make release`): there the entries are plain
addresses in the file. Anything unexpected leaves the binary as it is, with a message, so
the constructor keeps running at load. Running it again on a moved binary changes nothing.

Usage: bench/defer_constructor.py BINARY          move it (idempotent)
       bench/defer_constructor.py --check BINARY  exit 0 when it is moved, 1 when not
"""
import os, struct, subprocess, sys, tempfile

CONSTRUCTOR = "__CFInitialize"
GRABBER = "_GLOBAL__sub_I_CommandLine.cpp"
CAPTURE = "monban_capture_arguments"


def run(*argv):
    return subprocess.run(argv, capture_output=True, text=True, check=True).stdout


def main():
    args = sys.argv[1:]
    check = args[:1] == ["--check"]
    if check:
        args = args[1:]
    if len(args) != 1:
        print(__doc__)
        return 2
    path = args[0]
    leave = lambda why: print(f"defer_constructor: {why}; {CONSTRUCTOR} stays a static constructor") or (1 if check else 0)
    try:
        header = run("readelf", "-hW", path)
        sections = run("readelf", "-SW", path)
        segments = run("readelf", "-lW", path)
        symbols = run("nm", "--defined-only", path)
    except (OSError, subprocess.CalledProcessError) as e:
        return leave(f"cannot read {path} ({e})")
    if "EXEC (Executable file)" not in header:
        return leave("not a fixed-address executable (PIE)")

    address = {}
    for line in symbols.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[2] in (CONSTRUCTOR, "monban_deferred_nothing", "monban_deferred_constructor", GRABBER, CAPTURE):
            address.setdefault(parts[2], []).append(int(parts[0], 16))
    def once(name):
        """The address of `name`, or None unless it is defined exactly once."""
        found = address.get(name, [])
        return found[0] if len(found) == 1 else None

    ctor, nothing, slot = (once(n) for n in (CONSTRUCTOR, "monban_deferred_nothing", "monban_deferred_constructor"))
    if None in (ctor, nothing, slot):
        return leave("the symbols are not there exactly once")

    loads = []
    for line in segments.splitlines():
        parts = line.split()
        if parts and parts[0] == "LOAD":
            offset, vaddr, filesz = int(parts[1], 16), int(parts[2], 16), int(parts[4], 16)
            loads.append((vaddr, offset, filesz))

    def file_offset(vaddr, size):
        for start, offset, filesz in loads:
            if start <= vaddr and vaddr + size <= start + filesz:
                return offset + vaddr - start
        return None

    init = None
    for line in sections.splitlines():
        parts = line.replace("[ ", "[").split()
        if len(parts) > 6 and parts[1] == ".init_array":
            init = (int(parts[3], 16), int(parts[5], 16))
    if init is None or init[1] % 8:
        return leave("no .init_array")
    init_offset, slot_offset = file_offset(init[0], init[1]), file_offset(slot, 8)
    if init_offset is None or slot_offset is None:
        return leave("the table or the slot is not in the file")

    data = bytearray(open(path, "rb").read())
    entries = [struct.unpack_from("<Q", data, init_offset + 8 * i)[0] for i in range(init[1] // 8)]
    current = struct.unpack_from("<Q", data, slot_offset)[0]
    moved = current == ctor and ctor not in entries
    # The grabber is dropped only where the binary's own first constructor replaces it.
    grabber, capture = once(GRABBER), once(CAPTURE)
    replaces_grabber = grabber is not None and capture is not None and entries[:1] == [capture]
    dropped = not replaces_grabber or grabber not in entries
    done = (f"defer_constructor: {CONSTRUCTOR} runs after the first paint"
            + ("; the runtime's argv grabber is replaced" if replaces_grabber else ""))
    if moved and dropped:
        print(done)
        return 0
    if check:
        return leave("not moved" if not moved else f"{GRABBER} still runs")
    if not moved and (entries.count(ctor) != 1 or current != nothing):
        return leave("the constructor table is not as expected")
    if not dropped and entries.count(grabber) != 1:
        return leave("the argv grabber is not in the table exactly once")
    if not moved:
        struct.pack_into("<Q", data, init_offset + 8 * entries.index(ctor), nothing)
        struct.pack_into("<Q", data, slot_offset, ctor)
    if not dropped:
        struct.pack_into("<Q", data, init_offset + 8 * entries.index(grabber), nothing)
    mode = os.stat(path).st_mode
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)))
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(tmp, mode & 0o7777)
    os.replace(tmp, path)
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
