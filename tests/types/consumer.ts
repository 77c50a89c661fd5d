// Compiled by `make test` (tsc --noEmit --strict): the generated pkg/newsweave.d.ts
// must type a real consumer of the JS API.
import init, { markdown, weave, type Digest, type Source, type EntityType } from '../../pkg/newsweave.js';

export async function firstStatement(sources: Source[]): Promise<string> {
  await init();
  const digest: Digest = weave(sources);
  const people: EntityType = 'PER';
  const names = digest.entities.filter((e) => e.type === people).map((e) => `${e.name} (${e.roles?.join(', ') ?? ''})`);
  const s = digest.statements[0];
  const credit = s ? s.sources.map((i) => digest.sources[i].label).join(', ') : '';
  return `${s?.text ?? ''} [${credit}] ${names.join('; ')}`;
}

export async function shortReport(sources: Source[]): Promise<string> {
  await init();
  const short: string = markdown(sources, 5);
  const whole: string = markdown(sources);
  return short.length <= whole.length ? short : whole;
}
