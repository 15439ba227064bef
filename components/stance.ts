import type { AnchorStatus } from '../anchoring/types';
import type { Stance } from '../storage/schema';
import { t, type MessageKey } from '../shared/i18n';

const STANCE_KEYS: Record<Stance, MessageKey> = {
  modify: 'stanceModify',
  delete: 'stanceDelete',
  add: 'stanceAdd',
  keep: 'stanceKeep',
  question: 'stanceQuestion',
  support: 'stanceSupport',
};

/** The stance as the reviewer reads it (修改, 删除 …). */
export function stanceLabel(stance: Stance): string {
  return t(STANCE_KEYS[stance]);
}

const ANCHOR_KEYS: Record<AnchorStatus, MessageKey> = {
  exact: 'anchorExact',
  moved: 'anchorMoved',
  changed: 'anchorChanged',
  unplaced: 'anchorUnplaced',
};

/** What re-anchoring found, in words (条文已移动, 未能定位 …). */
export function anchorLabel(status: AnchorStatus): string {
  return t(ANCHOR_KEYS[status]);
}
