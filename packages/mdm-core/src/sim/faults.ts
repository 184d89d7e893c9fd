import { type SeededRandom } from './random';
import { type SimFault } from './types';

interface FaultState {
  fault: SimFault;
  seen: number;
  fired: number;
}

/** Decides, request by request, which configured fault (if any) hits it. */
export class FaultPlan {
  private states: FaultState[] = [];

  constructor(
    faults: readonly SimFault[],
    private readonly rng: SeededRandom,
  ) {
    this.set(faults);
  }

  set(faults: readonly SimFault[]): void {
    for (const f of faults) {
      if (f.everyN !== undefined && !(Number.isInteger(f.everyN) && f.everyN >= 1)) {
        throw new RangeError(`fault everyN must be a positive integer, got ${f.everyN}`);
      }
      if (f.probability !== undefined && !(f.probability >= 0 && f.probability <= 1)) {
        throw new RangeError(`fault probability must be within [0, 1], got ${f.probability}`);
      }
    }
    this.states = faults.map((fault) => ({ fault, seen: 0, fired: 0 }));
  }

  /** The first fault that fires for a request to this route (name and path pattern both identify it). */
  pick(routeName: string, routePath: string): SimFault | undefined {
    for (const s of this.states) {
      const { fault } = s;
      if (fault.route !== undefined && fault.route !== routeName && fault.route !== routePath)
        continue;
      if (fault.times !== undefined && s.fired >= fault.times) continue;
      s.seen += 1;
      const fires =
        fault.everyN !== undefined
          ? s.seen % fault.everyN === 0
          : fault.probability !== undefined
            ? this.rng.next() < fault.probability
            : true;
      if (fires) {
        s.fired += 1;
        return fault;
      }
    }
    return undefined;
  }
}
