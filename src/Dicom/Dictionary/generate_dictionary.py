#!/usr/bin/env python3
"""Generates dictionary.txt (tag, VR, keyword; one line each) from pydicom's data dictionary,
which pydicom generates from the PS3.6 tables. Usage:
    apt-get download python3-pydicom && dpkg -x python3-pydicom_*.deb x
    python3 generate_dictionary.py x/usr/lib/python3/dist-packages/pydicom/_dicom_dict.py > dictionary.txt
Line format: GGGGEEEE VR Keyword  (repeating groups use 'x' digits, e.g. 60xx3000; multi-VR entries keep
the first VR, e.g. 'US or SS' -> US, except 'OB or OW' -> OW). Entries with several VRs add them as a fourth
field, e.g. '00280106 US SmallestImagePixelValue US/SS', so the reader can decide by Pixel Representation."""
import ast, sys

src = open(sys.argv[1], encoding="utf-8").read()
tree = ast.parse(src)
out = []
for node in tree.body:
    if isinstance(node, ast.AnnAssign) and node.target.id in ("DicomDictionary", "RepeatersDictionary"):
        d = ast.literal_eval(node.value)
        for tag, (vr, vm, name, retired, keyword) in d.items():
            if not keyword:
                continue
            key = f"{tag:08X}" if isinstance(tag, int) else tag.upper().replace("X", "x")
            vrs = [v.strip() for v in vr.split("or")]
            v = "OW" if "OW" in vrs and "OB" in vrs else vrs[0]
            if v == "NONE" or len(v) != 2:
                v = "UN"
            alt = f" {'/'.join(vrs)}" if len(vrs) > 1 else ""
            out.append(f"{key} {v} {keyword}{alt}")
print("\n".join(sorted(out)))
