#!/bin/sh
# Runs the benchmarks against the binaries of a build directory and prints
# a table of figures beside Heketi v10's (see bench/README.md).
#
#   bench/run.sh [BUILD_DIR]      default: build
#   BENCH_QUICK=1 bench/run.sh    smaller sizes (up to 10k volumes), a few minutes
#   BENCH_ARGS="--levels 0,1000"  extra arguments for brickyard-loadgen
#   BENCH_TESTBED=1|0             the replica-3 create on the GlusterFS testbed
#                                 (testbed_create.py): 1 always (a failure
#                                 fails the run), 0 never; unset: when run as
#                                 root and the testbed is free
#
# Progress goes to stderr, the table to stdout; the figures are also written
# as JSON to BUILD_DIR/bench-results.json. When placement_bench was built, its
# figures follow. The run stops by itself: the load
# generator keeps to a time budget (6 min quick, 30 min full) and is killed
# if it overruns it by far.
set -eu

build=${1:-build}
bin="$build/bin"
for target in brickyard brickyard-cli brickyard-loadgen; do
  if [ ! -x "$bin/$target" ]; then
    cmake --build "$build" --target "$target"
  fi
done

if [ "${BENCH_QUICK:-0}" = "1" ]; then
  mode="--quick"
  limit=900
else
  mode=""
  limit=2700
fi

# Every server the load generator starts keeps its store under this
# directory, removed at the end whatever happens.
work=$(mktemp -d "${TMPDIR:-/tmp}/brickyard-bench-run.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

status=0
# shellcheck disable=SC2086  # mode and BENCH_ARGS are word lists
TMPDIR="$work" timeout --kill-after=30 "$limit" \
  "$bin/brickyard-loadgen" --server "$bin/brickyard" --cli "$bin/brickyard-cli" \
  --json "$build/bench-results.json" $mode ${BENCH_ARGS:-} || status=$?

# Placement alone (Google Benchmark), when it was built: median and spread
# of repeated runs.
if [ -x "$bin/placement_bench" ]; then
  echo
  echo "Placement (bench/placement_bench.cc): Allocate on N nodes x 24 devices, median of repetitions"
  if [ -n "$mode" ]; then reps=3; min_time=0.05; else reps=5; min_time=0.2; fi
  timeout 300 "$bin/placement_bench" --benchmark_repetitions="$reps" \
    --benchmark_min_time="$min_time" --benchmark_report_aggregates_only=true || status=$?
fi
# Replica-3 creates on real GlusterFS hosts (the tests/e2e testbed), split
# into gluster CLI time, storage commands, SSH and Brickyard's own overhead.
testbed=${BENCH_TESTBED:-auto}
if [ "$testbed" = "1" ] || { [ "$testbed" = "auto" ] && [ "$(id -u)" = "0" ]; }; then
  echo
  tb_status=0
  timeout --kill-after=30 900 python3 "$(dirname "$0")/testbed_create.py" --build "$build" \
    --volumes "${BENCH_TESTBED_VOLUMES:-5}" --json "$build/bench-testbed.json" || tb_status=$?
  if [ "$tb_status" != 0 ]; then
    if [ "$testbed" = "1" ]; then status=$tb_status; else echo "(testbed create bench skipped)"; fi
  fi
fi
exit "$status"
