#!/usr/bin/env python3
"""Cuts GitHub's published OpenAPI description down to the operations Chartroom calls, with every component they
reference, so that the tests validate Chartroom's requests against the real contract without a 13 MB file.

    npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz package/generated/api.github.com.json
    python3 trim-github-openapi.py package/generated/api.github.com.json > github-openapi-subset.json
"""
import json
import sys

PATHS = {
    "/app/installations/{installation_id}/access_tokens": ["post"],
    "/repos/{owner}/{repo}": ["get"],
    "/repos/{owner}/{repo}/branches/{branch}": ["get"],
    "/repos/{owner}/{repo}/pulls": ["post"],
    "/repos/{owner}/{repo}/pulls/{pull_number}": ["get", "patch"],
    "/repos/{owner}/{repo}/pulls/{pull_number}/merge": ["put"],
    "/repos/{owner}/{repo}/issues/{issue_number}/comments": ["post"],
    "/repos/{owner}/{repo}/issues/comments/{comment_id}": ["patch"],
    "/repos/{owner}/{repo}/statuses/{sha}": ["post"],
}

spec = json.load(open(sys.argv[1]))
out = {k: spec[k] for k in ("openapi", "info", "servers") if k in spec}
out["info"] = dict(out["info"], description="A subset of GitHub's REST API description (@octokit/openapi 23.0.2): what Chartroom calls.")
out["paths"] = {p: {m: spec["paths"][p][m] for m in methods} for p, methods in PATHS.items()}
components = {}


def walk(node):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/components/"):
            _, _, kind, name = ref.split("/", 3)
            if name not in components.setdefault(kind, {}):
                components[kind][name] = spec["components"][kind][name]
                walk(components[kind][name])
        for value in node.values():
            walk(value)
    elif isinstance(node, list):
        for value in node:
            walk(value)


walk(out["paths"])
out["components"] = components
json.dump(out, sys.stdout, indent=1, sort_keys=True)
