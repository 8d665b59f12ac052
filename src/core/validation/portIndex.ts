// The host ports claimed on one protocol, for questions asked thousands of times by the port planner and
// the clash checks: which claims (by the order they were added) overlap a range, and where the next free
// or taken port is. A segment tree over the 65,536 port numbers answers each in O(log P), so checking or
// planning n ports costs O(n log P) instead of the O(n²) of comparing every pair.

const SIZE = 65536;
const NONE = 0x7fffffff;

/** The two smallest distinct numbers of two sorted pairs of distinct numbers (NONE for none). */
function smallestTwo(a1: number, a2: number, b1: number, b2: number): [number, number] {
  if (a1 < b1) return [a1, Math.min(a2, b1)];
  if (b1 < a1) return [b1, Math.min(a1, b2)];
  return [a1, Math.min(a2, b2)];
}

/**
 * A segment tree over the port numbers whose nodes are made only where claims are: a check of a few
 * ports costs a few dozen nodes, a plan of thousands a few hundred thousand.
 */
export class PortIndex {
  private size = 0;
  private left = new Int32Array(64);
  private right = new Int32Array(64);
  /** The two first claims that cover a node's whole range, and the two first that touch any of it. */
  private tag1 = new Int32Array(64);
  private tag2 = new Int32Array(64);
  private sub1 = new Int32Array(64);
  private sub2 = new Int32Array(64);
  /** Every port of the node's range is covered. */
  private full = new Uint8Array(64);
  private readonly root = this.node();

  /** Records claim number `claim` (claims are numbered in the order they are added) on ports from..to. */
  add(from: number, to: number, claim: number): void {
    this.insert(this.root, 0, SIZE - 1, from, to, claim);
  }

  /** The first two claim numbers (in order) that overlap from..to; NONE where there are fewer. */
  firstTwo(from: number, to: number): [number, number] {
    return this.query(this.root, 0, SIZE - 1, from, to);
  }

  /** The smallest port in from..to that no claim covers, or undefined. */
  nextFree(from: number, to: number): number | undefined {
    const p = this.findFree(this.root, 0, SIZE - 1, from, to);
    return p < 0 ? undefined : p;
  }

  /** The smallest port in from..to that a claim covers, or undefined. */
  nextTaken(from: number, to: number): number | undefined {
    const p = this.findTaken(this.root, 0, SIZE - 1, from, to);
    return p < 0 ? undefined : p;
  }

  /** A new empty node (0 stands for "no node": nothing claimed there). */
  private node(): number {
    if (this.size + 1 >= this.left.length) this.grow();
    const n = ++this.size;
    this.tag1[n] = this.tag2[n] = this.sub1[n] = this.sub2[n] = NONE;
    return n;
  }

  /** The node's child on one side, made if missing (read the array after node(): growing replaces it). */
  private child(n: number, side: 'left' | 'right'): number {
    if (this[side][n] === 0) {
      const made = this.node();
      this[side][n] = made;
    }
    return this[side][n]!;
  }

  private grow(): void {
    const twice = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    [this.left, this.right, this.tag1, this.tag2, this.sub1, this.sub2] = [this.left, this.right, this.tag1, this.tag2, this.sub1, this.sub2].map(twice);
    this.full = twice(this.full);
  }

  private insert(n: number, lo: number, hi: number, from: number, to: number, claim: number): void {
    if (to < lo || hi < from) return;
    if (from <= lo && hi <= to) {
      [this.tag1[n], this.tag2[n]] = smallestTwo(this.tag1[n]!, this.tag2[n]!, claim, NONE);
      [this.sub1[n], this.sub2[n]] = smallestTwo(this.sub1[n]!, this.sub2[n]!, claim, NONE);
      this.full[n] = 1;
      return;
    }
    const mid = (lo + hi) >> 1;
    if (from <= mid) this.insert(this.child(n, 'left'), lo, mid, from, to, claim);
    if (to > mid) this.insert(this.child(n, 'right'), mid + 1, hi, from, to, claim);
    const [l, r] = [this.left[n]!, this.right[n]!];
    const below = smallestTwo(l ? this.sub1[l]! : NONE, l ? this.sub2[l]! : NONE, r ? this.sub1[r]! : NONE, r ? this.sub2[r]! : NONE);
    [this.sub1[n], this.sub2[n]] = smallestTwo(below[0], below[1], this.tag1[n]!, this.tag2[n]!);
    this.full[n] = this.tag1[n] !== NONE || (l !== 0 && r !== 0 && this.full[l] === 1 && this.full[r] === 1) ? 1 : 0;
  }

  private query(n: number, lo: number, hi: number, from: number, to: number): [number, number] {
    if (!n || to < lo || hi < from || this.sub1[n] === NONE) return [NONE, NONE];
    if (from <= lo && hi <= to) return [this.sub1[n]!, this.sub2[n]!];
    const mid = (lo + hi) >> 1;
    const left = this.query(this.left[n]!, lo, mid, from, to);
    const right = this.query(this.right[n]!, mid + 1, hi, from, to);
    const below = smallestTwo(left[0], left[1], right[0], right[1]);
    return smallestTwo(below[0], below[1], this.tag1[n]!, this.tag2[n]!);
  }

  private findFree(n: number, lo: number, hi: number, from: number, to: number): number {
    if (to < lo || hi < from) return -1;
    if (!n || this.sub1[n] === NONE) return Math.max(lo, from);
    if (this.full[n]) return -1;
    const mid = (lo + hi) >> 1;
    const left = this.findFree(this.left[n]!, lo, mid, from, to);
    return left >= 0 ? left : this.findFree(this.right[n]!, mid + 1, hi, from, to);
  }

  private findTaken(n: number, lo: number, hi: number, from: number, to: number): number {
    if (!n || to < lo || hi < from || this.sub1[n] === NONE) return -1;
    if (this.tag1[n] !== NONE) return Math.max(lo, from);
    const mid = (lo + hi) >> 1;
    const left = this.findTaken(this.left[n]!, lo, mid, from, to);
    return left >= 0 ? left : this.findTaken(this.right[n]!, mid + 1, hi, from, to);
  }
}

export const NO_CLAIM = NONE;

interface Claim {
  protocol: 'tcp' | 'udp';
  from: number;
  to: number;
}

/** Claims of both protocols, numbered in the order they are added, each protocol indexed on first use. */
export class ClaimIndex<C extends Claim> {
  readonly claims: C[] = [];
  private readonly byProtocol = new Map<string, PortIndex>();

  constructor(claims: Iterable<C> = []) {
    for (const c of claims) this.add(c);
  }

  add(claim: C): number {
    const n = this.claims.push(claim) - 1;
    this.index(claim.protocol).add(claim.from, claim.to, n);
    return n;
  }

  /** The first two claims (by number) on `protocol` that overlap from..to. */
  firstTwo(protocol: Claim['protocol'], from: number, to: number): number[] {
    const found = this.byProtocol.get(protocol)?.firstTwo(from, to) ?? [NONE, NONE];
    return found.filter((n) => n !== NONE);
  }

  /**
   * The first claim on `protocol` overlapping from..to that `accept` takes. The index knows the first two;
   * when `accept` refuses both (a field claimed twice on one protocol, which specs never do) the claims
   * are searched in order.
   */
  firstOverlap(protocol: Claim['protocol'], from: number, to: number, accept: (n: number) => boolean = () => true): C | undefined {
    const two = this.firstTwo(protocol, from, to);
    let n = two.find(accept);
    if (n === undefined && two.length === 2) {
      n = this.claims.findIndex((c, i) => i > two[1]! && c.protocol === protocol && c.from <= to && from <= c.to && accept(i));
      if (n < 0) n = undefined;
    }
    return n === undefined ? undefined : this.claims[n];
  }

  /** The protocol's index (empty when nothing was claimed on it). */
  index(protocol: Claim['protocol']): PortIndex {
    let index = this.byProtocol.get(protocol);
    if (!index) this.byProtocol.set(protocol, (index = new PortIndex()));
    return index;
  }
}
