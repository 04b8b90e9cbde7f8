-- sift.page: web pages as translation segments with their markup as codes, merged back.
local sift = require "sift"
local page = require "sift.page"
local segments = require "sift.segments"
local merge = require "sift.merge"
local helpers = require "helpers"

local LUA = "lua" .. _VERSION:match("%d+%.%d+")

local PAGE = [[<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Storm &amp; rain hit the coast</title>
<meta name="description" content="A storm hit the coast on Monday.">
<style>p { color: red }</style></head>
<body><nav><ul><li><a href="/">Home</a></li><li><a href="/news" title="All the news">News</a></li></ul></nav>
<article><h1>Storm &amp; rain hit the coast</h1>
<p>The <b>storm</b> hit <a href="/coast">the coast</a> on Monday.<br>It was <em>bad.
Very bad</em>. The <code>tide()</code> table shows it.</p>
<p><img src="tree.png" alt="A fallen tree"> Trees fell<!-- ad --> down, said
<span translate="no">BrandX</span> staff.</p>
<pre>no code here is offered</pre>
<script>var x = "not offered";</script>
</article></body></html>
]]

-- the text of a marker string upper-cased, its markers kept
local function upper(s)
  return (s:gsub("([^\1]*)(\1?[^\2]*\2?)", function(t, m) return t:upper() .. m end))
end

-- writes `art` in `fmt` with the targets fn(markers) gives, reads it back, merges into html
local function round_trip(html, art, fmt, fn, opts)
  local text = segments.write(art, fmt, { target_lang = "fr", targets = function(seg)
    return fn(page.markers(seg), seg)
  end })
  local tr = assert(merge.read(text, { codes = true }))
  return page.merge(html, tr, opts or { scope = art.scope })
end

local function texts(art)
  local out = {}
  for _, seg in ipairs(art.segments) do
    out[#out + 1] = seg.text
  end
  return out
end

describe("sift.page.segment", function()
  it("offers the page's texts, never scripts, styles, code or what is translate=no", function()
    local art = page.segment(PAGE, { id = "p", scope = "page" })
    local all = table.concat(texts(art), "|")
    assert.truthy(all:find("Home|All the news|News", 1, true))
    assert.truthy(all:find("A storm hit the coast on Monday.", 1, true))
    assert.truthy(all:find("A fallen tree", 1, true))
    assert.falsy(all:find("not offered", 1, true))
    assert.falsy(all:find("color", 1, true))
    assert.falsy(all:find("no code here", 1, true))
    assert.falsy(all:find("tide()", 1, true))
    assert.falsy(all:find("BrandX", 1, true))
  end)

  it("keeps the inline markup as codes, one segment a sentence, across tags", function()
    local art = page.segment(PAGE, { id = "p", scope = "page" })
    local found
    for _, seg in ipairs(art.segments) do
      if seg.text:find("^The storm") then
        found = seg
      end
    end
    assert.equal("The storm hit the coast on Monday.", found.text)
    assert.equal("The \0011\2storm\1/1\2 hit \0013\2the coast\1/3\2 on Monday.", page.markers(found))
    assert.equal("<a href=\"/coast\">", found.codes[3].data)
    -- "It was <em>bad." and "Very bad</em>." share the <em>: its halves in two segments
    local s2, s3
    for k, seg in ipairs(art.segments) do
      if seg.text == "It was bad." then
        s2, s3 = seg, art.segments[k + 1]
      end
    end
    assert.equal("start", s2.codes[1].role)
    assert.equal("end", s3.codes[1].role)
    assert.equal("Very bad\1/6\2.", page.markers(s3))
  end)

  it("--scope article leaves the menu out but keeps the title and the description", function()
    local prose = ("A long sentence of the article about the storm, its rain and its damage. "):rep(8)
    local long = PAGE:gsub("<p>The", "<p>" .. prose .. "</p><p>The")
    local art = page.segment(long, { id = "p" })
    local all = table.concat(texts(art), "|")
    assert.falsy(all:find("Home", 1, true))
    assert.truthy(all:find("Storm & rain hit the coast", 1, true))
    assert.truthy(all:find("A storm hit the coast on Monday.", 1, true))
    assert.truthy(all:find("The storm hit", 1, true))
  end)

  it("collapses white space as a browser shows it, across tags but not across what shows", function()
    local function first(html)
      return page.segment(html, { scope = "page" }).segments[1].text
    end
    assert.equal("Storm hits the coast.", first("<p>Storm <b> hits</b>  the\n coast.</p>"))
    assert.equal("a b", first("<p>a <br> b</p>"))
    assert.equal("Run  now.", first("<p>Run <code>make</code> now.</p>"))
    assert.equal("a  b", first("<p>a <img src=x> b</p>"))
    local art = page.segment('<select><option label="Apple">Apple</option></select>', { scope = "page" })
    assert.equal(2, #art.segments)
  end)

  it("gives stable ids: an edited page keeps the ids of the sentences that did not change", function()
    local a = page.segment(PAGE, { id = "p", scope = "page" })
    local b = page.segment(PAGE:gsub("Trees fell", "Many trees fell"), { id = "p", scope = "page" })
    assert.equal(a.segments[1].id, b.segments[1].id)
    assert.equal(#a.segments, #b.segments)
  end)
end)

describe("sift.page.merge", function()
  for _, fmt in ipairs({ "xliff2", "xliff12", "po" }) do
    for _, scope in ipairs({ "article", "page" }) do
      it("gives the page back byte for byte when every target copies its source (" .. fmt .. ", " .. scope .. ")",
        function()
          local art = page.segment(PAGE, { id = "p", scope = scope })
          art.scope = scope
          assert.equal(PAGE, (round_trip(PAGE, art, fmt, function(m) return m end)))
        end)
    end

    it("writes the translated text in place, tags and attributes escaped (" .. fmt .. ")", function()
      local art = page.segment(PAGE, { id = "p", scope = "page" })
      art.scope = "page"
      local out = assert(round_trip(PAGE, art, fmt, function(m, seg)
        if seg.text == "All the news" then
          return 'Toutes les "news" & <plus>'
        end
        return upper(m)
      end, { scope = "page", target_lang = "fr" }))
      assert.truthy(out:find('<html lang="fr">', 1, true))
      assert.truthy(out:find('<title>STORM &amp; RAIN HIT THE COAST</title>', 1, true))
      assert.truthy(out:find('content="A STORM HIT THE COAST ON MONDAY."', 1, true))
      assert.truthy(out:find('title="Toutes les &quot;news&quot; &amp; <plus>"', 1, true))
      assert.truthy(out:find('<p>THE <b>STORM</b> HIT <a href="/coast">THE COAST</a> ON MONDAY.<br> IT WAS <em>BAD. '
        .. 'VERY BAD</em>. THE <code>tide()</code> TABLE SHOWS IT.</p>', 1, true))
      assert.truthy(out:find('<span translate="no">BrandX</span> STAFF.', 1, true))
      assert.truthy(out:find('alt="A FALLEN TREE"', 1, true))
      assert.truthy(out:find('<pre>no code here is offered</pre>', 1, true))
      assert.truthy(out:find('var x = "not offered";', 1, true))
    end)
  end

  it("refuses a translation whose tags were dropped, repeated or crossed, naming the unit and the line", function()
    local art = page.segment(PAGE, { id = "p", scope = "page" })
    local function try(fn)
      return round_trip(PAGE, art, "xliff2", function(m, seg)
        if seg.text == "The storm hit the coast on Monday." then
          return fn(m)
        end
        return m
      end, { scope = "page" })
    end
    local ok, err = try(function() return "Le \0011\2orage\1/1\2 a frappé la côte lundi." end)
    assert.is_nil(ok)
    assert.matches("^line %d+: unit u%x+, segment s%x+: the tag <a> %(c3%) is missing$", err)
    ok, err = try(function(m) return m .. " \0011\2x\1/1\2" end)
    assert.is_nil(ok)
    assert.matches("the tag <b> %(c1%) appears twice", err)
    ok, err = try(function() return "\0011\2a \0013\2b\1/1\2 c\1/3\2" end)
    assert.is_nil(ok)
    assert.matches("cross", err)
    ok, err = try(function() return "\1/1\2a\0011\2 \0013\2b\1/3\2" end)
    assert.is_nil(ok)
    assert.matches("comes before its start", err)
  end)

  it("lets the translator move the tags: the merged page has them where the target puts them", function()
    local art = page.segment(PAGE, { id = "p", scope = "page" })
    local out = assert(round_trip(PAGE, art, "xliff2", function(m, seg)
      if seg.text == "The storm hit the coast on Monday." then
        return "Lundi, \0013\2la côte\1/3\2 a subi \0011\2la tempête\1/1\2."
      end
      return m
    end, { scope = "page" }))
    assert.truthy(out:find('<p>Lundi, <a href="/coast">la côte</a> a subi <b>la tempête</b>.<br>', 1, true))
  end)

  it("writes a page in its own encoding, characters it cannot hold as references", function()
    local html = sift.from_utf8(('<html><head><meta charset="windows-1252"><title>Café</title></head>'
      .. "<body><p>Le café coûte 3 €.</p></body></html>"), "CP1252")
    local art = page.segment(html, { id = "w", scope = "page" })
    assert.equal("Café", art.segments[1].text)
    assert.equal(html, (round_trip(html, art, "xliff2", function(m) return m end, { scope = "page" })))
    local out = assert(round_trip(html, art, "xliff2", function(m)
      return m == "Café" and "咖啡馆 café" or m
    end, { scope = "page" }))
    assert.truthy(out:find("<title>&#21654;&#21857;&#39302; caf\233</title>", 1, true))
    assert.truthy(out:find("3 \128", 1, true))
    local u = assert(round_trip(html, art, "xliff2", function(m) return m end, { scope = "page", utf8 = true }))
    assert.truthy(u:find('<meta charset="utf-8">', 1, true))
    assert.truthy(u:find("coûte 3 €", 1, true))
  end)

  it("keeps the bytes of a UTF-8 page that has ill-formed ones", function()
    local html = "<p>Caf\233 and tea.</p><p>Milk \255 too.</p>"
    local art = page.segment(html, { id = "x", scope = "page" })
    assert.equal(html, (round_trip(html, art, "po", function(m) return m end, { scope = "page" })))
    local out = assert(round_trip(html, art, "po", function(m)
      return m:find("^Milk") and "Lait." or m
    end, { scope = "page" }))
    assert.equal("<p>Caf\233 and tea.</p><p>Lait.</p>", out)
    -- sequences cut short, runs of bad bytes, in text and in attributes, one translated between
    html = '<meta charset="utf-8"><p title="Mitgef\252hl w\252hlen!">a\226\130x \255\254 y.</p>'
      .. '<p>Second \240\159\152 one.</p><img alt="Bad \237\160\128 bytes"><p>Last \252 one.</p>'
    art = page.segment(html, { id = "y", scope = "page" })
    assert.equal(html, (round_trip(html, art, "xliff2", function(m) return m end, { scope = "page" })))
    out = assert(round_trip(html, art, "xliff2", function(m)
      return m:find("^Second") and "Zweite." or m
    end, { scope = "page" }))
    assert.equal((html:gsub("Second \240\159\152 one%.", "Zweite.")), out)
  end)

  it("takes a paragraph of 4,000 sentences and 16,000 tags in time linear in its size", function()
    -- (placing the codes was quadratic: 4,000 sentences took 8 s; a hostile page must not stall)
    local html = "<p>" .. ("<b>Word</b> is here. <i>Now</i> then. "):rep(2000) .. "</p>"
    local art = page.segment(html, { id = "big", scope = "page", entities = false })
    assert.equal(4000, #art.segments)
    assert.equal(html, (round_trip(html, art, "xliff2", function(m) return m end, { scope = "page" })))
    local out = assert(round_trip(html, art, "po", upper, { scope = "page" }))
    assert.equal(html:upper():gsub("<(/?)([BIP])>", function(sl, t) return "<" .. sl .. t:lower() .. ">" end), out)
  end)

  it("sets lang on an <html> that has none", function()
    local html = "<!doctype html><html><body><p>Hello there.</p></body></html>"
    local art = page.segment(html, { id = "h", scope = "page" })
    local out = assert(round_trip(html, art, "xliff2", function(m) return m end,
      { scope = "page", target_lang = "pt-BR" }))
    assert.equal('<!doctype html><html lang="pt-BR"><body><p>Hello there.</p></body></html>', out)
  end)
end)

describe("sift segments and sift merge on a web page", function()
  it("export the page and write it back translated", function()
    local dir = helpers.tmpdir()
    helpers.write(dir .. "/page.html", PAGE)
    local rc, out, err = helpers.run(LUA .. " bin/sift segments --scope page -f po --target-lang fr "
      .. dir .. "/page.html")
    assert.equal(0, rc, err)
    assert.truthy(out:find('msgid "The {1}storm{/1} hit {3}the coast{/3} on Monday."', 1, true))
    assert.truthy(out:find('#. {3} = <a href="/coast">', 1, true))
    -- the translator's work: every msgstr its msgid upper-cased, placeholders kept
    local po = out:gsub('msgid ("[^\n]*")\nmsgstr ""', function(id)
      if id == '""' then
        return nil
      end
      return "msgid " .. id .. "\nmsgstr " .. id:gsub("([^{}]*)(%b{})", function(t, p) return t:upper() .. p end)
        :gsub("}([^{}]*)\"$", function(t) return "}" .. t:upper() .. '"' end)
    end)
    helpers.write(dir .. "/page.po", po)
    rc, out, err = helpers.run(LUA .. " bin/sift merge --scope page " .. dir .. "/page.po " .. dir
      .. "/page.html -o " .. dir .. "/page.fr.html")
    assert.equal(0, rc, err)
    assert.equal("", out) -- the page goes to -o
    local fr = helpers.read(dir .. "/page.fr.html")
    assert.truthy(fr:find('<html lang="fr">', 1, true))
    assert.truthy(fr:find('<p>THE <b>STORM</b> HIT <a href="/coast">THE COAST</a> ON MONDAY.', 1, true))
    -- a dropped placeholder: refused, nothing written
    helpers.write(dir .. "/bad.po", (po:gsub("THE COAST{/3}", "THE COAST", 1)))
    rc, out, err = helpers.run(LUA .. " bin/sift merge --scope page " .. dir .. "/bad.po " .. dir
      .. "/page.html -o " .. dir .. "/bad.html")
    assert.equal(1, rc)
    assert.matches("bad.po", err .. out, 1, true)
    assert.matches("bad.po:%d+: unit u%x+, segment s%x+: the tag </a> %(the end of c3%) is missing", err)
    assert.is_nil(io.open(dir .. "/bad.html"))
    os.execute("rm -rf " .. helpers.quote(dir))
  end)
end)
