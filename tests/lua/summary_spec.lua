-- sift.summarize: extractive summaries.
local sift = require "sift"
local helpers = require "helpers"

package.path = "./tools/?.lua;" .. package.path
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
