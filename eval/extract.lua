--[[
eval/extract.lua - article extraction measured on the saved news pages of ../shared (issue 14,
item 8), each extractor beside the others in the same run.

Usage: lua5.4 eval/extract.lua [--only NAME] [--limit N] [--data DIR]   (`make eval-extract`)
       DIR defaults to ../shared/data/web-pages (trafilatura-eval/, readability/; its README.md)
       --only NAME   run one extractor: its name or a part of it ("extract", "html", "readability")
       --limit N     the first N pages of each set (a quick run)

An extractor is a Lua function page_bytes -> article table ({text =, title =, byline =,
authors =, date =, lang =, site =}, nil fields where it finds nothing). The ones run:
  sift.extract       sift.extract(bytes), when the module has it (otherwise a note says so)
  sift.html          the reading of sift before sift.extract, the baseline:
                     require("sift.html").to_text(sift.decode_page(bytes)) (text and <title>)
  readability-lxml   Debian's python3-readability 0.8.1 (Document(bytes).summary(), short_title),
                     run once over all pages by eval/readability_lxml.py, which writes JSON Lines
                     {id, text, title, seconds, bytes}; started first, it runs while the Lua
                     extractors do (its own CPU time is what is printed)

1. trafilatura-eval (990 pages; index.json's `with` passages must be in the main text, `without`
   ones must not): the protocol of its authors, scored by eval/extract_score.lua. White space is
   collapsed to single spaces in the output and in each passage (Python's str.split white space,
   U+00A0 included); a `with` passage found as a substring is a true positive, else a false
   negative; a `without` passage found is a false positive, else a true negative; summed over the
   pages, then precision, recall, F1 and accuracy ((TP + TN) / all). A page an extractor fails on
   (raises, or returns nothing) finds no passage. Speed: pages and MB (10^6 bytes of the pages as
   saved, decompressed) per second of CPU time spent in the extractor (os.clock around the call;
   readability-lxml's time.process_time around its work), on these 990 pages.
2. readability (130 pages), against Readability.js's expected-metadata.json, each as % of the
   pages whose reference is not null (or empty); the extractor's missing value disagrees:
     title   equal once white space is collapsed and case folded (sift.fold);
     byline  the same, a leading "By" and outer punctuation taken off, equal or one holding the
             other between word boundaries (Readability.js gives the byline element's whole
             text, "By Jane Doe, Science Editor"); or every name of `authors` in the reference;
     date    publishedTime's date part (YYYY-MM-DD as written) equal to the `date`'s;
     lang    the primary subtags equal; site  siteName, as the title;
   (and, under the table, sift.extract's title_raw, the title with the site's name kept, as the
   title: what Readability.js gives when a page names its title in its metadata);
   and "text F1": the bag-of-words F1 of the extracted text's tokens against the tokens of
   expected.html.gz (the article as Readability.js gives it) stripped of its tags by a simple
   stripper (extract_score.strip_html), the mean over the pages; tokens are runs of letters and
   digits, case-folded. "n/a" for a field the extractor gave on no page.
3. "The effect a user sees": on the same pages the top-10 keywords (sift.keywords(text,
   {top = 10}), compared by their `key`) of the extracted text against the top 10 of the
   reference article (expected.html.gz stripped): mean of |A n B| / max(#A, #B) over the pages,
   which is |A n B| / 10 whenever either text has 10 keywords. The `key` makes "Bridge" and
   "bridges" one keyword; compared by `term` (the surface form) the baseline scores 0.698 instead
   of 0.720, the figure issue 14 gives as "today 0.69".
The readability-lxml lines need python3-readability (Debian); without it a note says so and the
other lines are printed. Exit status 0 unless the data is missing or an argument is wrong.
]]

package.path = "./lua/?.lua;./lua/?/init.lua;./eval/?.lua;" .. package.path
package.cpath = (os.getenv("SIFT_CPATH") or ("./build/" .. _VERSION:match("%d+%.%d+") .. "/?.so;")) .. package.cpath

local sift = require "sift"
local html = require "sift.html"
local json = require "sift.json"
local score = require "extract_score"

score.fold = sift.fold

local PYTHON = os.getenv("PYTHON") or "/usr/bin/python3" -- Debian's, which has python3-readability
local K = 10
local started = os.time()

-- ---- arguments ----

local only, limit, dir
do
  local n = 1
  while n <= #arg do
    local a = arg[n]
    if a == "--only" and arg[n + 1] then
      only, n = arg[n + 1], n + 1
    elseif a == "--limit" and tonumber(arg[n + 1]) then
      limit, n = math.tointeger(tonumber(arg[n + 1])) or math.floor(tonumber(arg[n + 1])), n + 1
    elseif a == "--data" and arg[n + 1] then
      dir, n = arg[n + 1], n + 1
    elseif a == "-h" or a == "--help" then
      print("usage: lua5.4 eval/extract.lua [--only NAME] [--limit N] [--data DIR]")
      os.exit(0)
    else
      io.stderr:write("eval/extract.lua: unknown argument '", a, "' (--only NAME, --limit N, --data DIR)\n")
      os.exit(2)
    end
    n = n + 1
  end
end
dir = dir or "../shared/data/web-pages"

local function wanted(name)
  return only == nil or name == only or name:find(only, 1, true) ~= nil
end

-- ---- files ----

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function read(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("a")
  f:close()
  return s
end

local function gunzip(path)
  local p = assert(io.popen("gzip -dc " .. quote(path)))
  local s = p:read("a")
  p:close()
  return s
end

local function decode_json(s, what)
  local v, err = json.decode(s)
  if v == nil then
    io.stderr:write("eval/extract.lua: ", what, ": ", tostring(err), "\n")
    os.exit(1)
  end
  return v
end

local function value(v) -- JSON null and "" are no value
  if v == json.null or v == "" then
    return nil
  end
  return v
end

-- ---- the pages ----

local tdir, rdir = dir .. "/trafilatura-eval", dir .. "/readability"
local index_text = read(tdir .. "/index.json")
if not index_text then
  io.stderr:write("eval/extract.lua: no ", tdir, "/index.json\n")
  os.exit(1)
end
local tpages = {}
for _, item in ipairs(decode_json(index_text, tdir .. "/index.json")) do
  if limit and #tpages >= limit then
    break
  end
  tpages[#tpages + 1] = { id = "t:" .. item.id, path = tdir .. "/pages/" .. item.id .. ".html.gz",
    with = item.with, without = item.without }
end

local rpages = {}
do
  local p = io.popen("find " .. quote(rdir) .. " -name source.html.gz -type f | LC_ALL=C sort")
  for path in p:lines() do
    if limit and #rpages >= limit then
      break
    end
    local d = path:match("^(.*)/source%.html%.gz$")
    rpages[#rpages + 1] = { id = "r:" .. d:match("([^/]+)$"), path = path, dir = d }
  end
  p:close()
end

-- ---- the extractors ----

local extractors = {}
if wanted("sift.extract") then
  if type(sift.extract) == "function" then
    extractors[#extractors + 1] = { name = "sift.extract", fn = function(bytes) return sift.extract(bytes) end }
  else
    print("note: sift.extract does not exist yet in this build: its lines are left out")
  end
end
if wanted("sift.html") then
  extractors[#extractors + 1] = { name = "sift.html", fn = function(bytes)
    local text = sift.decode_page(bytes)
    if not text then
      return nil
    end
    local body, title = html.to_text(text)
    return { text = body, title = title }
  end }
end
local run_readability = wanted("readability-lxml")

for _, e in ipairs(extractors) do
  e.counts = { tp = 0, fn = 0, fp = 0, tn = 0 }
  e.cpu, e.bytes, e.pages, e.errors = 0, 0, 0, 0
  e.meta = {}
  e.textf1, e.nf1, e.kw, e.nkw = 0, 0, 0, 0
end

-- readability-lxml, started before the Lua extractors so that it runs beside them
local rl
if run_readability then
  rl = { name = "readability-lxml", list = os.tmpname(), out = os.tmpname(), err = os.tmpname() }
  local f = assert(io.open(rl.list, "wb"))
  for _, page in ipairs(tpages) do -- no title wanted: readability-lxml parses a page again for it
    f:write(page.id, "\t", page.path, "\tnotitle\n")
  end
  for _, page in ipairs(rpages) do
    f:write(page.id, "\t", page.path, "\n")
  end
  f:close()
  rl.proc = io.popen(("%s eval/readability_lxml.py < %s > %s 2> %s; echo $?"):format(quote(PYTHON),
    quote(rl.list), quote(rl.out), quote(rl.err)))
end

-- ---- scoring one article ----

local META = { "title", "byline", "date", "lang", "site" }
local REF_FIELD = { title = "title", byline = "byline", date = "publishedTime", lang = "lang",
  site = "siteName" }

local function run(e, fn, bytes)
  local t0 = os.clock()
  local ok, art = pcall(fn, bytes)
  local dt = os.clock() - t0
  if not ok or type(art) ~= "table" then
    e.errors = e.errors + 1
    if not ok and not e.first_error then
      e.first_error = tostring(art)
    end
    art = {}
  end
  return art, dt
end

local function score_passages(e, page, art)
  score.count_passages(type(art.text) == "string" and art.text or nil, page.with, page.without, e.counts)
end

local function keyword_keys(text)
  if type(text) ~= "string" or text == "" then
    return {}
  end
  local ok, list = pcall(sift.keywords, text, { top = K })
  return ok and score.keys(list, K) or {}
end

local function score_article(e, page, art)
  for _, field in ipairs(META) do
    local ref = value(page.meta[REF_FIELD[field]])
    local m = e.meta[field] or { n = 0, agree = 0, given = 0 }
    e.meta[field] = m
    local got = art[field]
    if field == "byline" and got == nil and type(art.authors) == "table" and #art.authors > 0 then
      got = table.concat(art.authors, ", ")
    end
    if type(got) == "string" and got ~= "" then
      m.given = m.given + 1
    end
    if ref ~= nil then
      m.n = m.n + 1
      local agrees
      if field == "byline" then
        agrees = score.agree.byline(got, ref, art.authors)
      else
        agrees = score.agree[field](got, ref)
      end
      if agrees then
        m.agree = m.agree + 1
      end
    end
  end
  -- sift.extract's title_raw: the title as the page gives it, the site's name kept, which is
  -- what Readability.js gives when the page names its title in its metadata
  local ref_title = value(page.meta[REF_FIELD.title])
  if e.name == "sift.extract" and ref_title ~= nil then
    e.raw_title = e.raw_title or { n = 0, agree = 0 }
    e.raw_title.n = e.raw_title.n + 1
    if score.agree.title(art.title_raw or art.title, ref_title) then
      e.raw_title.agree = e.raw_title.agree + 1
    end
  end
  local text = type(art.text) == "string" and art.text or ""
  local f = score.token_f1(score.tokens(text), page.ref_tokens)
  if f then
    e.textf1, e.nf1 = e.textf1 + f, e.nf1 + 1
  end
  local o = score.keyword_overlap(keyword_keys(text), page.ref_keys)
  if o then
    e.kw, e.nkw = e.kw + o, e.nkw + 1
  end
end

-- ---- the Lua extractors, page by page ----

local tbytes = 0
for _, page in ipairs(tpages) do
  local bytes = gunzip(page.path)
  tbytes = tbytes + #bytes
  for _, e in ipairs(extractors) do
    local art, dt = run(e, e.fn, bytes)
    e.cpu, e.bytes, e.pages = e.cpu + dt, e.bytes + #bytes, e.pages + 1
    score_passages(e, page, art)
  end
end

local nref = { text = 0 }
for _, page in ipairs(rpages) do
  page.meta = decode_json(read(page.dir .. "/expected-metadata.json") or "{}", page.dir .. "/expected-metadata.json")
  for _, field in ipairs(META) do
    if value(page.meta[REF_FIELD[field]]) ~= nil then
      nref[field] = (nref[field] or 0) + 1
    end
  end
  local ref_text = score.strip_html(gunzip(page.dir .. "/expected.html.gz"))
  page.ref_tokens = score.tokens(ref_text)
  page.ref_keys = keyword_keys(ref_text)
  if #page.ref_tokens > 0 then
    nref.text = nref.text + 1
  end
  local bytes = gunzip(page.path)
  for _, e in ipairs(extractors) do
    score_article(e, page, (run(e, e.fn, bytes)))
  end
end
local lua_seconds = os.time() - started

-- ---- readability-lxml's output ----

if rl then
  local status = rl.proc:read("a")
  rl.proc:close()
  local results, nres = {}, 0
  local f = io.open(rl.out, "rb")
  if f then
    for line in f:lines() do
      local rec = json.decode(line)
      if type(rec) == "table" and type(rec.id) == "string" then
        results[rec.id] = rec
        nres = nres + 1
      end
    end
    f:close()
  end
  local err = read(rl.err) or ""
  for _, path in ipairs({ rl.list, rl.out, rl.err }) do
    os.remove(path)
  end
  if nres == 0 then
    print(("note: readability-lxml gave no output (exit status %s; apt-get install python3-readability): %s")
      :format(status:match("%d+") or "?", err:sub(-300)))
  else
    local e = { name = rl.name, counts = { tp = 0, fn = 0, fp = 0, tn = 0 }, cpu = 0, bytes = 0, pages = 0,
      errors = 0, meta = {}, textf1 = 0, nf1 = 0, kw = 0, nkw = 0 }
    local function article(page)
      local rec = results[page.id]
      if not rec or value(rec.error) then
        e.errors = e.errors + 1
        if rec and not e.first_error then
          e.first_error = rec.error
        end
        return {}, rec
      end
      return { text = value(rec.text), title = value(rec.title) }, rec
    end
    for _, page in ipairs(tpages) do
      local art, rec = article(page)
      if rec then
        e.cpu = e.cpu + (tonumber(rec.seconds) or 0)
        e.bytes, e.pages = e.bytes + (tonumber(rec.bytes) or 0), e.pages + 1
      end
      score_passages(e, page, art)
    end
    for _, page in ipairs(rpages) do
      score_article(e, page, (article(page)))
    end
    extractors[#extractors + 1] = e
  end
end

-- ---- the table ----

print(("Article extraction: %d trafilatura-eval pages (%.1f MB), %d readability pages (%s)")
  :format(#tpages, tbytes / 1e6, #rpages, dir))
print()
print("1. trafilatura-eval: `with` passages found = TP, `without` found = FP, summed over the pages")
print(("%-18s %9s %7s %7s %9s %8s %7s %8s   %s"):format("extractor", "precision", "recall", "F1", "accuracy",
  "pages/s", "MB/s", "CPU s", "TP/FN/FP/TN"))
for _, e in ipairs(extractors) do
  local p, r, f, acc = score.rates(e.counts)
  local c = e.counts
  local secs = e.cpu > 0 and e.cpu or 1e-9
  print(("%-18s %9.3f %7.3f %7.3f %9.3f %8.1f %7.2f %8.1f   %d/%d/%d/%d"):format(e.name, p, r, f, acc,
    e.pages / secs, e.bytes / 1e6 / secs, e.cpu, c.tp, c.fn, c.fp, c.tn))
end
print()
print(("2. readability pages: %% agreeing with Readability.js where it has a value (pages: title %d, byline %d,")
  :format(nref.title or 0, nref.byline or 0))
print(("   date %d, lang %d, site %d); text F1 against expected.html (%d pages); 3. top-%d keyword overlap")
  :format(nref.date or 0, nref.lang or 0, nref.site or 0, nref.text, K))
print(("%-18s %7s %7s %7s %7s %7s %9s %9s"):format("extractor", "title", "byline", "date", "lang", "site",
  "text F1", "kw@10"))
for _, e in ipairs(extractors) do
  local cells = {}
  for _, field in ipairs(META) do
    local m = e.meta[field]
    if not m or m.given == 0 then
      cells[#cells + 1] = ("%7s"):format("n/a")
    elseif m.n == 0 then
      cells[#cells + 1] = ("%7s"):format("-")
    else
      cells[#cells + 1] = ("%6.1f%%"):format(100 * m.agree / m.n)
    end
  end
  print(("%-18s %s %9.3f %9.3f"):format(e.name, table.concat(cells, " "),
    e.nf1 > 0 and e.textf1 / e.nf1 or 0, e.nkw > 0 and e.kw / e.nkw or 0))
end
for _, e in ipairs(extractors) do
  if e.raw_title and e.raw_title.n > 0 then
    print(("%s: title_raw (the site's name kept) agrees on %.1f%% (%d of %d pages)"):format(e.name,
      100 * e.raw_title.agree / e.raw_title.n, e.raw_title.agree, e.raw_title.n))
  end
end
print()
for _, e in ipairs(extractors) do
  if e.errors > 0 then
    print(("note: %s failed on %d pages (scored as empty)%s"):format(e.name, e.errors,
      e.first_error and (": " .. tostring(e.first_error):gsub("\n.*", "")) or ""))
  end
end
print(("%d s in all: %d s for the Lua extractors and the references%s"):format(os.time() - started,
  lua_seconds, rl and ", readability-lxml beside them" or ""))
