--- sift.srx: sift's sentence rules as SRX 2.0 (Segmentation Rules eXchange), for CAT tools.
--
-- The rules follow the decisions of the engine's splitter (src/text/sentences.c), in its order: blank
-- lines, list items, titles and references that never end a sentence, other abbreviations,
-- dotted letters and initials that end one only before a word that usually starts a sentence, a
-- terminator followed by a lower-case word, terminators with their closing quotes and brackets,
-- the full-width terminators of Chinese and Japanese, and lines that stand alone. Two of the
-- engine's decisions have no regex: it tells hard-wrapped prose from lines that stand alone by
-- their widths, where these rules end every line that has no final punctuation and is followed by
-- a line that does not start in lower case; and it reads a sentence's first word with its
-- tokenizer. The regexes use the syntax shared by ICU and Java (\p{Lu}, \b, look-ahead), which
-- SRX 2.0 names.
--
-- The abbreviation list and the sentence starters are the engine's: sift.abbreviations() and
-- sift.sentence_starters().
local sift = require "sift"
local xml = require "sift.xml"
local check = require "sift.check"

local srx = {}

local concat, format, sort = table.concat, string.format, table.sort

srx.classes = { "title", "reference", "month", "day", "company", "place", "other" }
local CLASS = {}
for _, c in ipairs(srx.classes) do
  CLASS[c] = true
end

--- The engine's abbreviations as a table word -> class (words without their final full stop).
function srx.builtin_abbreviations()
  local out = {}
  for k, v in pairs(sift.abbreviations()) do
    if type(k) == "string" then
      out[k] = v
    else
      out[v] = "other"
    end
  end
  return out
end

--- The capitalised words that usually start a sentence, after which the engine lets an
-- abbreviation end one: an array.
function srx.sentence_starters()
  return sift.sentence_starters()
end

-- A literal for a regex: the metacharacters of ICU and Java escaped.
local function quote(s)
  return (s:gsub("[%^%$%.|%?%*%+%(%)%[%]{}\\]", "\\%0"))
end

-- An alternation of literals, longest first.
local function alternation(words)
  local list = {}
  for _, w in ipairs(words) do
    list[#list + 1] = w
  end
  sort(list, function(a, b)
    if #a ~= #b then
      return #a > #b
    end
    return a < b
  end)
  for k, w in ipairs(list) do
    list[k] = quote(w)
  end
  return "(?:" .. concat(list, "|") .. ")"
end

local TERMINATORS = "[.!?…‼⁇⁈⁉。！？｡]"
local CLOSERS = "[)\\]}\"'”’»›」』）】〕.!?…。！？｡]"
local OPENERS = "[(\\[{\"'“‘«„¿¡]"
local CJK = "[。！？｡]"
local CJK_CLOSERS = "[」』）】〕”’]"
local LIST_MARKER = "(?:[-*+•‣◦⁃▪■●–—]|\\d{1,3}[.)]|[a-z][.)]|[ivx]{1,4}[.)]|[A-Z]\\)|\\([0-9A-Za-z]{1,4}\\))"

local WRITE_OPTIONS = { abbreviations = "any", builtin = "any", starters = "any" }

--- The SRX 2.0 document. Options: abbreviations (more words, an array, or a table word -> class),
-- builtin (the word -> class table to use instead of the engine's), starters (the array to use
-- instead of the engine's). Returns the text.
function srx.write(opts)
  -- the values are checked below, as they are used
  opts = check.opts("write", 1, opts, WRITE_OPTIONS)
  local abbrevs = opts.builtin or srx.builtin_abbreviations()
  local starters = opts.starters or srx.sentence_starters()
  local merged = {}
  for w, c in pairs(abbrevs) do
    merged[w] = c
  end
  for k, v in pairs(opts.abbreviations or {}) do
    if type(k) == "number" then
      merged[v] = "other"
    else
      merged[k] = v
    end
  end
  local never, sometimes = {}, {}
  for w, c in pairs(merged) do
    if type(w) ~= "string" or w == "" or not CLASS[c] then
      error(format("bad abbreviation %s (class %s)", tostring(w), tostring(c)), 2)
    end
    if c == "title" or c == "reference" then
      never[#never + 1] = w
    else
      sometimes[#sometimes + 1] = w
    end
  end

  -- an abbreviation that may end a sentence (listed, letters between full stops, an initial), with
  -- the closing quotes and brackets after it
  local maybe_end = "(?:\\b" .. alternation(sometimes) .. "|\\b\\p{L}{1,2}(?:\\.\\p{L}{1,2})+|\\b(?!I\\.)\\p{Lu})\\."
    .. CLOSERS .. "*"
  -- a terminator with its closing quotes and brackets, and a closing quote set off by a space
  local ending = TERMINATORS .. "+" .. CLOSERS .. "*(?:[ \\t]+[\"”])?"
  -- a word in lower case; an e-mail address or a URL is not one
  local lower = "(?![^\\s@]+@)(?!www\\.)(?!(?:https?|ftp)://)\\p{Ll}"
  local rules = {
    { "a blank line, a form feed or a paragraph separator always ends a sentence" },
    { true, "\\n[^\\S\\n]*", "\\n" },
    { true, "[\\f\\u2029]", nil },
    { "a list item on the next line starts a sentence" },
    { true, "\\n", "[ \\t]*" .. LIST_MARKER .. "[ \\t]" },
    { "a number or letter with a full stop at the start of a line is a list marker" },
    { false, "(?:^|\\n)[ \\t]*(?:\\d{1,3}|[a-z]|[ivx]{1,4})\\.", "[ \\t]" },
    { "a terminator at the start of a line starts its sentence rather than ending one" },
    { false, "(?:^|\\n)[ \\t]*" .. TERMINATORS .. "+", "\\s" },
    { "a spaced ellipsis is one terminator; a closing quote set off by a space stays" },
    { false, "\\.", "[ \\t]+\\." },
    { false, "[.!?…]", "[ \\t]+[\"”](?:\\s|$)" },
    { "titles and references never end a sentence (Mr. Smith, No. 10, e.g. France)" },
    { false, "\\b" .. alternation(never) .. "\\." .. CLOSERS .. "*", "\\s" },
    { "other abbreviations, dotted letters and initials end one before a word that starts sentences" },
    { true, maybe_end, "\\s+(?:" .. OPENERS .. "+\\p{Lu}|" .. alternation(starters) .. "\\b)" },
    { "... or at the end of a line that the next one does not continue in lower case" },
    { true, maybe_end, "[^\\S\\n]*\\r?\\n[^\\S\\n]*[^\\s\\p{Ll}]" },
    { "... and nowhere else (the U.S. Senate, on Jan. 5, J. K. Rowling)" },
    { false, maybe_end, "\\s" },
    { "a Japanese quotative particle carries a closing quote on into its sentence" },
    { false, CJK .. CJK_CLOSERS .. "+", "(?:と|って)" },
    { "a terminator before a lower-case word is not an end (\"What?\" she asked)" },
    { false, ending, "\\s+" .. OPENERS .. "*" .. lower },
    { "a terminator with its closing quotes and brackets, then white space, ends a sentence" },
    { true, ending, "\\s" },
    { "the full-width terminators of Chinese and Japanese end one with no space after them" },
    { true, CJK .. "+" .. CJK_CLOSERS .. "*", "[^\\s」』）】〕”’。！？｡]" },
    { "a line that ends without punctuation stands alone (a headline, a dateline, a caption) unless the "
      .. "next one starts in lower case" },
    { true, "[^\\s,;(\\[{“‘«-]", "[^\\S\\n]*\\r?\\n[^\\S\\n]*(?!" .. lower .. ")\\S" },
  }

  local out = {
    '<?xml version="1.0" encoding="UTF-8"?>',
    "<!-- The sentence rules of sift " .. xml.text(tostring(sift.version)):gsub("%-%-", "- -")
      .. ", as SRX: what sift segments writes with its srx option. -->",
    '<srx xmlns="http://www.lisa.org/srx20" version="2.0">',
    '  <header segmentsubflows="yes" cascade="no">',
    '    <formathandle type="start" include="no"/>',
    '    <formathandle type="end" include="yes"/>',
    '    <formathandle type="isolated" include="yes"/>',
    "  </header>",
    "  <body>",
    "    <languagerules>",
    '      <languagerule languagerulename="sift">',
  }
  for _, r in ipairs(rules) do
    if #r == 1 then
      out[#out + 1] = "        <!-- " .. xml.text(r[1]):gsub("%-%-", "- -") .. " -->"
    else
      out[#out + 1] = format('        <rule break="%s">', r[1] and "yes" or "no")
      out[#out + 1] = "          <beforebreak>" .. xml.text(r[2]) .. "</beforebreak>"
      if r[3] then
        out[#out + 1] = "          <afterbreak>" .. xml.text(r[3]) .. "</afterbreak>"
      end
      out[#out + 1] = "        </rule>"
    end
  end
  out[#out + 1] = "      </languagerule>"
  out[#out + 1] = "    </languagerules>"
  out[#out + 1] = "    <maprules>"
  out[#out + 1] = '      <languagemap languagepattern=".*" languagerulename="sift"/>'
  out[#out + 1] = "    </maprules>"
  out[#out + 1] = "  </body>"
  out[#out + 1] = "</srx>"
  return concat(out, "\n") .. "\n"
end

return srx
