# make install [PREFIX=DIR]: builds the release `persona` and puts it in
# PREFIX/bin (default /usr/local/bin). On Linux the release build is a static
# executable (see Package.swift), so the installed file runs without a Swift
# toolchain or any shared library.
PREFIX ?= /usr/local
SWIFT ?= swift
BINDIR = $(DESTDIR)$(PREFIX)/bin

.PHONY: build install uninstall

build:
	$(SWIFT) build -c release --product persona

install: build
	install -d "$(BINDIR)"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/persona" "$(BINDIR)/persona"

uninstall:
	rm -f "$(BINDIR)/persona"
