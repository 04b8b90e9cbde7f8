-- sift.check: the argument checks that sift's Lua functions share (issue 13), their messages in
-- Lua's own style and the level they raise at.
local check = require "sift.check"

-- The message f raises, without this file's position; nil when it raises none.
local function message_of(f, ...)
  local ok, err = pcall(f, ...)
  if ok then
    return nil
  end
  return (tostring(err):gsub("^[^\n]-check_spec%.lua:%d+: ", ""))
end

describe("sift.check", function()
  it("checks types, of either kind, nil allowed with ?", function()
    assert.are.equal("x", check.arg("f", 1, "x", "string"))
    assert.are.equal("bad argument #1 to 'f' (string expected, got nil)",
      message_of(function() check.arg("f", 1, nil, "string") end))
    assert.are.equal("bad argument #2 to 'f' (string or table expected, got boolean)",
      message_of(function() check.arg("f", 2, true, "string|table") end))
    assert.are.equal("bad argument #2 to 'f' (string, table or function expected, got number)",
      message_of(function() check.arg("f", 2, 1, "string|table|function") end))
    assert.is_nil(check.arg("f", 3, nil, "?table"))
    assert.are.equal("bad argument #3 to 'f' (table expected, got string)",
      message_of(function() check.arg("f", 3, "x", "?table") end))
  end)

  it("checks option tables: unknown options, types, sets of strings", function()
    local spec = { n = "number", f = "function|boolean", any = "any", mode = { "a", "b", "c" } }
    assert.are.same({}, check.opts("f", 2, nil, spec))
    local opts = { n = 1, f = false, any = {}, mode = "b" }
    assert.are.equal(opts, check.opts("f", 2, opts, spec))
    for _, c in ipairs({
      { "x", "table expected, got string" },
      { { nope = 1 }, "unknown option 'nope'" },
      { { [1] = true }, "unknown option '1'" },
      { { n = "1" }, "option 'n' must be a number, got string" },
      { { f = 1 }, "option 'f' must be a function or boolean, got number" },
      { { mode = "d" }, "option 'mode' must be 'a', 'b' or 'c', got 'd'" },
      { { mode = true }, "option 'mode' must be 'a', 'b' or 'c', got boolean" },
    }) do
      assert.are.equal("bad argument #2 to 'f' (" .. c[2] .. ")",
        message_of(function() check.opts("f", 2, c[1], spec) end))
    end
  end)

  it("checks tables of fields, required unless 'any' or '?'", function()
    local spec = { text = "string", id = "any", entities = "?table" }
    local t = { text = "x" }
    assert.are.equal(t, check.fields("add", 1, t, spec))
    assert.are.equal("bad argument #1 to 'add' (field 'text' must be a string, got nil)",
      message_of(function() check.fields("add", 1, { id = 1 }, spec) end))
    assert.are.equal("bad argument #1 to 'add' (unknown field 'txt')",
      message_of(function() check.fields("add", 1, { text = "x", txt = "y" }, spec) end))
    assert.are.equal("bad argument #1 to 'add' (field 'entities' must be a table, got string)",
      message_of(function() check.fields("add", 1, { text = "x", entities = "y" }, spec) end))
    assert.are.equal("bad argument #1 to 'add' (field 'text' must be a string, got number)",
      message_of(function() check.field("add", 1, { text = 1, other = 2 }, "text", "string") end))
  end)

  it("checks counts, whole numbers and ranges, and shows NaN as nan", function()
    assert.are.equal(3, check.count("f", 1, 3.0, "option 'top'"))
    assert.are.equal(math.type(check.count("f", 1, 3.0)), "integer")
    assert.are.equal(check.ALL, check.count("f", 1, math.huge))
    assert.are.equal(check.ALL, check.count("f", 1, 2 ^ 63))
    assert.is_nil(check.count("f", 1, nil))
    assert.are.equal("bad argument #1 to 'f' (option 'top' must be a whole number >= 0, got nan)",
      message_of(function() check.count("f", 1, 0 / 0, "option 'top'") end))
    assert.are.equal("bad argument #1 to 'f' (a whole number >= 1 expected, got 0.5)",
      message_of(function() check.count("f", 1, 0.5, nil, 1) end))
    assert.are.equal(4, check.whole("f", 1, 4.0, "x", 2, 8))
    assert.are.equal("bad argument #1 to 'f' (x must be a whole number from 2 to 8, got inf)",
      message_of(function() check.whole("f", 1, math.huge, "x", 2, 8) end))
    assert.are.equal("bad argument #1 to 'f' (x must be a whole number, got -inf)",
      message_of(function() check.whole("f", 1, -math.huge, "x") end))
    assert.are.equal(0.5, check.number("f", 2, 0.5, "option 'ratio'", { above = 0, max = 1 }))
    assert.are.equal("bad argument #2 to 'f' (option 'ratio' must be a number above 0 and at most 1, got 0)",
      message_of(function() check.number("f", 2, 0, "option 'ratio'", { above = 0, max = 1 }) end))
    assert.are.equal("bad argument #2 to 'f' (w must be a finite number >= 0, got inf)",
      message_of(function() check.number("f", 2, math.huge, "w", { min = 0, finite = true }) end))
    assert.are.equal("bad argument #2 to 'f' (w must be a finite number >= 0, got string)",
      message_of(function() check.number("f", 2, "1", "w", { min = 0, finite = true }) end))
    assert.are.equal("bad argument #1 to 'f' (anything)", message_of(function() check.fail("f", 1, "anything") end))
  end)

  it("raises at the level asked for: by default the caller of the function that checks", function()
    local function api(x)
      check.arg("api", 1, x, "string")
    end
    local function helper(x)
      check.arg("api2", 1, x, "string", 3)
    end
    local function api2(x)
      helper(x)
    end
    local line = debug.getinfo(1, "l").currentline
    local _, e1 = pcall(function() api(1) end) -- line + 1
    local _, e2 = pcall(function() api2(1) end) -- line + 2
    assert.is_truthy(e1:find("check_spec.lua:" .. (line + 1) .. ": bad argument #1 to 'api'", 1, true), e1)
    assert.is_truthy(e2:find("check_spec.lua:" .. (line + 2) .. ": bad argument #1 to 'api2'", 1, true), e2)
  end)
end)

describe("the public API (issue 13)", function()
  local sift = require "sift"

  it("lists what it exports by name: no private name of the engine", function()
    for name in pairs(sift) do
      assert.is_nil(name:match("^_"), name)
    end
    assert.is_function(require("sift.core")._rank)
    assert.is_table(require("sift.core")._build)
  end)

  it("checks decode's own arguments (sift.to_utf8's options, under decode's name)", function()
    assert.are.equal("bad argument #3 to 'decode' (option 'invalid' must be 'error', 'replace' or 'skip', got 'x')",
      message_of(function() sift.decode("x", nil, { invalid = "x" }) end))
    assert.are.equal("bad argument #2 to 'decode' (string expected, got number)",
      message_of(function() sift.decode("x", 1) end))
    assert.are.equal("x", (sift.decode("x", "UTF-8", { invalid = "replace" })))
  end)

  it("names a keyword's entities by `canonical`, as sift.entity_index does", function()
    local text = "Ann Lee met Bob Kerr in Paris. Ann Lee spoke."
    local given = sift.entities(text)
    local list = sift.keywords(text, { entities = given })
    local index = sift.entity_index(text)
    assert.is_true(#list.entities > 0)
    for _, e in ipairs(list.entities) do
      assert.is_string(e.canonical)
      assert.is_nil(e.name)
      local found = false
      for _, x in ipairs(index) do
        found = found or (x.canonical == e.canonical and x.type == e.type)
      end
      assert.is_true(found, e.canonical)
    end
  end)
end)
