#!/usr/bin/env bash
# npm start: build the package, then bring up the emulator and a local n8n with it (see scripts/sandbox.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
npm run build >/dev/null
exec npx tsx scripts/sandbox.ts "$@"
