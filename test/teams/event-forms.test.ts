import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventFieldsOf } from '../../src/app/events/event-fields.js';
import { dutchDate } from '../../src/adapters/teams/cards/card-kit.js';
import { EVENT_LABELS } from '../../src/adapters/teams/case/case-labels.js';
import { addDays } from '../../src/domain/local-date.js';
import { OFFERED_EVENTS } from '../../src/adapters/teams/case/case-card-forms.js';
import { CASE_EVENTS } from '../../src/domain/timer-rules.js';
import { z } from 'zod';
import { attachedCard, invokeCard } from '../support/bot-answer.js';
import type { PostResult, TestBot } from '../support/start-test-bot.js';
import { allText, answerText, arnhemCase, auditOf, press, say, startCaseBot, teamOf } from './case-test-kit.js';

// "Gebeurtenis vastleggen" in two steps over Teams-shaped HTTP: the chooser of events, then the form of one event with
// exactly the fields the use case requires (src/app/events/event-fields.ts). `consult <ref>` opens the consultation
// form directly. Recording goes through the same use case as the replay.

const Action = z.object({
  title: z.string(),
  verb: z.string().optional(),
  data: z.record(z.unknown()).optional(),
  associatedInputs: z.string().optional(),
});
const Input = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  isRequired: z.boolean().optional(),
  choices: z.array(z.object({ title: z.string(), value: z.string() })).optional(),
});
/** An event form as this test reads it: inputs, button rows (ActionSet) and the card's own buttons. */
const Card = z.object({
  body: z.array(Input.extend({ actions: z.array(Action).optional() })),
  actions: z.array(Action).optional(),
});
type Card = z.infer<typeof Card>;

const cardValue = (res: PostResult) => invokeCard(res, Card);
const inputsOf = (card: Card) => card.body.filter((i) => i.id && i.type?.startsWith('Input.'));
const bodyButtons = (card: Card) => card.body.flatMap((i) => (i.type === 'ActionSet' ? (i.actions ?? []) : []));

describe('event forms in two steps, and consult <ref>', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startCaseBot();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('the chooser offers every event but the expert team (engaged from the escalation card) as its own button', async () => {
    const c = arnhemCase(t);
    const chooser = cardValue(await press(t, 'lt-arn', 'case.eventForm', { caseRef: c.ref }));
    expect(inputsOf(chooser)).toEqual([]);
    const buttons = bodyButtons(chooser);
    expect(buttons.map((b) => b.data?.event).sort()).toEqual(CASE_EVENTS.filter((e) => e !== 'ret_engaged').sort());
    for (const b of buttons) {
      expect(b.verb).toBe('case.eventForm');
      expect(b.title).toBe(EVENT_LABELS[b.data!.event as keyof typeof EVENT_LABELS]);
      expect(b.data!.caseRef).toBe(c.ref);
    }
    // The way out sends no inputs and so is never blocked by an empty required field.
    expect(chooser.actions).toEqual([expect.objectContaining({ verb: 'case.show', associatedInputs: 'none' })]);
  });

  it("each event's form asks for exactly the use case's fields, required where the use case requires them", async () => {
    const c = arnhemCase(t);
    for (const event of OFFERED_EVENTS) {
      const form = cardValue(await press(t, 'lt-arn', 'case.eventForm', { caseRef: c.ref, event }));
      const specs = eventFieldsOf(event);
      expect(
        inputsOf(form).map((i) => [i.id, i.isRequired ?? false]),
        event,
      ).toEqual(specs.map((s) => [s.field, s.required]));
      expect(form.actions?.map((a) => [a.verb, a.data])).toEqual([
        ['case.recordEvent', { caseRef: c.ref, event }],
        ['case.show', { caseRef: c.ref }],
      ]);
    }
  });

  it('a form field left out is refused in Dutch and changes nothing; filled in, the event is recorded', async () => {
    const c = arnhemCase(t);
    const eventsBefore = t.bot.ctx.store.cases.events(c.id).length;
    const refused = await press(t, 'lt-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'jeugdhulp_decided',
      outcome: 'declined',
      reason: '',
    });
    expect(answerText(refused)).toContain('Geef bij een afwijzing de reden.');
    const noMeasure = await press(t, 'gi-arn', 'case.recordEvent', { caseRef: c.ref, event: 'measure_pronounced' });
    expect(answerText(noMeasure)).toContain('Kies de maatregel (OTS, voorlopige OTS, MUHP of voogdij).');
    expect(t.bot.ctx.store.cases.events(c.id).length).toBe(eventsBefore);

    const ok = await press(t, 'gi-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'measure_pronounced',
      measure: 'OTS',
      months: '',
    });
    expect(answerText(ok)).toContain(`Vastgelegd: ${EVENT_LABELS.measure_pronounced}.`);
    expect(answerText(ok)).toContain('Wacht op jeugdbeschermer sinds');
    expect(t.bot.ctx.store.cases.events(c.id).map((e) => e.event)).toContain('measure_pronounced');
    expect(answerText(ok)).toContain('Overbrugging: nog niet afgesproken.');

    // Who bridges until the jeugdbeschermer comes shows under the waiting line; T6 keeps running.
    const today = t.bot.ctx.calendar.localDate(t.bot.ctx.clock.now());
    const until = addDays(today, 10);
    const bridged = await press(t, 'lt-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'bridging_agreed',
      member: 'vt-arn',
      until,
    });
    const vt = t.bot.ctx.roster.member('vt-arn')!;
    expect(answerText(bridged)).toContain(`Overbrugging: ${vt.name} (${vt.orgName}) tot ${dutchDate(until)}.`);
    expect(t.bot.ctx.store.timers.open(c.id, 'T6')).toHaveLength(1);
  });

  it('consult <ref> offers only people of another organisation, adds the one asked to the team and says so', async () => {
    const c = arnhemCase(t);
    const [reply] = await say(t, 'lt-arn', `consult ${c.ref}`);
    const form = attachedCard(reply, Card);
    expect(allText(form)).toContain('Wie wil je consulteren?');
    const people = inputsOf(form).find((i) => i.id === 'member')?.choices ?? [];
    expect(people.length).toBeGreaterThan(0);
    const orgOf = (id: string) => t.bot.ctx.roster.member(id)!.org;
    expect(people.every((p) => orgOf(p.value) !== 'LT')).toBe(true);
    // The RvdK's gedragswetenschapper-like colleague or any professional of another organisation not on the case.
    const outsider = people.find((p) => !teamOf(t, c.id).includes(p.value));
    expect(outsider, 'someone not on the case yet').toBeDefined();

    const answer = await press(t, 'lt-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'consult_requested',
      member: outsider!.value,
    });
    expect(answerText(answer)).toContain('Vastgelegd: ');
    expect(answerText(answer)).toContain('krijgt een bericht dat je om advies vraagt');
    expect(teamOf(t, c.id)).toContain(outsider!.value);
    expect(auditOf(t, c.id).filter((e) => e.action === 'event.recorded')).toHaveLength(1);

    // Someone of one's own organisation is refused, whatever the form offered.
    const own = await press(t, 'lt-arn', 'case.recordEvent', {
      caseRef: c.ref,
      event: 'consult_requested',
      member: 'gw-lt-arn',
    });
    expect(answerText(own)).toContain('Consulteer iemand van een andere organisatie.');
    expect(teamOf(t, c.id)).not.toContain('gw-lt-arn');
  });

  it('consult of an unknown case and of a case one has no part in read the same', async () => {
    const c = arnhemCase(t);
    const texts = async (text: string) => (await say(t, 'lt-doe', text)).map((r) => r.text);
    const stranger = await texts(`consultatie ${c.ref}`);
    const unknown = await texts('consultatie CG-ARN-2099-9999');
    expect(stranger).toEqual(unknown);
    expect(stranger).toEqual(['Casus niet gevonden of geen toegang.']);
    expect(allText(await say(t, 'lt-arn', 'consult'))).toContain('Gebruik: consult <ref>');
  });
});
