"""Measure what users run, as ratios to a bare Typer hello-world timed in the same rounds.

Every figure is a whole command in its own process: the CPU time (user + system) and the
peak RSS of that process, read from ``os.wait4``, the median over interleaved rounds. The
machine is shared and noisy, so the speed is given as a ratio to the hello-world (Typer's
defaults, ``--help``) and growth as the ratio of 1,000 infusions to 100. No absolute bars.
Run: python benchmarks/bench.py (the ``pumpplan`` next to this Python is measured). Measure what
users install: a virtualenv with ``pip install .`` and nothing else; the test extras bring pytz
(through vobject), and Babel then finds the local zone through pytz, 10 ms slower.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HELLO = '''
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    print(f"hello {name}")


app()
'''
COURSE = ["plan", "2030-12-02 10:00", "--every", "mon,wed,fri", "--count", "6", "--tz", "America/Los_Angeles"]
FORMATS = ("table", "plain", "markdown", "csv", "json", "ics", "html")
GROWING = ("ics", "html", "table")
LIGHT_ROUNDS = 9  # start-up sized commands
HEAVY_ROUNDS = 3  # 1,000 infusions: each run is long enough to be steady
HEAVY = 1000
PACKAGES = ("pydantic", "icalendar", "rich", "babel", "caldav", "segno")


def series(count: int) -> list[str]:
    """Return the arguments of a plan of ``count`` infusions, one every three days."""
    return ["plan", "2030-01-07 10:00", "--rrule", f"FREQ=DAILY;INTERVAL=3;COUNT={count}", "--tz", "UTC"]


@dataclass(frozen=True)
class Run:
    """One process: its wall and CPU seconds and its peak resident memory in bytes."""

    wall: float
    cpu: float
    rss: int


def run(command: list[str]) -> Run:
    """Run a command once, its output discarded, and return what it cost."""
    env = {**os.environ, "LANG": "C.UTF-8", "NO_COLOR": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    # ru_maxrss is in KiB on Linux.
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def measure(commands: dict[str, list[str]], rounds: int) -> dict[str, Run]:
    """Return each command's median run over interleaved rounds, the hello-world in every round."""
    runs: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            runs[name].append(run(command))
    return {
        name: Run(
            statistics.median(r.wall for r in found),
            statistics.median(r.cpu for r in found),
            max(r.rss for r in found),
        )
        for name, found in runs.items()
    }


def imported(command: list[str]) -> list[str]:
    """Return which of the heavy packages a command imports, read from ``-X importtime``."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", *command], capture_output=True, text=True, check=True
    )
    names = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    return [package for package in PACKAGES if package in names]


def main() -> None:
    """Print the figures as a Markdown table."""
    started = time.perf_counter()
    script = str(Path(sys.executable).with_name("pumpplan"))
    # As pip does when it installs: an editable checkout run with PYTHONDONTWRITEBYTECODE=1 would
    # otherwise compile every module of pumpplan in every run, some 30 ms.
    spec = importlib.util.find_spec("pumpplan")
    if spec is None or spec.origin is None:
        raise SystemExit("pumpplan is not installed next to this Python")
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        hello = Path(folder) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        baseline = [sys.executable, str(hello), "--help"]
        light = {"hello-world --help": baseline, "pumpplan --help": [script, "--help"]}
        light["pumpplan plan --help"] = [script, "plan", "--help"]
        light |= {f"6 infusions, {fmt}": [script, *COURSE, "-f", fmt] for fmt in FORMATS}
        light |= {
            f"{n} infusions, {fmt}": [script, *series(n), "-f", fmt] for n in (10, 100) for fmt in GROWING
        }
        heavy = {"hello-world --help": baseline}
        heavy |= {f"{HEAVY} infusions, {fmt}": [script, *series(HEAVY), "-f", fmt] for fmt in FORMATS}
        results = measure(light, LIGHT_ROUNDS)
        results |= measure(heavy, HEAVY_ROUNDS)
    hello_cpu = results["hello-world --help"].cpu
    print(f"Baseline: a Typer hello-world --help, {hello_cpu * 1000:.0f} ms CPU (median).\n")
    print("| command | wall ms | CPU ms | CPU ÷ hello-world | peak RSS MiB |")
    print("|---|---:|---:|---:|---:|")
    for name, found in results.items():
        print(
            f"| {name} | {found.wall * 1000:.0f} | {found.cpu * 1000:.0f} | "
            f"{found.cpu / hello_cpu:.2f}x | {found.rss / 2**20:.0f} |"
        )
    print("\n| growth, 1,000 ÷ 100 infusions | CPU | peak RSS | 1,000 ÷ JSON at 1,000 (CPU) |")
    print("|---|---:|---:|---:|")
    json_cpu = results[f"{HEAVY} infusions, json"].cpu
    for fmt in GROWING:
        large, small = results[f"{HEAVY} infusions, {fmt}"], results[f"100 infusions, {fmt}"]
        growth = f"{large.cpu / small.cpu:.1f} | {large.rss / small.rss:.1f}"
        print(f"| {fmt} | {growth} | {large.cpu / json_cpu:.1f} |")
    print("\n| what runs | heavy packages imported |")
    print("|---|---|")
    for name, command in {
        "pumpplan --help": ["-m", "pumpplan", "--help"],
        "pumpplan plan --help": ["-m", "pumpplan", "plan", "--help"],
        "6 infusions, json": ["-m", "pumpplan", *COURSE, "-f", "json"],
    }.items():
        print(f"| {name} | {', '.join(imported(command)) or 'none'} |")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
