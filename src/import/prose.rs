//! Fields in the prose of a report as office websites print it: "เมื่อวันที่ … เวลา …
//! ณ ห้องประชุม… นายสมศักดิ์ … นายก… เป็นประธานในการประชุมประชาคม… ผู้เข้าร่วมประกอบด้วย …
//! ที่ประชุมมีมติ…". Thai runs words together and separates clauses with blanks, so each
//! finder reads the blank-separated chunks of a line and stops where a new clause starts
//! (a person's name, a time, โดย, เพื่อ, …). Every function takes one tidied line and
//! gives what it found in it, or nothing.

use crate::text;

/// Words that start a person's name: a title or a rank.
const PERSON: &[&str] = &[
    "นางสาว",
    "นาง",
    "นาย",
    "ดร.",
    "ว่าที่",
    "พล.",
    "พ.ต.",
    "พ.ท.",
    "พ.อ.",
    "ร.ต.",
    "ร.ท.",
    "ร.อ.",
    "จ.ส.",
    "ด.ต.",
    "ส.ต.",
];

/// Chunks that start a clause after a place ("… ณ ศาลา โดยมี …").
const VENUE_STOPS: &[&str] = &[
    "โดย",
    "เวลา",
    "เพื่อ",
    "มีผู้",
    "ได้",
    "ตั้งแต่",
    "ซึ่ง",
    "เมื่อ",
    "วันที่",
    "ในวันที่",
    "เป็นประธาน",
    "ทำหน้าที่",
    "จำนวน",
    "ร่วม",
    "เข้าร่วม",
    "พร้อม",
    "นำโดย",
    "ระหว่าง",
    "ทั้งนี้",
    "ในการ",
    "ถ่ายทอด",
    "ผ่าน",
];

/// What a place's name starts with, so that "… หมู่ที่ 1 และหมู่ที่ 5" is two places and
/// "… และผู้เข้าร่วม…" the end of one.
const PLACE_WORDS: &[&str] = &[
    "หมู่",
    "ม.",
    "ศาลา",
    "ห้อง",
    "อาคาร",
    "วัด",
    "โรงเรียน",
    "บ้าน",
    "หอ",
    "ศูนย์",
    "สนาม",
    "ลาน",
    "สวน",
    "ที่ทำการ",
    "สำนักงาน",
    "ชุมชน",
    "โรงพยาบาล",
    "องค์การ",
    "เทศบาล",
];

/// Whether `s` starts with a person's title or rank ("นายก…", the office, is not one).
fn is_person(s: &str) -> bool {
    const OFFICES: &[&str] = &["นายก", "นายอำเภอ", "นายทะเบียน", "นายช่าง", "นายตรวจ", "นางรอง"];
    PERSON.iter().any(|p| s.starts_with(p)) && !OFFICES.iter().any(|o| s.starts_with(o))
}

/// The blank-separated chunks of `s`, each with its byte offset.
fn chunks(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (text::is_space(c), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

/// "09.30", "9.00 น.", "13:00": a clock time starting a chunk.
fn is_time(chunk: &str, next: Option<&str>) -> bool {
    let digits = |s: &str| {
        !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || text::thai_digit_value(c).is_some())
    };
    let Some((h, m)) = chunk.trim_end_matches("น.").split_once(['.', ':']) else { return false };
    digits(h) && digits(m) && (chunk.ends_with("น.") || next.is_some_and(|n| n.starts_with("น.")))
}

/// The places after "ณ" in `s`: "ห้องประชุม…", "ศาลาประชาคมหมู่ที่ 1 และหมู่ที่ 5" (two),
/// up to the next clause. `Some(empty)` when the line ends with "ณ": the place is on the
/// next line.
pub fn venues(s: &str) -> Option<Vec<String>> {
    // "ณห้องประชุม…", typed without the blank: ณ, then the place.
    let cs: Vec<(usize, &str)> = chunks(s)
        .into_iter()
        .flat_map(|(at, c)| match c.strip_prefix("ณ") {
            Some(place) if PLACE_WORDS.iter().any(|w| place.starts_with(w)) => {
                vec![(at, &c[..c.len() - place.len()]), (at + c.len() - place.len(), place)]
            }
            _ => vec![(at, c)],
        })
        .collect();
    // "ประกาศ ณ วันที่ 3 ตุลาคม 2567" says when, not where.
    let at = (0..cs.len()).find(|&i| {
        cs[i].1 == "ณ" && !cs.get(i + 1).is_some_and(|n| n.1.starts_with("วันที่") || n.1.starts_with("เวลา"))
    })?;
    let rest = &cs[at + 1..];
    let mut places: Vec<Vec<&str>> = vec![Vec::new()];
    let mut i = 0;
    while i < rest.len() {
        let c = rest[i].1;
        let next = rest.get(i + 1).map(|n| n.1);
        let first = places.last().is_some_and(|p| p.is_empty());
        if !first
            && (VENUE_STOPS.iter().any(|w| c.starts_with(w)) || is_person(c) || is_time(c, next) || c == "ณ")
        {
            break;
        }
        if let Some(after) = c.strip_prefix("และ")
            && !first
        {
            let (place, skip) = if after.is_empty() { (next.unwrap_or(""), 2) } else { (after, 1) };
            if PLACE_WORDS.iter().any(|w| place.starts_with(w)) {
                places.push(vec![place]);
                i += skip;
                continue;
            }
            break;
        }
        // "ศาลาประชาคมหมู่ที่ 3 หมู่ที่ 5": a second village starts the next place.
        // "หมู่ที่ 1 – หมู่ที่ 10" is one range of them.
        let ranged = places.last().and_then(|p| p.last()).is_some_and(|w| ["-", "–", "—", "ถึง"].contains(w));
        if !first
            && !ranged
            && c.starts_with("หมู่")
            && places.last().is_some_and(|p| p.iter().any(|w| w.contains("หมู่")))
        {
            places.push(Vec::new());
        }
        places.last_mut().expect("one place").push(c);
        i += 1;
        // "ศาลากลางบ้านหมู่ที่ 2, หมู่ที่ 4 และหมู่ที่ 9": a comma before a place starts the next.
        if c.ends_with(',') && next.is_some_and(|n| PLACE_WORDS.iter().any(|w| n.starts_with(w))) {
            places.push(Vec::new());
            continue;
        }
        // A province ends an address: "… อำเภอเมือง จังหวัดมหาสารคาม เทศบาลเมือง…ได้จัด…".
        if c.starts_with("จังหวัด") || c.starts_with("จ.") {
            break;
        }
    }
    let out: Vec<String> = places
        .iter()
        .map(|p| p.join(" ").trim_end_matches([',', '.', ';']).to_string())
        .filter(|p| !p.is_empty())
        .collect();
    // A place "หมู่ที่ 5" after "ศาลาประชาคมหมู่ที่ 1 และ" is the same kind of place.
    let out = match out.first().and_then(|f| f.find("หมู่ที่").map(|i| f[..i].to_string())) {
        Some(kind) if !kind.is_empty() => out
            .into_iter()
            .enumerate()
            .map(|(i, p)| if i > 0 && p.starts_with("หมู่") { format!("{kind}{p}") } else { p })
            .collect(),
        _ => out,
    };
    Some(out)
}

/// Words that end the name of an activity in its sentence.
const ACTIVITY_STOPS: &[&str] = &[
    "ณ",
    "เมื่อ",
    "ในวันที่",
    "วันที่",
    "เวลา",
    "โดย",
    "เพื่อรับ",
    "เพื่อให้",
    "เพื่อเป็น",
    "เพื่อนำ",
    "เพื่อประชาสัมพันธ์",
    "ซึ่ง",
    "จำนวน",
    "นำโดย",
    "ระหว่าง",
    "ทั้งนี้",
    "ที่ผ่านมา",
    "ประจำวัน",
];

/// The activity a report's sentence is about: "… เป็นประธานในการประชุมประชาคมท้องถิ่น
/// ระดับตำบลตามแผน… เพื่อรับฟัง…" → "การประชุมประชาคมท้องถิ่นระดับตำบลตามแผน…".
pub fn activity(s: &str) -> Option<String> {
    // "ห้องประชุม", "ผู้เข้าร่วมประชุม", "ที่ประชุม" name a place or people, not the activity.
    const NOT_BEFORE: &[&str] = &["ห้อง", "หอ", "ศูนย์", "ที่", "ผู้เข้าร่วม", "ผู้ร่วม", "ศาลา", "สภา"];
    let start = ["การประชุม", "ประชุม", "เวทีประชาคม", "การอบรม", "อบรม"]
        .iter()
        .flat_map(|k| s.match_indices(k).map(|(i, _)| i))
        .filter(|&i| !NOT_BEFORE.iter().any(|w| s[..i].ends_with(w)))
        .min()?;
    let rest = &s[start..];
    let mut taken = Vec::new();
    for (_, c) in chunks(rest) {
        if !taken.is_empty() && ACTIVITY_STOPS.iter().any(|w| c.starts_with(w)) || is_person(c) {
            break;
        }
        taken.push(c);
        if taken.iter().map(|t| t.chars().count() + 1).sum::<usize>() > 150 {
            break;
        }
    }
    let mut t = taken.join(" ");
    // "…หมู่บ้านขึ้นในวันที่ 17…" written as one chunk.
    for w in ["ขึ้นในวันที่", "ในวันที่", "เมื่อวันที่", "ขึ้นใน"]
    {
        if let Some(i) = t.find(w) {
            t.truncate(i);
        }
    }
    let t = t.trim_end_matches([',', ' ']).to_string();
    (t.chars().count() >= 4).then_some(t)
}

/// "ได้จัดโครงการ…" keeps "โครงการ…"; "ได้ดำเนินการจัด…" keeps what was held.
const HEADLINE_VERBS: &[&str] = &["ได้ดำเนินการจัด", "ดำเนินการจัด", "ได้จัดให้มี", "จัดให้มี", "ได้จัด", "จัด"];

/// A news headline's subject, when it opens with the office that held the activity:
/// "องค์การบริหารส่วนตำบลหนองบัว จัดประชุมประชาคมหมู่บ้าน…" → "ประชุมประชาคมหมู่บ้าน…".
/// The office is the site's own name, not the meeting's (and would make every slug the
/// same); `None` when `s` does not open that way.
pub fn without_office(s: &str) -> Option<&str> {
    // "จัดประชุมประชาคม…" under a line with the office's name: what was held (not
    // "จัดซื้อ…", a word of its own).
    const HELD: &[&str] = &["การประชุม", "ประชุม", "โครงการ", "เวที", "กิจกรรม", "การอบรม", "อบรม", "ประชาคม"];
    if let Some(verb) = HEADLINE_VERBS.iter().find(|v| s.starts_with(**v)) {
        let rest = s[verb.len()..].trim_start();
        return (HELD.iter().any(|h| rest.starts_with(h)) && rest.chars().count() >= 4).then_some(rest);
    }
    const OFFICES: &[&str] = &["องค์การบริหารส่วนตำบล", "อบต.", "เทศบาล", "องค์การบริหารส่วนจังหวัด", "อบจ."];
    if !OFFICES.iter().any(|o| s.starts_with(o)) {
        return None;
    }
    // The office's name may run over a few chunks ("… อำเภอเมือง จังหวัดขอนแก่น").
    chunks(s).into_iter().skip(1).take(6).find_map(|(at, c)| {
        let verb = HEADLINE_VERBS.iter().find(|v| c.starts_with(**v))?;
        let rest = s[at + verb.len()..].trim_start();
        (rest.chars().count() >= 4).then_some(rest)
    })
}

/// Whether a short line only labels the news or names the office ("องค์การบริหารส่วนตำบล
/// ดอนแดง", "ข่าวประชาสัมพันธ์ เทศบาลตำบลนาคู"): no meeting's title, and a slug made of
/// it would be every meeting's.
pub fn names_no_activity(s: &str) -> bool {
    const LABELS: &[&str] = &["ข่าวประชาสัมพันธ์", "ข่าวกิจกรรม", "ภาพกิจกรรม", "ประชาสัมพันธ์", "ข่าว", "กิจกรรม"];
    const OFFICES: &[&str] = &["องค์การบริหารส่วนตำบล", "อบต.", "เทศบาล", "องค์การบริหารส่วนจังหวัด", "อบจ."];
    let mut cs: Vec<&str> = chunks(s).into_iter().map(|(_, c)| c.trim_end_matches([':', '-', '|'])).collect();
    cs.retain(|c| !c.is_empty() && !matches!(*c, "-" | "|" | ":"));
    let mut rest: Vec<&str> = cs.iter().copied().skip_while(|c| LABELS.contains(c)).collect();
    // "อบต. หนองบัว", "เทศบาลตำบล นาคู": the office's word, then its name.
    if rest.len() >= 2
        && ["อบต.", "อบจ.", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร", "องค์การบริหารส่วนตำบล"].contains(&rest[0])
    {
        rest.remove(1);
    }
    if rest.is_empty() {
        return !cs.is_empty();
    }
    // The office, then at most its district and province.
    let place = |c: &str| ["อำเภอ", "อ.", "จังหวัด", "จ.", "ตำบล", "ต."].iter().any(|w| c.starts_with(w));
    OFFICES.iter().any(|o| rest[0].starts_with(o)) && rest.len() <= 4 && rest[1..].iter().all(|c| place(c))
}

/// Whether a line dates the notice rather than the meeting: "ประกาศ ณ วันที่ 3 ตุลาคม
/// 2567", "ลงวันที่ …", "เผยแพร่เมื่อ …".
pub fn dates_the_notice(s: &str) -> bool {
    ["ประกาศ ณ", "ณ วันที่", "ลงวันที่", "เผยแพร่เมื่อ", "โพสต์เมื่อ", "ประกาศเมื่อ", "วันที่ประกาศ", "วันที่เผยแพร่"]
        .iter()
        .any(|w| s.contains(w))
}

/// The chair: "นายสมศักดิ์ สายมณี นายก… เป็นประธาน…", "… ทำหน้าที่ประธาน…".
pub fn chair(s: &str) -> Option<String> {
    let at = ["เป็นประธาน", "ทำหน้าที่ประธาน"].iter().filter_map(|m| s.find(m)).min()?;
    let before = &s[..at];
    let who = last_person(before)?;
    let c = text::collapse_whitespace(&before[who..].replace("ตำแหน่ง", " "));
    let c = c.trim_end_matches(['-', ',', ' ']).to_string();
    (!c.is_empty() && c.chars().count() <= 150).then_some(c)
}

/// Where the last person's name in `s` starts.
fn last_person(s: &str) -> Option<usize> {
    PERSON.iter().flat_map(|p| s.match_indices(p).map(|(i, _)| i)).filter(|&i| is_person(&s[i..])).max()
}

/// Chunks that end a list of roles.
const ROLE_STOPS: &[&str] = &[
    "เข้าร่วม",
    "ร่วม",
    "เพื่อ",
    "จำนวน",
    "ในการ",
    "เป็น",
    "ได้",
    "ซึ่ง",
    "โดย",
    "จัด",
    "ณ",
    "รวม",
    "ทั้งสิ้น",
    "ทั้งหมด",
    "ที่ประชุม",
    "เมื่อ",
    "วันที่",
    "เวลา",
];

/// The roles listed in `s` after ประกอบด้วย / ได้แก่, or between โดยมี / พร้อมด้วย and
/// เข้าร่วม: "ผู้เข้าร่วมประกอบด้วย คณะผู้บริหาร สมาชิกสภา อบต. และพนักงานส่วนตำบล" → three.
pub fn roles(s: &str) -> Vec<String> {
    counted_roles(s).into_iter().map(|(r, _)| r).collect()
}

/// A head count standing after a role in a list: "12 คน", "๑๒ คน", "12คน". Gives the number
/// and how many chunks it took.
fn head_count(c: &str, next: Option<&str>) -> Option<(u64, usize)> {
    const UNITS: &[&str] = &["คน", "ราย", "ท่าน"];
    let digits =
        c.trim_end_matches(|ch: char| !(ch.is_ascii_digit() || text::thai_digit_value(ch).is_some()));
    let unit = &c[digits.len()..];
    if digits.is_empty()
        || !digits.chars().all(|ch| ch.is_ascii_digit() || text::thai_digit_value(ch).is_some())
    {
        return None;
    }
    let n = text::arabic_digits(digits).parse().ok()?;
    let is_unit = |u: &str| UNITS.iter().any(|w| u.trim_end_matches([',', '.', ';']) == *w);
    if is_unit(unit) {
        Some((n, 1))
    } else if unit.is_empty() && next.is_some_and(is_unit) {
        Some((n, 2))
    } else {
        None
    }
}

/// The roles listed in `s`, each with the head count written after it, if any:
/// "ประกอบด้วย ผู้ใหญ่บ้าน 12 คน สมาชิกสภาเทศบาล 11 คน" → two roles with their counts.
pub fn counted_roles(s: &str) -> Vec<(String, Option<u64>)> {
    let mut out: Vec<(String, Option<u64>)> = Vec::new();
    let mut marks: Vec<(usize, &str)> = ["ประกอบด้วย", "ได้แก่", "โดยมี", "พร้อมด้วย"]
        .iter()
        .flat_map(|m| s.match_indices(m).collect::<Vec<_>>())
        .collect();
    marks.sort();
    // A list is a few hundred characters: each is read that far, and a line has a few.
    for (at, mark) in marks.into_iter().take(MAX_LISTS) {
        let rest = &s[at + mark.len()..];
        let rest = &rest[..floor_char_boundary(rest, LIST_BYTES)];
        let cs = chunks(rest);
        let Some(&(_, first)) = cs.first() else { continue };
        // "โดยมีนายภาคิน…" names a person; "โดยมีผู้เข้าร่วม… 120 คน" gives a count.
        if is_person(first) || first.starts_with("ผู้เข้าร่วม") {
            continue;
        }
        // The list's chunks in runs, each run closed by the head count after it, if any.
        let mut runs: Vec<(Vec<&str>, Option<u64>)> = vec![(Vec::new(), None)];
        let mut closed_by_joining = false;
        let mut k = 0;
        while k < cs.len() {
            let c = cs[k].1;
            let open_run = runs.last().is_some_and(|r| !r.0.is_empty());
            // "ผู้ใหญ่บ้าน จำนวน 12 คน": the word before the count is part of it, when one
            // role stands before it ("ก, ข และค จำนวน 80 คน" counts them all: the total).
            let one_role = runs.last().is_some_and(|r| split_roles(&r.0).len() == 1);
            let (c_count, skip) = match c {
                "จำนวน" if k + 1 < cs.len() && one_role => (cs[k + 1].1, 1),
                _ => (c, 0),
            };
            if open_run && let Some((n, took)) = head_count(c_count, cs.get(k + skip + 1).map(|n| n.1)) {
                runs.last_mut().expect("one run").1 = Some(n);
                runs.push((Vec::new(), None));
                k += skip + took;
                continue;
            }
            k += 1;
            let items = &mut runs.last_mut().expect("one run").0;
            if ROLE_STOPS.iter().any(|w| c.starts_with(w))
                || ["ประกอบด้วย", "ได้แก่", "โดยมี", "พร้อมด้วย"].iter().any(|m| c.contains(m))
                || is_person(c)
                || c.chars()
                    .next()
                    .is_some_and(|ch| ch.is_ascii_digit() || text::thai_digit_value(ch).is_some())
                    && !items.last().is_some_and(|l| l.ends_with("ที่"))
            {
                closed_by_joining = c.starts_with("เข้าร่วม") || c.starts_with("ร่วม") || c.starts_with("ได้ร่วม");
                // "… และมีบุคคลภายนอก ได้แก่ …": the last words name the group the next
                // list gives, not a role.
                if ["ได้แก่", "ประกอบด้วย"].iter().any(|m| c.starts_with(m)) {
                    items.pop();
                }
                break;
            }
            items.push(c);
        }
        // โดยมี … is a list only when the people in it took part ("… เข้าร่วมประชุม").
        if mark == "โดยมี" && !closed_by_joining {
            continue;
        }
        let mut found = Vec::new();
        if mark == "พร้อมด้วย"
            && let Some(p) = last_person(&s[..at])
            && at - p < 300
        {
            // "นายบัญชา ศรีชาหลวง นายกองค์การ… พร้อมด้วย …": the office beside the name.
            let person = chunks(&s[p..at]);
            let office: Vec<&str> = person.iter().skip(2).map(|c| c.1).collect();
            if !office.is_empty() && !office.iter().any(|o| o.contains("ประธาน") || o.starts_with("เป็น"))
            {
                found.push(office.join(" "));
            }
        }
        let mut found: Vec<(String, Option<u64>)> = found.into_iter().map(|r| (r, None)).collect();
        for (items, count) in &runs {
            let mut split: Vec<(String, Option<u64>)> =
                split_roles(items).into_iter().map(|r| (r, None)).collect();
            // "กำนัน ผู้ใหญ่บ้าน 9 คน": the count is the last role's.
            if let Some(last) = split.last_mut() {
                last.1 = *count;
            }
            found.extend(split);
        }
        for (r, n) in found {
            if !out.iter().any(|(o, _)| *o == r) {
                out.push((r, n));
            }
        }
    }
    out
}

/// Most lists read in one line, and most bytes of each.
const MAX_LISTS: usize = 16;
const LIST_BYTES: usize = 2000;

/// `at` or the nearest character boundary before it.
fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Chunks of a list → roles: split at commas, slashes and และ; "สมาชิกสภา อบต.",
/// "ผู้แทนภาคประชาชน (กำนัน ผู้ใหญ่บ้าน)" and "ประชาชนตำบลก ตำบลข" stay whole.
fn split_roles(items: &[&str]) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    let mut open = false;
    for &c in items {
        let mut parts: Vec<&str> =
            // "ผู้ใหญ่บ้าน / ผู้ช่วยผู้ใหญ่บ้าน": a slash standing alone separates, it is no role.
            c.split(',').flat_map(split_slash).flat_map(|p| p.split("และ")).map(|p| p.trim().trim_matches('/').trim()).collect();
        let head = parts.first().copied().unwrap_or("");
        let joins = open
            || head.starts_with('(')
            || ["อบต.", "อบจ.", "ทต.", "ทม.", "ทน."].contains(&head)
            || ["ตำบล", "อำเภอ", "จังหวัด", "หมู่ที่", "อ.", "จ."].iter().any(|w| head.starts_with(w))
            || !head.is_empty()
                && head
                    .chars()
                    .all(|ch| ch.is_ascii_digit() || ch == '-' || text::thai_digit_value(ch).is_some());
        open = (open || c.contains('(')) && !c.contains(')');
        if parts.is_empty() {
            continue;
        }
        if joins && let Some(last) = roles.last_mut() {
            let first = parts.remove(0);
            if !first.is_empty() {
                last.push(' ');
                last.push_str(first);
            }
        }
        roles.extend(parts.into_iter().filter(|p| !p.is_empty()).map(str::to_string));
    }
    roles.retain(|r| r.chars().count() <= 80 && !["ๆ", "ฯลฯ", "ฯ", "เป็นต้น"].contains(&r.as_str()));
    roles
}

/// "ผู้บริหาร/สมาชิกสภา" is two roles; "ตัวแทนภาคราชการ/รัฐวิสาหกิจ" one (what follows
/// the slash is not a role by itself).
fn split_slash(s: &str) -> Vec<&str> {
    const ROLE_STARTS: &[&str] = &[
        "ผู้",
        "คณะ",
        "สมาชิก",
        "ตัวแทน",
        "ประชาชน",
        "พนักงาน",
        "หัวหน้า",
        "เจ้าหน้าที่",
        "กำนัน",
        "นายก",
        "ปลัด",
        "รองนายก",
        "อสม",
        "ครู",
        "นักเรียน",
        "ประธาน",
        "กรรมการ",
        "ข้าราชการ",
        "ลูกจ้าง",
        "เยาวชน",
        "กลุ่ม",
    ];
    let parts: Vec<&str> = s.split('/').collect();
    if parts.iter().skip(1).all(|p| ROLE_STARTS.iter().any(|r| p.trim().starts_with(r))) {
        parts
    } else {
        vec![s]
    }
}

/// A resolution in prose: "… โดยที่ประชุมมีมติกำหนด…" → "ที่ประชุมมีมติกำหนด…" (to the end
/// of the paragraph); "ที่มีมติ…" (which was resolved) is not one.
pub fn resolution(s: &str) -> Option<String> {
    let at = s.match_indices("มีมติ").map(|(i, _)| i).find(|&i| !s[..i].ends_with("ที่"))?;
    let before = &s[..at];
    let start = [" และ", " โดย", " ทั้งนี้", "  "]
        .iter()
        .filter_map(|w| before.rfind(w).map(|i| i + w.len()))
        .max()
        .unwrap_or(0);
    // Its subject, when the clause names it: "… 2567 ที่ประชุมมีมติ…".
    let start = before[start..].rfind("ที่ประชุม").map_or(start, |i| start + i);
    let r = text::trim_space(&s[start..]);
    (!r.is_empty()).then(|| r.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn venue_up_to_the_next_clause() {
        let v = |s: &str| venues(s).unwrap_or_default();
        assert_eq!(
            v("เวลา 10.00 น. ณ ห้องประชุมองค์การบริหารส่วนตำบลหนองเหล่า นายสมศักดิ์ สายมณี นายก"),
            vec!["ห้องประชุมองค์การบริหารส่วนตำบลหนองเหล่า"]
        );
        assert_eq!(
            v("ณ ศาลาอเนกประสงค์องค์การบริหารส่วนตำบลพิมาน และผู้เข้าร่วมประชาคมทุกคนได้มีมติ"),
            vec!["ศาลาอเนกประสงค์องค์การบริหารส่วนตำบลพิมาน"]
        );
        assert_eq!(
            v("ณ ศาลาประชาคมหมู่ที่ 1 และหมู่ที่ 5 และถ่ายทอดสดผ่านเพจเฟซบุ๊ก"),
            vec!["ศาลาประชาคมหมู่ที่ 1", "ศาลาประชาคมหมู่ที่ 5"]
        );
        assert_eq!(v("ณ ห้องประชุมสภา เวลา 09.00 น."), vec!["ห้องประชุมสภา"]);
        assert_eq!(v("เวลา 09.00 น. ณห้องประชุมเทศบาล โดยมีนาย"), vec!["ห้องประชุมเทศบาล"]);
        assert_eq!(venues("ณรงค์ชัย"), None);
        assert_eq!(
            v("ณ ศูนย์ประชุม ตำบลตลาด จังหวัดมหาสารคาม เทศบาลเมืองได้จัด"),
            vec!["ศูนย์ประชุม ตำบลตลาด จังหวัดมหาสารคาม"]
        );
        assert_eq!(
            v("ณ ศาลากลางบ้านหมู่ที่ 2, หมู่ที่ 4 และหมู่ที่ 9 โดยมี"),
            vec!["ศาลากลางบ้านหมู่ที่ 2", "ศาลากลางบ้านหมู่ที่ 4", "ศาลากลางบ้านหมู่ที่ 9"]
        );
        assert_eq!(
            v("ณ ศาลาประชาคมหมู่ที่ ๓ หมู่ที่ ๕ และหมู่ที่ ๘ ตำบลหนองแวง"),
            vec!["ศาลาประชาคมหมู่ที่ ๓", "ศาลาประชาคมหมู่ที่ ๕", "ศาลาประชาคมหมู่ที่ ๘ ตำบลหนองแวง"]
        );
        assert_eq!(v("ณ ศาลาอเนกประสงค์บ้านหนองบัว หมู่ที่ 1"), vec!["ศาลาอเนกประสงค์บ้านหนองบัว หมู่ที่ 1"]);
        assert_eq!(v("ณ ศาลาประชาคมหมู่ที่ 1 – หมู่ที่ 10 โดยมี"), vec!["ศาลาประชาคมหมู่ที่ 1 – หมู่ที่ 10"]);
        // "ณ วันที่" dates a notice; the place is at the next ณ, if any.
        assert_eq!(venues("ประกาศ ณ วันที่ 3 ตุลาคม 2567"), None);
        assert_eq!(v("ประกาศ ณ วันที่ 3 ตุลาคม 2567 ณ ห้องประชุมสภา"), vec!["ห้องประชุมสภา"]);
        assert_eq!(venues("เมื่อวันที่ 5 มีนาคม 2567 ณ"), Some(vec![]));
        assert_eq!(venues("ประมาณ 100 คน"), None);
    }

    #[test]
    fn odd_lines_give_nothing_and_never_panic() {
        for s in [
            "ณ",
            "ณ และ",
            "และ ณ",
            "เป็นประธาน",
            "ประกอบด้วย",
            "พร้อมด้วย",
            "มีมติ",
            "ที่มีมติ",
            "นาย",
            "ได้แก่ ได้แก่",
            "ก ณ นาย",
        ] {
            let _ = (venues(s), activity(s), chair(s), roles(s), resolution(s));
        }
        assert_eq!(roles("ประกอบด้วย"), Vec::<String>::new());
        assert_eq!(chair("เป็นประธาน"), None);
        // A hostile line of marks is read in bounded steps.
        let long = "ประกอบด้วย ก ".repeat(5000);
        assert!(roles(&long).len() <= 1);
    }

    #[test]
    fn a_headline_loses_the_office_that_held_it() {
        assert_eq!(
            without_office("องค์การบริหารส่วนตำบลหนองบัว จัดประชุมประชาคมหมู่บ้าน ครั้งที่ 1/2568"),
            Some("ประชุมประชาคมหมู่บ้าน ครั้งที่ 1/2568")
        );
        assert_eq!(
            without_office("เทศบาลตำบลท่าช้าง อำเภอเมือง จังหวัดจันทบุรี ได้จัดโครงการปลูกป่า"),
            Some("โครงการปลูกป่า")
        );
        assert_eq!(without_office("ประชุมประชาคมหมู่บ้าน"), None);
        assert_eq!(without_office("เทศบาลตำบลท่าช้าง"), None);
        assert_eq!(without_office("อบต. จัด"), None);
        assert_eq!(without_office("จัดประชุมประชาคมระดับตำบล"), Some("ประชุมประชาคมระดับตำบล"));
        assert_eq!(without_office("จัดซื้อ"), None);
        for office_only in [
            "องค์การบริหารส่วนตำบลดอนแดง",
            "ข่าวประชาสัมพันธ์ องค์การบริหารส่วนตำบลท่าช้าง",
            "เทศบาลตำบลนาคู อำเภอนาคู จังหวัดกาฬสินธุ์",
            "อบต. หนองบัว",
            "ข่าวกิจกรรม",
        ] {
            assert!(names_no_activity(office_only), "{office_only}");
        }
        for headline in [
            "เทศบาลตำบลนาคู ได้จัดเวทีประชาคมระดับหมู่บ้าน",
            "โครงการประชุมประชาคมเพื่อจัดทำแผนชุมชน ประจำปี 2568",
            "ประชุมประชาคมหมู่บ้าน",
            "",
        ] {
            assert!(!names_no_activity(headline), "{headline}");
        }
        assert!(dates_the_notice("ประกาศ ณ วันที่ 3 ตุลาคม 2567"));
        assert!(!dates_the_notice("เมื่อวันที่ 1 ตุลาคม 2567 เวลา 09.00 น. ณ ห้องประชุม"));
    }

    #[test]
    fn activity_chair_roles_resolution() {
        let s = "เมื่อวันที่ 29 เมษายน 2565 เวลา 10.00 น. ณ ห้องประชุมองค์การบริหารส่วนตำบลหนองเหล่า นายสมศักดิ์ สายมณี นายกองค์การบริหารส่วนตำบลหนองเหล่า เป็นประธานในการประชุมประชาคมท้องถิ่นระดับตำบล เพื่อรับฟังความคิดเห็น";
        assert_eq!(activity(s).as_deref(), Some("การประชุมประชาคมท้องถิ่นระดับตำบล"));
        assert_eq!(chair(s).as_deref(), Some("นายสมศักดิ์ สายมณี นายกองค์การบริหารส่วนตำบลหนองเหล่า"));
        assert_eq!(
            roles("ผู้เข้าร่วมประกอบด้วย คณะผู้บริหาร, สมาชิกสภา อบต./ผู้นำชุมชน และประชาชนตำบลก ตำบลข จำนวน 80 คน"),
            vec!["คณะผู้บริหาร", "สมาชิกสภา อบต.", "ผู้นำชุมชน", "ประชาชนตำบลก ตำบลข"]
        );
        assert_eq!(
            roles("ประกอบด้วย กำนัน ตัวแทนภาคราชการ/รัฐวิสาหกิจ และมีบุคคลภายนอก ได้แก่ ผู้ทรงคุณวุฒิ เข้าร่วม"),
            vec!["กำนัน", "ตัวแทนภาคราชการ/รัฐวิสาหกิจ", "ผู้ทรงคุณวุฒิ"]
        );
        assert_eq!(roles("โดยมีนายภาคิน ติระพงศ์ไพบูลย์ เป็นประธาน"), Vec::<String>::new());
        // Counts after the roles, in either digits, with or without a blank before คน;
        // a slash standing alone is no role.
        assert_eq!(
            counted_roles("ผู้เข้าร่วมประกอบด้วย กำนัน ผู้ใหญ่บ้าน 9 คน สมาชิกสภา อบต. 18คน อสม. ๔๒ คน รวมทั้งสิ้น ๖๙ คน"),
            vec![
                ("กำนัน".to_string(), None),
                ("ผู้ใหญ่บ้าน".to_string(), Some(9)),
                ("สมาชิกสภา อบต.".to_string(), Some(18)),
                ("อสม.".to_string(), Some(42)),
            ]
        );
        assert_eq!(
            roles("ได้แก่ ผู้ใหญ่บ้าน / ผู้ช่วยผู้ใหญ่บ้าน / ประชาชน จำนวน 156 คน"),
            vec!["ผู้ใหญ่บ้าน", "ผู้ช่วยผู้ใหญ่บ้าน", "ประชาชน"]
        );
        assert_eq!(
            counted_roles("ประกอบด้วย ผู้ใหญ่บ้าน จำนวน 12 คน สมาชิกสภา อบต. จำนวน ๑๑ คน และประชาชน"),
            vec![
                ("ผู้ใหญ่บ้าน".to_string(), Some(12)),
                ("สมาชิกสภา อบต.".to_string(), Some(11)),
                ("ประชาชน".to_string(), None),
            ]
        );
        // A count for the whole list still ends it.
        assert_eq!(
            counted_roles("ได้แก่ ผู้ใหญ่บ้าน, ประชาชน จำนวน 80 คน"),
            vec![("ผู้ใหญ่บ้าน".to_string(), None), ("ประชาชน".to_string(), None)]
        );
        // A number that is no head count still ends the list.
        assert_eq!(roles("ประกอบด้วย ผู้ใหญ่บ้าน 12 หมู่บ้าน"), vec!["ผู้ใหญ่บ้าน"]);
        assert_eq!(
            resolution("ได้รับเกียรติจาก สส. โดยที่ประชุมมีมติกำหนดจุดทิ้งมูลดิน 5 จุด").as_deref(),
            Some("ที่ประชุมมีมติกำหนดจุดทิ้งมูลดิน 5 จุด")
        );
        assert_eq!(resolution("นำความต้องการที่มีมติเห็นชอบมาจัดทำแผน"), None);
        assert_eq!(resolution("เมื่อวันที่ 5 มีนาคม 2567 ที่ประชุมมีมติเห็นชอบ").as_deref(), Some("ที่ประชุมมีมติเห็นชอบ"));
    }
}
