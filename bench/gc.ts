// A full collection on demand, for the benches: between phases or blocks, so
// one phase's garbage is not collected during another's timings.
import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
export const gc = vm.runInNewContext('gc') as () => void;
