import ipaddr from "ipaddr.js";

/**
 * Which network addresses presscast may fetch from by default: public unicast only. Everything
 * a server on the inside can reach but the public cannot — loopback, private ranges, link-local
 * (where cloud metadata services live), carrier-grade NAT, multicast, reserved — is refused, and
 * an IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4, Teredo) is judged by that.
 */

/** Why an address is not public, in words for an error message; undefined when it is public. */
export function nonPublicReason(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return "not an IP address";
  }
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    const embedded = embeddedIPv4(v6);
    if (embedded) {
      const inner = nonPublicReason(embedded.toString());
      return inner ? `${inner} (inside an IPv6 address)` : undefined;
    }
  }
  const range = parsed.range();
  if (range === "unicast") return undefined;
  return RANGE_WORDS[range] ?? `a ${range} address`;
}

const RANGE_WORDS: Record<string, string> = {
  unspecified: "the unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (where cloud metadata services answer)",
  loopback: "a loopback address (this machine)",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private network address",
  uniqueLocal: "a private (unique local) IPv6 address",
  reserved: "a reserved address",
  benchmarking: "a benchmarking address",
  amt: "an AMT relay address",
  as112: "an AS112 address",
  deprecated: "a deprecated address",
  orchid2: "an ORCHID address",
  droneRemoteIdProtocolEntityTags: "a reserved address",
  discard: "a discard-only address",
};

/** The IPv4 address an IPv6 one stands for, when it is one of the standard embeddings. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const bytes = v6.toByteArray();
  const at = (from: number, flip = 0) => new ipaddr.IPv4(bytes.slice(from, from + 4).map((b) => b ^ flip));
  const range = v6.range();
  if (range === "ipv4Mapped") return v6.toIPv4Address();
  // NAT64 (64:ff9b::/96, ::ffff:0:0:0/96) carries it in the last 32 bits.
  if (range === "rfc6052" || range === "rfc6145") return at(12);
  // IPv4-compatible (::a.b.c.d, deprecated), but not :: and ::1 themselves.
  if (bytes.slice(0, 12).every((b) => b === 0) && bytes.slice(12, 15).some((b) => b !== 0)) return at(12);
  // 6to4 (2002:AABB:CCDD::/48) carries it in bits 16–47.
  if (range === "6to4") return at(2);
  // Teredo (2001::/32): the client's address, inverted, in the last 32 bits.
  if (range === "teredo") return at(12, 0xff);
  return undefined;
}

/** True when `host` is written as an IP address (with or without IPv6 brackets). */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ""));
}

/** Who may be fetched from: by default public addresses only. */
export interface AddressPolicy {
  /** Allow every address (an intranet). default: false */
  allowPrivate?: boolean;
  /** `host:port` pairs allowed whatever their addresses, e.g. "127.0.0.1:8080", "[::1]:3000". */
  allowHosts?: string[];
}

/** A `host:port` as the allow list spells it: lower case, IPv6 in brackets. */
export function hostPort(host: string, port: number | string): string {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return `${bare.includes(":") ? `[${bare}]` : bare}:${port}`;
}

/** The reason `address`, reached as `host:port`, may not be fetched under `policy`; undefined when it may. */
export function refusal(
  policy: AddressPolicy,
  host: string,
  port: number,
  address: string,
): string | undefined {
  if (policy.allowPrivate) return undefined;
  if (policy.allowHosts?.includes(hostPort(host, port))) return undefined;
  return nonPublicReason(address);
}
