#!/bin/sh
# Runs the benchmarks against the binaries of a build directory and prints
# a table of figures beside Heketi v10's (see bench/README.md).
#
#   bench/run.sh [BUILD_DIR]      default: build
#   BENCH_QUICK=1 bench/run.sh    smaller sizes (up to 10k volumes), a few minutes
#   BENCH_ARGS="--levels 0,1000"  extra arguments for brickyard-loadgen
#
# Progress goes to stderr, the table to stdout; the figures are also written
# as JSON to BUILD_DIR/bench-results.json. The run stops by itself: the load
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
trap 'rm -rf "$work"' EXIT INT TERM

# shellcheck disable=SC2086  # mode and BENCH_ARGS are word lists
TMPDIR="$work" timeout --kill-after=30 "$limit" \
  "$bin/brickyard-loadgen" --server "$bin/brickyard" --cli "$bin/brickyard-cli" \
  --json "$build/bench-results.json" $mode ${BENCH_ARGS:-}
