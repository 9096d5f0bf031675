import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCase } from '../../src/app/open-case.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { CARD_MESSAGE_BUDGET_BYTES } from '../../src/adapters/teams/cards/card-size-limit.js';
import { z } from 'zod';
import { invokeCard, searchResults } from '../support/bot-answer.js';
import { cardSize } from '../support/card-size.js';
import { largeRosterInput } from '../support/large-roster.js';
import { DEMO, startTestBot, type TestBot } from '../support/start-test-bot.js';
import type { Person, TeamsActivity } from '../support/teams-activity.js';
import {
  allText,
  answerText,
  auditOf,
  CARD_TYPE,
  MESSAGE_TYPE,
  person,
  press,
  teamOf,
} from '../teams/case-test-kit.js';

// The team card's typeahead over HTTP, as Teams drives it: with a province-wide roster (the demo roster plus 200
// colleagues around Arnhem) the card carries no names; while a person types, Teams sends an `application/search`
// invoke (test/fixtures/teams-invoke-application-search.json, shaped after Microsoft Learn, "Typeahead search in
// Adaptive Cards") and shows the results; the chosen value comes back in team.add / team.replace.

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/teams-invoke-application-search.json');
const SEARCH_RESPONSE = 'application/vnd.microsoft.search.searchResponse';
const ERROR = 'application/vnd.microsoft.error';

/** The team card as the first test reads it: the forms its buttons open. */
const TeamCard = z.object({
  actions: z.array(z.object({ card: z.object({ body: z.array(z.record(z.unknown())) }).optional() })),
});

let counter = 0;

/** An `application/search` invoke from `from` in their 1:1 chat; `value` replaces the fixture's value when given. */
function searchInvoke(t: TestBot, from: Person, value: unknown): TeamsActivity {
  const a = JSON.parse(readFileSync(FIXTURE, 'utf8')) as TeamsActivity;
  a.id = `f:search-${Date.now()}-${++counter}`;
  a.serviceUrl = t.connector.url;
  a.from = { id: `29:user-${from.aadObjectId}`, name: from.name, aadObjectId: from.aadObjectId };
  a.conversation.id = `a:personal-${from.aadObjectId}`;
  if (value === undefined) delete a.value;
  else a.value = value;
  return a;
}

describe('the team card typeahead: application/search over HTTP with a province-wide roster', () => {
  let t: TestBot;
  let rosterDir: string;
  beforeAll(async () => {
    rosterDir = mkdtempSync(join(tmpdir(), 'teammodel-roster-'));
    const file = join(rosterDir, 'roster.json');
    writeFileSync(file, JSON.stringify(largeRosterInput(200)));
    t = await startTestBot({ scheduler: false, env: { ROSTER_FILE: file } });
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(rosterDir, { recursive: true, force: true });
  });

  const caseFor = () => openCase(t.bot.ctx, { by: 'lt-arn', municipality: 'Arnhem' });
  const dataset = (ref: string, slot = 'add') => `team.candidates:${ref}:${slot}`;
  const ask = (who: string | Person, value: unknown) =>
    t.post(searchInvoke(t, typeof who === 'string' ? person(t, who) : who, value));

  it('the team card has a typeahead instead of 242 names, and stays far under the size limit', async () => {
    const c = caseFor();
    const res = await press(t, 'lt-arn', 'team.show', { caseRef: c.ref });
    expect(res.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    const card = invokeCard(res, TeamCard);
    const inputs = card.actions.flatMap((a) => a.card?.body ?? []);
    const add = inputs.find((i) => i.id === 'addMember')!;
    expect(add).toMatchObject({
      type: 'Input.ChoiceSet',
      style: 'filtered',
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: dataset(c.ref) },
    });
    expect(inputs.find((i) => i.id === 'replaceSuccessor')).toMatchObject({
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: dataset(c.ref, 'replace'), associatedInputs: 'auto' },
    });
    expect(allText(card)).not.toContain('Ünal');
    expect(cardSize(card).utf16).toBeLessThan(CARD_MESSAGE_BUDGET_BYTES / 4);
  });

  it('answers a search with results in the shape Teams expects: title as on the card, value the roster id', async () => {
    const c = caseFor();
    const res = await ask('lt-arn', {
      queryText: 'zoë ünal',
      queryOptions: { skip: 0, top: 15 },
      dataset: dataset(c.ref),
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: SEARCH_RESPONSE });
    const results = searchResults(res);
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(15);
    expect(results).toContainEqual({
      title: 'Lokaal Team: Zoë Ünal 1 (fictief) (Stichting Wijkteams Arnhem, uitvoerend professional)',
      value: 'extra-1',
    });
    for (const r of results) expect(r.title).toMatch(/Zoë Ünal/);
  });

  it('an empty or absent queryText gives the first page; skip pages on without repeating anyone', async () => {
    const c = caseFor();
    const first = searchResults(
      await ask('lt-arn', { queryText: '', queryOptions: { skip: 0, top: 15 }, dataset: dataset(c.ref) }),
    );
    const absent = searchResults(await ask('lt-arn', { dataset: dataset(c.ref) }));
    const second = searchResults(
      await ask('lt-arn', { queryText: '', queryOptions: { skip: 15, top: 15 }, dataset: dataset(c.ref) }),
    );
    expect(first).toHaveLength(15);
    expect(absent).toEqual(first);
    expect(second).toHaveLength(15);
    const values = [...first, ...second].map((r) => r.value);
    expect(new Set(values).size).toBe(30);
    for (const member of teamOf(t, c.id)) expect(values).not.toContain(member);
  });

  it('for a successor, with the card’s other inputs sent along: only the leaving member’s kind of organisation', async () => {
    const c = caseFor();
    const res = await ask('lt-arn', {
      queryText: '',
      queryOptions: { skip: 0, top: 15 },
      dataset: dataset(c.ref, 'replace'),
      data: { replaceMember: 'gi-arn', replaceReason: '' },
    });
    const results = searchResults(res);
    expect(results.length).toBe(15);
    for (const r of results) expect(r.title).toMatch(/^Gecertificeerde Instelling: /);
  });

  it('the value chosen from the search comes back in team.add and team.replace and is used as is', async () => {
    const c = caseFor();
    const found = searchResults(await ask('lt-arn', { queryText: 'Noor', dataset: dataset(c.ref) }));
    const chosen = found[0]!;
    const added = await press(t, 'lt-arn', 'team.add', {
      caseRef: c.ref,
      addMember: chosen.value,
      addReason: 'meer handen',
    });
    expect(added.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(teamOf(t, c.id)).toContain(chosen.value);

    const successor = searchResults(
      await ask('lead-gi-1', {
        queryText: 'jeugdbescherming',
        dataset: dataset(c.ref, 'replace'),
        data: { replaceMember: 'gi-arn' },
      }),
    )[0]!;
    const replaced = await press(t, 'lead-gi-1', 'team.replace', {
      caseRef: c.ref,
      replaceMember: 'gi-arn',
      replaceSuccessor: successor.value,
      replaceReason: 'verlof',
    });
    expect(replaced.body).toMatchObject({ statusCode: 200, type: CARD_TYPE });
    expect(teamOf(t, c.id)).toContain(successor.value);
    expect(teamOf(t, c.id)).not.toContain('gi-arn');
  });

  it('team.add and team.replace re-check that the person is still someone the card offers', async () => {
    const c = caseFor();
    const before = auditOf(t, c.id).length;
    const add = await press(t, 'lt-arn', 'team.add', { caseRef: c.ref, addMember: 'lt-ren', addReason: 'meekijken' });
    expect(add.body).toEqual({
      statusCode: 200,
      type: MESSAGE_TYPE,
      value:
        'Die persoon kan niet via de teamkaart bij deze casus komen. Open de teamkaart opnieuw en kies iemand uit de lijst.',
    });
    const replace = await press(t, 'lt-arn', 'team.replace', {
      caseRef: c.ref,
      replaceMember: 'lt-arn',
      replaceSuccessor: 'mgr-lt-arn',
      replaceReason: 'overname',
    });
    expect(answerText(replace)).toContain('Die persoon kan niet via de teamkaart bij deze casus komen.');
    expect(teamOf(t, c.id)).toEqual(['gi-arn', 'lt-arn', 'rvdk-arn', 'vt-arn']);
    expect(auditOf(t, c.id)).toHaveLength(before);
  });

  it('an outsider gets the usual refusal and no names; someone not in the roster gets 403', async () => {
    const c = caseFor();
    for (const ref of [c.ref, 'CG-ARN-2026-9999']) {
      const res = await ask('lt-ren', { queryText: '', dataset: dataset(ref) });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        statusCode: 403,
        type: ERROR,
        value: { code: 'Forbidden', message: NOT_FOUND_OR_NO_ACCESS },
      });
    }
    const stranger = await ask(DEMO.stranger, { queryText: '', dataset: dataset(c.ref) });
    expect(stranger.status).toBe(403);
    expect(stranger.text).not.toContain('fictief');
  });

  const BAD_SEARCH = 'Deze zoekvraag kan de bot niet lezen. Open de teamkaart opnieuw en zoek nog eens.';
  const NOT_OURS = 'Deze zoekvraag hoort niet bij een teamkaart van deze bot. Open de teamkaart opnieuw.';

  it.each<[string, (ref: string) => unknown, string]>([
    ['no value at all', () => undefined, BAD_SEARCH],
    ['a value that is not an object', () => 'zoek', BAD_SEARCH],
    ['no dataset', () => ({ queryText: 'noor', queryOptions: { skip: 0, top: 15 } }), BAD_SEARCH],
    [
      'an Action.Execute value under the search name',
      () => ({ action: { type: 'Action.Execute', verb: 'team.add', data: {} }, trigger: 'manual' }),
      BAD_SEARCH,
    ],
    ['a null dataset', () => ({ queryText: 'noor', dataset: null }), BAD_SEARCH],
    ['an array as value', () => [1, 2], BAD_SEARCH],
    ['a dataset that is a number', () => ({ queryText: 'noor', dataset: 42 }), BAD_SEARCH],
    ['a queryText that is a number', (ref) => ({ queryText: 7, dataset: dataset(ref) }), BAD_SEARCH],
    ['a skip that is a string', (ref) => ({ queryOptions: { skip: '15' }, dataset: dataset(ref) }), BAD_SEARCH],
    ['a negative top', (ref) => ({ queryOptions: { top: -1 }, dataset: dataset(ref) }), BAD_SEARCH],
    ['a fractional skip', (ref) => ({ queryOptions: { skip: 1.5 }, dataset: dataset(ref) }), BAD_SEARCH],
    ['another app’s dataset', () => ({ queryText: 'noor', dataset: 'npm' }), NOT_OURS],
    ['an unknown slot', (ref) => ({ queryText: 'noor', dataset: `team.candidates:${ref}:remove` }), NOT_OURS],
    ['a dataset without a case', () => ({ queryText: 'noor', dataset: 'team.candidates::add' }), NOT_OURS],
    [
      'a huge queryText',
      (ref) => ({ queryText: 'a'.repeat(20_000), dataset: dataset(ref) }),
      'Typ hooguit 100 tekens om iemand te zoeken.',
    ],
  ])('%s: a 400 with a Dutch sentence, never a 5xx', async (_label, value, message) => {
    const c = caseFor();
    const res = await ask('lt-arn', value(c.ref));
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, type: ERROR, value: { code: 'BadRequest', message } });
  });

  it('logs no typed text and writes nothing', async () => {
    const c = caseFor();
    const before = auditOf(t, c.id).length;
    await ask('lt-arn', { queryText: 'Özlem-zoekterm', dataset: dataset(c.ref) });
    expect(JSON.stringify(t.logger.records)).not.toContain('Özlem-zoekterm');
    expect(auditOf(t, c.id)).toHaveLength(before);
  });
});
