/**
 * Hand-assigned ids and sectors for the municipal units and enterprises of
 * resources/catalogue/sources/*.csv. The sector is the key catalogue entries use
 * (`municipal:住建` → 北京市住房和城乡建设委员会).
 */
export const MUNICIPAL_IDS: Record<string, { id: string; sector: string }> = {
  北京市发展和改革委员会: { id: 'mu-fgw', sector: '发改' },
  北京市教育委员会: { id: 'mu-jw', sector: '教育' },
  '北京市科学技术委员会、中关村科技园区管理委员会': { id: 'mu-kw', sector: '科技' },
  北京市经济和信息化局: { id: 'mu-jxj', sector: '经信' },
  北京市民族宗教事务委员会: { id: 'mu-mzzjw', sector: '民族宗教' },
  北京市公安局: { id: 'mu-gaj', sector: '公安' },
  北京市民政局: { id: 'mu-mzj', sector: '民政' },
  北京市司法局: { id: 'mu-sfj', sector: '司法' },
  北京市财政局: { id: 'mu-czj', sector: '财政' },
  北京市人力资源和社会保障局: { id: 'mu-rsj', sector: '人社' },
  北京市规划和自然资源委员会: { id: 'mu-ghzrzyw', sector: '规划自然资源' },
  北京市生态环境局: { id: 'mu-sthjj', sector: '生态环境' },
  北京市住房和城乡建设委员会: { id: 'mu-zjw', sector: '住建' },
  北京市城市管理委员会: { id: 'mu-cgw', sector: '城市管理' },
  北京市交通委员会: { id: 'mu-jtw', sector: '交通' },
  北京市水务局: { id: 'mu-swj', sector: '水务' },
  北京市农业农村局: { id: 'mu-nyncj', sector: '农业农村' },
  北京市商务局: { id: 'mu-sw', sector: '商务' },
  北京市文化和旅游局: { id: 'mu-whlyj', sector: '文化旅游' },
  北京市卫生健康委员会: { id: 'mu-wjw', sector: '卫生健康' },
  北京市退役军人事务局: { id: 'mu-tyjrswj', sector: '退役军人' },
  北京市应急管理局: { id: 'mu-yjglj', sector: '应急管理' },
  北京市审计局: { id: 'mu-sjj', sector: '审计' },
  北京市人民政府外事办公室: { id: 'mu-wb', sector: '外事' },
  北京市人民政府国有资产监督管理委员会: { id: 'mu-gzw', sector: '国资' },
  北京市市场监督管理局: { id: 'mu-scjgj', sector: '市场监管' },
  北京市广播电视局: { id: 'mu-gdj', sector: '广电' },
  北京市文物局: { id: 'mu-wwj', sector: '文物' },
  北京市体育局: { id: 'mu-tyj', sector: '体育' },
  北京市统计局: { id: 'mu-tjj', sector: '统计' },
  北京市园林绿化局: { id: 'mu-yllhj', sector: '园林绿化' },
  北京市医疗保障局: { id: 'mu-ybj', sector: '医保' },
  北京市政务服务和数据管理局: { id: 'mu-zwfwj', sector: '政务服务' },
  北京市信访办公室: { id: 'mu-xfb', sector: '信访' },
  北京市国防动员办公室: { id: 'mu-gdb', sector: '国防动员' },
  中共北京市委金融委员会办公室: { id: 'mu-jrb', sector: '金融' },
  北京市粮食和物资储备局: { id: 'mu-lsj', sector: '粮食储备' },
  北京市城市管理综合行政执法局: { id: 'mu-cgzf', sector: '城管执法' },
  北京市药品监督管理局: { id: 'mu-yjj', sector: '药品监管' },
  北京市知识产权局: { id: 'mu-zscqj', sector: '知识产权' },
  北京市重点站区管理委员会: { id: 'mu-zdzq', sector: '重点站区' },
  北京市人民政府天安门地区管理委员会: { id: 'mu-tam', sector: '天安门地区' },
  北京市重大项目建设指挥部办公室: { id: 'mu-zdxm', sector: '重大项目' },
  北京市文化市场综合执法总队: { id: 'mu-whzf', sector: '文化执法' },
  北京市公园管理中心: { id: 'mu-gyzx', sector: '公园' },
  北京住房公积金管理中心: { id: 'mu-gjj', sector: '公积金' },
};

/**
 * Units not in the shared data set but needed by the catalogue (general knowledge, marked as such
 * in resources/catalogue/README.md): the discipline inspection body (纪检监察 referrals), the
 * postal administration (快递) and the tax bureau (税收征管).
 */
export const EXTRA_MUNICIPAL: Array<{ id: string; name: string; shortName: string; sector: string; note: string }> = [
  { id: 'mu-jjjc', name: '中共北京市纪律检查委员会、北京市监察委员会', shortName: '市纪委监委', sector: '纪检监察', note: '检举控告另有法定途径（12388）' },
  { id: 'mu-yzglj', name: '北京市邮政管理局', shortName: '市邮政管理局', sector: '邮政管理', note: '快递、邮政市场监管' },
  { id: 'mu-sw-tax', name: '国家税务总局北京市税务局', shortName: '市税务局', sector: '税务', note: '税收征管、发票' },
];

export const ENTERPRISE_IDS: Record<string, { id: string; sector: string; contact?: string }> = {
  北京市自来水集团有限责任公司: { id: 'en-water', sector: '供水', contact: '96116' },
  北京城市排水集团有限责任公司: { id: 'en-drainage', sector: '排水' },
  国网北京市电力公司: { id: 'en-power', sector: '电力', contact: '95598' },
  北京市燃气集团有限责任公司: { id: 'en-gas', sector: '燃气' },
  北京市热力集团有限责任公司: { id: 'en-heat', sector: '供热' },
  '北京公共交通控股(集团)有限公司': { id: 'en-bus', sector: '公交' },
  北京市地铁运营有限公司: { id: 'en-subway', sector: '地铁' },
  北京京港地铁有限公司: { id: 'en-mtr', sector: '京港地铁' },
  北京市轨道交通运营管理有限公司: { id: 'en-bjmoa', sector: '轨道运营' },
  北京公交有轨电车有限公司: { id: 'en-tram', sector: '有轨电车' },
  中国移动通信集团北京有限公司: { id: 'en-cmcc', sector: '移动' },
  中国联合网络通信有限公司北京市分公司: { id: 'en-unicom', sector: '联通' },
  中国电信股份有限公司北京分公司: { id: 'en-telecom', sector: '电信' },
  中国铁通北京分公司: { id: 'en-tietong', sector: '铁通' },
  中国邮政集团有限公司北京市分公司: { id: 'en-post', sector: '邮政' },
};
