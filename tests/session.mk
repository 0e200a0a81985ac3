# tests/session.mk: tests and benchmarks of this area (see tests/Makefile.inc)
