-- tools/gen_gazetteer_data.lua - builds src/entities/generated/gazetteer_data.c, the entity tagger's
-- built-in phrase table.
--
-- usage (from the repository root, after `make`): lua5.4 tools/gen_gazetteer_data.lua [OUT.c [LIST.tsv]]
--   (`make ner-data` runs it.) Writes the C table to OUT.c (default: standard output) and, when
--   LIST.tsv is given, every phrase with its categories, for reading.
--
-- Sources (Debian packages, with the versions written into the output):
--   data/ner/lexicon.tsv, data/ner/iso_strip.txt, data/ner/wordnet_classes.tsv  (this project)
--   iso-codes        /usr/share/iso-codes/json/iso_3166-1.json, iso_3166-2.json, iso_3166-3.json,
--                    iso_4217.json: countries, former countries, subdivisions, currency codes
--   wordnet-base     /usr/share/wordnet/data.noun, index.noun, data.adj: instances of the classes
--                    in wordnet_classes.tsv (cities, places, organisations, people), and the
--                    adjectives that pertain to a place (demonyms: Chinese, Kenyan)
--   libtext-names-perl  /usr/share/perl5/Text/Names.pm: the 1990 US census lists of common given
--                    names and surnames
--   unicode-data     /usr/share/unicode/Unihan_Readings.txt.bz2: characters whose definition
--                    says "surname", by their Mandarin reading (Chinese surnames in pinyin)
--   wamerican, wbritish  /usr/share/dict/american-english, british-english: the words written in
--                    lower case (the set of common words)
--
-- Phrases are cut into tokens and case-folded by sift itself (the built module), so that the
-- keys are those the tagger computes at run time; see src/entities/gazetteer.h for the key.

local out_path, list_path = arg[1], arg[2]

local v = _VERSION:match("%d+%.%d+")
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = "./build/" .. v .. "/?.so;" .. package.cpath
local sift = require "sift"
local json = require "dkjson"

local function die(msg)
  io.stderr:write("gen_gazetteer_data: ", msg, "\n")
  os.exit(1)
end

local function read(path)
  local f, err = io.open(path, "rb")
  if not f then die(err) end
  local s = f:read("a")
  f:close()
  return s
end

local function lines(s)
  return s:gmatch("([^\n]*)\n?")
end

local function pkg_version(name)
  local p = io.popen("dpkg-query -W -f='${Version}' " .. name .. " 2>/dev/null")
  local ver = p:read("a")
  p:close()
  if ver == "" then die("Debian package " .. name .. " is not installed") end
  return ver
end

-- The category names and bits, from the enum in src/entities/gazetteer.h.
local CATS = {}
for name, n in read("src/entities/gazetteer.h"):gmatch("SIFT_GAZ_([%u_]+) = (%d+),") do
  CATS[name] = 1 << tonumber(n)
end
if not CATS.COUNTRY or not CATS.MONTH then die("no categories found in src/entities/gazetteer.h") end

-- phrase (as written) -> bits; each phrase is keyed later
local phrases = {}
local function add(phrase, cat)
  phrase = phrase:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if phrase == "" then return end
  local bit = CATS[cat] or die("unknown category " .. tostring(cat))
  phrases[phrase] = (phrases[phrase] or 0) | bit
end

-- 1. The hand-made lists.
for line in lines(read("data/ner/lexicon.tsv")) do
  local phrase, cat = line:match("^([^#\t][^\t]*)\t(%u[%u_]*)$")
  if phrase and cat ~= "category" then add(phrase, cat) end
end

-- 2. iso-codes: countries (3166-1, 3166-3), subdivisions (3166-2), currency codes (4217).
local ISO = "/usr/share/iso-codes/json/"
local strip = {}
for line in lines(read("data/ner/iso_strip.txt")) do
  if line ~= "" and not line:match("^#") then strip[#strip + 1] = line end
end
table.sort(strip, function(a, b) return #a > #b end)

-- The names a writer uses for an ISO name: "Korea, Republic of" also gives "Republic of Korea"
-- and "Korea"; "Falkland Islands (Malvinas)" gives both names.
local function name_variants(name, out)
  out = out or {}
  local inner = name:match("%((.-)%)")
  local bare = name:gsub("%s*%b()", "")
  if inner then out[#out + 1] = inner end
  out[#out + 1] = bare
  local head, tail = bare:match("^(.-),%s*(.+)$")
  if head then
    out[#out + 1] = head
    if tail:match(" of$") or tail:match(" the$") then
      out[#out + 1] = tail .. " " .. head
    end
  end
  return out
end

local function iso(file, key)
  local data = json.decode(read(ISO .. file))
  return data[key] or die(file .. ": no " .. key)
end

for _, c in ipairs(iso("iso_3166-1.json", "3166-1")) do
  for _, field in ipairs({ "name", "common_name", "official_name" }) do
    if c[field] then
      for _, n in ipairs(name_variants(c[field])) do add(n, "COUNTRY") end
    end
  end
end
for _, c in ipairs(iso("iso_3166-3.json", "3166-3")) do
  for _, n in ipairs(name_variants(c.name)) do add(n, "COUNTRY") end
end
for _, c in ipairs(iso("iso_3166-2.json", "3166-2")) do
  for part in (c.name .. " / "):gmatch("(.-) / ") do
    for _, n in ipairs(name_variants(part)) do
      if #n > 2 then
        add(n, "REGION")
        for _, s in ipairs(strip) do
          local short = n:sub(1, #n - #s - 1)
          if #n > #s + 1 and n:sub(-#s - 1) == " " .. s and #short > 2 then
            add(short, "REGION")
            break
          end
        end
      end
    end
  end
end
for _, c in ipairs(iso("iso_4217.json", "4217")) do
  add(c.alpha_3, "CURRENCY")
end

-- 3. WordNet: instances of classes, and the adjectives that pertain to places.
local WN = "/usr/share/wordnet/"
local synsets = {} -- offset -> { words = {...}, hyper = {...}, inst = {...} }
local function parse_data(path, want)
  for line in io.lines(path) do
    if not line:match("^ ") then
      local off, rest = line:match("^(%d+) %d+ %a (.*)$")
      if off then
        local fields = {}
        for w in rest:gmatch("%S+") do
          if w == "|" then break end
          fields[#fields + 1] = w
        end
        local nw = tonumber(fields[1], 16)
        local s = { words = {}, hyper = {}, inst = {}, pert = {} }
        for k = 1, nw do s.words[k] = fields[2 * k] end
        local p = 2 * nw + 2
        local np = tonumber(fields[p])
        for k = 0, np - 1 do
          local sym, target, pos = fields[p + 1 + 4 * k], fields[p + 2 + 4 * k], fields[p + 3 + 4 * k]
          if pos == "n" then
            if sym == "@" then
              s.hyper[#s.hyper + 1] = target
            elseif sym == "@i" then
              s.inst[#s.inst + 1] = target
            elseif sym == "\\" then
              s.pert[#s.pert + 1] = target
            end
          end
        end
        want[off] = s
      end
    end
  end
end
parse_data(WN .. "data.noun", synsets)
local adjectives = {}
parse_data(WN .. "data.adj", adjectives)

local index = {}
for line in io.lines(WN .. "index.noun") do
  local lemma, rest = line:match("^(%S+) n (.*)$")
  if lemma then
    local offs = {}
    for o in rest:gmatch("(%d%d%d%d%d%d%d%d)") do offs[#offs + 1] = o end
    index[lemma] = offs
  end
end

local classes = {} -- offset -> category
for line in lines(read("data/ner/wordnet_classes.tsv")) do
  local lemma, sense, cat = line:match("^([%l_]+)\t(%d+)\t(%u[%u_]*)$")
  if lemma then
    local off = (index[lemma] or {})[tonumber(sense)] or die("WordNet has no " .. lemma .. "#" .. sense)
    classes[off] = cat
  end
end

-- The categories of the classes above offset (hypernyms, transitively).
local memo = {}
local function class_cats(off, depth)
  if memo[off] then return memo[off] end
  local cats = {}
  if classes[off] then cats[classes[off]] = true end
  local s = synsets[off]
  if s and depth < 40 then
    for _, h in ipairs(s.hyper) do
      for c in pairs(class_cats(h, depth + 1)) do cats[c] = true end
    end
    for _, h in ipairs(s.inst) do
      for c in pairs(class_cats(h, depth + 1)) do cats[c] = true end
    end
  end
  memo[off] = cats
  return cats
end

local function lemma_text(w)
  return (w:gsub("%(%a+%)$", ""):gsub("_", " "))
end

local place_instance = {}
for off, s in pairs(synsets) do
  if #s.inst > 0 then
    local cats = class_cats(off, 0)
    local placey = cats.CITY or cats.COUNTRY or cats.REGION or cats.LOCATION
    for _, w in ipairs(s.words) do
      local text = lemma_text(w)
      if text:match("^%u") then
        for c in pairs(cats) do add(text, c) end
      end
    end
    if placey then place_instance[off] = true end
  end
end
for _, s in pairs(adjectives) do
  for _, target in ipairs(s.pert) do
    if place_instance[target] then
      for _, w in ipairs(s.words) do
        local text = lemma_text(w)
        if text:match("^%u") then add(text, "NORP") end
      end
    end
  end
end

-- 4. The 1990 US census name lists, as Text::Names holds them.
local names_pm = read("/usr/share/perl5/Text/Names.pm")
local function census(var, cat)
  local block = names_pm:match("%$" .. var .. " = <<ENDNAMES;\n(.-)\nENDNAMES") or die("Names.pm: no " .. var)
  local n = 0
  for name in block:gmatch("(%u[%u']*)%s+[%d.]+%s+[%d.]+%s+%d+") do
    add(name:sub(1, 1) .. name:sub(2):lower(), cat)
    n = n + 1
  end
  if n < 500 then die("Names.pm: only " .. n .. " names in " .. var) end
end
census("COMMON_MALE_FIRSTNAMES", "GIVEN")
census("COMMON_FEMALE_FIRSTNAMES", "GIVEN")
census("COMMON_SURNAMES", "SURNAME")

-- 5. Chinese surnames: Unihan characters defined as a surname, by their first Mandarin reading
-- with the tone marks taken off (lǐ -> Li, lǚ -> Lu).
local TONELESS = {}
for plain, marked in pairs({ a = "āáǎà", e = "ēéěè", i = "īíǐì", o = "ōóǒò", u = "ūúǔùüǖǘǚǜ" }) do
  for _, c in utf8.codes(marked) do TONELESS[utf8.char(c)] = plain end
end
local definition, mandarin = {}, {}
local p = io.popen("bzcat /usr/share/unicode/Unihan_Readings.txt.bz2")
for line in p:lines() do
  local cp, field, value = line:match("^U%+(%x+)\t(k%a+)\t(.*)$")
  if field == "kDefinition" then
    definition[cp] = value
  elseif field == "kMandarin" then
    mandarin[cp] = value:match("^(%S+)")
  end
end
p:close()
local nsur = 0
for cp, def in pairs(definition) do
  if mandarin[cp] and (def:match("^surname") or def:match("[;,] surname")) then
    local plain = mandarin[cp]:gsub(utf8.charpattern, function(c) return TONELESS[c] or c end)
    if plain:match("^%l+$") then
      add(plain:sub(1, 1):upper() .. plain:sub(2), "CN_SURNAME")
      nsur = nsur + 1
    end
  end
end
if nsur < 50 then die("Unihan: only " .. nsur .. " surnames") end

-- 6. The dictionaries' lower-case words (single tokens: letters and inner hyphens).
local common = {}
for _, path in ipairs({ "/usr/share/dict/american-english", "/usr/share/dict/british-english" }) do
  for word in io.lines(path) do
    if word:match("^[a-z][a-z-]*$") then common[word] = true end
  end
end

-- Keys: tokens folded and joined by one space, hashed with 64-bit FNV-1a (Lua integers wrap
-- like uint64_t); every proper prefix is marked so that a longest-match scan goes on.
local FNV_PRIME = 0x100000001b3
local function fnv(h, s)
  for k = 1, #s do
    h = (h ~ s:byte(k)) * FNV_PRIME
  end
  return h
end
local INIT = -3750763034362895579 -- 0xcbf29ce484222325 as a signed 64-bit integer

local keyed, prefixes, maxlen, nphrases = {}, {}, 0, 0
local list = {}
for phrase, bits in pairs(phrases) do
  local toks = sift.words(phrase, { word = true, number = true, abbrev = true, clitic = true,
    punct = true, symbol = true, ideograph = true, other = true, emoji = true, url = true,
    email = true, mention = true, hashtag = true, invalid = true })
  if #toks > 0 then
    local h = INIT
    for k, t in ipairs(toks) do
      if k > 1 then
        local pk = h == 0 and 1 or h
        keyed[pk] = keyed[pk] or 0
        prefixes[pk] = true
        h = fnv(h, " ")
      end
      h = fnv(h, sift.fold(t))
    end
    local key = h == 0 and 1 or h
    keyed[key] = (keyed[key] or 0) | bits
    if #toks > maxlen then maxlen = #toks end
    nphrases = nphrases + 1
    list[#list + 1] = phrase
  end
end

local nkeys = 0
for _ in pairs(keyed) do nkeys = nkeys + 1 end
local nslots = 1024
while nslots < 2 * nkeys do nslots = nslots * 2 end
local mask = nslots - 1
local slots = {}
local order = {}
for key in pairs(keyed) do order[#order + 1] = key end
table.sort(order, function(a, b) return math.ult(a, b) end) -- a fixed order: the same file each run
for _, key in ipairs(order) do
  local k = key & mask
  while slots[k] do k = (k + 1) & mask end
  slots[k] = key
end

-- The Bloom filter of the keys: bits (key >> 20) and (key >> 40) of 2^18 (see gazetteer.h).
local BLOOM_BITS = 18
local bloom = {}
for k = 0, (1 << (BLOOM_BITS - 6)) - 1 do bloom[k] = 0 end
for _, key in ipairs(order) do
  for _, shift in ipairs({ 20, 40 }) do
    local b = (key >> shift) & ((1 << BLOOM_BITS) - 1)
    bloom[b >> 6] = bloom[b >> 6] | (1 << (b & 63))
  end
end

-- The common words: 32-bit fingerprints (the key's high half, with the low bit set so that none
-- is 0) at the slot of the key's low bits, in a table at most half full.
local cwords = {}
for w in pairs(common) do cwords[#cwords + 1] = w end
table.sort(cwords)
local cslots, cfill = 1024, {}
while cslots < 2 * #cwords do cslots = cslots * 2 end
for _, w in ipairs(cwords) do
  local key = fnv(INIT, w)
  if key == 0 then key = 1 end
  local k = key & (cslots - 1)
  while cfill[k] do k = (k + 1) & (cslots - 1) end
  cfill[k] = ((key >> 32) & 0xffffffff) | 1
end

local function bloom_text()
  local lines_out, row = {}, {}
  for k = 0, #bloom do
    row[#row + 1] = string.format("0x%xu", bloom[k])
    if #row == 4 or k == #bloom then
      lines_out[#lines_out + 1] = "    " .. table.concat(row, ",") .. ","
      row = {}
    end
  end
  return table.concat(lines_out, "\n")
end

local out = out_path and assert(io.open(out_path .. ".tmp", "wb")) or io.stdout
out:write(string.format([[
/*
 * entities/generated/gazetteer_data.c - the entity tagger's built-in phrase table (see
 * entities/gazetteer.h).
 *
 * GENERATED by tools/gen_gazetteer_data.lua - do not edit; run `make ner-data` to regenerate.
 * Inputs: data/ner/lexicon.tsv, data/ner/iso_strip.txt, data/ner/wordnet_classes.tsv;
 * iso-codes %s (ISO 3166-1, 3166-2, 3166-3, 4217); wordnet-base %s (WordNet 3.0);
 * libtext-names-perl %s (US census 1990 names); unicode-data %s (Unihan);
 * wamerican %s, wbritish %s (dictionary words).
 * %d phrases, %d keys with their prefixes, %d slots; %d common words, %d slots.
 */
#include "entities/gazetteer.h"

static const struct sift_gaz_slot slots[%d] = {
]], pkg_version("iso-codes"), pkg_version("wordnet-base"), pkg_version("libtext-names-perl"),
  pkg_version("unicode-data"), pkg_version("wamerican"), pkg_version("wbritish"), nphrases, nkeys, nslots,
  #cwords, cslots, nslots))
local buf = {}
for k = 0, mask do
  local key = slots[k]
  if key then
    buf[#buf + 1] = string.format("{0x%xu,0x%xu,0,%d}", key, keyed[key], prefixes[key] and 1 or 0)
  else
    buf[#buf + 1] = "{0,0,0,0}"
  end
  if #buf == 4 or k == mask then
    out:write("    ", table.concat(buf, ","), ",\n")
    buf = {}
  end
end
out:write(string.format([[
};

const struct sift_gazetteer sift_gaz_builtin = { %d, slots, %d };

const uint64_t sift_gaz_builtin_bloom[%d] = {
%s
};

const size_t sift_gaz_common_mask = %d;

const uint32_t sift_gaz_common_slots[%d] = {
]], mask, maxlen, #bloom + 1, bloom_text(), cslots - 1, cslots))
buf = {}
for k = 0, cslots - 1 do
  buf[#buf + 1] = string.format("0x%x", cfill[k] or 0)
  if #buf == 8 or k == cslots - 1 then
    out:write("    ", table.concat(buf, ","), ",\n")
    buf = {}
  end
end
out:write("};\n")
if out_path then
  out:close()
  assert(os.rename(out_path .. ".tmp", out_path))
end

if list_path then
  local names = {}
  for name, bit in pairs(CATS) do names[#names + 1] = { name, bit } end
  table.sort(names, function(a, b) return a[2] < b[2] end)
  table.sort(list)
  local f = assert(io.open(list_path, "wb"))
  for _, phrase in ipairs(list) do
    local cats = {}
    for _, nb in ipairs(names) do
      if phrases[phrase] & nb[2] ~= 0 then cats[#cats + 1] = nb[1] end
    end
    f:write(phrase, "\t", table.concat(cats, ","), "\n")
  end
  f:close()
end
io.stderr:write(string.format("gen_gazetteer_data: %d phrases, %d keys, %d slots\n", nphrases, nkeys, nslots))
