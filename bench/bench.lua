-- bench/bench.lua - throughput of the Lua API against string.gmatch("%w+").
--
-- usage (from the repository root): lua5.4 bench/bench.lua CORPUS [MIN_MB [CDIR [REPS]]]
--   CORPUS  the text to tokenise (bench/run.sh builds it)
--   MIN_MB  megabytes of work per run (1 MB = 10^6 bytes; default 20): the corpus string is
--           walked as many whole times as that takes
--   CDIR    where sift/core.so lives (default build/<Lua version>, e.g. build/5.4)
--   REPS    runs per measurement (default 5); the best run counts
--
-- Times are os.clock() (process CPU time, garbage collection included); collectgarbage() runs
-- before every run so one run's garbage is not charged to the next.

local corpus_path = arg[1]
local min_mb = tonumber(arg[2] or "20")
local cdir = arg[3] or ("build/" .. _VERSION:match("%d+%.%d+"))
local reps = math.tointeger(tonumber(arg[4] or "5"))

if not corpus_path or not min_mb or min_mb <= 0 or not reps or reps < 1 then
  io.stderr:write("usage: bench/bench.lua CORPUS [MIN_MB [CDIR [REPS]]]\n")
  os.exit(2)
end

package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./" .. cdir .. "/?.so;" .. package.cpath

local sift = require "sift"

local f = assert(io.open(corpus_path, "rb"))
local text = f:read("a")
f:close()
assert(#text > 0, "empty corpus")

local passes = math.ceil(min_mb * 1e6 / #text)
local bytes = passes * #text

-- Each function walks the corpus `passes` times and returns tokens per pass.
local function run_each_token()
  local n = 0
  for _ = 1, passes do
    n = 0
    for _, _, _ in sift.each_token(text) do
      n = n + 1
    end
  end
  return n
end

local function run_tokens()
  local n = 0
  for _ = 1, passes do
    local toks = sift.tokens(text)
    n = #toks
  end
  return n
end

local function run_gmatch()
  local n = 0
  for _ = 1, passes do
    n = 0
    for _ in text:gmatch("%w+") do
      n = n + 1
    end
  end
  return n
end

local function measure(name, unit, fn)
  local best, count = math.huge, nil
  for _ = 1, reps do
    collectgarbage()
    collectgarbage()
    local t0 = os.clock()
    local n = fn()
    local t = os.clock() - t0
    if count and n ~= count then
      error(name .. ": count changed between runs")
    end
    count = n
    if t < best then best = t end
  end
  if best <= 0 then best = 1e-9 end
  return { name = name, unit = unit, best = best, count = count }
end

-- Where the module came from, so a stale or system-wide copy is noticed.
local core = package.searchpath("sift.core", package.cpath) or "(sift.core not found on cpath)"
print(string.format("Lua: %s, %.2f MB per run (%d passes over a %d-byte corpus), best of %d",
  _VERSION, bytes / 1e6, passes, #text, reps))
print("module: " .. (package.searchpath("sift", package.path) or "?") .. ", " .. core)
print()

local rows = {
  measure("sift.each_token loop", "tokens", run_each_token),
  measure("sift.tokens (all tables)", "tokens", run_tokens),
  measure('s:gmatch("%w+") loop', "words", run_gmatch),
}
local gm = rows[3]

if rows[1].count ~= rows[2].count then
  print(string.format("WARNING: each_token saw %d tokens, tokens returned %d",
    rows[1].count, rows[2].count))
end

print(string.format("%-26s %9s %9s %12s  %-7s %9s", "", "MB/s", "Mtok/s", "count", "counted",
  "vs gmatch"))
print(string.format("%-26s %9s %9s %12s  %-7s %9s", "", "best", "best", "per pass", "", ""))
for _, r in ipairs(rows) do
  print(string.format("%-26s %9.1f %9.2f %12d  %-7s %8.2fx", r.name, bytes / r.best / 1e6,
    r.count * passes / r.best / 1e6, r.count, r.unit, gm.best / r.best))
end
print()
print(string.format("each_token/gmatch = %.2fx, tokens/gmatch = %.2fx (speed ratios, >1 = faster)",
  gm.best / rows[1].best, gm.best / rows[2].best))
