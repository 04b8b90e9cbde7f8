--[[
gen_spelling.lua - writes lua/sift/data/spelling.lua, the British and American spellings that
keyword counting groups (industrialisation = industrialization, colour = color), from the word
lists of Debian's wbritish and wamerican packages.

Usage: lua5.4 tools/gen_spelling.lua [DICT_DIR] > lua/sift/data/spelling.lua
       (`make spelling` does this after `make`; DICT_DIR defaults to /usr/share/dict)

A pair is found by rules, and kept only when the lists agree. Each rule rewrites one place of a
British word (is -> iz, our -> or, re -> er, ce -> se, ll -> l, ...); up to two rewrites are
tried, so manoeuvre gives maneuver. The rewritten word must be in american-english and not in
british-english: an American-only spelling. So "prise" never pairs with "prize", which British
English has too. Then the pair must survive the stemmer, because keywords group stems: the two
stems must differ (else there is nothing to do), and the British stem must not be the stem of any
word of american-english (else mapping it would regroup an American word). A British word whose
rewrites give two different American stems is left out; British words of one stem that disagree
on the American stem go with the majority. And a British stem is not mapped to an American stem
when its shortest word rewrites, by one rule, to a word of that American stem that both lists
hold: "prise" gives "prize", which British English has as a word of its own, so "prised" and
"prized" are no pair for keywords either.

The output is sorted and byte-identical from run to run; `make check-spelling` regenerates it
into build/ and compares. Needs the sift.core module for the stemmer: run it after `make`.
]]

package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;" .. package.cpath
local core = require "sift.core"

local dir = arg[1] or "/usr/share/dict"

local function read_list(name)
  local f, err = io.open(dir .. "/" .. name, "rb")
  if not f then
    io.stderr:write("gen_spelling.lua: ", err, " (install Debian's wbritish and wamerican)\n")
    os.exit(1)
  end
  local set = {}
  for line in f:lines() do
    -- lower-case ASCII words only: names and words with apostrophes or accents are left out
    if line:match("^[a-z]+$") then
      set[line] = true
    end
  end
  f:close()
  return set
end

local british = read_list("british-english")
local american = read_list("american-english")

-- British -> American rewrites of one place in a word. Each is tried at every place it matches.
local REWRITES = {
  { "is", "iz" },     -- organise, organisation, organising
  { "ys", "yz" },     -- analyse, paralysed
  { "our", "or" },    -- colour, honourable, behaviour
  { "re", "er" },     -- centre, theatres, metre (with the next: centred)
  { "ce", "se" },     -- defence, offence, pretence
  { "ll", "l" },      -- travelled, cancelling, jeweller
  { "l", "ll" },      -- fulfil, enrol, skilful
  { "ogue", "og" },   -- catalogue, dialogue
  { "ae", "e" },      -- anaemia, paediatric, encyclopaedia
  { "oe", "e" },      -- oestrogen, manoeuvre
  { "mme", "m" },     -- programme, kilogramme
  { "yre", "ire" },   -- tyre
  { "ey", "ay" },     -- grey
  { "ium", "um" },    -- aluminium
  { "dge", "dg" },    -- judgement, acknowledgement
  { "eab", "ab" },    -- likeable, sizeable
  { "que", "ck" },    -- cheque, chequebook
  { "ou", "o" },      -- mould, smoulder
}

-- Every word made by one rewrite of w.
local function rewrites(w, out)
  for _, r in ipairs(REWRITES) do
    local from, to = r[1], r[2]
    local start = 1
    while true do
      local i, j = w:find(from, start, true)
      if not i then
        break
      end
      out[#out + 1] = w:sub(1, i - 1) .. to .. w:sub(j + 1)
      start = i + 1
    end
  end
  return out
end

local function sorted_keys(t)
  local list = {}
  for k in pairs(t) do
    list[#list + 1] = k
  end
  table.sort(list)
  return list
end

-- The stems of the American list.
local american_stems = {}
for w in pairs(american) do
  american_stems[core.stem(w)] = true
end

-- The shortest British word of each stem: the one that stands for the others (prise for prised).
local shortest = {}
for b in pairs(british) do
  local st = core.stem(b)
  if not shortest[st] or #b < shortest[st] then
    shortest[st] = #b
  end
end

local candidates, dropped, veto = {}, 0, {}
for _, b in ipairs(sorted_keys(british)) do
  local targets = {}
  for _, once in ipairs(rewrites(b, {})) do
    if american[once] and not british[once] then
      targets[once] = true
    elseif american[once] and british[once] and #b == shortest[core.stem(b)]
        and core.stem(once) ~= core.stem(b) then
      -- British English has the rewritten word too (prise, prize): b is a word of its own, and
      -- its stem must not map to that word's stem
      local v = veto[core.stem(b)] or {}
      v[core.stem(once)] = true
      veto[core.stem(b)] = v
    end
    for _, twice in ipairs(rewrites(once, {})) do
      if american[twice] and not british[twice] and twice ~= b then
        targets[twice] = true
      end
    end
  end
  local list = sorted_keys(targets)
  if #list > 0 then
    local bstem = core.stem(b)
    local astems = {}
    for _, a in ipairs(list) do
      astems[core.stem(a)] = a
    end
    local alist = sorted_keys(astems)
    if #alist ~= 1 or american_stems[bstem] then
      dropped = dropped + 1
    elseif alist[1] ~= bstem then
      candidates[#candidates + 1] = { b, astems[alist[1]], bstem, alist[1] }
    end
  end
end

-- British words that share a stem must agree on the American stem, since the stem is what maps:
-- the American stem most of them give wins (organisation, organised, organiser -> organ, not
-- organisational -> organiz), and the pairs that disagree with it are left out; a tie leaves out
-- them all.
local votes = {}
for _, c in ipairs(candidates) do
  local v = votes[c[3]]
  if not v then
    v = {}
    votes[c[3]] = v
  end
  v[c[4]] = (v[c[4]] or 0) + 1
end
local winner = {}
for bstem, v in pairs(votes) do
  local best, n, tie = nil, 0, false
  for astem, k in pairs(v) do
    if k > n then
      best, n, tie = astem, k, false
    elseif k == n then
      tie = true
    end
  end
  winner[bstem] = not tie and best or nil
end
local pairs_found = {}
for _, c in ipairs(candidates) do
  if winner[c[3]] == c[4] and not (veto[c[3]] and veto[c[3]][c[4]]) then
    pairs_found[#pairs_found + 1] = c
  else
    dropped = dropped + 1
  end
end

local out = {
  "-- lua/sift/data/spelling.lua - British spellings and their American counterparts, which",
  "-- keyword counting groups. Generated by tools/gen_spelling.lua from Debian's wbritish and",
  "-- wamerican word lists; do not edit (`make spelling` regenerates it).",
  ("-- %d pairs; %d rule-made pairs left out as ambiguous for the stemmer."):format(#pairs_found, dropped),
  "-- One pair a line: the British word, a space, the American word.",
  "return [[",
}
for _, p in ipairs(pairs_found) do
  out[#out + 1] = p[1] .. " " .. p[2]
end
out[#out + 1] = "]]"
io.write(table.concat(out, "\n"), "\n")
