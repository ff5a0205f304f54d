#!/usr/bin/env bash
# Benchmarks the portal's patient page (GET /portal/patients/<event number>) for a logged-in person over HTTPS,
# for patients of about 1,000 resources: loads synthetic patients in-process into a persistent home (once; reruns
# reuse it), then starts the packaged hub on that home, logs in through the portal and measures the page.
# See docs/benchmarks.md.
#
#   bash hub-bench/portal.sh [--patients 20] [--visits 77] [--requests 100] [--warmup 20] [--home PATH]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build and uses what is already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-app and hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi
exec "$(bash hub java)" -Xmx2g -cp "hub-bench/target/classes:$(cat hub-bench/target/classpath.txt)" jp.renkei.hub.bench.PortalPageBenchmark "$@"
