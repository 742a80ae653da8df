#!/usr/bin/env bash
# A single-node OpenStack Swift with the S3 API on 127.0.0.1 for the object-storage tests:
#   swift-fixture.sh start DIR   configures and starts memcached and the four servers under
#                                DIR, waits until S3 answers, prints the endpoint and writes
#                                DIR/env (HUBVAULT_S3_ENDPOINT, AWS_ACCESS_KEY_ID, ...);
#   swift-fixture.sh stop DIR    stops them by the PIDs recorded in DIR/pids.
# Exits 2 when the Debian packages are missing (packaging/debian-packages.txt lists them).
set -euo pipefail

command_name="${1:-}"
dir="${2:-}"
[[ -n "$command_name" && -n "$dir" ]] || { echo "usage: $0 start|stop DIR" >&2; exit 64; }

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
    rm -f "$dir/pids"
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
    swift-proxy-server "$etc/proxy-server.conf" >"$dir/log/proxy.log" 2>&1 &
    echo $! >>"$dir/pids"

    # Ready when the proxy answers HTTP at all (curl prints 000 while it cannot connect).
    local endpoint="http://127.0.0.1:$proxy" code=000
    for _ in $(seq 600); do
        code="$(curl -s -o /dev/null -w '%{http_code}' "$endpoint/" || true)"
        [[ "$code" != "000" ]] && break
        sleep 0.1
    done
    if [[ "$code" == "000" ]]; then
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
    *) echo "usage: $0 start|stop DIR" >&2; exit 64 ;;
esac
