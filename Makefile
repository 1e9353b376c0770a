# LiveGate: `make run` starts the gateway on its embedded default; `make test` runs every test.
SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libcurl4-openssl-dev
ARGS ?=
# Line tables instead of full debug info: backtraces keep their files and lines, and a clean
# `make test` compiles about 10 % faster (6m06s against 6m49s on the 2-core machine).
TEST_FLAGS ?= -Xswiftc -gline-tables-only -Xcc -gline-tables-only

.PHONY: deps build run test bench routes clean

# System packages the build links against; installed with apt when missing (root or sudo).
deps:
	@command -v $(SWIFT) >/dev/null 2>&1 || { echo "error: a Swift 6 toolchain is required (swift.org/install)"; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

run: deps
	$(SWIFT) build --product livegate
	.build/debug/livegate serve $(ARGS)

# Unit and HTTP tests, then the whole fixture corpus replayed against an in-process gateway.
test: deps
	$(SWIFT) build --build-tests $(TEST_FLAGS)
	$(SWIFT) test --skip-build $(TEST_FLAGS)
	@if [ -d Fixtures ] && ls Fixtures/*/*.json >/dev/null 2>&1; then .build/debug/livegate replay Fixtures; fi

# Throughput, latency under bcrypt load, and memory, on loopback (wrk from Debian's packages).
bench: deps
	@command -v wrk >/dev/null 2>&1 || { if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; }
	$(SWIFT) build -c release --product livegate
	$(SWIFT) build -c release --package-path benchmarks/floor
	bash benchmarks/run.sh

routes: deps
	$(SWIFT) run livegate routes

clean:
	rm -rf .build
