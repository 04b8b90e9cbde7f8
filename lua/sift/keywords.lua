--- sift.keywords: keyword counts for an article or a collection of articles.
--
--   sift.keywords(text [, opts])      -> the keywords of one text, best first
--   sift.keywords(articles [, opts])  -> per-article keywords, document frequencies, TF-IDF and
--                                        the top keywords of the collection
--
-- Words are grouped by their key (sift.terms: case folding, Porter stem, British spellings mapped
-- to American ones) and shown by their most frequent surface form. Runs of content words that
-- recur, or that are capitalised like names, become key phrases. When sift.entities exists,
-- entities are counted by their canonical name too.
--
-- The score of a word in one text is the product of
--   its count: its mentions outside names, and as the last word of a name (a surname, "York" in
--     "New York"), not as another word of one ("Dennis", "New");
--   1 + 1 / (1 + 10 p), p the place of its first mention (0 at the start, 1 at the end): news says
--     what matters first;
--   1 + s, s the share of the text between its first and last mentions: a word the whole article
--     keeps coming back to, rather than one paragraph;
--   its length in characters: long words are rare words and carry more information (the law of
--     abbreviation), short ones are mostly everyday words ("year", "new", "told");
--   0.25 for a common word seldom used as a noun ("said", "now") or a function word that is no
--     stop word ("will", "without": sift.terms.weak) never written with a capital; 1.5 for a word
--     of a headline given apart (opts.headline; a headline at the top of the text is already the
--     earliest place); and the caller's idf, when given.
-- A phrase scores the same way with its count, its first place and the mean length of its words,
-- and ranks among the words only when it scores above each of its words; otherwise it comes after
-- all the words (so that it shows when a text has few). A text that has fewer keywords than asked
-- for (a headline alone) lists after them the pairs of adjacent words it says once outside names.
-- Measured on the 500N-KPCrowd news keyphrases (eval/keywords.lua,
-- docs/accuracy-and-speed.md): the length, the spread, counting surnames alone, keeping phrases
-- that do not beat their words out of the top, the function words and the pairs each helped on
-- both halves of the documents; a capital bonus and a headline bonus within the text did not, nor
-- did document frequencies or part-of-speech shares taken from CoNLL-2003's Reuters articles once
-- the length was in.
--
-- The counting, scoring and ranking are C (sift.core._analyse, _rank: src/keywords/analysis.c,
-- keytable.c, terms.c); this module parses the article, counts entities and keeps the collection.
local core = require "sift.core"
local terms = require "sift.terms"
local article = require "sift.article"
local check = require "sift.check"

local keywords = {}


local OPTIONS = {
  top = "number", stopwords = "table", phrases = "boolean", max_words = "number", entities = "any",
  headline = "string", min_count = "number", idf = "table",
}

-- Checks opts (nil: none) for function fname. Returns opts and the counts as integers: {top =,
-- min_count =}, whole numbers >= 0 where math.huge and any other number of check.ALL or more mean
-- all (as an integer that C takes: a float such as 2^63, 1e308 or math.huge has no lua_Integer, and
-- sift.core._rank would refuse it); NaN, fractions and negative numbers are refused. Its caller's
-- caller is the user's.
local function check_opts(opts, fname)
  opts = check.opts(fname, 2, opts, OPTIONS, 3)
  local counts = { top = check.count(fname, 2, opts.top, "option 'top'", 0, 3) or 20,
    min_count = check.count(fname, 2, opts.min_count, "option 'min_count'", 0, 3) or 1 }
  if opts.max_words ~= nil then
    check.whole(fname, 2, opts.max_words, "option 'max_words'", 2, 8, 3)
  end
  return opts, counts
end

-- Checks the weights in idf (option 'idf' of fname) that the keys and phrases of the analysis r
-- look up, the ones sift.core._rank reads (raw, as it does): each must be a finite number >= 0 (a
-- NaN would leave the C sort without an order). Its caller's caller is the user's.
local IDF_RANGE = { min = 0, finite = true }
local function check_idf(idf, r, fname)
  for _, list in ipairs({ core._keys(r.state), core._phrase_keys(r.state) }) do
    for _, k in ipairs(list) do
      local w = rawget(idf, k)
      if w ~= nil then
        check.number(fname, 2, w, ("option 'idf': the weight of '%s'"):format(k), IDF_RANGE, 4)
      end
    end
  end
end

-- The sift module's entity tagger, when it has one (it is built by others, and optional here).
local function entity_tagger()
  local ok, sift = pcall(require, "sift")
  if ok and type(sift) == "table" and type(sift.entities) == "function" then
    return sift.entities
  end
  return nil
end

-- The analysis of one text (sift.terms.analyse, in C): its keys counted, its names and recurring
-- runs of words grouped into phrases. Returns the parsed article and the analysis.
local function analyse(text, opts, stopset)
  local a = article.parse(text, opts)
  local head_end = a.headline and a.headline.i and a.headline.j or 0
  local headset = nil
  if a.headline and not a.headline.i then
    -- a headline given apart from the text: its words count as the headline's
    headset = {}
    for _, k in ipairs((terms.scan(a.headline.text, stopset))) do
      headset[k] = true
    end
  end
  return a, terms.analyse(text, stopset, head_end, opts.max_words or 4, opts.phrases ~= false, headset)
end

-- The best counts.top keywords of an analysed text, scored (see the module's comment) and
-- labelled (sift.core._rank, in C): an array of {term =, key =, count =, score =, words =}.
local function rank(text, r, counts, idf)
  return core._rank(r.state, text, counts.top, counts.min_count, idf, true)
end

-- Entity types that are amounts rather than names: not counted among an article's entities.
local NUMERIC = { DATE = true, TIME = true, PERCENT = true, MONEY = true, QUANTITY = true, ORDINAL = true,
  CARDINAL = true }

local function by_mentions(x, y)
  if x.count ~= y.count then
    return x.count > y.count
  end
  return x.canonical < y.canonical
end

-- The entity mentions of a text: opts.entities, or those the tagger finds; nil when there are none
-- to count (opts.entities false, or no tagger).
local function mentions(text, opts)
  local found = opts.entities
  if found == false then
    return nil
  end
  if type(found) ~= "table" then
    local tag = entity_tagger()
    if not tag then
      return nil
    end
    found = tag(text)
  end
  return found
end

-- Named entities (people, organisations, places, ...) counted by canonical name, most frequent
-- first.
local function count_entities(text, opts)
  local found = mentions(text, opts)
  if not found then
    return nil
  end
  local by, list = {}, {}
  for _, e in ipairs(found) do
    local t = e.type
    if not NUMERIC[t] then
      local canonical = e.canonical or e.text
      local of_type = by[t or ""]
      if not of_type then
        of_type = {}
        by[t or ""] = of_type
      end
      local c = of_type[canonical]
      if not c then
        c = { canonical = canonical, type = t, count = 0 }
        of_type[canonical] = c
        list[#list + 1] = c
      end
      c.count = c.count + 1
    end
  end
  table.sort(list, by_mentions)
  return list
end

local function stopset_of(opts)
  if opts.stopwords then
    return terms.stopset(opts.stopwords)
  end
  return terms.stopset()
end

--- The keywords of one text, best first: an array of {term =, key =, count =, score =, words =},
-- with field `entities` (an array of {canonical =, type =, count =}) when entities are known.
local function one(text, opts, counts, stopset, idf)
  local _, r = analyse(text, opts, stopset)
  if idf then
    check_idf(idf, r, "keywords")
  end
  local list = rank(text, r, counts, idf)
  list.entities = count_entities(text, opts)
  return list
end

-- A kept candidate, packed (sift.core._rank does it): the numbers of its key and of its term in the
-- collector's dictionary, its count and its score - 20 bytes, where a table would take some 300.
-- An entity: the numbers of its canonical name and of its type (0: none), its count.
local ENTRY, ENTRY_SIZE = "=I4I4I4d", 20
local ENTITY, ENTITY_SIZE = "=I4I4I4", 12
local pack, unpack = string.pack, string.unpack

-- Best first: the higher score, then the better placed in its article, then by key.
local function by_score(x, y)
  if x.score ~= y.score then
    return x.score > y.score
  end
  if (x.first or 0) ~= (y.first or 0) then
    return (x.first or 0) < (y.first or 0)
  end
  return x.key < y.key
end

local function words_of(key)
  local _, spaces = key:gsub(" ", "")
  return spaces + 1
end

-- An article as collector:add takes it: id, title and date are kept as they are given.
local ARTICLE = { text = "string", id = "any", title = "any", date = "any", entities = "?table" }

--- A collector of keywords over many articles, for when they do not all fit in memory at once
-- (the `sift keywords` filter): c:add{text =, id =, title =, date =, entities =} for each article
-- (only text is required; id defaults to the article's number), then c:result() gives what
-- sift.keywords(articles) gives. Between the two it keeps the document frequencies, one dictionary
-- of the strings it has seen (keys, terms, entity names) and, per article, its best candidates and
-- its entities packed in a string: memory grows with the vocabulary and a few kilobytes an
-- article. `entities`, when given, are the article's entity mentions (from sift.entities), so that
-- they are not tagged twice. The options are those of
-- sift.keywords, checked the same way (the messages name 'collector'); `idf` is not used.
function keywords.collector(opts)
  local limits
  opts, limits = check_opts(opts, "collector")
  local stopset = stopset_of(opts)
  local top, min_count = limits.top, limits.min_count
  local want_phrases = opts.phrases ~= false
  local df = {}
  local strings, number = {}, {}
  local function intern(s)
    local n = number[s]
    if not n then
      n = #strings + 1
      strings[n], number[s] = s, n
    end
    return n
  end
  local N, ids, titles, dates, packed, ents = 0, {}, {}, {}, {}, {}
  local collector = {}
  function collector.add(_, doc)
    check.fields("add", 1, doc, ARTICLE)
    local text, id, title, date, entities = doc.text, doc.id, doc.title, doc.date, doc.entities
    local aopts = setmetatable({ headline = title }, { __index = opts })
    local a, r = analyse(text, aopts, stopset)
    -- no pairs of words for a short article here: weighed by their idf, one-off pairs would rank
    -- above the article's words
    local kept = core._rank(r.state, text, top, min_count, nil, false, number, strings)
    local found, packed_ents = mentions(text, entities and { entities = entities } or opts), nil
    if found then
      -- counted by type and name, as count_entities does, into numbers rather than tables
      local count, order = {}, {}
      for _, e in ipairs(found) do
        local t = e.type
        if not NUMERIC[t] then
          local k = (t and intern(t) or 0) << 32 | intern(e.canonical or e.text)
          local c = count[k]
          if not c then
            order[#order + 1] = k
          end
          count[k] = (c or 0) + 1
        end
      end
      table.sort(order, function(x, y)
        if count[x] ~= count[y] then
          return count[x] > count[y]
        end
        return strings[x & 0xFFFFFFFF] < strings[y & 0xFFFFFFFF]
      end)
      for m, k in ipairs(order) do
        order[m] = pack(ENTITY, k & 0xFFFFFFFF, k >> 32, count[k])
      end
      packed_ents = table.concat(order)
    end
    local keys = core._keys(r.state)
    local phrase_keys = want_phrases and core._phrase_keys(r.state) or {}
    -- what could fail (an error, memory) has run: the article goes in
    N = N + 1
    ids[N] = id or N
    titles[N] = title or (a.headline and a.headline.text)
    dates[N] = date or a.date
    packed[N], ents[N] = kept, packed_ents
    for _, k in ipairs(keys) do
      df[k] = (df[k] or 0) + 1
    end
    for _, k in ipairs(phrase_keys) do
      df[k] = (df[k] or 0) + 1
    end
  end

  -- Article n of the result: its kept candidates weighed by idf (TF-IDF), the best `top`.
  local function article_at(n, idf)
    local p, list, counts = packed[n], {}, {}
    for pos = 1, #p, ENTRY_SIZE do
      local k, t, count, score = unpack(ENTRY, p, pos)
      local key = strings[k]
      counts[key] = count
      list[#list + 1] = { term = strings[t], key = key, count = count, score = score * idf[key],
        words = words_of(key), first = #list + 1 }
    end
    table.sort(list, by_score)
    for m = #list, top + 1, -1 do
      list[m] = nil
    end
    for _, e in ipairs(list) do
      e.first = nil
    end
    local e = ents[n]
    if e then
      local found = {}
      for pos = 1, #e, ENTITY_SIZE do
        local name, ty, count = unpack(ENTITY, e, pos)
        found[#found + 1] = { canonical = strings[name], type = strings[ty], count = count }
      end
      list.entities = found
    end
    return { id = ids[n], title = titles[n], date = dates[n], keywords = list, counts = counts }
  end

  function collector.result()
    local idf = {}
    for k, d in pairs(df) do
      idf[k] = math.log((N + 1) / (d + 0.5))
    end
    -- the collection's view of each key: its score in each article summed (so that what matters in
    -- many articles comes first) and its count; then the best `top` of them, and the written form
    -- each took most often
    local score, count = {}, {}
    for n = 1, N do
      local p = packed[n]
      for pos = 1, #p, ENTRY_SIZE do
        local k, _, cnt, sc = unpack(ENTRY, p, pos)
        score[k] = (score[k] or 0) + sc
        count[k] = (count[k] or 0) + cnt
      end
    end
    local best = {}
    local function before(x, y)
      if score[x] ~= score[y] then
        return score[x] > score[y]
      end
      return strings[x] < strings[y]
    end
    for k in pairs(score) do
      if #best < top or before(k, best[#best]) then
        local i = math.min(#best + 1, top)
        while i > 1 and before(k, best[i - 1]) do
          best[i] = best[i - 1]
          i = i - 1
        end
        best[i] = k
      end
    end
    local forms = {}
    for _, k in ipairs(best) do
      forms[k] = {}
    end
    for n = 1, N do
      local p = packed[n]
      for pos = 1, #p, ENTRY_SIZE do
        local k, t, cnt = unpack(ENTRY, p, pos)
        local f = forms[k]
        if f then
          f[t] = (f[t] or 0) + cnt
        end
      end
    end
    local all = {}
    for m, k in ipairs(best) do
      local form, most = nil, -1
      for t, cnt in pairs(forms[k]) do
        if cnt > most or (cnt == most and strings[t] < form) then
          form, most = strings[t], cnt
        end
      end
      local key = strings[k]
      all[m] = { key = key, term = form, score = score[k], count = count[k], df = df[key], words = words_of(key) }
    end
    -- the articles are made when asked for, one at a time, so that the result of a large collection
    -- does not hold a table for every keyword of every article
    local made = setmetatable({}, { __mode = "v" })
    local articles = setmetatable({}, {
      __index = function(_, n)
        n = math.tointeger(n)
        if not n or n < 1 or n > N then
          return nil
        end
        local a = made[n]
        if not a then
          a = article_at(n, idf)
          made[n] = a
        end
        return a
      end,
      __len = function()
        return N
      end,
      __pairs = function(t)
        return function(_, n)
          n = n + 1
          if n <= N then
            return n, t[n]
          end
        end, t, 0
      end,
    })
    return { documents = N, df = df, idf = idf, articles = articles, top = all }
  end
  return collector
end

-- A collection: articles are strings or {id =, text =, title =, date =} tables.
local function collection(articles, opts)
  local c = keywords.collector(opts) -- checked already, as the options of 'keywords'
  for n, doc in ipairs(articles) do
    if type(doc) == "string" then
      c:add({ text = doc, id = n })
    elseif type(doc) == "table" and type(doc.text) == "string" then
      c:add({ text = doc.text, id = doc.id or n, title = doc.title, date = doc.date })
    else
      check.fail("keywords", 1, ("article %d must be a string or a table with a text, got %s"):format(n, type(doc)),
        3)
    end
  end
  return c:result()
end

--- sift.keywords(text_or_articles [, opts]); see the module's comment and docs/lua-api.md.
-- The numbers among the options (the collector's too): `top` (default 20) and `min_count`
-- (default 1; 0 is the same) are whole numbers >= 0, where math.huge, or any number above what a
-- text has, means all the keywords (top) or none (min_count); `max_words` is a whole number from
-- 2 to 8; the weights of `idf` that the text's keys look up are finite numbers >= 0. NaN,
-- fractions and what is out of range raise "bad argument #2 to 'keywords'".
function keywords.keywords(input, opts)
  if type(input) == "string" then
    local counts
    opts, counts = check_opts(opts, "keywords")
    -- not a tail call: check_idf's messages are for the caller of this function
    local list = one(input, opts, counts, stopset_of(opts), opts.idf)
    return list
  elseif type(input) == "table" then
    opts = check_opts(opts, "keywords")
    return collection(input, opts)
  end
  check.arg("keywords", 1, input, "string|table")
end

return keywords
