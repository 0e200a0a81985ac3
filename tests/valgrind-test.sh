#!/bin/sh
# make check-valgrind's test wrapper.  A compiled test (an ELF file) that
# holds any of the inspector (a global ms_ function: the cmocka unit tests of
# core and cmd, the fuzz replays) runs under valgrind's memcheck; one that
# holds only the generator (refmm's unit tests: booting hundreds of MiB
# under memcheck takes minutes a test, and ASan+UBSan cover refmm) runs as
# it is.  A script runs as it
# is, and every mmscope session it starts puts itself under valgrind
# (MMSCOPE_VALGRIND, core/main.c; "mmscope gen" stays native).  Then
# tests/run-test.sh's work.  The last line of the log says how long the
# test took, to see where the time goes.
here=$(dirname "$0")
name=$(basename "$1")
if [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ] &&
   nm "$1" 2>/dev/null | grep -q ' T ms_'; then
	set -- valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
		--errors-for-leak-kinds=definite --suppressions="$MMSCOPE_VALGRIND" "$@"
fi
start=$(date +%s)
sh "$here/run-test.sh" "$@"
rc=$?
echo "# check-valgrind: $name: $(($(date +%s) - start)) s"
exit $rc
