#!/bin/sh
# Runs the benchmarks in bench/ and prints their figures.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh
status=0
node dist/bench/check.bench.js "$@" || status=$?
node dist/bench/config.bench.js || status=$?
node dist/bench/data.bench.js "$@" || status=$?
node dist/bench/learners.bench.js || status=$?
node dist/bench/lofo.bench.js || status=$?
node dist/bench/eval.bench.js || status=$?
node dist/bench/log.bench.js || status=$?
node dist/bench/gateway.bench.js || status=$?
node dist/bench/monitors.bench.js || status=$?
exit "$status"
