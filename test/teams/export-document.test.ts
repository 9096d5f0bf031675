import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS } from '../../src/adapters/teams/pilot/export-case-command.js';
import {
  DECLINED_TEXT,
  FILE_CONSENT_CONTENT_TYPE,
  FILE_INFO_CONTENT_TYPE,
  PERSONAL_CHAT_ONLY_TEXT,
  STALE_TEXT,
  UPLOAD_FAILED_TEXT,
  UPLOADED_TEXT,
  exportFileBytes,
  mayUploadTo,
} from '../../src/adapters/teams/pilot/export-file-consent.js';
import { raiseEscalation } from '../../src/app/escalations/raise-escalation.js';
import { openCase } from '../../src/app/open-case.js';
import { recordEvent } from '../../src/app/record-event.js';
import type { Clock } from '../../src/app/ports.js';
import { NOT_FOUND_OR_NO_ACCESS } from '../../src/domain/domain-error.js';
import { startFakeUploadServer, type FakeUploadServer } from '../support/fake-upload-server.js';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';
import { cardAction, personalConversationId, personalMessage } from '../support/teams-activity.js';
import { auditOf, person, say, sayInChannel } from './case-test-kit.js';

// Issue 16, item 6: the inzage export "offered as a downloadable file from the personal chat (file consent card) or as
// a readable card". Over HTTP as Teams sends it, on real SQLite, with a fake OneDrive upload session: the personal
// chat gets the document and the consent card; a channel or a group chat never gets the document; accepting uploads
// a file made at that moment whose text is the document; declining makes nothing.

/** A clock that stands still unless the test moves it: the document's "Opgesteld op …" is the same on both sides. */
function frozenClock(iso: string): Clock & { set(iso: string): void } {
  let now = Date.parse(iso);
  return { now: () => now, set: (to) => void (now = Date.parse(to)) };
}

const DOC_CODES = /\d{4}-\d{2}-\d{2}|[{}]|\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b|PROFESSIONAL_DILEMMA|\bH5\b/;

/** The document as the chat shows it: every part without its header, joined again. */
const documentOf = (replies: Array<Record<string, unknown>>) =>
  replies
    .filter((r) => !r.attachments)
    .map((r) => String(r.text).split('\n\n').slice(1).join('\n\n'))
    .join('\n');

describe('casus <ref> export in Teams: the document in the personal chat, as text and as a file', () => {
  const clock = frozenClock('2026-12-02T10:00:00+01:00'); // a Wednesday
  let t: TestBot;
  let upload: FakeUploadServer;
  let ref: string;
  let caseId: number;
  const fileName = () => `inzage-${ref}-2026-12-02.txt`;
  const exports = () => auditOf(t, caseId).filter((a) => a.action === 'case.exported');

  /** The fileConsent/invoke Teams sends when the person presses allow or decline on the consent card. */
  function consentAnswer(who: string, value: Record<string, unknown>) {
    const a = cardAction('unused', {}, { from: person(t, who), serviceUrl: t.connector.url });
    a.name = 'fileConsent/invoke';
    a.value = { type: 'fileUpload', ...value };
    return a;
  }
  const uploadInfo = (name = fileName(), uploadUrl = upload.uploadUrl(name)) => ({
    contentUrl: `https://contoso.sharepoint.com/personal/pien/Documents/Applications/Teammodel/${name}`,
    name,
    uploadUrl,
    uniqueId: '1150D938-8870-4044-9F2C-5BBDEBA70C8C',
    fileType: 'txt',
    etag: '1',
  });
  const accept = (who: string, caseRef = ref, info = uploadInfo()) =>
    t.post(consentAnswer(who, { action: 'accept', context: { caseRef }, uploadInfo: info }));
  const chatOf = (who: string) => personalConversationId(person(t, who));

  beforeAll(async () => {
    t = await startTestBot({ clock, scheduler: false });
    upload = await startFakeUploadServer();
    const ctx = t.bot.ctx;
    ({ ref, id: caseId } = openCase(ctx, { by: 'lt-arn', municipality: 'Arnhem' }));
    recordEvent(ctx, { by: 'vt-arn', caseRef: ref, event: 'melding_received' });
    recordEvent(ctx, {
      by: 'rvdk-arn',
      caseRef: ref,
      event: 'measure_pronounced',
      fields: { measure: 'OTS', months: 12 },
    });
    raiseEscalation(ctx, {
      by: 'lt-arn',
      caseRef: ref,
      trigger: 'PROFESSIONAL_DILEMMA',
      question: 'Wie neemt de regie?',
      orgs: ['LT', 'GI'],
    });
  });
  afterAll(async () => {
    await t?.stop();
    await upload?.close();
  });
  beforeEach(() => {
    upload.uploads.length = 0;
  });

  it('the personal chat gets the document in Dutch, then a file consent card for it', async () => {
    const before = exports().length;
    const replies = await say(t, 'lt-arn', `casus ${ref} export`);
    expect(replies).toHaveLength(2);
    const [doc, offer] = replies as [Record<string, any>, Record<string, any>];
    expect(doc.textFormat).toBe('plain');
    expect(String(doc.text).length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(String(doc.text)).toMatch(
      new RegExp(`^Inzage-overzicht \\(AVG art\\. 15\\) van casus ${ref}, om aan het gezin`),
    );
    const document = documentOf(replies);
    expect(document.split('\n')[0]).toBe(`Inzage-overzicht casus ${ref}`);
    expect(document).toContain('Opgesteld op woensdag 2 december 2026 om 10:00, op verzoek van Pien Meijer (fictief)');
    expect(document).toContain(
      '— Maatregel uitgesproken door de rechter: Ondertoezichtstelling (OTS), voor 12 maanden. Vastgelegd door Tess de Groot (fictief) (Raad voor de Kinderbescherming regio Arnhem).',
    );
    expect(document).toContain('- Escalatie 1: Professioneel dilemma (verschil van inzicht).');
    expect(document).toContain('Pien Meijer (fictief) (Stichting Wijkteams Arnhem) opende de casus.');
    expect(document).not.toMatch(DOC_CODES);

    // The offer: a Teams file consent card with the file's name and size; only the case travels in its context.
    expect(offer.text).toContain('als bestand');
    expect(offer.attachments).toEqual([
      {
        contentType: FILE_CONSENT_CONTENT_TYPE,
        name: fileName(),
        content: {
          description: `Inzage-overzicht van casus ${ref} als tekstbestand, om aan het gezin te geven.`,
          sizeInBytes: exportFileBytes(document).length,
          acceptContext: { caseRef: ref },
          declineContext: { caseRef: ref },
        },
      },
    ]);
    expect(exports()).toHaveLength(before + 1);
    expect(upload.uploads).toEqual([]);
  });

  it('accepting uploads the file, made at that moment: its text is the document, UTF-8 with a BOM; then a file card', async () => {
    const document = documentOf(await say(t, 'lt-arn', `casus ${ref} export`));
    const sentBefore = t.repliesTo(chatOf('lt-arn')).length;
    const res = await accept('lt-arn');
    expect(res.status).toBe(200);

    expect(upload.uploads).toHaveLength(1);
    const put = upload.uploads[0]!;
    expect(put.method).toBe('PUT');
    expect(put.path).toBe(`/upload-session/${encodeURIComponent(fileName())}`);
    expect(put.headers['content-range']).toBe(`bytes 0-${put.body.length - 1}/${put.body.length}`);
    expect(put.headers['content-length']).toBe(String(put.body.length));
    // The file is the document, made again on accept: the chat's document plus the audit line of that very export.
    const exportLine = `- woensdag 2 december 2026 om 10:00 — Pien Meijer (fictief) (Stichting Wijkteams Arnhem) vroeg een inzage-overzicht van de casus op. Reden: inzageverzoek (AVG art. 15).`;
    const lines = document.split('\n');
    const expected = [...lines.slice(0, -2), exportLine, ...lines.slice(-2)].join('\n');
    expect([...put.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(put.body.toString('utf8')).toBe(`\uFEFF${expected.replace(/\n/g, '\r\n')}`);

    // The person gets the file card Teams shows for an uploaded file.
    const sent = t.repliesTo(chatOf('lt-arn')).slice(sentBefore);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      text: UPLOADED_TEXT(ref),
      attachments: [
        {
          contentType: FILE_INFO_CONTENT_TYPE,
          name: fileName(),
          contentUrl: uploadInfo().contentUrl,
          content: { uniqueId: uploadInfo().uniqueId, fileType: 'txt' },
        },
      ],
    });
    // Each copy that leaves the bot is in the audit log; the file's says so.
    expect(exports().at(-1)).toMatchObject({ actor: 'lt-arn', reason: 'inzageverzoek (AVG art. 15), als bestand' });
  });

  it('the file keeps the Dutch letters: a ë in the document is a ë in the file', async () => {
    const ctx = t.bot.ctx;
    recordEvent(ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdhulp_started' });
    recordEvent(ctx, { by: 'gi-arn', caseRef: ref, event: 'jeugdhulp_ended' }); // "Jeugdhulp beëindigd"
    expect((await accept('lt-arn')).status).toBe(200);
    const text = upload.uploads[0]!.body.toString('utf8');
    expect(text).toContain('— Jeugdhulp beëindigd. Vastgelegd door Sem Jansen (fictief)');
    expect(Buffer.from('ë', 'utf8').length).toBe(2);
    expect(upload.uploads[0]!.body.includes(Buffer.from('beëindigd', 'utf8'))).toBe(true);
  });

  it('declining sends a short Dutch line; nothing is made, uploaded or logged', async () => {
    const before = exports().length;
    const sentBefore = t.repliesTo(chatOf('lt-arn')).length;
    const res = await t.post(consentAnswer('lt-arn', { action: 'decline', context: { caseRef: ref } }));
    expect(res.status).toBe(200);
    expect(
      t
        .repliesTo(chatOf('lt-arn'))
        .slice(sentBefore)
        .map((a) => a.text),
    ).toEqual([DECLINED_TEXT]);
    expect(upload.uploads).toEqual([]);
    expect(exports()).toHaveLength(before);
  });

  it('a failed upload is said in Dutch, with how to try again', async () => {
    upload.failNext(1, 500);
    const sentBefore = t.repliesTo(chatOf('lt-arn')).length;
    expect((await accept('lt-arn')).status).toBe(200);
    expect(upload.uploads).toHaveLength(1);
    expect(
      t
        .repliesTo(chatOf('lt-arn'))
        .slice(sentBefore)
        .map((a) => a.text),
    ).toEqual([UPLOAD_FAILED_TEXT(ref)]);
  });

  it('an accept checks the access rule again: someone off the case gets the need-to-know answer and no file', async () => {
    const before = exports().length;
    const sentBefore = t.repliesTo(chatOf('lt-doe')).length;
    expect((await accept('lt-doe')).status).toBe(200);
    expect(
      t
        .repliesTo(chatOf('lt-doe'))
        .slice(sentBefore)
        .map((a) => a.text),
    ).toEqual([NOT_FOUND_OR_NO_ACCESS]);
    expect(upload.uploads).toEqual([]);
    expect(exports()).toHaveLength(before);
  });

  it('the document goes only to an HTTPS upload session (or this machine in tests); anything else is refused', async () => {
    expect(mayUploadTo('https://contoso-my.sharepoint.com/personal/x/_api/v2.0/drive/uploadSession?guid=1')).toBe(true);
    expect(mayUploadTo('http://127.0.0.1:4000/upload')).toBe(true);
    expect(mayUploadTo('http://example.org/upload')).toBe(false);
    expect(mayUploadTo('not a url')).toBe(false);
    const sentBefore = t.repliesTo(chatOf('lt-arn')).length;
    expect((await accept('lt-arn', ref, uploadInfo(fileName(), 'http://example.org/upload'))).status).toBe(200);
    expect(
      t
        .repliesTo(chatOf('lt-arn'))
        .slice(sentBefore)
        .map((a) => a.text),
    ).toEqual([STALE_TEXT]);
    expect(upload.uploads).toEqual([]);
  });

  it('in a channel the bot makes no document: it says to ask in the personal chat', async () => {
    const before = exports().length;
    const { activity, res } = await sayInChannel(t, 'lt-arn', `casus ${ref} export`);
    expect(res.status).toBe(200);
    const replies = t.repliesTo(activity.conversation.id as string);
    expect(replies.map((r) => r.text)).toEqual([PERSONAL_CHAT_ONLY_TEXT]);
    expect(replies.some((r) => r.attachments)).toBe(false);
    expect(exports()).toHaveLength(before);
  });

  it('in a group chat neither, and an accept that arrives from one uploads nothing', async () => {
    const before = exports().length;
    const chat = personalMessage(`casus ${ref} export`, { from: person(t, 'lt-arn'), serviceUrl: t.connector.url });
    chat.conversation = {
      conversationType: 'groupChat',
      tenantId: chat.conversation.tenantId,
      id: '19:groepschat-inzage@thread.v2',
      isGroup: true,
    };
    expect((await t.post(chat)).status).toBe(200);
    expect(t.repliesTo('19:groepschat-inzage@thread.v2').map((r) => r.text)).toEqual([PERSONAL_CHAT_ONLY_TEXT]);
    const answer = consentAnswer('lt-arn', { action: 'accept', context: { caseRef: ref }, uploadInfo: uploadInfo() });
    answer.conversation = chat.conversation;
    expect((await t.post(answer)).status).toBe(200);
    expect(t.repliesTo('19:groepschat-inzage@thread.v2').map((r) => r.text)).toEqual([
      PERSONAL_CHAT_ONLY_TEXT,
      PERSONAL_CHAT_ONLY_TEXT,
    ]);
    expect(upload.uploads).toEqual([]);
    expect(exports()).toHaveLength(before);
  });

  it('a stranger sees nothing of it: the need-to-know answer, no document, no card', async () => {
    expect((await say(t, 'lt-doe', `casus ${ref} export`)).map((r) => r.text)).toEqual([NOT_FOUND_OR_NO_ACCESS]);
  });
});
