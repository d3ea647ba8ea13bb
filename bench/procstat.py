"""Run a command and measure its whole process tree: wall time, CPU, peak memory.

Peak memory is the peak of the tree's summed PSS (proportional set size, Linux
``/proc/<pid>/smaps_rollup``): worker processes share pages with their parent, and
summing RSS would count those twice. CPU is user+sys of every process the tree ever had
(sampled from ``/proc/<pid>/stat``), so ``cpu / wall`` shows idle cores: 2.0 on a 2-core
machine means both were busy the whole time.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Measured", "measure"]

_TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Measured:
    wall: float
    cpu: float
    peak_mb: float
    returncode: int

    @property
    def utilisation(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


def _children(pid: int) -> list[int]:
    """The process's children; none when it exited while the tree was being walked."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(x) for x in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _tree(pid: int) -> list[int]:
    pids, i = [pid], 0
    while i < len(pids):
        pids += _children(pids[i])
        i += 1
    return pids


def _cpu(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / _TICK


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None,
            every: float = 0.05) -> Measured:
    """Run ``cmd`` to the end (output discarded), sampling its tree every ``every`` seconds."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    cpu: dict[int, float] = {}
    peak = 0
    while proc.poll() is None:
        total = 0
        for pid in _tree(proc.pid):
            used = _cpu(pid)
            if used is not None:
                cpu[pid] = used
            total += _pss_kb(pid)
        peak = max(peak, total)
        time.sleep(every)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        tail = (proc.stderr.read() if proc.stderr else b"")[-1500:]
        raise RuntimeError(f"{cmd[:4]}... exited {proc.returncode}: {tail!r}")
    return Measured(wall, sum(cpu.values()), peak / 1024, proc.returncode)
