/** The oldest Node.js the tutor runs on (client-node 2 and execa 10 need it). */
export const minimumNode = { major: 22, minor: 19 } as const;

/** A one-line explanation when `version` (e.g. `20.20.2`) is too old, else undefined. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > minimumNode.major || (major === minimumNode.major && minor >= minimumNode.minor))
    return undefined;
  return `k8s-expose-tutor needs Node.js ${minimumNode.major}.${minimumNode.minor} or newer, but this is Node.js ${version}: install a current Node.js (https://nodejs.org) and run it again.`;
}
