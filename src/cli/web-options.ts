import type { Command } from "commander";
import { InputError } from "../errors.js";
import type { AddressPolicy } from "../web/address.js";
import { hostPort } from "../web/address.js";
import type { FetchOptions } from "../web/fetch.js";

/** The flags that govern fetching a URL, shared by `build` and `script`. */
export interface WebFlags {
  header?: string[];
  allowPrivate?: boolean;
  allowHost?: string[];
  timeout?: string;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addWebOptions(command: Command): Command {
  return command
    .option(
      "--header <name: value>",
      "a request header for the URL's own site (cookie, token); repeatable",
      collect,
    )
    .option("--allow-private", "allow fetching from private, loopback and link-local addresses (an intranet)")
    .option(
      "--allow-host <host:port>",
      "allow this one host and port whatever its address; repeatable",
      collect,
    )
    .option("--timeout <seconds>", "longest time for fetching one page or feed (default: 30)");
}

/** The flags, checked once here: header syntax, host:port syntax, a sane timeout. */
export function fetchOptionsOf(flags: WebFlags): Omit<FetchOptions, "accept"> {
  const policy: AddressPolicy = {
    ...(flags.allowPrivate ? { allowPrivate: true } : {}),
    allowHosts: (flags.allowHost ?? []).map(parseHostPort),
  };
  const headers: Record<string, string> = {};
  for (const header of flags.header ?? []) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/.exec(header);
    if (!match?.[1] || /[\r\n\0]/.test(header)) {
      throw new InputError(
        `--header "${header.slice(0, 40)}" is not "Name: value" (e.g. "Cookie: session=abc").`,
      );
    }
    const name = match[1].toLowerCase();
    if (name === "host" || name === "content-length" || name === "transfer-encoding") {
      throw new InputError(`--header cannot set ${match[1]}; presscast sets it from the URL.`);
    }
    headers[name] = match[2] ?? "";
  }
  let timeoutMs: number | undefined;
  if (flags.timeout !== undefined) {
    const seconds = Number(flags.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) {
      throw new InputError(`--timeout must be a number of seconds from 0 to 600, not "${flags.timeout}".`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  return {
    policy,
    ...(Object.keys(headers).length ? { headers } : {}),
    ...(timeoutMs ? { timeoutMs, connectTimeoutMs: Math.min(10_000, timeoutMs) } : {}),
  };
}

/** "127.0.0.1:8080", "example.com:443", "[::1]:3000" → the spelling the policy compares. */
function parseHostPort(value: string): string {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+):(\d{1,5})$/i.exec(value.trim());
  const port = Number(match?.[2]);
  if (!match?.[1] || !(port >= 1 && port <= 65535)) {
    throw new InputError(`--allow-host "${value}" is not host:port (e.g. 127.0.0.1:8080 or [::1]:3000).`);
  }
  // The URL parser's spelling of the host (lower case, IPv6 compressed), so it matches a request.
  let host = match[1];
  try {
    host = new URL(`http://${match[1]}/`).hostname;
  } catch {
    throw new InputError(`--allow-host "${value}" names no valid host.`);
  }
  return hostPort(host, port);
}
