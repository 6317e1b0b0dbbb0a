#!/usr/bin/env bash
# Whole-process benchmark of the noticelint binary: builds the release binary,
# generates corpora (reused when already there), measures wall time, MB/s and
# peak RSS, and prints a table against the targets. See bench/RESULTS.md.
#
#   bench/run.sh              # everything (about 5 minutes on 2 cores, after the build)
#   bench/run.sh --quick      # 1 file, 1,000 files and packs only; fewer runs
#
# Environment:
#   BENCH_DIR   where corpora, outputs and results go (default: $TMPDIR/noticelint-bench);
#               kept between runs so that the corpora are generated once
#   FORMAT      output format measured (default: human, the CLI's default); the
#               output goes to a file, never /dev/null: writing it is part of the cost
#   BIN         an already built binary to measure instead of building one
#   HYPERFINE   path of hyperfine (default: found on PATH); empty: loop over /usr/bin/time
#   CARGO_TARGET_DIR is honoured by the build.
#
# Needs bash, python3 (generator and summary), /usr/bin/time; uses hyperfine
# when installed, else a loop over /usr/bin/time.
set -euo pipefail

QUICK=0
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=1 ;;
        -h | --help)
            sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'
            exit 0
            ;;
        *)
            echo "bench/run.sh: unknown argument '$arg' (see --help)" >&2
            exit 2
            ;;
    esac
done

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-${TMPDIR:-/tmp}/noticelint-bench}"
FORMAT="${FORMAT:-human}"
mkdir -p "$BENCH_DIR"/{bin,corpus,out,results}
RESULTS="$BENCH_DIR/results"
# Results of an earlier run (a full one before a --quick one) must not show
# up in this run's summary as if measured now.
rm -f "$RESULTS"/*.json "$RESULTS"/*.rss "$RESULTS"/summary.md
SCRATCH="$(mktemp -d "$BENCH_DIR/tmp.XXXXXX")"
cleanup() { rm -rf "$SCRATCH"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -x /usr/bin/time ]]; then
    echo "bench/run.sh: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2
    exit 2
fi
HYPERFINE="${HYPERFINE-$(command -v hyperfine || true)}"

log() { printf '\n== %s\n' "$*" >&2; }

# --- Binary ------------------------------------------------------------------
if [[ -n "${BIN:-}" ]]; then
    cp "$BIN" "$BENCH_DIR/bin/noticelint"
else
    log "building release binary"
    "$REPO/bench/build.sh" "$BENCH_DIR/bin/noticelint"
fi
NL="$BENCH_DIR/bin/noticelint"
"$NL" --version >&2

# --- Corpora -----------------------------------------------------------------
SOURCES=("$REPO/examples/clean/notice.txt")
if [[ -d /work/shared/corpus ]]; then
    for f in /work/shared/corpus/*.txt; do
        [[ -e "$f" ]] && SOURCES+=("$f")
    done
fi
SOURCE_ARGS=()
for f in "${SOURCES[@]}"; do SOURCE_ARGS+=(--source "$f"); done

# corpus NAME FILES SIZE: generates $BENCH_DIR/corpus/NAME unless a corpus made
# by the same generator, sources and arguments is there.
corpus() {
    local name="$1" files="$2" size="$3"
    local dir="$BENCH_DIR/corpus/$name"
    local key
    key="$(cat "$REPO/bench/generate.py" "${SOURCES[@]}" | sha256sum | cut -c1-16) files=$files size=$size seed=1"
    if [[ -f "$dir/.stamp" && "$(cat "$dir/.stamp")" == "$key" ]]; then
        return
    fi
    log "generating corpus $name ($files files, size $size)"
    rm -rf "$dir" "$dir.part"
    python3 "$REPO/bench/generate.py" --out "$dir.part" --files "$files" --size "$size" --seed 1 \
        "${SOURCE_ARGS[@]}"
    mv "$dir.part" "$dir"
    echo "$key" >"$dir/.stamp"
}

corpus one 1 20k
corpus c1000 1000 20k
if [[ $QUICK == 0 ]]; then
    corpus c10000 10000 20k
    corpus mix1000 1000 mix
fi

# --- Measurement ---------------------------------------------------------------
# measure NAME RUNS WARMUP CMD...: wall times of RUNS runs into
# $RESULTS/NAME.json (hyperfine's format, or the same shape from the loop),
# stdout to $BENCH_DIR/out/NAME.out, then one run under /usr/bin/time for the
# peak RSS into $RESULTS/NAME.rss (KB).
measure() {
    local name="$1" runs="$2" warmup="$3"
    shift 3
    local out="$BENCH_DIR/out/$name.out"
    log "$name: $*"
    if [[ -n "$HYPERFINE" ]]; then
        # -i: exit code 1 (findings) is the normal outcome here.
        "$HYPERFINE" -N -i --style basic --warmup "$warmup" --runs "$runs" \
            --output "$out" --export-json "$RESULTS/$name.json" -n "$name" -- "$(printf '%q ' "$@")" >&2
    else
        # /usr/bin/time counts in 10 ms steps: too coarse for one file. Wall
        # time from a monotonic clock, CPU time from the children's rusage,
        # written in the shape of hyperfine's JSON.
        python3 - "$name" "$runs" "$warmup" "$out" "$@" >"$RESULTS/$name.json" <<'PY'
import json, resource, subprocess, sys, time
name, runs, warmup, out, cmd = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5:]
times, user, system = [], [], []
for i in range(warmup + runs):
    with open(out, "wb") as sink:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if i >= warmup:
        times.append(wall)
        user.append(after.ru_utime - before.ru_utime)
        system.append(after.ru_stime - before.ru_stime)
print(json.dumps({"results": [{"command": name, "times": times,
    "user": sum(user) / len(user), "system": sum(system) / len(system)}]}))
PY
    fi
    /usr/bin/time -f '%M' -o "$SCRATCH/rss" "$@" >"$out" 2>/dev/null || true
    tail -n1 "$SCRATCH/rss" >"$RESULTS/$name.rss"
}

cd "$BENCH_DIR/corpus"
COMMON=(--no-config --color never --format "$FORMAT")
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ $QUICK == 1 ]]; then R1=20 R1K=3 R10K=0; else R1=50 R1K=10 R10K=3; fi
# The floor: starting and ending the process, no packs, no files.
measure version "$R1" 3 "$NL" --version
measure packs "$R1" 3 "$NL" packs
measure one "$R1" 3 "$NL" check "${COMMON[@]}" one/notice-00000.txt
measure c1000 "$R1K" 1 "$NL" check "${COMMON[@]}" c1000
if [[ $QUICK == 0 ]]; then
    measure c10000 "$R10K" 1 "$NL" check "${COMMON[@]}" c10000
    measure mix1000 "$R1K" 1 "$NL" check "${COMMON[@]}" mix1000
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

# A digest of the findings on the 1,000-file corpus: an optimisation must not
# change it (paths are relative, so it is the same wherever BENCH_DIR is).
"$NL" check --no-config --format json c1000 >"$BENCH_DIR/out/c1000.json" 2>/dev/null || true
digest="$(sha256sum <"$BENCH_DIR/out/c1000.json" | cut -c1-16)"
findings="$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(sum(len(f["diagnostics"]) for f in d["files"]))' "$BENCH_DIR/out/c1000.json")"

# --- Summary -------------------------------------------------------------------
python3 - "$RESULTS" "$BENCH_DIR/corpus" "$FORMAT" "$load_before" "$load_after" "$digest" "$findings" <<'EOF' | tee "$RESULTS/summary.md"
import json, os, statistics, sys

results, corpora, fmt, load_before, load_after, digest, findings = sys.argv[1:8]

def corpus_bytes(name):
    d = os.path.join(corpora, name)
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.endswith((".txt", ".md")))

rows = [
    # name, what, corpus dir (for bytes), target seconds, target MB/s
    ("version", "noticelint --version (process start and exit)", None, None, None),
    # The ≤ 3 ms target of pack load + compile is an in-process figure
    # (criterion packs/load/default); this row is the whole process.
    ("packs", "noticelint packs (load + compile + list)", None, None, None),
    ("one", "1 × 20 KB notice", "one", 0.010, None),
    ("c1000", "1,000 × 20 KB", "c1000", 0.4, 50),
    ("c10000", "10,000 × 20 KB", "c10000", None, None),
    ("mix1000", "1,000 × 5–50 KB (mean 20 KB)", "mix1000", None, None),
]
model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
mem = next((int(l.split()[1]) // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
print(f"machine: {os.cpu_count()} CPUs ({model}), {mem} MB memory; usable CPUs {len(os.sched_getaffinity(0))}")
print(f"format: {fmt}; load average before {load_before}, after {load_after}")
if float(load_before.split()[0]) > 0.5:
    print("warning: the machine was busy when the run started; wall times are pessimistic, "
          "CPU time is the steadier figure")
print()
print("| case | files × size | median wall | mean ± sd | min | CPU user+sys (mean) | MB/s (median wall) | peak RSS | target | met |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |")
rss = {}
medians = {}
for name, what, corpus, t_target, mbs_target in rows:
    path = os.path.join(results, name + ".json")
    if not os.path.exists(path):
        continue
    result = json.load(open(path))["results"][0]
    times = result["times"]
    cpu = result.get("user", 0.0) + result.get("system", 0.0)
    median = statistics.median(times)
    medians[name] = median
    mean = statistics.mean(times)
    sd = statistics.stdev(times) if len(times) > 1 else 0.0
    kb = int(open(os.path.join(results, name + ".rss")).read().strip() or 0)
    rss[name] = kb
    mbs = ""
    if corpus:
        mb = corpus_bytes(corpus) / 1e6
        mbs = f"{mb / median:.1f}"
    target, met = "", ""
    if t_target is not None:
        target = f"≤ {t_target * 1000:g} ms" if t_target < 1 else f"≤ {t_target:g} s"
        ok = median <= t_target
        if mbs_target:
            target += f", ≥ {mbs_target} MB/s"
        met = "yes" if ok else "no"
    def ms(s):
        return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
    print(f"| {name} | {what} | {ms(median)} | {ms(mean)} ± {ms(sd)} | {ms(min(times))} | {ms(cpu)} | {mbs} | {kb / 1024:.1f} MB | {target} | {met} |")
print()
if "packs" in medians and "version" in medians:
    cold = (medians["packs"] - medians["version"]) * 1000
    print(f"pack load + compile, cold, in a fresh process (packs − version): {cold:.1f} ms; "
          "the ≤ 3 ms target is measured in process: cargo bench --bench lint -- packs/load")
peak = max(rss.values()) if rss else 0
print(f"peak RSS over all cases: {peak / 1024:.1f} MB (target ≤ 64 MB: {'met' if peak <= 64 * 1024 else 'not met'})")
if "c1000" in rss and "c10000" in rss:
    growth = rss["c10000"] / max(1, rss["c1000"])
    print(f"RSS 1,000 → 10,000 files: {rss['c1000'] / 1024:.1f} → {rss['c10000'] / 1024:.1f} MB (×{growth:.2f}; flat means ≤ ×1.2: {'met' if growth <= 1.2 else 'not met'})")
print(f"findings on c1000: {findings}; JSON output digest {digest} (must not change with an optimisation)")
EOF
echo "results in $RESULTS (hyperfine JSON per case, summary.md); outputs in $BENCH_DIR/out" >&2
