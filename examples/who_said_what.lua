-- examples/who_said_what.lua - who said what: each person named in the articles, with the
-- sentences that mention them (by any name: "Xi" counts for "Xi Jinping"). Markdown out.
--
--   lua5.4 examples/who_said_what.lua ARTICLE.txt...
--
-- Uses only the public API: sift.decode, sift.sentences, sift.entities.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
if io.open(here .. "/../filters/checkout.lua") then
  dofile(here .. "/../filters/checkout.lua") -- run from a checkout: use it
end
local sift = require "sift"

if #arg == 0 then
  io.stderr:write("usage: who_said_what.lua ARTICLE...\n")
  os.exit(2)
end

local people, order = {}, {}
for _, path in ipairs(arg) do
  local f = assert(io.open(path, "rb"))
  local text = assert(sift.decode(f:read("a")))
  f:close()
  local sentences = sift.sentences(text)
  local s = 1
  for _, e in ipairs(sift.entities(text)) do
    if e.type == "PERSON" then
      -- the sentence that holds the mention (both lists are in text order)
      while s < #sentences and sentences[s].j < e.i do
        s = s + 1
      end
      local name = e.canonical
      local p = people[name]
      if not p then
        p = { name = name, seen = {}, lines = {} }
        people[name] = p
        order[#order + 1] = name
      end
      local key = path .. ":" .. s
      if not p.seen[key] then
        p.seen[key] = true
        p.lines[#p.lines + 1] = { path = path, text = sentences[s].text:gsub("%s+", " ") }
      end
    end
  end
end

-- most mentioned first
table.sort(order, function(a, b)
  if #people[a].lines ~= #people[b].lines then
    return #people[a].lines > #people[b].lines
  end
  return a < b
end)
for _, name in ipairs(order) do
  io.write("## ", name, "\n\n")
  for _, l in ipairs(people[name].lines) do
    io.write("- ", l.text, " (", l.path, ")\n")
  end
  io.write("\n")
end
