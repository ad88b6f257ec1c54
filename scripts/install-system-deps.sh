#!/bin/sh
# Installs the Debian packages the test suite and `make docs` need, only when they are missing
# (poppler-utils: pdftotext/pdfinfo for the document tests, pdftoppm for the report page images).
set -e
need=""
command -v java >/dev/null 2>&1 || need="$need openjdk-17-jre-headless"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui libreoffice-calc-nogui"
command -v pdftoppm >/dev/null 2>&1 || need="$need poppler-utils"
fc-list 2>/dev/null | grep -qi dejavu || need="$need fonts-dejavu-core"
if [ -n "$need" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installerar systempaket:$need"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
