import { describe, expect, it } from 'vitest';
import { commandText } from '../../../src/adapters/teams/command-text.js';

describe('commandText', () => {
  it('cleans mentions, &nbsp; and whitespace; only messages have one', () => {
    expect(commandText({ type: 'message', text: ' <at>Teammodel</at>&nbsp;casus   CG-ARN-2026-0001\n' })).toBe(
      'casus CG-ARN-2026-0001',
    );
    expect(commandText({ type: 'invoke', text: 'casus' })).toBeUndefined();
    expect(commandText({ type: 'message' })).toBeUndefined();
  });

  it('answers again for the same activity, and anew when its text changed in between', () => {
    const activity = { type: 'message', text: '<at>Teammodel</at> hulp' };
    expect(commandText(activity)).toBe('hulp');
    expect(commandText(activity)).toBe('hulp');
    activity.text = 'mijn casussen';
    expect(commandText(activity)).toBe('mijn casussen');
  });
});
