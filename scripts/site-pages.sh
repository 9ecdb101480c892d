#!/usr/bin/env bash
# Writes the plugin site's usage pages from the README: one Markdown page per "## " section, and an index page with
# the README's opening and a link to each section, into target/generated-site/markdown, where `mvn site` reads them.
#
#   scripts/site-pages.sh [OUTPUT_DIR]
set -euo pipefail
project="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-${project}/target/generated-site/markdown}"
rm -rf "${out}"
mkdir -p "${out}"
awk -v out="${out}" '
  function slug(title,   s) { s = tolower(title); gsub(/[^a-z0-9]+/, "-", s); gsub(/^-|-$/, "", s); return s }
  /^```/ { fenced = !fenced }
  !fenced && /^## / {
    title = substr($0, 4); page = slug(title) ".md"
    links = links "- [" title "](" slug(title) ".html)\n"
    file = out "/" page
    print "# " title > file
    next
  }
  { if (file) print > file; else intro = intro $0 "\n" }
  END {
    printf "%s\n## Usage\n\n%s", intro, links > (out "/index.md")
    printf "\nEvery goal and parameter: [Plugin documentation](plugin-info.html).\n" >> (out "/index.md")
  }' "${project}/README.md"
ls "${out}"
