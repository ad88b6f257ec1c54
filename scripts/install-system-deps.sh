#!/bin/sh
# Installs the Debian packages the test suite needs, only when they are missing.
set -e
need=""
command -v java >/dev/null 2>&1 || need="$need openjdk-17-jre-headless"
command -v chromium >/dev/null 2>&1 || need="$need chromium"
command -v soffice >/dev/null 2>&1 || need="$need libreoffice-writer-nogui libreoffice-calc-nogui"
fc-list 2>/dev/null | grep -qi dejavu || need="$need fonts-dejavu-core"
if [ -n "$need" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "Installerar systempaket:$need"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null
fi
