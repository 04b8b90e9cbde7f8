#!/usr/bin/env bash
# tests/run.sh - every check of `make test`, run one after another from the repository root.
#
# Each test case of a C test binary or a busted spec counts once, and so does each other check
# (luacheck, the rockspec lint, ...). A failing check does not stop the run; the last line says `N passed, N failed` and the exit
# status is 1 when anything failed. `make test` sets the variables below; run alone it uses Lua 5.4.
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

LUA_VERSION=${LUA_VERSION:-5.4}
LUA=${LUA:-lua$LUA_VERSION}
CC=${CC:-cc}
CFLAGS=${CFLAGS:--O2 -g}
LDFLAGS=${LDFLAGS:-}
MAKE=${MAKE:-make}
BUILD=build
STRICT="-std=c99 -Wall -Wextra -Werror"

passed=0
failed=0
failures=()

# check NAME COMMAND...: runs COMMAND. When it prints cmocka's or busted's totals, each of its test
# cases counts; otherwise the check counts once. A non-zero exit with no failing case counted (a
# crash, a build error) counts as one failure.
check() {
    local name=$1 log rc p f
    shift
    echo "---- $name"
    log=$(mktemp)
    "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    p=0
    f=0
    if grep -qE '^\[==========\] [0-9]+ test\(s\) run' "$log"; then
        p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
        f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    elif grep -qE '^[0-9]+ successes? / [0-9]+ failures? / [0-9]+ errors?' "$log"; then
        read -r p f < <(sed -nE 's#^([0-9]+) successes? / ([0-9]+) failures? / ([0-9]+) errors?.*#\1 \2 \3#p' "$log" \
            | tail -n 1 | awk '{print $1, $2 + $3}')
    elif [ "$rc" -eq 0 ]; then
        p=1
    fi
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
    fi
    rm -f "$log"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$f" -eq 0 ]; then
        echo "---- ok: $name ($p)"
    else
        failures+=("$name")
        echo "---- FAILED: $name ($f failed)"
    fi
}

# 0. The build: build/$LUA_VERSION/sift/core.so and build/libsift.a.
check "build (make all, Lua $LUA_VERSION)" "$MAKE" --no-print-directory all

# 1. The committed Unicode tables match what the generator makes from /usr/share/unicode.
check_unicode() {
    if [ ! -f tools/gen_unicode_data.lua ]; then
        echo "tools/gen_unicode_data.lua is missing" >&2
        return 1
    fi
    $MAKE --no-print-directory check-unicode
}
check "unicode tables up to date" check_unicode

# 1e. The layout rules: folders and files of src/ not over their sizes, generated files marked, Lua
# headers only in src/lua/, one exported symbol (tests/layout.sh says why).
check "layout of src/ and the exported symbols" bash tests/layout.sh "$BUILD/$LUA_VERSION/sift/core.so"

# 1b. (sentences) The generated sources of the sentence splitter match what their generators make:
# src/text/generated/abbrev_data.c from data/abbreviations.tsv, src/text/generated/starters_data.c
# from ../shared's CoNLL-2003.
check "abbreviation list up to date" "$MAKE" --no-print-directory check-abbrevs
check "sentence starters up to date" "$MAKE" --no-print-directory check-starters

# 1c. (entities) The entity tagger's gazetteer and model are what their generators make: from
# data/ner/ and Debian packages, and from ../shared's CoNLL-2003 eng.train.
check "entity gazetteer and model up to date" "$MAKE" --no-print-directory check-ner-data

# 1d. lua/sift/html_entities.lua is what tools/gen_html_entities.py makes from Python's list.
check "HTML entities up to date" "$MAKE" --no-print-directory check-html-entities
check "encoding labels up to date" "$MAKE" --no-print-directory check-encoding-labels

# 2. The C sources are warning-free with the other compiler too (gcc and clang both).
other_compiler() {
    local other
    if "$CC" --version 2>/dev/null | grep -qi clang; then other=gcc; else other=clang; fi
    if ! command -v "$other" >/dev/null 2>&1; then
        echo "$other is not installed (tools/deps.sh installs it)" >&2
        return 1
    fi
    local out=$BUILD/$other-check
    mkdir -p "$out"
    local f o ok=0 n=0 luacflags
    luacflags=$(pkg-config --cflags "lua$LUA_VERSION")
    # every C source: the engine's parts (src/PART/*.c, src/PART/generated/*.c) and the binding
    # (src/lua/*.c); the objects keep the folders, as two parts may have files of the same name
    for f in src/*/*.c src/*/generated/*.c; do
        o=$out/${f#src/}
        mkdir -p "$(dirname "$o")"
        # shellcheck disable=SC2086
        "$other" -O2 $STRICT -fPIC -fvisibility=hidden -Iinclude -Isrc $luacflags -c "$f" -o "${o%.c}.o" || ok=1
        n=$((n + 1))
    done
    echo "compiled $n files with $other"
    return $ok
}
check "C sources build cleanly with the other compiler" other_compiler

# 3. The C tests: each tests/c/test_*.c is one binary linked with build/libsift.a and cmocka.
run_c_test() {
    local src=$1 bin
    bin=$BUILD/tests/$(basename "$src" .c)
    mkdir -p "$BUILD/tests"
    # shellcheck disable=SC2086
    $CC $CFLAGS $STRICT -Iinclude -Isrc -Itests/c "$src" -o "$bin" $BUILD/libsift.a -lcmocka -lmodest -lm $LDFLAGS \
        || return 1
    "$bin"
}
shopt -s nullglob
c_tests=(tests/c/test_*.c)
for t in "${c_tests[@]}"; do
    check "C test $t" run_c_test "$t"
done
[ ${#c_tests[@]} -eq 0 ] && echo "(no C tests in tests/c/)"

# 3b. The C example (examples/tokens.c, include/sift.h alone and build/libsift.a) builds and gives
# the tokens of `sift tokens` on a sample, and its sentences and encoding.
c_example() {
    local tmp ok=0 f=samples/coffee-prices.txt
    tmp=$(mktemp -d)
    "$MAKE" --no-print-directory c-example || { rm -rf "$tmp"; return 1; }
    "$BUILD/examples/tokens" "$f" >"$tmp/out" || { echo "build/examples/tokens $f failed"; ok=1; }
    awk -F'\t' '$1 == "token" { print $2 "\t" $3 "\t" $4 }' "$tmp/out" >"$tmp/c"
    "$LUA" bin/sift tokens "$f" | cut -f2-4 >"$tmp/lua" || ok=1
    [ -s "$tmp/c" ] || { echo "the example printed no tokens"; ok=1; }
    diff "$tmp/lua" "$tmp/c" >/dev/null || { echo "the example's tokens differ from sift tokens"; ok=1; }
    grep -q '^sentence	' "$tmp/out" || { echo "the example printed no sentences"; ok=1; }
    grep -q '^encoding	UTF-8	' "$tmp/out" || { echo "the example did not detect UTF-8"; ok=1; }
    "$BUILD/examples/tokens" <"$f" | cmp -s - "$tmp/out" || { echo "stdin and file disagree"; ok=1; }
    rm -rf "$tmp"
    [ $ok -eq 0 ] && echo "examples/tokens agrees with sift tokens on $f"
    return $ok
}
check "C example examples/tokens.c" c_example

# 3c. The second C example (examples/entities.c, include/sift.h alone and build/libsift.a): on its
# own text it finds the people, places, amounts and dates shown below, and on a sample it gives
# the mentions of `sift entities` (its JSON Lines, flattened and sorted by position).
c_example_entities() {
    local tmp ok=0 f=samples/harbour-bridge.txt line
    tmp=$(mktemp -d)
    "$MAKE" --no-print-directory c-example || { rm -rf "$tmp"; return 1; }
    "$BUILD/examples/entities" >"$tmp/own" || { echo "build/examples/entities failed"; ok=1; }
    while IFS= read -r line; do
        grep -qxF "$line" "$tmp/own" || { echo "missing from its output: $line"; ok=1; }
    done <<'EXPECTED'
mention	18	29	PERSON	Amara Okafor	Amara Okafor	Finance Minister
mention	52	58	GPE	Nigeria	Nigeria	
mention	71	74	MONEY	$2bn	$2bn	
mention	97	102	PERSON	Okafor	Amara Okafor	
mention	144	150	DATE	30 June	30 June	
entity	PERSON	2	Amara Okafor
EXPECTED
    "$BUILD/examples/entities" "$f" | awk -F'\t' '$1 == "mention"' >"$tmp/c" || ok=1
    "$LUA" bin/sift entities --format json "$f" | "$LUA" -e '
local json = require "dkjson"
local rows = {}
for line in io.lines() do
  local v = json.decode(line)
  for _, m in ipairs(v.mentions) do
    rows[#rows + 1] = { m.i, table.concat({ "mention", m.i, m.j, v.type, m.text, v.canonical, m.role or "" }, "\t") }
  end
end
table.sort(rows, function(a, b) return a[1] < b[1] end)
for _, r in ipairs(rows) do print(r[2]) end' >"$tmp/lua" || ok=1
    [ -s "$tmp/c" ] || { echo "the example printed no mentions of $f"; ok=1; }
    diff "$tmp/lua" "$tmp/c" >/dev/null || { echo "the example's mentions differ from sift entities on $f"; ok=1; }
    rm -rf "$tmp"
    [ $ok -eq 0 ] && echo "examples/entities finds its own text's entities and agrees with sift entities on $f"
    return $ok
}
check "C example examples/entities.c" c_example_entities

# 4. luacheck over every Lua file of the project (.luacheckrc holds the settings).
run_luacheck() {
    local targets=() d
    for d in lua filters bin/sift tools eval tests examples; do
        [ -e "$d" ] && targets+=("$d")
    done
    luacheck -q --formatter plain "${targets[@]}" && echo "luacheck: no warnings"
}
check "luacheck" run_luacheck

# 5. The busted specs, one check per file, run with the Lua under test (.busted sets the paths);
# tests tagged #huge (1 GB inputs) are left to `make hostile`.
specs=(tests/lua/*_spec.lua)
for t in "${specs[@]}"; do
    check "busted $t" busted --lua="$LUA" --exclude-tags=huge "$t"
done
[ ${#specs[@]} -eq 0 ] && echo "(no busted specs in tests/lua/)"

# 6. The sift command and its filters work from the checkout with no environment variables.
sift_command() {
    local tmp ok=0 rc
    tmp=$(mktemp -d)
    "$LUA" bin/sift --help >"$tmp/help" || { echo "sift --help failed"; ok=1; }
    grep -q tokens "$tmp/help" || { echo "sift --help does not list tokens"; ok=1; }
    "$LUA" bin/sift tokens --help >/dev/null || { echo "sift tokens --help failed"; ok=1; }
    "$LUA" bin/sift no-such-command 2>/dev/null
    rc=$?
    [ $rc -eq 2 ] || { echo "unknown subcommand exited $rc, not 2"; ok=1; }
    "$LUA" bin/sift tokens samples/*.txt >"$tmp/a" || { echo "sift tokens failed"; ok=1; }
    [ -s "$tmp/a" ] || { echo "sift tokens printed nothing"; ok=1; }
    (cd /tmp && "$LUA" "$ROOT/filters/tokens.lua" "$ROOT"/samples/*.txt) >"$tmp/b" \
        || { echo "filters/tokens.lua run directly failed"; ok=1; }
    sed "s|^$ROOT/||" "$tmp/b" | cmp -s - "$tmp/a" \
        || { echo "filters/tokens.lua and sift tokens disagree"; ok=1; }
    "$LUA" bin/sift tokens --format json samples/*.txt >"$tmp/j" || ok=1
    "$LUA" - "$tmp/j" <<'LUA' || { echo "--format json is not JSON Lines"; ok=1; }
local json = require "dkjson"
local n, texts = 0, {}
for line in io.lines(arg[1]) do
    local v = json.decode(line)
    assert(type(v) == "table" and v.text and v.kind and v.i and v.j, line)
    if not texts[v.file] then
        local f = assert(io.open(v.file, "rb"))
        texts[v.file] = f:read("a")
        f:close()
    end
    assert(texts[v.file]:sub(v.i, v.j) == v.text, line)
    n = n + 1
end
assert(n > 0, "no JSON lines")
LUA
    "$LUA" bin/sift tokens samples/no-such-file.txt 2>/dev/null
    rc=$?
    [ $rc -eq 1 ] || { echo "a missing file exited $rc, not 1"; ok=1; }
    rm -rf "$tmp"
    return $ok
}
check "sift command from the checkout" sift_command

# 6b. (segments) sift segments and sift merge round-trip the samples: XLIFF 2.0 valid against the
# schema when ../shared has it, the translation put back (here the sources themselves) giving
# the articles again.
segments_command() {
    local tmp ok=0 f schema=../shared/schemas/xliff-2.0/xliff_core_2.0.xsd
    tmp=$(mktemp -d)
    "$LUA" bin/sift --help | grep -q merge || { echo "sift --help does not list merge"; ok=1; }
    for f in samples/*.txt; do
        "$LUA" bin/sift segments --target-lang fr "$f" >"$tmp/a.xlf" || { echo "sift segments $f failed"; ok=1; }
        if [ -f "$schema" ]; then
            xmllint --nonet --noout --schema "$schema" "$tmp/a.xlf" 2>/dev/null \
                || { echo "$f: XLIFF 2.0 not valid"; ok=1; }
        fi
        # targets = sources: the merged article is the article
        sed 's#<source>\(.*\)</source></segment>#<source>\1</source><target>\1</target></segment>#' \
            "$tmp/a.xlf" >"$tmp/t.xlf"
        "$LUA" bin/sift merge "$tmp/t.xlf" "$f" -o "$tmp/out.txt" || { echo "sift merge $f failed"; ok=1; }
        cmp -s "$f" "$tmp/out.txt" || { echo "sift merge $f did not give the article back"; ok=1; }
    done
    "$LUA" bin/sift segments --srx | xmllint --nonet --noout - || { echo "--srx is not well-formed XML"; ok=1; }
    rm -rf "$tmp"
    return $ok
}
check "sift segments and sift merge from the checkout" segments_command

# 6b2. (web pages to translate) The round trips of tests/pages/run.sh on a sample of the shared
# pages (all of them: make test-pages, run by .ci/run).
check "web-page translation round trips (sample of ../shared/data/web-pages)" \
    env LUA="$LUA" BUILD="$BUILD/$LUA_VERSION" bash tests/pages/run.sh sample

# 6c. (keywords and summaries) The keyword data is what its generators make from Debian's packages;
# the summary and keywords filters work under pandoc (Lua 5.3); `sift report` renders in headless
# Chromium, installed on demand (tests/browser.sh, also `make test-browser`).
check "keyword data up to date" "$MAKE" --no-print-directory LUA_VERSION="$LUA_VERSION" check-keyword-data
check "pandoc filters (summary, keywords, entities)" env MAKE="$MAKE" bash tests/pandoc.sh
check "sift report in headless Chromium" env LUA="$LUA" bash tests/browser.sh

# 7. The rockspec: lint, then build and install it into a scratch tree and use it from elsewhere.
check "luarocks lint" luarocks lint sift-scm-1.rockspec
rock_install() {
    # From a copy of the files the rock is made of, so that luarocks leaves no objects in src/ and
    # a file that the rockspec needs but does not list shows up here.
    local tree=$ROOT/$BUILD/$LUA_VERSION/rocktree src=$ROOT/$BUILD/$LUA_VERSION/rocksrc
    rm -rf "$tree" "$src"
    mkdir -p "$src"
    cp -R src include lua filters bin sift-scm-1.rockspec "$src"/
    (cd "$src" && luarocks --lua-version="$LUA_VERSION" make --tree="$tree" sift-scm-1.rockspec) \
        >"$BUILD/rock.log" 2>&1 || { cat "$BUILD/rock.log"; return 1; }
    (cd /tmp && "$LUA" \
        -e "package.path='$tree/share/lua/$LUA_VERSION/?.lua;$tree/share/lua/$LUA_VERSION/?/init.lua'" \
        -e "package.cpath='$tree/lib/lua/$LUA_VERSION/?.so'" \
        -e 'local sift = require "sift"; assert(#sift.tokens("It works.") == 3)
            assert(require("sift.filters.tokens").main)') || return 1
    (cd /tmp && "$tree/bin/sift" --help >/dev/null) || { echo "installed sift --help failed"; return 1; }
    echo "installed into $tree"
}
check "luarocks make into a scratch tree" rock_install

# 8. Every input that once made a fuzz target fail (tests/fuzz/regressions/), and the seeds, through
# gcc ASan+UBSan builds of the targets (tests/fuzz/run.sh replay; the Lua targets embed Lua 5.4, so
# once). The long runs (make sanitize, make valgrind, make fuzz, make test-memory) are .ci/run's.
if [ "$LUA_VERSION" = 5.4 ]; then
    check "fuzz targets: seeds and crash inputs replayed under ASan+UBSan" env MAKE="$MAKE" \
        bash tests/fuzz/run.sh replay
fi

echo
if [ $failed -gt 0 ]; then
    echo "failed checks (Lua $LUA_VERSION):"
    printf '  %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
