import { ActivityTypes, type Attachment, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { errorFields } from '../../../app/error-fields.js';
import type { Logger } from '../../../app/ports.js';
import { exportCaseHistory } from '../../../app/queries/export-case-history.js';
import type { LocalDate } from '../../../domain/local-date.js';
import { TURN_ERROR_TEXT } from '../bot-texts.js';
import { CASE_REF } from '../chat-command.js';
import type { BotApplication, RouteTools } from '../create-teams-bot.js';
import { currentMember } from '../current-member.js';
import { retryTurnWhenBusy } from '../retry-turn-when-busy.js';

// The inzage export as a file (docs/behaviour.md, "The inzage export"): in the person's own chat the bot offers the
// document as a file through a Teams file consent card. Teams asks the person; on "accept" it sends a
// `fileConsent/invoke` with an upload URL in their OneDrive, and the bot makes the document again at that moment (it
// keeps no copy), checks the access rule again, PUTs the bytes to that URL and answers with a file card. Only in a
// personal chat: Teams offers files to bots there only, and a family's data must not land in a shared channel.

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

export const PERSONAL_CHAT_ONLY_TEXT = 'Vraag het overzicht op in je persoonlijke chat met de bot.';
export const DECLINED_TEXT = 'Goed, er is geen bestand gemaakt.';
export const UPLOAD_FAILED_TEXT = (caseRef: string) =>
  `Het bestand kon niet in je OneDrive worden gezet. Probeer het later opnieuw met: casus ${caseRef} export`;
export const UPLOADED_TEXT = (caseRef: string) =>
  `Het inzage-overzicht van casus ${caseRef} staat als bestand in je OneDrive. Geef het aan het gezin volgens de inzageprocedure van je eigen organisatie.`;
export const STALE_TEXT = 'Dit bestand kan ik niet meer maken. Vraag het overzicht opnieuw op in deze chat.';

/** "inzage-CG-ARN-2026-0007-2026-12-02.txt": the case and the day it was made. */
export function exportFileName(caseRef: string, day: LocalDate): string {
  return `inzage-${caseRef}-${day}.txt`;
}

/**
 * The document as the file's bytes: UTF-8 with a byte order mark and Windows line ends, so that Notepad shows the
 * ë and the line breaks as they are (and every other editor too).
 */
export function exportFileBytes(document: string): Buffer {
  return Buffer.from(`\uFEFF${document.replace(/\r?\n/g, '\r\n')}`, 'utf8');
}

/** The consent card: Teams shows the file's name and size with its own "allow" and "decline" buttons. */
export function fileConsentAttachment(caseRef: string, fileName: string, sizeInBytes: number): Attachment {
  const context = { caseRef };
  return {
    contentType: FILE_CONSENT_CONTENT_TYPE,
    name: fileName,
    content: {
      description: `Inzage-overzicht van casus ${caseRef} als tekstbestand, om aan het gezin te geven.`,
      sizeInBytes,
      acceptContext: context,
      declineContext: context,
    },
  };
}

const uploadInfoSchema = z.object({
  name: z.string().min(1).max(300),
  uploadUrl: z.string().url(),
  contentUrl: z.string().url(),
  uniqueId: z.string().min(1).max(200),
  fileType: z.string().max(20).optional(),
});

const acceptSchema = z.object({
  action: z.literal('accept'),
  context: z.object({ caseRef: z.string().regex(CASE_REF) }),
  uploadInfo: uploadInfoSchema,
});

type UploadInfo = z.infer<typeof uploadInfoSchema>;

/** The file card Teams shows after the upload: the person opens or downloads the file from it. */
export function fileInfoAttachment(info: UploadInfo): Attachment {
  return {
    contentType: FILE_INFO_CONTENT_TYPE,
    contentUrl: info.contentUrl,
    name: info.name,
    content: { uniqueId: info.uniqueId, fileType: info.fileType ?? 'txt' },
  };
}

/**
 * Only over HTTPS (the upload URL Teams gives is a OneDrive upload session); plain HTTP to this machine itself is
 * allowed for the tests' fake upload server.
 */
export function mayUploadTo(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' || (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
    );
  } catch {
    return false;
  }
}

/** Puts the whole file into the upload session in one request (OneDrive accepts up to 60 MiB per request). */
export async function putFile(url: string, bytes: Buffer): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Range': `bytes 0-${bytes.length - 1}/${bytes.length}` },
    body: new Uint8Array(bytes),
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw Object.assign(new Error(`upload answered ${res.status}`), { statusCode: res.status });
}

const say = (context: TurnContext, text: string, attachments?: Attachment[]) =>
  context.sendActivity({
    type: ActivityTypes.Message,
    text,
    textFormat: 'plain',
    ...(attachments ? { attachments } : {}),
  });

const isDomainRefusal = (err: unknown): err is { code: string; userMessage: string } =>
  typeof (err as { code?: unknown })?.code === 'string' &&
  typeof (err as { userMessage?: unknown })?.userMessage === 'string';

/** The `fileConsent/invoke` routes (teams-ai answers the invoke with 200 once the handler is done). */
export function registerExportFileConsent(app: BotApplication, tools: RouteTools): void {
  const { ctx } = tools;
  const logger: Logger = tools.logger;

  app.fileConsentAccept(async (context, _state, response) => {
    const where = {
      activityType: context.activity.type,
      invokeName: context.activity.name,
      activityId: context.activity.id,
    };
    const actor = currentMember(context, ctx.roster);
    if (context.activity.conversation?.conversationType !== 'personal') {
      await say(context, PERSONAL_CHAT_ONLY_TEXT);
      return;
    }
    const parsed = acceptSchema.safeParse(response);
    if (!parsed.success || !mayUploadTo(parsed.data.uploadInfo.uploadUrl)) {
      logger.warn({ ...where, outcome: 'bad_file_consent' }, 'file consent answer not usable');
      await say(context, STALE_TEXT);
      return;
    }
    const { caseRef } = parsed.data.context;
    const info = parsed.data.uploadInfo;
    let document: string;
    try {
      // Made again now, by the access rule of now; the bot keeps no copy of it.
      document = await retryTurnWhenBusy(ctx, context, () =>
        Promise.resolve(exportCaseHistory(ctx, { by: actor.id, caseRef, as: 'file' })),
      );
    } catch (err) {
      // The turn error handler answers messages and card actions only; this invoke answers here.
      if (isDomainRefusal(err)) logger.warn({ ...where, code: err.code }, 'turn refused by a domain rule');
      else logger.error({ ...where, err: errorFields(err) }, 'turn failed');
      await say(context, isDomainRefusal(err) ? err.userMessage : TURN_ERROR_TEXT);
      return;
    }
    try {
      await putFile(info.uploadUrl, exportFileBytes(document));
    } catch (err) {
      const status = (err as { statusCode?: unknown })?.statusCode;
      logger.warn(
        {
          ...where,
          outcome: 'upload_failed',
          status: typeof status === 'number' ? status : undefined,
          err: errorFields(err),
        },
        'could not upload the export file',
      );
      await say(context, UPLOAD_FAILED_TEXT(caseRef));
      return;
    }
    logger.info({ ...where, outcome: 'export_file_uploaded' }, 'export file uploaded');
    await say(context, UPLOADED_TEXT(caseRef), [fileInfoAttachment(info)]);
  });

  app.fileConsentDecline(async (context) => {
    await say(context, DECLINED_TEXT);
  });
}
