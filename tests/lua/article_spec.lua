-- sift.article: headline, captions, dateline, paragraphs and dates of news text.
local article = require "sift.article"
local cli = require "sift.cli"
local helpers = require "helpers"

describe("sift.article.parse", function()
  it("finds the seed article's headline, caption and dateline", function()
    local text = helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt")
    local a = article.parse(text)
    assert.is_truthy(a.headline.text:match("^Xi Jinping’s instructions emphasise new industrialisation"))
    assert.are.equal(1, #a.captions)
    assert.are.equal("President Xi", a.captions[1].text)
    assert.are.equal("25th September 2023 – (Beijing)", a.dateline.text)
    assert.are.equal("Beijing", a.dateline.place)
    assert.are.equal("2023-09-25", a.date)
    -- the first paragraph starts after the dateline
    assert.is_truthy(a.paragraphs[1].text:match("^Chinese President Xi Jinping"))
    for _, p in ipairs(a.paragraphs) do
      assert.are.equal(p.text, text:sub(p.i, p.j))
    end
  end)

  it("reads the samples, Markdown headings and lists included", function()
    local md = cli.markdown_text(helpers.read("samples/library-reopens.md"))
    local a = article.parse(md)
    assert.are.equal("Restored Kessling library reopens after flood repairs", a.headline.text)
    assert.are.equal("2024-11-21", a.date)
    local kinds = {}
    for _, p in ipairs(a.paragraphs) do
      kinds[p.kind] = (kinds[p.kind] or 0) + 1
    end
    assert.is_true(kinds.heading >= 2)
    assert.are.equal(4, kinds.list)
    assert.is_true(kinds.body >= 4)
  end)

  it("knows wire datelines", function()
    for s, len in pairs({
      ["LONDON (Reuters) - Shares fell."] = #"LONDON (Reuters) - ",
      ["WASHINGTON, March 3 (AP) — The Senate voted."] = #"WASHINGTON, March 3 (AP) — ",
      ["THURSDAY, March 31 (HealthDay News) - The rate fell."] = #"THURSDAY, March 31 (HealthDay News) - ",
      ["LONDON — Shares fell."] = #"LONDON — ",
      ["3rd March 2025 – (Lisbon)"] = #"3rd March 2025 – (Lisbon)",
    }) do
      assert.are.equal(len, article.dateline_length(s), s)
    end
    assert.is_nil(article.dateline_length("The council (CHT) said - no."))
    assert.is_nil(article.dateline_length("Prices rose 3% (a record) - again."))
  end)

  it("reads dates", function()
    assert.are.equal("2023-09-25", article.date("25th September 2023"))
    assert.are.equal("2025-09-03", article.date("Sept. 3, 2025"))
    assert.are.equal("2024-11-21", article.date("2024-11-21"))
    assert.are.equal("2024-11", article.date("in November 2024"))
    assert.is_nil(article.date("no date here, 31 Smarch 2024"))
  end)

  it("does not take a wrapped paragraph's first line for a headline", function()
    local a = article.parse("The council voted on Tuesday to build a bridge across the\nold harbour, ending a row.\n")
    assert.is_nil(a.headline)
    assert.are.equal(1, #a.paragraphs)
    a = article.parse("Bridge approved\nThe council voted on Tuesday.\n")
    assert.are.equal("Bridge approved", a.headline.text)
    assert.are.equal("The council voted on Tuesday.", a.paragraphs[1].text)
  end)

  it("takes a headline from the options when the text has none", function()
    local a = article.parse("The council voted on Tuesday.", { headline = "Bridge approved" })
    assert.are.equal("Bridge approved", a.headline.text)
    assert.is_nil(a.headline.i)
    assert.has_error(function() article.parse(42) end)
  end)

  it("splits sentences without sift.sentences", function()
    local text = 'Mr. Okafor said "no." The U.S. firm agreed! Did it? Yes'
    local got = {}
    for n, s in ipairs(article.split_sentences(text, 1, #text)) do
      got[n] = text:sub(s.i, s.j)
    end
    assert.are.same({ 'Mr. Okafor said "no."', "The U.S. firm agreed!", "Did it?", "Yes" }, got)
  end)
end)
