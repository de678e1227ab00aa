#!/usr/bin/env python3
"""Validates NDJSON files against schemas/ with the `jsonschema` package (draft 2020-12).

Usage: scripts/validate-schemas.py lead FILE... [reject FILE...]
Each `lead`/`reject` word switches the schema for the files after it. Exit 1 on any violation
or when a schema itself is not a valid draft 2020-12 schema.
"""
import json
import pathlib
import sys

import jsonschema

here = pathlib.Path(__file__).resolve().parent.parent
schemas = {
    "lead": json.loads((here / "schemas/lead-1.schema.json").read_text()),
    "reject": json.loads((here / "schemas/reject-1.schema.json").read_text()),
}
for s in schemas.values():
    jsonschema.Draft202012Validator.check_schema(s)
validators = {k: jsonschema.Draft202012Validator(v) for k, v in schemas.items()}

kind, lines, bad = None, 0, 0
for arg in sys.argv[1:]:
    if arg in validators:
        kind = arg
        continue
    if kind is None:
        sys.exit("say `lead` or `reject` before the files")
    with open(arg, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            lines += 1
            for e in validators[kind].iter_errors(json.loads(line)):
                bad += 1
                if bad <= 20:
                    print(f"{arg}:{n}: {e.json_path}: {e.message[:200]}")
print(f"schemas: {lines} lines checked, {bad} violations")
sys.exit(1 if bad else 0)
