--- sift.xml: the XML that sift writes (XLIFF, TMX, SRX) and reads back (translated XLIFF).
--
-- Writing: `xml.clean` removes what XML 1.0 cannot hold and says where, `xml.text` and `xml.attr`
-- escape. Reading: `xml.parse` is a small non-validating parser, strict about well-formedness,
-- that builds a tree and reports errors with their line number. It knows no DTDs: a DOCTYPE is
-- skipped, and only the predefined entities and character references are expanded.
local check = require "sift.check"

local xml = {}

local byte, concat, find, format, sub = string.byte, table.concat, string.find, string.format, string.sub

-- Writing -------------------------------------------------------------------------------------

-- Bytes that may start a problem: the C0 controls XML 1.0 forbids (all but tab, LF, CR), and every
-- non-ASCII byte (checked further: ill-formed UTF-8, surrogates, U+FFFE and U+FFFF).
local SUSPECT = "[%z\1-\8\11\12\14-\31\128-\255]"
local CONTROL = "[%z\1-\8\11\12\14-\31]"

-- The length of the well-formed UTF-8 sequence at `pos` and its code point; or nil and the
-- length of the maximal ill-formed subpart there (Unicode's rule for counting replacements).
local function utf8_at(s, pos)
  local c = byte(s, pos)
  if c < 0x80 then
    return 1, c
  end
  local n, lo, hi
  if c >= 0xC2 and c <= 0xDF then
    n, lo, hi = 2, 0x80, 0xBF
  elseif c == 0xE0 then
    n, lo, hi = 3, 0xA0, 0xBF
  elseif c == 0xED then
    n, lo, hi = 3, 0x80, 0x9F -- not the surrogates
  elseif c >= 0xE1 and c <= 0xEF then
    n, lo, hi = 3, 0x80, 0xBF
  elseif c == 0xF0 then
    n, lo, hi = 4, 0x90, 0xBF
  elseif c >= 0xF1 and c <= 0xF3 then
    n, lo, hi = 4, 0x80, 0xBF
  elseif c == 0xF4 then
    n, lo, hi = 4, 0x80, 0x8F
  else
    return nil, 1
  end
  local cp = c & (0xFF >> (n + 1))
  for k = 1, n - 1 do
    local d = byte(s, pos + k)
    if not d or d < lo or d > hi then
      return nil, k
    end
    cp = (cp << 6) | (d & 0x3F)
    lo, hi = 0x80, 0xBF
  end
  return n, cp
end

xml.utf8_at = utf8_at

--- Removes what XML 1.0 does not allow in a document: the control characters other than tab, LF
-- and CR, U+FFFE and U+FFFF, and ill-formed UTF-8 (which becomes U+FFFD). Characters outside the
-- BMP are kept. Returns the clean string and an array of what was changed,
-- {pos = byte position in `s`, what = "U+0001" or "byte 0xFF"}, empty when nothing was. A
-- maximal ill-formed subpart gives one U+FFFD and is reported by its first byte.
function xml.clean(s)
  if not find(s, SUSPECT) then
    return s, {}
  end
  -- well-formed UTF-8 without forbidden characters is common: check it with the library first
  if not find(s, CONTROL) and not find(s, "\239\191[\190\191]") and not find(s, "\237[\160-\191]")
    and utf8.len(s) then
    return s, {}
  end
  local out, problems, pos, start, n = {}, {}, 1, 1, #s
  while pos <= n do
    local len, cp = utf8_at(s, pos)
    local bad
    if not len then
      bad = format("byte 0x%02X", byte(s, pos))
      len = cp
    elseif (cp < 0x20 and cp ~= 9 and cp ~= 10 and cp ~= 13) or cp == 0xFFFE or cp == 0xFFFF then
      bad = format("U+%04X", cp)
    end
    if bad then
      out[#out + 1] = sub(s, start, pos - 1)
      if bad:sub(1, 4) == "byte" then
        out[#out + 1] = "\u{FFFD}"
      end
      problems[#problems + 1] = { pos = pos, what = bad }
      start = pos + len
    end
    pos = pos + len
  end
  out[#out + 1] = sub(s, start)
  return concat(out), problems
end

local TEXT_ESCAPES = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  -- a parser turns a literal CR (and CR LF) into LF; a reference survives
  ["\r"] = "&#13;",
}
local ATTR_ESCAPES = {
  ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&apos;",
  -- a parser turns literal white space in an attribute into spaces
  ["\t"] = "&#9;", ["\n"] = "&#10;", ["\r"] = "&#13;",
}

--- Escapes character data: & < > " ' and CR. `s` must be clean (see xml.clean).
function xml.text(s)
  return (s:gsub("[&<>\"'\r]", TEXT_ESCAPES))
end

--- Escapes an attribute value (written between double quotes): & < > " ', tab, LF and CR.
function xml.attr(s)
  return (s:gsub("[&<>\"'\t\n\r]", ATTR_ESCAPES))
end

-- Reading ------------------------------------------------------------------------------------

local PREDEFINED = { amp = "&", lt = "<", gt = ">", quot = '"', apos = "'" }

-- Raises a parse error at byte `pos` of the document.
local function fail(state, pos, message)
  error({ xml_error = true, pos = pos, message = message, state = state }, 0)
end

--- The line number of byte `pos` in `s` (1-based).
function xml.line_of(s, pos)
  local line, at = 1, 1
  while true do
    local nl = find(s, "\n", at, true)
    if not nl or nl >= pos then
      return line
    end
    line = line + 1
    at = nl + 1
  end
end

local function is_xml_char(cp)
  return cp == 9 or cp == 10 or cp == 13 or (cp >= 0x20 and cp <= 0xD7FF) or (cp >= 0xE000 and cp <= 0xFFFD)
    or (cp >= 0x10000 and cp <= 0x10FFFF)
end

-- Expands the references in raw character data or an attribute value that starts at byte `base`.
local function expand(state, raw, base)
  if not find(raw, "&", 1, true) then
    return raw
  end
  local out, pos = {}, 1
  while true do
    local amp = find(raw, "&", pos, true)
    if not amp then
      out[#out + 1] = sub(raw, pos)
      break
    end
    out[#out + 1] = sub(raw, pos, amp - 1)
    local semi = find(raw, ";", amp, true)
    local name = semi and sub(raw, amp + 1, semi - 1)
    if not name or not name:find("^#?[%w_:%.%-]+$") then
      fail(state, base + amp - 1, "'&' that does not start a reference (write &amp;)")
    end
    local value
    if name:sub(1, 1) == "#" then
      local cp
      if name:find("^#x%x+$") then
        cp = tonumber(name:sub(3), 16)
      elseif name:find("^#%d+$") then
        cp = tonumber(name:sub(2))
      end
      if not cp or not is_xml_char(cp) then
        fail(state, base + amp - 1, "character reference &" .. name .. "; to a character XML 1.0 does not allow")
      end
      value = utf8.char(cp)
    else
      value = PREDEFINED[name]
      if not value then
        fail(state, base + amp - 1, "unknown entity &" .. name .. ";")
      end
    end
    out[#out + 1] = value
    pos = semi + 1
  end
  return concat(out)
end

local NAME = "^[%a_:\128-\255][%w_:%.%-\128-\255]*"

-- Parses attributes from `pos` up to '>' or '/>'; returns attrs, list of names, the position after
-- the tag, and whether it closed itself.
local function parse_attrs(state, s, pos, tagname)
  local attrs, order = {}, {}
  while true do
    local _, ws = find(s, "^[ \t\r\n]+", pos)
    local after = ws and ws + 1 or pos
    local c = sub(s, after, after)
    if c == ">" then
      return attrs, order, after + 1, false
    elseif sub(s, after, after + 1) == "/>" then
      return attrs, order, after + 2, true
    elseif c == "" then
      fail(state, pos, "unclosed tag <" .. tagname)
    end
    if not ws then
      fail(state, after, "expected white space, '>' or '/>' in tag <" .. tagname)
    end
    local _, e = find(s, NAME, after)
    if not e then
      fail(state, after, "bad attribute name in tag <" .. tagname)
    end
    local name = sub(s, after, e)
    local eq = select(2, find(s, "^[ \t\r\n]*=[ \t\r\n]*", e + 1))
    if not eq then
      fail(state, e + 1, "attribute " .. name .. " of <" .. tagname .. "> has no '=' and value")
    end
    local q = sub(s, eq + 1, eq + 1)
    if q ~= '"' and q ~= "'" then
      fail(state, eq + 1, "the value of attribute " .. name .. " is not quoted")
    end
    local close = find(s, q, eq + 2, true)
    if not close then
      fail(state, eq + 1, "unterminated value of attribute " .. name)
    end
    local raw = sub(s, eq + 2, close - 1)
    if find(raw, "<", 1, true) then
      fail(state, eq + 1 + find(raw, "<", 1, true), "'<' in the value of attribute " .. name)
    end
    if attrs[name] then
      fail(state, after, "attribute " .. name .. " appears twice in <" .. tagname .. ">")
    end
    -- attribute-value normalisation: literal white space becomes a space, references stay
    attrs[name] = expand(state, raw:gsub("\r\n", " "):gsub("[\t\n\r]", " "), eq + 2)
    order[#order + 1] = name
    pos = close + 1
  end
end

-- Resolves the element's namespace: `ns` is the namespace URI of its prefix (or the default).
-- `bindings` maps each prefix ("" for the default) to the stack of the URIs bound to it by the
-- open elements, innermost last; the declarations of `node` are pushed there, and the prefixes it
-- declared returned (nil when none) for the caller to pop when the element ends. (A scope table
-- for each element, falling back on its parent's through __index, made every lookup walk the
-- depth of the document, and raised "'__index' chain too long" past 2000 declaring elements.)
local function resolve(state, node, bindings, pos)
  local declared
  for _, name in ipairs(node.order) do
    if name == "xmlns" or name:sub(1, 6) == "xmlns:" then
      local prefix = name == "xmlns" and "" or name:sub(7)
      local uris = bindings[prefix]
      if not uris then
        uris = {}
        bindings[prefix] = uris
      end
      uris[#uris + 1] = node.attrs[name]
      declared = declared or {}
      declared[#declared + 1] = prefix
    end
  end
  local prefix, lname = node.name:match("^([^:]*):(.*)$")
  if not prefix then
    prefix, lname = "", node.name
  end
  local uris = bindings[prefix]
  local uri = uris and uris[#uris]
  if prefix ~= "" and uri == nil then
    fail(state, pos, "undeclared namespace prefix " .. prefix .. " in <" .. node.name .. ">")
  end
  node.ns = uri ~= "" and uri or nil
  node.local_name = lname
  return declared
end

-- Pops the namespace declarations of an element that ends (the prefixes `resolve` returned).
local function unbind(bindings, declared)
  if declared then
    for _, prefix in ipairs(declared) do
      local uris = bindings[prefix]
      uris[#uris] = nil
    end
  end
end

-- The DOCTYPE ---------------------------------------------------------------------------------
--
-- sift reads no DTD, but skipping one takes its grammar (XML 1.0, productions 28-29 and 75): a ']'
-- or '>' ends nothing inside a quoted literal, a comment or a processing instruction, and a search
-- for the next ']' of the subset (as was done here) stopped in the middle of <!ENTITY a "x]y">.
-- Each part is found by one search forward from the end of the last, which keeps the time linear.

local S = "^[ \t\r\n]+"

-- The position after the literal quoted in ' or " that starts at `pos`; `what` names it in the
-- error when there is none there. An unterminated literal is reported where it starts.
local function skip_literal(state, s, pos, what)
  local q = sub(s, pos, pos)
  if q ~= '"' and q ~= "'" then
    fail(state, pos, "expected a quoted " .. what .. " in DOCTYPE")
  end
  local close = find(s, q, pos + 1, true)
  if not close then
    fail(state, pos, "unterminated literal in DOCTYPE")
  end
  return close + 1
end

-- The white space that must come at `pos` (after `what`); returns the position after it.
local function need_space(state, s, pos, what)
  local _, e = find(s, S, pos)
  if not e then
    fail(state, pos, "expected white space after " .. what)
  end
  return e + 1
end

-- ExternalID ::= 'SYSTEM' S SystemLiteral | 'PUBLIC' S PubidLiteral S SystemLiteral, at `pos`.
local function skip_external_id(state, s, pos)
  local keyword = sub(s, pos, pos + 5)
  local p = need_space(state, s, pos + 6, keyword .. " in DOCTYPE")
  if keyword == "PUBLIC" then
    local after = skip_literal(state, s, p, "public identifier")
    -- PubidChar: a public identifier is ASCII letters, digits, white space and a few marks
    local bad = find(sub(s, p + 1, after - 2), "[^ \r\na-zA-Z0-9%-'()+,./:=?;!*#@$_%%]")
    if bad then
      fail(state, p + bad, "character not allowed in the public identifier of DOCTYPE")
    end
    p = need_space(state, s, after, "the public identifier in DOCTYPE")
  end
  return skip_literal(state, s, p, "system identifier")
end

-- The position after the comment (<!-- -->) or processing instruction (<? ?>) that starts at
-- `pos`, in the prolog, the DOCTYPE's internal subset and the content alike.
local function skip_comment_or_pi(state, s, pos)
  if sub(s, pos, pos + 3) == "<!--" then
    local close = find(s, "-->", pos + 4, true)
    if not close then
      fail(state, pos, "unterminated comment")
    end
    return close + 3
  end
  local close = find(s, "?>", pos + 2, true)
  if not close then
    fail(state, pos, "unterminated processing instruction")
  end
  return close + 2
end

local DECLARATIONS = { ELEMENT = true, ATTLIST = true, ENTITY = true, NOTATION = true }

-- intSubset ::= (markupdecl | DeclSep)*, from the '[' at `open`; returns the position after its
-- ']'. The declarations are not checked inside, past their keyword: their literals are skipped
-- whole, and nothing else in them may hold a '<' or a '>' (XML 1.0 has no comments there).
local function skip_subset(state, s, open)
  local p = open + 1
  while true do
    local _, ws = find(s, S, p)
    p = ws and ws + 1 or p
    local c = sub(s, p, p)
    if c == "]" then
      return p + 1
    elseif c == "" then
      fail(state, open, "unterminated DOCTYPE internal subset")
    elseif c == "%" then
      local _, e = find(s, NAME, p + 1)
      if not e or sub(s, e + 1, e + 1) ~= ";" then
        fail(state, p, "bad parameter-entity reference in the DOCTYPE internal subset")
      end
      p = e + 2
    elseif sub(s, p, p + 3) == "<!--" or sub(s, p, p + 1) == "<?" then
      p = skip_comment_or_pi(state, s, p)
    elseif sub(s, p, p + 1) == "<!" and DECLARATIONS[s:match("^%u+", p + 2) or ""] then
      local keyword = s:match("^%u+", p + 2)
      local q = need_space(state, s, p + 2 + #keyword, "<!" .. keyword)
      while true do
        local m = find(s, "[<>\"']", q)
        local ch = m and sub(s, m, m)
        if ch == ">" then
          p = m + 1
          break
        elseif ch == '"' or ch == "'" then
          q = skip_literal(state, s, m, "literal")
        else
          -- the end of the text, or the '<' of the next declaration: this one has no '>'
          fail(state, p, "unterminated declaration <!" .. keyword .. " in DOCTYPE")
        end
      end
    elseif sub(s, p, p + 1) == "<!" then
      fail(state, p, "unknown declaration <!" .. (s:match("^[^ \t\r\n]*", p + 2)):sub(1, 20)
        .. " in the DOCTYPE internal subset")
    else
      fail(state, p, "expected a declaration, a comment, a processing instruction or a %name; "
        .. "in the DOCTYPE internal subset")
    end
  end
end

-- doctypedecl ::= '<!DOCTYPE' S Name (S ExternalID)? S? ('[' intSubset ']' S?)? '>', at `start`;
-- returns the position after it.
local function skip_doctype(state, s, start)
  local p = need_space(state, s, start + 9, "<!DOCTYPE")
  local _, e = find(s, NAME, p)
  if not e and p > #s then
    fail(state, start, "unterminated DOCTYPE")
  elseif not e then
    fail(state, p, "expected the name of the root element in DOCTYPE")
  end
  p = e + 1
  local external = false
  local _, ws = find(s, S, p)
  if ws then
    p = ws + 1
    local keyword = sub(s, p, p + 5)
    if keyword == "SYSTEM" or keyword == "PUBLIC" then
      p = skip_external_id(state, s, p)
      external = true
      _, ws = find(s, S, p)
      p = ws and ws + 1 or p
    end
  end
  if sub(s, p, p) == "[" then
    p = skip_subset(state, s, p)
    _, ws = find(s, S, p)
    p = ws and ws + 1 or p
    if sub(s, p, p) ~= ">" then
      if p > #s then
        fail(state, start, "unterminated DOCTYPE")
      end
      fail(state, p, "expected '>' after the DOCTYPE internal subset")
    end
  elseif p > #s then
    fail(state, start, "unterminated DOCTYPE")
  elseif sub(s, p, p) ~= ">" then
    fail(state, p, external and "expected '[' or '>' in DOCTYPE" or "expected SYSTEM, PUBLIC, '[' or '>' in DOCTYPE")
  end
  return p + 1
end

-- Skips comments, processing instructions and white space; returns the next position.
local function skip_misc(state, s, pos, allow_doctype)
  while true do
    local _, e = find(s, "^[ \t\r\n]+", pos)
    if e then
      pos = e + 1
    end
    if sub(s, pos, pos + 3) == "<!--" or sub(s, pos, pos + 1) == "<?" then
      pos = skip_comment_or_pi(state, s, pos)
    elseif allow_doctype and sub(s, pos, pos + 8) == "<!DOCTYPE" then
      pos = skip_doctype(state, s, pos)
      allow_doctype = false
    else
      return pos
    end
  end
end

-- Character data between markup: no ']]>' allowed; returns the expanded text.
local function char_data(state, s, from, to)
  local raw = sub(s, from, to)
  local bad = find(raw, "]]>", 1, true)
  if bad then
    fail(state, from + bad - 1, "']]>' in character data")
  end
  return expand(state, (raw:gsub("\r\n?", "\n")), from)
end

local function parse_document(state, s)
  local pos = 1
  if sub(s, 1, 5) == "<?xml" then
    local close = find(s, "?>", 1, true)
    if not close then
      fail(state, 1, "unterminated XML declaration")
    end
    pos = close + 2
  end
  pos = skip_misc(state, s, pos, true)
  if sub(s, pos, pos) ~= "<" then
    fail(state, pos, pos > #s and "no root element" or "text before the root element")
  end
  local root
  local stack = {}
  local bindings = { xml = { "http://www.w3.org/XML/1998/namespace" } }
  local declared = {} -- the prefixes each open element declared (false when none), as `stack`
  local n = #s
  -- The line of each element, counted as the parser goes: elements start in increasing order, so
  -- one pass over the text numbers them all (and no walk over the finished tree is needed).
  -- (The next line end is kept: searching for it again from the start of the line at each element
  -- scanned the rest of a document with no more line ends each time.)
  local line, next_nl = 1, find(s, "\n", 1, true)
  local function line_at(p)
    while next_nl and next_nl < p do
      line = line + 1
      next_nl = find(s, "\n", next_nl + 1, true)
    end
    return line
  end
  -- The text of the open element since its last child element, in pieces (comments, PIs and CDATA
  -- sections cut it), joined once when a child element or the end tag comes: joining each piece to
  -- the text so far took time quadratic in the pieces.
  local text, ntext = {}, 0
  local function flush_text(node)
    if ntext > 0 then
      node.children[#node.children + 1] = concat(text, "", 1, ntext)
      text, ntext = {}, 0
    end
  end
  while pos <= n do
    local lt = find(s, "<", pos, true)
    local top = stack[#stack]
    if not lt then
      if top then
        fail(state, #s + 1, "unclosed element <" .. top.name .. ">")
      end
      if find(s, "[^ \t\r\n]", pos) then
        fail(state, find(s, "[^ \t\r\n]", pos), "text after the root element")
      end
      break
    end
    if lt > pos then
      if not top then
        if find(sub(s, pos, lt - 1), "[^ \t\r\n]") then
          fail(state, pos, "text after the root element")
        end
      else
        ntext = ntext + 1
        text[ntext] = char_data(state, s, pos, lt - 1)
      end
    end
    pos = lt
    if sub(s, pos, pos + 3) == "<!--" or sub(s, pos, pos + 1) == "<?" then
      pos = skip_comment_or_pi(state, s, pos)
    elseif sub(s, pos, pos + 8) == "<![CDATA[" then
      if not top then
        fail(state, pos, "CDATA outside the root element")
      end
      local close = find(s, "]]>", pos + 9, true)
      if not close then
        fail(state, pos, "unterminated CDATA section")
      end
      ntext = ntext + 1
      text[ntext] = sub(s, pos + 9, close - 1):gsub("\r\n?", "\n")
      pos = close + 3
    elseif sub(s, pos, pos + 1) == "</" then
      local _, e = find(s, NAME, pos + 2)
      if not e then
        fail(state, pos, "bad end tag")
      end
      local name = sub(s, pos + 2, e)
      local _, gt = find(s, "^[ \t\r\n]*>", e + 1)
      if not gt then
        fail(state, e + 1, "expected '>' to end </" .. name)
      end
      if not top then
        fail(state, pos, "end tag </" .. name .. "> with no open element")
      end
      if top.name ~= name then
        fail(state, pos, format("end tag </%s> does not match <%s> (line %d)", name, top.name, top.line))
      end
      flush_text(top)
      stack[#stack] = nil
      unbind(bindings, declared[#declared])
      declared[#declared] = nil
      pos = gt + 1
      if #stack == 0 then
        pos = skip_misc(state, s, pos, false)
        if pos <= n then
          fail(state, pos, "content after the root element")
        end
      end
    elseif sub(s, pos, pos + 1) == "<!" then
      fail(state, pos, "unexpected '<!' (a DOCTYPE or declaration inside the document?)")
    else
      local _, e = find(s, NAME, pos + 1)
      if not e then
        fail(state, pos, "'<' that does not start a tag (write &lt;)")
      end
      if not top and root then
        fail(state, pos, "a second root element")
      end
      local name = sub(s, pos + 1, e)
      local attrs, order, after, empty = parse_attrs(state, s, e + 1, name)
      local node = { name = name, attrs = attrs, order = order, children = {}, pos = pos, line = line_at(pos) }
      local decl = resolve(state, node, bindings, pos)
      if top then
        flush_text(top)
        top.children[#top.children + 1] = node
      else
        root = node
      end
      if not empty then
        stack[#stack + 1] = node
        declared[#declared + 1] = decl or false
      else
        unbind(bindings, decl)
      end
      if empty and not top then
        pos = skip_misc(state, s, after, false)
        if pos <= n then
          fail(state, pos, "content after the root element")
        end
        after = pos
      end
      pos = after
    end
  end
  if #stack > 0 then
    fail(state, #s + 1, "unclosed element <" .. stack[#stack].name .. ">")
  end
  if not root then
    fail(state, #s + 1, "no root element")
  end
  return root
end

-- The document as UTF-8: a UTF-16 byte order mark or an XML declaration naming another encoding
-- is honoured (sift.to_utf8 converts); a UTF-8 BOM is dropped.
local function to_utf8(data)
  local enc
  if sub(data, 1, 2) == "\255\254" then
    enc = "UTF-16LE"
    data = sub(data, 3)
  elseif sub(data, 1, 2) == "\254\255" then
    enc = "UTF-16BE"
    data = sub(data, 3)
  elseif sub(data, 1, 3) == "\239\187\191" then
    data = sub(data, 4)
  else
    local decl = data:match("^<%?xml[^>]-%?>")
    local named = decl and decl:match("encoding%s*=%s*[\"']([%w%._%-]+)[\"']")
    if named and not named:upper():find("^UTF%-?8$") and named:upper() ~= "US-ASCII" and named:upper() ~= "ASCII" then
      enc = named
    end
  end
  if enc then
    local sift = require "sift"
    local text, err = sift.to_utf8(data, enc)
    if not text then
      -- "line 1": every message of xml.parse names a line, and the declaration is on the first
      return nil, "line 1: cannot decode the document from " .. enc .. ": " .. tostring(err)
    end
    return text
  end
  return data
end

--- Parses an XML document. Returns the root element, or nil, a message and the line number.
-- An element is {name =, local_name =, ns =, attrs = {name = value}, order = {attribute names},
-- children = {strings and elements}, pos =, line =}; text is expanded (references, CDATA) and line
-- ends are LF, as XML 1.0 says.
function xml.parse(data)
  check.arg("parse", 1, data, "string")
  local s, err = to_utf8(data)
  if not s then
    return nil, err, 1
  end
  if not utf8.len(s) then
    local _, bad = utf8.len(s)
    local line = xml.line_of(s, bad)
    return nil, format("line %d: ill-formed UTF-8 (byte %d)", line, bad), line
  end
  local state = {}
  local ok, result = pcall(parse_document, state, s)
  if not ok then
    if type(result) == "table" and result.xml_error then
      local line = xml.line_of(s, result.pos)
      return nil, format("line %d: %s", line, result.message), line
    end
    error(result, 0)
  end
  return result
end

--- Calls `visit(c)` for each string and element under `node`, in document order; the children of
-- an element are visited when `visit` returns true for it. The walk keeps its own stack, not
-- Lua's: a document nested 100,000 deep overflowed the recursive walks that were here.
function xml.walk(node, visit, leave)
  local nodes, at, depth = { node }, { 0 }, 1
  while depth > 0 do
    local i = at[depth] + 1
    local c = nodes[depth].children[i]
    if c == nil then
      if leave and depth > 1 then
        leave(nodes[depth])
      end
      nodes[depth], at[depth] = nil, nil
      depth = depth - 1
    else
      at[depth] = i
      if visit(c) and type(c) == "table" then
        depth = depth + 1
        nodes[depth], at[depth] = c, 0
      end
    end
  end
end

--- The child elements of `node` with local name `name` (all of them when `name` is nil).
function xml.children(node, name)
  local out = {}
  for _, c in ipairs(node.children) do
    if type(c) == "table" and (name == nil or c.local_name == name) then
      out[#out + 1] = c
    end
  end
  return out
end

--- The first child element of `node` with local name `name`, or nil.
function xml.child(node, name)
  for _, c in ipairs(node.children) do
    if type(c) == "table" and c.local_name == name then
      return c
    end
  end
  return nil
end

--- The text of `node` and all its descendants.
function xml.text_of(node)
  local out = {}
  xml.walk(node, function(c)
    if type(c) == "string" then
      out[#out + 1] = c
    end
    return true
  end)
  return concat(out)
end

return xml
