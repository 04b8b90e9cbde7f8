#!/usr/bin/env bash
# tests/memory.sh - peak memory of the whole pipeline on 100 MB of text (`make test-memory`).
#
# Each check runs in a child process under /usr/bin/time and passes when its peak resident memory,
# less the baseline of the same program with nothing to do, is under 4 times the size of the text
# it was given (MEMORY_FACTOR). The input is MEMORY_MB (default 100) megabytes of news text: the
# BBC articles of the shared data, over and over with new ids, as JSON Lines, and as one text file.
#
#   the Lua API, article by article (tests/memory_pipeline.lua corpus): tokens, sentences,
#     entities, keywords (one collector over every article) and summary over every article of the
#     corpus, which the script holds in memory;
#   the Lua API on the whole text as one string (memory_pipeline.lua single): each_token,
#     each_sentence, sentences, sentence breaks, clean_utf8, to_utf8;
#   the sift command on the JSON Lines corpus: tokens, entities, keywords, summary, segments;
#   sift.extract on a 100 MB web page, under its own bound of 8 times the page with the baseline
#     (tests/hostile/extract_memory.sh).
#
# The API's entities, keywords and summary of the whole text as one 100 MB article are measured
# and printed too, but not checked: a news article is not 100 MB long, and the tagger keeps about
# 30 bytes a byte of text (docs/lua-api.md, "Errors and memory").
#
# Ends with "memory: N passed, N failed".
set -uo pipefail

cd "$(dirname "$0")/.." || exit 1

LUA_VERSION=${LUA_VERSION:-5.4}
LUA=${LUA:-lua$LUA_VERSION}
MAKE=${MAKE:-make}
MB=${MEMORY_MB:-100}
FACTOR=${MEMORY_FACTOR:-4}
SHARED=${SIFT_SHARED:-../shared}
DIR=build/memory

command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing (Debian package time)"; exit 1; }
[ -f "build/$LUA_VERSION/sift/core.so" ] || "$MAKE" --no-print-directory LUA_VERSION="$LUA_VERSION" all || exit 1
mkdir -p "$DIR"

# the corpus: MB megabytes of article text as JSON Lines, and the same texts as one file
corpus=$DIR/corpus-$MB.jsonl
single=$DIR/corpus-$MB.txt
if [ ! -s "$corpus" ] || [ ! -s "$single" ]; then
    "$LUA" - "$SHARED/data/bbc-news-summary/articles" "$MB" "$corpus" "$single" <<'LUA' || exit 1
local json = require "dkjson"
local dir, mb, out, one = arg[1], tonumber(arg[2]), arg[3], arg[4]
local texts = {}
for line in io.popen('find "' .. dir .. '" -name "*.txt" | sort'):lines() do
  local f = assert(io.open(line, "rb"))
  texts[#texts + 1] = f:read("a")
  f:close()
end
assert(#texts >= 400, "expected the 400 BBC articles under " .. dir)
local o, t = assert(io.open(out, "wb")), assert(io.open(one, "wb"))
local total, n = 0, 0
while total < mb * 1000000 do
  for _, text in ipairs(texts) do
    n = n + 1
    o:write(json.encode({ id = "a" .. n, text = text }), "\n")
    t:write(text, "\n\n")
    total = total + #text
    if total >= mb * 1000000 then
      break
    end
  end
end
o:close()
t:close()
io.stderr:write(("memory: corpus of %d articles, %d bytes of text\n"):format(n, total))
LUA
fi
# the text's size: what the JSON Lines hold, without their quoting (the single file's size, less
# the blank lines between articles)
text_bytes=$(wc -c <"$single")

passed=0
failed=0

# peak RSS in KB of a command (its output goes to $DIR/last.out)
peak() {
    /usr/bin/time -f '%M' -o "$DIR/time.out" "$@" >"$DIR/last.out" 2>"$DIR/last.err"
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "exit $rc: $*" >&2
        tail -n 5 "$DIR/last.err" >&2
        return 1
    fi
    tail -n 1 "$DIR/time.out"
}

# check NAME BASELINE_KB INPUT_BYTES COMMAND...: one measured run, counted
check() {
    local name=$1 base=$2 bytes=$3 kb used limit
    shift 3
    if ! kb=$(peak "$@"); then
        echo "FAILED: $name: the run failed"
        failed=$((failed + 1))
        return
    fi
    used=$((kb - base))
    limit=$((FACTOR * bytes / 1024))
    if [ "$used" -lt "$limit" ]; then
        passed=$((passed + 1))
        printf 'ok: %-34s peak %7d MB - baseline %4d MB = %7d MB, under %d MB (%s x the input)\n' "$name" \
            $((kb / 1024)) $((base / 1024)) $((used / 1024)) $((limit / 1024)) \
            "$(awk -v u="$used" -v b="$bytes" 'BEGIN { printf "%.2f", u * 1024 / b }')"
    else
        failed=$((failed + 1))
        printf 'FAILED: %-30s peak %7d MB - baseline %4d MB = %7d MB, over %d MB (%s x the input)\n' "$name" \
            $((kb / 1024)) $((base / 1024)) $((used / 1024)) $((limit / 1024)) \
            "$(awk -v u="$used" -v b="$bytes" 'BEGIN { printf "%.2f", u * 1024 / b }')"
        # the API runs print their peak after each step
        case "$*" in *pipeline.lua*) sed 's/^/    /' "$DIR/last.out" | tail -n 8 ;; esac
    fi
}

# measure NAME BASELINE_KB INPUT_BYTES COMMAND...: printed, not counted
measure() {
    local name=$1 base=$2 bytes=$3 kb
    shift 3
    if kb=$(peak "$@"); then
        printf '(measured) %-28s peak %7d MB - baseline %4d MB = %7d MB (%s x the input)\n' "$name" \
            $((kb / 1024)) $((base / 1024)) $(((kb - base) / 1024)) \
            "$(awk -v u="$((kb - base))" -v b="$bytes" 'BEGIN { printf "%.2f", u * 1024 / b }')"
    else
        echo "(measured) $name: the run failed"
    fi
}

echo "memory: $text_bytes bytes of text; the limit is $FACTOR x that above the baseline"
base_api=$(peak "$LUA" tests/memory_pipeline.lua baseline) || exit 1

check "API pipeline, article by article" "$base_api" "$text_bytes" "$LUA" tests/memory_pipeline.lua corpus "$corpus"
for step in each_token each_sentence sentences breaks clean_utf8 to_utf8; do
    check "API $step, one string" "$base_api" "$text_bytes" "$LUA" tests/memory_pipeline.lua single "$single" "$step"
done

printf '{"id":"x","text":"Mr. Xi Jinping met Joe Biden in Paris. It rained."}\n' >"$DIR/tiny.jsonl"
for filter in tokens entities keywords summary segments; do
    base=$(peak "$LUA" bin/sift "$filter" -q "$DIR/tiny.jsonl") || { failed=$((failed + 1)); continue; }
    check "sift $filter, JSON Lines" "$base" "$text_bytes" "$LUA" bin/sift "$filter" -q "$corpus"
done

# a 100 MB web page through sift.extract, within its own bound (issue 14: 8 x the page)
if LUA_VERSION=$LUA_VERSION LUA="$LUA" bash tests/hostile/extract_memory.sh >"$DIR/extract.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok: $(grep '^extract_memory: a ' "$DIR/extract.log" | sed 's/^extract_memory: //')"
else
    failed=$((failed + 1))
    echo "FAILED: sift.extract on a 100 MB page:"
    sed 's/^/    /' "$DIR/extract.log"
fi

# a 20 MB web page through sift.segment_page (issue 15: every text of the page, its codes as Lua
# tables), within 16 x the page (13.0 x measured when the bound was set)
if EXTRACT_WHAT=segment_page EXTRACT_MB=20 EXTRACT_FACTOR=16 LUA_VERSION=$LUA_VERSION LUA="$LUA" \
    bash tests/hostile/extract_memory.sh >"$DIR/segment_page.log" 2>&1; then
    passed=$((passed + 1))
    echo "ok: sift.segment_page, $(grep '^extract_memory: a ' "$DIR/segment_page.log" | sed 's/^extract_memory: //')"
else
    failed=$((failed + 1))
    echo "FAILED: sift.segment_page on a 20 MB page:"
    sed 's/^/    /' "$DIR/segment_page.log"
fi

if [ "${MEMORY_MEASURE_ALL:-1}" = 1 ]; then
    for step in entities keywords summary; do
        measure "API $step, one string" "$base_api" "$text_bytes" "$LUA" tests/memory_pipeline.lua single "$single" "$step"
    done
fi

echo "memory: $passed passed, $failed failed"
[ $failed -eq 0 ]
