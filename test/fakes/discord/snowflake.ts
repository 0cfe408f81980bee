// Discord ids are "snowflakes": 64-bit integers sent as decimal strings (they
// do not fit in a JS number). The top 42 bits are milliseconds since the
// Discord epoch (2015-01-01T00:00:00Z), then 5 bits worker, 5 bits process and
// 12 bits of per-process increment. discord.js reads the timestamp back out of
// ids (e.g. `message.createdTimestamp`), so ids made here are real snowflakes.

export const DISCORD_EPOCH = 1_420_070_400_000n;

export class SnowflakeGenerator {
  #increment = 0n;

  constructor(private readonly workerId = 1n) {}

  next(at: number = Date.now()): string {
    const time = BigInt(at) - DISCORD_EPOCH;
    const id = (time << 22n) | ((this.workerId & 0x1fn) << 17n) | (this.#increment & 0xfffn);
    this.#increment = (this.#increment + 1n) & 0xfffn;
    return id.toString();
  }
}

/** The creation time encoded in a snowflake, as an ISO string. */
export function snowflakeTime(id: string): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`, Discord's rule. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/** A snowflake for the given time offset from the Discord epoch, with a worker id of its own. */
export function snowflakeAt(msSinceEpoch: bigint, workerId: bigint, increment = 0n): string {
  return ((msSinceEpoch << 22n) | ((workerId & 0x1fn) << 17n) | (increment & 0xfffn)).toString();
}
