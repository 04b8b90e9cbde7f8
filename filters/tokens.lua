-- filters/tokens.lua - `sift tokens`: one token a line.
--
-- A module (sift.filters.tokens when installed) whose main(args) returns the exit status, and a
-- script: `lua5.4 filters/tokens.lua FILE...` runs it directly.

local M = {}

M.summary = "split text into tokens: words, numbers, URLs, e-mails, emoji, ... (TSV, JSON, text)"

M.help = [[
usage: %s [--spaces] [--format tsv|json|text] [FILES...]

Splits each FILE (standard input when there are none, or for "-") into tokens and prints them.

  --format tsv    (default) one token a line: FILE<TAB>I<TAB>J<TAB>KIND<TAB>TEXT, where I..J are
                  the 1-based inclusive byte offsets of TEXT in the file; in TEXT a tab, newline,
                  carriage return and backslash are written \t \n \r \\
  --format json   JSON Lines: {"file":...,"i":...,"j":...,"kind":...,"text":...} a line; bytes
                  that are not UTF-8 become U+FFFD in "text" (i and j stay exact)
  --format text   the token texts joined by single spaces, one line per file (white space
                  tokens left out)
  --spaces        also print the runs of white space, as tokens of kind "space", so that the
                  tokens cover the whole text
  -h, --help      this help

Kinds: word number abbrev clitic punct symbol url email mention hashtag emoji ideograph space
invalid other.
Exit status: 0 ok, 1 some file could not be read, 2 bad usage.
]]

local function tsv_escape(s)
    return (s:gsub("[\\\t\n\r]", { ["\\"] = "\\\\", ["\t"] = "\\t", ["\n"] = "\\n", ["\r"] = "\\r" }))
end

local JSON_ESCAPES = {
    ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
    ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

-- Replaces each byte that is not part of well-formed UTF-8 with U+FFFD.
local function valid_utf8(s)
    if utf8.len(s) then return s end
    local out, pos, n = {}, 1, #s
    while pos <= n do
        local len, bad = utf8.len(s, pos)
        if len then
            out[#out + 1] = s:sub(pos)
            break
        end
        out[#out + 1] = s:sub(pos, bad - 1)
        out[#out + 1] = "\u{FFFD}"
        pos = bad + 1
    end
    return table.concat(out)
end

local function json_string(s)
    s = valid_utf8(s):gsub('[%c"\\]', function(c)
        return JSON_ESCAPES[c] or string.format("\\u%04x", c:byte())
    end)
    return '"' .. s .. '"'
end

local function read_input(name)
    if name == "-" then
        local text = io.stdin:read("a")
        if not text then return nil, "-: cannot read standard input" end
        return text
    end
    local f, err = io.open(name, "rb")
    if not f then return nil, err end
    local text, rerr = f:read("a")
    f:close()
    if not text then return nil, name .. ": " .. tostring(rerr) end
    return text
end

local WRITERS = {
    tsv = function(out, name, text, opts, sift)
        local fname = tsv_escape(name)
        for i, j, kind in sift.each_token(text, opts) do
            out:write(fname, "\t", i, "\t", j, "\t", kind, "\t", tsv_escape(text:sub(i, j)), "\n")
        end
    end,
    json = function(out, name, text, opts, sift)
        local prefix = '{"file":' .. json_string(name) .. ',"i":'
        for i, j, kind in sift.each_token(text, opts) do
            out:write(prefix, i, ',"j":', j, ',"kind":', json_string(kind), ',"text":',
                json_string(text:sub(i, j)), "}\n")
        end
    end,
    text = function(out, _, text, opts, sift)
        local words = {}
        for i, j, kind in sift.each_token(text, opts) do
            if kind ~= "space" then
                words[#words + 1] = text:sub(i, j)
            end
        end
        out:write(table.concat(words, " "), "\n")
    end,
}

-- Parses the arguments: returns options and file names, or nil and a message.
local function parse_args(args)
    local opts = { format = "tsv", spaces = false, files = {} }
    local i = 1
    while i <= #args do
        local a = args[i]
        if a == "--" then
            table.move(args, i + 1, #args, #opts.files + 1, opts.files)
            break
        elseif a == "-h" or a == "--help" then
            opts.help = true
        elseif a == "--spaces" then
            opts.spaces = true
        elseif a == "--format" or a == "-f" then
            i = i + 1
            if args[i] == nil then return nil, a .. " needs a value" end
            opts.format = args[i]
        elseif a:match("^%-%-format=") then
            opts.format = a:sub(#"--format=" + 1)
        elseif a:sub(1, 1) == "-" and a ~= "-" then
            return nil, "unknown option " .. a
        else
            opts.files[#opts.files + 1] = a
        end
        i = i + 1
    end
    if not WRITERS[opts.format] then
        return nil, "unknown format " .. opts.format .. " (tsv, json or text)"
    end
    return opts
end

-- Runs the filter on args (an array of strings); prog names it in messages. Returns 0, 1 or 2.
function M.main(args, prog)
    prog = prog or "sift tokens"
    local opts, err = parse_args(args or {})
    if not opts then
        io.stderr:write(prog, ": ", err, "\n", "try ", prog, " --help\n")
        return 2
    end
    if opts.help then
        io.stdout:write(string.format(M.help, prog))
        return 0
    end
    local sift = require "sift"
    local files = opts.files
    if #files == 0 then files = { "-" } end
    local write = WRITERS[opts.format]
    local token_opts = { spaces = opts.spaces }
    local status = 0
    for _, name in ipairs(files) do
        local text, rerr = read_input(name)
        if text then
            write(io.stdout, name, text, token_opts, sift)
        else
            io.stderr:write(prog, ": ", tostring(rerr), "\n")
            status = 1
        end
    end
    io.stdout:flush()
    return status
end

-- Run as a script (not required or loaded by bin/sift): set up the checkout's paths and go.
if not pcall(debug.getlocal, 4, 1) then
    local root = ((arg and arg[0] or ""):match("^(.*)/[^/]*$") or ".") .. "/.."
    local v = _VERSION:match("%d+%.%d+")
    local function exists(path)
        local f = io.open(path, "rb")
        if f then f:close() end
        return f ~= nil
    end
    if exists(root .. "/lua/sift/init.lua") then
        package.path = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;" .. package.path
    end
    if exists(root .. "/build/" .. v .. "/sift/core.so") then
        package.cpath = root .. "/build/" .. v .. "/?.so;" .. package.cpath
    end
    os.exit(M.main(arg, "tokens.lua"))
end

return M
