/** @jsxImportSource ./lite */
// drawn in the page without Preact (components/lite): its copy button keeps its own state in the button
import { Fragment } from './lite/jsx-runtime';
import type { Notice } from '../regulation/types';
import { t, type MessageKey } from '../shared/i18n';
import { describeDeadline } from './deadline';
import { copyText } from './copy';

interface Props {
  notice: Notice;
  /** Where a copy fallback may put its hidden textarea: the shadow root in a page, document elsewhere. */
  root: Node;
  today?: Date;
}

type Row = { key: MessageKey; value: string; copy?: boolean; href?: string };

/**
 * The notice's details as a definition list: deadline with days left, then every submission channel the
 * notice gives, each copyable. Rows the notice lacks are left out.
 */
export function NoticeDetails({ notice, root, today }: Props) {
  const d = describeDeadline(notice.deadline, today);
  const c = notice.channels;
  const rows: Row[] = [];
  if (notice.issuer) rows.push({ key: 'labelIssuer', value: notice.issuer });
  if (notice.published) rows.push({ key: 'labelPublished', value: notice.published });
  if (c.email) rows.push({ key: 'labelEmail', value: c.email, copy: true });
  if (c.subject) rows.push({ key: 'labelSubject', value: c.subject, copy: true });
  if (c.envelope) rows.push({ key: 'labelEnvelope', value: c.envelope, copy: true });
  if (c.address) rows.push({ key: 'labelAddress', value: c.address, copy: true });
  if (c.postcode) rows.push({ key: 'labelPostcode', value: c.postcode });
  if (c.phone) rows.push({ key: 'labelPhone', value: c.phone });
  if (c.fax) rows.push({ key: 'labelFax', value: c.fax });
  if (c.web) rows.push({ key: 'labelWeb', value: c.web });
  return (
    <dl class="notice">
      <dt>{t('labelDeadline')}</dt>
      <dd>
        <span class="deadline-date">{notice.deadline ?? '—'}</span>{' '}
        <span class={`deadline deadline-${d.tone}`} data-tone={d.tone}>
          {d.text}
        </span>
      </dd>
      {rows.map((r) => (
        <Fragment key={r.key}>
          <dt>{t(r.key)}</dt>
          <dd>
            <span class="value">{r.value}</span>
            {r.copy && <CopyLite text={r.value} what={t(r.key)} root={root} />}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}

/**
 * A "复制" button as CopyButton draws it, for the page's UI (no Preact state): it says for a moment in its own text
 * whether the copy worked (a redraw with the same text leaves that word in place).
 */
function CopyLite({ text, what, root }: { text: string; what: string; root: Node }) {
  return (
    <button
      type="button"
      class="copy"
      aria-label={t('actionCopyWhat', what)}
      onClick={async (e) => {
        const label = e.currentTarget.firstChild as Text | null;
        if (!label) return;
        label.data = (await copyText(text, root)) ? t('copied') : t('copyFailed');
        setTimeout(() => (label.data = t('actionCopy')), 1500);
      }}
    >
      {t('actionCopy')}
    </button>
  );
}
