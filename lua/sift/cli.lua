--- sift.cli: what every sift filter shares - its command line, its input and its exit status.
--
-- A filter is a module table:
--
--   local M = {
--     name = "tokens",                       -- `sift tokens`
--     summary = "one line for `sift --help`",
--     description = "paragraphs for `sift tokens --help`",
--     options = { {name = "format", arg = "FORMAT", choices = {"tsv", "json"}, default = "tsv",
--                  help = "..."}, {name = "spaces", help = "..."} },
--   }
--   function M.document(doc, opts, out) ... end   -- called for each input document
--   function M.finish(opts, out) ... end          -- optional: after the last document
--   return cli.entry(M, ...)
--
-- `cli.entry` makes the file a module (`require "sift.filters.tokens"`, what `sift tokens` runs),
-- a script (`lua5.4 filters/tokens.lua FILE`) and, when the filter has `M.pandoc`, a pandoc Lua
-- filter (`pandoc -L filters/tokens.lua`).
--
-- Inputs are files, folders (searched recursively for .txt, .md, .html, .htm and .jsonl files),
-- standard input ("-", or no file at all) and JSON Lines (one {"id": ..., "text": ...} object a
-- line). Every input is decoded to UTF-8 (`--encoding NAME|auto`); an input that cannot be read or
-- decoded is reported on stderr with its name and byte position, the others go on, and the exit
-- status is 1 at the end. Bad usage exits with 2.
local sift = require "sift"
local json = require "sift.json"
local html = require "sift.html"

local cli = {}

-- Options every filter takes, after its own.
local COMMON = {
  { name = "encoding", arg = "NAME", default = "auto",
    help = "encoding of the input: an iconv name such as WINDOWS-1252 or GB18030, or auto to detect" },
  { name = "input", arg = "KIND", choices = { "auto", "text", "markdown", "html", "jsonl" }, default = "auto",
    help = "how to read the input: by file extension (auto), or as plain text, Markdown, HTML or " ..
      "JSON Lines ({\"id\": ..., \"text\": ...} a line)" },
  { name = "quiet", short = "q", help = "no progress bar on stderr" },
  { name = "help", short = "h", help = "show this help and exit" },
}

local function all_options(M)
  local list = {}
  for _, o in ipairs(M.options or {}) do
    list[#list + 1] = o
  end
  for _, o in ipairs(COMMON) do
    list[#list + 1] = o
  end
  return list
end

--- The --help text of filter M run as `prog`.
function cli.help(M, prog)
  local lines = {
    ("usage: %s [OPTIONS] [FILES...]"):format(prog),
    "",
    M.summary and (M.summary:sub(1, 1):upper() .. M.summary:sub(2) .. ".") or nil,
  }
  if M.description then
    lines[#lines + 1] = ""
    lines[#lines + 1] = M.description:gsub("%s+$", "")
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "options:"
  for _, o in ipairs(all_options(M)) do
    local flag = (o.short and ("-" .. o.short .. ", ") or "    ") .. "--" .. o.name
    if o.arg then
      flag = flag .. " " .. o.arg
    end
    local help = o.help or ""
    if o.choices then
      help = help .. " (" .. table.concat(o.choices, ", ") .. ")"
    end
    if o.default ~= nil and o.arg then
      help = help .. "; default " .. tostring(o.default)
    end
    lines[#lines + 1] = ("  %-24s %s"):format(flag, help)
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "Inputs: FILES are files or folders (searched recursively for .txt, .md, .html, .htm and"
  lines[#lines + 1] = ".jsonl files); with none, or for \"-\", standard input is read. Exit status: 0 ok,"
  lines[#lines + 1] = "1 some input could not be read or decoded (reported on stderr), 2 bad usage."
  return table.concat(lines, "\n") .. "\n"
end

--- Parses `args` against M's options and the common ones.
-- Returns opts (option names with '-' turned to '_'; repeated `multi` options as arrays) and the
-- list of inputs, or nil and a message.
function cli.parse(M, args)
  local byname, byshort, opts, inputs = {}, {}, {}, {}
  for _, o in ipairs(all_options(M)) do
    byname[o.name] = o
    if o.short then
      byshort[o.short] = o
    end
    local key = o.name:gsub("%-", "_")
    if o.multi then
      opts[key] = {}
    elseif o.default ~= nil then
      opts[key] = o.default
    elseif not o.arg then
      opts[key] = false
    end
  end
  local i = 1
  while i <= #args do
    local a = args[i]
    local o, value
    if a == "--" then
      table.move(args, i + 1, #args, #inputs + 1, inputs)
      break
    elseif a:sub(1, 2) == "--" then
      local name, v = a:match("^%-%-([^=]+)=(.*)$")
      o, value = byname[name or a:sub(3)], v
      if not o then
        return nil, "unknown option '" .. a .. "'"
      end
    elseif a:match("^%-%a$") then
      o = byshort[a:sub(2)]
      if not o then
        return nil, "unknown option '" .. a .. "'"
      end
    else
      inputs[#inputs + 1] = a
    end
    if o then
      local key = o.name:gsub("%-", "_")
      if o.arg then
        if value == nil then
          i = i + 1
          value = args[i]
          if value == nil then
            return nil, "option '--" .. o.name .. "' needs a value (" .. o.arg .. ")"
          end
        end
        if o.choices then
          local ok = false
          for _, c in ipairs(o.choices) do
            ok = ok or c == value
          end
          if not ok then
            return nil, ("option '--%s' takes %s, not '%s'"):format(o.name, table.concat(o.choices, ", "), value)
          end
        end
        if o.number then
          local n = tonumber(value)
          if not n then
            return nil, ("option '--%s' takes a number, not '%s'"):format(o.name, value)
          end
          value = n
        end
        if o.multi then
          table.insert(opts[key], value)
        else
          opts[key] = value
        end
      elseif value ~= nil then
        return nil, "option '--" .. o.name .. "' takes no value"
      else
        opts[key] = true
      end
    end
    i = i + 1
  end
  return opts, inputs
end

-- Input --------------------------------------------------------------------------------------

local FOLDER_KINDS = { txt = "text", md = "markdown", markdown = "markdown", html = "html", htm = "html",
  jsonl = "jsonl" }

local function shell_quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function is_dir(path)
  -- io.open succeeds on a directory on Linux, but reading it fails with EISDIR
  local f = io.open(path, "rb")
  if not f then
    return false
  end
  local _, _, code = f:read(1)
  f:close()
  return code == 21
end

-- The files a folder holds that filters read, recursively, sorted.
local function folder_files(dir)
  -- -H: a folder named by a symbolic link is searched too (find would list only the link)
  local p = io.popen("find -H " .. shell_quote(dir) .. " -type f 2>/dev/null | LC_ALL=C sort")
  local out = {}
  for line in p:lines() do
    local ext = line:match("%.(%w+)$")
    if ext and FOLDER_KINDS[ext:lower()] then
      out[#out + 1] = line
    end
  end
  p:close()
  return out
end

--- The bytes of a file, or of standard input for "-"; nil and a message naming the file otherwise.
function cli.read_file(name)
  if name == "-" then
    return io.stdin:read("a") or ""
  end
  local f, err = io.open(name, "rb")
  if not f then
    return nil, err
  end
  local data, rerr = f:read("a")
  f:close()
  if not data then
    return nil, name .. ": " .. tostring(rerr)
  end
  return data
end

--- Markdown as plain text: headings, emphasis, code marks, links and images lose their markup.
function cli.markdown_text(s)
  s = s:gsub("\r\n", "\n")
  s = s:gsub("!%[([^%]]*)%]%b()", "%1"):gsub("%[([^%]]*)%]%b()", "%1")
  s = s:gsub("%f[^\n%z]#+%s+", ""):gsub("%f[^\n%z]#+%s+", "")
  s = s:gsub("%*%*(.-)%*%*", "%1"):gsub("__(.-)__", "%1"):gsub("`([^`\n]*)`", "%1")
  s = s:gsub("%f[^\n%z]%s*[-*+]%s+", "- ")
  return s
end

-- The kind of an input from --input or its extension, or nil when neither tells.
local function declared_kind(name, opts)
  if opts.input ~= "auto" then
    return opts.input
  end
  local ext = name:match("%.(%w+)$")
  return ext and FOLDER_KINDS[ext:lower()] or nil
end

-- Whether a line holds a JSON object with a "text" string: standard input that starts with one is
-- read as JSON Lines.
local function looks_jsonl(line)
  if not line:match("^%s*{") then
    return false
  end
  local v = json.decode(line)
  return type(v) == "table" and type(v.text) == "string"
end

-- The first non-empty line of a text, as its title (a news article's headline).
local function first_line(text)
  return text:match("^%s*([^\n]-)%s*\n") or text:match("^%s*(.-)%s*$")
end

-- One text input (plain, Markdown or HTML) as a document.
local function text_document(name, kind, data, opts, fn, fail)
  local text, enc_or_err = sift.decode(data, opts.encoding)
  if not text then
    fail(name .. ": cannot decode: " .. enc_or_err)
    return
  end
  local title
  if kind == "html" then
    text, title = html.to_text(text)
  elseif kind == "markdown" then
    text = cli.markdown_text(text)
  end
  fn({ name = name, id = name, text = text, title = title or first_line(text), encoding = enc_or_err })
end

-- Whether JSON Lines in this encoding can be read line by line: UTF-8 (the format's own) and the
-- encodings where a newline byte is always a newline.
local function line_safe(encoding)
  local e = encoding:upper():gsub("[-_]", "")
  return not (e:match("^UTF16") or e:match("^UTF32") or e:match("^UCS") or e == "UNICODE")
end

-- One input file, or standard input for "-". JSON Lines are read a line at a time, so that a
-- corpus of any size is held one article at a time; other inputs are read whole.
local function each_input(name, opts, fn, fail, many)
  local kind = declared_kind(name, opts)
  local f, err
  if name == "-" then
    f = io.stdin
  else
    f, err = io.open(name, "rb")
    if not f then
      fail(err)
      return
    end
  end
  local first = f:read("L")
  if not first then
    local _, rerr = f:read(0)
    if rerr then
      fail(name .. ": " .. tostring(rerr))
    elseif kind ~= "jsonl" then
      text_document(name, kind or "text", "", opts, fn, fail)
    end
  elseif kind == "jsonl" or (kind == nil and name == "-" and looks_jsonl(first)) then
    if opts.encoding == "auto" or line_safe(opts.encoding) then
      -- a bar of bytes read for a big file alone (a batch of many files has a bar of files); only
      -- when it is drawn, as asking the position drops the read buffer
      local size = f ~= io.stdin and not many and not opts.quiet and cli.stderr_is_terminal()
        and f:seek("end")
      local bar
      if size and size >= 1 << 24 then
        f:seek("set", #first)
        bar = cli.progress(size, { min_total = 1 }, function(n)
          return ("%.0f MB"):format(n / 1e6)
        end)
      end
      local lines = coroutine.wrap(function()
        coroutine.yield(first)
        local n = 0
        for line in f:lines("L") do
          n = n + 1
          if bar and n % 256 == 0 then
            bar(f:seek())
          end
          coroutine.yield(line)
        end
        if bar then
          bar(size)
        end
      end)
      cli.each_jsonl(name, lines, opts, fn, fail)
    else
      cli.each_jsonl(name, first .. (f:read("a") or ""), opts, fn, fail)
    end
  else
    local rest, rerr = f:read("a")
    if not rest then
      fail(name .. ": " .. tostring(rerr))
    else
      text_document(name, kind or "text", first .. rest, opts, fn, fail)
    end
  end
  if f ~= io.stdin then
    f:close()
  end
end

--- Calls `fn(doc)` for each document of `inputs`, and `fail(message)` for each input that could not
-- be read. A document is {name =, id =, text =, title =, date =, encoding =}.
function cli.each_document(inputs, opts, fn, fail)
  if #inputs == 0 then
    inputs = { "-" }
  end
  local files = {}
  for _, name in ipairs(inputs) do
    if name ~= "-" and is_dir(name) then
      local found = folder_files(name)
      if #found == 0 then
        fail(name .. ": no .txt, .md, .html, .htm or .jsonl files in this folder")
      end
      table.move(found, 1, #found, #files + 1, files)
    else
      files[#files + 1] = name
    end
  end
  local progress = cli.progress(#files, opts)
  for n, name in ipairs(files) do
    progress(n - 1)
    each_input(name, opts, fn, fail, #files >= 20)
  end
  progress(#files)
end

-- The decoding of one JSON line: UTF-8 unless --encoding names another.
local function jsonl_decode(line, opts)
  return sift.decode(line, opts.encoding == "auto" and "UTF-8" or opts.encoding)
end

--- JSON Lines input: one object a line with a "text" string; "id", "title" and "date" are kept.
-- `source` is the whole input as a string, or an iterator over its lines (newlines kept), so that
-- a big file is read a line at a time. A line that cannot be decoded or parsed is reported as
-- NAME:LINE and the others go on.
function cli.each_jsonl(name, source, opts, fn, fail)
  local lines, decoded = source, type(source) == "string"
  if decoded then
    local text, err = jsonl_decode(source, opts)
    if not text then
      fail(name .. ": " .. err)
      return
    end
    lines = (text .. "\n"):gmatch("(.-\n)")
  end
  local lineno = 0
  for raw in lines do
    lineno = lineno + 1
    local where = ("%s:%d"):format(name, lineno)
    local line, derr = raw:gsub("\r?\n$", "", 1), nil
    if lineno == 1 then
      line = line:gsub("^\239\187\191", "")
    end
    if not decoded then
      line, derr = jsonl_decode(line, opts)
    end
    if not line then
      fail(where .. ": cannot decode: " .. derr) -- its byte position counts from the line's start
    elseif line:match("%S") then
      local v, jerr = json.decode(line)
      if not v then
        fail(where .. ": " .. jerr)
      elseif type(v) ~= "table" or type(v.text) ~= "string" then
        fail(where .. ": expected an object with a \"text\" string")
      else
        local id = (v.id ~= nil and v.id ~= json.null) and tostring(v.id) or where
        fn({ name = where, id = id, text = v.text,
          title = type(v.title) == "string" and v.title or first_line(v.text),
          date = type(v.date) == "string" and v.date or nil, encoding = "UTF-8" })
      end
    end
  end
end

--- A progress function for `total` inputs: draws a bar on stderr when stderr is a terminal, the
-- batch is long (at least 20 inputs, or `opts.min_total`) and --quiet is not given; otherwise does
-- nothing. `unit` (optional) formats the counts: the bar of one big JSON Lines file counts bytes.
function cli.progress(total, opts, unit)
  if total < ((opts and opts.min_total) or 20) or (opts and opts.quiet) or not cli.stderr_is_terminal() then
    return function() end
  end
  local width, last = 30, -1
  unit = unit or tostring
  return function(done)
    local filled = done * width // total
    if filled == last and done ~= total then
      return
    end
    last = filled
    io.stderr:write(("\r[%s%s] %s/%s"):format(("#"):rep(filled), ("."):rep(width - filled), unit(done), unit(total)))
    if done == total then
      io.stderr:write("\n")
    end
    io.stderr:flush()
  end
end

local terminal
function cli.stderr_is_terminal()
  if terminal == nil then
    local ok, _, code = os.execute("test -t 2")
    terminal = (ok == true or ok == 0) and (code == nil or code == 0)
  end
  return terminal
end

-- Output helpers -----------------------------------------------------------------------------

--- A TSV field: tab, newline, carriage return and backslash written as \t \n \r \\.
function cli.tsv(s)
  return (tostring(s):gsub("[\\\t\n\r]", { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }))
end

--- A CSV field (RFC 4180): quoted when it holds a comma, quote or line break.
function cli.csv(s)
  s = tostring(s)
  if s:find('[,"\r\n]') then
    return '"' .. s:gsub('"', '""') .. '"'
  end
  return s
end

--- A Markdown table cell: pipes escaped, line breaks as spaces.
function cli.md_cell(s)
  return (tostring(s):gsub("|", "\\|"):gsub("[\r\n]+", " "))
end

--- A Markdown table from a header row and rows (arrays of strings).
function cli.md_table(header, rows)
  local out = { "| " .. table.concat(header, " | ") .. " |", "|" .. (" --- |"):rep(#header) }
  for _, row in ipairs(rows) do
    local cells = {}
    for i = 1, #header do
      cells[i] = cli.md_cell(row[i] == nil and "" or row[i])
    end
    out[#out + 1] = "| " .. table.concat(cells, " | ") .. " |"
  end
  return table.concat(out, "\n") .. "\n"
end

cli.json = json

-- Entities -----------------------------------------------------------------------------------

--- The --gazetteer option of every filter that tags entities (entities, keywords, summary,
-- segments, report): TSV files of NAME<TAB>TYPE lines the user adds to the tagger.
cli.GAZETTEER_OPTION = { name = "gazetteer", short = "g", arg = "FILE", multi = true,
  help = "a TSV file of NAME<TAB>TYPE lines: names of your own for the entity tagger (repeatable)" }

--- The entity tagging function of a filter run with opts: sift.entities, or, with --gazetteer
-- files, a tagger with their names added. Returns function(text) -> entities, or nil and a message
-- naming the file and line at fault.
function cli.entity_tagger(opts)
  if opts.gazetteer and #opts.gazetteer > 0 then
    local tagger, err = require("sift.gazetteer").tagger(opts.gazetteer)
    if not tagger then
      return nil, "--gazetteer: " .. err
    end
    return function(text)
      return tagger:entities(text)
    end
  end
  return sift.entities
end

-- Running ------------------------------------------------------------------------------------

--- Runs filter M with the command-line `args`; `prog` names it in messages. Returns the exit
-- status: 0 ok, 1 some input failed, 2 bad usage.
function cli.main(M, args, prog)
  prog = prog or ("sift " .. M.name)
  local opts, inputs = cli.parse(M, args or {})
  if not opts then
    io.stderr:write(prog, ": ", inputs, "\n", "try '", prog, " --help'\n")
    return 2
  end
  if opts.help then
    io.stdout:write(cli.help(M, prog))
    return 0
  end
  if M.check then
    local ok, err = M.check(opts)
    if not ok then
      io.stderr:write(prog, ": ", err, "\n")
      return 2
    end
  end
  local status, out = 0, io.stdout
  if opts.encoding ~= "auto" then
    local ok, err = sift.to_utf8("", opts.encoding)
    if not ok then
      io.stderr:write(prog, ": ", err, "\n")
      return 2
    end
  end
  cli.each_document(inputs, opts, function(doc)
    M.document(doc, opts, out)
  end, function(message)
    io.stderr:write(prog, ": ", message, "\n")
    status = 1
  end)
  if M.finish then
    M.finish(opts, out)
  end
  out:flush()
  return status
end

--- The last statement of every filter file: `return cli.entry(M, ...)`.
-- Loaded as the module sift.filters.NAME, it returns M; run by pandoc (PANDOC_VERSION is set), it
-- returns M.pandoc's filters; run as a script, it runs M on the command line and exits.
function cli.entry(M, ...)
  M.main = M.main or function(args, prog)
    return cli.main(M, args, prog)
  end
  local modname = ...
  if type(modname) == "string" and modname:match("^sift%.filters%.") then
    return M
  end
  if rawget(_G, "PANDOC_VERSION") then
    if not M.pandoc then
      error("sift " .. M.name .. " cannot run as a pandoc filter", 0)
    end
    return M.pandoc()
  end
  os.exit(M.main(rawget(_G, "arg") or {}, M.name .. ".lua"))
end

return cli
