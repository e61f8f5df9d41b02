#!/usr/bin/env bash
# Installs the locked dependencies. `npm ci` is tried first; this workplace's registry serves no
# platform packages for other systems (biome, esbuild and rollup binaries for Windows, macOS, ...),
# so npm leaves them out of the lockfile and `npm ci` refuses it as out of sync. Then `npm install`
# installs the same locked versions (it only adds the entries it cannot resolve).
set -euo pipefail
if ! npm ci --no-audit --no-fund 2>/tmp/npm-ci.err; then
  if grep -q 'EUSAGE' /tmp/npm-ci.err; then
    echo "npm ci refused the lockfile (platform packages missing from this registry); using npm install"
    npm install --no-audit --no-fund
  else
    cat /tmp/npm-ci.err >&2
    exit 1
  fi
fi
