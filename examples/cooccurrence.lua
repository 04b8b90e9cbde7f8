-- examples/cooccurrence.lua - an entity co-occurrence table: how often two named entities
-- (people, organisations, places, ...) are mentioned in the same sentence, over all the articles.
-- Prints the pairs, most frequent first, as a Markdown table.
--
--   lua5.4 examples/cooccurrence.lua ARTICLE.txt...
--
-- Uses only the public API: sift.decode, sift.sentences, sift.entities.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
if io.open(here .. "/../filters/checkout.lua") then
  dofile(here .. "/../filters/checkout.lua") -- run from a checkout: use it
end
local sift = require "sift"

if #arg == 0 then
  io.stderr:write("usage: cooccurrence.lua ARTICLE...\n")
  os.exit(2)
end

-- amounts and dates are no names
local AMOUNTS = { DATE = true, TIME = true, PERCENT = true, MONEY = true, QUANTITY = true, ORDINAL = true,
  CARDINAL = true }

local pairs_count = {}
for _, path in ipairs(arg) do
  local f = assert(io.open(path, "rb"))
  local text = assert(sift.decode(f:read("a")))
  f:close()
  local sentences = sift.sentences(text)
  local in_sentence = {}
  local s = 1
  for _, e in ipairs(sift.entities(text)) do
    if not AMOUNTS[e.type] then
      while s < #sentences and sentences[s].j < e.i do
        s = s + 1
      end
      in_sentence[s] = in_sentence[s] or {}
      in_sentence[s][e.canonical] = true
    end
  end
  for _, names in pairs(in_sentence) do
    local list = {}
    for name in pairs(names) do
      list[#list + 1] = name
    end
    table.sort(list)
    for a = 1, #list - 1 do
      for b = a + 1, #list do
        local key = list[a] .. "\0" .. list[b]
        pairs_count[key] = (pairs_count[key] or 0) + 1
      end
    end
  end
end

local rows = {}
for key, n in pairs(pairs_count) do
  local a, b = key:match("^(.-)%z(.*)$")
  rows[#rows + 1] = { a = a, b = b, n = n }
end
table.sort(rows, function(x, y)
  if x.n ~= y.n then
    return x.n > y.n
  end
  if x.a ~= y.a then
    return x.a < y.a
  end
  return x.b < y.b
end)
print("| Entity | Entity | Sentences |")
print("| --- | --- | --- |")
for _, r in ipairs(rows) do
  print(("| %s | %s | %d |"):format(r.a:gsub("|", "\\|"), r.b:gsub("|", "\\|"), r.n))
end
