-- filters/keywords.lua - `sift keywords`: keyword counts per article and for the whole set.
-- Also a script (`lua5.4 filters/keywords.lua FILE...`), the module sift.filters.keywords and a
-- pandoc Lua filter (`pandoc -L filters/keywords.lua`: the keywords go to the metadata).
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local sift = require "sift"
local cli = require "sift.cli"
local keywords = require "sift.keywords"

local M = {
  name = "keywords",
  summary = "keyword counts per article and over all of them: terms, key phrases, entities, TF-IDF",
  description = [[
Counts the keywords of each input and of all of them together. Words are case-folded, stop words
left out, inflections grouped (Porter stems) and British and American spellings grouped, each
shown by its most frequent form; runs of words that recur, and names ("Central Military
Commission"), count as key phrases. With more than one article, a keyword's score in an article
is weighed by its inverse document frequency over the set (TF-IDF), and the set's own top list
follows the articles'.

  --format text      (default) an indented list per article, then the set's
  --format tsv       SCOPE<TAB>RANK<TAB>KEYWORD<TAB>COUNT<TAB>DF<TAB>SCORE, SCOPE the input's
                     name or * for the whole set; DF is the number of articles holding it
  --format csv       the same columns as CSV, with a header line
  --format json      JSON Lines: one {"file", "id", "title", "date", "keywords": [{"term",
                     "count", "score", "words"}], "entities": [{"canonical", "type", "count"}]}
                     per article, then {"scope": "all", "documents", "keywords": [... "df" ...]}
  --format markdown  a table per article and one for the set

Entities (counted by canonical name) are listed when sift's entity tagger is built in; --no-entities
leaves them out. --stopwords FILE replaces the built-in English stop words with the words of FILE
(one or more a line; # starts a comment).]],
  options = {
    cli.GAZETTEER_OPTION,
    { name = "format", short = "f", arg = "FORMAT", choices = { "text", "tsv", "csv", "json", "markdown" },
      default = "text", help = "output format" },
    { name = "top", short = "n", arg = "N", number = true, whole = true, default = 10,
      help = "keywords per article and for the set" },
    { name = "scope", arg = "SCOPE", choices = { "both", "articles", "all" }, default = "both",
      help = "per article, for the whole set, or both" },
    { name = "no-phrases", help = "single words only, no key phrases" },
    { name = "no-entities", help = "do not count entities" },
    { name = "stopwords", arg = "FILE", help = "read the stop words from FILE instead of the built-in list" },
  },
}

-- Reads a stop word file: words separated by white space, # to the end of a line is a comment.
local function read_stopwords(path)
  local f, err = io.open(path, "rb")
  if not f then
    return nil, err
  end
  local words = {}
  for line in f:lines() do
    for w in line:gsub("#.*", ""):gmatch("%S+") do
      words[#words + 1] = w
    end
  end
  f:close()
  return words
end

function M.check(opts)
  local kopts = { top = opts.top, phrases = not opts.no_phrases }
  if opts.no_entities then
    kopts.entities = false
  end
  if opts.stopwords then
    local words, err = read_stopwords(opts.stopwords)
    if not words then
      return nil, "--stopwords: " .. err
    end
    kopts.stopwords = words
  end
  opts.collector = keywords.collector(kopts)
  opts.names = {}
  local tag, err = cli.entity_tagger(opts)
  if not tag then
    return nil, err
  end
  opts.tag = tag
  return true
end

function M.document(doc, opts)
  local ents = not opts.no_entities and opts.tag and opts.tag(doc.text) or nil
  opts.collector:add({ text = doc.text, id = doc.id, title = doc.title, date = doc.date, entities = ents })
  opts.names[#opts.names + 1] = doc.name
end

local function fmt_score(x)
  return ("%.3f"):format(x)
end

local WRITERS = {}

function WRITERS.text(out, result, opts)
  if opts.scope ~= "all" then
    for n, a in ipairs(result.articles) do
      out:write(cli.quote_name(opts.names[n]), a.title and (": " .. a.title) or "", "\n")
      for r, e in ipairs(a.keywords) do
        out:write(("  %2d. %-36s %4d\n"):format(r, e.term, e.count))
      end
      if a.keywords.entities and #a.keywords.entities > 0 then
        out:write("  entities:\n")
        for r, e in ipairs(a.keywords.entities) do
          if r > opts.top then
            break
          end
          out:write(("      %-8s %-28s %4d\n"):format(e.type or "", e.canonical, e.count))
        end
      end
      out:write("\n")
    end
  end
  if opts.scope ~= "articles" and (result.documents > 1 or opts.scope == "all") then
    out:write(("all %d articles\n"):format(result.documents))
    for r, t in ipairs(result.top) do
      out:write(("  %2d. %-36s %4d  in %d\n"):format(r, t.term, t.count, t.df))
    end
  end
end

local function rows(result, opts)
  local list = {}
  if opts.scope ~= "all" then
    for n, a in ipairs(result.articles) do
      for r, e in ipairs(a.keywords) do
        list[#list + 1] = { opts.names[n], r, e.term, e.count, result.df[e.key] or 1, fmt_score(e.score) }
      end
    end
  end
  if opts.scope ~= "articles" and (result.documents > 1 or opts.scope == "all") then
    for r, t in ipairs(result.top) do
      list[#list + 1] = { "*", r, t.term, t.count, t.df, fmt_score(t.score) }
    end
  end
  return list
end

function WRITERS.tsv(out, result, opts)
  for _, row in ipairs(rows(result, opts)) do
    for k = 1, #row do
      row[k] = cli.tsv(row[k])
    end
    out:write(table.concat(row, "\t"), "\n")
  end
end

function WRITERS.csv(out, result, opts)
  out:write("scope,rank,keyword,count,df,score\n")
  for _, row in ipairs(rows(result, opts)) do
    for k = 1, #row do
      row[k] = cli.csv(row[k])
    end
    out:write(table.concat(row, ","), "\n")
  end
end

function WRITERS.json(out, result, opts)
  local encode = cli.json.encode
  local function list_of(entries, with_df)
    local parts = {}
    for r, e in ipairs(entries) do
      parts[r] = ('{"term":%s,"count":%d,"score":%s,"words":%d%s}'):format(encode(e.term), e.count,
        fmt_score(e.score), e.words, with_df and (',"df":' .. e.df) or "")
    end
    return "[" .. table.concat(parts, ",") .. "]"
  end
  if opts.scope ~= "all" then
    for n, a in ipairs(result.articles) do
      local ents = {}
      for r, e in ipairs(a.keywords.entities or {}) do
        ents[r] = ('{"canonical":%s,"type":%s,"count":%d}'):format(encode(e.canonical), encode(e.type or ""),
          e.count)
      end
      out:write('{"file":', encode(opts.names[n]), ',"id":', encode(tostring(a.id)), ',"title":',
        a.title and encode(a.title) or "null", ',"date":', a.date and encode(a.date) or "null",
        ',"keywords":', list_of(a.keywords), ',"entities":[', table.concat(ents, ","), "]}\n")
    end
  end
  if opts.scope ~= "articles" and (result.documents > 1 or opts.scope == "all") then
    out:write('{"scope":"all","documents":', result.documents, ',"keywords":', list_of(result.top, true), "}\n")
  end
end

function WRITERS.markdown(out, result, opts)
  if opts.scope ~= "all" then
    for n, a in ipairs(result.articles) do
      out:write("## ", cli.md_cell(a.title or opts.names[n]), "\n\n")
      if a.title then
        out:write("*", cli.md_cell(opts.names[n]), "*\n\n")
      end
      local list = {}
      for r, e in ipairs(a.keywords) do
        list[r] = { tostring(r), e.term, tostring(e.count) }
      end
      out:write(cli.md_table({ "#", "Keyword", "Count" }, list), "\n")
      if a.keywords.entities and #a.keywords.entities > 0 then
        local ents = {}
        for r, e in ipairs(a.keywords.entities) do
          if r > opts.top then
            break
          end
          ents[r] = { e.canonical, e.type or "", tostring(e.count) }
        end
        out:write(cli.md_table({ "Entity", "Type", "Mentions" }, ents), "\n")
      end
    end
  end
  if opts.scope ~= "articles" and (result.documents > 1 or opts.scope == "all") then
    out:write(("## All %d articles\n\n"):format(result.documents))
    local list = {}
    for r, t in ipairs(result.top) do
      list[r] = { tostring(r), t.term, tostring(t.count), tostring(t.df) }
    end
    out:write(cli.md_table({ "#", "Keyword", "Count", "Articles" }, list))
  end
end

function M.finish(opts, out)
  WRITERS[opts.format](out, opts.collector:result(), opts)
end

-- Pandoc: the document's keywords (and entities, when the tagger is there) go to its metadata as
-- `keywords` (a list of strings, which pandoc's templates show) and `sift-entities`. The number of
-- keywords is the metadata field keywords-top (pandoc -M keywords-top=15), by default 10.
function M.pandoc()
  local pandoc = rawget(_G, "pandoc")
  return { {
    Pandoc = function(doc)
      local text = require("sift.pandoc").text(doc)
      local top = require("sift.pandoc").meta_number(doc.meta, "keywords-top", cli.option(M, "top")) or 10
      local title = require("sift.pandoc").meta_string(doc.meta.title)
      local list = sift.keywords(text, { top = top, headline = title })
      local kw = {}
      for r, e in ipairs(list) do
        kw[r] = pandoc.MetaString(e.term)
      end
      doc.meta.keywords = pandoc.MetaList(kw)
      if list.entities then
        local ents = {}
        for r, e in ipairs(list.entities) do
          ents[r] = pandoc.MetaMap({ canonical = pandoc.MetaString(e.canonical),
            type = pandoc.MetaString(e.type or ""), count = pandoc.MetaString(tostring(e.count)) })
        end
        doc.meta["sift-entities"] = pandoc.MetaList(ents)
      end
      return doc
    end,
  } }
end

return cli.entry(M, ...)
