/** autoscaling/v1 Scale: the body of a Deployment's or ReplicaSet's `scale` subresource. */

import { message } from './message-descriptor.ts';
import { objectMeta } from './meta-v1-messages.ts';

export const scale = message('Scale', [
  [1, 'metadata', objectMeta],
  [2, 'spec', message('ScaleSpec', [[1, 'replicas', 'int32']])],
  [
    3,
    'status',
    message('ScaleStatus', [
      [1, 'replicas', 'int32', 'always'],
      [2, 'selector', 'string'],
    ]),
  ],
]);
