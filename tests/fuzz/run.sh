#!/usr/bin/env bash
# tests/fuzz/run.sh - the libFuzzer targets of tests/fuzz/ (`make fuzz`; tests/run.sh runs
# `replay` and a short `run`).
#
#   tests/fuzz/run.sh build             build every target with clang -fsanitize=fuzzer,address,undefined
#   tests/fuzz/run.sh run [TARGET...]   build, then fuzz each target for FUZZ_SECONDS (default 60),
#                                   FUZZ_JOBS at a time (default 2); the corpus grows in
#                                   build/fuzz/corpus/TARGET; ends "fuzz: N passed, N failed"
#   tests/fuzz/run.sh long [TARGET...]  the same, but each target runs until FUZZ_RUNS executions
#                                   (default 10000000) instead of for a set time, and starts from
#                                   the long seeds of tests/fuzz/corpus-long/TARGET too
#   tests/fuzz/run.sh replay            run every committed seed and regression input through the
#                                   targets built with gcc -fsanitize=address,undefined and a plain
#                                   main() (tests/fuzz/standalone.c): quick, and needs no libFuzzer
#   tests/fuzz/run.sh list              the target names
#
# Inputs are capped at each target's own length (max_len below, with the reason for each), the
# same in run, long and CI; FUZZ_MAX_LEN=N caps every target at N bytes instead, and
# FUZZ_LEN_CONTROL=N sets libFuzzer's -len_control for every target (see len_control below).
#
# FUZZ_FORK=N runs each target as libFuzzer's fork mode with N worker processes (-fork=N): one
# run, its executions counted over the workers, its corpus shared; for a long run on N cores.
#
# FUZZ_TRACE_CMP=0 builds and runs the targets without comparison tracing
# (-fno-sanitize-coverage=trace-cmp), in $FUZZ_BUILD/nocmp (the corpora, logs and crashes stay
# where they are). Edge coverage, which decides what libFuzzer keeps, is the same; what is lost is
# the table of compared values the mutator draws on. In the tagger most comparisons are of hashes
# and weights, and tracing them took 57% of the time of fuzz_entities: without it the
# target runs 2.2 times as many inputs a second, which is what a long run of it needs.
#
# A target is tests/fuzz/fuzz_NAME.c (C, linked with the engine) or tests/fuzz/fuzz_NAME_lua.c
# (embeds Lua 5.4 and the sift module, see that file). Its seeds are tests/fuzz/corpus/NAME/ (small
# files, committed), and tests/fuzz/corpus-long/NAME/ (inputs of several KB, which would slow a
# short run of a text target tenfold: for long runs, or FUZZ_LONG_SEEDS=1, and the replay); inputs
# that once failed are tests/fuzz/regressions/NAME/ and are replayed forever. A failure leaves the
# input in build/fuzz/crashes/ and ends the run with status 1: copy the input to
# tests/fuzz/regressions/NAME/ once the bug is fixed.
#
# Each run prints one line per target: "fuzz NAME: N executions in S s, corpus C, ok|FAILED".
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1

MAKE=${MAKE:-make}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_CC=${FUZZ_CC:-clang}
FUZZ_BUILD=build/fuzz
FUZZ_FLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all"
FUZZ_CFLAGS="-O1 -g -fno-omit-frame-pointer $FUZZ_FLAGS"
# where the targets are built: the engine, the binding and the fuzz_* executables
FUZZ_BIN=$FUZZ_BUILD
FUZZ_COVERAGE=-fsanitize=fuzzer-no-link
if [ "${FUZZ_TRACE_CMP:-1}" = 0 ]; then
    FUZZ_BIN=$FUZZ_BUILD/nocmp
    FUZZ_COVERAGE="$FUZZ_COVERAGE -fno-sanitize-coverage=trace-cmp"
fi
STRICT="-std=c99 -Wall -Wextra -Werror"
REPLAY_CC=${REPLAY_CC:-gcc}
REPLAY_BUILD=build/sanitize
LUA_FUZZ=5.4

targets() {
    local f n
    for f in tests/fuzz/fuzz_*.c; do
        n=$(basename "$f" .c)
        echo "${n#fuzz_}"
    done
}

# what a target links before the engine (BUILD-DIR/libsift.a) and after it: Lua targets
# (fuzz_*_lua.c) also get the binding and liblua
link_before() {
    case $1 in
        *_lua) echo "$(pkg-config --cflags lua$LUA_FUZZ) $2/$LUA_FUZZ/libsift-lua.a" ;;
    esac
}
link_after() {
    case $1 in
        *_lua) echo "$(pkg-config --libs lua$LUA_FUZZ) -ldl" ;;
    esac
}

build() {
    local t ok=0
    command -v "$FUZZ_CC" >/dev/null || { echo "$FUZZ_CC is not installed"; return 1; }
    "$MAKE" --no-print-directory BUILD="$FUZZ_BIN" LUA_VERSION=$LUA_FUZZ CC="$FUZZ_CC" \
        CFLAGS="$FUZZ_CFLAGS $FUZZ_COVERAGE" LDFLAGS="$FUZZ_FLAGS" all || return 1
    for t in $(targets); do
        # shellcheck disable=SC2046
        "$FUZZ_CC" $FUZZ_CFLAGS $FUZZ_COVERAGE -fsanitize=fuzzer -DFUZZ_LIBFUZZER $STRICT -Iinclude -Isrc -Itests/fuzz \
            "tests/fuzz/fuzz_$t.c" $(link_before "$t" "$FUZZ_BIN") "$FUZZ_BIN/libsift.a" $(link_after "$t") -lmodest -lm \
            -o "$FUZZ_BIN/fuzz_$t" || ok=1
    done
    [ $ok -eq 0 ] && echo "built $(targets | wc -l) fuzz targets in $FUZZ_BIN"
    return $ok
}

# max_len NAME: the longest input libFuzzer makes for the target (-max_len; without it, the
# longest seed). It is only a ceiling: libFuzzer's working limit (the "lim:" of its status lines)
# starts at the longest input of the corpus and, under -len_control (len_control below), grows by
# a few bytes at a time, and only while no new coverage turns up. fuzz_api_lua, with seeds under
# 100 bytes, never tried an input over 97 bytes in 8 minutes under -max_len=4096 (and dropped any
# over 1024): its seeds now hold whole articles, and it runs with -len_control=0. Each limit is
# within the target's own cap (the size above which its LLVMFuzzerTestOneInput returns at once;
# given in brackets: FUZZ_MAX_LEN beyond it only wastes inputs). Measured figures for each:
# tests/fuzz/README.md.
max_len() {
    case $1 in
        # [65536] a call of the API on a whole article and more: the samples are 2.6-2.8 KB, and
        # the longest seeds are three of them (8 KB) and an XLIFF file of 7.7 KB for merge.read;
        # keywords (top 20), the summary (3 of n sentences), paragraphs and the segment writers
        # need many sentences and paragraphs; from_utf8's look-ahead is 1024 bytes; and the
        # binding's entity arena takes 16 KB blocks. Each input runs its function twice, so 8 KB.
        api_lua) echo 8192 ;;
        # [65536] a translated file of a whole article: the seeds of coffee-prices.txt are 7.7-9.1
        # KB (XLIFF 2.0, 1.2, PO); twice that leaves room to add units and to nest deeper
        merge_lua) echo 16384 ;;
        # [16384] a news article or three (clusters link mentions paragraphs apart) and user
        # phrases past SIFT_GAZ_MAX_TOKENS (255 tokens, about 510 bytes) on each of 4 lines; the
        # tagger runs 4 times an input (plain, user table, NULL, longjmp), so 8 KB
        entities) echo 8192 ;;
        # [16384] a page's head and a few paragraphs: the tree builder's rules (implied tags,
        # misnested formatting, tables, foreign content) all show within a few KB
        html) echo 16384 ;;
        # [1 MB] a page's whole path, parse, article and metadata: a head with JSON-LD and
        # OpenGraph, a few paragraphs among menus and a footer, as the seeds of corpus/extract; the
        # article's choice and the metadata's bounded readers (SIFT_META_MAX_FIELD, 2 KB) show
        # within a few KB; four passes an input (the article, the whole page, the metadata twice)
        extract) echo 16384 ;;
        # [65536] UTF-8 to UTF-32 makes 4 bytes of 1: over 16 KB of input fills the 64 KB chunk
        # (SIFT_CONV_CHUNK) of a conversion in one go, which must then drain and go on, as
        # sift.to_utf8 does; and from_utf8 with replacement redoes up to 1024 bytes (LOOKAHEAD)
        # on each character it cannot encode
        convert) echo 32768 ;;
        # [1 MB] detection samples the first 64 KB (SAMPLE_LEN), each scorer stops after 4096
        # bytes >= 0x80 (HIGH_LIMIT), declarations are searched in the first 4096 (DECL_LEN):
        # 64 KB + 4 KB reaches past all three
        detect) echo 69632 ;;
        # [50000] long tokens: a URL, a number, a word of KB; the e-mail local part stops at 64
        # bytes (RFC 5321), which kept "1-1-1-..." linear: 16 KB repeats each case hundreds of times
        tokens) echo 16384 ;;
        # [65536] grapheme clusters of thousands of marks, runs of regional indicators, and SB8's
        # look-ahead, which has no bound (it stays linear by stopping at the first terminator)
        # over long runs of closing punctuation, spaces and digits: 16 KB
        breaks) echo 16384 ;;
        # [65536] several paragraphs in each line mode (hard-wrapped text is told by its lines of
        # 40-100 characters, WRAP_MIN and WRAP_MAX), and sentences of KB; three or four splits an
        # input: 16 KB
        sentences) echo 16384 ;;
        # [65536] fold (up to 3 bytes out of 1) and shape over any run; linear: 16 KB
        unicode) echo 16384 ;;
        *) echo 16384 ;;
    esac
}

# len_control NAME: libFuzzer's -len_control (default 100: the working limit starts at the longest
# input of the corpus and grows by log(limit) bytes after 100 * log(limit) runs without new
# coverage). The text targets keep it: their short seeds run ten times as fast as KB-long ones, and
# in 60 s find more (tests/fuzz/README.md); a long run starts from corpus-long/ as well, whose
# seeds put the limit at several KB at once. The API and the merge reader take programs and files
# of KB (their seeds are 2.6-9 KB): 0 lets mutations go up to max_len from the start.
len_control() {
    case $1 in
        api_lua|merge_lua) echo 0 ;;
        *) echo 100 ;;
    esac
}

# fuzz_one NAME: one libFuzzer run of FUZZ_SECONDS (or of FUZZ_RUNS executions when that is set);
# prints the summary line.
fuzz_one() {
    local t=$1 log corpus=$FUZZ_BUILD/corpus/$1 execs rc size extra=() limit start secs
    log=$FUZZ_BUILD/logs/$t.log
    mkdir -p "$corpus" "$FUZZ_BUILD/logs" "$FUZZ_BUILD/crashes"
    [ -f "tests/fuzz/$t.dict" ] && extra=(-dict="tests/fuzz/$t.dict")
    # the Lua targets keep their state from input to input and check for leaks themselves
    case $t in *_lua) extra+=(-detect_leaks=0) ;; esac
    extra+=(-max_len="${FUZZ_MAX_LEN:-$(max_len "$t")}" -len_control="${FUZZ_LEN_CONTROL:-$(len_control "$t")}")
    [ -n "${FUZZ_FORK:-}" ] && extra+=(-fork="$FUZZ_FORK")
    limit=(-max_total_time="$FUZZ_SECONDS")
    [ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
    start=$(date +%s)
    local seeds=()
    [ -d "tests/fuzz/corpus/$t" ] && seeds+=("tests/fuzz/corpus/$t")
    [ -d "tests/fuzz/regressions/$t" ] && seeds+=("tests/fuzz/regressions/$t")
    [ "${FUZZ_LONG_SEEDS:-0}" = 1 ] && [ -d "tests/fuzz/corpus-long/$t" ] && seeds+=("tests/fuzz/corpus-long/$t")
    # -rss_limit_mb: 2 GB, as libFuzzer's default, per process; 2 run at a time on a 24 GB machine
    "$FUZZ_BIN/fuzz_$t" "${limit[@]}" -print_final_stats=1 -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$FUZZ_BUILD/crashes/$t-" "${extra[@]}" \
        "$corpus" "${seeds[@]}" >"$log" 2>&1
    rc=$?
    secs=$(($(date +%s) - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    # fork mode: the parent counts the workers' executions
    [ -n "${FUZZ_FORK:-}" ] && execs=$(sed -n 's/^INFO: fuzzed for \([0-9]*\) iterations.*/\1/p' "$log" | tail -n 1)
    size=$(find "$corpus" -type f | wc -l)
    if [ $rc -eq 0 ]; then
        echo "fuzz $t: ${execs:-?} executions in $secs s, corpus $size, ok"
    else
        echo "fuzz $t: ${execs:-?} executions, FAILED (exit $rc); log $log, input in $FUZZ_BUILD/crashes/:"
        grep -E 'ERROR|property failed|runtime error|SUMMARY|Test unit written|raised' -A3 "$log" | head -n 40 \
            | sed 's/^/    | /'
    fi
    return $rc
}

run() {
    local list=("$@") t pids=() names=() failed=0 k
    [ ${#list[@]} -eq 0 ] && mapfile -t list < <(targets)
    mkdir -p "$FUZZ_BUILD"
    # FUZZ_NO_BUILD=1: use the targets as built (for runs side by side, which must not relink them)
    if [ "${FUZZ_NO_BUILD:-0}" != 1 ] && ! build >"$FUZZ_BUILD/build.log" 2>&1; then
        tail -n 30 "$FUZZ_BUILD/build.log"
        echo "fuzz: 0 passed, ${#list[@]} failed (the build failed)"
        return 1
    fi
    for t in "${list[@]}"; do
        fuzz_one "$t" &
        pids+=($!)
        names+=("$t")
        if [ ${#pids[@]} -ge "$FUZZ_JOBS" ]; then
            wait "${pids[0]}" || failed=$((failed + 1))
            pids=("${pids[@]:1}")
        fi
    done
    for k in "${pids[@]}"; do
        wait "$k" || failed=$((failed + 1))
    done
    local per="$FUZZ_SECONDS s"
    [ -n "${FUZZ_RUNS:-}" ] && per="$FUZZ_RUNS executions"
    echo "fuzz: $((${#list[@]} - failed)) passed, $failed failed ($per a target)"
    [ $failed -eq 0 ]
}

# replay: the committed inputs through gcc/ASan builds of the targets (no libFuzzer needed).
replay() {
    local t ok=0 bin inputs
    # (make is incremental: this is quick when the sanitized build is up to date)
    LUA_VERSION=$LUA_FUZZ MAKE="$MAKE" bash tests/sanitize.sh build >/dev/null || return 1
    mkdir -p "$REPLAY_BUILD/fuzz"
    for t in $(targets); do
        bin=$REPLAY_BUILD/fuzz/replay_$t
        # shellcheck disable=SC2046
        "$REPLAY_CC" -O1 -g $FUZZ_FLAGS $STRICT -Iinclude -Isrc -Itests/fuzz "tests/fuzz/fuzz_$t.c" tests/fuzz/standalone.c \
            $(link_before "$t" "$REPLAY_BUILD") "$REPLAY_BUILD/libsift.a" $(link_after "$t") -lmodest -lm \
            -o "$bin" || { ok=1; continue; }
        inputs=()
        [ -d "tests/fuzz/corpus/$t" ] && inputs+=("tests/fuzz/corpus/$t")
        [ -d "tests/fuzz/regressions/$t" ] && inputs+=("tests/fuzz/regressions/$t")
        [ -d "tests/fuzz/corpus-long/$t" ] && inputs+=("tests/fuzz/corpus-long/$t")
        if [ ${#inputs[@]} -eq 0 ]; then
            echo "$t: no seeds in tests/fuzz/corpus/$t"
            ok=1
            continue
        fi
        ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} "$bin" "${inputs[@]}" || ok=1
    done
    return $ok
}

case "${1:-run}" in
    build) build ;;
    run) shift; run "$@" ;;
    long) shift; FUZZ_RUNS=${FUZZ_RUNS:-10000000} FUZZ_LONG_SEEDS=${FUZZ_LONG_SEEDS:-1} run "$@" ;;
    replay) replay ;;
    list) targets ;;
    *) echo "usage: $0 [build | run [TARGET...] | long [TARGET...] | replay | list]" >&2; exit 2 ;;
esac
