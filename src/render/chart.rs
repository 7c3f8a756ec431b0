//! The year page's bar chart: attendees per meeting as an inline SVG, drawn here in Rust
//! so that the page needs no JavaScript and prints as it shows. The figures (bars, series,
//! months) come from [`crate::model::bars`]; this module only draws them.
//!
//! - One horizontal bar per meeting, in the order (and with the numbers) of the year's
//!   meetings table, which stays the source of truth. Horizontal bars keep their labels
//!   readable on a phone and let a year grow downwards.
//! - Where `role_groups` are set, each bar is stacked by group (then "other roles" and
//!   "unspecified" for meetings that gave only a head count). Each series has a colour
//!   with at least 4.5:1 contrast against white *and* its own fill pattern, and the
//!   legend names them, so colour is never the only cue.
//! - A meeting with unknown attendance gets no bar but the words "ไม่ระบุจำนวนผู้เข้าร่วม":
//!   it is never drawn as zero.
//! - A year of more than [`MAX_BARS`] meetings is drawn per month (twelve bars), and the
//!   description says so.
//! - `role="img"` with a `<title>` (the accessible name) and a `<desc>` that gives every
//!   figure in words.
//!
//! Output is deterministic: coordinates are printed with one decimal place.

use super::filters::escape_html as esc;
use crate::calendar::{self, MONTHS_ABBR, Numerals};
pub use crate::model::bars::MAX_BARS;
use crate::model::bars::{Bar, Span, YearBars};
use crate::text::with_numerals;
use std::fmt::Write as _;

/// Width of the drawing in SVG units; the page scales it to the column.
const W: f64 = 340.0;
const ROW_H: f64 = 28.0;
const BAR_H: f64 = 18.0;
const FONT: f64 = 13.0;
const LEGEND_H: f64 = 22.0;
const TEXT: &str = "#1b1f24";
const MUTED: &str = "#4a5563";
const GRID: &str = "#c4ccd6";

/// Series colours, each ≥ 4.5:1 against white (tested below); the last is kept for
/// people counted without a role.
const PALETTE: [&str; 6] = ["#1a3a5c", "#b35900", "#2e7d32", "#6a1b9a", "#00695c", "#ad1457"];
const GREY: &str = "#596373";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    Solid,
    Stripes,
    Dots,
    Cross,
    Horizontal,
    Vertical,
}

const PATTERNS: [Pattern; 6] =
    [Pattern::Solid, Pattern::Stripes, Pattern::Dots, Pattern::Cross, Pattern::Horizontal, Pattern::Vertical];

/// How a series is drawn.
struct Style<'a> {
    name: &'a str,
    color: &'static str,
    pattern: Pattern,
}

/// A bar as drawn: its figures and its words.
struct Row<'a> {
    bar: &'a Bar,
    /// Shown left of the bar: "1. 20 ต.ค. 2566" or "ต.ค. 2566".
    label: String,
    /// Used in the description: "ลำดับ 1 วันที่ 20 ต.ค. 2566" or "ต.ค. 2566".
    spoken: String,
}

/// The chart of one fiscal year, as given to `year.html`.
pub struct Chart {
    pub svg: String,
    /// One bar per month instead of per meeting.
    pub per_month: bool,
}

/// Where things go: the columns of labels, bars and values, the scale, the rows.
struct Layout {
    /// Left end of the bars.
    x0: f64,
    /// Width the longest bar may take.
    avail: f64,
    /// Scale marks every `step` people, up to `axis_max`.
    step: u64,
    axis_max: u64,
    /// SVG units per person.
    scale: f64,
    /// Top of the first row, bottom of the last, height of the drawing.
    y_rows: f64,
    y_end: f64,
    h: f64,
}

/// Draws the chart of fiscal year `fy` from its bars ([`crate::model::bars`]).
pub fn year_chart(fy: i32, bars: &YearBars, n: Numerals) -> Chart {
    let num = |v: u64| calendar::format_number(v, n);
    let styles = styles(bars);
    let rows = rows(bars, n);
    // With groups the bars are stacked and a legend names the series.
    let stacked = bars.grouped || styles.len() > 1;
    let starred = bars.per_month && bars.bars.iter().any(|b| b.unknown > 0);
    let layout = layout(bars, &rows, &num, stacked, styles.len(), starred);

    let title = format!(
        "แผนภูมิจำนวนผู้เข้าร่วม{} ปีงบประมาณ พ.ศ. {}",
        if bars.per_month {
            "การประชุมรายเดือน"
        } else {
            "การประชุมแต่ละครั้ง"
        },
        with_numerals(fy.to_string(), n)
    );
    let desc = describe(&rows, &styles, bars.per_month, bars.meetings, &num, stacked);

    let mut s = String::with_capacity(4096 + rows.len() * 400);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         role=\"img\" aria-labelledby=\"chart-title\" aria-describedby=\"chart-desc\" font-size=\"{FONT}\">\n\
         <title id=\"chart-title\">{t}</title>\n<desc id=\"chart-desc\">{d}</desc>\n",
        w = f(W),
        h = f(layout.h),
        t = esc(&title),
        d = esc(&desc),
    );
    draw_patterns(&mut s, &styles);
    if stacked {
        draw_legend(&mut s, &styles);
    }
    draw_scale(&mut s, &layout, &num, starred);
    for (i, row) in rows.iter().enumerate() {
        draw_bar(&mut s, &layout, i, row, &styles, bars.per_month, &num);
    }
    // The axis itself, over the bars' left ends.
    let _ = writeln!(
        s,
        "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{MUTED}\" stroke-width=\"1.5\"/>",
        f(layout.y_rows),
        f(layout.y_end + 4.0),
        x = f(layout.x0)
    );
    s.push_str("</svg>");
    Chart { svg: s, per_month: bars.per_month }
}

/// A colour with at least 4.5:1 contrast and a fill pattern per series; grey for people
/// counted without a role.
fn styles(bars: &YearBars) -> Vec<Style<'_>> {
    bars.series
        .iter()
        .enumerate()
        .map(|(k, se)| Style {
            name: &se.name,
            color: if se.unspecified { GREY } else { PALETTE[k % PALETTE.len()] },
            pattern: if se.unspecified && !bars.grouped {
                Pattern::Dots
            } else {
                PATTERNS[k % PATTERNS.len()]
            },
        })
        .collect()
}

fn rows(bars: &YearBars, n: Numerals) -> Vec<Row<'_>> {
    bars.bars
        .iter()
        .map(|bar| match bar.span {
            Span::Month { month, year_be } => {
                let name = format!(
                    "{} {}",
                    MONTHS_ABBR[usize::from(month - 1)],
                    with_numerals(year_be.to_string(), n)
                );
                Row { bar, label: name.clone(), spoken: name }
            }
            Span::Meeting { seq, date } => {
                let seq = with_numerals(seq.to_string(), n);
                let date = calendar::format_thai_short(date, n);
                Row {
                    bar, label: format!("{seq}. {date}"), spoken: format!("ลำดับ {seq} วันที่ {date}")
                }
            }
        })
        .collect()
}

/// A row with nothing to draw says why instead: unknown attendance is never a zero bar.
fn no_bar(b: &Bar) -> bool {
    b.all_unknown() || b.meetings == 0
}

/// What is written at the end of each bar (or in its place). A month that has meetings
/// of unknown attendance is starred, and the note under the chart says what that means.
fn value_text(b: &Bar, per_month: bool, num: &dyn Fn(u64) -> String) -> String {
    if b.meetings == 0 {
        "ไม่มีการประชุม".into()
    } else if b.all_unknown() {
        if per_month {
            "ไม่ระบุจำนวน*".into()
        } else {
            "ไม่ระบุจำนวนผู้เข้าร่วม".into()
        }
    } else if b.unknown > 0 {
        format!("{}*", num(b.total()))
    } else {
        num(b.total())
    }
}

fn layout(
    bars: &YearBars,
    rows: &[Row],
    num: &dyn Fn(u64) -> String,
    stacked: bool,
    series: usize,
    starred: bool,
) -> Layout {
    let label_w = rows.iter().map(|r| text_width(&r.label)).fold(0.0, f64::max) + 8.0;
    let value_w = rows
        .iter()
        .filter(|r| !no_bar(r.bar))
        .map(|r| text_width(&value_text(r.bar, bars.per_month, num)))
        .fold(0.0, f64::max)
        + 6.0;
    let x0 = label_w.round();
    let avail = (W - x0 - value_w - 4.0).max(40.0);
    // As many scale marks as fit side by side (at most five intervals).
    let tick_w = text_width(&num(bars.max.saturating_mul(2).max(10))) + 12.0;
    let (step, axis_max) = axis(bars.max, ((avail / tick_w) as u64).clamp(1, 5));
    let legend_rows = if stacked { series } else { 0 };
    let y_rows = if legend_rows > 0 { legend_rows as f64 * LEGEND_H + 8.0 } else { 4.0 };
    let y_end = y_rows + rows.len() as f64 * ROW_H;
    let h = y_end + if starred { 58.0 } else { 40.0 };
    Layout { x0, avail, step, axis_max, scale: avail / axis_max as f64, y_rows, y_end, h }
}

/// Fill patterns: the series colour with white marks, so series differ in shape too.
fn draw_patterns(s: &mut String, styles: &[Style]) {
    s.push_str("<defs>\n");
    for (k, se) in styles.iter().enumerate() {
        if se.pattern != Pattern::Solid {
            s.push_str(&pattern_def(k, se));
        }
    }
    s.push_str("</defs>\n");
}

/// Legend: one line per series, swatch then name.
fn draw_legend(s: &mut String, styles: &[Style]) {
    for (k, se) in styles.iter().enumerate() {
        let y = k as f64 * LEGEND_H;
        let _ = writeln!(
            s,
            "<g class=\"legend\"><rect x=\"0.5\" y=\"{}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"{}\"/>\
             <text x=\"20\" y=\"{}\" fill=\"{TEXT}\">{}</text></g>",
            f(y + 4.5),
            fill(k, se),
            se.color,
            f(y + 16.5),
            esc(se.name)
        );
    }
}

/// The scale marks' values, from zero to the scale's end.
fn ticks(l: &Layout) -> Vec<u64> {
    let mut out = Vec::new();
    let mut t = 0;
    while t <= l.axis_max {
        out.push(t);
        let Some(next) = t.checked_add(l.step) else { break };
        t = next;
    }
    out
}

/// Grid and scale: a line per tick, its value under the bars, the unit below, and the
/// note on starred months.
fn draw_scale(s: &mut String, l: &Layout, num: &dyn Fn(u64) -> String, starred: bool) {
    let ticks = ticks(l);
    let _ = writeln!(s, "<g class=\"grid\" stroke=\"{GRID}\" stroke-width=\"1\">");
    for &t in &ticks {
        let x = l.x0 + t as f64 * l.scale;
        let _ = writeln!(
            s,
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\"/>",
            x = f(x),
            y1 = f(l.y_rows),
            y2 = f(l.y_end + 4.0)
        );
    }
    s.push_str("</g>\n");
    let _ = writeln!(s, "<g class=\"ticks\" fill=\"{MUTED}\" text-anchor=\"middle\">");
    for &t in &ticks {
        let x = l.x0 + t as f64 * l.scale;
        let _ = writeln!(s, "<text x=\"{}\" y=\"{}\">{}</text>", f(x), f(l.y_end + 17.0), num(t));
    }
    s.push_str("</g>\n");
    let _ = writeln!(
        s,
        "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">จำนวนผู้เข้าร่วม (คน)</text>",
        f(l.x0 + l.avail / 2.0),
        f(l.y_end + 34.0)
    );
    if starred {
        let _ = writeln!(
            s,
            "<text class=\"note\" x=\"0\" y=\"{}\" fill=\"{MUTED}\">* ไม่รวมการประชุมที่ไม่ระบุจำนวนผู้เข้าร่วม</text>",
            f(l.y_end + 52.0)
        );
    }
}

/// The `i`-th row: its label, then its stacked segments and total, or the words saying
/// why there is no bar.
fn draw_bar(
    s: &mut String,
    l: &Layout,
    i: usize,
    row: &Row,
    styles: &[Style],
    per_month: bool,
    num: &dyn Fn(u64) -> String,
) {
    let b = row.bar;
    let y = l.y_rows + i as f64 * ROW_H;
    let text_y = y + ROW_H / 2.0 + FONT * 0.35;
    let _ = write!(
        s,
        "<g class=\"bar\"><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text>",
        f(l.x0 - 6.0),
        f(text_y),
        esc(&row.label)
    );
    if no_bar(b) {
        let _ = write!(
            s,
            "<text class=\"unknown\" x=\"{}\" y=\"{}\" fill=\"{MUTED}\" font-style=\"italic\">{}</text>",
            f(l.x0 + 4.0),
            f(text_y),
            esc(&value_text(b, per_month, num))
        );
    } else {
        let mut cum = 0u64;
        for (k, (&v, se)) in b.segs.iter().zip(styles).enumerate() {
            if v == 0 {
                continue;
            }
            let xa = l.x0 + cum as f64 * l.scale;
            cum = cum.saturating_add(v);
            let xb = l.x0 + cum as f64 * l.scale;
            let _ = write!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"{}\"/>",
                f(xa),
                f(y + (ROW_H - BAR_H) / 2.0),
                f(xb - xa),
                f(BAR_H),
                fill(k, se),
                se.color
            );
        }
        let _ = write!(
            s,
            "<text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text>",
            f(l.x0 + cum as f64 * l.scale + 4.0),
            f(text_y),
            esc(&value_text(b, per_month, num))
        );
    }
    s.push_str("</g>\n");
}

/// The description: every figure of the chart in words.
fn describe(
    rows: &[Row],
    styles: &[Style],
    per_month: bool,
    meetings: usize,
    num: &dyn Fn(u64) -> String,
    stacked: bool,
) -> String {
    let mut d = String::new();
    if per_month {
        let _ = write!(
            d,
            "ปีนี้มีการประชุม {} ครั้ง มากกว่า {} ครั้ง แผนภูมิจึงรวมจำนวนผู้เข้าร่วมเป็นรายเดือน {} แท่ง (ตุลาคมถึงกันยายน)",
            num(meetings as u64),
            num(MAX_BARS as u64),
            num(rows.len() as u64)
        );
    } else {
        let _ = write!(
            d,
            "แผนภูมิแท่งแนวนอน หนึ่งแท่งต่อการประชุมหนึ่งครั้ง {} ครั้ง ตามลำดับในตารางรายการการประชุม",
            num(rows.len() as u64)
        );
    }
    if stacked {
        let names: Vec<&str> = styles.iter().map(|s| s.name).collect();
        let _ = write!(d, " แต่ละแท่งแบ่งตามกลุ่มผู้เข้าร่วม ได้แก่ {}", names.join(", "));
    }
    d.push_str(". ");
    let parts: Vec<String> = rows
        .iter()
        .map(|row| {
            let b = row.bar;
            let mut p = row.spoken.clone();
            if per_month {
                let _ = write!(p, " ประชุม {} ครั้ง", num(b.meetings as u64));
            }
            if b.all_unknown() {
                p.push_str(if per_month {
                    " ไม่ระบุจำนวนผู้เข้าร่วมทุกครั้ง"
                } else {
                    ": ไม่ระบุจำนวนผู้เข้าร่วม"
                });
                return p;
            }
            if per_month && b.meetings == 0 {
                return p;
            }
            let _ = write!(p, "{}ผู้เข้าร่วม {} คน", if per_month { " " } else { ": " }, num(b.total()));
            if stacked {
                let segs: Vec<String> = b
                    .segs
                    .iter()
                    .zip(styles)
                    .filter(|(v, _)| **v > 0)
                    .map(|(v, s)| format!("{} {} คน", s.name, num(*v)))
                    .collect();
                if !segs.is_empty() {
                    let _ = write!(p, " ({})", segs.join(", "));
                }
            }
            if b.unknown > 0 {
                let _ = write!(p, " และไม่ระบุจำนวนผู้เข้าร่วมอีก {} ครั้ง", num(b.unknown as u64));
            }
            p
        })
        .collect();
    d.push_str(&parts.join("; "));
    d.push('.');
    d
}

/// A step of 1, 2 or 5 times a power of ten giving at most `intervals` intervals, and
/// the scale's end (a multiple of the step, at least `max`, at least one).
fn axis(max: u64, intervals: u64) -> (u64, u64) {
    let max = max.max(1);
    let intervals = intervals.max(1);
    let mut mag = 1u64;
    loop {
        for m in [1u64, 2, 5] {
            let step = m.saturating_mul(mag);
            if max.div_ceil(step) <= intervals {
                return (step, max.div_ceil(step).saturating_mul(step));
            }
        }
        mag = mag.saturating_mul(10);
    }
}

/// A generous estimate of a text's width at [`FONT`]: Thai vowel and tone marks above or
/// below a letter take no width.
fn text_width(s: &str) -> f64 {
    s.chars()
        .filter(|&c| !matches!(c, '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'))
        .map(|c| if c == ' ' { 0.3 } else { 0.62 })
        .sum::<f64>()
        * FONT
}

fn fill(k: usize, se: &Style) -> String {
    match se.pattern {
        Pattern::Solid => se.color.to_string(),
        _ => format!("url(#chart-p{k})"),
    }
}

fn pattern_def(k: usize, se: &Style) -> String {
    let c = se.color;
    let (size, marks, rotate) = match se.pattern {
        Pattern::Solid => return String::new(),
        Pattern::Stripes => (6, "<rect x=\"0\" y=\"0\" width=\"2\" height=\"6\" fill=\"#fff\"/>", true),
        Pattern::Dots => (6, "<circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#fff\"/>", false),
        Pattern::Cross => (
            6,
            "<rect x=\"0\" y=\"0\" width=\"1.5\" height=\"6\" fill=\"#fff\"/><rect x=\"0\" y=\"0\" width=\"6\" height=\"1.5\" fill=\"#fff\"/>",
            true,
        ),
        Pattern::Horizontal => (5, "<rect x=\"0\" y=\"0\" width=\"5\" height=\"1.5\" fill=\"#fff\"/>", false),
        Pattern::Vertical => (5, "<rect x=\"0\" y=\"0\" width=\"1.5\" height=\"5\" fill=\"#fff\"/>", false),
    };
    format!(
        "<pattern id=\"chart-p{k}\" width=\"{size}\" height=\"{size}\" patternUnits=\"userSpaceOnUse\"{}>\
         <rect x=\"0\" y=\"0\" width=\"{size}\" height=\"{size}\" fill=\"{c}\"/>{marks}</pattern>\n",
        if rotate { " patternTransform=\"rotate(45)\"" } else { "" }
    )
}

/// A coordinate with one decimal place ("12.0"), so that output never depends on how a
/// float happens to print.
fn f(v: f64) -> String {
    format!("{v:.1}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Date;
    use crate::load::RoleGroup;
    use crate::model::Attendance;
    use crate::model::bars::year_bars;
    use crate::model::stats::{OTHER_ROLES, Row, UNSPECIFIED_ROLE};

    /// The chart of meetings as the year page draws it: binned by the model, then drawn.
    fn chart(fy: i32, meetings: &[(Date, &Attendance)], groups: &[RoleGroup], n: Numerals) -> Option<Chart> {
        year_bars(fy, meetings, groups).map(|bars| year_chart(fy, &bars, n))
    }

    fn d(s: &str) -> Date {
        calendar::parse_date(s).unwrap()
    }

    fn listed(rows: &[(&str, u64)]) -> Attendance {
        let rows: Vec<Row> = rows.iter().map(|(r, c)| Row { role: (*r).into(), count: Some(*c) }).collect();
        let total = rows.iter().fold(0u64, |a, r| a.saturating_add(r.count.unwrap_or(0)));
        Attendance::Listed { rows, total, total_at_least: false, unassigned: 0 }
    }

    fn groups() -> Vec<RoleGroup> {
        vec![
            RoleGroup {
                name: "ผู้บริหาร".into(), external: false, roles: vec!["นายก".into()]
            },
            RoleGroup {
                name: "บุคคล<ภายนอก>".into(), external: true, roles: vec!["ประชาชน".into()]
            },
        ]
    }

    fn luminance(hex: &str) -> f64 {
        let ch = |i: usize| {
            let c = u8::from_str_radix(&hex[i..i + 2], 16).unwrap() as f64 / 255.0;
            if c <= 0.03928 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * ch(1) + 0.7152 * ch(3) + 0.0722 * ch(5)
    }

    #[test]
    fn palette_meets_contrast_against_white() {
        for c in PALETTE.iter().chain([&GREY, &TEXT, &MUTED]) {
            let ratio = 1.05 / (luminance(c) + 0.05);
            assert!(ratio >= 4.5, "{c}: {ratio:.2}");
        }
    }

    #[test]
    fn stacks_by_group_and_marks_unknown_attendance() {
        let a = listed(&[("นายก", 2), ("ประชา ชน", 10), ("ช่าง", 1)]);
        let b = Attendance::TotalOnly { total: 40 };
        let u = Attendance::Unknown;
        let ms = [(d("2566-10-20"), &a), (d("2567-01-05"), &b), (d("2567-03-01"), &u)];
        let c = chart(2567, &ms, &groups(), Numerals::Arabic).unwrap();
        assert!(!c.per_month);
        let svg = &c.svg;
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        assert!(
            svg.contains("role=\"img\"")
                && svg.contains("<title id=\"chart-title\">")
                && svg.contains("<desc id=\"chart-desc\">")
        );
        // legend names, escaped
        assert!(svg.contains(">ผู้บริหาร</text>") && svg.contains(">บุคคล&lt;ภายนอก&gt;</text>"));
        assert!(
            svg.contains(&format!(">{OTHER_ROLES}</text>"))
                && svg.contains(&format!(">{UNSPECIFIED_ROLE}</text>"))
        );
        // four stacked segments in all (3 for the first meeting, 1 for the head count)
        assert_eq!(svg.matches("<g class=\"bar\">").count(), 3);
        assert_eq!(svg.matches("<rect x=").count() - 4 /* legend */ - pattern_rects(svg), 4);
        // the unknown meeting: words, no bar, and no "0"
        assert!(svg.contains("ไม่ระบุจำนวนผู้เข้าร่วม</text>"));
        let desc = svg.split("<desc id=\"chart-desc\">").nth(1).unwrap().split("</desc>").next().unwrap();
        assert!(
            desc.contains("ลำดับ 1 วันที่ 20 ต.ค. 2566: ผู้เข้าร่วม 13 คน (ผู้บริหาร 2 คน, บุคคล&lt;ภายนอก&gt; 10 คน, "),
            "{desc}"
        );
        assert!(desc.contains("ลำดับ 2 วันที่ 5 ม.ค. 2567: ผู้เข้าร่วม 40 คน (ไม่ระบุตำแหน่ง 40 คน)"), "{desc}");
        assert!(desc.contains("ลำดับ 3 วันที่ 1 มี.ค. 2567: ไม่ระบุจำนวนผู้เข้าร่วม"), "{desc}");
        // deterministic
        assert_eq!(chart(2567, &ms, &groups(), Numerals::Arabic).unwrap().svg, c.svg);
    }

    fn pattern_rects(svg: &str) -> usize {
        svg.split("<pattern ")
            .skip(1)
            .map(|p| p.split("</pattern>").next().unwrap().matches("<rect x=").count())
            .sum()
    }

    #[test]
    fn without_groups_one_series_and_no_legend() {
        let a = listed(&[("นายก", 2), ("ประชาชน", 10)]);
        let ms = [(d("2566-10-20"), &a)];
        let c = chart(2567, &ms, &[], Numerals::Thai).unwrap();
        assert!(!c.svg.contains("class=\"legend\""));
        assert!(c.svg.contains(">๑. ๒๐ ต.ค. ๒๕๖๖</text>"), "{}", c.svg);
        assert!(c.svg.contains(">๑๒</text>"));
        assert!(chart(2567, &[], &[], Numerals::Arabic).is_none());
    }

    #[test]
    fn hundreds_of_meetings_are_drawn_per_month() {
        let a = listed(&[("นายก", 1), ("ประชาชน", 2)]);
        let u = Attendance::Unknown;
        let mut ms = Vec::new();
        for i in 0..300u32 {
            // 25 a month, October to September; every tenth unknown
            let month = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9][(i / 25) as usize];
            let year = if month >= 10 { 2566 } else { 2567 };
            let date = d(&format!("{year}-{month:02}-{:02}", i % 25 + 1));
            ms.push((date, if i % 10 == 0 { &u } else { &a }));
        }
        let c = chart(2567, &ms, &groups(), Numerals::Arabic).unwrap();
        assert!(c.per_month);
        assert_eq!(c.svg.matches("<g class=\"bar\">").count(), 12);
        assert!(c.svg.contains(">ต.ค. 2566</text>") && c.svg.contains(">ก.ย. 2567</text>"), "{}", c.svg);
        assert!(c.svg.contains("ปีนี้มีการประชุม 300 ครั้ง มากกว่า 60 ครั้ง แผนภูมิจึงรวมจำนวนผู้เข้าร่วมเป็นรายเดือน"));
        // 25 meetings a month, 2 or 3 of them unknown; the rest 3 people each
        assert_eq!([">66*</text>", ">69*</text>"].map(|l| c.svg.matches(l).count()), [6, 6], "{}", c.svg);
        assert!(c.svg.contains(">* ไม่รวมการประชุมที่ไม่ระบุจำนวนผู้เข้าร่วม</text>"));
        assert!(c.svg.contains("ต.ค. 2566 ประชุม 25 ครั้ง ผู้เข้าร่วม "), "meetings per month in the description");
        assert!(c.svg.len() < 20_000, "{}", c.svg.len());
    }

    #[test]
    fn huge_counts_do_not_overflow() {
        let a = listed(&[("นายก", u64::MAX), ("ประชาชน", 5)]);
        let ms = [(d("2566-10-20"), &a)];
        let c = chart(2567, &ms, &groups(), Numerals::Arabic).unwrap();
        assert!(c.svg.ends_with("</svg>"));
    }

    #[test]
    fn axis_steps() {
        assert_eq!(axis(0, 5), (1, 1));
        assert_eq!(axis(4, 5), (1, 4));
        assert_eq!(axis(7, 5), (2, 8));
        assert_eq!(axis(19, 5), (5, 20));
        assert_eq!(axis(222, 5), (50, 250));
        assert_eq!(axis(1000, 5), (200, 1000));
        assert_eq!(axis(972, 3), (500, 1000));
        assert!(axis(u64::MAX / 3, 5).1 >= u64::MAX / 3);
        assert!(axis(u64::MAX, 5).1 == u64::MAX);
    }
}
