# tests/lib/runner.sh -- the counting functions of tests/run, sourced by it
# and by tests/selftest/run, which feeds them binaries and pytest
# directories that must fail: a runner that cannot report a failure is worse
# than none, and bash's `a || b && c` once made every failing cmocka case
# count as passed.
#
# The caller sets LOGDIR and PY.  Counters: passed, failed, skipped; the
# failures array names what failed.

passed=0
failed=0
skipped=0
failures=()

pass() { passed=$((passed + 1)); }
fail() {
	failed=$((failed + 1))
	failures+=("$1")
	echo "FAIL: $1"
}

# count_tap OUTPUT -> sets n_ok n_fail n_skip from cmocka's TAP lines.
# cmocka 1.1 prints a skipped case as "ok N # SKIP name" or, for some
# versions, "not ok N # SKIP"; either way it is a skip, not a pass.
count_tap() {
	n_skip=$(grep -cE '^(not )?ok [0-9]+ # SKIP' <<<"$1")
	n_ok=$(grep -E '^ok ' <<<"$1" | grep -cvE '^ok [0-9]+ # SKIP')
	n_fail=$(grep -E '^not ok ' <<<"$1" | grep -cvE '^not ok [0-9]+ # SKIP')
}

# Run one cmocka binary with TAP output and count its cases.  A binary that
# fails without a "not ok" line (a crash, a sanitizer abort, a timeout, a
# plan that does not add up) counts as one failure of its own.
run_cmocka() { # label binary
	local label=$1 bin=$2 out rc n_ok n_fail n_skip plan
	out=$(CMOCKA_MESSAGE_OUTPUT=TAP timeout 300 "$bin" 2>&1)
	rc=$?
	echo "$out" >"$LOGDIR/$label.log"
	count_tap "$out"
	passed=$((passed + n_ok))
	skipped=$((skipped + n_skip))
	plan=$(grep -oE '^1\.\.[0-9]+' <<<"$out" | head -1 | cut -d. -f3)
	if [ "$rc" -ne 0 ] || [ "$n_fail" -gt 0 ] ||
	    [ -z "$plan" ] || [ "$plan" -ne $((n_ok + n_fail + n_skip)) ]; then
		[ "$n_fail" -eq 0 ] && n_fail=1
		failed=$((failed + n_fail))
		failures+=("$label ($n_fail, exit $rc)")
		echo "FAIL: $label: see $LOGDIR/$label.log"
		grep -E '^not ok|ERROR|runtime error|Sanitizer' <<<"$out" | head -20
	else
		if [ "$n_skip" -gt 0 ]; then
			echo "ok: $label ($n_ok, $n_skip skipped)"
		else
			echo "ok: $label ($n_ok)"
		fi
		grep -E '^(not )?ok [0-9]+ # SKIP' <<<"$out" | sed 's/^/  /'
	fi
}

# Start a pytest run in the background; collect_pytest reads its result.
pytest_pids=()
start_pytest() { # label dirs env...
	local label=$1 dirs=$2
	shift 2
	(env "$@" timeout 1500 $PY -m pytest -q -rs -p no:cacheprovider $dirs \
	    >"$LOGDIR/$label.log" 2>&1
	echo $? >"$LOGDIR/$label.rc") &
	pytest_pids+=($!)
}

# Count one finished pytest run.  pytest exits 0 (all passed), 1 (failures),
# 5 (no test collected) or something else (interrupted, internal or usage
# error): anything but 0 is a failure, and a run that collected nothing is
# one too, since a directory that stops collecting must not pass silently.
collect_pytest() { # label
	local label=$1 out rc p f e s
	out=$(cat "$LOGDIR/$label.log" 2>/dev/null)
	rc=$(cat "$LOGDIR/$label.rc" 2>/dev/null || echo 1)
	p=$(grep -oE '[0-9]+ passed' <<<"$out" | tail -1 | cut -d' ' -f1)
	f=$(grep -oE '[0-9]+ failed' <<<"$out" | tail -1 | cut -d' ' -f1)
	e=$(grep -oE '[0-9]+ errors?' <<<"$out" | tail -1 | cut -d' ' -f1)
	s=$(grep -oE '[0-9]+ skipped' <<<"$out" | tail -1 | cut -d' ' -f1)
	passed=$((passed + ${p:-0}))
	skipped=$((skipped + ${s:-0}))
	f=$((${f:-0} + ${e:-0}))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	if [ "$f" -gt 0 ]; then
		failed=$((failed + f))
		if [ "$rc" -eq 5 ]; then
			failures+=("$label (no test collected)")
		else
			failures+=("$label ($f, exit $rc)")
		fi
		echo "FAIL: $label: see $LOGDIR/$label.log"
		grep -E '^(FAILED|ERROR)' <<<"$out" | head -20
	else
		echo "ok: $label (${p:-0}${s:+, $s skipped})"
		grep -E '^SKIPPED' <<<"$out" | sed 's/^/  /'
	fi
}

# The closing line, and the exit status: non-zero on any failure.
summary() {
	local f
	for f in "${failures[@]+"${failures[@]}"}"; do echo "failed: $f"; done
	echo "$passed passed, $failed failed, $skipped skipped"
	[ "$failed" -eq 0 ]
}
