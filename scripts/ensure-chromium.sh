#!/usr/bin/env sh
# The dashboard's browser tests drive Debian's Chromium through playwright-core (Playwright's own browser
# download cannot run here). Install it when missing and we may; otherwise say how, and let the tests report it.
set -eu
CHROMIUM="${ROLLCALL_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: installing Debian's chromium package for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: $CHROMIUM is missing; install it (apt-get install chromium) or set ROLLCALL_CHROMIUM." >&2
