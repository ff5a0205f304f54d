#!/usr/bin/env bash
# SS-MIX2 ingest benchmark: generates a synthetic standardized-storage tree (default 10,000 messages) and ingests
# it into a fresh hub (embedded PostgreSQL, demo network) with the bulk import command, which prints messages/s,
# FHIR resources/s and the share of time in parse+map vs storage. See docs/benchmarks.md.
#
#   bash hub-bench/ss2.sh [MESSAGES=10000] [PATIENTS=500] [WORKERS=2]
#
# HUB_BENCH_SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."
messages=${1:-10000}
patients=${2:-500}
workers=${3:-2}

if [ "${HUB_BENCH_SKIP_BUILD:-0}" != "1" ]; then
  echo "Building hub-app and hub-bench (./mvnw -q -B package -pl hub-bench -am -DskipTests) ..." >&2
  ./mvnw -q -B package -pl hub-bench -am -DskipTests
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/renkei-ss2-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$(bash hub java)" -cp "hub-bench/target/classes:$(cat hub-bench/target/classpath.txt)" jp.renkei.hub.bench.Ss2TreeGenerator \
  "$work/storage" "$messages" "$patients"
jar=$(ls hub-app/target/hub-app-*-exec.jar | head -n 1)
mapfile -t jvm_options < <(grep -v '^\s*\(#\|$\)' config/jvm.options)
packages=../shared/testdata/jp-fhir/jp-core.r4-1.1.2.tgz
env -u RENKEI_DB_URL RENKEI_HOME="$work/home" RENKEI_PORT=0 RENKEI_DEMO_DATA=true \
  RENKEI_FHIR_PACKAGES="$( [ -f "$packages" ] && echo "$packages" || echo "")" \
  java "${jvm_options[@]}" -jar "$jar" \
    --renkei.gateway.ss2.import.root="$work/storage" \
    --renkei.gateway.ss2.import.facility=0710100017 \
    --renkei.gateway.ss2.import.workers="$workers" \
    --logging.level.root=WARN 2>"$work/stderr.log" | grep -v '^\s*$' || { tail -40 "$work/stderr.log" >&2; exit 1; }
