# Kontor: two commands on a fresh Debian machine with the Swift toolchain.
#   make run   installs what is missing, builds, and runs `kontor run` on embedded defaults
#   make test  installs what is missing, builds, and runs the whole test suite

APT_PACKAGES := librdkafka-dev libcurl4-openssl-dev libxml2-dev libsqlite3-dev pkg-config kcat openssh-server \
	postgresql chromium chromium-driver poppler-utils zbar-tools python3-aiosmtpd wrk
PYTHON_PACKAGES := jsonschema selenium
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test build deps postgres bench bench-pipeline bench-http fuzz lint format clean

run: deps
	$(SWIFT) build --product kontor
	$(SWIFT) run --skip-build kontor run

# The store tests run against SQLite and against the local PostgreSQL that `make postgres` starts.
KONTOR_TEST_POSTGRES_URL ?= postgres://kontor:kontor@127.0.0.1:5432/kontor_test
export KONTOR_TEST_POSTGRES_URL

# Two passes: the end-to-end suites start many `kontor run` processes; run beside the embedded-cluster tests they
# starve them of the two cores' time.
test: deps postgres
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --skip KontorEndToEndTests
	$(SWIFT) test --skip-build --filter KontorEndToEndTests

build: deps
	$(SWIFT) build

bench: deps postgres
	$(SWIFT) build -c release --product kontor
	KONTOR_BENCH_POSTGRES_URL=postgres://kontor:kontor@127.0.0.1:5432/kontor_test .build/release/kontor bench all

# The order pipeline alone (validation, allocation, projection) on SQLite and PostgreSQL, plus one routing decision.
bench-pipeline: deps postgres
	$(SWIFT) build -c release --product kontor
	KONTOR_BENCH_POSTGRES_URL=postgres://kontor:kontor@127.0.0.1:5432/kontor_test .build/release/kontor bench pipeline

# Signed webhooks/s into `kontor run` (ingest role, embedded stack), driven by wrk at 64 connections for 20 s.
bench-http: deps
	$(SWIFT) build -c release --product kontor
	.build/release/kontor bench http

# libFuzzer over the X12, EDIFACT and XML entry points, seeded with the sample documents (README, Fuzzing).
FUZZ_SECONDS ?= 60
fuzz: deps
	$(SWIFT) build --scratch-path .build-fuzz --product kontor-fuzz -Xswiftc -sanitize=fuzzer -Xswiftc -DKONTOR_LIBFUZZER
	mkdir -p .build-fuzz/corpus
	cp Tests/KontorX12Tests/Fixtures/*.edi Tests/KontorEDIFACTTests/Fixtures/*.edi mappings/*/samples/*.xml .build-fuzz/corpus/
	.build-fuzz/debug/kontor-fuzz .build-fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -timeout=5 -artifact_prefix=.build-fuzz/

# System packages (apt), the Python JSON Schema validator used by the schema tests and selenium for the dashboard's
# headless-browser test.
deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@python3 -c "import jsonschema, selenium" 2>/dev/null || python3 -m pip install -q $(PYTHON_PACKAGES)

# A local PostgreSQL (Debian's cluster, run as the postgres user) with role kontor/kontor and database kontor_test.
# Idempotent: starts the cluster only when it is down and creates the role and database only when missing.
AS_POSTGRES := $(shell [ "$$(id -u)" = 0 ] && echo "runuser -u postgres --" || echo "sudo -u postgres")
postgres: deps
	@cluster=$$(pg_lsclusters --no-header | awk 'NR == 1 { print $$1 " " $$2 }'); \
	if [ -z "$$cluster" ]; then echo "no PostgreSQL cluster found (pg_lsclusters)"; exit 1; fi; \
	if ! pg_lsclusters --no-header | awk 'NR == 1 { exit $$4 == "online" ? 0 : 1 }'; then \
		echo "starting PostgreSQL $$cluster"; $(SUDO) pg_ctlcluster $$cluster start; \
	fi
	@cd / && $(AS_POSTGRES) psql -q -v ON_ERROR_STOP=1 -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'kontor'" \
		| grep -q 1 || (cd / && $(AS_POSTGRES) psql -q -v ON_ERROR_STOP=1 -c "CREATE ROLE kontor LOGIN PASSWORD 'kontor'")
	@cd / && $(AS_POSTGRES) psql -q -v ON_ERROR_STOP=1 -tAc "SELECT 1 FROM pg_database WHERE datname = 'kontor_test'" \
		| grep -q 1 || (cd / && $(AS_POSTGRES) psql -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE kontor_test OWNER kontor")
	@echo "PostgreSQL ready: $(KONTOR_TEST_POSTGRES_URL)"

lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift

format:
	$(SWIFT) format format --in-place --recursive Sources Tests Package.swift

clean:
	rm -rf .build .kontor
