#!/usr/bin/python3
"""qmp.py SOCKET COMMAND [JSON-ARGUMENTS] - one QMP command to a QEMU.

Connects to QEMU's monitor socket ("-qmp unix:SOCKET,server,nowait"),
negotiates capabilities, runs COMMAND and prints its "return" value as JSON
(a string as it is); asynchronous events that arrive meanwhile are
dropped.  Exits 1 with QEMU's error, 2 when QEMU cannot be reached.
"""
import json
import socket
import sys
import time


class QMPError(Exception):
    pass


def connect(path, wait=30.0):
    deadline = time.monotonic() + wait
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            return sock
        except OSError as e:
            sock.close()
            if time.monotonic() >= deadline:
                raise QMPError(f"cannot connect to {path}: {e}") from e
            time.sleep(0.2)


def execute(path, command, arguments=None, timeout=900.0):
    sock = connect(path)
    sock.settimeout(timeout)
    with sock, sock.makefile("rw") as f:
        def recv():
            line = f.readline()
            if not line:
                raise QMPError("QEMU closed the monitor connection")
            return json.loads(line)

        def call(cmd, args=None):
            msg = {"execute": cmd}
            if args:
                msg["arguments"] = args
            f.write(json.dumps(msg) + "\n")
            f.flush()
            while True:
                r = recv()
                if "event" in r:
                    continue
                if "error" in r:
                    raise QMPError(f"{cmd}: {r['error'].get('desc', r['error'])}")
                return r["return"]

        greeting = recv()
        if "QMP" not in greeting:
            raise QMPError(f"not a QMP greeting: {greeting}")
        call("qmp_capabilities")
        return call(command, arguments)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    args = json.loads(sys.argv[3]) if len(sys.argv) == 4 else None
    try:
        ret = execute(sys.argv[1], sys.argv[2], args)
    except QMPError as e:
        print(f"qmp: {e}", file=sys.stderr)
        sys.exit(1)
    except (OSError, ValueError) as e:
        print(f"qmp: {sys.argv[1]}: {e}", file=sys.stderr)
        sys.exit(2)
    print(ret if isinstance(ret, str) else json.dumps(ret))


if __name__ == "__main__":
    main()
