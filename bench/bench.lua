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

-- ---- sentences: sift.sentences and sift.each_sentence against a pure-Lua splitter ----------------
-- The baseline takes each run of characters up to a terminator as a string, the way a script
-- without sift would split sentences: s:gmatch("[^.!?]+[.!?]").

local function run_sentences()
  local n = 0
  for _ = 1, passes do
    n = #sift.sentences(text)
  end
  return n
end

local function run_each_sentence()
  local n = 0
  for _ = 1, passes do
    n = 0
    for _, _, _ in sift.each_sentence(text) do
      n = n + 1
    end
  end
  return n
end

local function run_lua_splitter()
  local n = 0
  for _ = 1, passes do
    n = 0
    for _ in text:gmatch("[^.!?]+[.!?]") do
      n = n + 1
    end
  end
  return n
end

local srows = {
  measure("sift.sentences (all tables)", "sentences", run_sentences),
  measure("sift.each_sentence loop", "sentences", run_each_sentence),
  measure('gmatch("[^.!?]+[.!?]")', "pieces", run_lua_splitter),
}
local base = srows[3]
print()
print("sentences:")
print(string.format("%-28s %9s %12s  %-9s %9s", "", "MB/s", "count", "counted", "vs Lua"))
print(string.format("%-28s %9s %12s  %-9s %9s", "", "best", "per pass", "", "splitter"))
for _, r in ipairs(srows) do
  print(string.format("%-28s %9.1f %12d  %-9s %8.2fx", r.name, bytes / r.best / 1e6, r.count, r.unit,
    base.best / r.best))
end
print()
print(string.format("sentences/Lua splitter = %.2fx, each_sentence/Lua splitter = %.2fx (speed ratios, >1 = faster)",
  base.best / srows[1].best, base.best / srows[2].best))

-- ---- entities (sift.entities) ------------------------------------------------------------------
-- Each BBC article is tagged as a text of its own (entities are linked within a text), read from
-- ../shared when it is there; otherwise the whole corpus is one text. Same timing as above: the
-- articles are walked as many whole times as MIN_MB takes, the best of REPS runs counts.
local articles, article_bytes = {}, 0
do
  local p = io.popen('find ../shared/data/bbc-news-summary/articles -name "*.txt" 2>/dev/null | LC_ALL=C sort')
  for path in p:lines() do
    local af = assert(io.open(path, "rb"))
    articles[#articles + 1] = af:read("a")
    af:close()
    article_bytes = article_bytes + #articles[#articles]
  end
  p:close()
  if #articles == 0 then
    articles, article_bytes = { text }, #text
  end
end
local epasses = math.ceil(min_mb * 1e6 / article_bytes)

local function run_entities()
  local n = 0
  for _ = 1, epasses do
    n = 0
    for _, a in ipairs(articles) do
      n = n + #sift.entities(a)
    end
  end
  return n
end

local erow = measure("sift.entities", "entities", run_entities)
print()
print(string.format("entities: %d texts, %d bytes, %d passes", #articles, article_bytes, epasses))
print(string.format("%-28s %9s %12s  %-9s", "", "MB/s", "count", "counted"))
print(string.format("%-28s %9.1f %12d  %-9s", erow.name, article_bytes * epasses / erow.best / 1e6, erow.count,
  erow.unit))

-- ---- pipeline: sentences, entities, keywords and summary of each article -------------------------
-- What a report on news does with each article, through the Lua API as a user calls it: the
-- sentences and the entities once, then the keywords and the summary, which share them. Each BBC
-- article is decoded (one is Latin-1) and processed as a text of its own; MB/s counts the
-- articles' bytes. The lines after it time each step alone on the same articles (keywords and
-- summary alone then scan the text themselves). Same timing as above: best of REPS runs, each run
-- walking the articles as many whole times as MIN_MB takes.
do
  local docs, doc_bytes = {}, 0
  local p = io.popen('find ../shared/data/bbc-news-summary/articles -name "*.txt" 2>/dev/null | LC_ALL=C sort')
  for path in p:lines() do
    local af = assert(io.open(path, "rb"))
    docs[#docs + 1] = assert(sift.decode(af:read("a")))
    af:close()
    doc_bytes = doc_bytes + #docs[#docs]
  end
  p:close()
  if #docs == 0 then
    docs, doc_bytes = { text }, #text
  end
  local ppasses = math.ceil(min_mb * 1e6 / doc_bytes)

  local function over_docs(step)
    return function()
      local n = 0
      for _ = 1, ppasses do
        n = 0
        for _, d in ipairs(docs) do
          n = n + step(d)
        end
      end
      return n
    end
  end

  local prows = {
    measure("pipeline (all four)", "sentences", over_docs(function(d)
      local sentences = sift.sentences(d)
      local entities = sift.entities(d)
      sift.keywords(d, { entities = entities })
      return #sift.summarize(d, { sentence_list = sentences, entities = entities })
    end)),
    measure("  sift.sentences", "sentences", over_docs(function(d) return #sift.sentences(d) end)),
    measure("  sift.entities", "entities", over_docs(function(d) return #sift.entities(d) end)),
    measure("  sift.keywords", "keywords", over_docs(function(d)
      return #sift.keywords(d, { entities = false })
    end)),
    measure("  sift.summarize", "sentences", over_docs(function(d)
      return #sift.summarize(d, { entities = false })
    end)),
  }
  print()
  print(string.format("pipeline: %d articles, %d bytes, %d passes (project target: at least 5 MB/s)", #docs,
    doc_bytes, ppasses))
  print(string.format("%-28s %9s %12s  %-9s", "", "MB/s", "count", "counted"))
  for _, r in ipairs(prows) do
    print(string.format("%-28s %9.1f %12d  %-9s", r.name, doc_bytes * ppasses / r.best / 1e6, r.count, r.unit))
  end
end
