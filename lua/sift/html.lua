--- sift.html: the text of an HTML page, for filters that read saved news pages.
-- Not a full HTML parser: it keeps what a reader sees (paragraphs, headings, list items) and drops
-- markup, scripts, styles and comments. Block elements become paragraph breaks, so the sentence
-- splitter sees the page's paragraphs; character references are decoded.
local entities = require "sift.html_entities"

local html = {}

-- Elements whose end (or start) ends a paragraph of text.
local BLOCK = {}
for name in ([[p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table section article header footer
  aside nav main blockquote pre figure figcaption hr address form fieldset details summary
  title caption]]):gmatch("%S+") do
  BLOCK[name] = true
end

-- Decodes &name; &#NN; &#xHH; (and the legacy names browsers accept without ';').
function html.decode_entities(s)
  return (s:gsub("&(#?[%w]+;?)", function(ref)
    local num = ref:match("^#[xX](%x+);?$")
    local cp = num and tonumber(num, 16)
    if not cp then
      num = ref:match("^#(%d+);?$")
      cp = num and tonumber(num)
    end
    if cp then
      -- invalid or control code points become U+FFFD, as browsers do
      if cp == 0 or cp > 0x10FFFF or (cp >= 0xD800 and cp <= 0xDFFF) then
        return "\u{FFFD}"
      end
      return utf8.char(cp)
    end
    return entities[ref] or entities[ref:match("^(.-);?$")]
  end))
end

--- Returns the visible text of an HTML document and its title (or nil).
-- Paragraphs are separated by blank lines; runs of white space inside a paragraph become one space.
function html.to_text(s)
  local title = s:match("<[Tt][Ii][Tt][Ll][Ee][^>]*>(.-)</[Tt][Ii][Tt][Ll][Ee]%s*>")
  s = s:gsub("<!%-%-.-%-%->", " ")
  -- script, style and the head's other contents are not text
  for _, name in ipairs({ "script", "style", "noscript", "template", "head", "svg" }) do
    local pattern = "<" .. name:gsub("%a", function(c) return "[" .. c:lower() .. c:upper() .. "]" end)
    s = s:gsub(pattern .. "[%s>].-</" .. pattern:sub(2) .. "%s*>", " ")
  end
  s = s:gsub("<(/?)([%a][%w]*)[^>]*>", function(_, name)
    name = name:lower()
    if name == "br" then
      return "\n"
    elseif BLOCK[name] then
      return "\n\n"
    end
    return ""
  end)
  s = s:gsub("<![^>]*>", "")
  local paragraphs = {}
  for block in (s .. "\n\n"):gmatch("(.-)\n%s*\n") do
    local lines = {}
    for line in (block .. "\n"):gmatch("(.-)\n") do
      -- U+00A0 is two bytes, so it cannot stand in a character class
      line = html.decode_entities(line):gsub("\u{A0}", " "):gsub("[ \t\r\f\v]+", " "):gsub("^ ", ""):gsub(" $", "")
      if line ~= "" then
        lines[#lines + 1] = line
      end
    end
    if #lines > 0 then
      paragraphs[#paragraphs + 1] = table.concat(lines, "\n")
    end
  end
  if title then
    title = html.decode_entities(title):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
    if title == "" then
      title = nil
    end
  end
  return table.concat(paragraphs, "\n\n"), title
end

return html
