-- sift.cli: the filters' shared command line and input handling, and the sift command itself.
local cli = require "sift.cli"
local helpers = require "helpers"

-- the sift command runs with the Lua that runs these specs
local LUA = "lua" .. _VERSION:match("%d+%.%d+")

local M = {
  name = "probe",
  options = {
    { name = "format", short = "f", arg = "FORMAT", choices = { "a", "b" }, default = "a", help = "format" },
    { name = "top", arg = "N", number = true, default = 10, help = "how many" },
    { name = "gazetteer", arg = "FILE", multi = true, help = "more names" },
    { name = "flag", help = "a switch" },
  },
}

local run, tmpdir, write = helpers.run, helpers.tmpdir, helpers.write

describe("sift.cli.parse", function()
  it("reads options, defaults and inputs", function()
    local opts, inputs = cli.parse(M, { "-f", "b", "--top=3", "x.txt", "--gazetteer", "g1", "--gazetteer=g2",
      "--flag", "--", "--not-an-option" })
    assert.are.equal("b", opts.format)
    assert.are.equal(3, opts.top)
    assert.are.same({ "g1", "g2" }, opts.gazetteer)
    assert.is_true(opts.flag)
    assert.are.equal("auto", opts.encoding)
    assert.are.same({ "x.txt", "--not-an-option" }, inputs)
    opts = cli.parse(M, {})
    assert.are.equal("a", opts.format)
    assert.is_false(opts.flag)
  end)

  it("explains bad usage", function()
    assert.are.same({ nil, "unknown option '--nope'" }, { cli.parse(M, { "--nope" }) })
    assert.are.same({ nil, "option '--format' takes a, b, not 'c'" }, { cli.parse(M, { "--format", "c" }) })
    assert.are.same({ nil, "option '--top' needs a value (N)" }, { cli.parse(M, { "--top" }) })
    assert.are.same({ nil, "option '--top' takes a number, not 'x'" }, { cli.parse(M, { "--top", "x" }) })
    assert.are.same({ nil, "option '--flag' takes no value" }, { cli.parse(M, { "--flag=1" }) })
  end)

  it("writes help that lists every option", function()
    local help = cli.help(M, "sift probe")
    for _, name in ipairs({ "--format", "--top", "--gazetteer", "--flag", "--encoding", "--input", "--help" }) do
      assert.is_truthy(help:find(name, 1, true), name)
    end
  end)
end)

describe("sift.cli.each_document", function()
  local dir = tmpdir()
  write(dir .. "/a.txt", "Headline one\n\nBody text.")
  os.execute("mkdir -p " .. dir .. "/sub")
  write(dir .. "/sub/b.html", "<html><head><title>T &amp; U</title></head><body><p>Para &lt;1&gt;</p></body></html>")
  write(dir .. "/sub/c.md", "# Title\n\nSome **bold** [link](http://x.example).\n")
  write(dir .. "/sub/d.jsonl", '{"id": 7, "text": "First.", "date": "2024-05-01"}\n\n{"text": 3}\n[1]\n')
  write(dir .. "/sub/ignored.bin", "\0\1\2")
  write(dir .. "/latin1.txt", "caf\xE9 \x93news\x94 from the capital city")

  local function collect(inputs, opts)
    local docs, errors = {}, {}
    opts = opts or { encoding = "auto", input = "auto" }
    cli.each_document(inputs, opts, function(doc) docs[#docs + 1] = doc end,
      function(msg) errors[#errors + 1] = msg end)
    return docs, errors
  end

  it("reads folders recursively, by kind, and reports bad lines with their place", function()
    local docs, errors = collect({ dir })
    local byname = {}
    for _, d in ipairs(docs) do
      byname[d.name:sub(#dir + 2)] = d
    end
    assert.are.equal("Headline one\n\nBody text.", byname["a.txt"].text)
    assert.are.equal("Headline one", byname["a.txt"].title)
    assert.are.equal("Para <1>", byname["sub/b.html"].text)
    assert.are.equal("T & U", byname["sub/b.html"].title)
    assert.are.equal("Title\n\nSome bold link.\n", byname["sub/c.md"].text)
    assert.are.equal("7", byname["sub/d.jsonl:1"].id)
    assert.are.equal("2024-05-01", byname["sub/d.jsonl:1"].date)
    assert.are.equal("café “news” from the capital city", byname["latin1.txt"].text)
    assert.are.equal("WINDOWS-1252", byname["latin1.txt"].encoding)
    assert.is_nil(byname["sub/ignored.bin"])
    assert.are.equal(2, #errors)
    assert.is_truthy(errors[1]:find("d.jsonl:3: expected an object with a \"text\" string", 1, true))
    assert.is_truthy(errors[2]:find("d.jsonl:4: expected an object", 1, true))
  end)

  it("reports a file it cannot decode, with the byte position, and goes on", function()
    local docs, errors = collect({ dir .. "/latin1.txt", dir .. "/a.txt" }, { encoding = "UTF-8", input = "auto" })
    assert.are.equal(1, #docs)
    assert.are.equal(1, #errors)
    assert.is_truthy(errors[1]:find("latin1.txt: cannot decode: invalid byte sequence (UTF-8) at byte 4", 1, true))
  end)

  it("reads JSON Lines a line at a time: a bad line is reported with its number, the rest goes on", function()
    write(dir .. "/e.jsonl", '\239\187\191{"id": "x", "text": "One."}\r\n{"text": "bad \255 byte"}\n'
      .. '{"text": "Three.\\nLines."}')
    local docs, errors = collect({ dir .. "/e.jsonl" })
    assert.are.equal(2, #docs)
    assert.are.equal("x", docs[1].id)
    assert.are.equal("One.", docs[1].text)
    assert.are.equal("Three.\nLines.", docs[2].text)
    assert.are.equal(dir .. "/e.jsonl:3", docs[2].id)
    assert.are.equal(1, #errors)
    assert.is_truthy(errors[1]:find("e.jsonl:2: cannot decode: ", 1, true), errors[1])
    assert.is_truthy(errors[1]:find("at byte 15", 1, true), errors[1])
    -- with an encoding that a newline byte cannot be cut from, the file is decoded whole
    local utf16 = dir .. "/f.jsonl"
    local p = assert(io.popen("iconv -f UTF-8 -t UTF-16 > " .. utf16, "w"))
    p:write('{"text": "caf\195\169"}\n{"text": "b"}\n')
    p:close()
    docs, errors = collect({ utf16 }, { encoding = "UTF-16", input = "auto" })
    assert.are.same({}, errors)
    assert.are.equal(2, #docs)
    assert.are.equal("café", docs[1].text)
  end)

  it("reads a folder named by a symbolic link", function()
    os.execute("ln -sfn " .. dir .. "/sub " .. dir .. "/link")
    local docs, errors = collect({ dir .. "/link" })
    assert.are.equal(2, #errors) -- the two bad lines of d.jsonl
    assert.are.equal(3, #docs) -- b.html, c.md and the good line of d.jsonl
    assert.are.equal(dir .. "/link/b.html", docs[1].name)
  end)

  it("reports missing files", function()
    local docs, errors = collect({ dir .. "/missing.txt" })
    assert.are.equal(0, #docs)
    assert.is_truthy(errors[1]:find("missing.txt", 1, true))
  end)
end)

describe("the sift command", function()
  it("exits 0, 1 and 2 as documented", function()
    local code, out = run(LUA .. " bin/sift tokens --format text samples/coffee-prices.txt")
    assert.are.equal(0, code)
    assert.is_truthy(out:find("Grenholt", 1, true))
    code = run(LUA .. " bin/sift tokens samples/coffee-prices.txt no-such-file.txt")
    assert.are.equal(1, code)
    local _, err
    code, _, err = run(LUA .. " bin/sift tokens --nope")
    assert.are.equal(2, code)
    assert.is_truthy(err:find("unknown option '--nope'", 1, true))
    code, _, err = run(LUA .. " bin/sift tokens --encoding NOPE samples/coffee-prices.txt")
    assert.are.equal(2, code)
    assert.is_truthy(err:find("unknown encoding 'NOPE'", 1, true))
  end)

  it("reads JSON Lines from standard input and never writes ill-formed UTF-8", function()
    local code, out = run([[printf '{"id":"x","text":"Hello there."}\n' | ]] .. LUA .. " bin/sift tokens --format text")
    assert.are.equal(0, code)
    assert.are.equal("Hello there .\n", out)
    code, out = run([[printf 'ok \377 bad' | ]] .. LUA .. " bin/sift tokens --encoding UTF-8 --format text")
    assert.are.equal(1, code)
    assert.are.equal("", out)
  end)
end)

describe("--gazetteer", function()
  local dir = tmpdir()
  write(dir .. "/names.tsv", "# names of our own\nZhongnanhai\tFAC\nQuxian Holdings\tORG\n")
  write(dir .. "/bad.tsv", "Zhongnanhai FAC\n")
  write(dir .. "/a.txt", "Quxian Holdings met officials in Zhongnanhai on Monday. Quxian Holdings said profits rose.\n")

  it("adds the user's names in every filter that tags entities", function()
    local names, text = dir .. "/names.tsv", dir .. "/a.txt"
    local code, out = run(LUA .. " bin/sift keywords --format json --gazetteer " .. names .. " " .. text)
    assert.are.equal(0, code)
    assert.is_truthy(out:find('"canonical":"Zhongnanhai"', 1, true), out)
    code, out = run(LUA .. " bin/sift entities --format tsv -g " .. dir .. "/names.tsv " .. dir .. "/a.txt")
    assert.are.equal(0, code)
    assert.is_truthy(out:find("\tFAC\t1\tZhongnanhai\t", 1, true), out)
    code, out = run(LUA .. " bin/sift segments --gazetteer " .. dir .. "/names.tsv " .. dir .. "/a.txt")
    assert.are.equal(0, code)
    assert.is_truthy(out:find('translate="no"[^>]*>Zhongnanhai<'), out)
    for _, filter in ipairs({ "summary", "report" }) do
      code = run(LUA .. " bin/sift " .. filter .. " --gazetteer " .. dir .. "/names.tsv " .. dir .. "/a.txt")
      assert.are.equal(0, code, filter)
    end
  end)

  it("names the file and line of a bad gazetteer, as bad usage", function()
    for _, filter in ipairs({ "keywords", "summary", "segments", "report", "entities" }) do
      local code, _, err = run(("%s bin/sift %s --gazetteer %s/bad.tsv %s/a.txt"):format(LUA, filter, dir, dir))
      assert.are.equal(2, code, filter)
      assert.is_truthy(err:find("bad.tsv:1", 1, true), filter .. ": " .. err)
    end
  end)
end)
