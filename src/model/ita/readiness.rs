//! ITA readiness: does a meeting page show the four things the participation item
//! scores (topics, who took part, results, how the results were used)? Read as an
//! evaluator reads: a section heading after its numbering and the words สรุป/รายงาน
//! ([`crate::text::heading_words`]); a section with no text under it, a list of blanks,
//! a total of 0 or a value left as `prongsai new` wrote it is missing, not present.

use crate::diagnostics::Code;
use crate::load::{Attendee, Config, Heading, Meeting};
use crate::text::{heading_starts_with, is_placeholder};
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Readiness {
    pub topics: bool,
    pub attendees: bool,
    pub results: bool,
    pub usage: bool,
}

/// One missing element: its code, the line of the file to look at, the Thai message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missing {
    pub code: Code,
    pub line: usize,
    pub message: String,
}

impl Readiness {
    pub fn complete(&self) -> bool {
        self.topics && self.attendees && self.results && self.usage
    }

    /// One Thai line per missing element, with its code: what the ITA page lists under
    /// an incomplete meeting (`check` says more, at the line to fix: [`check`]).
    pub fn missing(&self, c: &Config) -> Vec<(Code, String)> {
        let mut out = Vec::new();
        if !self.topics {
            out.push((Code::ItaNoTopics, "ITA: ไม่มีประเด็นการมีส่วนร่วม (topics)".to_string()));
        }
        if !self.attendees {
            out.push((
                Code::ItaNoAttendees,
                "ITA: ไม่มีสรุปผู้มีส่วนร่วม (attendees หรือ attendees_total)".to_string(),
            ));
        }
        if !self.results {
            out.push((
                Code::ItaNoResults,
                format!("ITA: ไม่มีหัวข้อผลของการมีส่วนร่วมในเนื้อหา (หัวข้อที่ขึ้นต้นด้วย {})", quoted(&c.results_headings)),
            ));
        }
        if !self.usage {
            out.push((
                Code::ItaNoUsage,
                format!(
                    "ITA: ไม่มีหัวข้อการนำผลไปปรับปรุงการดำเนินงานในเนื้อหา (หัวข้อที่ขึ้นต้นด้วย {})",
                    quoted(&c.usage_headings)
                ),
            ));
        }
        out
    }
}

/// Which ITA section a heading names, if any. The usage prefix is checked first:
/// "การนำผล..." must not also count as results.
fn section(h: &Heading, c: &Config) -> Option<Section> {
    if c.usage_headings.iter().any(|p| heading_starts_with(&h.text, p)) {
        Some(Section::Usage)
    } else if c.results_headings.iter().any(|p| heading_starts_with(&h.text, p)) {
        Some(Section::Results)
    } else {
        None
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Results,
    Usage,
}

/// A role that says who came: a real role (not a blank left by a template), with people or
/// without a number (reports often name the groups who came and no count). A count of 0
/// is what a template leaves, not a summary of who took part.
fn gives_attendance(a: &Attendee) -> bool {
    !is_placeholder(&a.role) && a.count != Some(0)
}

pub fn readiness(m: &Meeting, c: &Config) -> Readiness {
    check(m, c).0
}

/// The meeting's readiness and, for `check`, one message per missing element, at the
/// line to fix: the key in the front matter, the empty section's heading, or the start
/// of the body where a section is to be written.
pub fn check(m: &Meeting, c: &Config) -> (Readiness, Vec<Missing>) {
    let topics_given = m.topics.iter().any(|t| !is_placeholder(t));
    let attendees_given =
        m.attendees.iter().any(gives_attendance) || m.attendees_total.is_some_and(|t| t > 0);
    let mut r = Readiness { topics: topics_given, attendees: attendees_given, ..Default::default() };
    // The first empty heading of each section, for the message when none has text.
    let (mut empty_results, mut empty_usage) = (None, None);
    for h in m.body.headings() {
        let (found, empty) = match section(&h, c) {
            Some(Section::Usage) => (&mut r.usage, &mut empty_usage),
            Some(Section::Results) => (&mut r.results, &mut empty_results),
            None => continue,
        };
        if h.filled {
            *found = true;
        } else if empty.is_none() {
            *empty = Some(h);
        }
    }
    let line_of = |key: &str| m.key_line(key).unwrap_or(1);
    let body_line = |h: &Heading| m.body_line + h.line - 1;
    let mut out = Vec::new();
    if !r.topics {
        let message = if m.topics.is_empty() {
            "ITA: ไม่มีประเด็นการมีส่วนร่วม ให้เขียนใต้ topics: เช่น - การจัดลำดับโครงการเข้าแผนพัฒนา".to_string()
        } else {
            "ITA: ประเด็นการมีส่วนร่วม (topics) ยังเว้นว่างหรือเป็นข้อความแทนที่ (เช่น ...) ให้เขียนประเด็นจริง".to_string()
        };
        out.push(Missing { code: Code::ItaNoTopics, line: line_of("topics"), message });
    }
    if !r.attendees {
        let line = m.key_line("attendees").or(m.key_line("attendees_total")).unwrap_or(1);
        let message = if m.attendees.is_empty() && m.attendees_total.is_none() {
            "ITA: ไม่มีสรุปผู้มีส่วนร่วม ให้ใส่ attendees: (ตำแหน่งและจำนวนคน) หรือ attendees_total: (จำนวนรวม)"
        } else {
            "ITA: สรุปผู้มีส่วนร่วมยังเว้นว่าง จำนวนเป็น 0 หรือตำแหน่งเป็นข้อความแทนที่ ให้ใส่ตำแหน่งและจำนวนคนจริง"
        };
        out.push(Missing { code: Code::ItaNoAttendees, line, message: message.to_string() });
    }
    let sections = [
        (r.results, empty_results, Code::ItaNoResults, "ผลของการมีส่วนร่วม", &c.results_headings),
        (
            r.usage,
            empty_usage,
            Code::ItaNoUsage,
            "การนำผลของการมีส่วนร่วมไปปรับปรุงการดำเนินงาน",
            &c.usage_headings,
        ),
    ];
    for (found, empty, code, what, prefixes) in sections {
        if found {
            continue;
        }
        out.push(match empty {
            Some(h) => Missing {
                code,
                line: body_line(&h),
                message: format!("ITA: หัวข้อ \"{}\" ยังไม่มีเนื้อหา ให้เขียน{what}ใต้หัวข้อนี้", h.text.trim()),
            },
            None => Missing {
                code,
                line: m.body_line,
                message: format!(
                    "ITA: ไม่มีหัวข้อ{what}ในเนื้อหา (หัวข้อที่ขึ้นต้นด้วย {} มีเลขข้อนำหน้าได้ เช่น ## 3. {})",
                    quoted(prefixes),
                    prefixes.first().map(String::as_str).unwrap_or("")
                ),
            },
        });
    }
    (r, out)
}

fn quoted(list: &[String]) -> String {
    list.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(" หรือ ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Diagnostics;

    fn meeting(front: &str, body: &str) -> Meeting {
        let text = format!("---\ntitle: t\ndate: 2567-01-15\nvenue: v\n{front}---\n{body}");
        let mut d = Diagnostics::new();
        crate::load::parse_meeting_text("content/a.md", "a.md", &text, &mut d).expect("parses")
    }

    fn codes(m: &Meeting) -> Vec<(&'static str, usize)> {
        check(m, &Config::fallback()).1.iter().map(|x| (x.code.id(), x.line)).collect()
    }

    const FULL: &str = "topics: [ก]\nattendees_total: 5\n";

    #[test]
    fn finds_sections_by_heading_prefix() {
        let h = crate::load::Body::Text("# ก\n\n## ผลจากการมีส่วนร่วม\n\ntext\n\n### การนำผล *ไป* ใช้\n".into())
            .headings();
        let got: Vec<_> = h.iter().map(|h| (h.text.as_str(), h.line, h.filled)).collect();
        assert_eq!(got, vec![("ก", 1, true), ("ผลจากการมีส่วนร่วม", 3, true), ("การนำผล ไป ใช้", 7, false)]);
    }

    #[test]
    fn numbered_headings_and_summary_words_count() {
        let m = meeting(FULL, "## 3. สรุปผลการประชุม\n\nก\n\n## ๔) การนำผลไปใช้\n\nข\n");
        assert!(readiness(&m, &Config::fallback()).complete(), "{:?}", codes(&m));
    }

    #[test]
    fn an_empty_section_is_missing_at_its_heading() {
        // lines: 1 ---, 2-4 title/date/venue, 5-6 FULL, 7 ---, body from line 8
        let m = meeting(FULL, "## ผลการประชุม\n\n1. \n\n## การนำผลไปใช้\n\n...\n");
        assert_eq!(codes(&m), vec![("PS0503", 8), ("PS0504", 12)]);
        // a sub-heading's text is the section's
        let m = meeting(FULL, "## ผลการประชุม\n\n### เรื่องที่ 1\n\nก\n\n## การนำผลไปใช้\nข\n");
        assert_eq!(codes(&m), vec![]);
        // one of two results sections with text is enough
        let m = meeting(FULL, "## ผลการประชุม\n## ผลการสำรวจ\nก\n## การนำผลไปใช้\nข\n");
        assert_eq!(codes(&m), vec![]);
    }

    #[test]
    fn blanks_zeros_and_placeholders_are_missing() {
        let body = "## ผล\nก\n## การนำผล\nข\n";
        let m = meeting("topics:\n  - ...\n  - \nattendees:\n  - role: ประชาชน\n    count: 0\n", body);
        assert_eq!(codes(&m), vec![("PS0501", 5), ("PS0502", 8)]);
        let m = meeting("topics: [ก]\nattendees_total: 0\n", body);
        assert_eq!(codes(&m), vec![("PS0502", 6)]);
        let m = meeting("", "");
        assert_eq!(codes(&m), vec![("PS0501", 1), ("PS0502", 1), ("PS0503", 6), ("PS0504", 6)]);
    }
}
