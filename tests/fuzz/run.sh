#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in their own build directory and
# runs every target for SECONDS in total (default 60), split evenly between them. New
# corpus entries are kept in the corpus directory; a crash, leak, timeout or out-of-memory
# fails the run with its reproducer saved and printed (base64, plus a hex dump of its start).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Environment: HUBVAULT_FUZZ_BUILD (build dir, default build-fuzz), HUBVAULT_FUZZ_CORPUS
# (kept corpus, default <build>/corpus), HUBVAULT_FUZZ_JOBS (compile jobs, default 2).
# Replay one input: build-fuzz/tests/fuzz/fuzz_<target> path/to/input
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-60}"
shift || true
build="${HUBVAULT_FUZZ_BUILD:-$root/build-fuzz}"
corpus="${HUBVAULT_FUZZ_CORPUS:-$build/corpus}"
jobs="${HUBVAULT_FUZZ_JOBS:-2}"
all_targets=(canonical_json object_payload metadata_sqlite pack_read fastcdc repo_path preview cli_revision
             upload_manifest server_http)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
build_started=$SECONDS
if [ ! -f "$build/build.ninja" ]; then
    # -O1 with line tables only: what libFuzzer recommends, and a third faster to build
    # than -O2 -g, which matters since CI builds this from scratch within its time bound.
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE="-O1 -gline-tables-only" \
          -DHUBVAULT_FUZZ=ON -DHUBVAULT_BUILD_TESTS=OFF -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null || exit 2
fi
ninja -C "$build" -j"$jobs" fuzz_seeds $(printf 'fuzz_%s ' "${targets[@]}") || { echo "fuzz build failed" >&2; exit 2; }
echo "fuzz build: $((SECONDS - build_started)) s"

rm -rf "$build/seeds"
"$build/tests/fuzz/fuzz_seeds" "$build/seeds" || { echo "writing the seed corpora failed" >&2; exit 2; }

per_target=$(( seconds / ${#targets[@]} ))
[ "$per_target" -lt 5 ] && per_target=5
# Leaks in one input fail like crashes; Qt's process-lifetime caches are not leaks.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1:handle_abort=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export QT_QPA_PLATFORM=offscreen
failed=()
stats="$build/fuzz-stats.txt"
printf '%-16s %8s %10s %8s %8s %8s\n' target seconds execs exec/s cov corpus > "$stats"
for t in "${targets[@]}"; do
    mkdir -p "$corpus/$t" "$build/artifacts/$t" "$build/tmp/$t"
    log="$build/logs/$t.log"
    mkdir -p "$(dirname "$log")"
    echo "== fuzz_$t for ${per_target}s"
    extra=()
    case "$t" in
        fastcdc) extra+=(-max_len=8192) ;;
        metadata_sqlite) extra+=(-max_len=200000) ;;
        pack_read) extra+=(-max_len=70000) ;;
    esac
    TMPDIR="$build/tmp/$t" "$build/tests/fuzz/fuzz_$t" -max_total_time="$per_target" -timeout=30 -rss_limit_mb=2560 \
        -malloc_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" "${extra[@]}" \
        "$corpus/$t" "$build/seeds/$t" > "$log" 2>&1
    status=$?
    rm -rf "$build/tmp/$t"
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    printf '%-16s %8s %10s %8s %8s %8s\n' "$t" "$per_target" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "$(ls "$corpus/$t" | wc -l)" | tee -a "$stats"
    if [ "$status" -ne 0 ]; then
        failed+=("$t")
        echo "!! fuzz_$t failed (exit $status); the end of its log:"
        grep -v '^#[0-9]' "$log" | tail -60
        for a in "$build/artifacts/$t"/*; do
            [ -f "$a" ] || continue
            echo "-- reproducer $a ($(stat -c %s "$a") bytes); replay: $build/tests/fuzz/fuzz_$t $a"
            echo "-- base64:"
            head -c 65536 "$a" | base64 -w 100
            echo "-- hex dump of the first 512 bytes:"
            head -c 512 "$a" | od -A x -t x1z -v
        done
    fi
done
echo
cat "$stats"
if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzzing found problems in: ${failed[*]} (reproducers in $build/artifacts/)" >&2
    exit 1
fi
echo "fuzzing: no finding"
