#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (AddressSanitizer + UBSan)
# in their own build directory and runs each for a while, starting from the
# committed seed corpus fuzz/corpus/<target>/.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default $FUZZ_SECONDS, else 60); TARGETs default to all
# of them (listed in the build dir's fuzzers.txt). Environment:
#   FUZZ_BUILD_DIR  build directory (default build-fuzzers at the top of the tree)
#   FUZZ_JOBS       targets run at the same time (default: the number of CPUs, at most 2)
#   FUZZ_CXX        the clang++ to use (default clang++-14, else clang++)
# New inputs found go to $FUZZ_BUILD_DIR/corpus/<target>/, never into the
# source tree; a crash leaves its input in $FUZZ_BUILD_DIR/artifacts/ and the
# log in $FUZZ_BUILD_DIR/logs/<target>.log. To keep a reproducer, copy the
# artifact into fuzz/corpus/<target>/.
#
# Exits 0 when every target ran its time without a crash, leak, UB report or
# time-out; 1 otherwise; 77 (skipped) when no clang with libFuzzer is found.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-60}}
[ $# -gt 0 ] && shift
build=${FUZZ_BUILD_DIR:-$root/build-fuzzers}
cpus=$(nproc)
jobs=${FUZZ_JOBS:-$((cpus < 2 ? cpus : 2))}

case $seconds in
  ''|*[!0-9]*) echo "run.sh: SECONDS must be a whole number, got '$seconds'" >&2; exit 2 ;;
esac

cxx=${FUZZ_CXX:-}
if [ -z "$cxx" ]; then
  for c in clang++-14 clang++; do
    if command -v "$c" >/dev/null; then cxx=$c; break; fi
  done
fi
if [ -z "$cxx" ] || ! echo 'extern "C" int LLVMFuzzerTestOneInput(const char*, unsigned long) { return 0; }' |
     "$cxx" -x c++ -fsanitize=fuzzer,address,undefined -o /dev/null - 2>/dev/null; then
  echo "run.sh: no clang++ with libFuzzer (scripts/install-deps.sh installs it); skipping" >&2
  exit 77
fi

if [ ! -f "$build/build.ninja" ]; then
  launcher=()
  if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
  cmake -S "$root/fuzz" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" >/dev/null
fi
mapfile -t all <"$build/fuzzers.txt"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")
cmake --build "$build" -j "$cpus" --target "${targets[@]}"

mkdir -p "$build/logs" "$build/artifacts"

# Runs one target: first every committed input once, whole (reproducers of
# past bugs may be larger than the mutation limit), then $seconds of fuzzing.
# The exit status is libFuzzer's.
run_one() {
  local t=$1 dict=() seeds=()
  mkdir -p "$build/corpus/$t"
  [ -f "$root/fuzz/dict/$t.dict" ] && dict=(-dict="$root/fuzz/dict/$t.dict")
  mapfile -t seeds < <(find "$root/fuzz/corpus/$t" -type f)
  if [ ${#seeds[@]} -eq 0 ]; then
    echo "no seed corpus in fuzz/corpus/$t" >"$build/logs/$t.log"
    return 1
  fi
  {
    "$build/bin/$t" -timeout=60 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/$t-" \
      "${seeds[@]}" &&
    # The outer timeout only guards against a libFuzzer that never stops.
    timeout --kill-after=30 $((seconds + 300)) \
      "$build/bin/$t" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "${dict[@]}" \
        "$build/corpus/$t" "$root/fuzz/corpus/$t"
  } >"$build/logs/$t.log" 2>&1
}

failed=()
pids=()
names=()
wait_first() {
  if wait "${pids[0]}"; then
    echo "ok    ${names[0]} ($(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' "$build/logs/${names[0]}.log" | grep -o '[0-9]*$') runs)"
  else
    echo "FAIL  ${names[0]} (log: $build/logs/${names[0]}.log)"
    tail -n 40 "$build/logs/${names[0]}.log"
    failed+=("${names[0]}")
  fi
  pids=("${pids[@]:1}")
  names=("${names[@]:1}")
}
echo "fuzzing ${#targets[@]} targets for ${seconds}s each, $jobs at a time"
for t in "${targets[@]}"; do
  [ ${#pids[@]} -ge "$jobs" ] && wait_first
  run_one "$t" &
  pids+=($!)
  names+=("$t")
done
while [ ${#pids[@]} -gt 0 ]; do wait_first; done

if [ ${#failed[@]} -gt 0 ]; then
  echo "failed: ${failed[*]}; inputs in $build/artifacts/" >&2
  exit 1
fi
