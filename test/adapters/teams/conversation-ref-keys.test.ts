import { describe, expect, it } from 'vitest';
import { conversationRefKeys, teamRefKey, userRefKey } from '../../../src/adapters/teams/conversation-ref-keys.js';
import { commandText } from '../../../src/adapters/teams/command-text.js';
import {
  BOT_ACCOUNT_ID,
  cardAction,
  channelMessage,
  installationUpdate,
  membersAdded,
  personalMessage,
  TEAM_ID,
  TENANT_ID,
} from '../../support/teams-activity.js';

const person = { aadObjectId: '00000000-0000-4000-8000-000000000016' };
const serviceUrl = 'https://smba.trafficmanager.net/emea/';

describe('conversationRefKeys', () => {
  it('gives user:<aad> for personal messages, card actions, installs and membersAdded', () => {
    for (const a of [
      personalMessage('hulp', { from: person, serviceUrl }),
      cardAction('x', {}, { from: person, serviceUrl }),
      installationUpdate({ from: person, serviceUrl, scope: 'personal' }),
      membersAdded({ from: person, serviceUrl, scope: 'personal' }),
    ]) {
      expect([...conversationRefKeys(a).keys()]).toEqual([userRefKey(person.aadObjectId)]);
    }
  });

  it('gives nothing for an uninstall or for a channel message', () => {
    expect(
      conversationRefKeys(installationUpdate({ from: person, serviceUrl, scope: 'personal', action: 'remove' })).size,
    ).toBe(0);
    expect(conversationRefKeys(channelMessage('hulp', { from: person, serviceUrl })).size).toBe(0);
  });

  it('gives team:<teamId> for a team install, and for membersAdded only when the bot is the one added', () => {
    expect([...conversationRefKeys(installationUpdate({ from: person, serviceUrl, scope: 'team' })).keys()]).toEqual([
      teamRefKey(TEAM_ID),
    ]);
    expect([...conversationRefKeys(membersAdded({ from: person, serviceUrl, scope: 'team' })).keys()]).toEqual([
      teamRefKey(TEAM_ID),
    ]);
    expect(
      conversationRefKeys(
        membersAdded({ from: person, serviceUrl, scope: 'team', members: [{ id: '29:someone-else' }] }),
      ).size,
    ).toBe(0);
  });

  it('stores ids only: no name of the person, the bot, a group chat, a channel or a team', () => {
    // Issue 15, item 4: Teams sends the names of channels and group chats (typed by people, and they may name a
    // family) in conversation.name and channelData, and display names in from/recipient.name.
    const chatName = 'Gezin Jansen - Kerkstraat 12';
    const personal = personalMessage('hulp', { from: { ...person, name: 'Pien Meijer (fictief)' }, serviceUrl });
    personal.conversation.name = chatName;
    personal.conversation.properties = { topic: chatName };
    const install = installationUpdate({
      from: { ...person, name: 'Pien Meijer (fictief)' },
      serviceUrl,
      scope: 'team',
    });
    install.conversation.name = chatName;
    install.channelData.channel.name = chatName;
    install.channelData.team.name = chatName;
    const refs = [...conversationRefKeys(personal).values(), ...conversationRefKeys(install).values()];
    expect(refs).toHaveLength(2);
    for (const ref of refs) {
      const json = JSON.stringify(ref);
      expect(json).not.toContain(chatName);
      expect(json).not.toContain('fictief');
      expect(json).not.toContain('Teammodel'); // the bot's display name
      expect(json).not.toMatch(/"name"|"properties"|"locale"/);
    }
    expect(refs[0]).toEqual({
      channelId: 'msteams',
      serviceUrl,
      bot: { id: BOT_ACCOUNT_ID },
      conversation: {
        id: personal.conversation.id,
        conversationType: 'personal',
        tenantId: TENANT_ID,
      },
      user: { id: personal.from.id, aadObjectId: person.aadObjectId },
    });
    expect(refs[1]).toEqual({
      channelId: 'msteams',
      serviceUrl,
      bot: { id: BOT_ACCOUNT_ID },
      conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    });
  });

  it('keys people by their object id in lower case', () => {
    expect(userRefKey(' ABCDEF00-0000-4000-8000-000000000016 ')).toBe('user:abcdef00-0000-4000-8000-000000000016');
  });
});

describe('commandText', () => {
  it.each([
    ['  hulp \n', 'hulp'],
    ['<at>Teammodel</at> casus   nieuw&nbsp;Renkum', 'casus nieuw Renkum'],
    ['casus\u00a0CG-REN-2026-0007', 'casus CG-REN-2026-0007'],
  ])('%j → %j', (text, expected) => {
    expect(commandText({ type: 'message', text })).toBe(expected);
  });

  it('is undefined for anything but a message with text', () => {
    expect(commandText({ type: 'invoke', text: 'hulp' })).toBeUndefined();
    expect(commandText({ type: 'message' })).toBeUndefined();
  });
});
