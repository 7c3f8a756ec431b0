//! Attendee statistics: per meeting and per fiscal year, by role and by role group.
//!
//! The rules (DESIGN "Statistics rules"): a meeting's total is the sum of its listed
//! counts; a meeting with only `attendees_total` counts under "unspecified roles"; a
//! meeting with neither has unknown attendance and is counted apart, never as zero.
//!
//! Roles named without a number (DESIGN "Real reports"): a meeting whose roles all lack
//! numbers has unknown attendance (unless `attendees_total` gives it); one with some
//! numbers has a total of the known numbers, marked "at least". A declared total larger
//! than the known numbers is the meeting's total, the rest counted under "unspecified".

use crate::load::{Meeting, RoleGroup};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// Label of the row for people counted without a role.
pub const UNSPECIFIED_ROLE: &str = "ไม่ระบุตำแหน่ง";
/// Label of the row for roles that belong to no configured group.
pub const OTHER_ROLES: &str = "ตำแหน่งอื่น ๆ (ไม่อยู่ในกลุ่ม)";

/// Roles are compared by [`role_key`] (defined with the other text helpers, as `load`
/// compares them too); named here as well for the chart.
pub use crate::text::role_key;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    pub role: Arc<str>,
    /// None: the role was named without a number.
    pub count: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attendance {
    /// Roles with counts (repeated roles merged, in first-listed order) and their sum.
    Listed {
        rows: Vec<Row>,
        total: u64,
        /// Some roles have no number and no declared total covers them: `total` is of the
        /// known numbers only.
        #[serde(skip_serializing_if = "is_false")]
        total_at_least: bool,
        /// People of a declared total beyond the listed numbers (roles without numbers).
        #[serde(skip_serializing_if = "is_zero")]
        unassigned: u64,
    },
    /// Roles named, none with a number, and no total: attendance unknown, but who took
    /// part is still summed up.
    RolesOnly { rows: Vec<Row> },
    /// Only a head count was given.
    TotalOnly { total: u64 },
    /// Neither: shown as unknown, never as zero.
    Unknown,
}

impl Attendance {
    pub fn total(&self) -> Option<u64> {
        match self {
            Attendance::Listed { total, .. } | Attendance::TotalOnly { total } => Some(*total),
            Attendance::RolesOnly { .. } | Attendance::Unknown => None,
        }
    }

    /// The total is of the known numbers only ("อย่างน้อย").
    pub fn total_at_least(&self) -> bool {
        matches!(self, Attendance::Listed { total_at_least: true, .. })
    }

    /// No number of people is known.
    pub fn is_unknown(&self) -> bool {
        self.total().is_none()
    }

    /// The roles listed (repeated roles merged).
    pub fn rows(&self) -> &[Row] {
        match self {
            Attendance::Listed { rows, .. } | Attendance::RolesOnly { rows } => rows,
            _ => &[],
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

pub fn attendance(m: &Meeting) -> Attendance {
    if !m.attendees.is_empty() {
        let mut rows: Vec<Row> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for a in &m.attendees {
            let k = role_key(&a.role);
            match index.get(&k) {
                Some(&i) => {
                    rows[i].count = match (rows[i].count, a.count) {
                        (Some(x), Some(y)) => Some(x.saturating_add(y)),
                        (x, y) => x.or(y),
                    }
                }
                None => {
                    index.insert(k, rows.len());
                    rows.push(Row { role: a.role.clone(), count: a.count });
                }
            }
        }
        let known = rows.iter().filter_map(|r| r.count).fold(0u64, |s, c| s.saturating_add(c));
        let all_counted = m.attendees.iter().all(|a| a.count.is_some());
        let any_counted = m.attendees.iter().any(|a| a.count.is_some());
        match m.attendees_total {
            _ if all_counted => {
                Attendance::Listed { rows, total: known, total_at_least: false, unassigned: 0 }
            }
            // A declared total smaller than the known numbers was warned about; set aside.
            Some(declared) if declared >= known => Attendance::Listed {
                rows,
                total: declared,
                total_at_least: false,
                unassigned: declared - known,
            },
            _ if any_counted => {
                Attendance::Listed { rows, total: known, total_at_least: true, unassigned: 0 }
            }
            _ => Attendance::RolesOnly { rows },
        }
    } else if let Some(total) = m.attendees_total {
        Attendance::TotalOnly { total }
    } else {
        Attendance::Unknown
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleStat {
    pub role: String,
    /// People over the year's meetings.
    pub total: u64,
    /// Meetings at which the role was present.
    pub meetings: usize,
    /// Of those, meetings that named the role without a number: `total` is "at least"
    /// when some, unknown when all.
    pub uncounted: usize,
    /// The group the role is summed under, if any.
    pub group: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupStat {
    pub name: String,
    pub external: bool,
    pub total: u64,
    /// Share of the year's grand total, one decimal place, as text ("12.5"); the shares of
    /// a year add up to exactly 100.0 (largest-remainder rounding).
    pub share: String,
    pub share_tenths: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct YearStats {
    /// Every listed role, in order of first appearance.
    pub roles: Vec<RoleStat>,
    /// Configured groups, then "other roles" and "unspecified" rows when they have people.
    /// Empty when the site sets no groups.
    pub groups: Vec<GroupStat>,
    /// People counted at meetings that gave only a head count.
    pub unspecified: u64,
    pub unspecified_meetings: usize,
    /// Everyone counted: the sum over roles plus `unspecified`.
    pub total: u64,
    /// Some counted meeting gave numbers for only some of its roles: `total` is "at least".
    pub total_at_least: bool,
    /// People in groups marked `external`.
    pub external_total: u64,
    pub meetings_counted: usize,
    pub meetings_unknown: usize,
}

/// Statistics of a set of meetings (a fiscal year), in one pass over them.
pub fn year_stats<'a>(meetings: impl IntoIterator<Item = &'a Attendance>, groups: &[RoleGroup]) -> YearStats {
    let mut s = YearStats::default();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut add_rows = |s: &mut YearStats, rows: &[Row]| {
        for r in rows {
            let k = role_key(&r.role);
            let i = *index.entry(k).or_insert_with(|| {
                s.roles.push(RoleStat {
                    role: r.role.to_string(),
                    total: 0,
                    meetings: 0,
                    uncounted: 0,
                    group: None,
                });
                s.roles.len() - 1
            });
            match r.count {
                Some(c) => s.roles[i].total = s.roles[i].total.saturating_add(c),
                None => s.roles[i].uncounted += 1,
            }
            s.roles[i].meetings += 1;
        }
    };
    for a in meetings {
        match a {
            Attendance::Listed { rows, total, total_at_least, unassigned } => {
                s.meetings_counted += 1;
                s.total = s.total.saturating_add(*total);
                s.total_at_least |= *total_at_least;
                add_rows(&mut s, rows);
                if *unassigned > 0 {
                    s.unspecified_meetings += 1;
                    s.unspecified = s.unspecified.saturating_add(*unassigned);
                }
            }
            Attendance::RolesOnly { rows } => {
                s.meetings_unknown += 1;
                add_rows(&mut s, rows);
            }
            Attendance::TotalOnly { total } => {
                s.meetings_counted += 1;
                s.unspecified_meetings += 1;
                s.unspecified = s.unspecified.saturating_add(*total);
                s.total = s.total.saturating_add(*total);
            }
            Attendance::Unknown => s.meetings_unknown += 1,
        }
    }
    if groups.is_empty() {
        return s;
    }

    let group_of = group_index(groups);
    let mut sums = vec![0u64; groups.len()];
    let mut other = 0u64;
    for r in &mut s.roles {
        match group_of.get(&role_key(&r.role)) {
            Some(&gi) => {
                sums[gi] = sums[gi].saturating_add(r.total);
                r.group = Some(groups[gi].name.clone());
            }
            None => other = other.saturating_add(r.total),
        }
    }
    let mut rows: Vec<(String, bool, u64)> =
        groups.iter().zip(&sums).map(|(g, &t)| (g.name.clone(), g.external, t)).collect();
    if other > 0 {
        rows.push((OTHER_ROLES.into(), false, other));
    }
    if s.unspecified > 0 {
        rows.push((UNSPECIFIED_ROLE.into(), false, s.unspecified));
    }
    s.external_total = rows.iter().filter(|r| r.1).map(|r| r.2).sum();
    let tenths = shares_in_tenths(&rows.iter().map(|r| r.2).collect::<Vec<_>>());
    s.groups = rows
        .into_iter()
        .zip(tenths)
        .map(|((name, external, total), t)| GroupStat {
            name,
            external,
            total,
            share: format!("{}.{}", t / 10, t % 10),
            share_tenths: t,
        })
        .collect();
    s
}

/// The group of each role (by [`role_key`]): a role belongs to the first group that
/// lists it. Roles in no group are absent.
pub fn group_index(groups: &[RoleGroup]) -> HashMap<String, usize> {
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (gi, g) in groups.iter().enumerate() {
        for r in &g.roles {
            group_of.entry(role_key(r)).or_insert(gi);
        }
    }
    group_of
}

/// Percentages in tenths of a percent that add up to exactly 1000 (when the total is not
/// zero): each share rounded down, then the tenths left over go to the largest remainders.
pub fn shares_in_tenths(values: &[u64]) -> Vec<u64> {
    let total: u128 = values.iter().map(|&v| v as u128).sum();
    if total == 0 {
        return vec![0; values.len()];
    }
    let mut out: Vec<u64> = Vec::with_capacity(values.len());
    let mut rema: Vec<(u128, usize)> = Vec::with_capacity(values.len());
    for (i, &v) in values.iter().enumerate() {
        let scaled = v as u128 * 1000;
        out.push((scaled / total) as u64);
        rema.push((scaled % total, i));
    }
    let given: u64 = out.iter().sum();
    // Largest remainder first; ties to the earlier row, so the result is deterministic.
    rema.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in rema.iter().take((1000 - given) as usize) {
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(rows: &[(&str, u64)]) -> Attendance {
        let rows: Vec<Row> = rows.iter().map(|(r, c)| Row { role: (*r).into(), count: Some(*c) }).collect();
        let total = rows.iter().filter_map(|r| r.count).sum();
        Attendance::Listed { rows, total, total_at_least: false, unassigned: 0 }
    }

    fn group(name: &str, external: bool, roles: &[&str]) -> RoleGroup {
        RoleGroup { name: name.into(), external, roles: roles.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn year_by_role_and_group() {
        let a = listed(&[("นายก", 1), ("ผู้ทรงคุณวุฒิ", 3)]);
        let b = listed(&[("นาย ก", 2), ("ประชาชน", 5)]);
        let c = Attendance::TotalOnly { total: 10 };
        let d = Attendance::Unknown;
        let groups = [group("บริหาร", false, &["นายก"]), group("ภายนอก", true, &["ผู้ทรง คุณวุฒิ"])];
        let s = year_stats([&a, &b, &c, &d], &groups);
        assert_eq!(s.total, 21);
        assert_eq!(s.meetings_counted, 3);
        assert_eq!(s.meetings_unknown, 1);
        assert_eq!(
            s.roles[0],
            RoleStat {
                role: "นายก".into(),
                total: 3,
                meetings: 2,
                uncounted: 0,
                group: Some("บริหาร".into())
            }
        );
        assert_eq!(s.roles.iter().map(|r| r.total).sum::<u64>() + s.unspecified, s.total);
        let names: Vec<&str> = s.groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["บริหาร", "ภายนอก", OTHER_ROLES, UNSPECIFIED_ROLE]);
        assert_eq!(s.groups.iter().map(|g| g.total).sum::<u64>(), s.total);
        assert_eq!(s.groups.iter().map(|g| g.share_tenths).sum::<u64>(), 1000);
        assert_eq!(s.external_total, 3);
    }

    #[test]
    fn shares_always_add_to_100() {
        assert_eq!(shares_in_tenths(&[1, 1, 1]), vec![334, 333, 333]);
        assert_eq!(shares_in_tenths(&[0, 0]), vec![0, 0]);
        assert_eq!(shares_in_tenths(&[7]), vec![1000]);
        for n in 1..40u64 {
            let v: Vec<u64> = (0..n).map(|i| (i * 7919) % 13 + 1).collect();
            assert_eq!(shares_in_tenths(&v).iter().sum::<u64>(), 1000);
        }
    }

    /// The attendance of a meeting with these `attendees:` lines (and more front matter).
    fn attendance_of(front: &str) -> Attendance {
        let text = format!("---\ntitle: t\ndate: 2567-01-15\nvenue: v\n{front}---\n");
        let mut d = crate::diagnostics::Diagnostics::new();
        let m = crate::load::parse_meeting_text("content/a.md", "a.md", &text, &mut d).expect("a meeting");
        assert!(!d.has_errors(), "{:?}", d.sorted());
        attendance(&m)
    }

    fn row(role: &str, count: Option<u64>) -> Row {
        Row { role: role.into(), count }
    }

    #[test]
    fn roles_without_numbers_are_unknown_attendance_not_zero() {
        let a = attendance_of("attendees:\n  - role: ผู้นำชุมชน\n  - role: ประชาชน\n    count:\n");
        assert_eq!(
            a,
            Attendance::RolesOnly {
                rows: vec![row("ผู้นำชุมชน", None), row("ประชาชน", None)]
            }
        );
        assert_eq!((a.total(), a.is_unknown(), a.total_at_least()), (None, true, false));
        let s = year_stats([&a, &listed(&[("ประชาชน", 5)])], &[]);
        assert_eq!((s.total, s.meetings_counted, s.meetings_unknown, s.total_at_least), (5, 1, 1, false));
        assert_eq!(
            s.roles,
            [
                RoleStat {
                    role: "ผู้นำชุมชน".into(), total: 0, meetings: 1, uncounted: 1, group: None
                },
                RoleStat {
                    role: "ประชาชน".into(), total: 5, meetings: 2, uncounted: 1, group: None
                },
            ]
        );
        let alone = year_stats([&a], &[group("ภายนอก", true, &["ประชาชน"])]);
        assert_eq!((alone.total, alone.meetings_counted, alone.meetings_unknown), (0, 0, 1));
    }

    #[test]
    fn some_numbers_give_an_at_least_total() {
        let a = attendance_of("attendees:\n  - role: ผู้นำชุมชน\n  - role: ประชาชน\n    count: 58 คน\n");
        assert_eq!(
            a,
            Attendance::Listed {
                rows: vec![row("ผู้นำชุมชน", None), row("ประชาชน", Some(58))],
                total: 58,
                total_at_least: true,
                unassigned: 0
            }
        );
        let s = year_stats([&a, &Attendance::TotalOnly { total: 10 }], &[]);
        assert_eq!((s.total, s.total_at_least, s.meetings_counted), (68, true, 2));
        // a repeated role with and without a number is the number known
        let b = attendance_of("attendees:\n  - role: ประชาชน\n  - role: ประชา ชน\n    count: ๕\n");
        assert_eq!(b.rows(), [row("ประชาชน", Some(5))]);
        assert!(b.total_at_least());
    }

    #[test]
    fn a_declared_total_covers_roles_without_numbers() {
        let a = attendance_of(
            "attendees:\n  - role: ผู้นำชุมชน\n  - role: ประชาชน\n    count: 58\nattendees_total: 70 คน\n",
        );
        assert_eq!(a.total(), Some(70));
        assert!(!a.total_at_least());
        let s = year_stats([&a], &[]);
        assert_eq!((s.total, s.unspecified, s.unspecified_meetings), (70, 12, 1));
        assert_eq!(s.roles.iter().map(|r| r.total).sum::<u64>() + s.unspecified, s.total);
        // roles only, with the head count: the head count, people without a role
        let b = attendance_of("attendees:\n  - role: ผู้นำชุมชน\nattendees_total: 222 คน\n");
        assert_eq!(b.total(), Some(222));
        assert_eq!(year_stats([&b], &[]).unspecified, 222);
    }

    #[test]
    fn unknown_attendance_is_not_zero() {
        let s = year_stats([&Attendance::Unknown], &[]);
        assert_eq!((s.total, s.meetings_counted, s.meetings_unknown), (0, 0, 1));
        assert!(s.groups.is_empty());
    }
}
