#!/usr/bin/env bash
# Installs Debian's `chromium` package for the HTML report's browser tests (test/helpers/chromium.ts).
# Idempotent: does nothing when a Chromium is already installed. Needs root and apt-get. Recommended
# packages stay in: they bring the fonts the screenshots are rendered with.
set -euo pipefail

say() { echo "install-chromium: $*" >&2; }

for candidate in "${ONEROSTER_TEST_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser; do
  if [[ -n "${candidate}" && -x "${candidate}" ]]; then
    say "found ${candidate}"
    exit 0
  fi
done

if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null; then
  say "no Chromium found, and cannot install it (needs root and apt-get)"
  exit 1
fi
say "installing Debian's chromium package"
apt-get update >&2
DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >&2
command -v chromium >/dev/null || { say "chromium installed but not on PATH"; exit 1; }
say "installed $(chromium --version 2>/dev/null || echo chromium)"
