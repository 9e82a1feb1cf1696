#!/bin/sh
# Installs the Debian packages the tests need when missing: a real Chromium for browser tests and
# PostgreSQL (server binaries only; the tests start their own throwaway cluster) for the serve store tests.
set -eu

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
[ -z "$need" ] && exit 0

echo "setup: installing Debian packages:$need" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
