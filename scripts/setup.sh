#!/bin/sh
# Installs what paydown needs to build and run, only when it is missing, then builds.
# Sourced by the example, test and bench scripts.
set -eu

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm dependencies (npm ci)" >&2
  # npm records only this platform's optional DuckDB binding in the lock file, and `npm ci` then
  # calls the lock file out of sync; `npm install` installs the same locked versions.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --loglevel=error
fi

if [ ! -f dist/src/cli/main.js ] || [ -n "$(find src test bench -newer dist/src/cli/main.js -name '*.ts' 2>/dev/null | head -n 1)" ]; then
  echo "setup: compiling TypeScript" >&2
  rm -rf dist
  npx tsc -p tsconfig.json
fi
