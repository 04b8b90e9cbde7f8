-- sift.segments: articles as translation units, stable ids, protection, losslessness.
local sift = require "sift"
local segments = require "sift.segments"
local helpers = require "helpers"
local sh = require "segments_helpers"

local SEED = helpers.shared .. "/data/seed/new-industrialisation.txt"

-- Unicode White_Space (Lua's %s knows only ASCII)
local WHITE = { "\u{85}", "\u{A0}", "\u{1680}", "\u{2028}", "\u{2029}", "\u{202F}", "\u{205F}", "\u{3000}" }
for cp = 0x2000, 0x200A do
  WHITE[#WHITE + 1] = utf8.char(cp)
end
local function blank(s)
  for _, w in ipairs(WHITE) do
    s = s:gsub(w, "")
  end
  return s:find("^%s*$") ~= nil
end

local function texts(article)
  local out = {}
  for _, s in ipairs(article.segments) do
    out[#out + 1] = s.text
  end
  return out
end

local function ids_by_text(article)
  local out = {}
  for _, s in ipairs(article.segments) do
    out[s.text] = out[s.text] or s.id
  end
  return out
end

describe("segments.hash", function()
  it("is FNV-1a 64 (the published test vectors)", function()
    assert.are.equal("cbf29ce484222325", segments.hash(""))
    assert.are.equal("af63dc4c8601ec8c", segments.hash("a"))
    assert.are.equal("85944171f73967e8", segments.hash("foobar"))
  end)

  it("hashes long strings and every byte value", function()
    local all = {}
    for b = 0, 255 do
      all[#all + 1] = string.char(b)
    end
    local s = table.concat(all)
    local h = segments.hash(s)
    assert.are.equal(16, #h)
    assert.is_truthy(h:match("^%x+$"))
    assert.are_not.equal(h, segments.hash(s:sub(2)))
    assert.are_not.equal(h, segments.hash(s .. "\0"))
  end)

  it("rejects what is not a string", function()
    assert.has_error(function() segments.hash(12) end, "bad argument #1 to 'hash' (string expected, got number)")
  end)
end)

describe("segments.segment", function()
  it("makes one unit per paragraph and one segment per sentence", function()
    local a = segments.segment("Headline here\n\nFirst one. Second one.\n\nThird one!", { id = "x" })
    assert.are.same({ "Headline here", "First one.", "Second one.", "Third one!" }, texts(a))
    assert.are.equal(3, #a.units)
    assert.are.equal(2, #a.units[2].segments)
    for _, u in ipairs(a.units) do
      for _, s in ipairs(u.segments) do
        assert.are.equal(u.id, s.unit)
        assert.are.equal(u.paragraph, s.paragraph)
      end
    end
  end)

  it("is exposed as sift.segment", function()
    local a = sift.segment("One. Two.", { id = "z" })
    assert.are.same({ "One.", "Two." }, texts(a))
  end)

  it("gives ids that depend on the article id and the text, not the position", function()
    local a = segments.segment("Alpha rose. Beta fell. Gamma held.", { id = "art-1" })
    local b = segments.segment("Gamma held. Alpha rose. Beta fell.", { id = "art-1" })
    local c = segments.segment("Alpha rose. Beta fell. Gamma held.", { id = "art-2" })
    assert.are.same(ids_by_text(a), ids_by_text(b))
    for text, id in pairs(ids_by_text(a)) do
      assert.are_not.equal(id, ids_by_text(c)[text])
      assert.are.equal(segments.segment_id("art-1", text), id)
    end
  end)

  it("gives repeated sentences a suffix", function()
    local a = segments.segment("Yes. Maybe. Yes. Yes.", { id = "r" })
    local ids = {}
    for _, s in ipairs(a.segments) do
      ids[#ids + 1] = s.id
    end
    assert.are.equal(ids[1] .. "-2", ids[3])
    assert.are.equal(ids[1] .. "-3", ids[4])
    local seen = {}
    for _, id in ipairs(ids) do
      assert.is_nil(seen[id])
      seen[id] = true
    end
  end)

  it("keeps the ids of unchanged sentences when an edited article is exported again", function()
    local text = helpers.read(SEED)
    local before = segments.segment(text, { id = "seed" })
    local function find(start)
      for _, s in ipairs(before.segments) do
        if s.text:find(start, 1, true) then
          return s.text
        end
      end
      error("no sentence with " .. start)
    end
    local function replace(s, old, new)
      local i, j = s:find(old, 1, true)
      return s:sub(1, i - 1) .. new .. s:sub(j + 1)
    end
    -- edit one sentence, delete another, re-wrap a third, add a paragraph
    local first = find("is crucial for")
    local gone = find("Xi emphasised that promoting")
    local wrapped = find("A national meeting")
    local edited = replace(text, first, (first:gsub("crucial", "vital")))
    edited = replace(edited, gone, "")
    edited = replace(edited, wrapped, (wrapped:gsub(" ", "\n", 3)))
    edited = edited .. "\n\nA paragraph added at the end.\n"
    local after = segments.segment(edited, { id = "seed" })
    local old, new = ids_by_text(before), {}
    for _, s in ipairs(after.segments) do
      new[s.id] = s.text
    end
    local kept = 0
    for _, s in ipairs(before.segments) do
      if s.text ~= first and s.text ~= gone and s.text ~= wrapped then
        assert.are.equal(s.text, new[old[s.text]])
        kept = kept + 1
      end
    end
    assert.is_true(kept >= #before.segments - 3)
    -- white space inside a sentence does not count: the re-wrapped one keeps its id
    assert.is_truthy(new[old[wrapped]])
    assert.are_not.equal(wrapped, new[old[wrapped]])
    -- the edited sentence has a new id
    assert.is_nil(new[old[first]])
  end)

  it("protects numbers, URLs, e-mail addresses, handles and hashtags", function()
    local a = segments.segment("Shares fell 3.5% to $1,200 at https://example.org/a, said desk@example.org, "
      .. "@harbourdesk and #Élections2024.", { id = "p" })
    local found = {}
    for _, p in ipairs(a.segments[1].protected) do
      found[#found + 1] = p.kind .. ":" .. p.text
      assert.are.equal(p.text, a.text:sub(p.i, p.j))
    end
    assert.are.same({ "number:3.5%", "number:1,200", "url:https://example.org/a", "email:desk@example.org",
      "mention:@harbourdesk", "hashtag:#Élections2024" }, found)
  end)

  it("protects what opts.protect lists, and nothing with {}", function()
    local text = "Call @desk at 10:30 or see www.example.org now."
    local a = segments.segment(text, { protect = { "url" } })
    assert.are.equal(1, #a.segments[1].protected)
    assert.are.equal("www.example.org", a.segments[1].protected[1].text)
    assert.are.equal(0, #segments.segment(text, { protect = {} }).segments[1].protected)
    assert.are.equal(0, #segments.segment(text, { protect = { "none" } }).segments[1].protected)
  end)

  it("protects entity names from a pluggable tagger, joining overlapping spans", function()
    local text = "Xi spoke at the 18th CPC National Congress in Beijing on Monday."
    local function tagger(t)
      assert.are.equal(text, t)
      return {
        { i = 1, j = 2, type = "PERSON", text = "Xi" },
        { i = 17, j = 42, type = "EVENT", text = "18th CPC National Congress" },
        { i = 47, j = 53, type = "GPE", text = "Beijing" },
        { i = 58, j = 63, type = "DATE", text = "Monday" },
      }
    end
    local a = segments.segment(text, { entities = tagger })
    local found = {}
    for _, p in ipairs(a.segments[1].protected) do
      found[#found + 1] = p.kind .. ":" .. (p.type or "") .. ":" .. p.text
    end
    -- the number 18th lies inside the event and becomes part of it; dates are not names
    assert.are.same({ "entity:PERSON:Xi", "entity:EVENT:18th CPC National Congress", "entity:GPE:Beijing" }, found)
    local only_people = segments.segment(text, { entities = tagger, protect = { "PERSON" } })
    assert.are.equal(1, #only_people.segments[1].protected)
    assert.are.equal(0, #segments.segment(text, { entities = false, protect = { "entities" } }).segments[1].protected)
  end)

  it("uses sift.entities by default when the engine has it", function()
    local a = segments.segment(helpers.read(SEED))
    local entity = false
    for _, s in ipairs(a.segments) do
      for _, p in ipairs(s.protected) do
        entity = entity or p.kind == "entity"
      end
    end
    assert.are.equal(type(sift.entities) == "function", entity)
  end)

  it("takes the headline and the date for the notes", function()
    local a = segments.segment(helpers.read(SEED))
    assert.is_truthy(a.title:find("^Xi Jinping’s instructions"))
    assert.are.equal("25th September 2023", a.date)
    assert.are.equal("2023-09-25", a.iso_date)
    local b = segments.segment("Title\n\nOn March 3, 2021 it rained.", { title = "T", date = "D" })
    assert.are.equal("T", b.title)
    assert.are.equal("D", b.date)
    assert.are.equal("March 3, 2021", segments.segment("Title\n\nOn March 3, 2021 it rained.").date)
    assert.is_nil(segments.segment("No date here.").date)
    -- the first real date counts, whatever its form; "Chapter 5, 2020" is none
    local c = segments.segment("Chapter 5, 2020 notes\n\nFiled on June 7, 2021 and 2021-06-08.")
    assert.are.equal("June 7, 2021", c.date)
    assert.are.equal("2021-06-07", c.iso_date)
  end)

  it("raises on misuse, naming the argument or option", function()
    assert.has_error(function() segments.segment(nil) end, "bad argument #1 to 'segment' (string expected, got nil)")
    assert.has_error(function() segments.segment("x", { colour = 1 }) end,
      "bad argument #2 to 'segment' (unknown option 'colour')")
    assert.has_error(function() segments.segment("x", { id = 3 }) end,
      "bad argument #2 to 'segment' (option 'id' must be a string, got number)")
    assert.has_error(function() segments.segment("x", { protect = { "numbers" } }) end,
      "bad argument #2 to 'segment' (unknown protected kind 'numbers')")
    assert.has_error(function()
      segments.segment("abc def", { sentences = function() return { { i = 5, j = 3 } } end })
    end)
  end)

  it("passes abbreviations to the splitter and the tokenizer, with their classes", function()
    local text = "The Xyz. Board met. Then Cllr. Brown spoke at 5 p.m. today."
    local plain = segments.segment(text)
    local more = segments.segment(text, { abbreviations = { "Xyz", Cllr = "title" } })
    assert.are.equal(#plain.segments - 1, #more.segments)
    assert.are.equal("The Xyz. Board met.", more.segments[1].text)
  end)

  it("rebuilds an article from its segments and gaps, or with translations", function()
    local text = "  Lead line\r\n\r\nOne two.   Three four?\n\tFive!  \n"
    local a = segments.segment(text)
    assert.are.equal(text, segments.rebuild(a))
    local t = segments.rebuild(a, function(s) return "<" .. s.text .. ">" end)
    assert.are.equal("  <Lead line>\r\n\r\n<One two.>   <Three four?>\n\t<Five!>  \n", t)
    local gaps = {}
    for k = 1, #a.segments + 1 do
      gaps[#gaps + 1] = segments.gap(a, k)
    end
    assert.are.same({ "  ", "\r\n\r\n", "   ", "\n\t", "  \n" }, gaps)
  end)
end)

describe("segments on every article of ../shared/data", function()
  it("are lossless: segments and the white space between them rebuild the article byte for byte", function()
    local files = sh.all_articles()
    local n = 0
    for _, file in ipairs(files) do
      local raw = helpers.read(file)
      for _, text in ipairs({ raw, (sift.decode(raw)) }) do
        local a = segments.segment(text, { id = file })
        assert.are.equal(text, segments.rebuild(a), file)
        local pos = 1
        for k, s in ipairs(a.segments) do
          assert.is_truthy(s.i >= pos, file)
          assert.are.equal(s.text, text:sub(s.i, s.j), file)
          local first = s.text:match("^[%z\1-\127\194-\244][\128-\191]*")
          local last = s.text:match("[%z\1-\127\194-\244][\128-\191]*$")
          assert.is_false(blank(first) or blank(last), file)
          local gap = segments.gap(a, k)
          assert.is_true(blank(gap), file .. ": not white space between segments: " .. gap)
          for _, p in ipairs(s.protected) do
            assert.is_truthy(p.i >= s.i and p.j <= s.j, file)
            assert.are.equal(p.text, text:sub(p.i, p.j), file)
          end
          local pieces = {}
          for _, piece in ipairs(segments.pieces(s)) do
            pieces[#pieces + 1] = type(piece) == "string" and piece or piece.text
          end
          assert.are.equal(s.text, table.concat(pieces), file)
          pos = s.j + 1
        end
        assert.is_true(blank(text:sub(pos)), file)
        n = n + 1
      end
    end
    assert.are.equal(2 * 601, n)
  end)
end)
