/**
 * Finds the district (区) and street/township (街道/乡镇) an appeal is about, from place names in the
 * text: gazetteer names and aliases, district short forms, and hand-written well-known places.
 *
 * Dictionary matching with longest match first (maximum matching, as in classic Chinese word
 * segmentation), so 朝阳门 wins over 朝阳 and 望京街道 over 望京. Then the candidates vote:
 * a street implies its district, an explicit district filters the streets (district consistency),
 * and two-character aliases that are also ordinary words (东风, 和平, 光明 …) count only when their
 * district is named too. A district short form right after a common surname (张朝阳) is a person.
 */
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { Division, Suggestion } from '../../../shared/contract';
import { WELL_KNOWN_PLACES } from './places';

type Kind = 'district' | 'districtShort' | 'street' | 'streetAlias' | 'streetShort' | 'place';

interface Entry {
  division: Division; // the street, or the district for district kinds
  kind: Kind;
}

interface Hit {
  text: string;
  index: number;
  entries: Entry[];
}

const BASE_SCORE: Record<Kind, number> = {
  district: 1,
  districtShort: 0.75,
  street: 1,
  streetAlias: 0.85,
  streetShort: 0.7,
  place: 0.85,
};

/**
 * HAND-WRITTEN: two-character street/township aliases distinctive enough to stand alone (people say
 * "望京" or "亦庄" and mean the place). Any other two-character alias needs its district in the text.
 */
const DISTINCTIVE_SHORT = new Set([
  '望京', '亦庄', '双井', '劲松', '方庄', '上地', '垡头', '常营', '管庄', '金盏', '孙河', '东坝', '安贞', '小关',
  '将台', '大屯', '牛街', '椿树', '月坛', '德胜', '建外', '朝外', '燕园', '万柳', '鲁谷', '良乡', '窦店', '长沟',
  '十渡', '宋庄', '漷县', '西集', '台湖', '潞城', '梨园', '天竺', '霍营', '瀛海', '采育', '榆垡', '雁栖', '庙城',
  '杨宋', '桥梓', '怀北', '斋堂', '雁翅', '蒲洼', '张坊', '南窖', '阎村', '拱辰', '西潞', '看丹', '花乡', '宛平',
  '云岗', '南苑', '前门', '景山', '东四', '天坛', '香山', '青塔', '北宫', '王佐', '古城', '八角', '苹果园',
  '旧宫', '阳坊',
]);

/**
 * A province or a city outside Beijing right before a match: the same district and street names exist
 * elsewhere (江苏南通通州区, 广东东莞东城街道, 长春朝阳区, 天津和平区).
 */
const OUTSIDE_BEIJING_BEFORE =
  /(河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古?|广西|西藏|宁夏|新疆|香港|澳门|天津|上海|重庆|南通|东莞|长春|沈阳|大连|石家庄|廊坊|保定|唐山|高碑店|燕郊|武汉|成都|广州|深圳|杭州|南京|青岛|济南|郑州|西安|哈尔滨|苏州)(省|市)?[\u4e00-\u9fff]{0,3}$/;

/** Common Chinese surnames: a district short form right after one is likely part of a person's name. */
const SURNAMES = new Set(
  '张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(''),
);

/** Words that start with a district short form but are not the district (朝阳门 is a street of 东城). */
const SHORT_FORM_BLOCKERS: Record<string, RegExp> = {
  大兴: /^大兴(土木|安岭)/,
  通州: /^通州(湾|市)/, // 江苏南通的通州
  朝阳: /^朝阳(市|县|区[^\u4e00-\u9fff]*辽宁)/, // 辽宁朝阳市
  西城: /^西城(墙|门)/,
  东城: /^东城(墙|门)/,
};

export interface LocationResult {
  district: Suggestion | null;
  street: Suggestion | null;
}

export class LocationMatcher {
  private readonly dict = new Map<string, Entry[]>();
  /** for each first character, the pattern lengths that start with it (longest first) */
  private readonly lengthsByFirst = new Map<string, number[]>();
  private readonly gazetteer: Gazetteer;

  constructor(gazetteer: Gazetteer) {
    this.gazetteer = gazetteer;
    for (const d of gazetteer.districts) {
      this.add(d.name, { division: d, kind: 'district' });
      for (const a of d.aliases) this.add(a, { division: d, kind: 'districtShort' });
    }
    for (const s of gazetteer.streets) {
      this.add(s.name, { division: s, kind: 'street' });
      for (const a of s.aliases) {
        // The bare alias of 海淀街道/怀柔镇 … is the district's own short form: the district wins.
        if (gazetteer.districts.some((d) => d.aliases.includes(a) || d.name === a)) continue;
        this.add(a, { division: s, kind: a.length >= 3 ? 'streetAlias' : 'streetShort' });
      }
    }
    for (const [place, code] of WELL_KNOWN_PLACES) {
      const s = gazetteer.get(code);
      if (s) this.add(place, { division: s, kind: 'place' });
    }
    for (const [first, lengths] of this.lengthsByFirst) this.lengthsByFirst.set(first, [...new Set(lengths)].sort((a, b) => b - a));
  }

  private add(pattern: string, entry: Entry): void {
    // One entry per division and pattern (三里屯 is both an alias and a listed place): keep the stronger.
    const list = this.dict.get(pattern) ?? [];
    const same = list.findIndex((e) => e.division.code === entry.division.code);
    if (same < 0) list.push(entry);
    else if (BASE_SCORE[entry.kind] > BASE_SCORE[list[same]!.kind]) list[same] = entry;
    this.dict.set(pattern, list);
    const first = pattern[0]!;
    const lengths = this.lengthsByFirst.get(first) ?? [];
    lengths.push(pattern.length);
    this.lengthsByFirst.set(first, lengths);
  }

  /** Longest-match scan: non-overlapping hits, left to right. */
  hits(text: string): Hit[] {
    const out: Hit[] = [];
    for (let i = 0; i < text.length; ) {
      const lengths = this.lengthsByFirst.get(text[i]!);
      let advanced = false;
      if (lengths) {
        for (const len of lengths) {
          if (i + len > text.length) continue;
          const sub = text.slice(i, i + len);
          const entries = this.dict.get(sub);
          if (!entries) continue;
          const kept = entries.filter((e) => this.plausible(text, i, sub, e));
          if (kept.length === 0) continue;
          out.push({ text: sub, index: i, entries: kept });
          i += len;
          advanced = true;
          break;
        }
      }
      if (!advanced) i++;
    }
    return out;
  }

  private plausible(text: string, index: number, sub: string, e: Entry): boolean {
    if (OUTSIDE_BEIJING_BEFORE.test(text.slice(Math.max(0, index - 8), index))) return false;
    if (e.kind === 'districtShort') {
      if (SURNAMES.has(text[index - 1] ?? '') && text[index + sub.length] !== '区') return false;
      const blocker = SHORT_FORM_BLOCKERS[sub];
      if (blocker && blocker.test(text.slice(index, index + 12))) return false;
    }
    if (e.kind === 'streetShort' || e.kind === 'streetAlias') {
      // An alias glued into a longer word (和平 in 和平里/维护和平) is checked by the caller via
      // district consistency; a surname before it makes a person's name (李光明).
      if (sub.length === 2 && SURNAMES.has(text[index - 1] ?? '') && !/[街镇乡地]/.test(text[index + 2] ?? '')) return false;
    }
    return true;
  }

  /**
   * `address` (the form's address field) counts more than the free text; `districtCode` (a district
   * the agent already chose) acts as an explicit district mention, so streets stay consistent with it.
   */
  match(text: string, options: { address?: string; districtCode?: string | null } = {}): LocationResult {
    const hits: Array<Hit & { weight: number }> = [];
    const chosen = options.districtCode ? this.gazetteer.get(options.districtCode) : undefined;
    if (chosen && chosen.districtCode === null) hits.push({ text: chosen.name, index: -1, entries: [{ division: chosen, kind: 'district' }], weight: 1.5 });
    if (options.address) for (const h of this.hits(options.address.normalize('NFKC'))) hits.push({ ...h, weight: 1.2 });
    for (const h of this.hits(text.normalize('NFKC'))) hits.push({ ...h, weight: 1 });
    if (hits.length === 0) return { district: null, street: null };

    const districtScore = new Map<string, { score: number; why: string }>();
    const streetScore = new Map<string, { score: number; why: string; division: Division }>();
    const bump = (map: Map<string, { score: number; why: string }>, code: string, score: number, why: string): void => {
      const cur = map.get(code);
      if (!cur) map.set(code, { score, why });
      else {
        // Repeated mentions add up, with diminishing weight; the strongest phrase is the reason.
        cur.score = Math.max(cur.score, score) + Math.min(cur.score, score) * 0.25;
        if (score > cur.score) cur.why = why;
      }
    };

    const explicitDistricts = new Set<string>();
    for (const h of hits) for (const e of h.entries) if (e.kind === 'district' || e.kind === 'districtShort') explicitDistricts.add(e.division.code);

    for (const h of hits) {
      // An alias shared by several divisions (八里庄 in 朝阳 and 海淀) splits its weight.
      const share = 1 / h.entries.length;
      for (const e of h.entries) {
        const base = BASE_SCORE[e.kind] * h.weight;
        if (e.kind === 'district' || e.kind === 'districtShort') {
          bump(districtScore, e.division.code, base, h.text);
          continue;
        }
        const districtCode = e.division.districtCode!;
        const shortAndPlain = e.kind === 'streetShort' && !DISTINCTIVE_SHORT.has(h.text);
        if (shortAndPlain && !explicitDistricts.has(districtCode)) continue;
        const score = base * (h.entries.length > 1 && !explicitDistricts.has(districtCode) ? share : 1);
        const cur = streetScore.get(e.division.code);
        if (!cur || score > cur.score) streetScore.set(e.division.code, { score, why: h.text, division: e.division });
        // A street implies its district (slightly weaker than naming the district).
        bump(districtScore, districtCode, score * 0.9, h.text);
      }
    }

    const rankedDistricts = [...districtScore].sort((a, b) => b[1].score - a[1].score);
    const top = rankedDistricts[0];
    if (!top) return { district: null, street: null };
    const second = rankedDistricts[1];
    // A tie between two districts with nothing else to go on: say nothing rather than guess.
    if (second && Math.abs(second[1].score - top[1].score) < 1e-9) return { district: null, street: null };
    const [districtCode, d] = top;
    const districtDiv = this.gazetteer.get(districtCode)!;
    const district: Suggestion = {
      value: districtCode,
      label: districtDiv.name,
      confidence: round(Math.min(0.99, 0.45 + 0.45 * d.score)),
      why: `文中“${d.why}”`,
    };
    const streets = [...streetScore.values()].filter((s) => s.division.districtCode === districtCode).sort((a, b) => b.score - a.score);
    const best = streets[0];
    const street: Suggestion | null =
      best && best.score >= 0.5
        ? { value: best.division.code, label: best.division.name, confidence: round(Math.min(0.99, 0.4 + 0.5 * best.score)), why: `文中“${best.why}”` }
        : null;
    return { district, street };
  }
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
