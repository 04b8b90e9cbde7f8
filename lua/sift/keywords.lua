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
--   0.25 for a common word seldom used as a noun ("said", "now": sift.terms.weak) never written
--     with a capital; 1.5 for a word of a headline given apart (opts.headline; a headline at the
--     top of the text is already the earliest place); and the caller's idf, when given.
-- A phrase scores the same way with its count, its first place and the mean length of its words,
-- and ranks among the words only when it scores above each of its words; otherwise it comes after
-- all the words (so that it shows when a text has few, as a headline alone). Measured on the
-- 500N-KPCrowd news keyphrases (tools/eval_keywords.lua, README): the length, the spread, counting
-- surnames alone and keeping phrases that do not beat their words out of the top each helped on
-- both halves of the documents; a capital bonus and a headline bonus within the text did not, nor
-- did document frequencies or part-of-speech shares taken from CoNLL-2003's Reuters articles once
-- the length was in.
local terms = require "sift.terms"
local article = require "sift.article"

local keywords = {}


local OPTIONS = {
  top = "number", stopwords = "table", phrases = "boolean", max_words = "number", entities = "any",
  headline = "string", min_count = "number", idf = "table",
}

local function check_opts(opts, fname)
  if opts == nil then
    return {}
  end
  if type(opts) ~= "table" then
    error(("bad argument #2 to '%s' (table expected, got %s)"):format(fname, type(opts)), 3)
  end
  for k, v in pairs(opts) do
    local want = OPTIONS[k]
    if not want then
      error(("bad argument #2 to '%s' (unknown option '%s')"):format(fname, tostring(k)), 3)
    end
    if want ~= "any" and type(v) ~= want then
      error(("bad argument #2 to '%s' (option '%s' must be a %s, got %s)"):format(fname, k, want, type(v)), 3)
    end
  end
  if opts.top and (opts.top < 0 or opts.top ~= math.floor(opts.top)) then
    error(("bad argument #2 to '%s' (option 'top' must be a whole number >= 0)"):format(fname), 3)
  end
  if opts.max_words and (opts.max_words < 2 or opts.max_words > 8 or opts.max_words ~= math.floor(opts.max_words)) then
    error(("bad argument #2 to '%s' (option 'max_words' must be a whole number from 2 to 8)"):format(fname), 3)
  end
  return opts
end

-- The sift module's entity tagger, when it has one (it is built by others, and optional here).
local function entity_tagger()
  local ok, sift = pcall(require, "sift")
  if ok and type(sift) == "table" and type(sift.entities) == "function" then
    return sift.entities
  end
  return nil
end

local function new_stats(key, first, words, ids)
  return { key = key, count = 0, first = first, words = words, ids = ids }
end

-- The analysis of one text: per key its count, first and last position, and how often it ends a
-- name; the key phrases: names (runs of capitalised words: "Central Military Commission") and
-- recurring runs of two or three other words ("new industrialisation"), with the ids of their
-- words. The counting is C (sift.terms.analyse); memory is proportional to the number of terms.
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
  local want_phrases = opts.phrases ~= false
  local r = terms.analyse(text, stopset, head_end, opts.max_words or 4, want_phrases, headset)
  local id_key, ids = r.keys, r.ids
  local n_terms = #ids
  local last = {}
  for n = 1, n_terms do
    last[ids[n]] = n
  end
  local phrases, name_of, heads = {}, {}, {}
  if want_phrases then
    local names = r.names
    for m = 1, #names, 2 do
      local from, to = names[m], names[m + 1]
      local k = id_key[ids[from]]
      for x = from + 1, to do
        k = k .. " " .. id_key[ids[x]]
      end
      -- the name that a word alone stands for: the one it starts or ends, if only one
      local id = ids[from]
      for _ = 1, 2 do
        local was = name_of[id]
        if was == nil then
          name_of[id] = k
        elseif was ~= k then
          name_of[id] = false
        end
        id = ids[to]
      end
      heads[ids[to]] = (heads[ids[to]] or 0) + 1
      local p = phrases[k]
      if not p then
        p = new_stats(k, from, to - from + 1, { table.unpack(ids, from, to) })
        p.name = true
        phrases[k] = p
      end
      p.count = p.count + 1
    end
    local grams = r.grams
    for m = 1, #grams, 5 do
      local id3, from = grams[m + 2], grams[m + 4]
      local k = id_key[grams[m]] .. " " .. id_key[grams[m + 1]]
      local pids = { grams[m], grams[m + 1] }
      if id3 > 0 then
        k = k .. " " .. id_key[id3]
        pids[3] = id3
      end
      local p = phrases[k]
      if not p then
        p = new_stats(k, from, id3 > 0 and 3 or 2, pids)
        phrases[k] = p
      end
      p.count = p.count + grams[m + 3]
    end
  end
  return {
    article = a, ids = ids, info = r.info, id_key = id_key, count = r.count, first = r.first, last = last,
    capital = r.capital, form_i = r.form_i, form_j = r.form_j, own = r.own, heads = heads,
    name_of = name_of, phrases = phrases, headset = headset, n = n_terms, weak = terms.weak(),
    head_end = head_end,
  }
end

local function by_score(x, y)
  if x.score ~= y.score then
    return x.score > y.score
  end
  if (x.first or 0) ~= (y.first or 0) then
    return (x.first or 0) < (y.first or 0)
  end
  return x.key < y.key
end

local function by_rank(x, y)
  if x.score ~= y.score then
    return x.score > y.score
  end
  if x.first ~= y.first then
    return x.first < y.first
  end
  return x.words < y.words
end

local utf8_len = utf8.len

-- Keyword entries of a text's analysis, scored, best first, at most `top` of them; idf (key ->
-- weight) when given. See the module's comment for the scores. A name counts the mentions of its
-- surname alone too when those are all capitalised and the surname ends only this name ("Rodman"
-- after "Dennis Rodman"). Ties go to the earlier, then to the shorter.
local function rank(an, opts, idf, top)
  if top < 1 then
    return {}
  end
  local min_count = opts.min_count or 1
  local id_key, count, capital, own, first, last = an.id_key, an.count, an.capital, an.own, an.first, an.last
  local heads, weak, headset, n = an.heads, an.weak, an.headset, math.max(an.n, 1)
  -- the mentions of a surname alone count for its name
  local extra = {}
  for id, name in pairs(an.name_of) do
    if name and own[id] > 0 and capital[id] >= count[id] then
      extra[name] = (extra[name] or 0) + own[id]
    end
  end
  -- single words: their mentions outside names and as the last word of a name ("Rodman" in "Dennis
  -- Rodman", "York" in "New York"; not "Dennis" nor "New"). Each goes into the best `top` (sel,
  -- best first) when it beats the last of them; ids come in text order, so ties stay with the
  -- earlier. A text has hundreds of words: only the best `top` become tables.
  local nkeys, tenth, nth, lo = #id_key, 10 / n, 1 / n, math.max(min_count, 1)
  local wscore, sel, nsel, floor = {}, {}, 0, 0
  for id = 1, nkeys do
    local c, h, s = own[id], heads[id], 0
    if h then
      c = c + h
    end
    if c >= lo then
      local k, f = id_key[id], first[id]
      s = c * (1 + 1 / (1 + (f - 1) * tenth)) * (1 + (last[id] - f) * nth) * (utf8_len(k) or #k)
      if capital[id] == 0 and weak[k] then
        s = s * 0.25
      end
      if headset and headset[k] then
        s = s * 1.5
      end
      if idf then
        s = s * (idf[k] or 1)
      end
    end
    wscore[id] = s
    if c >= lo and (nsel < top or s > floor) then
      -- its place: after every one that scores as much (a binary search)
      local i, j = 1, nsel + 1
      while i < j do
        local mid = (i + j) // 2
        if wscore[sel[mid]] >= s then
          i = mid + 1
        else
          j = mid
        end
      end
      if nsel < top then
        nsel = nsel + 1
      end
      table.move(sel, i, nsel - 1, i + 1)
      sel[i] = id
      floor = wscore[sel[nsel]]
    end
  end
  local singles = {}
  for m = 1, nsel do
    local id = sel[m]
    singles[m] = { key = id_key[id], count = own[id] + (heads[id] or 0), score = wscore[id], words = 1,
      first = first[id], id = id }
  end
  -- phrases: scored as a word, by the mean weight of their words; one that does not score above
  -- each of its words comes after all the single words (weaker: its key and score)
  local phrases, weaker, nweaker, phrase_list = {}, {}, 0, an.phrases
  for k, p in pairs(phrase_list) do
    local c = p.count + (extra[k] or 0)
    -- a name may be a key phrase from one mention; other runs of words must recur
    if c >= min_count and (p.name or c >= 2) then
      local f, words, best = p.first, p.words, 0
      -- the mean length of its words, in characters
      local s = c * (1 + 1 / (1 + (f - 1) * tenth)) * ((utf8_len(k) or #k) - words + 1) / words
      for _, id in ipairs(p.ids) do
        local ws = wscore[id]
        if ws > best then
          best = ws
        end
      end
      if headset then
        local all = true
        for _, id in ipairs(p.ids) do
          all = all and headset[id_key[id]] ~= nil
        end
        if all then
          s = s * 1.5
        end
      end
      if idf then
        s = s * (idf[k] or 1)
      end
      if s > best then
        phrases[#phrases + 1] = { key = k, count = c, score = s, words = words, first = f, name = p.name }
      else
        weaker[nweaker + 1], weaker[nweaker + 2] = k, s
        nweaker = nweaker + 2
      end
    end
  end
  table.sort(phrases, by_rank)
  -- the two lists, merged, then the weaker phrases
  local list, a, b = {}, 1, 1
  while #list < top and (singles[a] or phrases[b]) do
    if phrases[b] and (not singles[a] or by_rank(phrases[b], singles[a])) then
      list[#list + 1] = phrases[b]
      b = b + 1
    else
      list[#list + 1] = singles[a]
      a = a + 1
    end
  end
  if #list < top and nweaker > 0 then
    local rest = {}
    for m = 1, nweaker, 2 do
      local k = weaker[m]
      local p = phrase_list[k]
      rest[#rest + 1] = { key = k, count = p.count + (extra[k] or 0), score = weaker[m + 1], words = p.words,
        first = p.first, name = p.name }
    end
    table.sort(rest, by_rank)
    for m = 1, math.min(#rest, top - #list) do
      list[#list + 1] = rest[m]
    end
  end
  return list
end

-- Fills in .term of the first `top` entries and drops the rest: a word's most frequent written
-- form (sift.terms.analyse finds it: a capital at a sentence start or in the headline counts half),
-- a phrase's first occurrence as written.
local function label(text, an, list, top)
  for n = #list, top + 1, -1 do
    list[n] = nil
  end
  local form_i, form_j = an.form_i, an.form_j
  for _, e in ipairs(list) do
    if e.words == 1 then
      e.term = text:sub(form_i[e.id], form_j[e.id])
    else
      local i, _, flags = terms.unpack(an.info[e.first])
      local _, j = terms.unpack(an.info[e.first + e.words - 1])
      e.term = text:sub(i, j)
      -- a phrase first seen at a sentence start or in the headline takes the case of its first
      -- word as that word is mostly written: "Harbour bridge" from a headline is "harbour bridge"
      local id = an.ids[e.first]
      if not e.name and (flags & terms.START ~= 0 or i <= an.head_end)
          and text:sub(form_i[id], form_i[id]):match("%l") then
        e.term = e.term:sub(1, 1):lower() .. e.term:sub(2)
      end
    end
    e.first, e.id, e.name = nil, nil, nil
  end
  return list
end

-- Entity types that are amounts rather than names: not counted among an article's entities.
local NUMERIC = { DATE = true, TIME = true, PERCENT = true, MONEY = true, QUANTITY = true, ORDINAL = true,
  CARDINAL = true }

-- Named entities (people, organisations, places, ...) counted by canonical name, most frequent
-- first.
local function count_entities(text, opts)
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
  local by, list = {}, {}
  for _, e in ipairs(found) do
    if not NUMERIC[e.type] then
      local name = e.canonical or e.text
      local key = (e.type or "") .. "\0" .. name
      local c = by[key]
      if not c then
        c = { name = name, type = e.type, count = 0 }
        by[key] = c
        list[#list + 1] = c
      end
      c.count = c.count + 1
    end
  end
  table.sort(list, function(x, y)
    if x.count ~= y.count then
      return x.count > y.count
    end
    return x.name < y.name
  end)
  return list
end

local function stopset_of(opts)
  if opts.stopwords then
    return terms.stopset(opts.stopwords)
  end
  return terms.stopset()
end

--- The keywords of one text, best first: an array of {term =, key =, count =, score =, words =},
-- with field `entities` (an array of {name =, type =, count =}) when entities are known.
local function one(text, opts, stopset, idf)
  local an = analyse(text, opts, stopset)
  local top = opts.top or 20
  local list = label(text, an, rank(an, opts, idf, top), top)
  list.entities = count_entities(text, opts)
  return list
end

-- How many candidates of each article are kept for the collection's second look: inverse document
-- frequency is known only once every article is in, and re-ranks these.
local KEPT = 100

--- A collector of keywords over many articles, for when they do not all fit in memory at once
-- (the `sift keywords` filter): c:add(text [, id, title, date, entities]) for each article, then
-- c:result() gives what sift.keywords(articles) gives. Only the best candidates of each article
-- and the document frequencies are kept between the two. `entities`, when given, are the
-- article's entity mentions (from sift.entities), so that they are not tagged twice.
function keywords.collector(opts)
  opts = check_opts(opts, "collector")
  local stopset = stopset_of(opts)
  local c = { docs = {}, df = {} }
  function c.add(_, text, id, title, date, entities)
    if type(text) ~= "string" then
      error("bad argument #1 to 'add' (string expected, got " .. type(text) .. ")", 2)
    end
    if entities ~= nil and type(entities) ~= "table" then
      error("bad argument #5 to 'add' (table expected, got " .. type(entities) .. ")", 2)
    end
    local aopts = setmetatable({ headline = title }, { __index = opts })
    local an = analyse(text, aopts, stopset)
    local df = c.df
    for _, k in ipairs(an.id_key) do
      df[k] = (df[k] or 0) + 1
    end
    for k in pairs(an.phrases) do
      df[k] = (df[k] or 0) + 1
    end
    local keep = math.max(KEPT, 5 * (opts.top or 20))
    local kept = label(text, an, rank(an, opts, nil, keep), keep)
    for r, e in ipairs(kept) do
      e.first = r
    end
    c.docs[#c.docs + 1] = {
      id = id or #c.docs + 1, title = title or (an.article.headline and an.article.headline.text),
      date = date or an.article.date, keywords = kept,
      entities = count_entities(text, entities and { entities = entities } or opts),
    }
  end
  function c.result()
    local N = #c.docs
    local idf = {}
    for k, d in pairs(c.df) do
      idf[k] = math.log((N + 1) / (d + 0.5))
    end
    local top = opts.top or 20
    local out = { documents = N, df = c.df, idf = idf, articles = {} }
    local total = {}
    for n, d in ipairs(c.docs) do
      local list = d.keywords
      local counts = {}
      for _, e in ipairs(list) do
        counts[e.key] = e.count
        -- the collection's view of each key: its score in each article summed (so that what
        -- matters in many articles comes first), its count, and the surface forms it took
        local t = total[e.key]
        if not t then
          t = { key = e.key, score = 0, count = 0, df = c.df[e.key], words = e.words, forms = {} }
          total[e.key] = t
        end
        t.score = t.score + e.score
        -- in its article, a keyword is weighed by how rare it is in the collection (TF-IDF)
        e.score = e.score * idf[e.key]
        t.count = t.count + e.count
        t.forms[e.term] = (t.forms[e.term] or 0) + e.count
      end
      table.sort(list, by_score)
      for m = #list, top + 1, -1 do
        list[m] = nil
      end
      for _, e in ipairs(list) do
        e.first = nil
      end
      list.entities = d.entities
      out.articles[n] = { id = d.id, title = d.title, date = d.date, keywords = list, counts = counts }
    end
    local all = {}
    for _, t in pairs(total) do
      all[#all + 1] = t
    end
    table.sort(all, by_score)
    for m = #all, top + 1, -1 do
      all[m] = nil
    end
    for _, t in ipairs(all) do
      local best, bestn = nil, -1
      for form, n in pairs(t.forms) do
        if n > bestn or (n == bestn and form < best) then
          best, bestn = form, n
        end
      end
      t.term, t.forms = best, nil
    end
    out.top = all
    return out
  end
  return c
end

-- A collection: articles are strings or {id =, text =, title =, date =} tables.
local function collection(articles, opts)
  local c = keywords.collector(opts)
  for n, doc in ipairs(articles) do
    if type(doc) == "string" then
      c:add(doc, n)
    elseif type(doc) == "table" and type(doc.text) == "string" then
      c:add(doc.text, doc.id or n, doc.title, doc.date)
    else
      error(("bad argument #1 to 'keywords' (article %d must be a string or a table with a text, got %s)")
        :format(n, type(doc)), 3)
    end
  end
  return c:result()
end

--- sift.keywords(text_or_articles [, opts]); see the module's comment and the README.
function keywords.keywords(input, opts)
  if type(input) == "string" then
    opts = check_opts(opts, "keywords")
    return one(input, opts, stopset_of(opts), opts.idf)
  elseif type(input) == "table" then
    opts = check_opts(opts, "keywords")
    return collection(input, opts)
  end
  error("bad argument #1 to 'keywords' (string or table expected, got " .. type(input) .. ")", 2)
end

return keywords
