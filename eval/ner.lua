-- eval/ner.lua - entity-level precision, recall and F1 of sift.entities on CoNLL-2003.
--
-- usage (from the repository root, after `make`): lua5.4 eval/ner.lua [CONLL_FILE]
--   (`make eval-ner` runs it on ../shared/data/conll2003/eng.testa, the development set.)
--
-- Each article (the lines between two -DOCSTART- lines; in this copy the first -DOCSTART- of a
-- file stands at its end) becomes one text: tokens joined by single spaces, sentences by newlines,
-- the same as tools/gen_ner_model.c makes of eng.train. The text is tagged as a whole, and sift's types
-- are mapped to CoNLL's classes (docs/lua-api.md: the types table); numbers and dates have no
-- class there and are left out. As conlleval counts, an entity is right when its class and both
-- ends are: the ends are byte offsets, which map one to one to CoNLL's token boundaries because
-- sift never joins tokens across a space. Gold entities come from the IOB1 tags: I-X after
-- anything but X starts an entity, and so does B-X.

local v = _VERSION:match("%d+%.%d+")
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. v .. "/?.so;" .. package.cpath
local sift = require "sift"

local path = arg[1] or "../shared/data/conll2003/eng.testa"

local CONLL = {
  PERSON = "PER", ORG = "ORG", GPE = "LOC", LOC = "LOC", FAC = "LOC",
  NORP = "MISC", EVENT = "MISC", MISC = "MISC",
}
local CLASSES = { "PER", "ORG", "LOC", "MISC" }

-- The articles of the file: { text =, gold = { [i .. ":" .. j] = class } , ngold = n }
local function read_articles(file)
  local f = assert(io.open(file, "rb"))
  local docs = {}
  local parts, len, gold, in_sentence, prev, open = {}, 0, {}, false, "O", nil
  local function close_entity()
    if open then
      gold[open.i .. ":" .. open.j] = open.class
      open = nil
    end
  end
  local function end_doc()
    close_entity()
    if len > 0 then
      docs[#docs + 1] = { text = table.concat(parts), gold = gold }
    end
    parts, len, gold, in_sentence, prev = {}, 0, {}, false, "O"
  end
  for line in f:lines() do
    if line:match("^%-DOCSTART%-") then
      end_doc()
    else
      local word, tag = line:match("^(%S+) %S+ %S+ (%S+)$")
      if not word then
        close_entity()
        in_sentence, prev = false, "O"
      else
        if len > 0 then
          parts[#parts + 1] = in_sentence and " " or "\n"
          len = len + 1
        end
        local class = tag:match("^[BI]%-(%u+)$")
        if class ~= prev or tag:sub(1, 1) == "B" or not class then
          close_entity()
          if class then open = { i = len + 1, class = class } end
        end
        parts[#parts + 1] = word
        len = len + #word
        if open then open.j = len end
        prev = class or "O"
        in_sentence = true
      end
    end
  end
  end_doc()
  f:close()
  return docs
end

local docs = read_articles(path)
local counts = {} -- class -> { tp =, pred =, gold = }
for _, c in ipairs(CLASSES) do counts[c] = { tp = 0, pred = 0, gold = 0 } end
local bytes, ntokens = 0, 0
local t0 = os.clock()
for _, doc in ipairs(docs) do
  for _, class in pairs(doc.gold) do
    counts[class].gold = counts[class].gold + 1
  end
  for _, e in ipairs(sift.entities(doc.text)) do
    local class = CONLL[e.type]
    if class then
      counts[class].pred = counts[class].pred + 1
      if doc.gold[e.i .. ":" .. e.j] == class then
        counts[class].tp = counts[class].tp + 1
      end
    end
  end
  bytes = bytes + #doc.text
  ntokens = ntokens + select(2, doc.text:gsub("%S+", ""))
end
local elapsed = os.clock() - t0

local function prf(tp, pred, gold)
  local p = pred > 0 and tp / pred or 0
  local r = gold > 0 and tp / gold or 0
  local f = p + r > 0 and 2 * p * r / (p + r) or 0
  return p, r, f
end

local function line(name, tp, pred, gold)
  local p, r, f = prf(tp, pred, gold)
  print(string.format("%-14s %6.2f %6.2f %6.2f %7d %7d %7d", name, 100 * p, 100 * r, 100 * f, tp, pred, gold))
end

local function sum(classes)
  local tp, pred, gold = 0, 0, 0
  for _, c in ipairs(classes) do
    tp, pred, gold = tp + counts[c].tp, pred + counts[c].pred, gold + counts[c].gold
  end
  return tp, pred, gold
end

print(string.format("sift %s entity tagger on %s: %d articles, %d tokens, %d bytes (Lua %s)",
  sift.version, path, #docs, ntokens, bytes, v))
print("articles: tokens joined by spaces, sentences by newlines; exact spans (conlleval)")
print()
print(string.format("%-14s %6s %6s %6s %7s %7s %7s", "class", "P", "R", "F1", "right", "found", "gold"))
for _, c in ipairs(CLASSES) do
  line(c, counts[c].tp, counts[c].pred, counts[c].gold)
end
line("PER+ORG+LOC", sum({ "PER", "ORG", "LOC" }))
line("all four", sum(CLASSES))
print()
print(string.format("tagging: %.2f s CPU, %.1f MB/s (1 MB = 10^6 bytes)", elapsed, bytes / 1e6 / elapsed))
