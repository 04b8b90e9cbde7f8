--- sift.terms: the content words of a text, keyed so that the forms of a word group together, for
-- sift.keywords and sift.summarize (and for reports of your own).
--
-- A term is a word that is not a stop word. Its key is its case folding, Porter-stemmed, with
-- British spellings mapped to American ones: "Industrialisation", "industrialization" and
-- "industrialized" share one key. The scan itself is C (sift._terms); this module adds the data -
-- the stop words and the spelling pairs - and reads the packed results.
local core = require "sift.core"
local check = require "sift.check"

local terms = {}

-- Flags of a term (terms.h), as bits of the packed info.
terms.BREAK = 1        -- not next to the previous term: a key phrase does not run across
terms.CAPITAL = 2      -- starts with a capital
terms.UPPER = 4        -- all capitals (CPC)
terms.START = 8        -- first word of a sentence or line: its capital says nothing
terms.ABBREV = 16      -- an abbreviation such as U.S.
terms.PARAGRAPH = 32   -- a blank line stands before it

local function words_of(s)
  local list = {}
  for w in s:gmatch("%S+") do
    list[#list + 1] = w
  end
  return list
end

local stopword_list -- loaded on first use
--- The built-in English stop words (the Snowball list), as a new array.
function terms.stopwords()
  stopword_list = stopword_list or words_of(require "sift.data.stopwords")
  return table.move(stopword_list, 1, #stopword_list, 1, {})
end

local default_set
--- A stop word set for terms.scan: `list` (an array of words, case-folded here) or, when nil, the
-- built-in list.
function terms.stopset(list)
  if list == nil then
    default_set = default_set or core._wordset(terms.stopwords())
    return default_set
  end
  check.arg("stopset", 1, list, "table")
  local folded = {}
  for n, w in ipairs(list) do
    if type(w) ~= "string" then
      error(("bad stop word #%d (string expected, got %s)"):format(n, type(w)), 2)
    end
    folded[n] = core.fold(w)
  end
  return core._wordset(folded)
end

-- The tables below are built on first use, each in a local and kept only once whole: a memory
-- error in the middle of building one must not leave it half made for every later call
-- (tests/fuzz/fuzz_api_lua.c, FIRST, found the weak words kept in part).

local spelling -- British stem -> American stem
--- The map from the stems of British spellings to those of American ones ("industrialis" ->
-- "industri"), built from sift.data.spelling.
function terms.spelling()
  if not spelling then
    local map = {}
    for b, a in (require "sift.data.spelling"):gmatch("(%S+) (%S+)") do
      map[core.stem(b)] = core.stem(a)
    end
    spelling = map
  end
  return spelling
end

local weak -- keys of the weak words
--- The keys of the built-in weak words (sift.data.weakwords): common words that are seldom nouns
-- ("said", "now", "new"), as a set.
function terms.weak()
  if not weak then
    local set = {}
    for w in (require "sift.data.weakwords"):gmatch("%S+") do
      set[core.stem(w)] = true
    end
    weak = set
  end
  return weak
end

-- The last scan, kept because a pipeline asks for the same text's terms more than once
-- (sift.keywords, then sift.summarize). Callers must not change the arrays they get.
local last_text, last_set, last_keys, last_info

--- The terms of `text`: two arrays, keys and packed info (see terms.unpack), in text order.
-- `stopset` is a set from terms.stopset (default: the built-in list). The arrays are shared with
-- the next caller that scans the same text: do not change them.
function terms.scan(text, stopset)
  stopset = stopset or terms.stopset()
  if text == last_text and stopset == last_set then
    return last_keys, last_info
  end
  local keys, info = core._terms(text, stopset)
  local map = spelling or terms.spelling()
  for n = 1, #keys do
    local a = map[keys[n]]
    if a then
      keys[n] = a
    end
  end
  last_text, last_set, last_keys, last_info = text, stopset, keys, info
  return keys, info
end

local weakset -- the weak words' keys as a word set, for sift._analyse

local last_a_args, last_a = {}, nil

-- An analysis gives its keys (an array by id) when they are asked for: most callers only pass its
-- state on to C.
local analysis_meta = {
  __index = function(r, name)
    if name == "keys" then
      local keys = core._keys(r.state)
      rawset(r, "keys", keys)
      return keys
    end
    return nil
  end,
}

--- The terms of `text` counted in one pass (sift._analyse), for sift.keywords and sift.summarize:
-- a table whose field `state` (a userdata) the C functions sift._rank, sift._phrase_keys and
-- sift._textrank take, and whose field `keys` is the array of the distinct keys by id (in order of
-- first appearance). Per key, C keeps its counts, first and last place, capitals and most
-- frequent written form; the names (runs of 2 to max_words capitalised words) and the runs of two
-- or three other words that recur are grouped into phrases. `head_end` is the last byte of the
-- headline (a headline in title case starts no name), `max_words` the longest name (default 4);
-- `phrases` false leaves names and runs out; `headset`, a set of keys, names the words of a
-- headline given apart. The last result is given again for the same arguments.
function terms.analyse(text, stopset, head_end, max_words, phrases, headset)
  stopset = stopset or terms.stopset()
  head_end, max_words, phrases = head_end or 0, max_words or 4, phrases ~= false
  local la = last_a_args
  if last_a and text == la[1] and stopset == la[2] and head_end == la[3] and max_words == la[4]
      and phrases == la[5] and headset == la[6] then
    return last_a
  end
  if not weakset then
    local list = {}
    for k in pairs(terms.weak()) do
      list[#list + 1] = k
    end
    weakset = core._wordset(list)
  end
  -- the arguments and the result are kept together, or not at all (when an allocation fails
  -- between the two, the old arguments must not name the new result)
  local args = { text, stopset, head_end, max_words, phrases, headset }
  local r = setmetatable(core._analyse(text, stopset, spelling or terms.spelling(), head_end, max_words, phrases,
    weakset, headset), analysis_meta)
  last_a, last_a_args = r, args
  return r
end

--- The first byte (1-based), last byte and flags of a packed info value.
function terms.unpack(v)
  local i = v >> 24
  return i, i + ((v >> 8) & 0xFFFF) - 1, v & 0xFF
end

--- The key of one word, as terms.scan would give it (nil for a stop word or a non-word).
function terms.key(word, stopset)
  local keys = terms.scan(word, stopset)
  return keys[1]
end

return terms
