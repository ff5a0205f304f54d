#!/usr/bin/env bash
# Benchmarks the packaged Renkei Hub: builds it (and this module), then starts the exec jar as a separate
# process with config/jvm.options and measures start-up, write throughput, search latency and memory, beside a
# vanilla HAPI FHIR JPA server in the same run (ABBA, hub/vanilla ratios). See docs/benchmarks.md.
#
#   bash hub-bench/run.sh [--bundles 200] [--searches 200] [--warmup 200] [--threads 4] [--jar PATH] [--keep-home]
#                         [--no-vanilla] [--home PATH (a preloaded home: hub-only scale curve)]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build and uses what is already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-app and hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi

classpath_file=hub-bench/target/classpath.txt
if [ ! -f "$classpath_file" ]; then
  echo "hub-bench: $classpath_file is missing; build first (unset HUB_BENCH_SKIP_BUILD)" >&2
  exit 1
fi
exec "$(bash hub java)" -cp "hub-bench/target/classes:$(cat "$classpath_file")" jp.renkei.hub.bench.HubBenchmark "$@"
