import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingFor, systemPackages } from '../../../scripts/system-deps';

describe('system packages: one list for npm start, npm test, .ci/run and README', () => {
  const list = systemPackages();

  it('names a Debian package, a proof and the commands that need it on every line', () => {
    expect(list.length).toBeGreaterThanOrEqual(8);
    for (const p of list) {
      expect(p.name).toMatch(/^[a-z0-9][a-z0-9.+-]+$/);
      expect(p.proof.startsWith('/') || p.proof.startsWith('font:')).toBe(true);
      expect(p.needs.every((n) => n === 'start' || n === 'test')).toBe(true);
    }
    // what the letter's rendering tests and the browsers' tests run on
    for (const name of ['chromium', 'firefox-esr', 'libreoffice-writer-nogui', 'poppler-utils', 'fonts-noto-cjk'])
      expect(list.map((p) => p.name)).toContain(name);
  });

  it('is the list .ci/run installs from, and README names every package on it', () => {
    expect(readFileSync('.ci/run', 'utf8')).toContain('scripts/system-packages.txt');
    const readme = readFileSync('README.md', 'utf8');
    for (const p of list) expect(readme, p.name).toContain(`\`${p.name}\``);
  });

  it('is checked before npm start and npm test', () => {
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/^tsx scripts\/system-deps\.ts start && /);
    expect(scripts.test).toMatch(/^tsx scripts\/system-deps\.ts test && /);
    // the benchmark drives the same browsers and office tools
    expect(scripts.bench).toMatch(/^tsx scripts\/system-deps\.ts test && /);
  });

  it('asks fontconfig afresh on each check, so the check after an install sees the fonts it added', () => {
    const fonts = list.filter((p) => p.proof.startsWith('font:') && p.needs.includes('test'));
    expect(fonts.length).toBeGreaterThan(0);
    const families = fonts.map((p) => p.proof.slice(5)).join('\n');
    let asked = 0;
    const before = missingFor('test', () => (asked++, ''));
    for (const p of fonts) expect(before).toContain(p.name);
    const after = missingFor('test', () => (asked++, families));
    for (const p of fonts) expect(after).not.toContain(p.name);
    expect(asked).toBe(2);
    // no fontconfig at all: the fonts count as missing
    for (const p of fonts) expect(missingFor('test', () => null)).toContain(p.name);
  });
});
