--- sift: tokenise, tag and segment news text.
-- `require "sift"` loads the C engine (`sift.core`) and returns the public API, listed here by
-- name: the engine's functions below, and what is written in Lua after them. The engine's private
-- functions (its names that start with "_": sift.core._analyse, _rank, _build, ...) stay in
-- sift.core, for sift's own modules.
local core = require "sift.core"
local check = require "sift.check"

local sift = {
  version = core.version, -- the library's version
  unicode_version = core.unicode_version, -- the Unicode version of its tables
  kinds = core.kinds, -- the token kinds, in the engine's order
}

-- The engine's functions, as they are: C functions, whose argument errors Lua words as it words
-- its own libraries' ("bad argument #1 to 'entities'"; given straight to pcall, which has no name
-- for what it calls, 'sift.entities' as for pcall(string.rep) 'string.rep').
sift.tokens            = core.tokens
sift.each_token        = core.each_token
sift.breaks            = core.breaks
sift.stem              = core.stem
sift.fold              = core.fold
sift.shape             = core.shape
sift.to_utf8           = core.to_utf8
sift.from_utf8         = core.from_utf8
sift.detect_encoding   = core.detect_encoding
sift.valid_utf8        = core.valid_utf8
sift.clean_utf8        = core.clean_utf8
sift.sentences         = core.sentences
sift.each_sentence     = core.each_sentence
sift.paragraphs        = core.paragraphs
sift.abbreviations     = core.abbreviations
sift.sentence_starters = core.sentence_starters
sift.entities          = core.entities
sift.entity_index      = core.entity_index
sift.tagger            = core.tagger

--- The kinds of token `sift.tokens` reports, as a set: `sift.kind.word == "word"`.
sift.kind = {}
for _, name in ipairs(core.kinds) do
  sift.kind[name] = name
end

--- Texts of the tokens of `text` (default kinds: word, number, abbrev), in order.
-- `kinds` is a set such as `{word = true, number = true}`.
function sift.words(text, kinds)
  -- checked here: core.each_token would name itself in the message
  check.arg("words", 1, text, "string")
  kinds = check.arg("words", 2, kinds, "?table") or { word = true, number = true, abbrev = true }
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

local DECODE_OPTIONS = { invalid = { "error", "replace", "skip" } } -- those of sift.to_utf8

--- Decodes `bytes` from `encoding` (an iconv name; `nil` or "auto": detected) to UTF-8.
-- Returns the text and the encoding used, or nil, a message and the byte position of the first
-- byte that could not be decoded. A UTF-8 byte order mark is removed.
function sift.decode(bytes, encoding, opts)
  -- all checked here, the options as sift.to_utf8 takes them: it finds nothing wrong to name
  check.arg("decode", 1, bytes, "string")
  check.arg("decode", 2, encoding, "?string")
  check.opts("decode", 3, opts, DECODE_OPTIONS)
  if encoding == nil or encoding == "auto" then
    encoding = core.detect_encoding(bytes)
  end
  local text, err, pos = core.to_utf8(bytes, encoding, opts)
  if not text then
    return nil, err, pos
  end
  if text:sub(1, 3) == "\xEF\xBB\xBF" then
    text = text:sub(4)
  end
  return text, encoding
end

--- The encoding of a web page as a browser finds it (the HTML standard's encoding sniffing): a
-- byte order mark, else `label` (a Content-Type header's charset, when known to the Encoding
-- Standard), else the page's `<meta charset>` or http-equiv declaration, else a guess. Returns
-- {name =, iconv =, source = "bom"|"caller"|"meta"|"xml"|"detected", bom =, i =, j =}: the
-- standard's name ("windows-1252"), the iconv decoder ("CP1252"), where it came from, the byte
-- order mark's length, and for a declaration the bytes of its label in the page. `declared` is
-- set when the label or declaration named a legacy encoding but the bytes are well-formed UTF-8
-- with non-ASCII in them: they are read as UTF-8, unlike a browser, which would show mojibake.
function sift.page_encoding(page, label)
  check.arg("page_encoding", 1, page, "string")
  check.arg("page_encoding", 2, label, "?string")
  local name, iconv, source, bom, declared, i, j = core._sniff_html(page, label)
  return { name = name, iconv = iconv, source = source, bom = bom, declared = declared, i = i, j = j }
end

local DECODE_PAGE_OPTIONS = { encoding = "string" }

--- Decodes a web page to UTF-8 in the encoding `sift.page_encoding` finds (`opts.encoding`: the
-- transport layer's label). Bytes that encoding cannot decode become U+FFFD, as in a browser, and
-- a warning says how many and where the first was: a page never fails for them. Returns the
-- text (without its byte order mark) and the encoding's table, with `warnings` (an array of
-- strings) added; nil and a message only when this machine's iconv lacks the decoder.
function sift.decode_page(page, opts)
  check.arg("decode_page", 1, page, "string")
  opts = check.opts("decode_page", 2, opts, DECODE_PAGE_OPTIONS)
  local enc = sift.page_encoding(page, opts.encoding)
  enc.warnings = {}
  local text, nbad, first
  if enc.name == "utf-8" and core.valid_utf8(page) then
    text, nbad = page, 0 -- the page itself, not a copy: a large page is in memory once
  else
    text, nbad, first = core.to_utf8(page, enc.iconv, { invalid = "replace" })
  end
  if not text then -- only an iconv without a decoder it had when the tables were generated
    return nil, nbad
  end
  if enc.declared then
    enc.warnings[#enc.warnings + 1] = ("the page says %s, but its bytes are UTF-8: read as UTF-8")
      :format(enc.declared)
  end
  if nbad > 0 then
    enc.warnings[#enc.warnings + 1] = ("%d %s could not be decoded as %s (the first at byte %d): each became U+FFFD")
      :format(nbad, nbad == 1 and "sequence" or "sequences", enc.name, first)
  end
  if enc.bom > 0 and text:sub(1, 3) == "\xEF\xBB\xBF" then -- the mark, decoded to U+FEFF
    text = text:sub(4)
  end
  return text, enc
end

local EXTRACT_OPTIONS = {
  encoding = "string",
  scope = { "article", "page" },
  tables = "boolean",
  comments = "boolean",
  url = "string",
}

--- The main article of a web page (`page`: its bytes, in any encoding; decoded by sift.decode_page
-- with `opts.encoding`). Returns {text =, title =, blocks = {{kind =, level =, text =, i =, j =,
-- src_i =, src_j =}, ...}, warnings =}: the article's blocks in reading order (kind "heading",
-- "paragraph", "list_item", "quote", "caption", "table_row" or "code"; i, j the block's bytes in
-- `text`, src_i, src_j its bytes in the page as decoded to UTF-8), `text` the blocks joined by a
-- blank line. A page without an article gives text = "", no blocks and a warning. opts: encoding,
-- scope = "article" (default) or "page" (every visible block of the page), tables (default true:
-- a data table's rows are blocks), comments (default false: comment sections are removed), url
-- (the address the page came from, an absolute URL: the page's relative links, its canonical
-- `url` and `image`, are resolved against it and its <base href>, and it is the `url` of a page
-- that names none).
function sift.extract(page, opts)
  check.arg("extract", 1, page, "string")
  opts = check.opts("extract", 2, opts, EXTRACT_OPTIONS)
  local url = require "sift.url"
  if opts.url and not url.is_absolute(opts.url) then
    check.fail("extract", 2,
      ("option 'url' must be an absolute URL (with a scheme), got %q"):format(opts.url:sub(1, 60)))
  end
  local text, enc = sift.decode_page(page, { encoding = opts.encoding })
  if not text then
    error(("cannot decode the page: %s"):format(tostring(enc)), 2)
  end
  local tables = opts.tables
  if tables == nil then
    tables = true
  end
  local art = core.extract(text,
    { scope = opts.scope, tables = tables, comments = opts.comments == true, meta = true })
  local warnings = {}
  for _, w in ipairs(enc.warnings) do
    warnings[#warnings + 1] = w
  end
  for _, w in ipairs(art.warnings) do
    warnings[#warnings + 1] = w
  end
  if not art.found or #art.blocks == 0 then
    art.text, art.blocks = "", {}
    warnings[#warnings + 1] = "no article found in the page"
  end
  art.found = nil
  art.warnings = warnings
  art.encoding = enc.name
  -- The page's metadata (title, byline, authors, date, lang, site, url, ...: src/extract/meta.c,
  -- from the same parse as the article, src/lua/meta.c) fills and overrides the fields here; the
  -- engine's own title (og:title, <title>, <h1>) stands without it.
  if art.title == "" then
    art.title = nil
  end
  local meta = art.meta
  art.meta = nil
  -- a title from the page's <title> alone is the weakest: the engine's headline (the <title>
  -- against the page's <h1>, its site part cut) stays when it has one
  local keep_title = art.title and meta.sources and meta.sources.title == "document"
  for k, v in pairs(meta) do
    if k ~= "text" and k ~= "blocks" and k ~= "warnings" and k ~= "base" and not (k == "title" and keep_title) then
      art[k] = v
    end
  end
  if meta.sources then
    meta.sources.base = nil
  end
  -- the page's links are resolved against its base URL: its <base href> resolved against the
  -- address it came from (the HTML standard's document base URL), or that address, or an
  -- absolute <base href> alone
  local base = opts.url
  if meta.base then
    if base then
      base = url.resolve(base, meta.base) or base
    elseif url.is_absolute(meta.base) then
      base = meta.base
    end
  end
  if base then
    art.url = art.url and url.resolve(base, art.url) or opts.url
    art.image = art.image and url.resolve(base, art.image)
  end
  return art
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

local MERGE_OPTIONS = { fuzzy = "any", id = "any", name = "any", abbreviations = "any" }

--- Puts a translated XLIFF 2.0, XLIFF 1.2 or PO file (its text) back into the article `text`.
-- Returns the translated article and a report, or nil, a message and (for a malformed file) the
-- line number. See sift.merge.
function sift.merge_translation(text, translation, opts)
  local merge = require "sift.merge"
  -- each by its name: a loop over {text, translation} never sees a nil text, which then passed
  check.arg("merge_translation", 1, text, "string")
  check.arg("merge_translation", 2, translation, "string")
  -- the values are checked by merge.read and merge.apply
  opts = check.opts("merge_translation", 3, opts, MERGE_OPTIONS)
  local t, err, line = merge.read(translation, { fuzzy = opts.fuzzy })
  if not t then
    return nil, err, line
  end
  return merge.apply(text, t, { id = opts.id, name = opts.name, abbreviations = opts.abbreviations })
end

--- A web page's translatable texts as segments, its markup kept as codes; see sift.page.segment.
function sift.segment_page(html, opts)
  local page = require "sift.page"
  check.arg("segment_page", 1, html, "string")
  check.opts("segment_page", 2, opts, page.SEGMENT_OPTIONS)
  return page.segment(html, opts)
end

--- A translated XLIFF 2.0, XLIFF 1.2 or PO file (its text) written into the web page `html`:
-- returns the page's bytes and a report, or nil, a message and the line. See sift.page.merge.
function sift.merge_page(html, translation, opts)
  local page = require "sift.page"
  check.arg("merge_page", 1, html, "string")
  check.arg("merge_page", 2, translation, "string")
  opts = check.opts("merge_page", 3, opts, page.MERGE_OPTIONS)
  local t, err, line = require("sift.merge").read(translation, { fuzzy = opts.fuzzy, codes = true })
  if not t then
    return nil, err, line
  end
  return page.merge(html, t, opts)
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
