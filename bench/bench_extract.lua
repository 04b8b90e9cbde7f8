-- bench/bench_extract.lua - article extraction through Lua (sift.extract: decoding, the HTML5
-- parser, the article and the metadata) on the saved web pages of ../shared, beside
-- readability-lxml (Debian's python3-readability, through eval/readability_lxml.py) in the same
-- run, and the parser alone (sift.core.extract without the metadata) for the split; and the
-- translation units and segments of the pages (sift.segment_page, issue 15).
--
-- usage: lua5.4 bench/bench_extract.lua LUADIR PAGES_DIR [REPS] [LIMIT]
-- Speeds are MB of page bytes (as saved, decompressed) per second of CPU time, best of REPS
-- passes for sift; readability-lxml is measured once (its own CPU time, from the helper).
local luadir, pages_dir = arg[1], arg[2]
local reps, limit = tonumber(arg[3]) or 3, tonumber(arg[4]) or 300
package.path = "./lua/?.lua;./lua/?/init.lua;" .. package.path
package.cpath = luadir .. "/?.so;" .. package.cpath
local sift = require "sift"
local core = require "sift.core"
local json = require "sift.json"

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- The first LIMIT trafilatura-eval pages, in name order: the same ones in every run.
local paths = {}
local p = assert(io.popen("ls " .. quote(pages_dir) .. "/trafilatura-eval/pages/*.html.gz | LC_ALL=C sort"))
for line in p:lines() do
  if #paths < limit then
    paths[#paths + 1] = line
  end
end
p:close()
assert(#paths > 0, "no pages under " .. pages_dir)

local pages, bytes = {}, 0
for n, path in ipairs(paths) do
  local g = assert(io.popen("gzip -dc " .. quote(path)))
  pages[n] = g:read("a")
  g:close()
  bytes = bytes + #pages[n]
end

local function best(fn)
  local t = math.huge
  for _ = 1, reps do
    local t0 = os.clock()
    for _, page in ipairs(pages) do
      fn(page)
    end
    t = math.min(t, os.clock() - t0)
  end
  return t
end

local t_extract = best(function(page) return sift.extract(page) end)
local t_article = best(function(page)
  local text = sift.decode_page(page)
  return core.extract(text)
end)
-- web pages to translate (issue 15): the units and segments of the whole page, without and with
-- the entity tagger's protected names, and the units alone
local t_units = best(function(page)
  local text = sift.decode_page(page)
  return core._page_units(text, "page")
end)
local t_segment = best(function(page) return sift.segment_page(page, { scope = "page", entities = false }) end)
local t_segment_ent = best(function(page) return sift.segment_page(page, { scope = "page" }) end)

-- readability-lxml, once, on the same pages; the helper reports its own CPU seconds a page
local list = os.tmpname()
local f = assert(io.open(list, "w"))
for n, path in ipairs(paths) do
  f:write(n, "\t", path, "\tnotitle\n")
end
f:close()
local py = os.getenv("PYTHON") or "/usr/bin/python3"
local r = io.popen(("%s eval/readability_lxml.py < %s 2>/dev/null"):format(quote(py), quote(list)))
local t_rl, n_rl = 0, 0
for line in r:lines() do
  local rec = json.decode(line)
  if rec and rec.seconds then
    t_rl, n_rl = t_rl + rec.seconds, n_rl + 1
  end
end
r:close()
os.remove(list)

local mb = bytes / 1e6
print(("extraction: %d trafilatura-eval pages, %.1f MB, best of %d (CPU time; 1 MB = 10^6 bytes)")
  :format(#pages, mb, reps))
print(("%-46s %10s %10s %12s"):format("", "MB/s", "pages/s", "vs lxml"))
local rl_speed = n_rl == #pages and t_rl > 0 and mb / t_rl or nil
local function row(name, t)
  local speed = mb / t
  print(("%-46s %10.1f %10.1f %12s"):format(name, speed, #pages / t,
    rl_speed and ("%.2fx"):format(speed / rl_speed) or "-"))
end
row("sift.extract (decode, parse, article, meta)", t_extract)
row("decode_page + sift.core.extract (no meta)", t_article)
row("decode_page + page units (C, page scope)", t_units)
row("sift.segment_page (page scope, no entities)", t_segment)
row("sift.segment_page (page scope, names protected)", t_segment_ent)
if rl_speed then
  row("readability-lxml (python3-readability)", t_rl)
else
  print("readability-lxml: not measured (python3-readability missing, or pages failed)")
end
print("vs lxml: the line's speed divided by readability-lxml's (>1 = faster; the issue asks >= 3)")
