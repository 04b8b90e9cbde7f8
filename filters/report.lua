-- filters/report.lua - `sift report`: one page on a set of articles - summaries, keywords,
-- entities and charts - as self-contained HTML or as Markdown.
-- Also a script (`lua5.4 filters/report.lua FILE...`) and the module sift.filters.report.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local cli = require "sift.cli"
local report = require "sift.report"

local M = {
  name = "report",
  summary = "a report on a set of articles: summaries, keywords, entities, charts (HTML or Markdown)",
  description = [[
Writes one report on all the inputs together: for each article its headline, date, a summary, its
top keywords and entities; for the whole set, charts of the top keywords, of the entity mentions
by type and, when the articles carry dates (a dateline such as "14th May 2025 - (Port Calloway)",
or a "date" field in JSON Lines), of the top keywords over time.

  --format html      (default) one self-contained HTML page: inline CSS and SVG charts, no
                     scripts, nothing fetched from elsewhere
  --format md        Markdown, with tables where the page has charts

Write it to a file with --output FILE or with the shell: sift report --output news.html news/]],
  options = {
    cli.GAZETTEER_OPTION,
    { name = "format", short = "f", arg = "FORMAT", choices = { "html", "md" }, default = "html",
      help = "output format" },
    { name = "title", short = "t", arg = "TITLE", default = "News report", help = "the report's title" },
    { name = "top", short = "n", arg = "N", number = true, whole = true, default = 10,
      help = "keywords and entities shown" },
    { name = "sentences", arg = "N", number = true, whole = true, default = 3, help = "sentences per summary" },
    { name = "output", short = "o", arg = "FILE", help = "write the report to FILE rather than standard output" },
  },
}

function M.check(opts)
  if opts.output then
    -- opened now, so that a path that cannot be written is bad usage, found before any reading;
    -- written to a temporary file renamed into place at the end, so a failed run leaves no part
    local f, err = cli.file_output(opts.output)
    if not f then
      return nil, "--output: " .. err
    end
    opts.output_file = f
  end
  local tag, err = cli.entity_tagger(opts)
  if not tag then
    return nil, err
  end
  opts.report = report.new({ title = opts.title, top = opts.top, sentences = opts.sentences, entities = tag })
  return true
end

function M.document(doc, opts)
  local a = doc.article or {}
  opts.report:add({ text = doc.text, title = doc.title, date = doc.date, name = cli.quote_name(doc.name), id = doc.id,
    byline = a.byline, site = a.site })
end

function M.finish(opts, out)
  local page = opts.format == "md" and opts.report:markdown() or opts.report:html()
  if opts.output_file then
    opts.output_file:write(page)
    opts.output_file:commit()
  else
    out:write(page)
  end
end

return cli.entry(M, ...)
