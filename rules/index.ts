import type { Rule } from '../src/engine/index.js';
import autoUnseal from './auto-unseal.js';
import haReplicas from './ha-replicas.js';
import hclSyntax from './hcl-syntax.js';
import imageTagPinned from './image-tag-pinned.js';
import persistentStorage from './persistent-storage.js';
import privateLoadBalancer from './private-load-balancer.js';
import retryJoinMatchesReplicas from './retry-join-matches-replicas.js';
import tlsEnabled from './tls-enabled.js';
import yamlSyntax from './yaml-syntax.js';
// registry: add imports above this line

/** The explicit registry: every rule. */
export const rules: readonly Rule[] = [
  autoUnseal,
  haReplicas,
  hclSyntax,
  imageTagPinned,
  persistentStorage,
  privateLoadBalancer,
  retryJoinMatchesReplicas,
  tlsEnabled,
  yamlSyntax,
  // registry: add entries above this line
];
