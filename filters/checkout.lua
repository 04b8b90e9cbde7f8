-- filters/checkout.lua - lets the filters (and bin/sift) run from a sift checkout with no
-- environment variables, as scripts or under pandoc: when this file sits in ROOT/filters/ and
-- ROOT/lua/sift and ROOT/build/<Lua version>/sift/core.so exist, they go first on the module
-- paths. In an installed rock there is no such ROOT, and nothing changes.
--
-- ROOT comes from the path this file was loaded by, and that path often climbs with "..":
-- bin/sift loads "bin/../filters/checkout.lua", the examples "examples/../filters/checkout.lua".
-- The system resolves such a ".." physically, so when bin/ or examples/ is a symlink to a directory
-- of another checkout, "bin/.." is that other checkout, not the one the path names (the shadow
-- checkout of tests/sanitize.sh was made that way once: its bin/sift loaded the real checkout's
-- build/, the unsanitized module, and `make sanitize` tested the wrong thing). So ROOT is the path
-- with its ".." taken away by name ("bin/.." is "."), as the shell's `cd` does, whenever that names
-- a checkout (has filters/checkout.lua and lua/sift/init.lua); the physical path only otherwise
-- (a bin/ reached through a symlink from outside any checkout).
local root = debug.getinfo(1, "S").source:match("^@(.-)[/\\]?filters[/\\]checkout%.lua$")
if root then
  root = root == "" and "." or root
  local version = _VERSION:match("%d+%.%d+")
  local function exists(path)
    local f = io.open(path, "rb")
    if f then
      f:close()
    end
    return f ~= nil
  end
  -- "a/b/../c/." -> "a/c"; a leading ".." (or one after another "..") stays; "" -> "."
  local function logical(path)
    if path:find("\\", 1, true) then
      return path -- Windows separators: left as they are
    end
    local absolute, parts = path:sub(1, 1) == "/", {}
    for part in path:gmatch("[^/]+") do
      if part == ".." and #parts > 0 and parts[#parts] ~= ".." then
        parts[#parts] = nil
      elseif part ~= "." and not (part == ".." and absolute) then -- "/.." is "/"
        parts[#parts + 1] = part
      end
    end
    local out = table.concat(parts, "/")
    if absolute then
      return "/" .. out
    end
    return out == "" and "." or out
  end
  local named = logical(root)
  if named ~= root and exists(named .. "/filters/checkout.lua") and exists(named .. "/lua/sift/init.lua") then
    root = named
  end
  local lpath = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;"
  if exists(root .. "/lua/sift/init.lua") and not package.path:find(lpath, 1, true) then
    package.path = lpath .. package.path
  end
  local cpath = root .. "/build/" .. version .. "/?.so;"
  if exists(root .. "/build/" .. version .. "/sift/core.so") and not package.cpath:find(cpath, 1, true) then
    package.cpath = cpath .. package.cpath
  end
end
