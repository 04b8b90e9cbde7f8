-- filters/entities.lua - `sift entities`: who, what and where of articles, as an index or inline.
-- Also a script (`lua5.4 filters/entities.lua FILE...`) and the module sift.filters.entities.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local sift = require "sift"
local cli = require "sift.cli"
local gazetteer = require "sift.gazetteer"

local M = {
  name = "entities",
  summary = "people, organisations, places, dates and amounts, linked within each article",
  description = [[
Prints the entities of each input, one line per entity (not per mention): its type, how often it
is mentioned, its canonical name and the forms it takes ("Xi Jinping: Xi Jinping, President Xi,
Xi"). Mentions are linked within an input only.

  --format table     (default) aligned columns under the input's name
  --format tsv       FILE<TAB>TYPE<TAB>COUNT<TAB>CANONICAL<TAB>FORMS<TAB>FIRST, FORMS joined by
                     " | ", FIRST the 1-based byte offset of the first mention; a tab, newline,
                     carriage return or backslash is written \t \n \r \\
  --format json      JSON Lines: {"file", "type", "count", "canonical", "mentions": [{"i", "j",
                     "text", "role"}]}, offsets 1-based and inclusive
  --format markdown  a table per input
  --format inline    the text itself, each mention written [TEXT]{TYPE}, or
                     [TEXT]{TYPE: CANONICAL} when it stands for a longer name

Types: PERSON NORP FAC ORG GPE LOC EVENT MISC DATE TIME PERCENT MONEY QUANTITY ORDINAL CARDINAL.
--gazetteer FILE adds names of your own: a TSV file of NAME<TAB>TYPE lines (# starts a comment),
which win over what the tagger would say; give it more than once for more files.]],
  options = {
    { name = "format", short = "f", arg = "FORMAT", choices = { "table", "tsv", "json", "markdown", "inline" },
      default = "table", help = "output format" },
    cli.GAZETTEER_OPTION,
    { name = "types", short = "t", arg = "LIST", help = "only these types, comma-separated (PERSON,ORG,GPE)" },
  },
}

-- Builds the tagger and the type filter once, before any input is read.
function M.check(opts)
  local tagger, err = gazetteer.tagger(opts.gazetteer)
  if not tagger then
    return nil, err
  end
  opts.tagger = tagger
  if opts.types then
    local types = {}
    for name in opts.types:gmatch("[^,%s]+") do
      types[#types + 1] = name:upper()
    end
    local ok, terr = pcall(sift.entities, "", { types = types })
    if not ok then
      return nil, "--types: " .. tostring(terr):gsub("^.-%((.*)%)$", "%1")
    end
    opts.type_list = types
  end
  return true
end

local function tag_opts(opts)
  return opts.type_list and { types = opts.type_list } or nil
end

-- The distinct forms of an entity's mentions, in order: "President Xi" for a mention with a role.
local function forms(entity)
  local seen, out = {}, {}
  for _, m in ipairs(entity.mentions) do
    local form = m.role and (m.role .. " " .. m.text) or m.text
    if not seen[form] then
      seen[form] = true
      out[#out + 1] = form
    end
  end
  return out
end

-- s padded with spaces to width characters (not bytes).
local function pad(s, width)
  local n = utf8.len(s) or #s
  return n < width and s .. (" "):rep(width - n) or s
end

local WRITERS = {
  table = function(out, doc, index)
    out:write(cli.quote_name(doc.name), "\n")
    for _, e in ipairs(index) do
      out:write(("  %-8s %5d  %s %s\n"):format(e.type, e.count, pad(e.canonical, 32), table.concat(forms(e), ", ")))
    end
  end,
  tsv = function(out, doc, index)
    local name = cli.tsv(doc.name)
    for _, e in ipairs(index) do
      out:write(name, "\t", e.type, "\t", e.count, "\t", cli.tsv(e.canonical), "\t",
        cli.tsv(table.concat(forms(e), " | ")), "\t", e.mentions[1].i, "\n")
    end
  end,
  json = function(out, doc, index)
    local encode = cli.json.encode
    local file = encode(doc.name)
    for _, e in ipairs(index) do
      local ms = {}
      for k, m in ipairs(e.mentions) do
        ms[k] = ('{"i":%d,"j":%d,"text":%s%s}'):format(m.i, m.j, encode(m.text),
          m.role and (',"role":' .. encode(m.role)) or "")
      end
      out:write('{"file":', file, ',"type":"', e.type, '","count":', e.count, ',"canonical":', encode(e.canonical),
        ',"mentions":[', table.concat(ms, ","), "]}\n")
    end
  end,
  markdown = function(out, doc, index)
    local rows = {}
    for k, e in ipairs(index) do
      rows[k] = { e.canonical, e.type, tostring(e.count), table.concat(forms(e), ", ") }
    end
    out:write("## ", cli.md_cell(doc.name), "\n\n", cli.md_table({ "Entity", "Type", "Mentions", "Forms" }, rows), "\n")
  end,
}

local function write_inline(out, doc, opts)
  local text, pos, parts = doc.text, 1, {}
  for _, e in ipairs(opts.tagger:entities(text, tag_opts(opts))) do
    parts[#parts + 1] = text:sub(pos, e.i - 1)
    parts[#parts + 1] = "[" .. e.text .. "]{" .. e.type
      .. (e.canonical ~= e.text and (": " .. e.canonical) or "") .. "}"
    pos = e.j + 1
  end
  parts[#parts + 1] = text:sub(pos)
  out:write(table.concat(parts))
  if text:sub(-1) ~= "\n" then
    out:write("\n")
  end
end

function M.document(doc, opts, out)
  if opts.format == "inline" then
    write_inline(out, doc, opts)
  else
    WRITERS[opts.format](out, doc, opts.tagger:entity_index(doc.text, tag_opts(opts)))
  end
end

-- Pandoc (added with the summary and keywords filters, issue 6): the document's entities go to its
-- metadata field `entities`, one {canonical, type, count, forms} each, as `sift entities` lists them.
function M.pandoc()
  local pandoc = rawget(_G, "pandoc")
  return { {
    Pandoc = function(doc)
      local list = {}
      for k, e in ipairs(sift.entity_index(require("sift.pandoc").text(doc))) do
        local f = {}
        for m, form in ipairs(forms(e)) do
          f[m] = pandoc.MetaString(form)
        end
        list[k] = pandoc.MetaMap({ canonical = pandoc.MetaString(e.canonical), type = pandoc.MetaString(e.type),
          count = pandoc.MetaString(tostring(e.count)), forms = pandoc.MetaList(f) })
      end
      doc.meta.entities = pandoc.MetaList(list)
      return doc
    end,
  } }
end

return cli.entry(M, ...)
