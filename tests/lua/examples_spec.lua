-- examples/: the three custom reports written against the public API, run as a user would.
local helpers = require "helpers"

local LUA = "lua" .. _VERSION:match("%d+%.%d+")
local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

local function run(cmd)
  local out = os.tmpname()
  local ok, _, code = os.execute(cmd .. " >" .. out .. " 2>/dev/null")
  local o = helpers.read(out)
  os.remove(out)
  return (ok == true and 0) or code, o
end

describe("examples/who_said_what.lua", function()
  it("lists each person with the sentences that mention them, by any name", function()
    local rc, out = run(LUA .. " examples/who_said_what.lua samples/harbour-bridge.txt " .. SEED)
    assert.are.equal(0, rc)
    local section = out:match("## Edwina Sarrow\n\n(.-)\n\n")
    assert.is_truthy(section)
    assert.is_truthy(section:find("a decision for the next fifty years", 1, true))
    local xi = out:match("## Xi Jinping\n\n(.-)\n\n")
    assert.is_truthy(xi)
    -- "Xi highlighted ..." names him as Xi only
    assert.is_truthy(xi:find("- Xi highlighted that achieving new industrialisation", 1, true))
    for line in xi:gmatch("[^\n]+") do
      assert.is_truthy(line:find("Xi", 1, true), line)
    end
    assert.are.equal(2, (run(LUA .. " examples/who_said_what.lua")))
  end)
end)

describe("examples/keyword_trends.lua", function()
  it("writes a CSV of the top keywords' counts per article, in date order", function()
    local rc, out = run(LUA .. " examples/keyword_trends.lua samples 4")
    assert.are.equal(0, rc)
    local lines = {}
    for line in out:gmatch("[^\n]+") do
      lines[#lines + 1] = line
    end
    local header = {}
    for cell in lines[1]:gmatch("[^,]+") do
      header[#header + 1] = cell
    end
    assert.are.equal("article", header[1])
    assert.are.equal(6, #header)
    local bridge
    for k, h in ipairs(header) do
      if h == "bridge" then
        bridge = k
      end
    end
    assert.is_truthy(bridge, lines[1])
    local last = ""
    for n = 2, #lines do
      local cells = {}
      for cell in (lines[n] .. ","):gmatch("([^,]*),") do
        cells[#cells + 1] = cell
      end
      assert.are.equal(6, #cells)
      assert.is_true(cells[2] >= last)
      last = cells[2]
      if cells[1] == "samples/harbour-bridge.txt" then
        -- the words "bridge" and "bridges", not the parts of a URL or an e-mail address
        local n_bridge = 0
        for _, t in ipairs(require("sift").tokens(helpers.read(cells[1]))) do
          if t.kind == "word" and (t.text:lower() == "bridge" or t.text:lower() == "bridges") then
            n_bridge = n_bridge + 1
          end
        end
        assert.are.equal(n_bridge, tonumber(cells[bridge]))
      end
    end
    assert.is_true(#lines >= 8) -- the three sample files and the articles of the .jsonl one
  end)
end)

describe("examples/cooccurrence.lua", function()
  it("counts the entities named in the same sentence", function()
    local rc, out = run(LUA .. " examples/cooccurrence.lua " .. SEED)
    assert.are.equal(0, rc)
    assert.is_truthy(out:find("| Entity | Entity | Sentences |", 1, true))
    local last, rows = math.huge, 0
    for a, b, n in out:gmatch("\n| ([^|\n]+) | ([^|\n]+) | (%d+) |") do
      assert.is_true(a < b)
      n = tonumber(n)
      assert.is_true(n <= last)
      last, rows = n, rows + 1
    end
    assert.is_true(rows > 5)
    assert.is_truthy(out:find("| Central Military Commission | Xi Jinping |", 1, true))
  end)
end)
