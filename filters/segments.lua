-- filters/segments.lua - `sift segments`: articles as translation units for CAT tools and MT.
-- Also a script (`lua5.4 filters/segments.lua FILE...`) and the module sift.filters.segments.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local cli = require "sift.cli"
local segments = require "sift.segments"

local M = {
  name = "segments",
  summary = "cut articles into translation segments: XLIFF 2.0, XLIFF 1.2, PO, TMX or JSON Lines",
  description = [[
Writes one translation unit per paragraph and one segment per sentence, all the inputs in one
document (in XLIFF, a <file> per article). Numbers, URLs, e-mail addresses, @handles, #hashtags
and, when the engine tags entities, names are protected: XLIFF 2.0 marks them <mrk translate="no">
(or <ph> with --inline ph), XLIFF 1.2 <mrk mtype="protected">, TMX <hi type="x-protected">, and PO
lists them in a "#." comment. Notes carry each article's headline and date.

A segment's id is a hash of the article's id (its file name as given, or the "id" of a JSON Lines
record) and of the sentence's text, so an edited article exported again keeps the ids of the
sentences that did not change; `sift merge` puts the translations back by these ids.

A web page (HTML input) gives the page's own texts with their inline markup (links, emphasis,
<br>, images, ...) kept as codes that the translator moves but never edits: XLIFF 2.0 <pc>, <sc>/<ec>
and <ph> with the page's tags in <originalData>, XLIFF 1.2 <g>, <bx>/<ex> and <x>, TMX <bpt>/<ept>,
<it> and <ph>, PO placeholders {1}...{/1} and {2/} explained in "#." comments. --scope article (the
default) takes the article with the page's <title> and description; --scope page every text of the
page, attributes (alt, title, placeholder, aria-label, ...) and <meta> descriptions included.
Scripts, styles, code and what is marked translate="no" are never offered. `sift merge` writes the
translation back into the page.

Characters that XML 1.0 forbids (control characters other than tab, LF and CR, U+FFFE, U+FFFF) are
removed from XML and PO output, each with a warning on stderr that gives its place.

--srx writes the segmentation rules as SRX 2.0 instead, so that a CAT tool cuts new text the way
sift does; no input is read.]],
  options = {
    cli.GAZETTEER_OPTION,
    { name = "format", short = "f", arg = "FORMAT", choices = segments.formats, default = "xliff2",
      help = "output format" },
    { name = "source-lang", arg = "LANG", default = "en", help = "language of the articles (a BCP 47 tag)" },
    { name = "target-lang", arg = "LANG", help = "language of the translation (a BCP 47 tag)" },
    { name = "protect", arg = "LIST", default = table.concat(segments.default_protect, ","),
      help = "what translators must leave alone: token kinds (number, url, email, mention, hashtag), "
        .. "entity types (PERSON, ORG, ...), entities (every kind of name), or none" },
    { name = "inline", arg = "HOW", choices = { "mrk", "ph" }, default = "mrk",
      help = "how XLIFF 2.0 marks protected text: <mrk translate=\"no\"> or <ph> with the text as original data" },
    { name = "abbreviation", arg = "WORD", multi = true,
      help = "one more abbreviation that keeps its full stop, written without it (repeatable)" },
    { name = "scope", arg = "SCOPE", choices = { "article", "page" }, default = "article",
      help = "of a web page: the article with its title and description, or every text of the page "
        .. "(menus, attributes, <title>, <meta>); --whole-page is --scope page" },
    { name = "srx", help = "write the segmentation rules as SRX 2.0 and exit" },
  },
}

local function protect_list(s)
  local list = {}
  for item in s:gmatch("[^,%s]+") do
    list[#list + 1] = item
  end
  return list
end

function M.check(opts)
  for _, name in ipairs({ "source_lang", "target_lang" }) do
    local v = opts[name]
    if v and not segments.valid_lang(v) then
      return nil, ("option '--%s' takes a language tag such as en or pt-BR, not '%s'"):format(name:gsub("_", "-"), v)
    end
  end
  local ok, err = pcall(segments.segment, "", { protect = protect_list(opts.protect) })
  if not ok then
    return nil, "option '--protect': " .. tostring(err):match("%((.*)%)$")
  end
  local tag, terr = cli.entity_tagger(opts)
  if not tag then
    return nil, terr
  end
  opts.tag = tag
  return true
end

-- The run's state: the writer, opened on the first document (or at the end when there is none),
-- and the article ids seen, so that the same file given twice still gets ids of its own.
local run

local function writer(opts, out)
  if not run.writer then
    run.writer = segments.writer(out, opts.format, {
      source_lang = opts.source_lang, target_lang = opts.target_lang, inline = opts.inline,
      warn = function(message)
        io.stderr:write(run.prog, ": ", message, "\n")
      end,
    })
  end
  return run.writer
end

function M.document(doc, opts, out)
  local id = doc.id
  if run.ids[id] then
    local k = run.ids[id] + 1
    while run.ids[id .. "#" .. k] do
      k = k + 1
    end
    run.ids[doc.id] = k
    id = id .. "#" .. k
  end
  run.ids[id] = 1
  local article
  if doc.html then
    -- a web page: its texts with their markup as codes, for `sift merge` to write into the page
    article = require("sift.page").segment(doc.html, {
      id = id, scope = opts.whole_page and "page" or opts.scope, encoding = doc.label, date = doc.date,
      protect = protect_list(opts.protect), entities = opts.tag,
      abbreviations = #opts.abbreviation > 0 and opts.abbreviation or nil,
    })
  else
    article = segments.segment(doc.text, {
      id = id, title = doc.title, date = doc.date, protect = protect_list(opts.protect), entities = opts.tag,
      abbreviations = #opts.abbreviation > 0 and opts.abbreviation or nil,
    })
  end
  writer(opts, out):add(article)
end

function M.finish(opts, out)
  writer(opts, out):close()
end

-- Pandoc: the document (a .docx, Markdown, ...) as pandoc writes it in HTML goes through the
-- web-page segmentation (scope page), so that emphasis, links, code and notes stay inline codes;
-- the segments file goes to the metadata field segments-output (required: pandoc's own output is
-- the document, passed through unchanged), in segments-format (default xliff2), with source-lang
-- and target-lang as the options.
function M.pandoc()
  local pandoc = rawget(_G, "pandoc")
  local sp = require "sift.pandoc"
  return { {
    Pandoc = function(doc)
      local output = sp.meta_string(doc.meta["segments-output"])
      if not output or output == "" then
        error("sift segments: give the segments file with -M segments-output=FILE", 0)
      end
      local fmt = sp.meta_string(doc.meta["segments-format"]) or "xliff2"
      local ok_fmt = false
      for _, f in ipairs(segments.formats) do
        ok_fmt = ok_fmt or f == fmt
      end
      if not ok_fmt then
        error(("sift segments: metadata field 'segments-format' takes one of %s, not '%s'")
          :format(table.concat(segments.formats, ", "), fmt), 0)
      end
      local opts = { source_lang = sp.meta_string(doc.meta["source-lang"]) or "en",
        target_lang = sp.meta_string(doc.meta["target-lang"]) }
      for _, name in ipairs({ "source_lang", "target_lang" }) do
        if opts[name] and not segments.valid_lang(opts[name]) then
          error(("sift segments: metadata field '%s' takes a language tag, not '%s'"):format(name:gsub("_", "-"),
            opts[name]), 0)
        end
      end
      local title = sp.meta_string(doc.meta.title)
      local html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
        .. (title or ""):gsub("&", "&amp;"):gsub("<", "&lt;") .. "</title></head><body>\n"
        .. pandoc.write(pandoc.Pandoc(doc.blocks), "html") .. "\n</body></html>\n"
      local state = rawget(_G, "PANDOC_STATE")
      local input = state and state.input_files and state.input_files[1] or "document"
      local article = require("sift.page").segment(html, { id = input, scope = "page" })
      local text, warnings = segments.write(article, fmt, opts)
      for _, w in ipairs(warnings) do
        io.stderr:write("sift segments: ", w, "\n")
      end
      local f, err = io.open(output, "wb")
      if not f then
        error("sift segments: " .. tostring(err), 0)
      end
      f:write(text)
      f:close()
      return doc
    end,
  } }
end

function M.main(args, prog)
  prog = prog or "sift segments"
  run = { ids = {}, prog = prog }
  local opts = cli.parse(M, args or {})
  if opts and opts.srx and not opts.help then
    local ok, err = M.check(opts)
    if not ok then
      io.stderr:write(prog, ": ", err, "\n")
      return 2
    end
    local srx = require "sift.srx"
    return cli.print(prog, srx.write({ abbreviations = #opts.abbreviation > 0 and opts.abbreviation or nil }))
  end
  return cli.main(M, args, prog)
end

return cli.entry(M, ...)
