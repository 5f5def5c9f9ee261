#!/usr/bin/env bash
# Regenerate docs/handout-{en,es}.png and docs/handout-{en,es}-back.png: the six-infusion handout
# in each language (en_US and es_MX, as a Los Angeles clinic prints them), printed to PDF by headless
# chromium on Letter paper (its default), its two pages (one sheet) turned into PNGs.
# Needs pumpplan on PATH, chromium and poppler-utils (pdfinfo, pdftoppm).
set -euo pipefail
cd "$(dirname "$0")/.."

# 80 dpi makes a Letter page 680 x 880 pixels: legible, and under 250 KB.
RESOLUTION=80

for tool in pumpplan pdfinfo pdftoppm; do
    command -v "$tool" >/dev/null || { echo "screenshots: $tool is not on PATH" >&2; exit 1; }
done
chromium=$(command -v chromium || command -v chromium-browser) ||
    { echo "screenshots: chromium is not installed: apt-get install chromium poppler-utils" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for lang in en es; do
    locale=$([[ $lang == en ]] && echo en_US.UTF-8 || echo es_MX.UTF-8)
    LANG=$locale pumpplan plan "2026-12-07 10:00" --every mon,wed,fri --count 6 --tz America/Los_Angeles \
        --name "Maria Lopez" --clinic "Westside Infusion, 555-0100" --lang "$lang" -o "$tmp/$lang.html"
    # The same flags as the print tests in tests/render/test_html.py.
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$tmp/profile-$lang" --no-pdf-header-footer --print-to-pdf="$tmp/$lang.pdf" \
        "file://$tmp/$lang.html" </dev/null >/dev/null 2>"$tmp/chromium-$lang.log" ||
        { cat "$tmp/chromium-$lang.log" >&2; echo "screenshots: chromium failed on $lang" >&2; exit 1; }
    info=$(pdfinfo "$tmp/$lang.pdf")
    pages=$(awk '/^Pages:/ {print $2}' <<<"$info")
    size=$(sed -n 's/^Page size: *//p' <<<"$info")
    if [[ $size != *"(letter)" ]]; then
        echo "screenshots: the $lang handout printed on '$size', not Letter" >&2
        exit 1
    fi
    if [[ $pages != 2 ]]; then
        echo "screenshots: warning: the $lang handout takes $pages pages, not one sheet (2)" >&2
    fi
    pdftoppm -png -r "$RESOLUTION" -singlefile -f 1 -l 1 "$tmp/$lang.pdf" "$tmp/handout-$lang"
    pdftoppm -png -r "$RESOLUTION" -singlefile -f 2 -l 2 "$tmp/$lang.pdf" "$tmp/handout-$lang-back"
    mv "$tmp/handout-$lang.png" "docs/handout-$lang.png"
    mv "$tmp/handout-$lang-back.png" "docs/handout-$lang-back.png"
    echo "docs/handout-$lang.png and -back.png: $pages page(s), $size"
done
