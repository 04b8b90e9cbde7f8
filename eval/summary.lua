--[[
eval_summary.lua - ROUGE-1, ROUGE-2 and ROUGE-L F1 of sift.summarize on the BBC News Summary
articles against their reference summaries, beside the Lead-3 baseline computed in the same run.

Usage: lua5.4 eval/summary.lua [DATA_DIR]   (`make eval-summary`)
       DATA_DIR defaults to ../shared/data/bbc-news-summary (articles/<cat>/NNN.txt,
       summaries/<cat>/NNN.txt)

Each article is decoded (some are Latin-1) and summarised with sift.summarize(text,
{sentences = 3}). Lead-3 is the first three sentences of the article's body: the same sentence
splitter and the same body (the headline line left out), so the two differ in the choice of
sentences only. ROUGE (eval/rouge.lua) lower-cases, splits at anything that is not a letter or
digit, and neither stems nor drops stop words; the figures are means of per-article F1.

The references are long (about 40% of an article), so a second pair of lines compares the two at
the reference's own length: k sentences, k counted in the reference, for sift (sentences = k) and
for Lead-k. The articles are also split in two halves by file number (odd, even), printed apart,
so that a gain that holds on one half only shows.
]]

package.path = "./lua/?.lua;./lua/?/init.lua;./eval/?.lua;" .. package.path
package.cpath = (os.getenv("SIFT_CPATH") or ("./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;")) .. package.cpath

local sift = require "sift"
local article = require "sift.article"
local rouge = require "rouge"

local dir = arg[1] or "../shared/data/bbc-news-summary"

local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("a")
  f:close()
  return s
end

local p = io.popen('find "' .. dir .. '/articles" -name "*.txt" -type f | LC_ALL=C sort')
local files = {}
for line in p:lines() do
  files[#files + 1] = line
end
p:close()
if #files == 0 then
  io.stderr:write("eval_summary.lua: no articles under ", dir, "/articles\n")
  os.exit(1)
end

-- The first k sentences of the body, as the summarizer sees sentences.
local function lead(text, k)
  local a = article.parse(text)
  local out = {}
  for _, para in ipairs(a.paragraphs) do
    if para.kind == "body" then
      for _, s in ipairs(sift.sentences(para.text)) do
        out[#out + 1] = s.text
        if #out == k then
          return table.concat(out, " ")
        end
      end
    end
  end
  return table.concat(out, " ")
end

-- Sentences in a reference: they are run together, often with no space after the full stop.
local function reference_sentences(ref)
  local spaced = ref:gsub("([%.!?][\"']?)(%u)", "%1 %2")
  return math.max(1, #sift.sentences(spaced))
end

local lines = {
  { name = "sift.summarize, 3 sentences", sums = {} },
  { name = "Lead-3", sums = {} },
  { name = "sift.summarize, k sentences", sums = {} },
  { name = "Lead-k", sums = {} },
}
local halves = { odd = {}, even = {} }
local n, time = 0, 0
for _, path in ipairs(files) do
  local raw = read(path)
  local refraw = read((path:gsub("/articles/", "/summaries/")))
  if raw and refraw then
    local text = sift.decode(raw)
    local ref = sift.decode(refraw)
    n = n + 1
    local k = reference_sentences(ref)
    local t0 = os.clock()
    local s3 = sift.summarize(text, { sentences = 3 })
    time = time + os.clock() - t0
    local sk = sift.summarize(text, { sentences = k })
    local function join(list)
      local t = {}
      for m, s in ipairs(list) do
        t[m] = s.text
      end
      return table.concat(t, " ")
    end
    local outputs = { join(s3), lead(text, 3), join(sk), lead(text, k) }
    local num = tonumber(path:match("(%d+)%.txt$")) or 0
    local half = num % 2 == 1 and "odd" or "even"
    for m, out in ipairs(outputs) do
      local sc = rouge.scores(out, ref)
      local sums = lines[m].sums
      sums.r1 = (sums.r1 or 0) + sc.r1.f
      sums.r2 = (sums.r2 or 0) + sc.r2.f
      sums.rl = (sums.rl or 0) + sc.rl.f
      local h = halves[half]
      h[m] = h[m] or { n = 0, r2 = 0 }
      h[m].n = h[m].n + 1
      h[m].r2 = h[m].r2 + sc.r2.f
    end
  end
end

print(("BBC News Summary: %d articles with reference summaries (%s)"):format(n, dir))
print("ROUGE F1, means over the articles (no stemming, no stop words removed)")
print()
print(("%-30s %9s %9s %9s   %11s %11s"):format("method", "ROUGE-1", "ROUGE-2", "ROUGE-L", "R-2 odd", "R-2 even"))
for m, line in ipairs(lines) do
  local s = line.sums
  print(("%-30s %9.4f %9.4f %9.4f   %11.4f %11.4f"):format(line.name, s.r1 / n, s.r2 / n, s.rl / n,
    halves.odd[m].r2 / halves.odd[m].n, halves.even[m].r2 / halves.even[m].n))
  if m == 2 then
    print()
  end
end
print()
print(("sift.summarize (3 sentences): %.3f s of CPU for %d articles"):format(time, n))
