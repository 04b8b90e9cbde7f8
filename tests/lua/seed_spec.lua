-- The seed article (../shared/data/seed): what a reader of it expects from the tokenizer.
local sift = require "sift"
local helpers = require "helpers"

describe("the seed article", function()
  local text = helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt")
  local tokens = sift.tokens(text)

  local function find_all(pred)
    local out = {}
    for n, t in ipairs(tokens) do
      if pred(t, n) then
        out[#out + 1] = t
      end
    end
    return out
  end

  it("splits ’s off as a clitic", function()
    local clitics = find_all(function(t) return t.kind == "clitic" end)
    assert.is_true(#clitics >= 5)
    for _, t in ipairs(clitics) do
      assert.are.equal("’s", t.text)
    end
    assert.are.same({}, find_all(function(t) return t.kind == "word" and t.text:find("’") end))
  end)

  it("reads 25th and 18th as numbers", function()
    for _, want in ipairs({ "25th", "18th" }) do
      local found = find_all(function(t) return t.text == want end)
      assert.is_true(#found >= 1, want)
      for _, t in ipairs(found) do
        assert.are.equal("number", t.kind)
      end
    end
  end)

  it("makes (CPC) three tokens", function()
    local found = find_all(function(t, n)
      return t.text == "(" and tokens[n + 1].text == "CPC" and tokens[n + 2].text == ")"
    end)
    assert.is_true(#found >= 1)
  end)

  it("makes the en dash punctuation", function()
    local dashes = find_all(function(t) return t.text == "–" end)
    assert.is_true(#dashes >= 1)
    for _, t in ipairs(dashes) do
      assert.are.equal("punct", t.kind)
    end
  end)

  it("tiles the text with spaces on", function()
    local pos = 1
    for _, t in ipairs(sift.tokens(text, { spaces = true })) do
      assert.are.equal(pos, t.i)
      assert.are.equal(t.text, text:sub(t.i, t.j))
      pos = t.j + 1
    end
    assert.are.equal(#text + 1, pos)
  end)
end)
