-- sift.json: the filters' JSON reader and writer.
local json = require "sift.json"

describe("sift.json", function()
  it("encodes objects with sorted keys, arrays, strings, numbers and null", function()
    assert.are.equal('{"a":[1,2.5,"x\\n\\"y\\""],"b":true,"c":null,"d":[]}',
      json.encode({ d = json.array(), b = true, c = json.null, a = { 1, 2.5, 'x\n"y"' } }))
    assert.are.equal('"\\u0001\\u2028"', json.encode("\1\u{2028}"))
    assert.are.equal("-3", json.encode(-3))
    assert.are.equal('{\n  "a": [\n    1\n  ]\n}', json.encode({ a = { 1 } }, "  "))
  end)

  it("never writes ill-formed UTF-8", function()
    assert.are.equal('"a\u{FFFD}b"', json.encode("a\xFFb"))
  end)

  it("refuses what JSON cannot hold", function()
    assert.has_error(function() json.encode(0 / 0) end, "json.encode: cannot encode " .. tostring(0 / 0))
    assert.has_error(function() json.encode({ [true] = 1 }) end,
      "json.encode: object keys must be strings, got boolean")
    local cycle = {}
    cycle[1] = cycle
    assert.has_error(function() json.encode(cycle) end, "json.encode: nesting deeper than 100 (a cycle?)")
  end)

  it("decodes, including escapes and surrogate pairs", function()
    local v = json.decode(' {"a": [1, -2.5e1, "\\u00e9\\ud83d\\ude00\\/"], "b": null, "c": false} ')
    assert.are.same({ 1, -25.0, "é😀/" }, v.a)
    assert.are.equal(json.null, v.b)
    assert.is_false(v.c)
    assert.are.equal(math.type(v.a[1]), "integer")
  end)

  it("reports the position of the first error", function()
    assert.are.same({ nil, "unexpected character ']' at byte 6", 6 }, { json.decode("[1,2,]") })
    assert.are.same({ nil, "bad number at byte 1", 1 }, { json.decode("01") })
    assert.are.same({ nil, "unterminated string at byte 1", 1 }, { json.decode('"abc') })
    assert.are.same({ nil, "trailing characters at byte 3", 3 }, { json.decode("1 2") })
    assert.are.same({ nil, "unpaired surrogate in \\u escape at byte 2", 2 }, { json.decode('"\\ud800"') })
    assert.are.same({ nil, "invalid UTF-8 at byte 2", 2 }, { json.decode('"\xFF"') })
    assert.are.same({ nil, "control character in string at byte 2", 2 }, { json.decode('"\1"') })
  end)

  it("round-trips what it writes", function()
    local value = { title = "Ünïcode “quotes” \t tab", n = { 1, 2, 3 }, nested = { deep = { x = 1.25 } } }
    assert.are.same(value, json.decode(json.encode(value)))
  end)
end)
