#!/usr/bin/env bash
# A single-node OpenStack Swift with the S3 API on 127.0.0.1 for the object-storage tests:
#   swift-fixture.sh start DIR   configures and starts memcached and the four servers under
#                                DIR, waits until S3 answers, prints the endpoint and writes
#                                DIR/env (HUBVAULT_S3_ENDPOINT, AWS_ACCESS_KEY_ID, ...);
#   swift-fixture.sh stop DIR    stops them by the PIDs recorded in DIR/pids;
#   swift-fixture.sh proxy-stop DIR   kills only the proxy server (SIGKILL, its worker
#                                too), as a crash would: the fault tests' outage;
#   swift-fixture.sh proxy-start DIR  starts the proxy again on the same port and waits
#                                until it answers. DIR/pids stays right for `stop`.
# Exits 2 when the Debian packages are missing (packaging/debian-packages.txt lists them).
set -euo pipefail

command_name="${1:-}"
dir="${2:-}"
usage="usage: $0 start|stop|proxy-stop|proxy-start DIR"
[[ -n "$command_name" && -n "$dir" ]] || { echo "$usage" >&2; exit 64; }

stop() {
    [[ -f "$dir/pids" ]] || return 0
    while read -r pid; do
        kill "$pid" 2>/dev/null || true
    done <"$dir/pids"
    # Give them a moment, then make sure.
    for _ in $(seq 50); do
        alive=0
        while read -r pid; do kill -0 "$pid" 2>/dev/null && alive=1; done <"$dir/pids"
        ((alive)) || break
        sleep 0.1
    done
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$dir/pids"
    rm -f "$dir/pids" "$dir/proxy.pid"
}

# The proxy alone: DIR/proxy.pid names it (its line in DIR/pids too).
proxy_endpoint() {
    sed -n 's/^HUBVAULT_S3_ENDPOINT=//p' "$dir/env"
}

wait_for_proxy() {
    local endpoint="$1" code=000
    for _ in $(seq 600); do
        code="$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/" || true)"
        [[ "$code" != "000" ]] && return 0
        sleep 0.1
    done
    return 1
}

launch_proxy() {
    swift-proxy-server "$dir/etc/proxy-server.conf" >>"$dir/log/proxy.log" 2>&1 &
    echo $! >>"$dir/pids"
    echo $! >"$dir/proxy.pid"
}

# Field `n` (from 3: state, ppid, ...) of /proc/PID/stat; empty when PID is gone.
proc_field() {
    local line
    { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 0
    line="${line##*) }" # after "pid (comm) ", whatever comm holds
    local -a fields
    read -r -a fields <<<"$line"
    echo "${fields[$(($2 - 3))]}"
}

proxy_stop() {
    [[ -f "$dir/proxy.pid" ]] || { echo "swift-fixture: no proxy is running under $dir" >&2; exit 1; }
    local pid children="" stat p
    pid="$(cat "$dir/proxy.pid")"
    # SIGKILL would leave the worker (a child of the proxy's parent process) running: kill
    # both. /proc, not ps: procps is not among the test packages.
    for stat in /proc/[0-9]*/stat; do
        p="${stat#/proc/}"
        p="${p%/stat}"
        [[ "$(proc_field "$p" 4)" == "$pid" ]] && children+=" $p"
    done
    kill -9 "$pid" $children 2>/dev/null || true
    for _ in $(seq 100); do
        alive=0
        for p in $pid $children; do
            state="$(proc_field "$p" 3)"
            [[ -n "$state" && "$state" != Z ]] && alive=1
        done
        ((alive)) || break
        sleep 0.05
    done
    grep -vx "$pid" "$dir/pids" >"$dir/pids.new" || true
    mv "$dir/pids.new" "$dir/pids"
    rm -f "$dir/proxy.pid"
}

proxy_start() {
    [[ -f "$dir/env" && -f "$dir/pids" ]] || { echo "swift-fixture: the store under $dir is not running" >&2; exit 1; }
    [[ -f "$dir/proxy.pid" ]] && kill -0 "$(cat "$dir/proxy.pid")" 2>/dev/null && return 0
    launch_proxy
    local endpoint
    endpoint="$(proxy_endpoint)"
    wait_for_proxy "$endpoint" || { echo "swift-fixture: the proxy did not answer at $endpoint again (see $dir/log/proxy.log)" >&2; exit 1; }
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

start() {
    for tool in swift-proxy-server swift-account-server swift-container-server swift-object-server swift-ring-builder memcached; do
        command -v "$tool" >/dev/null || { echo "swift-fixture: $tool is missing" >&2; exit 2; }
    done
    stop
    # Every run starts from an empty store: objects of an earlier run would change results.
    rm -rf "$dir/etc" "$dir/node" "$dir/run" "$dir/log" "$dir/env"
    mkdir -p "$dir"/{etc,node/d1,run,log}
    local etc="$dir/etc" node="$dir/node" user
    user="$(id -un)"
    local proxy account container object memcache
    proxy="$(free_port)"; account="$(free_port)"; container="$(free_port)"; object="$(free_port)"; memcache="$(free_port)"

    cat >"$etc/swift.conf" <<CONF
[swift-hash]
swift_hash_path_suffix = hubvault-tests
swift_hash_path_prefix = hubvault-tests
[storage-policy:0]
name = Policy-0
default = yes
CONF
    for ring in account:$account container:$container object:$object; do
        local name="${ring%%:*}" port="${ring##*:}"
        (cd "$etc" && swift-ring-builder "$name.builder" create 8 1 1 >/dev/null &&
            swift-ring-builder "$name.builder" add "r1z1-127.0.0.1:$port/d1" 100 >/dev/null &&
            swift-ring-builder "$name.builder" rebalance >/dev/null) || true
        [[ -f "$etc/$name.ring.gz" ]] || { echo "swift-fixture: building the $name ring failed" >&2; exit 1; }
        cat >"$etc/$name-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $port
workers = 1
user = $user
swift_dir = $etc
devices = $node
mount_check = false
log_facility = LOG_LOCAL2
[pipeline:main]
pipeline = $name-server
[app:$name-server]
use = egg:swift#$name
[${name}-replicator]
[${name}-updater]
[${name}-auditor]
CONF
    done
    cat >"$etc/proxy-server.conf" <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $proxy
workers = 1
user = $user
swift_dir = $etc
log_facility = LOG_LOCAL2
[pipeline:main]
pipeline = catch_errors gatekeeper proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server
[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$memcache
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
CONF

    : >"$dir/pids"
    memcached -l 127.0.0.1 -p "$memcache" -U 0 -u "$user" >"$dir/log/memcached.log" 2>&1 &
    echo $! >>"$dir/pids"
    for server in account container object; do
        "swift-$server-server" "$etc/$server-server.conf" >"$dir/log/$server.log" 2>&1 &
        echo $! >>"$dir/pids"
    done
    : >"$dir/log/proxy.log"
    launch_proxy

    # Ready when the proxy answers HTTP at all (curl prints 000 while it cannot connect).
    local endpoint="http://127.0.0.1:$proxy"
    if ! wait_for_proxy "$endpoint"; then
        echo "swift-fixture: the proxy did not answer at $endpoint (see $dir/log)" >&2
        tail -n 20 "$dir"/log/*.log >&2 || true
        stop
        exit 1
    fi
    cat >"$dir/env" <<ENV
HUBVAULT_S3_ENDPOINT=$endpoint
AWS_ACCESS_KEY_ID=test:tester
AWS_SECRET_ACCESS_KEY=testing
AWS_DEFAULT_REGION=us-east-1
ENV
    echo "$endpoint"
}

case "$command_name" in
    start) start ;;
    stop) stop ;;
    proxy-stop) proxy_stop ;;
    proxy-start) proxy_start ;;
    *) echo "$usage" >&2; exit 64 ;;
esac
