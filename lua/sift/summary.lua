--- sift.summary: extractive summaries of news articles.
--
--   sift.summarize(text [, opts]) -> array of {text =, i =, j =, score =, paragraph =, index =}
--
-- The sentences of the article's body are ranked by a mix of signals, and the best are returned
-- in article order. The signals: centrality (TextRank: PageRank over a graph whose edges are the
-- sentences' similarities, so a sentence that says what many others say ranks high), position
-- (news puts its point first), overlap with the headline and captions, the article's keywords
-- (terms that recur) and its entities (sift.entities, when there is one). Headline, caption and
-- dateline lines are signals only: they are never returned. A sentence too like one already
-- chosen is passed over.
local core = require "sift.core"
local terms = require "sift.terms"
local article = require "sift.article"
local check = require "sift.check"

local summary = {}

-- At most this many sentences of an article are ranked (the first ones): the similarity graph
-- grows with the square of their number, and this bounds the memory one article takes.
summary.MAX_SENTENCES = 300

-- Entity types that are amounts rather than names: they do not make a sentence more central.
local NUMERIC = { DATE = true, TIME = true, PERCENT = true, MONEY = true, QUANTITY = true, ORDINAL = true,
  CARDINAL = true }

local OPTIONS = {
  sentences = "number", ratio = "number", headline = "string", entities = "any", stopwords = "table",
  sentence_list = "table", weights = "table",
}

-- How much each signal counts; opts.weights overrides any of them.
local WEIGHTS = { centrality = 1.0, position = 1.0, headline = 0.6, keywords = 0.4, entities = 0.3 }

-- The spans of opts.sentence_list (see docs/lua-api.md): tables of whole numbers i and j, within the
-- text (1 <= i, j <= #text) and in text order (each i after the j before it). Its caller's
-- caller's caller is the user's.
local function check_sentence_list(list, len)
  local last = 0
  for k, s in ipairs(list) do
    if type(s) ~= "table" then
      check.fail("summarize", 2, ("option 'sentence_list': item %d must be a table, got %s"):format(k, type(s)), 4)
    end
    for _, f in ipairs({ "i", "j" }) do
      check.whole("summarize", 2, s[f], ("option 'sentence_list': field '%s' of item %d"):format(f, k), 1, len, 4)
    end
    if s.i <= last then
      check.fail("summarize", 2, ("option 'sentence_list': item %d starts at %s, before the end of item %d")
        :format(k, check.shown(s.i), k - 1), 4)
    end
    last = math.max(last, s.j)
  end
end

-- The mentions of opts.entities (see sift.entities): tables with a whole number i (where the
-- mention starts) and a string text or canonical (its name).
local function check_entities(list)
  for k, e in ipairs(list) do
    if type(e) ~= "table" then
      check.fail("summarize", 2, ("option 'entities': item %d must be a table, got %s"):format(k, type(e)), 4)
    end
    check.whole("summarize", 2, e.i, ("option 'entities': field 'i' of item %d"):format(k), nil, nil, 4)
    if type(e.canonical or e.text) ~= "string" then
      check.fail("summarize", 2, ("option 'entities': item %d must have a string text, got %s")
        :format(k, type(e.canonical or e.text)), 4)
    end
  end
end

local RATIO = { above = 0, max = 1 }
local WEIGHT = { min = 0, finite = true }

local function check_opts(opts, len)
  opts = check.opts("summarize", 2, opts, OPTIONS, 3)
  -- a count: math.huge, like any number above the count of sentences, means all of them
  check.count("summarize", 2, opts.sentences, "option 'sentences'", 0, 3)
  if opts.ratio ~= nil then
    check.number("summarize", 2, opts.ratio, "option 'ratio'", RATIO, 3)
  end
  if opts.sentences and opts.ratio then
    check.fail("summarize", 2, "options 'sentences' and 'ratio' exclude each other", 3)
  end
  if opts.weights then
    local sum = 0
    for k, v in pairs(WEIGHTS) do
      local w = opts.weights[k]
      sum = sum + (w == nil and v or type(w) == "number" and w or 0)
    end
    for k, v in pairs(opts.weights) do
      if WEIGHTS[k] == nil then
        check.fail("summarize", 2, ("unknown weight '%s'"):format(tostring(k)), 3)
      end
      -- NaN or an infinity would make scores NaN (-inf times a signal of 0), and sentences with a
      -- NaN score are never chosen
      check.number("summarize", 2, v, ("weight '%s'"):format(k), WEIGHT, 3)
    end
    if sum == math.huge then
      -- each signal is at most 1: a score is at most the sum of the weights
      check.fail("summarize", 2, "the weights must have a finite sum, got inf", 3)
    end
  end
  if opts.sentence_list then
    check_sentence_list(opts.sentence_list, len)
  end
  if opts.entities ~= nil and opts.entities ~= false then
    if type(opts.entities) ~= "table" then
      check.fail("summarize", 2, ("option 'entities' must be a table or false, got %s"):format(type(opts.entities)),
        3)
    end
    check_entities(opts.entities)
  end
  return opts
end

local sift_api -- the sift module, for sentences and entities (it requires this module lazily)
local function api()
  if sift_api == nil then
    local ok, m = pcall(require, "sift")
    sift_api = ok and m or false
  end
  return sift_api or nil
end

-- The sentence spans of the whole text, from sift.sentences when there is one.
local function sentence_spans(text, opts)
  if opts.sentence_list then
    return opts.sentence_list
  end
  local s = api()
  if s and type(s.sentences) == "function" then
    return s.sentences(text)
  end
  return article.split_sentences(text, 1, #text)
end

-- The candidate sentences: the parts of the sentences that lie in body paragraphs, trimmed.
local byte = string.byte

-- Is byte c white space (space, tab, CR, LF, VT, FF)?
local function space(c)
  return c == 32 or (c >= 9 and c <= 13)
end

local function candidates(text, a, spans)
  local out = {}
  local body = {}
  for _, p in ipairs(a.paragraphs) do
    if p.kind == "body" then
      body[#body + 1] = p
    end
  end
  local b = 1
  for _, s in ipairs(spans) do
    local si, sj = s.i, s.j
    while b <= #body and body[b].j < si do
      b = b + 1
    end
    local k = b
    while k <= #body and body[k].i <= sj do
      local i, j = math.max(si, body[k].i), math.min(sj, body[k].j)
      -- trimmed byte by byte: a pattern such as "%s*$" would try every position of the sentence
      while i <= j and space(byte(text, i)) do
        i = i + 1
      end
      while j >= i and space(byte(text, j)) do
        j = j - 1
      end
      if i <= j then
        out[#out + 1] = { i = i, j = j, paragraph = k }
        if #out >= summary.MAX_SENTENCES then
          return out
        end
      end
      k = k + 1
    end
  end
  return out
end

-- The number of sentences to return.
local function size(opts, n)
  if opts.sentences then
    return math.min(opts.sentences, n)
  end
  if opts.ratio then
    return math.min(n, math.max(1, math.floor(opts.ratio * n + 0.5)))
  end
  return math.min(3, n)
end

local function normalise(values, n)
  local max = 0
  for s = 1, n do
    if values[s] > max then
      max = values[s]
    end
  end
  if max > 0 then
    for s = 1, n do
      values[s] = values[s] / max
    end
  end
  return values
end

--- sift.summarize(text [, opts]); see the module's comment and docs/lua-api.md.
-- The numbers among the options: `sentences` is a whole number >= 0 (0: an empty summary;
-- math.huge, or any number above the count of candidate sentences: all of them); `ratio` is above
-- 0 and at most 1; each of `weights` is a finite number >= 0 (and their sum finite); the spans of
-- `sentence_list` are whole numbers i and j from 1 to #text, in text order; each mention of
-- `entities` has a whole number i. NaN, fractions and what is out of range raise "bad argument #2
-- to 'summarize'".
function summary.summarize(text, opts)
  check.arg("summarize", 1, text, "string")
  opts = check_opts(opts, #text)
  local weights = {}
  for k, v in pairs(WEIGHTS) do
    weights[k] = opts.weights and opts.weights[k] or v
  end
  local a = article.parse(text, opts)
  local cands = candidates(text, a, sentence_spans(text, opts))
  local n = #cands
  if n == 0 then
    return {}
  end
  local want = size(opts, n)
  if want == 0 then
    return {}
  end

  -- the terms (sift.terms.analyse, which sift.keywords shares); the signal of the headline and the
  -- captions: the largest weight of a part that holds a term
  local stopset = opts.stopwords and terms.stopset(opts.stopwords) or terms.stopset()
  local r = terms.analyse(text, stopset, a.headline and a.headline.i and a.headline.j or 0)
  local parts, signal = {}, nil
  local function add_signal(part, weight)
    if part and part.i then
      parts[#parts + 1], parts[#parts + 2], parts[#parts + 3] = part.i, part.j, weight
    elseif part then
      -- a headline given apart: its words by key
      local key_id = {}
      for id, k in ipairs(r.keys) do
        key_id[k] = id
      end
      signal = signal or {}
      for _, k in ipairs((terms.scan(part.text, stopset))) do
        local id = key_id[k]
        if id then
          signal[id] = math.max(signal[id] or 0, weight)
        end
      end
    end
  end
  add_signal(a.headline, 1)
  for _, c in ipairs(a.captions) do
    add_signal(c, 0.5)
  end
  -- the graph of the sentences and the sums of the signals over each one's keys, in C: the signal
  -- of the headline and captions, and the log count of the keys said more than once
  local spans = {}
  for s = 1, n do
    spans[2 * s - 1], spans[2 * s] = cands[s].i, cands[s].j
  end
  local g = core._textrank(r.state, spans, parts, signal)

  -- entities: mentions per candidate, weighted by how often the article names the entity
  local ent = {}
  for s = 1, n do
    ent[s] = 0
  end
  local found = opts.entities
  if found == nil then
    local s = api()
    found = s and type(s.entities) == "function" and s.entities(text) or false
  end
  if found then
    local freq = {}
    for _, e in ipairs(found) do
      local name = e.canonical or e.text
      freq[name] = (freq[name] or 0) + 1
    end
    for name, c in pairs(freq) do
      freq[name] = math.log(1 + c)
    end
    local s = 1
    for _, e in ipairs(found) do
      while s <= n and cands[s].j < e.i do
        s = s + 1
      end
      if s > n then
        break
      end
      if e.i >= cands[s].i and not NUMERIC[e.type] then
        ent[s] = ent[s] + freq[e.canonical or e.text]
      end
    end
  end

  -- the signals, each scaled to 0..1
  local central = normalise(table.move(g.rank, 1, n, 1, {}), n)
  local head, kw, pos = {}, {}, {}
  for s = 1, n do
    local norm = math.sqrt(g.nkeys[s] + 1)
    head[s] = g.suma[s] / norm
    kw[s] = g.sumb[s] / norm
    ent[s] = ent[s] / norm
    pos[s] = 1 / math.sqrt(s)
    cands[s].nterms = g.nterms[s]
  end
  normalise(head, n)
  normalise(kw, n)
  normalise(ent, n)
  for s = 1, n do
    local cand = cands[s]
    cand.score = weights.centrality * central[s] + weights.position * pos[s] + weights.headline * head[s]
      + weights.keywords * kw[s] + weights.entities * ent[s]
    -- a fragment says too little to stand for the article: below 8 content words, a sentence
    -- loses score with the square root of its shortfall
    if cand.nterms < 8 then
      cand.score = cand.score * math.sqrt(cand.nterms / 8)
    end
  end

  -- the best sentences, one at a time (ties to the earlier), passing over one too like a sentence
  -- already chosen; a summary wants a few, so this is cheaper than sorting them all
  local chosen, taken, sim = {}, {}, g.sim
  while #chosen < want do
    local best, top = nil, -math.huge
    for s = 1, n do
      if not taken[s] and cands[s].score > top then
        best, top = s, cands[s].score
      end
    end
    if not best then
      break
    end
    taken[best] = true
    local ok = true
    for _, t in ipairs(chosen) do
      if sim[(best - 1) * n + t] > 0.6 then
        ok = false
        break
      end
    end
    if ok then
      chosen[#chosen + 1] = best
    end
  end
  table.sort(chosen)
  local out = {}
  for rank, s in ipairs(chosen) do
    local cand = cands[s]
    out[rank] = { text = text:sub(cand.i, cand.j), i = cand.i, j = cand.j, score = cand.score,
      paragraph = cand.paragraph, index = s }
  end
  return out
end

return summary
