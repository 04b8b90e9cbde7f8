-- luacheck settings for sift. The code must run on Lua 5.3 and 5.4, so the standard globals are
-- Lua 5.3's: a 5.4-only global (warn, ...) is reported. Nothing may set or read a global.
std = "lua53"
codes = true

files["tests/lua"] = { std = "+busted" }
files[".busted"] = { std = "lua53" }
