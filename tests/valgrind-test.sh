#!/bin/sh
# make check-valgrind's test wrapper: a compiled test (an ELF file: the
# cmocka unit tests, the fuzz replays) runs under valgrind's memcheck; a
# script runs as it is, and every mmscope it starts puts itself under
# valgrind (MMSCOPE_VALGRIND, core/main.c).  Then tests/run-test.sh's work.
here=$(dirname "$0")
if [ "$(head -c 4 "$1" | od -An -c | tr -d ' ')" = '177ELF' ]; then
	set -- valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
		--errors-for-leak-kinds=definite --suppressions="$MMSCOPE_VALGRIND" "$@"
fi
exec sh "$here/run-test.sh" "$@"
