-- sift segments --srx: sift's sentence rules as SRX 2.0. Checked by applying them as a CAT tool
-- does (tests/tools/srx_apply.py) and comparing the cut with sift.sentences.
local sift = require "sift"
local srx = require "sift.srx"
local helpers = require "helpers"
local sh = require "segments_helpers"

local APPLY = "tests/tools/srx_apply.py"

local rules_file

setup(function()
  -- made here for all the tests, so not by sh.temp, which after_each cleans up
  rules_file = os.tmpname()
  local f = assert(io.open(rules_file, "wb"))
  f:write(srx.write())
  f:close()
end)

teardown(function()
  os.remove(rules_file)
end)

-- The sentences that the SRX rules cut from each file: a table file -> set of "i:j".
local function srx_cut(files)
  local args = { sh.python, APPLY, sh.quote(rules_file) }
  for _, f in ipairs(files) do
    args[#args + 1] = sh.quote(f)
  end
  local out, err, code = sh.run(table.concat(args, " "))
  assert.are.equal(0, code, err)
  local cut = {}
  for _, f in ipairs(files) do
    cut[f] = {}
  end
  for file, i, j in out:gmatch("([^\n]*)\t(%d+)\t(%d+)\n") do
    cut[file][i .. ":" .. j] = true
  end
  return cut
end

local function engine_cut(text)
  local out = {}
  for _, s in ipairs(sift.sentences(text)) do
    out[s.i .. ":" .. s.j] = s.text
  end
  return out
end

describe("the SRX rules", function()
  after_each(sh.cleanup)

  it("are well-formed XML in the SRX 2.0 namespace", function()
    local _, err, code = sh.run("xmllint --nonet --noout " .. sh.quote(rules_file))
    assert.are.equal(0, code, err)
    local text = helpers.read(rules_file)
    assert.is_truthy(text:find('<srx xmlns="http://www.lisa.org/srx20" version="2.0">', 1, true))
    assert.is_truthy(text:find('<languagemap languagepattern=".*" languagerulename="sift"/>', 1, true))
  end)

  it("take the engine's abbreviations: each one keeps its full stop in sift.tokens", function()
    local list = srx.builtin_abbreviations()
    local n = 0
    for word, class in pairs(list) do
      local toks = sift.tokens("See " .. word .. ". more")
      assert.are.equal("abbrev", toks[2].kind, word)
      assert.are.equal(word .. ".", toks[2].text)
      assert.is_truthy(({ title = 1, reference = 1, month = 1, day = 1, company = 1, place = 1, other = 1 })[class])
      n = n + 1
    end
    assert.is_true(n >= 50)
  end)

  it("take the engine's sentence starters: each one ends a sentence after an abbreviation", function()
    local starters = srx.sentence_starters()
    assert.is_true(#starters >= 100)
    for _, w in ipairs(starters) do
      local s = sift.sentences("They live in the U.S. " .. w .. " people agree.")
      assert.are.equal(2, #s, w)
    end
  end)

  it("put user abbreviations among those that end a sentence only before a starter", function()
    local text = srx.write({ abbreviations = { "Xinhua", "Approx" } })
    local rule = text:match("<beforebreak>([^<]*Approx[^<]*)</beforebreak>")
    assert.is_truthy(rule)
    assert.is_truthy(rule:find("Xinhua", 1, true))
    assert.is_falsy(rule:find("|Mr|", 1, true))
  end)

  it("cut the cases of news text as sift.sentences does", function()
    local cases = {
      "Mr. Smith met Dr. Jones. They talked.",
      "He moved to the U.S. The next day he left. The U.S. Senate voted.",
      "J. K. Rowling wrote it. On Jan. 5 she spoke. Shares in Acme Inc. The firm fell.",
      "\"What?\" she asked. \"Now!\" He ran... Then he stopped?! Yes.",
      "Prices rose 3.5% to $1.2bn at 10:30. Version 2.0.1 shipped.",
      "The vote (held on Monday.) passed. See No. 10 for e.g. details.",
      "会议在北京举行。代表们讨论了经济问题！明天继续？",
      "Headline Without A Full Stop\nThe first sentence follows. It ends here.",
      "1. First item\n2. Second item\n- a dash item\n\nA new paragraph. Done.",
      "He wrote to desk@example.org. www.example.org has more. Mail us.",
    }
    for _, text in ipairs(cases) do
      local file = sh.temp(text, ".txt")
      local cut = srx_cut({ file })[file]
      local want = engine_cut(text)
      for k in pairs(want) do
        assert.is_true(cut[k] ~= nil, text .. ": the rules miss " .. want[k])
      end
      for k in pairs(cut) do
        assert.is_true(want[k] ~= nil, text .. ": the rules cut " .. k)
      end
      os.remove(file)
    end
  end)

  it("cut at least 99.5% of the sentences of every article of ../shared/data as sift.sentences does", function()
    local files = sh.all_articles()
    local cut = srx_cut(files)
    local same, total, extra = 0, 0, 0
    for _, f in ipairs(files) do
      local want = engine_cut(helpers.read(f))
      for k in pairs(want) do
        total = total + 1
        if cut[f][k] then
          same = same + 1
        end
      end
      for k in pairs(cut[f]) do
        if not want[k] then
          extra = extra + 1
        end
      end
    end
    assert.is_true(total > 10000)
    assert.is_true(same / total >= 0.995, ("%d of %d sentences the same"):format(same, total))
    assert.is_true(extra / total <= 0.005, ("%d sentences only the rules cut"):format(extra))
  end)
end)

describe("sift segments --srx", function()
  after_each(sh.cleanup)

  it("writes the rules, with --abbreviation added, and reads no input", function()
    local out, err, code = sh.sift({ "segments", "--srx", "--abbreviation", "Xinhua" })
    assert.are.equal(0, code, err)
    assert.are.equal(srx.write({ abbreviations = { "Xinhua" } }), out)
  end)

  it("raises on misuse", function()
    assert.has_error(function() srx.write({ colour = 1 }) end, "bad argument #1 to 'write' (unknown option 'colour')")
    assert.has_error(function() srx.write({ builtin = { Mr = "titel" }, starters = {} }) end,
      "bad abbreviation Mr (class titel)")
  end)
end)
