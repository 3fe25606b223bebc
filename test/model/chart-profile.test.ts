import { describe, expect, it } from 'vitest';
import { chartProfile, PROFILE_CHANGES, releaseIntroducing, type ChartProfile } from '../../src/model/chart/profile.js';

// Each row pins one change of hashicorp/vault-helm (docs/chart-versions.md) on both sides: the
// release before it and the release that introduced it, as read in the named template at both tags.
const PINS: { fact: keyof ChartProfile; before: [string, unknown]; after: [string, unknown]; template: string }[] = [
  { fact: 'globalExternalVaultAddr', before: ['0.20.1', false], after: ['0.21.0', true], template: '_helpers.tpl vault.mode' },
  { fact: 'roleNodePorts', before: ['0.20.1', false], after: ['0.21.0', true], template: 'server-ha-active-service.yaml' },
  { fact: 'serviceMonitor', before: ['0.21.0', false], after: ['0.22.0', true], template: 'prometheus-servicemonitor.yaml' },
  { fact: 'serverHostNetwork', before: ['0.22.0', false], after: ['0.22.1', true], template: 'server-statefulset.yaml' },
  { fact: 'roleServiceSwitches', before: ['0.22.1', false], after: ['0.23.0', true], template: 'server-ha-active-service.yaml' },
  { fact: 'discoverySwitch', before: ['0.22.1', false], after: ['0.23.0', true], template: 'server-discovery-role.yaml' },
  { fact: 'csiAgent', before: ['0.23.0', false], after: ['0.24.0', true], template: 'csi-daemonset.yaml' },
  { fact: 'globalNamespace', before: ['0.25.0', false], after: ['0.26.0', true], template: '_helpers.tpl vault.namespace' },
  { fact: 'roleAnnotations', before: ['0.25.0', 'none'], after: ['0.26.0', 'generalWins'], template: 'server-ha-active-service.yaml' },
  { fact: 'haReplicas', before: ['0.25.0', 'defaultThree'], after: ['0.26.0', 'int64Only'], template: '_helpers.tpl vault.replicas' },
  { fact: 'haReplicas', before: ['0.26.0', 'int64Only'], after: ['0.26.1', 'number'], template: '_helpers.tpl vault.replicas' },
  { fact: 'livenessExec', before: ['0.26.1', false], after: ['0.27.0', true], template: 'server-statefulset.yaml' },
  { fact: 'configSelection', before: ['0.28.1', 'byMode'], after: ['0.29.0', 'raftFirst'], template: '_helpers.tpl vault.config' },
  { fact: 'mapConfigRenders', before: ['0.28.1', true], after: ['0.29.0', false], template: '_helpers.tpl vault.config' },
  { fact: 'jsonConfig', before: ['0.28.1', false], after: ['0.29.0', true], template: '_helpers.tpl vault.config' },
  { fact: 'mlockLine', before: ['0.28.1', 'prepend'], after: ['0.29.0', 'append'], template: '_helpers.tpl vault.config' },
  { fact: 'configTpl', before: ['0.28.1', 'once'], after: ['0.29.0', 'none'], template: '_helpers.tpl vault.config' },
  { fact: 'configTpl', before: ['0.29.0', 'none'], after: ['0.29.1', 'jsonTwice'], template: '_helpers.tpl vault.config' },
  { fact: 'roleAnnotations', before: ['0.30.0', 'generalWins'], after: ['0.30.1', 'roleWins'], template: 'server-ha-active-service.yaml' },
  { fact: 'mlockLine', before: ['0.31.0', 'append'], after: ['0.32.0', 'appendUnlessExplicit'], template: '_helpers.tpl vault.config' },
  { fact: 'redundancyZones', before: ['0.32.0', false], after: ['0.33.0', true], template: '_helpers.tpl vault.pdb.maxUnavailable' },
  { fact: 'httpRoute', before: ['0.33.0', false], after: ['0.34.0', true], template: 'server-httproute.yaml' },
];

describe('chartProfile', () => {
  it.each(PINS)('$fact changes from $before.1 to $after.1 at $after.0 ($template)', ({ fact, before, after }) => {
    expect(chartProfile(before[0])[fact]).toBe(before[1]);
    expect(chartProfile(after[0])[fact]).toBe(after[1]);
  });

  it('pins every recorded change', () => {
    const pinned = new Set(PINS.map((pin) => `${pin.after[0]} ${pin.fact}`));
    const recorded = PROFILE_CHANGES.flatMap((change) => Object.keys(change.set).map((fact) => `${change.since} ${fact}`));
    expect(recorded.filter((entry) => !pinned.has(entry))).toEqual([]);
  });

  it('orders releases by number, not by text (0.9 before 0.28)', () => {
    expect(chartProfile('0.3.0').configSelection).toBe('byMode');
    expect(chartProfile('0.100.0').httpRoute).toBe(true);
  });

  it('names the release that introduced a behaviour', () => {
    expect(releaseIntroducing('jsonConfig', true)).toBe('0.29.0');
    expect(releaseIntroducing('mlockLine', 'appendUnlessExplicit')).toBe('0.32.0');
    expect(releaseIntroducing('httpRoute', false)).toBeUndefined();
  });

  it('keeps the facts of 0.28.0 and 0.34.1 as the model read them before the table', () => {
    expect(chartProfile('0.28.0')).toMatchObject({ configSelection: 'byMode', mapConfigRenders: true, roleAnnotations: 'generalWins' });
    expect(chartProfile('0.34.1')).toMatchObject({ configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotations: 'roleWins' });
  });
});
