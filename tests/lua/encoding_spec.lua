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
