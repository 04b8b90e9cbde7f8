-- The writers of sift.segments, checked by the tools translators use: xmllint against the XLIFF
-- 2.0 and 1.2 schemas and the TMX DTD, msgfmt for PO, translate-toolkit reading PO and XLIFF 1.2
-- back. For the seed article, the BBC articles and a hostile article.
local sift = require "sift"
local segments = require "sift.segments"
local xml = require "sift.xml"
local json = require "sift.json"
local helpers = require "helpers"
local sh = require "segments_helpers"

local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

local function article_of(file)
  return segments.segment((sift.decode(helpers.read(file))), { id = file })
end

-- The seed, every BBC article, and the hostile one.
local articles = { article_of(SEED) }
for _, f in ipairs(helpers.bbc_articles()) do
  articles[#articles + 1] = article_of(f)
end
local hostile = segments.segment(sh.hostile, { id = "hostile & <odd> \"name\"" })
articles[#articles + 1] = hostile

-- What a reader of the output must find as the sources: the segments' texts without the
-- characters XML 1.0 forbids.
local function expected_sources(list)
  local out = {}
  for _, a in ipairs(list) do
    for _, s in ipairs(a.segments) do
      out[#out + 1] = (xml.clean(s.text))
    end
  end
  return out
end

local function count_segments(list)
  local n = 0
  for _, a in ipairs(list) do
    n = n + #a.segments
  end
  return n
end

local function upper(s)
  return s.text:upper()
end

local SUFFIX = { xliff2 = ".xlf", xliff12 = ".xlf", po = ".po", tmx = ".tmx", jsonl = ".jsonl" }

local function write_file(list, format, opts)
  local text, warnings = segments.write(list, format, opts)
  return sh.temp(text, SUFFIX[format]), text, warnings
end

local function xmllint(args, file)
  local _, err, code = sh.run("xmllint --nonet --noout " .. args .. " " .. sh.quote(file))
  return code, err
end

describe("XLIFF 2.0", function()
  after_each(sh.cleanup)

  it("is valid against the core schema, with <mrk> and with <ph>", function()
    for _, opts in ipairs({ {}, { inline = "ph" }, { target_lang = "fr", targets = upper },
      { target_lang = "de-CH", inline = "ph", targets = upper } }) do
      local file, text = write_file(articles, "xliff2", opts)
      local code, err = xmllint("--schema " .. sh.schemas .. "/xliff-2.0/xliff_core_2.0.xsd", file)
      assert.are.equal(0, code, err)
      assert.is_truthy(err:find("validates"))
      local _, files = text:gsub("<file ", "")
      assert.are.equal(#articles, files)
      local _, protected = text:gsub(opts.inline == "ph" and "<ph " or '<mrk id="m%d+" translate="no">', "")
      assert.is_true(protected > 1000)
      os.remove(file)
    end
  end)

  it("holds the sources exactly, escaped, with what XML forbids removed", function()
    local file = write_file(articles, "xliff2", { inline = "ph" })
    local out, err, code = sh.py([[
import sys, json
import xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
root = ET.parse(sys.argv[1]).getroot()
out = []
for unit in root.iter(X + "unit"):
    data = {d.get("id"): "".join(d.itertext()) for d in unit.iter(X + "data")}
    for seg in unit.findall(X + "segment"):
        src = seg.find(X + "source")
        parts = [src.text or ""]
        for child in src:
            parts.append(data[child.get("dataRef")] if child.tag == X + "ph" else "".join(child.itertext()))
            parts.append(child.tail or "")
        out.append("".join(parts))
print(json.dumps(out))
]], { file })
    assert.are.equal(0, code, err)
    assert.are.same(expected_sources(articles), json.decode(out))
    os.remove(file)
  end)
end)

describe("XLIFF 1.2", function()
  after_each(sh.cleanup)

  it("is valid against the strict schema", function()
    for _, opts in ipairs({ {}, { target_lang = "fr", targets = upper } }) do
      local file = write_file(articles, "xliff12", opts)
      local code, err = xmllint("--schema " .. sh.schemas .. "/xliff-1.2/xliff-core-1.2-strict.xsd", file)
      assert.are.equal(0, code, err)
      assert.is_truthy(err:find("validates"))
      os.remove(file)
    end
  end)
end)

describe("TMX 1.4", function()
  after_each(sh.cleanup)

  it("is valid against tmx14.dtd", function()
    for _, opts in ipairs({ {}, { target_lang = "fr", targets = upper } }) do
      local file, text = write_file(articles, "tmx", opts)
      local code, err = xmllint("--dtdvalid " .. sh.schemas .. "/tmx-1.4/tmx14.dtd", file)
      assert.are.equal(0, code, err)
      local _, tus = text:gsub("<tu ", "")
      assert.are.equal(count_segments(articles), tus)
      local _, tuvs = text:gsub("<tuv ", "")
      assert.are.equal(opts.targets and 2 * tus or tus, tuvs)
      os.remove(file)
    end
  end)
end)

describe("PO", function()
  after_each(sh.cleanup)

  it("passes msgfmt -c with no warning", function()
    for _, opts in ipairs({ { target_lang = "fr" }, { target_lang = "fr", targets = upper } }) do
      local file = write_file(articles, "po", opts)
      local _, err, code = sh.run("msgfmt -c --check-format -o /dev/null " .. sh.quote(file))
      assert.are.equal(0, code, err)
      assert.are.equal("", err)
      os.remove(file)
    end
  end)

  it("lists the protected items of each entry in a #. comment", function()
    local text = segments.write(segments.segment("Sales rose 12% at https://example.org/q."), "po")
    assert.is_truthy(text:find("#. protected (number): 12%\n", 1, true))
    assert.is_truthy(text:find("#. protected (url): https://example.org/q\n", 1, true))
  end)
end)

describe("translate-toolkit", function()
  after_each(sh.cleanup)

  local READ = [[
import sys, json
from translate.storage import factory
store = factory.getobject(sys.argv[1])
units = [u for u in store.units if not u.isheader()]
print(json.dumps([[u.getid(), str(u.source), u.target and str(u.target) or ""] for u in units]))
]]

  it("reads the PO file back: as many segments, the same sources, ids and targets", function()
    local file = write_file(articles, "po", { target_lang = "fr", targets = upper })
    local out, err, code = sh.py(READ, { file })
    assert.are.equal(0, code, err)
    local units = json.decode(out)
    local sources, n = expected_sources(articles), 0
    assert.are.equal(#sources, #units)
    for _, a in ipairs(articles) do
      for _, s in ipairs(a.segments) do
        n = n + 1
        assert.are.equal(sources[n], units[n][2])
        assert.are.equal(s.id .. "\4" .. sources[n], units[n][1])
        assert.are.equal((xml.clean(s.text:upper())), units[n][3])
      end
    end
    os.remove(file)
  end)

  it("reads the XLIFF 1.2 file back: as many segments, the same sources and ids", function()
    local file = write_file(articles, "xliff12", { target_lang = "fr" })
    local out, err, code = sh.py(READ, { file })
    assert.are.equal(0, code, err)
    local units = json.decode(out)
    local sources, n = expected_sources(articles), 0
    assert.are.equal(#sources, #units)
    for _, a in ipairs(articles) do
      for _, s in ipairs(a.segments) do
        n = n + 1
        assert.are.equal(sources[n], units[n][2])
        assert.is_truthy(units[n][1]:find("\4" .. s.id, 1, true))
      end
    end
    os.remove(file)
  end)
end)

describe("the hostile article", function()
  after_each(sh.cleanup)

  it("keeps & < > \" ' and characters outside the BMP, and removes what XML 1.0 forbids, saying where", function()
    for _, format in ipairs({ "xliff2", "xliff12", "tmx", "po" }) do
      local text, warnings = segments.write(hostile, format)
      for _, ch in ipairs({ "😀", "𝄞", "𠀋", "\127" }) do
        assert.is_truthy(text:find(ch, 1, true), format .. " lost " .. ch)
      end
      assert.is_falsy(text:find("[%z\1-\8\11\12\14-\31]"), format)
      assert.is_falsy(text:find("\239\191[\190\191]"), format)
      if format ~= "po" then
        assert.is_falsy(text:find("&[^#alqg]"), format)
        assert.is_truthy(text:find("AT&amp;T", 1, true), format)
        assert.is_truthy(text:find("&lt;tags&gt;", 1, true), format)
        assert.is_truthy(text:find("&quot;quoted&quot;", 1, true), format)
        assert.is_truthy(text:find("&apos;single&apos;", 1, true), format)
      end
      -- each forbidden character inside a segment is reported with its byte and line
      for _, s in ipairs(hostile.segments) do
        local _, problems = xml.clean(s.text)
        for _, p in ipairs(problems) do
          local pos = s.i + p.pos - 1
          local line = select(2, sh.hostile:sub(1, pos - 1):gsub("\n", "")) + 1
          local want = ("%s: byte %d (line %d): removed %s, which XML 1.0 does not allow"):format(hostile.id, pos,
            line, p.what)
          local found = false
          for _, w in ipairs(warnings) do
            found = found or w == want
          end
          assert.is_true(found, format .. ": no warning " .. want)
        end
      end
    end
  end)

  it("has its forbidden characters reported: at least U+0001, U+000B, U+001F, U+FFFE and U+FFFF", function()
    local _, warnings = segments.write(hostile, "xliff2")
    local all = table.concat(warnings, "\n")
    for _, what in ipairs({ "U+0001", "U+000B", "U+001F", "U+FFFE", "U+FFFF" }) do
      assert.is_truthy(all:find("removed " .. what, 1, true), what)
    end
  end)

  it("writes valid files in every XML format", function()
    local checks = {
      xliff2 = "--schema " .. sh.schemas .. "/xliff-2.0/xliff_core_2.0.xsd",
      xliff12 = "--schema " .. sh.schemas .. "/xliff-1.2/xliff-core-1.2-strict.xsd",
      tmx = "--dtdvalid " .. sh.schemas .. "/tmx-1.4/tmx14.dtd",
    }
    for format, args in pairs(checks) do
      local file = write_file({ hostile }, format, { target_lang = "fr", targets = upper })
      local code, err = xmllint(args, file)
      assert.are.equal(0, code, format .. ": " .. err)
      os.remove(file)
    end
  end)
end)

describe("JSON Lines", function()
  after_each(sh.cleanup)

  it("writes one object a segment, with offsets into the article", function()
    local text = segments.write({ articles[1], hostile }, "jsonl", { target_lang = "fr", targets = upper })
    local n = 0
    for line in text:gmatch("[^\n]+") do
      n = n + 1
      local v = assert(json.decode(line))
      local a = v.article == hostile.id and hostile or articles[1]
      assert.are.equal(a.text:sub(v.i, v.j), v.text)
      assert.are.equal(v.text:upper(), v.target)
      assert.are.equal("en", v.source_lang)
      assert.are.equal("fr", v.target_lang)
      for _, p in ipairs(v.protected) do
        assert.are.equal(a.text:sub(p.i, p.j), p.text)
      end
    end
    assert.are.equal(#articles[1].segments + #hostile.segments, n)
  end)
end)

describe("segments.write and segments.writer", function()
  after_each(sh.cleanup)

  it("raise on misuse, naming what is wrong", function()
    local a = articles[1]
    assert.has_error(function() segments.write(a, "xlf") end,
      "bad argument #2 to 'write' (unknown format 'xlf'; one of xliff2, xliff12, po, tmx, jsonl)")
    assert.has_error(function() segments.write(a, "po", { target_lang = "fr_FR" }) end,
      "bad argument #3 to 'write' (option 'target_lang' is not a language tag: 'fr_FR')")
    assert.has_error(function() segments.write(a, "po", { colour = true }) end,
      "bad argument #3 to 'write' (unknown option 'colour')")
    assert.has_error(function() segments.writer(42, "po") end)
    assert.has_error(function() segments.write(a, "xliff2", { inline = "span" }) end,
      "bad argument #3 to 'write' (option 'inline' must be 'mrk' or 'ph', not 'span')")
  end)

  it("stream: a writer gives the same text as write", function()
    local parts = {}
    local w = segments.writer({ write = function(_, ...) for _, s in ipairs({ ... }) do parts[#parts + 1] = s end end },
      "xliff12")
    w:add(articles[1])
    w:add(articles[2])
    w:close()
    assert.are.equal(segments.write({ articles[1], articles[2] }, "xliff12"), table.concat(parts))
  end)
end)

describe("sift segments", function()
  after_each(sh.cleanup)

  it("writes one <file> per input, valid, with warnings on stderr", function()
    local h = sh.temp(sh.hostile, ".txt")
    local out, err, code = sh.sift({ "segments", "--target-lang", "fr", SEED, h, SEED })
    assert.are.equal(0, code, err)
    local _, files = out:gsub("<file ", "")
    assert.are.equal(3, files)
    -- the same file twice gets an id of its own
    assert.is_truthy(out:find('original="' .. SEED .. '#2"', 1, true))
    assert.is_truthy(err:find(h .. ": byte %d+ %(line %d+%): removed U%+0001"))
    local file = sh.temp(out)
    local code2, verr = xmllint("--schema " .. sh.schemas .. "/xliff-2.0/xliff_core_2.0.xsd", file)
    assert.are.equal(0, code2, verr)
    os.remove(file)
    os.remove(h)
  end)

  it("writes every format", function()
    for _, format in ipairs(segments.formats) do
      local out, err, code = sh.sift({ "segments", "-f", format, SEED })
      assert.are.equal(0, code, err)
      local want = segments.write(article_of(SEED), format)
      local function undated(t)
        return (t:gsub("PO%-Revision%-Date: [^\\]*", ""))
      end
      assert.are.equal(undated(want), undated(out))
    end
  end)

  it("exits 2 on bad usage", function()
    for _, args in ipairs({ { "segments", "--format", "docx" }, { "segments", "--source-lang", "e n" },
      { "segments", "--protect", "number,colour" }, { "segments", "--inline", "span" } }) do
      local _, err, code = sh.sift(args)
      assert.are.equal(2, code, table.concat(args, " "))
      assert.is_truthy(err:find("^sift segments: "))
    end
  end)
end)
