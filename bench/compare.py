#!/usr/bin/env python3
"""Compare the wall time of commands run in turn, for start-up changes.

On a shared or virtual machine the speed drifts by 10-20 % from one minute to
the next, more than a start-up change of a millisecond. hyperfine runs one
command's runs together, so drift lands on one side; this script runs the
commands in turn (A, B, A, B, ...), so that drift lands on both, and reports
each command's median with a bootstrap 95 % interval of its difference from
the first command's median.

    bench/compare.py --runs 200 -- \\
        "/tmp/old/noticelint check --no-config one/notice-00000.txt" \\
        "target/release/noticelint check --no-config one/notice-00000.txt"

Commands are split like a shell would (shlex) but not run through a shell, so
that the shell's start-up is not measured; output goes to /dev/null. The
exit code of a command is not checked (a lint run with findings exits 1).
"""

import argparse
import random
import shlex
import statistics
import subprocess
import sys
import time


def measure(commands, runs, warmup):
    times = [[] for _ in commands]
    for i in range(warmup + runs):
        for k, argv in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            elapsed = (time.perf_counter() - start) * 1000
            if i >= warmup:
                times[k].append(elapsed)
    return times


def bootstrap_difference(base, other, rounds=2000, seed=1):
    """95 % interval of median(other) - median(base), resampling both."""
    rng = random.Random(seed)
    diffs = []
    for _ in range(rounds):
        a = [rng.choice(base) for _ in base]
        b = [rng.choice(other) for _ in other]
        diffs.append(statistics.median(b) - statistics.median(a))
    diffs.sort()
    return diffs[int(0.025 * rounds)], diffs[int(0.975 * rounds) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=100, help="runs of each command (default 100)")
    parser.add_argument("--warmup", type=int, default=5, help="unmeasured rounds first (default 5)")
    parser.add_argument("commands", nargs="+", help="commands to compare; the first is the base")
    args = parser.parse_args()
    if args.runs < 10:
        parser.error("--runs must be at least 10")
    commands = [shlex.split(c) for c in args.commands]
    times = measure(commands, args.runs, args.warmup)
    base = times[0]
    print(f"{args.runs} runs each, in turn; wall time in ms")
    print(f"{'median':>8} {'p25':>8} {'p75':>8} {'min':>8}  {'vs first (95 % interval)':<28} command")
    for k, command in enumerate(args.commands):
        ts = sorted(times[k])
        quartile = len(ts) // 4
        versus = ""
        if k > 0:
            low, high = bootstrap_difference(base, times[k])
            diff = statistics.median(ts) - statistics.median(base)
            versus = f"{diff:+.2f} ({low:+.2f} … {high:+.2f})"
        print(
            f"{statistics.median(ts):8.2f} {ts[quartile]:8.2f} {ts[-quartile - 1]:8.2f} "
            f"{ts[0]:8.2f}  {versus:<28} {command}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
