#!/usr/bin/env bash
# Installs what the end-to-end tests use from Debian's packages: socat (a pty pair between the firmware and the
# simulated module), mosquitto (a real broker) and tmux (a terminal of a set size for the live view). Tests that need them skip, saying why, when they are absent.
set -euo pipefail
missing=()
command -v socat >/dev/null 2>&1 || missing+=(socat)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: not root; install ${missing[*]} yourself for the end-to-end tests (sudo apt-get install ${missing[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
# Brokers already running before the install are not ours to stop.
before=" $( (pgrep -x mosquitto || true) | tr "\n" " ") "
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# The package may start a system broker on 1883; the tests start their own on free loopback ports. Stop only the
# service this install started, and only the mosquitto processes that appeared with it.
if [[ " ${missing[*]} " == *" mosquitto "* ]]; then
  systemctl stop mosquitto 2>/dev/null || service mosquitto stop 2>/dev/null || true
  for pid in $(pgrep -x mosquitto || true); do
    [[ "$before" == *" $pid "* ]] || kill "$pid" 2>/dev/null || true
  done
fi
echo "install-test-tools: installed ${missing[*]}"
