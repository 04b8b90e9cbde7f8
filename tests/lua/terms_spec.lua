-- sift.terms: content words with keys that group their forms; the stop words, spelling pairs and
-- weak words shipped as data.
local terms = require "sift.terms"
local core = require "sift.core"

local function scan(text, stopset)
  local keys, info = terms.scan(text, stopset)
  local out = {}
  for n = 1, #keys do
    local i, j, flags = terms.unpack(info[n])
    out[n] = { key = keys[n], text = text:sub(i, j), flags = flags }
  end
  return out
end

describe("sift.terms", function()
  it("skips stop words, numbers and punctuation, keeping offsets", function()
    local got = scan("The councils of Kessling voted 31 to 9, and the mayor's office said no.")
    local texts = {}
    for n, t in ipairs(got) do
      texts[n] = t.text
    end
    assert.are.same({ "councils", "Kessling", "voted", "mayor", "office", "said" }, texts)
    assert.are.equal("council", got[1].key)
    assert.are.equal("kessl", got[2].key)
  end)

  it("flags breaks, capitals, sentence starts, abbreviations and paragraphs", function()
    local got = scan("Central Military Commission met.\n\nThe U.S. envoy CPC spoke")
    assert.are.equal(terms.BREAK | terms.START | terms.CAPITAL, got[1].flags & 0x0F)
    assert.are.equal(terms.CAPITAL, got[2].flags)
    assert.are.equal(0, got[4].flags & terms.BREAK) -- "met" follows "Commission" directly
    assert.is_true(got[5].flags & terms.PARAGRAPH ~= 0) -- U.S., after the blank line
    assert.is_true(got[5].flags & terms.ABBREV ~= 0)
    assert.are.equal("u.s.", got[5].key)
    assert.is_true(got[7].flags & terms.UPPER ~= 0) -- CPC
    assert.is_true(got[5].flags & terms.START == 0) -- "The" took the sentence start
  end)

  it("leaves titles out, with or without their full stop", function()
    local got = scan("Mr Okafor met Mrs. Sarrow and Dr Wieliczko")
    local texts = {}
    for n, t in ipairs(got) do
      texts[n] = t.text
    end
    assert.are.same({ "Okafor", "met", "Sarrow", "Wieliczko" }, texts)
  end)

  it("groups British and American spellings", function()
    local pairs_ = {
      { "industrialisation", "industrialization" }, { "emphasised", "emphasized" }, { "emphasise", "emphasize" },
      { "colour", "color" }, { "centre", "center" }, { "defence", "defense" }, { "modernisation", "modernization" },
      { "organisations", "organizations" }, { "labour", "labor" },
    }
    for _, p in ipairs(pairs_) do
      assert.are.equal(terms.key(p[2]), terms.key(p[1]), p[1] .. " / " .. p[2])
    end
    -- and does not merge words that only look alike
    assert.are_not.equal(terms.key("prise"), terms.key("prize"))
    assert.are_not.equal(terms.key("emphasis"), terms.key("emphasize"))
  end)

  it("ships a stop word list that can be replaced", function()
    local list = terms.stopwords()
    assert.is_true(#list > 150)
    local set = {}
    for _, w in ipairs(list) do
      set[w] = true
    end
    for _, w in ipairs({ "the", "and", "of", "would", "ca", "wo" }) do
      assert.is_true(set[w], w)
    end
    local mine = terms.stopset({ "Kessling", "VOTED" })
    local got = scan("The councils of Kessling voted", mine)
    assert.are.equal("The", got[1].text)
    assert.are.equal(3, #got)
    assert.has_error(function() terms.stopset({ 1 }) end)
    assert.has_error(function() terms.stopset("the") end)
  end)

  it("knows the common words that are seldom nouns", function()
    local weak = terms.weak()
    assert.is_true(weak[terms.key("said")])
    assert.is_true(weak[terms.key("now")])
    assert.is_nil(weak[terms.key("government")])
    assert.is_nil(weak[terms.key("bridge")])
  end)

  it("checks the set it is given", function()
    assert.has_error(function() core._terms("text", {}) end)
    assert.are.same({}, (terms.scan("")))
  end)
end)
