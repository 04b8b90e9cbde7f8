-- Shared helpers of the Lua specs: where the test data lives, reading files.
local helpers = {}

--- ../shared beside the checkout, or $SIFT_SHARED.
helpers.shared = os.getenv("SIFT_SHARED") or "../shared"

--- The Unicode data directory: $SIFT_UNICODE_DIR or Debian's /usr/share/unicode.
helpers.unicode_dir = os.getenv("SIFT_UNICODE_DIR") or "/usr/share/unicode"

--- Reads a whole file, raising an error that names it when it cannot.
function helpers.read(path)
  local f, err = io.open(path, "rb")
  if not f then
    error("cannot read test data " .. tostring(err), 2)
  end
  local data = f:read("a")
  f:close()
  return data
end

--- The files of a directory matching a Lua pattern, sorted (through ls: no lfs in Debian's Lua).
function helpers.list(dir, pattern)
  local p = io.popen('find "' .. dir .. '" -type f 2>/dev/null | sort')
  local out = {}
  for line in p:lines() do
    if not pattern or line:match(pattern) then
      out[#out + 1] = line
    end
  end
  p:close()
  return out
end

--- Every BBC article of the shared data (400 files); fails the calling test when absent.
function helpers.bbc_articles()
  local files = helpers.list(helpers.shared .. "/data/bbc-news-summary/articles", "%.txt$")
  assert(#files >= 400, "expected the 400 BBC articles under " .. helpers.shared .. "/data")
  return files
end

--- Runs a command under bash (which has <(...)), standard input from /dev/null; returns its exit
-- status, standard output and standard error.
function helpers.run(cmd)
  local out, err = os.tmpname(), os.tmpname()
  local ok, _, code = os.execute("bash -c " .. helpers.quote(cmd) .. " >" .. out .. " 2>" .. err .. " </dev/null")
  local o, e = helpers.read(out), helpers.read(err)
  os.remove(out)
  os.remove(err)
  return (ok == true and 0) or code, o, e
end

--- A string quoted for the shell.
function helpers.quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

--- A new temporary directory.
function helpers.tmpdir()
  local p = io.popen("mktemp -d")
  local dir = p:read("l")
  p:close()
  return dir
end

--- Writes `data` to the file `path`.
function helpers.write(path, data)
  local f = assert(io.open(path, "wb"))
  f:write(data)
  f:close()
end

return helpers
