-- sift.to_utf8, from_utf8, detect_encoding, valid_utf8, clean_utf8, on the 24 real files of
-- ../shared/data/encodings and on hand-made ill-formed input.
local sift = require "sift"
local helpers = require "helpers"

local dir = helpers.shared .. "/data/encodings"

-- The iconv name for a file's true encoding (the MANIFEST's python codec).
local ICONV = {
  big5 = "BIG5", cp932 = "CP932", euc_jp = "EUC-JP", euc_kr = "EUC-KR", gb18030 = "GB18030",
  koi8_r = "KOI8-R", shift_jis = "SHIFT_JIS", ["utf-16-be"] = "UTF-16BE", ["utf-16-le"] = "UTF-16LE",
  ["latin-1"] = "ISO-8859-1", iso8859_7 = "ISO-8859-7", ["utf-8-sig"] = "UTF-8",
  cp1250 = "WINDOWS-1250", cp1251 = "WINDOWS-1251", cp1252 = "WINDOWS-1252", cp1255 = "WINDOWS-1255",
}

local function manifest()
  local rows = {}
  for line in io.lines(dir .. "/MANIFEST.tsv") do
    local path, _, codec = line:match("^([^\t]+)\t([^\t]*)\t([^\t]*)")
    if path and path ~= "path" then
      rows[#rows + 1] = { path = dir .. "/" .. path, codec = codec }
    end
  end
  return rows
end

-- What the iconv command makes of a file.
local function iconv(path, from)
  local p = assert(io.popen(("iconv -f %s -t UTF-8 '%s'"):format(from, path), "r"))
  local out = p:read("a")
  p:close()
  return out
end

describe("encodings of real files", function()
  local rows = manifest()

  it("lists 24 files, each with a known encoding", function()
    assert.are.equal(24, #rows)
    for _, row in ipairs(rows) do
      assert.is_not_nil(ICONV[row.codec], row.codec)
    end
  end)

  it("converts each file to the same UTF-8 as the iconv command", function()
    for _, row in ipairs(rows) do
      local enc = ICONV[row.codec]
      local got, err = sift.to_utf8(helpers.read(row.path), enc)
      assert(got, row.path .. ": " .. tostring(err))
      local want = iconv(row.path, enc)
      if enc == "UTF-8" then
        want = want:gsub("^\xEF\xBB\xBF", "") -- iconv keeps a BOM in UTF-8 to UTF-8; compare the text
        got = got:gsub("^\xEF\xBB\xBF", "")
      end
      assert(got == want, row.path .. " differs from iconv's conversion")
      assert.is_true(sift.valid_utf8(got))
    end
  end)

  it("detects the encoding (or one that decodes identically) of at least 22 of the 24", function()
    local right, misses = 0, {}
    for _, row in ipairs(rows) do
      local bytes = helpers.read(row.path)
      local name, confidence = sift.detect_encoding(bytes)
      assert.is_true(confidence >= 0 and confidence <= 1)
      local want = sift.to_utf8(bytes, ICONV[row.codec])
      local got = sift.to_utf8(bytes, name)
      if got and got:gsub("^\xEF\xBB\xBF", "") == want:gsub("^\xEF\xBB\xBF", "") then
        right = right + 1
      else
        misses[#misses + 1] = row.path .. " -> " .. name
      end
    end
    assert(right >= 22, table.concat(misses, "\n"))
  end)

  it("round-trips UTF-8 -> legacy -> UTF-8", function()
    for _, row in ipairs(rows) do
      local enc = ICONV[row.codec]
      local text = sift.to_utf8(helpers.read(row.path), enc)
      local back = assert(sift.from_utf8(text, enc))
      assert.are.equal(text, sift.to_utf8(back, enc))
    end
  end)
end)

describe("sift.to_utf8 and sift.from_utf8", function()
  it("reports the first undecodable byte with its position", function()
    assert.are.same({ nil, "invalid byte sequence (UTF-8) at byte 1", 1 }, { sift.to_utf8("\xFFabc", "UTF-8") })
    assert.are.same({ nil, "invalid byte sequence (UTF-8) at byte 3", 3 }, { sift.to_utf8("ab\xC0\xAFc", "UTF-8") })
    local s, _, pos = sift.to_utf8("abc\xE2\x82", "UTF-8")
    assert.is_nil(s)
    assert.are.equal(4, pos) -- truncated at the end
    s, _, pos = sift.to_utf8("ab\xED\xA0\x80", "UTF-8") -- a surrogate
    assert.is_nil(s)
    assert.are.equal(3, pos)
    s, _, pos = sift.to_utf8("\x81\x30", "GB18030") -- a 4-byte sequence cut short
    assert.is_nil(s)
    assert.are.equal(1, pos)
  end)

  it("replaces or skips what it cannot decode", function()
    assert.are.equal("a\u{FFFD}\u{FFFD}b", sift.to_utf8("a\xC0\xAFb", "UTF-8", { invalid = "replace" }))
    assert.are.equal("a\u{FFFD}b", sift.to_utf8("a\xE2\x82b", "UTF-8", { invalid = "replace" }))
    assert.are.equal("ab", sift.to_utf8("a\xFFb", "UTF-8", { invalid = "skip" }))
    assert.are.equal("caf?", sift.from_utf8("caf\u{2603}", "ISO-8859-1", { invalid = "replace" }))
    assert.are.equal("caf", sift.from_utf8("caf\u{2603}", "ISO-8859-1", { invalid = "skip" }))
  end)

  it("keeps NUL bytes", function()
    assert.are.equal("a\0b", sift.to_utf8("a\0b", "WINDOWS-1252"))
    assert.are.equal("a\0b", sift.from_utf8("a\0b", "KOI8-R"))
  end)

  it("converts large input in chunks", function()
    local s = ("caf\xE9 \x93news\x94 "):rep(200000)
    local out = assert(sift.to_utf8(s, "WINDOWS-1252"))
    assert.are.equal(("café “news” "):rep(200000), out)
  end)

  it("answers an unknown encoding with nil and a message", function()
    assert.are.same({ nil, "unknown encoding 'X'" }, { sift.to_utf8("abc", "X") })
    assert.are.same({ nil, "unknown encoding 'X'" }, { sift.from_utf8("abc", "X") })
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.to_utf8("x", "UTF-8", { invalid = "bogus" }) end,
      "bad argument #3 to 'to_utf8' (option 'invalid' must be 'error', 'replace' or 'skip', got 'bogus')")
    assert.has_error(function() sift.to_utf8("x", "UTF-8", { invalids = "skip" }) end,
      "bad argument #3 to 'to_utf8' (unknown option 'invalids')")
    assert.has_error(function() sift.to_utf8("x") end,
      "bad argument #2 to 'to_utf8' (string expected, got no value)")
    assert.has_error(function() sift.from_utf8(nil, "UTF-8") end,
      "bad argument #1 to 'from_utf8' (string expected, got nil)")
  end)
end)

describe("sift.valid_utf8 and sift.clean_utf8", function()
  it("finds the first ill-formed byte", function()
    assert.are.same({ true }, { sift.valid_utf8("plain ASCII and ünïcödé") })
    assert.are.same({ false, 4 }, { sift.valid_utf8("abc\x80") })
    assert.are.same({ false, 1 }, { sift.valid_utf8("\xF4\x90\x80\x80") })
    assert.are.same({ false, 17 }, { sift.valid_utf8(("a"):rep(16) .. "\xC1\x81") })
  end)

  it("repairs with one U+FFFD per maximal ill-formed subpart", function()
    assert.are.equal("a\u{FFFD}\u{FFFD}\u{FFFD}b", sift.clean_utf8("a\xF0\x80\x80b"))
    assert.are.equal("a\u{FFFD}b", sift.clean_utf8("a\xF1\x80\x80b"))
    assert.are.equal("\u{FFFD}", sift.clean_utf8("\xE2\x82"))
    local valid = "already valid"
    assert.are.equal(valid, sift.clean_utf8(valid))
  end)
end)

describe("sift.decode", function()
  it("detects and converts in one step", function()
    local text, enc = sift.decode("caf\xE9 \x93quoted\x94 news from the capital")
    assert.are.equal("café “quoted” news from the capital", text)
    assert.are.equal("WINDOWS-1252", enc)
    assert.are.equal("plain", (sift.decode("plain", "UTF-8")))
    assert.are.same({ nil, "unknown encoding 'NOPE'" }, { sift.decode("x", "NOPE") })
  end)
end)

describe("sift.page_encoding and sift.decode_page (web pages)", function()
  local pages = helpers.shared .. "/data/web-pages"

  local function gunzip(path)
    local p = assert(io.popen("gzip -dc " .. helpers.quote(path), "r"))
    local data = p:read("a")
    p:close()
    assert(#data > 0, "cannot read " .. path)
    return data
  end

  it("finds a declaration, and says where its label is", function()
    local page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
    local e = sift.page_encoding(page)
    assert.are.same({ name = "windows-1252", iconv = "CP1252", source = "meta", bom = 0,
      i = page:find("ISO", 1, true), j = page:find("ISO", 1, true) + 9 }, e)
    assert.are.equal("ISO-8859-1", page:sub(e.i, e.j))
    assert.are.equal("caller", sift.page_encoding(page, "koi8-r").source)
    assert.are.equal("meta", sift.page_encoding(page, "text/html").source)
  end)

  it("decodes a page in its declared encoding, a byte order mark removed", function()
    local text, e = sift.decode_page("<meta charset=windows-1251><p>\xCF\xF0\xE8\xE2\xE5\xF2</p>")
    assert.are.equal("<meta charset=windows-1251><p>Привет</p>", text)
    assert.are.same({}, e.warnings)
    text, e = sift.decode_page("\xEF\xBB\xBF<p>\xC3\xA9</p>", { encoding = "iso-8859-1" })
    assert.are.equal("<p>é</p>", text)
    assert.are.equal("bom", e.source)
    text = sift.decode_page("\xFF\xFE<\0p\0>\0\xE9\0")
    assert.are.equal("<p>é", text)
  end)

  it("replaces what the encoding cannot decode, with a warning that gives the place", function()
    local text, e = sift.decode_page("<meta charset=utf-8><p>a\xFFb\xFEc</p>")
    assert.are.equal("<meta charset=utf-8><p>a\u{FFFD}b\u{FFFD}c</p>", text)
    assert.are.same({ "2 sequences could not be decoded as utf-8 (the first at byte 25): each became U+FFFD" },
      e.warnings)
  end)

  it("reads UTF-8 bytes as UTF-8 even under a legacy declaration, and says so", function()
    local text, e = sift.decode_page("<meta charset=gb2312><p>Caf\xC3\xA9</p>")
    assert.are.equal("<meta charset=gb2312><p>Café</p>", text)
    assert.are.equal("gbk", e.declared)
    assert.are.same({ "the page says gbk, but its bytes are UTF-8: read as UTF-8" }, e.warnings)
  end)

  it("reads trafilatura-eval's page 0135 (UTF-8 with one Latin-1 byte) as a browser does", function()
    local page = gunzip(pages .. "/trafilatura-eval/pages/0135.html.gz")
    local text, e = sift.decode_page(page)
    assert.are.equal("utf-8", e.name)
    assert.are.equal("meta", e.source)
    assert.are.same({ "1 sequence could not be decoded as utf-8 (the first at byte 21224): each became U+FFFD" },
      e.warnings)
    local _, n = text:gsub("\u{FFFD}", "")
    assert.are.equal(1, n)
    assert.is_true(sift.valid_utf8(text))
  end)

  it("decodes every saved page without failing, most of them without a warning", function()
    local files = helpers.list(pages .. "/trafilatura-eval/pages", "%.html%.gz$")
    assert.is_true(#files >= 990)
    local warned = 0
    for _, f in ipairs(files) do
      local text, e = sift.decode_page(gunzip(f))
      assert(text and sift.valid_utf8(text), f)
      if #e.warnings > 0 then
        warned = warned + 1
      end
    end
    assert.is_true(warned <= 10, warned .. " pages warned")
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.page_encoding(nil) end,
      "bad argument #1 to 'page_encoding' (string expected, got nil)")
    assert.has_error(function() sift.decode_page("x", { charset = "utf-8" }) end)
  end)
end)
