#!/usr/bin/env python3
"""Runs a command and samples its resident set size every 5 ms: prints the
first line of its stderr (say, drlint's --timings), about 40 samples over
time, and the maximum. Shows which stage of a scan the memory peak is in.

    python3 bench/rss.py build/drlint scan /tmp/gen10k --format sarif -o /dev/null --timings -j1
"""
import subprocess, time, sys
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
t0 = time.time(); samples = []
while p.poll() is None:
    try:
        for line in open(f"/proc/{p.pid}/status"):
            if line.startswith("VmRSS"): samples.append((time.time()-t0, int(line.split()[1])//1024))
    except Exception: pass
    time.sleep(0.005)
err = p.stderr.read().decode()
print(err.splitlines()[0] if err else "")
step = max(1, len(samples)//40)
for t, r in samples[::step]: print(f"{t:6.3f}s {r:5d} MiB")
print("max", max(r for _, r in samples))
