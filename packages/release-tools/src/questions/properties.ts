import type { PropertyReference } from './j1ql';

/**
 * Properties a question reads that no collected entity of that `_type` has: the
 * question would silently match nothing (a renamed converter field, a typo).
 * `observed` maps `_type` -> property names seen on collected entities. Selectors
 * that are classes or several types are skipped, as are J1 platform metadata
 * (`_id`, `_beginOn`...) and tags (`tag.*`), which J1 adds after ingestion.
 */
export function checkPropertyReferences(
  refs: readonly (PropertyReference & { questionId?: string })[],
  observed: ReadonlyMap<string, ReadonlySet<string>>,
): string[] {
  const problems = new Set<string>();
  for (const ref of refs) {
    const [type] = ref.names;
    if (ref.names.length !== 1 || type === undefined) continue;
    const props = observed.get(type);
    if (!props) continue;
    if (ref.property.startsWith('_') || ref.property.startsWith('tag.')) continue;
    if (!props.has(ref.property)) {
      problems.add(
        `${ref.questionId ? `${ref.questionId}: ` : ''}${type}.${ref.property} is not set on any collected ${type}`,
      );
    }
  }
  return [...problems];
}
