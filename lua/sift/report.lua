--- sift.report: a report on a set of articles - per article its summary, top keywords and
-- entities; over the set, charts of the top keywords, of the entity types and, when the articles
-- carry dates, of the top keywords over time. As one self-contained HTML page (inline CSS and
-- SVG, no scripts, nothing fetched) or as Markdown.
--
--   local r = report.new{ title = "Harbour news" }
--   r:add{ text = ..., title = ..., date = "2025-05-14", name = "a.txt" }  -- for each article
--   io.write(r:html())        -- or r:markdown()
local sift = require "sift"
local keywords = require "sift.keywords"
local check = require "sift.check"

local report = {}
report.__index = report

local OPTIONS = { title = "string", top = "number", sentences = "number", entities = "boolean|function" }

--- A new, empty report. opts: title (of the page), top (keywords and entities shown, default 10),
-- sentences (per summary, default 3), entities (false: no entity tagging; a function(text) ->
-- entities: that tagger instead of sift.entities). top and sentences are whole numbers >= 0;
-- math.huge, or any number above what an article has, means all of them (0: none); NaN, fractions
-- and negative numbers are refused.
function report.new(opts)
  opts = check.opts("new", 1, opts, OPTIONS)
  local top = check.count("new", 1, opts.top, "option 'top'")
  local sentences = check.count("new", 1, opts.sentences, "option 'sentences'")
  local self = setmetatable({
    title = opts.title or "sift report",
    top = top or 10,
    sentences = sentences or 3,
    tag = (type(opts.entities) == "function" and opts.entities)
      or (opts.entities ~= false and type(sift.entities) == "function" and sift.entities) or nil,
    articles = {},
    types = {},
  }, report)
  local kopts = { top = self.top }
  if not self.tag then
    kopts.entities = false
  end
  self.collector = keywords.collector(kopts)
  return self
end

--- Adds an article: a string, or {text =, title =, date =, name =, id =, byline =, site =} (the
-- byline and site of a web page, shown beside its name and date).
function report:add(doc)
  if type(doc) == "string" then
    doc = { text = doc }
  end
  check.arg("add", 1, doc, "string|table")
  -- its text; other fields are let be (an article read from JSON may have more)
  check.field("add", 1, doc, "text", "string")
  local ents = self.tag and self.tag(doc.text) or nil
  local summary = sift.summarize(doc.text, { sentences = self.sentences, entities = ents or false,
    headline = doc.title and not doc.text:find(doc.title, 1, true) and doc.title or nil })
  local n = #self.articles + 1
  self.collector:add({ text = doc.text, id = doc.id or n, title = doc.title, date = doc.date, entities = ents })
  if ents then
    for _, e in ipairs(ents) do
      self.types[e.type] = (self.types[e.type] or 0) + 1
    end
  end
  local sentences = {}
  for k, s in ipairs(summary) do
    sentences[k] = s.text:gsub("%s+", " ")
  end
  self.articles[n] = { name = doc.name or doc.id or ("article " .. n), summary = sentences,
    byline = type(doc.byline) == "string" and doc.byline ~= "" and doc.byline or nil,
    site = type(doc.site) == "string" and doc.site ~= "" and doc.site or nil }
end

-- An article's line under its title: name, byline, date, site (those it has), joined by `sep`,
-- each made safe by `fmt`.
local function meta_parts(a, fmt, sep)
  local parts = { fmt(a.name) }
  for _, v in ipairs({ a.byline or false, a.date or false, a.site or false }) do
    if v then
      parts[#parts + 1] = fmt(v)
    end
  end
  return table.concat(parts, sep)
end

-- The collection's keywords, once: articles are added before any output.
function report:result()
  if not self.done then
    self.done = self.collector:result()
    for n, a in ipairs(self.done.articles) do
      local mine = self.articles[n]
      mine.title = a.title
      mine.date = a.date
      mine.keywords = a.keywords
      mine.entities = a.keywords.entities or {}
      mine.counts = a.counts
    end
  end
  return self.done
end

-- Dates -------------------------------------------------------------------------------------------

-- The top keywords' counts per period ("YYYY-MM-DD" days, or "YYYY-MM" months when the dates span
-- more than 62 days): periods (sorted) and series {term =, values = {...}}; nil without two dates.
-- n (default 5): the series of the first n top keywords, a whole number >= 0 (math.huge: all).
function report:timeline(n)
  n = check.count("timeline", 1, n)
  local res = self:result()
  local dated = {}
  for _, a in ipairs(self.articles) do
    if a.date and a.date:match("^%d%d%d%d%-%d%d") then
      dated[#dated + 1] = a
    end
  end
  if #dated < 2 then
    return nil
  end
  local function day_number(d)
    local y, m, dd = d:match("^(%d+)%-(%d+)%-?(%d*)")
    return os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(dd) or 1, hour = 12 }) // 86400
  end
  local lo, hi = math.huge, -math.huge
  for _, a in ipairs(dated) do
    local d = day_number(a.date)
    lo, hi = math.min(lo, d), math.max(hi, d)
  end
  local monthly = hi - lo > 62
  local periods, index = {}, {}
  for _, a in ipairs(dated) do
    local p = monthly and a.date:sub(1, 7) or a.date
    if not index[p] then
      index[p] = true
      periods[#periods + 1] = p
    end
  end
  if #periods < 2 then
    return nil
  end
  table.sort(periods)
  for k, p in ipairs(periods) do
    index[p] = k
  end
  local series = {}
  for s = 1, math.min(n or 5, #res.top) do
    local t = res.top[s]
    local values = {}
    for k = 1, #periods do
      values[k] = 0
    end
    for _, a in ipairs(dated) do
      local k = index[monthly and a.date:sub(1, 7) or a.date]
      values[k] = values[k] + (a.counts[t.key] or 0)
    end
    series[#series + 1] = { term = t.term, values = values }
  end
  return periods, series
end

-- HTML ----------------------------------------------------------------------------------------------

-- Text for the page as valid UTF-8, an ill-formed byte as U+FFFD: the page declares UTF-8, and an
-- article's name (a file name), or text that was never decoded, may hold any bytes.
local function valid(s)
  return (sift.to_utf8(tostring(s), "UTF-8", { invalid = "replace" }))
end

local function esc(s)
  return (valid(s):gsub("[&<>\"']", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;",
    ["'"] = "&#39;" }))
end

local PALETTE = { "#3366aa", "#dd7722", "#339955", "#cc3344", "#8855bb", "#887733", "#cc66aa", "#666666" }

-- Horizontal bars: rows {label, value}; an inline SVG with a title for screen readers.
local function bar_chart(title, rows, color)
  local width, label_w, bar_h, gap = 560, 200, 18, 6
  local max = 0
  for _, r in ipairs(rows) do
    max = math.max(max, r[2])
  end
  local height = #rows * (bar_h + gap) + gap
  local out = {
    ('<svg class="chart bars" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
      .. 'viewBox="0 0 %d %d">'):format(esc(title), width, height, width, height),
    ("<title>%s</title>"):format(esc(title)),
  }
  for k, r in ipairs(rows) do
    local y = gap + (k - 1) * (bar_h + gap)
    local w = max > 0 and math.max(1, math.floor((width - label_w - 60) * r[2] / max + 0.5)) or 1
    out[#out + 1] = ('<text x="%d" y="%d" text-anchor="end" class="label">%s</text>'):format(label_w - 8,
      y + bar_h - 4, esc(r[1]))
    out[#out + 1] = ('<rect x="%d" y="%d" width="%d" height="%d" fill="%s"><title>%s: %s</title></rect>'):format(
      label_w, y, w, bar_h, color or PALETTE[1], esc(r[1]), esc(r[2]))
    out[#out + 1] = ('<text x="%d" y="%d" class="value">%s</text>'):format(label_w + w + 6, y + bar_h - 4, esc(r[2]))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

-- Lines over periods: series {term, values}; an inline SVG with a legend.
local function line_chart(title, periods, series)
  local width, height, left, right, top, bottom = 640, 300, 48, 150, 16, 56
  local max = 1
  for _, s in ipairs(series) do
    for _, v in ipairs(s.values) do
      max = math.max(max, v)
    end
  end
  local pw, ph = width - left - right, height - top - bottom
  local function x(k)
    return left + (#periods == 1 and pw / 2 or (k - 1) * pw / (#periods - 1))
  end
  local function y(v)
    return top + ph - ph * v / max
  end
  local out = {
    ('<svg class="chart lines" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
      .. 'viewBox="0 0 %d %d">'):format(esc(title), width, height, width, height),
    ("<title>%s</title>"):format(esc(title)),
    ('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>'):format(left, top + ph, left + pw, top + ph),
    ('<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>'):format(left, top, left, top + ph),
    ('<text x="%d" y="%d" text-anchor="end" class="value">%d</text>'):format(left - 6, top + 10, max),
    ('<text x="%d" y="%d" text-anchor="end" class="value">0</text>'):format(left - 6, top + ph),
  }
  local step = math.max(1, math.ceil(#periods / 8))
  for k, p in ipairs(periods) do
    if (k - 1) % step == 0 or k == #periods then
      out[#out + 1] = ('<text x="%.1f" y="%d" text-anchor="end" transform="rotate(-35 %.1f %d)" '
        .. 'class="value">%s</text>')
        :format(x(k), top + ph + 16, x(k), top + ph + 16, esc(p))
    end
  end
  for s, ser in ipairs(series) do
    local color = PALETTE[(s - 1) % #PALETTE + 1]
    local pts = {}
    for k, v in ipairs(ser.values) do
      pts[k] = ("%.1f,%.1f"):format(x(k), y(v))
    end
    out[#out + 1] = ('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"><title>%s</title></polyline>')
      :format(color, table.concat(pts, " "), esc(ser.term))
    for k, v in ipairs(ser.values) do
      out[#out + 1] = ('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"><title>%s, %s: %d</title></circle>'):format(
        x(k), y(v), color, esc(ser.term), esc(periods[k]), v)
    end
    local ly = top + 14 + (s - 1) * 20
    out[#out + 1] = ('<rect x="%d" y="%d" width="12" height="12" fill="%s"/>'):format(width - right + 16, ly - 10,
      color)
    out[#out + 1] = ('<text x="%d" y="%d" class="label">%s</text>'):format(width - right + 34, ly, esc(ser.term))
  end
  out[#out + 1] = "</svg>"
  return table.concat(out, "\n")
end

local CSS = [[
body { font-family: Georgia, "DejaVu Serif", serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
  color: #222; background: #fff; line-height: 1.45; }
h1, h2, h3 { font-family: "DejaVu Sans", Arial, sans-serif; }
h1 { border-bottom: 3px solid #3366aa; padding-bottom: .3rem; }
section.overview { display: flex; flex-wrap: wrap; gap: 1.5rem; }
figure { margin: 0 0 1rem 0; }
figcaption { font-family: "DejaVu Sans", Arial, sans-serif; font-weight: bold; margin-bottom: .3rem; }
svg.chart text { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 12px; fill: #333; }
svg.chart .axis { stroke: #999; stroke-width: 1; }
article { border-top: 1px solid #ccc; padding-top: .5rem; margin-top: 1.5rem; }
article .meta { color: #666; font-size: .9rem; }
ul.keywords { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .3rem; }
ul.keywords li { background: #e8eef8; border-radius: 3px; padding: 0 .4rem; font-size: .9rem; }
ul.keywords li span { color: #666; }
table.entities { border-collapse: collapse; font-size: .9rem; }
table.entities td, table.entities th { border-bottom: 1px solid #ddd; padding: .1rem .6rem; text-align: left; }
footer { color: #888; font-size: .8rem; margin-top: 2rem; }
]]

--- The report as one HTML page.
function report:html()
  local res = self:result()
  local out = {
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    ("<title>%s</title>"):format(esc(self.title)),
    "<style>" .. CSS .. "</style>",
    "</head>",
    "<body>",
    ("<h1>%s</h1>"):format(esc(self.title)),
    ("<p>%d articles.</p>"):format(res.documents),
    '<section class="overview">',
  }
  -- the top keywords (chosen by score), drawn from the most mentioned down
  local rows = {}
  for k, t in ipairs(res.top) do
    rows[k] = { t.term, t.count, k }
  end
  table.sort(rows, function(a, b)
    if a[2] ~= b[2] then
      return a[2] > b[2]
    end
    return a[3] < b[3]
  end)
  if #rows > 0 then
    out[#out + 1] = '<figure id="keywords-chart"><figcaption>Top keywords (mentions over all articles)</figcaption>'
    out[#out + 1] = bar_chart("Top keywords", rows, PALETTE[1])
    out[#out + 1] = "</figure>"
  end
  local types = {}
  for t, c in pairs(self.types) do
    types[#types + 1] = { t, c }
  end
  table.sort(types, function(a, b)
    if a[2] ~= b[2] then
      return a[2] > b[2]
    end
    return a[1] < b[1]
  end)
  if #types > 0 then
    out[#out + 1] = '<figure id="entity-types-chart"><figcaption>Entity mentions by type</figcaption>'
    out[#out + 1] = bar_chart("Entity mentions by type", types, PALETTE[2])
    out[#out + 1] = "</figure>"
  end
  local periods, series = self:timeline(5)
  if periods then
    out[#out + 1] = '<figure id="timeline-chart"><figcaption>Top keywords over time</figcaption>'
    out[#out + 1] = line_chart("Top keywords over time", periods, series)
    out[#out + 1] = "</figure>"
  end
  out[#out + 1] = "</section>"
  for _, a in ipairs(self.articles) do
    out[#out + 1] = "<article>"
    out[#out + 1] = ("<h2>%s</h2>"):format(esc(a.title or a.name))
    out[#out + 1] = ('<p class="meta">%s</p>'):format(meta_parts(a, esc, " &middot; "))
    if #a.summary > 0 then
      out[#out + 1] = ('<p class="summary">%s</p>'):format(esc(table.concat(a.summary, " ")))
    end
    if #a.keywords > 0 then
      local chips = {}
      for k, e in ipairs(a.keywords) do
        chips[k] = ("<li>%s <span>%d</span></li>"):format(esc(e.term), e.count)
      end
      out[#out + 1] = '<ul class="keywords">' .. table.concat(chips) .. "</ul>"
    end
    if #a.entities > 0 then
      local trs = { "<tr><th>Entity</th><th>Type</th><th>Mentions</th></tr>" }
      for k, e in ipairs(a.entities) do
        if k > self.top then
          break
        end
        trs[#trs + 1] = ("<tr><td>%s</td><td>%s</td><td>%d</td></tr>"):format(esc(e.canonical), esc(e.type or ""),
          e.count)
      end
      out[#out + 1] = '<table class="entities">' .. table.concat(trs) .. "</table>"
    end
    out[#out + 1] = "</article>"
  end
  out[#out + 1] = ("<footer>Made by sift %s.</footer>"):format(esc(sift.version))
  out[#out + 1] = "</body>"
  out[#out + 1] = "</html>"
  return table.concat(out, "\n") .. "\n"
end

-- Markdown ------------------------------------------------------------------------------------------

local function md(s)
  return (valid(s):gsub("([\\`*_%[%]<>|#])", "\\%1"):gsub("[\r\n]+", " "))
end

local function md_table(header, rows)
  local out = { "| " .. table.concat(header, " | ") .. " |", "|" .. (" --- |"):rep(#header) }
  for _, r in ipairs(rows) do
    local cells = {}
    for k = 1, #header do
      cells[k] = md(r[k] == nil and "" or r[k])
    end
    out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
  end
  return table.concat(out, "\n") .. "\n"
end

--- The report as Markdown: the same content, with tables in place of the charts.
function report:markdown()
  local res = self:result()
  local out = { "# " .. md(self.title), "", ("%d articles."):format(res.documents), "" }
  if #res.top > 0 then
    local rows = {}
    for k, t in ipairs(res.top) do
      rows[k] = { k, t.term, t.count, t.df }
    end
    out[#out + 1] = "## Top keywords\n"
    out[#out + 1] = md_table({ "#", "Keyword", "Mentions", "Articles" }, rows)
  end
  local types = {}
  for t, c in pairs(self.types) do
    types[#types + 1] = { t, c }
  end
  table.sort(types, function(a, b)
    if a[2] ~= b[2] then
      return a[2] > b[2]
    end
    return a[1] < b[1]
  end)
  if #types > 0 then
    out[#out + 1] = "## Entity mentions by type\n"
    out[#out + 1] = md_table({ "Type", "Mentions" }, types)
  end
  local periods, series = self:timeline(5)
  if periods then
    local header = { "Period" }
    for k, s in ipairs(series) do
      header[k + 1] = md(s.term)
    end
    local rows = {}
    for k, p in ipairs(periods) do
      local row = { p }
      for s, ser in ipairs(series) do
        row[s + 1] = ser.values[k]
      end
      rows[k] = row
    end
    out[#out + 1] = "## Top keywords over time\n"
    out[#out + 1] = md_table(header, rows)
  end
  for _, a in ipairs(self.articles) do
    out[#out + 1] = "## " .. md(a.title or a.name) .. "\n"
    out[#out + 1] = "*" .. meta_parts(a, md, " · ") .. "*\n"
    if #a.summary > 0 then
      out[#out + 1] = md(table.concat(a.summary, " ")) .. "\n"
    end
    if #a.keywords > 0 then
      local kw = {}
      for k, e in ipairs(a.keywords) do
        kw[k] = ("%s (%d)"):format(md(e.term), e.count)
      end
      out[#out + 1] = "**Keywords:** " .. table.concat(kw, ", ") .. "\n"
    end
    if #a.entities > 0 then
      local rows = {}
      for k, e in ipairs(a.entities) do
        if k > self.top then
          break
        end
        rows[k] = { e.canonical, e.type or "", e.count }
      end
      out[#out + 1] = md_table({ "Entity", "Type", "Mentions" }, rows)
    end
  end
  return table.concat(out, "\n")
end

return report
