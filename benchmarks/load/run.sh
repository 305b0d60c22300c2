#!/bin/sh
# The SFU under load through its real media path (see benchmarks/README.md#load-generator).
#   benchmarks/load/run.sh [rooms=4] [participants=4] [seconds=30] [video-kbps=1000] [report-seconds=5]
#                          [warmup-seconds=10] [event-loops=<processors>]
# Exits non-zero, saying why, when transports do not connect or media does not flow.
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
# Netty's leak detector off, as in production: its sampling records stack traces and allocates.
exec java -Dio.netty.leakDetection.level=disabled -Dlogback.configurationFile=benchmarks/load/logback.xml \
  -cp benchmarks/target/benchmarks.jar dev.quorum.bench.load.LoadGenerator "$@"
