/** The address of an entity's page (entity.html?key=<kind>:<name>, issue 24). */
export function entityPageUrl(key: string): string {
  return `/entity.html?${new URLSearchParams({ key })}`;
}
