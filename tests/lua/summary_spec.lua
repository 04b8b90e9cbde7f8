-- sift.summarize: extractive summaries.
local sift = require "sift"
local helpers = require "helpers"

package.path = "./eval/?.lua;" .. package.path
local rouge = require "rouge"

local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

describe("sift.summarize", function()
  local seed = helpers.read(SEED)

  it("returns the requested number of sentences, in article order, with offsets and scores", function()
    for _, n in ipairs({ 1, 3, 5 }) do
      local s = sift.summarize(seed, { sentences = n })
      assert.are.equal(n, #s)
      for k, x in ipairs(s) do
        assert.are.equal(x.text, seed:sub(x.i, x.j))
        assert.is_number(x.score)
        assert.is_number(x.paragraph)
        if k > 1 then
          assert.is_true(s[k - 1].j < x.i)
        end
      end
    end
    assert.are.equal(3, #sift.summarize(seed))
  end)

  it("never returns the headline, a caption or the dateline", function()
    local all = sift.summarize(seed, { ratio = 1 })
    assert.is_true(#all > 10)
    for _, x in ipairs(all) do
      assert.is_nil(x.text:find("instructions emphasise new industrialisation as key task", 1, true))
      assert.are_not.equal("President Xi", x.text)
      assert.is_nil(x.text:find("25th September 2023", 1, true))
    end
    -- the lede is still there, cut after its dateline
    assert.is_truthy(all[1].text:match("^Chinese President Xi Jinping"))
  end)

  it("takes a ratio", function()
    local all = sift.summarize(seed, { ratio = 1 })
    local half = sift.summarize(seed, { ratio = 0.5 })
    assert.are.equal(math.floor(#all * 0.5 + 0.5), #half)
    assert.are.equal(1, #sift.summarize(seed, { ratio = 0.001 }))
  end)

  it("leaves out what is off the article's subject", function()
    local text = table.concat({
      "Harbour bridge approved",
      "",
      "The council approved a new harbour bridge on Tuesday after a long debate about the harbour.",
      "The harbour bridge will link the ferry terminal with the fish market on the harbour.",
      "A bakery in another town sold out of rye bread and cinnamon buns at the weekend fair.",
      "Engineers said the harbour bridge would have a lifting section so that boats can pass the bridge.",
      "The cost of the harbour bridge is £48m, paid by a grant and a loan from the bank for the bridge.",
    }, "\n\n")
    local s = sift.summarize(text, { sentences = 3 })
    for _, x in ipairs(s) do
      assert.is_nil(x.text:find("bakery", 1, true))
    end
  end)

  it("passes over a sentence that repeats one already chosen", function()
    local sentence = "The council approved the harbour bridge after a vote on Tuesday night in the town hall."
    local text = "Bridge\n\n" .. sentence .. " " .. sentence
      .. " The ferry operator welcomed the decision about the bridge."
    local s = sift.summarize(text, { sentences = 2 })
    assert.are.equal(2, #s)
    assert.are_not.equal(s[1].text, s[2].text)
  end)

  it("works on what has no sentences", function()
    assert.are.same({}, sift.summarize(""))
    assert.are.same({}, sift.summarize("Just a headline"))
    assert.are.same({}, sift.summarize(seed, { sentences = 0 }))
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.summarize(nil) end, "bad argument #1 to 'summarize' (string expected, got nil)")
    assert.has_error(function() sift.summarize("x", { sentence = 2 }) end,
      "bad argument #2 to 'summarize' (unknown option 'sentence')")
    assert.has_error(function() sift.summarize("x", { sentences = -1 }) end)
    assert.has_error(function() sift.summarize("x", { ratio = 2 }) end)
    assert.has_error(function() sift.summarize("x", { ratio = 0.5, sentences = 2 }) end)
    assert.has_error(function() sift.summarize("x", { weights = { nope = 1 } }) end,
      "bad argument #2 to 'summarize' (unknown weight 'nope')")
  end)

  -- issue 12, item 6: ratio = 0/0 was taken, and a weight of 0/0 or -math.huge gave an empty summary
  it("checks the numbers of its options: NaN, infinities, ranges", function()
    local function fails(opts, message)
      assert.has_error(function() sift.summarize(seed, opts) end, "bad argument #2 to 'summarize' (" .. message .. ")")
    end
    local all = #sift.summarize(seed, { ratio = 1 })
    for _, n in ipairs({ math.huge, 2 ^ 63, 1e308, math.maxinteger, 1e6 }) do
      assert.are.equal(all, #sift.summarize(seed, { sentences = n }))
    end
    assert.are.equal(2, #sift.summarize(seed, { sentences = 2.0 }))
    fails({ sentences = 0 / 0 }, "option 'sentences' must be a whole number >= 0, got nan")
    fails({ sentences = -math.huge }, "option 'sentences' must be a whole number >= 0, got -inf")
    fails({ sentences = 1.5 }, "option 'sentences' must be a whole number >= 0, got 1.5")
    fails({ sentences = -1 }, "option 'sentences' must be a whole number >= 0, got -1")
    for _, r in ipairs({ 0 / 0, 0, -0.0, -0.5, 1.5, math.huge, -math.huge }) do
      local got = r ~= r and "nan" or tostring(r)
      fails({ ratio = r }, "option 'ratio' must be a number above 0 and at most 1, got " .. got)
    end
    assert.are.equal(1, #sift.summarize(seed, { ratio = 1e-300 }))
    for _, w in ipairs({ 0 / 0, math.huge, -math.huge, -1, "1" }) do
      local got = type(w) == "string" and "string" or w ~= w and "nan" or tostring(w)
      fails({ weights = { centrality = w } }, "weight 'centrality' must be a finite number >= 0, got " .. got)
      fails({ weights = { entities = w } }, "weight 'entities' must be a finite number >= 0, got " .. got)
    end
    fails({ weights = { centrality = 1e308, position = 1e308 } }, "the weights must have a finite sum, got inf")
    -- zero weights are weights: all of them zero, the first sentences (ties go to the earlier)
    local zero = sift.summarize(seed, { sentences = 2,
      weights = { centrality = 0, position = 0, headline = 0, keywords = 0, entities = 0 } })
    assert.are.equal(2, #zero)
    assert.are.same({ 1, 2 }, { zero[1].index, zero[2].index })
    -- huge but finite weights rank as their ratios do
    local big = sift.summarize(seed, { weights = { centrality = 1e300, position = 1e300, headline = 6e299,
      keywords = 4e299, entities = 3e299 } })
    local plain = sift.summarize(seed)
    assert.are.equal(#plain, #big)
    for k = 1, #plain do
      assert.are.equal(plain[k].index, big[k].index)
    end
  end)

  it("checks the spans of sentence_list and the mentions of entities", function()
    local text = "The council voted for the bridge on Tuesday night. The trust will build it next year."
    local spans = sift.sentences(text)
    assert.are.equal(2, #sift.summarize(text, { sentence_list = spans }))
    local function fails(opts, message)
      assert.has_error(function() sift.summarize(text, opts) end, "bad argument #2 to 'summarize' (" .. message .. ")")
    end
    fails({ sentence_list = { 5 } }, "option 'sentence_list': item 1 must be a table, got number")
    for _, bad in ipairs({ 0 / 0, 1.5, 0, #text + 1, math.huge, "1" }) do
      local got = type(bad) == "string" and "string" or bad ~= bad and "nan" or tostring(bad)
      fails({ sentence_list = { { i = 1, j = 10 }, { i = bad, j = 20 } } },
        "option 'sentence_list': field 'i' of item 2 must be a whole number from 1 to " .. #text .. ", got " .. got)
      fails({ sentence_list = { { i = 1, j = bad } } },
        "option 'sentence_list': field 'j' of item 1 must be a whole number from 1 to " .. #text .. ", got " .. got)
    end
    fails({ sentence_list = { { i = 20, j = 30 }, { i = 25, j = 40 } } },
      "option 'sentence_list': item 2 starts at 25, before the end of item 1")
    assert.are.equal(1, #sift.summarize(text, { sentence_list = { { i = 1.0, j = 51.0 } } }))
    fails({ entities = true }, "option 'entities' must be a table or false, got boolean")
    fails({ entities = { 5 } }, "option 'entities': item 1 must be a table, got number")
    fails({ entities = { { text = "council" } } },
      "option 'entities': field 'i' of item 1 must be a whole number, got nil")
    fails({ entities = { { i = 0 / 0, text = "council" } } },
      "option 'entities': field 'i' of item 1 must be a whole number, got nan")
    fails({ entities = { { i = 5 } } }, "option 'entities': item 1 must have a string text, got nil")
    assert.are.equal(2, #sift.summarize(text, { entities = { { i = 5, j = 11, text = "council", type = "ORG" } } }))
  end)

  it("beats Lead-3 on ROUGE-2 over the BBC articles", function()
    local files = helpers.bbc_articles()
    local article = require "sift.article"
    local ours, lead = 0, 0
    for _, path in ipairs(files) do
      local text = sift.decode(helpers.read(path))
      local ref = sift.decode(helpers.read((path:gsub("/articles/", "/summaries/"))))
      local mine = {}
      for k, x in ipairs(sift.summarize(text, { sentences = 3 })) do
        mine[k] = x.text
      end
      local first = {}
      for _, p in ipairs(article.parse(text).paragraphs) do
        for _, x in ipairs(sift.sentences(p.text)) do
          if #first < 3 then
            first[#first + 1] = x.text
          end
        end
      end
      ours = ours + rouge.scores(table.concat(mine, " "), ref).r2.f
      lead = lead + rouge.scores(table.concat(first, " "), ref).r2.f
    end
    assert.is_true(ours > lead, ("ROUGE-2 %.4f, Lead-3 %.4f"):format(ours / #files, lead / #files))
  end)
end)
