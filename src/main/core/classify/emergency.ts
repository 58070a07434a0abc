/**
 * Emergency detection for one-key transfer to 110 / 119 / 120: hand-written rules and a learned model
 * that reads what the rules found. No network; the rules need no file at all, and every alarm names the
 * phrase that caused it.
 *
 * Rules: per-concept trigger lexicons (fire, smoke, gas, explosion, people trapped, drowning, weapons,
 * violence, crime in progress, threats, missing people, suicide attempts, medical emergencies), plus a
 * few compositional patterns that generalise beyond fixed phrases (sudden onset + a body state:
 * 突然往后一仰就不动了; a person + incapacity: 老人……叫不醒). Each hit is then checked against its LOCAL
 * context only — the hit's clause and the sentence around it, cut to a window — for the documented hard
 * negatives: negation (没有着火), figurative speech and similes (急死了, 简直杀人, 吵得跟打架一样,
 * 威胁说要起诉我, 气得我胸口疼), topics and yes/no questions (起火的事情, 漏气了吗), hazards and
 * hypotheticals (火灾隐患, 万一着火, ……的话), pollution smoke, news, hearsay and fiction, events reported
 * afterwards (物业不管, 要求赔偿), complaints about the services, procedure or fee questions, past events
 * (上周, 早上, 困过人, 消防来过了, 已经找到了) and the written-complaint register (殴打村民, 发生火灾造成).
 * There is deliberately no rule on the length of the text: agents keep typing during a call, and an
 * emergency mentioned after a long complaint must alarm.
 *
 * Model (emergency-model.ts): a softmax regression over character n-grams of each window of the text,
 * plus cue tokens (emergencyCues): the concepts the rules saw in the window, why they blocked them, and
 * which context families are present (past, hazard, question, resolved ...). It DECIDES whenever it can
 * read the text; the rules decide alone only without a model file and for texts too short for it.
 * Why: measured on phrasing by 22 writers the rules were never tuned on (leave-one-writer-out), the
 * rules alone caught about 61% of emergencies with 8% false alarms on hard negatives, and rules first
 * with the model as a fallback 90% / 9%; the model deciding with the rules' findings as evidence caught
 * about 97% at about 3%. The rules' lexicons and context checks are one writer's habits; as features,
 * their weight is learned from many. Measurements: scripts/classify/README.md.
 */
import type { EmergencyAlert } from '../../../shared/contract';
import type { EmergencyService } from '../../../shared/domain';
import { defaultEmergencyModel, type CueReader, type EmergencyModel } from './emergency-model';

interface Trigger {
  re: RegExp;
  service: EmergencyService;
  kind: string;
  confidence: number;
  /** hypothetical/hazard wording does not block this trigger (e.g. 快叫救护车 is always a request) */
  direct?: boolean;
}

/** Inside a trigger a wildcard never crosses punctuation: "在打架，有人" is not one phrase. */
const NO_PUNCT = '[^，。！？、；：,.!?;:\\s]';
/** The alternatives of each trigger regex, to quote the shortest phrase that matched. */
const PARTS = new Map<RegExp, RegExp[]>();

/**
 * Joins alternatives (regex sources) into one regex. A short wildcard (".", ".{0,n}" with n ≤ 8) may
 * not cross punctuation; long ones may (老人有痴呆，下午出去到现在没回来 is one thought).
 */
function any(...alternatives: string[]): RegExp {
  const sources = alternatives.map((a) => a.replace(/(?<!\\)\.(?=\{\d+,(\d+)\}|[^{]|$)(\{\d+,(\d+)\})?/g, (m: string, _l: string, q?: string, n?: string) => (q && Number(n) > 8 ? m : NO_PUNCT + (q ?? ''))));
  const re = new RegExp(`(${sources.join('|')})`);
  PARTS.set(re, sources.map((src) => new RegExp(src)));
  return re;
}

/** The shortest alternative that matches inside a long hit: "孩子在公园走丢了" → "走丢了". */
function tersest(re: RegExp, hit: string): string {
  if (hit.length <= 4) return hit;
  let best = hit;
  for (const part of PARTS.get(re) ?? []) {
    const m = part.exec(hit);
    if (m && m[0].length >= 2 && m[0].length < best.length) best = m[0];
  }
  return best;
}

/** Full-width ASCII (ＡＢＣ１２０！) to half-width, one character for one, so offsets stay valid. */
function foldWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const FLAMMABLE = '(烟道|衣服|被子|窗帘|沙发|床|电线|线路|插排|插座|电瓶|电池|充电宝|电动车|电动汽车|汽车|车|房子|屋子|厨房|草|树|林子|麦秸垛|柴火垛|秸秆垛|柴|垃圾桶|垃圾堆|油锅|锅|小卖部|店|仓库|厂房|工厂|房顶|变压器|配电箱|配电室|电箱|电表箱|电闸|电线杆|空调|冰箱|电视|热水器|电暖气|电暖器|油烟机|煤气灶|燃气灶|灶台|电脑|楼道|阳台|储藏室|地下室|车库)';
const PERSON = '(孩子|小孩|女儿|儿子|闺女|宝宝|老人|奶奶|爷爷|姥姥|姥爷|外婆|外公|爸|妈|老伴|父亲|母亲)';
/** Anyone who can be the subject of a medical emergency (有人晕了, 我老公晕了, 同事晕了). */
const ANYONE = '(老太太|老头|老爷子|老太|大娘|大姐|大哥|小哥|岳父|岳母|公公|婆婆|丈母娘|孕妇|产妇|司机|乘客|路人|学生|员工|工友|小孩|女儿|儿子|闺女|宝宝|老人|奶奶|爷爷|姥姥|姥爷|外婆|外公|爸|妈|老伴|父亲|母亲|老公|老婆|媳妇|丈夫|妻子|对象|哥|姐|弟|妹|同事|朋友|师傅|工人|邻居|大爷|大妈|阿姨|叔|小伙子?|姑娘|男的|女的|有人|病人|人|他|她|我)';

/** Body states that are an emergency when they come on suddenly (突然往后一仰就不动了, 突然眼前发黑). */
const ACUTE_BODY = '(倒下|倒地|倒了|晕|瘫|栽|一仰|一歪|抽|吐血|吐白沫|喘不|不动了|说不出话|不会说话|发黑|重影|看不见了|不听使唤|麻了|疼得|昏|没了?(反应|知觉|意识|呼吸)|不省|休克|发紫|发青|站不住|起不来)';

/**
 * Trigger phrases by concept. The first trigger that survives the context checks wins, so the order
 * encodes priority: a threat (扬言要炸学校) before an explosion, a hostage (不让我下车) before 被困.
 */
const TRIGGERS: Trigger[] = [
  {
    service: '110', kind: '暴力威胁', confidence: 0.88,
    re: any('不让(我|人)?(下车|离开|出去|出门|出来)', '关在.{0,4}不让(走|出)', '威胁(要|说要|我说)', '扬言要(杀|砍|弄死|炸|烧|报复|打)', '(要|想|说要|非得?|非要)(打|弄|整|掐|捅|砍|勒)死(我|他|她|你|人|我们|孩子)', '(打|弄|整|掐|捅|砍|勒)死(我|他|她|你|人|我们|孩子)(不可|了)', '说要(杀|砍|弄死|炸|烧|报复|拿刀)', '要来.{0,8}(报复|砍|杀|炸)', '要(炸|烧)(了|掉)?(房子|楼|学校|商场|医院|地铁|车站)', '带(着)?炸药', '放火', '纵火'),
  },
  // 119: fire, smoke, gas, explosion, people trapped
  {
    service: '119', kind: '火灾', confidence: 0.92,
    re: any('着火', '起火', '失火', '自燃', `${FLAMMABLE}(都|也|全)?(着了|烧着了|烧起来|着起来)`, '烧起来', '烧着了', '燃起来', '火(挺|很|特别|非常|太|越来越)(大|旺)', '火势', '(?<!很)大火(?!拼)', '明火', '火苗', '火星子', '蹿火', '窜火', '冒火', '呲火', '喷火', '火光', '(?<![根条])火线', '火灾', '火顺着', '火烧到', '火(已经)?(着|烧|蔓延)到', '往上烧', '烧过来了', '油锅.{0,6}(着|蹿|窜|起火|烧)', '呼(地|的)?一下.{0,4}(着|蹿|窜|烧)', '(?<![睡找点划烧])着了(着了)+', '着了[，,！!]?(快|来人)'),
  },
  {
    service: '119', kind: '火灾（冒烟）', confidence: 0.85,
    re: any('冒黑烟', '渗烟', '往(下|外)(冒|飘|渗|钻)烟', '冒浓烟', '冒白烟', '冒烟', '浓烟', '黑烟', '烟(很|特别|非常)大', '烟雾很大', '全是烟', '满屋.{0,3}烟', '呛得', '焦糊味', '烧焦味', '烟都飘', '烧焦的?味', '(焦|糊)味', '冒(出)?.{0,4}(很大|好大|老大|特别大|挺大|大)的?烟', '烟(越来越|越冒越)(多|大|浓)', '(很大|好大|好浓|很浓|老大|一大股|大股)的?(烟|黑烟)'),
  },
  {
    service: '119', kind: '燃气泄漏', confidence: 0.9,
    re: any('(煤|燃|天然|液化)气(味|泄漏|泄露|漏了|在漏)', '(煤|燃|天然|液化)气(管|管线|管道|管子|罐).{0,6}(漏|破|裂|断)', '气罐.{0,3}漏', '漏(煤|燃|天然|液化)?气', '往外(喷|冒|漏|呲)气', '(?<=闻到.{0,4})(煤气|燃气|天然气|液化气)', '闻到.{0,4}气味很大', '臭鸡蛋味', '嘶嘶.{0,4}(漏|跑|冒)气', '(储罐|罐车|化工|罐子|钢瓶).{0,4}(漏|泄漏|泄露)', '(刺鼻|呛人)的?(味|气味|味道).{0,10}(头晕|恶心|喘不|晕倒)', '(管子|管道|阀门|灶).{0,4}跑气'),
  },
  { service: '119', kind: '爆炸', confidence: 0.9, re: any('爆炸', '炸了', '(轰|砰|嘭|咣)(的|地)?一声', '(玻璃|窗户).{0,4}(震|炸)(碎|裂)', '爆燃', '爆开了', '炸开了', '炸飞', '发生爆', '巨响') },
  {
    service: '119', kind: '人员被困', confidence: 0.88,
    re: any('被困', '困在', '(?<![穷贫])困住', '困了(人|.{0,3}个人)', '关在电梯', '卡在电梯', '电梯.{0,10}(困|卡住|关住|出不来|掉|下坠|停在.{0,6}中间|门打不开|打不开)', '(出|逃)不出来', '卡住了?出不来', '卡在.{0,10}(出不来|弄不出来|拿不出来)', '(手|脚|头|腿|胳膊|脑袋|手指|孩子|人|卡).{0,8}(拔|抽|拿|退|弄|拽|拉|取)不出来', '下不来了', `${PERSON}.{0,4}(被)?(反)?锁在.{0,4}(车|屋|房间|家)里`, '被锁在', '(头|手|脚|腿)卡在', '掉(进|到|入).{0,10}(井|坑|河|水|湖|池|冰窟窿|冰窟|水库|池塘|沟)', '(车|人)掉(进)?(河|湖|水)里', '(车|人|孩子|小孩|老人|轿车|汽车|货车|电动车|摩托车).{0,6}(冲|开|翻|栽|滑)(进|到|入)(了)?.{0,6}(河|湖|水库|池塘|水沟|水)(里)?', '(缝|洞|栏杆|护栏|防盗窗|井|管子)里?[，,]?.{0,2}(出不来|拔不出来|拿不出来|弄不出来)', '(?<![顶檐])落水(?![管口])', '有人掉(进|到|下)', '被?压在.{0,10}(下面|底下)', '(人|工人|孩子|小孩|老人|有人|我们|他|她).{0,4}被埋', '(压|埋|困)着.{0,3}(人|工人|孩子|老人)', '(塌|坍塌|倒塌)了.{0,10}(有人|工人|下面)', '水(已经)?(到|漫到|没过)(腰|胸|脖子|车窗|膝盖)', '困在山里', '(人|车|司机|孩子|老人).{0,6}(泡|困|淹)在(水里|里面|水中)', '(司机|人|孩子|老人)(还)?在(车|里面|车里)(上|里)?.{0,2}(出不来|没出来)',
      '电梯.{0,6}(卡|停|悬|吊|困)(在|到)?.{0,6}(中间|半空|半截|半道|两层|层间|楼层之间)', '(卡|停|悬)在(了)?(两层|两个楼层|半空|半截|半道)',
      '卡在.{0,6}(防盗窗|栏杆|护栏|窗户|窗|门缝|夹缝|缝|洞|管子|井|床)(里|中间)?', '(头|手|脚|腿|胳膊|身子|脑袋|手指|手指头)(被)?(卡|夹)(在|住)', '被.{0,6}夹住', '(卡|困|夹|关|锁)(在)?.{0,8}出不来'),
  },
  // Drowning goes to 119: in Beijing water rescue is done by the fire and rescue teams (综合性消防救援队伍),
  // as for 落水 above. A person who wants to jump into the river is a suicide attempt (110, below).
  { service: '119', kind: '溺水', confidence: 0.9, re: any('沉(底|下去)了', '(?<!防)溺水(?!.{0,4}(被救|救上来|捞上来|救起来))', '(快|要|差点)?淹死', '淹着了', '在水里.{0,4}(扑腾|挣扎|喊|呼救|上不来)', '沉(下去|到水里)了') },
  // 110: weapons, violence, crime in progress, missing people, suicide attempts
  {
    service: '110', kind: '暴力威胁', confidence: 0.95,
    re: any('拿刀', '持刀', '拿着(刀|斧头|棍子|砍刀|菜刀|刀子|铁棍|枪)', '手里有刀', '举着刀', '挥着?刀', '动刀', '砍人', '捅人', '砍伤', '捅伤', '行凶', '(?<![厮])杀人', '要杀(?![鸡价毒菌])', '杀了(我|他|她|你)', '弄死(我|他|她|你)', '持枪', '拿枪', '有枪', '见人就(砍|打|抡|砸|捅|咬|扎)', '(抡|挥)(着)?(凳子|椅子|棍子|酒瓶|瓶子|刀|铁锹|钢管|砖头|板砖)', '互殴', '(拿|举|拎|攥)着.{0,5}(碎玻璃|玻璃碴子?|碎瓶子|酒瓶子|啤酒瓶|剪子|剪刀|改锥|匕首).{0,8}(比划|比画|冲|追|捅|扎|吓唬)', '拿(皮带|棍子|衣架|鞭子|擀面杖|板凳|凳子|烟灰缸).{0,4}(抽|打|砸)', '(?<![吸])(抽|踢|踹)(我|他|她|孩子|我们)(?![们的])', '(捅|砍|(?<![驻包挣])扎)(了|伤了?)?(我|他|她|人)(?![价家的们自山树林])', '(被|让)(人)?(捅|砍|扎)(了|伤|中)', '(拿|用|举着|抡着?|抄起).{0,4}(砖头|板砖|石头|酒瓶子?|啤酒瓶|瓶子|锤子|铁锹|钢管|铁棍|棍子|棒子|凳子|椅子).{0,4}(砸|打|抡|追|捅)', '砸(人|我|他|她)(?!家)'),
  },
  {
    service: '110', kind: '暴力', confidence: 0.88,
    re: any('打人', '打架', '打群架', '(两口子|俩人|两个人|两人|几个人|一帮人|两伙人|两家人?).{0,2}干起来了', '(摁|按|压)(在)?地上.{0,3}(踢|打|揍|踹|捶)', '打起来了', '斗殴', '群殴', '围殴', '围着打', '殴打', '施暴', '家暴', '被(人)?打', '在打(?![算扫听造针卡工球印包])(一个|个|那个)?.{0,3}(我|他|她|人|女的|男的|老人|孩子|小孩|老太太|司机)', '(?<![捶拨敲拍扑殴自攻])打(我|他|她)(?![们家]|的?(电话|手机))', '打(孩子|老婆|媳妇|老人|女的|男的|司机)', '打得(很|特别|那么)?(凶|狠)', '往死里打', '掐(着)?(我|他|她)(的)?脖子', '动手打', '追打', '(我|他|她|人|老人|孩子|小孩|女的|男的|老太太|大爷)(给)?推倒', '被(人)?.{0,4}推倒', '(?<!你)(追|追着)(我|人)(?!赶)', '在追我'),
  },
  {
    service: '110', kind: '正在发生的犯罪', confidence: 0.9,
    re: any('抢劫', '抢(了|走)?(我|他|她|人家)?的?(包|钱包|手机|项链|金链子|钱)', '抢了.{1,8}(包|钱包|手机|项链)', '在抢.{0,8}(包|钱包|手机|项链)', '(手机|包|钱包|项链|钱)(刚刚|刚才)?(被人?)?抢(走|了)', '被人?抢了', '堵在.{0,8}要钱', '冲进人群', '撞向人群', '开车撞人', '试(着|了|每家的?)?.{0,3}(拧|开|撬)?(门锁|门把手)', '动手推', '抢东西', '打劫', '抢(了|走)?.{0,8}(就跑|往外跑|跑了)', '(叫|让|喊)(他|司机)停.{0,3}(他)?不停', '往(郊区|山里|荒郊|没人的地方).{0,4}开', '偷偷(打|给你们打|报)', '(女厕所|女浴室|更衣室|女生宿舍).{0,6}偷(看|拍)', '还要(动手|打人)', '锁在屋里打', '(?<![进引狼])入室', '撬.{0,6}(门|锁|窗|车)', '进(了)?(小偷|贼)', '有(小偷|贼)', '小偷(在|正在)', '正在偷', '在偷(?![税排漏工偷])', '翻墙进', '翻进', '闯进', '冲进(来|我们|村|店|家)', '砸门', '踹门', '砸车', '打砸', '砸东西', '拿着?棍子', '绑架', '劫持', '挟持', '被人?绑', '(我|他|她|人|孩子).{0,3}绑在', '(硬|强行)?(拉|拽|拖|抱)(上|进)了?.{0,4}(车|面包车)', '非礼', '猥亵', '强奸', '性侵', '跟踪我', '一直跟踪', '(一直|老|总)?(摸|蹭)(旁边|人家|那个|一个)?.{0,3}(女孩|女的|姑娘|小姑娘|女生|孩子)', '(挨家挨户|一家一家|挨个).{0,6}(拧|推|试|撬|开)', '拧.{0,3}门把手', '(抱|拉|拽|抢)(起|走|上)?.{0,6}(孩子|小孩|娃).{0,3}就跑', '划车(?!位)', '(砸|敲)(车)?玻璃', '(一路|一直)跟着我', '尾随', '不让(我|人|我们)走', '(开|撬|拧|扒|砸|踹|捅|别)(我|我们)?家.{0,2}(门锁|门|锁|窗户|窗)', '扒(着)?(我|我们)?家?.{0,2}(窗户|窗台|窗|阳台)', '被人?跟(着|踪)', '(有人|陌生人|男的|女的).{0,4}(一直)?跟着我', '(一直)?在(我)?(后面|身后)跟着', '(捅|拨|别|掏|弄)锁(眼|芯|头)', '(关|锁)在(阳台|门外|屋外|外面|楼道|地下室)', '收保护费', '(摊子?|桌子|柜台|货架).{0,3}(踹|砸|掀)翻', '堵(在|住).{0,12}不让(走|出|过)', '(喊|说|哭着?说)不认识(他|她|这人|那人|这个人|那个人)', '在(他|他们|人家)手(上|里)', '(刚|刚刚|刚才)让人(骑|开|推|抢|拎|拿)(跑|走)了', '把.{0,4}(车窗|车玻璃|窗户|窗玻璃).{0,2}(给)?(砸|敲|撬)(了|碎|开)', '翻(我们|我|人家)?家.{0,4}(墙|院墙|围墙)'),
  },
  {
    service: '110', kind: '人员走失', confidence: 0.85,
    re: any(`${PERSON}(丢了|不见了|走丢|走失|被抱走|被拐|找不(到|着)了)`, '走丢了', '走失了', '(被|让人)拐(走|了)', `${PERSON}.{0,6}被.{0,6}(带走|抱走|拉走)`, `${PERSON}.{0,20}((到现在|一直|还|天黑了?)(都)?(没|没有)(回家|回来)|没(有)?回家.{0,4}找不到|找不(到|着)了|联系不上了)`),
  },
  {
    service: '110', kind: '轻生', confidence: 0.9,
    re: any('要跳楼', '想跳楼', '要跳河', '想跳河', '要跳桥', '(要|想)?往下跳', '要跳下去', '站在(楼顶|天台|楼边|桥上|窗户边)', '站在.{0,6}(栏杆|护栏)外', '爬上.{0,6}要跳', '要轻生', '想自杀', '(坐|站|趴|骑|爬)在.{0,6}(栏杆|护栏|窗台|楼顶边|天台边)(上|外)', '(腿|脚|身子|半个身子)(悬|耷拉|挂)在(外面|外头|外边)', '要自杀', '不想活了', '上吊', '(楼顶|天台|楼上|窗台|桥上|阳台|楼边|河边|顶楼|房顶|屋顶).{0,6}(要|想)跳(?![绳舞槽高远])', '在跳(河|楼|桥|湖|江|海)', '跳(河|楼|桥|湖|江)了'),
  },
  // 120: medical emergencies
  {
    service: '120', kind: '医疗急症', confidence: 0.9,
    re: any(
      '昏迷', '晕倒', '晕过去', '昏倒', '昏过去', '不省人事', '人事不省', '(?<!有)没有?意识(?!到)', '失去意识', '意识不清', `${ANYONE}(有点|已经|都)?(迷迷糊糊|迷糊)(了|的)`, '叫不醒', '叫都不醒', '怎么叫都不(醒|答应)', '叫(他|她)?(也)?不(太)?答应', '(叫|喊|拍|推)(他|她)?.{0,6}没(有)?反应', '(人|他|她|老人|孩子)(也)?没(有)?反应', '一动不动', '休克', '抽搐', '抽风', '手脚抽', '吐白沫',
      '大出血', '流了?(很多|好多|不少|一地)血', '流血不止', '血流不止', '血止不住', '(一直|还在|在)流血', '流血了', '出血了', '还出血', '大量出血', '满头(是)?血', '全是血', '一身血', '头磕(破|了)', '磕破', '(划|割|拉|磕|砍|开)(了|开了)?(一个|一道|个|道)?(很|好)?大(的)?口子', '(砸|扎|压|刺)伤',
      '(肚子|胸口|心口|头)(特别)?疼得(厉害|受不了|不行)', '头特别疼.{0,10}吐', '心脏病(又)?(发作|犯了)', '心梗', '心绞痛', '(胸口|心口)(疼|憋)', '出冷汗', '心跳(停|没)', '没有?心跳', '呼吸困难', '喘不(上|过)(来)?气', '上不来气', '没有?呼吸了?', '不喘气', '憋得(发紫|通红|说不出话)', '嘴唇(都)?(发)?紫',
      '中风', '(嘴角|半边脸|半边嘴).{0,4}(耷拉|歪|往下)', '说话(呜噜|大舌头)', '疼得(在床上|在地上|满地|直)?打滚', '(一身|满身|满头|浑身)(的)?冷汗', '脸(色)?(煞白|惨白|发灰|铁青)', '割(了)?(手腕|腕子|脉)', '脑梗', '脑溢血', '脑出血', '嘴.{0,2}歪', '(叫|喊|拍|推)(?!天)(他|她)?.{0,6}(不吭声|不吱声|没动静|不应声|不答应|不醒)', '(推|叫|喊|拍)(都|也)(推|叫|喊|拍)?不醒', '说话不利索', '口齿不清', '(半边|一边)(脸|身子|手|胳膊).{0,2}(麻|动不了)', '手(也)?抬不起来', '突然说不出话',
      '(?<![房屋])倒地', '倒在(地上|楼道|路边|门口|路上|卫生间|浴室|车厢)', '(突然)?(倒下|栽倒)', '(躺|倒|摔)(在地上|着).{0,4}(不动|起不来)', '摔倒.{0,4}起不来', '摔倒了?[，,、 ]?起不来', '起不来了', '从.{0,10}(摔|掉|坠)下来', '坠楼',
      '被.{0,5}(车|电动车|摩托车|汽车|货车)(撞|刮)(倒|伤|了)?', '(撞|刮)倒了?人', '(撞|刮)倒了', '撞伤', '车祸.{0,6}(受伤|流血|昏迷|人)', '骨折', '腿(都)?变形',
      '(?<![酸])中毒(?!气)', '吃错药', '误服', '误吞', '(喝|吃|吞|误食|误喝)了?.{0,6}(消毒液|农药|洗涤剂|老鼠药|耗子药|敌敌畏|百草枯|漂白|84)', '(吃|吞)了一(大把|整瓶|瓶)', '吞(下去|进去)?了?.{0,6}(电池|硬币|磁铁|针|钉)', '纽扣电池', '噎住', '呛着了', '卡.{0,3}喘不', '吃了.{0,4}安眠药', '吞了?安眠药', '割腕',
      '烫伤', '烧伤', '(?<!接)触电',
      `(突然|一下子|猛地|冷不丁).{0,8}${ACUTE_BODY}`, `${ANYONE}.{0,8}((?<![做走干跑拿搬推拉吃咬])不动了|没反应了|叫不醒|不省人事)`, '(瘫|倒|躺|趴|栽|出溜|歪)(在|到)?(沙发|床|地|椅子|座位|马桶)上?了', '问(他|她)?话?(也|都)?不(答|回答|说话|吭声)',
      '眼前发黑', '(看东西|看人)(重影|模糊|看不清)', '(手|脚|腿|胳膊|半边).{0,2}不听使唤', '犯病了', '(浑身|全身)(发软|无力|瘫软)', '吐(白)?沫子', '(哮喘|心脏病|癫痫|羊角风|老毛病)(又)?(犯了|发作)', '喘得(上气不接下气|厉害|不行|说不出话)', '上气不接下气',
      '(机器|机床|绞肉机|传送带|皮带|滚筒|搅拌机).{0,6}(卷|绞|轧|夹|压)(进去|住|了|断)', '血(流|淌)了?(一地|一身|好多|很多|一大摊|一盆|一大片)', '误(喝|吃|食|服|吞)', '(在家|家里|路上|车上|厕所)(就)?生了', '连着脐带', '脐带(还)?(连着|没剪|绕颈)',
      '(心脏|心跳|呼吸|心搏)骤停', `${ANYONE}.{0,2}骤停`, '心脏.{0,2}(停了|不跳)', '惊厥', '抽(起来|过去)了?', '(高烧|发烧|烧).{0,6}抽', '(吐|咳|呕|喷)(了)?(好多|一口|一大口|很多|一地)?血', '呼吸不(了|上来|过来)', '(喘|吸)不(了|动)气', '(没法|不能|没办法)呼吸', '透不过气', '(?<!下海)呛水', '噎(着|住)', '卡(住)?(嗓子|喉咙|气管)', '(鱼刺|骨头|枣核|果冻|糖块?|花生米?|硬币).{0,4}卡(住|在)',
      '(开水|热水|热油|滚油|蒸汽|热汤).{0,3}烫', '被.{0,4}烫(了|伤|着)', '(浑身|满身|满脸|一身|全身|一脸)(都)?是血', '血(哗哗|直流|直往外|往外冒|止不住|呼呼)',
      `${ANYONE}(突然|一下子)?(就)?(晕了|晕过去|晕厥|昏了)`, '晕厥', '摔(了|倒了?|了一跤|一跤|跤)?.{0,6}起不来', '(躺|倒|趴)(在)?(地上|路边|马路上|路上|地下).{0,6}(起不来|不动|叫不醒|不省人事|没反应|流血)', '躺在(路边|马路|血泊)', '突然.{0,4}(不会说话|说不出话|说不了话)',
      '出(了)?车祸', '车祸.{0,8}(受伤|伤|流血|人|躺|昏迷)', '撞了(人|个人|一个人)', '被(车|汽车|货车|大车|卡车|电动车|公交车?|出租车|三轮车?)(压|轧|碾|撞)(了|到|着|伤|倒)?', '从.{0,10}(楼|窗户|窗台|阳台|楼上|高处|脚手架|屋顶|房顶|梯子).{0,4}(掉|摔|坠|跳)(下来|下去)', '(掉|摔|坠)下楼', '羊水破', '要生了', '见红', '破水', '(怀孕|孕妇|怀着).{0,12}(疼得|出血|见红|破水)', '喘气(都|也)?(费劲|困难|吃力|不匀)', '憋得(发青|发紫|青|紫)', '(浑身|全身)(直)?(哆嗦|发抖)', '(冒|出)虚汗', '说话(也|都)?(含糊|不清|不利索)', '(呛|卡|吸|掉)(进|到)(了)?(气管|嗓子|喉咙)', '(出溜|瘫|栽|歪|滑)(到|在)(了)?地上', '(一头)?栽(下去|倒|在地)', '胸口(压得慌|发闷|憋得慌|闷得慌|疼|憋)', '(胳膊|手臂|半边身子)发麻', '药.{0,8}吃了(好几|一大?把|一整?瓶|很多|好多)', '(吃|吞|喝)了(好几|一大?把|一整?瓶|很多|好多)(片|粒|颗)?.{0,3}药', '(往外|一直|直|哗哗地?)(冒|流|淌|喷|滋)血', '(冒|淌|喷|滋|涌)血', '血窟窿', '癫痫', '羊角风', '(后脑勺|脑袋|头)(先)?(着地|磕地|撞地)', '(叫|喊)(他|她)?(只会|就)哼', '上吐下泻', '站不住了', '头破(了|血流)', '快不行了', '人不行了', '快死了', '(人|他|她|老人|孩子|病人)(已经|好像|快)?没气了', '咽气',
    ),
  },
  // explicit requests for the services (still subject to the past/fee/complaint checks)
  { service: '120', kind: '医疗急症', confidence: 0.85, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(叫|打|拨)?(救护车|120)', '(?<!呼)叫(个)?救护车') },
  { service: '119', kind: '火灾', confidence: 0.85, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(叫|打|拨)(消防|119)', '叫消防(车|队)?') },
  { service: '110', kind: '正在发生的犯罪', confidence: 0.8, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(帮(我|忙))?报警', '(快|赶紧)(叫|打)(警察|110)', '(喊|呼)救命', '喊救人', '救命(啊|呀|哇|了)?(?=[！!。，,…~～\\s]|$)') },
  { service: '120', kind: '医疗急症', confidence: 0.8, direct: true, re: any('(快|赶紧|赶快)(来人?)?救(人|救)') },
  { service: '119', kind: '燃气泄漏', confidence: 0.85, direct: true, re: any('(燃气|煤气|天然气|可燃气体)?报警器.{0,6}(一直|在|老|突然)?(?<!乱)(响|叫|报警|鸣)') },
];

/** Figurative speech around a hit: the hit is not an emergency (气炸了, 急死了, 快死了 from heat ...). */
const FIGURATIVE_PATTERNS: Array<{ re: RegExp }> = [
  { re: /((?<![燃煤然化沼氧])气|肺都|心态|朋友圈|群|网上|评论|锅|头)(都|要|快){0,2}(炸了|爆炸)/ },
  { re: /(救命(钱|稻草|药|粮|的钱|恩人|通道))/ },
  { re: /(州官放火)/ },
  // the flame of a stove, a candle or a lighter is not a fire: 燃气灶的火苗老是发黄
  { re: /((灶|炉子?|蜡烛|打火机|灶眼)的?火苗)/ },
  { re: /(威胁(到)?(我|我们|业主|居民|群众|村民|行人|他人|人民)?的?(生命|安全|健康|人身|财产))/ },
  { re: /(中毒(症状|死亡)|慢性中毒)/ },
  { re: /((打人|打架|殴打|杀人|抢劫|火灾|爆炸|坠楼|中毒)(事件|案件|现象|行为|案|事故|问题|纠纷))/ },
  { re: /(热|累|饿|渴|烦|急|吵|笑|冷|气|困|忙|闷|疼|晒|挤|憋|臭|穷|坑)(得|的)?(我|人)?(都)?(快|要)?死了/ },
  { re: /(急|气|渴|热|馋)得.{0,4}冒(烟|火)/ },
  { re: /(信息|知识|数据|资讯|消息|人口)(大)?爆炸/ },
  { re: /(火大|上火|发火|恼火|窝火|火冒三丈|心里(有|冒)火|一肚子火|火气)/ },
  { re: /(要人命|要了?(我的?|人的?|老|我们.{0,6}的)命|命都没了)/ },
  { re: /(被困扰|困扰|被困在(这|政策|流程|手续|原地))/ },
  { re: /((觉得|感觉|道德|无理|各种|变相|情感|舆论|利益)(被)?绑架)/ },
  { re: /(打架子鼓|打人脸|打脸|打架(的|这种)?(事|现象|问题|纠纷)|烟花爆竹|爆竹|炸鸡|炸酱|油炸|爆米花|爆料|爆满|爆款|火爆|火车|火锅|火腿|火葬|火化|火柴|抽烟|吸烟|烟头|烟酒|香烟|烟草|油烟|扬尘)/ },
  { re: /(抽搐|抽风)(似的|一样)/ },
  { re: /(杀价|杀熟|砍价|抢票|抢购|抢车位|抢号|抢单|抢红包|抢占|抢修|抢险|抢救)/ },
  { re: /((简直|这是|这不是|跟|像|和|等于|明)(是)?(抢钱|抢劫|打劫)|(抢钱|抢劫|打劫)(啊|呢|一样|似的|吗))/ },
  { re: /(一棒子打死|被打(击|压|败|乱|断|包|造|印|开|通|捞)|被打(卡|折|回|分|听|扰|针|疫苗)|打(卡|折|针|疫苗|电话|招呼)|打(我|他|她)的?(电话|手机))/ },
  { re: /(心脏(病)?(不好|有问题)的老人)/ },
  { re: /(跟踪(处理|落实|服务|回访|调查|报道|督办))/ },
  { re: /(被气晕|气晕了|晕头转向|头晕脑胀)/ },
  { re: /((跟|像|和|如同|好像|像是)(是)?.{0,6}(爆炸|着火|炸了|打仗|打雷|放炮|火药)(一样|似的|一般))/ },
  { re: /((急|气)得.{0,4}(要)?(着火|冒火|冒烟))/ },
  { re: /((心|头)(都)?(要|快)?(碎|炸|裂)了)/ },
  { re: /(得.{0,3}(快|要)(晕倒|晕过去|窒息|喘不(过|上)气))/ },
  { re: /((挤|闷|压力|压|堵)(得)?.{0,4}喘不(过|上)(来)?气)/ },
  { re: /((打|点)不着火)/ },
  { re: /(炸开了?锅|炸锅|炸了锅)/ },
  { re: /((堵|挤|塞|卡)(车)?(得|的)?.{0,3}一动不动)/ },
  // legal or commercial threats are not violence: 威胁说要起诉我, 威胁我说要去法院告我
  { re: /((威胁|扬言).{0,6}(起诉|告(我|他|她|你|我们)|法院|律师|仲裁|投诉|曝光|举报|差评|开除|辞退|扣钱|扣工资|罚款|拉黑|停水|停电|断水|断电|报警|抓我|网上))/ },
  // symptoms caused by emotions or bad service: 气得我胸口疼, 让我喘不过气
  { re: /(((气|吓|急|累|烦|愁|恶心|压|逼|折腾|搞|弄|堵|憋屈|郁闷)(得|的)(我|人|他|她)?(都)?(快|要)?.{0,2}|(让|令|叫|使|把)(我|人|他|她|我们)(都)?(快|要)?.{0,6})(胸口疼|心口疼|胸口闷|胸口憋|喘不(过|上)(来)?气|透不过气|呼吸不(了|过来)|窒息|头疼|晕|吐血|心脏病|心梗|发抖|哆嗦|血压|中风|抽))/ },
  { re: /((气|亏|赔)(得|到)?.{0,3}吐血)/ },
  { re: /(打死(我)?也(不|没|要))/ },
  { re: /(晕(车|船|机|针|血|乎|头)|看晕了|绕晕了|搞晕了|弄晕了|听晕了)/ },
];

/**
 * Similes and exaggeration in the clause of the hit: 这房价简直杀人, 吵得跟要杀人似的, 吵得跟打架一样.
 * 跟/像 alone are not enough (他跟人打起来了, 好像有人晕倒了): they need the closing 似的/一样.
 */
const SIMILE_BEFORE = /(就像|好似|宛如|简直|仿佛|如同|犹如|堪比)/;
const SIMILE_OPEN = /(跟|像|好像|就像|和|如)/;
const SIMILE_CLOSE = /^.{0,6}(似的|一样|一般|的感觉)/;
/** The hit names a topic, not an event: 电动车起火的事情要怎么处理, 打架的问题. */
const TOPIC_AFTER = /^的?(者|犯|罪|事情|事儿|事件|案件|案子|问题|现象|情况|隐患|原因|新闻|视频)/;
/** A yes/no question about the hit: 燃气表漏气了吗, 是不是着火了没有. */
const QUESTION_AFTER = /^.{0,2}(了)?(吗|么|嘛|没有?)(?=[？?，,。]|$)/;
/**
 * A request to the hotline to deal with something (请马上派人处理, 希望你们赶紧处理一下): its 马上/赶紧
 * are about the handling, not a sign that the event is going on now.
 */
const HOTLINE_REQUEST = /(请|希望|麻烦|要求|督促|恳请|拜托)?(你们|相关部门|有关部门|政府|物业)?(能|给)?(马上|赶紧|尽快|赶快|抓紧|立即|立刻|快点)(派人)?(来|过来)?(给)?(处理|解决|清理|维修|修|查处|整治|管管|管一下|协调|答复|回复|落实|派人处理|派人|看看|查一下|查查)/g;

/** Negation right before the trigger: 没有着火, 未发生爆炸, 防止被困, 不是打架. */
const NEGATION_BEFORE = /((?<![消])防|没有|没|未|并未|并没有|(?<!是)不是|不会|不要|无|别|防止|预防|避免|以防|以免|谨防|禁止|严禁|不准|不能|不得|怕|担心)$/;
/** Hazard or hypothetical wording in the same clause: not happening now. */
const HAZARD = /(就会|会被|不然|否则|就怕|生怕|的话|(应该|该)(先)?(做什么|怎么做|怎么处理)|先做什么|试想|设想|想象|倘若|若是|若发生|为什么|为啥|怎么会|原因|要注意|注意什么|隐患|可能|容易|随时|一旦|万一|如果|要是|假如|假设|担心|害怕|恐怕|存在.{0,4}风险|风险|防范|预防|防止|避免|以防|以免|防火|防汛|演练|培训|宣传|知识|逃生|安全检查|检查|整改|消防通道|生命通道|占用|堵塞|堆放|私拉|飞线|充电|过期|灭火器|消防设施|消防栓|烟感|报警器|演习|应急预案|怎样|如何|早晚|迟早|会不会|会出|不堪设想|不敢想象|后果|会造成|会引发|引发|导致|增设|安装|配备|是不是|是否|怀疑)/;
/** Hypotheticals, hazards, suggestions and media anywhere in the sentence ("消防通道被占，着火了消防车都进不来"). */
const HAZARD_SENTENCE = /(试想|倘若|若是|若发生|隐患|万一|一旦|如果|要是|假如|消防通道|生命通道|建议|希望|视频|照片|图片|警示|防止)/;
/** Procedure and fee questions (救护车怎么收费, 消防验收怎么办理, 应该打什么电话). */
const PROCEDURE = /(能(找|让).{0,8}赔|赔吗|(要|该)?怎么(检查|判断|处理|办|知道|看|预防|防)|收费|费用|多少钱|价格|医药费|医疗费|药费|报销|发票|验收|办理|手续|流程|审批|审核|资质|规定|标准|政策|证明|申请|备案|年检|鉴定|赔偿|理赔|保险|补贴|补助|培训|考试|招聘|报名|登记|哪个部门|找谁|在哪儿?(验|办|看|开|交)|验伤|要花钱|花多少钱|什么电话|打什么|电话(是)?多少|报警电话|号码|哪里|处罚|拘留|探视|报不报|怎么判|判几年|法律|违法吗|是真的吗)/;
/** Complaints about the emergency services themselves. */
const SERVICE_COMPLAINT = /((120|110|119|救护车|急救|消防|警察|民警|派出所|公安|出警|接警).{0,12}(太慢|慢|迟迟|半天|态度|不作为|不管|不出警|推诿|乱收费|投诉|不满|敷衍|太贵))|((投诉|举报|反映).{0,12}(120|110|119|救护车|急救中心|消防|警察|民警|派出所|出警))/;
/** Signs the event is over or was in the past. */
const PAST = /(送(到|往)|期间|以来|上旬|中旬|下旬|今年\d{1,2}月|(有|那|上|最.{1,3}的)一次|(?<!今天?)(早上|上午|中午|下午|傍晚|晚上|半夜|凌晨)(?!.{0,3}(要|会|准备|打算))|今早|昨儿|前儿|那会儿|那时候?|(消防|警察|民警|救护车|120|110|119|医生|物业|保安)?.{0,3}来过(了)?|已经?找(到|回来)了|没事了|已经好了|好转了|(?<=[困着打烧抢偷撞砍炸漏摔晕吐报叫跳淹溺烫砸捅丢])过(?![来去头滤年节日敏道去]|了?(来|去))|上个?(周|星期|礼拜)|上个?月|上次|上回|去年|前年|前天|昨天|昨晚|昨日|前几天|前些天|前(两|三|四|五)天|前段时间|前阵子|几天前|多天前|周前|月前|年前|之前|以前|曾经|曾|当时|那次|那天|那年|事后|事发后|后来|住院期间|已经?(被)?(扑灭|灭了|熄灭|处理|解决|结束|抢救过来|出院|康复|去世|过世)|去世|(叫|打|报|着|发生|出)过|\d{1,4}年\d{0,2}月?|\d{1,2}月\d{1,2}[日号]|[一二三四五六七八九十两]{1,3}(天|周|个月|年)前)/;
/** Chronic or secondhand: pollution every night, news reports, drills, burning waste, near misses. */
const NOT_ACUTE = /(隔三差五|诊断|症状|病历|治疗|手术|粉碎性|伤残|残疾|评定|病史|患有|康复|出院|有时|时不时|(?<!一)动不动|所幸|吵得|吵死|睡不着|噪音|太吵|每天|天天|每晚|每到|经常|长期|常年|总是|时常|反复|多次|几次|屡次|频发|频繁|环保|环境|扰民|异味|臭气|排黑烟|排烟|一直以来|污染|排放|烟囱|烟窗|住院|ICU|医疗事故|新闻|报道|抖音|网上|视频里|电视上|朋友圈|听说|据说|演练|演习|焚烧|烧(垃圾|秸秆|树叶|落叶|荒|塑料|纸)|差点|差一点|险些|幸好|好在|以为|表扬|感谢|感激|锦旗|多亏)/;
/** Smoke from chimneys, boilers, cooking or burning waste is pollution (环境保护), not a fire. */
const POLLUTION_SMOKE = /(粉尘|灰尘|刺鼻|臭味|直排|烟囱|烟筒|烟窗|锅炉|油烟|烧烤|炒菜|做饭|排放|污染|烧(垃圾|秸秆|树叶|落叶|纸|荒|塑料))/;
/** A complaint that someone did not handle it: the event is being reported afterwards. */
const HANDLED_AFTER = /(公道|无人(管|问|处理|理睬)|不闻不问|置之不理|推诿|没人(出来|管|理|处理|清理)|一直不修|不给修|不修|不管(?!用)|不处理|没(有)?处理|没人管|想反映|要求.{0,8}(赔|说法|处理|道歉)|讨个?说法|给个说法|追究)/;
/**
 * Written-complaint register near the hit: a board message or a complaint being recorded reports an
 * event (殴打村民, 发生火灾造成, 城管打人事件); a caller in danger does not say 依法, 涉嫌 or 造成.
 * This replaces the old length rule, which silenced every alarm after 240 characters.
 */
const REPORT_REGISTER = /(处分|投诉|举报|反映|尊敬|领导|恳请|请求|维权|调查|严查|查处|追究|依法|违法|非法|涉嫌|黑社会|恶势力|事故|事件|案件|行为|现象|导致|造成|致使|引起|引发|危及|报案|立案|鉴定|判决|法院|起诉|证据|执法|频发|村民|群众|百姓|业主们|民工|考生|受害者|受害人)/;
/** A traffic accident around a "trapped" hit (被渣土车刮倒了，腿压在车底下). */
const TRAFFIC = /(撞|刮倒|剐倒|挂倒|蹭倒|车祸|轧|碾)/;
/** Performances, games and fiction: 主播直播喊救命, 拍戏, 电视剧里着火. Blocks even 救命. */
const FICTION = /(直播|拍戏|演戏|拍电影|拍短视频|假装|装作|开玩笑|骗(打赏|钱|流量|粉)|游戏里|(打|玩)游戏|电视剧|电影里|小说里|剧情)/;
/** Animals and things as the subject of a fall or an accident: 猫从阳台掉下去了 (not a person). */
const NON_PERSON = /(瓶子|桌子|椅子|猫|狗|宠物|鸟|鹦鹉|兔子|仓鼠|手机|钥匙|东西|衣服|花盆|被子|快递|包裹|车牌|玩具)/;
/** An animal as the subject of a sentence: 我家狗被咬了, 邻居家的猫, 狗被车撞了. */
const ANIMAL_SUBJECT = /((我|他|她|你|邻居)?家(里)?的?|我的)(狗|猫|宠物|鸟|鹦鹉|兔子|仓鼠)|(狗|猫|宠物)被/;
/** People in the clause (not 我/他/她: 我家的猫 is still a cat). */
const PERSON_WORD = new RegExp(ANYONE.replace('|人|他|她|我)', '|人|孩)'));

/**
 * Written nouns for an event (殴打, 火灾, 骨折 ...) are how a report names what happened; a caller in the
 * middle of it speaks: 打起来了, 着火啦, 有人被打了, 快来. Such a hit needs spoken, present-tense wording
 * near it (LIVE) to count.
 */
const FORMAL_HIT = /^(殴打|火灾|骨折|绑架|推倒|砸伤|撞伤|摔伤|抢劫|入室|打砸|砸车|斗殴|群殴|围殴|施暴|行凶|强奸|猥亵|绑在|被绑|尾随|抢钱|打劫|放火|纵火|自燃|失火|火势|大火|爆炸|起火|被困|被打|打人|动手打|中风|脑梗|脑出血)$/;
const LIVE = /(了|啦|啊|呀|吧|呢|哪|(?<![现存所实好])在(?!于)|着呢|一直|不停|不起|不来|快|赶紧|赶快|刚才|刚刚|现在|突然|一下子|！|!|救命|来人|有人|说.{0,6}要)/;
/** Strong signs it is happening right now: they override past, complaint and procedure cues. */
const ACUTE = /(这都(到)?(早上|上午|中午|下午|晚上|半夜|凌晨)?.{0,3}点(多)?了|正在|还在|仍在|一直在|马上|赶紧|赶快|快来|快点|快过来|救命|刚才|刚刚|此刻|这会儿|立刻|立即|速来|请速|快叫|快打|快报警|来人|着呢|在打|在砍|在烧|在冒|在漏|在抢|在偷|在追)/;
/** The strongest now-markers (not 刚才: "刚才有人打架，保安不管" is already a report). */
const STRONG_NOW = /(正在|还在|仍在|救命|快来|快点|赶紧|赶快|马上|立刻|立即|速来|快叫|快打|快报警)/;
/** Weak present (现在, 目前): overrides a past cue only inside the same clause as the hit. */
const NOW = /(现在|目前|眼下)/;

/**
 * The context of a hit is local, never the whole text: agents keep typing during a call, so an
 * emergency mentioned after a long complaint must still alarm. Context cues count in the "sentence"
 * around the hit: up to the sentence end, at most one comma-clause on each side, within 40
 * characters before and 30 after (board messages stripped of punctuation get just the window).
 *
 * Looking back, agents splice a whole complaint with commas ("……上次反映过也没下文，我老公倒在地上"),
 * so for cues about time and register ('near') the clause before the hit only counts when it opens
 * the sentence ("昨天晚上，楼下有人打架"; "前天小区着火，现在还一股焦糊味"). Cues that say what the
 * thing is (pollution smoke, a blocked fire lane, a complaint about the police) always see it ('wide').
 */
const SENTENCE_END = /[。！？!?；;\n]/;
const CLAUSE_END = /[。！？!?；;\n，,、]/;

function sentenceAround(text: string, start: number, end: number, back: 'wide' | 'near'): string {
  let s = start;
  let commas = 0;
  let clauseStart = -1;
  while (s > 0 && !SENTENCE_END.test(text[s - 1]!) && start - s < 40) {
    if (CLAUSE_END.test(text[s - 1]!)) {
      if (++commas > 1) break;
      clauseStart = s;
    }
    s--;
  }
  // s is now the sentence start (or the window edge, or after the second comma back)
  const opensSentence = s === 0 || SENTENCE_END.test(text[s - 1]!);
  if (back === 'near' && clauseStart >= 0 && !opensSentence) s = clauseStart;
  let e = end;
  commas = 0;
  while (e < text.length && !SENTENCE_END.test(text[e]!) && e - end < 30) {
    if (CLAUSE_END.test(text[e]!) && ++commas > 1) break;
    e++;
  }
  return text.slice(s, e);
}

/** Bounds of the clause (between commas) around the hit: hazard wording only counts in the same clause. */
function clauseBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && !CLAUSE_END.test(text[s - 1]!) && start - s < 20) s--;
  let e = end;
  while (e < text.length && !CLAUSE_END.test(text[e]!) && e - end < 15) e++;
  return [s, e];
}

/** Compiled once, global, for scanning the few characters around a hit. */
const FIGURATIVE = FIGURATIVE_PATTERNS.map(({ re }) => new RegExp(re.source, 'g'));
const GLOBAL_TRIGGERS = new Map(TRIGGERS.map((t) => [t, new RegExp(t.re.source, 'g')]));

function isFigurative(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 10), Math.min(text.length, end + 10));
  const hitStart = start - Math.max(0, start - 10);
  const hitEnd = hitStart + (end - start);
  for (const g of FIGURATIVE) {
    g.lastIndex = 0;
    for (let m = g.exec(around); m; m = g.exec(around)) {
      // the figurative phrase must overlap the hit
      if (m.index < hitEnd && m.index + m[0].length > hitStart) return true;
      if (m[0].length === 0) g.lastIndex++;
    }
  }
  return false;
}

export interface EmergencyCheck {
  alert: EmergencyAlert | null;
  /** where the rules' own alert phrase starts in the text (when the rules raised one) */
  ruleAt?: number;
  /** rule hits that were blocked, with why and where: for tests and for explaining a missed alarm */
  blocked: Array<{ trigger: string; kind: string; reason: string; at: number }>;
  /** what the model said, when a model is loaded and the text has a window it can read */
  model?: ModelVerdict;
  /** the rules' alert when the model overruled it (the model decides; kept to explain the silence) */
  overruled?: EmergencyAlert;
}

export interface ModelVerdict {
  /** p(emergency) of the best window */
  p: number;
  service: EmergencyService;
  window: string;
  /** where the window starts in the text */
  windowAt: number;
  /** the clause of the window the model scores highest */
  clause: string;
  threshold: number;
}

export interface EmergencyOptions {
  /** the model to use; null = rules only; omitted = the shipped model (rules only if it cannot load) */
  model?: EmergencyModel | null;
  /** override the model's threshold (measurement and tests) */
  threshold?: number;
}

/** What a model alarm is called on the banner when no rule concept explains it, by service. */
const MODEL_KIND: Record<EmergencyService, string> = { '110': '疑似警情', '119': '疑似火灾/救援', '120': '疑似医疗急症' };
/** Longest phrase quoted for a model alarm (the clause the model scored highest, cut). */
const MODEL_TRIGGER_MAX = 30;

/**
 * The alert to raise for this text (or null), with the rules' findings and the model's verdict. Pure
 * apart from loading the shipped model once.
 *
 * The model decides whenever it can read the text. It reads the rules' findings as cues (which concept
 * they saw, why they blocked it, past / hazard / question wording ...) along with the characters, and
 * was trained on hand-written rows from many writers (scripts/classify/README.md): measured on writers
 * it never saw, letting it decide caught more emergencies at fewer false alarms than the rules first
 * with the model as a fallback, because the rules' lexicons and context checks are one writer's habits.
 * The rules still decide alone when there is no model file, and for texts too short for the model
 * (救命！, 着火了). They also name the concept and quote the phrase on the banner.
 */
export function checkEmergency(rawText: string, options: EmergencyOptions = {}): EmergencyCheck {
  const rules = checkEmergencyRules(rawText);
  const model = options.model === undefined ? defaultEmergencyModel() : options.model;
  if (!model) return rules;
  const verdict = modelVerdict(rawText, model, options.threshold ?? model.threshold);
  if (!verdict) return rules;
  const { alert: ruleAlert, ...findings } = rules;
  if (verdict.p < verdict.threshold) return { ...findings, alert: null, model: verdict, ...(ruleAlert ? { overruled: ruleAlert } : {}) };
  return { ...findings, alert: modelAlert(rawText, rules, verdict), model: verdict };
}

/**
 * The banner for a model alarm. When the rules raised an alert too, it is theirs: its service, concept
 * and phrase agree with each other (measured on other writers, the rules' service was right as often as
 * the model's). Otherwise it quotes a hit the rules blocked inside the model's window when one of the same
 * service is there (the model weighed the context and disagreed), naming the rules' concept; failing
 * that, the clause the model scored highest, under a 疑似… kind so the agent knows it is the model's reading.
 */
function modelAlert(rawText: string, rules: EmergencyCheck, verdict: ModelVerdict): EmergencyAlert {
  if (rules.alert) return rules.alert;
  const confidence = Math.round(Math.min(0.95, verdict.p) * 100) / 100;
  const windowEnd = verdict.windowAt + verdict.window.length;
  const blockedHere = rules.blocked.find((b) => b.at >= verdict.windowAt && b.at < windowEnd && TRIGGER_SERVICE.get(b.kind) === verdict.service);
  if (blockedHere) return { service: verdict.service, kind: blockedHere.kind, trigger: blockedHere.trigger, confidence };
  const trigger = verdict.clause.length > MODEL_TRIGGER_MAX ? verdict.clause.slice(0, MODEL_TRIGGER_MAX) : verdict.clause;
  return { service: verdict.service, kind: MODEL_KIND[verdict.service], trigger, confidence };
}

/** The service each rule concept belongs to (a concept's triggers all share one). */
const TRIGGER_SERVICE = new Map<string, EmergencyService>(TRIGGERS.map((t) => [t.kind, t.service]));

/**
 * The model's verdict on a text, whatever the rules said: its best window and the clause it would
 * quote. Null when no window has enough CJK characters for the model to read.
 */
export function modelVerdict(rawText: string, model: EmergencyModel, threshold = model.threshold): ModelVerdict | null {
  const text = foldWidth(rawText);
  const best = model.best(text, emergencyCues);
  if (!best) return null;
  const clause = model.triggerClause(text, best, emergencyCues);
  return { p: best.p, service: best.service, window: rawText.slice(best.start, best.end), windowAt: best.start, clause: rawText.slice(clause.start, clause.end), threshold };
}

/**
 * Wording around a window that says "not an emergency now" in ways the rules' lexicons never meet:
 * supply problems (燃气没气了 is an outage, not a leak), hazard complaints (煤气罐放在门口，太危险了),
 * habits (老有人抽烟) and questions (是打120还是999). Cue families for the model.
 */
const MODEL_SUPPLY = /(停气|没气|没有气|不来气|来气|通气|欠费|充值|充不进|打不着|停水|停电|断水|断电|没水|没电|不热)/;
const MODEL_HAZARD = /((太|很|挺|非常|特别|多)危险|安全隐患|不安全|堆放|乱放|乱停|占道)/;
const MODEL_HABIT = /(老是|老有人|总有人|总是|老往|天天|每天|经常|一到晚上|整天)/;
const WINDOW_QUESTION = /([？?]|(吗|么|呢)(?=$|[，,。]))|能不能|可不可以|是不是|有没有|怎么办|咋办|要不要/;

/**
 * Wording the rules do not use but the model reads as cues: the matter is over or was a false alarm
 * (没事了, 原来是, 已自行扑灭, 人已经救出来了), or the caller asks how to do something (咨询, 想问, 多久, 应该先打…还是…).
 */
const RESOLVED_CUE = /(没事了|没事儿了|不用(派人|来了|麻烦|管了)|原来是|结果是|虚惊|误报|搞错了|弄错了|撤(销|回)|已经?(自行)?(灭|扑灭|盖灭|救出|救上来|送医|送到医院|送去医院|劝开|拉开|抓到|找到|找着|醒了|清醒|好了|缓过来|止住|放出来)|现已|已自行|人没事|没人受伤|无人受伤|恢复了|好多了)/;
const ASKING_CUE = /(咨询|想问|请问|问一下|问问|多久|多长时间|还是|应该(先)?(打|找|怎么)|该(打|找)|是否)/;
const ANIMAL_CUE = /(狗|猫|鸟|鸽子|宠物|兔子|仓鼠|蛇|马蜂|蜂窝|鱼)/;
const HEDGE_CUE = /(好像|似乎|像是|是不是|不知道是不是|估计|怀疑|感觉)/;

/**
 * Families of context wording the rules use, as cue tokens for the model: the model learns from data how
 * much each one weighs, instead of the rules' hard yes/no. Matched on the window alone.
 */
const CUE_FAMILIES: Array<[string, RegExp]> = Object.entries({
  past: PAST,
  hazard: HAZARD,
  hazardSentence: HAZARD_SENTENCE,
  procedure: PROCEDURE,
  serviceComplaint: SERVICE_COMPLAINT,
  notAcute: NOT_ACUTE,
  pollutionSmoke: POLLUTION_SMOKE,
  handledAfter: HANDLED_AFTER,
  reportRegister: REPORT_REGISTER,
  fiction: FICTION,
  acute: ACUTE,
  strongNow: STRONG_NOW,
  now: NOW,
  live: LIVE,
  nonPerson: NON_PERSON,
  question: WINDOW_QUESTION,
  supply: MODEL_SUPPLY,
  hazardComplaint: MODEL_HAZARD,
  habit: MODEL_HABIT,
  simile: SIMILE_BEFORE,
  resolved: RESOLVED_CUE,
  asking: ASKING_CUE,
  animal: ANIMAL_CUE,
  hedge: HEDGE_CUE,
}).map(([name, re]) => [name, new RegExp(re.source)]);

/**
 * Cue tokens of a window, for models trained with FeatureOptions.cues: each trigger concept the rules
 * found and why they blocked it ("B:火灾:过去的事件", "K:火灾", "R:过去的事件"), and each context family
 * present ("C:past").
 */
export const emergencyCues: CueReader = (windowText) => {
  const { alert, blocked } = checkEmergencyRules(windowText);
  const out = new Set<string>();
  // a hit that survives its checks is only "this concept is here": the model must be able to disagree
  // with the rules (it is used to veto their alarms), so it is not told that a rule would alarm
  if (alert) out.add(`K:${alert.kind}`);
  for (const b of blocked) {
    out.add(`B:${b.kind}:${b.reason}`);
    out.add(`K:${b.kind}`);
    out.add(`R:${b.reason}`);
  }
  const text = foldWidth(windowText);
  for (const [name, re] of CUE_FAMILIES) if (re.test(text)) out.add(`C:${name}`);
  return [...out];
};

/** The rules alone (no model). */
export function checkEmergencyRules(rawText: string): EmergencyCheck {
  const text = foldWidth(rawText);
  const blocked: EmergencyCheck['blocked'] = [];
  for (const t of TRIGGERS) {
    const g = GLOBAL_TRIGGERS.get(t)!;
    g.lastIndex = 0;
    for (let m = g.exec(text); m; m = g.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (m[0].length === 0) {
        g.lastIndex++;
        continue;
      }
      const reason = blockReason(text, start, end, t);
      if (reason) {
        blocked.push({ trigger: m[0], kind: t.kind, reason, at: start });
        continue;
      }
      // Quote the original text (foldWidth keeps offsets), tersely.
      const phrase = tersest(t.re, m[0]);
      const at = start + m[0].indexOf(phrase);
      // A person pinned after a traffic accident is first of all injured: 120 (the brief: traffic injury → 120).
      const traffic = t.kind === '人员被困' && TRAFFIC.test(sentenceAround(text, start, end, 'wide'));
      const service = traffic ? '120' : t.service;
      const kind = traffic ? '医疗急症（交通事故）' : t.kind;
      return { alert: { service, kind, trigger: rawText.slice(at, at + phrase.length), confidence: t.confidence }, ruleAt: at, blocked };
    }
  }
  return { alert: null, blocked };
}

function blockReason(text: string, start: number, end: number, t: Trigger): string | null {
  const before = text.slice(Math.max(0, start - 4), start);
  if (NEGATION_BEFORE.test(before)) return '否定';
  if (isFigurative(text, start, end)) return '比喻/非字面';
  const [cs, ce] = clauseBounds(text, start, end);
  const clause = text.slice(cs, ce);
  const clauseBefore = text.slice(cs, start);
  const clauseAfter = text.slice(end, ce);
  if (SIMILE_BEFORE.test(clauseBefore) || (SIMILE_OPEN.test(clauseBefore) && SIMILE_CLOSE.test(clauseAfter))) return '比喻/夸张';
  if (TOPIC_AFTER.test(clauseAfter)) return '话题（非事件）';
  // an item in a list (中风、偏瘫、心梗; 头疼，胸闷、呼吸困难) names symptoms or diseases, not an event
  if (text[start - 1] === '、' || text[end] === '、') return '列举';
  if (QUESTION_AFTER.test(clauseAfter)) return '询问';
  if ((t.kind === '医疗急症' || t.kind === '人员被困' || t.kind === '溺水') && NON_PERSON.test(clauseBefore) && !PERSON_WORD.test(clauseBefore.replace(NON_PERSON, ''))) return '非人员（动物/物品）';
  // a pet named as the subject earlier in the sentence (我家狗被咬了，流了好多血) is still the patient
  if (t.kind === '医疗急症' && ANIMAL_SUBJECT.test(text.slice(Math.max(0, start - 30), cs)) && !PERSON_WORD.test(clauseBefore)) return '非人员（动物）';
  const wide = sentenceAround(text, start, end, 'wide');
  const sentence = sentenceAround(text, start, end, 'near');
  if (FICTION.test(wide)) return '表演/虚构';
  // 请马上派人处理 asks the hotline to act; it is not a sign that the event is going on
  const live = sentence.replace(HOTLINE_REQUEST, '');
  const acute = ACUTE.test(live);
  const strongNow = STRONG_NOW.test(live);
  // a smell after a past fire is what is left of it (前天着火，现在还一股焦糊味)
  if (text.slice(start, end).includes('味') && PAST.test(sentence) && !strongNow) return '过去的事件（残留气味）';
  if (!t.direct && HAZARD.test(clause) && !acute) return '隐患/假设';
  if (!t.direct && HAZARD_SENTENCE.test(wide) && !strongNow) return '隐患/假设/建议';
  if (t.kind === '火灾（冒烟）' && POLLUTION_SMOKE.test(wide)) return '污染（非火灾）';
  if (HANDLED_AFTER.test(sentence) && !strongNow) return '事后反映';
  if (NOT_ACUTE.test(sentence) && !acute && !NOW.test(clause)) return '非当下（长期/转述/未遂）';
  if (REPORT_REGISTER.test(sentence) && !acute) return '书面反映（非当下）';
  const hit = text.slice(start, end);
  if (!t.direct && (FORMAL_HIT.test(hit) || hit.startsWith('电梯')) && !LIVE.test(live)) return '书面叙述（无当下语气）';
  if (SERVICE_COMPLAINT.test(wide) && !acute) return '投诉急救/警务服务';
  if (PROCEDURE.test(sentence) && !acute) return '询问手续/费用';
  if (PAST.test(sentence) && !acute && !NOW.test(clause)) return '过去的事件';
  return null;
}

/** The alert to raise for this text, or null: rules, then the shipped model. Fast: call it on every keystroke. */
export function detectEmergency(text: string, options: EmergencyOptions = {}): EmergencyAlert | null {
  return checkEmergency(text, options).alert;
}
