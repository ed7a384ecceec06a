#!/usr/bin/env bash
# npm start: scripts/sandbox.ts builds the package, installs n8n once, and runs the emulator and n8n.
# `exec` and tsx as a loader (not the tsx CLI, which is one more process in between) leave npm → node, so
# the signals npm forwards (SIGINT, SIGTERM) reach the sandbox, which stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
exec node --import tsx scripts/sandbox.ts "$@"
