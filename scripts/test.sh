#!/bin/sh
# The test command: installs what is missing, builds, lints, type-checks and runs every test.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-system-packages.sh
. scripts/setup.sh

echo "test: lint" >&2
npx eslint --max-warnings 0 .
echo "test: node --test" >&2
node --test --test-concurrency=2 dist/test/
