# ukeuwatch -- one non-recursive make.
#
#   make            build/ukeuwatch
#   make check      install deps, build, run every test (also under ASan+UBSan)
#   make run        install deps, build, run the daemon on examples/ukeuwatch.conf
#   make install    PREFIX=/usr/local DESTDIR=
#   make deb        the Debian package, build/ukeuwatch_VERSION_ARCH.deb
#   make deb-check  build it, install, check, remove and purge it here
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
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d

V ?= 0
Q = $(if $(filter 1,$(V)),,@)
CC       ?= gcc
CLANG    ?= clang
PKGS      = libuv libcurl libxml-2.0 sqlite3 jansson inih libutf8proc \
            libcrypto libsystemd libmicrohttpd
# Evaluated once, on first use, so that `make check` can install the
# packages before pkg-config is asked about them.
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
# Debian's libstemmer-dev and liblinear-dev ship no .pc file, hence the
# bare -lstemmer and -llinear.
PKG_LIBS   = $(eval PKG_LIBS := $$(shell pkg-config --libs $(PKGS)) -lstemmer -llinear -lm)$(PKG_LIBS)
TEST_LIBS  = $(eval TEST_LIBS := $$(shell pkg-config --libs cmocka))$(TEST_LIBS)

# UKEUWATCH_SRCDIR: where an uninstalled build finds the shipped data
# (seeds/); `make install` links its binary with DATADIR instead (see
# lib/paths.h and build/inst/ below).
CSTD     = -std=c17 -D_GNU_SOURCE -DUKEUWATCH_VERSION='"$(VERSION)"' \
           -DUKEUWATCH_SRCDIR='"$(CURDIR)"'
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
        fuzz-build bench format format-check unit asan deb deb-check \
        test-deps
.DEFAULT_GOAL := all

all: build/ukeuwatch

# make run needs only the build set; make check adds the test set.
deps:
	@scripts/install-deps

test-deps:
	@scripts/install-deps --test

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

fuzz: test-deps
	$(MAKE) fuzz-build
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} tests/fuzz/run

# --- what make check runs ---------------------------------------------------
unit: $(UNITBINS) $(SELFBINS)
asan: build/asan/ukeuwatch $(ASANUNIT)

# build/inst/usr/ukeuwatch: what test_systemd.py installs (PREFIX=/usr),
# built here so that the two pytest runs of tests/run do not both build it.
check-build: all unit asan fuzz-build
	$(MAKE) build/inst/usr/ukeuwatch PREFIX=/usr

check: test-deps
	$(MAKE) check-build
	tests/run

run: deps
	$(MAKE) all
	@mkdir -p var
	@echo 'make run: review pages, /metrics and /alerts.atom on' \
	    "http://$$(sed -n 's/^listen *= *//p' examples/ukeuwatch.conf | \
	    grep . || echo 127.0.0.1:8037)/ ([web] listen)"
	build/ukeuwatch run -c examples/ukeuwatch.conf

bench:
	@scripts/install-deps --bench
	$(MAKE) all
	bench/run $(if $(QUICK),--quick,)

format:
	clang-format -i $$(git ls-files --cached --others --exclude-standard '*.c' '*.h')

format-check:
	clang-format --dry-run -Werror $$(git ls-files '*.c' '*.h')

# --- install ----------------------------------------------------------------
# The installed binary is build/ukeuwatch's objects with lib/paths.c
# compiled once more for this PREFIX's DATADIR (lib/paths.h: how data is
# found), in build/inst/PREFIX/, one directory per prefix: installing with
# another PREFIX rebuilds nothing of the others, and build/ukeuwatch (the
# tests' binary, which reads the source tree's seeds/) is never touched.
INSTB = build/inst$(PREFIX)

$(INSTB)/paths.o: lib/paths.c
	@mkdir -p $(dir $@)
	@echo '  CC      $< (DATADIR $(DATADIR))'
	$(Q)$(CC) $(CFLAGS_ALL) $(OPT) -DUKEUWATCH_DATADIR='"$(DATADIR)"' \
	    -MMD -MP -c $< -o $@

# paths.o comes first, so the linker never takes the archive's copy.
$(INSTB)/ukeuwatch: $(INSTB)/paths.o build/daemon/main.o build/libukeuwatch.a
	@echo '  LD      $@'
	$(Q)$(CC) $(LDHARD) -o $@ $^ $(PKG_LIBS)

install: all $(INSTB)/ukeuwatch
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/profiles \
	    $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SYSUSERSDIR) $(DESTDIR)$(TMPFILESDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d $(DESTDIR)$(DATADIR)/examples
	install -m 0755 $(INSTB)/ukeuwatch $(DESTDIR)$(BINDIR)/ukeuwatch
	install -m 0644 seeds/*.profile $(DESTDIR)$(DATADIR)/profiles/
	install -m 0644 seeds/background.tsv $(DESTDIR)$(DATADIR)/background.tsv
	install -m 0644 examples/ukeuwatch.conf examples/ukeuwatch.service.conf \
	    $(DESTDIR)$(DATADIR)/examples/
	install -m 0644 daemon/ukeuwatch.8 $(DESTDIR)$(MANDIR)/man8/ukeuwatch.8
	sed 's#@BINDIR@#$(BINDIR)#g' systemd/ukeuwatch.service.in \
	    > $(DESTDIR)$(UNITDIR)/ukeuwatch.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/ukeuwatch.service
	install -m 0644 systemd/ukeuwatch.sysusers \
	    $(DESTDIR)$(SYSUSERSDIR)/ukeuwatch.conf
	install -m 0644 systemd/ukeuwatch.tmpfiles \
	    $(DESTDIR)$(TMPFILESDIR)/ukeuwatch.conf
	install -m 0644 systemd/ukeuwatch.logrotate \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d/ukeuwatch

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ukeuwatch $(DESTDIR)$(MANDIR)/man8/ukeuwatch.8 \
	    $(DESTDIR)$(UNITDIR)/ukeuwatch.service \
	    $(DESTDIR)$(SYSUSERSDIR)/ukeuwatch.conf \
	    $(DESTDIR)$(TMPFILESDIR)/ukeuwatch.conf \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d/ukeuwatch
	rm -rf $(DESTDIR)$(DATADIR)

# --- the Debian package -------------------------------------------------------
# Built from a copy of the tree (tracked and untracked files, not build/)
# in build/deb/, so the package's own `make clean` and build never touch
# this build/; the .deb, .buildinfo and .changes are moved to build/.
DEBSRC = build/deb/ukeuwatch-$(VERSION)
deb:
	@scripts/install-deps --deb
	rm -rf build/deb build/ukeuwatch_$(VERSION)_* build/ukeuwatch-dbgsym_*
	mkdir -p $(DEBSRC)
	git ls-files -z --cached --others --exclude-standard | \
	    (cd $(CURDIR) && tar --null -T - --ignore-failed-read -cf - \
	        2>/dev/null) | tar -xf - -C $(DEBSRC)
	cd $(DEBSRC) && dpkg-buildpackage -us -uc -b
	mv build/deb/*.deb build/deb/*.buildinfo build/deb/*.changes build/

# Installs the package on this machine, checks it, then removes and purges
# it and fails if anything it installed or created is left (scripts/deb-check).
deb-check: deb
	scripts/deb-check build/ukeuwatch_$(VERSION)_*.changes

clean:
	rm -rf build

-include $(shell find build -path build/deb -prune -o -type f -name '*.d' \
    -print 2>/dev/null)
