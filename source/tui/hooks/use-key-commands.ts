import { useInput } from 'ink';
import { useRef } from 'react';
import { type Binding, bindingFor, type Scope } from '../keymap.ts';

/**
 * The one keypress dispatcher of a screen: a key is looked up in the active scopes, most
 * specific first, and the matching command goes to `onCommand`. Unbound keys do nothing.
 */
export function useKeyCommands(
  scopes: readonly Scope[],
  onCommand: (command: Binding['command'], input: string) => void,
  isActive = true,
): void {
  // The latest handler, without re-subscribing to stdin on every render.
  const handler = useRef(onCommand);
  handler.current = onCommand;
  useInput(
    (input, key) => {
      const binding = bindingFor(scopes, input, key);
      if (binding) handler.current(binding.command, input);
    },
    { isActive },
  );
}
