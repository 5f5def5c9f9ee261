"""Measure pumpplan's speed against baselines taken in the same run.

The machine is shared and noisy, so each figure is the median of several
interleaved runs, and start-up is reported as a ratio to a bare Typer
hello-world rather than in absolute seconds. Run: python benchmarks/bench.py
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
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
THOUSAND = ["plan", "2030-01-07 10:00", "--rrule", "FREQ=DAILY;INTERVAL=3;COUNT=1000", "--tz", "UTC"]
ROUNDS = 15


def seconds(command: list[str]) -> float:
    """Return the wall time of one run of a command."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def medians(commands: dict[str, list[str]]) -> dict[str, float]:
    """Return each command's median time over interleaved rounds."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(ROUNDS):
        for name, command in commands.items():
            times[name].append(seconds(command))
    return {name: statistics.median(values) for name, values in times.items()}


def in_process_1000() -> tuple[float, int]:
    """Return the median time and peak memory of building and rendering 1,000 infusions as JSON."""
    from pumpplan.app import Request, build
    from pumpplan.core.model import Report
    from pumpplan.render import render

    request = Request(when=[THOUSAND[1]], rrule=THOUSAND[3], tz="UTC")
    now = datetime(2030, 1, 1, tzinfo=UTC)
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        render(Report(build(request, now)), "json")
        runs.append(time.perf_counter() - start)
    tracemalloc.start()
    render(Report(build(request, now)), "json")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(runs), peak


def icalendar_imported(args: list[str]) -> bool:
    """Return whether running pumpplan with these arguments imports icalendar."""
    probe = (
        "import sys, contextlib, io\n"
        "from pumpplan.cli import main\n"
        f"sys.argv = ['pumpplan', *{args!r}]\n"
        "with contextlib.redirect_stdout(io.TextIOWrapper(io.BytesIO())), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "print('icalendar' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True)
    return result.stdout.strip().endswith("True")


def main() -> None:
    """Print the figures."""
    script = Path(sys.executable).with_name("pumpplan")
    with tempfile.TemporaryDirectory() as folder:
        hello = Path(folder) / "hello.py"
        hello.write_text(HELLO, encoding="utf-8")
        times = medians(
            {
                "hello --help": [sys.executable, str(hello), "--help"],
                "pumpplan --help": [str(script), "--help"],
                "6-infusion table": [str(script), *COURSE],
                "1,000-infusion json": [str(script), *THOUSAND, "--format", "json"],
                "6-infusion ics": [str(script), *COURSE, "--format", "ics"],
            }
        )
    baseline = times["hello --help"]
    print(f"baseline: Typer hello-world --help   {baseline * 1000:7.1f} ms (median of {ROUNDS})")
    for name, value in times.items():
        if name != "hello --help":
            print(f"{name:<34} {value * 1000:7.1f} ms  = {value / baseline:4.2f} x baseline")
    plan_time, peak = in_process_1000()
    print(f"1,000-infusion plan + JSON in-process {plan_time * 1000:7.1f} ms (target < 500 ms)")
    print(f"peak Python memory for it            {peak / 2**20:7.1f} MiB")
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"peak RSS of any pumpplan process     {children / 1024:7.1f} MiB")
    ratio = times["pumpplan --help"] / baseline
    print(f"--help ratio {ratio:.2f} (target <= 1.2): {'ok' if ratio <= 1.2 else 'OVER'}")
    cases = {
        "--help": ["--help"],
        "6-infusion table": COURSE,
        "1,000-infusion json": [*THOUSAND, "--format", "json"],
        "6-infusion ics": [*COURSE, "--format", "ics"],
    }
    imports = {name: icalendar_imported(args) for name, args in cases.items()}
    print("icalendar imported:", json.dumps(imports))


if __name__ == "__main__":
    main()
