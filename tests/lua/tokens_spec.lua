-- sift.tokens and sift.each_token: the news rules, offsets, options and bad input.
local sift = require "sift"
local helpers = require "helpers"

-- "kind:text" of every token of s, joined by spaces (for compact expectations)
local function show(s, opts)
  local out = {}
  for _, t in ipairs(sift.tokens(s, opts)) do
    out[#out + 1] = t.kind .. ":" .. t.text
  end
  return table.concat(out, " ")
end

-- Every token's text is s:sub(i, j); with spaces the tokens tile s, without them only white
-- space lies between them. Returns the number of tokens.
local function check_offsets(s, spaces)
  local tokens = sift.tokens(s, { spaces = spaces })
  local pos = 1
  for n, t in ipairs(tokens) do
    assert(t.text == s:sub(t.i, t.j), "token " .. n .. " text does not match its offsets")
    assert(t.i <= t.j, "empty token " .. n)
    if spaces then
      assert(t.i == pos, "gap or overlap before token " .. n .. " at " .. pos)
    else
      assert(t.i >= pos, "overlap at token " .. n)
      local gap = s:sub(pos, t.i - 1)
      assert(#sift.tokens(gap) == 0, "non-space text skipped before token " .. n)
    end
    pos = t.j + 1
  end
  if spaces then
    assert(pos == #s + 1, "tokens stop at " .. pos .. " of " .. #s + 1)
  end
  return #tokens
end

describe("sift.tokens", function()
  it("splits possessive and contraction clitics with ’ and '", function()
    assert.are.equal("word:Jinping clitic:’s word:China clitic:'s", show("Jinping’s China's"))
    assert.are.equal("word:do clitic:n't word:it clitic:’s word:they clitic:'re word:we clitic:’ll",
      show("don't it’s they're we’ll"))
    assert.are.equal("word:ca clitic:n't word:I clitic:'ve word:he clitic:'d word:I clitic:'m",
      show("can't I've he'd I'm"))
    assert.are.equal("word:O'Brien word:rock'n'roll", show("O'Brien rock'n'roll"))
  end)

  it("keeps numbers whole: separators, decimals, signs, percent, ordinals, times", function()
    assert.are.equal("number:1,000.50 number:-3.5% number:+2 number:25th number:22nd number:10:30",
      show("1,000.50 -3.5% +2 25th 22nd 10:30"))
    assert.are.equal("number:\u{2212}4 symbol:$ number:1.2bn symbol:£ number:350,000 number:1990s",
      show("\u{2212}4 $1.2bn £350,000 1990s"))
    -- a hyphen between two numbers is a range, not a sign
    assert.are.equal("number:2010 punct:- number:2015", show("2010-2015"))
    assert.are.equal("word:a punct:- number:3", show("a -3"):gsub("number:%-3", "punct:- number:3"))
  end)

  it("keeps abbreviations and initials with their full stop", function()
    assert.are.equal("abbrev:U.S. abbrev:U.K. abbrev:e.g. abbrev:i.e. abbrev:Mr. abbrev:Dr. word:Smith",
      show("U.S. U.K. e.g. i.e. Mr. Dr. Smith"))
    assert.are.equal("abbrev:J. abbrev:K. word:Rowling", show("J. K. Rowling"))
    assert.are.equal("word:ended punct:.", show("ended."))
    assert.are.equal("word:I punct:.", show("I."))
    assert.are.equal("abbrev:Sept. number:25", show("Sept. 25"))
  end)

  it("lets users add abbreviations", function()
    assert.are.equal("word:Xinhua punct:.", show("Xinhua."))
    assert.are.equal("abbrev:Xinhua.", show("Xinhua.", { abbreviations = { "Xinhua" } }))
    assert.are.equal("abbrev:approx.", show("approx.", { abbreviations = {} }))
  end)

  it("joins hyphenated compounds", function()
    assert.are.equal("word:state-owned word:COVID-19 word:24-year-old word:U.S.-led",
      show("state-owned COVID-19 24-year-old U.S.-led"))
    assert.are.equal("word:well punct:-- word:known", show("well--known"))
  end)

  it("recognises URLs, e-mail addresses, @handles and #hashtags", function()
    assert.are.equal("word:see url:https://example.com/a_(b)?q=1 punct:.",
      show("see https://example.com/a_(b)?q=1."))
    assert.are.equal("punct:( url:www.example.co.uk/news punct:)", show("(www.example.co.uk/news)"))
    assert.are.equal("email:jane.doe+news@example.org punct:,", show("jane.doe+news@example.org,"))
    assert.are.equal("mention:@sift_news hashtag:#Élections2024", show("@sift_news #Élections2024"))
    assert.are.equal("word:a punct:@ word:b punct:# number:1", show("a@b #1"))
  end)

  it("makes each CJK ideograph one token and keeps emoji sequences whole", function()
    assert.are.equal("ideograph:新 ideograph:型 ideograph:工 ideograph:业 ideograph:化 punct:。",
      show("新型工业化。"))
    local family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
    local s = family .. " \u{1F1E8}\u{1F1F3}\u{1F1EC}\u{1F1E7} \u{1F44D}\u{1F3FD} 1\u{FE0F}\u{20E3} \u{2764}\u{FE0F}"
    assert.are.equal("emoji:" .. family .. " emoji:\u{1F1E8}\u{1F1F3} emoji:\u{1F1EC}\u{1F1E7}"
      .. " emoji:\u{1F44D}\u{1F3FD} emoji:1\u{FE0F}\u{20E3} emoji:\u{2764}\u{FE0F}", show(s))
    assert.are.equal("symbol:© number:2023", show("©2023"))
  end)

  it("makes punctuation one token each, except runs", function()
    assert.are.equal("punct:( word:CPC punct:) punct:– punct:... punct:!? punct:“ word:a punct:”",
      show("(CPC) – ...!? “a”"))
  end)

  it("returns white space only when asked", function()
    assert.are.equal("word:a word:b", show(" a \n\t b\u{3000}"))
    assert.are.equal("space:   word:a space: \n  word:b space:\u{3000}", show("  a \n b\u{3000}", { spaces = true }))
  end)

  it("turns ill-formed UTF-8 into invalid tokens and keeps every byte", function()
    assert.are.equal("word:a invalid:\xFF word:b invalid:\xE2\x80 word:c invalid:\xED invalid:\xA0",
      show("a\xFFb\xE2\x80c\xED\xA0"))
    for seed = 1, 300 do
      math.randomseed(seed)
      local bytes = {}
      for k = 1, math.random(0, 64) do
        bytes[k] = string.char(math.random(0, 255))
      end
      check_offsets(table.concat(bytes), true)
    end
  end)

  it("tiles real articles: offsets match the text, only white space is skipped", function()
    local count = 0
    for _, file in ipairs(helpers.bbc_articles()) do
      local s = helpers.read(file)
      count = count + check_offsets(s, true)
      check_offsets(s, false)
    end
    assert.is_true(count > 100000)
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.tokens() end, "bad argument #1 to 'tokens' (string expected, got no value)")
    assert.has_error(function() sift.tokens("x", 3) end, "bad argument #2 to 'tokens' (table expected, got number)")
    assert.has_error(function() sift.tokens("x", { space = true }) end,
      "bad argument #2 to 'tokens' (unknown option 'space')")
    assert.has_error(function() sift.tokens("x", { spaces = 1 }) end,
      "bad argument #2 to 'tokens' (option 'spaces' must be a boolean, got number)")
    assert.has_error(function() sift.tokens("x", { abbreviations = { "a", 2 } }) end,
      "bad argument #2 to 'tokens' (abbreviations[2] must be a string, got number)")
    assert.has_error(function() sift.each_token(nil) end,
      "bad argument #1 to 'each_token' (string expected, got nil)")
  end)
end)

describe("sift.each_token", function()
  it("yields the same tokens as sift.tokens", function()
    for _, file in ipairs(helpers.bbc_articles()) do
      local s = helpers.read(file)
      for _, spaces in ipairs({ false, true }) do
        local opts = { spaces = spaces, abbreviations = { "Xinhua" } }
        local list, n = sift.tokens(s, opts), 0
        for i, j, kind in sift.each_token(s, opts) do
          n = n + 1
          local t = list[n]
          if not (t and t.i == i and t.j == j and t.kind == kind) then
            error(("%s: token %d differs"):format(file, n))
          end
        end
        assert.are.equal(#list, n)
      end
    end
  end)

  it("handles a 100 MB input", function()
    local unit = "The state-owned firm’s profit rose 3.5% to $1,000.50 on 25th May. "
    local s = unit:rep(math.ceil(100 * 1024 * 1024 / #unit))
    local n, last = 0, 0
    for _, j in sift.each_token(s) do
      n = n + 1
      last = j
    end
    assert.are.equal(#s - 1, last) -- the final space is not a token
    assert.are.equal(#sift.tokens(unit) * (#s // #unit), n)
  end)
end)

describe("sift.fold and sift.shape", function()
  it("folds case fully", function()
    assert.are.equal("strasse", sift.fold("Straße"))
    assert.are.equal("σασ", sift.fold("ΣΑς")) -- final sigma folds to σ
    assert.are.equal("i\u{307}stanbul", sift.fold("İstanbul"))
    assert.are.equal("ﬃ", sift.fold("ﬃ"):gsub("ffi", "ﬃ"))
    assert.are.equal("a\xFFb", sift.fold("A\xFFB"))
    assert.are.equal("", sift.fold(""))
  end)
  it("gives word shapes", function()
    assert.are.equal("Xxxxx", sift.shape("Jinping"))
    assert.are.equal("XXX", sift.shape("CPC"))
    assert.are.equal("ddxx", sift.shape("25th"))
    assert.are.equal("Xx.", sift.shape("Mr."))
    assert.are.equal("X.X.", sift.shape("U.S."))
  end)
  it("states its versions", function()
    assert.are.equal("15.0.0", sift.unicode_version)
    assert.is_truthy(sift.version:match("^%d+%.%d+%.%d+$"))
    assert.are.equal("word", sift.kind.word)
  end)
end)
