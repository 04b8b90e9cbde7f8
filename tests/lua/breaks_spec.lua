-- sift.breaks against the Unicode 15.0.0 conformance files, every line, no skip list.
local sift = require "sift"
local helpers = require "helpers"

local function encode(cp)
  return utf8.char(cp)
end

-- Parses one conformance file into { text =, expected = {1-based positions} } cases.
local function cases(name)
  local out = {}
  for line in io.lines(helpers.unicode_dir .. "/auxiliary/" .. name) do
    line = line:gsub("#.*", "")
    if line:match("%S") then
      local parts, pos, expected = {}, 1, {}
      for mark, hex in line:gmatch("([\xC3][\x97\xB7])%s*(%x*)") do
        if mark == "\xC3\xB7" then
          expected[#expected + 1] = pos
        end
        if hex ~= "" then
          local ch = encode(tonumber(hex, 16))
          parts[#parts + 1] = ch
          pos = pos + #ch
        end
      end
      out[#out + 1] = { text = table.concat(parts), expected = expected, line = line }
    end
  end
  return out
end

local function conformance(file, kind, count)
  local all, failed = cases(file), {}
  for n, case in ipairs(all) do
    local got = sift.breaks(case.text, kind)
    if table.concat(got, ",") ~= table.concat(case.expected, ",") then
      failed[#failed + 1] = n .. ": " .. case.line
    end
  end
  assert.are.equal(count, #all)
  assert.are.same({}, failed)
end

describe("sift.breaks conformance", function()
  it("passes every line of WordBreakTest.txt", function()
    conformance("WordBreakTest.txt", "word", 1823)
  end)
  it("passes every line of GraphemeBreakTest.txt", function()
    conformance("GraphemeBreakTest.txt", "grapheme", 602)
  end)
  it("passes every line of SentenceBreakTest.txt", function()
    conformance("SentenceBreakTest.txt", "sentence", 502)
  end)
end)

describe("sift.breaks", function()
  it("includes 1 and #text + 1", function()
    assert.are.same({ 1, 6, 7, 12 }, sift.breaks("hello world", "word"))
    assert.are.same({ 1 }, sift.breaks("", "word"))
    assert.are.same({ 1, 2, 3 }, sift.breaks("ab", "grapheme"))
  end)
  it("keeps an emoji ZWJ sequence and a flag together", function()
    local family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
    assert.are.same({ 1, #family + 1 }, sift.breaks(family, "grapheme"))
    assert.are.same({ 1, 9, 17 }, sift.breaks("\u{1F1EC}\u{1F1E7}\u{1F1EB}\u{1F1F7}", "word"))
  end)
  it("rejects an unknown kind and a non-string text", function()
    assert.has_error(function() sift.breaks("x", "line") end,
      "bad argument #2 to 'breaks' (invalid option 'line')")
    assert.has_error(function() sift.breaks({}, "word") end)
    assert.has_error(function() sift.breaks("x") end)
  end)
  it("walks ill-formed UTF-8 one maximal subpart at a time", function()
    assert.are.same({ 1, 2, 3, 4, 6, 7 }, sift.breaks("a\xFFb\xE2\x80c", "word"))
  end)
end)
