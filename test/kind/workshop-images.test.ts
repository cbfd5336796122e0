import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runClusterCommand } from '../../source/cli/commands/cluster-command.ts';
import { runImagesSave } from '../../source/cli/commands/images-command.ts';
import { UserError } from '../../source/cli/user-error.ts';
import { lessonImages } from '../../source/kind/workshop-images.ts';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { type FakeMachine, fakeMachine } from '../support/fake-machine.ts';

// Workshop preloading with fake docker and kind: the instructor saves one tarball while the
// network works; a learner's `cluster up --images` then pulls nothing.
const lessons = resolve(import.meta.dirname, '../../lessons');
const nodeImage =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
const cpk = 'registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1';
const envoy = 'docker.io/envoyproxy/envoy:v1.33.2';
const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';
let sandbox: Sandbox;
const machines: FakeMachine[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ controllers: false });
});
afterAll(() => sandbox.stop());
afterEach(() => {
  for (const machine of machines.splice(0)) machine.cleanup();
});

function machine(options: Parameters<typeof fakeMachine>[0] = {}): FakeMachine {
  const created = fakeMachine(options);
  writeFileSync(
    created.io.env.KUBECONFIG!,
    sandbox.kubeconfig().replaceAll('expose-tutor-sandbox', 'kind-expose-tutor'),
  );
  machines.push(created);
  return created;
}

describe('workshop images', () => {
  it("the lessons' manifests name one pinned agnhost", () => {
    expect(lessonImages(lessons)).toEqual([agnhost]);
  });

  it('images save pulls each image once and saves them, the node image by its tag', async () => {
    const instructor = machine();
    const file = join(instructor.state, 'workshop.tar');
    expect(await runImagesSave(file, instructor.io, lessons)).toBe(0);
    const calls = instructor.calls().filter((call) => !/^docker (version|info)/.test(call));
    expect(calls).toEqual([
      `docker image inspect ${nodeImage}`,
      `docker pull ${nodeImage}`,
      `docker image inspect ${cpk}`,
      `docker pull ${cpk}`,
      `docker image inspect ${envoy}`,
      `docker pull ${envoy}`,
      `docker image inspect ${agnhost}`,
      `docker pull ${agnhost}`,
      `docker tag ${nodeImage} kindest/node:v1.36.1`,
      `docker save --output ${file} kindest/node:v1.36.1 ${cpk} ${envoy} ${agnhost}`,
    ]);
    expect(readFileSync(file, 'utf8').trim().split('\n')).toEqual([
      'kindest/node:v1.36.1',
      cpk,
      envoy,
      agnhost,
    ]);
  });

  it('cluster up --images loads the tarball and pulls nothing, offline', async () => {
    const instructor = machine();
    const file = join(instructor.state, 'workshop.tar');
    await runImagesSave(file, instructor.io, lessons);
    const learner = machine({ env: { FAKE_DOCKER_PULL_FAIL: '1' } });
    const up = { name: 'expose-tutor', timeout: '5', images: file };
    expect(await runClusterCommand('up', up, learner.io, lessons)).toBe(0);
    const calls = learner.calls();
    expect(calls).toContain(`docker load --input ${file}`);
    expect(calls).toContain(`kind load docker-image --name expose-tutor ${agnhost}`);
    expect(calls.some((call) => call.startsWith('docker pull'))).toBe(false);
    expect(calls.findIndex((call) => call.startsWith('docker load'))).toBeLessThan(
      calls.findIndex((call) => call.startsWith('kind create')),
    );
    // The tarball carries the tag, not the digest (docker save drops repo digests).
    expect(parse(learner.kindConfig()!).nodes[0].image).toBe('kindest/node:v1.36.1');
    expect(learner.output()).toContain(
      `Image: "${agnhost}" with ID "sha256:5b1c0f0e9a3d" not yet present on node "expose-tutor-worker2", loading...`,
    );
  });

  it('images save says in one line when a pull fails', async () => {
    const offline = machine({ env: { FAKE_DOCKER_PULL_FAIL: '1' } });
    const error = await runImagesSave(join(offline.state, 'w.tar'), offline.io, lessons).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      `could not pull ${nodeImage} (Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host): check the network and retry`,
    );
  });

  it('cluster up --images with a missing file says how to make it', async () => {
    const learner = machine();
    const error = await runClusterCommand(
      'up',
      { name: 'expose-tutor', images: '/nowhere/workshop.tar' },
      learner.io,
      lessons,
    ).catch((caught: unknown) => caught);
    expect((error as UserError).message).toBe(
      '/nowhere/workshop.tar does not exist: make it with `k8s-expose-tutor images save /nowhere/workshop.tar`',
    );
    expect(learner.calls()).toEqual([]);
  });
});
