-- Hostile web pages through sift.extract (issue 14, item 9): 100,000 nested <div>s, a page that is
-- one <script> of 10 MB, NUL bytes everywhere, a 10 MB attribute value, everything left unclosed
-- (10^5 open <p><b><i>), 10^5 sibling paragraphs. Each must return (no error, no crash) an article
-- whose text, blocks and metadata are valid UTF-8 and whose offsets lie inside the text and the
-- page. The C side of the same path is tests/fuzz/fuzz_extract.c; the peak memory of a 100 MB page
-- is tests/hostile/extract_memory.sh.
--
-- Tags, as in hostile_spec.lua and the valgrind and sanitizer runs:
--   - untagged: each page at a tenth of its size or less (10^4 elements, 1 MB): fast, and run
--     everywhere, under valgrind and the sanitizers too;
--   - #heavy: each page at its full size (10^5 elements, 10 MB: seconds, tens of MB moved): make
--     test runs them, valgrind and the sanitizers leave them out;
--   - #huge (and #linear): time linear in the page, as tests/hostile/linear_time.lua measures it:
--     a ratio of CPU times (os.clock: other processes on a busy machine do not count), the page at
--     n and at 4 n, the larger run under MAX_RATIO times the smaller (4 is linear, 16 quadratic).
--     make test asserts no timings and leaves #huge out; run them with
--     `busted --lua=lua5.4 --tags=linear tests/lua/hostile_pages_spec.lua` (about 15 s).
local sift = require "sift"

local MAX_RATIO = 10 -- for 4 times the input
local MIN_TIME = 0.05 -- a larger run faster than this passes without a ratio (caches time it unevenly)

local PARA = "<p>The storm reached the coast on Monday night, cutting power to 12,000 homes, the utility said.</p>"
local PARA_TEXT = "The storm reached the coast on Monday night, cutting power to 12,000 homes, the utility said."

-- Each builder gives a page of about `n` (elements or bytes, as its name says); `runs` makes each
-- page a little different, so that no run times a cache of an earlier one.
local runs = 0
local function tail()
  runs = runs + 1
  return "<!-- " .. runs .. " -->"
end

local PAGES = {
  -- n nested <div>s around one paragraph
  nested = function(n)
    return "<html><body>" .. ("<div>"):rep(n) .. PARA .. ("</div>"):rep(n) .. "</body></html>" .. tail()
  end,
  -- one <script> of n bytes, holding what looks like markup
  script = function(n)
    local line = 'var s = "</p><div class=\\"content\\">" + x; // <p>not text</p>\n'
    return "<html><body><script>" .. line:rep(n // #line) .. "</script></body></html>" .. tail()
  end,
  -- n paragraphs with a NUL in every tag, attribute and run of text
  nul = function(n)
    local t = { "<html\0><head><title>Nul\0 page</title></head><body\0><article\0>" }
    for k = 1, n do
      t[#t + 1] = ("<p\0 class=\"x\0y\">Para\0graph %d of\0 the report,\0 in which the council said,\0 again, "
        .. "that the road would close.\0</p\0>\0"):format(k)
    end
    t[#t + 1] = "</article></body></html>\0" .. tail()
    return table.concat(t)
  end,
  -- a class attribute of n bytes (words the class-name rules read) on the article's container
  class = function(n)
    local words = "story-body articleBody entry-content mainColumn is_wide "
    return '<html><body><div class="' .. words:rep(n // #words) .. '">' .. PARA .. "</div></body></html>" .. tail()
  end,
  -- an og:description of n bytes (with character references), which the metadata cuts at 2048
  description = function(n)
    return '<html><head><meta property="og:description" content="' .. ("word &amp; "):rep(n // 11)
      .. '"></head><body>' .. PARA .. "</body></html>" .. tail()
  end,
  -- n times <p><b><i> and a sentence, nothing ever closed
  unclosed = function(n)
    local t = {}
    for k = 1, n do
      t[k] = ("<p><b><i>Sentence %d of the text, which goes on a while, with commas. "):format(k)
    end
    return table.concat(t) .. tail()
  end,
  -- n sibling paragraphs, each its own (the same paragraph repeated is boilerplate, and goes)
  siblings = function(n)
    local t = { "<html><body><article>" }
    for k = 1, n do
      t[#t + 1] = ("<p>Paragraph %d of the report, in which the council said, again, that the road would close.</p>")
        :format(k)
    end
    t[#t + 1] = "</article></body></html>" .. tail()
    return table.concat(t)
  end,
}

-- What every article must be, whatever the page: its text, blocks and metadata valid UTF-8, the
-- blocks' offsets inside the text (in order) and their sources inside the page.
local function check_article(page, a)
  assert.is_table(a)
  assert.is_string(a.text)
  assert.is_true(sift.valid_utf8(a.text), "the text is not valid UTF-8")
  assert.is_table(a.blocks)
  assert.is_table(a.warnings)
  -- (checked with error, not luassert: 10^5 blocks)
  local last = 0
  for k, b in ipairs(a.blocks) do
    if not sift.valid_utf8(b.text) then
      error("block " .. k .. "'s text is not valid UTF-8")
    end
    if not (b.i > last and b.j >= b.i - 1 and b.j <= #a.text and a.text:sub(b.i, b.j) == b.text) then
      error(("block %d's offsets [%d, %d] in a text of %d, the previous ending at %d")
        :format(k, b.i, b.j, #a.text, last))
    end
    if not (b.src_i >= 1 and b.src_j >= b.src_i - 1 and b.src_j <= #page) then
      error(("block %d's source [%d, %d] in a page of %d"):format(k, b.src_i, b.src_j, #page))
    end
    last = b.j
  end
  for _, w in ipairs(a.warnings) do
    assert.is_string(w)
  end
  local fields = { "title", "byline", "date", "modified", "lang", "site", "url", "description", "section", "image" }
  for _, k in ipairs(fields) do
    if a[k] ~= nil then
      assert.is_string(a[k])
      assert.is_true(sift.valid_utf8(a[k]), k .. " is not valid UTF-8")
      assert.is_true(#a[k] <= 2048, k .. " is longer than SIFT_META_MAX_FIELD: " .. #a[k])
    end
  end
  for _, name in ipairs(a.authors or {}) do
    assert.is_true(sift.valid_utf8(name), "an author is not valid UTF-8")
  end
end

local function extract(page)
  local ok, a = pcall(sift.extract, page)
  assert(ok, "sift.extract raised: " .. tostring(a))
  check_article(page, a)
  return a
end

-- What each page must give besides (size n).
local EXPECT = {
  nested = function(a)
    assert.are.equal(PARA_TEXT, a.text)
  end,
  script = function(a)
    assert.are.equal("", a.text)
    assert.are.same({}, a.blocks)
    assert.are.equal("no article found in the page", a.warnings[#a.warnings])
  end,
  nul = function(a, n)
    assert.is_truthy(a.text:find("of the report", 1, true))
    assert.is_truthy(a.text:find((" %d of"):format(n), 1, true))
  end,
  class = function(a)
    assert.are.equal(PARA_TEXT, a.text)
  end,
  description = function(a)
    assert.are.equal(PARA_TEXT, a.text)
    assert.is_true(#a.description > 1000 and #a.description <= 2048, "description of " .. #a.description)
    assert.is_truthy(a.description:find("^word & word & "))
  end,
  unclosed = function(a, n)
    assert.is_truthy(a.text:find("Sentence 1 of the text", 1, true))
    assert.is_truthy(a.text:find(("Sentence %d of the text"):format(n), 1, true))
  end,
  siblings = function(a, n)
    assert.is_truthy(a.text:find("Paragraph 1 of the report", 1, true))
    assert.is_truthy(a.text:find(("Paragraph %d of the report"):format(n), 1, true))
  end,
}

-- name, full size, what it counts
local CASES = {
  { "nested", 100000, "nested <div>s" },
  { "script", 10000000, "bytes of one <script>" },
  { "nul", 100000, "paragraphs with NUL bytes everywhere" },
  { "class", 10000000, "bytes of a class attribute" },
  { "description", 10000000, "bytes of an og:description attribute" },
  { "unclosed", 100000, "unclosed <p><b><i>" },
  { "siblings", 100000, "sibling paragraphs" },
}

-- CPU time of sift.extract on the page of size n (the page built beforehand)
local function cpu_time(name, n)
  local page = PAGES[name](n)
  collectgarbage()
  collectgarbage()
  local t0 = os.clock()
  local a = sift.extract(page)
  local t = os.clock() - t0
  check_article(page, a)
  return t
end

describe("a hostile page through sift.extract", function()
  for _, c in ipairs(CASES) do
    local name, full, what = c[1], c[2], c[3]
    local small = full // 10

    it(("returns an article of valid UTF-8: %d %s"):format(small, what), function()
      EXPECT[name](extract(PAGES[name](small)), small)
    end)

    it(("returns an article of valid UTF-8: %d %s #heavy"):format(full, what), function()
      EXPECT[name](extract(PAGES[name](full)), full)
    end)

    it(("takes time linear in the page: %d and %d %s #huge #linear"):format(full // 4, full, what), function()
      local n = full // 4
      local t1 = math.min(cpu_time(name, n), cpu_time(name, n))
      local t4 = cpu_time(name, 4 * n)
      if t4 >= MIN_TIME and t4 > MAX_RATIO * t1 then -- measured once more before it counts
        t1 = math.min(t1, cpu_time(name, n))
        t4 = math.min(t4, cpu_time(name, 4 * n))
      end
      print(("%s: %d in %.3f s, %d in %.3f s CPU: ratio %.1f"):format(name, n, t1, 4 * n, t4, t4 / math.max(t1, 1e-9)))
      assert.is_true(t4 < MIN_TIME or t4 < MAX_RATIO * t1,
        ("%d %s took %.3f s, %d took %.3f s: %.1f times as long for 4 times the page"):format(4 * n, what, t4,
          n, t1, t4 / t1))
    end)
  end
end)
