#!/usr/bin/env bash
# Installs Debian's Chromium for the editor screenshots (screenshots.e2e.test.cts), if it is not there yet.
# Non-interactive (no stdin needed). Prints the browser path on the last line of stdout.
# Exit codes: 0 = browser available; 3 = cannot install here (no apt-get, or not root and no sudo) so the
# caller may skip; anything else = the install itself failed.
# Env: CHROMIUM_PATH (use this browser instead; nothing is installed).
set -euo pipefail

if [ -n "${CHROMIUM_PATH:-}" ]; then
	if [ -x "$CHROMIUM_PATH" ]; then echo "$CHROMIUM_PATH"; exit 0; fi
	echo "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable" >&2
	exit 1
fi
for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
	if [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done

if ! command -v apt-get >/dev/null 2>&1; then
	echo "install-chromium: apt-get is not available; cannot install Chromium" >&2
	exit 3
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		SUDO=(sudo -n)
	else
		echo "install-chromium: not root and no password-less sudo; cannot install Chromium" >&2
		exit 3
	fi
fi

export DEBIAN_FRONTEND=noninteractive
# one installer at a time (two test runs on the same machine)
# the lock lives in the cache folder, not in /tmp: scripts/test-all.sh fails a run that leaves synclabs-* there
LOCK_DIR="${SYNCLABS_E2E_CACHE:-$HOME/.cache/n8n-nodes-synclabs}/locks"; mkdir -p "$LOCK_DIR"
exec 9>"$LOCK_DIR/install-chromium.lock"
flock 9
if [ ! -x /usr/bin/chromium ]; then
	echo "install-chromium: apt-get install chromium" >&2
	"${SUDO[@]}" apt-get update -qq </dev/null >&2
	"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium </dev/null >&2
fi
[ -x /usr/bin/chromium ] || { echo "install-chromium: /usr/bin/chromium missing after install" >&2; exit 1; }
echo /usr/bin/chromium
