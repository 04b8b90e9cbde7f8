-- sift.sentences, sift.each_sentence and sift.paragraphs: the news rules (on sentences written for
-- these tests), the promise to lose nothing (on every text of ../shared/data), options, bad input.
local sift = require "sift"
local helpers = require "helpers"

-- Unicode White_Space (PropList.txt), as UTF-8: all that may lie between sentences.
local SPACES = { "\t", "\n", "\v", "\f", "\r", " ", "\u{85}", "\u{A0}", "\u{1680}", "\u{2028}",
  "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}" }
for cp = 0x2000, 0x200A do
  SPACES[#SPACES + 1] = utf8.char(cp)
end

-- The length of the white-space character at pos of s, or nil.
local function space_at(s, pos)
  for _, sp in ipairs(SPACES) do
    if s:sub(pos, pos + #sp - 1) == sp then
      return #sp
    end
  end
  return nil
end

local function only_space(s)
  local pos = 1
  while pos <= #s do
    local n = space_at(s, pos)
    if not n then
      return false
    end
    pos = pos + n
  end
  return true
end

local function ends_in_space(s)
  for _, sp in ipairs(SPACES) do
    if #s >= #sp and s:sub(-#sp) == sp then
      return true
    end
  end
  return false
end

-- Checks the promises of sift.sentences on text: text == s:sub(i, j), in order, no overlap, no
-- white space at either end, only white space between; paragraphs count up from 1 by steps of 1;
-- each_sentence and paragraphs agree with it. Returns the sentences.
local function check(text, opts)
  local list = sift.sentences(text, opts)
  local pos, para = 1, 0
  for n, s in ipairs(list) do
    assert(s.i >= pos and s.i <= s.j and s.j <= #text, "bad span of sentence " .. n)
    assert(s.text == text:sub(s.i, s.j), "text of sentence " .. n .. " does not match its offsets")
    assert(only_space(text:sub(pos, s.i - 1)), "text outside the sentences before sentence " .. n)
    assert(not space_at(s.text, 1) and not ends_in_space(s.text), "white space at an end of sentence " .. n)
    assert(s.paragraph == para or s.paragraph == para + 1, "paragraph jumps at sentence " .. n)
    assert(n > 1 or s.paragraph == 1, "the first paragraph is not 1")
    para = s.paragraph
    pos = s.j + 1
  end
  assert(only_space(text:sub(pos)), "text after the last sentence")
  local n = 0
  for i, j, p in sift.each_sentence(text, opts) do
    n = n + 1
    local s = list[n]
    assert(s and s.i == i and s.j == j and s.paragraph == p, "each_sentence differs at " .. n)
  end
  assert(n == #list, "each_sentence gave " .. n .. " sentences, sentences " .. #list)
  n = 0
  for k, par in ipairs(sift.paragraphs(text, opts)) do
    assert(par.text == text:sub(par.i, par.j), "paragraph " .. k .. " text does not match")
    for _, s in ipairs(par.sentences) do
      n = n + 1
      assert(list[n].i == s.i and list[n].j == s.j and s.paragraph == k, "paragraphs differ at " .. n)
    end
    assert(par.i == par.sentences[1].i and par.j == par.sentences[#par.sentences].j)
  end
  assert(n == #list, "paragraphs hold " .. n .. " sentences, sentences " .. #list)
  return list
end

-- The sentence texts of text.
local function split(text, opts)
  local out = {}
  for k, s in ipairs(check(text, opts)) do
    out[k] = s.text
  end
  return out
end

describe("sift.sentences", function()
  it("returns spans with their text and paragraph", function()
    local s = sift.sentences("It rained. We stayed in.\n\nThe sun came out.")
    assert.are.same({
      { text = "It rained.", i = 1, j = 10, paragraph = 1 },
      { text = "We stayed in.", i = 12, j = 24, paragraph = 1 },
      { text = "The sun came out.", i = 27, j = 43, paragraph = 2 },
    }, s)
    assert.are.same({}, sift.sentences(""))
    assert.are.same({}, sift.sentences(" \n\t\n "))
    assert.are.same({ "No full stop at all" }, split("  No full stop at all \n"))
  end)

  it("keeps titles with the name that follows", function()
    assert.are.same({ "Mrs. Adeyemi and Prof. Lindqvist met Gov. Harlan in St. Albans on Friday." },
      split("Mrs. Adeyemi and Prof. Lindqvist met Gov. Harlan in St. Albans on Friday."))
    assert.are.same({ "Sen. Okoro and Rep. Vance voted no.", "The bill failed." },
      split("Sen. Okoro and Rep. Vance voted no. The bill failed."))
    assert.are.same({ "Lt. Gen. Marsh and Dr. Iyer arrived.", "Capt. Ruiz did not." },
      split("Lt. Gen. Marsh and Dr. Iyer arrived. Capt. Ruiz did not."))
  end)

  it("ends a sentence at an abbreviation only before a word that starts sentences", function()
    assert.are.same({ "The talks were held in the U.K.", "It was cold." },
      split("The talks were held in the U.K. It was cold."))
    assert.are.same({ "The U.K. Treasury and the U.S. Federal Reserve both acted." },
      split("The U.K. Treasury and the U.S. Federal Reserve both acted."))
    assert.are.same({ "She sold her stake in Brightwater Ltd.", "The sale closed in June." },
      split("She sold her stake in Brightwater Ltd. The sale closed in June."))
    assert.are.same({ "Brightwater Ltd. said on Monday it would cut jobs." },
      split("Brightwater Ltd. said on Monday it would cut jobs."))
    assert.are.same({ "The vote is due on Sept. 14 in Geneva." }, split("The vote is due on Sept. 14 in Geneva."))
    assert.are.same({ "It was put off until Feb.", "When it came, it was short." },
      split("It was put off until Feb. When it came, it was short."))
    assert.are.same({ "They sold pens, paper, ink etc.", "But most of it was cheap." },
      split("They sold pens, paper, ink etc. But most of it was cheap."))
    assert.are.same({ "The firm moved to Washington, D.C., last year." },
      split("The firm moved to Washington, D.C., last year."))
    assert.are.same({ "He lives in Fresno, Calif. with his family." },
      split("He lives in Fresno, Calif. with his family."))
    assert.are.same({ "The shop shuts at 5 p.m.", "After that it is dark." },
      split("The shop shuts at 5 p.m. After that it is dark."))
    -- an opening quote or bracket after the abbreviation is evidence too
    assert.are.same({ "The tour ends in the U.S.", "\"We are ready,\" the singer said." },
      split("The tour ends in the U.S. \"We are ready,\" the singer said."))
  end)

  it("never ends a sentence at a reference before what it introduces", function()
    assert.are.same({ "Use plain words, e.g. Fair rather than Equitable." },
      split("Use plain words, e.g. Fair rather than Equitable."))
    assert.are.same({ "It was Leeds vs. Hull.", "Leeds won." }, split("It was Leeds vs. Hull. Leeds won."))
    assert.are.same({ "He is ranked No. 4 in the world, see Fig. 2." },
      split("He is ranked No. 4 in the world, see Fig. 2."))
  end)

  it("lets users add abbreviations, with a class or without", function()
    local text = "We met Asst. Boateng today. We asked the Asst. The answer was no."
    assert.are.same({ "We met Asst.", "Boateng today.", "We asked the Asst.", "The answer was no." }, split(text))
    -- a title never ends a sentence ...
    assert.are.same({ "We met Asst. Boateng today.", "We asked the Asst. The answer was no." },
      split(text, { abbreviations = { Asst = "title" } }))
    -- ... one of class "other" (the class of words given without one) does before "The"
    assert.are.same({ "We met Asst. Boateng today.", "We asked the Asst.", "The answer was no." },
      split(text, { abbreviations = { "Asst" } }))
    assert.are.same({ "We met Asst. Boateng today.", "We asked the Asst.", "The answer was no." },
      split(text, { abbreviations = { Asst = "company", "Dept" } }))
    -- the user's class takes precedence over the built-in one
    assert.are.same({ "We saw Gen. The end." }, split("We saw Gen. The end."))
    assert.are.same({ "We saw Gen.", "The end." }, split("We saw Gen. The end.", { abbreviations = { Gen = "other" } }))
    -- of a word given twice, the entry with a class counts
    assert.are.same({ "We saw Gen. The end." },
      split("We saw Gen. The end.", { abbreviations = { "Gen", Gen = "title" } }))
  end)

  it("keeps initials with the name", function()
    assert.are.same({ "J. R. Okafor and A. B. Lind wrote the report." },
      split("J. R. Okafor and A. B. Lind wrote the report."))
    assert.are.same({ "The report was written by T. H. Marsh.", "It ran to 300 pages." },
      split("The report was written by T. H. Marsh. It ran to 300 pages."))
    assert.are.same({ "He took vitamin C.", "Then he slept." }, split("He took vitamin C. Then he slept."))
    assert.are.same({ "Levels of E. coli rose." }, split("Levels of E. coli rose."))
    assert.are.same({ "I. M. Pei drew it.", "So did I.", "Then we left." },
      split("I. M. Pei drew it. So did I. Then we left."))
  end)

  it("keeps decimal numbers, times, versions, URLs and e-mail addresses whole", function()
    assert.are.same({ "Growth was 2.5% in 2023.", "It may reach 3.1% next year." },
      split("Growth was 2.5% in 2023. It may reach 3.1% next year."))
    assert.are.same({ "The train left at 10.45 and arrived at 13:05." },
      split("The train left at 10.45 and arrived at 13:05."))
    assert.are.same({ "Version 4.2.1 fixed it.", "Version 5 broke it again." },
      split("Version 4.2.1 fixed it. Version 5 broke it again."))
    assert.are.same({ "The deal was worth $1.25bn.", "It closed in May." },
      split("The deal was worth $1.25bn. It closed in May."))
    assert.are.same({ "See www.harbour.example/news.html.", "Or write to desk@harbour.example." },
      split("See www.harbour.example/news.html. Or write to desk@harbour.example."))
    assert.are.same({ "Sales at Shop.example fell." }, split("Sales at Shop.example fell."))
  end)

  it("reads ellipses and runs of ! and ? as one terminator", function()
    assert.are.same({ "She hesitated... then signed." }, split("She hesitated... then signed."))
    assert.are.same({ "She hesitated...", "Then she signed." }, split("She hesitated... Then she signed."))
    assert.are.same({ "He paused\u{2026}", "The room went quiet." }, split("He paused\u{2026} The room went quiet."))
    assert.are.same({ "Wait for it . . . and there it is." }, split("Wait for it . . . and there it is."))
    assert.are.same({ "It ended . . .", "The crowd left." }, split("It ended . . . The crowd left."))
    assert.are.same({ "Really?!", "Yes!!!", "Why??", "Because." }, split("Really?! Yes!!! Why?? Because."))
  end)

  it("takes closing quotes and brackets with the terminator", function()
    assert.are.same({ "\"We will appeal,\" the lawyer said.", "\"The ruling is wrong.\"" },
      split("\"We will appeal,\" the lawyer said. \"The ruling is wrong.\""))
    assert.are.same({ "He asked: \"Where is the money?\"", "Nobody answered." },
      split("He asked: \"Where is the money?\" Nobody answered."))
    assert.are.same({ "\"Why now?\" asked the mayor." }, split("\"Why now?\" asked the mayor."))
    assert.are.same({ "\u{2018}It is finished.\u{2019}", "The crowd cheered." },
      split("\u{2018}It is finished.\u{2019} The crowd cheered."))
    assert.are.same({ "\u{201C}Leave!\u{201D} she shouted." }, split("\u{201C}Leave!\u{201D} she shouted."))
    assert.are.same({ "It was, he said, \"a good year.\"", "He smiled." },
      split("It was, he said, \"a good year.\" He smiled."))
    -- a closing quote set off by a space, and emoji after the terminator, close the sentence
    assert.are.same({ "\"It was a long season. \"", "Then the rain came." },
      split("\"It was a long season. \" Then the rain came."))
    assert.are.same({ "\u{AB} Il pleut. \u{BB}", "Nous restons." }, split("\u{AB} Il pleut. \u{BB} Nous restons."))
    assert.are.same({ "We won! \u{1F389}", "Next match on Sunday." }, split("We won! \u{1F389} Next match on Sunday."))
    -- text tokenized for NLP sets quotes off on both sides: the count of quotes tells them apart
    assert.are.same({ "\" We won , \" he said .", "\" It was hard . \"" },
      split("\" We won , \" he said . \" It was hard . \""))
  end)

  it("keeps parenthesised sentences apart and brackets inside sentences", function()
    assert.are.same({ "The council agreed.", "(Two members abstained.)", "Work starts in May." },
      split("The council agreed. (Two members abstained.) Work starts in May."))
    assert.are.same({ "The firm (founded in 1990) grew fast." }, split("The firm (founded in 1990) grew fast."))
    assert.are.same({ "Profits rose (see table 3).", "Costs fell." }, split("Profits rose (see table 3). Costs fell."))
    assert.are.same({ "He left (it was late.) and went home." }, split("He left (it was late.) and went home."))
    assert.are.same({ "Turnout was low [sic.]", "Nobody knew why." }, split("Turnout was low [sic.] Nobody knew why."))
  end)

  it("makes each list item a sentence and a paragraph", function()
    local text = "The plan has three parts:\n1. Cut costs.\n2. Sell the old plant\n3) Hire engineers"
    local s = check(text)
    assert.are.same({ "The plan has three parts:", "1. Cut costs.", "2. Sell the old plant", "3) Hire engineers" },
      split(text))
    assert.are.same({ 1, 2, 3, 4 }, { s[1].paragraph, s[2].paragraph, s[3].paragraph, s[4].paragraph })
    assert.are.same({ "- Lower fares", "- More trains", "\u{2022} Better stations" },
      split("- Lower fares\n- More trains\n\u{2022} Better stations"))
    assert.are.same({ "a) lower fares", "b) more trains" }, split("a) lower fares\nb) more trains"))
    assert.are.same({ "II. Methods", "III. Results" }, split("II. Methods\nIII. Results"))
    assert.are.same({ "The options are (a) fares and (b) trains." }, split("The options are (a) fares and (b) trains."))
  end)

  it("keeps headlines, captions and datelines on their own lines apart", function()
    assert.are.same({ "Harbour Bridge To Close For Six Weeks Of Repairs From Next Month",
      "The bridge will shut on Monday." },
      split("Harbour Bridge To Close For Six Weeks Of Repairs From Next Month\nThe bridge will shut on Monday."))
    assert.are.same({ "Ferry services resume",
      "Ferries ran again on Tuesday after the storm had passed, the operator said." },
      split("Ferry services resume\nFerries ran again on Tuesday after the storm had passed, the operator said."))
    assert.are.same({ "MARLOW, 12th June 2024 \u{2013} (Thamesdesk)",
      "Local officials approved the new bridge on Wednesday after a long debate." },
      split("MARLOW, 12th June 2024 \u{2013} (Thamesdesk)\n"
        .. "Local officials approved the new bridge on Wednesday after a long debate."))
    assert.are.same({ "Photo: the new bridge at dusk", "The bridge opened." },
      split("Photo: the new bridge at dusk\n\nThe bridge opened."))
    -- a dateline that shares its line with the first sentence stays in that sentence
    assert.are.same({ "MARLOW, 12th June 2024 \u{2013} (Thamesdesk) Local officials approved it.", "It cost little." },
      split("MARLOW, 12th June 2024 \u{2013} (Thamesdesk) Local officials approved it. It cost little."))
  end)

  it("does not end a sentence at a line break inside running prose", function()
    local wrapped = table.concat({
      "Ministers from both parties met in Leeds on Thursday to discuss the",
      "Budget, which the Chancellor will present to Parliament next month. The",
      "Treasury said it expected the plan to pass without trouble, although",
      "Labour and the Liberal Democrats have both raised concerns about the",
      "University funding changes that were announced in the summer.",
    }, "\n")
    local s = split(wrapped)
    assert.are.equal(2, #s)
    assert.is_truthy(s[1]:find("^Ministers.*next month%.$"))
    assert.is_truthy(s[2]:find("^The\nTreasury.*summer%.$"))
    assert.are.same({ "The mayor said the\nbridge would open soon." },
      split("The mayor said the\nbridge would open soon."))
    assert.are.same({ "Officials from Leeds,\nBradford and York met." },
      split("Officials from Leeds,\nBradford and York met."))
    assert.are.same({ "It is a well-\nknown fact." }, split("It is a well-\nknown fact."))
    -- CR LF line ends, and a line that ends after a full stop
    assert.are.same({ "Harbour news", "The bridge is shut." }, split("Harbour news\r\nThe bridge is shut.\r\n"))
  end)

  it("follows the 'lines' option", function()
    local text = "First line\nSecond line. Third\nfourth"
    assert.are.same({ "First line", "Second line.", "Third\nfourth" }, split(text))
    assert.are.same({ "First line", "Second line.", "Third", "fourth" }, split(text, { lines = "break" }))
    assert.are.same({ "First line\nSecond line.", "Third\nfourth" }, split(text, { lines = "join" }))
    assert.are.same({ "First line", "Second line.", "Third\nfourth" }, split(text, { lines = "auto" }))
  end)

  it("ends sentences at the full-width terminators of Chinese and Japanese", function()
    assert.are.same({ "今天下雨了。", "我们没有出门！", "你呢？" }, split("今天下雨了。我们没有出门！你呢？"))
    assert.are.same({ "他说：“我们走吧。”", "然后离开了。" }, split("他说：“我们走吧。”然后离开了。"))
    assert.are.same({ "東京は晴れ。", "大阪は雨。" }, split("東京は晴れ。 大阪は雨。"))
    -- a closing quote followed by the quotative particle stays in its sentence
    assert.are.same({ "「行こう。」と彼は言った。", "「はい。」" }, split("「行こう。」と彼は言った。「はい。」"))
    assert.are.same({ "The index rose 2.5%.", "指数上涨了。" }, split("The index rose 2.5%. 指数上涨了。"))
  end)

  it("ends a sentence at a blank line, always", function()
    local s = check("Mr.\n\nSmith spoke\n \t\nto us")
    assert.are.same({ "Mr.", "Smith spoke", "to us" }, { s[1].text, s[2].text, s[3].text })
    assert.are.same({ 1, 2, 3 }, { s[1].paragraph, s[2].paragraph, s[3].paragraph })
    assert.are.same({ "One", "Two" }, split("One\u{2029}Two"))
    assert.are.same({ "One", "Two" }, split("One\fTwo"))
  end)

  it("splits the seed article: headline, caption, dateline with the first sentence", function()
    local text = helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt")
    local s = check(text)
    assert.are.equal("Xi Jinping’s instructions emphasise new industrialisation as key task for China’s "
      .. "modernisation journey", s[1].text)
    assert.are.equal("President Xi", s[2].text)
    assert.is_truthy(s[3].text:find("^25th September 2023 – %(Beijing%) Chinese President Xi Jinping, also"))
    assert.is_truthy(s[3].text:find("on advancing new industrialisation%.$"))
    assert.is_truthy(s[4].text:find("^Xi highlighted that"))
    assert.are.same({ 1, 2, 3, 3 }, { s[1].paragraph, s[2].paragraph, s[3].paragraph, s[4].paragraph })
    assert.are.equal(9, s[#s].paragraph)
    -- every sentence of the body ends with a full stop
    for k = 3, #s do
      assert.is_truthy(s[k].text:find("%.$"), s[k].text)
    end
  end)

  it("checks its arguments", function()
    assert.has_error(function() sift.sentences() end, "bad argument #1 to 'sentences' (string expected, got no value)")
    assert.has_error(function() sift.sentences("x", { line = "break" }) end,
      "bad argument #2 to 'sentences' (unknown option 'line')")
    assert.has_error(function() sift.sentences("x", { lines = "never" }) end,
      "bad argument #2 to 'sentences' (option 'lines' must be 'auto', 'break' or 'join')")
    assert.has_error(function() sift.sentences("x", { abbreviations = "Gov" }) end,
      "bad argument #2 to 'sentences' (option 'abbreviations' must be a table, got string)")
    assert.has_error(function() sift.sentences("x", { abbreviations = { 42 } }) end,
      "bad argument #2 to 'sentences' (abbreviations[1] must be a string, got number)")
    assert.has_error(function() sift.sentences("x", { abbreviations = { Cllr = "mayor" } }) end,
      "bad argument #2 to 'sentences' (abbreviations['Cllr'] must be a class name (title, reference, month, "
        .. "day, company, place, other))")
    assert.has_error(function() sift.each_sentence("x", { spaces = true }) end,
      "bad argument #2 to 'each_sentence' (unknown option 'spaces')")
    assert.has_error(function() sift.paragraphs("x", 5) end,
      "bad argument #2 to 'paragraphs' (table expected, got number)")
  end)
end)

describe("sift.paragraphs", function()
  it("groups the sentences by paragraph", function()
    local text = "Harbour news\n\nThe bridge shut. Ferries ran.\n\n- more ferries\n- fewer cars"
    local p = sift.paragraphs(text)
    assert.are.equal(4, #p)
    assert.are.equal("Harbour news", p[1].text)
    assert.are.equal("The bridge shut. Ferries ran.", p[2].text)
    assert.are.same({ "The bridge shut.", "Ferries ran." }, { p[2].sentences[1].text, p[2].sentences[2].text })
    assert.are.equal(2, p[2].sentences[2].paragraph)
    assert.are.equal("- fewer cars", p[4].text)
    assert.are.same({}, sift.paragraphs(""))
    check(text)
  end)
end)

describe("sift.sentences on real text", function()
  local function files(dir, pattern)
    local list = helpers.list(helpers.shared .. "/data/" .. dir, pattern)
    assert(#list > 0, "no test data in " .. dir)
    return list
  end

  it("loses nothing on every BBC article and summary", function()
    local n = 0
    for _, file in ipairs(helpers.bbc_articles()) do
      n = n + #check(helpers.read(file))
      check(helpers.read((file:gsub("/articles/", "/summaries/"))))
    end
    assert.is_true(n > 7000)
  end)

  it("splits BBC articles hard-wrapped at 60, 72 and 80 columns as it splits them unwrapped", function()
    -- greedy wrapping of each line of text at width characters
    local function wrap(text, width)
      local out = {}
      for line in (text .. "\n"):gmatch("(.-)\n") do
        local lines, cur = {}, ""
        for w in line:gmatch("%S+") do
          local cand = cur == "" and w or cur .. " " .. w
          if cur ~= "" and (utf8.len(cand) or #cand) > width then
            lines[#lines + 1] = cur
            cur = w
          else
            cur = cand
          end
        end
        lines[#lines + 1] = cur
        out[#out + 1] = table.concat(lines, "\n")
      end
      return table.concat(out, "\n")
    end
    local function texts(text)
      local out = {}
      for k, s in ipairs(check(text)) do
        out[k] = s.text:gsub("%s+", " ")
      end
      return out
    end
    local articles = helpers.bbc_articles()
    for _, width in ipairs({ 60, 72, 80 }) do
      local same = 0
      for _, file in ipairs(articles) do
        local text = helpers.read(file)
        local a, b = texts(text), texts(wrap(text, width))
        if #a == #b and table.concat(a, "\0") == table.concat(b, "\0") then
          same = same + 1
        end
      end
      print(string.format("  wrapped at %d: %d of %d articles split as unwrapped", width, same, #articles))
      assert.is_true(same >= 0.97 * #articles, width .. ": " .. same)
    end
  end)

  it("loses nothing on the keyphrase documents, the seed article and the encodings samples", function()
    for _, file in ipairs(files("keyphrase-500N-KPCrowd/docs", "%.txt$")) do
      local text = helpers.read(file)
      local s = check(text)
      -- the headline line stands alone: the first sentence ends before the first line break
      local first_break = text:find("[\r\n]")
      if first_break and text:find("%S", first_break) then
        assert.is_true(s[1].j < first_break, file)
      end
    end
    check(helpers.read(helpers.shared .. "/data/seed/new-industrialisation.txt"))
    -- legacy encodings are not UTF-8: still nothing is lost
    for _, file in ipairs(files("encodings/files")) do
      check(helpers.read(file))
    end
  end)

  it("loses nothing on text made from CoNLL-2003, and finds its sentence ends", function()
    for _, name in ipairs({ "eng.testa", "eng.train" }) do
      local docs, sentences, words = {}, {}, {}
      local function end_sentence()
        if #words > 0 then
          sentences[#sentences + 1] = table.concat(words, " ")
          words = {}
        end
      end
      for line in io.lines(helpers.shared .. "/data/conll2003/" .. name) do
        local w = line:match("^(%S+)")
        if w == "-DOCSTART-" then
          end_sentence()
          docs[#docs + 1] = sentences
          sentences = {}
        elseif w then
          words[#words + 1] = w
        else
          end_sentence()
        end
      end
      end_sentence()
      docs[#docs + 1] = sentences
      local ends, found = 0, 0
      for _, doc in ipairs(docs) do
        -- one sentence a line, and the same run together into one paragraph
        local lines = table.concat(doc, "\n")
        check(lines)
        local spans = check(table.concat(doc, " "))
        local stops = {}
        for _, s in ipairs(spans) do
          stops[s.j] = true
        end
        local pos = 0
        for k = 1, #doc - 1 do
          pos = pos + #doc[k]
          if doc[k]:find("[.!?]$") and not doc[k + 1]:find("^%l") then
            ends = ends + 1
            if stops[pos] then
              found = found + 1
            end
          end
          pos = pos + 1
        end
      end
      -- CoNLL's sentences that end in a terminator before one that does not start in lower case:
      -- nearly all of their ends are found when the sentences are run together (what is missed
      -- is mostly a quote mark that CoNLL's tokens set off on both sides: 'said . " I')
      print(string.format("  %s: %d of %d sentence ends found (%.2f%%)", name, found, ends, 100 * found / ends))
      assert.is_true(found >= 0.98 * ends, string.format("%s: %d of %d sentence ends found", name, found, ends))
    end
  end)
end)

-- The checkout these specs belong to. The sanitizer run (tests/sanitize.sh) starts them from a
-- shadow checkout whose tests/ is a symbolic link, so go through it physically.
local checkout = (function()
  local p = assert(io.popen("cd -P tests/.. && pwd"))
  local dir = p:read("l")
  p:close()
  return dir
end)()

describe("sift.abbreviations and sift.sentence_starters", function()
  it("give the built-in list of data/abbreviations.tsv, each kept whole by the tokenizer", function()
    local from_data, n = {}, 0
    for line in io.lines(checkout .. "/data/abbreviations.tsv") do
      local word, class = line:match("^([^#\t][^\t]*)\t(%a+)$")
      if word then
        from_data[word] = class
        n = n + 1
      end
    end
    assert.is_true(n > 50)
    local list = sift.abbreviations()
    assert.are.same(from_data, list)
    for word in pairs(list) do
      local t = sift.tokens("x " .. word .. ". y")
      assert.are.same({ "abbrev", word .. "." }, { t[2].kind, t[2].text })
    end
    -- a fresh table each time: changing it changes nothing
    list.Mr = nil
    assert.are.equal("title", sift.abbreviations().Mr)
  end)

  it("give the sentence starters, sorted", function()
    local s = sift.sentence_starters()
    assert.is_true(#s > 100)
    local set = {}
    for k, w in ipairs(s) do
      assert.is_truthy(w:find("^%u%l*$"), w)
      assert.is_true(k == 1 or s[k - 1] < w)
      set[w] = true
    end
    assert.is_true(set.The and set.However and set.He)
    assert.is_nil(set.Senate)
  end)
end)

describe("tools/gen_abbrev_data.lua", function()
  local lua = "lua" .. _VERSION:match("%d+%.%d+")

  -- Runs the generator on a data file holding `data`; returns its exit status and its messages.
  local function generate(data)
    local input, output = os.tmpname(), os.tmpname()
    local f = assert(io.open(input, "wb"))
    f:write(data)
    f:close()
    local ok = os.execute(lua .. " " .. checkout .. "/tools/gen_abbrev_data.lua " .. input .. " >" .. output .. " 2>&1")
    local out = helpers.read(output)
    os.remove(input)
    os.remove(output)
    return ok == true or ok == 0, out
  end

  it("writes a sorted C table of the data file", function()
    local ok, out = generate("# comment\n\nZz\tother\nAa\ttitle\ne.g\treference\n")
    assert.is_true(ok)
    assert.is_truthy(out:find("GENERATED by tools/gen_abbrev_data.lua from .*do not edit"))
    local a = out:find('{ "Aa", 2, SIFT_ABBREV_TITLE }', 1, true)
    local z = out:find('{ "Zz", 2, SIFT_ABBREV_OTHER }', 1, true)
    local e = out:find('{ "e.g", 3, SIFT_ABBREV_REFERENCE }', 1, true)
    assert.is_truthy(a and z and e and a < z and z < e)
  end)

  it("refuses malformed data, naming the line", function()
    for data, message in pairs({
      ["Foo\tmayor\n"] = ":1: unknown class 'mayor'",
      ["Foo.\tother\n"] = ":1: 'Foo.' is written with its final full stop",
      ["Foo\tother\nBar\ttitle\nFoo\ttitle\n"] = ":3: 'Foo' is listed twice (first on line 1)",
      ["Foo other\n"] = ":1: expected ABBREVIATION<TAB>CLASS",
      ["# nothing\n"] = "no abbreviations",
    }) do
      local ok, out = generate(data)
      assert.is_false(ok, data)
      assert.is_truthy(out:find(message, 1, true), out)
    end
  end)
end)
