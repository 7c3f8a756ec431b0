//! Property tests of the public API: Thai dates format and parse back in every form,
//! fiscal years are right for every day of B.E. 2400–2700, and attendee statistics
//! always add up.

use prongsai::calendar::*;
use prongsai::diagnostics::Diagnostics;
use prongsai::load::{RoleGroup, parse_meeting_text};
use prongsai::model::stats::{Attendance, attendance, shares_in_tenths, year_stats};
use proptest::prelude::*;

// ---- dates --------------------------------------------------------------------------

/// Any day that `parse_date` accepts (C.E. 1857–2399, i.e. B.E. 2400–2942).
fn any_date() -> impl Strategy<Value = Date> {
    (ACCEPTED_YEARS_CE, 1u8..=12, 1u8..=31).prop_filter_map("no such day", |(y, m, d)| Date::from_ce(y, m, d))
}

fn numerals() -> impl Strategy<Value = Numerals> {
    prop_oneof![Just(Numerals::Arabic), Just(Numerals::Thai)]
}

fn digits(s: String, n: Numerals) -> String {
    match n {
        Numerals::Arabic => s,
        Numerals::Thai => thai_digits(&s),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn every_date_formats_and_parses_back_in_every_form(d in any_date(), n in numerals()) {
        let month = MONTHS_FULL[usize::from(d.month() - 1)];
        let abbr = MONTHS_ABBR[usize::from(d.month() - 1)];
        let weekday = WEEKDAYS[usize::from(d.weekday())];
        let forms = [
            format_thai(d, n),
            format_thai_short(d, n),
            digits(d.iso(), n),
            digits(format!("{}-{:02}-{:02}", d.year_be(), d.month(), d.day()), n),
            digits(format!("{}-{}-{}", d.year_be(), d.month(), d.day()), n),
            digits(format!("วันที่ {} เดือน{month} พ.ศ. {}", d.day(), d.year_be()), n),
            digits(format!("วัน{weekday}ที่ {} {month} {}", d.day(), d.year_be()), n),
            digits(format!("{} {abbr} ค.ศ. {}", d.day(), d.year_ce()), n),
        ];
        for f in &forms {
            prop_assert_eq!(parse_date(f), Ok(d), "{}", f);
        }
        // the two-digit year of reports ("20 ต.ค. 66") means B.E. 25xx
        if (2500..2600).contains(&d.year_be()) {
            let f = digits(format!("{} {abbr} {:02}", d.day(), d.year_be() - 2500), n);
            prop_assert_eq!(parse_date(&f), Ok(d), "{}", f);
        }
        // a wrong weekday is refused
        let other = WEEKDAYS[(usize::from(d.weekday()) + 1) % 7];
        let wrong = format!("วัน{other}ที่ {}", format_thai(d, n));
        let is_mismatch = matches!(parse_date(&wrong), Err(DateError::WeekdayMismatch { .. }));
        prop_assert!(is_mismatch, "{}", wrong);
    }

    #[test]
    fn every_date_formats_as_dd_mm_yyyy_and_parses_back(d in any_date(), n in numerals()) {
        let forms = [
            digits(format_numeric(d), n),
            digits(format!("{}/{}/{}", d.day(), d.month(), d.year_be()), n),
            digits(format!("{:02}-{:02}-{}", d.day(), d.month(), d.year_be()), n),
            format!("เมื่อวันที่ {}", format_numeric(d)),
            format!("ในวันที่ {}", format_thai(d, n)),
            format!("เมื่อ{}", format_thai_short(d, n)),
        ];
        for f in &forms {
            prop_assert_eq!(parse_date(f), Ok(d), "{}", f);
            prop_assert_eq!(parse_date_span(f), Ok(DateSpan { start: d, end: None }), "{}", f);
        }
        if (2500..2600).contains(&d.year_be()) {
            let f = format!("{:02}/{:02}/{:02}", d.day(), d.month(), d.year_be() - 2500);
            prop_assert_eq!(parse_date(&f), Ok(d), "{}", f);
        }
    }

    #[test]
    fn every_range_shown_parses_back(a in any_date(), b in any_date(), n in numerals()) {
        let (start, end) = if a <= b { (a, b) } else { (b, a) };
        let span = DateSpan::new(start, end).unwrap();
        for f in [format_thai_span(span, n), format_thai_short_span(span, n)] {
            prop_assert_eq!(parse_date_span(&f), Ok(span), "{}", f);
        }
        if a != b {
            let f = format!("{} - {}", format_thai(end, n), format_thai(start, n));
            prop_assert_eq!(parse_date_span(&f), Err(DateError::EndBeforeStart { start: end, end: start }), "{}", f);
        }
    }

    #[test]
    fn times_and_numbers_format_and_parse_back(h in 0u8..24, m in 0u8..60, v in any::<u64>(), n in numerals()) {
        let t = Time { hour: h, minute: m };
        prop_assert_eq!(parse_time(&format_time(t, n)), Some(t));
        prop_assert_eq!(parse_whole_number(&format_number(v, n)), Some(v));
        prop_assert_eq!(parse_whole_number(&digits(v.to_string(), n)), Some(v));
    }
}

/// Every day from 1 January B.E. 2400 to 31 December B.E. 2700, walked with a calendar
/// of its own (not `Date`'s arithmetic): the fiscal year turns on 1 October.
#[test]
fn fiscal_year_of_every_day_from_2400_to_2700_be() {
    fn days_in(month: u8, year_ce: i32) -> u8 {
        let leap = year_ce % 400 == 0 || (year_ce % 4 == 0 && year_ce % 100 != 0);
        [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][usize::from(month - 1)]
    }
    let (mut y, mut m, mut day) = (2400 - 543, 1u8, 1u8);
    let mut fy = 2400; // 1 January 2400 is in the fiscal year that ends 30 September 2400
    let mut days = 0;
    while y <= 2700 - 543 {
        let d = Date::from_ce(y, m, day).unwrap();
        assert_eq!(d.fiscal_year(), fy, "{}", format_thai(d, Numerals::Arabic));
        let (first, last) = fiscal_year_bounds(fy);
        assert!(first <= d && d <= last);
        if (m, day) == (10, 1) {
            assert_eq!(first, d);
        }
        if (m, day) == (9, 30) {
            assert_eq!(last, d);
        }
        days += 1;
        day += 1;
        if day > days_in(m, y) {
            day = 1;
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
            if (m, day) == (10, 1) {
                fy += 1;
            }
        }
    }
    assert_eq!(days, 301 * 365 + 73, "301 years of days, 73 of them leap years");
}

// ---- statistics ---------------------------------------------------------------------

/// Role names as reports spell them: the same role with spaces in other places.
const ROLES: &[&str] = &[
    "นายก อบต.",
    "นายกอบต.",
    "นายก  อบต.",
    "ประชาชน",
    "ผู้ทรงคุณวุฒิ",
    "ผู้ ทรง คุณวุฒิ",
    "ผู้แทนประชาคม",
    "ครู",
    "อสม.",
];

#[derive(Debug, Clone)]
enum Att {
    Listed(Vec<(usize, u64)>, Option<u64>),
    TotalOnly(u64),
    Unknown,
}

fn att() -> impl Strategy<Value = Att> {
    prop_oneof![
        6 => (prop::collection::vec((0..ROLES.len(), 0u64..200_000), 1..8), proptest::option::of(0u64..1_000_000)).prop_map(|(r, t)| Att::Listed(r, t)),
        2 => (0u64..1_000_000).prop_map(Att::TotalOnly),
        1 => Just(Att::Unknown),
    ]
}

fn groups() -> impl Strategy<Value = Vec<RoleGroup>> {
    prop::collection::vec((prop::collection::vec(0..ROLES.len(), 0..4), any::<bool>()), 0..4).prop_map(|gs| {
        gs.into_iter()
            .enumerate()
            .map(|(i, (roles, external))| RoleGroup {
                name: format!("กลุ่ม {i}"),
                external,
                roles: roles.into_iter().map(|r| ROLES[r].to_string()).collect(),
            })
            .collect()
    })
}

/// The meeting file for `a`, parsed like the loader does.
fn meeting_of(a: &Att) -> prongsai::load::Meeting {
    let mut text = String::from("---\ntitle: ประชุม\ndate: 2567-01-15\nvenue: ห้อง\n");
    match a {
        Att::Listed(rows, total) => {
            text.push_str("attendees:\n");
            for (r, c) in rows {
                text.push_str(&format!("  - role: {}\n    count: {c}\n", ROLES[*r]));
            }
            if let Some(t) = total {
                text.push_str(&format!("attendees_total: {t}\n"));
            }
        }
        Att::TotalOnly(t) => text.push_str(&format!("attendees_total: {t}\n")),
        Att::Unknown => {}
    }
    text.push_str("---\n");
    let mut d = Diagnostics::new();
    let m = parse_meeting_text("content/a.md", "a.md", &text, &mut d).expect("a valid meeting");
    assert!(!d.has_errors(), "{:?}", d.sorted());
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn year_statistics_always_add_up(meetings in prop::collection::vec(att(), 0..25), groups in groups()) {
        let atts: Vec<Attendance> = meetings.iter().map(|a| attendance(&meeting_of(a))).collect();
        // a meeting's total is the sum of its rows; the declared total only where no rows
        for (a, at) in meetings.iter().zip(&atts) {
            let want = match a {
                Att::Listed(rows, _) => Some(rows.iter().map(|r| r.1).sum::<u64>()),
                Att::TotalOnly(t) => Some(*t),
                Att::Unknown => None,
            };
            prop_assert_eq!(at.total(), want);
            if let Attendance::Listed { rows, total, .. } = at {
                prop_assert_eq!(rows.iter().filter_map(|r| r.count).sum::<u64>(), *total);
            }
        }
        let s = year_stats(atts.iter(), &groups);
        let sum_meetings: u64 = atts.iter().filter_map(Attendance::total).sum();
        prop_assert_eq!(s.total, sum_meetings, "year total = sum of meetings' totals");
        prop_assert_eq!(s.roles.iter().map(|r| r.total).sum::<u64>() + s.unspecified, s.total, "= sum over roles + unspecified");
        prop_assert_eq!(s.meetings_counted + s.meetings_unknown, atts.len());
        prop_assert_eq!(s.meetings_unknown, meetings.iter().filter(|a| matches!(a, Att::Unknown)).count());
        for r in &s.roles {
            prop_assert!(r.meetings >= 1 && r.meetings <= s.meetings_counted);
        }
        // roles spelled with other spaces are one role
        let keys: std::collections::HashSet<String> = s.roles.iter().map(|r| r.role.split_whitespace().collect()).collect();
        prop_assert_eq!(keys.len(), s.roles.len());
        if groups.is_empty() {
            prop_assert!(s.groups.is_empty());
        } else {
            prop_assert_eq!(s.groups.iter().map(|g| g.total).sum::<u64>(), s.total, "= sum over groups incl. other and unspecified rows");
            prop_assert_eq!(s.external_total, s.groups.iter().filter(|g| g.external).map(|g| g.total).sum::<u64>());
            let tenths: u64 = s.groups.iter().map(|g| g.share_tenths).sum();
            prop_assert_eq!(tenths, if s.total > 0 { 1000 } else { 0 });
            for g in &s.groups {
                // each share is its exact value rounded down or up, to a tenth of a percent
                let exact = g.total as f64 * 1000.0 / (s.total.max(1)) as f64;
                prop_assert!((g.share_tenths as f64 - exact).abs() < 1.0, "{} vs {exact}", g.share_tenths);
                prop_assert_eq!(&g.share, &format!("{}.{}", g.share_tenths / 10, g.share_tenths % 10));
            }
        }
    }

    #[test]
    fn shares_add_to_exactly_1000_tenths(values in prop::collection::vec(0u64..u64::MAX / 64, 0..40)) {
        let t = shares_in_tenths(&values);
        prop_assert_eq!(t.len(), values.len());
        let total: u128 = values.iter().map(|&v| v as u128).sum();
        prop_assert_eq!(t.iter().sum::<u64>(), if total > 0 { 1000 } else { 0 });
        for (v, s) in values.iter().zip(&t) {
            if let Some(floor) = (*v as u128 * 1000).checked_div(total) {
                let floor = floor as u64;
                prop_assert!(*s == floor || *s == floor + 1);
            }
        }
    }
}
