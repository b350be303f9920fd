# monban — set-up and everyday commands. Each target installs what it needs
# (Debian packages through apt-get) before it builds.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Swift's crash reporter would take over the terminal; kiosks and tests run without it.
export SWIFT_BACKTRACE := enable=no

DEBS_BUILD := libncursesw5-dev libsqlite3-dev libssl-dev libqrencode-dev
DEBS_TEST  := $(DEBS_BUILD) tmux zbar-tools oathtool

RELEASE_FLAGS := -c release --static-swift-stdlib
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

.PHONY: help deps deps-test build release test demo bench screens clean

help:
	@echo "make demo   — install what is missing, build, start monban on the demo database"
	@echo "make test   — install what is missing, build, run every test"
	@echo "make bench  — benchmarks (not part of the tests)"
	@echo "make screens — regenerate the storyboard captures in screens/"

deps:
	$(call ensure_debs,$(DEBS_BUILD))

deps-test:
	$(call ensure_debs,$(DEBS_TEST))

build: deps
	swift build

release: deps
	swift build $(RELEASE_FLAGS) --product monban

demo: release
	$(BIN_RELEASE) demo $(if $(DEMO_DB),--db $(DEMO_DB),)

# The end-to-end tests drive the built binary; MONBAN_BIN tells them where it is.
test: deps-test
	swift build --build-tests
	MONBAN_BIN="$$(swift build --show-bin-path)/monban" swift test --skip-build

bench: deps
	swift build $(RELEASE_FLAGS) --product monban-bench
	"$$(swift build $(RELEASE_FLAGS) --show-bin-path)/monban-bench"

# Regenerates the storyboard captures in screens/ (review the diff like code).
screens: deps
	swift build --build-tests
	MONBAN_UPDATE_SCREENS=1 swift test --skip-build --filter StoryboardTests

clean:
	rm -rf .build
