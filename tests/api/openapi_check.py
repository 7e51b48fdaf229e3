#!/usr/bin/env python3
"""Checks src/api/openapi.json against the routes registered in src/api/api.cc.

Usage: python3 tests/api/openapi_check.py [source dir]   (exit status 0: consistent)

- the document parses and is OpenAPI 3.0.x;
- its (method, path) pairs are exactly those of the add("METHOD", "/api/v1/...", ...) calls;
- each operation's summary equals the one in the code, operationIds are unique;
- every path template parameter is declared as a path parameter;
- every local $ref resolves.
If the openapi-spec-validator package is installed, the document is also validated with it.
"""
import json
import os
import re
import sys

METHODS = {"get", "post", "put", "patch", "delete", "head", "options", "trace"}


def routes_from_code(api_cc):
    text = open(api_cc, encoding="utf-8").read()
    # add("GET", "/api/v1/x", Audience::kY,\n   "summary" "continued",
    pattern = re.compile(
        r'\badd\(\s*"([A-Z]+)"\s*,\s*"([^"]+)"\s*,\s*Audience::\w+\s*,\s*((?:"(?:[^"\\]|\\.)*"\s*)+),')
    routes = {}
    for m in pattern.finditer(text):
        summary = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(3)))
        summary = summary.encode().decode("unicode_escape")
        routes[(m.group(1).lower(), m.group(2))] = summary
    return routes


def resolve(doc, ref):
    node = doc
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        node = node[part]
    return node


def walk_refs(node, found):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str):
                found.append(v)
            else:
                walk_refs(v, found)
    elif isinstance(node, list):
        for v in node:
            walk_refs(v, found)


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    doc = json.load(open(os.path.join(root, "src/api/openapi.json"), encoding="utf-8"))
    code = routes_from_code(os.path.join(root, "src/api/api.cc"))
    problems = []

    if not str(doc.get("openapi", "")).startswith("3.0."):
        problems.append("openapi must be 3.0.x")

    documented = {}
    op_ids = {}
    for path, item in doc.get("paths", {}).items():
        template_params = set(re.findall(r"{([^}]+)}", path))
        for method, op in item.items():
            if method not in METHODS:
                continue
            documented[(method, path)] = op
            oid = op.get("operationId")
            if not oid:
                problems.append(f"{method} {path}: no operationId")
            elif oid in op_ids:
                problems.append(f"{method} {path}: operationId {oid} also used by {op_ids[oid]}")
            else:
                op_ids[oid] = f"{method} {path}"
            declared = set()
            for p in item.get("parameters", []) + op.get("parameters", []):
                if "$ref" in p:
                    p = resolve(doc, p["$ref"])
                if p.get("in") == "path":
                    declared.add(p["name"])
            if declared != template_params:
                problems.append(f"{method} {path}: path parameters {sorted(declared)} != {sorted(template_params)}")
            if not op.get("responses"):
                problems.append(f"{method} {path}: no responses")

    for key in sorted(set(code) - set(documented)):
        problems.append(f"route in api.cc but not in openapi.json: {key[0].upper()} {key[1]}")
    for key in sorted(set(documented) - set(code)):
        problems.append(f"operation in openapi.json but not in api.cc: {key[0].upper()} {key[1]}")
    for key in sorted(set(code) & set(documented)):
        if documented[key].get("summary") != code[key]:
            problems.append(f"{key[0].upper()} {key[1]}: summary {documented[key].get('summary')!r} != {code[key]!r}")

    refs = []
    walk_refs(doc, refs)
    for ref in sorted(set(refs)):
        try:
            if not ref.startswith("#/"):
                raise KeyError(ref)
            resolve(doc, ref)
        except (KeyError, TypeError):
            problems.append(f"unresolved $ref {ref}")

    try:
        from openapi_spec_validator import validate
    except ImportError:
        validate = None
    if validate is not None:
        try:
            validate(doc)
        except Exception as e:  # noqa: BLE001 - report any validation failure
            problems.append(f"openapi-spec-validator: {e}")

    for p in problems:
        print("openapi_check:", p)
    print(f"openapi_check: {len(doc.get('paths', {}))} paths, {len(documented)} operations, "
          f"{len(code)} routes in api.cc: {'OK' if not problems else 'FAILED'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
