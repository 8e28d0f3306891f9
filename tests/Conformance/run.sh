#!/usr/bin/env bash
# Conformance suite: drives the CancelJobs emulator with the official AWS SDK for JavaScript v3.
# Usage: tests/Conformance/run.sh [extra node --test args]
# Env: EMULATOR_CONFIGURATION (default Release), EMULATOR_NO_BUILD=1 (use an existing build),
#      EMULATOR_URL (use an already running emulator), CONFORMANCE_JUNIT=FILE (also write node's JUnit report
#      there: build.ps1 counts passes and failures from it).
set -euo pipefail

src="${BASH_SOURCE[0]}"; if [[ "$src" == */* ]]; then here="${src%/*}"; else here=.; fi
here="$(cd "$here" && pwd)"
cd "$here"

fail() { echo "conformance: ERROR: $*" >&2; exit 2; }

command -v node >/dev/null 2>&1 || fail "node is not installed or not on PATH (need Node.js >= 20; https://nodejs.org)"
command -v npm  >/dev/null 2>&1 || fail "npm is not installed or not on PATH (it ships with Node.js)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "node $(node --version) is too old; the pinned AWS SDK v3 clients need node >= 20"
if [ -z "${EMULATOR_URL:-}" ]; then
  command -v dotnet >/dev/null 2>&1 || fail "dotnet is not installed or not on PATH (needed to build and run src/CancelJobs.Emulator)"
fi

echo "conformance: npm ci" >&2
npm ci --no-audit --no-fund --loglevel=error >/dev/null || fail "npm ci failed (is the npm registry reachable? run 'npm ci' in $here to see why)"

echo "conformance: node --test (node $(node --version))" >&2
reporters=(--test-reporter=spec --test-reporter-destination=stdout)
if [ -n "${CONFORMANCE_JUNIT:-}" ]; then
  reporters+=(--test-reporter=junit "--test-reporter-destination=$CONFORMANCE_JUNIT")
fi
exec node --test "${reporters[@]}" "$@" test/
