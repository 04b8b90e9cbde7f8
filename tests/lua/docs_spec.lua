-- The code examples of README.md and docs/*.md, run and their shown output checked, so that none
-- can drift from the library (issue 13). Every fenced code block of those files (whatever .md
-- files docs/ holds when the spec runs) is one test named FILE:LINE, LINE the opening fence's.
--
-- ```lua blocks are run, each in a fresh Lua process of the version running the spec, with `sift`
-- already loaded (as after README.md's first example, `local sift = require "sift"`), from a
-- scratch directory that holds a symbolic link to every top-level entry of the checkout (so that
-- `samples/...` reads the samples and anything a block writes stays out of the checkout). A block
-- that raises fails, and its error names the Markdown file and the line the error happened on.
-- Shown output is written in `-->` comments: a line `--> TEXT`, or ` -->` after the code of a line
-- (`print(x) --> 42`). When a block has any, what it prints must match them all:
--   * white space is folded: every run of spaces, tabs and newlines, in the printed output and in
--     the `-->` texts joined by spaces, counts as one space (a `-->` line may hold several printed
--     lines, and columns may be aligned with spaces where print writes tabs);
--   * `...` as a word of its own in a `-->` text stands for any text (possibly none): the rest of
--     a long sentence, further printed lines.
-- A block without `-->` comments must only run without error. `-- value` comments (`local n =
-- f(x) -- 3`) are prose and not checked: print a value and show it with `-->` to have it checked.
--
-- ```sh (or bash, shell, console) blocks whose lines start with the prompt `$ ` are run command by
-- command with bash, in one scratch directory per block like the one above (a command may write a
-- file that the next one reads). A leading `bin/sift` (also after `|`, `;` or `&&`) is run as
-- `lua5.X bin/sift`, and a leading `lua5.4` or `lua5.3` as `lua5.X`, with the Lua running the spec.
-- Each command must exit 0 (as bash reports it: the last command's status for a pipeline), and
-- its standard output must be exactly the lines below it, up to the next `$ ` line or the end of
-- the block (blank lines at the end of either do not count; the documents show no elisions there).
-- A command line ending in `\` continues on the next line; a `$ # ...` line is a comment: it
-- runs, and prints nothing. sh blocks without prompts (install steps, make commands, environment
-- settings) are not run; they are only checked to be valid bash (`bash -n`).
--
-- ```c blocks that are whole programs (with a `main`) are compiled against build/libsift.a (with
-- -I for include/, src/ and every directory under src/ that holds a header) and run (exit 0);
-- other c fragments and blocks of any other language (text, json, xml, none) are not run, and show
-- as pending.
--
-- A block that cannot be run as it stands is marked by an HTML comment on the line right before
-- its fence (blank lines between are allowed); markers must be rare, and each gives its reason:
--   <!-- docs_spec: skip (REASON) -->   the block is not run (the test is pending with REASON);
--   <!-- docs_spec: context NAME -->    the block runs after the one-line Lua code CONTEXTS[NAME]
--                                       below (say, a variable the prose around it defines).
-- An unknown marker, a marker followed by no fence, or an unclosed fence fails. Fences are lines of
-- three or more backticks or tildes, indented by up to three spaces (inside list items); the
-- language is the first word after them. The spec runs from the repository root, like the others.
local helpers = require "helpers"

local VERSION = _VERSION:match("%d+%.%d+")
local LUA = "lua" .. VERSION

--- The Lua code that `<!-- docs_spec: context NAME -->` puts before a block: one line each.
local CONTEXTS = {
  harbour = [[local text = io.open("samples/harbour-bridge.txt"):read("a")]],
}

local function pwd()
  local p = io.popen("pwd")
  local dir = p:read("l")
  p:close()
  return dir
end

local ROOT = pwd()

--- The Markdown files whose examples are checked: README.md, then docs/*.md, sorted.
local function documents()
  local files = { "README.md" }
  for _, path in ipairs(helpers.list("docs", "%.md$")) do
    if not path:find("/", 6, true) then -- docs/*.md, not docs/*/...
      files[#files + 1] = path
    end
  end
  return files
end

--- The fenced code blocks of the Markdown text of `file`: an array of {file =, line = (the
-- opening fence's), lang =, lines = {...}, marker = (the docs_spec marker's text, or nil),
-- problem = (what is wrong with the block's fences or marker, or nil)}.
local function fences(file, text)
  local blocks = {}
  local current -- the open block
  local marker, marker_line -- a docs_spec marker waiting for its fence
  local n = 0
  for line in (text .. (text:sub(-1) == "\n" and "" or "\n")):gmatch("(.-)\r?\n") do
    n = n + 1
    if current then
      local indent = current.indent
      local close = line:match("^ ? ? ?([`~]+)%s*$")
      if close and close:sub(1, 1) == current.fence:sub(1, 1) and #close >= #current.fence then
        current = nil
      else
        -- drop up to the opening fence's indentation
        local spaces = #line:match("^ *")
        current.lines[#current.lines + 1] = line:sub(math.min(spaces, indent) + 1)
      end
    else
      local indent, fence, info = line:match("^( ? ? ?)(```+)%s*([^`]-)%s*$")
      if not fence then
        indent, fence, info = line:match("^( ? ? ?)(~~~+)%s*(.-)%s*$")
      end
      local m = line:match("^%s*<!%-%-%s*docs_spec:%s*(.-)%s*%-%->%s*$")
      if fence then
        current = {
          file = file, line = n, lang = (info:match("^(%S*)") or ""):lower(), lines = {},
          indent = #indent, fence = fence, marker = marker,
        }
        blocks[#blocks + 1] = current
        marker = nil
      elseif m then
        if marker then
          blocks[#blocks + 1] = { file = file, line = marker_line, lang = "", lines = {},
            problem = "docs_spec marker followed by no code block" }
        end
        marker, marker_line = m, n
      elseif marker and line:find("%S") then
        blocks[#blocks + 1] = { file = file, line = marker_line, lang = "", lines = {},
          problem = "docs_spec marker not right before a code block" }
        marker = nil
      end
    end
  end
  if current then
    current.problem = "the code block is never closed"
  end
  if marker then
    blocks[#blocks + 1] = { file = file, line = marker_line, lang = "", lines = {},
      problem = "docs_spec marker followed by no code block" }
  end
  return blocks
end

--- White space folded: each run one space, none at either end.
local function fold(s)
  return (s:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

--- Whether `actual` (folded) matches `expected` (folded), where a word `...` of `expected` stands
-- for any text.
local function matches(actual, expected)
  local segments, words = {}, {}
  for w in expected:gmatch("%S+") do
    if w == "..." then
      segments[#segments + 1] = table.concat(words, " ")
      words = {}
    else
      words[#words + 1] = w
    end
  end
  segments[#segments + 1] = table.concat(words, " ")
  if #segments == 1 then
    return actual == expected
  end
  local first, last = segments[1], segments[#segments]
  if actual:sub(1, #first) ~= first then
    return false
  end
  local pos = #first + 1
  for k = 2, #segments - 1 do
    if segments[k] ~= "" then
      local _, e = actual:find(segments[k], pos, true)
      if not e then
        return false
      end
      pos = e + 1
    end
  end
  return last == "" or (#actual - #last + 1 >= pos and actual:sub(#actual - #last + 1) == last)
end

local tmp = helpers.tmpdir()

--- A new scratch directory holding a symbolic link to each top-level entry of the checkout.
local function scratch()
  local dir = helpers.tmpdir()
  local rc, _, err = helpers.run("cd " .. helpers.quote(dir) .. " && for f in " .. helpers.quote(ROOT)
    .. "/* " .. helpers.quote(ROOT) .. "/.[!.]*; do [ -e \"$f\" ] && [ \"${f##*/}\" != .git ] "
    .. "&& ln -s \"$f\" .; done; true")
  assert(rc == 0, err)
  return dir
end

-- The program that runs a lua block: arg[1] the chunk's name, arg[2] the file holding its code.
local RUNNER = tmp .. "/run_block.lua"
helpers.write(RUNNER, ([[
package.path = %q .. package.path
package.cpath = %q .. package.cpath
local f = assert(io.open(arg[2], "rb"))
local code = f:read("a")
f:close()
local env = setmetatable({}, { __index = _G })
env.sift = require "sift"
local chunk, err = load(code, "@" .. arg[1], "t", env)
if not chunk then
  io.stderr:write(err, "\n")
  os.exit(3)
end
local ok, e = xpcall(chunk, debug.traceback)
io.stdout:flush()
if not ok then
  io.stderr:write(tostring(e), "\n")
  os.exit(1)
end
]]):format(ROOT .. "/lua/?.lua;" .. ROOT .. "/lua/?/init.lua;",
  ROOT .. "/build/" .. VERSION .. "/?.so;"))

local function where(block)
  return block.file .. ":" .. block.line
end

local function run_lua(block, context)
  -- the code at its own lines of the Markdown file, so that errors name them
  local prefix = ("\n"):rep(block.line - 1) .. (context or "") .. "\n"
  local code_file = tmp .. "/block.lua"
  helpers.write(code_file, prefix .. table.concat(block.lines, "\n") .. "\n")
  local expected, shown = {}, false
  for _, line in ipairs(block.lines) do
    local out = line:match("^%s*%-%->%s?(.*)$") or line:match("%s%-%->%s?(.*)$")
    if out then
      expected[#expected + 1] = out
      shown = true
    end
  end
  local dir = scratch()
  local rc, out, err = helpers.run("cd " .. helpers.quote(dir) .. " && " .. LUA .. " "
    .. helpers.quote(RUNNER) .. " " .. helpers.quote(block.file) .. " " .. helpers.quote(code_file))
  helpers.run("rm -rf " .. helpers.quote(dir))
  assert.is_true(rc == 0, where(block) .. ": the example raised an error (exit status " .. tostring(rc)
    .. "):\n" .. err)
  if shown then
    local want, got = fold(table.concat(expected, " ")), fold(out)
    assert.is_true(matches(got, want), where(block) .. ": the output is not what the `-->` lines show"
      .. "\nshown (white space folded):\n  " .. want .. "\nprinted (white space folded):\n  " .. got
      .. "\nprinted:\n" .. out)
  end
end

--- The commands of a sh block with prompts, each {line =, command =, output = {...}}; or nil when
-- no line has a prompt; or nil and a message.
local function commands(block)
  local prompted = false
  for _, line in ipairs(block.lines) do
    prompted = prompted or line:find("^%$ ") ~= nil or line == "$"
  end
  if not prompted then
    return nil
  end
  local list, open = {}, false
  for k, line in ipairs(block.lines) do
    local command = line:match("^%$ (.*)$") or (line == "$" and "")
    if open then
      list[#list].command = list[#list].command .. "\n" .. line
      open = line:sub(-1) == "\\"
    elseif command then
      list[#list + 1] = { line = block.line + k, command = command, output = {} }
      open = command:sub(-1) == "\\"
    elseif #list > 0 then
      local output = list[#list].output
      output[#output + 1] = line
    elseif line:find("%S") then
      return nil, "line " .. (block.line + k) .. " comes before the first `$ ` prompt"
    end
  end
  return list
end

--- `command` with sift and Lua run by the Lua of the spec.
local function with_our_lua(command)
  local c = (" " .. command):gsub("([|;&%s]%s*)bin/sift%f[%s\0]", "%1" .. LUA .. " bin/sift")
  c = c:gsub("^(%s*)lua5%.%d%f[%s]", "%1" .. LUA)
  return (c:sub(2))
end

--- `s` without the blank lines at its end, and without its final newline.
local function trim_blank(s)
  return (s:gsub("[ \t]*\n[%s]*$", ""))
end

local function run_sh(block, list)
  local dir = scratch()
  for _, c in ipairs(list) do
    -- on a line of its own, so that a command that is a comment (`$ # ...`) runs too
    local rc, out, err = helpers.run("cd " .. helpers.quote(dir) .. " || exit 1\n" .. with_our_lua(c.command))
    local want, got = trim_blank(table.concat(c.output, "\n")), trim_blank(out)
    if rc ~= 0 or want ~= got then
      helpers.run("rm -rf " .. helpers.quote(dir))
    end
    assert.is_true(rc == 0, block.file .. ":" .. c.line .. ": `" .. c.command .. "` exited with status "
      .. tostring(rc) .. ":\n" .. err)
    assert.are.equal(want, got,
      block.file .. ":" .. c.line .. ": the output of `" .. c.command .. "` is not what is shown")
  end
  helpers.run("rm -rf " .. helpers.quote(dir))
end

--- The include directories of the engine: include/ (the public header) when there is one, src/
-- (whose parts include each other as "text/tokens.h"), and every directory under it holding a header.
local function include_flags()
  local p = io.popen("{ [ -d include ] && echo include; echo src; find -L src -name '*.h' -exec dirname {} \\; "
    .. "| sort -u | grep -vx src; }")
  local flags = {}
  for dir in p:lines() do
    flags[#flags + 1] = "-I" .. helpers.quote(dir)
  end
  p:close()
  return table.concat(flags, " ")
end

local function run_c(block)
  local dir = scratch()
  local src = dir .. "/example.c"
  helpers.write(src, ("#line %d %q\n"):format(block.line + 1, block.file) .. table.concat(block.lines, "\n") .. "\n")
  -- $SIFT_TEST_CFLAGS: the sanitizer flags when build/ is an instrumented build (tests/sanitize.sh)
  local rc, _, err = helpers.run("cd " .. helpers.quote(dir) .. " && ${CC:-cc} -std=c99 -Wall $SIFT_TEST_CFLAGS "
    .. include_flags() .. " example.c -o example build/libsift.a -lmodest -lm && ./example")
  helpers.run("rm -rf " .. helpers.quote(dir))
  assert.is_true(rc == 0, where(block) .. ": the C example did not compile or run:\n" .. err)
end

local SH = { sh = true, bash = true, shell = true, console = true }

for _, file in ipairs(documents()) do
  describe("code examples of " .. file .. ":", function()
    for _, block in ipairs(fences(file, helpers.read(file))) do
      local lang = block.lang ~= "" and block.lang or "no language"
      local name = where(block) .. " (" .. lang .. ")"
      local verb, arg = (block.marker or ""):match("^(%S*)%s*(.-)$")
      if block.problem then
        it(name, function()
          error(where(block) .. ": " .. block.problem, 0)
        end)
      elseif verb == "skip" then
        local reason = arg:match("^%((.+)%)$")
        if reason then
          pending(name .. ": skipped (" .. reason .. ")")
        else
          it(name, function()
            error(where(block) .. ": `docs_spec: skip` needs a reason in parentheses", 0)
          end)
        end
      elseif block.marker and not (verb == "context" and CONTEXTS[arg]) then
        it(name, function()
          error(where(block) .. ": unknown docs_spec marker `" .. block.marker .. "` (known: skip (REASON), "
            .. "context NAME with NAME a key of CONTEXTS in tests/lua/docs_spec.lua)", 0)
        end)
      elseif block.lang == "lua" then
        it(name, function()
          run_lua(block, verb == "context" and CONTEXTS[arg] or nil)
        end)
      elseif SH[block.lang] then
        local list, problem = commands(block)
        if list then
          it(name, function()
            run_sh(block, list)
          end)
        elseif problem then
          it(name, function()
            error(where(block) .. ": " .. problem, 0)
          end)
        else
          it(name .. ", no prompts: bash syntax only", function()
            helpers.write(tmp .. "/block.sh", table.concat(block.lines, "\n") .. "\n")
            local rc, _, err = helpers.run("bash -n " .. helpers.quote(tmp .. "/block.sh"))
            assert.is_true(rc == 0, where(block) .. ": not valid bash:\n" .. err)
          end)
        end
      elseif block.lang == "c" and table.concat(block.lines, "\n"):find("int%s+main%s*%(") then
        it(name, function()
          run_c(block)
        end)
      else
        pending(name .. ": not run (" .. (block.lang == "c" and "a C fragment" or lang) .. ")")
      end
    end
  end)
end

teardown(function()
  helpers.run("rm -rf " .. helpers.quote(tmp))
end)
