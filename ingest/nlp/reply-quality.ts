// Quality of a government reply to a citizen's letter: is it substantive, and is it about the letter's problem?
// Pure and dependency-free; phrase lists written for this project from the wording of public replies.
//
// Replies are wrapped in template text: a greeting ("网友“UU008”您好！"), an acknowledgement ("您的留言已收悉"),
// an announcement ("现将有关情况回复如下："), thanks ("感谢您对我们工作的支持、理解与监督！"), a unit and a date.
// Template text is cut out first; what is left is the content. A reply whose content is only forwarding or
// "being handled" wording, or a few characters with no result in them, is a placeholder.

/** Template phrases cut out of replies and letters before anything is measured. Order matters. */
const TEMPLATE: RegExp[] = [
  // user handle heading the reply: “UU0081480”, UU008698：, A00085038：, 网友“叮了咚”：
  /(?:网友|网民)?\s*[“"「][^”"」\n]{0,30}[”"」]\s*(?:网友|网民)?\s*[:：]?|\b(?:UU|U|A0)\d{3,}\s*(?:网友)?\s*[:：]?/g,
  // greeting: 网友：您好 / 网友同志：您好 / 尊敬的网友：你好 / 亲爱的网友 / 来信人：您好
  /(?:尊敬的|亲爱的)?(?:网友|市民|群众|朋友|同志|网民|来信人|楼主)*\s*[:：,，]?\s*(?:您|你)们?好[!！。，,]?|(?:尊敬的|亲爱的)(?:网友|市民|网民)[:：,，]?|(?:网友|网民)\s*[:：]/g,
  // the platform: 您通过平台《问政西地省》, 在平台《问政西地省》栏目
  /(?:您|你)?(?:通过|在)?(?:平台)?《问政[^》]{0,10}》?(?:栏目|平台)?(?:上)?(?:向[^，。！；]{0,12}?)?/g,
  // acknowledgement: 您的留言已收悉 / 来信收悉 / 帖文已收悉 / 您的留言已经收到 / 留言已阅
  /(?:首先)?(?:非常)?(?:感谢|谢谢)(?:您|你)的(?:来信|留言|来电|反映|关注|建议|提问|来帖)[!！。，,]?/g,
  /(?:您|你)?(?:的|所)?(?:留言|来信|来电|信件|诉求|帖文|来帖|帖子|来邮|函件|意见|建议|提的建议|反映的(?:问题|情况|事情)?|反馈的问题|的事情)?(?:我局|我办|我院|我们)?(?:已|均已|已经)(?:收悉|收到|获悉|知悉|阅)|(?:您|你)?(?:的|所)?(?:留言|来信|来电|信件|诉求|帖文|来帖|函件)?(?:收悉|已阅)/g,
  // (announcements of the answer, "现将有关情况回复如下", are cut by cutAnnouncements)
  /关于(?:您|你)(?:信件中)?所?(?:述|反映|提|咨询)的(?:问题|情况)/g,
  /(?:您|你)(?:所)?(?:反映|提出|咨询|反馈)的(?:问题|情况|事项)/g,
  // closing
  /(?:再次)?(?:非常|多)?(?:感谢|谢谢)(?:您|你|网友|楼主)?(?:对|给)?(?:我们|我局|我区|我县|我市|本单位)?[^。！？!?\n]{0,30}?(?:的)?(?:支持|理解|关心|监督|信任|关注|肯定|鼓励|建议|参与|厚爱|问政|咨询|来信|留言|来帖)[^。！？!?\n]{0,12}/g,
  /(?:欢迎|希望)(?:您|你)?(?:继续|一如既往地?)?[^。！？!?\n]{0,20}?(?:关注|监督|支持)[^。！？!?\n]{0,20}/g,
  /特此(?:答复|回复|说明)|专此回复|此复|祝(?:您|你)?[^。！？!?\n]{0,12}(?:愉快|顺利|健康|如意|顺心|开心)|谢谢[!！。]?/g,
  // dates: 2019年5月9日, 2018-07-20, 2013.11.25, 二0一七年…
  /(?:\d{4}|[二〇0一二三四五六七八九]{4})\s*[年.\-/]\s*\d{1,2}\s*[月.\-/]\s*\d{1,2}\s*日?/g,
  /\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?/g,
];

/** Forwarding, "being handled" and "answered elsewhere" wording: content that says nothing yet. */
const FORWARD_VERB = "(?:转交|转至|转到|转给|转送|转办|转入|转由|交由|交给|交办|移交|上报|汇报|呈报|转(?!学|让|变|移|型|正|账|载|发|换|乘|岗|运|为|成|向|弯)|交(?=有关|相关|给|由|至|到|办))";
const PENDING: RegExp[] = [
  new RegExp(`(?:我办|我们|我局|我单位|问题|情况|留言|来信|建议|帖文|诉求|事项|内容)?(?:已|已经|均已|并已?|将|会)?(?:将[^，。！；]{0,15}?)?(?:通过[^，。！；]{0,12}?)?(?:按工作程序)?${FORWARD_VERB}(?:给|到|至)?了?[^，。！；!;]{0,30}`, "g"),
  /(?:正在|目前正在|正)[^，。！；]{0,6}?(?:调查|处理|核实|核查|办理|研究|跟进|协调|交办|审批|报送)[^，。！；]{0,6}?(?:之?中|当中)?/g,
  /(?:我们|我局|我单位|我办)?(?:将|会)(?:尽快|及时|认真|第一时间|迅速|积极)?(?:向[^，。！；]{0,8}?)?(?:调查|处理|核实|办理|回复|答复|研究|跟进|反馈)(?:处理)?(?:并作积极处理)?/g,
  /稍后[^，。！；]{0,15}(?:回复|答复)/g,
  /(?:如有|有关|相关|处理|办理|调查)?(?:情况|进展|进度|结果|回复)?(?:我办)?(?:将|会)(?:在)?(?:及时|第一时间|尽快)?(?:向您)?(?:反馈|回复|告知|答复|发布)(?:给您|与您)?/g,
  /待[^，。！；]{0,12}后[^，。！；]{0,10}(?:回复|答复|反馈|处理)/g,
  /(?:敬请|请|请您)(?:耐心)?(?:关注|等待|留意)(?:近期|后续)?(?:回复|答复|结果)?/g,
  /已(?:经)?(?:作出|进行过?)?(?:回复|答复)(?:过)?|链接(?:如下)?[:：]?\s*(?:https?:\/\/\S*)?|详见/g,
  /高度重视|相关(?:部门|单位)|有关(?:部门|单位)/g,
];

/** Words that show a result, a rule or an action, so even a short content is an answer. */
const SUBSTANCE = /已(?:解决|处理完|整改|修复|修好|拆除|清理|安排|落实|完成|恢复|办结|退还|发放|受理|立案)|经(?:查|核实|调查|了解|研究)|根据|依据|按照|规定|《|不属于|属于|没有|暂无|可以|需要|应当|不能|无法|将于|计划|目前|\d+(?:\.\d+)?\s*(?:元|年|月|日|天|个|米|公里|号|%|户|人|套|平方|万|小时|分钟|点|周|期|栋|层|路|线)|\d{5,}/;

const PUNCT_SPACE = /[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]+/g;
/** A signature line at the end: a unit name ("A7县网络宣传管理办公室", "泉塘街道办事处"), nothing else. */
const SIGNATURE = /[\u4e00-\u9fffA-Z0-9]{2,24}(?:局|办|委|办公室|政府|办事处|街道|中心|大队|支队|中队|分局|委员会|公司|宣传部|网宣办|拆迁办|管理处|派出所)\s*$/;

const ANNOUNCE_VERBS = new Set(["回复", "答复", "说明", "汇报", "回答"]);
const SENTENCE_END = new Set("。！？!?；;：:\n");

/**
 * Cut sentences that only announce the answer: "现将有关情况回复如下", "现将网友在平台…的调查核实情况向该网友答复如下"
 * (up to 40 characters back from "…如下" to the previous sentence end). Done by hand, not by a regex, because a
 * regex would try the 40-character window at every position of long letters.
 */
function cutAnnouncements(t: string): string {
  let at = t.indexOf("如下");
  while (at >= 2) {
    if (ANNOUNCE_VERBS.has(t.slice(at - 2, at))) {
      let from = at - 2;
      while (from > 0 && at - from < 40 && !SENTENCE_END.has(t[from - 1])) from--;
      t = t.slice(0, from) + " " + t.slice(at + 2);
      at = t.indexOf("如下", from);
    } else {
      at = t.indexOf("如下", at + 2);
    }
  }
  return t;
}

/** Text with the template phrases removed (segments kept apart by spaces). */
function stripTemplate(text: string): string {
  let t = text.replace(/\s+/g, " ");
  if (t.includes("如下")) t = cutAnnouncements(t);
  for (const re of TEMPLATE) t = t.replace(re, " ");
  return t;
}

/** Content left once template, signature and forwarding wording are gone; punctuation removed. */
function contentOf(reply: string): { content: string; stripped: string } {
  let stripped = stripTemplate(reply).trim();
  // A trailing unit name is a signature; cut it (repeatedly: "A7县交通运输局 " after a date …).
  for (let k = 0; k < 2; k++) {
    const trimmed = stripped.replace(/[\s。！!.，,]+$/, "");
    const tail = trimmed.slice(-40); // the regex only looks at the end: keep it off long replies
    const m = tail.match(SIGNATURE);
    if (!m) break;
    const before = trimmed.slice(0, trimmed.length - tail.length + m.index!);
    if (/[的了已请是在我您你将对为有把被向]/.test(m[0])) break; // a sentence, not a unit name
    // Only a line of its own: after punctuation/space, or the whole reply.
    if (before && !/[\s。！!？?；;，,]\s*$/.test(before)) break;
    stripped = before;
  }
  let content = stripped;
  for (const re of PENDING) content = content.replace(re, " ");
  return { content: content.replace(PUNCT_SPACE, ""), stripped };
}

/** Content shorter than this (Han/alnum characters) is no answer unless it names a result. */
const MIN_CONTENT = 10;

/**
 * True for replies that answer nothing: empty, punctuation, a date, a unit name, acknowledgement and forwarding
 * formulae ("您的留言已收悉", "已转交相关部门办理", "正在处理中"). A template greeting followed by a real answer
 * is substantive.
 */
export function isPlaceholderReply(reply: string): boolean {
  const { content, stripped } = contentOf(reply ?? "");
  if (content.length >= MIN_CONTENT) return false;
  // A short answer still counts when it states a result or a rule ("已拆除", "不属于我局管辖").
  const bare = stripped.replace(PUNCT_SPACE, "");
  return !(content.length >= 3 && SUBSTANCE.test(content)) && !(bare.length >= 3 && /已(?:解决|拆除|修复|整改|清理)/.test(bare));
}

// ── relevance ────────────────────────────────────────────────────────────────────────────────────────────────

/** Characters of function words: bigrams containing them match between any two texts. */
const FUNCTION_CHARS = new Set("的了是在我你您他她们这那有和与及也都就要会对于从被把给让说问请为因所以但而且或其该此等个之已将");

/** Character-bigram term frequencies within segments (no bigram spans punctuation or a cut template). */
function bigrams(text: string): Map<string, number> {
  const tf = new Map<string, number>();
  for (const seg of text.split(PUNCT_SPACE)) {
    for (let i = 0; i + 1 < seg.length; i++) {
      if (FUNCTION_CHARS.has(seg[i]) || FUNCTION_CHARS.has(seg[i + 1])) continue;
      const g = seg.slice(i, i + 2);
      tf.set(g, (tf.get(g) ?? 0) + 1);
    }
  }
  return tf;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  if (!a.size || !b.size) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [g, v] of small) dot += v * (large.get(g) ?? 0);
  if (!dot) return 0;
  let na = 0;
  let nb = 0;
  for (const v of a.values()) na += v * v;
  for (const v of b.values()) nb += v * v;
  return dot / Math.sqrt(na * nb);
}

/** Sublinear term frequency: one word repeated ten times should not dominate the comparison. */
function damp(tf: Map<string, number>): Map<string, number> {
  for (const [g, v] of tf) tf.set(g, 1 + Math.log(v));
  return tf;
}

/**
 * Similarity in [0,1] of the reply's content to the letter's: cosine of sublinear character-bigram vectors,
 * template phrases, punctuation and function-word bigrams left out.
 */
export function replyRelevance(letter: string, reply: string): number {
  const score = cosine(damp(bigrams(stripTemplate(letter ?? ""))), damp(bigrams(stripTemplate(reply ?? ""))));
  return Math.min(1, Math.max(0, Math.round(score * 1e4) / 1e4));
}

/** No reply (null, empty or whitespace) gives nulls; otherwise whether it is substantive and how relevant. */
export function assessReply(letter: string, reply: string | null): { substantive: boolean | null; relevance: number | null } {
  if (reply == null || !reply.trim()) return { substantive: null, relevance: null };
  return { substantive: !isPlaceholderReply(reply), relevance: replyRelevance(letter, reply) };
}
