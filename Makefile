# monban — set-up and everyday commands. Each target installs what it needs
# (Debian packages through apt-get) before it builds.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Swift's crash reporter would take over the terminal; kiosks and tests run without it.
export SWIFT_BACKTRACE := enable=no

# libpq5: the PostgreSQL client library, loaded on first use like libcurl (Sources/CLibPQ
# declares what it uses, so no libpq-dev); packaging/build-deb.sh needs it installed to name
# it in the package's Depends (issue 21).
DEBS_BUILD := libncursesw5-dev libsqlite3-dev libssl-dev libqrencode-dev libcurl4-openssl-dev libldap-dev libpq5 python3 binutils
# The Debian package (make deb): dpkg-deb and lintian. Its tests in make test also install it
# (adduser), check the units (systemd: systemd-analyze), complete in bash (bash-completion),
# zsh and fish, and open the man pages (man-db).
DEBS_DEB := dpkg-dev lintian
DEBS_PACKAGE := $(DEBS_DEB) adduser systemd bash-completion zsh fish man-db
# Test servers the tests start themselves on loopback: an OpenID provider (Authlib, Flask),
# a Samba Active Directory domain controller, an SMTP server (aiosmtpd) and PostgreSQL
# (postgresql: initdb and pg_ctl for a throwaway cluster, Tests/TestSupport/TestPostgres.swift;
# issue 21 item 6).
DEBS_TEST  := $(DEBS_BUILD) tmux zbar-tools oathtool curl openssl python3-flask python3-authlib \
              samba samba-dsdb-modules samba-ad-provision python3-aiosmtpd postgresql $(DEBS_PACKAGE)

# The release binary (issue 18): what `swift build -c release` makes with these supported
# flags, and nothing done to it after the link.
# - The Swift standard library and Foundation linked in (--static-swift-stdlib): the binary
#   needs no Swift runtime installed. The system's libraries stay shared (libc, libm,
#   libsqlite3, libncursesw, libtinfo, libstdc++, libgcc_s: `readelf -d`), so their security
#   updates apply without a rebuild, and a machine without one refuses to start, saying which.
# - Position-independent (SwiftPM's default on Linux: `readelf -h` says DYN), so the
#   executable's own addresses are randomised like everything else's.
# - Full RELRO: every symbol bound at load (-z now; `readelf -d` shows BIND_NOW), after which
#   the relocated tables are made read-only (-z relro).
# - Its own symbols not exported (--no-export-dynamic): nothing loads into monban, and
#   Swift's backtracer set-up walks fewer symbols at every start.
# - No $ORIGIN run path (--disable-local-rpath): the loader does not search the build folder.
# libcurl, libldap and libqrencode, which serve optional features, are loaded on first use
# (Sources/CLazyLoader); crypto is swift-crypto's, linked in. Start-up is measured side by
# side with dialog by `make bench` (bench/startup.py, bench/RESULTS.md). What was tried to
# make it faster, and why it was removed: docs/decisions/0001-startup-machinery-removed.md.
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath \
	-Xlinker --no-export-dynamic -Xlinker -z -Xlinker relro -Xlinker -z -Xlinker now
BIN_RELEASE = $(shell swift build $(RELEASE_FLAGS) --show-bin-path)/monban
DEMO_DB ?=

# Installs the Debian packages of $(1) that are missing (apt-get update first).
define ensure_debs
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  sudo=""; [ "$$(id -u)" -eq 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

.PHONY: help deps deps-test build release test demo kiosk bench screens torture fuzz clean install uninstall deb

help:
	@echo "make demo   — install what is missing, build, start monban on the demo database"
	@echo "make kiosk  — the same in kiosk mode (UI-6), on a demo database reset to its first state"
	@echo "make test   — install what is missing, build, run every test"
	@echo "make bench  — benchmarks (not part of the tests)"
	@echo "make screens — regenerate the storyboard captures in screens/"
	@echo "make torture — the crash-safety test at size: 2000 SIGKILLs (KILLS=N, WORKERS=N, SEED=N)"
	@echo "make fuzz    — the key fuzzer at size: 100,000 keys per screen (EVENTS=N, SEED=N, ONLY=testLogin)"
	@echo "make install — build, then install under PREFIX (/usr/local; DESTDIR honoured); make uninstall removes it"
	@echo "make deb     — build, then the Debian package in .build/deb (dpkg -i it; docs/operator-guide.md)"

deps:
	$(call ensure_debs,$(DEBS_BUILD))

deps-test:
	$(call ensure_debs,$(DEBS_TEST))

build: deps
	swift build

release: deps
	swift build $(RELEASE_FLAGS) --product monban

DEMO_PATH = $(or $(DEMO_DB),$${XDG_DATA_HOME:-$$HOME/.local/share}/monban/demo.sqlite3)

# Creates the demo database if absent, prints its accounts, then starts the client on it.
demo: release
	$(BIN_RELEASE) demo --db "$(DEMO_PATH)"
	@config="$$(dirname "$(DEMO_PATH)")/$$(basename "$(DEMO_PATH)" .sqlite3).config.toml"; \
	if [ -t 0 ] && [ -t 1 ]; then exec $(BIN_RELEASE) --db "$(DEMO_PATH)" --config "$$config"; \
	else echo "(no terminal: start the client with $(BIN_RELEASE) --db $(DEMO_PATH) --config $$config)"; fi

# Kiosk mode (UI-6) on the demo database, reset first: no way out but SIGTERM, Ctrl-C/Z/\\
# ignored, back to a clean login screen after [kiosk] idle_timeout (default 120 s).
# SWIFT_BACKTRACE=enable=no (exported above) keeps Swift's interactive crash reporter off.
kiosk: release
	$(BIN_RELEASE) demo --db "$(DEMO_PATH)" --reset
	@config="$$(dirname "$(DEMO_PATH)")/$$(basename "$(DEMO_PATH)" .sqlite3).config.toml"; \
	if [ -t 0 ] && [ -t 1 ]; then exec $(BIN_RELEASE) --kiosk --db "$(DEMO_PATH)" --config "$$config"; \
	else echo "(no terminal: start the kiosk with $(BIN_RELEASE) --kiosk --db $(DEMO_PATH) --config $$config)"; fi

# The generated sources are what their generators make of their committed inputs:
# the list of common passwords (PP-2) from scripts/data/10k-most-common.txt.
.PHONY: check-generated
check-generated:
	@python3 scripts/common-passwords.py | diff -u Sources/MonbanCommonPasswords/CommonPasswords.swift - \
	  && echo "Sources/MonbanCommonPasswords/CommonPasswords.swift is what scripts/common-passwords.py generates"
	@python3 scripts/requirements-index.py --check \
	  || { echo "docs/requirements.md is stale: run python3 scripts/requirements-index.py"; exit 1; }

# The end-to-end tests drive the release binary (as shipped); MONBAN_BIN tells them where it is.
# The crash-safety test kills monban-torture (the engine in a worker loop, not shipped), built beside it.
# The package tests (PackageTests) install that same binary with make install into a DESTDIR
# and build the .deb from it with packaging/build-deb.sh: nothing is built twice.
test: deps-test check-generated release
	swift build $(RELEASE_FLAGS) --product monban-torture
	swift build --build-tests
	MONBAN_BIN="$(BIN_RELEASE)" swift test --skip-build --disable-swift-testing
	# The engine's rules once more on PostgreSQL (ST-1: one suite, two stores), each test on a
	# database of its own in a throwaway cluster. Two classes read the SQLite file's own bytes.
	MONBAN_TEST_STORE=postgres swift test --skip-build --disable-swift-testing --filter MonbanCoreTests \
	  --skip OutboxSealTests --skip AuditAnchorTests
	# The client's flows end to end on PostgreSQL too (--db postgresql://…): sign-in with two-step,
	# lock and unlock link, reset, settings, the console.
	MONBAN_TEST_STORE=postgres MONBAN_BIN="$(BIN_RELEASE)" swift test --skip-build --disable-swift-testing \
	  --filter "ClientTerminalTests|TwoStepTerminalTests|SettingsTerminalTests|ConsoleTerminalTests"

# make install (PK-1, issue 22): the release binary stripped (its debug symbols in
# DEBUGDIR/BINDIR/monban.debug, found by gdb through .gnu_debuglink), man pages and completions
# generated from the binary's argument parser, the example config.toml and the systemd units.
# The build is the plain release build above; only the installed copy is stripped.
# make uninstall removes exactly what make install recorded in MANIFEST (same PREFIX and DESTDIR).
PREFIX ?= /usr/local
DESTDIR ?=
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share
MANDIR ?= $(DATADIR)/man
BASHCOMPDIR ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR ?= $(DATADIR)/zsh/site-functions
FISHCOMPDIR ?= $(DATADIR)/fish/vendor_completions.d
UNITDIR ?= $(PREFIX)/lib/systemd/system
EXAMPLESDIR ?= $(DATADIR)/doc/monban/examples
DEBUGDIR ?= $(PREFIX)/lib/debug
MANIFEST = $(DATADIR)/monban/installed-files
install: release
	@BIN="$(BIN_RELEASE)" DESTDIR="$(DESTDIR)" BINDIR="$(BINDIR)" MANDIR="$(MANDIR)" \
	  BASHCOMPDIR="$(BASHCOMPDIR)" ZSHCOMPDIR="$(ZSHCOMPDIR)" FISHCOMPDIR="$(FISHCOMPDIR)" UNITDIR="$(UNITDIR)" \
	  EXAMPLESDIR="$(EXAMPLESDIR)" DEBUGFILE="$(DEBUGDIR)$(BINDIR)/monban.debug" MANIFEST="$(MANIFEST)" \
	  packaging/install.sh

uninstall:
	@MANIFEST="$(MANIFEST)" DESTDIR="$(DESTDIR)" packaging/uninstall.sh

# The Debian packages (PK-1): .build/deb/monban_VERSION_ARCH.deb and its -dbgsym, built with
# dpkg-deb from the release binary, then checked with lintian (errors fail; docs/operator-guide.md
# lists the warnings left and why).
deb: release
	$(call ensure_debs,$(DEBS_DEB))
	@rm -f .build/deb/monban_*.deb .build/deb/monban-dbgsym_*.deb   # one version there: dpkg -i .build/deb/monban_*.deb
	@set -o pipefail; deb="$$(packaging/build-deb.sh "$(BIN_RELEASE)" "$(CURDIR)/.build/deb" | tail -1)" && \
	lintian --fail-on error "$$deb" "$$(dirname "$$deb")/monban-dbgsym_$${deb##*/monban_}" && echo "$$deb"

# Issue 9 at full size (the CI-sized runs are part of make test). The crash-safety test
# with 2000 SIGKILLs of the release workers; the printed MONBAN_TORTURE_SEED replays its choices.
KILLS ?= 2000
WORKERS ?= 4
torture: deps release
	swift build $(RELEASE_FLAGS) --product monban-torture
	swift build --build-tests
	MONBAN_BIN="$(BIN_RELEASE)" MONBAN_TORTURE_KILLS=$(KILLS) MONBAN_TORTURE_WORKERS=$(WORKERS) \
	  $(if $(SEED),MONBAN_TORTURE_SEED=$(SEED)) \
	  swift test --skip-build --disable-swift-testing --filter CrashSafetyTests/testSIGKILLedWorkersLeaveNoOperationHalfDone

# The key fuzzer with 100,000 keys per screen (make test: 2,000 with seed 2026), on a new
# seed each time unless SEED= is given; a failure prints how to replay it.
EVENTS ?= 100000
fuzz: deps
	swift build --build-tests
	MONBAN_FUZZ_EVENTS=$(EVENTS) MONBAN_FUZZ_SEED=$(or $(SEED),$$(( (RANDOM << 15) | RANDOM ))) \
	  swift test --skip-build --disable-swift-testing --filter KeyFuzzTests$(if $(ONLY),/$(ONLY))

# Every benchmark in one run, each step's output kept in .build/bench; bench/RESULTS.md is then
# written from them (machine, date, tables). Fails when any step misses its target, after
# writing RESULTS.md. STARTUP_ROUNDS: paired rounds of bench/startup.py (at least 20).
STARTUP_ROUNDS ?= 100
bench: deps release
	$(call ensure_debs,python3 dialog whiptail postgresql)
	swift build $(RELEASE_FLAGS) --product monban-bench
	@set -o pipefail; logs="$(CURDIR)/.build/bench"; rm -rf "$$logs"; mkdir -p "$$logs"; \
	bin="$$(swift build $(RELEASE_FLAGS) --show-bin-path)"; \
	cut -d' ' -f1-3 /proc/loadavg > "$$logs/load.txt"; \
	step() { name=$$1; shift; "$$@" 2>&1 | tee "$$logs/$$name.txt"; echo "$$name $${PIPESTATUS[0]}" >> "$$logs/status.txt"; }; \
	step signin "$$bin/monban-bench"; \
	step stores "$$bin/monban-bench" stores; \
	step userlist-stores "$$bin/monban-bench" userlist-stores "$$bin/monban"; \
	step userlist "$$bin/monban-bench" userlist /tmp/monban-bench-users.sqlite3; \
	step memory python3 bench/userlist_memory.py "$$bin/monban" /tmp/monban-bench-users.sqlite3; \
	rm -f /tmp/monban-bench-users.sqlite3* /tmp/monban-bench-ui.sqlite3*; \
	"$$bin/monban" demo --db /tmp/monban-bench-ui.sqlite3 >/dev/null; \
	step startup python3 bench/startup.py "$$bin/monban" /tmp/monban-bench-ui.sqlite3 $(STARTUP_ROUNDS) --json "$$logs/startup.json"; \
	rm -f /tmp/monban-bench-ui.sqlite3* /tmp/monban-bench-ui.config.toml; \
	cut -d' ' -f1-3 /proc/loadavg >> "$$logs/load.txt"; \
	python3 bench/results.py "$$logs" > bench/RESULTS.md; \
	echo "bench/RESULTS.md written"; \
	! grep -qv ' 0$$' "$$logs/status.txt"

# Regenerates the storyboard captures in screens/ (review the diff like code).
screens: deps
	swift build --build-tests
	MONBAN_UPDATE_SCREENS=1 swift test --skip-build --disable-swift-testing --filter StoryboardTests

clean:
	rm -rf .build
