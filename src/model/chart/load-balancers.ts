import { vaultBool } from './truth.js';

/** One provider's annotation that makes a Service load balancer internal, and how to read its value. */
interface InternalAnnotation {
  provider: string;
  says: (value: string) => boolean;
}

const isTrue = (value: string): boolean => vaultBool(value) === true;
const equalsIgnoringCase = (expected: string) => (value: string) => value.trim().toLowerCase() === expected;

/**
 * Annotations that put a Service's load balancer on a private network, by provider.
 * The value must really say internal: `aws-load-balancer-scheme: internet-facing` does not.
 */
export const INTERNAL_LB_ANNOTATIONS: ReadonlyMap<string, InternalAnnotation> = new Map([
  // The legacy AWS provider treats any non-empty value as internal; old docs show 0.0.0.0/0.
  [
    'service.beta.kubernetes.io/aws-load-balancer-internal',
    { provider: 'AWS (in-tree)', says: (value: string) => isTrue(value) || value.includes('/') },
  ],
  [
    'service.beta.kubernetes.io/aws-load-balancer-scheme',
    { provider: 'AWS Load Balancer Controller', says: equalsIgnoringCase('internal') },
  ],
  ['networking.gke.io/load-balancer-type', { provider: 'GKE', says: equalsIgnoringCase('internal') }],
  ['cloud.google.com/load-balancer-type', { provider: 'GKE (legacy)', says: equalsIgnoringCase('internal') }],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', { provider: 'AKS', says: isTrue }],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', { provider: 'IBM Cloud', says: equalsIgnoringCase('private') }],
  ['service.beta.kubernetes.io/openstack-internal-load-balancer', { provider: 'OpenStack', says: isTrue }],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', { provider: 'Oracle OCI', says: isTrue }],
  ['oci-network-load-balancer.oraclecloud.com/internal', { provider: 'Oracle OCI NLB', says: isTrue }],
  [
    'service.beta.kubernetes.io/alibaba-cloud-loadbalancer-address-type',
    { provider: 'Alibaba Cloud', says: equalsIgnoringCase('intranet') },
  ],
  [
    'service.kubernetes.io/qcloud-loadbalancer-internal-subnetid',
    { provider: 'Tencent Cloud', says: (value: string) => value.trim() !== '' },
  ],
  ['service.beta.kubernetes.io/cce-load-balancer-internal-vpc', { provider: 'Baidu Cloud', says: isTrue }],
  ['load-balancer.hetzner.cloud/disable-public-network', { provider: 'Hetzner Cloud', says: isTrue }],
]);

/** Whether an annotation key is one of the known internal-load-balancer annotations. */
export function isInternalLbKey(key: string): boolean {
  return INTERNAL_LB_ANNOTATIONS.has(key);
}

/** Whether an annotation makes the load balancer internal. */
export function saysInternal(key: string, value: unknown): boolean {
  const known = INTERNAL_LB_ANNOTATIONS.get(key);
  if (!known || value === null || value === undefined) return false;
  return known.says(String(value));
}

/** Whether a CIDR lies entirely within a private range (RFC 1918, RFC 6598 shared, IPv6 ULA). */
export function isPrivateCidr(cidr: string): boolean {
  const [address, prefixText] = cidr.trim().split('/');
  if (!address) return false;
  if (address.includes(':')) {
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    const first = parseInt(address.split(':')[0] || '0', 16);
    return prefix >= 7 && (first & 0xfe00) === 0xfc00;
  }
  const octets = address.split('.').map(Number);
  if (octets.length !== 4 || octets.some((octet) => !Number.isInteger(octet) || octet < 0 || octet > 255)) return false;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  const [a, b] = octets as [number, number, number, number];
  if (a === 10) return prefix >= 8;
  if (a === 172 && b >= 16 && b <= 31) return prefix >= 12;
  if (a === 192 && b === 168) return prefix >= 16;
  if (a === 100 && b >= 64 && b <= 127) return prefix >= 10;
  if (a === 127) return prefix >= 8;
  return false;
}
