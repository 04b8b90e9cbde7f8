--[[
eval_keywords.lua - F1@10 of sift.keywords on the 500N-KPCrowd news articles, beside a TF-IDF
baseline computed in the same run.

Usage: lua5.4 eval/keywords.lua [DATA_DIR]   (`make eval-keywords`)
       DATA_DIR defaults to ../shared/data/keyphrase-500N-KPCrowd (docs/*.txt, keys/*.key)

Matching: a predicted and a gold keyphrase match when they are equal after the same normalisation:
every character other than an ASCII letter, a digit, white space or an apostrophe deleted (the gold
lists were written that way: "part-nationalised" stands there as "partnationalised", "U.S." as
"US", "Deadline.com" as "Deadlinecom"), then lower-casing, splitting into words and
Porter-stemming each word (sift.stem). Each method's top 10 are deduplicated that way first, so
that two predictions with one normal form take one slot. Per document, precision = matches /
predictions, recall = matches / gold phrases, F1 = their harmonic mean (0 when there is no match);
the figures are means over the documents. HTML entities in the documents (&amp;, &#39;) are
decoded for every method alike.

Lines:
  sift.keywords(text)       each document alone (no collection statistics)
  sift.keywords(articles)   all documents at once: the per-article top 10, which weighs the
                            terms by inverse document frequency over the collection
  TF-IDF baseline           lower-cased word tokens minus the same stop words, unstemmed,
                            tf * log(N / df) over the collection
The documents are also split in two halves two ways, printed separately, so that a gain that holds
on one half only shows: by topic (topics 1, 3, 5, ... and 2, 4, 6, ... in name order) and by
document (the odd and the even ones in name order).
]]

package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = (os.getenv("SIFT_CPATH") or ("./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;")) .. package.cpath

local sift = require "sift"
local html = require "sift.html"
local terms = require "sift.terms"

local dir = arg[1] or "../shared/data/keyphrase-500N-KPCrowd"
local K = 10

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function list_files(d, ext)
  local p = io.popen('find "' .. d .. '" -name "*.' .. ext .. '" -type f | LC_ALL=C sort')
  local out = {}
  for line in p:lines() do
    out[#out + 1] = line
  end
  p:close()
  return out
end

-- lower-cased, Porter-stemmed words, joined by single spaces, after deleting what the gold lists
-- lack: all but ASCII letters and digits, white space and apostrophes
local function norm(phrase)
  phrase = phrase:gsub("\u{2019}", "'"):gsub("[^%w%s']+", "")
  local words = {}
  for _, w in ipairs(sift.words(phrase)) do
    words[#words + 1] = sift.stem(sift.fold(w))
  end
  return table.concat(words, " ")
end

local files = list_files(dir .. "/docs", "txt")
if #files == 0 then
  io.stderr:write("eval_keywords.lua: no documents in ", dir, "/docs\n")
  os.exit(1)
end

local docs, topics = {}, {}
for _, path in ipairs(files) do
  local name = path:match("([^/]+)%.txt$")
  local text = html.decode_entities(sift.decode(read(path)))
  local gold = {}
  local kf = io.open(dir .. "/keys/" .. name .. ".key", "rb")
  if kf then
    for line in kf:lines() do
      local g = norm(html.decode_entities(line))
      if g ~= "" then
        gold[g] = true
      end
    end
    kf:close()
  end
  local ngold = 0
  for _ in pairs(gold) do
    ngold = ngold + 1
  end
  if ngold > 0 then
    local topic = name:match("^(.-)%-%d+$") or name
    topics[topic] = true
    docs[#docs + 1] = { name = name, text = text, gold = gold, ngold = ngold, topic = topic }
  end
end
local topic_list = {}
for t in pairs(topics) do
  topic_list[#topic_list + 1] = t
end
table.sort(topic_list)
local half = {}
for n, t in ipairs(topic_list) do
  half[t] = n % 2 == 1 and "A" or "B"
end

local function score(doc, predictions)
  local seen, n, hits = {}, 0, 0
  for _, p in ipairs(predictions) do
    local k = norm(p)
    if k ~= "" and not seen[k] then
      seen[k] = true
      n = n + 1
      if doc.gold[k] then
        hits = hits + 1
      end
      if n == K then
        break
      end
    end
  end
  if hits == 0 then
    return 0, 0, 0
  end
  local p, r = hits / n, hits / doc.ngold
  return p, r, 2 * p * r / (p + r)
end

-- TF-IDF baseline ------------------------------------------------------------------------------
local stop = {}
for _, w in ipairs(terms.stopwords()) do
  stop[w] = true
end
local function baseline_terms(text)
  local tf = {}
  for _, w in ipairs(sift.words(text, { word = true })) do
    local lw = sift.fold(w)
    if not stop[lw] and #lw > 1 then
      tf[lw] = (tf[lw] or 0) + 1
    end
  end
  return tf
end
local df, tfs = {}, {}
for n, d in ipairs(docs) do
  tfs[n] = baseline_terms(d.text)
  for w in pairs(tfs[n]) do
    df[w] = (df[w] or 0) + 1
  end
end
local function baseline(n)
  local list = {}
  for w, c in pairs(tfs[n]) do
    list[#list + 1] = { w = w, s = c * math.log(#docs / df[w]) }
  end
  table.sort(list, function(a, b)
    if a.s ~= b.s then
      return a.s > b.s
    end
    return a.w < b.w
  end)
  local out = {}
  for m = 1, math.min(#list, 3 * K) do
    out[m] = list[m].w
  end
  return out
end

-- sift ---------------------------------------------------------------------------------------------
local function terms_of(list)
  local out = {}
  for n, e in ipairs(list) do
    out[n] = e.term
  end
  return out
end

local articles = {}
for n, d in ipairs(docs) do
  articles[n] = { id = d.name, text = d.text }
end
local t0 = os.clock()
local coll = sift.keywords(articles, { top = 3 * K })
local t_coll = os.clock() - t0

local methods = {
  { name = "sift.keywords(text)", run = function(n)
    return terms_of(sift.keywords(docs[n].text, { top = 3 * K }))
  end },
  { name = "sift.keywords(articles)", run = function(n)
    return terms_of(coll.articles[n].keywords)
  end },
  { name = "TF-IDF baseline", run = baseline },
}

print(("500N-KPCrowd: %d documents with gold keyphrases (%s), F1@%d, Porter-stemmed exact match"):format(
  #docs, dir, K))
print()
print(("%-26s %7s %7s %7s   %9s %9s   %7s %7s"):format("method", "P@10", "R@10", "F1@10", "F1 half A", "F1 half B",
  "F1 odd", "F1 even"))
for _, m in ipairs(methods) do
  local sp, sr, sf = 0, 0, 0
  local hf, hn = { A = 0, B = 0, odd = 0, even = 0 }, { A = 0, B = 0, odd = 0, even = 0 }
  for n, d in ipairs(docs) do
    local p, r, f = score(d, m.run(n))
    sp, sr, sf = sp + p, sr + r, sf + f
    local h = half[d.topic]
    hf[h], hn[h] = hf[h] + f, hn[h] + 1
    h = n % 2 == 1 and "odd" or "even"
    hf[h], hn[h] = hf[h] + f, hn[h] + 1
  end
  local N = #docs
  print(("%-26s %7.3f %7.3f %7.3f   %9.3f %9.3f   %7.3f %7.3f"):format(m.name, sp / N, sr / N, sf / N,
    hf.A / math.max(hn.A, 1), hf.B / math.max(hn.B, 1), hf.odd / math.max(hn.odd, 1),
    hf.even / math.max(hn.even, 1)))
end
print()
local halfA, halfB = {}, {}
for _, t in ipairs(topic_list) do
  if half[t] == "A" then
    halfA[#halfA + 1] = t
  else
    halfB[#halfB + 1] = t
  end
end
print("half A: " .. table.concat(halfA, ", "))
print("half B: " .. table.concat(halfB, ", "))
print(("sift.keywords over the whole collection: %.2f s of CPU"):format(t_coll))
