# monban — set-up and everyday commands. Each target installs what it needs
# (Debian packages through apt-get) before it builds.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Swift's crash reporter would take over the terminal; kiosks and tests run without it.
export SWIFT_BACKTRACE := enable=no

DEBS_BUILD := libncursesw5-dev libsqlite3-dev libssl-dev libqrencode-dev libcurl4-openssl-dev libldap-dev
# Test servers the tests start themselves on loopback: an OpenID provider (Authlib, Flask),
# a Samba Active Directory domain controller and an SMTP server (aiosmtpd).
DEBS_TEST  := $(DEBS_BUILD) tmux zbar-tools oathtool curl openssl python3-flask python3-authlib \
              samba samba-dsdb-modules samba-ad-provision python3-aiosmtpd

# The release binary links the Swift libraries statically and, through a folder of
# links searched first, libsqlite3 and libstdc++ too: loading and relocating them at
# start-up cost about 1.5 ms before the first paint (measured with bench/startup.py).
# A security update of either then needs a rebuild (`make release`).
STATIC_LIBS := $(CURDIR)/.build/static-libs
RELEASE_FLAGS := -c release --static-swift-stdlib -Xlinker -L$(STATIC_LIBS)
CC_FOR_PATHS := $(shell command -v clang || command -v gcc || echo cc)
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

.PHONY: help deps deps-test build release static-libs test demo kiosk bench screens torture fuzz clean

help:
	@echo "make demo   — install what is missing, build, start monban on the demo database"
	@echo "make kiosk  — the same in kiosk mode (UI-6), on a demo database reset to its first state"
	@echo "make test   — install what is missing, build, run every test"
	@echo "make bench  — benchmarks (not part of the tests)"
	@echo "make screens — regenerate the storyboard captures in screens/"
	@echo "make torture — the crash-safety test at size: 2000 SIGKILLs (KILLS=N, WORKERS=N, SEED=N)"
	@echo "make fuzz    — the key fuzzer at size: 100,000 keys per screen (EVENTS=N, SEED=N, ONLY=testLogin)"

deps:
	$(call ensure_debs,$(DEBS_BUILD))

deps-test:
	$(call ensure_debs,$(DEBS_TEST))

build: deps
	swift build

release: deps static-libs
	swift build $(RELEASE_FLAGS) --product monban

# Links to the static archives of libsqlite3 and libstdc++ (from libsqlite3-dev and the
# C++ compiler's runtime); a missing one simply stays dynamic.
static-libs:
	@mkdir -p "$(STATIC_LIBS)"
	@for lib in libsqlite3.a libstdc++.a; do \
	  f=$$($(CC_FOR_PATHS) -print-file-name=$$lib 2>/dev/null); \
	  if [ -f "$$f" ]; then ln -sf "$$f" "$(STATIC_LIBS)/$$lib"; fi; \
	done

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

# The end-to-end tests drive the release binary (as shipped); MONBAN_BIN tells them where it is.
# The crash-safety test kills monban-torture (the engine in a worker loop, not shipped), built beside it.
test: deps-test release
	swift build $(RELEASE_FLAGS) --product monban-torture
	swift build --build-tests
	MONBAN_BIN="$(BIN_RELEASE)" swift test --skip-build --disable-swift-testing

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

bench: deps release
	$(call ensure_debs,python3 dialog whiptail)
	swift build $(RELEASE_FLAGS) --product monban-bench
	"$$(swift build $(RELEASE_FLAGS) --show-bin-path)/monban-bench"
	"$$(swift build $(RELEASE_FLAGS) --show-bin-path)/monban-bench" userlist /tmp/monban-bench-users.sqlite3
	python3 bench/userlist_memory.py $(BIN_RELEASE) /tmp/monban-bench-users.sqlite3
	rm -f /tmp/monban-bench-users.sqlite3*
	rm -f /tmp/monban-bench-ui.sqlite3*
	$(BIN_RELEASE) demo --db /tmp/monban-bench-ui.sqlite3 >/dev/null
	python3 bench/startup.py $(BIN_RELEASE) /tmp/monban-bench-ui.sqlite3 20

# Regenerates the storyboard captures in screens/ (review the diff like code).
screens: deps
	swift build --build-tests
	MONBAN_UPDATE_SCREENS=1 swift test --skip-build --disable-swift-testing --filter StoryboardTests

clean:
	rm -rf .build
