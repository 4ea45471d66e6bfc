#!/usr/bin/env bash
# Captures the router advertisements and DHCPv6 replies that real radvd and dnsmasq send, for the LAN decoder tests
# (Tests/V6CoreTests/LAN/Fixtures/*.pcap). Run as root from the repository root:
#
#     sudo scripts/capture-lan-fixtures.sh
#
# It builds two throw-away network namespaces joined by one veth pair (v6lcap-PID-r: the router, v6lcap-PID-c: the
# client), with lab addresses only (2001:db8::/32) and no route out, runs radvd and dnsmasq in the router namespace and
# tcpdump in the client namespace, sends a DHCPv6 Solicit and an Information-request from the client (python3, port
# 546 → ff02::1:2), and removes everything it made on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Tests/V6CoreTests/LAN/Fixtures
tag="v6lcap-$$"
router="$tag-r"
client="$tag-c"
work="$(mktemp -d /tmp/v6lcap.XXXXXX)"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  ip netns delete "$router" 2>/dev/null || true
  ip netns delete "$client" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add "$router"
ip netns add "$client"
ip -n "$router" link set lo up
ip -n "$client" link set lo up
ip link add "v6lc${$}r" netns "$router" type veth peer name "v6lc${$}c" netns "$client"
rif="v6lc${$}r"
cif="v6lc${$}c"
ip netns exec "$router" sysctl -q -w net.ipv6.conf.all.forwarding=1 net.ipv6.conf."$rif".accept_dad=0
ip netns exec "$client" sysctl -q -w net.ipv6.conf."$cif".accept_dad=0 net.ipv6.conf."$cif".accept_ra=1
ip -n "$router" -6 addr add 2001:db8:a10:1::1/64 dev "$rif" nodad
ip -n "$router" link set "$rif" up
ip -n "$client" link set "$cif" up
# Wait until both ends have a link-local address that is not tentative.
for i in $(seq 1 100); do
  if ip -n "$router" -6 addr show dev "$rif" scope link | grep -q 'inet6' && \
     ip -n "$client" -6 addr show dev "$cif" scope link | grep -q 'inet6' && \
     ! ip -n "$client" -6 addr show dev "$cif" | grep -q tentative; then break; fi
  sleep 0.05
done

send_dhcpv6() {
  # $1: message type (1 Solicit, 11 Information-request). Client DUID-LL from a fixed lab MAC; ORO asks for 23 and 24.
  ip netns exec "$client" python3 - "$cif" "$1" <<'PY'
import socket, struct, sys
iface, kind = sys.argv[1], int(sys.argv[2])
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::", 546))
duid = struct.pack("!HH", 3, 1) + bytes([0x02, 0x00, 0x5e, 0x10, 0x00, 0x01])
opts = struct.pack("!HH", 1, len(duid)) + duid
opts += struct.pack("!HHH", 8, 2, 0)
opts += struct.pack("!HHHH", 6, 4, 23, 24)
if kind == 1:
    opts += struct.pack("!HHIII", 3, 12, 1, 0, 0)
msg = bytes([kind, 0x12, 0x34, 0x56 + kind]) + opts
s.sendto(msg, ("ff02::1:2", 547, 0, socket.if_nametoindex(iface)))
s.settimeout(2)
try:
    s.recvfrom(2048)
except socket.timeout:
    pass
PY
}

capture() {
  # $1: fixture name; $2: radvd.conf text; $3: dnsmasq.conf text or empty; $4: seconds to listen
  local name="$1"
  printf '%s\n' "$2" > "$work/radvd.conf"
  ip netns exec "$client" tcpdump -i "$cif" -U -s 2048 -w "$work/$name.pcap" 'icmp6 and ip6[40] == 134 or udp port 546' \
    >/dev/null 2>&1 &
  pids+=($!)
  sleep 1
  ip netns exec "$router" radvd -n -C "$work/radvd.conf" -p "$work/radvd-$name.pid" -m stderr >/dev/null 2>&1 &
  pids+=($!)
  if [ -n "$3" ]; then
    printf '%s\n' "$3" > "$work/dnsmasq.conf"
    ip netns exec "$router" dnsmasq -k -C "$work/dnsmasq.conf" -x "$work/dnsmasq-$name.pid" >/dev/null 2>&1 &
    pids+=($!)
  fi
  sleep 1
  # The kernel's router solicitation went out at link up; send another one so radvd answers a live capture.
  ip netns exec "$client" sysctl -q -w net.ipv6.conf."$cif".disable_ipv6=1
  ip netns exec "$client" sysctl -q -w net.ipv6.conf."$cif".disable_ipv6=0
  if [ -n "$3" ]; then send_dhcpv6 1; send_dhcpv6 11; fi
  sleep "$4"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
  cp "$work/$name.pcap" "$out/$name.pcap"
  echo "wrote $out/$name.pcap"
}

# 1. A fully featured router: M and O flags, high preference, every option radvd 2.19 can send.
capture radvd-full "interface $rif {
  AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4;
  AdvManagedFlag on; AdvOtherConfigFlag on; AdvHomeAgentFlag off; AdvDefaultPreference high;
  AdvDefaultLifetime 1800; AdvReachableTime 30000; AdvRetransTimer 1000; AdvCurHopLimit 64;
  AdvLinkMTU 1400; AdvSourceLLAddress on;
  prefix 2001:db8:a10:1::/64 { AdvOnLink on; AdvAutonomous on; AdvValidLifetime 86400; AdvPreferredLifetime 14400; };
  route 2001:db8:a10:ff00::/56 { AdvRoutePreference low; AdvRouteLifetime 3600; };
  RDNSS 2001:db8:a10:1::53 2001:db8:a10:1::54 { AdvRDNSSLifetime 600; };
  DNSSL so-tttt.vidu.example vidu.example { AdvDNSSLLifetime 600; };
};" "port=0
interface=$rif
bind-interfaces
dhcp-range=2001:db8:a10:1::100,2001:db8:a10:1::1ff,64,3600
dhcp-option=option6:dns-server,[2001:db8:a10:1::53]
dhcp-option=option6:domain-search,so-tttt.vidu.example
log-facility=/dev/null" 4

# 2. A router that is no default router (lifetime 0), low preference, SLAAC only, no DNS; dnsmasq with no address to
#    give (a static range without hosts): its Advertise carries a NoAddrsAvail status.
capture radvd-zero-lifetime "interface $rif {
  AdvSendAdvert on; MinRtrAdvInterval 3; MaxRtrAdvInterval 4;
  AdvDefaultLifetime 0; AdvDefaultPreference low;
  prefix 2001:db8:a10:2::/64 { AdvOnLink on; AdvAutonomous on; };
};" "port=0
interface=$rif
bind-interfaces
dhcp-range=2001:db8:a10:1::,static,64
dhcp-option=option6:dns-server,[2001:db8:a10:1::53]
log-facility=/dev/null" 3
