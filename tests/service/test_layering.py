"""Layering is one-way: the library never imports the service or Flask."""

from __future__ import annotations

import subprocess
import sys

# Import every library module (the CLI's too: `serve` imports the service
# only when it runs), then report which web modules came along.
PROBE = """
import importlib, pkgutil, sys
import cronlab
for module in pkgutil.walk_packages(cronlab.__path__, "cronlab."):
    if not module.name.endswith("__main__"):
        importlib.import_module(module.name)
print(sorted(m for m in sys.modules if m.split(".")[0] in ("flask", "service")))
"""


def test_importing_the_whole_library_loads_neither_flask_nor_the_service() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert done.stdout.strip() == "[]"
