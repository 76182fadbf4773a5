import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { explainText } from '../../scoring/concepts/explain-text.ts';
import { loadTaxonomy } from '../../scoring/taxonomy/load.ts';
import { loadConfig } from '../config.ts';
import { type CliIo, UsageError, write } from './io.ts';

const USAGE = `usage: vikar explain-text "<tekst>" [--json]
       vikar explain-text --file <cv.txt> [--json]
  Shows the competence concepts the taxonomy finds in a text: each with its span, the words as written, the
  concept's label and kind, whose experience it is (own, intent, negated, other-person, youth) and how it was
  matched (label or typo), then the words that are part of no concept. Uses the shipped taxonomy plus TAXONOMY_DIR.
  --json prints { taxonomyVersion, mentions, words } on stdout.`;

const CONTEXT: Record<string, string> = {
  own: 'own experience',
  intent: 'intent, does not count',
  negated: 'negated, does not count',
  'other-person': 'another person, does not count',
  youth: 'youth job, does not count',
};

export async function main(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      file: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    write(io.stdout, USAGE);
    return 0;
  }
  if (values.file !== undefined && positionals.length > 0)
    throw new UsageError(`give a text or --file, not both\n${USAGE}`);
  const text = values.file !== undefined ? readFileSync(values.file, 'utf8') : positionals.join(' ');
  if (text.trim() === '') throw new UsageError(`no text given\n${USAGE}`);

  const config = loadConfig(io.env);
  const taxonomy = loadTaxonomy({ dirs: config.TAXONOMY_DIR ? [config.TAXONOMY_DIR] : [] });
  const result = explainText(text, taxonomy);
  if (values.json) {
    write(io.stdout, JSON.stringify({ taxonomyVersion: taxonomy.version, ...result }, null, 2));
    return 0;
  }
  const lines = [`${result.mentions.length} concept(s) found (taxonomy ${taxonomy.version}):`];
  for (const m of result.mentions) {
    const broader = m.broader.length > 0 ? `; implies ${m.broader.join(', ')}` : '';
    const typo = m.match === 'typo' ? ', read as a typo' : '';
    lines.push(
      `  ${m.start}-${m.end}  "${m.foundAs}"  -> ${m.label} [${m.concept}, ${m.kind}${broader}]  ${CONTEXT[m.context]}${typo}`,
    );
  }
  lines.push(`not understood: ${result.words.length > 0 ? result.words.join(', ') : '(none)'}`);
  write(io.stdout, lines.join('\n'));
  return 0;
}
