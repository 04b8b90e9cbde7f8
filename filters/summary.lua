-- filters/summary.lua - `sift summary`: extractive summaries of articles.
-- Also a script (`lua5.4 filters/summary.lua FILE...`), the module sift.filters.summary and a
-- pandoc Lua filter (`pandoc article.docx -L filters/summary.lua -o out.md`).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local sift = require "sift"
local cli = require "sift.cli"

local M = {
  name = "summary",
  summary = "extractive summaries: the sentences that say most of each article, in article order",
  description = [[
Summarises each input with the sentences of its body that rank highest: central to the article
(TextRank over sentence similarity), early in it, close to its headline, rich in its keywords and
entities. The headline, captions and dateline are used as signals but never printed as summary
sentences. Sentences come out in the order of the article.

  --format text      (default) "==> FILE <==", then one sentence a line
  --format markdown  a heading (the headline) and the sentences as a paragraph
  --format json      JSON Lines: {"file", "id", "title", "date", "summary": [{"text", "i", "j",
                     "score", "paragraph"}]}, offsets 1-based and inclusive in the input's text
  --format tsv       FILE<TAB>N<TAB>I<TAB>J<TAB>SCORE<TAB>SENTENCE, N counting from 1

As a pandoc filter it puts the summary first in the document (a div of class "summary") and in
the metadata field `summary`; -M summary-sentences=N or -M summary-ratio=R sets the length.]],
  options = {
    cli.GAZETTEER_OPTION,
    { name = "format", short = "f", arg = "FORMAT", choices = { "text", "markdown", "json", "tsv" },
      default = "text", help = "output format" },
    { name = "sentences", short = "n", arg = "N", number = true, whole = true,
      help = "sentences per summary (default 3)" },
    { name = "ratio", short = "r", arg = "R", number = true, above = 0, max = 1,
      help = "or this fraction of each article's sentences, 0 to 1" },
  },
}

function M.check(opts)
  if opts.sentences and opts.ratio then
    return nil, "options '--sentences' and '--ratio' exclude each other"
  end
  local tag, err = cli.entity_tagger(opts)
  if not tag then
    return nil, err
  end
  opts.tag = tag
  return true
end

local function summarize(doc, opts)
  local title = doc.title
  local sopts = { sentences = opts.sentences, ratio = opts.ratio, entities = opts.tag and opts.tag(doc.text) }
  if title and not doc.text:find(title, 1, true) then
    sopts.headline = title
  end
  return sift.summarize(doc.text, sopts)
end

local WRITERS = {
  text = function(out, doc, list)
    out:write("==> ", cli.quote_name(doc.name), " <==\n")
    for _, s in ipairs(list) do
      out:write((s.text:gsub("%s+", " ")), "\n")
    end
    out:write("\n")
  end,
  markdown = function(out, doc, list)
    out:write("## ", cli.md_cell(doc.title ~= "" and doc.title or doc.name), "\n\n")
    local t = {}
    for n, s in ipairs(list) do
      t[n] = s.text:gsub("%s+", " ")
    end
    out:write(table.concat(t, " "), "\n\n")
  end,
  json = function(out, doc, list)
    local encode = cli.json.encode
    local parts = {}
    for n, s in ipairs(list) do
      parts[n] = ('{"text":%s,"i":%d,"j":%d,"score":%.4f,"paragraph":%d}'):format(encode(s.text), s.i, s.j,
        s.score, s.paragraph)
    end
    -- the date of a JSON Lines article, or the one its dateline gives
    local date = doc.date or require("sift.article").parse(doc.text).date
    out:write('{"file":', encode(doc.name), ',"id":', encode(tostring(doc.id)), ',"title":',
      doc.title and encode(doc.title) or "null", ',"date":', date and encode(date) or "null",
      ',"summary":[', table.concat(parts, ","), "]}\n")
  end,
  tsv = function(out, doc, list)
    local name = cli.tsv(doc.name)
    for n, s in ipairs(list) do
      out:write(name, "\t", n, "\t", s.i, "\t", s.j, "\t", ("%.4f"):format(s.score), "\t", cli.tsv(s.text), "\n")
    end
  end,
}

function M.document(doc, opts, out)
  WRITERS[opts.format](out, doc, summarize(doc, opts))
end

-- Pandoc: the summary goes first in the document, as a div of class "summary" holding a
-- "Summary" line and the sentences as a list, and to the metadata field `summary` (a list of
-- strings).
function M.pandoc()
  local pandoc = rawget(_G, "pandoc")
  local sp = require "sift.pandoc"
  local function inlines(s)
    local out = {}
    for word in s:gmatch("%S+") do
      if #out > 0 then
        out[#out + 1] = pandoc.Space()
      end
      out[#out + 1] = pandoc.Str(word)
    end
    return out
  end
  return { {
    Pandoc = function(doc)
      local text = sp.text(doc)
      -- checked as the command line checks --sentences and --ratio
      local n = sp.meta_number(doc.meta, "summary-sentences", cli.option(M, "sentences"))
      local ratio = sp.meta_number(doc.meta, "summary-ratio", cli.option(M, "ratio"))
      local list = sift.summarize(text, { sentences = not ratio and n or nil, ratio = ratio })
      local items, meta = {}, {}
      for k, s in ipairs(list) do
        local sentence = s.text:gsub("%s+", " ")
        items[k] = { pandoc.Plain(inlines(sentence)) }
        meta[k] = pandoc.MetaString(sentence)
      end
      doc.meta.summary = pandoc.MetaList(meta)
      if #items > 0 then
        local div = pandoc.Div({ pandoc.Para({ pandoc.Strong({ pandoc.Str("Summary") }) }), pandoc.BulletList(items) },
          pandoc.Attr("", { "summary" }))
        table.insert(doc.blocks, 1, div)
      end
      return doc
    end,
  } }
end

return cli.entry(M, ...)
