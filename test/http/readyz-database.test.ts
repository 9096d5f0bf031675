import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/start-test-bot.js';

// /readyz says "not ready" when the database file under the running bot was moved away or replaced: its writes
// would go to a file nobody reads (a restore done without stopping the bot, a volume swapped underneath).

describe('GET /readyz and the database file', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ scheduler: false });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('is 200 while the file is the one opened, 503 once it is moved away, 200 again when it is back', async () => {
    const file = join(t.dir, 'bot.sqlite');
    expect((await t.get('/readyz')).status).toBe(200);
    renameSync(file, `${file}.aside`);
    const moved = await t.get('/readyz');
    expect([moved.status, moved.body]).toEqual([503, { status: 'not_ready' }]);
    renameSync(`${file}.aside`, file);
    expect((await t.get('/readyz')).status).toBe(200);
  });
});
