-- The sift command against what a hostile or merely unlucky user gives it: pipes and FIFOs as
-- FILE, file names with newlines and ill-formed bytes, outputs that cannot be written, numbers out
-- of range, a file removed while its folder is read. Nothing may be lost silently: every input is
-- read whole or reported, every failed write is an error with exit status 1.
local cli = require "sift.cli"
local helpers = require "helpers"

local LUA = "lua" .. _VERSION:match("%d+%.%d+")
local SIFT = LUA .. " bin/sift"

local q, run, tmpdir, write = helpers.quote, helpers.run, helpers.tmpdir, helpers.write

local function rmtree(dir)
  os.execute("chmod -R u+rwx " .. q(dir) .. " 2>/dev/null; rm -rf " .. q(dir))
end

-- A text of `n` numbered sentences, long enough that losing a 4 KB buffer shows.
local function long_text(n)
  local t = {}
  for i = 1, n do
    t[i] = ("Sentence number %d says that the harbour of Port Calloway reopened on Monday."):format(i)
  end
  return table.concat(t, " ") .. "\n"
end

describe("sift reading pipes and FIFOs given as FILE", function()
  local dir, file
  setup(function()
    dir = tmpdir()
    file = dir .. "/long.txt"
    write(file, long_text(400)) -- 31 KB
  end)
  teardown(function()
    rmtree(dir)
  end)

  it("reads a pipe (<(...)) whole, as it reads the file", function()
    local rc, want = run(SIFT .. " tokens --format text " .. q(file))
    assert.equal(0, rc)
    local rc2, got, err = run(SIFT .. " tokens --format text <(cat " .. q(file) .. ")")
    assert.equal(0, rc2, err)
    assert.equal(want, got)
    assert.truthy(got:find("^Sentence number 1 says"))
  end)

  it("summarizes a piped article", function()
    local rc, out = run(SIFT .. " summary -n 1 <(cat samples/coffee-prices.txt)")
    assert.equal(0, rc)
    local body = out:gsub("^==> [^\n]* <==\n", "")
    assert.truthy(body:find("%a"), "empty summary: " .. out)
    local _, want = run(SIFT .. " summary -n 1 samples/coffee-prices.txt")
    assert.equal(want:gsub("^==> [^\n]* <==\n", ""), body)
  end)

  it("reads a FIFO whole", function()
    local fifo = dir .. "/fifo.txt"
    assert.is_true(os.execute("mkfifo " .. q(fifo)))
    local _, want = run(SIFT .. " tokens --format text " .. q(file))
    -- the writer opens the FIFO after sift does, and timeout bounds it if sift never reads
    local rc, got, err = run("(timeout 20 cat " .. q(file) .. " > " .. q(fifo) .. " &) ; timeout 20 "
      .. SIFT .. " tokens --format text " .. q(fifo))
    assert.equal(0, rc, err)
    assert.equal(want, got)
  end)
end)

describe("sift with odd file names", function()
  local dir
  before_each(function()
    dir = tmpdir()
  end)
  after_each(function()
    rmtree(dir)
  end)

  it("reads a file whose name holds a newline, and no other file", function()
    -- the repository's README.md is what a name split at its newline used to read
    write(dir .. "/a\nREADME.md", "Quiet harbour news. Nothing else.\n")
    local rc, out, err = run(SIFT .. " tokens --format text " .. q(dir))
    assert.equal(0, rc, err)
    assert.equal("Quiet harbour news . Nothing else .\n", out)
  end)

  it("quotes a name with a newline in the summary's header", function()
    write(dir .. "/a\nb.txt", "Quiet harbour news. Nothing else.\n")
    local rc, out = run(SIFT .. " summary " .. q(dir))
    assert.equal(0, rc)
    local header = out:match("^([^\n]*)\n")
    assert.equal('==> "' .. dir .. '/a\\nb.txt" <==', header)
    -- the TSV of tokens escapes it as a field
    local _, tsv = run(SIFT .. " tokens " .. q(dir))
    assert.equal(dir .. "/a\\nb.txt", tsv:match("^([^\t]*)\t"))
  end)

  it("writes a name with ill-formed bytes as valid UTF-8, with U+FFFD", function()
    write(dir .. "/bad\255\254name.txt", "Quiet harbour news from Lisbon. Nothing else.\n")
    for _, cmd in ipairs({ "summary", "summary --format json", "tokens", "tokens --format json",
      "keywords", "keywords --format json", "entities", "entities --format tsv", "report", "report --format md",
      "segments" }) do
      local rc, out, err = run(SIFT .. " " .. cmd .. " " .. q(dir))
      assert.equal(0, rc, cmd .. ": " .. err)
      assert.truthy(utf8.len(out), cmd .. " wrote ill-formed UTF-8")
      if not cmd:match("^entities") and cmd ~= "keywords --format json" then
        assert.truthy(out:find("bad\u{FFFD}\u{FFFD}name.txt", 1, true), cmd .. ": " .. out)
      end
    end
  end)

  it("names a missing input as given, quoted when it holds a newline", function()
    local rc, _, err = run(SIFT .. " tokens " .. q(dir .. "/no\nsuch.txt"))
    assert.equal(1, rc)
    assert.truthy(err:find('"' .. dir .. '/no\\nsuch.txt": No such file or directory', 1, true), err)
  end)
end)

describe("sift reading a folder whose files change", function()
  it("reports a file removed after the folder was listed, and reads the others", function()
    local dir = tmpdir()
    write(dir .. "/1.txt", "First article. It is here.\n")
    write(dir .. "/2.txt", "Second article. It goes away.\n")
    write(dir .. "/3.txt", "Third article. It stays.\n")
    local seen, failed = {}, {}
    cli.each_document({ dir }, { encoding = "auto", input = "auto" }, function(doc)
      seen[#seen + 1] = doc.name:match("[^/]+$")
      if #seen == 1 then
        os.remove(dir .. "/2.txt")
      end
    end, function(message)
      failed[#failed + 1] = message
    end)
    rmtree(dir)
    assert.same({ "1.txt", "3.txt" }, seen)
    assert.equal(1, #failed)
    assert.truthy(failed[1]:find("2.txt: No such file or directory", 1, true), failed[1])
  end)
end)

describe("sift writing where it cannot", function()
  it("exits 1 and says so when standard output is full, for every filter", function()
    for _, cmd in ipairs({ "tokens", "summary", "keywords", "entities", "segments", "report",
      "tokens --help", "segments --srx" }) do
      local rc, _, err = run(SIFT .. " " .. cmd .. " samples/coffee-prices.txt > /dev/full")
      assert.equal(1, rc, cmd)
      assert.truthy(err:find("standard output: No space left on device", 1, true), cmd .. ": " .. err)
    end
  end)

  it("exits 1 when sift --help or --version cannot be written", function()
    for _, cmd in ipairs({ "--help", "--version" }) do
      local rc, _, err = run(SIFT .. " " .. cmd .. " > /dev/full")
      assert.equal(1, rc, cmd)
      assert.truthy(err:find("sift: standard output: No space left on device", 1, true), cmd .. ": " .. err)
    end
  end)

  it("exits 1 when standard output is closed", function()
    local rc, _, err = run(SIFT .. " tokens samples/coffee-prices.txt >&-")
    assert.equal(1, rc)
    assert.truthy(err:find("standard output: Bad file descriptor", 1, true), err)
  end)

  it("exits 1 when merge cannot write standard output", function()
    local dir = tmpdir()
    local xlf = dir .. "/a.xlf"
    assert.equal(0, (run(SIFT .. " segments samples/coffee-prices.txt > " .. q(xlf))))
    local rc, _, err = run(SIFT .. " merge " .. q(xlf) .. " samples/coffee-prices.txt > /dev/full")
    rmtree(dir)
    assert.equal(1, rc)
    assert.truthy(err:find("standard output: No space left on device", 1, true), err)
  end)

  it("writes report -o through a device in place, and fails when it is full", function()
    local rc, _, err = run(SIFT .. " report -o /dev/full samples/coffee-prices.txt")
    assert.equal(1, rc)
    assert.truthy(err:find("/dev/full: No space left on device", 1, true), err)
    -- the device is still a device: no file was renamed over it
    assert.is_true(os.execute("test -c /dev/full"))
  end)

  it("refuses, as bad usage, a report -o in a folder that cannot be written", function()
    local dir = tmpdir()
    local target = dir .. "/ro/report.html"
    os.execute("mkdir " .. q(dir .. "/ro") .. " && chmod 555 " .. q(dir .. "/ro"))
    local probe = io.open(dir .. "/ro/probe", "wb")
    if probe then
      -- root writes anywhere: /proc takes no new files, even from root
      probe:close()
      target = "/proc/sift-report.html"
    end
    local rc, out, err = run(SIFT .. " report -o " .. q(target) .. " samples/coffee-prices.txt")
    rmtree(dir)
    assert.equal(2, rc)
    assert.equal("", out)
    assert.truthy(err:find("--output: ", 1, true), err)
  end)

  it("leaves the old file whole when writing report -o fails, and no temporary file", function()
    local dir = tmpdir()
    local path = dir .. "/report.html"
    write(path, "old report\n")
    local out = assert(cli.file_output(path))
    -- the temporary file's writes go to a full device from here on
    out.file:close()
    out.file = assert(io.open("/dev/full", "wb"))
    local ok, err = cli.guard(function()
      out:write(("x"):rep(100000))
      out:commit()
    end)
    assert.is_false(ok)
    assert.truthy(err:find(path .. ": No space left on device; " .. path .. " not written", 1, true), err)
    assert.equal("old report\n", helpers.read(path))
    local p = io.popen("ls -A " .. q(dir))
    local listing = p:read("a")
    p:close()
    rmtree(dir)
    assert.equal("report.html\n", listing)
  end)

  it("writes report -o whole through a temporary file renamed into place", function()
    local dir = tmpdir()
    local path = dir .. "/report.html"
    write(path, "old report\n")
    local rc, _, err = run(SIFT .. " report -o " .. q(path) .. " samples/")
    local page = helpers.read(path)
    local p = io.popen("ls -A " .. q(dir))
    local listing = p:read("a")
    p:close()
    rmtree(dir)
    assert.equal(0, rc, err)
    assert.truthy(page:find("</html>\n$"))
    assert.equal("report.html\n", listing)
  end)
end)

describe("sift's numeric options", function()
  local cases = {
    { "keywords --top 1e308", "option '--top' takes a whole number from 1 to 2147483647, not '1e308'" },
    { "keywords --top 99999999999999999999", "option '--top' takes a whole number from 1 to 2147483647" },
    { "keywords --top 2.5", "option '--top' takes a whole number" },
    { "keywords --top 0", "option '--top' takes a whole number" },
    { "keywords --top nan", "option '--top' takes a whole number" },
    { "report --top 1e308", "option '--top' takes a whole number" },
    { "report --sentences 1e999", "option '--sentences' takes a whole number" },
    { "summary -n 1e308", "option '--sentences' takes a whole number" },
    { "summary --ratio nan", "option '--ratio' takes a number above 0 and at most 1, not 'nan'" },
    { "summary --ratio 1e999", "option '--ratio' takes a number above 0 and at most 1" },
    { "summary --ratio 0", "option '--ratio' takes a number above 0 and at most 1" },
    { "summary --ratio -0.5", "option '--ratio' takes a number above 0 and at most 1" },
  }
  for _, c in ipairs(cases) do
    it("refuses " .. c[1] .. " as bad usage", function()
      local rc, out, err = run(SIFT .. " " .. c[1] .. " samples/coffee-prices.txt")
      assert.equal(2, rc, err)
      assert.equal("", out)
      assert.truthy(err:find(c[2], 1, true), err)
      assert.falsy(err:find("traceback", 1, true), err)
    end)
  end

  it("takes the largest whole number and a ratio of 1", function()
    local rc, out, err = run(SIFT .. " keywords --top 2147483647 samples/coffee-prices.txt")
    assert.equal(0, rc, err)
    assert.truthy(out:find("coffee", 1, true))
    rc, out, err = run(SIFT .. " summary --ratio 1 samples/coffee-prices.txt")
    assert.equal(0, rc, err)
    assert.truthy(out:find("Grenholt", 1, true))
  end)
end)
