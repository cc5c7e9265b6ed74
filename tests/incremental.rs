//! The preview server's incremental rebuilds must produce exactly what a
//! clean build produces: after random sequences of edits (page text, titles,
//! dates, tags, links, new pages in new folders, renames, deletions, a
//! template override, the configuration), every output of the long-lived
//! session is compared byte for byte with a cold session's, and what it
//! reports with what the cold session reports.

mod common;

use std::path::PathBuf;

use common::TestSite;
use gazette::serve::session::{Session, Settings};
use gazette::serve::store::{Entry, Store};
use proptest::prelude::*;

fn settings(site: &TestSite) -> Settings {
    Settings {
        root: site.root().to_path_buf(),
        profile: None,
        drafts: true,
        now: Some(
            "2024-12-31T12:00:00+08:00[+08:00]"
                .parse::<jiff::Zoned>()
                .unwrap(),
        ),
        base_url: "http://127.0.0.1:1111/".into(),
    }
}

fn page(title: &str, date: &str, tags: &[&str], body: &str) -> String {
    let tags: Vec<String> = tags.iter().map(|t| format!("\"{t}\"")).collect();
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\ntags = [{}]\n+++\n\n{body}\n",
        tags.join(", ")
    )
}

fn fixture() -> TestSite {
    TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n[[menu]]\nname = \"通知\"\nurl = \"/notices/\"\n\n[series.zx]\nname = \"测试政务信息\"\nunit = \"测试县人民政府办公室\"\n",
        ),
        (
            "content/b/zx/2024/1/_index.md",
            "+++\ntitle = \"第1期\"\ndate = 2024-06-05\nseries = \"zx\"\nnumber = 1\n+++\n",
        ),
        // Lists that show each page's summary, so summary changes show.
        (
            "templates/section.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ section.title }}</h1>{% for p in paginator.pages %}<p><a href=\"{{ p.path }}\">{{ p.title }}</a> {{ p.description }}</p>{% endfor %}{% endblock content %}",
        ),
        (
            "content/b/zx/2024/1/item.md",
            &page(
                "防汛工作简报",
                "2024-06-05",
                &["防汛"],
                "各乡镇已完成巡查。",
            ),
        ),
        (
            "content/notices/_index.md",
            "+++\ntitle = \"通知公告\"\n+++\n",
        ),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/notices/a.md",
            &page(
                "关于开展防汛演练的通知",
                "2024-05-01",
                &["防汛"],
                "## 一、时间\n\n见 [要闻](@/news/b.md)。",
            ),
        ),
        (
            "content/news/b.md",
            &page(
                "县政府召开常务会议",
                "2024-06-02",
                &["会议"],
                "会议**重要提示：**请按时参加。",
            ),
        ),
        (
            "content/news/c.md",
            &page(
                "春耕生产有序推进",
                "2024-03-10",
                &["农业", "会议"],
                "正文。",
            ),
        ),
    ])
}

#[derive(Debug, Clone)]
enum Edit {
    Body(usize, String),
    Title(usize, String),
    Date(usize, u8),
    /// Another day of the same month: the date fast path.
    Redate(usize, u8),
    Tags(usize, Vec<&'static str>),
    LinkTo(usize, usize),
    Create(u8),
    Delete(usize),
    Rename(usize, u8),
    Template(u8),
    Config(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    let word = prop::sample::select(vec!["通知", "会议", "防汛", "春耕", "公示", "Gazette"]);
    let tag = prop::sample::select(vec!["防汛", "会议", "农业", "公示"]);
    prop_oneof![
        (any::<usize>(), word.clone()).prop_map(|(i, w)| Edit::Body(i, w.to_string())),
        (any::<usize>(), word).prop_map(|(i, w)| Edit::Title(i, format!("关于{w}的通知"))),
        (any::<usize>(), 1u8..28).prop_map(|(i, d)| Edit::Date(i, d)),
        (any::<usize>(), 1u8..29).prop_map(|(i, d)| Edit::Redate(i, d)),
        (any::<usize>(), prop::collection::vec(tag, 0..3)).prop_map(|(i, t)| Edit::Tags(i, t)),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::LinkTo(i, j)),
        (0u8..6).prop_map(Edit::Create),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), 0u8..6).prop_map(|(i, n)| Edit::Rename(i, n)),
        (0u8..3).prop_map(Edit::Template),
        (0u8..3).prop_map(Edit::Config),
    ]
}

/// Pages of the site, sorted, as paths relative to the root.
fn pages(site: &TestSite) -> Vec<String> {
    let mut list: Vec<String> = walkdir::WalkDir::new(site.path("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site.root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p.ends_with(".md") && !p.ends_with("_index.md"))
        .collect();
    list.sort();
    list
}

/// Applies an edit; returns the paths it touched (as the watcher would).
fn apply(site: &TestSite, edit: &Edit) -> Vec<PathBuf> {
    let list = pages(site);
    let pick = |i: usize| list.get(i % list.len().max(1)).cloned();
    let read = |rel: &str| std::fs::read_to_string(site.path(rel)).unwrap();
    let rewrite = |rel: &str, f: &dyn Fn(&str) -> String| {
        let text = read(rel);
        site.write(rel, f(&text));
        vec![site.path(rel)]
    };
    match edit {
        Edit::Body(i, w) => pick(*i).map_or_else(Vec::new, |p| {
            rewrite(&p, &|t| format!("{t}\n新增一段：{w}。\n"))
        }),
        Edit::Title(i, title) => pick(*i).map_or_else(Vec::new, |p| {
            rewrite(&p, &|t| {
                let start = t.find("title = \"").unwrap() + 9;
                let end = start + t[start..].find('"').unwrap();
                format!("{}{title}{}", &t[..start], &t[end..])
            })
        }),
        Edit::Date(i, d) => pick(*i).map_or_else(Vec::new, |p| {
            rewrite(&p, &|t| {
                let start = t.find("date = ").unwrap() + 7;
                format!("{}2024-04-{d:02}{}", &t[..start], &t[start + 10..])
            })
        }),
        Edit::Redate(i, d) => pick(*i).map_or_else(Vec::new, |p| {
            rewrite(&p, &|t| {
                let start = t.find("date = ").unwrap() + 7 + 8;
                format!("{}{d:02}{}", &t[..start], &t[start + 2..])
            })
        }),
        Edit::Tags(i, tags) => pick(*i).map_or_else(Vec::new, |p| {
            rewrite(&p, &|t| {
                let start = t.find("tags = [").unwrap();
                let end = start + t[start..].find(']').unwrap() + 1;
                let list: Vec<String> = tags.iter().map(|x| format!("\"{x}\"")).collect();
                format!("{}tags = [{}]{}", &t[..start], list.join(", "), &t[end..])
            })
        }),
        Edit::LinkTo(i, j) => match (pick(*i), pick(*j)) {
            (Some(from), Some(to)) => {
                let target = to.trim_start_matches("content/").to_string();
                rewrite(&from, &|t| format!("{t}\n参见[相关信息](@/{target})。\n"))
            }
            _ => Vec::new(),
        },
        Edit::Create(n) => {
            let rel = format!("content/topics/t{n}/p{n}.md");
            site.write(
                &rel,
                page(&format!("专题{n}"), "2024-07-07", &["公示"], "专题正文。"),
            );
            vec![site.path("content/topics")]
        }
        Edit::Delete(i) => pick(*i).map_or_else(Vec::new, |p| {
            // Keep links valid: drop every link to the deleted page first.
            let target = format!("(@/{})", p.trim_start_matches("content/"));
            let mut touched = vec![site.path(&p)];
            for other in pages(site) {
                let text = read(&other);
                if text.contains(&target) {
                    site.write(&other, text.replace(&target, "(https://example.org/)"));
                    touched.push(site.path(&other));
                }
            }
            std::fs::remove_file(site.path(&p)).unwrap();
            touched
        }),
        Edit::Rename(i, n) => pick(*i).map_or_else(Vec::new, |p| {
            let old_target = format!("(@/{})", p.trim_start_matches("content/"));
            let rel = format!("content/news/renamed-{n}.md");
            if site.path(&rel).exists() {
                return Vec::new();
            }
            std::fs::rename(site.path(&p), site.path(&rel)).unwrap();
            let new_target = format!("(@/{})", rel.trim_start_matches("content/"));
            let mut touched = vec![site.path(&p), site.path(&rel)];
            for other in pages(site) {
                let text = read(&other);
                if text.contains(&old_target) {
                    site.write(&other, text.replace(&old_target, &new_target));
                    touched.push(site.path(&other));
                }
            }
            touched
        }),
        Edit::Template(n) => {
            let rel = "templates/page.html";
            site.write(
                rel,
                format!("{{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ page.title }}}}</h1><p>版式{n}</p>{{{{ page.content | safe }}}}{{% endblock content %}}"),
            );
            vec![site.path(rel)]
        }
        Edit::Config(n) => {
            let rel = "gazette.toml";
            rewrite(rel, &|t| {
                let end = t.find('\n').unwrap();
                format!("title = \"测试站{n}\"{}", &t[end..])
            })
        }
    }
}

fn assert_same(incremental: &Store, clean: &Store, history: &[Edit]) {
    let mut a: Vec<&String> = incremental.files.keys().collect();
    let mut b: Vec<&String> = clean.files.keys().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "different outputs after {history:?}");
    for (path, entry) in &clean.files {
        match (entry, incremental.get(path).unwrap()) {
            (Entry::Bytes(x), Entry::Bytes(y)) => assert!(
                x == y,
                "{path} differs after {history:?}:\n--- clean\n{}\n--- incremental\n{}",
                String::from_utf8_lossy(x),
                String::from_utf8_lossy(y)
            ),
            (Entry::File(x), Entry::File(y)) => assert_eq!(x, y, "{path}"),
            _ => panic!("{path}: different kinds of entry"),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_equal_a_clean_build(edits in prop::collection::vec(edit(), 1..7)) {
        let site = fixture();
        let mut live = Session::new(settings(&site));
        let first = live.rebuild(&[], &Store::default());
        let mut store = first.store.expect("the fixture builds");
        let mut history = Vec::new();
        for e in &edits {
            let touched = apply(&site, e);
            history.push(e.clone());
            let outcome = live.rebuild(&touched, &store);
            let errors: Vec<String> = outcome.diagnostics.clone().sorted().iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
            let problems = reported(&outcome);
            store = outcome.store.unwrap_or_else(|| panic!("rebuild failed after {history:?}: {errors:?}"));
            let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
            prop_assert_eq!(problems, reported(&clean), "problems after {:?}", history);
            let clean = clean.store.expect("the clean build succeeds too");
            assert_same(&store, &clean, &history);
        }
    }
}

#[test]
fn an_unchanged_rebuild_renders_only_list_free_outputs() {
    let site = fixture();
    let mut live = Session::new(settings(&site));
    let store = live.rebuild(&[], &Store::default()).store.unwrap();
    let again = live.rebuild(&[], &store);
    let pages = again.store.as_ref().unwrap().files.len();
    // Feeds, sitemap and robots are rebuilt each time (they are not
    // templates); no page, list or term page is.
    assert!(
        again.rendered < 10,
        "{} of {pages} outputs rendered",
        again.rendered
    );
    assert!(again.store.unwrap().changed_since(&store, &[]).is_empty());
}

#[test]
fn a_page_edit_renders_that_page_and_the_lists_showing_it_only() {
    let site = fixture();
    let mut live = Session::new(settings(&site));
    let store = live.rebuild(&[], &Store::default()).store.unwrap();
    let text = std::fs::read_to_string(site.path("content/notices/a.md")).unwrap();
    site.write(
        "content/notices/a.md",
        format!(
            "{text}
文末新增一段。
"
        ),
    );
    let touched = vec![site.path("content/notices/a.md")];
    let out = live.rebuild(&touched, &store);
    let rendered = out.rendered;
    let new = out.store.unwrap();
    let changed = new.changed_since(&store, &touched);
    // The page, and its section's list, which shows its summary.
    assert_eq!(
        changed,
        ["notices/a/index.html", "notices/index.html"],
        "{changed:?}"
    );
    // The page, and the outputs that are not templates (feeds, sitemap,
    // robots); the home page reads values through functions.
    assert!(rendered < 12, "{rendered} rendered");
}

#[test]
fn body_title_date_and_tag_edits_take_the_fast_path_and_other_front_matter_edits_do_not() {
    let site = fixture();
    let mut live = Session::new(settings(&site));
    let store = live.rebuild(&[], &Store::default()).store.unwrap();
    let page = "content/news/b.md";
    // Each edit of b.md: a replacement in its text, whether it should
    // patch the last build, and why.
    let edits = [
        (
            "请按时参加。",
            "请按时参加。\n\n补充一段正文。",
            true,
            "a body edit",
        ),
        ("召开常务会议", "召开全体会议", true, "a title edit"),
        ("2024-06-02", "2024-06-03", true, "a date in the same month"),
        (
            "2024-06-03",
            "2024-05-20",
            false,
            "a date in another month (the archive)",
        ),
        ("2024-05-20", "2025-05-20", false, "a date in another year"),
        // 会议 keeps 春耕生产有序推进; 农业 gains this page.
        (
            "\"会议\"",
            "\"农业\"",
            true,
            "a tag moved between existing terms",
        ),
        (
            "\"农业\"",
            "\"农业\", \"新标签\"",
            false,
            "a new term (a new output)",
        ),
        (
            ", \"新标签\"",
            "",
            false,
            "an emptied term (an output less)",
        ),
        (
            "+++\n\n",
            "description = \"摘要\"\n+++\n\n",
            false,
            "another key",
        ),
    ];
    let mut store = store;
    for (from, to, fast, what) in edits {
        let text = std::fs::read_to_string(site.path(page)).unwrap();
        assert!(text.contains(from), "{what}: {from}");
        site.write(page, text.replacen(from, to, 1));
        let out = live.rebuild(&[site.path(page)], &store);
        assert_eq!(out.patched, fast, "{what}");
        store = same_as_clean(&site, out);
    }
    let created = {
        site.write("content/news/new.md", page_text("新页面"));
        live.rebuild(&[site.path("content/news/new.md")], &store)
    };
    assert!(!created.patched, "a new page is not a body edit");
    same_as_clean(&site, created);
}

#[test]
fn a_template_edit_takes_the_fast_path_and_a_broken_one_fails_then_recovers() {
    let site = fixture();
    // The pages' template puts an ID-shaped number (a warning) in every
    // page: findings in outputs the edits below do not render again, which
    // must stand.
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p>110105194912310020</p>{{ page.content | safe }}{% endblock content %}",
    );
    let (mut live, all, store) = built(&site);
    let rel = "templates/section.html";
    let text = std::fs::read_to_string(site.path(rel)).unwrap();
    let (edited, fast) = edit_template(&mut live, &site, rel, &text, &store);
    assert!(
        fast.rendered < all / 2,
        "only the outputs of that template are rendered again: {} of {all}",
        fast.rendered
    );
    let store = same_as_clean(&site, fast);

    // An ID-shaped number (its check digit fails: a warning) put in by the
    // template is reported against the outputs, and no longer once the
    // template drops it.
    site.write(
        rel,
        edited.replace("</h1>", "</h1><p>110105194912310020</p>"),
    );
    let shaped = live.rebuild(&[site.path(rel)], &store);
    assert!(shaped.patched);
    assert!(
        reported(&shaped).iter().any(|l| l.contains("(output)")),
        "{:?}",
        reported(&shaped)
    );
    let store = shaped.store.unwrap();
    site.write(rel, &edited);
    let dropped = live.rebuild(&[site.path(rel)], &store);
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_eq!(reported(&dropped), reported(&clean));
    let store = dropped.store.unwrap();

    // A template that does not parse fails the rebuild with its error; the
    // fix builds again and equals a clean build.
    site.write(
        rel,
        "{% extends \"base.html\" %}{% block content %}{{ section.title {% endblock content %}",
    );
    let broken = live.rebuild(&[site.path(rel)], &store);
    assert!(
        broken.store.is_none(),
        "a broken template fails the rebuild"
    );
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file.as_deref() == Some(std::path::Path::new(rel))),
        "the error names the template: {:?}",
        reported(&broken)
    );
    site.write(rel, &text);
    let fixed = live.rebuild(&[site.path(rel)], &store);
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_eq!(reported(&fixed), reported(&clean));
    assert_same(&fixed.store.unwrap(), &clean.store.unwrap(), &[]);

    // A new template is not an edit of one the build read: the full path.
    site.write("templates/extra.html", "{% extends \"base.html\" %}");
    let created = live.rebuild(&[site.path("templates/extra.html")], &store);
    assert!(!created.patched, "a new template takes the full path");
}

#[test]
fn a_component_edit_renders_what_reaches_it_and_later_edits_stay_exact() {
    let site = fixture();
    // The default theme's components, as a site that overrides them has
    // them: every template can call a component, so all reach this file.
    let rel = "templates/macros.html";
    let theme = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/themes/default/templates/macros.html"
    );
    let text = std::fs::read_to_string(theme).unwrap();
    site.write(rel, &text);
    let (mut live, all, store) = built(&site);
    let (_, fast) = edit_template(&mut live, &site, rel, &text, &store);
    assert!(
        fast.rendered > all / 2,
        "every template output is rendered again: {} of {all}",
        fast.rendered
    );
    let store = same_as_clean(&site, fast);

    // The memo kept the fingerprints of what the fast path did not render
    // and took those of what it did: a body edit and another template
    // edit after it still give a clean build's bytes.
    let page = "content/news/b.md";
    let body = std::fs::read_to_string(site.path(page)).unwrap();
    site.write(page, format!("{body}\n补充一段正文。\n"));
    let patched = live.rebuild(&[site.path(page)], &store);
    assert!(patched.patched);
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    let store = patched.store.unwrap();
    assert_same(&store, &clean.store.unwrap(), &[]);
    let section = "templates/section.html";
    let list = std::fs::read_to_string(site.path(section)).unwrap();
    let (_, again) = edit_template(&mut live, &site, section, &list, &store);
    assert!(again.rendered < all / 2, "{} of {all}", again.rendered);
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_same(&again.store.unwrap(), &clean.store.unwrap(), &[]);
}

/// Checks that `outcome` reports and serves what a clean build of `site`
/// does; its store.
fn same_as_clean(site: &TestSite, outcome: gazette::serve::session::Outcome) -> Store {
    let clean = Session::new(settings(site)).rebuild(&[], &Store::default());
    assert_eq!(reported(&outcome), reported(&clean));
    let store = outcome.store.unwrap();
    assert_same(&store, &clean.store.unwrap(), &[]);
    store
}

/// A session after its first build, how many outputs that rendered, and
/// its store.
fn built(site: &TestSite) -> (Session, usize, Store) {
    let mut live = Session::new(settings(site));
    let first = live.rebuild(&[], &Store::default());
    (live, first.rendered, first.store.unwrap())
}

/// Saves the template `rel` (now `text`) with a changed first heading or,
/// if it has none, a changed breadcrumb label, and rebuilds, which must
/// take the fast path. The new text and the outcome.
fn edit_template(
    live: &mut Session,
    site: &TestSite,
    rel: &str,
    text: &str,
    store: &Store,
) -> (String, gazette::serve::session::Outcome) {
    let edited = text
        .replace("<h1>", "<h1 class=\"column\">")
        .replace("aria-label=\"当前位置\"", "aria-label=\"您的位置\"");
    assert_ne!(edited, text, "{rel} has what the edit changes");
    site.write(rel, &edited);
    let fast = live.rebuild(&[site.path(rel)], store);
    assert!(
        fast.patched,
        "an edit of an existing template takes the fast path: {rel}"
    );
    (edited, fast)
}

fn page_text(title: &str) -> String {
    page(title, "2024-07-01", &["会议"], "正文。")
}

/// What a session reports, as comparable lines.
fn reported(outcome: &gazette::serve::session::Outcome) -> Vec<String> {
    let mut lines: Vec<String> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{:?} {:?} {:?} {}",
                d.severity,
                d.file,
                d.location.map(|l| (l.line, l.column)),
                d.message
            )
        })
        .collect();
    lines.sort();
    lines
}

#[test]
fn body_edits_report_what_a_clean_build_reports() {
    // An intranet build: personal data and sensitive words are warnings, and
    // a bulletin issue warns when it outgrows one folded A4 sheet.
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"intranet\"\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n\n[series.zx]\nname = \"测试政务信息\"\nunit = \"测试县人民政府办公室\"\naudience = \"internal\"\n",
        ),
        ("data/sensitive-words.txt", "# 词表\n青松工程\n"),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/a.md",
            &page("县政府召开常务会议", "2024-06-02", &["会议"], "会议正文。"),
        ),
        (
            "content/b/zx/2024/1/_index.md",
            "+++\ntitle = \"第1期\"\ndate = 2024-06-05\nseries = \"zx\"\nnumber = 1\n+++\n",
        ),
        (
            "content/b/zx/2024/1/a.md",
            "+++\ntitle = \"稿件\"\ndate = 2024-06-05\nunit = \"测试县农业农村局\"\n+++\n稿件正文。\n",
        ),
    ]);
    let mut live = Session::new(settings(&site));
    let mut store = live.rebuild(&[], &Store::default()).store.unwrap();
    let long = format!("{}\n", "很长的一段稿件正文。".repeat(400));
    type Change = Box<dyn Fn(&str) -> String>;
    let edits: Vec<(&str, Change)> = vec![
        (
            "content/news/a.md",
            Box::new(|t| format!("{t}\n项目代号青松工程。\n")),
        ),
        (
            "content/b/zx/2024/1/a.md",
            Box::new(move |t| format!("{t}\n{long}")),
        ),
        (
            "content/news/a.md",
            Box::new(|t| format!("{t}\n联系人身份证号 110101199003074514。\n")),
        ),
        (
            "content/news/a.md",
            Box::new(|t| t.replace("青松工程", "某工程")),
        ),
        (
            "content/b/zx/2024/1/a.md",
            Box::new(|t| t.split("很长").next().unwrap().to_string()),
        ),
    ];
    for (step, (file, change)) in edits.iter().enumerate() {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(file, change(&text));
        let out = live.rebuild(&[site.path(file)], &store);
        assert!(out.patched, "step {step}: a body edit takes the fast path");
        let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
        assert_eq!(reported(&out), reported(&clean), "after step {step}");
        let expected = ["青松工程", "篇幅", "身份证", "身份证", "身份证"][step];
        assert!(
            reported(&out).iter().any(|l| l.contains(expected)),
            "step {step}: {:?}",
            reported(&out)
        );
        if step >= 3 {
            assert!(!reported(&out).iter().any(|l| l.contains("青松工程")));
        }
        if step == 4 {
            assert!(!reported(&out).iter().any(|l| l.contains("篇幅")));
        }
        store = out.store.unwrap();
        assert_same(&store, &clean.store.unwrap(), &[]);
    }
}

#[test]
fn a_body_edit_that_breaks_a_link_fails_then_recovers() {
    let site = fixture();
    let mut live = Session::new(settings(&site));
    let store = live.rebuild(&[], &Store::default()).store.unwrap();
    let page = "content/news/c.md";
    let text = std::fs::read_to_string(site.path(page)).unwrap();
    site.write(page, format!("{text}\n见 [旧文](@/news/missing.md)。\n"));
    let failed = live.rebuild(&[site.path(page)], &store);
    assert!(failed.store.is_none(), "a broken link fails the rebuild");
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_eq!(reported(&failed), reported(&clean));
    site.write(page, text);
    let fixed = live.rebuild(&[site.path(page)], &store);
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_same(&fixed.store.unwrap(), &clean.store.unwrap(), &[]);
}

/// A build makes each page's template value when its output asks for it;
/// the preview makes them all up front (its memo fingerprints them). Both
/// must give the same pages: here a build of the fixture (a bulletin issue
/// that embeds its item, lists, terms, a link between pages) and a preview
/// session of it are compared file by file.
#[test]
fn the_preview_serves_what_a_build_writes() {
    let site = fixture();
    let config = std::fs::read_to_string(site.root().join("gazette.toml")).unwrap();
    std::fs::write(
        site.root().join("gazette.toml"),
        config.replace("https://t.example.gov.cn/", "http://127.0.0.1:1111/"),
    )
    .unwrap();
    let settings = settings(&site);
    let store = Session::new(settings.clone())
        .rebuild(&[], &Store::default())
        .store
        .expect("the fixture previews");
    let out = tempfile::tempdir().unwrap();
    let report = gazette::pipeline::run(&gazette::pipeline::Request {
        root: site.root().to_path_buf(),
        out: Some(out.path().to_path_buf()),
        profile: None,
        options: gazette::model::BuildOptions {
            drafts: true,
            future: true,
            now: settings.now.clone().unwrap(),
            profile: None,
        },
        progress: false,
        write: true,
    });
    assert!(!report.diagnostics.has_errors(), "{:?}", report.diagnostics);
    let mut compared = 0;
    for (path, entry) in &store.files {
        let Entry::Bytes(served) = entry else {
            continue;
        };
        let written = std::fs::read(out.path().join(path))
            .unwrap_or_else(|e| panic!("{path} is served but not built: {e}"));
        assert!(
            served[..] == written[..],
            "{path} differs:\n--- preview\n{}\n--- build\n{}",
            String::from_utf8_lossy(served),
            String::from_utf8_lossy(&written)
        );
        compared += 1;
    }
    assert!(compared > 15, "only {compared} outputs compared");
}

#[test]
fn kept_outputs_report_their_personal_data_as_a_clean_build_does() {
    // A template puts a mobile number on one page. Edits of another page's
    // front matter keep that page's output: the fast path keeps its
    // findings, and the full path reports its finding from what the
    // scanner found in those bytes.
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"intranet\"\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n",
        ),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        ("content/notices/_index.md", "+++\ntitle = \"通知\"\n+++\n"),
        (
            "templates/duty.html",
            "{% extends \"page.html\" %}{% block content %}<p>值班电话 13912345678</p>{{ super() }}{% endblock content %}",
        ),
        (
            "content/news/duty.md",
            "+++\ntitle = \"值班安排\"\ndate = 2024-06-01\ntemplate = \"duty.html\"\n+++\n\n值班表。\n",
        ),
        (
            "content/notices/a.md",
            &page("县政府召开常务会议", "2024-06-02", &["会议"], "会议正文。"),
        ),
    ]);
    const DUTY: &str = "news/duty/index.html";
    let (mut live, _, mut store) = built(&site);
    let duty = |lines: &[String]| lines.iter().any(|l| l.contains("139****5678"));
    let a = "content/notices/a.md";
    let steps = Retitle::BOTH
        .iter()
        .flat_map(|how| ["常务会议", "县政府常务会议"].map(|t| (*how, t)));
    for (step, (how, title)) in steps.enumerate() {
        let text = how.apply(&page(title, "2024-06-02", &["会议"], "会议正文。"), title);
        site.write(a, text);
        let out = live.rebuild(&[site.path(a)], &store);
        assert_eq!(out.patched, how.patched(), "step {step}: {how:?}");
        assert!(duty(&reported(&out)), "step {step}: {:?}", reported(&out));
        let before = store.bytes(DUTY).unwrap();
        store = same_as_clean(&site, out);
        let kept = std::sync::Arc::ptr_eq(&before, &store.bytes(DUTY).unwrap());
        assert!(kept, "step {step}: the duty page is kept, not rendered");
    }
    // The number is now in a source too: reported there, not again for the
    // kept output.
    site.write(
        a,
        page(
            "常务会议",
            "2024-06-03",
            &["会议"],
            "值班电话 13912345678。",
        ),
    );
    let out = live.rebuild(&[site.path(a)], &store);
    assert!(!out.patched);
    let lines = reported(&out);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("content/notices/a.md") && l.contains("139****5678")),
        "{lines:?}"
    );
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("(output)") && l.contains("139****5678")),
        "{lines:?}"
    );
    same_as_clean(&site, out);
}

/// How a test edits a page's title: alone, an edit the fast path takes,
/// or with its author too, another key of the front matter, which sends it
/// down the full path.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Retitle {
    Alone,
    Signed,
}

impl Retitle {
    const BOTH: [Retitle; 2] = [Retitle::Alone, Retitle::Signed];

    /// `text`, a page's source, with its title line saying `title` and,
    /// when `Signed`, an author named after it.
    fn apply(self, text: &str, title: &str) -> String {
        let (front, body) = text[3..].split_once("+++").unwrap();
        let mut out = String::from("+++");
        for line in front.split_inclusive('\n') {
            if line.starts_with("title") {
                out.push_str(&format!("title = \"{title}\"\n"));
                if self == Retitle::Signed {
                    out.push_str(&format!("author = \"{title}编写组\"\n"));
                }
            } else if !line.starts_with("author") {
                out.push_str(line);
            }
        }
        format!("{out}+++{body}")
    }

    /// Whether a rebuild after this edit takes the fast path.
    fn patched(self) -> bool {
        self == Retitle::Alone
    }
}

/// The fixture, with news/c (news/b's neighbour) given a body longer than
/// a short string: tera keeps those inline, so they are never the same
/// allocation twice and their values are never kept between rebuilds.
fn fixture_with_long_neighbour() -> TestSite {
    let site = fixture();
    site.write(
        "content/news/c.md",
        page(
            "春耕生产有序推进",
            "2024-03-10",
            &["农业"],
            "全县春耕生产有序推进，各乡镇按时完成备耕任务。",
        ),
    );
    site
}

/// A title edit reaches the neighbours' pages, which show it in their
/// links: the fast path makes their values again, and the full path, which
/// takes each page's value from the last rebuild when nothing it is made
/// of changed, must not take theirs.
#[test]
fn a_title_edit_reaches_the_neighbours_pages() {
    let site = fixture_with_long_neighbour();
    let (mut live, _, mut store) = built(&site);
    let page = "content/news/b.md";
    let titles = [
        "县政府召开全体会议",
        "县政府召开常务会议",
        "县政府召开专题会议",
    ];
    let steps = Retitle::BOTH
        .iter()
        .flat_map(|how| titles.map(|t| (*how, t)));
    for (how, title) in steps {
        let now = std::fs::read_to_string(site.path(page)).unwrap();
        site.write(page, how.apply(&now, title));
        let out = live.rebuild(&[site.path(page)], &store);
        assert_eq!(out.patched, how.patched(), "{how:?}");
        // notices/a (a body long enough to be kept, not a neighbour of
        // news/b) keeps its value; news/b and news/c make theirs again.
        if !out.patched {
            assert!(out.values_reused >= 1, "no page value was kept");
        }
        store = same_as_clean(&site, out);
        let neighbour = store
            .bytes("news/c/index.html")
            .expect("the neighbour's page");
        let neighbour = String::from_utf8_lossy(&neighbour);
        assert!(neighbour.contains(title), "news/c does not link {title}");
    }
}

/// A front-matter edit takes the full path, where the personal-data
/// findings of each source whose text did not change are remembered, not
/// scanned again: they must still be reported, and go when the text does.
#[test]
fn front_matter_edits_report_the_sources_personal_data_as_a_clean_build_does() {
    // An intranet build: personal data in a source is a warning.
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\ndefault_profile = \"intranet\"\n\n[profiles.intranet]\naudiences = [\"public\", \"internal\"]\n",
        ),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/a.md",
            &page("县政府召开常务会议", "2024-06-02", &["会议"], "会议正文。"),
        ),
        (
            "content/news/b.md",
            &page(
                "春耕生产有序推进",
                "2024-03-10",
                &["农业"],
                "联系人身份证号 110101199003074514。",
            ),
        ),
    ]);
    let (mut live, _, mut store) = built(&site);
    let retitle = |how: Retitle, file: &str, title: &str, body: Option<&str>| {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        let mut text = how.apply(&text, title);
        if let Some(body) = body {
            text = format!("{}+++\n\n{body}\n", text.rsplit_once("+++").unwrap().0);
        }
        site.write(file, text);
        site.path(file)
    };
    type Step<'a> = (&'a str, &'a str, Option<&'a str>, bool);
    let steps: [Step; 3] = [
        // Another page's title: b's text is as it was.
        ("content/news/a.md", "县政府召开全体会议", None, true),
        // b's own title: its text changed, its number stays.
        ("content/news/b.md", "春耕生产全面展开", None, true),
        // b's title and body: the number is gone.
        (
            "content/news/b.md",
            "春耕生产顺利完成",
            Some("正文已脱敏。"),
            false,
        ),
    ];
    for (step, (how, (file, title, body, reported_id))) in Retitle::BOTH
        .iter()
        .flat_map(|how| steps.map(|s| (*how, s)))
        .enumerate()
    {
        if how == Retitle::Signed && step == steps.len() {
            // Back to an identity number in b, for the full path's steps.
            let touched = retitle(
                how,
                "content/news/b.md",
                "春耕",
                Some("身份证号 110101199003074514。"),
            );
            store = same_as_clean(&site, live.rebuild(&[touched], &store));
        }
        let touched = retitle(how, file, title, body);
        let out = live.rebuild(&[touched], &store);
        assert_eq!(out.patched, how.patched(), "step {step}: {how:?}");
        let found = reported(&out).iter().any(|l| l.contains("身份证"));
        assert_eq!(found, reported_id, "step {step}: {:?}", reported(&out));
        store = same_as_clean(&site, out);
    }
}

/// A section's title is in every summary of its pages (and so in their
/// values), though none of their files changed: a rebuild that keeps
/// summaries and values must make them again.
#[test]
fn a_section_title_edit_reaches_its_pages() {
    let site = fixture_with_long_neighbour();
    let (mut live, _, store) = built(&site);
    site.write("content/news/_index.md", "+++\ntitle = \"本县要闻\"\n+++\n");
    let out = live.rebuild(&[site.path("content/news/_index.md")], &store);
    let store = same_as_clean(&site, out);
    let page = store
        .bytes("news/c/index.html")
        .expect("a page of the section");
    assert!(String::from_utf8_lossy(&page).contains("本县要闻"));
}

/// The demo site, copied: its documents, catalogue, feeds, bulletins and
/// statistics are what a title edit must reach.
fn demo() -> TestSite {
    let site = TestSite::bare();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for top in ["content", "data", "static"] {
        for entry in walkdir::WalkDir::new(repo.join(top)) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(repo).unwrap();
                site.write(rel.to_str().unwrap(), std::fs::read(entry.path()).unwrap());
            }
        }
    }
    site.write(
        "gazette.toml",
        std::fs::read(repo.join("gazette.toml")).unwrap(),
    );
    site
}

/// `text` with its title (TOML or YAML front matter) saying `title`.
fn demo_retitled(text: &str, title: &str) -> String {
    let line = text.lines().find(|l| l.starts_with("title")).unwrap();
    let new = if line.starts_with("title:") {
        format!("title: {title}")
    } else {
        format!("title = \"{title}\"")
    };
    text.replacen(line, &new, 1)
}

#[test]
fn title_edits_of_the_demo_take_the_fast_path_and_equal_a_clean_build() {
    let site = demo();
    const REPLACEMENT: &str = "content/policies/2025-rural-housing-safety.md";
    const YAML_NOTICE: &str = "content/notices/2024-qingming-forest-fire.md";
    // A reported item (it names its unit): the statistics keep its title.
    const ITEM: &str = "content/bulletins/zwxx/2024/3/farmland-maintenance.md";
    let steps: [(&str, &[(&str, bool)]); 2] = [
        ("public", &[(REPLACEMENT, true), (YAML_NOTICE, true)]),
        ("intranet", &[(YAML_NOTICE, true), (ITEM, false)]),
    ];
    for (profile, edits) in steps {
        let settings = Settings {
            profile: Some(profile.into()),
            ..settings(&site)
        };
        let mut live = Session::new(settings.clone());
        let mut store = live.rebuild(&[], &Store::default()).store.unwrap();
        for (n, (file, fast)) in edits.iter().enumerate() {
            let title = format!("改过{n}次的{profile}标题");
            let text = std::fs::read_to_string(site.path(file)).unwrap();
            site.write(file, demo_retitled(&text, &title));
            let out = live.rebuild(&[site.path(file)], &store);
            assert_eq!(out.patched, *fast, "{profile}: {file}");
            let clean = Session::new(settings.clone()).rebuild(&[], &Store::default());
            assert_eq!(reported(&out), reported(&clean), "{profile}: {file}");
            store = out.store.unwrap();
            assert_same(&store, &clean.store.unwrap(), &[]);
            if *file == REPLACEMENT {
                // The repealed document's banner, the catalogue's exports
                // and the feeds name the replacement by its new title.
                for shows in [
                    "policies/2024-rural-housing-safety-trial/index.html",
                    "catalogue/catalogue.csv",
                    "catalogue/catalogue.json",
                    "policies/atom.xml",
                    "atom.xml",
                ] {
                    let bytes = store.bytes(shows).unwrap();
                    let text = String::from_utf8_lossy(&bytes);
                    assert!(text.contains(&title), "{shows} lacks {title}");
                }
            }
        }
    }
}

/// An edit of the demo site: in `file`, `from` replaced by `to`, and
/// whether it should take the fast path.
type Step = (&'static str, &'static str, &'static str, bool);

/// Applies each profile's steps to the demo site `site` in a preview
/// session of that profile, checking the path each takes and that what is
/// served and reported after each is a clean build's.
fn demo_edits_equal_a_clean_build(site: &TestSite, steps: &[(&str, &[Step])]) {
    for (profile, edits) in steps {
        let settings = Settings {
            profile: Some((*profile).into()),
            ..settings(site)
        };
        let mut live = Session::new(settings.clone());
        let mut store = live.rebuild(&[], &Store::default()).store.unwrap();
        for (file, from, to, fast) in edits.iter() {
            let text = std::fs::read_to_string(site.path(file)).unwrap();
            assert!(text.contains(from), "{file} has {from}");
            site.write(file, text.replacen(from, to, 1));
            let out = live.rebuild(&[site.path(file)], &store);
            assert_eq!(out.patched, *fast, "{profile}: {file} → {to}");
            let clean = Session::new(settings.clone()).rebuild(&[], &Store::default());
            assert_eq!(reported(&out), reported(&clean), "{profile}: {file} → {to}");
            match (out.store, clean.store) {
                (Some(new), Some(clean)) => {
                    assert_same(&new, &clean, &[]);
                    store = new;
                }
                (None, None) => {}
                _ => panic!("{profile}: {file} → {to}: one build failed, the other did not"),
            }
        }
    }
}

/// Tag edits on the demo site in both profiles: a page moved between terms
/// that exist before and after takes the fast path (TOML and YAML front
/// matter); a new term, or a reported item, takes the full path.
#[test]
fn tag_edits_of_the_demo_take_the_fast_path_only_between_existing_terms() {
    let site = demo();
    const NOTICE: &str = "content/notices/2024-fiscal-project-publicity.md";
    const YAML_NEWS: &str = "content/news/2024-county-npc-session.md";
    const ITEM: &str = "content/bulletins/zwxx/2024/1/winter-irrigation.md";
    let steps: [(&str, &[Step]); 2] = [
        (
            "public",
            &[
                (
                    NOTICE,
                    "\"财政信息\", \"乡村振兴\"",
                    "\"民生保障\", \"乡村振兴\"",
                    true,
                ),
                (
                    YAML_NEWS,
                    "[政务公开, 经济运行]",
                    "[政务公开, 应急管理]",
                    true,
                ),
                (
                    YAML_NEWS,
                    "[政务公开, 应急管理]",
                    "[政务公开, 应急管理, 全新标签]",
                    false,
                ),
            ],
        ),
        (
            "intranet",
            &[
                (ITEM, "[\"乡村振兴\"]", "[\"民生保障\"]", false),
                (
                    YAML_NEWS,
                    "[政务公开, 应急管理, 全新标签]",
                    "[政务公开, 应急管理]",
                    false,
                ),
                (
                    YAML_NEWS,
                    "[政务公开, 应急管理]",
                    "[应急管理, 政务公开, 民生保障]",
                    true,
                ),
            ],
        ),
    ];
    demo_edits_equal_a_clean_build(&site, &steps);
}

/// A title that decides an order (a section sorted by title) or a page
/// with a finding of the last build that the fast path would not make
/// again (an index number assigned) takes the full path, and what it then
/// serves and reports is a clean build's.
#[test]
fn title_edits_that_reorder_or_have_findings_take_the_full_path() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n\n[catalogue]\norg_code = \"11330000MB0000001X\"\nindex_pattern = \"{org_code}/{year}-{seq:05}\"\n",
        ),
        (
            "content/guide/_index.md",
            "+++\ntitle = \"办事指南\"\nsort_by = \"title\"\n+++\n",
        ),
        (
            "content/guide/a.md",
            &page("甲事项", "2024-06-01", &[], "甲。"),
        ),
        (
            "content/guide/b.md",
            &page("乙事项", "2024-06-02", &[], "乙。"),
        ),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/doc.md",
            "+++\ntitle = \"测试县人民政府关于防汛的通知\"\ndate = 2024-06-03\ndoc_number = \"测政发〔2024〕1号\"\nissuer = \"测试县人民政府\"\n+++\n\n正文。\n",
        ),
        (
            "content/news/b.md",
            &page("常务会议", "2024-06-02", &[], "正文。"),
        ),
    ]);
    let (mut live, _, mut store) = built(&site);
    let edits = [
        // Sorted by title: the order changes.
        ("content/guide/a.md", "甲事项", "丙事项"),
        // Its neighbour, whose title decides the order as well.
        ("content/guide/b.md", "乙事项", "丁事项"),
        // Its index number was assigned in this session: noted once.
        ("content/news/doc.md", "关于防汛", "关于防汛抗旱"),
    ];
    for (file, from, to) in edits {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(file, text.replace(from, to));
        let out = live.rebuild(&[site.path(file)], &store);
        assert!(!out.patched, "{file}: {:?}", reported(&out));
        store = same_as_clean(&site, out);
    }
    // Another column's page: the fast path.
    let text = std::fs::read_to_string(site.path("content/news/b.md")).unwrap();
    site.write("content/news/b.md", text.replace("常务会议", "全体会议"));
    let out = live.rebuild(&[site.path("content/news/b.md")], &store);
    assert!(out.patched);
    same_as_clean(&site, out);
}

/// Lists paginated one page to a list page: a title edit of the older of
/// two pages shows on the second page of its section's list and of its
/// term's, which are rendered again; the first pages are not.
#[test]
fn a_title_edit_renders_the_list_pages_that_show_it() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n[build]\npaginate_by = 1\n",
        ),
        ("content/news/_index.md", "+++\ntitle = \"要闻\"\n+++\n"),
        (
            "content/news/new.md",
            &page("新近的会议", "2024-06-02", &["会议"], "正文。"),
        ),
        (
            "content/news/old.md",
            &page("较早的会议", "2024-05-02", &["会议"], "正文。"),
        ),
    ]);
    let (mut live, _, store) = built(&site);
    let file = "content/news/old.md";
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    site.write(file, text.replace("较早的会议", "改名后的会议"));
    let touched = [site.path(file)];
    let out = live.rebuild(&touched, &store);
    assert!(out.patched);
    let new = same_as_clean(&site, out);
    let changed = new.changed_since(&store, &touched);
    for second in ["news/page/2/index.html", "tags/会议/page/2/index.html"] {
        let bytes = new.bytes(second).unwrap();
        assert!(String::from_utf8_lossy(&bytes).contains("改名后的会议"));
        assert!(changed.iter().any(|c| c == second), "{changed:?}");
    }
    for first in ["news/index.html", "tags/会议/index.html"] {
        let kept = std::sync::Arc::ptr_eq(&store.bytes(first).unwrap(), &new.bytes(first).unwrap());
        assert!(kept, "{first} was rendered again: {changed:?}");
    }
}

/// A template that lists a section's pages through `get_section_pages`
/// sees their order: a weight edit, which changes the order, renders it
/// again.
#[test]
fn a_reorder_reaches_templates_that_list_a_sections_pages() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n",
        ),
        (
            "templates/index.html",
            "{% extends \"base.html\" %}{% block content %}{% for p in get_section_pages(path=\"guide/_index.md\") %}<p>{{ p.title }}</p>{% endfor %}{% endblock content %}",
        ),
        (
            "content/guide/_index.md",
            "+++\ntitle = \"办事指南\"\nsort_by = \"weight\"\n+++\n",
        ),
        (
            "content/guide/a.md",
            "+++\ntitle = \"甲事项\"\ndate = 2024-06-01\nweight = 1\n+++\n\n甲。\n",
        ),
        (
            "content/guide/b.md",
            "+++\ntitle = \"乙事项\"\ndate = 2024-06-02\nweight = 2\n+++\n\n乙。\n",
        ),
    ]);
    let (mut live, _, store) = built(&site);
    let order = |store: &Store| {
        let home = String::from_utf8_lossy(&store.bytes("index.html").unwrap()).to_string();
        home.find("甲事项").unwrap() < home.find("乙事项").unwrap()
    };
    assert!(order(&store), "甲 comes first by weight");
    let file = "content/guide/a.md";
    let text = std::fs::read_to_string(site.path(file)).unwrap();
    site.write(file, text.replace("weight = 1", "weight = 3"));
    let out = live.rebuild(&[site.path(file)], &store);
    let store = same_as_clean(&site, out);
    assert!(!order(&store), "乙 comes first now");
}

/// Titles the fast path must not take: an empty one, or one that no longer
/// parses, fails the rebuild (no new site to serve) with its file and line
/// as a clean build does, and putting a title back recovers (through the
/// full path, as after every failure).
#[test]
fn a_broken_title_fails_then_recovers() {
    let site = fixture();
    let (mut live, _, store) = built(&site);
    let page = "content/news/b.md";
    let text = std::fs::read_to_string(site.path(page)).unwrap();
    for broken in ["title = \"\"", "title = \"县政府召开"] {
        site.write(page, text.replace("title = \"县政府召开常务会议\"", broken));
        let failed = live.rebuild(&[site.path(page)], &store);
        assert!(failed.store.is_none(), "{broken}: the rebuild fails");
        let lines = reported(&failed);
        assert!(
            lines.iter().any(|l| l.contains("Error")
                && l.contains("content/news/b.md")
                && l.contains("Some((")),
            "{broken}: {lines:?}"
        );
        let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
        assert!(clean.store.is_none());
        assert_eq!(lines, reported(&clean), "{broken}");
    }
    site.write(page, text.replace("常务会议", "全体会议"));
    let fixed = live.rebuild(&[site.path(page)], &store);
    assert!(
        !fixed.patched,
        "after a failure the next rebuild is a full one"
    );
    same_as_clean(&site, fixed);
}

/// A site of two pages to a list page, with the `extra` files and a news
/// section of pages `d1.md`, `d2.md`, … dated the 1st, 2nd, … of June 2024,
/// tagged `tags[0]`, `tags[1]`, …
fn news_site(extra: &[(&str, &str)], tags: &[&str]) -> TestSite {
    let mut files: Vec<(String, String)> = vec![
        (
            "gazette.toml".into(),
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n[build]\npaginate_by = 2\n"
                .into(),
        ),
        ("content/news/_index.md".into(), "+++\ntitle = \"要闻\"\n+++\n".into()),
    ];
    files.extend(extra.iter().map(|(a, b)| (a.to_string(), b.to_string())));
    for (i, tag) in tags.iter().enumerate() {
        let day = i + 1;
        files.push((
            format!("content/news/d{day}.md"),
            page(
                &format!("六月{day}日的会议"),
                &format!("2024-06-{day:02}"),
                &[tag],
                "正文。",
            ),
        ));
    }
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    TestSite::new(&borrowed)
}

/// A date edit within a month moves the page in every list that holds it:
/// the section's pages (two to a page), its terms', the archive's month,
/// a template listing the section through `get_section_pages`, the
/// neighbour links of the old and new neighbours, the feeds and the
/// sitemap. The fast path must serve exactly what a clean build does, and
/// leave the list pages the move did not reach alone.
#[test]
fn a_date_edit_moves_the_page_in_its_lists_as_a_clean_build_does() {
    let site = news_site(
        &[
            (
                "templates/index.html",
                "{% extends \"base.html\" %}{% block content %}{% for p in get_section_pages(path=\"news/_index.md\") %}<p>{{ p.title }}</p>{% endfor %}{% endblock content %}",
            ),
            ("content/other/_index.md", "+++\ntitle = \"其他\"\n+++\n"),
            (
                "content/other/x.md",
                &page("别的栏目", "2024-06-15", &["会议"], "正文。"),
            ),
        ],
        &["会议"; 7],
    );
    let (mut live, _, mut store) = built(&site);
    // Oldest to newest, newest back to the middle, and a day that keeps
    // the order.
    let moves = [
        ("content/news/d1.md", "2024-06-01", "2024-06-28"),
        ("content/news/d1.md", "2024-06-28", "2024-06-04"),
        ("content/news/d5.md", "2024-06-05", "2024-06-05T10:00:00"),
    ];
    for (file, from, to) in moves {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(
            file,
            text.replace(&format!("date = {from}"), &format!("date = {to}")),
        );
        let touched = [site.path(file)];
        let out = live.rebuild(&touched, &store);
        assert!(out.patched, "{file} → {to} should take the fast path");
        let new = same_as_clean(&site, out);
        let changed = new.changed_since(&store, &touched);
        if to == "2024-06-28" {
            // The newest now: every slice of the section's list shifted.
            for list in ["news/index.html", "news/page/4/index.html", "index.html"] {
                assert!(changed.iter().any(|c| c == list), "{list}: {changed:?}");
            }
            let home = String::from_utf8_lossy(&new.bytes("index.html").unwrap()).to_string();
            assert!(home.find("六月1日").unwrap() < home.find("六月7日").unwrap());
        }
        if to == "2024-06-04" {
            // From first place to the third: the last slice stands.
            let last = "news/page/4/index.html";
            let kept =
                std::sync::Arc::ptr_eq(&store.bytes(last).unwrap(), &new.bytes(last).unwrap());
            assert!(kept, "{last} was rendered again: {changed:?}");
        }
        store = new;
    }
}

#[test]
fn a_tag_edit_moves_the_page_between_terms_as_a_clean_build_does() {
    // 会议: six pages, three list pages; 农业: three pages, two list pages;
    // 其他: one page.
    let mut tags = ["会议"; 10];
    tags[6..9].fill("农业");
    tags[9] = "其他";
    let site = news_site(&[], &tags);
    let (mut live, _, store) = built(&site);
    let retag = |file: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(
            file,
            text.replace(
                &format!("tags = [\"{from}\"]"),
                &format!("tags = [\"{to}\"]"),
            ),
        );
        [site.path(file)]
    };
    // 会议 6 → 5 pages and 农业 3 → 4: as many list pages each.
    let touched = retag("content/news/d5.md", "会议", "农业");
    let out = live.rebuild(&touched, &store);
    assert!(out.patched, "a tag moved between terms should patch");
    let new = same_as_clean(&site, out);
    let changed = new.changed_since(&store, &touched);
    for output in [
        "tags/index.html",
        "tags/会议/index.html",
        "tags/农业/index.html",
        "tags/农业/page/2/index.html",
        "news/d5/index.html",
    ] {
        assert!(changed.iter().any(|c| c == output), "{output}: {changed:?}");
    }
    let term = String::from_utf8_lossy(&new.bytes("tags/农业/index.html").unwrap()).to_string();
    assert!(term.contains("共 4 篇"), "{term}");
    // 会议 5 → 4 pages: one list page fewer, a change of the plan.
    let touched = retag("content/news/d4.md", "会议", "其他");
    let out = live.rebuild(&touched, &new);
    assert!(
        !out.patched,
        "a term losing a list page takes the full path"
    );
    let new = same_as_clean(&site, out);
    // 农业 4 → 5 pages: one list page more.
    let touched = retag("content/news/d3.md", "会议", "农业");
    let out = live.rebuild(&touched, &new);
    assert!(
        !out.patched,
        "a term gaining a list page takes the full path"
    );
    same_as_clean(&site, out);
}

/// A theme whose term pages list every term with its count: a tag edit
/// reaches the pages of terms it did not touch too, and only then (the
/// default theme's term pages show their own term alone).
#[test]
fn a_tag_edit_reaches_every_term_page_whose_template_shows_the_terms_counts() {
    let mut tags = ["会议"; 10];
    tags[6..9].fill("农业");
    tags[9] = "其他";
    for (shows_counts, template) in [
        (false, None),
        (
            true,
            Some(
                "{% extends \"base.html\" %}{% block content %}{% for t in taxonomy.terms %}<p>{{ t.name }} {{ t.count }}</p>{% endfor %}{% endblock content %}",
            ),
        ),
    ] {
        let extra: Vec<(&str, &str)> = template
            .map(|t| ("templates/term.html", t))
            .into_iter()
            .collect();
        let site = news_site(&extra, &tags);
        let (mut live, _, store) = built(&site);
        let file = "content/news/d5.md";
        let text = std::fs::read_to_string(site.path(file)).unwrap();
        site.write(file, text.replace("[\"会议\"]", "[\"农业\"]"));
        let touched = [site.path(file)];
        let out = live.rebuild(&touched, &store);
        assert!(out.patched, "a tag moved between terms should patch");
        let new = same_as_clean(&site, out);
        let untouched = "tags/其他/index.html";
        let kept = std::sync::Arc::ptr_eq(
            &store.bytes(untouched).unwrap(),
            &new.bytes(untouched).unwrap(),
        );
        assert_eq!(kept, !shows_counts, "{untouched}");
    }
}

/// Date edits on the demo site in both profiles: a page moved within its
/// month takes the fast path (TOML and YAML front matter), and a date that
/// decides more takes the full path — a document of the catalogue (its
/// lists, index numbers and exports), a reported item (the statistics keep
/// its date), and a date before the page's confidentiality review (a finding of the
/// publishing rules); either way what is served and reported is a clean
/// build's.
#[test]
fn date_edits_of_the_demo_take_the_fast_path_only_where_the_date_decides_the_order_alone() {
    let site = demo();
    const NOTICE: &str = "content/notices/2024-fiscal-project-publicity.md";
    const YAML_NEWS: &str = "content/news/2024-county-npc-session.md";
    const DOCUMENT: &str = "content/policies/2024-fiscal-fund-management.md";
    const OPINIONS: &str = "content/policies/2024-business-environment-opinions.md";
    // A reported item of the information-work statistics.
    const ITEM: &str = "content/bulletins/zwxx/2024/1/winter-irrigation.md";
    let steps: [(&str, &[Step]); 2] = [
        (
            "public",
            &[
                (NOTICE, "2024-08-16T10:30", "2024-08-28T10:30", true),
                (
                    YAML_NEWS,
                    "date: 2024-01-16T09:30",
                    "date: 2024-01-25T09:30",
                    true,
                ),
                (DOCUMENT, "2024-05-16T10:00", "2024-05-20T10:00", false),
                (NOTICE, "2024-08-28T10:30", "2024-08-14T10:30", false),
                // A document with no `written` date nor kind is still in
                // the catalogue, whose lists are newest first.
                (OPINIONS, "written = 2024-03-08\n", "", false),
                (OPINIONS, "doc_kind = \"行政规范性文件\"\n", "", false),
                (OPINIONS, "2024-03-12T10:00", "2024-03-20T10:00", false),
            ],
        ),
        (
            "intranet",
            &[
                (ITEM, "date = 2024-01-18", "date = 2024-01-19", false),
                (
                    YAML_NEWS,
                    "date: 2024-01-25T09:30",
                    "date: 2024-01-28T09:30",
                    true,
                ),
            ],
        ),
    ];
    demo_edits_equal_a_clean_build(&site, &steps);
}

/// A document of the catalogue (numbered, nothing noted) whose date moves
/// within its month takes the full path: the catalogue's lists are newest
/// first too, and the fast path leaves them as they were.
#[test]
fn a_date_edit_of_a_catalogued_document_takes_the_full_path() {
    let doc = |title: &str, date: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = {date}\ngenre = \"通知\"\n+++\n\n正文。\n")
    };
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n[catalogue]\norg_code = \"X1\"\nindex_pattern = \"{org_code}/{year}-{seq:05}\"\n",
        ),
        (
            "data/index-numbers.toml",
            "[last_seq]\n\"2024\" = 2\n\n[assigned]\n\"docs/a.md\" = \"X1/2024-00001\"\n\"docs/b.md\" = \"X1/2024-00002\"\n",
        ),
        ("content/docs/a.md", &doc("甲通知", "2024-06-01")),
        ("content/docs/b.md", &doc("乙通知", "2024-06-02")),
    ]);
    let (mut live, _, store) = built(&site);
    let text = std::fs::read_to_string(site.path("content/docs/a.md")).unwrap();
    site.write(
        "content/docs/a.md",
        text.replace("2024-06-01", "2024-06-03"),
    );
    let out = live.rebuild(&[site.path("content/docs/a.md")], &store);
    assert!(!out.patched, "a document's date: the full path");
    let store = same_as_clean(&site, out);
    let list = String::from_utf8_lossy(&store.bytes("catalogue/index.html").unwrap()).to_string();
    assert!(list.find("甲通知").unwrap() < list.find("乙通知").unwrap());
}

/// A page with a `written` date: a new date before it is an error of the
/// validity checks, which the full path reports as a clean build does.
#[test]
fn a_date_edit_of_a_page_with_a_written_date_takes_the_full_path() {
    let site = TestSite::new(&[
        (
            "gazette.toml",
            "title = \"测试站\"\nbase_url = \"https://t.example.gov.cn/\"\n",
        ),
        (
            "content/news/a.md",
            "+++\ntitle = \"甲\"\ndate = 2024-06-10\nwritten = 2024-06-05\n+++\n\n正文。\n",
        ),
        (
            "content/news/b.md",
            &page("乙", "2024-06-08", &[], "正文。"),
        ),
    ]);
    let (mut live, _, store) = built(&site);
    let text = std::fs::read_to_string(site.path("content/news/a.md")).unwrap();
    site.write(
        "content/news/a.md",
        text.replace("2024-06-10", "2024-06-03"),
    );
    let out = live.rebuild(&[site.path("content/news/a.md")], &store);
    assert!(
        !out.patched,
        "a date that a `written` date is compared with"
    );
    let clean = Session::new(settings(&site)).rebuild(&[], &Store::default());
    assert_eq!(reported(&out), reported(&clean));
    assert!(
        out.store.is_none() && clean.store.is_none(),
        "written after published: an error"
    );
}
