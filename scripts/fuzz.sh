#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan, every
# library instrumented) in build-fuzz/ and runs each target for a bounded
# time, one after the other on one core. docs/fuzzing.md.
#
#   scripts/fuzz.sh                     every target, FUZZ_SECONDS (default 60) each
#   scripts/fuzz.sh 180                 every target, 180 s each
#   scripts/fuzz.sh 300 cron hcl        only these targets
#
# Seeds: testdata/fuzz/seeds/<target>/ and testdata/fuzz/regressions/<target>/
# (read only). The growing corpus is build-fuzz/corpus/<target>/ (kept between
# runs, never committed); logs are build-fuzz/logs/<target>.log and the
# summary build-fuzz/fuzz-summary.md. A crash, timeout (-timeout=10), OOM
# (-rss_limit_mb=2048) or leak leaves its input in build-fuzz/artifacts/<target>/
# and makes the script exit 1 after the other targets ran; minimize it
# (<target>_fuzzer -minimize_crash=1 -runs=10000 FILE), fix the bug and copy
# the input to testdata/fuzz/regressions/<target>/.
# FUZZ_BUILD_JOBS (default 2) sets the build parallelism.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(yaml hcl hcl_prescan terraform_eval template cron iso8601 duration quantity config result_cache)
seconds=${FUZZ_SECONDS:-60}
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  if [[ ! " ${all_targets[*]} " == *" $t "* ]]; then
    echo "fuzz.sh: unknown target '$t' (targets: ${all_targets[*]})" >&2
    exit 2
  fi
done

# Per target: -max_len, dictionary (-dict=..., or nothing), extra flags.
max_len() {
  case $1 in
    cron) echo 256 ;; duration) echo 128 ;; quantity) echo 320 ;; iso8601) echo 512 ;;
    template) echo 4096 ;; hcl_prescan | config) echo 8192 ;; *) echo 16384 ;;
  esac
}
dict() {
  case $1 in
    hcl | hcl_prescan | terraform_eval | template) echo -dict=fuzz/hcl.dict ;;
    yaml) echo -dict=fuzz/yaml.dict ;;
    result_cache) ;;  # binary: no dictionary
    *) echo "-dict=fuzz/$1.dict" ;;
  esac
}
extra_flags() {
  case $1 in
    # Short strings compared against constants: value profiling helps.
    cron | duration | quantity | iso8601) echo "-use_value_profile=1" ;;
  esac
}

build="build-fuzz"
sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
echo "==> configuring $build (clang, $sanitize)"
cmake -S . -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DDRLINT_BUILD_TESTS=OFF -DDRLINT_BUILD_FUZZERS=ON \
  -DCMAKE_C_FLAGS="$sanitize" -DCMAKE_CXX_FLAGS="$sanitize" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
echo "==> building the fuzzers"
fuzzers=()
for t in "${targets[@]}"; do fuzzers+=("${t}_fuzzer"); done
cmake --build "$build" -j"${FUZZ_BUILD_JOBS:-2}" --target "${fuzzers[@]}"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

mkdir -p "$build/logs"
summary="$build/fuzz-summary.md"
{
  echo "| target | seconds | execs | execs/s | corpus files | new units | peak RSS MB | result |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
} >"$summary"
failed=()
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  log="$build/logs/$t.log"
  mkdir -p "$corpus" "$artifacts"
  seeds=("testdata/fuzz/seeds/$t")
  [ -d "testdata/fuzz/regressions/$t" ] && seeds+=("testdata/fuzz/regressions/$t")
  # Fixtures the seed directory lists (fixtures.list, paths under testdata/).
  if [ -f "testdata/fuzz/seeds/$t/fixtures.list" ]; then
    listed="$build/listed-seeds/$t"
    rm -rf "$listed" && mkdir -p "$listed"
    n=0
    while IFS= read -r f; do
      case $f in '' | '#'*) continue ;; esac
      n=$((n + 1))
      cp "testdata/$f" "$listed/$n-$(basename "$f")"
    done <"testdata/fuzz/seeds/$t/fixtures.list"
    seeds+=("$listed")
  fi
  before=$(find "$artifacts" -type f | wc -l)
  echo "==> $t: ${seconds}s (log: $log)"
  start=$(date +%s)
  status=0
  # shellcheck disable=SC2046  # extra_flags: zero or more words
  "$build/fuzz/${t}_fuzzer" "$corpus" "${seeds[@]}" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$t")" \
    $(dict "$t") -artifact_prefix="$artifacts/" -print_final_stats=1 \
    $(extra_flags "$t") >"$log" 2>&1 || status=$?
  elapsed=$(($(date +%s) - start))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  new_units=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  files=$(find "$corpus" -type f | wc -l)
  after=$(find "$artifacts" -type f | wc -l)
  result=ok
  if [ "$status" -ne 0 ] || [ "$after" -gt "$before" ]; then
    result="FAILED (exit $status)"
    failed+=("$t")
    echo "    $t FAILED (exit $status); artifacts:"
    find "$artifacts" -type f | sort | sed 's/^/      /'
    grep -m3 -E "ERROR: |runtime error|SUMMARY|property failed" "$log" | sed 's/^/    /' || true
  fi
  rate=0
  [ -n "$execs" ] && [ "$elapsed" -gt 0 ] && rate=$((execs / elapsed))
  echo "    execs ${execs:-?}, ${rate}/s, corpus $files files, new units ${new_units:-?}, peak RSS ${rss:-?} MB: $result"
  echo "| $t | $elapsed | ${execs:-?} | $rate | $files | ${new_units:-?} | ${rss:-?} | $result |" >>"$summary"
done
echo "==> summary ($summary)"
cat "$summary"
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz.sh: failures in: ${failed[*]}; inputs under $build/artifacts/" >&2
  exit 1
fi
