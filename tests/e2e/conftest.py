"""Fixtures for the end-to-end fault suite.

The integration suite's fixtures and helpers (tests/integration: conftest.py,
ukwhelp.py, receiver.py, test_deliver.py) are imported rather than copied.
Its conftest.py is loaded under another module name, and its public names
are re-exported here, because test_deliver.py does `from conftest import
...` and, in this directory, `conftest` is this module.
"""

import importlib.util
import sys
from pathlib import Path

E2E = Path(__file__).resolve().parent
INTEGRATION = E2E.parent / "integration"
for p in (str(INTEGRATION), str(E2E)):
    if p not in sys.path:
        sys.path.insert(0, p)

_spec = importlib.util.spec_from_file_location(
    "ukw_integration_conftest", INTEGRATION / "conftest.py")
itconf = importlib.util.module_from_spec(_spec)
sys.modules["ukw_integration_conftest"] = itconf
_spec.loader.exec_module(itconf)

# Every public name: the helpers test_deliver.py and the harness import
# from "conftest", and the fixtures (pytest finds them by attribute).  When
# tests/integration and tests/e2e run in one pytest, "conftest" in
# sys.modules is whichever was loaded last, so the integration tests may
# import their helpers from here too.
for _name in dir(itconf):
    if not _name.startswith("_"):
        globals().setdefault(_name, getattr(itconf, _name))
from ukw_integration_conftest import (  # noqa: E402,F401  (for linters)
    ROOT, Nginx, free_port, port_open, run, stop_process, wait_for,
    write_config)
