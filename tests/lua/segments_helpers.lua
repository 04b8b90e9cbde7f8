-- Helpers of the translation-segment specs: running the sift command and the real tools that
-- check its output (xmllint, msgfmt, translate-toolkit), temporary files, the shared articles.
local helpers = require "helpers"

local sh = {}

--- The Lua interpreter running the specs (lua5.4 or lua5.3), for running bin/sift with it.
sh.lua = "lua" .. _VERSION:match("%d+%.%d+")

--- Debian's Python, which has translate-toolkit and python3-regex (not a pyenv shim's).
sh.python = "/usr/bin/python3"

sh.schemas = helpers.shared .. "/schemas"

sh.quote = helpers.quote

-- The temporary files made since the last sh.cleanup().
local created = {}

--- A new temporary file holding `content` (or empty); its name. sh.cleanup() removes it.
function sh.temp(content, suffix)
  local name = os.tmpname()
  if suffix then
    os.remove(name)
    name = name .. suffix
  end
  created[#created + 1] = name
  local f = assert(io.open(name, "wb"))
  f:write(content or "")
  f:close()
  return name
end

--- Removes the temporary files made by sh.temp: the specs call it in after_each, so that a failed
-- test leaves nothing behind either.
function sh.cleanup()
  for _, name in ipairs(created) do
    os.remove(name)
  end
  created = {}
end

--- A new temporary directory; its name.
sh.temp_dir = helpers.tmpdir

function sh.remove_dir(dir)
  os.execute("rm -rf " .. sh.quote(dir))
end

--- Runs a shell command line; returns its stdout, its stderr and its exit status.
function sh.run(cmd)
  local err = os.tmpname()
  local p = io.popen(cmd .. " 2>" .. sh.quote(err))
  local out = p:read("a")
  local _, _, code = p:close()
  local f = io.open(err, "rb")
  local stderr = f and f:read("a") or ""
  if f then
    f:close()
  end
  os.remove(err)
  return out, stderr, code
end

--- Runs `bin/sift ARGS` (a list of strings, quoted here) with the Lua under test.
function sh.sift(args, stdin_file)
  local parts = { sh.lua, "bin/sift" }
  for _, a in ipairs(args) do
    parts[#parts + 1] = sh.quote(a)
  end
  local cmd = table.concat(parts, " ")
  if stdin_file then
    cmd = cmd .. " <" .. sh.quote(stdin_file)
  end
  return sh.run(cmd)
end

--- Runs a Python program (text) with Debian's Python and the given arguments.
function sh.py(program, args)
  local file = sh.temp(program, ".py")
  local parts = { sh.python, sh.quote(file) }
  for _, a in ipairs(args or {}) do
    parts[#parts + 1] = sh.quote(a)
  end
  local out, err, code = sh.run(table.concat(parts, " "))
  os.remove(file)
  return out, err, code
end

--- Every article of the shared data: the seed, the 400 BBC articles, the 200 keyphrase documents.
function sh.all_articles()
  local files = { helpers.shared .. "/data/seed/new-industrialisation.txt" }
  for _, f in ipairs(helpers.bbc_articles()) do
    files[#files + 1] = f
  end
  local kp = helpers.list(helpers.shared .. "/data/keyphrase-500N-KPCrowd/docs", "%.txt$")
  assert(#kp >= 200, "expected the 200 keyphrase documents")
  for _, f in ipairs(kp) do
    files[#files + 1] = f
  end
  return files
end

--- Every `step`-th BBC article (a spread over the five categories).
function sh.some_bbc(step)
  local out = {}
  for n, f in ipairs(helpers.bbc_articles()) do
    if n % step == 1 then
      out[#out + 1] = f
    end
  end
  return out
end

--- An article of hostile text: XML's special characters, forbidden control characters, ill-formed
-- UTF-8 is not here (the inputs are decoded), characters outside the BMP, CR LF line ends.
sh.hostile = table.concat({
  "Rates & <tags> \"quoted\" and 'single' at AT&T\1 today\n",
  "\n",
  "Tom said \"x < y && y > z\" at 10:30\11 on Monday. Then 😀 and 𝄞 (U+1D11E) and 𠀋 came.\r\n",
  "Mail desk@example.org, see https://example.org/a?b=1&c=<2> or ping @harbourdesk #Élections2024.\r\n",
  "\r\n",
  "A form\12feed and a \31unit separator and a \127delete and \239\191\190 and \239\191\191 stay out.\n",
})

return sh
