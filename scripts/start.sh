#!/usr/bin/env bash
# npm start: scripts/sandbox.cts builds the package, installs n8n once, and runs the emulator and n8n.
# npm forwards SIGINT and SIGTERM only to its direct child, the `sh -c` running the script; a waiting sh
# holds on to SIGINT. So `exec` here and in package.json's "start", and tsx as a loader (the tsx CLI would be
# one more process in between): npm's child is the sandbox itself, which stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node -r tsx/cjs scripts/sandbox.cts "$@"
