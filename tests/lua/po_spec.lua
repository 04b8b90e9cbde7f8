-- sift.po: PO strings for the writer, and the reader of translated PO files.
local po = require "sift.po"
local sh = require "segments_helpers"

describe("po.quote", function()
  after_each(sh.cleanup)

  it("escapes backslash, quote, tab, CR and LF, and splits strings at line breaks", function()
    assert.are.equal('"a \\"b\\" c\\\\d\\te\\r"', po.quote('a "b" c\\d\te\r'))
    assert.are.equal('""\n"one\\n"\n"two"', po.quote("one\ntwo"))
    assert.are.equal('""\n"one\\n"\n"two\\n"', po.quote("one\ntwo\n"))
    assert.are.equal('"\\n"', po.quote("\n"))
  end)

  it("gives strings that gettext reads back as they were", function()
    local texts = { "plain", 'q "x" \\ y', "tab\there", "a\nb\n", "cr\r\nlf", "é 中 😀", "50% of %s" }
    local lines = { 'msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', "" }
    for n, t in ipairs(texts) do
      lines[#lines + 1] = "msgctxt " .. po.quote("c" .. n)
      lines[#lines + 1] = "msgid " .. po.quote(t)
      lines[#lines + 1] = "msgstr " .. po.quote(t)
      lines[#lines + 1] = ""
    end
    local file = sh.temp(table.concat(lines, "\n"), ".po")
    -- msgunfmt prints what msgfmt compiled: the strings as gettext understood them
    local mo = file .. ".mo"
    local _, err, code = sh.run("msgfmt -c -o " .. sh.quote(mo) .. " " .. sh.quote(file))
    assert.are.equal(0, code, err)
    local out = sh.run("msgunfmt " .. sh.quote(mo))
    local entries = assert(po.parse(out))
    local got = {}
    for _, e in ipairs(entries) do
      if e.msgctxt then
        got[tonumber(e.msgctxt:sub(2))] = e.msgid
      end
    end
    assert.are.same(texts, got)
    os.remove(file)
    os.remove(mo)
  end)
end)

describe("po.parse", function()
  after_each(sh.cleanup)

  it("reads contexts, multi-line strings, escapes, comments, flags and plurals", function()
    local entries = assert(po.parse(table.concat({
      '# translator comment',
      'msgid ""',
      'msgstr ""',
      '"Language: fr\\n"',
      '',
      '#. extracted one',
      '#: ref.c:1',
      '#, fuzzy, c-format',
      'msgctxt "s1"',
      'msgid ""',
      '"first line\\n"',
      '"second \\"line\\" \\t\\\\ \\101\\x42"',
      'msgstr "translated"',
      '',
      '#~ msgid "obsolete"',
      '#~ msgstr "gone"',
      '',
      'msgid "one"',
      'msgid_plural "many"',
      'msgstr[0] "un"',
      'msgstr[1] "plusieurs"',
    }, "\r\n")))
    assert.are.equal(3, #entries)
    assert.are.equal("", entries[1].msgid)
    assert.are.equal("Language: fr\n", entries[1].msgstr[0])
    local e = entries[2]
    assert.are.equal("s1", e.msgctxt)
    assert.are.equal('first line\nsecond "line" \t\\ AB', e.msgid)
    assert.are.equal("translated", e.msgstr[0])
    assert.is_true(e.flags.fuzzy)
    assert.is_true(e.flags["c-format"])
    assert.are.same({ "extracted one" }, e.extracted)
    assert.are.same({ "ref.c:1" }, e.references)
    assert.are.equal(9, e.line)
    assert.are.equal("many", entries[3].msgid_plural)
    assert.are.equal("plusieurs", entries[3].msgstr[1])
  end)

  it("takes escapes that make UTF-8 characters, within a line or across continued lines", function()
    local entries = assert(po.parse('msgid "caf\\303\\251"\nmsgstr ""\n"\\xC3"\n"\\xA9t\\303\\251"\n'))
    assert.are.equal("café", entries[1].msgid)
    assert.are.equal("été", entries[1].msgstr[0])
  end)

  it("reads a string continued over a million lines, in time linear in them", function()
    -- joining each line to the string so far took n^2 time: 10^6 lines did not end in 5 minutes
    local block, want_block = {}, {}
    for k = 0, 9 do
      block[#block + 1] = '"' .. k .. '\\t\\"' .. k .. '\\n"\n'
      want_block[#want_block + 1] = k .. '\t"' .. k .. "\n"
    end
    local reps = 100000
    local data = 'msgctxt "c"\nmsgid ""\n"id "\n"two"\nmsgstr "first\\n"\n' .. table.concat(block):rep(reps)
      .. '"last"\n\nmsgid "next"\nmsgstr "x"\n'
    local entries = assert(po.parse(data))
    assert.are.equal(2, #entries)
    assert.are.equal("id two", entries[1].msgid)
    local want = "first\n" .. table.concat(want_block):rep(reps) .. "last"
    assert.are.equal(#want, #entries[1].msgstr[0])
    assert.is_true(want == entries[1].msgstr[0])
    assert.are.equal("x", entries[2].msgstr[0])
    assert.are.equal(10 * reps + 8, entries[2].line)
  end)

  it("finds the charset of the header after a long line of 'Content-Type:'", function()
    -- each "Content-Type:" rescanned the rest of its line for "charset=": 130 kB took 9 s, 1.3 MB minutes
    local latin1 = "# " .. ("Content-Type:"):rep(100000) .. '\n# Content-Type: charset="x"\n'
      .. 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
      .. 'msgid "caf\233"\nmsgstr "Caf\233"\n'
    local entries = assert(po.parse(latin1))
    assert.are.equal("café", entries[2].msgid)
    assert.are.equal("Café", entries[2].msgstr[0])
  end)

  it("converts a file whose header names another charset", function()
    local latin1 = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
      .. 'msgid "caf\233"\nmsgstr "Caf\233"\n'
    local entries = assert(po.parse(latin1))
    assert.are.equal("café", entries[2].msgid)
  end)

  it("reports malformed files with the line number", function()
    local cases = {
      { 'msgid "a"\nmsgstr "b\n', 2, "unterminated string" },
      { 'msgid "a"\nmsgstr b\n', 2, "expected a quoted string" },
      { 'msgid "a"\nmsgstr "b" x\n', 2, "text after the closing quote" },
      { 'msgid "a"\n\n"orphan"\nmsgstr ""\n', 3, "a string with no keyword before it" },
      { 'msgid "a"\nmsgstr "\\q"\n', 2, "unknown escape \\q" },
      { 'msgctxt "c"\nmsgstr "x"\n', 2, "msgstr without msgid" },
      { 'msgid "a"\nmsgid_plural "b"\nmsgid_plural "c"\n', 3, "msgid_plural given twice" },
      { 'msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 1, "entry without msgstr" },
      { 'msgid "a"\nmsgstr ""\nfoo "x"\n', 3, "expected msgctxt, msgid, msgstr" },
      { 'msgid "a"\nmsgstr "\255"\n', 2, "ill-formed UTF-8" },
      -- an escape is a byte: alone, \300 is not a character (found by fuzz_merge_lua)
      { '\nmsgid "a"\nmsgstr "x\\300y"\n', 2, "the escapes of msgstr make ill-formed UTF-8" },
      { 'msgid "a\\xff"\nmsgstr "b"\n', 1, "the escapes of msgid make ill-formed UTF-8" },
      { 'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "c"\nmsgstr[1] "\\xC3"\n', 1,
        "the escapes of msgstr[1] make ill-formed UTF-8" },
    }
    for _, c in ipairs(cases) do
      local entries, err, line = po.parse(c[1])
      assert.is_nil(entries, c[1])
      assert.are.equal(c[2], line, err)
      assert.is_truthy(err:find("^line " .. c[2] .. ": "), err)
      assert.is_truthy(err:find(c[3], 1, true), err)
    end
  end)
end)
