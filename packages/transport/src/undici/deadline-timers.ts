/** What a deadline fires on: the exchange whose attempt ran out of time. */
export interface DeadlineTarget {
  deadlinePassed(): void;
}

type SetTimer = typeof setTimeout;
type ClearTimer = typeof clearTimeout;
type Timer = ReturnType<typeof setTimeout>;

// Idle timers kept per delay, and delays kept: a client uses one delay (its `timeoutMs`), a `totalTimeoutMs`
// shortens it to a different value per request, which the pool then leaves to plain timers.
const MAX_IDLE_PER_DELAY = 128;
const MAX_DELAYS = 4;

/** One deadline timer, armed for `target` or idle in its pool (still scheduled, firing as a no-op). */
export class DeadlineTimer {
  target: DeadlineTarget | undefined;
  readonly timer: Timer;

  constructor(
    readonly pool: DeadlinePool,
    readonly delay: number,
    readonly setTimer: SetTimer,
    readonly clearTimer: ClearTimer,
    target: DeadlineTarget,
  ) {
    this.target = target;
    this.timer = setTimer(fire, delay, this);
  }
}

function fire(deadline: DeadlineTimer): void {
  const target = deadline.target;
  // Idle: the exchange it was armed for settled before its deadline, and nobody has reused it since.
  if (target === undefined) return;
  deadline.pool.disarm(deadline);
  target.deadlinePassed();
}

/**
 * The deadline timers of one transport, reused: arming one for a new exchange is `refresh()` on an idle Node timer
 * of the same delay (start time reset to now, as a new `setTimeout` would take it), instead of a new `Timeout` and
 * a `clearTimeout` per exchange, which cost the socket benchmark 3-7% of a small GET. An idle timer stays scheduled
 * and unref'd (it never keeps the process alive) and fires as a no-op. Timers follow the global `setTimeout` in use
 * when they are armed: when a test installs or removes fake timers, the idle ones are dropped, so a deadline always
 * runs on the clock the caller is using, as with a plain `setTimeout`.
 */
export class DeadlinePool {
  readonly #idle = new Map<number, DeadlineTimer[]>();
  #setTimer: SetTimer | undefined;
  #closed = false;

  /** A deadline of `delay` ms (a valid timer delay) for `target`, armed from now. */
  arm(target: DeadlineTarget, delay: number): DeadlineTimer {
    const setTimer = globalThis.setTimeout;
    if (setTimer !== this.#setTimer) {
      this.#dropIdle();
      this.#setTimer = setTimer;
    }
    const deadline = this.#idle.get(delay)?.pop();
    if (deadline === undefined)
      return new DeadlineTimer(this, delay, setTimer, globalThis.clearTimeout, target);
    deadline.target = target;
    deadline.timer.ref();
    deadline.timer.refresh();
    return deadline;
  }

  /** The exchange settled (or its deadline fired): keep the timer for the next exchange, or clear it. */
  disarm(deadline: DeadlineTimer): void {
    deadline.target = undefined;
    const { timer, delay } = deadline;
    let idle = this.#idle.get(delay);
    const keep =
      !this.#closed &&
      deadline.setTimer === this.#setTimer &&
      typeof timer.refresh === 'function' &&
      (idle === undefined ? this.#idle.size < MAX_DELAYS : idle.length < MAX_IDLE_PER_DELAY);
    if (!keep) {
      deadline.clearTimer(timer);
      return;
    }
    timer.unref();
    if (idle === undefined) {
      idle = [];
      this.#idle.set(delay, idle);
    }
    idle.push(deadline);
  }

  /** The transport closed: idle timers are cleared, and timers of exchanges still running are cleared when they settle. */
  close(): void {
    this.#closed = true;
    this.#dropIdle();
  }

  #dropIdle(): void {
    for (const idle of this.#idle.values()) for (const deadline of idle) deadline.clearTimer(deadline.timer);
    this.#idle.clear();
  }
}
