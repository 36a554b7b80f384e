#!/usr/bin/env bash
# Vendor the explorer's browser assets into kg/static/ (run by a maintainer, not at run time:
# the built files are committed so that the server never fetches anything).
# Cytoscape.js comes from its npm package, pinned below; its licence is recorded in kg/static/VENDORED.md.
set -euo pipefail
CYTOSCAPE_VERSION=3.34.4
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm pack --silent "cytoscape@${CYTOSCAPE_VERSION}" >/dev/null
tar -xzf "cytoscape-${CYTOSCAPE_VERSION}.tgz"
cp package/dist/cytoscape.min.js "$root/kg/static/cytoscape.min.js"
grep -q "\"version\": \"${CYTOSCAPE_VERSION}\"" package/package.json
echo "vendored cytoscape ${CYTOSCAPE_VERSION} ($(sha256sum "$root/kg/static/cytoscape.min.js" | cut -c1-64))"
