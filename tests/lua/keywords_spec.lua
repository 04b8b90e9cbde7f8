-- sift.keywords: keyword counts of a text and of a collection.
local sift = require "sift"
local helpers = require "helpers"

local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

local function find(list, term)
  for _, e in ipairs(list) do
    if e.term:lower() == term:lower() then
      return e
    end
  end
  return nil
end

-- Occurrences of a Lua pattern in text, case-insensitively, as whole words.
local function occurrences(text, pattern)
  local n = 0
  for _ in (" " .. text:lower() .. " "):gmatch("%f[%w]" .. pattern .. "%f[%W]") do
    n = n + 1
  end
  return n
end

describe("sift.keywords of a text", function()
  local seed = helpers.read(SEED)

  it("ranks the seed article's subject first and leaves stop words out", function()
    local list = sift.keywords(seed)
    assert.are.equal(20, #list)
    local first = list[1].term:lower()
    assert.is_truthy(first:match("^industriali[sz]ation$") or first:match("^new industriali[sz]ation$"), first)
    for _, e in ipairs(list) do
      assert.is_nil(({ the = 1, of = 1, ["and"] = 1, his = 1 })[e.term:lower()], e.term)
      assert.is_true(e.count >= 1 and e.score > 0)
    end
    for n = 2, #list do
      assert.is_true(list[n - 1].score >= list[n].score)
    end
  end)

  it("groups British and American spellings and shows the most frequent form", function()
    local list = sift.keywords(seed, { top = 200 })
    local e = find(list, "industrialisation") or find(list, "industrialization")
    assert.is_truthy(e)
    -- every use of either spelling counts, and with them "industrial" and "industry", which have
    -- the same Porter stem
    assert.are.equal(occurrences(seed, "industr%a*"), e.count)
    local phrase = find(list, "new industrialisation") or find(list, "new industrialization")
    assert.is_truthy(phrase)
    assert.are.equal(occurrences(seed, "new industriali[sz]ation"), phrase.count)
    local british = occurrences(seed, "industrialisation")
    local american = occurrences(seed, "industrialization")
    assert.is_true(british > 0 and american > 0)
    assert.are.equal(british >= american and "industrialisation" or "industrialization", e.term:lower())
    -- emphasise / emphasize and their inflections are one keyword
    local emph = find(list, "emphasised") or find(list, "emphasized") or find(list, "emphasise")
    assert.is_truthy(emph)
    assert.are.equal(occurrences(seed, "emphasi[sz]e[ds]?"), emph.count)
  end)

  it("finds names and recurring phrases", function()
    local list = sift.keywords(seed, { top = 300 })
    assert.is_truthy(find(list, "Central Military Commission"))
    assert.is_truthy(find(list, "new development philosophy"))
    local names = find(list, "Central Military Commission")
    assert.are.equal(3, names.words)
  end)

  it("groups inflections under the most frequent form", function()
    local text = "Elections\n\nThe elections were close. Both parties lost elections before. " ..
      "She was elected in May; the election was close."
    local list = sift.keywords(text, { phrases = false })
    local e = find(list, "elections")
    assert.is_truthy(e)
    assert.are.equal(5, e.count)
  end)

  it("takes a stop word list of the caller's", function()
    local list = sift.keywords("The harbour bridge opens. The harbour bridge closes.", { stopwords = { "harbour" } })
    assert.is_nil(find(list, "harbour"))
    assert.is_truthy(find(list, "The"))
    assert.is_truthy(find(list, "bridge"))
  end)

  it("ranks a common non-noun below a noun of the same count", function()
    local list = sift.keywords("Bridge news\n\nThe bridge said now. The bridge said now. The bridge said now.",
      { phrases = false })
    assert.are.equal("bridge", list[1].term)
    assert.is_true(find(list, "said").score < find(list, "bridge").score)
  end)

  it("weighs a word by its length and by how far through the text it keeps coming", function()
    -- the same count and spread: the long word wins, though the short one comes first
    local list = sift.keywords("Cat industrialisation. Cat industrialisation.", { phrases = false })
    assert.are.equal("industrialisation", list[1].term)
    assert.are.equal("Cat", list[2].term)
    -- keys of one length, said twice each: the one said again at the end wins, though it comes
    -- second
    local filler = ("Lorem ipsum dolor sit amet. "):rep(20)
    list = sift.keywords("Blanket. Tractor. Blanket. " .. filler .. "Tractor.", { phrases = false })
    local blanket, tractor = find(list, "blanket"), find(list, "tractor")
    assert.are.equal(#blanket.key, #tractor.key)
    assert.are.equal(2, blanket.count)
    assert.are.equal(2, tractor.count)
    assert.is_true(tractor.score > blanket.score)
  end)

  it("counts a surname alone and inside its name for the surname, not for the first name", function()
    local text = "Dennis Rodman arrived in Pyongyang on Monday. Reporters followed as Dennis Rodman " ..
      "toured the city. Rodman said little."
    local list = sift.keywords(text, { top = 50 })
    local rodman = find(list, "Rodman")
    assert.is_truthy(rodman)
    assert.are.equal(3, rodman.count)
    assert.is_nil(find(list, "Dennis"))
    -- the name does not score above its last word, so it comes after every single word
    local name = find(list, "Dennis Rodman")
    assert.is_truthy(name)
    assert.is_true(name.score <= rodman.score)
    local words = 0
    for _, e in ipairs(list) do
      words = words + (e.words == 1 and 1 or 0)
    end
    assert.are.equal(name, list[words + 1])
  end)

  it("lists the pairs of adjacent words said once when a text has too few keywords", function()
    -- a headline alone: its words, its name, then its other pairs of words ("won't" stands
    -- between prosecutor and pursue); none runs into the name
    local list = sift.keywords("Illinois prosecutor won't pursue death penalty for Hailee Steinfeld", { top = 20 })
    local terms = {}
    for n, e in ipairs(list) do
      terms[n] = e.term
    end
    assert.are.same({ "prosecutor", "Illinois", "Steinfeld", "penalty", "pursue", "death", "Hailee Steinfeld",
      "Illinois prosecutor", "death penalty", "pursue death" }, terms)
    assert.are.equal(1, list[8].count)
    assert.are.equal(2, list[8].words)
    assert.are.equal(require("sift.terms").key("Illinois") .. " " .. require("sift.terms").key("prosecutor"),
      list[8].key)
    -- not when the text has enough, nor with phrases off or a minimum count
    assert.are.equal(3, #sift.keywords("Illinois prosecutor won't pursue death penalty", { top = 3 }))
    assert.are.equal(5, #sift.keywords("Illinois prosecutor won't pursue death penalty", { phrases = false }))
    assert.are.equal(0, #sift.keywords("Illinois prosecutor won't pursue death penalty", { min_count = 2 }))
  end)

  it("ranks modal verbs and prepositions that are no stop words as weak words", function()
    -- the same text with a noun of the same length in their place: a quarter of its score
    for _, pair in ipairs({ { "will", "fish" }, { "without", "cabinet" }, { "despite", "granite" } }) do
      local function score(word)
        local text = ("Ships %s sail. Ships %s sail."):format(word, word)
        return find(sift.keywords(text, { phrases = false }), word).score
      end
      assert.is_true(math.abs(score(pair[1]) - 0.25 * score(pair[2])) < 1e-9, pair[1])
    end
  end)

  it("puts a phrase among the words only when it beats each of them", function()
    -- "development philosophy" recurs, but "philosophy" alone is said more often: the phrase comes
    -- after every word
    local text = "Philosophy matters. The new development philosophy spread. Its development philosophy " ..
      "won. Philosophy, philosophy."
    local list = sift.keywords(text, { top = 50 })
    local words = 0
    for n, e in ipairs(list) do
      if e.words == 1 then
        words = words + 1
        assert.are.equal(words, n)
      end
    end
    assert.is_truthy(find(list, "development philosophy"))
    -- a headline alone: its words, then its names
    list = sift.keywords("Hailee Steinfeld in talks to play Sleeping Beauty")
    assert.is_truthy(find(list, "Steinfeld"))
    assert.are.equal(2, list[#list].words)
    assert.is_truthy(find(list, "Sleeping Beauty"))
    -- a name whose first word is the longer may beat its last word
    list = sift.keywords("Quayside Traders met.", { top = 3 })
    assert.are.equal("Quayside Traders", list[1].term)
    assert.are.equal(0, #sift.keywords("Hailee Steinfeld in talks", { top = 0 }))
  end)

  it("counts entities by canonical name, without amounts", function()
    local list = sift.keywords(seed)
    assert.is_table(list.entities)
    local xi
    for _, e in ipairs(list.entities) do
      assert.is_nil(({ DATE = 1, CARDINAL = 1, PERCENT = 1, MONEY = 1 })[e.type])
      if e.canonical == "Xi Jinping" then
        xi = e
      end
    end
    assert.is_truthy(xi)
    assert.is_true(xi.count > occurrences(seed, "xi jinping"))
    assert.is_nil(sift.keywords(seed, { entities = false }).entities)
    local given = sift.keywords("Ann met Bob.", { entities = { { text = "Ann", type = "PERSON", i = 1, j = 3 } } })
    assert.are.same({ { canonical = "Ann", type = "PERSON", count = 1 } }, given.entities)
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.keywords(42) end,
      "bad argument #1 to 'keywords' (string or table expected, got number)")
    assert.has_error(function() sift.keywords("x", { tpo = 3 }) end,
      "bad argument #2 to 'keywords' (unknown option 'tpo')")
    assert.has_error(function() sift.keywords("x", { top = "3" }) end)
    assert.has_error(function() sift.keywords("x", { top = 1.5 }) end)
    assert.has_error(function() sift.keywords({ 42 }) end)
    assert.are.equal(0, #sift.keywords(""))
  end)

  -- issue 12, item 6: top = 2^63 reached sift.core._rank, which named itself ("bad argument #3 to
  -- '_rank'"); NaN and infinities of the other numbers likewise, or went through unchecked
  it("takes a huge top as all the keywords, and checks the numbers of its options", function()
    local all = #sift.keywords(seed, { top = 100000 })
    assert.is_true(all > 20)
    for _, top in ipairs({ 2 ^ 63, 1e308, math.huge, 2 ^ 53, math.maxinteger, 1000.0 * 1000 }) do
      assert.are.equal(all, #sift.keywords(seed, { top = top }))
    end
    assert.are.equal(3, #sift.keywords(seed, { top = 3.0 }))
    local function fails(opts, message)
      assert.has_error(function() sift.keywords(seed, opts) end, "bad argument #2 to 'keywords' (" .. message .. ")")
      assert.has_error(function() sift.keywords({ seed }, opts) end,
        "bad argument #2 to 'keywords' (" .. message .. ")")
      assert.has_error(function() require("sift.keywords").collector(opts) end,
        "bad argument #2 to 'collector' (" .. message .. ")")
    end
    fails({ top = 0 / 0 }, "option 'top' must be a whole number >= 0, got nan")
    fails({ top = -math.huge }, "option 'top' must be a whole number >= 0, got -inf")
    fails({ top = -1 }, "option 'top' must be a whole number >= 0, got -1")
    fails({ top = 1.5 }, "option 'top' must be a whole number >= 0, got 1.5")
    fails({ top = math.mininteger }, "option 'top' must be a whole number >= 0, got " .. math.mininteger)
    -- min_count: the same rule; beyond every count, no keyword
    assert.are.equal(0, #sift.keywords(seed, { min_count = math.huge }))
    assert.are.equal(0, #sift.keywords(seed, { min_count = 2 ^ 63 }))
    assert.are.equal(0, #sift.keywords(seed, { min_count = 1e308 }))
    assert.are.same(sift.keywords(seed, { min_count = 1 }), sift.keywords(seed, { min_count = 0 }))
    assert.are.same(sift.keywords(seed, { min_count = 2 }), sift.keywords(seed, { min_count = 2.0 }))
    fails({ min_count = 0 / 0 }, "option 'min_count' must be a whole number >= 0, got nan")
    fails({ min_count = 1.5 }, "option 'min_count' must be a whole number >= 0, got 1.5")
    fails({ min_count = -math.huge }, "option 'min_count' must be a whole number >= 0, got -inf")
    fails({ max_words = 0 / 0 }, "option 'max_words' must be a whole number from 2 to 8, got nan")
    fails({ max_words = math.huge }, "option 'max_words' must be a whole number from 2 to 8, got inf")
    -- the collection's lists and top take a huge top as all too
    local res = sift.keywords({ seed, "The bridge opened." }, { top = math.huge })
    assert.are.equal(#res.articles[1].keywords, #sift.keywords({ seed, "The bridge opened." }, { top = 100000 })
      .articles[1].keywords)
    assert.is_true(#res.top > 20)
    local c = require("sift.keywords").collector({ top = 2 ^ 63, min_count = math.huge })
    c:add({ text = seed })
    assert.are.equal(0, #c:result().articles[1].keywords)
  end)

  it("checks the idf weights that the text looks up", function()
    local key = require("sift.terms").key("industrialisation")
    local ok = sift.keywords(seed, { idf = { [key] = 0 } })
    assert.is_nil(find(ok, "industrialisation"))
    assert.are.equal(20, #ok)
    for _, w in ipairs({ 0 / 0, math.huge, -math.huge, -1, "2", true }) do
      local got = type(w) ~= "number" and type(w) or w ~= w and "nan" or tostring(w)
      assert.has_error(function() sift.keywords(seed, { idf = { [key] = w } }) end,
        "bad argument #2 to 'keywords' (option 'idf': the weight of '" .. key ..
        "' must be a finite number >= 0, got " .. got .. ")")
    end
    -- a phrase's weight too
    local text = "Dennis Rodman came. Dennis Rodman left. Dennis Rodman won."
    local phrase
    for _, e in ipairs(sift.keywords(text, { top = 50 })) do
      if e.words == 2 then
        phrase = e.key
      end
    end
    assert.is_truthy(phrase)
    assert.has_error(function() sift.keywords(text, { idf = { [phrase] = 0 / 0 } }) end,
      "bad argument #2 to 'keywords' (option 'idf': the weight of '" .. phrase ..
      "' must be a finite number >= 0, got nan)")
    -- weights of keys the text does not have are not read
    assert.are.equal(20, #sift.keywords(seed, { idf = { ["no such key at all"] = 0 / 0 } }))
  end)
end)

describe("sift.keywords of a collection", function()
  local articles = {
    { id = "a", text = "Bridge vote\n\nThe council approved the bridge. The bridge will cost £48m. " ..
      "Traders welcomed it." },
    { id = "b", text = "Library reopens\n\nThe library reopened after the flood. The bridge was closed. " ..
      "Library users queued." },
    { id = "c", text = "Bridge timetable\n\nThe bridge timetable was published. The bridge opens in 2028.",
      date = "2025-06-03" },
  }

  it("gives document frequencies, per-article lists and the collection's top", function()
    local res = sift.keywords(articles, { top = 5 })
    assert.are.equal(3, res.documents)
    local bridge = require("sift.terms").key("bridge")
    assert.are.equal(3, res.df[bridge])
    assert.are.equal(1, res.df[require("sift.terms").key("library")])
    assert.is_true(res.idf[bridge] < res.idf[require("sift.terms").key("library")])
    assert.are.equal(3, #res.articles)
    assert.are.equal("a", res.articles[1].id)
    assert.are.equal("Bridge vote", res.articles[1].title)
    assert.are.equal("2025-06-03", res.articles[3].date)
    -- TF-IDF: in the library article, library outranks bridge
    local lib = res.articles[2].keywords
    assert.are.equal("library", lib[1].term:lower())
    -- the collection's top: bridge, in every article, comes first
    assert.are.equal("bridge", res.top[1].term:lower())
    assert.are.equal(3, res.top[1].df)
    assert.is_true(res.top[1].count >= 6)
    assert.is_true(#res.top <= 5)
  end)

  it("collects article by article with the same result", function()
    local c = require("sift.keywords").collector({ top = 5 })
    for _, a in ipairs(articles) do
      c:add({ text = a.text, id = a.id, date = a.date })
    end
    local res, direct = c:result(), sift.keywords(articles, { top = 5 })
    assert.are.equal(direct.top[1].term, res.top[1].term)
    assert.are.equal(#direct.articles[2].keywords, #res.articles[2].keywords)
    assert.are.same(direct.articles[2], res.articles[2])
    -- one table of fields, as everything else takes: the text and the article's own
    assert.has_error(function() c:add(42) end, "bad argument #1 to 'add' (table expected, got number)")
    assert.has_error(function() c:add(articles[1].text, "id") end,
      "bad argument #1 to 'add' (table expected, got string)")
    assert.has_error(function() c:add({ id = "x" }) end,
      "bad argument #1 to 'add' (field 'text' must be a string, got nil)")
    assert.has_error(function() c:add({ text = "x", entites = {} }) end,
      "bad argument #1 to 'add' (unknown field 'entites')")
    assert.has_error(function() c:add({ text = "x", entities = "Ann" }) end,
      "bad argument #1 to 'add' (field 'entities' must be a table, got string)")
    assert.are.equal(#articles, c:result().documents)
  end)
end)
