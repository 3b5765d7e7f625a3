#!/usr/bin/env python3
"""Benchmarks drlint against HashiCorp's HCL parser, measured in one run.

    bench/run.py [--reps 5] [--drlint build/drlint] [--sizes 1000,10000,50000]

For each input it runs `drlint scan --format sarif` (output discarded) and,
on the same .tf files, shared/tools/hcl-parse-bench (parse only, one
thread), and prints the median wall time, MB/s, peak RSS, and the ratios the
performance targets are stated in (docs/performance.md). These machines are
noisy: quote medians and ratios from one run, never one absolute time.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def run_once(cmd):
    """Runs cmd; returns (seconds, peak RSS bytes, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss * 1024, proc.returncode


def measure(cmd, reps):
    times, rss = [], []
    for _ in range(reps):
        t, r, code = run_once(cmd)
        if code not in (0, 1):
            sys.exit(f"command failed ({code}): {' '.join(cmd)}")
        times.append(t)
        rss.append(r)
    return statistics.median(times), max(rss)


def tree_bytes(path, suffixes=None):
    total = files = 0
    for d, _, names in os.walk(path):
        for n in names:
            if suffixes and not n.endswith(suffixes):
                continue
            total += os.path.getsize(os.path.join(d, n))
            files += 1
    return files, total


def copy_tf_only(src, dst):
    for d, _, names in os.walk(src):
        for n in names:
            if n.endswith(".tf"):
                rel = os.path.relpath(os.path.join(d, n), src)
                os.makedirs(os.path.dirname(os.path.join(dst, rel)), exist_ok=True)
                shutil.copyfile(os.path.join(d, n), os.path.join(dst, rel))


def row(label, files, nbytes, secs, rss):
    mbps = nbytes / secs / 1e6 if secs > 0 else float("inf")
    print(f"{label:<38} {files:>7} {nbytes / 1e6:>8.1f} MB {secs:>8.3f} s {mbps:>8.1f} MB/s {rss / 2**20:>8.1f} MiB")
    return mbps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--drlint", default=os.path.join(ROOT, "build", "drlint"))
    ap.add_argument("--sizes", default="1000,10000,50000")
    ap.add_argument("--jobs", default="")
    a = ap.parse_args()
    drlint = os.path.abspath(a.drlint)
    hcl_bench = os.path.join(SHARED, "tools", "hcl-parse-bench")
    work = tempfile.mkdtemp(prefix="drlint-bench-")
    jobs = ["--jobs", a.jobs] if a.jobs else []

    def scan(path, extra=()):
        return [drlint, "scan", path, "--root", path, "--format", "sarif", "--output", "/dev/null",
                "--fail-on", "never", *jobs, *extra]

    print(f"{'input':<38} {'files':>7} {'size':>11} {'median':>10} {'throughput':>13} {'peak RSS':>12}")
    results = {}
    # The .tf files of the corpus, and of each generated repository.
    inputs = [("corpus", os.path.join(SHARED, "corpus"))]
    for n in [int(x) for x in a.sizes.split(",") if x]:
        out = os.path.join(work, f"repo{n}")
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), out, "--files", str(n)],
                       check=True, stdout=subprocess.DEVNULL)
        inputs.append((f"gen{n}", out))
    for name, path in inputs:
        files, nbytes = tree_bytes(path, (".tf", ".tf.json", ".tfvars", ".yaml", ".yml", ".tfvars.json"))
        secs, rss = measure(scan(path), a.reps)
        results[(name, "all")] = (files, nbytes, secs, rss)
        row(f"drlint scan {name} (all files)", files, nbytes, secs, rss)
        # --cache-dir: one run fills the cache, then re-scans of the
        # unchanged repository reuse it.
        cache_dir = os.path.join(work, f"cache-{name}")
        fill, _ = measure(scan(path, ("--cache-dir", cache_dir)), 1)
        wsecs, wrss = measure(scan(path, ("--cache-dir", cache_dir)), a.reps)
        row(f"drlint scan {name} --cache-dir, unchanged", files, nbytes, wsecs, wrss)
        print(f"  -> cold (no cache) / re-scan with cache: {secs / wsecs:.2f}x "
              f"(the run that fills the cache: {fill:.3f} s)")
        results[(name, "cache")] = (secs / wsecs,)
        tf_dir = os.path.join(work, f"tf-{name}")
        copy_tf_only(path, tf_dir)
        tf_files, tf_bytes = tree_bytes(tf_dir, (".tf",))
        secs, rss = measure(scan(tf_dir), a.reps)
        d_mbps = row(f"drlint scan {name} (.tf only)", tf_files, tf_bytes, secs, rss)
        results[(name, "tf")] = (tf_files, tf_bytes, secs, rss)
        if os.path.exists(hcl_bench):
            hsecs, hrss = measure([hcl_bench, tf_dir], a.reps)
            h_mbps = row(f"hcl-parse-bench {name} (.tf only)", tf_files, tf_bytes, hsecs, hrss)
            print(f"  -> drlint / hclsyntax throughput on {name} .tf: {d_mbps / h_mbps:.2f}x")
    print()
    for name, _ in inputs:
        files, nbytes, secs, rss = results[(name, "all")]
        limit = 4 * nbytes + 64 * 2**20
        print(f"peak RSS {name}: {rss / 2**20:.1f} MiB, limit 4x input + 64 MiB = {limit / 2**20:.1f} MiB "
              f"({'ok' if rss <= limit else 'OVER'})")
    for name, _ in inputs:
        ratio = results[(name, "cache")][0]
        print(f"--cache-dir re-scan speed-up {name}: {ratio:.2f}x (target >= 5x)")
    if ("gen10000", "all") in results and ("gen50000", "all") in results:
        r = results[("gen50000", "all")][2] / results[("gen10000", "all")][2]
        print(f"50k / 10k wall time: {r:.2f}x (target <= 5.5x)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
