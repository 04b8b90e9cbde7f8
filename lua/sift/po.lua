--- sift.po: gettext PO files - the strings sift writes, and a reader for translated files.
--
-- The reader knows what translators' tools write: comments of every kind, msgctxt, msgid,
-- msgid_plural, msgstr and msgstr[N], strings continued over several lines, the C escapes, fuzzy
-- flags, obsolete (#~) entries, and a charset other than UTF-8 in the header.
local check = require "sift.check"

local po = {}

local concat, find, format, sub = table.concat, string.find, string.format, string.sub

local QUOTE = { ["\\"] = "\\\\", ['"'] = '\\"', ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r" }

--- A PO string literal for `s` (backslash, quote, LF, tab and CR escaped). Strings with line
-- breaks are written as gettext does: an empty first line, then one line per line of `s`.
function po.quote(s)
  local q = s:gsub('[\\"\n\t\r]', QUOTE)
  if not find(s, "\n", 1, true) or find(s, "^\n*$") then
    return '"' .. q .. '"'
  end
  local lines = { '""' }
  for piece in q:gmatch("(.-\\n)") do
    lines[#lines + 1] = '"' .. piece .. '"'
  end
  local rest = q:match("^.*\\n(.*)$")
  if rest ~= "" then
    lines[#lines + 1] = '"' .. rest .. '"'
  end
  return concat(lines, "\n")
end

local ESCAPES = {
  n = "\n", t = "\t", r = "\r", ["\\"] = "\\", ['"'] = '"', a = "\a", b = "\b", f = "\f", v = "\v",
  ["'"] = "'", ["?"] = "?",
}

-- The value of the string literal that starts at `from` in `line` (which ends at the closing
-- quote, then white space only); raises {line =, message =} when it is malformed.
local function unquote(line, from, lineno)
  if sub(line, from, from) ~= '"' then
    error({ po_error = true, line = lineno, message = "expected a quoted string" }, 0)
  end
  local out, pos = {}, from + 1
  while true do
    local q = find(line, '["\\]', pos)
    if not q then
      error({ po_error = true, line = lineno, message = "unterminated string" }, 0)
    end
    out[#out + 1] = sub(line, pos, q - 1)
    if sub(line, q, q) == '"' then
      if find(line, "[^ \t\r]", q + 1) then
        error({ po_error = true, line = lineno, message = "text after the closing quote" }, 0)
      end
      return concat(out)
    end
    local e = sub(line, q + 1, q + 1)
    if ESCAPES[e] then
      out[#out + 1] = ESCAPES[e]
      pos = q + 2
    elseif find(e, "^[0-7]") then
      local digits = line:match("^[0-7][0-7]?[0-7]?", q + 1)
      out[#out + 1] = string.char(tonumber(digits, 8) & 0xFF)
      pos = q + 1 + #digits
    elseif e == "x" and line:match("^%x%x?", q + 2) then
      local digits = line:match("^%x%x?", q + 2)
      out[#out + 1] = string.char(tonumber(digits, 16))
      pos = q + 2 + #digits
    else
      error({ po_error = true, line = lineno, message = "unknown escape \\" .. e }, 0)
    end
  end
end

-- The charset the header of a PO file names, found before the file is parsed: the first
-- "charset=NAME" after a "Content-Type:" on the same line and before a quote. When a stretch (up to
-- the next quote or line end) holds none, the later "Content-Type:" in it cannot either, so the
-- search goes on after the stretch: one pattern 'Content%-Type:[^"\n]-charset=' tried from each
-- of them rescanned the stretch each time, and a long comment line of those took quadratic time.
local function header_charset(data)
  local from, cs = 1, nil
  while not cs do
    local _, e = find(data, "Content-Type:", from, true)
    if not e then
      return nil
    end
    local stop = find(data, '["\n]', e + 1) or #data + 1
    cs = sub(data, e + 1, stop - 1):match("charset=([%w%._%-]+)")
    from = stop
  end
  local up = cs:upper()
  if not up:find("^UTF%-?8$") and up ~= "CHARSET" and up ~= "ASCII" and up ~= "US-ASCII" then
    return cs
  end
  return nil
end

local STRING_KEYS = { "msgctxt", "msgid", "msgid_plural" }

local function parse(data)
  local entries = {}
  local entry
  -- The pieces of the string that continuation lines add to. Every string is kept as its pieces
  -- until its entry ends and joined once then: joining at each line copied the string so far, and
  -- a string of n lines took time n^2.
  local pieces
  local lineno = 0
  local function start_entry()
    entry = { comments = {}, extracted = {}, references = {}, flags = {}, msgstr = {} }
  end
  local function finish_entry()
    if entry and entry.msgid then
      if next(entry.msgstr) == nil then
        error({ po_error = true, line = entry.line, message = "entry without msgstr" }, 0)
      end
      for _, key in ipairs(STRING_KEYS) do
        if entry[key] then
          entry[key] = concat(entry[key])
        end
      end
      for n, p in pairs(entry.msgstr) do
        entry.msgstr[n] = concat(p)
      end
      entries[#entries + 1] = entry
    elseif entry and (entry.msgctxt or next(entry.msgstr) ~= nil) then
      error({ po_error = true, line = entry.line or lineno, message = "entry without msgid" }, 0)
    end
    entry, pieces = nil, nil
  end
  start_entry()
  local state = "comments" -- or "ctxt", "id", "str": what came last
  for line in (data .. "\n"):gmatch("(.-)\n") do
    lineno = lineno + 1
    line = line:gsub("\r$", "")
    if line:find("^%s*$") then
      pieces = nil
    elseif line:find("^#~") or line:find("^#|") then -- luacheck: ignore 542
      -- obsolete entries and previous strings: not translations
    elseif line:sub(1, 1) == "#" then
      if state ~= "comments" then
        finish_entry()
        start_entry()
        state = "comments"
      end
      local kind, rest = line:match("^#([.:,]?)%s?(.*)$")
      if kind == "." then
        entry.extracted[#entry.extracted + 1] = rest
      elseif kind == ":" then
        entry.references[#entry.references + 1] = rest
      elseif kind == "," then
        for flag in rest:gmatch("[^,%s]+") do
          entry.flags[flag] = true
        end
      else
        entry.comments[#entry.comments + 1] = rest
      end
      pieces = nil
    elseif line:find('^%s*"') then
      if not pieces then
        error({ po_error = true, line = lineno, message = "a string with no keyword before it" }, 0)
      end
      pieces[#pieces + 1] = unquote(line, (line:find('"')), lineno)
    else
      local key, index, from = line:match("^(msg%a+)%[(%d+)%]%s*()")
      if not key then
        key, from = line:match("^(msg[%a_]+)%s*()")
      end
      if not key then
        error({ po_error = true, line = lineno,
          message = "expected msgctxt, msgid, msgstr, a string or a comment, got '" .. line:sub(1, 20) .. "'" }, 0)
      end
      index = index and tonumber(index)
      if key == "msgctxt" or (key == "msgid" and state ~= "ctxt") then
        if state ~= "comments" then
          finish_entry()
          start_entry()
        end
        entry.line = entry.line or lineno
      end
      if key == "msgctxt" then
        state = "ctxt"
      elseif key == "msgid" or key == "msgid_plural" then
        if key == "msgid_plural" and state ~= "id" then
          error({ po_error = true, line = lineno, message = "msgid_plural without msgid" }, 0)
        end
        state = "id"
      elseif key == "msgstr" then
        if not entry.msgid then
          error({ po_error = true, line = lineno, message = "msgstr without msgid" }, 0)
        end
        index = index or 0
        if entry.msgstr[index] ~= nil then
          error({ po_error = true, line = lineno, message = format("msgstr[%d] given twice", index) }, 0)
        end
        state = "str"
      else
        error({ po_error = true, line = lineno, message = "unknown keyword " .. key }, 0)
      end
      if key ~= "msgstr" and entry[key] ~= nil then
        error({ po_error = true, line = lineno, message = key .. " given twice in one entry" }, 0)
      end
      pieces = { unquote(line, from, lineno) }
      if key == "msgstr" then
        entry.msgstr[index] = pieces
      else
        entry[key] = pieces
      end
    end
  end
  finish_entry()
  return entries
end

--- Parses a PO file. Returns an array of entries {msgctxt =, msgid =, msgid_plural =, msgstr =
-- {[0] = ..., ...}, flags = {fuzzy = true, ...}, comments =, extracted =, references =, line =}
-- (the header is the entry whose msgid is "" and has no msgctxt), or nil, a message and the line.
function po.parse(data)
  check.arg("parse", 1, data, "string")
  if sub(data, 1, 3) == "\239\187\191" then
    data = sub(data, 4)
  end
  local charset = header_charset(data)
  if charset then
    local sift = require "sift"
    local text, err = sift.to_utf8(data, charset)
    if not text then
      -- "line 1" like every other message of po.parse (the whole file could not be decoded)
      return nil, "line 1: cannot decode the file from " .. charset .. ": " .. tostring(err), 1
    end
    data = text
  end
  if not utf8.len(data) then
    local _, bad = utf8.len(data)
    local _, lines = sub(data, 1, bad):gsub("\n", "")
    return nil, format("line %d: ill-formed UTF-8 (byte %d)", lines + 1, bad), lines + 1
  end
  local ok, result = pcall(parse, data)
  if not ok then
    if type(result) == "table" and result.po_error then
      return nil, format("line %d: %s", result.line, result.message), result.line
    end
    error(result, 0)
  end
  -- the file is UTF-8 by now, but an escape (\ooo, \xhh) is a byte: "\300" alone is not a
  -- character (found by tests/fuzz/fuzz_merge_lua.c)
  for _, e in ipairs(result) do
    for _, key in ipairs({ "msgctxt", "msgid", "msgid_plural" }) do
      if e[key] and not utf8.len(e[key]) then
        return nil, format("line %d: the escapes of %s make ill-formed UTF-8", e.line, key), e.line
      end
    end
    for n, str in pairs(e.msgstr) do
      if not utf8.len(str) then
        local key = e.msgid_plural and format("msgstr[%d]", n) or "msgstr"
        return nil, format("line %d: the escapes of %s make ill-formed UTF-8", e.line, key), e.line
      end
    end
  end
  return result
end

return po
