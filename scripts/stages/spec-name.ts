/** `specs/data-flow/1.1.yaml` → data-flow / 1.1 (service and version of a spec file). */
export function specName(file: string): { service: string; version: string } {
  const [, service = '', version = ''] = /^specs\/([^/]+)\/(.+)\.yaml$/.exec(file) ?? [];
  return { service, version };
}
