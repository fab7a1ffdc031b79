#!/usr/bin/env python3
"""Where a Kurz replica spends its CPU, kernel included, from async-profiler's collapsed stacks
(event=cpu, threads): each sample goes to a step of the redirect path as in bench/jfr-breakdown.py,
and samples inside a system call are also listed by system call and the Java method that made it.
JFR sees only Java frames; this shows what the kernel does for the app (socket reads and writes,
thread wake-ups, epoll).

    bench/cpu-breakdown.py stacks.collapsed

bench/redirect.sh --cpu-profile records the stacks and keeps the output.
"""
import importlib.util
import os
import sys
from collections import Counter

_spec = importlib.util.spec_from_file_location(
    "jfr_breakdown", os.path.join(os.path.dirname(os.path.abspath(__file__)), "jfr-breakdown.py"))
_jfr = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_jfr)


def read(path):
    """(thread name, frames root first, count) per line of collapsed stacks."""
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack or not count.isdigit():
                continue
            frames = stack.split(";")
            thread = ""
            if frames and frames[0].startswith("["):
                thread = frames.pop(0).strip("[]").split(" tid=")[0]
            yield thread, [f.replace("/", ".") for f in frames], int(count)


def syscall_of(frames):
    """(system call, Java method that made it) for a sample inside a system call, else None."""
    if "do_syscall_64_[k]" not in frames:
        return None
    i = frames.index("do_syscall_64_[k]")
    call = "return to user space (rescheduled)"
    for f in frames[i + 1:]:
        for prefix in ("__x64_sys_", "__se_sys_", "__do_sys_", "ksys_"):
            if f.startswith(prefix):
                call = f[len(prefix):].replace("_[k]", "")
                break
        else:
            continue
        break
    java = [f for f in frames[:i] if "." in f and not f.endswith("_[k]") and "(" not in f]
    return call, (java[-1] if java else "(native)")


def table(title, counts, total, width=72, top=None):
    print(f"{title:<{width}} {'samples':>8} {'share':>7}")
    rows = counts.most_common(top)
    small = 0
    for key, count in rows:
        if top is None and key.startswith("other: ") and count / total < 0.01:
            small += count
            continue
        print(f"{key:<{width}} {count:>8} {100 * count / total:>6.1f}%")
    if small:
        print(f"{'other (each under 1%)':<{width}} {small:>8} {100 * small / total:>6.1f}%")


def main():
    steps = Counter()
    calls = Counter()
    callers = Counter()
    total = kernel = 0
    for thread, frames, count in read(sys.argv[1]):
        total += count
        steps[_jfr.step_for(thread, frames[::-1])] += count
        if any(f.endswith("_[k]") for f in frames):
            kernel += count
        call = syscall_of(frames)
        if call:
            calls[call[0]] += count
            callers[f"{call[0]} <- {call[1]}"] += count
    if total == 0:
        print("no samples")
        return
    table("step (as bench/jfr-breakdown.py; kernel time counted with its step)", steps, total)
    print(f"{'total':<72} {total:>8}")
    print()
    print(f"in the kernel: {kernel} samples, {100 * kernel / total:.1f}%; inside system calls: "
          f"{sum(calls.values())}, {100 * sum(calls.values()) / total:.1f}%")
    print()
    table("system call", calls, total, top=12)
    print()
    table("system call <- Java method making it", callers, total, width=100, top=20)


if __name__ == "__main__":
    main()
