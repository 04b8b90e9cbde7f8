#!/usr/bin/env bash
# tests/sanitize.sh - the C tests and the busted specs against a build with AddressSanitizer and
# UndefinedBehaviorSanitizer (`make sanitize`; tests/run.sh runs the same steps one by one).
#
#   tests/sanitize.sh               build, then every C test and every spec; ends "N passed, N failed"
#   tests/sanitize.sh build         only the build
#   tests/sanitize.sh ctest FILE    one tests/c/test_*.c, built with the sanitizers and run
#   tests/sanitize.sh spec FILE     one tests/lua/*_spec.lua against the sanitized module
#
# How it works:
# - The engine and the binding are built by the Makefile itself with BUILD=build/sanitize and gcc's
#   -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all, so any report aborts
#   the run: build/sanitize/libsift.a and build/sanitize/$LUA_VERSION/sift/core.so.
# - The C tests link that libsift.a and run as ordinary ASan programs, LeakSanitizer included.
# - Debian's lua5.4/lua5.3 are not instrumented, so the sanitized core.so needs gcc's libasan
#   first in the process: LD_PRELOAD=$(gcc -print-file-name=libasan.so). The specs run from
#   build/sanitize/root, a shadow checkout whose build/ is build/sanitize, so busted (.busted), the
#   filters (filters/checkout.lua), bin/sift and the examples started by the specs all load the
#   sanitized module without any path setting. See shadow() for how it is made, and why so.
# - The check that they do: tests/lua/build_spec.lua, told by SIFT_EXPECT_BUILD=asan+ubsan and
#   SIFT_EXPECT_MODULE (set here for every spec) what must be loaded, asserts it of the specs'
#   require "sift.core", of bin/sift (--version, and running a filter), of `lua filters/tokens.lua`
#   and of an example. The module knows its flavour because the Makefile compiles it in from the
#   -fsanitize= flags of CFLAGS (sift.core._build.flavour).
# - Tests tagged #heavy (timing, 100 MB inputs) and #huge (1 GB) are left out: the plain run has
#   them, and their times under ASan mean nothing.
# - LeakSanitizer is off (detect_leaks=0) for the specs: LD_PRELOAD reaches every program the specs
#   start (sh, sort, find, iconv...), and those do not free their memory at exit. Leaks of the Lua
#   module are the business of tests/valgrind.sh, which sees the whole Lua heap.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

LUA_VERSION=${LUA_VERSION:-5.4}
LUA=${LUA:-lua$LUA_VERSION}
MAKE=${MAKE:-make}
SAN_CC=${SAN_CC:-gcc}
SAN_BUILD=build/sanitize
SAN_FLAGS="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all"
SAN_CFLAGS="-O1 -g -fno-omit-frame-pointer $SAN_FLAGS"
STRICT="-std=c99 -Wall -Wextra -Werror"
SHARED=${SIFT_SHARED:-$ROOT/../shared}

export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# The flavour that the Makefile names the build above (from the -fsanitize= of SAN_FLAGS), which
# tests/lua/build_spec.lua requires of every module the specs and their programs load.
SAN_FLAVOUR="asan+ubsan"

build() {
    "$MAKE" --no-print-directory BUILD="$SAN_BUILD" LUA_VERSION="$LUA_VERSION" CC="$SAN_CC" \
        CFLAGS="$SAN_CFLAGS" LDFLAGS="$SAN_FLAGS" all || return 1
    shadow || return 1
    echo "sanitized build in $SAN_BUILD ($SAN_CC $SAN_FLAGS)"
}

# The shadow checkout the specs run in, build/sanitize/root: a copy of the top of the repository
# but build/ and .git/ (about 12 MB), with build -> .. (build/sanitize), so that every relative
# path the specs, .busted and the scripts use finds the sanitized build/$LUA_VERSION/sift/core.so.
#
# A copy, with real directories and real files. It was once made of symlinks to the top
# directories (bin -> ../../../bin), and then every "DIR/.." went back to the real checkout,
# because the system resolves ".." from where a symlink points, not from the path: bin/sift finds
# its checkout as "bin/..", the examples as "examples/..", and they loaded the real build/, the
# unsanitized module (or failed with "module 'sift.core' not found" on a fresh clone). Symlinks to
# the files in real directories fix that, but `find -type f` (sift's folder inputs, the examples)
# sees no file in them. In a copy every "DIR/.." is the shadow checkout, for every program whatever
# way it finds its root, shell scripts included; filters/checkout.lua also takes the ".." away by
# name now, as a second guard; and tests/lua/build_spec.lua checks the outcome.
#
# Being a copy, it is made anew by every build and by `tests/sanitize.sh spec FILE`, so that it
# holds the files as they are. Made in a temporary directory and then put in place: a spec still
# running from the previous shadow (make test's fuzz replay runs `tests/sanitize.sh build` too)
# keeps its files, in root.old.*, until the refresh after this one.
shadow() {
    local root=$SAN_BUILD/root new f
    mkdir -p "$SAN_BUILD" || return 1
    new=$(mktemp -d "$SAN_BUILD/root.new.XXXXXX") || return 1
    for f in * .busted .luacheckrc; do
        case $f in build) continue ;; esac
        [ -e "$f" ] || continue
        cp -a "$f" "$new/" || { rm -rf "$new"; return 1; }
    done
    ln -s .. "$new/build"
    chmod 755 "$new"
    rm -rf "$SAN_BUILD"/root.old.*
    if [ -e "$root" ] || [ -L "$root" ]; then
        mv -T "$root" "$(mktemp -u "$SAN_BUILD/root.old.XXXXXX")" || { rm -rf "$new"; return 1; }
    fi
    # another refresh at the same moment may have put its own in place: as fresh as this one
    mv -T "$new" "$root" 2>/dev/null || rm -rf "$new"
    [ -d "$root" ]
}

ctest() {
    local src=$1 bin
    bin=$SAN_BUILD/tests/$(basename "$src" .c)
    mkdir -p "$SAN_BUILD/tests"
    # shellcheck disable=SC2086
    "$SAN_CC" $SAN_CFLAGS $STRICT -Iinclude -Isrc -Itests/c "$src" -o "$bin" "$SAN_BUILD/libsift.a" -lcmocka -lmodest -lm \
        $SAN_FLAGS || return 1
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1} "$bin"
}

spec() {
    local spec=$1 asan module
    asan=$("$SAN_CC" -print-file-name=libasan.so)
    [ -f "$asan" ] || { echo "no libasan.so for $SAN_CC"; return 1; }
    if [ ! -f "$SAN_BUILD/$LUA_VERSION/sift/core.so" ] || [ ! -d "$SAN_BUILD/root" ]; then
        echo "run tests/sanitize.sh build first"
        return 1
    fi
    module=$PWD/$SAN_BUILD/$LUA_VERSION/sift/core.so
    (cd "$SAN_BUILD/root" && \
        LD_PRELOAD=$asan ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:detect_stack_use_after_return=1} \
        SIFT_EXPECT_BUILD=$SAN_FLAVOUR SIFT_EXPECT_MODULE=$module \
        CC=$SAN_CC SIFT_TEST_CFLAGS="$SAN_FLAGS" \
        SIFT_SHARED=$SHARED busted --lua="$LUA" --exclude-tags=huge,heavy "$spec")
}

# every C test and spec, SANITIZE_JOBS (default 2) at a time; the output of each goes to
# build/sanitize/logs/ and is shown when it fails. One line per item, then the summary line.
all() {
    local passed=0 failed=0 t items=() logs=$SAN_BUILD/logs jobs=${SANITIZE_JOBS:-2}
    build >/dev/null || { build; echo "sanitize: 0 passed, 1 failed"; return 1; }
    mkdir -p "$logs"
    shopt -s nullglob
    for t in tests/c/test_*.c; do items+=("ctest $t"); done
    for t in tests/lua/*_spec.lua; do items+=("spec $t"); done
    one() {
        local log start
        log=$logs/$(basename "$2").log
        start=$(date +%s)
        if "$1" "$2" >"$log" 2>&1; then
            echo "ok: $1 $2 ($(($(date +%s) - start)) s)"
        else
            echo "FAILED: $1 $2 (log $log):"
            tail -n 40 "$log" | sed "s/^/    | /"
            return 1
        fi
    }
    export -f one ctest spec
    export SAN_BUILD SAN_CC SAN_FLAGS SAN_CFLAGS SAN_FLAVOUR STRICT SHARED LUA LUA_VERSION logs
    printf '%s\n' "${items[@]}" | xargs -P "$jobs" -I{} bash -c 'one {}' | tee "$logs/summary"
    passed=$(grep -c '^ok: ' "$logs/summary")
    failed=$((${#items[@]} - passed))
    echo "(Lua $LUA_VERSION; each C test and each spec counts once)"
    echo "sanitize: $passed passed, $failed failed"
    [ $failed -eq 0 ]
}

case "${1:-all}" in
    build) build ;;
    ctest) ctest "$2" ;;
    spec) if [ -f "$SAN_BUILD/$LUA_VERSION/sift/core.so" ]; then shadow; fi && spec "$2" ;;
    all) all ;;
    *) echo "usage: $0 [build | ctest FILE | spec FILE]" >&2; exit 2 ;;
esac
