import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import type { Socket } from "node:net";
import { Agent, buildConnector } from "undici";
import { type AddressPolicy, hostPort, isIpLiteral, nonPublicReason, refusal } from "./address.js";

/** A connection refused by the address policy; `reason` says what the address is. */
export class AddressRefusedError extends Error {
  override name = "AddressRefusedError";
  readonly code = "EPRESSCAST_ADDRESS";
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${host} is ${address}, ${reason}`);
  }
}

/**
 * An undici dispatcher that connects only where `policy` allows. The check sits in the DNS
 * lookup that the socket itself uses, so the address checked is the address connected to (no
 * gap for a name that resolves differently a moment later); IP literals, which skip the lookup,
 * are checked before connecting, and the connected socket's peer is checked once more.
 */
export function guardedAgent(policy: AddressPolicy, connectTimeoutMs: number): Agent {
  const connector = buildConnector({ timeout: connectTimeoutMs, lookup: checkedLookup(policy) });
  return new Agent({
    connect(options, callback) {
      const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
      const host = options.hostname;
      if (isIpLiteral(host)) {
        const why = refusal(policy, host, port, host);
        if (why) return callback(new AddressRefusedError(host, host, why), null);
      }
      connector(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error(`no socket for ${host}`), null);
        const peer = (socket as Socket).remoteAddress;
        const why = peer ? refusal(policy, host, port, peer) : "an unknown address";
        if (why) {
          socket.destroy();
          return callback(new AddressRefusedError(host, peer ?? "?", why), null);
        }
        callback(null, socket);
      });
    },
  });
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for net.connect that drops the addresses the policy refuses. The port is not known
 * here, so a host on the allow list keeps all its addresses and the connector checks the port.
 */
function checkedLookup(policy: AddressPolicy) {
  return (hostname: string, options: LookupAllOptions | { all?: false }, callback: LookupCallback) => {
    const listed = (policy.allowHosts ?? []).some((entry) => entry.startsWith(`${hostPort(hostname, "")}`));
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const kept =
        policy.allowPrivate || listed ? addresses : addresses.filter((a) => !nonPublicReason(a.address));
      const first = kept[0];
      if (!first) {
        const refused = addresses[0];
        const reason = refused ? (nonPublicReason(refused.address) ?? "refused") : "no address";
        return callback(
          new AddressRefusedError(hostname, refused?.address ?? "nothing", reason) as NodeJS.ErrnoException,
          [],
        );
      }
      if (options.all) callback(null, kept);
      else callback(null, first.address, first.family);
    });
  };
}
