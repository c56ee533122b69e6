# syntax=docker/dockerfile:1
#
# Kontor container image: one image for every role. The role comes from the command line,
# e.g. `kontor run --role ingest` or `kontor run --role workers --worker validation`
# (see docker-compose.yml).
#
#   docker build -t kontor:latest .
#   docker run --rm -p 8080:8080 -e KAFKA_BROKERS=broker:9092 kontor:latest
#
# Without KAFKA_BROKERS (or kafka.brokers in a config file) `kontor run` starts its embedded
# in-process Kafka cluster. That is for development and tests only; containers always point at
# an external Kafka.

# ---------------------------------------------------------------------------------------------
# Build stage
# ---------------------------------------------------------------------------------------------
# The tag must match the Swift toolchain the project is developed and tested with (6.3.x today).
# Pin the patch release (e.g. swift:6.3.1-bookworm) for reproducible builds. The Debian release
# (bookworm) must match the runtime stage below, or the C libraries linked here will not be the
# ones found at run time.
FROM swift:6.3-bookworm AS build

# C libraries the package links (see the systemLibrary targets in Package.swift and GRDB's SQLite).
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends \
        librdkafka-dev \
        libcurl4-openssl-dev \
        libxml2-dev \
        libsqlite3-dev \
        pkg-config \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Resolve dependencies first, so this layer is cached until Package.swift or Package.resolved
# changes. Package.resolved is git-ignored, so a fresh clone has none: the glob copies whatever
# exists. When present it pins the versions (and is updated here if Package.swift moved on).
COPY Package.* ./
RUN swift package resolve

# The whole package. Tests/ is needed too (not built here): SwiftPM checks that every target
# declared in Package.swift, test targets included, has its folder.
COPY . .

# Release build with the Swift runtime and Foundation linked statically; librdkafka, libcurl,
# libxml2 and SQLite stay dynamic and come from the runtime stage's apt packages.
RUN swift build -c release --product kontor --static-swift-stdlib

# Stage what the runtime image needs:
#   /staging/kontor          the executable
#   /staging/swift-backtrace the crash backtracer (static binaries cannot find it by themselves)
#   /staging/app/            the runtime data folders. mappings/ and connectors/ may be empty, and
#                            git does not keep empty folders, so a fresh clone may not have them;
#                            a plain `COPY mappings/ ...` would then fail the build.
RUN mkdir -p /staging/app \
    && cp .build/release/kontor /staging/kontor \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /staging/swift-backtrace \
    && for folder in mappings connectors schemas; do \
           mkdir -p "/staging/app/$folder"; \
           if [ -d "$folder" ]; then cp -R "$folder/." "/staging/app/$folder/"; fi; \
       done

# ---------------------------------------------------------------------------------------------
# Runtime stage
# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim

# Shared libraries kontor links, CA certificates and time zones, plus two tools:
#   curl  for container health checks (GET /healthz, GET /readyz; see docker-compose.yml)
#   kcat  for operations, e.g. `docker compose exec kontor-ingest kcat -b kafka:9092 -L`
RUN export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends \
        librdkafka1 \
        libcurl4 \
        libxml2 \
        libsqlite3-0 \
        ca-certificates \
        tzdata \
        curl \
        kcat \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user with a fixed uid/gid (10001), so volume ownership and Kubernetes
# runAsNonRoot checks are predictable. The state folder must exist and belong to it before the
# VOLUME line: a new named volume copies this folder's ownership.
RUN groupadd --system --gid 10001 kontor \
    && useradd --system --uid 10001 --gid kontor --home-dir /var/lib/kontor --no-create-home \
        --shell /usr/sbin/nologin kontor \
    && mkdir -p /var/lib/kontor \
    && chown kontor:kontor /var/lib/kontor

COPY --from=build /staging/kontor /usr/local/bin/kontor
COPY --from=build /staging/swift-backtrace /usr/local/libexec/swift-backtrace
# Data files read at run time (owned by root: read-only for the kontor user).
COPY --from=build /staging/app/ /app/

# Container defaults. Environment variables override a config file (order of strength:
# defaults < YAML file < KONTOR_* environment < flags), so in this image http.host and
# stateDirectory are set here, not in the YAML file.
#   KONTOR_HTTP_HOST         listen on all interfaces, not the 127.0.0.1 default
#   KONTOR_STATE_DIRECTORY   absolute state folder (the default .kontor is relative to the working folder)
#   SWIFT_BACKTRACE          readable backtraces on crashes, without an interactive prompt
ENV KONTOR_HTTP_HOST=0.0.0.0 \
    KONTOR_STATE_DIRECTORY=/var/lib/kontor \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/usr/local/libexec/swift-backtrace

# Note: `kontor run` also reads ./kontor.yaml from the working folder when neither --config nor
# KONTOR_CONFIG names a file. No such file is baked in; mount one (docker-compose.yml mounts
# deploy/kontor.yaml at /etc/kontor/kontor.yaml and sets KONTOR_CONFIG).
WORKDIR /app

# State folder: the workers' SQLite processed-event log (kontor.sqlite) and the runtime files
# (bootstrap.servers, runtime.json).
VOLUME ["/var/lib/kontor"]

USER 10001:10001

# HTTP ingest (POST /v1/orders, GET /healthz, GET /readyz); only processes with the ingest role listen.
EXPOSE 8080

# Exec form: kontor is PID 1 and receives SIGTERM itself; it stops accepting HTTP, lets the
# workers finish and commit their batch, flushes the producer and exits 0.
ENTRYPOINT ["kontor"]
CMD ["run"]
