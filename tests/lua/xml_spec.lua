-- sift.xml: cleaning and escaping for the writers, and the small strict parser of sift merge.
local xml = require "sift.xml"

describe("xml.clean", function()
  it("leaves well-formed text alone, outside the BMP too", function()
    for _, s in ipairs({ "", "plain", "tab\tLF\nCR\r", "é中😀𝄞\u{10FFFD}", "\127\u{85}\u{9F}" }) do
      local out, problems = xml.clean(s)
      assert.are.equal(s, out)
      assert.are.same({}, problems)
    end
  end)

  it("removes the characters XML 1.0 forbids and says where they were", function()
    local out, problems = xml.clean("a\0b\1c\11d\12e\31f\239\191\190g\239\191\191h")
    assert.are.equal("abcdefgh", out)
    assert.are.same({
      { pos = 2, what = "U+0000" }, { pos = 4, what = "U+0001" }, { pos = 6, what = "U+000B" },
      { pos = 8, what = "U+000C" }, { pos = 10, what = "U+001F" }, { pos = 12, what = "U+FFFE" },
      { pos = 16, what = "U+FFFF" },
    }, problems)
  end)

  it("replaces ill-formed UTF-8, surrogates included, with U+FFFD", function()
    -- one U+FFFD a maximal ill-formed subpart: the truncated E2 82 is one, ED A0 80 (a surrogate) three
    local out, problems = xml.clean("a\255b\237\160\128c\192\175d\226\130")
    assert.are.equal("a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}c\u{FFFD}\u{FFFD}d\u{FFFD}", out)
    assert.are.same({ pos = 2, what = "byte 0xFF" }, problems[1])
    assert.are.same({ pos = 11, what = "byte 0xE2" }, problems[7])
    assert.are.equal(7, #problems)
  end)
end)

describe("xml.text and xml.attr", function()
  it("escape & < > \" ' and keep CR (and white space in attributes) through a parser", function()
    assert.are.equal("a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; f&#13;\n", xml.text("a & b <c> \"d\" 'e' f\r\n"))
    assert.are.equal("&#9;x&#10;y&#13;&amp;&lt;", xml.attr("\tx\ny\r&<"))
    local s = "<r a=\"" .. xml.attr("1\t2\n3 & \"'") .. "\">" .. xml.text("x\r\ny\r& <>\"'") .. "</r>"
    local root = assert(xml.parse(s))
    assert.are.equal("1\t2\n3 & \"'", root.attrs.a)
    assert.are.equal("x\r\ny\r& <>\"'", xml.text_of(root))
  end)
end)

describe("xml.parse", function()
  it("reads elements, attributes, text, CDATA, references, comments and PIs", function()
    local root = assert(xml.parse([==[
<?xml version="1.0" encoding="UTF-8"?>
<!-- before -->
<!DOCTYPE r SYSTEM "r.dtd" [ <!ENTITY x "y"> ]>
<r a='1' b="two &amp; three">
  <s>A &lt; B &#65;&#x42; <![CDATA[<raw> & stuff]]><?pi data?><!-- c --> end</s>
  <e/>
</r>
<!-- after -->
]==]))
    assert.are.equal("r", root.name)
    assert.are.equal("1", root.attrs.a)
    assert.are.equal("two & three", root.attrs.b)
    assert.are.same({ "a", "b" }, root.order)
    local s = xml.child(root, "s")
    assert.are.equal("A < B AB <raw> & stuff end", xml.text_of(s))
    assert.are.equal(5, s.line)
    assert.are.equal(1, #xml.children(root, "e"))
    assert.are.equal(2, #xml.children(root))
  end)

  it("normalises line ends, and white space in attributes", function()
    local root = assert(xml.parse("<r a=\"x\r\ny\tz\">1\r\n2\r3</r>"))
    assert.are.equal("x y z", root.attrs.a)
    assert.are.equal("1\n2\n3", xml.text_of(root))
  end)

  it("keeps text cut by comments, PIs and CDATA as one string, in time linear in the pieces", function()
    -- each piece was joined to the text so far: 600,000 of them took minutes
    local reps = 200000
    local root = assert(xml.parse("<r>" .. ("ab<!-- c -->d<?p e?>f<![CDATA[<g>]]>"):rep(reps) .. "<e/>h<!---->i</r>"))
    assert.are.equal(3, #root.children)
    assert.is_true(("abdf<g>"):rep(reps) == root.children[1])
    assert.are.equal("e", root.children[2].name)
    assert.are.equal("hi", root.children[3])
  end)

  it("resolves namespaces, default and prefixed", function()
    local root = assert(xml.parse([[<x:a xmlns:x="urn:one" xmlns="urn:two"><b/><x:c xml:lang="fr"/></x:a>]]))
    assert.are.equal("urn:one", root.ns)
    assert.are.equal("a", root.local_name)
    assert.are.equal("urn:two", xml.child(root, "b").ns)
    assert.are.equal("urn:one", xml.child(root, "c").ns)
    assert.are.equal("fr", xml.child(root, "c").attrs["xml:lang"])
  end)

  it("reads UTF-16 with a byte order mark and a declared legacy encoding", function()
    local utf16 = "\255\254" .. ("<r>é</r>"):gsub("[%z\1-\127]", "%0\0"):gsub("é", "\233\0")
    local root = assert(xml.parse(utf16))
    assert.are.equal("é", xml.text_of(root))
    local latin1 = assert(xml.parse("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><r>caf\233</r>"))
    assert.are.equal("café", xml.text_of(latin1))
  end)

  it("reports malformed documents with the line number", function()
    local cases = {
      { "<r>\n<a>\n</b>\n</r>", 3, "end tag </b> does not match <a> (line 2)" },
      { "<r>\n<a>\n", 3, "unclosed element <a>" },
      { "<r>\nAT&T\n</r>", 2, "'&' that does not start a reference" },
      { "<r>\n&nbsp;\n</r>", 2, "unknown entity &nbsp;" },
      { "<r>\n&#1;\n</r>", 2, "character reference &#1; to a character XML 1.0 does not allow" },
      { "<r a='1' a='2'/>", 1, "attribute a appears twice" },
      { "<r a='<'/>", 1, "'<' in the value of attribute a" },
      { "<r a=1/>", 1, "the value of attribute a is not quoted" },
      { "<r/>\n<s/>", 2, "content after the root element" },
      { "<r/>\ntext", 2, "content after the root element" },
      { "\n\n", 3, "no root element" },
      { "<r>\n<![CDATA[ x \n</r>", 2, "unterminated CDATA section" },
      { "<r>\n<!-- x \n</r>", 2, "unterminated comment" },
      { "<r>\n]]>\n</r>", 2, "']]>' in character data" },
      { "<x:r/>", 1, "undeclared namespace prefix x" },
      { "<r>\n\n1 < 2</r>", 3, "'<' that does not start a tag" },
      { "<r>\255</r>", 1, "ill-formed UTF-8" },
      { "<r\n  a='1'\n  b</r>", 3, "has no '=' and value" },
    }
    for _, c in ipairs(cases) do
      local root, err, line = xml.parse(c[1])
      assert.is_nil(root, c[1])
      assert.are.equal(c[2], line, c[1] .. ": " .. err)
      assert.is_truthy(err:find("^line " .. c[2] .. ": "), err)
      assert.is_truthy(err:find(c[3], 1, true), err)
    end
  end)

  it("skips a DOCTYPE by its grammar: ] > and quotes in literals, comments and PIs end nothing", function()
    -- a search for the next ']' rejected <!ENTITY a "x]y"> as "unterminated literal in DOCTYPE"
    local docs = {
      '<!DOCTYPE x [<!ENTITY a "x]y">]><x>t</x>',
      "<!DOCTYPE x [<!ENTITY a 'x]>\"y'>]><x>t</x>",
      '<!DOCTYPE x [<!ENTITY % p "]>\'"> %p; <!ATTLIST x a CDATA \']>"\'>]><x>t</x>',
      '<!DOCTYPE x [<!-- ] > " \' ]> --><?pi ] > " \' ]>?>]><x>t</x>',
      '<!DOCTYPE x SYSTEM "a]b>.dtd"><x>t</x>',
      "<!DOCTYPE x SYSTEM 'a]\"b>.dtd' [ ]><x>t</x>",
      '<!DOCTYPE x PUBLIC "-//A//DTD x 1.0//EN" \'c]>"d.dtd\'><x>t</x>',
      '<!DOCTYPE x PUBLIC \'-//A//(q) x+y=z?;!*#@$_%//EN\' "c]>\'d.dtd"[<!NOTATION n PUBLIC "p]">]><x>t</x>',
      '<!DOCTYPE\n x\n [\n  <!ELEMENT x (#PCDATA)>\n  <!ENTITY a "]]>">\n]\n>\n<x>t</x>',
      "<!DOCTYPE x><x>t</x>",
      "<!DOCTYPE x[]><x>t</x>",
    }
    for _, doc in ipairs(docs) do
      local root, err = xml.parse(doc)
      assert.is_truthy(root, doc .. ": " .. tostring(err))
      assert.are.equal("t", xml.text_of(root), doc)
    end
  end)

  it("reports a malformed DOCTYPE on the line of the problem", function()
    local cases = {
      -- an unterminated literal: the line where it starts
      { '<!DOCTYPE x [\n<!ENTITY a "ok">\n<!ENTITY b "x]>\n]>\n<x/>', 3, "unterminated literal in DOCTYPE" },
      { "<!DOCTYPE x SYSTEM\n'a]\n>\n<x/>", 2, "unterminated literal in DOCTYPE" },
      { '<!DOCTYPE x [\n<!ATTLIST x a CDATA "]>\'>\n]>\n<x/>', 2, "unterminated literal in DOCTYPE" },
      { '<!DOCTYPE x [\n<!ENTITY a "ok">\n\n', 1, "unterminated DOCTYPE internal subset" },
      { "<!--\n-->\n<!DOCTYPE x [\n]\n", 3, "unterminated DOCTYPE" },
      { "<!DOCTYPE x", 1, "unterminated DOCTYPE" },
      { "<!DOCTYPE x [\n<!ELEMENT x ANY>\n<!-- ]> \n]><x/>", 3, "unterminated comment" },
      { "<!DOCTYPE x [\n\n<?pi ]>\n]><x/>", 3, "unterminated processing instruction" },
      { "<!DOCTYPE x [\n<!ELEMENT x ANY\n<!ENTITY a 'b'>]><x/>", 2, "unterminated declaration <!ELEMENT in DOCTYPE" },
      { "<!DOCTYPE x [\n%p;\n<![INCLUDE[ ]]>]><x/>", 3, "unknown declaration <![INCLUDE[" },
      { "<!DOCTYPE x [\n\n% p;]><x/>", 3, "bad parameter-entity reference" },
      { "<!DOCTYPE x [\n text ]><x/>", 2, "expected a declaration, a comment, a processing instruction or a %name;" },
      { "<!DOCTYPE x [ ]\n x><x/>", 2, "expected '>' after the DOCTYPE internal subset" },
      { "<!DOCTYPE x\n  SYSTEM \"a\" \"b\"><x/>", 2, "expected '[' or '>' in DOCTYPE" },
      { "<!DOCTYPE x\n  FOO><x/>", 2, "expected SYSTEM, PUBLIC, '[' or '>' in DOCTYPE" },
      { "<!DOCTYPE x SYSTEM\n><x/>", 2, "expected a quoted system identifier" },
      { "<!DOCTYPE x PUBLIC\n\"a]\" \"b\"><x/>", 2, "character not allowed in the public identifier" },
      { "<!DOCTYPE x PUBLIC \"a\"\"b\"><x/>", 1, "expected white space after the public identifier" },
      { "<!DOCTYPEx><x/>", 1, "expected white space after <!DOCTYPE" },
      { "<!DOCTYPE x><!DOCTYPE x><x/>", 1, "unexpected '<!'" },
    }
    for _, c in ipairs(cases) do
      local root, err, line = xml.parse(c[1])
      assert.is_nil(root, c[1])
      assert.are.equal(c[2], line, c[1] .. ": " .. err)
      assert.is_truthy(err:find("^line " .. c[2] .. ": "), err)
      assert.is_truthy(err:find(c[3], 1, true), c[1] .. ": " .. err)
    end
  end)

  it("skips a DOCTYPE of several megabytes (one pass over it)", function()
    local decl = '<!ENTITY e "v]>\'"> <!-- ]>" --> <?p ]>\'?>\n<!ATTLIST r a CDATA \'x]">\'> %pe;\n'
    local subset = decl:rep(20000)
    assert.is_true(#subset > 1000000)
    local root = assert(xml.parse("<!DOCTYPE r SYSTEM 'r]>.dtd' [\n" .. subset .. "]>\n<r>t</r>"))
    -- the lines of the DOCTYPE, then the one of "]>"
    assert.are.equal(1 + 2 * 20000 + 2, root.line)
    -- and one literal of 3 MB, all ] > and the other quote
    assert(xml.parse("<!DOCTYPE r [<!ENTITY e '" .. ('"]>'):rep(1000000) .. "'>]><r/>"))
  end)

  it("reads elements nested 200,000 deep, and walks them", function()
    -- the line numbering of xml.parse and xml.text_of recursed: a Lua stack overflow
    local depth = 200000
    local doc = "<r>\n" .. ("<a>"):rep(depth) .. "\n<b>t</b><c/>" .. ("</a>"):rep(depth) .. "tail</r>"
    local root = assert(xml.parse(doc))
    local node, levels = root, 0
    while xml.child(node, "a") do
      node = xml.child(node, "a")
      levels = levels + 1
    end
    assert.are.equal(depth, levels)
    assert.are.equal(2, node.line)
    assert.are.equal(3, xml.child(node, "b").line)
    assert.are.equal("\n\nttail", xml.text_of(root))
    -- xml.walk: document order, children only where asked
    local seen = {}
    xml.walk(root, function(c)
      if type(c) == "string" then
        seen[#seen + 1] = c
      elseif c.name ~= "a" then
        seen[#seen + 1] = c.name
      end
      return type(c) == "table" and c.name == "a"
    end)
    assert.are.same({ "\n", "\n", "b", "c", "tail" }, seen)
    -- an error down there: its line, not a raise
    local r, err, line = xml.parse(doc:gsub("<c/>", "\n</c>"))
    assert.is_nil(r)
    assert.are.equal(4, line)
    assert.are.equal("line 4: end tag </c> does not match <a> (line 2)", err)
  end)

  it("resolves namespaces under 100,000 elements that each declare one", function()
    -- each declaration added a scope to an __index chain that lookups of the other prefixes
    -- walked: "'__index' chain too long" (raised) past 2000 of them, and time depth^2 before
    local depth = 100000
    local doc = '<r xmlns="urn:r">' .. ('<a xmlns:x="urn:x">'):rep(depth) .. '<x:b xmlns="urn:d"><c/></x:b>'
      .. ("</a>"):rep(depth) .. "<e/></r>"
    local root = assert(xml.parse(doc))
    local node, levels = root, 0
    while xml.child(node, "a") do
      node = xml.child(node, "a")
      levels = levels + 1
      assert.are.equal("urn:r", node.ns)
    end
    assert.are.equal(depth, levels)
    local b = xml.child(node, "b")
    assert.are.equal("urn:x", b.ns)
    assert.are.equal("urn:d", xml.child(b, "c").ns)
    -- the declarations end with their elements
    assert.are.equal("urn:r", xml.child(root, "e").ns)
    local r, err, line = xml.parse(doc:gsub("<e/>", "\n<x:e/>"))
    assert.is_nil(r)
    assert.are.equal(2, line)
    assert.are.equal("line 2: undeclared namespace prefix x in <x:e>", err)
  end)

  it("raises on misuse", function()
    assert.has_error(function() xml.parse(nil) end, "bad argument #1 to 'parse' (string expected, got nil)")
  end)
end)
