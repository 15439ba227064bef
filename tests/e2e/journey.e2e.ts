import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { JOURNEY_NOTES, reviewerJourney } from '../../scripts/lib/journey';
import { launchWithExtension, type ExtensionBrowser } from '../../scripts/lib/launch';
import { startFixtureServer, type FixtureServer } from '../../scripts/lib/server';

let server: FixtureServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  server = await startFixtureServer();
  browser = await launchWithExtension({ port: server.port });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("the reviewer's way through (Chromium)", () => {
  test('from opening the draft to holding the .eml with three notes on three articles in at most 15 actions', async () => {
    const { actions, eml, emlName } = await reviewerJourney(browser);
    expect(actions.length).toBeLessThanOrEqual(15);
    expect(emlName).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见.eml');
    const mail = await simpleParser(eml);
    expect(mail.subject).toBe('《济南市数字经济促进条例(征求意见稿)》修改意见');
    for (const { label, text } of JOURNEY_NOTES) {
      expect(mail.text).toContain(label);
      expect(mail.text).toContain(text.replace(/^建议/, '')); // the letter may phrase the opening itself
    }
  });
});
