"""A pytest directory that collects nothing (pytest exits 5): tests/run's
collect_pytest must count it as a failure, so that a suite which stops
collecting cannot pass silently (tests/selftest/run)."""
