import type { ChartVersion } from './chart/versions.js';

/**
 * What differs between the chart versions the model knows, in one table. Each fact names the
 * template it comes from (hashicorp/vault-helm, templates/_helpers.tpl unless said otherwise).
 */
export interface ChartProfile {
  /**
   * How `vault.config` picks the config: `byMode` (0.28) reads standalone.config in standalone mode
   * whatever `server.ha.raft.enabled` says, and in HA mode ha.raft.config when the switch is "true",
   * ha.config when it is "false", nothing otherwise; `raftFirst` (0.29+) reads ha.raft.config whenever
   * the switch is truthy, in either mode, else the mode's own config.
   */
  configSelection: 'byMode' | 'raftFirst';
  /** Whether a YAML map config renders (0.28 `toPrettyJson`) or fails ("structured server config is not supported", 0.29+). */
  mapConfigRenders: boolean;
  /** Whether `server.service.<role>.annotations` win a key shared with `server.service.annotations` (0.30.1+ writes them last). */
  roleAnnotationsWin: boolean;
}

// Every supported version has an entry (the boundaries as stated above: byMode and map configs
// before 0.29.0, role annotations winning from 0.30.1).
export const CHART_PROFILES = {
  '0.20.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.20.1': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.21.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.22.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.22.1': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.23.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.24.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.24.1': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.25.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.26.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.26.1': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.27.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.28.0': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.28.1': { configSelection: 'byMode', mapConfigRenders: true, roleAnnotationsWin: false },
  '0.29.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: false },
  '0.29.1': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: false },
  '0.30.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: false },
  '0.30.1': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
  '0.31.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
  '0.32.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
  '0.33.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
  '0.34.0': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
  '0.34.1': { configSelection: 'raftFirst', mapConfigRenders: false, roleAnnotationsWin: true },
} as const satisfies Record<ChartVersion, ChartProfile>;
