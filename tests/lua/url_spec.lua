-- sift.url.resolve: the reference resolution examples of RFC 3986 (section 5.4.1 normal, 5.4.2
-- abnormal, against its base "http://a/b/c/d;p?q"), and what a page can give it.
local url = require "sift.url"

local BASE = "http://a/b/c/d;p?q"

-- RFC 3986, section 5.4: reference, result
local NORMAL = {
  { "g:h", "g:h" }, { "g", "http://a/b/c/g" }, { "./g", "http://a/b/c/g" }, { "g/", "http://a/b/c/g/" },
  { "/g", "http://a/g" }, { "//g", "http://g" }, { "?y", "http://a/b/c/d;p?y" },
  { "g?y", "http://a/b/c/g?y" }, { "#s", "http://a/b/c/d;p?q#s" }, { "g#s", "http://a/b/c/g#s" },
  { "g?y#s", "http://a/b/c/g?y#s" }, { ";x", "http://a/b/c/;x" }, { "g;x", "http://a/b/c/g;x" },
  { "g;x?y#s", "http://a/b/c/g;x?y#s" }, { "", "http://a/b/c/d;p?q" }, { ".", "http://a/b/c/" },
  { "./", "http://a/b/c/" }, { "..", "http://a/b/" }, { "../", "http://a/b/" }, { "../g", "http://a/b/g" },
  { "../..", "http://a/" }, { "../../", "http://a/" }, { "../../g", "http://a/g" },
}
local ABNORMAL = {
  { "../../../g", "http://a/g" }, { "../../../../g", "http://a/g" }, { "/./g", "http://a/g" },
  { "/../g", "http://a/g" }, { "g.", "http://a/b/c/g." }, { ".g", "http://a/b/c/.g" },
  { "g..", "http://a/b/c/g.." }, { "..g", "http://a/b/c/..g" }, { "./../g", "http://a/b/g" },
  { "./g/.", "http://a/b/c/g/" }, { "g/./h", "http://a/b/c/g/h" }, { "g/../h", "http://a/b/c/h" },
  { "g;x=1/./y", "http://a/b/c/g;x=1/y" }, { "g;x=1/../y", "http://a/b/c/y" },
  { "g?y/./x", "http://a/b/c/g?y/./x" }, { "g?y/../x", "http://a/b/c/g?y/../x" },
  { "g#s/./x", "http://a/b/c/g#s/./x" }, { "g#s/../x", "http://a/b/c/g#s/../x" },
  { "http:g", "http:g" }, -- the strict reading: a reference with a scheme stands
}

describe("sift.url.resolve", function()
  it("resolves RFC 3986's normal examples", function()
    for _, c in ipairs(NORMAL) do
      assert.are.equal(c[2], url.resolve(BASE, c[1]), c[1])
    end
  end)

  it("resolves RFC 3986's abnormal examples", function()
    for _, c in ipairs(ABNORMAL) do
      assert.are.equal(c[2], url.resolve(BASE, c[1]), c[1])
    end
  end)

  it("takes a base without a path, and trims white space as browsers do", function()
    assert.are.equal("https://example.org/a.html", url.resolve("https://example.org", "a.html"))
    assert.are.equal("https://example.org/x/a.html", url.resolve(" https://example.org/x/y ", "\n a.html\t"))
    assert.are.equal("https://cdn.example/i.jpg", url.resolve("https://example.org/x", "//cdn.example/i.jpg"))
  end)

  it("tells an absolute URL", function()
    assert.is_true(url.is_absolute(" https://example.org/x"))
    assert.is_true(url.is_absolute("mailto:a@example.org"))
    assert.is_false(url.is_absolute("example.org/x"))
    assert.is_false(url.is_absolute("/x:y"))
    assert.is_false(url.is_absolute(42))
  end)

  it("refuses a base that is no absolute URL", function()
    local r, err = url.resolve("example.org/x", "a.html")
    assert.is_nil(r)
    assert.are.equal('the base URL "example.org/x" has no scheme', err)
    assert.are.same({ nil, "sift.url.resolve takes two strings" }, { url.resolve(BASE) })
  end)

  it("reads a long hostile reference", function()
    -- a page's attribute can be megabytes: many segments, many dot segments, a run of spaces
    local ref = ("a/"):rep(100000) .. ("../"):rep(99999) .. ("x"):rep(10) .. (" "):rep(100000) .. "y"
    local r = url.resolve("http://h/p/", ref)
    assert.are.equal("http://h/p/a/" .. ("x"):rep(10) .. (" "):rep(100000) .. "y", r)
  end)
end)
