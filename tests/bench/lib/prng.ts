// Seeded pseudo-random numbers for the benchmark data: same seed → byte-identical CSV. Never Math.random.

// One PRNG for generated data: the demo generator's mulberry32.
export { Rng as Prng } from "../../../ingest/demo/random";
import type { Rng as Prng } from "../../../ingest/demo/random";

/** A fixed weighted choice, with the cumulative weights computed once (the generator draws millions). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];
  private readonly total: number;

  constructor(pairs: readonly (readonly [T, number])[]) {
    this.items = pairs.map((p) => p[0]);
    let sum = 0;
    this.cumulative = pairs.map((p) => (sum += p[1]));
    this.total = sum;
  }

  pick(rng: Prng): T {
    const r = rng.next() * this.total;
    const c = this.cumulative;
    for (let i = 0; i < c.length; i++) if (r < c[i]) return this.items[i];
    return this.items[this.items.length - 1];
  }
}
