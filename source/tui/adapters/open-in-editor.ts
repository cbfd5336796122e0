/**
 * Opens a file in the learner's editor ($VISUAL, else $EDITOR, else vi) with the terminal
 * handed over, and resolves when the editor exits. The editor variable may hold arguments
 * (`code --wait`); they are split on spaces, never run through a shell.
 */
export async function openInEditor(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const [command = 'vi', ...args] = (env.VISUAL || env.EDITOR || 'vi').trim().split(/\s+/);
  const { execa } = await import('execa');
  await execa(command, [...args, file], { stdio: 'inherit', reject: true });
}
