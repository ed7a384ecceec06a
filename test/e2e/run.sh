#!/usr/bin/env bash
# Real-n8n end-to-end suite (npm run test:e2e).
#  1. installs the pinned n8n versions into the cache outside the repo (install-n8n.sh; skipped when cached)
#  2. makes sure the build output exists, packs the package once
#  3. runs jest (test/e2e/jest.config.js) once per n8n version with N8N_E2E_VERSION set
# Needs no stdin and installs everything itself (CI=true on a clean machine: first run ~3-6 min of installs).
# Env: N8N_E2E_VERSIONS="2.41.1 2.8.4" (default both), SYNCLABS_E2E_CACHE (install cache),
#      SYNCLABS_E2E_KEEP=1 (keep every n8n run dir), SYNCLABS_E2E_VERBOSE=1 (start-up timings).
# Extra arguments are passed to jest (e.g. a test path pattern).
set -euo pipefail
cd "$(dirname "$0")/../.."

VERSIONS="${N8N_E2E_VERSIONS:-2.41.1 2.8.4}"
LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/synclabs-e2e-install.XXXXXX")"

# --- 1. installs, in parallel (each takes ~2.5-3.5 min when not cached) -----------------------------
echo "== e2e: ensuring n8n installs ($VERSIONS) in ${SYNCLABS_E2E_CACHE:-$HOME/.cache/n8n-nodes-synclabs}"
declare -A pids starts
for v in $VERSIONS; do
	starts[$v]=$(date +%s)
	bash test/e2e/install-n8n.sh "$v" >"$LOG_DIR/install-$v.out" 2>"$LOG_DIR/install-$v.log" &
	pids[$v]=$!
done
install_failed=0
for v in $VERSIONS; do
	if wait "${pids[$v]}"; then
		echo "   n8n $v ready in $(( $(date +%s) - ${starts[$v]} ))s: $(tail -n 1 "$LOG_DIR/install-$v.out")"
	else
		echo "   n8n $v install FAILED after $(( $(date +%s) - ${starts[$v]} ))s; log:"
		tail -n 40 "$LOG_DIR/install-$v.log" | sed 's/^/     /'
		install_failed=1
	fi
done
[ "$install_failed" = 0 ] || exit 1
rm -rf "$LOG_DIR"

# --- 2. build output and tarball ---------------------------------------------------------------------
missing="$(node -e '
const p = require("./package.json"); const fs = require("fs");
console.log([...(p.n8n.nodes || []), ...(p.n8n.credentials || [])].filter((f) => !fs.existsSync(f)).join(" "));
')"
if [ -n "$missing" ]; then
	echo "== e2e: build output missing ($missing): npm run build"
	npm run build
fi
SYNCLABS_E2E_TGZ="$(node -r tsx/cjs test/e2e/harness/pack-cli.cts | tail -n 1)"
export SYNCLABS_E2E_TGZ
case "$SYNCLABS_E2E_TGZ" in
	*/synclabs-e2e-pack-*/*.tgz) trap 'rm -rf "$(dirname "$SYNCLABS_E2E_TGZ")"' EXIT ;;
	*) echo "== e2e: packing did not give a tarball path: '$SYNCLABS_E2E_TGZ'"; exit 1 ;;
esac
echo "== e2e: package tarball $SYNCLABS_E2E_TGZ"

# --- 3. jest once per version ------------------------------------------------------------------------
status=0
summary=()
RESULTS_DIR="$(mktemp -d "${TMPDIR:-/tmp}/synclabs-e2e-results.XXXXXX")"
export RESULTS_DIR
for v in $VERSIONS; do
	echo "== e2e: n8n $v"
	start=$(date +%s)
	if N8N_E2E_VERSION="$v" npx --no-install jest -c test/e2e/jest.config.js --ci --runInBand \
		--json --outputFile="$RESULTS_DIR/$v.json" "$@"; then
		summary+=("n8n $v: passed in $(( $(date +%s) - start ))s")
	else
		summary+=("n8n $v: FAILED after $(( $(date +%s) - start ))s")
		status=1
	fi
done
echo "== e2e summary"
printf '   %s\n' "${summary[@]}"
# plain closing line: tests over all versions (a version whose jest produced no report counts as 1 failed)
node -e '
const fs = require("fs"); let passed = 0, failed = 0, skipped = 0;
for (const v of process.argv.slice(1)) {
	const f = process.env.RESULTS_DIR + "/" + v + ".json";
	if (!fs.existsSync(f)) { failed += 1; continue; }
	const r = JSON.parse(fs.readFileSync(f, "utf8"));
	passed += r.numPassedTests; failed += r.numFailedTests + (r.numRuntimeErrorTestSuites || 0);
	skipped += r.numPendingTests + (r.numTodoTests || 0);
}
console.log(`e2e: ${passed} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
' $VERSIONS
rm -rf "$RESULTS_DIR"
exit $status
