/**
 * Where the queue lives: a Redis address from `--redis` or PRESSCAST_REDIS_URL, and the clients
 * made from it. The address may carry a password, so it is never printed as given: messages show
 * it with the password replaced, and any error text that reaches the user has it blanked out.
 */
import { Redis } from "ioredis";
import { InputError, WorkError } from "../errors.js";

/** The BullMQ queue every presscast command uses. */
export const QUEUE_NAME = "presscast";

/** The environment variable read when `--redis` is not given. */
export const REDIS_ENV = "PRESSCAST_REDIS_URL";

/** A checked Redis address: the URL to connect with, and how to show it. */
export interface RedisAddress {
  url: string;
  /** The URL with its password (and user name) replaced by "***", for messages. */
  shown: string;
  /** Strings that must never be printed (the password, the whole URL). */
  secrets: string[];
}

/** The address from the option, else the environment; an InputError when neither is usable. */
export function redisAddress(option: string | undefined, env = process.env): RedisAddress {
  const given = option ?? env[REDIS_ENV];
  if (!given) throw new InputError(`Give the Redis address with --redis redis://host:6379 or ${REDIS_ENV}.`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new InputError(
      `The Redis address is not a URL (expected redis://[:password@]host[:port][/db]); it is not shown, as it may hold a password.`,
    );
  }
  const secrets = [given, decodeURIComponent(url.password), url.password].filter((s) => s.length >= 3);
  const shown = hide(url);
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new InputError(`The Redis address ${shown} must start with redis:// or rediss://.`);
  if (!url.hostname) throw new InputError(`The Redis address ${shown} names no host.`);
  return { url: given, shown, secrets };
}

function hide(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = "***";
  if (copy.username && copy.username !== "default") copy.username = "***";
  return copy.href.replace(/\/$/, "");
}

/** `text` with every secret of `address` replaced by "***". */
export function scrub(text: string, address: RedisAddress): string {
  let out = text;
  for (const secret of [...address.secrets].sort((a, b) => b.length - a.length))
    out = out.split(secret).join("***");
  return out;
}

/**
 * A client as BullMQ needs it (no per-command retry limit, so a worker rides out a Redis restart).
 * Its connection errors are kept for `ready` to report, never printed by ioredis itself.
 */
export function redisClient(address: RedisAddress): Redis {
  const client = new Redis(address.url, {
    maxRetriesPerRequest: null,
    // Reconnect quickly at first, then every 5 s at most, for as long as the process runs.
    retryStrategy: (times) => Math.min(times * 200, 5_000),
    lazyConnect: false,
  });
  client.on("error", (error: Error) => {
    (client as Redis & { lastError?: string }).lastError = scrub(error.message, address);
  });
  return client;
}

/**
 * Waits until `client` answers, at most `timeoutMs`; a WorkError naming the address (without
 * its password) and the reason when it does not.
 */
export async function ready(client: Redis, address: RedisAddress, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await withTimeout(client.ping(), Math.max(1, Math.min(1_000, deadline - Date.now())));
      return;
    } catch (error) {
      const reason =
        (client as Redis & { lastError?: string }).lastError ??
        scrub(error instanceof Error ? error.message : String(error), address);
      if (/WRONGPASS|NOAUTH|invalid password|invalid username/i.test(reason))
        throw new WorkError(`Redis at ${address.shown} refused the password (${reason.split(" ")[0]}).`);
      if (Date.now() >= deadline)
        throw new WorkError(`Cannot reach Redis at ${address.shown} (${reason.replace(/\.$/, "")}).`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Closes a client without waiting on a server that never answered: `quit` when connected (the
 * server sees a clean goodbye), else the socket is simply dropped.
 */
export async function closeClient(client: Redis): Promise<void> {
  if (client.status === "ready") {
    await withTimeout(client.quit(), 2_000).catch(() => client.disconnect());
  } else client.disconnect();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no answer in time")), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
