--- sift: tokenise, tag and segment news text.
-- `require "sift"` loads the C engine (`sift.core`) and returns the public API. The engine's
-- functions are exposed as they are; what is written in Lua is added here.
local core = require "sift.core"

local sift = {}
for name, value in pairs(core) do
  sift[name] = value
end

--- The kinds of token `sift.tokens` reports, as a set: `sift.kind.word == "word"`.
sift.kind = {}
for _, name in ipairs(core.kinds) do
  sift.kind[name] = name
end

--- Texts of the tokens of `text` (default kinds: word, number, abbrev), in order.
-- `kinds` is a set such as `{word = true, number = true}`.
function sift.words(text, kinds)
  -- checked here: core.each_token would name itself in the message
  if type(text) ~= "string" then
    error("bad argument #1 to 'words' (string expected, got " .. type(text) .. ")", 2)
  end
  kinds = kinds or { word = true, number = true, abbrev = true }
  if type(kinds) ~= "table" then
    error("bad argument #2 to 'words' (table expected, got " .. type(kinds) .. ")", 2)
  end
  local out, n = {}, 0
  local sub = string.sub
  for i, j, kind in core.each_token(text) do
    if kinds[kind] then
      n = n + 1
      out[n] = sub(text, i, j)
    end
  end
  return out
end

--- Decodes `bytes` from `encoding` (an iconv name; `nil` or "auto": detected) to UTF-8.
-- Returns the text and the encoding used, or nil, a message and the byte position of the first
-- byte that could not be decoded. A UTF-8 byte order mark is removed.
function sift.decode(bytes, encoding, opts)
  if type(bytes) ~= "string" then
    error("bad argument #1 to 'decode' (string expected, got " .. type(bytes) .. ")", 2)
  end
  if encoding ~= nil and type(encoding) ~= "string" then
    error("bad argument #2 to 'decode' (string expected, got " .. type(encoding) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #3 to 'decode' (table expected, got " .. type(opts) .. ")", 2)
  end
  if encoding == nil or encoding == "auto" then
    encoding = core.detect_encoding(bytes)
  end
  -- core.to_utf8 checks the options, and its messages name it ('to_utf8', or 'sift.to_utf8' when
  -- Lua finds the name in the loaded modules): they are given as decode's (the arguments are the
  -- same, in the same places)
  local ok, text, err, pos = pcall(core.to_utf8, bytes, encoding, opts)
  if not ok then
    local renamed, n = tostring(text):gsub("^bad argument (#%d+) to '[^']*'", "bad argument %1 to 'decode'")
    if n == 0 then
      error(text, 0)
    end
    error(renamed, 2)
  end
  if not text then
    return nil, err, pos
  end
  if text:sub(1, 3) == "\xEF\xBB\xBF" then
    text = text:sub(4)
  end
  return text, encoding
end

-- Translation segments (sift.segments, sift.merge). Loaded on first use: those modules require
-- this one.

--- Cuts an article into translation units and segments; see sift.segments.segment.
function sift.segment(text, opts)
  return require("sift.segments").segment(text, opts)
end

--- Writes articles from sift.segment as "xliff2", "xliff12", "po", "tmx" or "jsonl"; returns the
-- text and an array of warnings. See sift.segments.write.
function sift.write_segments(articles, format, opts)
  return require("sift.segments").write_as("write_segments", articles, format, opts)
end

--- Puts a translated XLIFF 2.0, XLIFF 1.2 or PO file (its text) back into the article `text`.
-- Returns the translated article and a report, or nil, a message and (for a malformed file) the
-- line number. See sift.merge.
function sift.merge_translation(text, translation, opts)
  local merge = require "sift.merge"
  -- each by its name: a loop over {text, translation} never sees a nil text, which then passed
  if type(text) ~= "string" then
    error("bad argument #1 to 'merge_translation' (string expected, got " .. type(text) .. ")", 2)
  end
  if type(translation) ~= "string" then
    error("bad argument #2 to 'merge_translation' (string expected, got " .. type(translation) .. ")", 2)
  end
  opts = opts or {}
  if type(opts) ~= "table" then
    error("bad argument #3 to 'merge_translation' (table expected, got " .. type(opts) .. ")", 2)
  end
  for name in pairs(opts) do
    if name ~= "fuzzy" and name ~= "id" and name ~= "name" and name ~= "abbreviations" then
      error("bad argument #3 to 'merge_translation' (unknown option '" .. tostring(name) .. "')", 2)
    end
  end
  local t, err, line = merge.read(translation, { fuzzy = opts.fuzzy })
  if not t then
    return nil, err, line
  end
  return merge.apply(text, t, { id = opts.id, name = opts.name, abbreviations = opts.abbreviations })
end

-- Keywords and summaries (sift.keywords, sift.summary). Loaded on first use: those modules use
-- this one.

--- Keyword counts of a text, or of an array of articles; see sift.keywords.keywords.
function sift.keywords(text_or_articles, opts)
  return require("sift.keywords").keywords(text_or_articles, opts)
end

--- An extractive summary of a news article; see sift.summary.summarize.
function sift.summarize(text, opts)
  return require("sift.summary").summarize(text, opts)
end

return sift
