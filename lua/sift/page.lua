--- sift.page: a web page as translation units, and a translation merged back into the page.
--
-- `page.segment` cuts the page's translatable text (the engine's units, src/extract/units.h:
-- blocks with their inline markup as codes, attribute values, the <title> and the page's
-- description) into the same articles as segments.segment, that every writer of sift.segments
-- writes; each segment holds its codes (`seg.codes`), each one the page's bytes of a tag.
-- `page.merge` cuts the page again, checks each translated segment's codes and writes the page
-- with every byte that is not translated text copied from the original.
local sift = require "sift"
local core = require "sift.core"
local segments = require "sift.segments"
local check = require "sift.check"

local page = {}

local concat, format, sub = table.concat, string.format, string.sub

local SEGMENT_OPTIONS
SEGMENT_OPTIONS = {
  id = "string", scope = { "article", "page" }, encoding = "string", protect = "table",
  entities = "function|boolean", abbreviations = "table", title = "string", date = "string",
}

page.SEGMENT_OPTIONS = SEGMENT_OPTIONS
page.MERGE_OPTIONS = {
  id = "string", name = "string", scope = { "article", "page" }, abbreviations = "table", target_lang = "string",
  utf8 = "boolean", encoding = "string", fuzzy = "boolean",
}

-- A code as the writers see it: n (its number in the unit, its id "c" .. n), kind ("open",
-- "close", "empty"), data (its bytes), element, and for a pair's halves `pair`, the other half.
local function make_code(n, c, text)
  return { n = n, kind = c.kind, data = sub(text, c.i, c.j), element = c.element, i = c.i, j = c.j }
end

-- The key of a code in a marker string: "N" for a start or lone code, "/N" for the end of the
-- pair that code N starts.
local function key_of(code)
  if code.kind == "close" then
    return "/" .. code.pair.n
  end
  return tostring(code.n)
end
page.key_of = key_of

-- Puts each code of a unit in a segment or in a gap between segments. A code inside a
-- segment's text is the segment's; one at its edge is the segment's when the other half of its
-- pair is in a segment (the translator then moves both), else it stays in the gap, where the
-- merge writes it where it was. At an edge, the codes a segment takes are those next to its text,
-- so that the page's order of codes between two segments does not change.
local function place_codes(unit, codes, base)
  local segs = unit.segments
  local n = #codes
  local owner = {}
  -- inside a segment: codes and segments are both in order, so one pass over each (a hostile
  -- paragraph of 100,000 tags stays linear)
  local s = 1
  for _, c in ipairs(codes) do
    c.pos = base + c.at
    while segs[s] and segs[s].j <= c.pos do
      s = s + 1
    end
    if segs[s] and c.pos > segs[s].i - 1 then
      owner[c] = s
    end
  end
  local function first_at(x) -- the first code at or after position x
    local lo, hi = 1, n + 1
    while lo < hi do
      local mid = (lo + hi) // 2
      if codes[mid].pos < x then
        lo = mid + 1
      else
        hi = mid
      end
    end
    return lo
  end
  -- at the edges: a pass settles every pair that meets at one segment's edges and every half
  -- whose other half is inside; a second one what the first made possible; the rest (none on the
  -- shared pages) stays in the gaps, which is as good a place
  for _ = 1, 3 do
    local changed = false
    for k, seg in ipairs(segs) do
      local e1 = first_at(seg.j)
      local e2 = e1
      while codes[e2] and codes[e2].pos == seg.j do
        e2 = e2 + 1
      end
      local ef = e1 -- the first code after the text that no segment has taken
      local function first_after(d)
        while ef < e2 and owner[codes[ef]] do
          ef = ef + 1
        end
        return codes[ef] == d and ef < e2
      end
      local a1 = first_at(seg.i - 1)
      local a2 = a1
      while codes[a2] and codes[a2].pos == seg.i - 1 do
        a2 = a2 + 1
      end
      -- the start edge, from the code nearest the text back
      for q = a2 - 1, a1, -1 do
        local c = codes[q]
        if owner[c] ~= k then
          if owner[c] or c.kind ~= "open" or not c.pair then
            break
          elseif owner[c.pair] then
            owner[c], changed = k, true
          elseif c.pair.pos == seg.j and first_after(c.pair) then
            owner[c], owner[c.pair], changed = k, k, true
          else
            break
          end
        end
      end
      -- the end edge, from the code nearest the text on
      for q = e1, e2 - 1 do
        local c = codes[q]
        if owner[c] ~= k then
          if not owner[c] and c.kind == "close" and owner[c.pair] then
            owner[c], changed = k, true
          else
            break
          end
        end
      end
    end
    if not changed then
      break
    end
  end
  for _, seg in ipairs(segs) do
    seg.codes = {}
  end
  unit.gap_codes = {}
  for g = 1, #segs + 1 do
    unit.gap_codes[g] = {}
  end
  local g = 1
  for _, c in ipairs(codes) do
    local o = owner[c]
    if o then
      local list = segs[o].codes
      list[#list + 1] = c
    else
      -- the gap before the first segment that starts after it
      while segs[g] and c.pos > segs[g].i - 1 do
        g = g + 1
      end
      local list = unit.gap_codes[g]
      list[#list + 1] = c
    end
  end
  -- how each code shows: a pair in one segment as one element (pc, g, bpt/ept), a pair across
  -- segments as its two halves (sc/ec, bx/ex, it)
  for _, seg in ipairs(segs) do
    for _, c in ipairs(seg.codes) do
      if c.pair and owner[c.pair] == owner[c] then
        c.role = c.kind
      elseif c.pair then
        c.role = c.kind == "open" and "start" or "end"
      else
        c.role = "empty"
      end
    end
  end
  for _, list in ipairs(unit.gap_codes) do
    for _, c in ipairs(list) do
      c.role = c.pair and (c.kind == "open" and "start" or "end") or "empty"
    end
  end
end

--- The translation units of `html` (a web page's bytes, in any encoding: decoded as
-- sift.decode_page does, with `opts.encoding` the transport's label), as an article of
-- segments.segment: its `text` is the units' texts joined by blank lines, each unit a paragraph,
-- each sentence a segment; and `page` = {text =, encoding =, units =, info =, bytes =}, what page.merge
-- needs. Options: scope ("article", the default: the article sift.extract finds with the page's
-- title and description; "page": every text of the page), id, protect, entities, abbreviations,
-- title and date as segments.segment takes them, encoding.
function page.segment(html, opts)
  check.arg("segment", 1, html, "string")
  opts = check.opts("segment", 2, opts, SEGMENT_OPTIONS)
  local text, enc = sift.decode_page(html, { encoding = opts.encoding })
  if not text then
    error("cannot decode the page: " .. tostring(enc), 2)
  end
  local units, info = core._page_units(text, opts.scope or "article")
  local parts, base, pos = {}, {}, 0
  local title
  for k, u in ipairs(units) do
    parts[k] = u.text
    base[k] = pos
    pos = pos + #u.text + 2
    if not title and u.element == "title" and u.kind == "text" then
      title = u.text
    end
  end
  local joined = concat(parts, "\n\n")
  local abbreviations = opts.abbreviations
  local function sentences()
    local out = {}
    for k, u in ipairs(units) do
      for _, s in ipairs(sift.sentences(u.text, abbreviations and { abbreviations = abbreviations } or nil)) do
        out[#out + 1] = { i = base[k] + s.i, j = base[k] + s.j, paragraph = k }
      end
    end
    return out
  end
  local article = segments.segment(joined, {
    id = opts.id, protect = opts.protect, entities = opts.entities, abbreviations = abbreviations,
    title = opts.title or title or "", date = opts.date, sentences = sentences,
  })
  for _, unit in ipairs(article.units) do
    local k = unit.paragraph
    local u = units[k]
    unit.page_unit = k
    unit.from, unit.to = base[k] + 1, base[k] + #u.text
    local codes = {}
    for n, c in ipairs(u.codes) do
      local code = make_code(n, c, text)
      code.at = c.at
      codes[n] = code
    end
    for n, c in ipairs(u.codes) do
      if c.partner then
        codes[n].pair = codes[c.partner]
      end
    end
    place_codes(unit, codes, base[k])
    -- a protected span (a number, a name) with a code inside it is not protected: the code is
    -- the translator's to move
    for _, seg in ipairs(unit.segments) do
      if #seg.codes > 0 and #seg.protected > 0 then
        local kept, q = {}, 1
        for _, p in ipairs(seg.protected) do -- both in order: one pass
          while seg.codes[q] and seg.codes[q].pos <= p.i - 1 do
            q = q + 1
          end
          if not (seg.codes[q] and seg.codes[q].pos < p.j) then
            kept[#kept + 1] = p
          end
        end
        seg.protected = kept
      end
    end
  end
  -- the engine's codes live on in the segments' (make_code): a 20 MB page held them twice
  for _, u in ipairs(units) do
    u.codes = nil
  end
  article.page = { text = text, encoding = enc, units = units, info = info, bytes = html }
  return article
end

--- The source of a segment as a marker string: its text with "\1N\2" and "\1/N\2" where its
-- codes are (what sift.merge reads from a translated file). With `clean`, its text as the
-- writers put it in a file: without the characters XML 1.0 forbids.
function page.markers(seg, clean)
  local out = {}
  local xml = clean and require "sift.xml"
  for _, piece in ipairs(segments.pieces(seg)) do
    if piece.code then
      out[#out + 1] = "\1" .. key_of(piece.code) .. "\2"
    else
      local t = type(piece) == "string" and piece or piece.text
      out[#out + 1] = xml and (xml.clean(t)) or t
    end
  end
  return concat(out)
end

-- Merge ----------------------------------------------------------------------------------------

-- Text escaped for where it stands in the page.
local ESCAPES = {
  text = { ["&"] = "&amp;", ["<"] = "&lt;", ["\194\160"] = "&nbsp;" },
  double = { ["&"] = "&amp;", ['"'] = "&quot;", ["\194\160"] = "&nbsp;" },
  single = { ["&"] = "&amp;", ["'"] = "&#39;", ["\194\160"] = "&nbsp;" },
  unquoted = { ["&"] = "&amp;", ['"'] = "&quot;", ["'"] = "&#39;", ["<"] = "&lt;", [">"] = "&gt;",
    ["="] = "&#61;", ["`"] = "&#96;", [" "] = "&#32;", ["\t"] = "&#9;", ["\n"] = "&#10;", ["\r"] = "&#13;",
    ["\f"] = "&#12;", ["\194\160"] = "&nbsp;" },
}
local PATTERNS = {
  text = "[&<]", double = '[&"]', single = "[&']", unquoted = "[&\"'<>=` \t\n\r\f]",
}

local function escape(s, how)
  s = s:gsub(PATTERNS[how], ESCAPES[how])
  return (s:gsub("\194\160", "&nbsp;"))
end

-- A code in a message: its tag, and its id in the translation (c3; the end of c3).
local function describe(c)
  local tag = c.data:match("^<[^%s>]*") or c.data:sub(1, 20)
  if c.kind == "close" then
    return format("the tag %s> (the end of c%d)", tag, c.pair.n)
  end
  return format("the tag %s%s (c%d)", tag, tag:sub(1, 1) == "<" and ">" or "", c.n)
end

-- A target (a marker string) as pieces: strings and codes, checked against the codes its segment
-- owns. Returns the pieces, or nil and a message.
local function target_pieces(t, seg)
  local by_key = {}
  for _, c in ipairs(seg.codes) do
    by_key[key_of(c)] = c
  end
  local out, seen, pos = {}, {}, 1
  while true do
    local a, b, key = t:find("\1(/?%d+)\2", pos)
    if not a then
      break
    end
    if a > pos then
      out[#out + 1] = sub(t, pos, a - 1)
    end
    local c = by_key[key]
    if not c then
      return nil, format("a tag (%s) that is not one of this segment's", key)
    elseif seen[c] then
      return nil, format("%s appears twice", describe(c))
    end
    seen[c] = true
    out[#out + 1] = c
    pos = b + 1
  end
  if pos <= #t then
    out[#out + 1] = sub(t, pos)
  end
  if t:find("[\1\2]") and #out == 0 then
    return nil, "a broken tag marker"
  end
  for _, c in ipairs(seg.codes) do
    if not seen[c] then
      return nil, format("%s is missing", describe(c))
    end
  end
  return out
end

-- The source pieces of a segment (no translation): its text and codes in the page's order.
local function source_pieces(seg)
  local out = {}
  for _, piece in ipairs(segments.pieces(seg)) do
    if type(piece) == "string" then
      out[#out + 1] = piece
    elseif piece.code then
      out[#out + 1] = piece.code
    else
      out[#out + 1] = piece.text
    end
  end
  return out
end

-- The pieces of the gap before segment g of a unit: its text and the codes it keeps.
local function gap_pieces(article, unit, g)
  local out = {}
  for _, piece in ipairs(segments.unit_gaps(article, unit, g)) do
    out[#out + 1] = type(piece) == "string" and piece or piece.code
  end
  return out
end

-- Whether the codes of a unit's pieces nest: every end after its start, no two pairs crossed.
local function check_nesting(pieces)
  local stack = {}
  for _, p in ipairs(pieces) do
    if type(p) == "table" and p.pair then
      if p.kind == "open" then
        stack[#stack + 1] = p
      elseif stack[#stack] == p.pair then
        stack[#stack] = nil
      else
        local found = false
        for _, q in ipairs(stack) do
          found = found or q == p.pair
        end
        return nil, found and format("%s and %s cross", describe(stack[#stack]), describe(p))
          or format("%s comes before its start", describe(p))
      end
    end
  end
  return true
end

-- PO has no markup: its codes are written {N}, {/N} and {N/} (sift.segments), read back here.
local function po_markers(t, seg)
  local open, close = segments.po_delimiters(seg)
  local by_key = {}
  for _, c in ipairs(seg.codes) do
    by_key[segments.po_code(c, open, close)] = "\1" .. key_of(c) .. "\2"
  end
  local pat = open:gsub("%p", "%%%0") .. "/?%d+/?" .. close:gsub("%p", "%%%0")
  return (t:gsub(pat, function(s) return by_key[s] end))
end

--- Writes `html` (a page's bytes) with the translation `translation` (from merge.read) in place
-- of its text. Options: id (the article id of the export), name (the page's name, to find its
-- entry), scope and abbreviations as given to page.segment, target_lang (the <html> element's lang
-- is set to it), utf8 (write UTF-8, the page's charset declaration changed to say so, instead of
-- the page's own encoding). Returns the page's bytes and a report {segments =, translated =,
-- untranslated = {segment...}, article_id =}, or nil and a message that names the unit and the
-- line of the translation for a translation whose tags are dropped, repeated or crossed.
function page.merge(html, translation, opts)
  check.arg("merge", 1, html, "string")
  opts = opts or {}
  local merge = require "sift.merge"
  local article = page.segment(html, {
    id = opts.id or "article", scope = opts.scope, abbreviations = opts.abbreviations, protect = {},
    entities = false, encoding = opts.encoding,
  })
  local p = article.page
  local text = p.text
  local report = { segments = #article.segments, translated = 0, untranslated = {} }
  local entry, id
  if #article.segments > 0 then
    entry, id = merge.bind(article, translation, opts)
    if not entry then
      return nil, "none of the page's segments is in the translation (was it exported from another "
        .. "version of the page, or with another --scope?)"
    end
  end
  report.article_id = id
  local is_po = translation.format == "po"
  -- each unit's new bytes
  local reps = {}
  for _, unit in ipairs(article.units) do
    local pu = p.units[unit.page_unit]
    local pieces, changed = {}, false
    for g = 1, #unit.segments + 1 do
      for _, piece in ipairs(gap_pieces(article, unit, g)) do
        pieces[#pieces + 1] = piece
      end
      local seg = unit.segments[g]
      if seg then
        local t = entry.targets[seg.id]
        if t and is_po then
          t = po_markers(t, seg)
        end
        local list
        if t then
          report.translated = report.translated + 1
          -- a copy of the source, as it is in the page or as the file could hold it
          if t ~= page.markers(seg) and t ~= page.markers(seg, true) then
            local err
            list, err = target_pieces(t, seg)
            if not list then
              return nil, format("line %d: unit %s, segment %s: %s", entry.lines[seg.id] or entry.line or 0,
                unit.id, seg.id, err)
            end
            changed = true
          end
        else
          seg.page_i = pu.i -- where its unit is in the page (seg.i is in the units' joined text)
          report.untranslated[#report.untranslated + 1] = seg
        end
        for _, piece in ipairs(list or source_pieces(seg)) do
          pieces[#pieces + 1] = piece
        end
      end
    end
    if changed then
      local ok, err = check_nesting(pieces)
      if not ok then
        local seg = unit.segments[1]
        return nil, format("line %d: unit %s: %s", entry.lines[seg.id] or entry.line or 0, unit.id, err)
      end
      reps[#reps + 1] = { i = pu.i, j = pu.j, pieces = pieces, escape = pu.escape, attribute = pu.kind == "attribute" }
    end
  end
  -- the <html> element's lang
  local info = p.info
  local attr_reps = {}
  if opts.target_lang then
    if info.lang_i then
      local before = sub(text, info.lang_i - 1, info.lang_i - 1)
      local value = escape(opts.target_lang, "double")
      if info.lang_i > info.lang_j and before ~= '"' and before ~= "'" and before ~= "=" then
        value = '="' .. value .. '"' -- lang with no value
      end
      attr_reps[#attr_reps + 1] = { i = info.lang_i, j = info.lang_j, str = value }
    elseif info.html_i then
      attr_reps[#attr_reps + 1] = { i = info.html_i + 5, j = info.html_i + 4,
        str = ' lang="' .. escape(opts.target_lang, "double") .. '"' }
    end
  end
  -- attribute units are written where they stand, which may be inside a code of a text unit
  local text_reps = {}
  for _, r in ipairs(reps) do
    if r.attribute then
      local out = {}
      for _, piece in ipairs(r.pieces) do
        out[#out + 1] = type(piece) == "string" and escape(piece, r.escape) or piece.data
      end
      attr_reps[#attr_reps + 1] = { i = r.i, j = r.j, str = concat(out) }
    else
      text_reps[#text_reps + 1] = r
    end
  end
  if opts.utf8 and p.encoding.name ~= "utf-8" and p.encoding.i then
    -- the declaration's label, where it is in the decoded text
    local label = sub(p.bytes, p.encoding.i, p.encoding.j)
    local shift = p.encoding.bom or 0
    local i = p.encoding.i - shift
    if sub(text, i, i + #label - 1):lower() == label:lower() then
      attr_reps[#attr_reps + 1] = { i = i, j = i + #label - 1, str = "utf-8" }
    end
  end
  table.sort(attr_reps, function(a, b) return a.i < b.i end)
  -- the page being written: strings of new text (UTF-8) and ranges {a, b} of the decoded page
  -- to copy, turned into the page's own bytes at the end
  local out = {}
  local function copy(a, b) -- text[a..b], with the attribute replacements inside it
    local pos = a
    -- (a binary search would do; pages have few attribute units)
    for _, r in ipairs(attr_reps) do
      if r.i >= pos and r.j <= b and r.i <= b + 1 then
        if r.i > pos then
          out[#out + 1] = { pos, r.i - 1 }
        end
        out[#out + 1] = r.str
        pos = r.j + 1
      end
    end
    if b >= pos then
      out[#out + 1] = { pos, b }
    end
  end
  local pos = 1
  for _, r in ipairs(text_reps) do
    copy(pos, r.i - 1)
    for _, piece in ipairs(r.pieces) do
      if type(piece) == "string" then
        out[#out + 1] = escape(piece, r.escape)
      else
        copy(piece.i, piece.j)
      end
    end
    pos = r.j + 1
  end
  copy(pos, #text)
  local enc = p.encoding
  local bom = enc.bom and enc.bom > 0 and sub(p.bytes, 1, enc.bom) or ""
  if opts.utf8 and enc.name ~= "utf-8" then
    for k, piece in ipairs(out) do
      if type(piece) == "table" then
        out[k] = sub(text, piece[1], piece[2])
      end
    end
    return (bom ~= "" and "\239\187\191" or "") .. concat(out), report
  end
  local raw = sub(p.bytes, #bom + 1)
  if enc.name == "utf-8" then
    local where = raw == text and function(t) return t end or page.offsets(text, raw)
    for k, piece in ipairs(out) do
      if type(piece) == "table" then
        out[k] = sub(raw, where(piece[1]), where(piece[2] + 1) - 1)
      end
    end
    return bom .. concat(out), report
  end
  -- another encoding: the copied text converts back to the page's bytes (it was decoded from
  -- them); new text may hold characters the encoding cannot, written as numeric character
  -- references (text and attribute values take them)
  for k, piece in ipairs(out) do
    local s = type(piece) == "table" and sub(text, piece[1], piece[2]) or piece
    local encoded, err = page.encode(s, enc.iconv)
    if not encoded then
      return nil, "cannot write the page in " .. enc.name .. ": " .. tostring(err)
    end
    out[k] = encoded
  end
  return bom .. concat(out), report
end

--- `s` (UTF-8) in the encoding `iconv`, a character it cannot hold as "&#N;".
function page.encode(s, iconv)
  local parts, pos = {}, 1
  while pos <= #s do
    local encoded, err, at = core.from_utf8(sub(s, pos), iconv)
    if encoded then
      parts[#parts + 1] = encoded
      break
    end
    if not at then
      return nil, err
    end
    if at > 1 then
      parts[#parts + 1] = assert(core.from_utf8(sub(s, pos, pos + at - 2), iconv))
    end
    local cp = utf8.codepoint(s, pos + at - 1)
    parts[#parts + 1] = assert(core.from_utf8(format("&#%d;", cp), iconv))
    pos = pos + at - 1 + #utf8.char(cp)
  end
  return concat(parts)
end

--- For a UTF-8 page whose ill-formed bytes were decoded as U+FFFD: a function from a byte offset
-- of the decoded text to the page's. Both are the same bytes but where the text has a U+FFFD
-- that the page has not: the page's bytes there are those up to where both go on alike.
function page.offsets(text, raw)
  local points = {} -- {text offset after the U+FFFD, page offset after its bytes}
  local t, r = 1, 1
  while true do
    local a = text:find("\239\191\189", t, true)
    if not a then
      break
    end
    r = r + (a - t)
    if sub(raw, r, r + 2) == "\239\191\189" then
      r = r + 3
    else
      -- the replaced bytes: the maximal subpart of a UTF-8 sequence there (the Encoding
      -- Standard's decoder makes one U+FFFD of it), checked against the text that follows, up to
      -- its next U+FFFD; else the fewest bytes (at most 3) after which the page goes on as the
      -- text does
      local stop = text:find("\239\191\189", a + 3, true)
      local next_text = sub(text, a + 3, math.min(a + 18, (stop or #text + 1) - 1))
      -- (xml.utf8_at gives the subpart's length; a well-formed sequence here would be its own)
      local len, k = 1, 1
      if r <= #raw then
        len, k = require("sift.xml").utf8_at(raw, r)
      end
      k = len or k
      if next_text ~= "" and sub(raw, r + k, r + k + #next_text - 1) ~= next_text then
        for q = 1, 3 do
          if sub(raw, r + q, r + q + #next_text - 1) == next_text then
            k = q
            break
          end
        end
      end
      r = r + k
    end
    t = a + 3
    points[#points + 1] = { t, r }
  end
  return function(x)
    local lo, hi = 1, #points
    local best = nil
    while lo <= hi do -- the last point at or before x
      local mid = (lo + hi) // 2
      if points[mid][1] <= x then
        best, lo = points[mid], mid + 1
      else
        hi = mid - 1
      end
    end
    if not best then
      return x
    end
    return best[2] + (x - best[1])
  end
end

return page
