-- tests/hostile/linear_time.lua - the functions of sift written in Lua, on degenerate input: each
-- must take time in proportion to its input. Run by `make linear-time` (tests/hostile/linear_time.c
-- starts it) from the repository root, after `make`; or alone: `lua5.4 tests/hostile/linear_time.lua`.
-- Exits 0 when every ratio is linear, 1 otherwise; prints a line per case. An argument runs only
-- the cases whose name contains it (`lua5.4 tests/hostile/linear_time.lua summarize`).
--
-- As in linear_time.c, linear time is a ratio of CPU times (os.clock: other processes on a busy
-- machine do not count), not an absolute time: each case runs on n and on 10 n bytes of the same
-- pattern, and the larger run must take less than MAX_RATIO times as long (10 is linear, 100
-- quadratic). The smaller time is the best of two runs; a ratio over the limit is measured once
-- more before it counts; a larger run under MIN_TIME passes without a ratio (caches make such
-- runs time unevenly, and no quadratic run is that fast). A count hook stops a run that has taken
-- far longer than linear would (quadratic time on a megabyte takes hours); it sees Lua code only,
-- which is where these functions spend their time.
--
-- Not part of `make test`, which asserts no timings: run it on a quiet machine.
local version = _VERSION:match("%d+%.%d+")
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. version .. "/?.so;" .. package.cpath

local sift = require "sift"
local article = require "sift.article"

local MAX_RATIO = 20
local MIN_TIME = 0.05
local KB, MB = 1000, 1000000

-- Each run gets a text of its own: sift.article keeps the last text it parsed, and a pipeline
-- given the same text again would time a cache.
local runs = 0

-- CPU time of f on about n bytes of pattern, or math.huge once it has run for `limit` seconds.
local function time(f, pattern, n, limit)
  runs = runs + 1
  local s = pattern:rep(n // #pattern) .. " " .. runs
  collectgarbage()
  collectgarbage()
  local t0 = os.clock()
  debug.sethook(function()
    if os.clock() - t0 > limit then
      error("time limit", 0)
    end
  end, "", 100000)
  local ok, err = pcall(f, s)
  debug.sethook()
  if not ok then
    assert(err == "time limit", err)
    return math.huge
  end
  return os.clock() - t0
end

local function export(format)
  return function(s)
    return sift.write_segments(sift.segment(s), format)
  end
end

local function merge(s)
  local art = sift.segment(s, { id = "a" })
  return sift.merge_translation(s, (sift.write_segments(art, "xliff2")), { id = "a" })
end

-- { name, function, patterns, smaller size }
local cases = {
  -- blank lines: article.parse looked for each line's first non-blank byte across all the blank
  -- lines after it (20,000 newlines took 1.8 s, 200,000 three minutes)
  { "article.parse", article.parse, { "\n", "\n \n", " \n", "\r\n", "\n\t\n", "a\n\n", "\n\n.\n" }, 1 * MB },
  -- characters XML 1.0 forbids: the writers counted the lines up to each of them from the start
  -- of the article (100,000 took 28 s). 100 KB and 1 MB, not 1 and 10 MB: each such character is a
  -- warning of its own, and 10 million warnings take gigabytes.
  { "segment + xliff2", export("xliff2"), { "\1", "\u{FFFE}", "a\1\n", "Word\0 ", "\xFF" }, 100 * KB },
  { "segment + xliff12", export("xliff12"), { "\1", "a\1\n" }, 100 * KB },
  { "segment + po", export("po"), { "\1", "a\1\n" }, 100 * KB },
  { "segment + tmx", export("tmx"), { "\1", "a\1\n" }, 100 * KB },
  { "segment + jsonl", export("jsonl"), { "\1", "a\1\n" }, 100 * KB },
}
-- every function written in Lua on the patterns that meet its rules (the tokenizer's, the
-- sentence splitter's, the exporters' escapes)
local PATTERNS = { ".", "a", "Mr. ", "a'", "a-", "@", "#a", "-1", "\n", "\n \n", "<&>", "\u{FFFE}", "\0",
                   "Xi Jinping. ", "A. " }
for _, f in ipairs({
  { "words", sift.words },
  { "keywords", sift.keywords },
  { "summarize", sift.summarize },
  { "segment + xliff2", export("xliff2") },
  { "segment + po", export("po") },
  { "merge_translation", merge },
}) do
  cases[#cases + 1] = { f[1], f[2], PATTERNS, 100 * KB }
end

local function shown(p)
  return (("%q"):format(p):gsub("\\\n", "\\n"))
end

local only = arg and arg[1]
local failed = 0
for _, c in ipairs(cases) do
  for _, p in ipairs(only and not c[1]:find(only, 1, true) and {} or c[3]) do
    local n = c[4]
    local t1, t10, ratio, limit
    for _ = 1, 2 do
      t1 = time(c[2], p, n, 300)
      if t1 == math.huge then
        t10, ratio = math.huge, math.huge -- five minutes on the smaller input: not worth the larger
        break
      end
      t1 = math.min(t1, time(c[2], p, n, 300))
      -- linear takes about 10 times t1: stop at 30 times (1 s at least, for timer noise; 5 minutes
      -- at most, which no linear case comes near)
      limit = math.min(300, math.max(1, 30 * t1))
      t10 = time(c[2], p, 10 * n, limit)
      ratio = t10 / math.max(t1, 1e-6)
      if t10 < MIN_TIME or ratio < MAX_RATIO or t10 == math.huge then
        break
      end
    end
    local ok = t10 < MIN_TIME or ratio < MAX_RATIO
    if not ok then
      failed = failed + 1
    end
    limit = limit or 300
    print(("  %-18s %-14s %5d KB %9.2f ms  %6d KB %s  x%s%s"):format(c[1], shown(p), n // KB, t1 * 1e3,
      10 * n // KB, t10 == math.huge and ("> %.0f s"):format(limit) or ("%9.2f ms"):format(t10 * 1e3),
      t10 == math.huge and " >30" or ("%5.1f"):format(ratio), ok and "" or "  NOT LINEAR"))
  end
end
print(failed == 0 and "linear_time.lua: every case linear" or ("linear_time.lua: %d cases not linear"):format(failed))
os.exit(failed == 0 and 0 or 1)
