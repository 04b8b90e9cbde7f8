--[[
eval/extract_score.lua - the scoring of eval/extract.lua (`make eval-extract`), apart so that
tests/lua/eval_extract_spec.lua can check it on cases made by hand. Pure Lua: it needs neither the
C module nor the data.

  score.collapse(s)                 white space collapsed to single spaces, trimmed
  score.count_passages(text, with, without [, counts])
                                    the trafilatura-eval protocol on one page: adds tp, fn, fp, tn
  score.rates(counts)               precision, recall, F1, accuracy of summed counts
  score.strip_html(s)               the text of an HTML fragment (a simple tag stripper)
  score.tokens(s)                   word tokens, case-folded
  score.token_f1(cand, ref)         bag-of-words F1 of two token lists (nil when ref is empty)
  score.norm(s)                     collapsed and case-folded (for metadata)
  score.agree.title/byline/date/lang/site(got, ref)
  score.keyword_overlap(a, b)       |A n B| / max(#A, #B) of two lists of keys
  score.fold                        the case folding, string.lower unless the caller sets it
                                    (eval/extract.lua sets sift.fold)
]]

local score = {}

score.fold = string.lower

-- White space as Python's str.split() knows it (the protocol's authors collapse with
-- ' '.join(s.split())): ASCII white space, U+001C..U+001F, U+0085, U+00A0, U+1680,
-- U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. The lead bytes C2, E1, E2 and E3
-- cannot be continuation bytes, so in UTF-8 these patterns match those characters only.
local WIDE_SPACES = {
  "\xC2[\x85\xA0]", "\xE1\x9A\x80", "\xE2\x80[\x80-\x8A\xA8\xA9\xAF]", "\xE2\x81\x9F",
  "\xE3\x80\x80",
}

function score.collapse(s)
  if s == nil then
    return ""
  end
  for _, p in ipairs(WIDE_SPACES) do
    s = s:gsub(p, " ")
  end
  s = s:gsub("[%s\x1C-\x1F]+", " "):gsub("^ ", ""):gsub(" $", "")
  return s
end

--- The protocol of trafilatura-eval on one page: each `with` passage found in the output (both
-- collapsed) is a true positive, else a false negative; each `without` passage found is a false
-- positive, else a true negative. `text` nil (no output) finds nothing. Adds to `counts` (made
-- when nil) and returns it.
function score.count_passages(text, with, without, counts)
  counts = counts or { tp = 0, fn = 0, fp = 0, tn = 0 }
  local out = score.collapse(text)
  for _, p in ipairs(with or {}) do
    if out:find(score.collapse(p), 1, true) then
      counts.tp = counts.tp + 1
    else
      counts.fn = counts.fn + 1
    end
  end
  for _, p in ipairs(without or {}) do
    if out:find(score.collapse(p), 1, true) then
      counts.fp = counts.fp + 1
    else
      counts.tn = counts.tn + 1
    end
  end
  return counts
end

--- Precision, recall, F1 and accuracy of counts summed over pages (0 where undefined).
function score.rates(c)
  local p = c.tp + c.fp > 0 and c.tp / (c.tp + c.fp) or 0
  local r = c.tp + c.fn > 0 and c.tp / (c.tp + c.fn) or 0
  local f = p + r > 0 and 2 * p * r / (p + r) or 0
  local n = c.tp + c.fn + c.fp + c.tn
  return p, r, f, n > 0 and (c.tp + c.tn) / n or 0
end

-- ---- a simple tag stripper, for the reference articles (Readability.js's expected.html) ----

local ok_entities, ENTITIES = pcall(require, "sift.html_entities")
if not ok_entities then
  ENTITIES = { ["amp;"] = "&", ["lt;"] = "<", ["gt;"] = ">", ["quot;"] = '"', ["apos;"] = "'",
    ["nbsp;"] = "\u{A0}" }
end

local function decode_entities(s)
  return (s:gsub("&(#?%w+;?)", function(ref)
    local hex = ref:match("^#[xX](%x+);?$")
    local cp = hex and tonumber(hex, 16) or tonumber(ref:match("^#(%d+);?$") or "")
    if cp then
      if cp == 0 or cp > 0x10FFFF or (cp >= 0xD800 and cp <= 0xDFFF) then
        return "\u{FFFD}"
      end
      return utf8.char(cp)
    end
    return ENTITIES[ref] or ENTITIES[ref:match("^(.-);?$")]
  end))
end
score.decode_entities = decode_entities

local BLOCK = {}
for name in ([[p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr td th table section article header
  footer aside nav main blockquote pre figure figcaption hr address form fieldset details summary
  caption body html]]):gmatch("%S+") do
  BLOCK[name] = true
end

local function nocase(name)
  return (name:gsub("%a", function(ch) return "[" .. ch:lower() .. ch:upper() .. "]" end))
end

--- The text of an HTML fragment: comments, scripts and styles dropped, block elements (p, div,
-- h1-h6, li, td, ...) ending paragraphs (blank lines between them), <br> a line break, any
-- other tag removed, character references decoded, white space collapsed within a line.
function score.strip_html(s)
  s = s:gsub("<!%-%-.-%-%->", " ")
  for _, name in ipairs({ "script", "style", "noscript", "template", "head", "svg" }) do
    local open = "<" .. nocase(name)
    s = s:gsub(open .. "[%s>].-</" .. nocase(name) .. "%s*>", " ")
  end
  s = s:gsub("<(/?)(%a%w*)[^>]*>", function(_, name)
    name = name:lower()
    if name == "br" then
      return "\n"
    end
    return BLOCK[name] and "\n\n" or ""
  end):gsub("<![^>]*>", "")
  local paragraphs = {}
  for block in (s .. "\n\n"):gmatch("(.-)\n[ \t\r]*\n") do
    local lines = {}
    for line in (block .. "\n"):gmatch("(.-)\n") do
      line = score.collapse(decode_entities(line))
      if line ~= "" then
        lines[#lines + 1] = line
      end
    end
    if #lines > 0 then
      paragraphs[#paragraphs + 1] = table.concat(lines, "\n")
    end
  end
  return table.concat(paragraphs, "\n\n")
end

-- ---- text overlap ----

-- Punctuation outside ASCII that separates words: U+00A1..U+00BF (Latin-1 signs), U+2010..U+205E
-- (dashes, quotes, bullets, ...), U+3000..U+303F (CJK punctuation), U+FF01..U+FF0F (full-width).
local WIDE_PUNCT = {
  "\xC2[\xA1-\xBF]", "\xE2\x80[\x90-\xBF]", "\xE2\x81[\x80-\x9E]", "\xE3\x80[\x80-\xBF]",
  "\xEF\xBC[\x81-\x8F]",
}

--- Word tokens: runs of ASCII letters and digits and of non-ASCII characters other than the
-- punctuation and spaces above, case-folded (score.fold). Text without spaces between words
-- (Chinese, Japanese) gives a token a run.
function score.tokens(s)
  s = score.collapse(s)
  for _, p in ipairs(WIDE_PUNCT) do
    s = s:gsub(p, " ")
  end
  s = score.fold(s)
  local out = {}
  for w in s:gmatch("[%w\x80-\xFF]+") do
    out[#out + 1] = w
  end
  return out
end

--- Bag-of-words F1 of a candidate's tokens against a reference's (counts clipped: a word the
-- reference has twice matches at most twice). Returns f, p, r; nil when the reference is empty.
function score.token_f1(cand, ref)
  if #ref == 0 then
    return nil
  end
  if #cand == 0 then
    return 0, 0, 0
  end
  local have = {}
  for _, w in ipairs(ref) do
    have[w] = (have[w] or 0) + 1
  end
  local common = 0
  for _, w in ipairs(cand) do
    local n = have[w]
    if n and n > 0 then
      common = common + 1
      have[w] = n - 1
    end
  end
  if common == 0 then
    return 0, 0, 0
  end
  local p, r = common / #cand, common / #ref
  return 2 * p * r / (p + r), p, r
end

-- ---- metadata ----

--- Collapsed and case-folded; "" for nil.
function score.norm(s)
  if type(s) ~= "string" then
    return ""
  end
  return score.collapse(score.fold(s))
end

-- `needle` in `hay` between word boundaries (an ASCII letter or digit may not touch it).
local function contains_words(hay, needle)
  local from = 1
  while true do
    local i, j = hay:find(needle, from, true)
    if not i then
      return false
    end
    local before, after = hay:sub(i - 1, i - 1), hay:sub(j + 1, j + 1)
    if not before:match("%w") and not after:match("%w") then
      return true
    end
    from = i + 1
  end
end

local function byline_norm(s)
  s = score.norm(s):gsub("^by[%s:]+", ""):gsub("^[%s%p]+", ""):gsub("[%s%p]+$", "")
  return s
end

score.agree = {}

--- Titles agree when equal, collapsed and case-folded: a title is one string that a reader sees
-- whole, with or without the site's name after it, and "contains" would accept the page's
-- <title> with its suffix for the headline.
function score.agree.title(got, ref)
  local a = score.norm(got)
  return a ~= "" and a == score.norm(ref)
end

--- Bylines agree when, collapsed, case-folded, a leading "By" and outer punctuation taken off,
-- they are equal or one holds the other between word boundaries (3 bytes at least): Readability.js
-- takes the byline element's whole text ("By Jane Doe, Science Editor", "Jane Doe | Reuters"),
-- while an extractor may give the names alone. `authors` (an array, or nil) agrees too when each
-- name is in the reference that way.
function score.agree.byline(got, ref, authors)
  local b = byline_norm(ref)
  if b == "" then
    return false
  end
  local a = byline_norm(got)
  if a ~= "" and (a == b or (#a >= 3 and contains_words(b, a)) or (#b >= 3 and contains_words(a, b))) then
    return true
  end
  if type(authors) == "table" and #authors > 0 then
    for _, name in ipairs(authors) do
      local n = byline_norm(name)
      if #n < 3 or not contains_words(b, n) then
        return false
      end
    end
    return true
  end
  return false
end

--- Dates agree when their date parts (YYYY-MM-DD, as written: no time zone conversion) are equal.
function score.agree.date(got, ref)
  local a = type(got) == "string" and got:match("^%s*(%d%d%d%d%-%d%d%-%d%d)") or nil
  local b = type(ref) == "string" and ref:match("^%s*(%d%d%d%d%-%d%d%-%d%d)") or nil
  return a ~= nil and a == b
end

--- Languages agree when their primary subtags are equal ("en-GB" and "en_us": "en").
function score.agree.lang(got, ref)
  local a = type(got) == "string" and got:match("^%s*(%a+)") or nil
  local b = type(ref) == "string" and ref:match("^%s*(%a+)") or nil
  return a ~= nil and b ~= nil and a:lower() == b:lower()
end

--- Site names agree when equal, collapsed and case-folded.
function score.agree.site(got, ref)
  return score.agree.title(got, ref)
end

-- ---- keywords ----

--- The overlap of two keyword lists (their keys, best first): |A n B| / max(#A, #B), which is
-- |A n B| / 10 for two top-10 lists, and does not reward a list for being short. nil when both
-- are empty. Duplicates count once.
function score.keyword_overlap(a, b)
  local sa, na, nb = {}, 0, 0
  for _, k in ipairs(a) do
    if not sa[k] then
      sa[k] = true
      na = na + 1
    end
  end
  local sb, common = {}, 0
  for _, k in ipairs(b) do
    if not sb[k] then
      sb[k] = true
      nb = nb + 1
      if sa[k] then
        common = common + 1
      end
    end
  end
  local n = math.max(na, nb)
  if n == 0 then
    return nil
  end
  return common / n
end

--- The keys of the first `k` entries of a sift.keywords result.
function score.keys(list, k)
  local out = {}
  for n = 1, math.min(k or #list, #list) do
    out[n] = list[n].key
  end
  return out
end

return score
