# newsmine — build, test, demo.
#
#   make deps     install the Debian packages the build needs (no-op when present)
#   make          build ./newsmine and ./newsmine-site
#   make check    deps + build + every test; ends with the runner's summary line
#   make asan     the same suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   make tsan     the same suite under ThreadSanitizer (analysis workers share the rules)
#   make demo     deps + build + the main job on the bundled sample site
#   make bench    speed and memory ratios against baselines measured in the same run
#   make lint     banned functions (sprintf, strcpy, strtok, atoi, ...)
#
# SANITIZE=1 builds everything under build/asan/ with -fsanitize=address,undefined;
# SANITIZE=thread under build/tsan/ with -fsanitize=thread.

CC      ?= cc
PKGS    := libpcre2-8 libxml-2.0 libcurl sqlite3 jansson zlib nettle
SITE_PKGS := libmicrohttpd zlib
TEST_PKGS := cmocka

ifeq ($(SANITIZE),1)
BUILD   := build/asan
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPT     := -O1 -g
else ifeq ($(SANITIZE),thread)
BUILD   := build/tsan
SANFLAGS := -fsanitize=thread -fno-omit-frame-pointer
OPT     := -O1 -g
else
BUILD   := build/release
SANFLAGS :=
OPT     := -O2 -g
endif

# pkg-config is queried only when building, so `make deps` works on a bare machine.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
CFLAGS  ?= $(OPT)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -I. -I$(BUILD) $(PKG_CFLAGS)
LDLIBS_ALL = $(PKG_LIBS) -lpthread -lm

# Stages in pipeline order; each is a static library of the objects in its folder.
MODULES := base extract classify corpus crawler
LIBSRC  := $(foreach m,$(MODULES),$(wildcard $(m)/*.c))
LIBOBJ  := $(patsubst %.c,$(BUILD)/%.o,$(LIBSRC)) $(BUILD)/rules_embedded.o
CLISRC  := $(wildcard cli/*.c)
CLIOBJ  := $(patsubst %.c,$(BUILD)/%.o,$(CLISRC))
SITESRC := $(wildcard site/*.c)
RULES   := $(sort $(wildcard rules/*.rules))

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

ifneq ($(SANITIZE),)
NEWSMINE := $(BUILD)/newsmine
SITEBIN  := $(BUILD)/newsmine-site
else
NEWSMINE := newsmine
SITEBIN  := newsmine-site
endif

.PHONY: all deps check asan tsan demo bench lint fuzz clean unit cli-tests
.DEFAULT_GOAL := all

all: $(NEWSMINE) $(if $(SITESRC),$(SITEBIN))

deps:
	@sh tools/deps.sh

$(BUILD)/libnewsmine.a: $(LIBOBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(NEWSMINE): $(CLIOBJ) $(BUILD)/libnewsmine.a
	$(CC) $(ALL_CFLAGS) -o $@ $(CLIOBJ) $(BUILD)/libnewsmine.a $(LDLIBS_ALL)

$(SITEBIN): $(SITESRC)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) $(shell pkg-config --cflags $(SITE_PKGS)) \
		-o $@ $(SITESRC) $(shell pkg-config --libs $(SITE_PKGS)) -lpthread

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The default rules are compiled in: each rules/*.rules file becomes a C string.
$(BUILD)/rules_embedded.c: $(RULES) tools/embed-rules.sh
	@mkdir -p $(dir $@)
	sh tools/embed-rules.sh $(RULES) > $@.tmp && mv $@.tmp $@

$(BUILD)/rules_embedded.o: $(BUILD)/rules_embedded.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libnewsmine.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -o $@ $< $(BUILD)/libnewsmine.a \
		$(LDLIBS_ALL) $(shell pkg-config --libs $(TEST_PKGS))

unit: $(UNIT_BIN)

check: deps
	@$(MAKE) --no-print-directory all unit
	@NEWSMINE=$(abspath $(NEWSMINE)) NEWSMINE_SITE=$(abspath $(SITEBIN)) BUILD=$(BUILD) \
		sh tests/run.sh

asan:
	@$(MAKE) --no-print-directory check SANITIZE=1

tsan:
	@$(MAKE) --no-print-directory check SANITIZE=thread

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh

bench: deps
	@$(MAKE) --no-print-directory all
	@sh bench/run.sh

lint:
	@sh tools/lint.sh

# libFuzzer targets (clang): fuzz/NAME.c -> build/fuzz/NAME; run e.g.
#   build/fuzz/extract -max_total_time=600 fuzz/extract.in
FUZZ_SRC := $(wildcard fuzz/*.c)
FUZZ_BIN := $(patsubst fuzz/%.c,build/fuzz/%,$(FUZZ_SRC))
fuzz:
	@sh tools/deps.sh fuzz
	@$(MAKE) --no-print-directory $(BUILD)/rules_embedded.c $(FUZZ_BIN)
build/fuzz/%: fuzz/%.c $(LIBSRC) $(BUILD)/rules_embedded.c
	@mkdir -p $(dir $@)
	clang -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -I. $(PKG_CFLAGS) \
		-o $@ $< $(LIBSRC) $(BUILD)/rules_embedded.c $(PKG_LIBS) -lpthread -lm

clean:
	rm -rf build newsmine newsmine-site newsmine.db newsmine.db-wal newsmine.db-shm

-include $(shell find build -name '*.d' 2>/dev/null)
