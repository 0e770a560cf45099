# SPDX-License-Identifier: GPL-2.0
#
# kl2tp top-level Makefile. `make help` lists the targets.

# The kernel to build against: the running kernel's build tree when it has
# one, else the headers Debian's linux-headers-amd64 points at, else the
# newest installed (testbed/vm/kver.sh).
KVER ?= $(shell testbed/vm/kver.sh headers)
KERNELDIR ?= /lib/modules/$(KVER)/build
PREFIX ?= /usr/local
DESTDIR ?=
VERSION := $(shell sed -n 's/^\#define KL2TP_VERSION "\(.*\)"/\1/p' kernel/version.h)

CC ?= cc
TOOL_CFLAGS ?= -O2 -g -Wall -Wextra -Wshadow -Wno-unused-parameter -Werror=implicit-function-declaration
override TOOL_CFLAGS += -std=gnu11 -I. -DKL2TP_TOOL_VERSION='"$(VERSION)"'
TOOL_SRCS := $(wildcard tools/*.c)
TOOL_HDRS := $(wildcard tools/*.h) uapi/linux/kl2tp.h

PROTO_SRCS := $(wildcard kernel/proto/*.c)
PROTO_HDRS := $(wildcard kernel/proto/*.h)
UNIT_SUPPORT := selftests/unit/unit.c $(wildcard selftests/unit/support/*.c)
UNIT_TESTS := $(patsubst selftests/unit/%.c,build/unit/%,$(wildcard selftests/unit/test_*.c))
UNIT_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Werror -Wno-unused-parameter \
	-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer \
	-I kernel/proto -I selftests/unit -I .
FUZZ_TARGETS := $(patsubst selftests/fuzz/%.c,build/fuzz/%,$(wildcard selftests/fuzz/fuzz_*.c))
FUZZ_CC ?= clang
FUZZ_CFLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -I kernel/proto -I .

.PHONY: all module module-debug tool man unit fuzz fuzz-run check check-debug debug-kernel \
	demo bench deps \
	install module-install tool-install l2tpctl-install aaad-install dkms-install dkms-uninstall deb style sparse \
	clean help print-kver

all: module tool

help:
	@echo "kl2tp $(VERSION) targets:"
	@echo "  module         build kl2tp.ko against KERNELDIR=$(KERNELDIR)"
	@echo "  module-debug   same, with DEBUG (pr_debug) enabled"
	@echo "  tool           build tools/l2tpctl and tools/aaad/kl2tp-aaad"
	@echo "  man            build the man pages into build/man/ from Documentation/"
	@echo "  unit           build and run host unit tests (ASan+UBSan)"
	@echo "  fuzz           build libFuzzer targets; fuzz-run FUZZ_SECONDS=N runs them"
	@echo "  check          everything: deps, builds, unit, fuzz smoke, dkms, guest selftests"
	@echo "  check-debug    all guest selftests on the debug kernel (KASAN, lockdep, kmemleak)"
	@echo "  debug-kernel   build the debug kernel's packages into build/debug-kernel/ (~1 h)"
	@echo "  demo           boot a guest and show kl2tp working in two namespaces"
	@echo "  bench          kl2tp vs xl2tpd+pppd (here if kl2tp loads, else in a guest)"
	@echo "  install        module-install + tool-install (on a gateway)"
	@echo "  dkms-install   register, build and install through DKMS"
	@echo "  deb            Debian packages kl2tp-dkms and l2tpctl into build/deb/ (lintian-clean)"
	@echo "  style          checkpatch on all sources;  sparse: make C=1 build"
	@echo "  deps           install build/test dependencies with apt (root)"

module:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) modules

module-debug:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) CONFIG_KL2TP_DEBUG=y modules

sparse:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) C=2 modules

tool: tools/l2tpctl tools/aaad/kl2tp-aaad

# Man pages, generated from the documents (tools/md2man.py).
MAN_PAGES := build/man/l2tpctl.8 build/man/kl2tp.7 build/man/kl2tp-aaad.8
man: $(MAN_PAGES)

build/man/kl2tp-aaad.8: Documentation/kl2tp-aaad.md tools/md2man.py kernel/version.h
	@mkdir -p $(dir $@)
	python3 tools/md2man.py 8 $(VERSION) $< >$@.tmp && mv $@.tmp $@

build/man/l2tpctl.8: Documentation/l2tpctl.md tools/md2man.py kernel/version.h
	@mkdir -p $(dir $@)
	python3 tools/md2man.py 8 $(VERSION) $< >$@.tmp && mv $@.tmp $@

# kl2tp(7) lists the module parameters of kernel/main.c
build/man/kl2tp.7: Documentation/kl2tp.md tools/md2man.py kernel/version.h kernel/main.c
	@mkdir -p $(dir $@)
	python3 tools/md2man.py 7 $(VERSION) $< >$@.tmp && mv $@.tmp $@

tools/l2tpctl: $(TOOL_SRCS) $(TOOL_HDRS)
	$(CC) $(CPPFLAGS) $(TOOL_CFLAGS) $(LDFLAGS) -o $@ $(TOOL_SRCS) -lmnl

# The RADIUS client of kl2tp-aaad: libcrypto, and a fake server in a thread.
build/unit/test_radius: selftests/unit/test_radius.c tools/aaad/radius.c tools/aaad/radius.h \
		$(UNIT_SUPPORT) $(PROTO_HDRS) selftests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -I tools/aaad -o $@ selftests/unit/test_radius.c tools/aaad/radius.c \
		$(UNIT_SUPPORT) -lcrypto -lpthread

# kl2tp-aaad's reading of an Access-Accept: verdict.c on radius.c, libmnl.
build/unit/test_aaad_verdict: selftests/unit/test_aaad_verdict.c tools/aaad/verdict.c \
		tools/aaad/radius.c $(wildcard tools/aaad/*.h) uapi/linux/kl2tp.h \
		$(UNIT_SUPPORT) selftests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -I tools/aaad -o $@ selftests/unit/test_aaad_verdict.c \
		tools/aaad/verdict.c tools/aaad/radius.c $(UNIT_SUPPORT) -lmnl -lcrypto -lpthread

# kl2tp-aaad's Accounting-Requests: acct.c (it includes it, for its static
# parts) on radius.c, libmnl.
build/unit/test_aaad_acct: selftests/unit/test_aaad_acct.c tools/aaad/acct.c \
		tools/aaad/radius.c $(wildcard tools/aaad/*.h) uapi/linux/kl2tp.h \
		$(UNIT_SUPPORT) selftests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -I tools/aaad -o $@ selftests/unit/test_aaad_acct.c \
		tools/aaad/radius.c $(UNIT_SUPPORT) -lmnl -lcrypto -lpthread

# The AAA agent: RADIUS (its own client, tools/aaad/radius.c) on libcrypto.
AAAD_SRCS := $(wildcard tools/aaad/*.c)
tools/aaad/kl2tp-aaad: $(AAAD_SRCS) $(wildcard tools/aaad/*.h) uapi/linux/kl2tp.h
	$(CC) $(CPPFLAGS) $(TOOL_CFLAGS) $(LDFLAGS) -o $@ $(AAAD_SRCS) -lmnl -lcrypto -lpthread

build/unit/%: selftests/unit/%.c $(PROTO_SRCS) $(PROTO_HDRS) $(UNIT_SUPPORT) $(wildcard selftests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -o $@ $< $(UNIT_SUPPORT) $(PROTO_SRCS)

unit: $(UNIT_TESTS)
	@selftests/unit/run-all.sh $(UNIT_TESTS)

build/fuzz/%: selftests/fuzz/%.c $(PROTO_SRCS) $(PROTO_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -o $@ $< $(wildcard selftests/unit/support/*.c) $(PROTO_SRCS)

# kl2tp-aaad's RADIUS code (it includes radius.c, for its static checks)
build/fuzz/fuzz_radius: selftests/fuzz/fuzz_radius.c tools/aaad/radius.c tools/aaad/radius.h
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -I tools/aaad -o $@ $< -lcrypto

fuzz: $(FUZZ_TARGETS)

FUZZ_SECONDS ?= 60
fuzz-run: fuzz
	@for f in $(FUZZ_TARGETS); do n=$${f##*/fuzz_}; mkdir -p build/fuzz/corpus_$$n; \
		$$f -max_total_time=$(FUZZ_SECONDS) build/fuzz/corpus_$$n selftests/fuzz/corpus_$$n || exit 1; done

deps:
	@testbed/deps.sh

check:
	@testbed/check.sh

check-debug:
	@testbed/debug-kernel.sh run

debug-kernel:
	@testbed/debug-kernel.sh build

demo: module tool
	@testbed/vm/run.sh --mode demo

# On a host that can load kl2tp.ko (modules, and the module built for the
# running kernel), the bench runs here, as root; else in the QEMU guest.
# BENCH_VM=1 forces the guest.
bench: module tool
	@if [ -z "$(BENCH_VM)" ] && [ -e /proc/modules ] && \
	    modinfo -F vermagic kl2tp.ko 2>/dev/null | grep -q "^$$(uname -r) "; then \
		echo "bench: running on this host's kernel $$(uname -r) (BENCH_VM=1 for the guest)"; \
		selftests/run.sh --mode bench --out build/bench; \
	else \
		testbed/vm/run.sh --mode bench; \
	fi

install: module-install tool-install

module-install:
	$(MAKE) -C $(KERNELDIR) M=$(CURDIR) modules_install
	depmod -a $(KVER)

# The systemd unit, and the configuration file unless there is one.
SYSTEMD_UNIT_DIR ?= $(PREFIX)/lib/systemd/system
tool-install: l2tpctl-install aaad-install

l2tpctl-install: tools/l2tpctl build/man/l2tpctl.8 build/man/kl2tp.7
	install -D -m 0755 tools/l2tpctl $(DESTDIR)$(PREFIX)/sbin/l2tpctl
	install -d $(DESTDIR)$(SYSTEMD_UNIT_DIR)
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' tools/kl2tp.service.in \
		>$(DESTDIR)$(SYSTEMD_UNIT_DIR)/kl2tp.service
	chmod 0644 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/kl2tp.service
	[ -e $(DESTDIR)/etc/kl2tp/kl2tp.conf ] || \
		install -D -m 0600 tools/kl2tp.conf $(DESTDIR)/etc/kl2tp/kl2tp.conf
	install -D -m 0644 build/man/l2tpctl.8 $(DESTDIR)$(PREFIX)/share/man/man8/l2tpctl.8
	install -D -m 0644 build/man/kl2tp.7 $(DESTDIR)$(PREFIX)/share/man/man7/kl2tp.7
	install -D -m 0644 tools/l2tpctl.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/l2tpctl

# kl2tp-aaad, its unit (started with its configuration file) and man page.
aaad-install: tools/aaad/kl2tp-aaad build/man/kl2tp-aaad.8
	install -D -m 0755 tools/aaad/kl2tp-aaad $(DESTDIR)$(PREFIX)/sbin/kl2tp-aaad
	install -d $(DESTDIR)$(SYSTEMD_UNIT_DIR)
	sed 's|@SBINDIR@|$(PREFIX)/sbin|g' tools/aaad/kl2tp-aaad.service.in \
		>$(DESTDIR)$(SYSTEMD_UNIT_DIR)/kl2tp-aaad.service
	chmod 0644 $(DESTDIR)$(SYSTEMD_UNIT_DIR)/kl2tp-aaad.service
	install -D -m 0644 build/man/kl2tp-aaad.8 $(DESTDIR)$(PREFIX)/share/man/man8/kl2tp-aaad.8

DKMS_SRC := $(DESTDIR)/usr/src/kl2tp-$(VERSION)
DKMS_FILES := Kbuild Makefile dkms.conf kernel uapi

dkms-install:
	mkdir -p $(DKMS_SRC)
	cp -r $(DKMS_FILES) $(DKMS_SRC)/
	dkms add kl2tp/$(VERSION)
	dkms build kl2tp/$(VERSION) -k $(KVER)
	dkms install kl2tp/$(VERSION) -k $(KVER)

dkms-uninstall:
	-dkms remove kl2tp/$(VERSION) --all
	rm -rf $(DKMS_SRC)

# Debian packages kl2tp-dkms and l2tpctl in build/deb/, built from the
# files git knows (debian/); lintian must find no error or warning.
deb:
	@test "$$(dpkg-parsechangelog -S Version)" = "$(VERSION)" || \
		{ echo "debian/changelog is not at version $(VERSION)"; exit 1; }
	@grep -qx 'PACKAGE_VERSION="$(VERSION)"' dkms.conf || \
		{ echo "dkms.conf is not at version $(VERSION)"; exit 1; }
	rm -rf build/deb
	mkdir -p build/deb/kl2tp-$(VERSION)
	git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C build/deb/kl2tp-$(VERSION)
	cd build/deb/kl2tp-$(VERSION) && dpkg-buildpackage -us -uc -b
	lintian --fail-on error,warning build/deb/kl2tp_$(VERSION)_*.changes

CHECKPATCH ?= build/checkpatch/scripts/checkpatch.pl
style:
	@testbed/style.sh

print-kver:
	@echo $(KVER)

clean:
	-$(MAKE) -C $(KERNELDIR) M=$(CURDIR) clean 2>/dev/null
	rm -rf build tools/l2tpctl tools/aaad/kl2tp-aaad
