import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/scenario.js';

// The scenario replay applies the same need-to-know as the chat (docs/behaviour.md, "Who may see a case";
// docs/scenario-format.md, "Refused steps"): a step by someone who may not take it is reported on stderr as
// `steps[N] (<action> at <time>): <message> [<CODE>]`, nothing on stdout comes from it, and the replay goes on. Each
// refused step sits beside the same step by someone who may take it, which does produce its line (or no refusal), so
// these tests cannot pass by refusing everything. Every step has its own minute, so a line at that minute is its own.

const DAY = '2026-09-07'; // a Monday; every step falls on it, and no term falls due before `until`
const NOT_FOUND = 'Casus niet gevonden of geen toegang. [NOT_FOUND_OR_NO_ACCESS]';
const NO_OPEN_ESCALATION = 'Er is geen open escalatie (meer) om te behandelen. [NO_OPEN_ESCALATION]';

const lt = { org: 'LT', orgName: 'Sociaal Team Zevenaar' };
const vt = { org: 'VT', orgName: 'Veilig Thuis Gelderland-Midden' };
const rvdk = { org: 'RVDK', orgName: 'Raad regio Arnhem' };
const gi = { org: 'GI', orgName: 'Jeugdbescherming Gelderland' };

/** Zevenaar's team, Duiven's LT, and a pilot coordinator for each pilot (pc-1: Zevenaar; pc-duiven: Duiven). */
const roster = {
  members: [
    { id: 'lt-1', ...lt, role: 'professional', lead: 'lead-lt' },
    { id: 'lead-lt', ...lt, role: 'team_lead', lead: 'mgr-lt' },
    { id: 'mgr-lt', ...lt, role: 'manager' },
    { id: 'vt-1', ...vt, role: 'professional', lead: 'lead-vt' },
    { id: 'lead-vt', ...vt, role: 'team_lead', lead: 'mgr-vt' },
    { id: 'mgr-vt', ...vt, role: 'manager' },
    { id: 'rvdk-1', ...rvdk, role: 'professional', lead: 'lead-rvdk' },
    { id: 'lead-rvdk', ...rvdk, role: 'team_lead' },
    { id: 'gi-1', ...gi, role: 'professional', lead: 'lead-gi' },
    { id: 'lead-gi', ...gi, role: 'team_lead' },
    { id: 'lt-duiven', org: 'LT', orgName: 'Sociaal Team Duiven', role: 'professional' },
    {
      id: 'pc-1',
      org: 'OTHER',
      orgName: 'Toekomsttuin Zevenaar',
      role: 'pilot_coordinator',
      municipalities: ['Zevenaar'],
    },
    {
      id: 'pc-duiven',
      org: 'OTHER',
      orgName: 'Toekomsttuin Duiven',
      role: 'pilot_coordinator',
      municipalities: ['Duiven'],
    },
  ],
  fixedTeams: {
    Zevenaar: { LT: 'lt-1', VT: 'vt-1', RVDK: 'rvdk-1' },
    Duiven: { LT: 'lt-duiven' },
  },
};

type Step = Record<string, unknown> & { at: string; by: string; do: string };
type Line = Record<string, unknown> & { at: string; kind: string; to: string[] };

/** A step on case `label` at HH:MM of DAY. */
function step(time: string, by: string, action: string, label: string, fields: Record<string, unknown> = {}): Step {
  return { at: `${DAY}T${time}`, by, do: action, case: label, ...fields };
}

const decision = { decision: 'Het LT houdt de regie.', owner: 'vt-1', deadline: '2026-09-25' };
const dilemma = { trigger: 'PROFESSIONAL_DILEMMA', question: 'Wie neemt de regie?' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scenario-access-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function replay(name: string, steps: Step[]) {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ format: 'teammodel-scenario/1', name, until: DAY, roster, steps }, null, 2));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([file], { out: (l) => out.push(l), err: (l) => err.push(l) });
  expect(code).toBe(0); // refused steps do not change the exit code
  const lines = out.map((l) => JSON.parse(l) as Line);
  /** The refusal of steps[i], without its "steps[i] (action at time): " prefix; undefined when it was accepted. */
  const refusal = (i: number): string | undefined => {
    const prefix = `steps[${i}] (${steps[i]!.do} at ${steps[i]!.at}): `;
    const found = err.filter((e) => e.startsWith(prefix));
    expect(found.length).toBeLessThanOrEqual(1);
    return found[0]?.slice(prefix.length);
  };
  /** The stdout lines delivered at steps[i]'s minute: what that step caused. */
  const linesOf = (i: number): Line[] => lines.filter((l) => l.at.startsWith(`${steps[i]!.at}:00`));
  return { err, lines, refusal, linesOf };
}

describe('scenario replay: the same access rules as the chat', () => {
  it("(a) another pilot's coordinator cannot raise, decide, withdraw, record an event or close; the case's own can", async () => {
    const steps = [
      /* 0 */ step('09:00', 'lt-1', 'open_case', 'Z', { municipality: 'Zevenaar' }),
      /* 1 */ step('09:10', 'pc-duiven', 'raise_escalation', 'Z', dilemma),
      /* 2 */ step('09:11', 'pc-1', 'raise_escalation', 'Z', dilemma),
      /* 3 */ step('09:20', 'pc-duiven', 'record_decision', 'Z', { ...decision, escalation: 1 }),
      /* 4 */ step('09:21', 'pc-1', 'record_decision', 'Z', { ...decision, escalation: 1 }),
      /* 5 */ step('09:25', 'lt-1', 'raise_escalation', 'Z', dilemma),
      /* 6 */ step('09:30', 'pc-duiven', 'withdraw_escalation', 'Z', { reason: 'Opgelost.', escalation: 2 }),
      /* 7 */ step('09:31', 'pc-1', 'withdraw_escalation', 'Z', { reason: 'Opgelost.', escalation: 2 }),
      /* 8 */ step('09:40', 'pc-duiven', 'record_event', 'Z', { event: 'jeugdbeschermer_assigned', member: 'gi-1' }),
      /* 9 */ step('09:41', 'pc-1', 'record_event', 'Z', { event: 'jeugdbeschermer_assigned', member: 'gi-1' }),
      /* 10 */ step('09:45', 'vt-1', 'raise_escalation', 'Z', dilemma),
      /* 11 */ step('09:50', 'pc-duiven', 'close_case', 'Z'),
      /* 12 */ step('09:51', 'pc-1', 'close_case', 'Z'),
    ];
    const r = await replay('other-pilot', steps);
    const refused = [1, 3, 6, 8, 11];
    for (const i of refused) {
      expect(r.refusal(i), `steps[${i}]`).toBe(NOT_FOUND);
      expect(r.linesOf(i), `steps[${i}]`).toEqual([]);
    }
    expect(r.err).toHaveLength(refused.length);

    // The same steps by Zevenaar's coordinator: the dilemma reaches the case's professionals, the decision the team,
    // the withdrawal the escalation's participants, the assignment the new jeugdbeschermer, and the closing withdraws
    // escalation 3 (which tells its participants).
    expect(r.linesOf(2)).toEqual([
      expect.objectContaining({ kind: 'escalation', level: 'L0', to: ['lt-1', 'rvdk-1', 'vt-1'] }),
    ]);
    expect(r.linesOf(4)).toEqual([
      expect.objectContaining({ kind: 'team', subject: 'decision', to: ['lt-1', 'rvdk-1', 'vt-1'] }),
    ]);
    expect(r.linesOf(7)).toEqual([
      expect.objectContaining({ kind: 'team', subject: 'escalation_withdrawn', to: ['lt-1', 'rvdk-1', 'vt-1'] }),
    ]);
    expect(r.linesOf(9)).toContainEqual(expect.objectContaining({ kind: 'team', subject: 'member_added' }));
    expect(r.linesOf(12)).toEqual([
      expect.objectContaining({ kind: 'team', subject: 'escalation_withdrawn', to: ['gi-1', 'lt-1', 'rvdk-1', 'vt-1'] }),
    ]);
  }, 60_000);

  it('(b) a member removed from the case can no longer tick, raise, decide or withdraw; before the removal they could', async () => {
    const steps = [
      /* 0 */ step('09:00', 'lt-1', 'open_case', 'R', { municipality: 'Zevenaar' }),
      /* 1 */ step('09:05', 'vt-1', 'start_handover', 'R', { moment: 'H2', from: 'vt-1', to: 'lt-1' }),
      /* 2 */ step('09:10', 'lt-1', 'check_item', 'R', { moment: 'H2', item: 'C1' }),
      /* 3 */ step('09:15', 'rvdk-1', 'raise_escalation', 'R', dilemma), // escalation 1: rvdk-1, lt-1, vt-1
      /* 4 */ step('09:20', 'lt-1', 'raise_escalation', 'R', dilemma), // escalation 2, raised by lt-1
      /* 5 */ step('09:30', 'lead-lt', 'remove_member', 'R', { member: 'lt-1' }),
      /* 6 */ step('09:35', 'lt-1', 'check_item', 'R', { moment: 'H2', item: 'C5' }),
      /* 7 */ step('09:40', 'lt-1', 'raise_escalation', 'R', dilemma),
      /* 8 */ step('09:45', 'lt-1', 'record_decision', 'R', { ...decision, escalation: 1 }),
      /* 9 */ step('09:50', 'lt-1', 'withdraw_escalation', 'R', { reason: 'Opgelost.', escalation: 2 }),
      /* 10 */ step('09:55', 'vt-1', 'raise_escalation', 'R', dilemma),
      /* 11 */ step('10:00', 'vt-1', 'record_decision', 'R', { ...decision, escalation: 1 }),
    ];
    const r = await replay('removed-member', steps);

    // Before the removal lt-1 may tick (no refusal) and raise (the raise reaches the team); the removal itself is told.
    expect(r.refusal(2)).toBeUndefined();
    expect(r.linesOf(4)).toEqual([
      expect.objectContaining({ kind: 'escalation', level: 'L0', to: ['rvdk-1', 'vt-1'] }),
    ]);
    expect(r.linesOf(5)).toContainEqual(
      expect.objectContaining({ kind: 'team', subject: 'member_removed', to: ['lt-1', 'rvdk-1', 'vt-1'] }),
    );

    // After it, lt-1 gets the answer of someone who may not see the case: on the checklist they were to receive (it was
    // cancelled with the removal), on a new escalation, on the one they took part in and on the one they raised.
    const refused = [6, 7, 8, 9];
    for (const i of refused) {
      expect(r.refusal(i), `steps[${i}]`).toBe(NOT_FOUND);
      expect(r.linesOf(i), `steps[${i}]`).toEqual([]);
    }
    expect(r.err).toHaveLength(refused.length);

    // The replay goes on, and those still on the case raise and decide: the removed lt-1 is told of neither.
    expect(r.linesOf(10)).toEqual([expect.objectContaining({ kind: 'escalation', level: 'L0', to: ['rvdk-1'] })]);
    expect(r.linesOf(11)).toEqual([expect.objectContaining({ kind: 'team', subject: 'decision', to: ['rvdk-1'] })]);
  }, 60_000);

  it('(c) outside the raiser’s lead chain a NEGLIGENT_CONDUCT escalation does not exist: the refusal is that of a missing number', async () => {
    const negligent = { trigger: 'NEGLIGENT_CONDUCT', question: 'Afspraken over huisbezoeken worden niet nagekomen.' };
    const withdraw = { reason: 'Opgelost.' };
    const steps = [
      /* 0 */ step('09:00', 'lt-1', 'open_case', 'N', { municipality: 'Zevenaar' }),
      /* 1 */ step('09:05', 'vt-1', 'raise_escalation', 'N', negligent), // escalation 1: vt-1 and lead-vt
      // lt-1 is on the team and lead-lt sees the case through lt-1; neither is in vt-1's lead chain.
      /* 2 */ step('09:10', 'lt-1', 'record_decision', 'N', { ...decision, escalation: 1 }),
      /* 3 */ step('09:11', 'lt-1', 'record_decision', 'N', { ...decision, escalation: 9 }),
      /* 4 */ step('09:12', 'lt-1', 'record_decision', 'N', decision),
      /* 5 */ step('09:13', 'lead-lt', 'record_decision', 'N', { ...decision, escalation: 1 }),
      /* 6 */ step('09:14', 'lead-lt', 'record_decision', 'N', { ...decision, escalation: 9 }),
      /* 7 */ step('09:20', 'lt-1', 'withdraw_escalation', 'N', { ...withdraw, escalation: 1 }),
      /* 8 */ step('09:21', 'lt-1', 'withdraw_escalation', 'N', { ...withdraw, escalation: 9 }),
      /* 9 */ step('09:22', 'lt-1', 'withdraw_escalation', 'N', withdraw),
      /* 10 */ step('09:23', 'lead-lt', 'withdraw_escalation', 'N', { ...withdraw, escalation: 1 }),
      /* 11 */ step('09:24', 'lead-lt', 'withdraw_escalation', 'N', { ...withdraw, escalation: 9 }),
      // In the chain the same steps are taken: lead-vt decides escalation 1; vt-1 raises escalation 2 and withdraws it.
      /* 12 */ step('09:30', 'lead-vt', 'record_decision', 'N', { ...decision, escalation: 1 }),
      /* 13 */ step('09:35', 'vt-1', 'raise_escalation', 'N', negligent),
      /* 14 */ step('09:40', 'vt-1', 'withdraw_escalation', 'N', { ...withdraw, escalation: 2 }),
    ];
    const r = await replay('negligent-conduct', steps);
    const refused = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    for (const i of refused) {
      expect(r.refusal(i), `steps[${i}]`).toBe(NO_OPEN_ESCALATION);
      expect(r.linesOf(i), `steps[${i}]`).toEqual([]);
    }
    expect(r.err).toHaveLength(refused.length);

    // The raise goes to the raiser's lead only; the decision to its participants and owner; the withdrawal to lead-vt.
    expect(r.linesOf(1)).toEqual([
      expect.objectContaining({ kind: 'escalation', level: 'L1', trigger: 'NEGLIGENT_CONDUCT', to: ['lead-vt'] }),
    ]);
    expect(r.linesOf(12)).toEqual([expect.objectContaining({ kind: 'team', subject: 'decision', to: ['vt-1'] })]);
    expect(r.linesOf(14)).toEqual([
      expect.objectContaining({ kind: 'team', subject: 'escalation_withdrawn', to: ['lead-vt'] }),
    ]);
  }, 60_000);
});
