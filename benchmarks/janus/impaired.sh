#!/bin/sh
# Our server and Janus (Debian's janus package, videoroom plugin) side by side on impaired links: a
# viewer whose downlink collapses and a publisher whose uplink is lossy and delayed; see
# benchmarks/README.md#side-by-side-with-janus-on-impaired-links. Needs root (network namespaces).
#   benchmarks/janus/impaired.sh [--runs 1] [--scenarios downlink,uplink] [--servers quorum,janus] [--java-opts "..."]
# Exits non-zero, saying why, when a server or browser does not start or media does not flow.
set -e
cd "$(dirname "$0")/../.."
# What the runs need, from Debian, on a machine that lacks it.
command -v janus >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && command -v ip >/dev/null 2>&1 && command -v nft >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq janus chromium chromium-driver iproute2 nftables >/dev/null; }
./mvnw -q -B ${MAVEN_ARGS:-} -pl server,benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.sidebyside.ImpairedLinks "$@"
