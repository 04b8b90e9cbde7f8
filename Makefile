# sift - the developer's entry point (GNU make).
#
#   make                        build build/$(LUA_VERSION)/sift/core.so and build/libsift.a
#   make test                   install missing Debian packages, build, run every check
#   make LUA_VERSION=5.3 test   the same against Lua 5.3
#   make demo                   run the filters on the bundled samples
#   make c-example              build build/examples/tokens and entities from examples/*.c (include/sift.h)
#   make bench                  run bench/run.sh
#   make unicode                regenerate src/unicode/generated/unicode_data.c from /usr/share/unicode
#   make encoding-labels        regenerate src/encoding/generated/labels.c (python3-webencodings)
#   make abbrevs                regenerate src/text/generated/abbrev_data.c from data/abbreviations.tsv
#   make starters               regenerate src/text/generated/starters_data.c from ../shared (CoNLL-2003)
#   make eval-sentences         sentences of the BBC summaries found by the splitter
#   make ner-data               regenerate src/entities/generated/gazetteer_data.c and retrain
#                               src/entities/generated/ner_model.c
#   make eval-ner               entity tagging measured on CoNLL-2003's eng.testa
#   make keyword-data           regenerate lua/sift/data/ (stop words, spellings, weak words)
#   make eval-summary           ROUGE of sift.summarize on the BBC articles, beside Lead-3
#   make eval-keywords          F1@10 of sift.keywords on 500N-KPCrowd, beside TF-IDF
#   make eval-extract           article extraction on ../shared's web pages, beside readability-lxml
#   make test-browser           render `sift report` in headless Chromium (installs chromium)
#   make install                luarocks make into ~/.luarocks (or TREE=DIR)
#   make clean

LUA_VERSION ?= 5.4
LUA          = lua$(LUA_VERSION)
LUA_CFLAGS  := $(shell pkg-config --cflags lua$(LUA_VERSION) 2>/dev/null)

CC     ?= cc
CFLAGS ?= -O2 -g
# -fvisibility=hidden: core.so exports luaopen_sift_core alone (SIFT_LUAMOD in src/lua/core.c);
# the engine's public functions are marked SIFT_API (include/sift.h), default visibility only in
# a shared libsift built with -DSIFT_BUILD_SHARED.
SIFT_CFLAGS = -std=c99 -Wall -Wextra -Werror -fPIC -fvisibility=hidden -Iinclude -Isrc
UNICODE_DIR ?= /usr/share/unicode
GEN_LUA     ?= lua5.4

BUILD    = build
LUABUILD = $(BUILD)/$(LUA_VERSION)

# What the engine links with: myhtml (libmodest-dev; it has no .pc file, and its headers are in
# /usr/include) for the HTML parser of src/html/, and libm (myhtml's own log10 included: libmodest
# does not link libm itself). iconv is glibc's.
SIFT_LIBS = -lmodest -lm

# The engine: src/PART/*.c written by hand and src/PART/generated/*.c made by the generators of
# tools/ (README.md, "Layout"). The binding: src/lua/*.c, one file a part of the API and core.c.
ENGINE_SRCS  = $(filter-out src/lua/%,$(sort $(wildcard src/*/*.c src/*/generated/*.c)))
ENGINE_OBJS  = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(ENGINE_SRCS))
BINDING_SRCS = $(sort $(wildcard src/lua/*.c))
BINDING_OBJS = $(patsubst src/lua/%.c,$(LUABUILD)/lua/%.o,$(BINDING_SRCS))
LIBSIFT_LUA  = $(LUABUILD)/libsift-lua.a
CORE_SO      = $(LUABUILD)/sift/core.so
LIBSIFT      = $(BUILD)/libsift.a

ROCKSPEC = sift-scm-1.rockspec

# The build flavour, compiled into the binding as SIFT_BUILD_FLAVOUR and read back as
# sift.core._build.flavour (bin/sift --version prints it): "plain", or the sanitizers named by
# -fsanitize= in CFLAGS, e.g. "asan+ubsan" for tests/sanitize.sh's build. It is worked out from the
# flags that really compiled the module rather than told by the caller, so that a check of it
# (tests/lua/build_spec.lua) also catches a sanitized build whose flags went missing.
comma := ,
empty :=
space := $(empty) $(empty)
SANITIZERS = $(subst $(comma),$(space),$(patsubst -fsanitize=%,%,$(filter -fsanitize=%,$(CFLAGS))))
SIFT_BUILD_FLAVOUR ?= $(or $(subst $(space),+,$(strip \
	$(if $(filter address,$(SANITIZERS)),asan) \
	$(if $(filter thread,$(SANITIZERS)),tsan) \
	$(if $(filter memory,$(SANITIZERS)),msan) \
	$(if $(filter-out address thread memory leak fuzzer fuzzer-no-link,$(SANITIZERS)),ubsan))),plain)

# Every object and the module depend on $(BUILD)/build-flags, rewritten only when the compiler, the
# flags or the flavour change: a build directory rebuilt with other flags is rebuilt whole, so the
# module never says one flavour while holding objects of another.
BUILD_FLAGS = $(CC) | $(CFLAGS) | $(SIFT_CFLAGS) | $(LDFLAGS) | $(SIFT_BUILD_FLAVOUR)
FLAGS_STAMP = $(BUILD)/build-flags

.PHONY: linear-time all deps unicode check-unicode test demo bench install clean
.PHONY: abbrevs check-abbrevs starters check-starters eval-sentences

all: $(CORE_SO) $(LIBSIFT) $(LIBSIFT_LUA)

# The engine: pure C, no Lua headers, shared by every Lua version.
$(FLAGS_STAMP): FORCE
	@mkdir -p $(@D)
	@echo '$(BUILD_FLAGS)' | cmp -s - $@ || echo '$(BUILD_FLAGS)' > $@
.PHONY: FORCE

$(BUILD)/obj/%.o: src/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SIFT_CFLAGS) -MMD -MP -c $< -o $@

$(LIBSIFT): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# The binding: the only files that include lua.h (src/lua/), so built once per Lua version;
# $(LIBSIFT_LUA) holds them for the fuzz targets that embed Lua (tests/fuzz/run.sh).
$(LUABUILD)/lua/%.o: src/lua/%.c $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SIFT_CFLAGS) $(LUA_CFLAGS) -DSIFT_BUILD_FLAVOUR='"$(SIFT_BUILD_FLAVOUR)"' \
		-MMD -MP -c $< -o $@

$(LIBSIFT_LUA): $(BINDING_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

$(CORE_SO): $(BINDING_OBJS) $(ENGINE_OBJS) $(FLAGS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -shared -o $@ $(filter %.o,$^) $(LDFLAGS) $(SIFT_LIBS)

-include $(ENGINE_OBJS:.o=.d) $(BINDING_OBJS:.o=.d)

deps:
	@bash tools/deps.sh

# ---- the generated sources: each generator of tools/ writes one file of src/PART/generated/ ----
UNICODE_DATA  = src/unicode/generated/unicode_data.c
ABBREV_DATA   = src/text/generated/abbrev_data.c
STARTERS_DATA = src/text/generated/starters_data.c
GAZ_DATA      = src/entities/generated/gazetteer_data.c
NER_MODEL     = src/entities/generated/ner_model.c

unicode:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_unicode_data.lua $(UNICODE_DIR) > $(BUILD)/unicode_data.c.tmp || \
		{ rm -f $(BUILD)/unicode_data.c.tmp; exit 1; }
	mv $(BUILD)/unicode_data.c.tmp $(UNICODE_DATA)

check-unicode:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_unicode_data.lua $(UNICODE_DIR) > $(BUILD)/unicode_data.c
	cmp $(BUILD)/unicode_data.c $(UNICODE_DATA)

# ---- sentences: the abbreviation list and the sentence starters (generated sources) ----
# The abbreviations come from data/abbreviations.tsv; the starters from CoNLL-2003's eng.train
# (only a list of words is kept, and the file's SHA-256 as its version), which lives in ../shared
# and is needed only to regenerate.
CONLL_TRAIN ?= ../shared/data/conll2003/eng.train

abbrevs:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_abbrev_data.lua data/abbreviations.tsv > $(BUILD)/abbrev_data.c.tmp || \
		{ rm -f $(BUILD)/abbrev_data.c.tmp; exit 1; }
	mv $(BUILD)/abbrev_data.c.tmp $(ABBREV_DATA)

check-abbrevs:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_abbrev_data.lua data/abbreviations.tsv > $(BUILD)/abbrev_data.c
	cmp $(BUILD)/abbrev_data.c $(ABBREV_DATA)

starters:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_starters_data.lua $(CONLL_TRAIN) "$$(sha256sum $(CONLL_TRAIN) | cut -c1-64)" \
		> $(BUILD)/starters_data.c.tmp || { rm -f $(BUILD)/starters_data.c.tmp; exit 1; }
	mv $(BUILD)/starters_data.c.tmp $(STARTERS_DATA)

check-starters:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_starters_data.lua $(CONLL_TRAIN) "$$(sha256sum $(CONLL_TRAIN) | cut -c1-64)" \
		> $(BUILD)/starters_data.c
	cmp $(BUILD)/starters_data.c $(STARTERS_DATA)

# How many sentences of the BBC reference summaries the splitter finds in their articles.
eval-sentences: all
	$(LUA) eval/sentences.lua
# ---- end of sentences ----

# ---- entities: the gazetteer and the model (generated sources), and the evaluation ----
# $(GAZ_DATA) comes from data/ner/ and Debian packages (tools/gen_gazetteer_data.lua,
# which tokenizes with the built module); $(NER_MODEL) from CoNLL-2003's eng.train (tools/gen_ner_model.c,
# linked with the engine, so the gazetteer must be built in first). Both need ../shared only to
# regenerate or to check; eval-ner measures on eng.testa.
NER_TRAIN ?= ../shared/data/conll2003/eng.train
NER_DEV   ?= ../shared/data/conll2003/eng.testa
NER_EPOCHS ?= 10

$(BUILD)/gen_ner_model: tools/gen_ner_model.c $(LIBSIFT)
	$(CC) $(CFLAGS) -std=c99 -Wall -Wextra -Werror -Iinclude -Isrc $< $(LIBSIFT) $(SIFT_LIBS) -o $@

ner-gazetteer: all
	$(LUA) tools/gen_gazetteer_data.lua $(GAZ_DATA) $(BUILD)/gazetteer.tsv

ner-model: all
	@$(MAKE) --no-print-directory $(BUILD)/gen_ner_model
	$(BUILD)/gen_ner_model $(NER_TRAIN) $(BUILD)/ner_model.c.tmp $(NER_EPOCHS) 1 \
		"$$(sha256sum $(NER_TRAIN) | cut -c1-64)"
	mv $(BUILD)/ner_model.c.tmp $(NER_MODEL)

ner-data:
	@$(MAKE) --no-print-directory ner-gazetteer
	@$(MAKE) --no-print-directory ner-model
	@$(MAKE) --no-print-directory all

check-ner-data: all
	@$(MAKE) --no-print-directory $(BUILD)/gen_ner_model
	$(LUA) tools/gen_gazetteer_data.lua $(BUILD)/gazetteer_data.c
	cmp $(BUILD)/gazetteer_data.c $(GAZ_DATA)
	$(BUILD)/gen_ner_model $(NER_TRAIN) $(BUILD)/ner_model.c $(NER_EPOCHS) 1 \
		"$$(sha256sum $(NER_TRAIN) | cut -c1-64)"
	cmp $(BUILD)/ner_model.c $(NER_MODEL)

eval-ner: all
	$(LUA) eval/ner.lua $(NER_DEV)
.PHONY: ner-gazetteer ner-model ner-data check-ner-data eval-ner
# ---- end of entities ----

# ---- keywords and summaries: their data (generated), the evaluations, the browser test ----
# lua/sift/data/*.lua come from Debian packages (liblingua-stopwords-perl, wbritish, wamerican,
# wordnet-base, scowl) through tools/gen_*.lua; spelling and weak words need the built module for
# the stemmer. eval-summary and eval-keywords read ../shared. test-browser renders `sift report`
# in headless Chromium, installing the chromium package first when it is missing.
KEYWORD_DATA = stopwords spelling weakwords

keyword-data: all
	@mkdir -p $(BUILD)
	$(LUA) tools/gen_stopwords.lua > $(BUILD)/stopwords.lua
	$(LUA) tools/gen_spelling.lua > $(BUILD)/spelling.lua
	$(LUA) tools/gen_weakwords.lua > $(BUILD)/weakwords.lua
	for f in $(KEYWORD_DATA); do mv $(BUILD)/$$f.lua lua/sift/data/$$f.lua; done

check-keyword-data: all
	@mkdir -p $(BUILD)
	$(LUA) tools/gen_stopwords.lua > $(BUILD)/stopwords.lua
	$(LUA) tools/gen_spelling.lua > $(BUILD)/spelling.lua
	$(LUA) tools/gen_weakwords.lua > $(BUILD)/weakwords.lua
	for f in $(KEYWORD_DATA); do cmp $(BUILD)/$$f.lua lua/sift/data/$$f.lua || exit 1; done

eval-summary: all
	$(LUA) eval/summary.lua

eval-keywords: all
	$(LUA) eval/keywords.lua

# Article extraction on ../shared/data/web-pages: the trafilatura-eval protocol, the metadata and
# text of the readability pages, their top-10 keywords; beside readability-lxml (python3-readability).
eval-extract: all
	$(LUA) eval/extract.lua
.PHONY: eval-extract

# src/encoding/generated/labels.c: the Encoding Standard's labels, from python3-webencodings.
ENC_LABELS = src/encoding/generated/labels.c
encoding-labels:
	@mkdir -p $(BUILD)
	python3 tools/gen_encoding_labels.py > $(BUILD)/labels.c
	mv $(BUILD)/labels.c $(ENC_LABELS)

check-encoding-labels:
	@mkdir -p $(BUILD)
	python3 tools/gen_encoding_labels.py > $(BUILD)/labels.c
	cmp $(BUILD)/labels.c $(ENC_LABELS)
.PHONY: encoding-labels check-encoding-labels

# lua/sift/html_entities.lua: HTML5's named character references, from Python's html.entities.
html-entities:
	@mkdir -p $(BUILD)
	python3 tools/gen_html_entities.py > $(BUILD)/html_entities.lua
	mv $(BUILD)/html_entities.lua lua/sift/html_entities.lua

check-html-entities:
	@mkdir -p $(BUILD)
	python3 tools/gen_html_entities.py > $(BUILD)/html_entities.lua
	cmp $(BUILD)/html_entities.lua lua/sift/html_entities.lua

test-browser: all
	@LUA=$(LUA) bash tests/browser.sh
.PHONY: keyword-data check-keyword-data eval-summary eval-keywords test-browser html-entities check-html-entities
# ---- end of keywords and summaries ----

# ---- hardening (issue 7): sanitizers, valgrind, fuzzing, hostile input, memory ----
# make sanitize      C tests and specs against an ASan+UBSan build (build/sanitize/); the specs'
#                    tests/lua/build_spec.lua fails unless they and the programs they start load it
# make valgrind      specs and the sift command under valgrind memcheck (VALGRIND_MODE=quick: less
#                    the three specs that spend minutes in Lua code, see tests/valgrind.sh)
# make fuzz          each libFuzzer target of tests/fuzz/ for FUZZ_SECONDS (60) s, 2 at a time
# make fuzz-long     each target for FUZZ_RUNS (10 million) executions, one at a time (hours;
#                    FUZZ_TRACE_CMP=0 doubles the speed of the tagger's target, tests/fuzz/README.md)
# make fuzz-replay   the committed seeds and crash inputs through gcc/ASan builds of the targets
# make hostile       the 1 GB inputs of tests/lua/hostile_spec.lua (tag huge; minutes, 16 GB)
# make test-memory   peak memory of the pipeline on MEMORY_MB (100) MB of text, under 4x
# .ci/run runs all of them but fuzz-long and hostile after make test.
FUZZ_SECONDS ?= 60
FUZZ_RUNS ?= 10000000
VALGRIND_MODE ?= all
sanitize: deps
	@LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) MAKE="$(MAKE)" bash tests/sanitize.sh
valgrind: deps all
	@LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) MAKE="$(MAKE)" bash tests/valgrind.sh $(VALGRIND_MODE)
fuzz: deps
	@FUZZ_SECONDS=$(FUZZ_SECONDS) MAKE="$(MAKE)" bash tests/fuzz/run.sh run
fuzz-long: deps
	@FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_JOBS=1 MAKE="$(MAKE)" bash tests/fuzz/run.sh long
fuzz-replay: deps
	@MAKE="$(MAKE)" bash tests/fuzz/run.sh replay
hostile: deps all
	busted --lua=$(LUA) --tags=huge tests/lua/hostile_spec.lua
# the web-page translation round trips of issue 15 on all 1,120 shared pages (make test: a sample)
test-pages: deps all
	@LUA=$(LUA) BUILD=$(LUABUILD) bash tests/pages/run.sh all
test-memory: deps all
	@LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) MAKE="$(MAKE)" bash tests/memory.sh
.PHONY: sanitize valgrind fuzz fuzz-long fuzz-replay hostile test-memory test-pages
# ---- end of hardening ----

# The build itself is the first check of tests/run.sh, so a failed build still ends with the
# summary line.
test: deps
	@LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) CC="$(CC)" CFLAGS="$(CFLAGS)" \
		LDFLAGS="$(LDFLAGS)" MAKE="$(MAKE)" bash tests/run.sh

# Installs only what building and running the demo need (tools/deps.sh --demo); make test the rest.
demo:
	@bash tools/deps.sh --demo
	@$(MAKE) --no-print-directory all
	@f=samples/harbour-bridge.txt; \
	echo "== bin/sift tokens $$f | head -n 15"; \
	$(LUA) bin/sift tokens $$f | head -n 15; \
	echo "== token kinds in samples/*"; \
	$(LUA) bin/sift tokens samples/*.txt samples/*.md | cut -f4 | sort | uniq -c | sort -rn; \
	echo "== bin/sift tokens --format text (first 3 lines of $$f)"; \
	head -n 3 $$f | $(LUA) bin/sift tokens --format text
	@echo "== bin/sift summary samples/"; \
	$(LUA) bin/sift summary samples/
	@echo "== bin/sift keywords --top 8 samples/"; \
	$(LUA) bin/sift keywords --top 8 samples/
	@echo "== bin/sift report samples/ -o $(BUILD)/report.html (and --format md)"; \
	$(LUA) bin/sift report --title "sift samples" samples/ -o $(BUILD)/report.html && \
	echo "wrote $(BUILD)/report.html"; \
	$(LUA) bin/sift report --format md --top 5 samples/ | head -n 25

# The C examples (examples/tokens.c, examples/entities.c): built against include/sift.h alone (no
# -Isrc) and build/libsift.a, as a C user would; tests/run.sh runs them.
C_EXAMPLE = $(BUILD)/examples/tokens $(BUILD)/examples/entities
c-example: $(C_EXAMPLE)
$(C_EXAMPLE): $(BUILD)/examples/%: examples/%.c include/sift.h $(LIBSIFT)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -std=c99 -Wall -Wextra -Werror -Iinclude $< $(LIBSIFT) $(SIFT_LIBS) $(LDFLAGS) -o $@
.PHONY: c-example

# Linear time on degenerate input, measured as CPU-time ratios (1 MB vs 10 MB), and the pinned fuzz
# crash inputs. Kept out of `make test`, which asserts no timings: run it on a quiet machine.
linear-time: all
	@mkdir -p $(BUILD)/tests
	$(CC) $(CFLAGS) $(SIFT_CFLAGS) tests/hostile/linear_time.c -o $(BUILD)/tests/linear_time \
		$(LIBSIFT) -lcmocka $(SIFT_LIBS)
	LUA=$(LUA) $(BUILD)/tests/linear_time

bench: deps
	@$(MAKE) --no-print-directory all
	LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) bash bench/run.sh

# Installs the rock (module, filters and the sift command) with LuaRocks; TREE=DIR for another
# tree than ~/.luarocks. Built from a copy in build/, so luarocks leaves no objects in src/.
install:
	rm -rf $(LUABUILD)/rocksrc && mkdir -p $(LUABUILD)/rocksrc
	cp -R src include lua filters bin $(ROCKSPEC) $(LUABUILD)/rocksrc/
	cd $(LUABUILD)/rocksrc && luarocks --lua-version=$(LUA_VERSION) make \
		$(if $(TREE),--tree=$(abspath $(TREE)),--local) $(ROCKSPEC)

clean:
	rm -rf $(BUILD)
