//! What each template's output can depend on: its own text, the templates it
//! names (extends, include) transitively, every file that defines components
//! (they are global in Tera 2), and which template functions it calls.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};

/// Functions that read the site's paths only.
const PATH_FUNCTIONS: &[&str] = &["get_url("];
/// Functions that read page, section and taxonomy values.
const VALUE_FUNCTIONS: &[&str] = &[
    "get_page(",
    "get_section(",
    "get_section_pages(",
    "get_taxonomy(",
];

#[derive(Debug, Clone, Copy, Default)]
pub struct Deps {
    /// Hash of the text of every template this one can draw on.
    pub chain: u64,
    pub reads_paths: bool,
    pub reads_values: bool,
    /// Whether it can read more of its `taxonomy` value than the fields
    /// that stand while terms gain and lose pages (`title`, `path`,
    /// `name`): the terms and their counts (see [`reads_taxonomy_terms`]).
    pub reads_taxonomy_terms: bool,
}

/// The fields of a `taxonomy` value a term's pages change nothing of.
const STANDING_TAXONOMY_FIELDS: &[&str] = &["title", "path", "name"];

/// Whether template `text` can read the terms of its `taxonomy` value: it
/// names `taxonomy` (outside comments, not as part of a longer name) other
/// than to read a standing field (`taxonomy.title`), or prints the whole
/// context. Over-approximates: a `taxonomy` in a string or in HTML counts
/// too, and costs only a render.
pub fn reads_taxonomy_terms(text: &str) -> bool {
    let text = without_comments(text);
    if text.contains("__tera_context") {
        return true;
    }
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices("taxonomy").any(|(at, word)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + word.len()..];
        if before.is_some_and(ident) || after.chars().next().is_some_and(ident) {
            return false;
        }
        let standing = after.strip_prefix('.').is_some_and(|field| {
            STANDING_TAXONOMY_FIELDS.iter().any(|f| {
                field
                    .strip_prefix(f)
                    .is_some_and(|rest| !rest.chars().next().is_some_and(ident))
            })
        });
        !standing
    })
}

/// `text` with its `{# … #}` comments taken out.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{#") {
        out.push_str(&rest[..start]);
        match rest[start..].find("#}") {
            Some(end) => rest = &rest[start + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Dependencies of every template, by name.
#[derive(Debug, Default)]
pub struct TemplateDeps {
    by_name: HashMap<String, Deps>,
}

impl TemplateDeps {
    pub fn new<'a>(templates: impl IntoIterator<Item = (&'a str, &'a str)>) -> TemplateDeps {
        let texts: HashMap<&str, &str> = templates.into_iter().collect();
        let components: Vec<&str> = texts
            .iter()
            .filter(|(_, text)| text.contains("{% component") || text.contains("{%- component"))
            .map(|(name, _)| *name)
            .collect();
        let by_name = texts
            .keys()
            .map(|name| {
                let mut closure = BTreeSet::new();
                reach(name, &texts, &mut closure);
                for c in &components {
                    reach(c, &texts, &mut closure);
                }
                let mut h = DefaultHasher::new();
                let mut deps = Deps::default();
                for member in &closure {
                    let text = texts[member];
                    member.hash(&mut h);
                    text.hash(&mut h);
                    deps.reads_paths |= PATH_FUNCTIONS.iter().any(|f| text.contains(f));
                    deps.reads_values |= VALUE_FUNCTIONS.iter().any(|f| text.contains(f));
                    deps.reads_taxonomy_terms |= reads_taxonomy_terms(text);
                }
                deps.chain = h.finish();
                (name.to_string(), deps)
            })
            .collect();
        TemplateDeps { by_name }
    }

    pub fn get(&self, name: &str) -> Deps {
        self.by_name.get(name).copied().unwrap_or_default()
    }

    /// The templates whose output can differ from what they gave with the
    /// templates of `before`: those whose chain changed and those `before`
    /// did not have. Only their outputs need rendering after an edit of
    /// templates alone.
    pub fn changed_since(&self, before: &TemplateDeps) -> HashSet<String> {
        self.by_name
            .iter()
            .filter(|(name, deps)| {
                before
                    .by_name
                    .get(*name)
                    .is_none_or(|b| b.chain != deps.chain)
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// Adds `name` and every template whose name appears quoted in its text.
fn reach<'a>(name: &'a str, texts: &HashMap<&'a str, &'a str>, seen: &mut BTreeSet<&'a str>) {
    let Some((key, text)) = texts.get_key_value(name) else {
        return;
    };
    if !seen.insert(key) {
        return;
    }
    for (other, _) in texts.iter() {
        if !seen.contains(other)
            && (text.contains(&format!("\"{other}\"")) || text.contains(&format!("'{other}'")))
        {
            reach(other, texts, seen);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_depends_on_its_parent_and_components_but_not_siblings() {
        let deps = |base: &str, list: &str| {
            TemplateDeps::new([
                ("base.html", base),
                ("page.html", "{% extends \"base.html\" %}"),
                ("list.html", list),
                ("macros.html", "{% component x() %}{% endcomponent x %}"),
            ])
        };
        let a = deps("<a href=\"{{ get_url(path='/') }}\">", "one");
        let b = deps("<a href=\"{{ get_url(path='/') }}\">", "two");
        assert_eq!(a.get("page.html").chain, b.get("page.html").chain);
        assert_ne!(a.get("list.html").chain, b.get("list.html").chain);
        assert!(a.get("page.html").reads_paths);
        assert!(!a.get("page.html").reads_values);
        let c = deps("changed {{ get_page(path='a.md') }}", "one");
        assert_ne!(a.get("page.html").chain, c.get("page.html").chain);
        assert!(c.get("page.html").reads_values);
    }

    #[test]
    fn a_template_reads_a_taxonomys_terms_unless_it_names_only_standing_fields() {
        let standing = "{{ taxonomy.title }}：{{ term.name }} <a href=\"{{ taxonomy.path }}\">";
        assert!(!reads_taxonomy_terms(standing));
        assert!(!reads_taxonomy_terms(
            "{# the taxonomy as links #}{{ my_taxonomy }}"
        ));
        for reads in [
            "{% for t in taxonomy.terms %}{{ t.count }}{% endfor %}",
            "{% set t = taxonomy %}{{ t.terms | length }}",
            "{{ <list of={taxonomy} /> }}",
            "{{ taxonomy[\"terms\"] }}",
            "{{ taxonomy.titles }}",
            "{{ __tera_context }}",
            "{# a comment #}{{ taxonomy }}{# and another #}",
        ] {
            assert!(reads_taxonomy_terms(reads), "{reads}");
        }
    }

    #[test]
    fn an_edit_changes_the_templates_that_reach_it() {
        let deps = |base: &str, list: &str, macros: &str| {
            TemplateDeps::new([
                ("base.html", base),
                ("page.html", "{% extends \"base.html\" %}"),
                ("list.html", list),
                ("macros.html", macros),
            ])
        };
        let component = "{% component x() %}{% endcomponent x %}";
        let before = deps("a", "one", component);
        let names = |after: &TemplateDeps| {
            let mut names: Vec<String> = after.changed_since(&before).into_iter().collect();
            names.sort();
            names
        };
        assert!(names(&deps("a", "one", component)).is_empty());
        assert_eq!(
            names(&deps("b", "one", component)),
            ["base.html", "page.html"]
        );
        assert_eq!(names(&deps("a", "two", component)), ["list.html"]);
        // Components are global: every template can call them.
        let edited = "{% component x() %}!{% endcomponent x %}";
        assert_eq!(names(&deps("a", "one", edited)).len(), 4);
    }
}
