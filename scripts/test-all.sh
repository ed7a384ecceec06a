#!/usr/bin/env bash
# The one command that runs every test: build, lint (source and packed tarball), type-check,
# unit + emulator integration tests, then the real-n8n end-to-end suite on every supported n8n.
set -euo pipefail
cd "$(dirname "$0")/.."

# Nothing may be left in the temp folder: its synclabs-* / n8n-nodes-synclabs-* entries are listed before and
# after, and a new one fails the run (also when the tests passed). A second run in parallel on the same
# machine shows up here too.
TMP_ROOT="${TMPDIR:-/tmp}"
ours_in_tmp() { (cd "$TMP_ROOT" && ls -1d synclabs-* n8n-nodes-synclabs-* 2>/dev/null || true) | sort; }
tmp_before="$(ours_in_tmp)"
check_tmp() {
	local status=$?
	local left
	left="$(comm -13 <(printf '%s\n' "$tmp_before") <(ours_in_tmp) | sed '/^$/d')"
	if [ -n "$left" ]; then
		echo "== FAILED: this run left $(printf '%s\n' "$left" | wc -l) entr(ies) in $TMP_ROOT:"
		printf '%s\n' "$left" | sed 's/^/     /'
		[ "$status" -eq 0 ] && echo "   (the tests passed; something does not clean up after itself)"
		exit 1
	fi
	[ "$status" -ne 0 ] || echo "== $TMP_ROOT: nothing left behind"
	exit "$status"
}
trap check_tmp EXIT

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
