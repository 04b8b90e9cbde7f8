-- sift.extract and sift.core.extract: the shape of the article table (text, title, blocks with
-- kind, level, text, i, j, src_i, src_j; warnings), the options and their errors, a page without
-- an article, a page in a legacy encoding.
local sift = require "sift"
local core = require "sift.core"

local P1 = "Der Sturm kam in der Nacht, und er traf die Küste mit voller Wucht, sodass viele Dächer fehlen."
local P2 = "Am Morgen begannen die Aufräumarbeiten, die Feuerwehr war mit allen Kräften im Einsatz."

local PAGE = table.concat {
  "<!doctype html><html><head><meta charset=utf-8><title>Sturm an der Küste | Tagblatt</title></head><body>",
  "<nav><a href='/'>Start</a> <a href='/politik'>Politik</a></nav>",
  "<article><h1>Sturm an der Küste</h1><p>", P1, "</p><h2>Folgen</h2><p>", P2, "</p>",
  "<ul><li>Erster Punkt</li></ul><table><tr><td>Kiel</td><td>12</td></tr></table>",
  "<div class=comments><p>Toller Artikel, danke, weiter so, ich lese das gern, wirklich, sehr.</p></div>",
  "</article><footer>Impressum</footer></body></html>",
}

describe("sift.extract", function()
  it("returns the article table", function()
    local a = sift.extract(PAGE)
    assert.are.equal("string", type(a.text))
    assert.are.equal("Sturm an der Küste", a.title)
    assert.are.same({}, a.warnings)
    assert.truthy(a.text:find(P1, 1, true))
    assert.truthy(a.text:find(P2, 1, true))
    assert.falsy(a.text:find("Politik", 1, true))
    assert.falsy(a.text:find("Impressum", 1, true))
    assert.falsy(a.text:find("Toller", 1, true))
    local kinds = {}
    for n, b in ipairs(a.blocks) do
      assert.are.equal(b.text, a.text:sub(b.i, b.j))
      assert.are.equal("number", type(b.level))
      assert.is_true(b.src_i >= 1 and b.src_j >= b.src_i and b.src_j <= #PAGE)
      if n > 1 then
        assert.are.equal("\n\n", a.text:sub(a.blocks[n - 1].j + 1, b.i - 1))
      end
      kinds[b.kind] = (kinds[b.kind] or 0) + 1
    end
    assert.are.equal(a.blocks[#a.blocks].j, #a.text)
    assert.are.same({ heading = 2, paragraph = 2, list_item = 1, table_row = 1 }, kinds)
    assert.are.same({ kind = "heading", level = 1, text = "Sturm an der Küste" },
      { kind = a.blocks[1].kind, level = a.blocks[1].level, text = a.blocks[1].text })
    assert.are.equal(2, a.blocks[3].level)
    local p = a.blocks[2]
    assert.are.equal("<p>" .. P1 .. "</p>", PAGE:sub(p.src_i, p.src_j))
    assert.are.equal("Kiel\t12", a.blocks[#a.blocks].text)
  end)

  it("takes options", function()
    local a = sift.extract(PAGE, { tables = false })
    assert.falsy(a.text:find("Kiel", 1, true))
    a = sift.extract(PAGE, { comments = true })
    assert.truthy(a.text:find("Toller", 1, true))
    a = sift.extract(PAGE, { scope = "page" })
    assert.truthy(a.text:find("Politik", 1, true))
    assert.truthy(a.text:find("Impressum", 1, true))
    a = sift.extract(PAGE, { scope = "article", encoding = "utf-8" })
    assert.truthy(a.text:find(P1, 1, true))
  end)

  it("decodes a page in its own encoding", function()
    local latin1 = sift.from_utf8(PAGE:gsub("utf%-8", "iso-8859-1"), "ISO-8859-1")
    local a = sift.extract(latin1)
    assert.truthy(a.text:find(P1, 1, true))
    assert.are.equal("Sturm an der Küste", a.title)
  end)

  it("gives an empty text and a warning for a page without an article", function()
    for _, page in ipairs { "", "<nav><a href=/>Start</a></nav><footer>Impressum</footer>", "<script>x()</script>" } do
      local a = sift.extract(page)
      assert.are.equal("", a.text)
      assert.are.same({}, a.blocks)
      assert.are.equal(1, #a.warnings)
      assert.truthy(a.warnings[1]:find("no article", 1, true))
    end
  end)

  it("resolves the page's links against the url option", function()
    local page = PAGE:gsub("<title>",
      "<link rel=canonical href='../kueste.html'><meta property='og:image' content='/bild.jpg'><title>", 1)
    local a = sift.extract(page)
    assert.are.equal("../kueste.html", a.url)
    assert.are.equal("/bild.jpg", a.image)
    a = sift.extract(page, { url = "https://tagblatt.example/nord/heute/sturm.html?x=1" })
    assert.are.equal("https://tagblatt.example/nord/kueste.html", a.url)
    assert.are.equal("https://tagblatt.example/bild.jpg", a.image)
    -- a page that names no address of its own has the caller's
    a = sift.extract(PAGE, { url = "https://tagblatt.example/sturm" })
    assert.are.equal("https://tagblatt.example/sturm", a.url)
    assert.is_nil(a.image)
    assert.has_error(function() sift.extract(PAGE, { url = "tagblatt.example/sturm" }) end,
      "bad argument #2 to 'extract' (option 'url' must be an absolute URL (with a scheme), "
        .. "got \"tagblatt.example/sturm\")")
  end)

  it("resolves the page's links against its <base href>", function()
    local page = PAGE:gsub("<title>", "<base href='https://tagblatt.example/archiv/2024/'>"
      .. "<base href='https://other.example/'><link rel=canonical href='sturm.html'>"
      .. "<meta property='og:image' content='../bild.jpg'><title>", 1)
    local a = sift.extract(page)
    assert.are.equal("https://tagblatt.example/archiv/2024/sturm.html", a.url)
    assert.are.equal("https://tagblatt.example/archiv/bild.jpg", a.image)
    assert.is_nil(a.base)
    assert.is_nil(a.sources.base)
    -- a relative <base href> is resolved against the page's address first
    page = PAGE:gsub("<title>", "<base href='/archiv/'><link rel=canonical href='sturm.html'><title>", 1)
    assert.are.equal("sturm.html", sift.extract(page).url)
    assert.are.equal("https://tagblatt.example/archiv/sturm.html",
      sift.extract(page, { url = "https://tagblatt.example/heute/x.html" }).url)
  end)

  it("gives the metadata of the same parse as sift.core._metadata", function()
    local page = PAGE:gsub("<title>", "<meta name=author content='Anna Berg'>"
      .. "<meta property='article:published_time' content='2024-02-03T08:00:00Z'><title>", 1)
    local a = sift.extract(page)
    local m = core._metadata(page)
    assert.are.same({ "Anna Berg" }, m.authors)
    assert.are.same(m.authors, a.authors)
    assert.are.equal(m.date, a.date)
    assert.are.equal("2024-02-03", a.date:sub(1, 10))
    assert.is_nil(a.meta)
    local c = core.extract(page, { meta = true })
    assert.are.same(m, c.meta)
    assert.is_nil(core.extract(page).meta)
  end)

  it("raises on misuse", function()
    assert.has_error(function() sift.extract() end, "bad argument #1 to 'extract' (string expected, got nil)")
    assert.has_error(function() sift.extract(42) end)
    assert.has_error(function() sift.extract(PAGE, 1) end)
    assert.has_error(function() sift.extract(PAGE, { scope = "site" }) end)
    assert.has_error(function() sift.extract(PAGE, { tables = "yes" }) end)
    assert.has_error(function() sift.extract(PAGE, { comments = 1 }) end)
    assert.has_error(function() sift.extract(PAGE, { encoding = true }) end)
    assert.has_error(function() sift.extract(PAGE, { colour = "red" }) end)
  end)
end)

describe("sift.core.extract", function()
  it("checks its options", function()
    assert.has_error(function() core.extract(PAGE, { scope = "site" }) end)
    assert.has_error(function() core.extract(PAGE, { scope = 1 }) end)
    assert.has_error(function() core.extract(PAGE, { tables = 1 }) end)
    assert.has_error(function() core.extract(PAGE, { nope = true }) end)
    assert.has_error(function() core.extract({}) end)
  end)

  it("reads any bytes", function()
    local a = core.extract("<p>a\0b, \255\254 und so weiter, mit Kommas, und lang genug zum Zählen.</p>")
    assert.are.equal("table", type(a.blocks))
    assert.truthy(a.text:find("und so weiter", 1, true))
  end)
end)
