#!/bin/sh
# Page images for docs/rapporter.md: the first page (title page) of each demo report and the page after it
# (where the content starts), as small PNGs in docs/bilder/<report>.png and <report>-2.png.
# Uses the demo workspace given as $1 (default demo-arbetsyta), running `uppfolj demo` into it when it
# has no reports yet. Needs LibreOffice (soffice) and poppler-utils (pdftoppm): scripts/install-system-deps.sh.
set -eu
ws="${1:-demo-arbetsyta}"
out="docs/bilder"
for tool in soffice pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool saknas: kör make system-deps" >&2; exit 1; }
done
if ! ls "$ws"/rapporter/*.docx >/dev/null 2>&1; then
  .venv/bin/uppfolj demo --arbetsyta "$ws" >/dev/null
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# one LibreOffice start for all documents, with a throw-away profile (no clash with a running LibreOffice)
HOME="$tmp" soffice "-env:UserInstallation=file://$tmp/profil" --headless --convert-to pdf \
  --outdir "$tmp/pdf" "$ws"/rapporter/*.docx >/dev/null 2>&1
mkdir -p "$out"
for pdf in "$tmp"/pdf/*.pdf; do
  # the file name without its period: manadsrapport-2024-12 -> manadsrapport, ej-verkstallda-2024-Q4 -> ej-verkstallda
  name="$(basename "$pdf" .pdf | sed -E 's/-[0-9]{4}(-Q[1-4]|-[0-9]{2})?$//')"
  pdftoppm -png -r 40 -f 1 -l 1 -singlefile "$pdf" "$out/$name"
  pdftoppm -png -r 40 -f 2 -l 2 -singlefile "$pdf" "$out/$name-2"
  echo "wrote $out/$name.png, $out/$name-2.png"
done
