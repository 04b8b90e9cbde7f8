-- sift.stem: the Porter stemmer, against the reference vocabulary of Debian's snowball-data.
local sift = require "sift"
local helpers = require "helpers"

local PORTER = "/usr/share/snowball/data/porter"

describe("sift.stem", function()
  it("gives the reference output for every word of the Porter vocabulary longer than two letters", function()
    local voc = assert(io.open(PORTER .. "/voc.txt"), "install Debian's snowball-data")
    local out = assert(io.open(PORTER .. "/output.txt"))
    local n, bad = 0, {}
    for word in voc:lines() do
      local want = out:read("l")
      if #word > 2 then
        n = n + 1
        local got = sift.stem(word)
        if got ~= want and #bad < 10 then
          bad[#bad + 1] = ("%s -> %s, not %s"):format(word, got, want)
        end
      end
    end
    voc:close()
    out:close()
    assert.is_true(n > 30000, "only " .. n .. " words read")
    assert.are.same({}, bad)
  end)

  it("groups inflections", function()
    assert.are.equal(sift.stem("elections"), sift.stem("election"))
    assert.are.equal("elect", sift.stem("elected"))
    assert.are.equal(sift.stem("industrialization"), sift.stem("industrial"))
    assert.are.equal("run", sift.stem("running"))
  end)

  it("leaves other words alone: capitals, digits, accents, apostrophes, two letters", function()
    for _, w in ipairs({ "Elections", "covid19", "café", "don't", "is", "as", "", "UN" }) do
      assert.are.equal(w, sift.stem(w))
    end
  end)

  it("raises on a non-string", function()
    assert.has_error(function() sift.stem({}) end)
  end)

  it("is what keyword counting uses", function()
    local text = helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt")
    assert.is_true(#text > 1000)
    assert.are.equal(sift.stem("instructions"), require("sift.terms").key("Instructions"))
  end)
end)
