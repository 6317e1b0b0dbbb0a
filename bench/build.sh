#!/usr/bin/env bash
# Builds the release binary and copies it to DEST at once (another worktree
# sharing CARGO_TARGET_DIR may rebuild it while a benchmark runs). Cargo's
# environment is honoured, e.g. CARGO_PROFILE_RELEASE_DEBUG=true for profiles.
#
#   bench/build.sh DEST
set -euo pipefail
if [[ $# -ne 1 ]]; then
    echo "usage: bench/build.sh DEST" >&2
    exit 2
fi
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exe="$(cd "$REPO" && cargo build --release --bin noticelint --message-format=json-render-diagnostics |
    python3 -c '
import json, sys
exe = ""
for line in sys.stdin:
    try:
        msg = json.loads(line)
    except ValueError:
        continue
    if msg.get("reason") == "compiler-artifact" and msg.get("executable"):
        exe = msg["executable"]
print(exe)')"
if [[ -z "$exe" ]]; then
    echo "bench/build.sh: cargo build gave no executable" >&2
    exit 2
fi
mkdir -p "$(dirname "$1")"
cp "$exe" "$1"
