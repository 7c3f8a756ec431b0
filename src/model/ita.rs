//! ITA readiness: does a meeting page show the four things the participation item
//! scores (topics, who took part, results, how the results were used)?

use crate::diagnostics::Code;
use crate::load::{Config, Meeting};
use serde::Serialize;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Readiness {
    pub topics: bool,
    pub attendees: bool,
    pub results: bool,
    pub usage: bool,
}

impl Readiness {
    pub fn complete(&self) -> bool {
        self.topics && self.attendees && self.results && self.usage
    }

    /// One Thai line per missing element, with its code, for `check`.
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

fn quoted(list: &[String]) -> String {
    list.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(" หรือ ")
}

pub fn readiness(m: &Meeting, c: &Config) -> Readiness {
    let mut r = Readiness {
        topics: !m.topics.is_empty(),
        attendees: !m.attendees.is_empty() || m.attendees_total.is_some(),
        ..Default::default()
    };
    for heading in m.body.headings() {
        let h = heading.trim();
        // The usage prefix is checked first: "การนำผล..." must not also count as results.
        if c.usage_headings.iter().any(|p| h.starts_with(p.as_str())) {
            r.usage = true;
        } else if c.results_headings.iter().any(|p| h.starts_with(p.as_str())) {
            r.results = true;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_sections_by_heading_prefix() {
        let h = crate::load::Body::Text("# ก\n\n## ผลจากการมีส่วนร่วม\n\ntext\n\n### การนำผล *ไป* ใช้\n".into())
            .headings();
        assert_eq!(h, vec!["ก", "ผลจากการมีส่วนร่วม", "การนำผล ไป ใช้"]);
    }
}
