#!/usr/bin/env python3
"""Generates private_dictionary.txt from pydicom's private dictionary (which pydicom generates from GDCM's).
Usage (same package as generate_dictionary.py):
    python3 generate_private_dictionary.py x/usr/lib/python3/dist-packages/pydicom/_private_dict.py > private_dictionary.txt
Line format: KEY VR Private Creator  -- KEY is 'ggggeeee', 'ggggxxee' or 'ggxxxxee' (lower-case hex, 'x' = any
digit, as pydicom looks them up in that order); the private creator is the rest of the line (it may contain
spaces). The VR 'OB_OW' becomes OB."""
import ast, sys

tree = ast.parse(open(sys.argv[1], encoding="utf-8").read())
out = []
for node in tree.body:
    if isinstance(node, ast.AnnAssign) and node.target.id == "private_dictionaries":
        for creator, entries in ast.literal_eval(node.value).items():
            for key, (vr, vm, name, retired) in entries.items():
                vr = "OB" if vr == "OB_OW" else vr
                if len(vr) != 2 or "\n" in creator:
                    continue
                out.append(f"{key.lower()} {vr} {creator}")
print("\n".join(sorted(out)))
