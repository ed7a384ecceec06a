#!/usr/bin/env bash
# The one command that runs every test: build, lint (source and packed tarball), type-check,
# unit + emulator integration tests, then the real-n8n end-to-end suite on every supported n8n.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"; npm run build
echo "== lint"; npm run lint
echo "== typecheck"; npm run typecheck
echo "== unit and emulator integration tests"
results="$(mktemp)"
status=0
npx jest --ci --json --outputFile="$results" || status=$?
node -e 'const r=JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(`unit: ${r.numPassedTests} passed, ${r.numFailedTests} failed`)' "$results" || true
rm -f "$results"
[ "$status" -eq 0 ] || exit "$status"
echo "== real n8n end-to-end"; npm run test:e2e
