/**
 * Checks the system programs a command needs (scripts/system-packages.txt) and installs the missing ones
 * the way `playwright install --with-deps` does: with apt-get when running as root on Debian/Ubuntu;
 * otherwise it prints the one command that does, and exits 1.
 *   tsx scripts/system-deps.ts start|test
 * CHROME_PATH / FIREFOX_PATH stand in for the Debian browsers when set (and their language packs are then
 * not asked for); nothing here downloads a browser or a font from anywhere but the system's package manager.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SystemPackage {
  name: string;
  /** An absolute path, or `font:<family>`. */
  proof: string;
  needs: string[];
}

/** The list in scripts/system-packages.txt (comments and blank lines skipped). */
export function systemPackages(file = resolve(import.meta.dirname, 'system-packages.txt')): SystemPackage[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => {
      const [name = '', proof = '', needs = ''] = l.split('\t');
      return { name, proof, needs: needs.split(',').map((s) => s.trim()) };
    });
}

/** The font families fontconfig knows, or null when it cannot be asked (no fontconfig yet). */
function fcList(): string | null {
  try {
    return execFileSync('fc-list', [':', 'family'], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

/**
 * The packages `command` needs that this machine lacks. Fonts are asked of fontconfig afresh on every call:
 * the check after an install must see the fonts the install just added.
 */
export function missingFor(command: string, listFonts: () => string | null = fcList): string[] {
  let fonts: string | null | undefined;
  const present = (p: SystemPackage): boolean => {
    if (p.name.startsWith('chromium') && process.env.CHROME_PATH) return true;
    if (p.name.startsWith('firefox-esr') && process.env.FIREFOX_PATH) return true;
    if (!p.proof.startsWith('font:')) return existsSync(p.proof);
    if (fonts === undefined) fonts = listFonts();
    return fonts !== null && fonts.toLowerCase().includes(p.proof.slice(5).toLowerCase());
  };
  return systemPackages()
    .filter((p) => p.needs.includes(command) && !present(p))
    .map((p) => p.name);
}

function main(): void {
  const command = process.argv[2] ?? 'test';
  const missing = missingFor(command);
  if (!missing.length) return;
  const line = `apt-get install -y ${missing.join(' ')}`;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get')) {
    console.log(`Installing what \`npm ${command}\` needs: ${missing.join(', ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env }) : update;
    if (install.status === 0 && !missingFor(command).length) return;
    console.error(`Could not install them. Run: sudo ${line}`);
    process.exit(1);
  }
  console.error(`\`npm ${command}\` needs system programs this machine lacks. Run:\n  sudo ${line}\n(or set CHROME_PATH / FIREFOX_PATH to your own browsers).`);
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
