//! The content rules of the statistics, over every loaded item whatever the
//! profile (so `gazette check` of the public portal still catches them):
//! `unit` on the roster (with the nearest name), outcome records well
//! formed with declared levels, `commission` naming a commission,
//! `follow_up_of` naming an item; and, as warnings, incident first reports
//! later than their deadline and open incidents without follow-up.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::Source;
use crate::load::data::commissions::unit_hint;
use crate::model::statistics::{Inputs, incidents, items};
use crate::t;

const RULE: &str = "statistics";

pub fn check(
    config: &Config,
    sources: &[Source],
    inputs: &Inputs,
    today: jiff::civil::Date,
) -> Vec<Diagnostic> {
    let rules = config.scoring.rules();
    let (items, mut out) = items::items(sources.iter(), config.offset(), &rules);
    let by_rel: std::collections::HashMap<&str, &Source> =
        sources.iter().map(|s| (s.rel.as_str(), s)).collect();
    let at = |rel: &str, keys: &[&str], d: Diagnostic| {
        let source = by_rel[rel];
        d.in_file(format!("content/{rel}"))
            .at_line(source.key_line(keys))
            .with_source(source.text.clone())
            .rule(RULE)
    };
    let item_rels: std::collections::HashSet<&str> = items.iter().map(|i| i.rel.as_str()).collect();
    for item in &items {
        if let Some(roster) = &inputs.units {
            match roster.iter().find(|u| u.name == item.unit) {
                None => out.push(at(
                    &item.rel,
                    &["unit", "报送单位"],
                    Diagnostic::error(t!(
                        format!(
                            "报送单位 “{}” 不在 {} 中",
                            item.unit,
                            crate::load::data::units::FILE
                        ),
                        format!(
                            "the unit “{}” is not in {}",
                            item.unit,
                            crate::load::data::units::FILE
                        )
                    ))
                    .with_hint(unit_hint(&item.unit, roster)),
                )),
                Some(u) => {
                    if let Some(day) = item.submitted
                        && !u.active_during(day, day)
                    {
                        out.push(at(
                            &item.rel,
                            &["unit", "报送单位"],
                            Diagnostic::warning(t!(
                                format!("报送单位 “{}” 在 {day} 不在报送期内（见 {} 的 active_from / active_to）", item.unit, crate::load::data::units::FILE),
                                format!("the unit “{}” was not reporting on {day} (see active_from / active_to in {})", item.unit, crate::load::data::units::FILE)
                            )),
                        ));
                    }
                }
            }
        }
        if let Some(id) = item.commission.as_deref().map(str::trim)
            && !inputs.commissions.iter().any(|c| c.id == id)
        {
            let nearest = inputs
                .commissions
                .iter()
                .map(|c| (crate::load::keys::distance(id, &c.id), c.id.as_str()))
                .min();
            let hint = match nearest {
                Some((_, n)) => t!(
                    format!(
                        "是不是 “{n}”？约稿编号见 {}",
                        crate::load::data::commissions::FILE
                    ),
                    format!(
                        "did you mean “{n}”? Commission ids are in {}",
                        crate::load::data::commissions::FILE
                    )
                ),
                None => t!(
                    format!(
                        "在 {} 中用 [[commission]] 登记这个约稿",
                        crate::load::data::commissions::FILE
                    ),
                    format!(
                        "declare the commission as [[commission]] in {}",
                        crate::load::data::commissions::FILE
                    )
                ),
            };
            out.push(at(
                &item.rel,
                &["commission", "约稿"],
                Diagnostic::error(t!(
                    format!("约稿 “{id}” 不存在"),
                    format!("there is no commission “{id}”")
                ))
                .with_hint(hint),
            ));
        }
        if let Some(target) = &item.follow_up_of
            && !item_rels.contains(target.trim_start_matches('/'))
        {
            out.push(at(
                &item.rel,
                &["follow_up_of", "续报"],
                Diagnostic::error(t!(
                    format!("续报所指的首报 {target} 不存在，或不是带报送单位（unit）的信息"),
                    format!("follow_up_of names {target}, which is no item with a unit")
                ))
                .with_hint(t!(
                    "路径从 content/ 算起，如 follow_up_of = \"bulletins/zwxx/2024/2/a.md\"",
                    "the path starts at content/, like follow_up_of = \"bulletins/zwxx/2024/2/a.md\""
                )),
            ));
        }
    }
    out.extend(incident_warnings(config, &items, today, &at));
    out
}

fn incident_warnings(
    config: &Config,
    items: &[items::Item],
    today: jiff::civil::Date,
    at: &dyn Fn(&str, &[&str], Diagnostic) -> Diagnostic,
) -> Vec<Diagnostic> {
    let incidents = &config.statistics.incidents;
    let mut out = Vec::new();
    for thread in incidents::threads(items, incidents, today) {
        let root = &items[thread.root];
        if let Some((hours, minutes)) = thread.late {
            out.push(at(
                &root.rel,
                &["report_time", "报送时间"],
                Diagnostic::warning(t!(
                    format!(
                        "首报迟报：从发生到报送用了 {} 小时 {} 分，{} 类信息应在 {hours} 小时内报送",
                        minutes / 60,
                        minutes % 60,
                        root.category.as_deref().unwrap_or_default()
                    ),
                    format!(
                        "late first report: {} h {} min from the event to the report; {} items are due within {hours} h",
                        minutes / 60,
                        minutes % 60,
                        root.category.as_deref().unwrap_or_default()
                    )
                ))
                .with_hint(t!(
                    "核实 event_time 和 report_time；时限在 gazette.toml 的 [statistics.incidents] deadlines 中",
                    "check event_time and report_time; deadlines are in [statistics.incidents] in gazette.toml"
                )),
            ));
        }
        if thread.unchecked {
            out.push(at(
                &root.rel,
                &["category", "类别"],
                Diagnostic::warning(t!(
                    "此类信息有报送时限，但缺少 event_time（发生时间）或 report_time（报送时间），无法核对是否迟报",
                    "this category has a reporting deadline, but event_time or report_time is missing, so lateness cannot be checked"
                ))
                .with_hint(t!(
                    "加上 event_time = 2024-06-19T04:30:00+08:00 和 report_time",
                    "add event_time = 2024-06-19T04:30:00+08:00 and report_time"
                )),
            ));
        }
        if let Some(since) = thread.overdue_since {
            out.push(at(
                &root.rel,
                &["title", "标题"],
                Diagnostic::warning(t!(
                    format!("紧急信息 “{}” 自 {since} 起超过 {} 天没有续报，也未标明终报", root.title, incidents.follow_up_days),
                    format!("the incident “{}” has had no follow-up for more than {} days (since {since}) and is not closed", root.title, incidents.follow_up_days)
                ))
                .with_hint(t!(
                    "报送续报（follow_up_of 指向首报），或在最后一次报告上写 closed = true（终报）",
                    "send a follow-up (follow_up_of naming the first report), or mark the last report closed = true"
                )),
            ));
        }
    }
    out
}
