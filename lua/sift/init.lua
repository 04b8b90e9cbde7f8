--- sift: tokenise, tag and segment news text.
-- `require "sift"` loads the C engine (`sift.core`) and returns the public API. The engine's
-- functions are exposed as they are; what is written in Lua is added here.
local core = require "sift.core"

local sift = {}
for name, value in pairs(core) do
  sift[name] = value
end

--- The kinds of token `sift.tokens` reports, as a set: `sift.kind.word == "word"`.
sift.kind = {}
for _, name in ipairs(core.kinds) do
  sift.kind[name] = name
end

--- Texts of the tokens of `text` (default kinds: word, number, abbrev), in order.
-- `kinds` is a set such as `{word = true, number = true}`.
function sift.words(text, kinds)
  kinds = kinds or { word = true, number = true, abbrev = true }
  if type(kinds) ~= "table" then
    error("bad argument #2 to 'words' (table expected, got " .. type(kinds) .. ")", 2)
  end
  local out, n = {}, 0
  local sub = string.sub
  for i, j, kind in core.each_token(text) do
    if kinds[kind] then
      n = n + 1
      out[n] = sub(text, i, j)
    end
  end
  return out
end

--- Decodes `bytes` from `encoding` (an iconv name; `nil` or "auto": detected) to UTF-8.
-- Returns the text and the encoding used, or nil, a message and the byte position of the first
-- byte that could not be decoded. A UTF-8 byte order mark is removed.
function sift.decode(bytes, encoding, opts)
  if encoding == nil or encoding == "auto" then
    encoding = core.detect_encoding(bytes)
  end
  local text, err, pos = core.to_utf8(bytes, encoding, opts)
  if not text then
    return nil, err, pos
  end
  if text:sub(1, 3) == "\xEF\xBB\xBF" then
    text = text:sub(4)
  end
  return text, encoding
end

return sift
