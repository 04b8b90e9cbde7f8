--- sift.article: the parts of a news article's text - headline, captions, dateline, body
-- paragraphs - and the date it carries.
--
-- News text comes as a headline line, sometimes a caption or standfirst line or two, often a
-- dateline ("25th September 2023 – (Beijing)", "LONDON (Reuters) -"), then paragraphs. Summaries
-- use the headline as a signal and never return it; keyword counts weigh words of the headline;
-- reports show the headline and the date.
local core = require "sift.core"
local check = require "sift.check"

local article = {}

-- Names in datelines. Months with their usual short forms; days of the week.
local MONTHS = {
  january = 1, jan = 1, february = 2, feb = 2, march = 3, mar = 3, april = 4, apr = 4, may = 5,
  june = 6, jun = 6, july = 7, jul = 7, august = 8, aug = 8, september = 9, sep = 9, sept = 9,
  october = 10, oct = 10, november = 11, nov = 11, december = 12, dec = 12,
}
local DAYS = {
  monday = true, tuesday = true, wednesday = true, thursday = true, friday = true, saturday = true,
  sunday = true, mon = true, tue = true, tues = true, wed = true, thu = true, thurs = true, fri = true,
  sat = true, sun = true,
}

-- Dashes that end a dateline: -, --, en dash, em dash.
local DASH = "%s*[-\u{2013}\u{2014}]+%s*"

local function trim(s)
  return (s:gsub("^%s+", ""):gsub("%s+$", ""))
end

--- The date a piece of text names, as "YYYY-MM-DD" (or "YYYY-MM" when it has no day), or nil.
-- Reads "25th September 2023", "21 November 2024", "September 25, 2023", "Sept. 25, 2023" and
-- "2023-09-25".
function article.date(s)
  local y, m, d = s:match("(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then
    return ("%s-%s-%s"):format(y, m, d)
  end
  for day, month, year in s:gmatch("(%d%d?)%a*%s+(%a+)%.?,?%s+(%d%d%d%d)") do
    local mm = MONTHS[month:lower()]
    if mm and tonumber(day) <= 31 then
      return ("%s-%02d-%02d"):format(year, mm, tonumber(day))
    end
  end
  for month, day, year in s:gmatch("(%a+)%.?%s+(%d%d?)%a*,?%s+(%d%d%d%d)") do
    local mm = MONTHS[month:lower()]
    if mm and tonumber(day) <= 31 then
      return ("%s-%02d-%02d"):format(year, mm, tonumber(day))
    end
  end
  for month, year in s:gmatch("(%a+)%s+(%d%d%d%d)") do
    local mm = MONTHS[month:lower()]
    if mm then
      return ("%s-%02d"):format(year, mm)
    end
  end
  return nil
end

-- True when every word of s is a dateline word: all capitals (LONDON), a month or day name, a
-- number or ordinal; commas, full stops and slashes may stand between.
local function dateline_words(s)
  local n = 0
  for w in s:gmatch("[^%s,%./]+") do
    local lower = w:lower()
    if not (w:match("^%d+%a?%a?$") or MONTHS[lower] or DAYS[lower]
        or (w:match("^%u[%u'%-]+$") and #w >= 2)) then
      return false
    end
    n = n + 1
  end
  return n > 0
end

--- The length of the dateline at the start of s (a paragraph), or nil. Recognised: a date or
-- capitalised place before a parenthesis, with a dash before or after it ("25th September 2023 –
-- (Beijing)", "LONDON (Reuters) -", "WASHINGTON, March 3 (AP) —", "THURSDAY, March 31
-- (HealthDay News) -"), and a capitalised place before a dash ("LONDON — ").
function article.dateline_length(s)
  local lead = s:match("^[%s*_]*")
  local rest = s:sub(#lead + 1)
  local before, paren = rest:match("^([^()\n]-)(%b())")
  if before and #before <= 60 then
    local words = before:gsub(DASH .. "$", "")
    if dateline_words(words) and #paren <= 42 then
      local after = rest:sub(#before + #paren + 1)
      local tail = after:match("^[*_]*" .. DASH) or after:match("^[*_]*%s*")
      return #lead + #before + #paren + #tail
    end
  end
  local caps = rest:match("^(%u[%u%s%.,'/]*%u)" .. DASH)
  if caps and #caps <= 40 and caps:match("%u%u%u") then
    local whole = rest:match("^%u[%u%s%.,'/]*%u" .. DASH)
    return #lead + #whole
  end
  return nil
end

local byte = string.byte

-- Is byte c white space (space, tab, CR, LF, VT, FF)?
local function space(c)
  return c == 32 or (c and c >= 9 and c <= 13)
end

-- The position of the last byte of text[i..j] that is not white space (i - 1 if none). Patterns
-- such as "%s*$" would try every position of a paragraph; this looks at its end only.
local function last_nonspace(text, i, j)
  while j >= i and space(byte(text, j)) do
    j = j - 1
  end
  return j
end

-- Does a block of text end a sentence? Then it is prose, not a headline, caption or heading.
-- Only its last bytes are looked at.
local function ends_sentence(s)
  local tail = s:sub(-16):gsub("[%s*_]+$", "")
  return tail:match("[%.!?:;]['\"\u{2019}\u{201D})%]]*$") ~= nil or tail:match("\u{2026}$") ~= nil
end

-- The number of words of s, counted up to limit + 1 at most.
local function word_count(s, limit)
  local n, pos = 0, 1
  while n <= limit do
    local _, e = s:find("%S+", pos)
    if not e then
      break
    end
    n, pos = n + 1, e + 1
  end
  return n
end

-- The blocks of a text: runs of non-blank lines, as {i =, j =, lines = {{i, j}, ...}}.
-- The search for a line's first non-blank byte stops at its newline ("\n" is not in the set):
-- searching for "%S" would cross every following blank line, once for each of them, which is
-- quadratic in the length of a run of blank lines.
local function blocks_of(text)
  local blocks, cur = {}, nil
  local pos, len = 1, #text
  while pos <= len do
    local e = text:find("\n", pos, true) or (len + 1)
    local i = text:find("[^ \t\r\v\f]", pos)
    if i and i < e then
      local j = last_nonspace(text, i, e - 1)
      if not cur then
        cur = { i = i, j = j, lines = {} }
        blocks[#blocks + 1] = cur
      end
      cur.j = j
      cur.lines[#cur.lines + 1] = { i, j }
    else
      cur = nil
    end
    pos = e + 1
  end
  return blocks
end

local function part(text, i, j, kind)
  return { i = i, j = j, text = text:sub(i, j), kind = kind }
end

--- The parts of an article: a table with
--   headline    {i =, j =, text =} or nil: the first line, when it reads as a title
--   captions    array of such parts: short lines without a full stop before the first paragraph
--   dateline    {i =, j =, text =, date =, place =} or nil
--   paragraphs  array of {i =, j =, text =, kind =}: kind "body" (prose, the dateline cut off),
--               "heading" (a short line without a full stop, after the first body paragraph) or
--               "list" (an item of a list)
--   date        "YYYY-MM-DD" from the dateline, or from the first lines, or nil
-- Offsets are 1-based inclusive byte positions in `text`. `opts.headline` (a string) names the
-- headline when the text has none of its own (JSON Lines, HTML titles). The last result is kept
-- and given again for the same text: do not change it.
local last_text, last_headline, last_result -- the last parse, which a pipeline asks for again

function article.parse(text, opts)
  check.arg("parse", 1, text, "string")
  local headline = opts and opts.headline
  if text == last_text and headline == last_headline then
    return last_result
  end
  last_result = article.parse_uncached(text, opts)
  last_text, last_headline = text, headline
  return last_result
end

--- article.parse without its one-entry cache.
function article.parse_uncached(text, opts)
  local a = { captions = {}, paragraphs = {} }
  local blocks = blocks_of(text)
  local k = 1
  -- the headline: the first line, unless it ends a sentence or runs on into a wrapped paragraph
  local first = blocks[1]
  if first then
    local l1 = first.lines[1]
    local s = text:sub(l1[1], l1[2])
    local nextline = first.lines[2]
    local runs_on = nextline and not text:sub(nextline[1], nextline[1]):match("[%u%d\"'\u{201C}\u{2018}(*_]")
      and not text:sub(nextline[1], nextline[2]):match("^[%u%d]")
    if not ends_sentence(s) and word_count(s, 30) <= 30 and not runs_on and not article.dateline_length(s) then
      a.headline = part(text, l1[1], l1[2], "headline")
      if #first.lines > 1 then
        first.i = first.lines[2][1]
        table.remove(first.lines, 1)
      else
        k = 2
      end
    end
  end
  local seen_body = false
  for b = k, #blocks do
    local blk = blocks[b]
    local s = text:sub(blk.i, blk.j)
    local i = blk.i
    if not seen_body and not a.dateline then
      local n = article.dateline_length(s)
      if n then
        local dl = trim(s:sub(1, n):gsub("[*_]", " "))
        a.dateline = part(text, i, i + n - 1, "dateline")
        a.dateline.text = dl:gsub(DASH .. "$", "")
        a.dateline.place = dl:match("%(([^()]*)%)") or dl:match("^(%u[%u%s%.]*%u)")
        a.dateline.date = article.date(dl)
        i = i + n
        s = text:sub(i, blk.j)
      end
    end
    if s:match("%S") then
      local single = #blk.lines == 1 or i > blk.lines[1][2]
      if s:match("^%s*[-*+\u{2022}]%s") or s:match("^%s*%d+[.)]%s") then
        for _, l in ipairs(blk.lines) do
          if l[2] >= i then
            a.paragraphs[#a.paragraphs + 1] = part(text, math.max(l[1], i), l[2], "list")
          end
        end
      elseif single and not ends_sentence(s) and word_count(s, 20) <= 20 then
        if seen_body then
          a.paragraphs[#a.paragraphs + 1] = part(text, i, blk.j, "heading")
        else
          a.captions[#a.captions + 1] = part(text, i, blk.j, "caption")
        end
      else
        local lead = #s:match("^%s*")
        a.paragraphs[#a.paragraphs + 1] = part(text, i + lead, blk.j, "body")
        seen_body = true
      end
    end
  end
  if not a.headline and opts and type(opts.headline) == "string" and opts.headline:match("%S") then
    a.headline = { text = opts.headline }
  end
  a.date = a.dateline and a.dateline.date
  if not a.date then
    for _, c in ipairs(a.captions) do
      a.date = a.date or article.date(c.text)
    end
  end
  return a
end

-- Sentence ends for the fallback splitter: a full stop, ! or ? token (abbreviations such as Mr.
-- and U.S. are tokens of their own, so they never end one here), then the closing quotes and
-- brackets after it.
local CLOSERS = { ['"'] = true, ["'"] = true, ["\u{201D}"] = true, ["\u{2019}"] = true, [")"] = true,
  ["]"] = true }

--- The sentences of text[i..j] as {i =, j =} (1-based inclusive), for when sift.sentences is not
-- there: splits after . ! ? and the closing quotes that follow them.
function article.split_sentences(text, i, j)
  local s = text:sub(i, j)
  local out, start, last, ended = {}, nil, nil, false
  for ti, tj, kind in core.each_token(s) do
    local t = s:sub(ti, tj)
    if ended and not (kind == "punct" and (CLOSERS[t] or t:match("^[.!?]+$"))) then
      out[#out + 1] = { i = i + start - 1, j = i + last - 1 }
      start, ended = nil, false
    end
    start = start or ti
    last = tj
    if kind == "punct" and (t:match("^[.!?]+$") or t == "\u{2026}") then
      ended = true
    end
  end
  if start then
    out[#out + 1] = { i = i + start - 1, j = i + last - 1 }
  end
  return out
end

return article
