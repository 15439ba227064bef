import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../../shared/i18n';

interface Command {
  name?: string;
  description?: string;
  shortcut?: string;
}

/** Chrome's page for extension shortcuts; Firefox opens its own with commands.openShortcutSettings(). */
const CHROME_SHORTCUTS = 'chrome://extensions/shortcuts';

/**
 * The keyboard commands as the browser has them now (the reviewer may have changed or cleared keys), and a
 * button to the browser's shortcut settings, where they are changed.
 */
export function Shortcuts() {
  const [commands, setCommands] = useState<Command[] | null>(null);
  useEffect(() => {
    browser.commands
      .getAll()
      .then((all) => setCommands(all.filter((c) => c.name && !c.name.startsWith('_'))))
      .catch(() => setCommands([]));
  }, []);
  const openSettings = () => {
    const c = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
    if (c.openShortcutSettings) void c.openShortcutSettings();
    else void browser.tabs.create({ url: CHROME_SHORTCUTS });
  };
  return (
    <section aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">{t('optionsShortcutsHeading')}</h2>
      <p class="hint">{t('optionsShortcutsIntro')}</p>
      {commands === null ? (
        <p class="hint">{t('optionsShortcutsLoading')}</p>
      ) : (
        <table class="shortcuts">
          <thead>
            <tr>
              <th scope="col">{t('optionsShortcutsAction')}</th>
              <th scope="col">{t('optionsShortcutsKeys')}</th>
            </tr>
          </thead>
          <tbody>
            {commands.map((c) => (
              <tr key={c.name} data-command={c.name}>
                <td>{c.description}</td>
                <td>{c.shortcut ? <kbd>{c.shortcut}</kbd> : <span class="hint">{t('optionsShortcutsNone')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="actions">
        <button type="button" onClick={openSettings}>
          {t('optionsShortcutsChange')}
        </button>
      </div>
    </section>
  );
}
