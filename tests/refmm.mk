# tests/refmm.mk: tests and benchmarks of this area (see tests/Makefile.inc)
