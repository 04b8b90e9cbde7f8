--- sift.merge: puts translations back into articles.
--
-- `merge.read` reads a translated XLIFF 2.0, XLIFF 1.2 or PO file (as sift segments writes them,
-- and as CAT tools give them back: CDATA, entities, inline codes, prefixed namespaces, re-wrapped
-- PO strings, fuzzy entries); `merge.apply` cuts the original article again, finds each segment's
-- translation by its stable id, and writes the article with the translations in place of the
-- sentences and everything between them (paragraph breaks, indentation, line ends) as it was.
local segments = require "sift.segments"
local xml = require "sift.xml"
local po = require "sift.po"
local check = require "sift.check"

local merge = {}

local concat, format = table.concat, string.format

local XLIFF2_NS = "urn:oasis:names:tc:xliff:document:2"
local XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"

-- Whether merge.read reads a web page's codes (its option `codes`) as markers.
local reading_codes = false

-- A new article entry of a translation.
local function new_article(id, line)
  return { id = id, line = line, targets = {}, known = {}, units = {}, whole = {}, count = 0, lines = {} }
end

-- The text of inline content: protected spans and paired codes give their content, placeholders
-- the original data they point to, <cp/> its character; markers give nothing. (Through xml.walk,
-- which keeps its own stack: codes nested 100,000 deep overflowed the recursion that was here.)
local function flatten(node, data, out)
  xml.walk(node, function(c)
    if type(c) == "string" then
      out[#out + 1] = c
      return false
    end
    local name = c.local_name
    -- the codes of a web page's markup (ids c1, c2, ...: sift.page) are markers, "\1" N "\2" for a
    -- start or lone code and "\1/" N "\2" for the end of code N, that sift.page checks and
    -- turns back into the page's tags
    local cid = reading_codes and (c.attrs.id or ""):match("^c(%d+)$")
    local start_ref = reading_codes and (c.attrs.startRef or c.attrs.rid or ""):match("^c(%d+)$")
    if (name == "pc" or name == "g") and cid then
      out[#out + 1] = "\1" .. cid .. "\2"
      return true -- its end marker when the walk leaves it
    elseif (name == "ec" or name == "ex" or name == "ept") and start_ref then
      out[#out + 1] = "\1/" .. start_ref .. "\2"
      return false
    elseif (name == "ept" or name == "ex") and cid then
      out[#out + 1] = "\1/" .. cid .. "\2"
      return false
    elseif (name == "sc" or name == "ph" or name == "x" or name == "bx" or name == "bpt" or name == "it") and cid then
      out[#out + 1] = "\1" .. cid .. "\2"
      return false
    end
    if name == "cp" then
      -- (tonumber wraps a long hex number round to a negative integer; surrogates are not
      -- characters)
      local cp = tonumber(c.attrs.hex or "", 16)
      if not cp or cp < 0 or cp > 0x10FFFF or (cp >= 0xD800 and cp <= 0xDFFF) then
        error({ merge_error = true, line = c.line, message = "<cp> with a bad hex attribute" }, 0)
      end
      out[#out + 1] = utf8.char(cp)
      return false
    elseif name == "ph" or name == "sc" or name == "ec" then
      local ref = c.attrs.dataRef
      if ref and data[ref] then
        out[#out + 1] = data[ref]
        return false
      elseif ref then
        error({ merge_error = true, line = c.line,
          message = "<" .. name .. "> points at missing data '" .. ref .. "'" }, 0)
      elseif c.attrs.equiv then
        out[#out + 1] = c.attrs.equiv
        return false
      end
      -- XLIFF 1.2 <ph> holds its native code as content
      return true
    elseif name == "sm" or name == "em" or name == "x" or name == "bx" or name == "ex" then
      -- markers and empty codes: nothing of the text
      return false
    end
    -- mrk, pc, g, sub, bpt, ept, it and anything from another namespace: their content
    return true
  end, function(c)
    local cid = reading_codes and (c.local_name == "pc" or c.local_name == "g") and (c.attrs.id or ""):match("^c(%d+)$")
    if cid then
      out[#out + 1] = "\1/" .. cid .. "\2"
    end
  end)
  return out
end

local function text_of(node, data)
  return concat(flatten(node, data or {}, {}))
end

-- XLIFF 2.0 -----------------------------------------------------------------------------------

local function read_xliff2_unit(unit, article)
  local data = {}
  local od = xml.child(unit, "originalData")
  if od then
    for _, d in ipairs(xml.children(od, "data")) do
      if d.attrs.id then
        data[d.attrs.id] = text_of(d)
      end
    end
  end
  local whole, resegmented, complete = {}, false, true
  for _, c in ipairs(unit.children) do
    if type(c) == "table" and (c.local_name == "segment" or c.local_name == "ignorable") then
      local source = xml.child(c, "source")
      if not source then
        error({ merge_error = true, line = c.line, message = "<" .. c.local_name .. "> without <source>" }, 0)
      end
      local target = xml.child(c, "target")
      local ttext = target and text_of(target, data)
      local stext = text_of(source, data)
      if c.local_name == "segment" then
        local id = c.attrs.id
        if id then
          article.known[id] = true
          article.lines[id] = c.line
          article.count = article.count + 1
          if ttext and (ttext ~= "" or stext == "") then
            article.targets[id] = ttext
          end
        else
          resegmented = true
        end
        complete = complete and ttext ~= nil and (ttext ~= "" or stext == "")
        whole[#whole + 1] = ttext or stext
      else
        whole[#whole + 1] = ttext or stext
      end
    end
  end
  -- a CAT tool that joined or split segments drops their ids: the unit (a paragraph) is then
  -- replaced as a whole
  if resegmented and unit.attrs.id then
    article.units[unit.attrs.id] = concat(whole)
  elseif complete and unit.attrs.id then
    -- kept for a paragraph that is now cut into other sentences (the splitter changed since the
    -- export): with <ignorable>, the unit holds the whole paragraph
    article.whole[unit.attrs.id] = concat(whole)
  end
end

-- The units of a <file>, in groups nested to any depth (xml.walk: no recursion).
local function read_xliff2_container(node, article)
  xml.walk(node, function(c)
    if type(c) == "table" then
      if c.local_name == "unit" then
        if c.attrs.translate ~= "no" then
          read_xliff2_unit(c, article)
        end
      elseif c.local_name == "group" then
        return true
      end
    end
    return false
  end)
end

local function read_xliff2(root)
  local t = { format = "xliff2", articles = {}, target_lang = root.attrs.trgLang }
  for _, file in ipairs(xml.children(root, "file")) do
    local article = new_article(file.attrs.original or file.attrs.id, file.line)
    read_xliff2_container(file, article)
    t.articles[#t.articles + 1] = article
  end
  return t
end

-- XLIFF 1.2 -----------------------------------------------------------------------------------

-- The trans-units of a <body>, in groups nested to any depth (xml.walk: no recursion).
local function read_xliff12_container(node, article)
  xml.walk(node, function(c)
    if type(c) == "table" then
      if c.local_name == "trans-unit" then
        local id = c.attrs.id
        if not id then
          error({ merge_error = true, line = c.line, message = "<trans-unit> without id" }, 0)
        end
        if c.attrs.translate ~= "no" then
          article.known[id] = true
          article.lines[id] = c.line
          article.count = article.count + 1
          local target = xml.child(c, "target")
          local source = xml.child(c, "source")
          if target then
            local ttext = text_of(target)
            if ttext ~= "" or (source and text_of(source) == "") then
              article.targets[id] = ttext
            end
          end
        end
      elseif c.local_name == "group" then
        return true
      end
    end
    return false
  end)
end

local function read_xliff12(root)
  local t = { format = "xliff12", articles = {} }
  for _, file in ipairs(xml.children(root, "file")) do
    t.target_lang = t.target_lang or file.attrs["target-language"]
    local article = new_article(file.attrs.original, file.line)
    local body = xml.child(file, "body")
    if not body then
      error({ merge_error = true, line = file.line, message = "<file> without <body>" }, 0)
    end
    read_xliff12_container(body, article)
    t.articles[#t.articles + 1] = article
  end
  return t
end

-- PO ------------------------------------------------------------------------------------------

local function read_po(entries, opts)
  local t = { format = "po", articles = {}, fuzzy = 0 }
  local by_id = {}
  for _, e in ipairs(entries) do
    if e.msgctxt == nil and e.msgid == "" and e.msgstr[0] then
      local lang = e.msgstr[0]:match("\nLanguage: *([%w%-_]+)") or e.msgstr[0]:match("^Language: *([%w%-_]+)")
      t.target_lang = lang and lang:gsub("_", "-")
    end
    if e.msgctxt ~= nil or e.msgid ~= "" then
      if not e.msgctxt then
        error({ merge_error = true, line = e.line, message = "entry without msgctxt (the segment id)" }, 0)
      end
      -- sift writes "#. article: NAME, paragraph N"; entries without it go to an unnamed article
      local name
      for _, c in ipairs(e.extracted) do
        name = name or c:match("^article: (.*), paragraph %d+$")
      end
      local key = name or "\0"
      local article = by_id[key]
      if not article then
        article = new_article(name, e.line)
        by_id[key] = article
        t.articles[#t.articles + 1] = article
      end
      if article.known[e.msgctxt] then
        error({ merge_error = true, line = e.line, message = "segment " .. e.msgctxt .. " appears twice" }, 0)
      end
      article.known[e.msgctxt] = true
      article.lines[e.msgctxt] = e.line
      article.count = article.count + 1
      local str = e.msgstr[0]
      if e.flags.fuzzy and not opts.fuzzy then
        t.fuzzy = t.fuzzy + 1
      elseif str and (str ~= "" or e.msgid == "") then
        article.targets[e.msgctxt] = str
      end
    end
  end
  return t
end

--- Reads a translated file (XLIFF 2.0, XLIFF 1.2 or PO, told apart by their content). Returns
-- {format =, articles = {{id =, targets = {segment id -> text}, known = {segment id -> true},
-- units = {unit id -> text of a resegmented unit}, whole = {unit id -> text of a unit translated
-- in full}, count =}...}}, or nil, a message that starts "line N:", and N.
-- Options: fuzzy (use fuzzy PO entries too), codes (read the codes of a web page, ids c1, c2, ...,
-- as the markers "\1N\2" and "\1/N\2" that sift.page.merge checks; without it a code gives its
-- text, as for articles).
function merge.read(data, opts)
  check.arg("read", 1, data, "string")
  opts = opts or {}
  reading_codes = opts.codes == true
  local probe = data:gsub("^\239\187\191", ""):sub(1, 1)
  local is_xml = probe == "<" or data:sub(1, 2) == "\255\254" or data:sub(1, 2) == "\254\255"
  local ok, result
  if is_xml then
    local root, err, line = xml.parse(data)
    if not root then
      return nil, err, line
    end
    if root.local_name ~= "xliff" then
      return nil, format("line %d: the root element is <%s>, not <xliff>", root.line, root.name), root.line
    end
    local version = root.attrs.version or ""
    local ns = root.ns or ""
    ok, result = pcall(function()
      if version:match("^2%.") or ns:sub(1, #XLIFF2_NS) == XLIFF2_NS then
        return read_xliff2(root)
      elseif version == "1.2" or ns == XLIFF12_NS then
        return read_xliff12(root)
      end
      error({ merge_error = true, line = root.line,
        message = "XLIFF version '" .. version .. "' (sift reads 2.0 and 1.2)" }, 0)
    end)
  else
    local entries, err, line = po.parse(data)
    if not entries then
      return nil, err, line
    end
    ok, result = pcall(read_po, entries, opts)
  end
  if not ok then
    if type(result) == "table" and result.merge_error then
      return nil, format("line %d: %s", result.line, result.message), result.line
    end
    error(result, 0)
  end
  local total = 0
  for _, a in ipairs(result.articles) do
    total = total + a.count
  end
  if total == 0 then
    return nil, "line 1: no segments in the file", 1
  end
  return result
end

-- Applying ------------------------------------------------------------------------------------

local function basename(s)
  return (s:match("([^/\\]*)$"))
end

-- Picks the entry of `translation` that the article was exported as, and the article id it was
-- exported under: the candidate whose segment ids match most of the article's. An entry named like
-- the article is tried first, so that merging one article of a large file does not hash the
-- article under every name the file holds.
local function choose(article, translation, opts)
  local best, best_id, best_hits = nil, nil, 0
  local function try(entry, id)
    local ids, unit_ids = segments.ids(article, id)
    local hits = 0
    for _, sid in ipairs(ids) do
      if entry.known[sid] then
        hits = hits + 1
      end
    end
    for _, uid in ipairs(unit_ids) do
      if entry.units[uid] or entry.whole[uid] then
        hits = hits + 1
      end
    end
    if hits > best_hits then
      best, best_id, best_hits = entry, id, hits
    end
  end
  local function candidates(entry)
    if opts.id then
      return { opts.id }
    end
    local list = {}
    if entry.id then
      list[#list + 1] = entry.id
    end
    if opts.name and opts.name ~= entry.id then
      list[#list + 1] = opts.name
    end
    if #list == 0 then
      list[1] = "article"
    end
    return list
  end
  if opts.name then
    for _, entry in ipairs(translation.articles) do
      if entry.id and (entry.id == opts.name or basename(entry.id) == basename(opts.name)) then
        for _, id in ipairs(candidates(entry)) do
          try(entry, id)
        end
      end
    end
  end
  if not best then
    for _, entry in ipairs(translation.articles) do
      for _, id in ipairs(candidates(entry)) do
        try(entry, id)
      end
    end
  end
  return best, best_id
end

--- Puts the translation back into the article `text`. Options: id (the article id it was exported
-- under; by default the one of the translation whose segment ids fit), name (the article's name,
-- tried when the translation does not say), sentences, abbreviations (as given to segments.segment
-- when it was exported). Returns the translated text and a report {segments =, translated =,
-- untranslated = {segment...}, article_id =}, or nil and a message when none of the article's
-- segments is in the translation.
--- The entry of `translation` (from merge.read) that `article` (cut again, by segments.segment or
-- sift.page) was exported as, and the article id it had; the article's segments and units get the
-- ids the exporter gave them under that id. Returns the entry and the id, or nil when no entry
-- holds any of the article's segments.
function merge.bind(article, translation, opts)
  local entry, id = choose(article, translation, opts)
  if not entry then
    return nil
  end
  local seg_ids, unit_ids = segments.ids(article, id)
  for n, seg in ipairs(article.segments) do
    seg.id = seg_ids[n]
  end
  for n, unit in ipairs(article.units) do
    unit.id = unit_ids[n]
  end
  return entry, id
end

function merge.apply(text, translation, opts)
  check.arg("apply", 1, text, "string")
  if type(translation) ~= "table" or type(translation.articles) ~= "table" then
    check.fail("apply", 2, "a translation from merge.read expected")
  end
  opts = opts or {}
  local article = segments.segment(text, {
    id = opts.id or "article", sentences = opts.sentences, abbreviations = opts.abbreviations, protect = {},
    entities = false,
  })
  if #article.segments == 0 then
    return text, { segments = 0, translated = 0, untranslated = {}, article_id = opts.id }
  end
  local entry, id = merge.bind(article, translation, opts)
  if not entry then
    return nil, "none of the article's segments is in the translation (was it exported from another "
      .. "version of the article, or with other options?)"
  end
  local units = article.units
  local out, pos = {}, 1
  local report = { segments = #article.segments, translated = 0, untranslated = {}, article_id = id }
  for _, unit in ipairs(units) do
    local whole = entry.units[unit.id]
    if not whole and entry.whole[unit.id] then
      for _, seg in ipairs(unit.segments) do
        if not entry.targets[seg.id] then
          whole = entry.whole[unit.id]
          break
        end
      end
    end
    if whole then
      out[#out + 1] = text:sub(pos, unit.i - 1)
      out[#out + 1] = whole
      pos = unit.j + 1
      report.translated = report.translated + #unit.segments
    else
      for _, seg in ipairs(unit.segments) do
        out[#out + 1] = text:sub(pos, seg.i - 1)
        local t = entry.targets[seg.id]
        if t then
          report.translated = report.translated + 1
        else
          report.untranslated[#report.untranslated + 1] = seg
          t = seg.text
        end
        out[#out + 1] = t
        pos = seg.j + 1
      end
    end
  end
  out[#out + 1] = text:sub(pos)
  return concat(out), report
end

merge.basename = basename

return merge
