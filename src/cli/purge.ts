import { purgeClosedCases } from '../app/purge-closed-cases.js';
import { openCliContext, processIo, runAsScript, type Io } from './open-cli-context.js';

// npm run purge [-- --dry-run]: closed cases past their retention term are removed; KPI aggregates survive.

export function main(argv: string[], env: Record<string, string | undefined>, io: Io): number {
  const unknown = argv.filter((a) => a !== '--dry-run');
  if (unknown.length > 0) {
    io.err('Gebruik: npm run purge -- [--dry-run]');
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  const { ctx, database } = openCliContext(env);
  try {
    const purged = purgeClosedCases(ctx, { dryRun, actor: 'beheer (npm run purge)' });
    io.out(
      dryRun
        ? `Zou ${purged.length} gesloten casus(sen) verwijderen (bewaartermijn ${ctx.norms.retentionMonths} maanden):`
        : `${purged.length} gesloten casus(sen) verwijderd.`,
    );
    for (const c of purged) io.out(`  ${c.ref}  gesloten ${c.closedOn}, te verwijderen vanaf ${c.purgeFrom}`);
    return 0;
  } finally {
    database.close();
  }
}

runAsScript(import.meta.url, () => main(process.argv.slice(2), process.env, processIo));
