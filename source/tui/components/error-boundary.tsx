import { Component, type ReactNode } from 'react';

interface Props {
  /** Writes the error to the log. */
  onError(error: Error): void;
  fallback(error: Error): ReactNode;
  children: ReactNode;
}

/** Catches a render error anywhere below and shows `fallback` instead of a broken screen. */
export class ErrorBoundary extends Component<Props, { error?: Error }> {
  override state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    this.props.onError(error);
  }

  override render(): ReactNode {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}
