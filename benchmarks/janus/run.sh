#!/bin/sh
# Our server and Janus (Debian's janus package, videoroom plugin) side by side on the same headless
# Chromium load; see benchmarks/README.md#side-by-side-with-janus.
#   benchmarks/janus/run.sh [--runs 3] [--participants 4] [--warmup 15,75] [--measure 20]
#                           [--video 640x480@30] [--servers quorum,janus] [--java-opts "..."]
# Exits non-zero, saying why, when a server does not start or media does not flow.
set -e
cd "$(dirname "$0")/../.."
# What the runs need, from Debian, on a machine that lacks it.
command -v janus >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq janus chromium chromium-driver >/dev/null; }
./mvnw -q -B ${MAVEN_ARGS:-} -pl server,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.sidebyside.SideBySide "$@"
