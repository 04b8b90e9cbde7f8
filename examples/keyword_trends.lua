-- examples/keyword_trends.lua - keyword trends across a folder of articles, as CSV: one row per
-- article (in date order when the articles carry dates), one column per top keyword of the set,
-- each cell the keyword's count in that article.
--
--   lua5.4 examples/keyword_trends.lua FOLDER [N]     (N keywords, default 5)
--
-- Reads the folder's .txt and .md files, and .jsonl files of {"id", "text", "date"} objects.
-- Uses only the public API: sift.decode, sift.keywords, sift.json.
local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\]") or "."
if io.open(here .. "/../filters/checkout.lua") then
  dofile(here .. "/../filters/checkout.lua") -- run from a checkout: use it
end
local sift = require "sift"
local json = require "sift.json"

local folder, top = arg[1], tonumber(arg[2] or "5")
if not folder or not top then
  io.stderr:write("usage: keyword_trends.lua FOLDER [N]\n")
  os.exit(2)
end

local articles = {}
-- (find -H: the folder may be a symbolic link; -print0: a file name may hold a newline)
local p = io.popen("find -H '" .. folder:gsub("'", "'\\''") .. "' -type f -print0 | LC_ALL=C sort -z")
for path in p:read("a"):gmatch("([^\0]+)\0") do
  local ext = path:match("%.(%w+)$")
  if ext == "txt" or ext == "md" or ext == "jsonl" then
    local f = assert(io.open(path, "rb"))
    local text = assert(sift.decode(f:read("a")))
    f:close()
    if ext == "jsonl" then
      for line in text:gmatch("[^\n]+") do
        local a = json.decode(line)
        articles[#articles + 1] = { id = a.id or path, text = a.text, date = a.date, title = a.title }
      end
    else
      articles[#articles + 1] = { id = path, text = text }
    end
  end
end
p:close()

local res = sift.keywords(articles, { top = top })
local rows = {}
for n, a in ipairs(res.articles) do
  rows[n] = { n = n, id = tostring(a.id), date = a.date or "", counts = a.counts }
end
table.sort(rows, function(x, y)
  if x.date ~= y.date then
    return x.date < y.date
  end
  return x.n < y.n
end)

local function csv(s)
  s = tostring(s)
  return s:find('[,"\n]') and ('"' .. s:gsub('"', '""') .. '"') or s
end
local header = { "article", "date" }
for _, t in ipairs(res.top) do
  header[#header + 1] = csv(t.term)
end
print(table.concat(header, ","))
for _, r in ipairs(rows) do
  local line = { csv(r.id), r.date }
  for _, t in ipairs(res.top) do
    line[#line + 1] = r.counts[t.key] or 0
  end
  print(table.concat(line, ","))
end
