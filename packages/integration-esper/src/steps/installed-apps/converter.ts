import type { EsperDeviceApp } from '../../client';

/** Properties of esper_device HAS esper_application: what is installed, in which version. */
export function installedAppProperties(app: EsperDeviceApp): Record<string, string | boolean> {
  const props: Record<string, string | boolean | null | undefined> = {
    packageName: app.package_name,
    version: app.version_name,
    versionCode: app.version_code,
    appType: app.app_type,
    whitelisted: app.whitelisted,
  };
  return Object.fromEntries(
    Object.entries(props).filter(
      (e): e is [string, string | boolean] => e[1] !== undefined && e[1] !== null,
    ),
  );
}
