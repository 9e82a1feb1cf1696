#!/bin/sh
# Runs the benchmarks in bench/ and prints their figures.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh
node dist/bench/check.bench.js "$@"
