#!/usr/bin/env bash
# What the tests need beyond Python packages: the Debian packages chromium and chromium-driver
# (the page is tested in headless Chromium through playwright).  Installs them when missing,
# with sudo unless run as root; does nothing when they are there.
set -euo pipefail
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "test-setup: install Chromium and its driver (Debian: chromium chromium-driver), then run again" >&2
  exit 1
fi
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq chromium chromium-driver >/dev/null
