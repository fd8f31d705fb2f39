# Brickyard build entry points. Every target installs missing Debian
# packages first (scripts/install-deps.sh), so a fresh machine needs nothing
# but `make`.

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
SANITIZE ?= OFF
JOBS ?= $(shell nproc)
PORT ?= 8080

.PHONY: all deps configure build test unit-test integration-test run clean install bench fuzz

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DBRICKYARD_SANITIZE=$(SANITIZE)

configure: $(BUILD_DIR)/build.ninja

build: deps configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Every test: unit tests and the end-to-end tests that start the real server.
test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600

# The libFuzzer targets of fuzz/ (clang, ASan + UBSan, own build dir
# $(FUZZ_BUILD_DIR)), each run FUZZ_SECONDS from its seed corpus; a crash
# fails the target with the input in $(FUZZ_BUILD_DIR)/artifacts/. `make test`
# runs them 60 s each; this is the long run.
FUZZ_SECONDS ?= 600
FUZZ_BUILD_DIR ?= build-fuzzers
fuzz: deps
	FUZZ_BUILD_DIR=$(abspath $(FUZZ_BUILD_DIR)) ./fuzz/run.sh $(FUZZ_SECONDS)

# The main job: the server on 127.0.0.1:$(PORT) with the mock executor and an
# embedded SQLite database under ./var/.
run: build
	@mkdir -p var
	@test -f var/brickyard.json || sed -e 's/@PORT@/$(PORT)/' etc/brickyard.dev.json > var/brickyard.json
	$(BUILD_DIR)/bin/brickyard --config var/brickyard.json

bench: build
	./bench/run.sh $(BUILD_DIR)

install: build
	install -D -m 0755 $(BUILD_DIR)/bin/brickyard $(DESTDIR)/usr/local/bin/brickyard
	install -D -m 0755 $(BUILD_DIR)/bin/brickyard-cli $(DESTDIR)/usr/local/bin/brickyard-cli
	@if [ "$(HEKETI_CLI_ALIAS)" = "1" ]; then \
	  ln -sf brickyard-cli $(DESTDIR)/usr/local/bin/heketi-cli; \
	  echo "installed heketi-cli -> brickyard-cli"; fi

clean:
	rm -rf $(BUILD_DIR)

# The GlusterFS testbed of tests/e2e: three storage hosts in network
# namespaces of this machine (198.18.0.0/24: sshd, glusterd, a loop disk each)
# with the TEST-ONLY LVM stand-in. Root only. State in $(GTB_STATE) or
# /tmp/gluster-testbed.
.PHONY: testbed-up testbed-down demo demo-down

testbed-up: deps
	./scripts/testbed.sh up

testbed-down:
	./scripts/testbed.sh down

# Brickyard with the ssh executor against the testbed: topology load, a
# replica-3 volume, a FUSE mount, a file written and read. `make demo-down`
# deletes the volume through Brickyard and removes the server and testbed.
demo: build
	BUILD_DIR=$(BUILD_DIR) ./scripts/demo.sh up

demo-down:
	BUILD_DIR=$(BUILD_DIR) ./scripts/demo.sh down
