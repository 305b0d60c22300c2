#!/bin/sh
# The SFU under load through its real media path (see benchmarks/README.md#load-generator).
#   benchmarks/load/run.sh [rooms=4] [participants=4] [seconds=30] [video-kbps=1000] [report-seconds=5]
#                          [warmup-seconds=10] [event-loops=<processors>]
# Exits non-zero, saying why, when transports do not connect or media does not flow.
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
# Netty's leak detector off for the CPU and allocation figures: its sampling records stack traces
# and allocates. A soak sets LEAK_DETECTION=simple, the server's own default (1 buffer in 128).
exec java -Dio.netty.leakDetection.level="${LEAK_DETECTION:-disabled}" -Dlogback.configurationFile=benchmarks/load/logback.xml \
  -cp benchmarks/target/benchmarks.jar dev.quorum.bench.load.LoadGenerator "$@"
