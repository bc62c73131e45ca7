/**
 * One queue per chat: a chat's calls run one after the other in the order they were made (a reply never overtakes
 * the message before it), while different chats run side by side. A failed call does not stop the ones after it.
 */
export class ChatQueues {
  private readonly queues = new Map<number, Promise<unknown>>();

  /** Runs `task` after every call queued before for `chatId`; settles as the task does. */
  run<T>(chatId: number, task: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(chatId) ?? Promise.resolve();
    const run = previous.then(
      () => task(),
      () => task(),
    );
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(chatId, tail);
    void tail.then(() => {
      if (this.queues.get(chatId) === tail) this.queues.delete(chatId);
    });
    return run;
  }

  /** Resolves when every queue has run what it holds now. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }
}
