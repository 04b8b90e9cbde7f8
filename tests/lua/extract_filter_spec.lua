-- `sift extract` and how every filter reads a web page: through sift.extract, the article alone
-- or every visible block (--whole-page); JSON Lines records with an "html" field.
local helpers = require "helpers"
local json = require "sift.json"

local LUA = "lua" .. _VERSION:match("%d+%.%d+")
local run, tmpdir, write, quote = helpers.run, helpers.tmpdir, helpers.write, helpers.quote

-- A page written for these tests: menus, a cookie notice, a side bar and a footer around an
-- article of three paragraphs, a subheading and a list; in windows-1252, as its <meta> says.
local PAGE = table.concat({
  '<!DOCTYPE html><html lang="en"><head><meta charset="windows-1252">',
  '<meta name="author" content="Ana Duarte"><meta property="og:site_name" content="Calloway Gazette">',
  '<meta property="article:published_time" content="2025-05-14T09:30:00Z">',
  "<title>Harbour bridge opens - Calloway Gazette</title></head><body>",
  '<header><nav class="main-menu"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>',
  ' <a href="/weather">Weather</a></nav></header>',
  '<div class="cookie-banner">We use cookies. <a href="/cookies">Accept all cookies</a></div>',
  "<main><article><h1>Harbour bridge opens</h1>",
  "<p>The new harbour bridge opened on Monday, two years after councillors approved it, and the first",
  " cyclists crossed it at dawn while the mayor cut a ribbon in front of a small crowd.</p>",
  "<p>Traffic on the old ferry fell by half within hours, the operator said, and the caf\xE9 owners",
  " on the quay reported their busiest morning since the summer, with queues along the water.</p>",
  "<h2>What it cost</h2>",
  "<p>The bridge cost \xA348m, less than planned, according to the council's engineers, who said the",
  " steel had been bought before prices rose last spring and the works finished a month early.</p>",
  "<ul><li>Length: 220 metres</li><li>Width: 6 metres</li></ul>",
  "</article></main>",
  '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ferry timetable changes</a></li>',
  '<li><a href="/b">Quay parking plan</a></li></ul></aside>',
  '<footer><p>Copyright Calloway Gazette. <a href="/contact">Contact us</a></p></footer>',
  "</body></html>",
})

describe("sift extract and web pages in the filters", function()
  local dir, page

  setup(function()
    dir = tmpdir()
    page = dir .. "/bridge.html"
    write(page, PAGE)
  end)

  teardown(function()
    os.execute("rm -rf " .. quote(dir))
  end)

  it("writes the article alone, decoded from the page's own encoding", function()
    local code, out, err = run(LUA .. " bin/sift extract " .. quote(page))
    assert.are.equal(0, code, err)
    assert.truthy(out:find("The new harbour bridge opened on Monday", 1, true))
    assert.truthy(out:find("caf\u{E9} owners", 1, true))
    assert.truthy(out:find("\u{A3}48m", 1, true))
    for _, boilerplate in ipairs({ "Accept all cookies", "Weather", "Related stories", "Quay parking plan",
      "Contact us" }) do
      assert.falsy(out:find(boilerplate, 1, true), boilerplate)
    end
    -- in reading order
    local a, b, c = out:find("The new harbour", 1, true), out:find("Traffic on the old", 1, true),
      out:find("The bridge cost", 1, true)
    assert.is_true(a < b and b < c)
  end)

  it("gives blocks with kinds, and offsets into its text and into the page", function()
    local code, out, err = run(LUA .. " bin/sift extract --format json " .. quote(page))
    assert.are.equal(0, code, err)
    local rec = assert(json.decode(out))
    assert.truthy(rec.title:find("Harbour bridge opens", 1, true))
    local kinds = {}
    for _, b in ipairs(rec.blocks) do
      kinds[b.kind] = (kinds[b.kind] or 0) + 1
      assert.are.equal(b.text, rec.text:sub(b.i, b.j))
      assert.is_true(b.src_i >= 1 and b.src_j <= #PAGE and b.src_i <= b.src_j)
    end
    assert.is_true((kinds.paragraph or 0) >= 3)
    assert.are.equal(2, kinds.list_item)
    assert.is_true((kinds.heading or 0) >= 1)
  end)

  it("gives the page's metadata, and sift report shows it", function()
    local code, out = run(LUA .. " bin/sift extract --format json " .. quote(page))
    assert.are.equal(0, code)
    local rec = assert(json.decode(out))
    assert.are.equal("Harbour bridge opens", rec.title)
    assert.are.same({ "Ana Duarte" }, rec.authors)
    assert.are.equal("Calloway Gazette", rec.site)
    assert.are.equal("2025-05-14T09:30:00Z", rec.date)
    assert.are.equal("en", rec.lang)
    code, out = run(LUA .. " bin/sift report --format md " .. quote(page))
    assert.are.equal(0, code)
    assert.truthy(out:find("Ana Duarte · 2025-05-14T09:30:00Z · Calloway Gazette", 1, true), out)
  end)

  it("writes Markdown and a clean HTML page", function()
    local code, out = run(LUA .. " bin/sift extract --format markdown " .. quote(page))
    assert.are.equal(0, code)
    assert.truthy(out:find("\n%- Length: 220 metres\n"))
    assert.truthy(out:find("\n#+ What it cost\n"))
    code, out = run(LUA .. " bin/sift extract --format html " .. quote(page))
    assert.are.equal(0, code)
    assert.truthy(out:find("^<!DOCTYPE html>"))
    assert.truthy(out:find("<ul>\n<li>Length: 220 metres</li>\n<li>Width: 6 metres</li>\n</ul>", 1, true))
    assert.truthy(out:find('<meta charset="utf-8">', 1, true))
    assert.falsy(out:find("cookie", 1, true))
  end)

  it("feeds the article to the other filters; --whole-page keeps the whole page", function()
    local code, out = run(LUA .. " bin/sift keywords --top 30 " .. quote(page))
    assert.are.equal(0, code)
    assert.falsy(out:find("Weather", 1, true))
    assert.falsy(out:find("cookies", 1, true))
    code, out = run(LUA .. " bin/sift tokens --format text --whole-page " .. quote(page))
    assert.are.equal(0, code)
    assert.truthy(out:find("Weather", 1, true))
    assert.truthy(out:find("harbour bridge opened", 1, true))
  end)

  it("reads JSON Lines records that hold a page's HTML", function()
    local jsonl = dir .. "/crawl.jsonl"
    local utf8_page = PAGE:gsub("windows%-1252", "utf-8"):gsub("\xE9", "\u{E9}"):gsub("\xA3", "\u{A3}")
    write(jsonl, json.encode({ id = "p1", html = utf8_page, date = "2025-05-14" }) .. "\n")
    local code, out, err = run(LUA .. " bin/sift extract --format json " .. quote(jsonl))
    assert.are.equal(0, code, err)
    local rec = assert(json.decode(out))
    assert.are.equal("p1", rec.id)
    assert.truthy(rec.text:find("caf\u{E9} owners", 1, true))
    assert.falsy(rec.text:find("Accept all cookies", 1, true))
  end)

  it("reads a page without an article as its visible text, with warnings", function()
    local empty = dir .. "/empty.html"
    write(empty, '<html><head><meta charset="utf-8"></head><body><nav><a href="/">Home\xFF</a></nav></body></html>')
    local code, _, err = run(LUA .. " bin/sift extract " .. quote(empty))
    assert.are.equal(0, code)
    assert.truthy(err:find("empty.html: warning: ", 1, true), err)
    assert.truthy(err:find("could not be decoded as utf-8", 1, true), err)
    assert.truthy(err:find("no article found: the page's visible text is read instead", 1, true), err)
  end)
end)
