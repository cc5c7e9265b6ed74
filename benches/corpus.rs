//! A deterministic synthetic gazette site: N pages of a municipal
//! government portal across five sections, with TOML front matter in
//! gazette's keys and Chinese Markdown bodies that link to each other.

mod body;
mod calendar;
mod rng;
mod words;

use std::fs;
use std::io;
use std::path::Path;

use body::Link;
use calendar::Date;
use rng::Rng;
use words::Words;

struct Section {
    dir: &'static str,
    title: &'static str,
    /// Share of the pages, in percent.
    share: usize,
    categories: &'static [&'static str],
}

const SECTIONS: [Section; 5] = [
    Section {
        dir: "news",
        title: "政务要闻",
        share: 25,
        categories: &["政务要闻", "部门动态"],
    },
    Section {
        dir: "notices",
        title: "通知公告",
        share: 25,
        categories: &["通知公告", "政府信息公开"],
    },
    Section {
        dir: "policies",
        title: "政策文件",
        share: 15,
        categories: &["规范性文件", "政策解读"],
    },
    Section {
        dir: "bulletins",
        title: "政务信息",
        share: 25,
        categories: &["政务信息", "信息专报"],
    },
    Section {
        dir: "guide",
        title: "办事指南",
        share: 10,
        categories: &["办事指南"],
    },
];

const CITY: &str = "云岭市";

/// Issuing organs of documents and their 机关代字.
const ISSUERS: [(&str, &str); 8] = [
    ("云岭市人民政府", "云政发"),
    ("云岭市人民政府办公室", "云政办发"),
    ("云岭市发展和改革委员会", "云发改"),
    ("云岭市财政局", "云财"),
    ("云岭市教育局", "云教"),
    ("云岭市生态环境局", "云环"),
    ("云岭市住房和城乡建设局", "云建"),
    ("云岭市应急管理局", "云应急"),
];

/// What was written.
pub struct Summary {
    pub pages: usize,
    pub bytes: u64,
}

struct Page {
    section: usize,
    title: String,
    /// Front matter lines specific to the section (documents, items).
    fields: Vec<String>,
    /// Addressee line and signature of a document.
    opening: Option<String>,
    closing: Option<String>,
}

/// Writes `gazette.toml` and `content/` for `pages` pages into `dir`.
pub fn write_site(dir: &Path, pages: usize, seed: u64) -> io::Result<Summary> {
    let w = Words::new();
    let mut rng = Rng::new(seed);
    let mut bytes = 0u64;
    let mut put = |rel: &str, text: &str| -> io::Result<()> {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().expect("relative path has a parent"))?;
        bytes += text.len() as u64;
        fs::write(path, text)
    };
    put("gazette.toml", &config())?;
    put("content/_index.md", "+++\ntitle = \"首页\"\n+++\n")?;
    for s in &SECTIONS {
        let text = format!(
            "+++\ntitle = \"{}\"\ndescription = \"{CITY}{}栏目。\"\nsort_by = \"date\"\n+++\n",
            s.title, s.title
        );
        put(&format!("content/{}/_index.md", s.dir), &text)?;
    }

    // Plan every page first so that links can point at real pages.
    let days: Vec<i64> = (0..pages).map(|_| body::day(&mut rng)).collect();
    let plan: Vec<Page> = days.iter().map(|&d| plan_page(&mut rng, &w, d)).collect();
    let path_of = |i: usize| format!("{}/p{i:06}.md", SECTIONS[plan[i].section].dir);

    for (i, page) in plan.iter().enumerate() {
        let links = (0..rng.range(1, 3))
            .filter(|_| pages > 1)
            .map(|_| match rng.below(pages - 1) {
                j if j >= i => j + 1, // never the page itself
                j => j,
            })
            .map(|j| Link {
                title: plan[j].title.clone(),
                path: path_of(j),
            })
            .collect();
        let mut text = front_matter(&mut rng, &w, page, days[i]);
        text.push('\n');
        text += &body::body(
            &mut rng,
            &w,
            days[i],
            links,
            page.opening.clone(),
            page.closing.clone(),
        );
        put(&format!("content/{}", path_of(i)), &text)?;
    }
    Ok(Summary { pages, bytes })
}

fn config() -> String {
    let mut s = format!(
        "title = \"{CITY}人民政府\"\nbase_url = \"https://www.yunling.example.gov.cn/\"\n\
         description = \"{CITY}人民政府门户网站（基准测试语料）\"\n"
    );
    for sec in &SECTIONS {
        s += &format!(
            "\n[[menu]]\nname = \"{}\"\nurl = \"/{}/\"\n",
            sec.title, sec.dir
        );
    }
    s
}

fn pick_section(rng: &mut Rng) -> usize {
    let mut roll = rng.below(100);
    for (i, s) in SECTIONS.iter().enumerate() {
        if roll < s.share {
            return i;
        }
        roll -= s.share;
    }
    SECTIONS.len() - 1
}

fn plan_page(rng: &mut Rng, w: &Words, day: i64) -> Page {
    let section = pick_section(rng);
    let dept = rng.pick(&w.departments);
    let (adv, verb, obj) = (
        rng.pick(&w.adverbs),
        rng.pick(&w.verbs),
        rng.pick(&w.objects),
    );
    let date = Date::from_days(day);
    let mut page = Page {
        section,
        title: String::new(),
        fields: Vec::new(),
        opening: None,
        closing: None,
    };
    page.title = match SECTIONS[section].dir {
        "news" => match rng.below(4) {
            0 => format!("{dept}召开{obj}工作推进会"),
            1 => format!("{CITY}政府常务会议研究部署{obj}工作"),
            2 => format!("{}{adv}{verb}{obj}", rng.pick(&w.towns)),
            _ => format!("{}年全市{obj}工作会议召开", date.year),
        },
        "notices" => {
            let (issuer, code) = ISSUERS[rng.below(ISSUERS.len())];
            let (genre, title) = match rng.below(3) {
                0 => ("通知", format!("{issuer}关于{verb}{obj}工作的通知")),
                1 => ("公告", format!("{issuer}关于{obj}有关事项的公告")),
                _ => ("通告", format!("关于{obj}期间加强管理的通告")),
            };
            document_fields(rng, &mut page, issuer, genre, date);
            if rng.chance(0.5) {
                page.fields.push(doc_number(rng, code, date));
            }
            title
        }
        "policies" => {
            let (issuer, code) = ISSUERS[rng.below(ISSUERS.len())];
            let (genre, title) = match rng.below(3) {
                0 => ("意见", format!("{issuer}关于{adv}{verb}{obj}的意见")),
                1 => ("决定", format!("{issuer}关于{verb}{obj}有关事项的决定")),
                _ => ("通知", format!("{issuer}关于印发{CITY}{obj}实施方案的通知")),
            };
            document_fields(rng, &mut page, issuer, genre, date);
            page.fields.push(doc_number(rng, code, date));
            let written = Date::from_days(day - rng.range(1, 10) as i64);
            page.fields.push(format!("written = {}", written.iso()));
            let keywords = rng.sample(&w.objects, 3);
            page.fields
                .push(format!("keywords = {}", toml_list(&keywords)));
            page.fields.push("validity = \"有效\"".into());
            page.opening = Some("各县（市、区）人民政府，市政府各部门，各直属机构：".into());
            page.closing = Some(format!("{issuer}\n\n{}", date.chinese()));
            title
        }
        "bulletins" => {
            page.fields.push(format!("unit = {}", quote(dept)));
            let given = if rng.chance(0.5) { "某某" } else { "某" };
            page.fields
                .push(format!("author = \"{}{given}\"", rng.pick(&w.surnames)));
            page.fields.push(format!(
                "category = {}",
                quote(rng.pick(&w.item_categories))
            ));
            format!("{dept}{adv}{verb}{obj}")
        }
        _ => {
            let kind = ["事项", "申请", "备案", "审批"][rng.below(4)];
            format!("{obj}{kind}办事指南")
        }
    };
    page
}

fn document_fields(rng: &mut Rng, page: &mut Page, issuer: &str, genre: &str, date: Date) {
    page.fields.push(format!("issuer = {}", quote(issuer)));
    page.fields.push(format!("genre = {}", quote(genre)));
    page.opening = Some("各有关单位：".into());
    if rng.chance(0.5) {
        page.closing = Some(format!("{issuer}\n\n{}", date.chinese()));
    }
}

fn doc_number(rng: &mut Rng, code: &str, date: Date) -> String {
    format!(
        "doc_number = \"{code}〔{}〕{}号\"",
        date.year,
        rng.range(1, 60)
    )
}

fn front_matter(rng: &mut Rng, w: &Words, page: &Page, day: i64) -> String {
    let section = &SECTIONS[page.section];
    let mut lines = vec![
        "+++".to_string(),
        format!("title = {}", quote(&page.title)),
        format!("date = {}", Date::from_days(day).iso()),
    ];
    if rng.chance(0.4) {
        lines.push(format!("description = {}", quote(&body::sentence(rng, w))));
    }
    let count = rng.range(2, 4);
    let tags = rng.sample(&w.tags, count);
    lines.push(format!("tags = {}", toml_list(&tags)));
    let category = section.categories[rng.below(section.categories.len())];
    lines.push(format!("categories = {}", toml_list(&[category])));
    lines.extend(page.fields.iter().cloned());
    lines.push("+++\n".into());
    lines.join("\n")
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn toml_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}
