# gdb -x gdb_data.py: the oracle of mmscope's JSON "data" (mmscope(1),
# JSON OUTPUT), computed from gdb's own types and memory (gdb.Value, field
# by field, element by element) by the rules the man page states.
#
# Reads a JSON list of C expressions from the file $JD_IN and writes, one
# line per expression to $JD_OUT, {"data": DATA} with "data_truncated":
# [paths] when an array or string was cut, compact as core/record.c writes
# it (separators "," and ":"), so that a C test can compare the lines.
# Used by tests/e2e/types/json_data_gdb.py and tests/unit/test_types.c.

import gdb, json, os

ELEMENTS = 200      # gdb's "print elements"
THRESHOLD = 10      # gdb's "print repeats": a longer run counts as 10 elements
CHARS = ("char", "signed char", "unsigned char")
NAMED = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v", 92: "\\\\"}
inf = gdb.selected_inferior()


def escape(bs):
    return "".join(NAMED.get(b) or (chr(b) if 0x20 <= b < 0x7f else "\\%03o" % b) for b in bs)


def strip(t):
    return t.strip_typedefs().unqualified().strip_typedefs()


def raw(v, size):
    return inf.read_memory(int(v.address), size).tobytes()


def conv(v, path, cut):
    t = strip(v.type)
    c = t.code
    if c in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
        obj = {}
        fields(v, t, path, cut, obj)
        return obj
    if c == gdb.TYPE_CODE_ARRAY:
        lo, hi = t.range()
        n = hi - lo + 1
        el = strip(t.target())
        if el.sizeof == 1 and el.code in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_CHAR) and str(el) in CHARS:
            bs = raw(v, min(n, ELEMENTS))
            if 0 in bs:
                return escape(bs[:bs.index(0)])
            if n > ELEMENTS:
                cut.append(path)
            return escape(bs)
        out, i, things, esz = [], 0, 0, el.sizeof
        while i < n and things < ELEMENTS:
            reps = 1
            first = raw(v[i], esz)
            while i + reps < n and raw(v[i + reps], esz) == first:
                reps += 1
            span = reps if reps > THRESHOLD else 1
            for k in range(i, i + span):
                out.append(conv(v[k], "%s[%d]" % (path, k), cut))
            i += span
            things += THRESHOLD if reps > THRESHOLD else 1
        if i < n:
            cut.append(path)
        return out
    if c == gdb.TYPE_CODE_PTR:
        return "0x%x" % int(v)
    if c == gdb.TYPE_CODE_VOID:
        return None
    if c == gdb.TYPE_CODE_FUNC:
        return "0x%x" % int(v.address)
    if c == gdb.TYPE_CODE_ENUM:
        for f in t.fields():
            if f.enumval == int(v):
                return f.name
        return int(v)
    if c == gdb.TYPE_CODE_BOOL:
        return bool(int(v)) if int(v) in (0, 1) else int(v)
    if c in (gdb.TYPE_CODE_INT, gdb.TYPE_CODE_CHAR):
        return int(v)
    if c == gdb.TYPE_CODE_FLT:
        return str(v)       # gdb's text: JSON has no exact float
    raise gdb.GdbError("no rule for %s (%s)" % (t, path))


def fields(v, t, path, cut, obj):
    for f in t.fields():
        ft = strip(f.type)
        if f.name is None:
            if ft.code in (gdb.TYPE_CODE_STRUCT, gdb.TYPE_CODE_UNION):
                fields(v[f], ft, path, cut, obj)   # anonymous: flattened
            continue
        obj[f.name] = conv(v[f.name], path + "." + f.name, cut)


with open(os.environ["JD_IN"]) as f:
    exprs = json.load(f)
with open(os.environ["JD_OUT"], "w") as f:
    for e in exprs:
        cut = []
        rec = {"data": conv(gdb.parse_and_eval(e), "", cut)}
        if cut:
            rec["data_truncated"] = cut
        f.write(json.dumps(rec, separators=(",", ":")) + "\n")
