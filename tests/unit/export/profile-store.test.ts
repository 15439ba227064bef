import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { PROFILE_KEY, loadProfile, profileProblems, saveProfile, watchProfile } from '../../../components/profile-store';
import { PROFILE_FIELD_MAX_CHARS, emptyProfile, type Profile } from '../../../letter';

const zhang: Profile = {
  name: '张明',
  organisation: '济南市软件行业协会',
  phone: '0531-88886666',
  email: 'zhangming@example.com',
  address: '山东省济南市历下区经十路100号',
};

describe('the stored profile', () => {
  beforeEach(() => fakeBrowser.reset());

  test('nothing stored yet is an empty profile', async () => {
    expect(await loadProfile()).toEqual(emptyProfile);
  });

  test('saved under one key and read back; unknown fields are not stored', async () => {
    await saveProfile({ ...zhang, extra: 'x' } as Profile);
    expect((await fakeBrowser.storage.local.get(PROFILE_KEY))[PROFILE_KEY]).toEqual(zhang);
    expect(await loadProfile()).toEqual(zhang);
  });

  test('a damaged stored value is refused with the field named, not half-used', async () => {
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: { ...zhang, phone: 5318888 } });
    await expect(loadProfile()).rejects.toThrow(/profile\.phone/);
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: 'zhang' });
    await expect(loadProfile()).rejects.toThrow(TypeError);
  });

  test('an overlong field is not saved', async () => {
    await expect(saveProfile({ ...zhang, address: 'x'.repeat(PROFILE_FIELD_MAX_CHARS + 1) })).rejects.toThrow(/profile\.address/);
    expect(await loadProfile()).toEqual(emptyProfile);
  });

  test('every page hears of a change: the new profile, or the error for a bad one', async () => {
    const heard = vi.fn();
    const stop = watchProfile(heard);
    await saveProfile(zhang);
    await fakeBrowser.storage.local.set({ [PROFILE_KEY]: [] });
    await fakeBrowser.storage.local.set({ other: 1 });
    stop();
    await saveProfile(emptyProfile);
    expect(heard).toHaveBeenCalledTimes(2);
    expect(heard.mock.calls[0]![0]).toEqual(zhang);
    expect(heard.mock.calls[1]![0]).toBeInstanceOf(TypeError);
  });
});

describe('profile validation', () => {
  test('a full, well-formed profile and an empty one have no problems', () => {
    expect(profileProblems(zhang)).toEqual({});
    expect(profileProblems(emptyProfile)).toEqual({});
  });

  test('email addresses', () => {
    const problems = (email: string) => profileProblems({ ...emptyProfile, email }).email;
    expect(problems('zhang@example.com')).toBeUndefined();
    expect(problems(' zhang@example.com ')).toBeUndefined();
    expect(problems('张明@例子.中国')).toBeUndefined();
    expect(problems('zhang')).toBe('email');
    expect(problems('zhang@example')).toBe('email');
    expect(problems('zhang @example.com')).toBe('email');
    expect(problems('a@b@c.com')).toBe('email');
  });

  test('phone numbers, with extensions and several numbers', () => {
    const problems = (phone: string) => profileProblems({ ...emptyProfile, phone }).phone;
    for (const ok of ['0531-88886666', '+86 531 8888 6666', '(0531) 88886666', '（0531）88886666', '0531-88886666 转 123', '13800138000，0531-88886666', '88886666 ext. 5']) {
      expect(problems(ok), ok).toBeUndefined();
    }
    for (const bad of ['张明', 'call me', '12', '0531-8888666a']) expect(problems(bad), bad).toBe('phone');
  });

  test('too long for storage', () => {
    expect(profileProblems({ ...emptyProfile, name: 'x'.repeat(PROFILE_FIELD_MAX_CHARS + 1) })).toEqual({ name: 'too-long' });
    expect(profileProblems({ ...emptyProfile, name: 'x'.repeat(PROFILE_FIELD_MAX_CHARS) })).toEqual({});
  });
});
