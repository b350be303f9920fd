#!/usr/bin/env bash
# A throw-away Samba Active Directory domain controller for the tests (SPEC LG-5).
#
#   samba-dc.sh start DIR [IP]   provision a DC in DIR (created, must be empty or absent),
#                                start it on IP (default 127.0.0.1) ports 389 (ldap) and
#                                636 (ldaps), create the test users, then print KEY=VALUE
#                                lines on stdout (ip, pid, realm, ca, wrong_ca, log, seconds)
#   samba-dc.sh stop DIR         stop that DC (TERM, then KILL) and delete DIR
#
# Everything lives in DIR: smb.conf, private/state/lock/cache/pid/ncalrpc dirs, the log,
# and a test CA whose server certificate names IP (Samba's own self-signed certificate
# names only the host name, so a client checking ldaps://IP could not verify it).
# Nothing is written to /etc/samba or /var/lib/samba; no service other than LDAP runs
# (no smbd, kdc, dns, winbindd). The DC ends itself after MONBAN_DC_MAX_RUNTIME seconds
# (default 600) even if nobody calls stop. samba runs with DIR as its working directory:
# its command line becomes "samba: root process", so that is how to tell whose DC it is.
#
# Samba's LDAP ports are fixed (389/636), so two DCs cannot share an address: callers
# that may run concurrently pass a distinct loopback address (127.x.y.z, all routed to lo).
#
# Needs (Debian 12): samba samba-dsdb-modules samba-ad-provision openssl; runs as root.
#
# Test users (realm monban.test; passwords are test fixtures, not secrets):
#   alice  Alice-Pass-1   enabled
#   dave   Dave-Pass-1    disabled (samba-tool user disable)
#   lena   Lena-Pass-1    enabled; the domain locks an account after 3 bad passwords
#   mona   Mona-Pass-1    must change password at next logon (AD sub-code 773)
#   eddy   Eddy-Pass-1    account expired (AD sub-code 701)
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

REALM=MONBAN.TEST
DOMAIN=MONBAN
ADMIN_PASS='Adm1n-Pass-x9'

die() { echo "samba-dc: $*" >&2; exit 1; }

# Closes every file descriptor but 0-2 (and bash's own 255) in the current (sub)shell, so
# that a daemon started from it keeps nothing of its caller open: Foundation's Process, for
# one, waits for a socket that every holder must close before it sees its child exit.
close_inherited_fds() {
    local fd
    for fd in /proc/$BASHPID/fd/*; do
        fd=${fd##*/}
        case $fd in 0 | 1 | 2 | 255) ;; *) eval "exec $fd>&-" 2>/dev/null || true ;; esac
    done
}

start() {
    local dir=$1 ip=${2:-127.0.0.1}
    local t0=$SECONDS
    command -v samba >/dev/null && command -v samba-tool >/dev/null \
        || die "samba is not installed (Debian: samba samba-dsdb-modules samba-ad-provision)"
    command -v openssl >/dev/null || die "openssl is not installed"
    [[ $ip =~ ^127\.[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "IP must be a loopback address 127.x.y.z: $ip"
    if (exec 3<>"/dev/tcp/$ip/389") 2>/dev/null; then die "$ip:389 is already taken"; fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [[ -z $(ls -A "$dir") ]] || die "$dir is not empty"
    chmod 700 "$dir"
    mkdir -p "$dir"/{run,log,cache,tls}
    local log=$dir/log/samba.log

    # The provision writes private/ (sam.ldb, secrets), state/, etc/smb.conf under DIR.
    samba-tool domain provision --targetdir="$dir" \
        --realm=$REALM --domain=$DOMAIN --host-name=DC1 --server-role=dc \
        --dns-backend=NONE --host-ip="$ip" --use-rfc2307 --adminpass="$ADMIN_PASS" \
        --option="interfaces = $ip/8" --option="bind interfaces only = yes" \
        >"$dir/log/provision.log" 2>&1 || { tail -20 "$dir/log/provision.log" >&2; die "provision failed"; }

    # Test PKI: a CA, a server certificate for IP (and the DC's names), and an unrelated CA.
    (
        cd "$dir/tls"
        umask 077
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
            -subj "/CN=monban test CA" -keyout ca.key -out ca.pem
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
            -subj "/CN=monban wrong CA" -keyout wrong-ca.key -out wrong-ca.pem
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
            -subj "/CN=dc1.monban.test" -keyout key.pem -out cert.csr
        printf 'subjectAltName=IP:%s,DNS:dc1.monban.test,DNS:monban.test\nextendedKeyUsage=serverAuth\n' "$ip" >ext.cnf
        openssl x509 -req -in cert.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
            -extfile ext.cnf -out cert.pem
        chmod 600 key.pem
    ) >"$dir/log/tls.log" 2>&1 || { cat "$dir/log/tls.log" >&2; die "certificate generation failed"; }

    # Our own [global]: only LDAP, everything inside DIR, simple binds allowed without TLS.
    cat >"$dir/etc/smb.conf" <<EOF
[global]
	netbios name = DC1
	realm = $REALM
	workgroup = $DOMAIN
	server role = active directory domain controller
	server services = ldap
	interfaces = $ip/8
	bind interfaces only = yes
	ldap server require strong auth = no
	private dir = $dir/private
	binddns dir = $dir/bind-dns
	state directory = $dir/state
	lock directory = $dir
	cache directory = $dir/cache
	pid directory = $dir/run
	ncalrpc dir = $dir/run/ncalrpc
	winbindd socket directory = $dir/run/winbindd
	ntp signd socket directory = $dir/run/ntp_signd
	log file = $log
	logging = file
	log level = 1
	max log size = 0
	panic action =
	tls enabled = yes
	tls keyfile = $dir/tls/key.pem
	tls certfile = $dir/tls/cert.pem
	tls cafile = $dir/tls/ca.pem
	idmap_ldb:use rfc2307 = yes
EOF
    local conf=$dir/etc/smb.conf
    local S=(-s "$conf")

    # Users, written straight into sam.ldb before the server starts.
    samba-tool domain passwordsettings set --account-lockout-threshold=3 \
        --account-lockout-duration=30 --reset-account-lockout-after=30 "${S[@]}" >/dev/null
    samba-tool user create alice 'Alice-Pass-1' "${S[@]}" >/dev/null
    samba-tool user create dave 'Dave-Pass-1' "${S[@]}" >/dev/null
    samba-tool user disable dave "${S[@]}" >/dev/null
    samba-tool user create lena 'Lena-Pass-1' "${S[@]}" >/dev/null
    samba-tool user create mona 'Mona-Pass-1' --must-change-at-next-login "${S[@]}" >/dev/null
    samba-tool user create eddy 'Eddy-Pass-1' "${S[@]}" >/dev/null
    samba-tool user setexpiry eddy --days=0 "${S[@]}" >/dev/null

    # One process (-M single) so that stopping it stops everything; it daemonizes (-D)
    # and writes run/samba.pid.
    (close_inherited_fds; cd "$dir" && exec samba -s "$conf" -D -M single --maximum-runtime="${MONBAN_DC_MAX_RUNTIME:-600}") \
        </dev/null >>"$dir/log/stdout.log" 2>&1 || { tail -20 "$log" >&2; die "samba did not start"; }

    local i pid=""
    for i in $(seq 1 300); do
        [[ -z $pid && -s $dir/run/samba.pid ]] && pid=$(tr -dc 0-9 <"$dir/run/samba.pid")
        if (exec 3<>"/dev/tcp/$ip/636") 2>/dev/null && (exec 3<>"/dev/tcp/$ip/389") 2>/dev/null; then
            [[ -n $pid ]] || pid=$(tr -dc 0-9 <"$dir/run/samba.pid")
            echo "ip=$ip"
            echo "pid=$pid"
            echo "realm=${REALM,,}"
            echo "ca=$dir/tls/ca.pem"
            echo "wrong_ca=$dir/tls/wrong-ca.pem"
            echo "log=$log"
            echo "seconds=$((SECONDS - t0))"
            return 0
        fi
        if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then break; fi
        sleep 0.05
    done
    tail -30 "$log" >&2
    stop "$dir" || true
    die "samba did not answer on $ip:389/636"
}

stop() {
    local dir=$1 pid="" i
    [[ -d $dir ]] || return 0
    if [[ -s $dir/run/samba.pid ]]; then pid=$(tr -dc 0-9 <"$dir/run/samba.pid"); fi
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null \
        && [[ $(readlink "/proc/$pid/exe" 2>/dev/null) == */samba ]]; then
        kill -TERM "$pid" 2>/dev/null || true
        for i in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    # Only ever delete a directory this script provisioned.
    if [[ -f $dir/etc/smb.conf && -d $dir/private ]]; then rm -rf "$dir"; fi
}

case ${1:-} in
    start) [[ $# -ge 2 ]] || die "usage: $0 start DIR [IP]"; start "$2" "${3:-}" ;;
    stop) [[ $# -eq 2 ]] || die "usage: $0 stop DIR"; stop "$2" ;;
    *) die "usage: $0 start DIR [IP] | stop DIR" ;;
esac
