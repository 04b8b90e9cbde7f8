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
-- status is 1 at the end. Every write is checked: the first that fails (a full disk, a closed
-- standard output) ends the run with its message and exit status 1. Bad usage exits with 2.
local sift = require "sift"
local json = require "sift.json"

local cli = {}

-- Options every filter takes, after its own.
local COMMON = {
  { name = "encoding", arg = "NAME", default = "auto",
    help = "encoding of the input: an iconv name such as WINDOWS-1252 or GB18030, or auto to detect" },
  { name = "input", arg = "KIND", choices = { "auto", "text", "markdown", "html", "jsonl" }, default = "auto",
    help = "how to read the input: by file extension (auto), or as plain text, Markdown, HTML or " ..
      "JSON Lines ({\"id\": ..., \"text\": ...} a line)" },
  { name = "whole-page", help = "of a web page, read every visible text, not the article alone" },
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
  lines[#lines + 1] = "1 some input could not be read or decoded, or the output could not be written (each"
  lines[#lines + 1] = "reported on stderr), 2 bad usage."
  return table.concat(lines, "\n") .. "\n"
end

-- The largest value a whole-number option takes: counts beyond it mean nothing for articles, and
-- every Lua integer and C int holds it.
cli.MAX_WHOLE = 2^31 - 1

--- The value of numeric option `o` given as the string `value`, or nil and what the option takes
-- ("a whole number from 1 to 2147483647"). A number option is finite (tonumber takes "1e999" to
-- inf and "nan" nowhere); one with `whole` is a whole number from `min` (default 1) to
-- cli.MAX_WHOLE, returned as an integer; others lie above `above` and at most `max` when those are
-- given. The pandoc filters check their metadata fields with it too.
function cli.number(o, value)
  local n = tonumber(value)
  local bad
  if o.whole then
    local min = o.min or 1
    if not n or n ~= n or n < min or n > cli.MAX_WHOLE or n ~= math.floor(n) then
      bad = ("a whole number from %d to %d"):format(min, cli.MAX_WHOLE)
    else
      n = math.tointeger(n)
    end
  elseif not n or n ~= n or n == math.huge or n == -math.huge or (o.above and n <= o.above)
    or (o.max and n > o.max) then
    local range = { "a number" }
    range[#range + 1] = o.above and ("above " .. o.above) or nil
    range[#range + 1] = o.max and ((o.above and "and at most " or "at most ") .. o.max) or nil
    bad = table.concat(range, " ")
  end
  if bad then
    return nil, bad
  end
  return n
end

--- The option of filter M (or a common one) called `name`, or nil.
function cli.option(M, name)
  for _, o in ipairs(all_options(M)) do
    if o.name == name then
      return o
    end
  end
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
          local n, takes = cli.number(o, value)
          if not n then
            return nil, ("option '--%s' takes %s, not '%s'"):format(o.name, takes, value)
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

-- Whether `path` names a folder. The kernel is asked about PATH/. so that nothing is read from PATH
-- itself: a probe read of a pipe or FIFO given as FILE would take a buffer's worth (4 KB) of it,
-- and those bytes would be lost to the read that follows.
local function is_dir(path)
  local f, _, code = io.open(path .. "/.", "rb")
  if f then
    f:close()
    return true
  end
  -- EACCES: a folder that may not be searched; find says so, with its name
  return code == 13
end

-- The files a folder holds that filters read, recursively, sorted by their bytes. Names are
-- listed NUL-separated: a newline is a valid byte of a file name, and a name split at it would
-- read some other file. Folders find cannot enter are reported through `fail`.
local function folder_files(dir, fail)
  local errors = os.tmpname()
  -- -H: a folder named by a symbolic link is searched too (find would list only the link)
  local p = io.popen("LC_ALL=C find -H " .. shell_quote(dir) .. " -type f -print0 2>" .. shell_quote(errors)
    .. " | LC_ALL=C sort -z")
  local listing = p:read("a") or ""
  p:close()
  local ef = io.open(errors, "rb")
  if ef then
    for line in ef:lines() do
      fail((line:gsub("^find: ", "")))
    end
    ef:close()
  end
  os.remove(errors)
  local out = {}
  for name in listing:gmatch("([^\0]+)\0") do
    local ext = name:match("%.(%w+)$")
    if ext and FOLDER_KINDS[ext:lower()] then
      out[#out + 1] = name
    end
  end
  return out
end

--- A file name as text: valid UTF-8, each ill-formed byte replaced with U+FFFD. Reports, JSON and
-- XML declare UTF-8, and a name is the one thing in them that does not come from a decoded input.
function cli.display_name(name)
  return (sift.to_utf8(name, "UTF-8", { invalid = "replace" }))
end

local NAME_ESCAPES = { ["\\"] = "\\\\", ['"'] = '\\"', ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }

--- A file name for a line of text (a header, a message on stderr): as it is, or quoted with
-- C escapes when it holds a control character, so that a newline in a name cannot split the line.
function cli.quote_name(name)
  name = cli.display_name(name)
  if not name:find("%c") then
    return name
  end
  return '"' .. name:gsub('[%c\\"]', function(c)
    return NAME_ESCAPES[c] or ("\\x%02x"):format(c:byte())
  end) .. '"'
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

-- A web page (its UTF-8 text, or its bytes with `label` the caller's encoding) as a document
-- through sift.extract: the article's text, title and date, and the article itself for the
-- filters that want its blocks and metadata. `url`: where the page came from (a JSON Lines
-- record's "url"), used when it is an absolute URL.
local function page_document(name, page, label, opts, url)
  if not require("sift.url").is_absolute(url) then
    url = nil
  end
  local a = sift.extract(page, { encoding = label, scope = opts.whole_page and "page" or "article", url = url })
  if a.text == "" and not opts.whole_page then
    -- no article (a short page, a list of links): its visible text rather than nothing, said
    local whole = sift.extract(page, { encoding = label, scope = "page", url = url })
    if whole.text ~= "" then
      whole.warnings[#whole.warnings + 1] = "no article found: the page's visible text is read instead"
      a = whole
    end
  end
  -- `html` and `label`: the page itself, for the filters that write into it (segments, merge)
  return { name = name, id = name, text = a.text, title = a.title or first_line(a.text), date = a.date,
    encoding = a.encoding, warnings = a.warnings, article = a, html = page, label = label }
end

-- One text input (plain, Markdown or HTML) as a document.
local function text_document(name, kind, data, opts, fn, fail)
  if kind == "html" then
    -- a page is decoded as a browser would (sift.extract through sift.decode_page), --encoding
    -- standing for the Content-Type header's charset; an iconv name the Encoding Standard does not
    -- know is the user's order, and decodes strictly first, as any other input
    local label = opts.encoding ~= "auto" and opts.encoding or nil
    local source = label and sift.page_encoding(data, label).source
    if label and source ~= "caller" and source ~= "bom" then
      local utf8, err = sift.decode(data, label)
      if not utf8 then
        fail(cli.quote_name(name) .. ": cannot decode: " .. err)
        return
      end
      data, label = utf8, "utf-8"
    end
    fn(page_document(cli.display_name(name), data, label, opts))
    return
  end
  local text, enc_or_err = sift.decode(data, opts.encoding)
  if not text then
    fail(cli.quote_name(name) .. ": cannot decode: " .. enc_or_err)
    return
  end
  if kind == "markdown" then
    text = cli.markdown_text(text)
  end
  name = cli.display_name(name)
  fn({ name = name, id = name, text = text, title = first_line(text), encoding = enc_or_err })
end

-- Whether JSON Lines in this encoding can be read line by line: UTF-8 (the format's own) and the
-- encodings where a newline byte is always a newline.
local function line_safe(encoding)
  local e = encoding:upper():gsub("[-_]", "")
  return not (e:match("^UTF16") or e:match("^UTF32") or e:match("^UCS") or e == "UNICODE")
end

-- The message of a failed io call on file `name`, which begins with the name as given: the name
-- as `cli.quote_name` shows it instead.
local function io_message(name, err)
  err = tostring(err)
  if err:sub(1, #name + 2) == name .. ": " then
    err = err:sub(#name + 3)
  end
  return cli.quote_name(name) .. ": " .. err
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
      fail(io_message(name, err))
      return
    end
  end
  local first = f:read("L")
  if not first then
    local _, rerr = f:read(0)
    if rerr then
      fail(io_message(name, rerr))
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
      fail(io_message(name, rerr))
    else
      text_document(name, kind or "text", first .. rest, opts, fn, fail)
    end
  end
  if f ~= io.stdin then
    f:close()
  end
end

--- Calls `fn(doc)` for each document of `inputs`, and `fail(message)` for each input that could not
-- be read. A document is {name =, id =, text =, title =, date =, encoding =, warnings =}: warnings,
-- when there are any, an array of what went wrong in it that did not stop it (bytes a web page's
-- encoding could not decode).
function cli.each_document(inputs, opts, fn, fail)
  if #inputs == 0 then
    inputs = { "-" }
  end
  local files = {}
  for _, name in ipairs(inputs) do
    if name ~= "-" and is_dir(name) then
      local found = folder_files(name, fail)
      if #found == 0 then
        fail(cli.quote_name(name) .. ": no .txt, .md, .html, .htm or .jsonl files in this folder")
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
      fail(cli.quote_name(name) .. ": " .. err)
      return
    end
    lines = (text .. "\n"):gmatch("(.-\n)")
  end
  name = cli.display_name(name)
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
      fail(cli.quote_name(where) .. ": cannot decode: " .. derr) -- its byte position counts from the line's start
    elseif line:match("%S") then
      local v, jerr = json.decode(line)
      if not v then
        fail(cli.quote_name(where) .. ": " .. jerr)
      elseif type(v) == "table" and type(v.text) ~= "string" and type(v.html) == "string" then
        -- a crawled page: its article, with the record's id, title and date kept
        local doc = page_document(where, v.html, "utf-8", opts, v.url)
        doc.id = (v.id ~= nil and v.id ~= json.null) and tostring(v.id) or where
        doc.title = type(v.title) == "string" and v.title or doc.title
        doc.date = type(v.date) == "string" and v.date or doc.date
        fn(doc)
      elseif type(v) ~= "table" or type(v.text) ~= "string" then
        fail(cli.quote_name(where) .. ": expected an object with a \"text\" string or an \"html\" string")
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

-- Outputs ------------------------------------------------------------------------------------

-- What an output raises when a write fails (a full disk, a closed pipe's EBADF, /dev/full):
-- `cli.main` stops the run there, reports `message` and exits with 1. Going on would only write
-- more of what is already lost.
local WriteError = {}
WriteError.__index = WriteError

-- The outputs to files not yet renamed into place, removed when a run stops on an error.
local pending = {}

local Output = {}
Output.__index = Output

local function write_failed(self, err)
  if self.tmp then
    self:discard()
    err = tostring(err) .. "; " .. self.label .. " not written"
  end
  error(setmetatable({ message = self.label .. ": " .. tostring(err) }, WriteError), 0)
end

--- Writes its arguments, as file:write does; a failed write raises (see WriteError).
function Output:write(...)
  local ok, err = self.file:write(...)
  if not ok then
    write_failed(self, err)
  end
  return self
end

function Output:flush()
  local ok, err = self.file:flush()
  if not ok then
    write_failed(self, err)
  end
  return self
end

--- For an output opened by cli.file_output: flushes and closes it and, when it went to a
-- temporary file, renames that into place. A failure raises, the temporary file removed.
function Output:commit()
  if self.tmp then
    local file = self.file
    self:flush()
    local closed, err = file:close()
    if not closed then
      write_failed(self, err)
    end
    local renamed, rerr = os.rename(self.tmp, self.path)
    if not renamed then
      write_failed(self, rerr)
    end
    pending[self] = nil
    self.tmp = nil
  else
    self:flush()
    if self.file ~= io.stdout then
      local closed, err = self.file:close()
      if not closed then
        write_failed(self, err)
      end
    end
  end
end

--- Drops an output to a file that will not be committed: its temporary file is removed.
function Output:discard()
  if self.tmp then
    self.file:close()
    os.remove(self.tmp)
    pending[self] = nil
    self.tmp = nil
  end
end

--- For the hot loops of the filters (a line per token): the file under output `out` and the
-- function to call with the message of a failed write, so that a loop checks what file:write
-- returns and saves a call per line. A plain file given as `out` raises the message itself.
function cli.sink(out)
  if getmetatable(out) == Output then
    return out.file, function(err)
      write_failed(out, err)
    end
  end
  return out, function(err)
    error(err, 2)
  end
end

--- An output that checks every write: `file` (standard output by default), named `label` in
-- messages.
function cli.output(file, label)
  return setmetatable({ file = file or io.stdout, label = label or "standard output" }, Output)
end

-- Whether `path` is a symbolic link, or something other than a regular file (a device, a FIFO):
-- such an output is written in place. Renaming a file over it would replace the link or the
-- device node itself (/dev/stdout, /dev/null) with a regular file.
local function write_in_place(path)
  return os.execute("test -L " .. shell_quote(path) .. " || { test -e " .. shell_quote(path)
    .. " && ! test -f " .. shell_quote(path) .. "; }") == true
end

--- An output to the file `path`, written to a temporary file beside it and renamed into place by
-- :commit(), so that readers of `path` see the old file or the whole new one, never a part, and a
-- failed run leaves `path` as it was. Returns nil and a message when the file cannot be created.
function cli.file_output(path)
  if write_in_place(path) then
    local f, err = io.open(path, "wb")
    if not f then
      return nil, err
    end
    return setmetatable({ file = f, label = cli.quote_name(path), path = path }, Output)
  end
  local dir = path:match("^(.*[/\\])") or ""
  local base = path:sub(#dir + 1)
  local tmp
  for _ = 1, 100 do
    -- the time in the name as well: Lua 5.3 starts every run with the same random numbers
    local candidate = ("%s.%s.sift-%d-%06d.tmp"):format(dir, base, os.time(), math.random(0, 999999))
    local probe = io.open(candidate, "rb")
    if probe then
      probe:close()
    else
      tmp = candidate
      break
    end
  end
  if not tmp then
    return nil, "cannot find a name for a temporary file beside " .. cli.quote_name(path)
  end
  local f, err = io.open(tmp, "wb")
  if not f then
    return nil, cli.quote_name(path) .. ": cannot create a file beside it: " .. tostring(err):gsub("^.*: ", "")
  end
  local out = setmetatable({ file = f, label = cli.quote_name(path), path = path, tmp = tmp }, Output)
  pending[out] = true
  return out
end

--- Runs `fn()`; a failed write of an output ends it. Returns true, or false and the message of the
-- write that failed. Any other error is raised again, with its traceback; in both cases the
-- outputs to files not yet committed are removed.
function cli.guard(fn)
  local ok, err = xpcall(fn, function(e)
    if getmetatable(e) == WriteError then
      return e
    end
    return debug.traceback(tostring(e), 2)
  end)
  if ok then
    return true
  end
  for out in pairs(pending) do
    out:discard()
  end
  if getmetatable(err) == WriteError then
    return false, err.message
  end
  error(err, 0)
end

--- Writes `text` to standard output, checked. Returns the exit status: 0, or 1 with the failure
-- on stderr, `prog` first.
function cli.print(prog, text)
  local ok, err = cli.guard(function()
    cli.output():write(text):flush()
  end)
  if not ok then
    io.stderr:write(prog, ": ", err, "\n")
    return 1
  end
  return 0
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
    return cli.print(prog, cli.help(M, prog))
  end
  if M.check then
    local ok, err = M.check(opts)
    if not ok then
      io.stderr:write(prog, ": ", err, "\n")
      return 2
    end
  end
  local status, out = 0, cli.output(io.stdout, "standard output")
  if opts.encoding ~= "auto" then
    local ok, err = sift.to_utf8("", opts.encoding)
    if not ok then
      io.stderr:write(prog, ": ", err, "\n")
      return 2
    end
  end
  local ok, err = cli.guard(function()
    cli.each_document(inputs, opts, function(doc)
      for _, w in ipairs(doc.warnings or {}) do
        io.stderr:write(prog, ": ", cli.quote_name(doc.name), ": warning: ", w, "\n")
      end
      M.document(doc, opts, out)
    end, function(message)
      io.stderr:write(prog, ": ", message, "\n")
      status = 1
    end)
    if M.finish then
      M.finish(opts, out)
    end
    out:flush()
  end)
  if not ok then
    io.stderr:write(prog, ": ", err, "\n")
    return 1
  end
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
