-- Which C module the specs test, and every Lua program they start: the one the run says it tests.
-- `make sanitize` (tests/sanitize.sh) sets SIFT_EXPECT_BUILD=asan+ubsan and SIFT_EXPECT_MODULE to
-- its build/sanitize/<Lua version>/sift/core.so; `make valgrind` sets plain and the ordinary
-- build. Without them (make test, busted by hand) the ordinary build is expected: flavour "plain",
-- from build/<Lua version>/sift/core.so. The module says how it was built in sift.core._build
-- (flavour from the Makefile, file from require); bin/sift --version prints both. A program that
-- found another module (the shadow checkout of tests/sanitize.sh once sent bin/sift to the real
-- checkout's plain build, so `make sanitize` passed without testing what it said) fails here.
local version = _VERSION:match("%d+%.%d+")
local LUA = "lua" .. version
local EXPECT_FLAVOUR = os.getenv("SIFT_EXPECT_BUILD") or "plain"
local EXPECT_MODULE = os.getenv("SIFT_EXPECT_MODULE") or ("build/" .. version .. "/sift/core.so")

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

-- The file's identity (device and inode, symlinks followed), or nil when there is no such file:
-- the same module reached through two paths (the shadow checkout's build/ is build/sanitize) is
-- the same file.
local function identity(path)
  local p = io.popen("stat -L -c '%d:%i' -- " .. quote(path) .. " 2>/dev/null")
  local id = p:read("l")
  p:close()
  return id
end

-- Runs a shell command; returns the exit status, standard output and standard error.
local function run(cmd)
  local out, err = os.tmpname(), os.tmpname()
  local ok, _, code = os.execute(cmd .. " >" .. out .. " 2>" .. err)
  local function slurp(path)
    local f = assert(io.open(path, "rb"))
    local s = f:read("a")
    f:close()
    os.remove(path)
    return s
  end
  return (ok == true and 0) or code, slurp(out), slurp(err)
end

local function check(what, flavour, file)
  assert.are.equal(EXPECT_FLAVOUR, flavour, what .. " loaded sift.core " .. tostring(file) .. " of flavour "
    .. tostring(flavour) .. ", not the " .. EXPECT_FLAVOUR .. " build under test (" .. EXPECT_MODULE .. ")")
  assert.is_string(file, what .. ": sift.core._build.file is missing")
  local want = identity(EXPECT_MODULE)
  assert.is_truthy(want, "no module at " .. EXPECT_MODULE)
  assert.are.equal(want, identity(file), what .. " loaded sift.core from " .. file .. ", not " .. EXPECT_MODULE)
end

-- A Lua program started with this first (lua -e "dofile'WRAP'" SCRIPT ...) writes which sift.core
-- it loads to standard error, as the line "sift.core build:<TAB>FLAVOUR<TAB>FILE". It wraps the
-- global require and changes nothing else: the script runs from the same path, with the same arg.
local WRAP = os.tmpname()
do
  local f = assert(io.open(WRAP, "wb"))
  f:write([[
local real_require, told = require, false
require = function(name, ...) -- luacheck: ignore
  local m, extra = real_require(name, ...)
  if name == "sift.core" and not told then
    told = true
    local b = type(m) == "table" and type(m._build) == "table" and m._build or {}
    io.stderr:write("sift.core build:\t", tostring(b.flavour), "\t", tostring(b.file), "\n")
  end
  return m, extra
end
]])
  f:close()
end

local function run_wrapped(script_and_args)
  local code, out, err = run(LUA .. " -e " .. quote("dofile[[" .. WRAP .. "]]") .. " " .. script_and_args)
  local flavour, file = err:match("sift%.core build:\t([^\t]*)\t([^\n]*)")
  return code, out, err, flavour, file
end

describe("the C module under test", function()
  teardown(function()
    os.remove(WRAP)
  end)

  it("is the one the specs load: require 'sift.core'", function()
    local core = require "sift.core"
    assert.is_table(core._build)
    check("require 'sift.core' in the specs", core._build.flavour, core._build.file)
    -- and sift (lua/sift/init.lua) is made of it, without its private names
    assert.are.equal(core.tokens, require("sift").tokens)
    assert.is_nil(require("sift")._build)
  end)

  it("is the one bin/sift loads: bin/sift --version", function()
    local code, out, err = run(LUA .. " bin/sift --version")
    assert.are.equal(0, code, err)
    local flavour, file = out:match("%(build: ([^,]*), module: (.*)%)\n$")
    assert.is_truthy(flavour, "bin/sift --version says no build: " .. out)
    check("bin/sift --version", flavour, file)
  end)

  it("is the one bin/sift loads to run a filter: bin/sift tokens", function()
    local code, out, err, flavour, file = run_wrapped("bin/sift tokens --format text samples/coffee-prices.txt")
    assert.are.equal(0, code, err)
    assert.is_truthy(out:find("Grenholt", 1, true))
    check("bin/sift tokens", flavour, file)
  end)

  it("is the one a filter loads run as a script: lua filters/tokens.lua", function()
    local code, out, err, flavour, file = run_wrapped("filters/tokens.lua --format text samples/coffee-prices.txt")
    assert.are.equal(0, code, err)
    assert.is_truthy(out:find("Grenholt", 1, true))
    check("lua filters/tokens.lua", flavour, file)
  end)

  it("is the one an example loads: lua examples/who_said_what.lua", function()
    local code, out, err, flavour, file = run_wrapped("examples/who_said_what.lua samples/harbour-bridge.txt")
    assert.are.equal(0, code, err)
    assert.is_truthy(out:find("## ", 1, true))
    check("lua examples/who_said_what.lua", flavour, file)
  end)
end)
