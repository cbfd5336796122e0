import type { Command } from 'commander';
import type { KindIo } from '../../kind/kind-io.ts';
import { machineIo } from './cluster-command.ts';

export async function runImagesSave(
  file: string,
  io: KindIo,
  lessonsDirectory?: string,
): Promise<number> {
  const { imagesSave } = await import('../../kind/images-save.ts');
  const { bundledLessonsDirectory } = await import('../../lesson-format/lesson-catalog.ts');
  await imagesSave({ file, lessonsDirectory: lessonsDirectory ?? bundledLessonsDirectory() }, io);
  return 0;
}

export function registerImagesCommand(program: Command): void {
  const images = program
    .command('images')
    .description('workshop preloading: every image the kind cluster and the lessons need')
    .helpCommand(false);
  images
    .command('save')
    .description('pull the images and write them to one tarball for `cluster up --images FILE`')
    .argument('<file>', 'the tarball to write, e.g. expose-tutor-images.tar')
    .action(async (file: string) => {
      await runImagesSave(file, await machineIo());
    })
    .exitOverride()
    .configureOutput({ outputError: () => {} });
}
