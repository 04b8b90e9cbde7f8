#!/usr/bin/env bash
# tests/valgrind.sh - the busted specs and the sift command under valgrind's memcheck (`make
# valgrind`; tests/run.sh runs the same steps one by one). Any memory error, and any
# definitely or indirectly lost block, fails the run.
#
#   tests/valgrind.sh              every spec, then the command; ends "valgrind: N passed, N failed"
#   tests/valgrind.sh quick        the same less the specs of QUICK_SKIP below (what make test runs)
#   tests/valgrind.sh spec FILE    one tests/lua/*_spec.lua
#   tests/valgrind.sh command      bin/sift on the samples, on standard input and on bad input
#
# The module under test is the ordinary build (build/$LUA_VERSION/sift/core.so, from `make all`,
# which this script runs first, so a fresh clone needs no plain build before it, and a stale
# module is not what gets tested). The specs run from the checkout itself, so the programs they
# start (bin/sift, the filters, the examples) load that module too; tests/lua/build_spec.lua checks
# it, told by SIFT_EXPECT_BUILD=plain and SIFT_EXPECT_MODULE (exported below) what must be loaded.
# Busted runs in the valgrind'd Lua itself (not through --lua, which would start a second Lua), and
# it ends with lua_close (a plain return, or os.exit(code, true)), so every block the module or the
# Lua state allocated must be freed by then. Programs that the specs start (sh, find, bin/sift...)
# are not traced; `command` runs bin/sift itself under valgrind instead.
#
# Specs or tests tagged #heavy (busted tags: `it("... #heavy", ...)`) are left out here: they move
# hundreds of megabytes, which takes minutes at valgrind's speed; they run in every other step.
#
# tests/valgrind.supp holds the suppressions, each with its reason.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

LUA_VERSION=${LUA_VERSION:-5.4}
LUA=${LUA:-lua$LUA_VERSION}
MAKE=${MAKE:-make}

VALGRIND=(valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect
    --show-leak-kinds=definite,indirect --num-callers=40 --suppressions=tests/valgrind.supp)

export VALGRIND_CMD="${VALGRIND[*]}"

# what tests/lua/build_spec.lua requires of every module the specs and their programs load
export SIFT_EXPECT_BUILD=plain
SIFT_EXPECT_MODULE="$(pwd)/build/$LUA_VERSION/sift/core.so"
export SIFT_EXPECT_MODULE

# Left out by `quick` (make test): these specs spend their time in Lua code, writing and reading
# XLIFF, PO and TMX for all 400 BBC articles (about 10 minutes each under valgrind on 2 cores,
# against seconds without); the C functions they call are those the other specs and
# hostile_spec.lua call under valgrind. `make valgrind` runs them too, and so does make sanitize.
QUICK_SKIP=(tests/lua/merge_spec.lua tests/lua/segments_spec.lua tests/lua/segments_formats_spec.lua)

# make all (incremental), before anything runs; need_build, in the runs themselves, only makes
# sure there is a module when that could not be done
build() {
    "$MAKE" --no-print-directory LUA_VERSION="$LUA_VERSION" all
}
need_build() {
    [ -f "build/$LUA_VERSION/sift/core.so" ] || build
}

spec() {
    local busted
    busted=$(command -v busted) || { echo "busted is not installed"; return 1; }
    need_build || return 1
    "${VALGRIND[@]}" "$LUA" "$busted" --exclude-tags=heavy,huge "$1"
}

# bin/sift under valgrind: each run must exit with the status given first.
command_runs() {
    local ok=0 tmp
    tmp=$(mktemp -d)
    need_build || return 1
    try() {
        local want=$1 rc
        shift
        "${VALGRIND[@]}" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
        rc=$?
        if [ "$rc" -ne "$want" ]; then
            echo "exit $rc (want $want): $*"
            cat "$tmp/err"
            ok=1
        fi
    }
    local f
    try 0 "$LUA" bin/sift --help
    try 0 "$LUA" bin/sift tokens samples/
    try 0 "$LUA" bin/sift tokens --spaces --format json samples/
    try 1 "$LUA" bin/sift tokens samples/coffee-prices.txt no-such-file.txt
    try 2 "$LUA" bin/sift tokens --no-such-option
    # standard input: JSON Lines, and bytes that are not UTF-8 under --encoding UTF-8
    printf '{"id":"a","text":"Mr. Okafor\\u2019s firm"}\n' >"$tmp/in.jsonl"
    "${VALGRIND[@]}" "$LUA" bin/sift tokens --format text <"$tmp/in.jsonl" >"$tmp/out" 2>"$tmp/err" \
        || { echo "stdin JSON Lines failed"; cat "$tmp/err"; ok=1; }
    printf 'ok \377 bad' >"$tmp/bad.txt"
    try 1 "$LUA" bin/sift tokens --encoding UTF-8 "$tmp/bad.txt"
    # every other filter's --help (they all share sift.cli)
    for f in filters/*.lua; do
        case $f in */checkout.lua) continue ;; esac
        try 0 "$LUA" bin/sift "$(basename "$f" .lua)" --help
    done
    rm -rf "$tmp"
    [ $ok -eq 0 ] && echo "bin/sift under valgrind: no errors, no leaks"
    return $ok
}

# every spec and the command runs, VALGRIND_JOBS (default 2) at a time; the output of each goes
# to build/valgrind/logs/ and is shown when it fails. One line per item, then the summary line.
all() {
    local passed=0 failed=0 t items=() logs=build/valgrind/logs jobs=${VALGRIND_JOBS:-2} skip=" ${*:-} "
    build || { echo "valgrind: 0 passed, 1 failed"; return 1; }
    mkdir -p "$logs"
    shopt -s nullglob
    for t in tests/lua/*_spec.lua; do
        case $skip in *" $t "*) echo "(left out: $t)"; continue ;; esac
        items+=("spec $t")
    done
    items+=("command_runs bin/sift")
    one() {
        local log start
        log=$logs/$(basename "$2").log
        start=$(date +%s)
        if "$1" "$2" >"$log" 2>&1; then
            echo "ok: $1 $2 ($(($(date +%s) - start)) s)"
        else
            echo "FAILED: $1 $2 (log $log):"
            tail -n 60 "$log" | sed "s/^/    | /"
            return 1
        fi
    }
    export -f one spec command_runs need_build build
    export LUA LUA_VERSION MAKE logs
    printf '%s\n' "${items[@]}" | xargs -P "$jobs" -I{} bash -c 'VALGRIND=(${VALGRIND_CMD}); one {}' \
        | tee "$logs/summary"
    passed=$(grep -c '^ok: ' "$logs/summary")
    failed=$((${#items[@]} - passed))
    echo "(Lua $LUA_VERSION; each spec and the bin/sift runs count once; tests tagged #heavy left out)"
    echo "valgrind: $passed passed, $failed failed"
    [ $failed -eq 0 ]
}

case "${1:-all}" in
    spec) build && spec "$2" ;;
    command) build && command_runs ;;
    all) all ;;
    quick) all "${QUICK_SKIP[@]}" ;;
    *) echo "usage: $0 [quick | spec FILE | command]" >&2; exit 2 ;;
esac
