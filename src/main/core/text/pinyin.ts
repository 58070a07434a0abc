/** Pinyin keys for picker search: full pinyin (no tones, no spaces) and initials. */
import { pinyin } from 'pinyin-pro';

export interface PinyinKeys {
  pinyin: string;
  initials: string;
}

export function pinyinKeys(text: string): PinyinKeys {
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') };
}
