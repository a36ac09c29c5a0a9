// Text normalisation before any matching or model reads it. One pass over UTF-16 code units with a lookup table:
// - full-width ASCII (U+FF01–FF5E) → half-width (U+0021–007E), so "１２３４５" = "12345" and "！" = "!";
// - Latin capitals → lower case (ASCII, full-width and Latin-1 / Latin Extended-A);
// - traditional Chinese → simplified, one character at a time, from the table below (common characters of
//   citizen and government text; characters whose mapping depends on the word, such as 乾 / 著 / 瞭 / 藉 / 覆,
//   are left alone because they are also ordinary simplified characters);
// - every Unicode space or line break (tab, CR/LF, NBSP, U+2000–200A, U+3000 …) → " ", runs collapsed to one,
//   the ends trimmed; the invisible U+200B (zero-width space), U+2060 (word joiner) and U+FEFF (byte-order mark)
//   are removed.
// Text that needs none of this is returned as is, after one scan without allocating.

/**
 * Traditional → simplified pairs, written for this project: each traditional character followed by its
 * simplified form. Only characters that exist in traditional text alone (never as a different simplified word).
 */
const TRADITIONAL_SIMPLIFIED =
  // government, administration, places
  "區区縣县鄉乡鎮镇莊庄園园廳厅處处辦办務务衛卫監监檢检執执罰罚違违規规" +
  "黨党團团員员組组織织書书記记長长領领導导幹干職职責责權权級级機机關关" +
  "國国華华東东陽阳陝陕陸陆蘇苏滬沪廣广韓韩漢汉鄭郑劉刘張张趙赵陳陈楊杨" +
  "黃黄吳吴許许馮冯鄧邓蔣蒋謝谢羅罗龍龙葉叶鄒邹錢钱孫孙盧卢魯鲁閻阎龔龚" +
  "聶聂譚谭嶽岳瀋沈濱滨灣湾島岛嶺岭巒峦淵渊澤泽濟济濰潍閩闽粵粤贛赣隴陇" +
  // housing, building, property
  "樓楼層层頂顶牆墙門门鎖锁鑰钥廁厕廚厨櫥橱戶户傢家屬属產产業业" +
  "築筑製制裝装飾饰鋪铺舖铺磚砖壩坝橋桥棟栋礎础壓压滲渗縫缝擴扩遷迁" +
  "廢废棄弃燈灯電电線线纜缆熱热氣气煙烟爐炉鍋锅網网絡络訊讯號号碼码" +
  // money, fees, work, insurance
  "費费價价幣币貸贷債债賬账帳帐單单據据發发稅税賦赋資资補补貼贴" +
  "償偿賠赔虧亏損损賺赚購购買买賣卖貨货販贩攤摊質质險险養养醫医療疗藥药" +
  "診诊護护殘残齡龄歲岁軍军繳缴額额儲储銀银財财貧贫窮穷僱雇傭佣勞劳動动" +
  // traffic, transport
  "車车輛辆駕驾駛驶運运輸输軌轨鐵铁鐘钟轉转輪轮擁拥擠挤" +
  "駐驻鏈链繩绳纖纤測测櫃柜罷罢" +
  // common function characters and verbs
  "這这個个們们來来時时為为會会說说對对與与點点問问題题還还過过進进後后" +
  "開开見见間间現现實实從从麼么嗎吗沒没兒儿爾尔讓让給给該该應应當当" +
  "將将於于並并併并幾几兩两種种樣样頭头體体邊边裡里裏里臺台颱台檯台" +
  "隻只衹只準准週周係系繫系複复復复儘尽盡尽佈布彙汇匯汇嚮向託托範范" +
  "歷历曆历鬥斗醜丑穀谷鬆松髮发鬍胡鬱郁麵面薑姜蔔卜滷卤鹵卤噁恶恆恒盃杯" +
  "緻致誌志臟脏髒脏甦苏痠酸夥伙餵喂嘗尝嚐尝洩泄閒闲閑闲餘余衝冲沖冲佔占" +
  "徵征捲卷纔才瀰弥彌弥嶄崭妳你牠它啟启啓启讚赞贊赞歎叹嘆叹衆众眾众" +
  "爲为僞伪偽伪説说産产録录錄录強强" +
  // a–z by pinyin of the simplified character
  "愛爱礙碍襖袄擺摆敗败頒颁絆绊幫帮綁绑鎊镑謗谤飽饱報报寶宝貝贝備备狽狈輩辈" +
  "筆笔畢毕閉闭斃毙編编貶贬變变辯辩辮辫標标錶表別别賓宾餅饼撥拨缽钵駁驳" +
  "參参蠶蚕慚惭慘惨燦灿倉仓艙舱蒼苍側侧攙搀摻掺讒谗饞馋纏缠闡阐顫颤場场" +
  "腸肠廠厂暢畅鈔钞徹彻塵尘襯衬稱称懲惩誠诚騁骋癡痴遲迟馳驰恥耻齒齿" +
  "熾炽蟲虫寵宠疇畴籌筹綢绸鋤锄雛雏觸触傳传瘡疮闖闯創创錘锤純纯綽绰辭辞" +
  "詞词賜赐聰聪蔥葱叢丛湊凑竄窜錯错達达帶带擔担鄲郸撣掸膽胆憚惮誕诞彈弹" +
  "擋挡蕩荡盪荡檔档搗捣禱祷盜盗敵敌滌涤遞递締缔墊垫澱淀釣钓調调諜谍疊叠" +
  "釘钉錠锭訂订凍冻犢犊獨独讀读賭赌鍍镀鍛锻斷断緞缎兌兑隊队噸吨頓顿" +
  "鈍钝奪夺墮堕鵝鹅訛讹惡恶餓饿餌饵貳贰閥阀礬矾煩烦飯饭訪访紡纺飛飞誹诽" +
  "紛纷墳坟奮奋憤愤糞粪豐丰楓枫鋒锋風风瘋疯諷讽鳳凤膚肤輻辐撫抚輔辅負负" +
  "訃讣婦妇縛缚鈣钙蓋盖趕赶稈秆岡冈剛刚鋼钢綱纲崗岗擱搁鴿鸽閣阁鞏巩貢贡" +
  "鉤钩溝沟構构夠够蠱蛊顧顾剮剐掛挂觀观館馆慣惯貫贯歸归龜龟閨闺詭诡貴贵" +
  "劊刽滾滚駭骇閡阂鶴鹤賀贺橫横轟轰鴻鸿紅红壺壶嘩哗畫画劃划話话懷怀" +
  "壞坏歡欢環环緩缓換换喚唤瘓痪煥焕渙涣謊谎揮挥輝辉毀毁賄贿穢秽燴烩諱讳" +
  "誨诲繪绘葷荤渾浑獲获禍祸擊击積积饑饥跡迹譏讥雞鸡績绩緝缉極极輯辑" +
  "劑剂計计際际繼继紀纪夾夹莢荚頰颊賈贾鉀钾殲歼堅坚箋笺艱艰緘缄繭茧鹼碱" +
  "揀拣撿捡簡简儉俭減减薦荐檻槛鑒鉴踐践賤贱鍵键艦舰劍剑餞饯漸渐濺溅澗涧" +
  "漿浆槳桨獎奖講讲醬酱膠胶澆浇驕骄嬌娇攪搅鉸铰矯矫僥侥腳脚餃饺絞绞轎轿" +
  "較较階阶節节莖茎鯨鲸驚惊經经頸颈靜静鏡镜徑径痙痉競竞淨净糾纠廄厩舊旧" +
  "駒驹舉举鋸锯懼惧劇剧鵑鹃絹绢傑杰潔洁結结誡诫屆届緊紧錦锦僅仅謹谨晉晋" +
  "燼烬勁劲荊荆覺觉決决訣诀絕绝鈞钧駿骏凱凯顆颗殼壳課课墾垦懇恳摳抠庫库" +
  "褲裤誇夸塊块儈侩寬宽礦矿曠旷況况巋岿窺窥饋馈潰溃闊阔蠟蜡臘腊萊莱賴赖" +
  "藍蓝欄栏攔拦籃篮闌阑蘭兰瀾澜讕谰攬揽覽览懶懒爛烂濫滥撈捞澇涝樂乐鐳镭" +
  "壘垒類类淚泪籬篱離离鯉鲤禮礼麗丽厲厉勵励礫砾瀝沥隸隶倆俩聯联蓮莲連连" +
  "鐮镰憐怜漣涟簾帘斂敛臉脸戀恋煉炼練练糧粮涼凉諒谅遼辽鐐镣獵猎臨临鄰邻" +
  "鱗鳞凜凛賃赁鈴铃靈灵餾馏聾聋嚨咙籠笼壟垄攏拢婁娄摟搂簍篓蘆芦顱颅廬庐" +
  "擄掳虜虏賂赂綠绿驢驴呂吕鋁铝侶侣屢屡縷缕慮虑濾滤攣挛孿孪灤滦亂乱掄抡" +
  "倫伦侖仑淪沦綸纶論论蘿萝邏逻鑼锣籮箩騾骡駱骆媽妈瑪玛螞蚂馬马罵骂麥麦" +
  "邁迈脈脉瞞瞒饅馒蠻蛮滿满謾谩貓猫錨锚鉚铆貿贸鎂镁悶闷錳锰夢梦謎谜覓觅" +
  "綿绵緬缅廟庙滅灭憫悯鳴鸣銘铭謬谬謀谋畝亩鈉钠納纳難难撓挠腦脑惱恼鬧闹" +
  "餒馁內内擬拟膩腻攆撵釀酿鳥鸟鑷镊鎳镍檸柠獰狞寧宁擰拧濘泞鈕钮紐纽膿脓" +
  "濃浓農农瘧疟諾诺歐欧鷗鸥毆殴嘔呕漚沤盤盘龐庞噴喷鵬鹏騙骗飄飘頻频蘋苹" +
  "憑凭評评潑泼頗颇撲扑樸朴譜谱棲栖淒凄悽凄臍脐齊齐騎骑豈岂訖讫牽牵" +
  "鉛铅簽签籤签謙谦鉗钳潛潜淺浅譴谴塹堑槍枪嗆呛薔蔷搶抢鍬锹喬乔僑侨翹翘" +
  "竅窍竊窃欽钦親亲寢寝輕轻氫氢傾倾頃顷請请慶庆瓊琼趨趋軀躯驅驱顴颧勸劝" +
  "卻却鵲鹊確确饒饶擾扰繞绕韌韧認认紉纫榮荣絨绒軟软銳锐閏闰潤润灑洒薩萨" +
  "鰓鳃賽赛傘伞喪丧騷骚掃扫澀涩殺杀紗纱篩筛曬晒刪删閃闪贍赡繕缮傷伤賞赏" +
  "燒烧紹绍賒赊攝摄懾慑設设紳绅審审嬸婶腎肾聲声勝胜聖圣師师獅狮濕湿詩诗" +
  "屍尸蝕蚀識识勢势適适釋释視视試试壽寿獸兽樞枢贖赎術术樹树豎竖數数帥帅" +
  "雙双誰谁順顺碩硕爍烁絲丝飼饲聳耸慫怂頌颂訟讼誦诵擻擞訴诉肅肃雖虽隨随" +
  "綏绥筍笋縮缩瑣琐獺獭撻挞擡抬貪贪癱瘫灘滩壇坛罈坛談谈湯汤燙烫濤涛討讨" +
  "騰腾謄誊屜屉條条聽听烴烃銅铜統统禿秃圖图塗涂頹颓蛻蜕脫脱鴕鸵馱驮" +
  "駝驼橢椭窪洼襪袜彎弯頑顽萬万韋韦圍围維维葦苇偉伟緯纬謂谓溫温聞闻紋纹" +
  "穩稳甕瓮蝸蜗渦涡窩窝臥卧嗚呜鎢钨烏乌汙污誣诬無无蕪芜塢坞霧雾誤误錫锡" +
  "犧牺襲袭習习戲戏細细蝦虾轄辖峽峡俠侠狹狭廈厦嚇吓鮮鲜鹹咸賢贤銜衔顯显" +
  "獻献餡馅羨羡憲宪廂厢鑲镶詳详響响項项蕭萧囂嚣銷销曉晓嘯啸蠍蝎協协挾挟" +
  "攜携脅胁諧谐寫写瀉泻鋅锌釁衅興兴洶汹鏽锈繡绣虛虚噓嘘須须敘叙緒绪續续" +
  "軒轩懸悬選选癬癣絢绚學学勳勋詢询諮咨尋寻馴驯訓训遜逊鴉鸦鴨鸭啞哑亞亚" +
  "訝讶閹阉鹽盐嚴严顏颜豔艳厭厌硯砚彥彦諺谚驗验鴦鸯揚扬瘍疡癢痒瑤瑶搖摇" +
  "堯尧遙遥窯窑謠谣爺爷頁页銥铱頤颐遺遗儀仪蟻蚁藝艺億亿憶忆義义詣诣" +
  "議议誼谊譯译異异繹绎蔭荫陰阴飲饮隱隐櫻樱嬰婴鷹鹰纓缨瑩莹螢萤營营熒荧" +
  "蠅蝇贏赢穎颖喲哟癰痈踴踊詠咏湧涌優优憂忧郵邮鈾铀猶犹遊游誘诱輿舆魚鱼" +
  "漁渔娛娱嶼屿語语籲吁禦御獄狱譽誉預预馭驭鴛鸳轅辕圓圆緣缘遠远願愿" +
  "約约躍跃悅悦閱阅雲云鄖郧勻匀隕陨蘊蕴醞酝暈晕韻韵雜杂災灾載载攢攒暫暂" +
  "贓赃鑿凿棗枣竈灶擇择則则賊贼贈赠紮扎軋轧鍘铡閘闸柵栅詐诈齋斋氈毡盞盏" +
  "斬斩輾辗棧栈戰战綻绽漲涨脹胀蟄蛰轍辙貞贞針针偵侦陣阵掙挣睜睁" +
  "猙狰爭争幀帧證证紙纸摯挚擲掷幟帜滯滞鍾钟終终腫肿謅诌軸轴皺皱晝昼驟骤" +
  "豬猪諸诸誅诛燭烛矚瞩囑嘱貯贮鑄铸專专樁桩妝妆粧妆壯壮狀状錐锥贅赘" +
  "墜坠綴缀諄谆濁浊茲兹漬渍蹤踪綜综總总縱纵詛诅鑽钻闆板醃腌蒞莅衊蔑" +
  "峯峰糉粽砲炮囪囱纍累瓏珑捨舍瀏浏";

/** Code units whose output differs from the input: 0 = unchanged, SPACE = a space, DELETE = removed. */
const SPACE = 0x20;
const DELETE = 0xffff;
const TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  // Spaces and line breaks; U+0020 itself stays 0 (the scan handles runs of it).
  for (const code of [0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000]) table[code] = SPACE;
  for (let code = 0x2000; code <= 0x200a; code++) table[code] = SPACE;
  for (const code of [0x200b, 0x2060, 0xfeff]) table[code] = DELETE;
  // Latin capitals.
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20;
  for (let code = 0xc0; code <= 0x17f; code++) {
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1 && lower.charCodeAt(0) !== code) table[code] = lower.charCodeAt(0);
  }
  // Full-width ASCII, lower-cased as well.
  for (let code = 0xff01; code <= 0xff5e; code++) {
    const ascii = code - 0xfee0;
    table[code] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  for (let i = 0; i + 1 < TRADITIONAL_SIMPLIFIED.length; i += 2) {
    const from = TRADITIONAL_SIMPLIFIED.charCodeAt(i);
    const to = TRADITIONAL_SIMPLIFIED.charCodeAt(i + 1);
    if (from !== to) table[from] = to;
  }
  return table;
}

/** The traditional → simplified pairs the table knows (for tests and tools). */
export function simplifiedPairs(): [string, string][] {
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < TRADITIONAL_SIMPLIFIED.length; i += 2) {
    const from = TRADITIONAL_SIMPLIFIED[i];
    const to = TRADITIONAL_SIMPLIFIED[i + 1];
    if (from !== to) pairs.set(from, to);
  }
  return [...pairs];
}

/** The simplified form of one traditional character; any other character is returned unchanged. */
export function toSimplifiedChar(ch: string): string {
  if (ch.length !== 1) return ch;
  const code = ch.charCodeAt(0);
  const mapped = TABLE[code];
  return code >= 0x3400 && code < 0xfe00 && mapped !== 0 && mapped !== DELETE ? String.fromCharCode(mapped) : ch;
}

let buffer = new Uint16Array(1024);

export function normalizeText(text: string): string {
  // Scan: is anything to change? Spaces only need work when doubled or at either end.
  const n = text.length;
  let previousSpace = true;
  let i = 0;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE) {
      if (previousSpace) break;
      previousSpace = true;
    } else if (TABLE[code] !== 0) break;
    else previousSpace = false;
  }
  if (i === n && !(previousSpace && n > 0)) return text;
  return rewrite(text);
}

function rewrite(text: string): string {
  const n = text.length;
  if (buffer.length < n) buffer = new Uint16Array(Math.max(n, buffer.length * 2));
  const out = buffer;
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < n; i++) {
    let code = text.charCodeAt(i);
    const mapped = TABLE[code];
    if (mapped !== 0) {
      if (mapped === DELETE) continue;
      code = mapped;
    }
    if (code === SPACE) {
      pendingSpace = length > 0;
      continue;
    }
    if (pendingSpace) {
      out[length++] = SPACE;
      pendingSpace = false;
    }
    out[length++] = code;
  }
  return codesToString(out, length);
}

const CHUNK = 8192;

function codesToString(codes: Uint16Array, length: number): string {
  if (length <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, length) as unknown as number[]);
  let s = "";
  for (let start = 0; start < length; start += CHUNK) {
    s += String.fromCharCode.apply(null, codes.subarray(start, Math.min(length, start + CHUNK)) as unknown as number[]);
  }
  return s;
}
