--- sift.pandoc: what sift's filters share when pandoc runs them as Lua filters
-- (`pandoc article.docx -L filters/summary.lua -o out.md`). Pandoc gives a document tree; the
-- filters want an article's plain text, in which the title is the first line and each block a
-- paragraph of its own.
local M = {}

local function pandoc_api()
  local p = rawget(_G, "pandoc")
  if not p then
    error("sift.pandoc: not running inside pandoc (no global 'pandoc')", 3)
  end
  return p
end

--- The text of a metadata value (MetaString, MetaInlines, a plain string), or nil.
function M.meta_string(v)
  if v == nil then
    return nil
  end
  if type(v) == "string" or type(v) == "number" then
    return tostring(v)
  end
  return pandoc_api().utils.stringify(v)
end

--- The number in metadata field `field` of `meta` (pandoc -M summary-ratio=0.2), checked by the
-- rule of the command line's option `option` (see sift.cli.number); nil when the field is absent.
-- A value the option would refuse raises an error that names the field.
function M.meta_number(meta, field, option)
  local s = M.meta_string(meta[field])
  if s == nil then
    return nil
  end
  local n, takes = require("sift.cli").number(option, s)
  if not n then
    error(("sift: metadata field '%s' takes %s, not '%s'"):format(field, takes, s), 0)
  end
  return n
end

-- Does a Div carry the class "summary" (what filters/summary.lua inserts)?
local function is_summary(block)
  local attr = block.attr
  local classes = attr and (attr.classes or attr[2])
  if classes then
    for _, c in ipairs(classes) do
      if c == "summary" then
        return true
      end
    end
  end
  return false
end

-- Appends the text of the blocks to parts, a paragraph each.
local function blocks_text(pandoc, blocks, parts)
  local stringify = pandoc.utils.stringify
  for _, block in ipairs(blocks) do
    local tag = block.t or block.tag
    if tag == "Div" then
      if not is_summary(block) then
        blocks_text(pandoc, block.content, parts)
      end
    elseif tag == "BlockQuote" then
      blocks_text(pandoc, block.content, parts)
    elseif tag == "BulletList" or tag == "OrderedList" then
      local items = {}
      for _, item in ipairs(block.content) do
        local inner = {}
        blocks_text(pandoc, item, inner)
        items[#items + 1] = "- " .. table.concat(inner, " ")
      end
      parts[#parts + 1] = table.concat(items, "\n")
    elseif tag ~= "HorizontalRule" and tag ~= "Null" and tag ~= "RawBlock" then
      local s = stringify(block)
      if s:match("%S") then
        parts[#parts + 1] = s
      end
    end
  end
end

--- The plain text of a pandoc document: its title (from the metadata) on the first line, then
-- each block as a paragraph; list items become "- " lines, so that summaries do not take them for
-- prose. A summary that filters/summary.lua inserted (a div of class "summary") is left out.
function M.text(doc)
  local pandoc = pandoc_api()
  local parts = {}
  local title = M.meta_string(doc.meta.title)
  if title and title:match("%S") then
    parts[#parts + 1] = title
  end
  blocks_text(pandoc, doc.blocks, parts)
  return table.concat(parts, "\n\n")
end

return M
