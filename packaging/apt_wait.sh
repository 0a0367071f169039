# Source me. `apt_get ARGS…` and `dpkg_root ARGS…` run apt-get and dpkg as root (sudo when not
# root), non-interactively, and wait for another package manager (unattended upgrades, a second CI
# run) instead of failing: apt's DPkg::Lock::Timeout covers installing, but not `apt-get update`'s
# list lock nor a plain dpkg, so a refused lock is retried for up to APT_WAIT seconds (default 900).
_run_waiting_for_lock() {
  local sudo=() log deadline=$((SECONDS + ${APT_WAIT:-900}))
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  log="$(mktemp)"
  until DEBIAN_FRONTEND=noninteractive "${sudo[@]}" "$@" >"$log" 2>&1; do
    if grep -qiE "could not get lock|unable to lock|unable to acquire the dpkg|lock was locked|database is locked" "$log" \
        && [ "$SECONDS" -lt "$deadline" ]; then
      echo "$1: another package manager holds the lock; waiting" >&2
      sleep 10
      continue
    fi
    cat "$log" >&2
    rm -f "$log"
    return 1
  done
  rm -f "$log"
}

apt_get() { _run_waiting_for_lock apt-get -o DPkg::Lock::Timeout=60 "$@"; }
dpkg_root() { _run_waiting_for_lock dpkg "$@"; }
