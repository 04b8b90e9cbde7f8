-- filters/checkout.lua - lets the filters (and bin/sift) run from a sift checkout with no
-- environment variables, as scripts or under pandoc: when this file sits in ROOT/filters/ and
-- ROOT/lua/sift and ROOT/build/<Lua version>/sift/core.so exist, they go first on the module
-- paths. In an installed rock there is no such ROOT, and nothing changes.
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
  local lpath = root .. "/lua/?.lua;" .. root .. "/lua/?/init.lua;"
  if exists(root .. "/lua/sift/init.lua") and not package.path:find(lpath, 1, true) then
    package.path = lpath .. package.path
  end
  local cpath = root .. "/build/" .. version .. "/?.so;"
  if exists(root .. "/build/" .. version .. "/sift/core.so") and not package.cpath:find(cpath, 1, true) then
    package.cpath = cpath .. package.cpath
  end
end
