--- sift.json: the JSON that sift's filters read (JSON Lines input) and write (reports).
-- Small on purpose: sift must not depend on a rock for it. Encoding writes object keys in sorted
-- order, so the same data always gives the same bytes; decoding is strict RFC 8259 and reports
-- the byte position of the first error.
local check = require "sift.check"

local json = {}

local byte, concat, format, sub = string.byte, table.concat, string.format, string.sub
local huge, tointeger = math.huge, math.tointeger

--- The value that stands for JSON null in decoded data (Lua's nil cannot be stored in a table).
json.null = setmetatable({}, { __tostring = function() return "null" end })

local ESCAPES = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r",
  ["\t"] = "\\t",
}

local function escape_char(c)
  return ESCAPES[c] or format("\\u%04x", byte(c))
end

local function encode_string(s)
  -- JSON text must be UTF-8: ill-formed bytes are replaced (U+FFFD), never passed through
  if not utf8.len(s) then
    local parts, pos = {}, 1
    while pos <= #s do
      local _, bad = utf8.len(s, pos)
      if not bad then
        parts[#parts + 1] = sub(s, pos)
        break
      end
      parts[#parts + 1] = sub(s, pos, bad - 1)
      parts[#parts + 1] = "\u{FFFD}"
      pos = bad + 1
    end
    s = concat(parts)
  end
  -- U+2028 and U+2029 are valid JSON but break JavaScript readers of JSON Lines
  return '"' .. s:gsub('[%c"\\]', escape_char):gsub("\u{2028}", "\\u2028"):gsub("\u{2029}", "\\u2029") .. '"'
end

local function is_array(t)
  local n = #t
  if n == 0 then
    return next(t) == nil and getmetatable(t) == json.array_mt
  end
  local count = 0
  for _ in pairs(t) do
    count = count + 1
  end
  return count == n
end

--- Marks an empty table as an array, so it encodes as [] rather than {}.
json.array_mt = {}
function json.array(t)
  return setmetatable(t or {}, json.array_mt)
end

local encode_value

local function encode_table(t, out, depth, indent)
  if depth > 100 then
    error("json.encode: nesting deeper than 100 (a cycle?)", 0)
  end
  local nl, pad, pad_in = "", "", ""
  if indent then
    nl = "\n"
    pad = indent:rep(depth)
    pad_in = indent:rep(depth + 1)
  end
  if is_array(t) then
    if #t == 0 then
      out[#out + 1] = "[]"
      return
    end
    out[#out + 1] = "[" .. nl
    for i = 1, #t do
      out[#out + 1] = pad_in
      encode_value(t[i], out, depth + 1, indent)
      out[#out + 1] = (i < #t and "," or "") .. nl
    end
    out[#out + 1] = pad .. "]"
    return
  end
  local keys = {}
  for k in pairs(t) do
    if type(k) ~= "string" then
      error("json.encode: object keys must be strings, got " .. type(k), 0)
    end
    keys[#keys + 1] = k
  end
  if #keys == 0 then
    out[#out + 1] = "{}"
    return
  end
  table.sort(keys)
  out[#out + 1] = "{" .. nl
  for i, k in ipairs(keys) do
    out[#out + 1] = pad_in .. encode_string(k) .. (indent and ": " or ":")
    encode_value(t[k], out, depth + 1, indent)
    out[#out + 1] = (i < #keys and "," or "") .. nl
  end
  out[#out + 1] = pad .. "}"
end

encode_value = function(v, out, depth, indent)
  local t = type(v)
  if t == "string" then
    out[#out + 1] = encode_string(v)
  elseif t == "number" then
    if v ~= v or v == huge or v == -huge then
      error("json.encode: cannot encode " .. tostring(v), 0)
    end
    out[#out + 1] = tointeger(v) and format("%d", v) or format("%.17g", v)
  elseif t == "boolean" then
    out[#out + 1] = tostring(v)
  elseif v == nil or v == json.null then
    out[#out + 1] = "null"
  elseif t == "table" then
    encode_table(v, out, depth, indent)
  else
    error("json.encode: cannot encode a " .. t, 0)
  end
end

--- Encodes a Lua value as JSON text. `indent` (a string such as "  ") pretty-prints.
function json.encode(value, indent)
  local out = {}
  encode_value(value, out, 0, indent)
  return concat(out)
end

-- Decoding ----------------------------------------------------------------------------------

local decode_value

local function fail(pos, what)
  error({ json_error = format("%s at byte %d", what, pos), pos = pos }, 0)
end

local function skip_space(s, pos)
  return s:find("[^ \t\r\n]", pos) or #s + 1
end

local function decode_string(s, pos)
  local parts, start = {}, pos + 1
  local i = start
  while true do
    local c = byte(s, i)
    if not c then
      fail(pos, "unterminated string")
    elseif c == 34 then -- "
      parts[#parts + 1] = sub(s, start, i - 1)
      return concat(parts), i + 1
    elseif c == 92 then -- backslash
      parts[#parts + 1] = sub(s, start, i - 1)
      local e = sub(s, i + 1, i + 1)
      local simple = ({ ['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t" })[e]
      if simple then
        parts[#parts + 1] = simple
        i = i + 2
      elseif e == "u" then
        local hex = s:match("^%x%x%x%x", i + 2)
        if not hex then
          fail(i, "bad \\u escape")
        end
        local cp = tonumber(hex, 16)
        i = i + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local lo = s:match("^\\u(%x%x%x%x)", i)
          lo = lo and tonumber(lo, 16)
          if not lo or lo < 0xDC00 or lo > 0xDFFF then
            fail(i - 6, "unpaired surrogate in \\u escape")
          end
          cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
          i = i + 6
        elseif cp >= 0xDC00 and cp <= 0xDFFF then
          fail(i - 6, "unpaired surrogate in \\u escape")
        end
        parts[#parts + 1] = utf8.char(cp)
      else
        fail(i, "bad escape")
      end
      start = i
    elseif c < 32 then
      fail(i, "control character in string")
    else
      i = i + 1
    end
  end
end

local function decode_number(s, pos)
  local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", pos)
  if not num or not num:match("^-?0$") and not num:match("^-?[1-9]") and not num:match("^-?0[.eE]")
    or num:match("%.$") or num:match("[eE][-+]?$") or num:match("%.[eE]") then
    fail(pos, "bad number")
  end
  local v = tonumber(num)
  if not v then
    fail(pos, "bad number")
  end
  if not num:find("[.eE]") then
    v = tointeger(v) or v
  end
  return v, pos + #num
end

decode_value = function(s, pos, depth)
  if depth > 200 then
    fail(pos, "nesting too deep")
  end
  pos = skip_space(s, pos)
  local c = sub(s, pos, pos)
  if c == "{" then
    local obj = {}
    pos = skip_space(s, pos + 1)
    if sub(s, pos, pos) == "}" then
      return obj, pos + 1
    end
    while true do
      if sub(s, pos, pos) ~= '"' then
        fail(pos, "expected a string key")
      end
      local key
      key, pos = decode_string(s, pos)
      pos = skip_space(s, pos)
      if sub(s, pos, pos) ~= ":" then
        fail(pos, "expected ':'")
      end
      local v
      v, pos = decode_value(s, pos + 1, depth + 1)
      obj[key] = v
      pos = skip_space(s, pos)
      local d = sub(s, pos, pos)
      if d == "}" then
        return obj, pos + 1
      elseif d ~= "," then
        fail(pos, "expected ',' or '}'")
      end
      pos = skip_space(s, pos + 1)
    end
  elseif c == "[" then
    local arr, n = json.array(), 0
    pos = skip_space(s, pos + 1)
    if sub(s, pos, pos) == "]" then
      return arr, pos + 1
    end
    while true do
      local v
      v, pos = decode_value(s, pos, depth + 1)
      n = n + 1
      arr[n] = v
      pos = skip_space(s, pos)
      local d = sub(s, pos, pos)
      if d == "]" then
        return arr, pos + 1
      elseif d ~= "," then
        fail(pos, "expected ',' or ']'")
      end
      pos = pos + 1
    end
  elseif c == '"' then
    return decode_string(s, pos)
  elseif c == "-" or c:match("%d") then
    return decode_number(s, pos)
  elseif sub(s, pos, pos + 3) == "true" then
    return true, pos + 4
  elseif sub(s, pos, pos + 4) == "false" then
    return false, pos + 5
  elseif sub(s, pos, pos + 3) == "null" then
    return json.null, pos + 4
  elseif c == "" then
    fail(pos, "unexpected end of JSON")
  end
  fail(pos, "unexpected character '" .. c .. "'")
end

--- Decodes JSON text. Returns the value, or nil, a message and the byte position of the error.
-- JSON null becomes `json.null`.
function json.decode(s)
  check.arg("decode", 1, s, "string")
  if not utf8.len(s) then
    local _, bad = utf8.len(s)
    return nil, format("invalid UTF-8 at byte %d", bad), bad
  end
  local ok, value, pos = pcall(decode_value, s, 1, 0)
  if not ok then
    if type(value) == "table" and value.json_error then
      return nil, value.json_error, value.pos
    end
    error(value, 0)
  end
  pos = skip_space(s, pos)
  if pos <= #s then
    return nil, format("trailing characters at byte %d", pos), pos
  end
  return value
end

return json
