# syntax=docker/dockerfile:1
# drlint container image: Debian 12, built from this checkout.
#
#   docker build -t drlint .
#   docker run --rm -v "$PWD:/src" drlint                       # = drlint scan /src
#   docker run --rm -v "$PWD:/src" drlint scan --format sarif:drlint.sarif --format text
#
# The build stage needs the same Debian packages as scripts/setup.sh (minus
# the test-only ones) and the pinned grammar packages (npm ci); the runtime
# stage holds only the binary and its two shared libraries. See
# docs/getting-started.md.

# --------------------------------------------------------------------------
FROM debian:bookworm-slim AS build

ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates \
      libyaml-cpp-dev libre2-dev libcli11-dev nlohmann-json3-dev \
      nodejs npm \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /usr/src/drlint

# The pinned tree-sitter runtime and HCL grammar first, so this layer is
# cached until grammars/package-lock.json changes. --ignore-scripts: nothing
# from the npm packages is executed; CMake compiles their C sources.
COPY grammars/package.json grammars/package-lock.json grammars/
RUN cd grammars && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

# The rest of the source (.dockerignore keeps build trees, node_modules and
# .git out of the context).
COPY . .
RUN cmake -S . -B /tmp/build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDRLINT_BUILD_TESTS=OFF \
 && cmake --build /tmp/build \
 && strip /tmp/build/drlint \
 && /tmp/build/drlint version

# --------------------------------------------------------------------------
FROM debian:bookworm-slim AS runtime

LABEL org.opencontainers.image.title="drlint" \
      org.opencontainers.image.description="Static analysis of AKS disaster recovery: Terraform, Kubernetes, Velero, Azure Backup" \
      org.opencontainers.image.licenses="Apache-2.0"

# The default build links yaml-cpp, RE2 and the C++ runtime statically
# (DRLINT_STATIC_DEPS) and needs only libc6; the runtime libraries of
# libyaml-cpp-dev and libre2-dev are installed so that a build with
# -DDRLINT_STATIC_DEPS=OFF runs too (libstdc++6, libgcc-s1 and libc6 are
# already in the base image).
RUN apt-get update \
 && apt-get install -y --no-install-recommends libyaml-cpp0.7 libre2-9 \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /tmp/build/drlint /usr/local/bin/drlint

# A fixed, numeric non-root user (Kubernetes runAsNonRoot can verify it).
# CI systems that mount a checkout owned by another uid only need it readable
# (and, for report files, writable: `docker run -u "$(id -u):$(id -g)"`).
RUN groupadd --system --gid 10001 drlint \
 && useradd --system --uid 10001 --gid drlint --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin drlint
USER 10001:10001

WORKDIR /src
ENTRYPOINT ["drlint"]
CMD ["scan", "/src"]
