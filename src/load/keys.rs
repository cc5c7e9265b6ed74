//! The front-matter vocabulary: canonical keys, their Chinese labels, the
//! Hugo/Zola spellings we accept, and "did you mean" for everything else.

use serde_json::{Map, Value};

/// Whether a file is a page or a section's `_index.md`: some keys belong to one only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Page,
    Section,
}

/// Keys valid in both pages and sections.
const COMMON: &[&str] = &[
    "title",
    "date",
    "updated",
    "draft",
    "aliases",
    "weight",
    "template",
    "description",
    "extra",
    "audience",
    "disclosure",
    "classification",
    "review",
    "publish_at",
    "expires",
    "changes",
    "withdrawn",
    "waivers",
];

const PAGE_ONLY: &[&str] = &[
    "slug",
    // documents
    "doc_number",
    "issuer",
    "written",
    "genre",
    "subject",
    "keywords",
    "validity",
    "replaced_by",
    "validity_date",
    "doc_kind",
    "index_number",
    "attachments",
    // information items
    "unit",
    "author",
    "category",
    "event_time",
    "report_time",
    "follow_up_of",
    "commission",
    "adoptions",
    "annotations",
    "closed",
];

const SECTION_ONLY: &[&str] = &[
    "sort_by",
    "paginate_by",
    "page_template",
    // bulletin issues
    "series",
    "number",
    "total_number",
    "supplement",
    "editor_note",
    "distribution",
    "copies",
    "signed_by",
    "sub_series",
];

/// Chinese labels and other accepted spellings → canonical key.
const ALIASES: &[(&str, &str)] = &[
    ("标题", "title"),
    ("日期", "date"),
    ("发布日期", "date"),
    ("更新日期", "updated"),
    ("草稿", "draft"),
    ("链接名", "slug"),
    ("别名", "aliases"),
    ("权重", "weight"),
    ("排序", "weight"),
    ("模板", "template"),
    ("摘要", "description"),
    ("扩展", "extra"),
    ("受众", "audience"),
    ("公开属性", "disclosure"),
    ("公开方式", "disclosure"),
    ("密级", "classification"),
    ("保密审查", "review"),
    ("定时发布", "publish_at"),
    ("截止日期", "expires"),
    ("更新记录", "changes"),
    ("撤回", "withdrawn"),
    ("豁免", "waivers"),
    ("文号", "doc_number"),
    ("发文字号", "doc_number"),
    ("发文机关", "issuer"),
    ("成文日期", "written"),
    ("体裁", "genre"),
    ("文种", "genre"),
    ("主题分类", "subject"),
    ("主题词", "keywords"),
    ("有效性", "validity"),
    ("替代文件", "replaced_by"),
    ("废止日期", "validity_date"),
    ("失效日期", "validity_date"),
    ("有效性变更日期", "validity_date"),
    ("文件类别", "doc_kind"),
    ("索引号", "index_number"),
    ("附件", "attachments"),
    ("报送单位", "unit"),
    ("信息员", "author"),
    ("类别", "category"),
    ("发生时间", "event_time"),
    ("报送时间", "report_time"),
    ("续报", "follow_up_of"),
    ("约稿", "commission"),
    ("采用", "adoptions"),
    ("批示", "annotations"),
    ("终报", "closed"),
    ("结案", "closed"),
    ("排序方式", "sort_by"),
    ("每页条数", "paginate_by"),
    ("页面模板", "page_template"),
    ("刊物", "series"),
    ("期号", "number"),
    ("总期号", "total_number"),
    ("增刊", "supplement"),
    ("编者按", "editor_note"),
    ("发送范围", "distribution"),
    ("印数", "copies"),
    ("签发", "signed_by"),
    ("刊别", "sub_series"),
    ("子刊", "sub_series"),
    ("标签", "tags"),
    ("分类", "categories"),
    // Hugo spellings
    ("lastmod", "updated"),
    ("publishDate", "publish_at"),
    ("expiryDate", "expires"),
    ("summary", "description"),
    ("layout", "template"),
];

/// Labels accepted inside nested tables (`review`, `changes`, `withdrawn`, …).
const NESTED_ALIASES: &[(&str, &str)] = &[
    ("日期", "date"),
    ("审查人", "by"),
    ("说明", "note"),
    ("原因", "reason"),
    ("文件", "file"),
    ("标题", "title"),
    ("级别", "level"),
    ("单位", "by"),
    ("载体", "outlet"),
    ("领导", "leader"),
    ("内容", "text"),
    ("流转", "routing"),
    ("理由", "reason"),
    ("批准人", "by"),
];

/// Hugo/Zola keys that carry no meaning for gazette but must not break a build.
const IGNORED: &[&str] = &["in_search_index", "render", "isCJKLanguage"];

pub fn canonical(key: &str) -> &str {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == key)
        .map_or(key, |(_, canon)| canon)
}

/// Every way of writing a canonical key: itself, then its aliases.
pub fn spellings(canonical: &str) -> impl Iterator<Item = &str> {
    std::iter::once(canonical).chain(
        ALIASES
            .iter()
            .filter(move |(_, c)| *c == canonical)
            .map(|(alias, _)| *alias),
    )
}

pub fn is_ignored(key: &str) -> bool {
    IGNORED.contains(&key)
}

/// Whether `key` (canonical) is allowed for `owner`, given the site's taxonomies.
pub fn is_known(key: &str, owner: Owner, taxonomies: &[String]) -> bool {
    COMMON.contains(&key)
        || taxonomies.iter().any(|t| t == key)
        || match owner {
            Owner::Page => PAGE_ONLY.contains(&key),
            Owner::Section => SECTION_ONLY.contains(&key),
        }
}

/// Whether `key` belongs to the other kind of file (a helpful error then).
pub fn belongs_to_other(key: &str, owner: Owner) -> bool {
    match owner {
        Owner::Page => SECTION_ONLY.contains(&key),
        Owner::Section => PAGE_ONLY.contains(&key),
    }
}

/// The known key nearest to an unknown one, in English or Chinese.
pub fn suggest(key: &str, owner: Owner, taxonomies: &[String]) -> Option<String> {
    let own: &[&str] = match owner {
        Owner::Page => PAGE_ONLY,
        Owner::Section => SECTION_ONLY,
    };
    let candidates = COMMON
        .iter()
        .chain(own)
        .map(|s| s.to_string())
        .chain(taxonomies.iter().cloned())
        .chain(
            ALIASES
                .iter()
                .filter(|(_, c)| is_known(c, owner, taxonomies))
                .map(|(a, _)| a.to_string()),
        );
    let lower = key.to_lowercase();
    candidates
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 2).max(1))
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters (so Chinese labels compare fairly).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Renames Chinese labels inside nested tables, recursively.
pub fn canonical_nested(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let k = NESTED_ALIASES
                        .iter()
                        .find(|(a, _)| *a == k)
                        .map_or(k, |(_, c)| c.to_string());
                    (k, canonical_nested(v))
                })
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(canonical_nested).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_find_near_misses() {
        let tax = vec!["tags".to_string(), "categories".to_string()];
        assert_eq!(
            suggest("titel", Owner::Page, &tax).as_deref(),
            Some("title")
        );
        assert_eq!(suggest("tag", Owner::Page, &tax).as_deref(), Some("tags"));
        assert_eq!(
            suggest("发文机构", Owner::Page, &tax).as_deref(),
            Some("发文机关")
        );
        assert_eq!(suggest("zzzzzzzz", Owner::Page, &tax), None);
    }

    #[test]
    fn chinese_labels_map_to_keys() {
        assert_eq!(canonical("文号"), "doc_number");
        assert_eq!(canonical("title"), "title");
    }
}
