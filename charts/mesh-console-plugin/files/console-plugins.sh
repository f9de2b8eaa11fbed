#!/bin/sh
# Adds (enable) or removes (disable) a plugin in consoles.operator.openshift.io/cluster
# spec.plugins, keeping every other entry. POSIX sh plus oc or kubectl; no jq.
#
# Each change is one JSON patch that starts with a `test` of metadata.resourceVersion, so if
# anything else changed the Console between our read and our write, the patch is rejected and
# we read again instead of overwriting the other writer's change.
#
# Usage: PLUGIN_NAME=mesh-console-plugin console-plugins.sh enable|disable
# Optional: CLI (oc or kubectl; default: oc if on PATH, else kubectl), MAX_ATTEMPTS (default 5).
set -u

action="${1:-}"
name="${PLUGIN_NAME:-}"
max_attempts="${MAX_ATTEMPTS:-5}"
resource='consoles.operator.openshift.io'

log() { printf '%s\n' "console-plugins: $*" >&2; }

case "$action" in
  enable | disable) ;;
  *)
    log "usage: PLUGIN_NAME=<name> $0 enable|disable"
    exit 2
    ;;
esac

# A plugin name is a DNS subdomain; checking it here also makes it safe to put in JSON unescaped.
case "$name" in
  '' | *[!a-z0-9.-]* | [.-]* | *[.-])
    log "PLUGIN_NAME '$name' is not a DNS subdomain"
    exit 2
    ;;
esac

if [ -z "${CLI:-}" ]; then
  if command -v oc >/dev/null 2>&1; then
    CLI=oc
  elif command -v kubectl >/dev/null 2>&1; then
    CLI=kubectl
  else
    log 'neither oc nor kubectl is on PATH'
    exit 2
  fi
fi

# Prints: resourceVersion, then .spec as one line of JSON (empty when absent), then the raw
# .spec.plugins JSON (empty when absent, [] when empty), then one plugin per line.
read_console() {
  "$CLI" get "$resource" cluster -o \
    'jsonpath={.metadata.resourceVersion}{"\n"}{.spec}{"\n"}{.spec.plugins}{"\n"}{range .spec.plugins[*]}{@}{"\n"}{end}'
}

# Builds the patch for the current state into $ops; empty $ops means nothing to do.
plan() {
  state="$1"
  rv=''
  has_spec=''
  has_plugins=''
  ops=''
  present=''
  indexes=''
  line_no=0
  i=0
  # The here-document keeps the loop in this shell, so the variables it sets survive.
  while IFS= read -r line; do
    line_no=$((line_no + 1))
    case "$line_no" in
      1) rv="$line" ;;
      2) [ -n "$line" ] && has_spec=yes ;;
      3) [ -n "$line" ] && has_plugins=yes ;;
      *)
        if [ "$line" = "$name" ]; then
          present=yes
          # Descending order: removing a later index first keeps earlier indexes valid.
          indexes="$i${indexes:+ $indexes}"
        fi
        i=$((i + 1))
        ;;
    esac
  done <<EOF
$state
EOF

  if [ -z "$rv" ]; then
    log 'could not read metadata.resourceVersion of the Console'
    return 1
  fi
  guard="{\"op\":\"test\",\"path\":\"/metadata/resourceVersion\",\"value\":\"$rv\"}"

  if [ "$action" = enable ]; then
    [ -n "$present" ] && return 0
    if [ -n "$has_plugins" ]; then
      ops="[$guard,{\"op\":\"add\",\"path\":\"/spec/plugins/-\",\"value\":\"$name\"}]"
    elif [ -n "$has_spec" ]; then
      ops="[$guard,{\"op\":\"add\",\"path\":\"/spec/plugins\",\"value\":[\"$name\"]}]"
    else
      ops="[$guard,{\"op\":\"add\",\"path\":\"/spec\",\"value\":{\"plugins\":[\"$name\"]}}]"
    fi
  else
    [ -z "$present" ] && return 0
    ops="[$guard"
    for idx in $indexes; do
      ops="$ops,{\"op\":\"test\",\"path\":\"/spec/plugins/$idx\",\"value\":\"$name\"}"
      ops="$ops,{\"op\":\"remove\",\"path\":\"/spec/plugins/$idx\"}"
    done
    ops="$ops]"
  fi
  return 0
}

exists=$("$CLI" get "$resource" cluster --ignore-not-found -o name) || {
  log "cannot read $resource/cluster (is this OpenShift, and may this account get it?)"
  exit 1
}
if [ -z "$exists" ]; then
  if [ "$action" = disable ]; then
    log "no $resource/cluster; nothing to remove"
    exit 0
  fi
  log "no $resource/cluster: the OpenShift console operator is not installed"
  exit 1
fi

attempt=1
while :; do
  state=$(read_console) || {
    log "cannot read $resource/cluster"
    exit 1
  }
  plan "$state" || exit 1
  if [ -z "$ops" ]; then
    if [ "$action" = enable ]; then
      log "$name is already enabled"
    else
      log "$name is not enabled; nothing to remove"
    fi
    exit 0
  fi
  if "$CLI" patch "$resource" cluster --type=json -p "$ops"; then
    if [ "$action" = enable ]; then
      log "enabled $name"
    else
      log "removed $name"
    fi
    exit 0
  fi
  if [ "$attempt" -ge "$max_attempts" ]; then
    log "giving up after $attempt attempts"
    exit 1
  fi
  log "the Console changed while we patched it (attempt $attempt of $max_attempts); reading it again"
  attempt=$((attempt + 1))
  sleep "$attempt"
done
