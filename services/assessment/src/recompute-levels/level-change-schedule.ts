/**
 * For each engineer, the next instant at which their levels change with no new event (evidence leaving its
 * recency window, or evidence dated ahead beginning to count). A binary heap with lazy removal: `set`
 * replaces an engineer's instant in O(log n), `next` finds the earliest in O(1) amortised, so checking it
 * before every event while catching up on a long log costs next to nothing.
 */
export class LevelChangeSchedule {
  private readonly dueAt = new Map<string, number>();
  private readonly heap: { at: number; engineerId: string }[] = [];

  get size(): number {
    return this.dueAt.size;
  }

  /** Sets (or, with null, clears) when the engineer's levels next change. */
  set(engineerId: string, at: number | null): void {
    if (at === null) {
      this.dueAt.delete(engineerId);
      return;
    }
    if (this.dueAt.get(engineerId) === at) return;
    this.dueAt.set(engineerId, at);
    this.push({ at, engineerId });
  }

  /** The earliest scheduled change, or null. */
  next(): { at: number; engineerId: string } | null {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      if (this.dueAt.get(top.engineerId) === top.at) return top;
      this.pop(); // stale: replaced or cleared since it was pushed
    }
    return null;
  }

  clear(): void {
    this.dueAt.clear();
    this.heap.length = 0;
  }

  private push(entry: { at: number; engineerId: string }): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) return;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

/** Earlier instant first; engineers in id order at the same instant, so runs are repeatable. */
function before(a: { at: number; engineerId: string }, b: { at: number; engineerId: string }): boolean {
  return a.at < b.at || (a.at === b.at && a.engineerId < b.engineerId);
}
