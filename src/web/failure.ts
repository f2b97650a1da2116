import { InputError, WorkError } from "../errors.js";
import { AddressRefusedError } from "./agent.js";
import { at, hostPortOf } from "./url.js";

/**
 * A failed fetch → one sentence naming the URL and what went wrong. A URL that cannot name a
 * page (unknown host, an address presscast may not reach) is bad input; the network failing
 * (refused, cut, too slow) is a failure while working.
 */
export function describeFailure(
  error: unknown,
  start: URL,
  url: URL,
  limits: { timeoutMs: number; connectTimeoutMs: number },
  userSignal?: AbortSignal,
): Error {
  if (userSignal?.aborted) return error instanceof Error ? error : new Error(String(error));
  const where = at(start, url);
  const cause = rootCause(error);
  if (cause instanceof AddressRefusedError) {
    const resolves = cause.address === cause.host ? "is" : `resolves to ${cause.address},`;
    return new InputError(
      `${where} ${resolves} ${cause.reason}, which presscast does not fetch by default; ` +
        `use --allow-host ${hostPortOf(url)} or --allow-private if it is meant.`,
    );
  }
  const code = (cause as { code?: string } | undefined)?.code ?? "";
  const name = (cause as { name?: string } | undefined)?.name ?? "";
  const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
  if (name === "TimeoutError" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return new WorkError(`${where} did not finish within ${seconds(limits.timeoutMs)} (timeout).`);
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
    return new WorkError(
      `${where} could not be reached within ${seconds(limits.connectTimeoutMs)} (connect timeout).`,
    );
  }
  if (cause instanceof Error && cause.message === "bad port") {
    return new InputError(
      `${where} uses port ${url.port}, which web clients never fetch from (it belongs to another protocol).`,
    );
  }
  if (code === "ENOTFOUND") {
    return new InputError(`${where} names the host ${url.hostname}, which DNS does not know; check the URL.`);
  }
  if (code === "EAI_AGAIN") {
    return new WorkError(`${where} could not be looked up: DNS did not answer for ${url.hostname}.`);
  }
  if (code === "ECONNREFUSED")
    return new WorkError(`${where} refused the connection (nothing listens on ${url.host}).`);
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") {
    return new WorkError(`${where} closed the connection before the page arrived.`);
  }
  if (/CERT|TLS|SSL/i.test(code)) return new WorkError(`${where} failed the TLS check (${code}).`);
  const detail = code || (cause instanceof Error ? cause.message : String(cause));
  return new WorkError(`${where} could not be fetched (${detail}).`);
}

/** undici wraps network errors ("fetch failed") around the socket's own; the innermost says what happened. */
function rootCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 5; depth++) {
    const next = (current as { cause?: unknown } | undefined)?.cause;
    if (next === undefined || next === null) break;
    if (current instanceof AddressRefusedError) break;
    current = next;
  }
  return current;
}
