#!/usr/bin/env bash
# Benchmarks the audit append alone (AuditAppendBenchmark): group commit against one durable commit per event,
# with 1, 4 and 16 calling threads, on an embedded PostgreSQL with the hub's durable settings. See docs/benchmarks.md.
#
#   bash hub-bench/audit.sh [--events 2000] [--threads 1,4,16]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build and uses what is already in */target.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi
exec "$(bash hub java)" -cp "hub-bench/target/classes:$(cat hub-bench/target/classpath.txt)" jp.renkei.hub.core.audit.AuditAppendBenchmark "$@"
