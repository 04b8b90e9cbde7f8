--- sift.segments: articles as translation units - one unit per paragraph, one segment per sentence.
--
-- `segments.segment(text, opts)` cuts an article; the writers (sift.segments.write) turn articles into
-- XLIFF 2.0, XLIFF 1.2, PO, TMX or JSON Lines, and `segments.rebuild` puts an article back together
-- from its segments (or their translations) and the white space between them.
--
-- Ids are stable: a segment's id is a hash of the article id and the segment's text (white space
-- runs count as one space), so re-exporting an edited article keeps the ids of the sentences that
-- did not change. A sentence that occurs again in the same article gets a suffix (-2, -3, ...).
local sift = require "sift"
local check = require "sift.check"

local segments = {}

local byte, concat, find, format, sub = string.byte, table.concat, string.find, string.format, string.sub

-- Hashing ------------------------------------------------------------------------------------

-- FNV-1a, 64 bits. Lua 5.3 and 5.4 integers wrap around on overflow, so the arithmetic is the
-- hash's own arithmetic modulo 2^64 and gives the same value on both.
local FNV_OFFSET = 0xcbf29ce484222325
local FNV_PRIME = 0x100000001b3

--- The FNV-1a 64-bit hash of `s`, as 16 lower-case hex digits.
function segments.hash(s)
  check.arg("hash", 1, s, "string")
  local h = FNV_OFFSET
  local n = #s
  local k = 1
  -- eight bytes a call to string.byte: far fewer calls than one a byte
  while k + 7 <= n do
    local b1, b2, b3, b4, b5, b6, b7, b8 = byte(s, k, k + 7)
    h = (h ~ b1) * FNV_PRIME
    h = (h ~ b2) * FNV_PRIME
    h = (h ~ b3) * FNV_PRIME
    h = (h ~ b4) * FNV_PRIME
    h = (h ~ b5) * FNV_PRIME
    h = (h ~ b6) * FNV_PRIME
    h = (h ~ b7) * FNV_PRIME
    h = (h ~ b8) * FNV_PRIME
    k = k + 8
  end
  while k <= n do
    h = (h ~ byte(s, k)) * FNV_PRIME
    k = k + 1
  end
  return format("%016x", h)
end

-- The text that a segment's id hashes: white space runs as one space, none at either end, so that
-- re-wrapping a paragraph does not change its ids.
local function id_text(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

-- 12 hex digits (48 bits): short enough to read, and a clash between two sentences of one article
-- is left to the suffix that also tells repeated sentences apart.
local ID_DIGITS = 12

--- The id of a segment of text `text` in article `article_id` (before any suffix for repeats).
function segments.segment_id(article_id, text)
  return "s" .. segments.hash(article_id .. "\0" .. id_text(text)):sub(1, ID_DIGITS)
end

--- The id of a unit (a paragraph) of text `text` in article `article_id` (before any suffix).
function segments.unit_id(article_id, text)
  return "u" .. segments.hash(article_id .. "\0" .. id_text(text)):sub(1, ID_DIGITS)
end

-- Protection ---------------------------------------------------------------------------------

--- Token kinds that can be protected.
segments.token_kinds = { "number", "url", "email", "mention", "hashtag" }

--- The entity types that `protect = {"entities"}` stands for: names (OntoNotes labels), not the
-- amounts, dates and nationalities, which a translator has to adapt.
segments.name_types = { "PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW" }

--- What is protected when `opts.protect` is not given.
segments.default_protect = { "number", "url", "email", "mention", "hashtag", "entities" }

local TOKEN_KIND = {}
for _, k in ipairs(segments.token_kinds) do
  TOKEN_KIND[k] = true
end

-- {tokens = set of kinds, entities = set of types} from a list (or set) of names.
local function protect_sets(list, fname)
  local kinds, types = {}, {}
  local names = {}
  if list[1] ~= nil or next(list) == nil then
    names = list
  else
    for name, on in pairs(list) do
      if on then
        names[#names + 1] = name
      end
    end
  end
  for _, name in ipairs(names) do
    if type(name) ~= "string" then
      check.fail(fname, 2, format("option 'protect' holds a %s, not a string", type(name)), 3)
    end
    if TOKEN_KIND[name] then
      kinds[name] = true
    elseif name == "entities" then
      for _, t in ipairs(segments.name_types) do
        types[t] = true
      end
    elseif name == "none" then -- luacheck: ignore 542
      -- nothing: lets a command line say "protect nothing"
    elseif name:find("^[%u_]+$") then
      types[name] = true
    else
      check.fail(fname, 2, format("unknown protected kind '%s'", name), 3)
    end
  end
  return kinds, types
end

-- The words of an abbreviations option as sift.tokens takes them: sift.sentences also takes
-- word = "class" pairs.
local function words_of(abbreviations)
  if not abbreviations then
    return nil
  end
  local out = {}
  for k, v in pairs(abbreviations) do
    out[#out + 1] = type(k) == "string" and k or v
  end
  table.sort(out)
  return out
end

-- The protected spans of `text`, sorted, overlapping ones joined: {i =, j =, kind =, text =}.
local function protected_spans(text, kinds, types, entities, abbreviations)
  local spans, n = {}, 0
  if next(kinds) then
    for i, j, kind in sift.each_token(text, { abbreviations = words_of(abbreviations) }) do
      if kinds[kind] then
        n = n + 1
        spans[n] = { i = i, j = j, kind = kind }
      end
    end
  end
  if entities and next(types) then
    for _, e in ipairs(entities(text)) do
      if types[e.type] and type(e.i) == "number" and type(e.j) == "number" and e.i <= e.j then
        n = n + 1
        spans[n] = { i = e.i, j = e.j, kind = "entity", type = e.type }
      end
    end
  end
  table.sort(spans, function(a, b)
    if a.i ~= b.i then
      return a.i < b.i
    end
    return a.j > b.j
  end)
  -- overlapping spans become one, of the kind of the longer ("18th CPC National Congress" holds a
  -- number and is an entity)
  local out, m = {}, 0
  for _, s in ipairs(spans) do
    local prev = out[m]
    if prev and s.i <= prev.j then
      if s.j > prev.j then
        if s.j - s.i > prev.j - prev.i then
          prev.kind, prev.type = s.kind, s.type
        end
        prev.j = s.j
      end
    else
      m = m + 1
      out[m] = s
    end
  end
  for _, s in ipairs(out) do
    s.text = sub(text, s.i, s.j)
  end
  return out
end

-- Dates --------------------------------------------------------------------------------------

local MONTHS = {
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
  "November", "December",
}
local MONTH_NUMBER = {}
for k, m in ipairs(MONTHS) do
  MONTH_NUMBER[m] = k
  MONTH_NUMBER[m:sub(1, 3)] = k
end
MONTH_NUMBER.Sept = 9

-- The first date written out in full (25th September 2023, September 25, 2023, 2023-09-25) near
-- the top of an article, and the same as YYYY-MM-DD. News puts the date in its first lines.
local function find_date(text)
  local head = sub(text, 1, 1000)
  local best, best_pos, iso
  local function consider(pos, found, y, m, d)
    m = tonumber(m) or MONTH_NUMBER[m]
    y, d = tonumber(y), tonumber(d)
    if pos and m and d and d >= 1 and d <= 31 and m >= 1 and m <= 12 and (not best_pos or pos < best_pos) then
      best, best_pos, iso = found, pos, format("%04d-%02d-%02d", y, m, d)
    end
  end
  local pos = 1
  while true do
    local s, e, d, m, y = find(head, "%f[%w](%d%d?)%a*%s+(%u%l+)%.?,?%s+(%d%d%d%d)%f[^%w]", pos)
    if not s then
      break
    end
    consider(s, sub(head, s, e), y, m, d)
    pos = e + 1
  end
  pos = 1
  while true do
    local s, e, m, d, y = find(head, "%f[%w](%u%l+)%.?%s+(%d%d?)%a*,?%s+(%d%d%d%d)%f[^%w]", pos)
    if not s then
      break
    end
    consider(s, sub(head, s, e), y, m, d)
    pos = e + 1
  end
  local s, e, y, m, d = find(head, "%f[%w](%d%d%d%d)%-(%d%d)%-(%d%d)%f[^%w]")
  if s then
    consider(s, sub(head, s, e), y, m, d)
  end
  return best, iso
end

segments.find_date = find_date

-- Segmenting ---------------------------------------------------------------------------------

local SEGMENT_OPTIONS = {
  id = "string", title = "string", date = "string", sentences = "function", entities = "function|boolean",
  protect = "table", abbreviations = "table",
}

local function check_options(opts, fname)
  opts = check.opts(fname, 2, opts, SEGMENT_OPTIONS, 3) -- not a tail call: the level counts this function
  return opts
end

-- The engine's sentence splitter (sentences.c): it decides both the sentences and the paragraphs.
local function default_sentences(text, abbreviations)
  return sift.sentences(text, abbreviations and { abbreviations = abbreviations } or nil)
end

-- The engine's entity tagger when it has one (sift.entities), else none.
local function default_entities()
  return sift.entities
end

-- The ids make(item) gives the items of `list`, with -2, -3, ... for repeats.
local function numbered(list, make)
  local seen, out = {}, {}
  for n, item in ipairs(list) do
    local base = make(item)
    local id = base
    local k = seen[base]
    if k then
      repeat
        k = k + 1
        id = base .. "-" .. k
      until not seen[id]
      seen[base] = k
    else
      seen[base] = 1
    end
    seen[id] = seen[id] or 1
    out[n] = id
  end
  return out
end

--- The ids that the segments and the units of `article` (from segments.segment) have when the
-- article's id is `article_id`: two arrays, in the order of article.segments and article.units.
function segments.ids(article, article_id)
  local text = article.text
  return numbered(article.segments, function(seg) return segments.segment_id(article_id, seg.text) end),
    numbered(article.units, function(u) return segments.unit_id(article_id, sub(text, u.i, u.j)) end)
end

--- Cuts an article into translation units. Returns
--   {id =, title =, date =, iso_date =, text =, units = {unit...}, segments = {segment...}}
-- with unit = {id =, paragraph =, i =, j =, segments = {...}} and segment = {id =, text =, i =, j =,
-- paragraph =, unit = unit id, protected = {{i =, j =, kind =, type =, text =}...}}; all offsets
-- are byte positions in `text`, 1-based and inclusive. Options:
--   id (string): the article's id, part of every segment id (default "article")
--   title, date (strings): the headline and date for the notes (default: the first line, and the
--     first date written out in the first lines)
--   sentences (function(text) -> array of {i =, j =, paragraph =}): the splitter (default:
--     sift.sentences)
--   entities (function(text) -> array of {i =, j =, type =}, or false): the tagger whose names are
--     protected (default: sift.entities when the engine has it)
--   protect (array): token kinds (number, url, email, mention, hashtag), entity types (PERSON, ...)
--     or "entities" for all name types; default segments.default_protect
--   abbreviations: more abbreviations, as sift.sentences takes them (words, or word = "class")
function segments.segment(text, opts)
  check.arg("segment", 1, text, "string")
  opts = check_options(opts, "segment")
  local article_id = opts.id or "article"
  local kinds, types = protect_sets(opts.protect or segments.default_protect, "segment")
  local entities = opts.entities
  if entities == nil or entities == true then
    entities = default_entities()
  end
  local found
  if opts.sentences then
    found = opts.sentences(text)
  else
    found = default_sentences(text, opts.abbreviations)
  end
  if type(found) ~= "table" then
    error("the sentence splitter returned a " .. type(found) .. ", not a table", 2)
  end

  local segs, units = {}, {}
  local prev_j, unit = 0, nil
  for n, s in ipairs(found) do
    local i, j = s.i, s.j
    if math.type(i) ~= "integer" or math.type(j) ~= "integer" or i <= prev_j or j < i or j > #text then
      error(format("the sentence splitter returned a bad sentence #%d (%s..%s after %d, text of %d bytes)",
        n, tostring(i), tostring(j), prev_j, #text), 2)
    end
    prev_j = j
    local paragraph = s.paragraph or 1
    if not unit or unit.paragraph ~= paragraph then
      unit = { paragraph = paragraph, i = i, j = j, segments = {} }
      units[#units + 1] = unit
    end
    unit.j = j
    local seg = { text = sub(text, i, j), i = i, j = j, paragraph = paragraph, protected = {} }
    unit.segments[#unit.segments + 1] = seg
    segs[#segs + 1] = seg
  end

  local seg_ids, unit_ids = segments.ids({ text = text, segments = segs, units = units }, article_id)
  for n, seg in ipairs(segs) do
    seg.id = seg_ids[n]
  end
  for n, u in ipairs(units) do
    u.id = unit_ids[n]
  end
  for _, u in ipairs(units) do
    for _, seg in ipairs(u.segments) do
      seg.unit = u.id
    end
  end

  -- protected spans go to the segment that holds them; one that a sentence break cuts is dropped
  local spans = protected_spans(text, kinds, types, entities, opts.abbreviations)
  local k = 1
  for _, span in ipairs(spans) do
    while segs[k] and segs[k].j < span.i do
      k = k + 1
    end
    local seg = segs[k]
    if not seg then
      break
    end
    if span.i >= seg.i and span.j <= seg.j then
      seg.protected[#seg.protected + 1] = span
    end
  end

  local title = opts.title
  if title == nil then
    title = text:match("^%s*([^\r\n]-)%s*[\r\n]") or text:match("^%s*(.-)%s*$")
  end
  local date, iso = opts.date, nil
  if date == nil then
    date, iso = find_date(text)
  end
  return {
    id = article_id, title = title, date = date, iso_date = iso, text = text, units = units, segments = segs,
  }
end

--- Puts the article back together: the text between segments as it was, and each segment's text,
-- or its translation when `targets` (a table id -> string, or a function(segment) -> string or nil)
-- has one. Without targets, the result is the article's text, byte for byte.
function segments.rebuild(article, targets)
  if type(article) ~= "table" or type(article.text) ~= "string" or type(article.segments) ~= "table" then
    check.fail("rebuild", 1, "an article from segments.segment expected")
  end
  local lookup = targets
  if type(targets) == "table" then
    lookup = function(seg) return targets[seg.id] end
  else
    check.arg("rebuild", 2, targets, "?table|function")
  end
  local text, out, n, pos = article.text, {}, 0, 1
  for _, seg in ipairs(article.segments) do
    n = n + 1
    out[n] = sub(text, pos, seg.i - 1)
    local t = lookup and lookup(seg)
    n = n + 1
    out[n] = t or seg.text
    pos = seg.j + 1
  end
  out[n + 1] = sub(text, pos)
  return concat(out)
end

--- The text between segment k - 1 and segment k of an article (k = #segments + 1: after the last).
function segments.gap(article, k)
  local prev = article.segments[k - 1]
  local seg = article.segments[k]
  return sub(article.text, prev and prev.j + 1 or 1, seg and seg.i - 1 or #article.text)
end

--- The pieces of a segment: an array of strings (text to translate), protected spans (tables
-- {text =, kind =, type =}) and, for a web page's segment (sift.page), codes (tables {code =}: the
-- page's markup, see sift.page), in order; the strings and the spans make up the segment's text.
function segments.pieces(seg)
  local out, pos = {}, seg.i
  local codes, c = seg.codes, 1
  local function text_to(j) -- the text up to byte j, with the codes before it
    while codes and codes[c] and codes[c].pos <= j do
      local at = codes[c].pos
      if at >= pos then
        out[#out + 1] = sub(seg.text, pos - seg.i + 1, at - seg.i + 1)
        pos = at + 1
      end
      out[#out + 1] = { code = codes[c] }
      c = c + 1
    end
    if j >= pos then
      out[#out + 1] = sub(seg.text, pos - seg.i + 1, j - seg.i + 1)
      pos = j + 1
    end
  end
  for _, p in ipairs(seg.protected) do
    text_to(p.i - 1)
    out[#out + 1] = p
    pos = p.j + 1
  end
  text_to(seg.j)
  while codes and codes[c] do
    out[#out + 1] = { code = codes[c] }
    c = c + 1
  end
  return out
end

--- How a PO file writes the codes of a segment: "{N}", "{/N}" and "{N/}", or with doubled or
-- other brackets when the segment's own text holds something of that shape. Returns the opening
-- and closing delimiters.
function segments.po_delimiters(seg)
  for _, d in ipairs({ { "{", "}" }, { "{{", "}}" }, { "[[", "]]" } }) do
    local pat = d[1]:gsub("%p", "%%%0") .. "/?%d+/?" .. d[2]:gsub("%p", "%%%0")
    if not seg.text:find(pat) then
      return d[1], d[2]
    end
  end
  return "\u{27E6}", "\u{27E7}"
end

--- A code as PO writes it (see segments.po_delimiters).
function segments.po_code(code, open, close)
  if code.kind == "close" then
    return open .. "/" .. code.pair.n .. close
  elseif code.role == "empty" or code.kind == "empty" then
    return open .. code.n .. "/" .. close
  end
  return open .. code.n .. close
end

-- How a code shows to a translator: the tag's name.
local function code_disp(code)
  local e = code.element or ""
  if e == "#comment" then
    return "<!---->"
  elseif code.kind == "close" then
    return "</" .. e .. ">"
  end
  return "<" .. e .. ">"
end

--- The pieces of gap g of a web page's unit (sift.page): before its segment g (after its last
-- for g = #segments + 1), strings and codes (tables {code =}).
function segments.unit_gaps(article, unit, g)
  local segs = unit.segments
  local from = g == 1 and unit.from or segs[g - 1].j + 1
  local to = g > #segs and unit.to or segs[g].i - 1
  local out, pos = {}, from
  for _, c in ipairs(unit.gap_codes[g]) do
    if c.pos >= pos then
      out[#out + 1] = sub(article.text, pos, c.pos)
      pos = c.pos + 1
    end
    out[#out + 1] = { code = c }
  end
  if pos <= to then
    out[#out + 1] = sub(article.text, pos, to)
  end
  return out
end

-- A target with a web page's codes (markers "\1N\2" and "\1/N\2", sift.page) as pieces: strings
-- and codes, each code with `show`, how the target shows it: "open"/"close" for a pair that nests
-- in it, "start"/"end" for the other halves, "empty" alone. Unknown markers are left out.
function segments.target_pieces(seg, t)
  local by_key = {}
  for _, c in ipairs(seg.codes or {}) do
    by_key[c.kind == "close" and "/" .. c.pair.n or tostring(c.n)] = c
  end
  local list, pos = {}, 1
  for a, key, b in t:gmatch("()\1(/?%d+)\2()") do
    if a > pos then
      list[#list + 1] = sub(t, pos, a - 1)
    end
    if by_key[key] then
      list[#list + 1] = { code = by_key[key] }
    end
    pos = b
  end
  if pos <= #t then
    list[#list + 1] = sub(t, pos)
  end
  local stack, paired = {}, {}
  for _, p in ipairs(list) do
    local c = type(p) == "table" and p.code
    if c and c.pair then
      if c.kind == "open" then
        stack[#stack + 1] = c
      elseif stack[#stack] == c.pair then
        paired[c], paired[c.pair] = true, true
        stack[#stack] = nil
      end
    end
  end
  for _, p in ipairs(list) do
    if type(p) == "table" then
      local c = p.code
      p.show = paired[c] and c.kind or (c.pair and (c.kind == "open" and "start" or "end")) or "empty"
    end
  end
  return list
end

-- Writers -------------------------------------------------------------------------------------

--- The formats `segments.writer` knows; the first is the default.
segments.formats = { "xliff2", "xliff12", "po", "tmx", "jsonl" }

local WRITER_OPTIONS = {
  source_lang = "string", target_lang = "string", targets = "function|table", warn = "function",
  inline = "string", revision_date = "string",
}

-- xs:language, which XLIFF and TMX take: BCP 47 shaped tags such as en, fr-CA, zh-Hans-CN
local function valid_lang(tag)
  local first = true
  for part in (tag .. "-"):gmatch("(.-)%-") do
    if #part < 1 or #part > 8 or (first and part:find("%A")) or part:find("%W") then
      return false
    end
    first = false
  end
  return not first
end

-- Raises at level 4: the caller of the public function that called new_writer, which called this.
local function check_writer_options(opts, fname)
  opts = check.opts(fname, 3, opts, WRITER_OPTIONS, 4)
  for _, name in ipairs({ "source_lang", "target_lang" }) do
    if opts[name] and not valid_lang(opts[name]) then
      check.fail(fname, 3, format("option '%s' is not a language tag: '%s'", name, opts[name]), 4)
    end
  end
  if opts.inline and opts.inline ~= "mrk" and opts.inline ~= "ph" then
    check.fail(fname, 3, format("option 'inline' must be 'mrk' or 'ph', not '%s'", opts.inline), 4)
  end
  return opts
end

segments.valid_lang = valid_lang

local function is_article(a)
  return type(a) == "table" and type(a.segments) == "table" and type(a.text) == "string"
end

local Writer = {}
Writer.__index = Writer

-- The line number of byte `pos` of an article's text. The writers ask in text order, once for
-- each character they remove: counting from the start each time was quadratic in their number
-- (100,000 took 28 s). The writer keeps where the last count ended and counts on from there,
-- forwards or back, so that a pass over an article counts its newlines once. The count belongs to
-- the article table (Writer:add starts a new one): comparing long strings would read them.
function Writer:line_at(article, pos)
  local c, text = self.lines, article.text
  if not c or c.article ~= article then
    c = { article = article, pos = 1, line = 1 }
    self.lines = c
  end
  if pos >= c.pos then
    local _, n = sub(text, c.pos, pos - 1):gsub("\n", "")
    c.line = c.line + n
  else
    local _, n = sub(text, pos, c.pos - 1):gsub("\n", "")
    c.line = c.line - n
  end
  c.pos = pos
  return c.line
end

-- `s` made fit for an XML document (or a PO file); what had to go is reported through warn, with
-- the article's name and the byte position: `where` is the article offset of s's first byte, or a
-- string naming the place (the headline, a target).
function Writer:clean(s, article, where)
  local clean, problems = self.xml.clean(s)
  for _, p in ipairs(problems) do
    local place
    if type(where) == "number" then
      local pos = where + p.pos - 1
      place = format("byte %d (line %d)", pos, self:line_at(article, pos))
    else
      place = format("%s, byte %d", where, p.pos)
    end
    local action = p.what:sub(1, 4) == "byte" and ("replaced the ill-formed " .. p.what .. " with U+FFFD")
      or ("removed " .. p.what .. ", which XML 1.0 does not allow")
    self:warn(format("%s: %s: %s", article.id, place, action))
  end
  return clean
end

function Writer:warn(message)
  if self.opts.warn then
    self.opts.warn(message)
  else
    self.warnings[#self.warnings + 1] = message
  end
end

function Writer:target(seg, article)
  local t = self.opts.targets
  if t == nil then
    return nil
  elseif type(t) == "table" then
    t = t[seg.id]
  else
    t = t(seg, article)
  end
  if t ~= nil and type(t) ~= "string" then
    error("a target must be a string, got " .. type(t) .. " for segment " .. seg.id, 3)
  end
  return t
end

-- A unique id for an article's <file> (XLIFF 2.0 wants an NMTOKEN; the name goes to 'original').
function Writer:file_id(article)
  local base = "f" .. segments.hash(article.id):sub(1, ID_DIGITS)
  local id, k = base, 1
  while self.file_ids[id] do
    k = k + 1
    id = base .. "-" .. k
  end
  self.file_ids[id] = true
  return id
end

local function one_line(s)
  return (s:gsub("[\r\n]+", " "))
end

-- XLIFF 2.0 ----------------------------------------------------------------------------------

local xliff2 = {}

function xliff2.open(w)
  local o = w.opts
  w:write('<?xml version="1.0" encoding="UTF-8"?>\n',
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="', w.xml.attr(o.source_lang), '"',
    o.target_lang and (' trgLang="' .. w.xml.attr(o.target_lang) .. '"') or "",
    ' xml:space="preserve">\n')
end

-- The source of a segment with its protected spans marked: mrk translate="no", or ph pointing at
-- the unit's original data.
function xliff2.source(w, article, seg, unit_state)
  local out, pos = {}, seg.i
  local x = w.xml
  for _, piece in ipairs(segments.pieces(seg)) do
    if type(piece) == "string" then
      out[#out + 1] = x.text(w:clean(piece, article, pos))
      pos = pos + #piece
    elseif piece.code then
      out[#out + 1] = xliff2.code(w, piece.code, unit_state)
    else
      unit_state.n = unit_state.n + 1
      local text = w:clean(piece.text, article, piece.i)
      if w.opts.inline == "ph" then
        local did = "d" .. unit_state.n
        unit_state.data[#unit_state.data + 1] = format('<data id="%s">%s</data>', did, x.text(text))
        out[#out + 1] = format('<ph id="p%d" dataRef="%s" disp="%s" equiv="%s"/>', unit_state.n, did,
          x.attr(text), x.attr(text))
      else
        out[#out + 1] = format('<mrk id="m%d" translate="no">%s</mrk>', unit_state.n, x.text(text))
      end
      pos = pos + #piece.text
    end
  end
  return concat(out)
end

-- A code of a web page: pc for a pair inside the segment, sc/ec for a pair's halves in two
-- places, ph alone; its bytes go to the unit's original data (once: `unit_state.seen`).
function xliff2.code(w, code, unit_state, role)
  local x = w.xml
  if unit_state and not unit_state.seen[code] then
    unit_state.seen[code] = true
    unit_state.data[#unit_state.data + 1] = format('<data id="dc%d">%s</data>', code.n, x.text(x.clean(code.data)))
  end
  role = role or code.role
  local disp = x.attr(code_disp(code))
  if role == "open" then
    return format('<pc id="c%d" dataRefStart="dc%d" dataRefEnd="dc%d" dispStart="%s" dispEnd="%s">', code.n, code.n,
      code.pair.n, disp, x.attr(code_disp(code.pair)))
  elseif role == "close" then
    return "</pc>"
  elseif role == "start" then
    return format('<sc id="c%d" dataRef="dc%d" disp="%s"/>', code.n, code.n, disp)
  elseif role == "end" then
    return format('<ec startRef="c%d" dataRef="dc%d" disp="%s"/>', code.pair.n, code.n, disp)
  end
  return format('<ph id="c%d" dataRef="dc%d" disp="%s"/>', code.n, code.n, disp)
end

-- Text and codes (a gap of a web page's unit, or a target) as XLIFF 2.0 content.
local function xliff2_pieces(w, article, pieces, unit_state, where)
  local out = {}
  for _, piece in ipairs(pieces) do
    if type(piece) == "string" then
      out[#out + 1] = w.xml.text(w:clean(piece, article, where))
    else
      out[#out + 1] = xliff2.code(w, piece.code, unit_state, piece.show)
    end
  end
  return concat(out)
end

function xliff2.article(w, article)
  local x = w.xml
  w:write('  <file id="', w:file_id(article), '" original="', x.attr(w:clean(article.id, article, "the article id")),
    '" canResegment="no">\n')
  local notes = {}
  if article.title and article.title ~= "" then
    notes[#notes + 1] = '      <note category="headline">' .. x.text(w:clean(article.title, article, "the headline"))
      .. "</note>\n"
  end
  if article.date and article.date ~= "" then
    notes[#notes + 1] = '      <note category="date">' .. x.text(w:clean(article.date, article, "the date"))
      .. "</note>\n"
  end
  if #notes > 0 then
    w:write("    <notes>\n", concat(notes), "    </notes>\n")
  end
  if #article.units == 0 then
    -- a <file> needs a unit: an empty one that is not for translation
    w:write('    <unit id="empty" translate="no"><segment><source></source></segment></unit>\n')
  end
  local k = 0
  for _, unit in ipairs(article.units) do
    local state = { n = 0, data = {}, seen = {} }
    local body = {}
    local page = article.page
    local function page_gap(g)
      local gap = xliff2_pieces(w, article, segments.unit_gaps(article, unit, g), state, "a gap")
      if gap ~= "" then
        body[#body + 1] = "      <ignorable><source>" .. gap .. "</source></ignorable>\n"
      end
    end
    for n, seg in ipairs(unit.segments) do
      k = k + 1
      if page then
        page_gap(n)
      elseif n > 1 then
        local gap = segments.gap(article, k)
        body[#body + 1] = "      <ignorable><source>" .. x.text(w:clean(gap, article, seg.i - #gap))
          .. "</source></ignorable>\n"
      end
      local target = w:target(seg, article)
      local source = xliff2.source(w, article, seg, state)
      body[#body + 1] = format('      <segment id="%s"%s><source>%s</source>%s</segment>\n', seg.id,
        target and ' state="translated"' or "", source,
        target and ("<target>" .. xliff2_pieces(w, article, segments.target_pieces(seg, target), nil,
          "the target of " .. seg.id) .. "</target>") or "")
    end
    if page then
      page_gap(#unit.segments + 1)
    end
    w:write('    <unit id="', unit.id, '">\n')
    if #state.data > 0 then
      w:write("      <originalData>", concat(state.data), "</originalData>\n")
    end
    w:write(concat(body), "    </unit>\n")
  end
  w:write("  </file>\n")
end

function xliff2.close(w)
  if w.count == 0 then
    -- <xliff> needs a <file>
    w:write('  <file id="empty" translate="no"><unit id="empty" translate="no"><segment><source></source>',
      "</segment></unit></file>\n")
  end
  w:write("</xliff>\n")
end

-- XLIFF 1.2 ----------------------------------------------------------------------------------

local xliff12 = {}

function xliff12.open(w)
  w:write('<?xml version="1.0" encoding="UTF-8"?>\n',
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n')
end

-- A code of a web page: g for a pair inside the segment, bx/ex for a pair's halves, x alone.
function xliff12.code(c, role)
  role = role or c.role
  if role == "open" then
    return format('<g id="c%d">', c.n)
  elseif role == "close" then
    return "</g>"
  elseif role == "start" then
    return format('<bx id="c%d"/>', c.n)
  elseif role == "end" then
    -- no rid: the schema wants it to name a bx of the same trans-unit, and the start is in another;
    -- the id is the start's, unique in this trans-unit
    return format('<ex id="c%d"/>', c.pair.n)
  end
  return format('<x id="c%d"/>', c.n)
end

local function xliff12_target(w, article, seg, t)
  local out = {}
  for _, piece in ipairs(segments.target_pieces(seg, t)) do
    if type(piece) == "string" then
      out[#out + 1] = w.xml.text(w:clean(piece, article, "the target of " .. seg.id))
    else
      out[#out + 1] = xliff12.code(piece.code, piece.show)
    end
  end
  return concat(out)
end

function xliff12.source(w, article, seg)
  local out, pos = {}, seg.i
  local x = w.xml
  for _, piece in ipairs(segments.pieces(seg)) do
    if type(piece) == "string" then
      out[#out + 1] = x.text(w:clean(piece, article, pos))
      pos = pos + #piece
    elseif piece.code then
      out[#out + 1] = xliff12.code(piece.code, piece.show)
    else
      out[#out + 1] = '<mrk mtype="protected">' .. x.text(w:clean(piece.text, article, piece.i)) .. "</mrk>"
      pos = pos + #piece.text
    end
  end
  return concat(out)
end

function xliff12.article(w, article)
  local x, o = w.xml, w.opts
  w:write('  <file original="', x.attr(w:clean(article.id, article, "the article id")), '" source-language="',
    x.attr(o.source_lang), '"', o.target_lang and (' target-language="' .. x.attr(o.target_lang) .. '"') or "",
    ' datatype="', article.page and "html" or "plaintext", '">\n')
  local notes = {}
  if article.title and article.title ~= "" then
    notes[#notes + 1] = "      <note>headline: " .. x.text(w:clean(article.title, article, "the headline"))
      .. "</note>\n"
  end
  if article.date and article.date ~= "" then
    notes[#notes + 1] = "      <note>date: " .. x.text(w:clean(article.date, article, "the date")) .. "</note>\n"
  end
  if #notes > 0 then
    w:write("    <header>\n", concat(notes), "    </header>\n")
  end
  w:write("    <body>\n")
  for _, unit in ipairs(article.units) do
    w:write('      <group id="', unit.id, '" restype="x-paragraph">\n')
    for _, seg in ipairs(unit.segments) do
      local target = w:target(seg, article)
      w:write('        <trans-unit id="', seg.id, '" xml:space="preserve"><source>', xliff12.source(w, article, seg),
        "</source>",
        target and ('<target state="translated">' .. xliff12_target(w, article, seg, target) .. "</target>") or "",
        "</trans-unit>\n")
    end
    w:write("      </group>\n")
  end
  w:write("    </body>\n  </file>\n")
end

function xliff12.close(w)
  w:write("</xliff>\n")
end

-- PO -----------------------------------------------------------------------------------------

local pofmt = {}

local function revision_date(opts)
  if opts.revision_date then
    return opts.revision_date
  end
  -- a fixed date makes the same input give the same file (reproducible builds' convention)
  local epoch = tonumber(os.getenv("SOURCE_DATE_EPOCH") or "")
  return os.date("!%Y-%m-%d %H:%M+0000", epoch)
end

function pofmt.open(w)
  local o = w.opts
  local header = {
    "Project-Id-Version: sift " .. tostring(sift.version) .. "\n",
    "PO-Revision-Date: " .. revision_date(o) .. "\n",
    "Last-Translator: \n",
    "Language-Team: \n",
    "Language: " .. (o.target_lang or "") .. "\n",
    "MIME-Version: 1.0\n",
    "Content-Type: text/plain; charset=UTF-8\n",
    "Content-Transfer-Encoding: 8bit\n",
    "X-Generator: sift segments\n",
    "X-Source-Language: " .. o.source_lang .. "\n",
  }
  w:write("# Translation segments written by sift: msgctxt is the segment's stable id.\n",
    'msgid ""\nmsgstr ', w.po.quote(concat(header)), "\n")
end

function pofmt.article(w, article)
  local po = w.po
  for n, seg in ipairs(article.segments) do
    local lines = { "" }
    lines[#lines + 1] = "#. article: " .. one_line(w:clean(article.id, article, "the article id")) ..
      ", paragraph " .. seg.paragraph
    if n == 1 then
      if article.title and article.title ~= "" then
        lines[#lines + 1] = "#. headline: " .. one_line(w:clean(article.title, article, "the headline"))
      end
      if article.date and article.date ~= "" then
        lines[#lines + 1] = "#. date: " .. one_line(w:clean(article.date, article, "the date"))
      end
    end
    for _, p in ipairs(seg.protected) do
      -- cleaned quietly: the segment's text below reports the same characters
      local text = w.xml.clean(p.text)
      lines[#lines + 1] = "#. protected (" .. (p.type or p.kind) .. "): " .. one_line(text)
    end
    local text
    if seg.codes and #seg.codes > 0 then
      -- a web page's codes as numbered placeholders, and what each stands for
      local open, close = segments.po_delimiters(seg)
      local out = {}
      for _, piece in ipairs(segments.pieces(seg)) do
        if type(piece) == "string" then
          out[#out + 1] = piece
        elseif piece.code then
          local c = piece.code
          local ph = segments.po_code(c, open, close)
          out[#out + 1] = ph
          local data = one_line(w.xml.clean(c.data))
          if #data > 200 then
            data = data:sub(1, 200):gsub("[\128-\191]*$", ""):gsub("[\192-\255]$", "") .. "..."
          end
          lines[#lines + 1] = "#. " .. ph .. " = " .. data
        else
          out[#out + 1] = piece.text
        end
      end
      text = w:clean(concat(out), article, seg.i)
    else
      text = w:clean(seg.text, article, seg.i)
    end
    if text == "" then
      w:warn(format("%s: byte %d (line %d): segment %s is empty once cleaned; left out of the PO file",
        article.id, seg.i, w:line_at(article, seg.i), seg.id))
    else
      local target = w:target(seg, article)
      lines[#lines + 1] = "msgctxt " .. po.quote(seg.id)
      lines[#lines + 1] = "msgid " .. po.quote(text)
      if target and seg.codes then
        local open, close = segments.po_delimiters(seg)
        local out = {}
        for _, piece in ipairs(segments.target_pieces(seg, target)) do
          out[#out + 1] = type(piece) == "string" and piece or segments.po_code(piece.code, open, close)
        end
        target = concat(out)
      end
      lines[#lines + 1] = "msgstr " .. po.quote(target and w:clean(target, article, "the target of " .. seg.id) or "")
      w:write(concat(lines, "\n"), "\n")
    end
  end
end

function pofmt.close()
end

-- TMX ----------------------------------------------------------------------------------------

local tmx = {}

local function tmx_target(w, article, seg, t)
  local out = {}
  for _, piece in ipairs(segments.target_pieces(seg, t)) do
    if type(piece) == "string" then
      out[#out + 1] = w.xml.text(w:clean(piece, article, "the target of " .. seg.id))
    else
      out[#out + 1] = tmx.code(w.xml, piece.code, piece.show)
    end
  end
  return concat(out)
end

function tmx.open(w)
  local x, o = w.xml, w.opts
  w:write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n',
    '  <header creationtool="sift" creationtoolversion="', x.attr(tostring(sift.version)),
    '" segtype="sentence" o-tmf="sift" adminlang="en" srclang="', x.attr(o.source_lang),
    '" datatype="plaintext"/>\n  <body>\n')
end

-- A code of a web page: bpt/ept for a pair inside the segment, it for a pair's halves, ph alone;
-- each holds the page's bytes (its native code).
function tmx.code(x, c, role)
  role = role or c.role
  local data = x.text(x.clean(c.data))
  if role == "open" then
    return format('<bpt i="%d">%s</bpt>', c.n, data)
  elseif role == "close" then
    return format('<ept i="%d">%s</ept>', c.pair.n, data)
  elseif role == "start" then
    return format('<it pos="begin" x="%d">%s</it>', c.n, data)
  elseif role == "end" then
    return format('<it pos="end" x="%d">%s</it>', c.pair.n, data)
  end
  return format('<ph x="%d">%s</ph>', c.n, data)
end

function tmx.article(w, article)
  local x, o = w.xml, w.opts
  local props = {}
  props[#props + 1] = '      <prop type="x-sift-article">' .. x.text(w:clean(article.id, article, "the article id"))
    .. "</prop>\n"
  if article.title and article.title ~= "" then
    props[#props + 1] = '      <prop type="x-sift-headline">' .. x.text(w:clean(article.title, article, "the headline"))
      .. "</prop>\n"
  end
  if article.date and article.date ~= "" then
    props[#props + 1] = '      <prop type="x-sift-date">' .. x.text(w:clean(article.date, article, "the date"))
      .. "</prop>\n"
  end
  props = concat(props)
  for _, seg in ipairs(article.segments) do
    local out, pos = {}, seg.i
    for _, piece in ipairs(segments.pieces(seg)) do
      if type(piece) == "string" then
        out[#out + 1] = x.text(w:clean(piece, article, pos))
        pos = pos + #piece
      elseif piece.code then
        out[#out + 1] = tmx.code(x, piece.code)
      else
        out[#out + 1] = '<hi type="x-protected">' .. x.text(w:clean(piece.text, article, piece.i)) .. "</hi>"
        pos = pos + #piece.text
      end
    end
    local target = w:target(seg, article)
    w:write('    <tu tuid="', seg.id, '">\n', props,
      '      <prop type="x-sift-paragraph">', seg.paragraph, "</prop>\n",
      '      <tuv xml:lang="', x.attr(o.source_lang), '"><seg>', concat(out), "</seg></tuv>\n",
      target and o.target_lang and ('      <tuv xml:lang="' .. x.attr(o.target_lang) .. '"><seg>' ..
        tmx_target(w, article, seg, target) .. "</seg></tuv>\n") or "",
      "    </tu>\n")
  end
end

function tmx.close(w)
  w:write("  </body>\n</tmx>\n")
end

-- JSON Lines ---------------------------------------------------------------------------------

local jsonl = {}

function jsonl.open()
end

function jsonl.article(w, article)
  local json = require "sift.json"
  local o = w.opts
  for _, seg in ipairs(article.segments) do
    local protected = json.array()
    for _, p in ipairs(seg.protected) do
      protected[#protected + 1] = { i = p.i, j = p.j, kind = p.kind, type = p.type, text = p.text }
    end
    local codes
    if seg.codes then
      codes = json.array()
      for _, c in ipairs(seg.codes) do
        codes[#codes + 1] = { id = "c" .. c.n, kind = c.kind, at = c.pos - seg.i + 1, data = c.data,
          pair = c.pair and ("c" .. c.pair.n) or nil }
      end
    end
    w:write(json.encode({
      article = article.id, headline = article.title, date = article.date, unit = seg.unit,
      paragraph = seg.paragraph, id = seg.id, i = seg.i, j = seg.j, text = seg.text, protected = protected,
      codes = codes,
      source_lang = o.source_lang, target_lang = o.target_lang, target = w:target(seg, article),
    }), "\n")
  end
end

function jsonl.close()
end

local FORMATS = { xliff2 = xliff2, xliff12 = xliff12, po = pofmt, tmx = tmx, jsonl = jsonl }

local function new_writer(fmt, out, opts, fname)
  if not FORMATS[fmt] then
    check.fail(fname, 2, format("unknown format '%s'; one of %s", tostring(fmt), concat(segments.formats, ", ")), 3)
  end
  opts = check_writer_options(opts, fname)
  local o = {}
  for k, v in pairs(opts) do
    o[k] = v
  end
  o.source_lang = o.source_lang or "en"
  local w = setmetatable({
    format = fmt, out = out, opts = o, warnings = {}, file_ids = {}, count = 0,
    xml = require "sift.xml", po = require "sift.po", impl = FORMATS[fmt],
  }, Writer)
  w.impl.open(w)
  return w
end

--- A writer of `format` (one of segments.formats) that writes to `out` (anything with a `write`
-- method, such as io.stdout). Options: source_lang (default "en"), target_lang, targets (a table
-- id -> translation, or a function(segment, article) returning one: written as targets), inline
-- ("mrk", the default, or "ph": how XLIFF 2.0 marks protected spans), warn (a function called
-- with each warning; without it they are kept in writer.warnings), revision_date (PO header).
-- Then `writer:add(article)` for each article from segments.segment, and `writer:close()`.
function segments.writer(out, fmt, opts)
  if (type(out) ~= "table" and type(out) ~= "userdata") or not out.write then
    check.fail("writer", 1, "a file or a table with a write method expected, got " .. type(out))
  end
  -- not a tail call: new_writer raises at the level of the caller of a function that called it
  local w = new_writer(fmt, out, opts, "writer")
  return w
end

function Writer:write(...)
  self.out:write(...)
end

function Writer:add(article)
  if not is_article(article) then
    check.fail("add", 1, "an article from segments.segment expected")
  end
  self.count = self.count + 1
  self.lines = nil
  self.impl.article(self, article)
end

function Writer:close()
  self.impl.close(self)
end

--- segments.write, its argument errors naming `fname` (sift.write_segments is this function
-- under another name).
function segments.write_as(fname, articles, fmt, opts)
  if type(articles) ~= "table" then
    check.fail(fname, 1, "article or array of articles expected, got " .. type(articles))
  end
  if articles.segments then
    articles = { articles }
  end
  for k, a in ipairs(articles) do
    if not is_article(a) then
      check.fail(fname, 1, format("article or array of articles expected; item %d is %s", k,
        type(a) == "table" and "not an article" or "a " .. type(a)))
    end
  end
  if opts ~= nil and type(opts) == "table" and opts.warn then
    check.fail(fname, 3, format("option 'warn' is for segments.writer; %s returns the warnings", fname))
  end
  local buffer = {}
  local sink = { write = function(_, ...)
    for k = 1, select("#", ...) do
      buffer[#buffer + 1] = tostring((select(k, ...)))
    end
  end }
  local w = new_writer(fmt, sink, opts, fname)
  for _, a in ipairs(articles) do
    w:add(a)
  end
  w:close()
  return concat(buffer), w.warnings
end

--- Writes `articles` (one article from segments.segment, or an array of them) in `format`;
-- returns the text and the array of warnings (see segments.writer for the options).
function segments.write(articles, fmt, opts)
  return segments.write_as("write", articles, fmt, opts) -- a tail call: errors are the caller's
end

return segments
