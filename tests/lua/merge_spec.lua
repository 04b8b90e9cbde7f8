-- sift merge: translated XLIFF 2.0, XLIFF 1.2 and PO files back into their articles.
local sift = require "sift"
local segments = require "sift.segments"
local merge = require "sift.merge"
local xml = require "sift.xml"
local helpers = require "helpers"
local sh = require "segments_helpers"

local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

local function decoded(file)
  return (sift.decode(helpers.read(file)))
end

-- The article as it should come back when every segment is translated by `fn` (applied to the
-- text that the translator saw: without what XML forbids).
local function expected(text, id, fn)
  local a = segments.segment(text, { id = id })
  return segments.rebuild(a, function(s) return fn((xml.clean(s.text)), s) end)
end

local function upper(s)
  return s:upper()
end

-- Upper case outside the protected spans, which a translator leaves alone.
local function upper_unprotected(_, seg)
  local out = {}
  for _, p in ipairs(segments.pieces(seg)) do
    out[#out + 1] = type(p) == "string" and (xml.clean(p)):upper() or (xml.clean(p.text))
  end
  return table.concat(out)
end

local function listdir(dir)
  local out = {}
  local p = io.popen("ls -A " .. sh.quote(dir))
  for line in p:lines() do
    out[#out + 1] = line
  end
  p:close()
  return out
end

describe("merge.read and merge.apply", function()
  after_each(sh.cleanup)

  it("round-trip every BBC article, the seed and a hostile one through XLIFF 2.0, XLIFF 1.2 and PO", function()
    local files = { SEED }
    for _, f in ipairs(helpers.bbc_articles()) do
      files[#files + 1] = f
    end
    local n = 0
    for _, file in ipairs(files) do
      local text = decoded(file)
      local a = segments.segment(text, { id = file })
      local want = expected(text, file, upper)
      for _, format in ipairs({ "xliff2", "xliff12", "po" }) do
        local out = segments.write(a, format, { target_lang = "fr", targets = function(s) return s.text:upper() end })
        local t = assert(merge.read(out))
        local got, report = merge.apply(text, t, { name = file })
        assert.are.equal(want, got, format .. " " .. file)
        assert.are.equal(#a.segments, report.translated)
        assert.are.equal(0, #report.untranslated)
        assert.are.equal(file, report.article_id)
        n = n + 1
      end
    end
    assert.are.equal(3 * 401, n)
    local h = segments.segment(sh.hostile, { id = "h" })
    for _, format in ipairs({ "xliff2", "xliff12", "po" }) do
      local out = segments.write(h, format, { targets = function(s) return s.text:upper() end })
      local got = merge.apply(sh.hostile, assert(merge.read(out)))
      assert.are.equal(expected(sh.hostile, "h", upper), got, format)
      assert.is_truthy(got:find("😀 AND 𝄞", 1, true))
    end
  end)

  it("is exposed as sift.merge_translation", function()
    local text = decoded(SEED)
    local out = segments.write(segments.segment(text, { id = "seed" }), "po",
      { targets = function(s) return "<" .. s.text .. ">" end })
    local got, report = sift.merge_translation(text, out)
    assert.are.equal(expected(text, "seed", function(s) return "<" .. s .. ">" end), got)
    assert.are.equal(0, #report.untranslated)
    local none, err, line = sift.merge_translation(text, "msgid \"a\"\nmsgstr b\n")
    assert.is_nil(none)
    assert.are.equal(2, line)
    assert.are.equal("line 2: expected a quoted string", err)
    assert.has_error(function() sift.merge_translation(text, 3) end,
      "bad argument #2 to 'merge_translation' (string expected, got number)")
    assert.has_error(function() sift.merge_translation(text, out, { strict = true }) end,
      "bad argument #3 to 'merge_translation' (unknown option 'strict')")
  end)

  it("keeps the translations of unchanged sentences when the article was edited after the export", function()
    local text = decoded(SEED)
    local a = segments.segment(text, { id = "seed" })
    local out = segments.write(a, "xliff2", { targets = function(s) return s.text:upper() end })
    local changed = a.segments[5].text
    local edited = text:gsub(changed:gsub("%p", "%%%0"), "A new sentence stands here.", 1) .. "\nOne more line.\n"
    local got, report = merge.apply(edited, assert(merge.read(out)), { id = "seed" })
    assert.are.equal(2, #report.untranslated)
    assert.are.equal("A new sentence stands here.", report.untranslated[1].text)
    assert.are.equal("One more line.", report.untranslated[2].text)
    assert.are.equal(#segments.segment(edited).segments - 2, report.translated)
    assert.is_truthy(got:find("A new sentence stands here.", 1, true))
    assert.is_truthy(got:find(a.segments[4].text:upper(), 1, true))
    assert.is_truthy(got:find(a.segments[6].text:upper(), 1, true))
  end)

  it("reads what CAT tools write: CDATA, references, nested inline codes, placeholders, <cp/>, "
    .. "resegmented units", function()
    local text = "First one here. Second & last.\n\nA third paragraph. With two sentences."
    local a = segments.segment(text, { id = "cat" })
    local s, u = a.segments, a.units
    local doc = table.concat({
      '<?xml version="1.0"?>',
      '<!-- a comment -->',
      '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">',
      '<file id="f1" original="cat">',
      '<unit id="' .. u[1].id .. '">',
      '<originalData><data id="d1">PREMI<cp hex="00C8"/>RE</data></originalData>',
      '<segment id="' .. s[1].id .. '" state="translated"><source>First one here.</source>',
      '<target><ph id="p1" dataRef="d1"/> <pc id="c1"><mrk id="m1" translate="no">ICI</mrk></pc>.'
        .. '<sm id="x"/><em startRef="x"/></target></segment>',
      '<ignorable><source> </source></ignorable>',
      '<segment id="' .. s[2].id .. '"><source>Second &amp; last.</source>',
      '<target><![CDATA[Deuxième & <dernière>]]>&#x2E;<?pi x?><!-- c --></target></segment>',
      '</unit>',
      -- a CAT tool joined the two sentences of this unit: no segment ids left
      '<unit id="' .. u[2].id .. '">',
      '<segment><source>A third paragraph. With two sentences.</source>',
      '<target>Un troisième paragraphe, en une phrase.</target></segment>',
      '</unit>',
      '</file>',
      '</xliff>',
    }, "\n")
    local t = assert(merge.read(doc))
    local got, report = merge.apply(text, t)
    assert.are.equal("PREMIÈRE ICI. Deuxième & <dernière>.\n\nUn troisième paragraphe, en une phrase.", got)
    assert.are.equal(4, report.translated)
  end)

  it("replaces a paragraph as a whole when the splitter cut it otherwise at the export", function()
    local text = decoded(SEED)
    -- an older splitter: pairs of sentences as one segment
    local function pairs_of_sentences(t)
      local out = {}
      for _, s in ipairs(sift.sentences(t)) do
        local last = out[#out]
        if last and last.paragraph == s.paragraph and not last.joined then
          last.j, last.joined = s.j, true
        else
          out[#out + 1] = { i = s.i, j = s.j, paragraph = s.paragraph }
        end
      end
      return out
    end
    local old = segments.segment(text, { id = "seed", sentences = pairs_of_sentences })
    assert.is_true(#old.segments < #segments.segment(text).segments)
    local function tr(s)
      return "[" .. s.text .. "]"
    end
    local out = segments.write(old, "xliff2", { targets = tr })
    local got, report = merge.apply(text, assert(merge.read(out)), { id = "seed" })
    assert.are.equal(segments.rebuild(old, tr), got)
    assert.are.equal(0, #report.untranslated)
    -- PO has no white space between sentences, so it cannot: the sentences keep their text
    local po_out = segments.write(old, "po", { targets = tr })
    local _, po_report = merge.apply(text, assert(merge.read(po_out)), { id = "seed" })
    assert.is_true(#po_report.untranslated > 0)
  end)

  it("leaves fuzzy PO entries out unless asked, and reads re-wrapped strings", function()
    local text = "Alpha one. Beta two."
    local a = segments.segment(text, { id = "f" })
    local po = table.concat({
      'msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', "",
      "#, fuzzy", 'msgctxt "' .. a.segments[1].id .. '"', 'msgid "Alpha one."', 'msgstr "ALPHA"', "",
      'msgctxt "' .. a.segments[2].id .. '"', 'msgid "Beta two."', 'msgstr ""', '"BETA "', '"TWO."', "",
    }, "\n")
    local t = assert(merge.read(po))
    assert.are.equal(1, t.fuzzy)
    assert.are.equal("Alpha one. BETA TWO.", (merge.apply(text, t, { id = "f" })))
    local tf = assert(merge.read(po, { fuzzy = true }))
    assert.are.equal("ALPHA BETA TWO.", (merge.apply(text, tf, { id = "f" })))
  end)

  it("says so when the translation holds none of the article's segments", function()
    local out = segments.write(segments.segment("Something else entirely.", { id = "x" }), "xliff2")
    local got, err = merge.apply("An unrelated article.", assert(merge.read(out)))
    assert.is_nil(got)
    assert.is_truthy(err:find("none of the article's segments", 1, true))
  end)

  it("merges targets and groups nested 100,000 deep, and reports an error down there with its line", function()
    -- every walk over the tree recursed: this overflowed the Lua stack and raised out of merge.read
    local depth = 100000
    local text = "Alpha one. Beta two."
    local a = segments.segment(text, { id = "deep" })
    local want = expected(text, "deep", upper)
    local function nest(open, close, inner)
      return open:rep(depth // 2) .. inner .. close:rep(depth // 2)
    end
    local cases = {
      xliff2 = { '<pc id="p"><mrk id="m">', "</mrk></pc>", '<group id="g">', "</group>", "(<unit )", "(</unit>)" },
      xliff12 = { '<g id="p"><mrk mtype="x">', "</mrk></g>", '<group id="g">', "</group>",
        "(<trans%-unit )", "(</trans%-unit>)" },
    }
    for format, c in pairs(cases) do
      local out = segments.write(a, format, { targets = function(s) return s.text:upper() end })
      -- the first target as "ALPH" "A" " ONE.", its "A" a <cp/> in XLIFF 2.0, under `depth` codes
      local bottom = format == "xliff2" and 'ALPH<cp hex="41"/>' or "ALPHA"
      local deep = out:gsub("(>)ALPHA ONE%.(</target>)", function(open, close)
        return open .. nest(c[1], c[2], bottom) .. " ONE." .. close
      end, 1)
      assert.is_true(#deep > 1000000)
      -- and the first unit in `depth` groups
      deep = deep:gsub(c[5], nest(c[3], "", "%1"), 1):gsub(c[6], "%1" .. c[4]:rep(depth // 2), 1)
      local t = assert(merge.read(deep))
      assert.are.equal(want, (merge.apply(text, t)), format)
      local got, report = sift.merge_translation(text, deep)
      assert.are.equal(want, got, format)
      assert.are.equal(2, report.translated)
    end
    -- a bad <cp/> under the codes, on a line of its own: nil, the message and that line
    local out = segments.write(a, "xliff2", { targets = function(s) return s.text:upper() end })
    local bad_line
    local n = 0
    for l in out:gmatch("[^\n]*\n") do
      n = n + 1
      bad_line = bad_line or (l:find("ALPHA ONE.", 1, true) and n + 1)
    end
    local deep = out:gsub("(>)ALPHA ONE%.(</target>)", function(open, close)
      return open .. nest('<pc id="p">', "</pc>", '\n<cp hex="D800"/>') .. close
    end, 1)
    local t, err, line = merge.read(deep)
    assert.is_nil(t)
    assert.are.equal(bad_line, line)
    assert.are.equal("line " .. bad_line .. ": <cp> with a bad hex attribute", err)
    local got
    got, err, line = sift.merge_translation(text, deep)
    assert.is_nil(got)
    assert.are.equal(bad_line, line)
    assert.are.equal("line " .. bad_line .. ": <cp> with a bad hex attribute", err)
  end)

  it("reports malformed XLIFF and PO with the line", function()
    local a = segments.segment(decoded(SEED), { id = "seed" })
    local good = segments.write(a, "xliff2")
    local lines = {}
    for l in good:gmatch("[^\n]*\n") do
      lines[#lines + 1] = l
    end
    lines[12] = lines[12]:gsub("</source>", "</sorce>", 1)
    local _, err, line = merge.read(table.concat(lines))
    assert.are.equal(12, line)
    assert.is_truthy(err:find("^line 12: end tag </sorce> does not match <source>"), err)
    _, err, line = merge.read("<?xml version='1.0'?>\n<tmx version='1.4'/>")
    assert.are.equal(2, line)
    assert.is_truthy(err:find("not <xliff>"), err)
    _, err, line = merge.read('msgid ""\nmsgstr ""\n\nmsgctxt "s1"\nmsgid "x"\nmsgstr "y\n')
    assert.are.equal(6, line)
    assert.is_truthy(err:find("unterminated string"), err)
    _, err, line = merge.read('msgid ""\nmsgstr ""\n\nmsgid "no context"\nmsgstr "y"\n')
    assert.are.equal(4, line)
    assert.is_truthy(err:find("without msgctxt"), err)
    -- <cp/> that names no character: a hex number that wraps round to a negative integer (found by
    -- fuzz_merge_lua: it raised from utf8.char), a surrogate, one past U+10FFFF
    for _, hex in ipairs({ ("d"):rep(40), "D800", "110000", "zz" }) do
      local bad = good:gsub("</source>", '</source><target>x<cp hex="' .. hex .. '"/></target>', 1)
      _, err, line = merge.read(bad)
      assert.is_truthy(err and err:find("<cp> with a bad hex attribute", 1, true), hex .. ": " .. tostring(err))
      assert.is_truthy(math.type(line) == "integer" and line > 1, hex)
    end
  end)
end)

describe("sift merge", function()
  after_each(sh.cleanup)

  local dir

  before_each(function()
    dir = sh.temp_dir()
  end)

  after_each(function()
    sh.remove_dir(dir)
  end)

  local function export(format, files, extra)
    local args = { "segments", "-f", format, "--target-lang", "fr" }
    for _, a in ipairs(extra or {}) do
      args[#args + 1] = a
    end
    for _, f in ipairs(files) do
      args[#args + 1] = f
    end
    local out, err, code = sh.sift(args)
    assert.are.equal(0, code, err)
    local name = dir .. "/export." .. (format == "po" and "po" or "xlf")
    local f = assert(io.open(name, "wb"))
    f:write(out)
    f:close()
    return name
  end

  local FILES = { SEED }
  for _, f in ipairs(sh.some_bbc(40)) do
    FILES[#FILES + 1] = f
  end

  it("merges XLIFF 2.0 whose targets a third-party XML writer filled in (ElementTree, prefixed names), "
    .. "with <mrk> and with <ph>", function()
    for _, inline in ipairs({ "mrk", "ph" }) do
      local xlf = export("xliff2", FILES, { "--inline", inline })
      local filled = dir .. "/filled.xlf"
      local _, err, code = sh.py([[
import sys
import xml.etree.ElementTree as ET
X = "{urn:oasis:names:tc:xliff:document:2.0}"
tree = ET.parse(sys.argv[1])
for seg in tree.getroot().iter(X + "segment"):
    src = seg.find(X + "source")
    tgt = ET.SubElement(seg, X + "target")
    tgt.text = (src.text or "").upper()
    for child in src:
        copy = ET.SubElement(tgt, child.tag, child.attrib)
        copy.text = child.text
        copy.tail = (child.tail or "").upper()
tree.write(sys.argv[2], encoding="UTF-8", xml_declaration=True)
]], { xlf, filled })
      assert.are.equal(0, code, err)
      local written = helpers.read(filled)
      assert.is_truthy(written:find("<ns0:target>", 1, true))
      assert.is_truthy(written:find(inline == "ph" and "<ns0:ph " or "<ns0:mrk ", 1, true))
      for _, file in ipairs(FILES) do
        local out, merr, mcode = sh.sift({ "merge", filled, file })
        assert.are.equal(0, mcode, merr)
        assert.are.equal("", merr)
        assert.are.equal(expected(decoded(file), file, upper_unprotected), out, inline .. " " .. file)
      end
    end
  end)

  it("merges PO and XLIFF 1.2 files that translate-toolkit filled in and saved", function()
    for _, format in ipairs({ "po", "xliff12" }) do
      local exported = export(format, FILES)
      local filled = dir .. "/filled." .. (format == "po" and "po" or "xlf")
      local _, err, code = sh.py([[
import sys
from translate.storage import factory
store = factory.getobject(sys.argv[1])
for unit in store.units:
    if not unit.isheader():
        unit.target = unit.source.upper()
store.savefile(sys.argv[2])
]], { exported, filled })
      assert.are.equal(0, code, err)
      for _, file in ipairs(FILES) do
        local out, merr, mcode = sh.sift({ "merge", filled, file })
        assert.are.equal(0, mcode, merr)
        assert.are.equal(expected(decoded(file), file, upper), out, format .. " " .. file)
      end
    end
  end)

  it("writes -o FILE through a temporary file, and leaves nothing when the translation is malformed", function()
    local po = export("po", { SEED })
    local target = dir .. "/seed.fr.txt"
    -- untranslated: the sentences keep their text, a warning says how many
    local out, err, code = sh.sift({ "merge", po, SEED, "-o", target })
    assert.are.equal(0, code, err)
    assert.are.equal("", out)
    assert.is_truthy(err:find("sentences have no translation and keep their text", 1, true))
    assert.are.equal(decoded(SEED), helpers.read(target))
    -- --strict makes that a failure, and the file already there stays as it was
    local f = assert(io.open(target, "wb"))
    f:write("previous content")
    f:close()
    out, err, code = sh.sift({ "merge", "--strict", po, SEED, "-o", target })
    assert.are.equal("", out)
    assert.are.equal(1, code)
    assert.is_truthy(err:find(target .. " not written", 1, true), err)
    assert.are.equal("previous content", helpers.read(target))
    -- a malformed translation: its line in the message, exit 1, no output and no temporary file
    local broken = dir .. "/broken.po"
    local lines = {}
    for l in helpers.read(po):gmatch("[^\n]*\n") do
      lines[#lines + 1] = l
    end
    local bad
    for k, l in ipairs(lines) do
      if not bad and l:find("^msgid \"[^\"]") then
        bad = k
        lines[k] = l:gsub("\"\n$", "\n")
      end
    end
    f = assert(io.open(broken, "wb"))
    f:write(table.concat(lines))
    f:close()
    local fresh = dir .. "/fresh.txt"
    out, err, code = sh.sift({ "merge", broken, SEED, "-o", fresh })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.are.equal("sift merge: " .. broken .. ":" .. bad .. ": unterminated string\n", err)
    assert.is_nil(io.open(fresh, "rb"))
    -- the same on standard output: nothing is written
    out, err, code = sh.sift({ "merge", broken, SEED })
    assert.is_truthy(err:find("unterminated string", 1, true))
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.are.same({ "broken.po", "export.po", "seed.fr.txt" }, (function()
      local l = listdir(dir)
      table.sort(l)
      return l
    end)())
  end)

  it("reports an XLIFF error with its line and writes nothing", function()
    local xlf = export("xliff2", { SEED })
    local text = helpers.read(xlf):gsub("(<segment [^>]*>)", "%1<source>", 1)
    local broken = dir .. "/broken.xlf"
    local f = assert(io.open(broken, "wb"))
    f:write(text)
    f:close()
    local line
    local n = 0
    for l in text:gmatch("[^\n]*\n") do
      n = n + 1
      if not line and l:find("<source><source>", 1, true) then
        line = n
      end
    end
    local out, err, code = sh.sift({ "merge", broken, SEED, "-o", dir .. "/out.txt" })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.is_truthy(err:find("^sift merge: " .. broken:gsub("%p", "%%%0") .. ":" .. line .. ": "), err)
    assert.is_nil(io.open(dir .. "/out.txt", "rb"))
  end)

  it("exits 2 on bad usage and 1 when the article is not in the translation", function()
    local _, err, code = sh.sift({ "merge" })
    assert.are.equal(2, code)
    assert.is_truthy(err:find("no TRANSLATION file given", 1, true))
    _, _, code = sh.sift({ "merge", "--colour", "x" })
    assert.are.equal(2, code)
    local xlf = export("xliff2", { SEED })
    local other = sh.temp("A different article altogether.\n", ".txt")
    local out
    out, err, code = sh.sift({ "merge", xlf, other })
    assert.are.equal(1, code)
    assert.are.equal("", out)
    assert.is_truthy(err:find("none of the article's segments is in the translation", 1, true))
    os.remove(other)
    _, err, code = sh.sift({ "merge", dir .. "/missing.xlf", SEED })
    assert.are.equal(1, code)
    assert.is_truthy(err:find("missing.xlf", 1, true))
  end)

  it("finds the article under another name, or under --article-id", function()
    local xlf = export("xliff2", { SEED })
    local copy = dir .. "/renamed.txt"
    local f = assert(io.open(copy, "wb"))
    f:write(helpers.read(SEED))
    f:close()
    local out, err, code = sh.sift({ "merge", xlf, copy })
    assert.are.equal(0, code, err)
    assert.are.equal(decoded(SEED), out)
    out, err, code = sh.sift({ "merge", "--article-id", SEED, xlf, "-" }, SEED)
    assert.are.equal(0, code, err)
    assert.are.equal(decoded(SEED), out)
  end)
end)
