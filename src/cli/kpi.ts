import { computeKpisForPeriod } from '../app/queries/compute-kpis.js';
import { dutchDateLong } from '../domain/dutch-date.js';
import { kpiValue } from '../domain/kpis.js';
import { isLocalDate } from '../domain/local-date.js';
import { openCliContext, processIo, runAsScript, type Io } from './open-cli-context.js';

// npm run kpi -- --from <date> --to <date> [--municipality <naam>] [--csv]   (aggregates only: never a case reference)

const USAGE =
  'Gebruik: npm run kpi -- --from JJJJ-MM-DD --to JJJJ-MM-DD [--municipality <gemeente>] [--csv]  (from vóór of gelijk aan to)';

export function main(argv: string[], env: Record<string, string | undefined>, io: Io): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const from = arg('--from');
  const to = arg('--to');
  const wantsMunicipality = argv.includes('--municipality');
  const name = arg('--municipality');
  if (!from || !to || !isLocalDate(from) || !isLocalDate(to) || from > to || (wantsMunicipality && !name)) {
    io.err(USAGE);
    return 2;
  }
  const { ctx, database } = openCliContext(env);
  try {
    const municipality = name === undefined ? undefined : ctx.roster.findMunicipality(name);
    if (name !== undefined && municipality === undefined) {
      io.err(`Onbekende gemeente "${name}". Kies uit: ${ctx.roster.municipalities.join(', ')}.`);
      return 2;
    }
    const rows = computeKpisForPeriod(ctx, from, to, municipality === undefined ? {} : { municipality });
    if (argv.includes('--csv')) {
      io.out('kpi;omschrijving;waarde;eenheid;n');
      for (const r of rows) io.out([r.id, `"${r.label.replace(/"/g, '""')}"`, r.value ?? '', r.unit, r.n].join(';'));
    } else {
      const scope = municipality === undefined ? '' : ` ${municipality}`;
      io.out(
        `KPI's${scope}, ${dutchDateLong(from)} t/m ${dutchDateLong(to)} (alleen casussen in de bot; een procesbeeld, geen telling van de regio)`,
      );
      const width = Math.max(...rows.map((r) => r.label.length));
      for (const r of rows) io.out(`${r.label.padEnd(width)}  ${kpiValue(r)} (n = ${r.n})`);
    }
    return 0;
  } finally {
    database.close();
  }
}

runAsScript(import.meta.url, () => main(process.argv.slice(2), process.env, processIo));
