#!/usr/bin/env bash
# Install the Debian packages the build and tests need: Chromium (PDFs and browser tests), fonts
# for print, and npm (it fetches the pinned offline-search shim). As root, install what is
# missing; otherwise name the exact command and stop.
set -euo pipefail
PACKAGES=(chromium fonts-dejavu-core npm)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || missing+=(fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(npm)
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
