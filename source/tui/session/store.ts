/**
 * State behind a pure reducer, readable from React with useSyncExternalStore and from plain
 * code alike. Listeners hear about every dispatch that changed the state.
 */
export class Store<State, Action> {
  private state: State;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly reducer: (state: State, action: Action) => State,
    initial: State,
  ) {
    this.state = initial;
  }

  readonly getState = (): State => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly dispatch = (action: Action): void => {
    const next = this.reducer(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  };
}

/** Anything a hook can read with useSyncExternalStore. */
export interface Readable<T> {
  getState(): T;
  subscribe(listener: () => void): () => void;
}
