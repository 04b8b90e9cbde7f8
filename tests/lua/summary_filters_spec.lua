-- The sift summary, keywords and report commands: formats, inputs, help and exit statuses.
local helpers = require "helpers"
local json = require "sift.json"

local LUA = "lua" .. _VERSION:match("%d+%.%d+")

local function run(cmd)
  local out, err = os.tmpname(), os.tmpname()
  local ok, _, code = os.execute(cmd .. " >" .. out .. " 2>" .. err)
  local o, e = helpers.read(out), helpers.read(err)
  os.remove(out)
  os.remove(err)
  return (ok == true and 0) or code, o, e
end

local function sift(args)
  return run(LUA .. " bin/sift " .. args)
end

local function json_lines(s)
  local out = {}
  for line in s:gmatch("[^\n]+") do
    out[#out + 1] = assert(json.decode(line))
  end
  return out
end

describe("sift summary", function()
  it("summarises each input, in every format", function()
    local rc, out = sift("summary samples/harbour-bridge.txt samples/coffee-prices.txt")
    assert.are.equal(0, rc)
    assert.is_truthy(out:find("==> samples/harbour-bridge.txt <==\nCouncillors in Port Calloway voted", 1, true))
    assert.is_truthy(out:find("==> samples/coffee-prices.txt <==", 1, true))
    rc, out = sift("summary --format json -n 2 samples/")
    assert.are.equal(0, rc)
    local docs = json_lines(out)
    assert.are.equal(8, #docs) -- four files (a web page among them) and the four articles of the .jsonl one
    for _, d in ipairs(docs) do
      assert.are.equal(2, #d.summary)
      assert.is_string(d.file)
    end
    local text = helpers.read("samples/harbour-bridge.txt")
    for _, d in ipairs(docs) do
      if d.file == "samples/harbour-bridge.txt" then
        for _, s in ipairs(d.summary) do
          assert.are.equal(s.text, text:sub(s.i, s.j))
        end
        assert.are.equal("2025-05-14", d.date)
      end
    end
    rc, out = sift("summary --format tsv --ratio 0.5 samples/coffee-prices.txt")
    assert.are.equal(0, rc)
    for line in out:gmatch("[^\n]+") do
      local f, n, i, j = line:match("^([^\t]+)\t(%d+)\t(%d+)\t(%d+)\t[%d.]+\t")
      assert.are.equal("samples/coffee-prices.txt", f)
      assert.is_true(tonumber(i) <= tonumber(j) and tonumber(n) >= 1)
    end
    rc, out = sift("summary --format markdown samples/library-reopens.md")
    assert.are.equal(0, rc)
    assert.is_truthy(out:match("^## Restored Kessling library reopens after flood repairs\n\n"))
  end)

  it("reads standard input and JSON Lines, and takes a JSON title as the headline", function()
    local rc, out = run("printf '%s\\n' '{\"id\": 7, \"title\": \"Bridge approved\", \"text\": " ..
      "\"The council approved the bridge. The bridge costs a lot. Traders welcomed the bridge.\"}' | " ..
      LUA .. " bin/sift summary --format json -n 1")
    assert.are.equal(0, rc)
    local d = json_lines(out)[1]
    assert.are.equal("7", d.id)
    assert.are.equal(1, #d.summary)
  end)

  it("has help and exit statuses 1 and 2", function()
    local rc, out = sift("summary --help")
    assert.are.equal(0, rc)
    assert.is_truthy(out:find("--sentences", 1, true))
    assert.are.equal(2, (sift("summary --sentences 2 --ratio 0.5 samples/")))
    assert.are.equal(2, (sift("summary --ratio 3 samples/")))
    assert.are.equal(2, (sift("summary --format pdf samples/")))
    local code, o, e = sift("summary samples/no-such-file.txt samples/coffee-prices.txt")
    assert.are.equal(1, code)
    assert.is_truthy(e:find("no-such-file", 1, true))
    assert.is_truthy(o:find("coffee-prices", 1, true))
  end)
end)

describe("sift keywords", function()
  it("lists keywords per article and for the set", function()
    local rc, out = sift("keywords --top 5 samples/harbour-bridge.txt samples/coffee-prices.txt")
    assert.are.equal(0, rc)
    assert.is_truthy(out:find("samples/harbour-bridge.txt: Port Calloway approves", 1, true))
    assert.is_truthy(out:find("\nall 2 articles\n", 1, true))
    rc, out = sift("keywords --format tsv --top 3 samples/")
    assert.are.equal(0, rc)
    local scopes = {}
    for line in out:gmatch("[^\n]+") do
      local scope, rank, term, count, df = line:match("^([^\t]+)\t(%d+)\t([^\t]+)\t(%d+)\t(%d+)\t[%d.]+$")
      assert.is_truthy(scope, line)
      assert.is_true(tonumber(rank) <= 3 and tonumber(count) >= 1 and tonumber(df) >= 1 and #term > 0)
      scopes[scope] = (scopes[scope] or 0) + 1
    end
    assert.are.equal(3, scopes["*"])
    assert.are.equal(3, scopes["samples/harbour-bridge.txt"])
    rc, out = sift("keywords --format csv --scope all samples/")
    assert.are.equal(0, rc)
    assert.is_truthy(out:match("^scope,rank,keyword,count,df,score\n%*,1,"))
  end)

  it("writes JSON Lines with entities, and takes a stop word file", function()
    local rc, out = sift("keywords --format json samples/harbour-bridge.txt")
    assert.are.equal(0, rc)
    local docs = json_lines(out)
    assert.are.equal(1, #docs) -- one article: no line for the set
    assert.are.equal(10, #docs[1].keywords)
    assert.is_table(docs[1].entities)
    local stop = os.tmpname()
    local f = assert(io.open(stop, "w"))
    f:write("# my list\nthe harbour bridge\n")
    f:close()
    rc, out = sift("keywords --format tsv --no-phrases --stopwords " .. stop .. " samples/harbour-bridge.txt")
    os.remove(stop)
    assert.are.equal(0, rc)
    assert.is_nil(out:find("\tharbour\t", 1, true))
    assert.is_nil(out:find("\tbridge\t", 1, true))
    assert.are.equal(2, (sift("keywords --stopwords /no/such/file samples/")))
    assert.are.equal(2, (sift("keywords --top 0 samples/")))
  end)
end)

describe("sift report", function()
  it("writes one HTML page with its charts, or Markdown", function()
    local rc, out = sift("report --title 'Harbour & town' samples/")
    assert.are.equal(0, rc)
    assert.is_truthy(out:match("^<!DOCTYPE html>"))
    assert.is_truthy(out:find("<title>Harbour &amp; town</title>", 1, true))
    for _, id in ipairs({ "keywords-chart", "entity-types-chart", "timeline-chart" }) do
      assert.is_truthy(out:find('id="' .. id .. '"', 1, true), id)
    end
    assert.is_nil(out:find("<script", 1, true))
    assert.is_nil(out:find("http://", 1, true) and out:find('src="http', 1, true))
    rc, out = sift("report --format md samples/")
    assert.are.equal(0, rc)
    assert.is_truthy(out:find("## Top keywords over time", 1, true))
    local tmp = os.tmpname()
    rc = sift("report -o " .. tmp .. " samples/coffee-prices.txt")
    assert.are.equal(0, rc)
    assert.is_truthy(helpers.read(tmp):find("Grenholt", 1, true))
    os.remove(tmp)
    assert.are.equal(2, (sift("report -o /no/such/dir/r.html samples/")))
  end)
end)
