# ukeuwatch -- one non-recursive make.
#
#   make            build/ukeuwatch
#   make check      install deps, build, run every test (also under ASan+UBSan)
#   make run        install deps, build, run the daemon on examples/ukeuwatch.conf
#   make install    PREFIX=/usr/local DESTDIR=
#   make fuzz       FUZZ_SECONDS=600 per target
#   make bench      the side-by-side benchmarks (QUICK=1 for a short run)

VERSION   = 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/ukeuwatch
MANDIR    = $(PREFIX)/share/man
SYSCONFDIR ?= /etc
UNITDIR  ?= $(PREFIX)/lib/systemd/system

V ?= 0
Q = $(if $(filter 1,$(V)),,@)
CC       ?= gcc
CLANG    ?= clang
PKGS      = libuv libcurl libxml-2.0 sqlite3 jansson inih libutf8proc \
            libcrypto libsystemd libmicrohttpd
# Evaluated once, on first use, so that `make check` can install the
# packages before pkg-config is asked about them.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
# Debian's libstemmer-dev ships no .pc file, hence the bare -lstemmer.
PKG_LIBS   = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)) -lstemmer -lm)$(PKG_LIBS)
TEST_LIBS  = $(eval TEST_LIBS := $$(shell pkg-config --libs cmocka))$(TEST_LIBS)

CSTD     = -std=c17 -D_GNU_SOURCE -DUKEUWATCH_VERSION='"$(VERSION)"' \
           -DUKEUWATCH_DATADIR='"$(DATADIR)"'
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
           -Wformat=2 -Wvla -Wwrite-strings -Wundef -Wimplicit-fallthrough
# libuv handles are cast between uv_*_t types (Knot Resolver disables strict
# aliasing for the same reason).
CODEGEN  = -fno-strict-aliasing -fstack-protector-strong \
           -fstack-clash-protection -fcf-protection -fPIE
OPT      = -O2 -g -D_FORTIFY_SOURCE=2
LDHARD   = -pie -Wl,-z,relro,-z,now -Wl,--as-needed
SAN      = -O1 -g -U_FORTIFY_SOURCE -fsanitize=address,undefined \
           -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZSAN  = -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
           -fno-sanitize-recover=undefined -fno-omit-frame-pointer

CFLAGS_ALL   = $(CSTD) $(WARN) $(CODEGEN) -I. $(PKG_CFLAGS)
# The folders, bottom up: a folder includes only those before it (lib/
# nothing, store/ and match/ lib/, feeds/ and alerts/ lib/ and store/, web/
# lib/ and store/, daemon/ everything); scripts/layering checks it.
DIRS     := lib store match feeds alerts web daemon
SRCS     := $(foreach d,$(DIRS),$(wildcard $(d)/*.c))
MAIN     := daemon/main.c
# EXCLUDE: sources left out of a build (a work-in-progress file, say).
LIBSRCS  := $(filter-out $(MAIN) $(EXCLUDE),$(SRCS))
OBJS     := $(LIBSRCS:%.c=build/%.o)
ASANOBJS := $(LIBSRCS:%.c=build/asan/%.o)
FUZZOBJS := $(LIBSRCS:%.c=build/fuzz/%.o)
UNITSRCS := $(wildcard tests/unit/test_*.c)
UNITBINS := $(UNITSRCS:tests/unit/%.c=build/tests/%)
ASANUNIT := $(UNITSRCS:tests/unit/%.c=build/asan/tests/%)
FUZZSRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZBINS := $(FUZZSRCS:tests/fuzz/%.c=build/fuzz/bin/%)
HELPERS  := $(wildcard tests/unit/helpers.c)
# cmocka binaries that must fail, for tests/selftest/run
SELFBINS := $(patsubst tests/selftest/%.c,build/selftest/%,$(wildcard tests/selftest/*.c))

.PHONY: all deps check check-build run install uninstall clean fuzz \
        fuzz-build bench format format-check unit asan
.DEFAULT_GOAL := all

all: build/ukeuwatch

deps:
	@scripts/install-deps

# --- the normal build -------------------------------------------------------
build/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  CC      $<'
	$(Q)$(CC) $(CFLAGS_ALL) $(OPT) -MMD -MP -c $< -o $@

build/libukeuwatch.a: $(OBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/ukeuwatch: build/daemon/main.o build/libukeuwatch.a
	@echo '  LD      $@'
	$(Q)$(CC) $(LDHARD) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c $(HELPERS) build/libukeuwatch.a
	@mkdir -p $(dir $@)
	@echo '  TEST    $@'
	$(Q)$(CC) $(CFLAGS_ALL) $(OPT) -Wno-missing-prototypes -MMD -MP \
	    -o $@ $< $(HELPERS) build/libukeuwatch.a $(PKG_LIBS) $(TEST_LIBS)

build/selftest/%: tests/selftest/%.c
	@mkdir -p $(dir $@)
	@echo '  TEST    $@'
	$(Q)$(CC) $(CSTD) $(WARN) -O1 -o $@ $< $(TEST_LIBS)

# --- AddressSanitizer + UndefinedBehaviorSanitizer ------------------------
build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  CC-SAN  $<'
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN) -MMD -MP -c $< -o $@

build/asan/libukeuwatch.a: $(ASANOBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/asan/ukeuwatch: build/asan/daemon/main.o build/asan/libukeuwatch.a
	@echo '  LD      $@'
	$(Q)$(CC) $(SAN) -o $@ $^ $(PKG_LIBS)

build/asan/tests/%: tests/unit/%.c $(HELPERS) build/asan/libukeuwatch.a
	@mkdir -p $(dir $@)
	@echo '  TEST    $@'
	$(Q)$(CC) $(CFLAGS_ALL) $(SAN) -Wno-missing-prototypes -MMD -MP \
	    -o $@ $< $(HELPERS) build/asan/libukeuwatch.a $(PKG_LIBS) $(TEST_LIBS)

# --- libFuzzer (clang) ------------------------------------------------------
build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	@echo '  CC-FUZZ $<'
	$(Q)$(CLANG) $(CSTD) -I. $(PKG_CFLAGS) $(FUZZSAN) -MMD -MP -c $< -o $@

build/fuzz/libukeuwatch.a: $(FUZZOBJS)
	@rm -f $@
	$(Q)ar rcs $@ $^

build/fuzz/bin/%: tests/fuzz/%.c build/fuzz/libukeuwatch.a
	@mkdir -p $(dir $@)
	@echo '  FUZZ    $@'
	$(Q)$(CLANG) $(CSTD) -I. $(PKG_CFLAGS) $(FUZZSAN) -fsanitize=fuzzer \
	    -o $@ $< build/fuzz/libukeuwatch.a $(PKG_LIBS)

fuzz-build: $(FUZZBINS)

fuzz: deps
	$(MAKE) fuzz-build
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} tests/fuzz/run

# --- what make check runs ---------------------------------------------------
unit: $(UNITBINS) $(SELFBINS)
asan: build/asan/ukeuwatch $(ASANUNIT)

check-build: all unit asan fuzz-build

check: deps
	$(MAKE) check-build
	tests/run

run: deps
	$(MAKE) all
	@mkdir -p var
	@echo 'make run: review pages, /metrics and /alerts.atom on' \
	    "http://$$(sed -n 's/^listen *= *//p' examples/ukeuwatch.conf | \
	    grep . || echo 127.0.0.1:8037)/ ([web] listen)"
	build/ukeuwatch run -c examples/ukeuwatch.conf

bench: deps
	@scripts/install-deps --bench
	$(MAKE) all
	bench/run $(if $(QUICK),--quick,)

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

# --- install ----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/profiles \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d $(DESTDIR)$(DATADIR)/examples
	install -m 0755 build/ukeuwatch $(DESTDIR)$(BINDIR)/ukeuwatch
	install -m 0644 seeds/*.profile $(DESTDIR)$(DATADIR)/profiles/
	install -m 0644 seeds/background.tsv $(DESTDIR)$(DATADIR)/background.tsv
	install -m 0644 examples/ukeuwatch.conf examples/ukeuwatch.service.conf \
	    $(DESTDIR)$(DATADIR)/examples/
	install -m 0644 daemon/ukeuwatch.8 $(DESTDIR)$(MANDIR)/man8/ukeuwatch.8
	sed 's#@BINDIR@#$(BINDIR)#g' systemd/ukeuwatch.service.in \
	    > $(DESTDIR)$(UNITDIR)/ukeuwatch.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/ukeuwatch.service
	install -m 0644 systemd/ukeuwatch.logrotate \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d/ukeuwatch

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ukeuwatch $(DESTDIR)$(MANDIR)/man8/ukeuwatch.8 \
	    $(DESTDIR)$(UNITDIR)/ukeuwatch.service \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d/ukeuwatch
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

-include $(shell find build -name '*.d' 2>/dev/null)
