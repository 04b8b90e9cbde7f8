-- eval/rouge.lua, the ROUGE of `make eval-summary`, on cases worked out by hand.
package.path = "./eval/?.lua;" .. package.path
local rouge = require "rouge"

describe("eval/rouge.lua", function()
  it("tokenizes like the ROUGE script: lower case, letters and digits only", function()
    assert.are.same({ "the", "firm", "s", "10", "9bn", "for" }, rouge.tokens("The firm's $10.9bn.For"))
  end)

  it("computes ROUGE-1 and ROUGE-2 with clipped counts", function()
    local cand = rouge.tokens("the cat sat on the mat")
    local ref = rouge.tokens("the cat was on the mat")
    local r1 = rouge.n(cand, ref, 1)
    assert.are.equal(5 / 6, r1.p)
    assert.are.equal(5 / 6, r1.r)
    local r2 = rouge.n(cand, ref, 2)
    -- bigrams: the cat, cat sat, sat on, on the, the mat / the cat, cat was, was on, on the, the mat
    assert.are.equal(3 / 5, r2.p)
    assert.are.equal(3 / 5, r2.f)
    -- "the the the" against "the": clipped to one match
    local clip = rouge.n(rouge.tokens("the the the"), rouge.tokens("the"), 1)
    assert.are.equal(1 / 3, clip.p)
    assert.are.equal(1, clip.r)
  end)

  it("computes ROUGE-L from the longest common subsequence", function()
    assert.are.equal(4, rouge.lcs({ "a", "b", "c", "d", "e" }, { "a", "x", "b", "d", "e" }))
    local l = rouge.l(rouge.tokens("police killed the gunman"), rouge.tokens("police kill the gunman"))
    assert.are.equal(3 / 4, l.f)
    assert.are.same({ p = 0, r = 0, f = 0 }, rouge.l({}, { "a" }))
  end)
end)
