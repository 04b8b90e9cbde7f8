-- sift.entities, sift.entity_index and sift.tagger: the Lua API of the entity tagger, the seed
-- article's entities, properties over real articles, user names, and bad arguments.
local sift = require "sift"
local helpers = require "helpers"

local TYPES = {
  PERSON = true, NORP = true, FAC = true, ORG = true, GPE = true, LOC = true, EVENT = true, MISC = true,
  DATE = true, TIME = true, PERCENT = true, MONEY = true, QUANTITY = true, ORDINAL = true, CARDINAL = true,
}

-- s as a Lua pattern that matches s only.
local function literal(s)
  return (s:gsub("%p", "%%%0"))
end

-- The entity of list whose text is `text` (the first), or nil.
local function find(list, text)
  for _, e in ipairs(list) do
    if e.text == text then return e end
  end
end

-- Sorted, inside the text, not overlapping, each with its own text, a known type and a canonical
-- name; a role stands just before its entity.
local function check_entities(text, list)
  local last = 0
  for _, e in ipairs(list) do
    assert.is_true(math.type(e.i) == "integer" and math.type(e.j) == "integer")
    assert.is_true(e.i > last and e.i <= e.j and e.j <= #text, "bad span " .. e.i .. ".." .. e.j)
    assert.are.equal(text:sub(e.i, e.j), e.text)
    assert.is_true(TYPES[e.type], "unknown type " .. tostring(e.type))
    assert.are.equal("string", type(e.canonical))
    assert.is_true(#e.canonical > 0)
    if e.role then
      assert.is_truthy(text:sub(1, e.i - 1):match(literal(e.role) .. "%s+$"), e.role)
    end
    last = e.j
  end
end

describe("sift.entities", function()
  it("finds people with their titles, places, nationalities and dates", function()
    local text = "Chinese President Xi Jinping met Premier Li Qiang in Beijing on 25th September 2023."
    local list = sift.entities(text)
    check_entities(text, list)
    assert.are.equal("NORP", find(list, "Chinese").type)
    local xi = find(list, "Xi Jinping")
    assert.are.same({ text = "Xi Jinping", type = "PERSON", i = 19, j = 28, canonical = "Xi Jinping",
      role = "President" }, xi)
    assert.are.equal("Premier", find(list, "Li Qiang").role)
    assert.are.equal("GPE", find(list, "Beijing").type)
    assert.are.equal("DATE", find(list, "25th September 2023").type)
  end)

  it("finds amounts, percentages, times and ordinals", function()
    local text = "Profits rose 3.5% to $1.2bn, or US$5m more, 20 per cent above the 18th forecast, at 10:30 a.m."
    local list = sift.entities(text)
    check_entities(text, list)
    assert.are.equal("PERCENT", find(list, "3.5%").type)
    assert.are.equal("MONEY", find(list, "$1.2bn").type)
    assert.are.equal("MONEY", find(list, "US$5m").type)
    assert.are.equal("PERCENT", find(list, "20 per cent").type)
    assert.are.equal("ORDINAL", find(list, "18th").type)
    assert.are.equal("TIME", find(list, "10:30 a.m.").type)
  end)

  it("links a later surname to the full name, before or after it", function()
    local text = "President Xi opened the meeting.\nChinese President Xi Jinping spoke.\nXi said more."
    local list = sift.entities(text)
    local n = 0
    for _, e in ipairs(list) do
      if e.text == "Xi" then
        n = n + 1
        assert.are.equal("PERSON", e.type)
        assert.are.equal("Xi Jinping", e.canonical)
      end
    end
    assert.are.equal(2, n)
  end)

  it("links an acronym to its expansion", function()
    local text = "The Communist Party of China (CPC) met on Monday. The CPC said it would meet again."
    local list = sift.entities(text)
    local cpc = 0
    for _, e in ipairs(list) do
      if e.text == "CPC" then
        cpc = cpc + 1
        assert.are.equal("ORG", e.type)
        assert.are.equal("Communist Party of China", e.canonical)
      end
    end
    assert.are.equal(2, cpc)
  end)

  it("keeps only the types asked for, as a list or a set", function()
    local text = "Chinese President Xi Jinping met Premier Li Qiang in Beijing on 25th September 2023."
    for _, types in ipairs({ { "PERSON" }, { PERSON = true }, { PERSON = true, GPE = false } }) do
      local list = sift.entities(text, { types = types })
      assert.are.equal(2, #list)
      for _, e in ipairs(list) do
        assert.are.equal("PERSON", e.type)
      end
    end
    assert.are.same({}, sift.entities(text, { types = {} }))
  end)

  it("takes any string, empty and ill-formed ones too", function()
    for _, text in ipairs({ "", " ", "\n", "(", "\xFF\xFE Bank \xC3", "A\0B Corp", ("Xi "):rep(500) }) do
      check_entities(text, sift.entities(text))
    end
  end)

  it("gives spans inside the text, sorted and not overlapping, on real articles", function()
    local n = 0
    for k, path in ipairs(helpers.bbc_articles()) do
      if k % 4 == 0 then
        local text = helpers.read(path)
        local list = sift.entities(text)
        check_entities(text, list)
        n = n + #list
      end
    end
    assert.is_true(n > 1000)
  end)
end)

describe("sift.entity_index", function()
  it("groups the mentions of each entity, in the order of first mention", function()
    local text = "President Xi opened the meeting.\nChinese President Xi Jinping spoke.\nXi said more."
    local index = sift.entity_index(text)
    local list = sift.entities(text)
    local total, seen, last_first = 0, {}, 0
    for _, entity in ipairs(index) do
      assert.is_true(TYPES[entity.type])
      assert.are.equal(#entity.mentions, entity.count)
      assert.is_true(entity.mentions[1].i > last_first)
      last_first = entity.mentions[1].i
      for _, m in ipairs(entity.mentions) do
        assert.are.equal(text:sub(m.i, m.j), m.text)
        seen[m.i] = entity.canonical
      end
      total = total + entity.count
    end
    assert.are.equal(#list, total)
    for _, e in ipairs(list) do
      assert.are.equal(e.canonical, seen[e.i])
    end
    local xi = index[1]
    assert.are.equal("Xi Jinping", xi.canonical)
    assert.are.equal("PERSON", xi.type)
    assert.are.equal(3, xi.count)
    assert.are.equal("President", xi.mentions[1].role)
  end)

  it("keeps only the types asked for", function()
    local index = sift.entity_index("Xi Jinping met Li Qiang in Beijing.", { types = { "GPE" } })
    assert.are.equal(1, #index)
    assert.are.equal("Beijing", index[1].canonical)
  end)
end)

describe("the seed article", function()
  local text = helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt")
  local list = sift.entities(text)
  local index = sift.entity_index(text)

  -- The rows of the expected entities: canonical, type, surface forms.
  local rows = {}
  for line in helpers.read(helpers.shared .. "/data/seed/new-industrialisation.entities.tsv"):gmatch("[^\n]+") do
    local canonical, type, forms = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if canonical and canonical ~= "canonical" then
      local list_of_forms = {}
      for f in forms:gmatch("[^|]+") do list_of_forms[#list_of_forms + 1] = f end
      rows[#rows + 1] = { canonical = canonical, type = type, forms = list_of_forms }
    end
  end

  -- Where form stands in the text as a word of its own (no letter or digit on either side).
  local function occurrences(form)
    local out, init = {}, 1
    while true do
      local a, b = text:find(form, init, true)
      if not a then break end
      local before, after = text:sub(a - 1, a - 1), text:sub(b + 1, b + 1)
      if not before:match("%w") and not after:match("%w") then
        out[#out + 1] = { a, b }
      end
      init = a + 1
    end
    return out
  end

  -- The mention that is exactly this occurrence: the entity itself, or the entity with its title
  -- ("President Xi" is the person "Xi" with the role "President").
  local function exact(a, b)
    for _, e in ipairs(list) do
      if e.j == b and (e.i == a or (e.role and text:sub(a, e.i - 1):match("^" .. literal(e.role) .. "%s+$"))) then
        return e
      end
    end
  end

  -- The longer entity this occurrence is nested in, its title counted ("President Xi" is in
  -- "President Xi Jinping").
  local function outer(a, b)
    for _, e in ipairs(list) do
      local i = e.i
      if e.role then i = #text:sub(1, e.i - 1):match("^(.*)" .. literal(e.role) .. "%s+$") + 1 end
      if i <= a and b <= e.j and e.j - i > b - a then return e end
    end
  end

  it("has its expected entities to check", function()
    assert.is_true(#rows >= 14)
  end)

  it("finds every entity with its type, and links every surface form to its canonical name", function()
    for _, row in ipairs(rows) do
      local found = false
      for _, form in ipairs(row.forms) do
        local occ = occurrences(form)
        assert.is_true(#occ > 0, "'" .. form .. "' is not in the article")
        for _, o in ipairs(occ) do
          local e = exact(o[1], o[2])
          local where = ("'%s' at %d"):format(form, o[1])
          if e then
            assert.are.equal(row.type, e.type, where)
            assert.are.equal(row.canonical, e.canonical, where)
            found = true
          else
            -- nested names count as part of the longer entity
            local big = outer(o[1], o[2])
            assert.is_truthy(big, where .. " is no entity and in none")
            found = found or (big.type == row.type and big.text:find(row.canonical, 1, true) ~= nil)
          end
        end
      end
      assert.is_true(found, row.canonical .. " (" .. row.type .. ") not found")
    end
  end)

  it("indexes each canonical entity with its type and the count of its mentions", function()
    local by_name = {}
    for _, entity in ipairs(index) do by_name[entity.canonical] = entity end
    for _, row in ipairs(rows) do
      local n = 0
      for _, e in ipairs(list) do
        if e.canonical == row.canonical then n = n + 1 end
      end
      if n > 0 then
        local entity = by_name[row.canonical]
        assert.is_truthy(entity, row.canonical)
        assert.are.equal(row.type, entity.type)
        assert.are.equal(n, entity.count)
      end
    end
    assert.is_true(by_name["Xi Jinping"].count >= 10)
  end)
end)

describe("sift.tagger", function()
  local text = "Officials of the Harbour Fishing Syndicate visited Zhongnanhai and the Great Hall of the People."

  it("adds the user's names, which win, and leaves sift.entities alone", function()
    local tagger = sift.tagger {
      entities = { { "Zhongnanhai", "FAC" }, { name = "Great Hall of the People", type = "FAC" } },
      org_heads = { "Syndicate" },
    }
    local list = tagger:entities(text)
    check_entities(text, list)
    assert.are.equal("FAC", find(list, "Zhongnanhai").type)
    assert.are.equal("FAC", find(list, "Great Hall of the People").type)
    assert.are.equal("ORG", find(list, "Harbour Fishing Syndicate").type)
    local index = tagger:entity_index(text, { types = { "FAC" } })
    assert.are.equal(2, #index)
    local plain = find(sift.entities(text), "Zhongnanhai")
    assert.is_true(plain == nil or plain.type ~= "FAC")
  end)

  it("adds titles", function()
    local tagger = sift.tagger { titles = { "Harbourmaster" } }
    local e = find(tagger:entities("Yesterday Harbourmaster Okonkwo Brandt spoke."), "Okonkwo Brandt")
    assert.are.equal("PERSON", e.type)
    assert.are.equal("Harbourmaster", e.role)
  end)

  it("works with no options", function()
    local tagger = sift.tagger()
    assert.are.same(sift.entities(text), tagger:entities(text))
  end)
end)

describe("sift.gazetteer", function()
  local gazetteer = require "sift.gazetteer"
  local function file(content)
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write(content)
    f:close()
    return path
  end

  it("makes a tagger of TSV files, skipping comments and blank lines", function()
    local path = file("# my names\r\n\nZhongnanhai\tFAC\r\nHarbour Fishing Syndicate\tORG\n")
    local tagger = assert(gazetteer.tagger({ path }))
    os.remove(path)
    local list = tagger:entities("Officials of the Harbour Fishing Syndicate visited Zhongnanhai.")
    assert.are.equal("FAC", find(list, "Zhongnanhai").type)
    assert.are.equal("ORG", find(list, "Harbour Fishing Syndicate").type)
  end)

  it("says which file and line are wrong", function()
    local path = file("Zhongnanhai\tFAC\nno tab here\n")
    local tagger, err = gazetteer.tagger({ path })
    assert.is_nil(tagger)
    assert.are.equal(path .. ":2: expected NAME<TAB>TYPE", err)
    os.remove(path)
    path = file("Zhongnanhai\tFAC\n\nLisbon\tTOWN\n")
    tagger, err = gazetteer.tagger({ path })
    assert.is_nil(tagger)
    assert.are.equal(path .. ":3: entities[2]: unknown entity type 'TOWN'", err)
    os.remove(path)
    tagger, err = gazetteer.tagger({ path })
    assert.is_nil(tagger)
    assert.is_truthy(err:find(path, 1, true))
  end)
end)

describe("bad arguments", function()
  local function raises(pattern, fn, ...)
    local ok, err = pcall(fn, ...)
    assert.is_false(ok)
    assert.is_truthy(tostring(err):find(pattern, 1, true), tostring(err))
  end

  it("raise errors that name them", function()
    raises("entities' (string expected, got no value)", sift.entities)
    raises("entity_index' (string expected, got table)", sift.entity_index, {})
    raises("unknown option 'typo'", sift.entities, "x", { typo = true })
    raises("option 'types': unknown entity type 'FOO'", sift.entities, "x", { types = { "FOO" } })
    raises("option 'types' must be a table, got string", sift.entities, "x", { types = "PERSON" })
    raises("bad argument #2 to '", sift.entities, "x", "PERSON")
    raises("entities' (table expected, got string)", sift.entities, "x", "PERSON")
    raises("unknown option 'bogus'", sift.tagger, { bogus = {} })
    raises("entities[1]: unknown entity type 'FOO'", sift.tagger, { entities = { { "X", "FOO" } } })
    raises("entities[2] must be a table {name, type}, got string", sift.tagger,
      { entities = { { "X", "ORG" }, "Y" } })
    raises("entities[1]: the name must be a string, got nil", sift.tagger, { entities = { { nil, "ORG" } } })
    raises("entities[1]: empty name", sift.tagger, { entities = { { "  ", "ORG" } } })
    raises("titles[1] must be a string, got number", sift.tagger, { titles = { 3 } })
    raises("option 'org_heads' must be a table, got string", sift.tagger, { org_heads = "Bank" })
    raises("sift.tagger expected", sift.tagger().entities, {}, "x")
    raises("(string expected, got no value)", sift.tagger().entities, sift.tagger())
  end)
end)

describe("sift entities", function()
  local lua = "lua" .. _VERSION:match("%d+%.%d+")
  local function run(args)
    local p = io.popen(lua .. " bin/sift entities " .. args .. " 2>&1")
    local out = p:read("a")
    local ok, _, code = p:close()
    return out, ok and 0 or code
  end

  it("prints the index as JSON Lines with exact offsets", function()
    local json = require "sift.json"
    local out, code = run("--format json samples/coffee-prices.txt")
    assert.are.equal(0, code)
    local text = helpers.read("samples/coffee-prices.txt")
    local n = 0
    for line in out:gmatch("[^\n]+") do
      local v = assert(json.decode(line))
      assert.is_true(TYPES[v.type])
      assert.are.equal(#v.mentions, v.count)
      for _, m in ipairs(v.mentions) do
        assert.are.equal(text:sub(m.i, m.j), m.text)
      end
      n = n + 1
    end
    assert.is_true(n > 5)
  end)

  it("marks entities up inline, and reads a gazetteer file", function()
    local path = os.tmpname()
    local f = assert(io.open(path, "w"))
    f:write("# name\ttype\nGrenholt Coffee Group\tORG\nLisbon\tGPE\n")
    f:close()
    local out, code = run("--format inline --gazetteer " .. path .. " samples/coffee-prices.txt")
    assert.are.equal(0, code)
    assert.is_truthy(out:find("[Grenholt Coffee Group]{ORG}", 1, true))
    assert.is_truthy(out:find("[Lisbon]{GPE}", 1, true))
    f = assert(io.open(path, "w"))
    f:write("Lisbon\tTOWN\n")
    f:close()
    out, code = run("--gazetteer " .. path .. " samples/coffee-prices.txt")
    os.remove(path)
    assert.are.equal(2, code)
    assert.is_truthy(out:find(":1: entities[1]: unknown entity type 'TOWN'", 1, true))
  end)

  it("prints TSV, Markdown and table formats", function()
    for _, format in ipairs({ "tsv", "markdown", "table" }) do
      local out, code = run("--format " .. format .. " --types PERSON samples/coffee-prices.txt")
      assert.are.equal(0, code)
      assert.is_truthy(out:find("PERSON", 1, true), format)
      assert.is_falsy(out:find("\tORG\t", 1, true), format)
    end
  end)
end)
