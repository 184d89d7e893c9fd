import { workspaceVitestConfig } from '../../vitest.shared.mts';

export default workspaceVitestConfig();
