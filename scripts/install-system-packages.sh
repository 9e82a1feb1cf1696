#!/bin/sh
# Installs the Debian packages the tests need (a real Chromium for browser tests) when missing.
set -eu

need=""
command -v chromium >/dev/null 2>&1 || need="$need chromium"
[ -z "$need" ] && exit 0

echo "setup: installing Debian packages:$need" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
$sudo apt-get update -qq
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $need >/dev/null
