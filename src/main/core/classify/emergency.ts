/**
 * Emergency detection for one-key transfer to 110 / 119 / 120. Rules only (no model, no I/O), so it
 * runs first, offline, in microseconds, and every alarm can name the phrase that caused it.
 *
 * How it works: per-concept trigger lexicons (colloquial phrasings of fire, smoke, gas, explosion,
 * people trapped, weapons, violence, crime in progress, threats, missing people, suicide attempts,
 * medical emergencies) are found in the text; each hit is then checked against its context (the
 * clause and the sentence around it, cut to a window) for the documented hard negatives: negation
 * (没有着火), figurative speech (急死了, 要人命, 气炸了, 火大), hazards and hypotheticals (火灾隐患,
 * 万一着火), pollution smoke, news and hearsay, events reported afterwards (保安不管, 要求赔偿),
 * complaints about the services (120来得太慢), procedure or fee questions (救护车怎么收费), and past
 * events with no sign that they are still going on (上周着火了). The first surviving hit, in the
 * priority order of TRIGGERS, raises the alert and quotes its phrase from the original text.
 * Measured on hand-written and real data: scripts/classify/README.md.
 */
import type { EmergencyAlert } from '../../../shared/contract';
import type { EmergencyService } from '../../../shared/domain';

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

const FLAMMABLE = '(烟道|衣服|被子|窗帘|沙发|床|电线|插排|插座|电瓶|电动车|电动汽车|汽车|车|房子|屋子|厨房|草|树|麦秸垛|柴火垛|秸秆垛|柴|垃圾桶|油锅|锅|小卖部|店|仓库|厂房|房顶)';
const PERSON = '(孩子|小孩|女儿|儿子|宝宝|老人|奶奶|爷爷|姥姥|姥爷|外婆|外公|爸|妈|老伴|父亲|母亲)';

/**
 * Trigger phrases by concept. The first trigger that survives the context checks wins, so the order
 * encodes priority: a threat (扬言要炸学校) before an explosion, a hostage (不让我下车) before 被困.
 */
const TRIGGERS: Trigger[] = [
  {
    service: '110', kind: '暴力威胁', confidence: 0.88,
    re: any('不让(我|人)?(下车|离开|出去|出门|出来)', '关在.{0,4}不让(走|出)', '威胁(要|说要|我说)', '扬言要(杀|砍|弄死|炸|烧|报复|打)', '说要(杀|砍|弄死|炸|烧|报复|拿刀)', '要来.{0,8}(报复|砍|杀|炸)', '要(炸|烧)(了|掉)?(房子|楼|学校|商场|医院|地铁|车站)', '带(着)?炸药', '放火', '纵火'),
  },
  // 119: fire, smoke, gas, explosion, people trapped
  {
    service: '119', kind: '火灾', confidence: 0.92,
    re: any('着火', '起火', '失火', '自燃', `${FLAMMABLE}(都|也|全)?(着了|烧着了|烧起来|着起来)`, '烧起来', '烧着了', '燃起来', '火(挺|很|特别|非常|太|越来越)(大|旺)', '火势', '(?<!很)大火(?!拼)', '明火', '火苗', '火星子', '蹿火', '窜火', '冒火', '呲火', '喷火', '火光', '火线', '火灾', '火顺着', '往上烧', '烧过来了'),
  },
  {
    service: '119', kind: '火灾（冒烟）', confidence: 0.85,
    re: any('冒黑烟', '冒浓烟', '冒白烟', '冒烟', '浓烟', '黑烟', '烟(很|特别|非常)大', '烟雾很大', '全是烟', '满屋.{0,3}烟', '呛得', '焦糊味', '烧焦味', '烟都飘'),
  },
  {
    service: '119', kind: '燃气泄漏', confidence: 0.9,
    re: any('(煤|燃|天然|液化)气(味|泄漏|泄露|漏了|在漏)', '(煤|燃|天然|液化)气(管|管线|管道|管子|罐).{0,6}(漏|破|裂|断)', '气罐.{0,3}漏', '漏(煤|燃|天然|液化)?气', '往外(喷|冒|漏|呲)气', '(?<=闻到.{0,4})(煤气|燃气|天然气|液化气)', '闻到.{0,4}气味很大', '臭鸡蛋味'),
  },
  { service: '119', kind: '爆炸', confidence: 0.9, re: any('爆炸', '炸了', '爆燃', '爆开了', '炸开了', '炸飞', '发生爆', '巨响') },
  {
    service: '119', kind: '人员被困', confidence: 0.88,
    re: any('被困', '困在', '(?<![穷贫])困住', '困了(人|.{0,3}个人)', '关在电梯', '卡在电梯', '电梯.{0,10}(困|卡住|关住|出不来|掉|下坠|停在.{0,6}中间|门打不开|打不开)', '(出|逃)不出来', '卡住了?出不来', '卡在.{0,10}(出不来|弄不出来|拿不出来)', '(拔|抽|拿|退|弄|拽|拉|取)不出来', '下不来了', `${PERSON}.{0,4}(被)?(反)?锁在.{0,4}(车|屋|房间|家)里`, '被锁在', '(头|手|脚|腿)卡在', '掉(进|到|入).{0,10}(井|坑|河|水|湖|池|冰窟窿|冰窟|水库|池塘|沟)', '(车|人)掉(进)?(河|湖|水)里', '落水', '有人掉(进|到|下)', '被?压在.{0,10}(下面|底下)', '被埋', '(塌|坍塌|倒塌)了.{0,10}(有人|工人|下面)', '水(已经)?(到|漫到|没过)(腰|胸|脖子|车窗|膝盖)', '困在山里'),
  },
  // 110: weapons, violence, crime in progress, missing people, suicide attempts
  {
    service: '110', kind: '暴力威胁', confidence: 0.95,
    re: any('拿刀', '持刀', '拿着(刀|斧头|棍子|砍刀|菜刀|刀子|铁棍|枪)', '手里有刀', '举着刀', '挥着?刀', '动刀', '砍人', '捅人', '砍伤', '捅伤', '行凶', '杀人', '要杀', '杀了(我|他|她|你)', '弄死(我|他|她|你)', '持枪', '拿枪', '有枪'),
  },
  {
    service: '110', kind: '暴力', confidence: 0.88,
    re: any('打人', '打架', '打群架', '打起来了', '斗殴', '群殴', '围殴', '围着打', '殴打', '施暴', '家暴', '被(人)?打', '在打(?![算扫听造针卡工球印包])(一个|个|那个)?.{0,3}(我|他|她|人|女的|男的|老人|孩子|小孩|老太太|司机)', '打(我|他|她)(?!的?(电话|手机))', '打(孩子|老婆|媳妇|老人|女的|男的|司机)', '打得(很|特别|那么)?(凶|狠)', '往死里打', '掐(着)?(我|他|她)(的)?脖子', '动手打', '追打', '推倒', '(追|追着)(我|人)', '在追我'),
  },
  {
    service: '110', kind: '正在发生的犯罪', confidence: 0.9,
    re: any('抢劫', '抢(了|走)?(我|他|她|人家)?的?(包|钱包|手机|项链|金链子|钱)', '抢了.{1,8}(包|钱包|手机|项链)', '在抢.{0,8}(包|钱包|手机|项链)', '(手机|包|钱包|项链|钱)(刚刚|刚才)?(被人?)?抢(走|了)', '被人?抢了', '堵在.{0,8}要钱', '冲进人群', '撞向人群', '开车撞人', '试(着|了|每家的?)?.{0,3}(拧|开|撬)?(门锁|门把手)', '动手推', '抢东西', '打劫', '(?<!进)入室', '撬.{0,6}(门|锁|窗|车)', '进(了)?(小偷|贼)', '有(小偷|贼)', '小偷(在|正在)', '正在偷', '在偷(?![税排漏工偷])', '翻墙进', '翻进', '闯进', '冲进(来|我们|村|店|家)', '砸门', '踹门', '砸车', '打砸', '砸东西', '拿着?棍子', '绑架', '劫持', '挟持', '被人?绑', '绑在', '(硬|强行)?(拉|拽|拖|抱)(上|进)了?.{0,4}(车|面包车)', '非礼', '猥亵', '强奸', '性侵', '跟踪我', '一直跟踪', '(一路|一直)跟着我', '尾随', '不让(我|人)?走'),
  },
  {
    service: '110', kind: '人员走失', confidence: 0.85,
    re: any(`${PERSON}(丢了|不见了|走丢|走失|被抱走|被拐|找不(到|着)了)`, '走丢了', '走失了', '(被|让人)拐(走|了)', `${PERSON}.{0,6}被.{0,6}(带走|抱走|拉走)`, `${PERSON}.{0,20}((到现在|一直|还|天黑了?)(都)?(没|没有)(回家|回来)|没(有)?回家.{0,4}找不到|找不(到|着)了|联系不上了)`),
  },
  {
    service: '110', kind: '轻生', confidence: 0.9,
    re: any('要跳楼', '想跳楼', '要跳河', '想跳河', '要跳桥', '(要|想)?往下跳', '要跳下去', '站在(楼顶|天台|楼边|桥上|窗户边)', '站在.{0,6}(栏杆|护栏)外', '爬上.{0,6}要跳', '要轻生', '想自杀', '要自杀', '不想活了'),
  },
  // 120: medical emergencies
  {
    service: '120', kind: '医疗急症', confidence: 0.9,
    re: any(
      '昏迷', '晕倒', '晕过去', '昏倒', '昏过去', '不省人事', '人事不省', '(?<!有)没有?意识(?!到)', '失去意识', '意识不清', '迷糊', '叫不醒', '叫都不醒', '怎么叫都不(醒|答应)', '叫(他|她)?(也)?不(太)?答应', '(叫|喊|拍|推)(他|她)?.{0,6}没(有)?反应', '(人|他|她|老人|孩子)(也)?没(有)?反应', '一动不动', '休克', '抽搐', '抽风', '手脚抽', '吐白沫',
      '大出血', '流了?(很多|好多|不少|一地)血', '流血不止', '血流不止', '血止不住', '(一直|还在|在)流血', '流血了', '出血了', '还出血', '大量出血', '满头(是)?血', '全是血', '一身血', '头磕(破|了)', '磕破', '大口子', '(砸|扎|压|刺)伤',
      '(肚子|胸口|心口|头)(特别)?疼得(厉害|受不了|不行)', '头特别疼.{0,10}吐', '心脏病(又)?(发作|犯了)', '心梗', '心绞痛', '(胸口|心口)(疼|憋)', '出冷汗', '心跳(停|没)', '没有?心跳', '呼吸困难', '喘不(上|过)(来)?气', '上不来气', '没有?呼吸了?', '不喘气', '憋得(发紫|通红|说不出话)', '嘴唇(都)?(发)?紫',
      '中风', '脑梗', '脑溢血', '脑出血', '嘴歪', '说话不利索', '口齿不清', '(半边|一边)(脸|身子|手|胳膊).{0,2}(麻|动不了)', '手(也)?抬不起来', '突然说不出话',
      '倒地', '倒在(地上|楼道|路边|门口|路上|卫生间|浴室|车厢)', '(突然)?(倒下|栽倒)', '(躺|倒|摔)(在地上|着).{0,4}(不动|起不来)', '摔倒.{0,4}起不来', '摔倒了?[，,、 ]?起不来', '起不来了', '从.{0,10}(摔|掉|坠)下来', '坠楼',
      '被.{0,5}(车|电动车|摩托车|汽车|货车)(撞|刮)(倒|伤|了)?', '(撞|刮)倒了?人', '(撞|刮)倒了', '撞伤', '车祸.{0,6}(受伤|流血|昏迷|人)', '骨折', '腿(都)?变形',
      '中毒', '吃错药', '误服', '误吞', '(喝|吃|吞|误食|误喝)了?.{0,6}(消毒液|农药|洗涤剂|老鼠药|耗子药|敌敌畏|百草枯|漂白|84)', '(吃|吞)了一(大把|整瓶|瓶)', '吞(下去|进去)?了?.{0,6}(电池|硬币|磁铁|针|钉)', '纽扣电池', '噎住', '呛着了', '卡.{0,3}喘不', '吃了.{0,4}安眠药', '吞了?安眠药', '割腕',
      '烫伤', '烧伤', '触电', '羊水破', '要生了', '快不行了', '人不行了', '快死了', '(人|他|她|老人|孩子|病人)(已经|好像|快)?没气了', '咽气',
    ),
  },
  // explicit requests for the services (still subject to the past/fee/complaint checks)
  { service: '120', kind: '医疗急症', confidence: 0.85, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(叫|打|拨)?(救护车|120)', '叫(个)?救护车') },
  { service: '119', kind: '火灾', confidence: 0.85, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(叫|打|拨)(消防|119)', '叫消防(车|队)?') },
  { service: '110', kind: '正在发生的犯罪', confidence: 0.8, direct: true, re: any('(快|赶紧|赶快|马上|帮(我|忙)?|请)(帮(我|忙))?报警', '(快|赶紧)(叫|打)(警察|110)', '(喊|呼)救命', '救命(啊|呀|[！!])') },
];

/** Figurative speech around a hit: the hit is not an emergency (气炸了, 急死了, 快死了 from heat ...). */
const FIGURATIVE_PATTERNS: Array<{ re: RegExp }> = [
  { re: /((?<![燃煤然化沼氧])气|肺都|心态|朋友圈|群|网上|评论|锅|头)(都|要|快){0,2}(炸了|爆炸)/ },
  { re: /(救命(钱|稻草|药|粮|的钱|恩人|通道))/ },
  { re: /(州官放火)/ },
  { re: /(威胁(到)?(我|我们|业主|居民|群众|村民|行人|他人|人民)?的?(生命|安全|健康|人身|财产))/ },
  { re: /(中毒(症状|死亡)|慢性中毒)/ },
  { re: /((打人|打架|殴打|杀人|抢劫|火灾|爆炸|坠楼|中毒)(事件|案件|现象|行为|案|事故|问题|纠纷))/ },
  { re: /(热|累|饿|渴|烦|急|吵|笑|冷|气|困|忙|闷|疼|晒|挤|憋|臭|穷|坑)(得|的)?(我|人)?(都)?(快|要)?死了/ },
  { re: /(急|气|渴|热|馋)得.{0,4}冒(烟|火)/ },
  { re: /(信息|知识|数据|资讯|消息|人口)爆炸/ },
  { re: /(火大|上火|发火|恼火|窝火|火冒三丈|心里(有|冒)火|一肚子火|火气)/ },
  { re: /(要人命|要了?(我的?|人的?|老|我们.{0,6}的)命|命都没了)/ },
  { re: /(被困扰|困扰|被困在(这|政策|流程|手续|原地))/ },
  { re: /(打架子鼓|打人脸|打脸|打架(的|这种)?(事|现象|问题|纠纷)|烟花爆竹|爆竹|炸鸡|炸酱|油炸|爆米花|爆料|爆满|爆款|火爆|火车|火锅|火腿|火葬|火化|火柴|抽烟|吸烟|烟头|烟酒|香烟|烟草|油烟|扬尘)/ },
  { re: /(抽搐|抽风)(似的|一样)/ },
  { re: /(杀价|杀熟|砍价|抢票|抢购|抢车位|抢号|抢单|抢红包|抢占|抢修|抢险|抢救)/ },
  { re: /((简直|这是|这不是|跟|像|和|等于|明)(是)?(抢钱|抢劫|打劫)|(抢钱|抢劫|打劫)(啊|呢|一样|似的|吗))/ },
  { re: /(被打(卡|折|回|分|听|扰|针|疫苗)|打(卡|折|针|疫苗|电话|招呼)|打(我|他|她)的?(电话|手机))/ },
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
];

/** Negation right before the trigger: 没有着火, 未发生爆炸, 防止被困, 不是打架. */
const NEGATION_BEFORE = /(没有|没|未|并未|并没有|(?<!是)不是|不会|不要|无|别|防止|预防|避免|以防|以免|谨防|禁止|严禁|不准|不能|不得|怕|担心)$/;
/** Hazard or hypothetical wording in the same clause: not happening now. */
const HAZARD = /(隐患|可能|容易|随时|一旦|万一|如果|要是|假如|假设|担心|害怕|恐怕|存在.{0,4}风险|风险|防范|预防|防止|避免|以防|以免|防火|防汛|演练|培训|宣传|知识|逃生|安全检查|检查|整改|消防通道|生命通道|占用|堵塞|堆放|私拉|飞线|充电|过期|灭火器|消防设施|消防栓|烟感|报警器|演习|应急预案|怎样|如何|早晚|迟早|会不会|会出|不堪设想|不敢想象|后果|会造成|会引发|引发|导致|增设|安装|配备|是不是|是否|怀疑)/;
/** Hypotheticals, hazards, suggestions and media anywhere in the sentence ("消防通道被占，着火了消防车都进不来"). */
const HAZARD_SENTENCE = /(隐患|万一|一旦|如果|要是|假如|消防通道|生命通道|建议|希望|视频|照片|图片|警示|防止)/;
/** Procedure and fee questions (救护车怎么收费, 消防验收怎么办理, 应该打什么电话). */
const PROCEDURE = /(收费|费用|多少钱|价格|医药费|医疗费|药费|报销|发票|验收|办理|手续|流程|审批|审核|资质|规定|标准|政策|证明|申请|备案|年检|鉴定|赔偿|理赔|保险|补贴|补助|培训|考试|招聘|报名|登记|哪个部门|找谁|什么电话|打什么|电话(是)?多少|报警电话|号码|哪里|处罚|拘留|探视|报不报|怎么判|判几年|法律|违法吗|是真的吗)/;
/** Complaints about the emergency services themselves. */
const SERVICE_COMPLAINT = /((120|110|119|救护车|急救|消防|警察|民警|派出所|公安|出警|接警).{0,12}(太慢|慢|迟迟|半天|态度|不作为|不管|不出警|推诿|乱收费|投诉|不满|敷衍|太贵))|((投诉|举报|反映).{0,12}(120|110|119|救护车|急救中心|消防|警察|民警|派出所|出警))/;
/** Signs the event is over or was in the past. */
const PAST = /(上个?(周|星期|礼拜)|上个?月|上次|上回|去年|前年|前天|昨天|昨晚|昨日|前几天|前些天|前(两|三|四|五)天|前段时间|前阵子|几天前|多天前|周前|月前|年前|之前|以前|曾经|曾|当时|那次|那天|那年|事后|事发后|后来|住院期间|已经?(被)?(扑灭|灭了|熄灭|处理|解决|结束|抢救过来|出院|康复|去世|过世)|去世|(叫|打|报|着|发生|出)过|\d{1,4}年\d{0,2}月?|\d{1,2}月\d{1,2}[日号]|[一二三四五六七八九十两]{1,3}(天|周|个月|年)前)/;
/** Chronic or secondhand: pollution every night, news reports, drills, burning waste, near misses. */
const NOT_ACUTE = /(每天|天天|每晚|每到|经常|长期|常年|总是|时常|反复|多次|几次|屡次|频发|频繁|环保|环境|扰民|异味|臭气|排黑烟|排烟|一直以来|污染|排放|烟囱|烟窗|住院|ICU|医疗事故|新闻|报道|抖音|网上|视频里|电视上|朋友圈|听说|据说|演练|演习|焚烧|烧(垃圾|秸秆|树叶|落叶|荒|塑料|纸)|差点|差一点|险些|幸好|好在|以为|表扬|感谢|感激)/;
/** Smoke from chimneys, boilers, cooking or burning waste is pollution (环境保护), not a fire. */
const POLLUTION_SMOKE = /(烟囱|烟筒|烟窗|锅炉|油烟|烧烤|炒菜|做饭|排放|污染|烧(垃圾|秸秆|树叶|落叶|纸|荒|塑料))/;
/** A complaint that someone did not handle it: the event is being reported afterwards. */
const HANDLED_AFTER = /(不管(?!用)|不处理|没(有)?处理|没人管|想反映|要求.{0,8}(赔|说法|处理|道歉)|讨个?说法|给个说法|追究)/;
/** Strong signs it is happening right now: they override past, complaint and procedure cues. */
const ACUTE = /(正在|还在|仍在|一直在|马上|赶紧|赶快|快来|快点|快过来|救命|刚才|刚刚|此刻|这会儿|立刻|立即|速来|请速|快叫|快打|快报警|来人|着呢|在打|在砍|在烧|在冒|在漏|在抢|在偷|在追)/;
/** The strongest now-markers (not 刚才: "刚才有人打架，保安不管" is already a report). */
const STRONG_NOW = /(正在|还在|仍在|救命|快来|快点|赶紧|赶快|马上|立刻|立即|速来|快叫|快打|快报警)/;
/** Weak present (现在, 目前): overrides a past cue only inside the same clause as the hit. */
const NOW = /(现在|目前|眼下)/;

/** Texts longer than this read as written narratives (see blockReason). */
const NARRATIVE_CHARS = 240;

/** Sentences: a past/procedure/complaint cue must be in the same sentence as the hit to block it. */
const SENTENCE_END = /[。！？!?；;\n]/;

function sentenceAround(text: string, start: number, end: number): string {
  let s = start;
  while (s > 0 && !SENTENCE_END.test(text[s - 1]!) && start - s < 40) s--;
  let e = end;
  while (e < text.length && !SENTENCE_END.test(text[e]!) && e - end < 30) e++;
  return text.slice(s, e);
}

/** The clause (between commas) around the hit: hazard wording only counts in the same clause. */
function clauseAround(text: string, start: number, end: number): string {
  const stop = /[。！？!?；;\n，,、]/;
  let s = start;
  while (s > 0 && !stop.test(text[s - 1]!) && start - s < 20) s--;
  let e = end;
  while (e < text.length && !stop.test(text[e]!) && e - end < 15) e++;
  return text.slice(s, e);
}

/** Compiled once, global, for scanning the few characters around a hit. */
const FIGURATIVE = FIGURATIVE_PATTERNS.map(({ re }) => new RegExp(re.source, 'g'));
const GLOBAL_TRIGGERS = new Map(TRIGGERS.map((t) => [t, new RegExp(t.re.source, 'g')]));

function isFigurative(text: string, start: number, end: number): boolean {
  const around = text.slice(Math.max(0, start - 6), Math.min(text.length, end + 6));
  const hitStart = start - Math.max(0, start - 6);
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
  /** hits that were blocked, with why: for tests and for explaining a missed alarm */
  blocked: Array<{ trigger: string; reason: string }>;
}

export function checkEmergency(rawText: string): EmergencyCheck {
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
        blocked.push({ trigger: m[0], reason });
        continue;
      }
      // Quote the original text (foldWidth keeps offsets), tersely.
      const phrase = tersest(t.re, m[0]);
      const at = start + m[0].indexOf(phrase);
      return { alert: { service: t.service, kind: t.kind, trigger: rawText.slice(at, at + phrase.length), confidence: t.confidence }, blocked };
    }
  }
  return { alert: null, blocked };
}

function blockReason(text: string, start: number, end: number, t: Trigger): string | null {
  const before = text.slice(Math.max(0, start - 4), start);
  if (NEGATION_BEFORE.test(before)) return '否定';
  if (isFigurative(text, start, end)) return '比喻/非字面';
  const sentence = sentenceAround(text, start, end);
  const clause = clauseAround(text, start, end);
  const acute = ACUTE.test(sentence);
  // A long written narrative (a board message, a complaint being recorded) describes what happened;
  // during a call the banner fires while the text is still short, so length plus no now-marker
  // means the event is being reported, not happening.
  if (text.length > NARRATIVE_CHARS && !acute && !NOW.test(sentence)) return '长篇陈述（非当下）';
  if (!t.direct && HAZARD.test(clause) && !acute) return '隐患/假设';
  if (!t.direct && HAZARD_SENTENCE.test(sentence) && !STRONG_NOW.test(sentence)) return '隐患/假设/建议';
  if (t.kind === '火灾（冒烟）' && POLLUTION_SMOKE.test(sentence)) return '污染（非火灾）';
  if (HANDLED_AFTER.test(sentence) && !STRONG_NOW.test(sentence)) return '事后反映';
  if (NOT_ACUTE.test(sentence) && !acute) return '非当下（长期/转述/未遂）';
  if (SERVICE_COMPLAINT.test(sentence) && !acute) return '投诉急救/警务服务';
  if (PROCEDURE.test(sentence) && !acute) return '询问手续/费用';
  if (PAST.test(sentence) && !acute && !NOW.test(clause)) return '过去的事件';
  return null;
}

/** The alert to raise for this text, or null. Pure and fast: call it on every keystroke. */
export function detectEmergency(text: string): EmergencyAlert | null {
  return checkEmergency(text).alert;
}
