# Crossroads: the commands a person runs. Every target that builds first runs scripts/setup,
# which installs what is missing and is quick when everything is there.
BUILD_DIR    ?= build
ASAN_DIR     ?= build-asan
DATA_DIR     ?= var
PORT         ?= 8080
JOBS         ?= $(shell nproc)
FUZZ_SECONDS ?= 15
CMAKE_FLAGS  ?=

.PHONY: all setup build native web run test unit-test asan-test fuzz web-test web-e2e bench \
        format lint check-format tidy clean

all: build

setup:
	@./scripts/setup

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

# The binary and the web application it serves.
build: native web

native: setup $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

web: setup
	@./scripts/web build

# Set up, build, create the database with the demo world if there is none, and serve.
run: build
	@./scripts/run-demo $(BUILD_DIR)/src/exe/crossroads $(DATA_DIR) $(PORT)

$(ASAN_DIR)/build.ninja:
	cmake -S . -B $(ASAN_DIR) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCROSSROADS_SANITIZE=ON \
	  -DCROSSROADS_UNIT_TESTS_ONLY=ON $(CMAKE_FLAGS)

# Every test: formatting, the unit and integration tests, the unit tests again under
# AddressSanitizer and UndefinedBehaviorSanitizer, clang-tidy, time-boxed fuzzing, and the web
# application's unit and end-to-end tests.
test: build check-format
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) --timeout 600
	$(MAKE) asan-test
	$(MAKE) tidy
	$(MAKE) fuzz
	$(MAKE) web-test
	$(MAKE) web-e2e

asan-test: setup $(ASAN_DIR)/build.ninja
	cmake --build $(ASAN_DIR) -j $(JOBS)
	cd $(ASAN_DIR) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -L unit --timeout 900

fuzz: setup
	./scripts/fuzz $(FUZZ_SECONDS)

web-test: web
	./scripts/web test

# Screenshots go to the build directory here; refresh docs/screenshots/ by running
# `scripts/web e2e` by hand.
web-e2e: build
	CROSSROADS_SCREENSHOTS_DIR=$(CURDIR)/$(BUILD_DIR)/screenshots ./scripts/web e2e $(BUILD_DIR)/src/exe/crossroads

bench: setup
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DCROSSROADS_BUILD_BENCHMARKS=ON
	cmake --build build-bench -j $(JOBS)
	./scripts/bench build-bench

format: setup
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

check-format: setup
	@git ls-files '*.cc' '*.h' | xargs clang-format --dry-run -Werror

# clang-tidy with the committed, curated .clang-tidy over our sources.
tidy: native
	@./scripts/tidy $(BUILD_DIR)

lint: check-format tidy

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR) build-bench build-fuzz web/dist
