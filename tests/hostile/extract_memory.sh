#!/usr/bin/env bash
# tests/hostile/extract_memory.sh - peak memory of sift.extract on a 100 MB web page (issue 14,
# item 9: "memory at most 8x the page"). Not part of make test: it moves hundreds of MB (about 15 s
# here); make test-memory (tests/memory.sh, which CI runs) runs it. Run from anywhere, after `make`:
#
#   bash tests/hostile/extract_memory.sh            the 100 MB page (EXTRACT_MB=N for another size)
#
# The page is a realistic news page repeated: the readability test page ars-1 of ../shared
# (SIFT_SHARED) when it is there, else the seed tests/fuzz/corpus/extract/article-nav-footer.html;
# its head once, then its body over and over, each copy's paragraphs numbered so that the copies
# are not one text repeated (which the extraction drops as boilerplate, keeping nothing). It is
# written to build/hostile/ first; a child Lua then reads it and calls sift.extract on it under
# /usr/bin/time -v, which gives the peak resident memory ("Maximum resident set size"). The child
# also prints its high-water mark (VmHWM) after reading the file and after the extraction.
#
# Prints the peak RSS, that of a Lua that extracts a tiny page (the baseline), and the peak over the
# page's size; passes when the peak (baseline included) is at most EXTRACT_FACTOR (8) times the page.
# EXTRACT_WHAT=segment_page measures sift.segment_page (issue 15: every text of the page as
# translation segments, its codes as Lua tables) instead.
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1

LUA_VERSION=${LUA_VERSION:-5.4}
LUA=${LUA:-lua$LUA_VERSION}
MB=${EXTRACT_MB:-100}
FACTOR=${EXTRACT_FACTOR:-8}
SHARED=${SIFT_SHARED:-../shared}
DIR=build/hostile

command -v /usr/bin/time >/dev/null || { echo "/usr/bin/time is missing (Debian package time)"; exit 1; }
[ -f "build/$LUA_VERSION/sift/core.so" ] || { echo "build/$LUA_VERSION/sift/core.so is missing: run make"; exit 1; }
mkdir -p "$DIR"

src=$SHARED/data/web-pages/readability/ars-1/source.html.gz
if [ -f "$src" ]; then
    gzip -dc "$src" >"$DIR/one-page.html" || exit 1
else
    src=tests/fuzz/corpus/extract/article-nav-footer.html
    cp "$src" "$DIR/one-page.html" || exit 1
fi
page=$DIR/page-$MB.html
"$LUA" - "$DIR/one-page.html" "$MB" "$page" <<'LUA' || exit 1
local one, mb, out = arg[1], tonumber(arg[2]), arg[3]
local f = assert(io.open(one, "rb"))
local s = f:read("a")
f:close()
local head, body, foot = s:match("^(.-<[Bb][Oo][Dd][Yy][^>]*>)(.*)(</[Bb][Oo][Dd][Yy]>.*)$")
if not head then
  head, body, foot = "", s, ""
end
local o = assert(io.open(out, "wb"))
o:write(head)
local total, k = #head + #foot, 0
while total < mb * 1000000 do
  k = k + 1
  local copy = body:gsub("(<[Pp][%s>][^>]*>?)", "%1(" .. k .. ") ")
  o:write(copy, "\n")
  total = total + #copy + 1
end
o:write(foot)
o:close()
io.stderr:write(("extract_memory: %d copies of the body of %s (%d bytes)\n"):format(k, one, #s))
LUA

# the child: reads the page, extracts it, prints its high-water marks
child=$DIR/extract_memory_child.lua
cat >"$child" <<'LUA'
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;" .. package.cpath
local sift = require "sift"
local function hwm()
  local f = io.open("/proc/self/status")
  local kb = f and f:read("a"):match("VmHWM:%s*(%d+)")
  if f then f:close() end
  return kb and math.floor(tonumber(kb) / 1024) or -1
end
local page = "<p>A tiny page, the baseline, with a paragraph of text long enough to be one.</p>"
if arg[1] then
  local f = assert(io.open(arg[1], "rb"))
  page = f:read("a")
  f:close()
end
print(("read %d bytes: high-water mark %d MB"):format(#page, hwm()))
local t0 = os.clock()
if os.getenv("EXTRACT_WHAT") == "segment_page" then
  local a = sift.segment_page(page, { scope = "page", entities = false })
  print(("cut %d segments in %d units (%.1f s CPU): high-water mark %d MB"):format(#a.segments, #a.units,
    os.clock() - t0, hwm()))
else
  local a = sift.extract(page)
  print(("extracted %d bytes of text in %d blocks (%.1f s CPU): high-water mark %d MB"):format(#a.text, #a.blocks,
    os.clock() - t0, hwm()))
end
LUA

# peak KB of the child on a page (or on the tiny page without one)
peak() {
    /usr/bin/time -v -o "$DIR/time.out" "$LUA" "$child" "$@" >"$DIR/last.out" 2>"$DIR/last.err" || {
        echo "the extraction failed:" >&2
        tail -n 5 "$DIR/last.err" >&2
        return 1
    }
    sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$DIR/time.out"
}

base=$(peak) || exit 1
kb=$(peak "$page") || exit 1
sed 's/^/  /' "$DIR/last.out"
bytes=$(wc -c <"$page")
ratio=$(awk -v k="$kb" -v b="$bytes" 'BEGIN { printf "%.2f", k * 1024 / b }')
net=$(awk -v k="$kb" -v z="$base" -v b="$bytes" 'BEGIN { printf "%.2f", (k - z) * 1024 / b }')
echo "extract_memory: a $bytes-byte page ($src repeated): peak RSS $((kb / 1024)) MB (baseline $((base / 1024)) MB):" \
    "$ratio x the page ($net x above the baseline); the limit is $FACTOR x"
if awk -v k="$kb" -v b="$bytes" -v f="$FACTOR" 'BEGIN { exit !(k * 1024 <= f * b) }'; then
    echo "extract_memory: ok"
else
    echo "extract_memory: FAILED: over $FACTOR x the page"
    exit 1
fi
