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

return sift
