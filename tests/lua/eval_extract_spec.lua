-- eval/extract_score.lua, the scoring of `make eval-extract` (eval/extract.lua), on cases worked
-- out by hand.
package.path = "./eval/?.lua;" .. package.path
local score = require "extract_score"

describe("eval/extract_score.lua", function()
  it("collapses white space as Python's str.split does, non-breaking and wide spaces too", function()
    assert.are.equal("a b c d e", score.collapse("  a\t\n b\u{A0}c\u{2009}d\u{3000}\r\ne  "))
    assert.are.equal("", score.collapse(" \n\t "))
    assert.are.equal("", score.collapse(nil))
    -- the lead byte of a multi-byte space is never taken for a part of another character
    assert.are.equal("\u{20AC}\u{2100}", score.collapse("\u{20AC}\u{2100}"))
  end)

  it("counts TP, FN, FP and TN by substring, white space collapsed on both sides", function()
    local text = "Breaking:   the  bridge\nopened today.\n\nShare this\u{A0}story"
    local c = score.count_passages(text,
      { "the bridge opened", "bridge  opened today.", "closed for good" },
      { "Share this story", "Cookie settings" })
    assert.are.same({ tp = 2, fn = 1, fp = 1, tn = 1 }, c)
    -- counts add up over pages; no output finds nothing
    score.count_passages(nil, { "a" }, { "b", "c" }, c)
    assert.are.same({ tp = 2, fn = 2, fp = 1, tn = 3 }, c)
    -- a passage must be found whole, in one piece
    assert.are.same({ tp = 0, fn = 1, fp = 0, tn = 0 }, score.count_passages("the bridge", { "the bridge opened" }, {}))
  end)

  it("gives precision, recall, F1 and accuracy of the summed counts", function()
    local p, r, f, acc = score.rates({ tp = 3, fn = 1, fp = 1, tn = 5 })
    assert.are.equal(3 / 4, p)
    assert.are.equal(3 / 4, r)
    assert.are.equal(3 / 4, f)
    assert.are.equal(8 / 10, acc)
    p, r, f = score.rates({ tp = 2, fn = 0, fp = 2, tn = 0 })
    assert.are.equal(0.5, p)
    assert.are.equal(1, r)
    assert.is_true(math.abs(f - 2 / 3) < 1e-12)
    assert.are.same({ 0, 0, 0, 0 }, { score.rates({ tp = 0, fn = 0, fp = 0, tn = 0 }) })
  end)

  it("strips tags simply: blocks become paragraphs, scripts go, references are decoded", function()
    local s = '<div id="readability-page-1"><h1>Title</h1><p>A &amp; B&#x2019;s  <a href="#">link</a></p>'
      .. "<script>var x = '<p>';</script><!-- <p>comment</p> --><p>one<br>two</p><ul><li>item</li></ul></div>"
    assert.are.equal("Title\n\nA & B\u{2019}s link\n\none\ntwo\n\nitem", score.strip_html(s))
  end)

  it("tokenizes into case-folded words, punctuation outside ASCII splitting them", function()
    assert.are.same({ "the", "bridge", "s", "12", "köln", "don", "t", "a", "b" },
      score.tokens("The BRIDGE\u{2019}s 12 \u{201C}köln\u{201D} don't a\u{2014}b"))
  end)

  it("computes a bag-of-words F1 with clipped counts", function()
    local f, p, r = score.token_f1({ "a", "a", "b", "c" }, { "a", "b", "b", "d", "e" })
    assert.are.equal(2 / 4, p) -- a once (the reference has one), b once
    assert.are.equal(2 / 5, r)
    assert.is_true(math.abs(f - 2 * 0.5 * 0.4 / 0.9) < 1e-12)
    assert.are.equal(1, (score.token_f1({ "x", "y" }, { "y", "x" })))
    assert.are.equal(0, (score.token_f1({}, { "x" })))
    assert.is_nil(score.token_f1({ "x" }, {}))
  end)

  it("measures keyword overlap as |A n B| / max(#A, #B), duplicates once", function()
    local a = { "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10" }
    local b = { "k1", "k3", "x1", "k5", "x2", "x3", "k10", "x4", "x5", "x6" }
    assert.are.equal(4 / 10, score.keyword_overlap(a, b))
    assert.are.equal(1, score.keyword_overlap(a, a))
    -- a short list is not rewarded for being short: 2 in common, 4 on the longer side
    assert.are.equal(2 / 4, score.keyword_overlap({ "a", "b", "c" }, { "b", "c", "d", "e" }))
    assert.are.equal(2 / 4, score.keyword_overlap({ "b", "c", "d", "e" }, { "a", "b", "b", "c" }))
    assert.are.equal(0, score.keyword_overlap({}, { "a" }))
    assert.is_nil(score.keyword_overlap({}, {}))
    assert.are.same({ "bridg", "harbor" }, score.keys({ { key = "bridg" }, { key = "harbor" }, { key = "x" } }, 2))
  end)

  it("matches metadata: titles and sites equal once collapsed and folded", function()
    assert.is_true(score.agree.title("  The  Bridge\nOpens ", "the bridge opens"))
    assert.is_false(score.agree.title("The bridge opens - Port News", "The bridge opens"))
    assert.is_false(score.agree.title(nil, "x"))
    assert.is_false(score.agree.title("", ""))
    assert.is_true(score.agree.site("BBC  News", "bbc news"))
  end)

  it("matches bylines without their 'By', one holding the other at word boundaries", function()
    assert.is_true(score.agree.byline("Jane Doe", "By Jane Doe, Science Editor"))
    assert.is_true(score.agree.byline("by JANE DOE.", "Jane Doe"))
    assert.is_false(score.agree.byline("Jan", "Janet Doe"))
    assert.is_false(score.agree.byline(nil, "Jane Doe"))
    assert.is_false(score.agree.byline("Jane Doe", nil))
    -- every author in the reference byline
    assert.is_true(score.agree.byline(nil, "By Jane Doe and John Roe", { "Jane Doe", "John Roe" }))
    assert.is_false(score.agree.byline(nil, "By Jane Doe", { "Jane Doe", "John Roe" }))
  end)

  it("matches dates by their date part and languages by their primary subtag", function()
    assert.is_true(score.agree.date("2015-07-24", "2015-07-24T05:36:09+01:00"))
    assert.is_true(score.agree.date("2015-07-24T23:00:00Z", "2015-07-24T05:36:09+01:00"))
    assert.is_false(score.agree.date("2015-07-25", "2015-07-24T05:36:09+01:00"))
    assert.is_false(score.agree.date("July 24, 2015", "2015-07-24"))
    assert.is_false(score.agree.date(nil, "2015-07-24"))
    assert.is_false(score.agree.date("no date", "no date"))
    assert.is_true(score.agree.lang("en-GB", "en"))
    assert.is_true(score.agree.lang("EN_us", "en-US"))
    assert.is_false(score.agree.lang("de", "en"))
    assert.is_false(score.agree.lang(nil, "en"))
    assert.is_false(score.agree.lang("en", nil))
  end)
end)
