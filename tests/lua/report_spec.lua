-- sift.report: the report on a set of articles, as HTML and Markdown.
local report = require "sift.report"

local ARTICLES = {
  { name = "a", date = "2025-05-15", title = "Bridge <vote> & more",
    text = "Bridge <vote> & more\n\nThe council approved the bridge on Tuesday. The bridge will cost £48m, " ..
      "council leader Edwina Sarrow said. Traders welcomed the bridge." },
  { name = "b", date = "2025-05-22",
    text = "Marina asks for guarantees\n\nThe marina asked the council for guarantees on the bridge. " ..
      "Marina manager Colin Ashdown said boats could not wait. The marina wants the bridge open on demand." },
  { name = "c", text = "Library exhibition\n\nThe library opened an exhibition on the harbour. " ..
      "Librarian Alan Okoro said visitors came every day. The exhibition runs until August." },
}

local function build(opts)
  local r = report.new(opts)
  for _, a in ipairs(ARTICLES) do
    r:add(a)
  end
  return r
end

describe("sift.report", function()
  it("makes a self-contained HTML page with charts, escaping the text", function()
    local html = build({ title = "Harbour <news>" }):html()
    assert.is_truthy(html:match("^<!DOCTYPE html>"))
    assert.is_truthy(html:find("<h1>Harbour &lt;news&gt;</h1>", 1, true))
    assert.is_truthy(html:find("<h2>Bridge &lt;vote&gt; &amp; more</h2>", 1, true))
    assert.is_nil(html:find("<vote>", 1, true))
    local svgs = 0
    for _ in html:gmatch('<svg class="chart') do
      svgs = svgs + 1
    end
    assert.are.equal(3, svgs) -- keywords, entity types, keywords over time (two dated articles)
    assert.is_truthy(html:find('<text x="%d+" y="%d+" text%-anchor="end" class="label">bridge</text>'))
    assert.is_nil(html:find("<script", 1, true))
    -- every summary sentence of an article is on the page
    assert.is_truthy(html:find("The council approved the bridge on Tuesday.", 1, true))
    -- tags are balanced
    for _, tag in ipairs({ "svg", "article", "figure", "section", "ul", "table" }) do
      local open, close = 0, 0
      for _ in html:gmatch("<" .. tag .. "[ >]") do
        open = open + 1
      end
      for _ in html:gmatch("</" .. tag .. ">") do
        close = close + 1
      end
      assert.are.equal(open, close, tag)
    end
  end)

  it("draws the top keywords over the articles' dates", function()
    local r = build()
    local periods, series = r:timeline(3)
    assert.are.same({ "2025-05-15", "2025-05-22" }, periods)
    assert.are.equal(3, #series)
    local bridge
    for _, s in ipairs(series) do
      if s.term == "bridge" then
        bridge = s
      end
    end
    assert.is_truthy(bridge)
    assert.are.same({ 4, 2 }, bridge.values) -- the headline counts too
    -- one dated article: no timeline
    local one = report.new()
    one:add(ARTICLES[1])
    one:add(ARTICLES[3])
    assert.is_nil(one:timeline())
    assert.is_nil(one:html():find('id="timeline-chart"', 1, true))
  end)

  it("makes Markdown with tables", function()
    local md = build({ title = "Harbour", top = 3, sentences = 1 }):markdown()
    assert.is_truthy(md:match("^# Harbour\n"))
    assert.is_truthy(md:find("| # | Keyword | Mentions | Articles |", 1, true))
    assert.is_truthy(md:find("## Top keywords over time", 1, true))
    assert.is_truthy(md:find("## Bridge <vote> & more", 1, true) or md:find("## Bridge \\<vote\\> & more", 1, true))
  end)

  it("checks its options", function()
    assert.has_error(function() report.new({ titel = "x" }) end, "bad argument #1 to 'new' (unknown option 'titel')")
    assert.has_error(function() report.new({ top = "3" }) end)
    assert.has_error(function() report.new():add(42) end)
  end)

  -- issue 12, item 6: a NaN top was reported as an option of 'collector', a NaN sentences as one
  -- of 'summarize', and top = math.huge reached sift.core._rank ("bad argument #3 to '_rank'")
  it("checks the numbers of its options, and takes a huge one as all", function()
    for _, k in ipairs({ "top", "sentences" }) do
      for _, v in ipairs({ 0 / 0, -1, 1.5, -math.huge }) do
        assert.has_error(function() report.new({ [k] = v }) end,
          ("bad argument #1 to 'new' (option '%s' must be a whole number >= 0, got %s)")
          :format(k, v ~= v and "nan" or tostring(v)))
      end
    end
    local every = build({ top = 1000, sentences = 1000, entities = false }):markdown()
    for _, v in ipairs({ math.huge, 2 ^ 63, 1e308, math.maxinteger }) do
      assert.are.equal(every, build({ top = v, sentences = v, entities = false }):markdown())
    end
    assert.are.equal(build({ top = 2, entities = false }):markdown(), build({ top = 2.0, entities = false }):markdown())
    local r = build({ entities = false })
    local _, three = r:timeline(3)
    assert.are.equal(3, #three)
    local _, all = r:timeline(math.huge)
    assert.are.equal(#r:result().top, #all)
    local _, none = r:timeline(0)
    assert.are.equal(0, #none)
    for _, v in ipairs({ 0 / 0, -1, 1.5, "3" }) do
      assert.has_error(function() r:timeline(v) end, "bad argument #1 to 'timeline' (a whole number >= 0 expected, got "
        .. (type(v) == "string" and "string" or v ~= v and "nan" or tostring(v)) .. ")")
    end
  end)

  it("writes valid UTF-8 whatever bytes an article's name, title or text hold", function()
    local r = report.new({ title = "Bytes \255", entities = false })
    r:add({ text = "Harbour news from Lisbon.\nThe port reopened on Monday \254 after repairs.\n",
      name = "bad\255name.txt", title = "Title \192", date = "2025-05-14\255" })
    for _, page in ipairs({ r:html(), r:markdown() }) do
      assert.truthy(utf8.len(page), "ill-formed UTF-8 in the report")
      assert.truthy(page:find("bad\u{FFFD}name.txt", 1, true))
    end
  end)
end)
