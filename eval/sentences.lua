--[==[
eval_sentences.lua - how many sentences of the BBC News Summary reference summaries the sentence
splitter reproduces exactly as sentences of their articles.

Usage (from the repository root, after `make`): lua5.4 eval/sentences.lua [DIR [CDIR]]
  DIR   the data set (default ../shared/data/bbc-news-summary: articles/<cat>/NNN.txt and
        summaries/<cat>/NNN.txt)
  CDIR  where sift/core.so lives (default build/<Lua version>)
`make eval-sentences` runs it.

Each summary is whole sentences of its article run together, mostly with no space after the full
stop ("...$10.9bn.For the full-year..."). The reference sentences are recovered from the summary
alone, without the splitter: it is cut where a terminator (. ! ?, with any closing quotes and
brackets) is directly followed by a capital, a quote or a bracket, choosing among the possible
cuts (a quote may close one sentence or open the next) the segmentation whose pieces are most
often found verbatim in the article. A reference sentence counts as reproduced when a splitter
returns a sentence with exactly its text. Pieces not found verbatim in the article (the summary
was edited, or the cut was wrong) are counted apart: no splitter can reproduce them.

The same is measured for two baselines: the plain UAX #29 sentence boundaries (sift.breaks, each
segment trimmed of white space) and a pure-Lua splitter that takes each run of characters up to
a run of . ! or ? (gmatch "[^.!?]*[.!?]+"), trimmed.
]==]

local dir = arg[1] or "../shared/data/bbc-news-summary"
local cdir = arg[2] or ("build/" .. _VERSION:match("%d+%.%d+"))
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./" .. cdir .. "/?.so;" .. package.cpath

local sift = require "sift"

local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("a")
  f:close()
  return s
end

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

-- Possible cuts in a summary: after a terminator and each prefix of the closing marks after it,
-- when the next character is not white space.
local CLOSERS = { ['"'] = true, ["'"] = true, [")"] = true, ["]"] = true }
local function cuts(summary)
  local out, n = {}, #summary
  local k = 1
  while k <= n do
    local c = summary:sub(k, k)
    if c == "." or c == "!" or c == "?" then
      local e = k
      while e < n and summary:sub(e + 1, e + 1):find("^[.!?]") do
        e = e + 1
      end
      local stops = { e }
      local q = e
      while q < n do
        local d = summary:sub(q + 1, q + 1)
        local close3 = summary:sub(q + 1, q + 3)
        if CLOSERS[d] then
          q = q + 1
        elseif close3 == "\226\128\157" or close3 == "\226\128\153" then -- ” ’
          q = q + 3
        else
          break
        end
        stops[#stops + 1] = q
      end
      for _, stop in ipairs(stops) do
        local nxt = summary:sub(stop + 1, stop + 1)
        -- a sentence starts with a capital, a quote, a bracket or a non-ASCII character (“ or É),
        -- never with a lower-case letter ("Amazon.com"), a digit ("3.5") or a comma ("Yet?,")
        if stop < n and nxt:find("^[%u\"'(\128-\255]") then
          out[#out + 1] = stop
        end
      end
      k = q + 1
    else
      k = k + 1
    end
  end
  return out
end

-- The reference sentences of a summary: the segmentation at the possible cuts with the most pieces
-- found in the article (then the most pieces). Returns an array of {text =, found =}.
local function reference(summary, article)
  local points = cuts(summary)
  table.insert(points, 1, 0)
  points[#points + 1] = #summary
  local seen = {}
  local unique = {}
  for _, p in ipairs(points) do
    if not seen[p] then
      seen[p] = true
      unique[#unique + 1] = p
    end
  end
  table.sort(unique)
  local m = #unique
  local best, from = { [1] = { 0, 0 } }, {}
  for b = 2, m do
    for a = 1, b - 1 do
      if best[a] then
        local piece = trim(summary:sub(unique[a] + 1, unique[b]))
        if piece:find("%w") then -- not a quote mark alone: each cut is taken at most once
          local found = article:find(piece, 1, true) and 1 or 0
          local score = { best[a][1] + found, best[a][2] + 1 }
          local cur = best[b]
          if not cur or score[1] > cur[1] or (score[1] == cur[1] and score[2] > cur[2]) then
            best[b] = score
            from[b] = a
          end
        end
      end
    end
  end
  local pieces = {}
  local b = m
  while b > 1 do
    local a = from[b]
    local piece = trim(summary:sub(unique[a] + 1, unique[b]))
    table.insert(pieces, 1, { text = piece, found = article:find(piece, 1, true) ~= nil })
    b = a
  end
  return pieces
end

-- The splitters: each returns the set of sentence texts of an article.
local splitters = {
  { name = "sift.sentences", fn = function(text)
    local set = {}
    for _, s in ipairs(sift.sentences(text)) do
      set[s.text] = true
    end
    return set
  end },
  { name = "UAX #29 (sift.breaks)", fn = function(text)
    local set, b = {}, sift.breaks(text, "sentence")
    for k = 1, #b - 1 do
      local s = trim(text:sub(b[k], b[k + 1] - 1))
      if s ~= "" then
        set[s] = true
      end
    end
    return set
  end },
  { name = 'gmatch("[^.!?]*[.!?]+")', fn = function(text)
    local set = {}
    for s in text:gmatch("[^.!?]*[.!?]+") do
      s = trim(s)
      if s ~= "" then
        set[s] = true
      end
    end
    return set
  end },
}

local p = io.popen('find "' .. dir .. '/summaries" -type f -name "*.txt" 2>/dev/null | sort')
local files = {}
for line in p:lines() do
  files[#files + 1] = line
end
p:close()
if #files == 0 then
  io.stderr:write("eval_sentences.lua: no summaries under ", dir, "/summaries\n")
  os.exit(1)
end

local total, found, articles = 0, 0, 0
local hits = {}
for k = 1, #splitters do
  hits[k] = 0
end
for _, spath in ipairs(files) do
  local apath = spath:gsub("/summaries/", "/articles/")
  local summary, article = read(spath), read(apath)
  if summary and article then
    articles = articles + 1
    local sets = {}
    for k, sp in ipairs(splitters) do
      sets[k] = sp.fn(article)
    end
    for _, piece in ipairs(reference(trim(summary), article)) do
      total = total + 1
      if piece.found then
        found = found + 1
        for k = 1, #splitters do
          if sets[k][piece.text] then
            hits[k] = hits[k] + 1
          end
        end
      end
    end
  end
end

print(string.format(
  "BBC News Summary: %d articles, %d reference sentences, %d of them (%.1f%%) found verbatim in their article",
  articles, total, found, 100 * found / total))
print(string.format("%-28s %10s %8s", "splitter", "reproduced", "share"))
for k, sp in ipairs(splitters) do
  print(string.format("%-28s %10d %7.1f%%", sp.name, hits[k], 100 * hits[k] / found))
end
