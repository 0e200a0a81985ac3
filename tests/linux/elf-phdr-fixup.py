#!/usr/bin/python3
"""elf-phdr-fixup.py FILE - move an ELF core's program headers to offset 64.

QEMU 7.2's dump-guest-memory writes its section header table right after the
ELF header and the program headers after it (e_phoff 128 or more);
makedumpfile 1.7.2 assumes e_phoff == 64 and fails with "Can't get the
number of PT_LOAD".  This rewrites FILE in place: the program headers move
to offset 64 and the section headers (unused unless e_phnum is PN_XNUM) are
dropped.  It refuses a file where the moved table would overlap any
segment's data, and one that needs PN_XNUM.
"""
import struct
import sys

PN_XNUM = 0xFFFF


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    with open(path, "r+b") as f:
        eh = bytearray(f.read(64))
        if eh[:4] != b"\x7fELF" or eh[4] != 2 or eh[5] != 1:
            sys.exit(f"{path}: not a little-endian ELF64 file")
        e_phoff, _ = struct.unpack_from("<QQ", eh, 32)
        e_phentsize, e_phnum = struct.unpack_from("<HH", eh, 54)
        if e_phoff == 64:
            return
        if e_phnum == PN_XNUM:
            sys.exit(f"{path}: more than 65534 program headers (PN_XNUM)")
        f.seek(e_phoff)
        ph = f.read(e_phentsize * e_phnum)
        if len(ph) != e_phentsize * e_phnum:
            sys.exit(f"{path}: truncated program header table")
        end = 64 + len(ph)
        for i in range(e_phnum):
            _, _, p_offset = struct.unpack_from("<IIQ", ph, i * e_phentsize)
            p_filesz, = struct.unpack_from("<Q", ph, i * e_phentsize + 32)
            if p_filesz and p_offset < end:
                sys.exit(f"{path}: segment {i} at offset {p_offset} "
                         f"leaves no room for the program headers")
        struct.pack_into("<QQ", eh, 32, 64, 0)		# e_phoff, e_shoff
        struct.pack_into("<HHH", eh, 58, 0, 0, 0)	# e_shentsize, e_shnum, e_shstrndx
        f.seek(0)
        f.write(eh)
        f.write(ph)


if __name__ == "__main__":
    main()
