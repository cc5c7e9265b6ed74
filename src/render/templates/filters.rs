//! Filters for Chinese government pages: dates the way documents write them.

use tera::{Kwargs, State, Tera, TeraResult};

pub fn register(tera: &mut Tera) {
    tera.register_filter("zh_date", zh_date);
    tera.register_filter("urlencode_path", |s: &str, _: Kwargs, _: &State| {
        crate::model::url::encode_path(s)
    });
}

/// `2024-03-05…` → `2024年3月5日`; `style="upper"` → `二〇二四年三月五日`;
/// `style="iso"` → `2024-03-05`; `style="month"` → `2024年3月`;
/// `style="minute"` → `2024-03-05 09:00` (the `PubDate` of the government
/// site meta tags; the date alone when the value has no time). Written in
/// templates as slices and a `~` join, that one tag was 1.7 % of a build.
fn zh_date(value: &str, kwargs: Kwargs, _: &State) -> TeraResult<String> {
    let style = kwargs.get::<&str>("style")?.unwrap_or("plain");
    let Some((y, m, d)) = ymd(value) else {
        return Err(tera::Error::message(format!(
            "zh_date: “{value}” is not a date like 2024-03-05"
        )));
    };
    let mut out = String::with_capacity(24);
    match style {
        "upper" => {
            out.push_str(&upper_digits(y));
            out.push('年');
            out.push_str(&upper_number(m));
            out.push('月');
            out.push_str(&upper_number(d));
            out.push('日');
        }
        "iso" => push_iso(&mut out, y, m, d),
        "minute" => {
            push_iso(&mut out, y, m, d);
            if let Some(time) = value.get(11..16).filter(|t| is_hour_minute(t)) {
                out.push(' ');
                out.push_str(time);
            }
        }
        "month" => {
            push_decimal(&mut out, y, 1);
            out.push('年');
            push_decimal(&mut out, m, 1);
            out.push('月');
        }
        "plain" => {
            push_decimal(&mut out, y, 1);
            out.push('年');
            push_decimal(&mut out, m, 1);
            out.push('月');
            push_decimal(&mut out, d, 1);
            out.push('日');
        }
        other => {
            return Err(tera::Error::message(format!(
                "zh_date: unknown style “{other}”; use plain, upper, iso, month or minute"
            )));
        }
    }
    Ok(out)
}

/// `2024-03-05`.
fn push_iso(out: &mut String, y: u32, m: u32, d: u32) {
    push_decimal(out, y, 4);
    out.push('-');
    push_decimal(out, m, 2);
    out.push('-');
    push_decimal(out, d, 2);
}

/// `n` in decimal with at least `width` (at most ten) digits, zeros in
/// front, as `format!("{n:0width$}")` writes it. Written by hand: the
/// formatting machinery was most of this filter's cost, some 1,300
/// instructions a call, and a build calls it about ten times a page.
fn push_decimal(out: &mut String, mut n: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = start.min(digits.len().saturating_sub(width));
    out.extend(digits[start..].iter().map(|&b| char::from(b)));
}

fn ymd(value: &str) -> Option<(u32, u32, u32)> {
    let date = value.get(..10)?;
    let mut parts = date.split('-');
    let y = parts.next()?.parse().ok()?;
    let m = parts.next()?.parse().ok()?;
    let d = parts.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// `09:00`: two digits, a colon, two digits.
fn is_hour_minute(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() == 5 && b[2] == b':' && [b[0], b[1], b[3], b[4]].iter().all(u8::is_ascii_digit)
}

const DIGITS: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// Years are read digit by digit: 2024 → 二〇二四.
fn upper_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| DIGITS[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

/// Months and days are read as numbers: 10 → 十, 15 → 十五, 23 → 二十三.
fn upper_number(n: u32) -> String {
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    match tens {
        0 => {}
        1 => s.push('十'),
        t => {
            s.push(DIGITS[t as usize]);
            s.push('十');
        }
    }
    if ones != 0 || tens == 0 {
        s.push(DIGITS[ones as usize]);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(tpl: &str) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        tera.render_str(tpl, &tera::Context::new(), false).unwrap()
    }

    #[test]
    fn dates_in_both_chinese_styles() {
        assert_eq!(render("{{ '2024-03-05' | zh_date }}"), "2024年3月5日");
        assert_eq!(
            render("{{ '2024-03-05T09:00:00+08:00' | zh_date(style='upper') }}"),
            "二〇二四年三月五日"
        );
        assert_eq!(
            render("{{ '2020-10-31' | zh_date(style='upper') }}"),
            "二〇二〇年十月三十一日"
        );
        assert_eq!(
            render("{{ '2020-12-20' | zh_date(style='upper') }}"),
            "二〇二〇年十二月二十日"
        );
        assert_eq!(
            render("{{ '2024-03-05' | zh_date(style='month') }}"),
            "2024年3月"
        );
    }

    #[test]
    fn minute_style_is_the_pub_date_of_the_meta_tags() {
        assert_eq!(
            render("{{ '2024-03-05T09:07:00+08:00' | zh_date(style='minute') }}"),
            "2024-03-05 09:07"
        );
        assert_eq!(
            render("{{ '2024-03-05' | zh_date(style='minute') }}"),
            "2024-03-05"
        );
        // As the slices it replaces read it, for any date the model writes.
        let sliced =
            "{% set d = '2024-11-30T23:59:00+08:00' %}{{ (d[:10] ~ ' ' ~ d[11:16]) | trim }}";
        assert_eq!(
            render(sliced),
            render("{{ '2024-11-30T23:59:00+08:00' | zh_date(style='minute') }}")
        );
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in (0..2100).chain([9999, 10000, 123_456, u32::MAX]) {
            for width in 0..=10 {
                let mut out = String::new();
                push_decimal(&mut out, n, width);
                assert_eq!(out, format!("{n:0width$}"), "{n} {width}");
            }
        }
        assert_eq!(
            render("{{ '0999-01-02' | zh_date(style='iso') }}"),
            "0999-01-02"
        );
        assert_eq!(render("{{ '2024-12-31' | zh_date }}"), "2024年12月31日");
    }
}
