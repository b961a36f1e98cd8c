"""A pytest directory with one passing and one failing test: tests/run's
collect_pytest must count it as failed (tests/selftest/run)."""


def test_passes():
    assert True


def test_fails():
    assert 1 == 2
