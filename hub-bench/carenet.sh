#!/usr/bin/env bash
# Benchmarks care-net at scale: a room timeline of 5,000 posts and a search over a room of 100,000 posts, through
# the portal page and the REST API in the same run. Loads the posts once into a persistent home (direct batch
# inserts; reruns reuse it), then starts the packaged hub on that home. See docs/benchmarks.md.
#
#   bash hub-bench/carenet.sh [--timeline-posts 5000] [--search-posts 100000] [--requests 100] [--warmup 20] [--home PATH]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build and uses what is already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-app and hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi
exec "$(bash hub java)" -Xmx2g -cp "hub-bench/target/classes:$(cat hub-bench/target/classpath.txt)" jp.renkei.hub.bench.CareNetBenchmark "$@"
