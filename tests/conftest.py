"""Test configuration: answers must not depend on the process zone."""

from __future__ import annotations

import os
import time

# Every answer is computed from the pinned tzdata and explicit zones; a
# foreign process TZ must change nothing, so the suite runs under one.
os.environ["TZ"] = "Pacific/Kiritimati"
time.tzset()
