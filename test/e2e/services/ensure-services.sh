#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL server binaries are present for the queue-mode e2e tests, installing Debian's
# packages when they are absent. Runs unattended (no stdin) as root on a clean CI machine; without root and
# without the binaries it fails with a message. Starts no service: the tests start their own throwaway
# redis-server / postgres on 127.0.0.1 (test/e2e/harness/services.cts), and Debian's package scripts may start
# system instances (on default ports) that the tests do not use; we stop those again when we were the ones
# that installed them.
# Prints two lines: REDIS_SERVER=<path> and PG_BIN=<dir with initdb, pg_ctl, postgres>.
set -euo pipefail

log() { echo "[ensure-services] $*" >&2; }

find_pg_bin() {
	local d
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
		if [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
	done
	return 1
}
find_redis() { command -v redis-server 2>/dev/null || { [ -x /usr/bin/redis-server ] && echo /usr/bin/redis-server; }; }

need=()
find_redis >/dev/null || need+=(redis-server)
find_pg_bin >/dev/null || need+=(postgresql)

if [ "${#need[@]}" -gt 0 ]; then
	if [ "$(id -u)" != 0 ]; then
		log "missing ${need[*]} and not root: install them (apt-get install -y ${need[*]}) and retry"
		exit 1
	fi
	# one installer at a time (dpkg lock), parallel test runs wait for each other
	# the lock lives in the cache folder, not in /tmp: scripts/test-all.sh fails a run that leaves synclabs-* there
	LOCK_DIR="${SYNCLABS_E2E_CACHE:-$HOME/.cache/n8n-nodes-synclabs}/locks"; mkdir -p "$LOCK_DIR"
	exec 9>"$LOCK_DIR/ensure-services.lock"
	flock 9
	need=()
	find_redis >/dev/null || need+=(redis-server)
	find_pg_bin >/dev/null || need+=(postgresql)
fi
if [ "${#need[@]}" -gt 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	missing_candidate=()
	for p in "${need[@]}"; do
		cand="$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ {print $2}')"
		if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then missing_candidate+=("$p"); fi
	done
	if [ "${#missing_candidate[@]}" -gt 0 ]; then
		log "apt-get update (no install candidate yet for ${missing_candidate[*]})"
		apt-get update -q </dev/null >&2
	fi
	# policy-rc.d 101: keep the package scripts from starting system-wide services (we start our own)
	policy=/usr/sbin/policy-rc.d
	created_policy=0
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
	fi
	log "apt-get install -y ${need[*]}"
	set +e
	apt-get install -y -q --no-install-recommends "${need[@]}" </dev/null >&2
	rc=$?
	set -e
	[ "$created_policy" = 1 ] && rm -f "$policy"
	[ "$rc" = 0 ] || { log "apt-get install failed ($rc)"; exit "$rc"; }
fi

REDIS="$(find_redis)" || { log "redis-server still missing"; exit 1; }
PG_BIN="$(find_pg_bin)" || { log "postgresql binaries still missing"; exit 1; }
echo "REDIS_SERVER=$REDIS"
echo "PG_BIN=$PG_BIN"
