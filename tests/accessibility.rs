//! Accessibility of the default theme in a real browser: axe-core at WCAG
//! 2.1 AA on every page type of the demo site, in the standard and the
//! 关怀版 (seniors') mode, and the seniors' mode itself: keyboard only,
//! visible focus, persistence, larger text and targets, no pop-ups.
//! Screenshots of the home page in both modes: target/screenshots/.

mod support;

use serde_json::Value;
use support::{build_demo, node, require_browser, server::Server, shots};

/// One page of each type the theme renders.
const PAGE_TYPES: &[&str] = &[
    "",                                       // home
    "notices/",                               // section list
    "notices/关于开展防汛演练的通知/",        // page (a document)
    "bulletins/zwxx/2024/2/",                 // bulletin issue
    "bulletins/zwxx/2024/2/liuxi-rainstorm/", // bulletin item
    "catalogue/",                             // disclosure catalogue
    "disclosure/guide/",                      // disclosure guide
    "disclosure/annual-report-2024/",         // annual report
    "search/?q=防汛",                         // search, with results
    "tags/",                                  // taxonomy
    "archive/",                               // archive
    "no-such-page/",                          // 404
];

#[test]
fn every_page_type_passes_axe_at_wcag_2_1_aa_in_both_modes() {
    require_browser();
    // The intranet build has every page type, bulletins included.
    let site = build_demo("intranet");
    let server = Server::start(&site.out);
    let stdout = node("axe.mjs", &[&[server.url.as_str()], PAGE_TYPES].concat());
    let report: Value = serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();
    let report = report.as_object().expect("axe.mjs prints an object");
    assert_eq!(report.len(), PAGE_TYPES.len() * 2, "{report:?}");
    // Every page was there (a mistyped path would check the 404 page).
    for (page, v) in report {
        let expected = if page.starts_with("no-such-page/") {
            404
        } else {
            200
        };
        assert_eq!(v["status"], expected, "{page}");
    }
    let failing: Vec<String> = report
        .iter()
        .filter(|(_, v)| !v["violations"].as_array().unwrap().is_empty())
        .map(|(page, v)| {
            format!(
                "{page}: {}",
                serde_json::to_string_pretty(&v["violations"]).unwrap()
            )
        })
        .collect();
    assert!(
        failing.is_empty(),
        "axe violations:\n{}",
        failing.join("\n")
    );
}

#[test]
fn seniors_mode_is_keyboard_operable_persistent_and_larger() {
    require_browser();
    let site = build_demo("public");
    let server = Server::start(&site.out);
    let shots = shots();
    let stdout = node("care.mjs", &[&server.url, &shots.to_string_lossy()]);
    let m: Value = serde_json::from_str(stdout.lines().last().unwrap_or("")).unwrap();

    let standard = &m["standard"];
    assert_eq!(standard["care"], false, "{m}");
    assert_eq!(standard["pressed"], "false");

    // Reached with Tab alone, every stop on the way visibly focused.
    let stops = m["focusStops"].as_array().unwrap();
    assert!(
        stops.last().is_some_and(|s| s["toggle"] == true),
        "Tab never reached the 关怀版 button: {stops:?}"
    );
    for stop in stops {
        assert_eq!(stop["outline"], true, "no visible focus on {stop}");
    }

    // Enter switched it on: pressed, larger text, line height at least 1.5,
    // larger click targets.
    let on = &m["afterToggle"];
    assert_eq!(on["care"], true, "{m}");
    assert_eq!(on["pressed"], "true");
    let px = |v: &Value, k: &str| v[k].as_f64().unwrap();
    assert!(
        px(on, "rootFontPx") >= 1.2 * px(standard, "rootFontPx"),
        "{m}"
    );
    assert!(px(on, "textFontPx") > px(standard, "textFontPx"), "{m}");
    assert!(px(on, "lineHeightRatio") >= 1.5, "{m}");
    assert!(px(on, "toggleHeightPx") >= 44.0, "{m}");
    assert!(px(on, "navLinkHeightPx") >= 44.0, "{m}");
    assert!(
        px(on, "toggleHeightPx") > px(standard, "toggleHeightPx"),
        "{m}"
    );
    // High contrast: black text.
    assert_eq!(on["textColor"], "rgb(0, 0, 0)", "{m}");

    // Kept on another page and on coming back, set before the first paint.
    for key in ["nextPage", "care"] {
        assert_eq!(m[key]["care"], true, "{key}: {m}");
        assert_eq!(
            m[key]["careAtBody"], true,
            "{key} painted before the mode: {m}"
        );
        assert_eq!(m[key]["pressed"], "true");
    }
    // Switched off with Space, and that is remembered too.
    assert_eq!(m["backToStandard"]["care"], false, "{m}");
    assert_eq!(m["backToStandard"]["pressed"], "false");

    assert_eq!(m["popups"], 0, "a window opened: {m}");
    assert_eq!(m["dialogs"], 0, "a dialog opened: {m}");
    for shot in ["home-standard.png", "home-care.png"] {
        assert!(shots.join(shot).is_file(), "{shot} missing");
    }
}
