#!/bin/sh
# Composer vs the ffmpeg CLI on the same generated recordings (see benchmarks/README.md#composer).
#   benchmarks/composer/run.sh [seconds=60] [sources=1,4,9] [sizes=640x480,1280x720] [runs=5] [dir=...]
set -e
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl benchmarks -am package -DskipTests
exec java -cp benchmarks/target/benchmarks.jar dev.quorum.bench.composer.ComposerVsFfmpeg "$@"
