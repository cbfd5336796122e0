import { UserError } from '../cli/user-error.ts';
import { shellCommand } from '../probe/shell-words.ts';
import type { KindIo } from './kind-io.ts';
import { nodeImage } from './kind-versions.ts';
import { requireEngine } from './preflight.ts';
import { firstErrorLine } from './tool-runner.ts';
import { withoutDigest, workshopImages } from './workshop-images.ts';

/**
 * `images save FILE`: pulls every image a workshop needs (the node image by its pinned digest,
 * then tagged) and writes them into one `docker save` tarball for `cluster up --images FILE`.
 */
export async function imagesSave(
  options: { file: string; lessonsDirectory: string },
  io: KindIo,
): Promise<void> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const engine = await requireEngine(io);
  const { host, cluster } = workshopImages(options.lessonsDirectory);
  const pulls = [nodeImage, ...host.slice(1), ...cluster];
  for (const image of pulls) {
    const present = await io.run(engine.name, ['image', 'inspect', image]);
    if (present.exitCode === 0) {
      say(`✓ ${image} (already here)`);
      continue;
    }
    say(`$ ${shellCommand([engine.name, 'pull', image])}`);
    const pulled = await io.run(engine.name, ['pull', image]);
    if (pulled.exitCode !== 0)
      throw new UserError(
        `could not pull ${image} (${firstErrorLine(pulled.stderr)}): check the network and retry`,
        1,
      );
  }
  await io.run(engine.name, ['tag', nodeImage, withoutDigest(nodeImage)]);
  const images = [...host, ...cluster];
  const save = [engine.name, 'save', '--output', options.file, ...images];
  say(`$ ${shellCommand(save)}`);
  const saved = await io.run(save[0]!, save.slice(1));
  if (saved.exitCode !== 0)
    throw new UserError(
      `could not write ${options.file} (${firstErrorLine(saved.stderr)}): choose another path`,
      1,
    );
  say(
    `✓ ${images.length} images in ${options.file}: hand it out, then \`k8s-expose-tutor cluster up --images ${options.file}\``,
  );
}
