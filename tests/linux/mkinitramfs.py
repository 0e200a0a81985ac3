#!/usr/bin/python3
"""mkinitramfs.py OUT.cpio.gz ENTRY... - write a byte-reproducible initramfs.

Each ENTRY is one of
    dir:PATH                     a directory (mode 0755)
    file:PATH=SRC[:MODE]         a copy of the host file SRC (octal MODE,
                                 default: SRC's permission bits)
    symlink:PATH=TARGET
    chr:PATH=MAJOR,MINOR[:MODE]  a character device (no mknod on the host)
Paths are relative to the guest's root.  Every header has inode numbers in
entry order, mtime 0, uid and gid 0 and no host device numbers, entries are
sorted by path and the gzip header has no name or time, so the same inputs
give the same bytes (the kernel's "newc" cpio format, usr/gen_init_cpio.c).
"""
import gzip
import os
import stat
import sys

TRAILER = "TRAILER!!!"


def newc_header(ino, mode, nlink, size, rmajor, rminor, name):
    fields = (ino, mode, 0, 0, nlink, 0, size, 0, 0, rmajor, rminor,
              len(name) + 1, 0)
    return ("070701" + "".join("%08X" % f for f in fields)).encode()


def pad4(n):
    return b"\0" * (-n % 4)


def parse(arg):
    kind, _, rest = arg.partition(":")
    path, _, spec = rest.partition("=")
    path = path.strip("/")
    if not path:
        sys.exit(f"mkinitramfs: empty path in {arg!r}")
    if kind == "dir":
        return path, stat.S_IFDIR | 0o755, b"", (0, 0)
    if kind == "file":
        src, _, mode = spec.partition(":")
        with open(src, "rb") as f:
            data = f.read()
        perm = int(mode, 8) if mode else stat.S_IMODE(os.stat(src).st_mode)
        return path, stat.S_IFREG | perm, data, (0, 0)
    if kind == "symlink":
        return path, stat.S_IFLNK | 0o777, spec.encode(), (0, 0)
    if kind == "chr":
        dev, _, mode = spec.partition(":")
        major, minor = (int(x) for x in dev.split(","))
        perm = int(mode, 8) if mode else 0o600
        return path, stat.S_IFCHR | perm, b"", (major, minor)
    sys.exit(f"mkinitramfs: unknown entry kind in {arg!r}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = sys.argv[1]
    entries = sorted((parse(a) for a in sys.argv[2:]), key=lambda e: e[0])
    names = [e[0] for e in entries]
    if len(set(names)) != len(names):
        sys.exit("mkinitramfs: a path is given twice")
    body = bytearray()
    for ino, (path, mode, data, (rmajor, rminor)) in enumerate(entries, 1):
        name = path.encode()
        nlink = 2 if stat.S_ISDIR(mode) else 1
        hdr = newc_header(ino, mode, nlink, len(data), rmajor, rminor, name)
        body += hdr + name + b"\0"
        body += pad4(len(hdr) + len(name) + 1)
        body += data + pad4(len(data))
    hdr = newc_header(0, 0, 1, 0, 0, 0, TRAILER)
    body += hdr + TRAILER.encode() + b"\0" + pad4(len(hdr) + len(TRAILER) + 1)
    tmp = out + ".tmp"
    with open(tmp, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw,
                           compresslevel=9, mtime=0) as gz:
            gz.write(bytes(body))
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
