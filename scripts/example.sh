#!/bin/sh
# Runs paydown's main job, `paydown check`, on the bundled advertising example.
set -eu
cd "$(dirname "$0")/.."
. scripts/setup.sh

status=0
node bin/paydown.js check examples/ad-click "$@" || status=$?
if [ "$status" -eq 1 ]; then
  echo
  echo "paydown check exited 1: the example is built to carry every kind of debt paydown finds."
  echo "Try: node bin/paydown.js check examples/clean   (a well-kept system: exit 0)"
  exit 0
fi
exit "$status"
