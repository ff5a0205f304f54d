#!/usr/bin/env bash
# Benchmarks the clinical views (Patient/$summary, $dispensing-history, $lab-trend) through the consent gate:
# loads synthetic patients in-process into a persistent home (once; reruns reuse it), then starts the packaged
# hub on that home and measures each view as the data's own facility and as a consented other facility.
# See docs/benchmarks.md.
#
#   bash hub-bench/views.sh [--patients 1000] [--visits 77] [--requests 200] [--warmup 30] [--threads 2] [--load-minutes 0] [--home PATH]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build and uses what is already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-app and hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi
exec "$(bash hub java)" -Xmx2g -cp "hub-bench/target/classes:$(cat hub-bench/target/classpath.txt)" jp.renkei.hub.bench.ViewsBenchmark "$@"
