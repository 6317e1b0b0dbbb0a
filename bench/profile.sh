#!/usr/bin/env bash
# Where the time goes: perf profiles of the release binary (built with debug
# info) on one 20 KB notice and on 1,000 of them, reported by self and by
# inclusive time. Run bench/run.sh first (it makes the corpora).
#
#   bench/profile.sh          # writes $BENCH_DIR/results/profile-*.txt
#
# Environment: BENCH_DIR as for bench/run.sh; TOP (default 30) entries per table.
# Needs perf (linux-perf). The build sets CARGO_PROFILE_RELEASE_DEBUG=true, so
# it compiles the crates again once (into the same target directory, beside
# the plain release build).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/noticelint-bench}"
TOP="${TOP:-30}"
RESULTS="$BENCH_DIR/results"
PERF="$(command -v perf || true)"
if [[ -z "$PERF" ]]; then
    echo "bench/profile.sh: perf is needed (apt-get install linux-perf)" >&2
    exit 2
fi
for dir in one c1000; do
    if [[ ! -d "$BENCH_DIR/corpus/$dir" ]]; then
        echo "bench/profile.sh: no corpus $BENCH_DIR/corpus/$dir: run bench/run.sh first" >&2
        exit 2
    fi
done
mkdir -p "$RESULTS" "$BENCH_DIR/bin"
SCRATCH="$(mktemp -d "$BENCH_DIR/tmp.XXXXXX")"
cleanup() { rm -rf "$SCRATCH"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== building release binary with debug info" >&2
# The name is the process name perf filters on (at most 15 characters).
NL="$BENCH_DIR/bin/noticelint-dbg"
CARGO_PROFILE_RELEASE_DEBUG=true "$REPO/bench/build.sh" "$NL"

cd "$BENCH_DIR/corpus"
# profile NAME FREQ CMD...: record with DWARF call graphs (Rust keeps no frame
# pointers, so -g alone gives broken stacks), then report the top entries.
profile() {
    local name="$1" freq="$2"
    shift 2
    echo "== profiling $name: $*" >&2
    "$PERF" record -q -F "$freq" --call-graph dwarf,16384 -o "$SCRATCH/$name.data" -- "$@" \
        >/dev/null 2>&1 || true
    local report=("$PERF" report -i "$SCRATCH/$name.data" --comms noticelint-dbg
        --percentage relative --sort symbol --stdio -g none)
    # perf pads each line with columns this sort leaves empty.
    local trim=(sed -E -e '/^#/d' -e '/^$/d' -e 's/[[:space:]]+-[[:space:]]+-[[:space:]]*$//')
    {
        echo "# $name: $*"
        echo
        echo "## self time (top $TOP symbols; % of the samples in noticelint processes)"
        "${report[@]}" --no-children --percent-limit 0.3 2>/dev/null | "${trim[@]}" |
            awk -v n="$TOP" 'NR <= n'
        echo
        echo "## inclusive time (top $TOP noticelint functions; children, self)"
        "${report[@]}" --children --no-inline --percent-limit 0.5 2>/dev/null | "${trim[@]}" |
            { grep -F 'noticelint::' || true; } | awk -v n="$TOP" 'NR <= n'
        echo
        echo "## inclusive time (top $TOP symbols of any crate; children, self)"
        "${report[@]}" --children --no-inline --percent-limit 2 2>/dev/null | "${trim[@]}" |
            awk -v n="$TOP" 'NR <= n'
    } >"$RESULTS/profile-$name.txt"
    echo "   -> $RESULTS/profile-$name.txt" >&2
}

# One 20 KB notice lasts a few milliseconds: 200 runs in one recording.
cat >"$SCRATCH/one.sh" <<EOF
for i in \$(seq 200); do "$NL" check --no-config --color never one/notice-00000.txt >/dev/null 2>&1 || true; done
EOF
profile one 10000 bash "$SCRATCH/one.sh"
profile c1000 2000 "$NL" check --no-config --color never c1000
