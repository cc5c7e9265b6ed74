//! Vocabulary of a municipal government site: departments, the verbs and
//! objects of government work, headings, tags. Each list is one
//! space-separated string, split once.

pub struct Words {
    pub subjects: Vec<&'static str>,
    pub adverbs: Vec<&'static str>,
    pub verbs: Vec<&'static str>,
    pub objects: Vec<&'static str>,
    pub openers: Vec<&'static str>,
    pub results: Vec<&'static str>,
    pub headings: Vec<&'static str>,
    pub departments: Vec<&'static str>,
    pub towns: Vec<&'static str>,
    pub tags: Vec<&'static str>,
    pub surnames: Vec<&'static str>,
    pub item_categories: Vec<&'static str>,
    pub english: Vec<&'static str>,
}

pub const NUMERALS: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];

fn list(s: &'static str) -> Vec<&'static str> {
    s.split_whitespace().collect()
}

impl Words {
    pub fn new() -> Self {
        Words {
            subjects: list(
                "各地区 各部门 各级政府 市政府办公室 各县（市、区）政府 市直各单位 各乡镇（街道）
                 有关单位 牵头部门 责任单位 工作专班 督查室 政务服务中心 大数据局 信息工作人员
                 各级领导干部 综合科 政策法规科 信息公开办 联络员队伍 各园区管委会 国有企业 窗口单位",
            ),
            adverbs: list(
                "进一步 切实 扎实 认真 全面 持续 深入 积极 及时 主动 稳步 统筹 有序 精准 大力
                 不断 着力 严格 全力 协同 系统 集中 重点 常态化 规范化 高标准 高质量",
            ),
            verbs: list(
                "推进 落实 报送 加强 完善 提升 优化 健全 强化 深化 开展 组织 做好 规范 创新
                 保障 部署 贯彻 督促 审核 公开 发布 汇总 研判 推动 整合 梳理 核查 跟踪 回应
                 解读 办理 协调 调度 评估 考核 通报 总结 培训 宣传 排查 整改 对接 征集 编制",
            ),
            objects: list(
                "信息工作 政务信息 工作动态 政府信息公开 重大决策部署 民生实事 营商环境 安全生产
                 防汛抗旱 乡村振兴 基层治理 数字政府 政务服务 一网通办 重点项目 招商引资
                 生态环境保护 社会保障 就业创业 应急管理 依申请公开 政策解读 舆情回应 考核评价
                 队伍建设 制度建设 督查督办 社情民意 网络安全 档案管理 保密审查 财政预算 决算公开
                 建议提案办理 行政许可 公共资源交易 城市更新 老旧小区改造 义务教育 医疗卫生
                 养老服务 食品安全 粮食安全 耕地保护 河长制 林长制 文明城市创建 放管服改革
                 统计数据 价格监测 项目审批 专项债券 社会救助 退役军人服务 政务新媒体 政府网站
                 12345热线 信用体系建设 人才引进 科技创新 产业园区",
            ),
            openers: list(
                "今年以来， 近期， 下一步， 同时， 此外， 为此， 据统计， 截至目前， 会议强调，
                 会议指出， 一是， 二是， 三是， 按照上级要求， 在此基础上， 针对存在的问题， 结合工作实际，",
            ),
            results: list(
                "取得明显成效 形成长效机制 确保工作落到实处 为领导决策提供参考 推动各项任务落地见效
                 不断提高工作水平 切实增强群众获得感 有效防范化解风险 进一步压实工作责任 实现闭环管理
                 全面完成年度目标任务 营造良好氛围 打通服务群众最后一公里",
            ),
            headings: list(
                "基本情况 主要做法 工作成效 存在问题 下一步工作打算 经验做法 主要措施 办理流程
                 申请材料 办理时限 公开内容 政策依据 责任分工 保障措施 附件说明 联系方式",
            ),
            departments: list(
                "市人民政府办公室 市发展和改革委员会 市教育局 市财政局 市人力资源和社会保障局
                 市生态环境局 市住房和城乡建设局 市交通运输局 市农业农村局 市卫生健康委员会
                 市应急管理局 市市场监督管理局 市政务服务和大数据管理局 市统计局 市民政局
                 市司法局 市自然资源和规划局 市水利局 市商务局 市退役军人事务局",
            ),
            towns: list(
                "城关镇 青石镇 柳溪乡 东湖街道 西山镇 南坪乡 北岭镇 白沙街道 桃源镇 龙泉乡
                 高新区 经开区",
            ),
            tags: list(
                "政策解读 人事信息 财政信息 规划计划 建议提案办理 应急管理 营商环境 民生保障
                 乡村振兴 数字政府 安全生产 生态环境 教育 卫生健康 统计数据 督查督办 重点项目
                 政务服务 社会救助 城乡建设 交通运输 就业创业 市场监管 信息化建设",
            ),
            surnames: list("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 胡 朱 高 林 何 郭 马 罗"),
            item_categories: list("动态 经验 预警 问题 调研 综合 短波 紧急"),
            english: vec![
                "The Open Government Information (OGI) annual report is available in PDF format.",
                "Data are published via the open data API under the CC BY 4.0 license.",
                "See the English version at https://english.example.gov.cn for reference.",
                "Contact: info@example.gov.cn, Tel. 0551-12345678 (Mon-Fri 9:00-17:00).",
            ],
        }
    }
}
