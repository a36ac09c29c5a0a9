// Open-addressing hash table from non-zero 32-bit keys to 32-bit values in one typed array (key and value side
// by side, so a lookup touches one cache line). Feature lookups are the hot loop of classification; a JS Map
// boxes 32-bit hashes as heap numbers and is several times slower.

export class IntTable {
  /** [key, value] pairs; key 0 marks an empty slot. */
  slots: Int32Array;
  size = 0;
  private mask: number;

  constructor(capacity = 1024) {
    let n = 1024;
    while (n < capacity * 2) n *= 2;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
  }

  /** Keys are stored as non-zero int32. */
  static key(hash: number): number {
    return hash | 0 || 1;
  }

  private find(key: number): number {
    let i = (Math.imul(key, 0x9e3779b1) >>> 0) & this.mask;
    const slots = this.slots;
    for (;;) {
      const k = slots[i << 1];
      if (k === key || k === 0) return i << 1;
      i = (i + 1) & this.mask;
    }
  }

  /** The value stored for `key`, or -1. */
  get(key: number): number {
    const at = this.find(key);
    return this.slots[at] === 0 ? -1 : this.slots[at + 1];
  }

  set(key: number, value: number): void {
    let at = this.find(key);
    if (this.slots[at] === 0) {
      if ((this.size + 1) * 4 > this.slots.length) {
        this.grow();
        at = this.find(key);
      }
      this.slots[at] = key;
      this.size++;
    }
    this.slots[at + 1] = value;
  }

  forEach(fn: (key: number, value: number) => void): void {
    for (let at = 0; at < this.slots.length; at += 2) if (this.slots[at] !== 0) fn(this.slots[at], this.slots[at + 1]);
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
    this.mask = this.slots.length / 2 - 1;
    this.size = 0;
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.set(old[at], old[at + 1]);
  }
}
