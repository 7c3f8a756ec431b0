//! The numbers behind a fiscal year's bar chart: people per meeting (or per month, for a
//! busy year), split into series by role group. Drawing them is `render::chart`'s job;
//! here are only the figures, by the statistics rules of [`super::stats`].
//!
//! - Series: the configured groups in order, then roles in no group ("other roles", or
//!   simply "attendees" when the site sets no groups), then people counted without a role
//!   (meetings that gave only a head count). Only series that have people this year are kept.
//! - A meeting with unknown attendance adds nothing to any series but is counted in its
//!   bar's `unknown`, so it is never shown as zero.

use super::stats::{OTHER_ROLES, UNSPECIFIED_ROLE, group_index, role_key};
use crate::calendar::Date;
use crate::load::RoleGroup;
use crate::model::Attendance;

/// More meetings than this in a year are binned per month (twelve bars).
pub const MAX_BARS: usize = 60;

/// One series of the chart, in the order the bars stack them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    /// People counted without a role (head counts only).
    pub unspecified: bool,
}

/// What a bar stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// The `seq`-th meeting of the year's table (from 1), held on `date`.
    Meeting { seq: usize, date: Date },
    /// A calendar month (1–12) of the Buddhist-era year `year_be`.
    Month { month: u8, year_be: i32 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub span: Span,
    /// People per series, in the order of [`YearBars::series`].
    pub segs: Vec<u64>,
    /// Meetings in the bar, and those of them with unknown attendance.
    pub meetings: usize,
    pub unknown: usize,
}

impl Bar {
    pub fn total(&self) -> u64 {
        self.segs.iter().fold(0u64, |a, &b| a.saturating_add(b))
    }

    /// Nothing known to draw: every meeting of the bar has unknown attendance.
    pub fn all_unknown(&self) -> bool {
        self.meetings > 0 && self.unknown == self.meetings
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearBars {
    /// One bar per month instead of one per meeting.
    pub per_month: bool,
    /// The site sets role groups.
    pub grouped: bool,
    /// Meetings of the year.
    pub meetings: usize,
    /// Series with people this year.
    pub series: Vec<Series>,
    pub bars: Vec<Bar>,
    /// The largest bar's total.
    pub max: u64,
}

/// The bars of fiscal year `fy` from its meetings in table order (date and attendance).
/// `None` for a year without meetings.
pub fn year_bars(fy: i32, meetings: &[(Date, &Attendance)], groups: &[RoleGroup]) -> Option<YearBars> {
    if meetings.is_empty() {
        return None;
    }
    let split = Splitter::new(groups);
    let per_month = meetings.len() > MAX_BARS;
    let mut bars =
        if per_month { per_month_bars(fy, meetings, &split) } else { per_meeting_bars(meetings, &split) };
    let series = split.keep_used(&mut bars);
    let max = bars.iter().map(Bar::total).max().unwrap_or(0);
    Some(YearBars { per_month, grouped: !groups.is_empty(), meetings: meetings.len(), series, bars, max })
}

/// Splits a meeting's people into every possible series, used or not.
struct Splitter {
    group_of: std::collections::HashMap<String, usize>,
    names: Vec<String>,
    other: usize,
    unspecified: usize,
}

impl Splitter {
    fn new(groups: &[RoleGroup]) -> Splitter {
        let mut names: Vec<String> = groups.iter().map(|g| g.name.clone()).collect();
        let other = names.len();
        names.push(if groups.is_empty() {
            "ผู้เข้าร่วม".into()
        } else {
            OTHER_ROLES.into()
        });
        names.push(UNSPECIFIED_ROLE.into());
        Splitter { group_of: group_index(groups), unspecified: names.len() - 1, names, other }
    }

    fn split(&self, a: &Attendance) -> Vec<u64> {
        let mut v = vec![0u64; self.names.len()];
        match a {
            Attendance::Listed { rows, unassigned, .. } => {
                for r in rows {
                    let i = self.group_of.get(&role_key(&r.role)).copied().unwrap_or(self.other);
                    v[i] = v[i].saturating_add(r.count.unwrap_or(0));
                }
                v[self.unspecified] = *unassigned;
            }
            Attendance::TotalOnly { total } => v[self.unspecified] = *total,
            Attendance::RolesOnly { .. } | Attendance::Unknown => {}
        }
        v
    }

    /// The series that have people in some bar; the bars' segments cut down to them.
    fn keep_used(&self, bars: &mut [Bar]) -> Vec<Series> {
        let used: Vec<usize> =
            (0..self.names.len()).filter(|&i| bars.iter().any(|b| b.segs[i] > 0)).collect();
        for b in bars.iter_mut() {
            b.segs = used.iter().map(|&i| b.segs[i]).collect();
        }
        used.iter()
            .map(|&i| Series { name: self.names[i].clone(), unspecified: i == self.unspecified })
            .collect()
    }
}

fn per_meeting_bars(meetings: &[(Date, &Attendance)], split: &Splitter) -> Vec<Bar> {
    meetings
        .iter()
        .enumerate()
        .map(|(i, (d, a))| Bar {
            span: Span::Meeting { seq: i + 1, date: *d },
            segs: split.split(a),
            meetings: 1,
            unknown: a.is_unknown() as usize,
        })
        .collect()
}

/// The fiscal year's twelve months, October of the year before to September, each with
/// the sums of its meetings (a month without meetings has an empty bar).
fn per_month_bars(fy: i32, meetings: &[(Date, &Attendance)], split: &Splitter) -> Vec<Bar> {
    (0..12u8)
        .map(|k| {
            let (month, year_be) = if k < 3 { (10 + k, fy - 1) } else { (k - 2, fy) };
            let mut bar = Bar {
                span: Span::Month { month, year_be },
                segs: vec![0; split.names.len()],
                meetings: 0,
                unknown: 0,
            };
            for (_, a) in meetings.iter().filter(|(d, _)| d.month() == month && d.year_be() == year_be) {
                bar.meetings += 1;
                if a.is_unknown() {
                    bar.unknown += 1;
                }
                for (s, x) in bar.segs.iter_mut().zip(split.split(a)) {
                    *s = s.saturating_add(x);
                }
            }
            bar
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::parse_date;
    use crate::model::stats::Row;

    fn listed(rows: &[(&str, u64)]) -> Attendance {
        let rows: Vec<Row> = rows.iter().map(|(r, c)| Row { role: (*r).into(), count: Some(*c) }).collect();
        let total = rows.iter().fold(0u64, |a, r| a.saturating_add(r.count.unwrap_or(0)));
        Attendance::Listed { rows, total, total_at_least: false, unassigned: 0 }
    }

    fn groups() -> Vec<RoleGroup> {
        vec![RoleGroup {
            name: "ผู้บริหาร".into(), external: false, roles: vec!["นายก".into()]
        }]
    }

    #[test]
    fn per_meeting_bars_split_by_group_and_keep_used_series() {
        let a = listed(&[("นาย ก", 2), ("ช่าง", 1)]);
        let b = Attendance::TotalOnly { total: 40 };
        let u = Attendance::Unknown;
        let ms = [
            (parse_date("2566-10-20").unwrap(), &a),
            (parse_date("2567-01-05").unwrap(), &b),
            (parse_date("2567-03-01").unwrap(), &u),
        ];
        let y = year_bars(2567, &ms, &groups()).unwrap();
        assert!(!y.per_month && y.grouped);
        let names: Vec<&str> = y.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ผู้บริหาร", OTHER_ROLES, UNSPECIFIED_ROLE]);
        assert_eq!(
            y.bars.iter().map(|b| b.segs.clone()).collect::<Vec<_>>(),
            [vec![2, 1, 0], vec![0, 0, 40], vec![0, 0, 0]]
        );
        assert!(y.bars[2].all_unknown());
        assert_eq!(y.max, 40);
        assert!(year_bars(2567, &[], &[]).is_none());
    }

    #[test]
    fn a_busy_year_is_binned_per_month() {
        let a = listed(&[("นายก", 1), ("ประชาชน", 2)]);
        let u = Attendance::Unknown;
        let mut ms = Vec::new();
        for i in 0..(MAX_BARS as u32 + 1) {
            let month = if i % 2 == 0 { "10" } else { "05" };
            let year = if month == "10" { 2566 } else { 2567 };
            ms.push((
                parse_date(&format!("{year}-{month}-{:02}", i % 28 + 1)).unwrap(),
                if i == 0 { &u } else { &a },
            ));
        }
        let y = year_bars(2567, &ms, &[]).unwrap();
        assert!(y.per_month && !y.grouped);
        assert_eq!(y.bars.len(), 12);
        assert_eq!(y.bars[0].span, Span::Month { month: 10, year_be: 2566 });
        assert_eq!((y.bars[0].meetings, y.bars[0].unknown, y.bars[0].total()), (31, 1, 90));
        assert_eq!((y.bars[7].meetings, y.bars[7].total()), (30, 90));
        assert_eq!(y.bars[1].meetings, 0);
        assert_eq!(y.max, 90);
    }
}
