import { mergeConfig } from 'vitest/config';
import { workspaceVitestConfig } from '../../vitest.shared.mts';

// The matrix mostly waits (Retry-After, back-off, a 30 s timeout), so three
// files at a time keep it near a minute even on two cores.
export default mergeConfig(workspaceVitestConfig(), { test: { maxWorkers: 3 } });
