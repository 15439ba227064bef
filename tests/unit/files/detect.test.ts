import { describe, expect, test } from 'vitest';
import { fileNameFromDisposition, kindFromName } from '../../../files/detect';

describe('the file name in a Content-Disposition answer', () => {
  test.each([
    ['attachment; filename="jinan-draft.pdf"', 'jinan-draft.pdf'],
    ['attachment;filename=2402181030003.pdf', '2402181030003.pdf'],
    ["attachment; filename*=UTF-8''%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81%E7%A8%BF.docx", '征求意见稿.docx'],
    ["attachment; filename=\"fallback.doc\"; filename*=utf-8''%E8%8D%89%E6%A1%88.wps", '草案.wps'],
    ['inline; filename="a \\"quoted\\" name.ofd"', 'a "quoted" name.ofd'],
    ["attachment; filename*=UTF-8''%E0%A4%A; filename=\"plain.pdf\"", 'plain.pdf'],
  ])('%s → %s', (header, name) => {
    expect(fileNameFromDisposition(header)).toBe(name);
  });

  test('no header, or one without a name, gives none; the name then tells the kind (a quoted name once did not)', () => {
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(fileNameFromDisposition('attachment')).toBeNull();
    expect(kindFromName('attachment; filename="jinan-draft.pdf"')).toBeNull();
    expect(kindFromName(fileNameFromDisposition('attachment; filename="jinan-draft.pdf"')!)).toBe('pdf');
  });
});
