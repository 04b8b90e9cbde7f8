-- filters/extract.lua - `sift extract`: the article of a web page, without its menus and boxes,
-- as text, Markdown, JSON Lines or clean HTML.
-- Also a script (`lua5.4 filters/extract.lua PAGE...`) and the module sift.filters.extract.
dofile((debug.getinfo(1, "S").source:match("^@(.*[/\\])") or "./") .. "checkout.lua")
local cli = require "sift.cli"

local M = {
  name = "extract",
  summary = "the article of each web page, its metadata and blocks: text, Markdown, JSON or HTML",
  description = [[
Finds the article of each web page (.html and .htm files, JSON Lines records with an "html" field,
standard input with --input html) and writes it without the navigation, side bars, share and
subscribe boxes, cookie notices and footers around it; --whole-page keeps every visible block.
Other inputs are written as they are, one block a paragraph.

  --format text      (default) "==> FILE <==", the title, byline, date and site, then the text
  --format markdown  the title as a heading, the metadata in a line, the blocks as Markdown
                     (headings, paragraphs, list items, quotes, captions, table rows, code)
  --format json      JSON Lines: {"file", "id", "title", "byline", "authors", "date", "modified",
                     "lang", "site", "url", "description", "image", "text", "blocks", "warnings"};
                     a block is {"kind", "level", "text", "i", "j", "src_i", "src_j"}: i, j in
                     "text", src_i, src_j in the page's bytes, 1-based and inclusive
  --format html      one clean HTML page an input: the title, the metadata, the blocks

A page in which no article is found gives its visible text, with a warning on stderr.]],
  options = {
    { name = "format", short = "f", arg = "FORMAT", choices = { "text", "markdown", "json", "html" },
      default = "text", help = "output format" },
  },
}

-- The article of a document: the page's, or for a text input one paragraph a block.
local function article(doc)
  if doc.article then
    return doc.article
  end
  local blocks = {}
  for i, j in doc.text:gmatch("()%S.-()%f[\n%z]") do
    blocks[#blocks + 1] = { kind = "paragraph", text = doc.text:sub(i, j - 1), i = i, j = j - 1 }
  end
  return { text = doc.text, title = doc.title, date = doc.date, blocks = blocks, warnings = {} }
end

-- The metadata a reader wants under the title: byline, date, site, one line.
local function meta_line(a)
  local parts = {}
  local authors = a.authors and #a.authors > 0 and table.concat(a.authors, ", ")
  for _, v in ipairs({ a.byline or authors, a.date, a.site }) do
    if v and v ~= "" then
      parts[#parts + 1] = v
    end
  end
  return table.concat(parts, " · ")
end

local MD_PREFIX = { list_item = "- ", quote = "> " }

local function md_block(b)
  local text = b.text:gsub("\n", " ")
  if b.kind == "heading" then
    return ("#"):rep(math.min(6, (b.level or 2) + 1)) .. " " .. text -- the title is the one "#"
  elseif b.kind == "caption" then
    return "*" .. text .. "*"
  elseif b.kind == "table_row" then
    return "| " .. text:gsub("\t", " | ") .. " |"
  elseif b.kind == "code" then
    return "```\n" .. b.text .. "\n```"
  end
  return (MD_PREFIX[b.kind] or "") .. text
end

local function escape(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

-- A block as HTML; list items and table rows are gathered into their list or table by the caller.
local HTML_TAG = { paragraph = "p", list_item = "li", quote = "blockquote", caption = "figcaption", code = "pre" }

local function html_block(b)
  if b.kind == "heading" then
    local h = "h" .. math.min(6, (b.level or 2))
    return ("<%s>%s</%s>"):format(h, escape(b.text), h)
  elseif b.kind == "table_row" then
    local cells = {}
    for cell in (b.text .. "\t"):gmatch("(.-)\t") do
      cells[#cells + 1] = "<td>" .. escape(cell) .. "</td>"
    end
    return "<tr>" .. table.concat(cells) .. "</tr>"
  end
  local tag = HTML_TAG[b.kind] or "p"
  local text = escape(b.text)
  if tag ~= "pre" then
    text = text:gsub("\n", "<br>")
  end
  return ("<%s>%s</%s>"):format(tag, text, tag)
end

local GROUP = { list_item = { "<ul>", "</ul>" }, table_row = { "<table>", "</table>" } }

local WRITERS = {
  text = function(out, doc, a)
    out:write("==> ", cli.quote_name(doc.name), " <==\n")
    if a.title and a.title ~= "" then
      out:write(a.title, "\n")
    end
    local m = meta_line(a)
    if m ~= "" then
      out:write(m, "\n")
    end
    out:write("\n", a.text, a.text:match("\n$") and "" or "\n", "\n")
  end,
  markdown = function(out, doc, a)
    out:write("# ", cli.md_cell(a.title and a.title ~= "" and a.title or doc.name), "\n\n")
    local m = meta_line(a)
    if m ~= "" then
      out:write("*", m, "*\n\n")
    end
    for _, b in ipairs(a.blocks or {}) do
      out:write(md_block(b), "\n\n")
    end
  end,
  json = function(out, doc, a)
    local json = cli.json
    local record = { file = doc.name, id = tostring(doc.id) }
    for _, k in ipairs({ "title", "byline", "date", "modified", "lang", "site", "url", "description", "image",
      "text" }) do
      record[k] = a[k] == nil and json.null or a[k]
    end
    -- arrays stay arrays when empty; keys come out sorted, as in every JSON sift writes
    record.authors = json.array(a.authors or {})
    record.blocks = json.array(a.blocks or {})
    record.warnings = json.array(a.warnings or {})
    out:write(json.encode(record), "\n")
  end,
  html = function(out, doc, a)
    local title = a.title and a.title ~= "" and a.title or doc.name
    out:write('<!DOCTYPE html>\n<html', a.lang and (' lang="' .. escape(a.lang) .. '"') or "", '>\n<head>\n',
      '<meta charset="utf-8">\n<title>', escape(title), "</title>\n</head>\n<body>\n<article>\n<h1>",
      escape(title), "</h1>\n")
    local m = meta_line(a)
    if m ~= "" then
      out:write("<p><small>", escape(m), "</small></p>\n")
    end
    local open
    for _, b in ipairs(a.blocks or {}) do
      local group = GROUP[b.kind]
      if open and open ~= group then
        out:write(open[2], "\n")
        open = nil
      end
      if group and not open then
        out:write(group[1], "\n")
        open = group
      end
      out:write(html_block(b), "\n")
    end
    if open then
      out:write(open[2], "\n")
    end
    out:write("</article>\n</body>\n</html>\n")
  end,
}

function M.document(doc, opts, out)
  WRITERS[opts.format](out, doc, article(doc))
end

return cli.entry(M, ...)
