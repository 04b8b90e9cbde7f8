# sift - the developer's entry point (GNU make).
#
#   make                        build build/$(LUA_VERSION)/sift/core.so and build/libsift.a
#   make test                   install missing Debian packages, build, run every check
#   make LUA_VERSION=5.3 test   the same against Lua 5.3
#   make demo                   run the filters on the bundled samples
#   make bench                  run bench/run.sh
#   make unicode                regenerate src/unicode_data.c from /usr/share/unicode
#   make install                luarocks make into ~/.luarocks (or TREE=DIR)
#   make clean

LUA_VERSION ?= 5.4
LUA          = lua$(LUA_VERSION)
LUA_CFLAGS  := $(shell pkg-config --cflags lua$(LUA_VERSION) 2>/dev/null)

CC     ?= cc
CFLAGS ?= -O2 -g
SIFT_CFLAGS = -std=c99 -Wall -Wextra -Werror -fPIC -Isrc
UNICODE_DIR ?= /usr/share/unicode
GEN_LUA     ?= lua5.4

BUILD    = build
LUABUILD = $(BUILD)/$(LUA_VERSION)

ENGINE_SRCS = $(filter-out src/binding.c,$(sort $(wildcard src/*.c)))
ENGINE_OBJS = $(patsubst src/%.c,$(BUILD)/obj/%.o,$(ENGINE_SRCS))
BINDING_OBJ = $(LUABUILD)/binding.o
CORE_SO     = $(LUABUILD)/sift/core.so
LIBSIFT     = $(BUILD)/libsift.a

ROCKSPEC = sift-scm-1.rockspec

.PHONY: all deps unicode check-unicode test demo bench install clean

all: $(CORE_SO) $(LIBSIFT)

# The engine: pure C, no Lua headers, shared by every Lua version.
$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SIFT_CFLAGS) -MMD -MP -c $< -o $@

$(LIBSIFT): $(ENGINE_OBJS)
	@mkdir -p $(@D)
	rm -f $@
	$(AR) rcs $@ $^

# The binding: the one file that includes lua.h, so built once per Lua version.
$(BINDING_OBJ): src/binding.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SIFT_CFLAGS) $(LUA_CFLAGS) -MMD -MP -c $< -o $@

$(CORE_SO): $(BINDING_OBJ) $(ENGINE_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -shared -o $@ $^ $(LDFLAGS)

-include $(ENGINE_OBJS:.o=.d) $(BINDING_OBJ:.o=.d)

deps:
	@bash tools/deps.sh

unicode:
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_unicode.lua $(UNICODE_DIR) > $(BUILD)/unicode_data.c.tmp || \
		{ rm -f $(BUILD)/unicode_data.c.tmp; exit 1; }
	mv $(BUILD)/unicode_data.c.tmp src/unicode_data.c

check-unicode:
	@mkdir -p $(BUILD)
	@mkdir -p $(BUILD)
	$(GEN_LUA) tools/gen_unicode.lua $(UNICODE_DIR) > $(BUILD)/unicode_data.c
	cmp $(BUILD)/unicode_data.c src/unicode_data.c

# The build itself is the first check of tools/run-tests.sh, so a failed build still ends with the
# summary line.
test: deps
	@LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) CC="$(CC)" CFLAGS="$(CFLAGS)" \
		LDFLAGS="$(LDFLAGS)" MAKE="$(MAKE)" bash tools/run-tests.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@f=samples/harbour-bridge.txt; \
	echo "== bin/sift tokens $$f | head -n 15"; \
	$(LUA) bin/sift tokens $$f | head -n 15; \
	echo "== token kinds in samples/*"; \
	$(LUA) bin/sift tokens samples/*.txt samples/*.md | cut -f4 | sort | uniq -c | sort -rn; \
	echo "== bin/sift tokens --format text (first 3 lines of $$f)"; \
	head -n 3 $$f | $(LUA) bin/sift tokens --format text

bench: deps
	@$(MAKE) --no-print-directory all
	LUA_VERSION=$(LUA_VERSION) LUA=$(LUA) bash bench/run.sh

# Installs the rock (module, filters and the sift command) with LuaRocks; TREE=DIR for another
# tree than ~/.luarocks. Built from a copy in build/, so luarocks leaves no objects in src/.
install:
	rm -rf $(LUABUILD)/rocksrc && mkdir -p $(LUABUILD)/rocksrc
	cp -R src lua filters bin $(ROCKSPEC) $(LUABUILD)/rocksrc/
	cd $(LUABUILD)/rocksrc && luarocks --lua-version=$(LUA_VERSION) make \
		$(if $(TREE),--tree=$(abspath $(TREE)),--local) $(ROCKSPEC)

clean:
	rm -rf $(BUILD)
