#!/usr/bin/env python3
"""Reads `strace -f` logs of Comptoir against deploy/comptoir.service's sandbox
(tests/scripts/deploy_sandbox.test.sh): what the processes did must be what the unit allows.

    sandbox_trace.py UNIT ALLOWED_SYSCALLS WRITABLE_DIR[,WRITABLE_DIR…] TRACE… (strace -ff files)

ALLOWED_SYSCALLS is a file of the system calls the unit's SystemCallFilter= lets through (one a
line, expanded by systemd-analyze). WRITABLE_DIR are the folders the unit makes writable, as the
test maps them (MEDIA_DIR, COMPTOIR_BACKUP_DIR, the private /tmp). Prints `ok - …` / `not ok - …`;
exit 1 when a check failed.
"""

import re
import sys
from pathlib import Path

unit_path, allowed_path, writable_arg, *traces = sys.argv[1:]
unit = Path(unit_path).read_text()
allowed = set(Path(allowed_path).read_text().split())
writable = [Path(p) for p in writable_arg.split(",") if p]
failures = 0


def report(problems, what, limit=8):
    global failures
    if problems:
        failures += 1
        print(f"not ok - {what}:")
        for problem in sorted(problems)[:limit]:
            print(f"#   {problem}")
    else:
        print(f"ok - {what}")


def directive(name):
    values = re.findall(rf"^{name}=(.*)$", unit, re.M)
    return values[-1].split() if values else []


# strace -ff: one file per process, so no call is split in two halves.
CALL = re.compile(r"^([a-z_0-9]+)\((.*)$")
used, exec_memory, families, writes = set(), [], set(), []
for trace in traces:
    for line in Path(trace).read_text(errors="replace").splitlines():
        match = CALL.match(line)
        if not match:
            continue
        name, rest = match[1], match[2]
        used.add(name)
        failed = re.search(r"\) += -1 ", rest) is not None or rest.endswith("= ?")
        # MemoryDenyWriteExecute=: no mapping both writable and executable, no mprotect to exec.
        if name in ("mmap", "mprotect", "pkey_mprotect") and not failed:
            if "PROT_EXEC" in rest and ("PROT_WRITE" in rest or name != "mmap"):
                exec_memory.append(f"{Path(trace).name}: {line[:140]}")
        if name == "socket" and not failed:
            family = re.match(r"(AF_[A-Z0-9]+)", rest)
            if family:
                families.add(family[1])
        # ProtectSystem=strict: a write anywhere else than the writable folders fails.
        target = None
        if name in ("open", "openat", "creat") and re.search(r"O_(WRONLY|RDWR|CREAT)", rest):
            target = re.search(r'"([^"]+)"', rest)
        elif name in ("mkdir", "mkdirat", "unlink", "unlinkat", "rmdir", "rename", "renameat",
                      "renameat2", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmodat",
                      "truncate", "utimensat"):
            target = re.search(r'"([^"]+)"', rest)
        if target and not failed:
            path = Path(target[1])
            if path.is_absolute() and not str(path).startswith(("/dev/", "/proc/")):
                writes.append(path)

outside = {f"{name}" for name in used - allowed}
report(outside, f"the {len(used)} system calls made are all in the unit's SystemCallFilter=")
report(set(exec_memory), "no writable and executable memory (MemoryDenyWriteExecute=yes)")
permitted = set(directive("RestrictAddressFamilies"))
report(families - permitted,
       f"sockets only of RestrictAddressFamilies= ({' '.join(sorted(families)) or 'none'})")
bad_writes = {str(p) for p in writes if not any(p == w or w in p.parents for w in writable)}
report(bad_writes, f"the {len(writes)} writes to files all land in the unit's writable folders")
sys.exit(1 if failures else 0)
