import type { KarbonState } from '../karbon/state';
import type { QboState } from '../qbo/state';

/** The whole sandbox world: GET/PUT /__sandbox/state, `--seed FILE`, demo and generated data. */
export interface SandboxState {
  qbo: QboState;
  karbon: KarbonState;
}
