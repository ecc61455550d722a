import { describe, expect, it } from 'vitest';
import { Batcher, type FileEvent, type Timers } from '../../src/watch/batch.js';

/** Timers driven by the test: `advance(ms)` runs what is due. */
class ManualTimers implements Timers {
  private now = 0;
  private tasks = new Map<number, { at: number; fn: () => void }>();
  private next = 0;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.tasks.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.tasks.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, task] of [...this.tasks].sort((a, b) => a[1].at - b[1].at)) {
      if (task.at > this.now) continue;
      this.tasks.delete(id);
      task.fn();
    }
  }
  get scheduled(): number {
    return this.tasks.size;
  }
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function setup(results: boolean[] = []) {
  const timers = new ManualTimers();
  const runs: Array<Record<string, FileEvent['kind']>> = [];
  const gates: Array<() => void> = [];
  let hold = false;
  const batcher = new Batcher(
    async (batch) => {
      runs.push(Object.fromEntries(batch));
      if (hold) await new Promise<void>((resolve) => gates.push(resolve));
      return results.shift() ?? true;
    },
    300,
    timers,
  );
  return { timers, runs, batcher, holdRuns: (on: boolean) => (hold = on), release: () => gates.shift()?.() };
}

describe('Batcher', () => {
  it('a burst of events is one run, once the quiet period is over', async () => {
    const { timers, runs, batcher } = setup();
    batcher.add({ kind: 'change', path: 'a.md' });
    timers.advance(100);
    batcher.add({ kind: 'change', path: 'a.md' });
    timers.advance(200);
    batcher.add({ kind: 'add', path: 'img/x.png' });
    timers.advance(299);
    expect(runs).toEqual([]);
    timers.advance(1);
    await settle();
    expect(runs).toEqual([{ 'a.md': 'change', 'img/x.png': 'add' }]);
    timers.advance(1000);
    await settle();
    expect(runs).toHaveLength(1);
  });

  it('the last event of a path wins; an unlink then an add (an atomic save) is a change', async () => {
    const { timers, runs, batcher } = setup();
    batcher.add({ kind: 'unlink', path: 'a.md' });
    batcher.add({ kind: 'add', path: 'a.md' });
    batcher.add({ kind: 'add', path: 'b.md' });
    batcher.add({ kind: 'unlink', path: 'b.md' });
    timers.advance(300);
    await settle();
    expect(runs).toEqual([{ 'a.md': 'change', 'b.md': 'unlink' }]);
  });

  it('never two runs at once: events during a run make the next run after it', async () => {
    const { timers, runs, batcher, holdRuns, release } = setup();
    holdRuns(true);
    batcher.add({ kind: 'change', path: 'a.md' });
    timers.advance(300);
    await settle();
    expect(batcher.busy).toBe(true);
    batcher.add({ kind: 'change', path: 'b.md' });
    timers.advance(300);
    await settle();
    expect(runs).toHaveLength(1);
    holdRuns(false);
    release();
    await settle();
    timers.advance(300);
    await settle();
    expect(runs).toEqual([{ 'a.md': 'change' }, { 'b.md': 'change' }]);
  });

  it('a failed run keeps its events for the next one, which the next save starts', async () => {
    const { timers, runs, batcher } = setup([false, true]);
    batcher.add({ kind: 'change', path: 'broken.md' });
    batcher.add({ kind: 'change', path: 'other.md' });
    timers.advance(300);
    await settle();
    expect(batcher.waiting).toBe(2);
    timers.advance(5000);
    await settle();
    expect(runs).toHaveLength(1);
    batcher.add({ kind: 'change', path: 'broken.md' });
    timers.advance(300);
    await settle();
    expect(runs).toEqual([
      { 'broken.md': 'change', 'other.md': 'change' },
      { 'broken.md': 'change', 'other.md': 'change' },
    ]);
    expect(batcher.waiting).toBe(0);
  });

  it('a save of the broken file during the failing run starts the next run after it', async () => {
    const { timers, runs, batcher, holdRuns, release } = setup([false, true]);
    holdRuns(true);
    batcher.add({ kind: 'change', path: 'broken.md' });
    timers.advance(300);
    await settle();
    batcher.add({ kind: 'change', path: 'broken.md' });
    holdRuns(false);
    release();
    await settle();
    timers.advance(300);
    await settle();
    expect(runs).toEqual([{ 'broken.md': 'change' }, { 'broken.md': 'change' }]);
  });

  it('stop waits for the run in progress, then takes no more events and reports what was never pushed', async () => {
    const { timers, runs, batcher, holdRuns, release } = setup();
    holdRuns(true);
    batcher.add({ kind: 'change', path: 'a.md' });
    timers.advance(300);
    await settle();
    batcher.add({ kind: 'change', path: 'b.md' });
    let stopped: string[] | undefined;
    const stopping = batcher.stop().then((left) => (stopped = left));
    await settle();
    expect(stopped).toBeUndefined();
    release();
    await stopping;
    expect(stopped).toEqual(['b.md']);
    expect(timers.scheduled).toBe(0);
    batcher.add({ kind: 'change', path: 'c.md' });
    timers.advance(1000);
    await settle();
    expect(runs).toEqual([{ 'a.md': 'change' }]);
    expect(timers.scheduled).toBe(0);
  });
});
