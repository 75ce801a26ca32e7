import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A message a child sends back: either a reply to the last call or a failure. */
interface ReplyMessage {
  readonly type: string;
  readonly message?: string;
}

/** Options for {@link forkChild}. */
export interface ForkChildOptions {
  /** Extra Node flags for the child, after the tsx loader flags it inherits. @default [] */
  readonly execArgv?: readonly string[];
  /** Arguments after the entry path. @default [] */
  readonly args?: readonly string[];
  /** The message type the child sends once it is ready for calls. */
  readonly readyType: string;
  /** The Node binary to run the child on. @default process.execPath */
  readonly execPath?: string;
}

/**
 * A forked child process spoken to over IPC, one call at a time. Each benchmark process (server, driver, soak) is
 * one of these, so a library's module graph, GC and JIT state never leak into another's numbers.
 */
export class ChildLink {
  readonly #child: ChildProcess;
  #pending: { resolve: (reply: ReplyMessage) => void; reject: (error: Error) => void } | undefined;
  #exited = false;

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (message: ReplyMessage) => this.#settle(message));
    child.on('exit', (code, signal) => {
      this.#exited = true;
      this.#pending?.reject(new Error(`child exited (code ${code}, signal ${signal})`));
      this.#pending = undefined;
    });
  }

  /** Fork `entry` (a module URL) and resolve with its ready message once it sends it. */
  static async start(
    entry: URL,
    options: ForkChildOptions,
  ): Promise<{ link: ChildLink; ready: ReplyMessage }> {
    // fork() inherits process.execArgv, which under tsx carries its loader and `--conditions=@meta/source`.
    // On another Node binary the same tsx flags work: tsx supports every Node the bench runs on.
    const child = fork(fileURLToPath(entry), [...(options.args ?? [])], {
      execPath: options.execPath ?? process.execPath,
      execArgv: [...process.execArgv, ...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const link = new ChildLink(child);
    const ready = await link.#expect(options.readyType);
    return { link, ready };
  }

  /** The child's process id. */
  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** Send a message and resolve with the child's reply of `replyType`; a child `error` reply rejects. */
  call<Reply extends ReplyMessage>(message: object, replyType: string): Promise<Reply> {
    const reply = this.#expect(replyType);
    this.#child.send(message);
    return reply as Promise<Reply>;
  }

  /** Ask the child to close (a `close` message), and kill it if it is still there after `graceMs`. */
  async close(graceMs = 5_000): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    if (this.#child.connected) this.#child.send({ type: 'close' });
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }

  #expect(type: string): Promise<ReplyMessage> {
    if (this.#exited) return Promise.reject(new Error('child already exited'));
    return new Promise((resolve, reject) => {
      this.#pending = {
        resolve: (reply) => {
          if (reply.type === type) resolve(reply);
          else reject(new Error(reply.message ?? `unexpected reply ${reply.type} (wanted ${type})`));
        },
        reject,
      };
    });
  }

  #settle(message: ReplyMessage): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.resolve(message);
  }
}
