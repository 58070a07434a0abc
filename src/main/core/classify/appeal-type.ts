/**
 * Appeal type (咨询/求助/投诉/举报/建议/表扬): cue rules plus a linear model, blended.
 *
 * There is no public labelled set for appeal types. The cue rules encode how citizens phrase each
 * type (请问 → 咨询, 举报/偷排 → 举报, 感谢/锦旗 → 表扬 …); the model (resources/models/appeal-type)
 * is trained on hand-written examples plus board messages weakly labelled by the cue word in their
 * title (the title is dropped, so the model learns the content that goes with each type).
 */
import { APPEAL_TYPES, type AppealType } from '../../../shared/domain';
import type { Suggestion } from '../../../shared/contract';
import { softmax, type LinearModel } from './linear';

interface Cue {
  re: RegExp;
  type: AppealType;
  weight: number;
}

/** HAND-WRITTEN cue phrases, weighted by how decisive they are. */
export const TYPE_CUES: Cue[] = [
  { re: /(表扬|锦旗|点赞|点个赞|致谢|赞扬|好评|感谢信)/g, type: '表扬', weight: 2.5 },
  { re: /(感谢|谢谢|辛苦了|非常负责|很热心|非常热心|服务态度(特别|非常|很)好)/g, type: '表扬', weight: 1.2 },
  { re: /(举报|偷排|偷税|逃税|冒领|贪污|受贿|行贿|索贿|赌博|传销|非法集资|无证(经营|行医|开采|办学)|黑车|私建|乱砍|违规审批|公车私用|盗用|冒用|造假|假药|假冒)/g, type: '举报', weight: 2 },
  { re: /(违法|违规|非法|私自|违章|无证|偷偷)/g, type: '举报', weight: 0.6 },
  { re: /(投诉|不作为|乱收费|推诿|推脱|敷衍|态度(差|恶劣|很差|不好)|扰民|拒载|绕路|跑路|拖欠|不给退|不退|乱停|太(吵|差|慢|贵))/g, type: '投诉', weight: 1.5 },
  { re: /(没人管|不管|一直没(人)?(解决|处理|修|回复)|至今|多次反映|严重影响|影响休息|睡不着)/g, type: '投诉', weight: 0.8 },
  { re: /(建议|提议|倡议|呼吁|希望(能|在|增|多|给|把|政府|有关|开|设|加)|能否(增|开|设|加)|最好能|应该(增|多|加))/g, type: '建议', weight: 1.6 },
  { re: /(请问|咨询|想问|想了解|问一下|询问|怎么办理|如何办理|怎么申请|如何申请|需要什么|需要带|在哪里|去哪里|在哪|哪个部门|什么时候|多少钱|是多少|标准是|条件是|什么条件|流程|是否|能不能|可不可以|可以吗|有没有|吗[？?]|[？?])/g, type: '咨询', weight: 1 },
  { re: /(帮忙|帮帮|帮我|求助|求帮|恳请|请求(帮助|解决|救助)|救救|无法|没办法|不知道(该)?怎么办|怎么办|请.{0,4}(协调|派人|上门|催|来人|来看看)|请尽快|赶紧派人|生活困难)/g, type: '求助', weight: 1.2 },
];

export function cueScores(text: string): { scores: Record<AppealType, number>; why: Partial<Record<AppealType, string>> } {
  const scores = Object.fromEntries(APPEAL_TYPES.map((t) => [t, 0])) as Record<AppealType, number>;
  const why: Partial<Record<AppealType, string>> = {};
  for (const cue of TYPE_CUES) {
    cue.re.lastIndex = 0;
    let n = 0;
    for (let m = cue.re.exec(text); m && n < 3; m = cue.re.exec(text), n++) {
      // Earlier cues count more: people state their purpose first (我要投诉…, 请问…).
      const position = 1 - Math.min(0.5, m.index / Math.max(200, text.length));
      scores[cue.type] += cue.weight * position * (n === 0 ? 1 : 0.4);
      why[cue.type] ??= m[0];
    }
  }
  return { scores, why };
}

/** Weight of the cue rules against the model, chosen by cross-validation (scripts/classify/README.md). */
export const DEFAULT_CUE_WEIGHT = 1.5;

/**
 * Blend: model log-probabilities plus cue scores (a product of experts in log space). The cue
 * weight was chosen by cross-validation on the hand-written train split.
 */
export function suggestAppealType(title: string, content: string, model: LinearModel | null, cueWeight = DEFAULT_CUE_WEIGHT): Suggestion[] {
  const titleCues = cueScores(title);
  const bodyCues = cueScores(content);
  const logit = new Map<AppealType, number>(APPEAL_TYPES.map((t) => [t, 0]));
  if (model) {
    for (const { label, p } of model.predict(`${title}。${content}`)) logit.set(label as AppealType, Math.log(Math.max(p, 1e-6)));
  }
  for (const t of APPEAL_TYPES) logit.set(t, logit.get(t)! + cueWeight * (1.5 * titleCues.scores[t] + bodyCues.scores[t]));
  const p = softmax([...logit.values()]);
  return [...logit.keys()]
    .map((t, i) => ({ t, p: p[i]! }))
    .sort((a, b) => b.p - a.p)
    .slice(0, 3)
    .map(({ t, p }) => {
      const cue = titleCues.why[t] ?? bodyCues.why[t];
      return { value: t, label: t, confidence: Math.round(p * 100) / 100, ...(cue ? { why: `“${cue}”` } : {}) };
    });
}
