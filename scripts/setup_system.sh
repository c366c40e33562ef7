#!/usr/bin/env bash
# Install the Debian packages the build and tests need: Chromium (PDFs and browser tests) and
# fonts for print. As root, install what is missing; otherwise name the exact command and stop.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
if [ ${#missing[@]} -eq 0 ]; then
  echo "==> Debian packages present: ${PACKAGES[*]}"
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "==> Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "==> Installed: ${missing[*]}"
else
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
