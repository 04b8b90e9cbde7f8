#!/usr/bin/env bash
# bench/run.sh - tokenizer benchmark: C engine vs a raw byte scan and ICU4C, Lua API vs gmatch;
# sentence splitter: C engine vs the UAX #29 sentence boundaries, Lua API vs a pure-Lua splitter;
# the pipeline of a report (sentences, entities, keywords, summary per article) through Lua; the
# HTML parser (src/html/, myhtml) on the saved web pages of ../shared, against a '<' scan.
#
# usage: bench/run.sh [LUADIR]
#   LUADIR          where sift/core.so lives (default: build/<version of $LUA>, e.g. build/5.4)
# environment:
#   LUA             Lua interpreter (default lua5.4)
#   CC              C compiler (default cc)
#   SIFT_BENCH_REPS runs per measurement (default 5)
#   SIFT_BENCH_MB   MB of work per timed run (default 20 for the BBC corpus, 5 for samples/)
#   SIFT_BENCH_ONLY "c" or "lua" to run one half only
#   SIFT_BENCH_PAGES saved pages of ../shared for the extraction benchmark (default 300)
#
# `make bench` builds build/libsift.a and build/<v>/sift/core.so first. Run on its own, this
# script uses those when they are newer than every src/ file, and otherwise builds private
# copies under build/bench/ (-O2, the engine without the binding src/lua/; the Lua module from all of
# src/).
set -euo pipefail

cd "$(dirname "$0")/.."

LUA=${LUA:-lua5.4}
CC=${CC:-cc}
REPS=${SIFT_BENCH_REPS:-5}
ONLY=${SIFT_BENCH_ONLY:-}
OUT=build/bench
CFLAGS_BENCH="-O2 -std=c99 -Wall -Wextra -Werror"

luaver=$("$LUA" -e 'io.write((_VERSION:match("%d+%.%d+")))')
LUADIR=${1:-build/$luaver}

mkdir -p "$OUT"

# --- corpus -------------------------------------------------------------------------------------
bbc=../shared/data/bbc-news-summary/articles
shopt -s nullglob
files=("$bbc"/*/*.txt)
if ((${#files[@]} > 0)); then
    what="BBC News Summary articles (${#files[@]} files)"
    mb=${SIFT_BENCH_MB:-20}
else
    files=(samples/*.txt)
    what="bundled samples/*.txt (${#files[@]} files)"
    mb=${SIFT_BENCH_MB:-5}
fi
shopt -u nullglob
if ((${#files[@]} == 0)); then
    echo "bench: no corpus: neither $bbc/*/*.txt nor samples/*.txt exist" >&2
    exit 1
fi
corpus=$OUT/corpus.txt
# One buffer, a blank line between articles (awk also ends an unterminated last line).
awk 'FNR == 1 && NR > 1 { print "" } { print }' "${files[@]}" >"$corpus"

# --- is a build output newer than every source it depends on? ----------------------------------
fresh() { # fresh TARGET SOURCE...
    local target=$1 s
    shift
    [[ -f $target ]] || return 1
    for s in "$@"; do
        [[ $s -nt $target ]] && return 1
    done
    return 0
}

# the engine: src/PART/*.c and src/PART/generated/*.c, but the binding (src/lua/); all_src: every
# source file, for the freshness checks
engine_src=()
for s in src/*/*.c src/*/generated/*.c; do
    [[ $s == src/lua/* ]] || engine_src+=("$s")
done
all_src=(src/*.h src/*/*.[ch] src/*/generated/*.c)
if ((${#engine_src[@]} == 0)); then
    echo "bench: src/ has no engine sources yet" >&2
    exit 1
fi

# --- C ------------------------------------------------------------------------------------------
run_c() {
    local lib=build/libsift.a obj=() o
    if ! fresh "$lib" "${all_src[@]}"; then
        lib=$OUT/libsift.a
        mkdir -p "$OUT/obj"
        for s in "${engine_src[@]}"; do
            o=$OUT/obj/${s#src/}
            o=${o%.c}.o
            mkdir -p "$(dirname "$o")"
            "$CC" -O2 -std=c99 -Iinclude -Isrc -c "$s" -o "$o"
            obj+=("$o")
        done
        rm -f "$lib"
        ar rcs "$lib" "${obj[@]}"
    fi
    # shellcheck disable=SC2086,SC2046
    "$CC" $CFLAGS_BENCH -Iinclude -Isrc bench/bench_tokens.c "$lib" \
        $(pkg-config --cflags --libs icu-uc icu-i18n) -o "$OUT/bench_tokens"
    echo "engine: $lib ($("$CC" --version | head -n 1))"
    "$OUT/bench_tokens" "$corpus" "$mb" "$REPS"
}

# --- encodings (valid_utf8, detection, conversion vs the iconv command) -------------------------
run_encoding() {
    # shellcheck disable=SC2086
    "$CC" $CFLAGS_BENCH -Iinclude -Isrc bench/bench_encoding.c src/encoding/encoding.c src/encoding/utf8.c \
        src/encoding/detect.c src/common/status.c \
        -o "$OUT/bench_encoding"
    echo "encodings (bench/bench_encoding.c):"
    "$OUT/bench_encoding"
}

# --- sentences (C): the splitter against the UAX #29 sentence boundaries and ICU ----------------
run_c_sentences() {
    local lib=build/libsift.a
    if ! fresh "$lib" "${all_src[@]}"; then
        lib=$OUT/libsift.a # built by run_c
    fi
    # shellcheck disable=SC2086,SC2046
    "$CC" $CFLAGS_BENCH -Iinclude -Isrc bench/bench_sentences.c "$lib" \
        $(pkg-config --cflags --libs icu-uc icu-i18n) -o "$OUT/bench_sentences"
    echo "sentences (bench/bench_sentences.c), engine: $lib"
    "$OUT/bench_sentences" "$corpus" "$mb" "$REPS"
}

# --- HTML: the parser and the DOM over the saved pages (bench/bench_html.c) ---------------------
run_html() {
    local pages=${SIFT_SHARED:-../shared}/data/web-pages
    if ! ls "$pages"/trafilatura-eval/pages/*.html.gz >/dev/null 2>&1; then
        echo "html: no saved pages under $pages (../shared): skipped"
        return 0
    fi
    # shellcheck disable=SC2086
    # (the engine's library, which make bench builds first: the adapter is more than one file,
    # and uses the engine's UTF-8 check)
    "$CC" $CFLAGS_BENCH -Iinclude -Isrc bench/bench_html.c build/libsift.a \
        -o "$OUT/bench_html" -lmodest -lm
    echo "html (bench/bench_html.c): myhtml through the engine's DOM"
    "$OUT/bench_html" 3 "$pages"/readability/*/source.html.gz "$pages"/trafilatura-eval/pages/*.html.gz
}

# --- Lua ----------------------------------------------------------------------------------------
run_lua() {
    local cdir=$LUADIR
    if ! fresh "$cdir/sift/core.so" "${all_src[@]}"; then
        if ! pkg-config --exists "lua$luaver"; then
            echo "bench: $cdir/sift/core.so missing or stale and no lua$luaver.pc to build it" >&2
            return 1
        fi
        cdir=$OUT/$luaver
        mkdir -p "$cdir/sift"
        # shellcheck disable=SC2046
        "$CC" -O2 -std=c99 -shared -fPIC -Iinclude -Isrc $(pkg-config --cflags "lua$luaver") "${engine_src[@]}" \
            src/lua/*.c -o "$cdir/sift/core.so" -lmodest -lm
    fi
    echo "lua module: $cdir/sift/core.so, interpreter: $LUA"
    "$LUA" bench/bench.lua "$corpus" "$mb" "$cdir" "$REPS"
    run_extract "$cdir"
}

# --- extraction through Lua beside readability-lxml (bench/bench_extract.lua) -------------------
run_extract() {
    local pages=${SIFT_SHARED:-../shared}/data/web-pages
    echo
    if ! ls "$pages"/trafilatura-eval/pages/*.html.gz >/dev/null 2>&1; then
        echo "extraction: no saved pages under $pages (../shared): skipped"
        return 0
    fi
    "$LUA" bench/bench_extract.lua "$1" "$pages" "$REPS" "${SIFT_BENCH_PAGES:-300}"
}

echo "sift tokenizer benchmark - corpus: $what, $(wc -c <"$corpus") bytes"
echo "cpu: $(grep -m 1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
echo "1 MB = 10^6 bytes"
echo
# Called plainly (not in an `||` list) so that set -e stops at the first failed build.
if [[ $ONLY != lua ]]; then
    run_c
    echo
    run_c_sentences
    echo
    run_encoding
    echo
    run_html
    echo
fi
if [[ $ONLY != c ]]; then
    run_lua
fi
