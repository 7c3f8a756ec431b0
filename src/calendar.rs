//! Thai calendar conventions: B.E./C.E. years, the Thai fiscal year, Thai month and
//! weekday names, Thai digits, and lenient parsing of dates as written in reports.
//! Pure std and [`crate::text`]; all arithmetic is checked so that user input can never
//! panic.

use crate::diagnostics::Code;
use crate::text::{is_space, thai_digit_value, trim_space, with_numerals};
use std::fmt;

/// Thailand's offset from UTC, in seconds: +7 hours all year.
const THAILAND_UTC_OFFSET: i64 = 7 * 3600;

/// For tests: a date in this variable stands for today. Not a user setting; documented in
/// docs/design.md.
pub const TODAY_VAR: &str = "PRONGSAI_TODAY";

/// Today: the date in Thailand (UTC+7) by the system clock, whatever the machine's time
/// zone, or the date in [`TODAY_VAR`] when it holds one. Every use of "today" (future
/// dates, the current fiscal and ITA year, `init`'s example) asks here.
pub fn today() -> Date {
    if let Some(d) = std::env::var(TODAY_VAR).ok().and_then(|s| parse_date(&s).ok()) {
        return d;
    }
    // SystemTime reads clock_gettime(CLOCK_REALTIME) through libc, which `faketime` sets.
    let secs = match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    Date::in_thailand_at(secs)
}

/// The digit helpers live in [`crate::text`]; here too, as dates are where they are used.
pub use crate::text::{Numerals, arabic_digits, thai_digits};

/// A calendar day (proleptic Gregorian). Ord by date.
/// Invariant: year is 1..=9999 C.E. and the day exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // Field order matters: the derived Ord compares year, then month, then day.
    year: i32,
    month: u8,
    day: u8,
}

const MIN_YEAR_CE: i32 = 1;
const MAX_YEAR_CE: i32 = 9999;
const BE_OFFSET: i32 = 543;
/// An ISO/undecorated year at or above this is read as B.E. (DESIGN: "a year of 2400 or more").
const BE_THRESHOLD: i64 = 2400;
/// The years a written date may have, C.E.: those whose every written form reads back
/// the same. A four-digit year below 2400 is C.E. and one of 2400 or more is B.E., so
/// B.E. 2400–2942 (C.E. 1857–2399) is exactly where `2566-10-20`, `2023-10-20` and
/// `20 ตุลาคม 2566` cannot be mistaken for one another. Anything outside is a typo
/// (`ค.ศ. 2566`, `พ.ศ. 0172`), not a meeting.
pub const ACCEPTED_YEARS_CE: std::ops::RangeInclusive<i32> = 1857..=2399;

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 (H. Hinnant's days_from_civil); i64 so no year in range overflows.
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Inverse of days_from_civil.
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

impl Date {
    /// None if the day does not exist or the year is outside 1..=9999 C.E.
    pub fn from_ce(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(MIN_YEAR_CE..=MAX_YEAR_CE).contains(&year) {
            return None;
        }
        if month == 0 || month > 12 || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year_ce(&self) -> i32 {
        self.year
    }

    /// C.E. + 543.
    pub fn year_be(&self) -> i32 {
        self.year + BE_OFFSET
    }

    pub fn month(&self) -> u8 {
        self.month
    }

    pub fn day(&self) -> u8 {
        self.day
    }

    /// 0 = Sunday (อาทิตย์) .. 6 = Saturday (เสาร์).
    pub fn weekday(&self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        (self.days() + 4).rem_euclid(7) as u8
    }

    /// Thai fiscal year, B.E.: 1 Oct – 30 Sep, named by the B.E. year in which it ends.
    pub fn fiscal_year(&self) -> i32 {
        self.year_be() + i32::from(self.month >= 10)
    }

    /// "2023-10-20" (C.E.), for machine-readable output.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date in Thailand (UTC+7, no daylight saving) `secs` seconds after the Unix
    /// epoch (clamped to the supported range).
    pub fn in_thailand_at(secs: i64) -> Date {
        Date::from_days(secs.saturating_add(THAILAND_UTC_OFFSET).div_euclid(86_400))
    }

    fn days(&self) -> i64 {
        days_from_civil(self.year, self.month, self.day)
    }

    /// Clamps into 1..=9999 C.E. so the invariant always holds.
    fn from_days(days: i64) -> Date {
        let lo = days_from_civil(MIN_YEAR_CE, 1, 1);
        let hi = days_from_civil(MAX_YEAR_CE, 12, 31);
        let (y, month, day) = civil_from_days(days.clamp(lo, hi));
        Date { year: y as i32, month, day }
    }
}

/// (1 Oct of fy-1, 30 Sep of fy), both returned as C.E. dates.
/// A fiscal year outside what Date can hold (545..=10542 B.E.) is clamped into it.
pub fn fiscal_year_bounds(fy_be: i32) -> (Date, Date) {
    let fy = fy_be.clamp(MIN_YEAR_CE + BE_OFFSET + 1, MAX_YEAR_CE + BE_OFFSET);
    let end_ce = fy - BE_OFFSET;
    (Date { year: end_ce - 1, month: 10, day: 1 }, Date { year: end_ce, month: 9, day: 30 })
}

pub const MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

pub const MONTHS_ABBR: [&str; 12] =
    ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

pub const WEEKDAYS: [&str; 7] = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];

/// Whole number ≥ 0 in Arabic or Thai digits (mixing allowed), optional thousands
/// separators in proper groups of three ("1,234"); no sign, no decimal point.
pub fn parse_whole_number(s: &str) -> Option<u64> {
    let s = trim_space(s);
    if s.is_empty() {
        return None;
    }
    let groups: Vec<&str> = s.split(',').collect();
    if groups.len() > 1 {
        // Reject "12,34", ",123", "1,,234" so a typo is not silently read as another number.
        let first_ok = (1..=3).contains(&groups[0].chars().count());
        let rest_ok = groups[1..].iter().all(|g| g.chars().count() == 3);
        if !first_ok || !rest_ok {
            return None;
        }
    }
    let mut value: u64 = 0;
    for c in groups.iter().flat_map(|g| g.chars()) {
        let d = if c.is_ascii_digit() { c as u8 - b'0' } else { thai_digit_value(c)? };
        value = value.checked_mul(10)?.checked_add(u64::from(d))?;
    }
    Some(value)
}

/// "20 ตุลาคม 2566" (day without leading zero, full month, B.E.).
pub fn format_thai(d: Date, n: Numerals) -> String {
    let s = format!("{} {} {}", d.day, MONTHS_FULL[usize::from(d.month - 1)], d.year_be());
    with_numerals(s, n)
}

/// "20 ต.ค. 2566".
pub fn format_thai_short(d: Date, n: Numerals) -> String {
    let s = format!("{} {} {}", d.day, MONTHS_ABBR[usize::from(d.month - 1)], d.year_be());
    with_numerals(s, n)
}

/// 1234 -> "1,234" (Thai digits if Thai).
pub fn format_number(v: u64, n: Numerals) -> String {
    let digits = v.to_string();
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    with_numerals(out, n)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not one of the accepted forms.
    Unrecognized,
    /// A well-formed date whose year is outside [`ACCEPTED_YEARS_CE`] (B.E. 2400–2942).
    OutOfRange { year_be: i64 },
    /// Well-formed but the day does not exist, e.g. 30 กุมภาพันธ์ 2567 or month 13.
    NoSuchDay { day: u32, month: u8, year_be: i32 },
    /// The written weekday is not the date's weekday.
    WeekdayMismatch { written: &'static str, actual: &'static str },
    /// Day/month/year in numbers (`17/13/2567`) whose month is not 1–12; `swapped` is the
    /// date meant if day and month were typed the other way round (`05/17/2567`).
    NumericMonth { day: u32, month: u32, year_be: i32, swapped: Option<Date> },
    /// The year first with slashes (`2567/10/20`): month and day are too easily swapped
    /// in that form to guess; `suggestion` is the same date as `2567-10-20`.
    YearFirst { suggestion: String },
    /// Day and month in numbers with a year that cannot be read: three digits, or two
    /// after `-` (`16-05-68`, which could also be read year first).
    NumericYear { written: String, suggestion: Option<String> },
    /// An English month name (`20 October 2023`); `suggestion` is the date in Thai.
    EnglishMonth { written: String, suggestion: Option<String> },
    /// A word where the month goes that is no Thai month (`ตุลา`), with the month it
    /// is closest to.
    UnknownMonth { written: String, suggestion: Option<&'static str> },
    /// A day and month with no year (`20 ตุลาคม`).
    NoYear { day: u32, month: u8 },
    /// A meeting over several days whose last day comes before its first.
    EndBeforeStart { start: Date, end: Date },
}

/// "17/05/2568": the form Thai offices type, day and month of two digits, B.E. year.
pub fn format_numeric(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day, d.month, d.year_be())
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let thai = |d: &Date| format_thai(*d, Numerals::Arabic);
        match self {
            DateError::Unrecognized => f.write_str(
                "อ่านวันที่ไม่ได้ ใช้รูปแบบ 2566-10-20, 2023-10-20, 20 ตุลาคม 2566, \
                 20 ต.ค. 2566, 20 ต.ค. 66, 20/10/2566 หรือ วันที่ 20 เดือนตุลาคม พ.ศ. 2566 \
                 (ขึ้นต้นด้วย เมื่อวันที่ หรือ ในวันที่ ได้ เลขไทยก็ได้) \
                 ถ้าประชุมหลายวันเขียนเป็นช่วง เช่น 20-22 ต.ค. 2566",
            ),
            DateError::NoSuchDay { day, month, year_be } => {
                match MONTHS_FULL.get(usize::from(*month).wrapping_sub(1)) {
                    Some(name) => write!(f, "ไม่มีวันที่ {} {} {}", day, name, year_be),
                    None => {
                        write!(f, "ไม่มีเดือนที่ {} (วันที่ {}/{}/{}) เดือนต้องเป็น 1 ถึง 12", month, day, month, year_be)
                    }
                }
            }
            DateError::OutOfRange { year_be } => write!(
                f,
                "ปี พ.ศ. {year_be} อยู่นอกช่วงที่รับได้ (พ.ศ. {}–{} หรือ ค.ศ. {}–{}) ตรวจว่าพิมพ์ปีถูกหรือไม่",
                ACCEPTED_YEARS_CE.start() + BE_OFFSET,
                ACCEPTED_YEARS_CE.end() + BE_OFFSET,
                ACCEPTED_YEARS_CE.start(),
                ACCEPTED_YEARS_CE.end()
            ),
            DateError::WeekdayMismatch { written, actual } => {
                write!(f, "วันที่นี้ตรงกับวัน{} ไม่ใช่วัน{}", actual, written)
            }
            DateError::NumericMonth { month, swapped, .. } => {
                write!(f, "ดูเหมือนรูปแบบ วัน/เดือน/ปี (dd/mm/yyyy) แต่ไม่มีเดือนที่ {month} (เดือนต้องเป็น 1 ถึง 12)")?;
                match swapped {
                    Some(d) => write!(f, " ถ้าหมายถึง {} ให้เขียนวันก่อนเดือน: {}", thai(d), format_numeric(*d)),
                    None => f.write_str(" ตรวจว่าพิมพ์วันหรือเดือนผิดหรือไม่"),
                }
            }
            DateError::YearFirst { suggestion } => write!(
                f,
                "ดูเหมือนเขียนปีก่อนด้วย / (ปี/เดือน/วัน) ซึ่งไม่รับ เพราะวันกับเดือนสลับกันได้ง่าย \
                 ให้เขียน {suggestion} (ปี-เดือน-วัน) หรือ วัน/เดือน/ปี เช่น 20/10/2566"
            ),
            DateError::NumericYear { written, suggestion } => {
                write!(
                    f,
                    "ดูเหมือนรูปแบบ วัน/เดือน/ปี แต่อ่านปี \"{written}\" ไม่ได้: ปีต้องเป็น 4 หลัก (16/05/2568 หรือ 16-05-2568) \
                     หรือ 2 หลักหลังเครื่องหมาย / เท่านั้น (16/05/68)"
                )?;
                match suggestion {
                    Some(s) => write!(f, " เช่น {s}"),
                    None => Ok(()),
                }
            }
            DateError::EnglishMonth { written, suggestion } => {
                write!(f, "ไม่อ่านชื่อเดือนภาษาอังกฤษ (\"{written}\") ให้เขียนชื่อเดือนภาษาไทยและปี พ.ศ.")?;
                match suggestion {
                    Some(s) => write!(f, ": {s}"),
                    None => f.write_str(" เช่น 20 ตุลาคม 2566"),
                }
            }
            DateError::UnknownMonth { written, suggestion } => {
                write!(f, "\"{written}\" ไม่ใช่ชื่อเดือน")?;
                if let Some(s) = suggestion {
                    write!(f, " (หมายถึง {s} หรือไม่?)")?;
                }
                f.write_str(" ใช้ชื่อเดือนเต็ม เช่น ตุลาคม หรือตัวย่อ เช่น ต.ค.")
            }
            DateError::NoYear { day, month } => {
                let name = MONTHS_FULL.get(usize::from(*month).wrapping_sub(1)).copied().unwrap_or("ตุลาคม");
                write!(f, "วันที่ไม่มีปี ให้เขียนปี พ.ศ. ต่อท้าย เช่น {day} {name} 2567")
            }
            DateError::EndBeforeStart { start, end } => {
                write!(f, "วันสุดท้าย ({}) มาก่อนวันแรก ({}) ตรวจว่าพิมพ์วัน เดือน หรือปีผิดหรือไม่", thai(end), thai(start))
            }
        }
    }
}

impl std::error::Error for DateError {}

impl DateError {
    /// The stable code each kind of bad date is reported under.
    pub fn code(&self) -> Code {
        match self {
            DateError::Unrecognized => Code::BadDate,
            DateError::OutOfRange { .. } => Code::DateOutOfRange,
            DateError::NoSuchDay { .. } => Code::NoSuchDay,
            DateError::WeekdayMismatch { .. } => Code::WeekdayMismatch,
            DateError::NumericMonth { .. } | DateError::YearFirst { .. } => Code::NumericDateOrder,
            DateError::NumericYear { .. } => Code::NumericDateYear,
            DateError::EnglishMonth { .. } => Code::EnglishMonth,
            DateError::UnknownMonth { .. } => Code::UnknownMonth,
            DateError::NoYear { .. } => Code::DateNoYear,
            DateError::EndBeforeStart { .. } => Code::DateEndBeforeStart,
        }
    }
}

/// Cursor over the input with Thai digits already turned into ASCII ones.
struct Cursor {
    chars: Vec<char>,
    pos: usize,
}

impl Cursor {
    fn new(s: &str) -> Cursor {
        let chars = trim_space(s)
            .chars()
            .map(|c| match thai_digit_value(c) {
                Some(v) => char::from(b'0' + v),
                None => c,
            })
            .collect();
        Cursor { chars, pos: 0 }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// Consumes `word` exactly, or nothing.
    fn eat(&mut self, word: &str) -> bool {
        let start = self.pos;
        for w in word.chars() {
            if self.peek() != Some(w) {
                self.pos = start;
                return false;
            }
            self.pos += 1;
        }
        true
    }

    /// Consumes an abbreviation given with its dots ("ต.ค."), also written without
    /// dots ("ตค"), with a space after a dot ("ต. ค.") or without the final dot ("ต.ค").
    fn eat_abbr(&mut self, abbr: &str) -> bool {
        let start = self.pos;
        for (i, l) in abbr.chars().filter(|&c| c != '.').enumerate() {
            if i > 0 && self.peek() == Some('.') {
                self.pos += 1;
                self.skip_ws();
            }
            if self.peek() != Some(l) {
                self.pos = start;
                return false;
            }
            self.pos += 1;
        }
        if self.peek() == Some('.') {
            self.pos += 1;
        }
        true
    }

    /// Up to `max` ASCII digits; returns (value, digit count), None if there are none or too many.
    fn digits(&mut self, max: usize) -> Option<(i64, usize)> {
        let start = self.pos;
        let mut value: i64 = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10).filter(|_| c.is_ascii_digit())) {
            value = value.checked_mul(10)?.checked_add(i64::from(d))?;
            self.pos += 1;
            if self.pos - start > max {
                return None;
            }
        }
        let n = self.pos - start;
        if n == 0 { None } else { Some((value, n)) }
    }
}

enum Era {
    None,
    Be,
    Ce,
}

/// Builds the Date, or says why the parts do not make one.
fn make_date(year_ce: i64, month: i64, day: i64) -> Result<Date, DateError> {
    let accepted = i64::from(*ACCEPTED_YEARS_CE.start())..=i64::from(*ACCEPTED_YEARS_CE.end());
    if !accepted.contains(&year_ce) {
        return Err(DateError::OutOfRange { year_be: year_ce.saturating_add(i64::from(BE_OFFSET)) });
    }
    let year = year_ce as i32;
    let no_such = || DateError::NoSuchDay {
        day: u32::try_from(day).unwrap_or(u32::MAX),
        month: u8::try_from(month).unwrap_or(u8::MAX),
        year_be: year + BE_OFFSET,
    };
    let m = u8::try_from(month).map_err(|_| no_such())?;
    let d = u8::try_from(day).map_err(|_| no_such())?;
    Date::from_ce(year, m, d).ok_or_else(no_such)
}

/// What the text of one date says. On the first day of a range (`20-22 ต.ค. 2563`,
/// `30 ก.ย. - 2 ต.ค. 2563`) the month and year may be left to the last day's.
struct Parts {
    weekday: Option<usize>,
    day: i64,
    month: Option<i64>,
    year_ce: Option<i64>,
}

/// A four-digit year with no era: B.E. when 2400 or more.
fn four_digit_year(year: i64) -> i64 {
    if year >= BE_THRESHOLD { year - i64::from(BE_OFFSET) } else { year }
}

/// The words reports put before a date: `[เมื่อ|ใน|ระหว่าง][วัน<weekday>][ที่]`; returns
/// the weekday, if written.
fn lead(c: &mut Cursor) -> Result<Option<usize>, DateError> {
    c.skip_ws();
    let _ = c.eat("เมื่อ") || c.eat("ใน") || c.eat("ระหว่าง");
    c.skip_ws();
    let had_wan = c.eat("วัน");
    c.skip_ws();
    // Full names before the short "พฤหัส", which is a prefix of "พฤหัสบดี".
    let weekday = if let Some(i) = WEEKDAYS.iter().position(|w| c.eat(w)) {
        Some(i)
    } else if c.eat("พฤหัส") {
        Some(4)
    } else {
        None
    };
    c.skip_ws();
    let had_thi = c.eat("ที่");
    if had_wan && weekday.is_none() && !had_thi {
        return Err(DateError::Unrecognized);
    }
    c.skip_ws();
    Ok(weekday)
}

/// `YYYY-M-D` (year B.E. when ≥ 2400), `D/M/YYYY`, `D-M-YYYY` or `D/M/YY` (B.E. 25YY);
/// None if the text is not three groups of digits.
fn numeric(c: &mut Cursor) -> Option<Result<Parts, DateError>> {
    let (a, na) = c.digits(5)?;
    let sep = c.peek().filter(|&ch| ch == '-' || ch == '/')?;
    c.pos += 1;
    let (b, _) = c.digits(2)?;
    if c.peek() != Some(sep) {
        return None;
    }
    c.pos += 1;
    let (y, ny) = c.digits(5)?;
    c.skip_ws();
    if !c.at_end() {
        return None;
    }
    let parts = |day: i64, month: i64, year_ce: i64| Parts {
        weekday: None,
        day,
        month: Some(month),
        year_ce: Some(year_ce),
    };
    if na == 4 {
        if ny > 2 {
            return None;
        }
        if sep == '/' {
            return Some(Err(DateError::YearFirst { suggestion: format!("{a:04}-{b:02}-{y:02}") }));
        }
        return Some(Ok(parts(y, b, four_digit_year(a))));
    }
    if na > 2 {
        return None;
    }
    let year_ce = match (sep, ny) {
        (_, 4) => four_digit_year(y),
        // A two-digit year is B.E. 25YY, as in "20 ต.ค. 66"; only after "/", as "16-05-68"
        // could as well be read year first.
        ('/', 2) => 2500 + y - i64::from(BE_OFFSET),
        _ => {
            let written = format!("{y:0ny$}");
            let suggestion =
                (ny == 2).then(|| format!("{a:02}/{b:02}/{written} หรือ {a:02}-{b:02}-25{written}"));
            return Some(Err(DateError::NumericYear { written, suggestion }));
        }
    };
    if !(1..=12).contains(&b) {
        let swapped = if (1..=12).contains(&a) { make_date(year_ce, a, b).ok() } else { None };
        return Some(Err(DateError::NumericMonth {
            day: u32::try_from(a).unwrap_or(u32::MAX),
            month: u32::try_from(b).unwrap_or(u32::MAX),
            year_be: i32::try_from(year_ce + i64::from(BE_OFFSET)).unwrap_or(i32::MAX),
            swapped,
        }));
    }
    Some(Ok(parts(a, b, year_ce)))
}

const ENGLISH_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Thai months as said in speech (`ตุลา`), which reports do not write: named in the hint.
const MONTHS_SPOKEN: [&str; 12] =
    ["มกรา", "กุมภา", "มีนา", "เมษา", "พฤษภา", "มิถุนา", "กรกฎา", "สิงหา", "กันยา", "ตุลา", "พฤศจิกา", "ธันวา"];

/// The month (1–12) of an English name or its first three letters (`Oct`, `Sept.`).
fn english_month(word: &str) -> Option<i64> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = ENGLISH_MONTHS.iter().position(|m| *m == w || (w.len() <= 4 && m.starts_with(&w)))?;
    Some(i as i64 + 1)
}

/// The word at the cursor: letters (Thai or Latin) and dots; consumed.
fn word(c: &mut Cursor) -> String {
    let mut w = String::new();
    while let Some(ch) = c.peek() {
        let thai = ('\u{0e01}'..='\u{0e4e}').contains(&ch);
        if thai || ch.is_ascii_alphabetic() || (ch == '.' && !w.is_empty()) {
            w.push(ch);
            c.pos += 1;
        } else {
            break;
        }
    }
    w
}

/// Why the word where the month goes is not one, with the date as it should be written
/// when the rest of it can be read.
fn month_error(c: &mut Cursor, day: Option<i64>) -> DateError {
    let written = word(c);
    if written.is_empty() {
        return DateError::Unrecognized;
    }
    if written.is_ascii() {
        let Some(month) = english_month(&written) else {
            return DateError::UnknownMonth { written, suggestion: None };
        };
        // "20 October 2023" or "October 20, 2023".
        c.skip_ws();
        let day = day.or_else(|| {
            let d = c.digits(2).map(|(d, _)| d);
            c.skip_ws();
            c.eat(",");
            c.skip_ws();
            d
        });
        let year = c.digits(4).filter(|&(_, n)| n == 4).map(|(y, _)| four_digit_year(y));
        c.skip_ws();
        let suggestion = match (day, year) {
            (Some(d), Some(y)) if c.at_end() => {
                make_date(y, month, d).ok().map(|d| format_thai(d, Numerals::Arabic))
            }
            _ => None,
        };
        return DateError::EnglishMonth { written, suggestion };
    }
    let bare = written.trim_end_matches('.');
    let suggestion = MONTHS_SPOKEN.iter().position(|m| *m == bare).map(|i| MONTHS_FULL[i]).or_else(|| {
        MONTHS_FULL
            .iter()
            .map(|m| (strsim::levenshtein(m, bare), *m))
            .min()
            .filter(|(dist, _)| *dist <= 2)
            .map(|(_, m)| m)
    });
    DateError::UnknownMonth { written, suggestion }
}

/// `D [เดือน]<month> [พ.ศ.|ค.ศ.] <year>` with any white space between parts; with
/// `partial`, the month and year may be left out (the first day of a range).
fn thai_words(c: &mut Cursor, partial: bool) -> Result<Parts, DateError> {
    use DateError::Unrecognized;

    let Some((day, _)) = c.digits(2) else {
        return Err(match c.peek() {
            Some(ch) if ch.is_ascii_alphabetic() => month_error(c, None),
            _ => Unrecognized,
        });
    };
    let mut parts = Parts { weekday: None, day, month: None, year_ce: None };
    c.skip_ws();
    if partial && c.at_end() {
        return Ok(parts);
    }
    c.eat("เดือน");
    c.skip_ws();
    let month = match MONTHS_FULL.iter().position(|m| c.eat(m)) {
        Some(i) => i,
        None => match MONTHS_ABBR.iter().position(|m| c.eat_abbr(m)) {
            Some(i) => i,
            None => return Err(month_error(c, Some(day))),
        },
    } as i64
        + 1;
    parts.month = Some(month);
    c.skip_ws();
    let era = if c.eat_abbr("พ.ศ.") {
        Era::Be
    } else if c.eat_abbr("ค.ศ.") {
        Era::Ce
    } else {
        Era::None
    };
    c.skip_ws();
    if c.at_end() {
        if partial && matches!(era, Era::None) {
            return Ok(parts);
        }
        return Err(DateError::NoYear { day: u32::try_from(day).unwrap_or(u32::MAX), month: month as u8 });
    }
    let (year, ny) = c.digits(5).ok_or(Unrecognized)?;
    c.skip_ws();
    if !c.at_end() {
        return Err(Unrecognized);
    }
    let be = i64::from(BE_OFFSET);
    parts.year_ce = Some(match (era, ny) {
        // A two-digit year is B.E. 25xx, as in "20 ต.ค. 66".
        (Era::None | Era::Be, 2) => 2500 + year - be,
        (Era::None, 4) => four_digit_year(year),
        // พ.ศ. forces B.E. even below 2400 (historical dates).
        (Era::Be, 3..=5) => year - be,
        (Era::Ce, 4) => year,
        _ => return Err(Unrecognized),
    });
    Ok(parts)
}

/// One date as written, the words before it included.
fn segment(s: &str, partial: bool) -> Result<Parts, DateError> {
    let mut c = Cursor::new(s);
    let weekday = lead(&mut c)?;
    let start = c.pos;
    let mut parts = match numeric(&mut c) {
        Some(r) => r?,
        None => {
            c.pos = start;
            thai_words(&mut c, partial)?
        }
    };
    parts.weekday = weekday;
    Ok(parts)
}

/// The date of complete parts, its written weekday checked.
fn resolve(p: &Parts) -> Result<Date, DateError> {
    let (Some(month), Some(year_ce)) = (p.month, p.year_ce) else {
        return Err(DateError::Unrecognized);
    };
    let date = make_date(year_ce, month, p.day)?;
    if let Some(w) = p.weekday {
        let actual = usize::from(date.weekday());
        if w != actual {
            return Err(DateError::WeekdayMismatch { written: WEEKDAYS[w], actual: WEEKDAYS[actual] });
        }
    }
    Ok(date)
}

/// Parses one date in any of the forms in DESIGN "Dates and fiscal years".
pub fn parse_date(s: &str) -> Result<Date, DateError> {
    resolve(&segment(s, false)?)
}

/// The days of a meeting: one, or a first and last (`end` is after `start`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateSpan {
    pub start: Date,
    pub end: Option<Date>,
}

impl DateSpan {
    /// A span of `start` to `end`; an `end` on the same day is no range.
    pub fn new(start: Date, end: Date) -> Result<DateSpan, DateError> {
        if end < start {
            return Err(DateError::EndBeforeStart { start, end });
        }
        Ok(DateSpan { start, end: (end != start).then_some(end) })
    }
}

/// Longest text read as a range of dates.
const MAX_RANGE_CHARS: usize = 200;

/// A date, or a range of dates as reports write a meeting over several days:
/// `20-22 ต.ค. 2563`, `20 - 22 ตุลาคม 2563`, `30 ก.ย. - 2 ต.ค. 2563`,
/// `28 ธ.ค. 2566 - 3 ม.ค. 2567`, `ระหว่างวันที่ 20 ถึงวันที่ 22 ตุลาคม 2563`. The first day
/// takes the month and year it leaves out from the last (the year before, if its month
/// comes later in the year than the last day's).
pub fn parse_date_span(s: &str) -> Result<DateSpan, DateError> {
    let first_error = match parse_date(s) {
        Ok(d) => return Ok(DateSpan { start: d, end: None }),
        Err(e) => e,
    };
    let chars = Cursor::new(s).chars;
    // Each place a range could be split is tried, each a parse of the whole text: a date
    // is short, and a long text of dashes must not take quadratic time.
    if chars.len() > MAX_RANGE_CHARS {
        return Err(first_error);
    }
    let mut best: Option<DateError> = None;
    for i in 1..chars.len() {
        let sep = match chars[i] {
            '-' | '–' | '—' => 1,
            'ถ' if chars[i..].starts_with(&['ถ', 'ึ', 'ง']) => 3,
            _ => continue,
        };
        let left: String = chars[..i].iter().collect();
        let right: String = chars[i + sep..].iter().collect();
        match span_of(&left, &right) {
            Ok(span) => return Ok(span),
            Err(DateError::Unrecognized) => {}
            Err(e) => {
                best.get_or_insert(e);
            }
        }
    }
    Err(match (first_error, best) {
        (DateError::Unrecognized, Some(e)) => e,
        (e, _) => e,
    })
}

fn span_of(left: &str, right: &str) -> Result<DateSpan, DateError> {
    let end = resolve(&segment(right, false)?)?;
    let mut first = segment(left, true)?;
    let month = *first.month.get_or_insert(i64::from(end.month));
    first.year_ce.get_or_insert(i64::from(end.year) - i64::from(month > i64::from(end.month)));
    DateSpan::new(resolve(&first)?, end)
}

/// `20 ตุลาคม 2563`, or a range the Thai way: `20–22 ตุลาคม 2563`,
/// `30 กันยายน – 2 ตุลาคม 2563`, `28 ธันวาคม 2566 – 3 มกราคม 2567`.
pub fn format_thai_span(span: DateSpan, n: Numerals) -> String {
    span_text(span, &MONTHS_FULL, n)
}

/// [`format_thai_span`] with abbreviated months: `20–22 ต.ค. 2563`.
pub fn format_thai_short_span(span: DateSpan, n: Numerals) -> String {
    span_text(span, &MONTHS_ABBR, n)
}

fn span_text(span: DateSpan, months: &[&str; 12], n: Numerals) -> String {
    let a = span.start;
    let name = |d: Date| months[usize::from(d.month - 1)];
    let s = match span.end {
        None => format!("{} {} {}", a.day, name(a), a.year_be()),
        Some(b) if (a.year, a.month) == (b.year, b.month) => {
            format!("{}–{} {} {}", a.day, b.day, name(b), b.year_be())
        }
        Some(b) if a.year == b.year => {
            format!("{} {} – {} {} {}", a.day, name(a), b.day, name(b), b.year_be())
        }
        Some(b) => format!("{} {} {} – {} {} {}", a.day, name(a), a.year_be(), b.day, name(b), b.year_be()),
    };
    with_numerals(s, n)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

/// `H:MM` or `H.MM` with an optional `น.` or `นาฬิกา` after it.
fn clock(c: &mut Cursor) -> Option<Time> {
    c.skip_ws();
    let (hour, _) = c.digits(2)?;
    if !(c.eat(":") || c.eat(".")) {
        return None;
    }
    let (minute, nm) = c.digits(2)?;
    if nm != 2 || hour > 23 || minute > 59 {
        return None;
    }
    c.skip_ws();
    // "นาฬิกา" before "น", which is its prefix.
    let _ = c.eat("นาฬิกา") || c.eat_abbr("น.");
    c.skip_ws();
    Some(Time { hour: hour as u8, minute: minute as u8 })
}

/// "09:30", "9:30", "09.30", "09.30 น.", "เวลา 09.30 น.", "09.30 นาฬิกา", Thai digits.
pub fn parse_time(s: &str) -> Option<Time> {
    match parse_time_span(s)? {
        (t, None) => Some(t),
        _ => None,
    }
}

/// A time, or a time range as reports write one: `13.00-16.30 น.`, `เวลา 13.00 น. –
/// 16.30 น.`, `13.00 ถึง 16.30 น.`. The end must be after the start.
pub fn parse_time_span(s: &str) -> Option<(Time, Option<Time>)> {
    let mut c = Cursor::new(s);
    c.eat("เวลา");
    let start = clock(&mut c)?;
    if c.at_end() {
        return Some((start, None));
    }
    if !(c.eat("-") || c.eat("–") || c.eat("—") || c.eat("ถึง")) {
        return None;
    }
    c.skip_ws();
    c.eat("เวลา");
    let end = clock(&mut c)?;
    (c.at_end() && end > start).then_some((start, Some(end)))
}

/// "09.30 น." (two-digit hour and minute, Thai style).
pub fn format_time(t: Time, n: Numerals) -> String {
    with_numerals(format!("{:02}.{:02} น.", t.hour, t.minute), n)
}

/// "13.00–16.30 น.", or [`format_time`] when there is no end.
pub fn format_time_span(t: Time, end: Option<Time>, n: Numerals) -> String {
    match end {
        None => format_time(t, n),
        Some(e) => {
            with_numerals(format!("{:02}.{:02}–{:02}.{:02} น.", t.hour, t.minute, e.hour, e.minute), n)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u8, day: u8) -> Date {
        Date::from_ce(y, m, day).expect("valid test date")
    }

    fn p(s: &str) -> Date {
        parse_date(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn fiscal_year_boundaries() {
        for fy in [2500, 2543, 2563, 2566, 2567, 2568, 2569, 2600] {
            let ce = fy - 543;
            assert_eq!(d(ce - 1, 9, 30).fiscal_year(), fy - 1);
            assert_eq!(d(ce - 1, 10, 1).fiscal_year(), fy);
            assert_eq!(d(ce - 1, 12, 31).fiscal_year(), fy);
            assert_eq!(d(ce, 1, 1).fiscal_year(), fy);
            assert_eq!(d(ce, 9, 30).fiscal_year(), fy);
            assert_eq!(d(ce, 10, 1).fiscal_year(), fy + 1);
            assert_eq!(fiscal_year_bounds(fy), (d(ce - 1, 10, 1), d(ce, 9, 30)));
        }
        assert_eq!(p("20 ตุลาคม 2566").fiscal_year(), 2567);
        assert_eq!(p("30 กันยายน 2567").fiscal_year(), 2567);
        assert_eq!(p("1 ตุลาคม 2567").fiscal_year(), 2568);
    }

    #[test]
    fn fiscal_year_bounds_extremes_do_not_panic() {
        for fy in [i32::MIN, -1, 0, 544, 545, 10542, 10543, i32::MAX] {
            let (a, b) = fiscal_year_bounds(fy);
            assert!(a < b);
            assert!(Date::from_ce(a.year_ce(), a.month(), a.day()).is_some());
            assert!(Date::from_ce(b.year_ce(), b.month(), b.day()).is_some());
        }
    }

    #[test]
    fn leap_days() {
        assert_eq!(p("29 กุมภาพันธ์ 2567"), d(2024, 2, 29));
        assert_eq!(
            parse_date("29 กุมภาพันธ์ 2566"),
            Err(DateError::NoSuchDay { day: 29, month: 2, year_be: 2566 })
        );
        assert!(Date::from_ce(1900, 2, 29).is_none());
        assert!(Date::from_ce(2000, 2, 29).is_some());
        assert!(parse_date("29 ก.พ. 2443").is_err());
        assert_eq!(p("29 ก.พ. 2543"), d(2000, 2, 29));
        assert_eq!(p("2024-02-29"), d(2024, 2, 29));
        assert!(matches!(parse_date("2023-02-29"), Err(DateError::NoSuchDay { .. })));
    }

    #[test]
    fn be_ce_detection() {
        assert_eq!(p("2399-01-01").year_ce(), 2399);
        assert_eq!(p("2400-01-01").year_ce(), 1857);
        assert_eq!(p("2023-10-20"), p("2566-10-20"));
        assert_eq!(p("2566-10-20"), d(2023, 10, 20));
        assert_eq!(p("2566-1-5"), d(2023, 1, 5));
        assert_eq!(p("20 ตุลาคม 2023"), d(2023, 10, 20));
        assert_eq!(p("20 ตุลาคม ค.ศ. 2023"), d(2023, 10, 20));
        // Years whose written forms would read back as another year are refused.
        for typo in [
            "20 ตุลาคม ค.ศ. 2566",
            "1 มกราคม พ.ศ. 2300",
            "1 มกราคม พ.ศ. 2399",
            "29 ก.พ. 0172",
            "31 ธันวาคม 2943",
        ] {
            assert!(matches!(parse_date(typo), Err(DateError::OutOfRange { .. })), "{typo}");
        }
        assert_eq!(p("1 มกราคม พ.ศ. 2400"), d(1857, 1, 1));
        assert_eq!(p("31 ธันวาคม 2942"), d(2399, 12, 31));
        assert_eq!(p("2399-12-31"), d(2399, 12, 31));
        assert!(parse_date("1 มกราคม ค.ศ. 1856").unwrap_err().to_string().contains("2400–2942"));
        let x = d(2023, 10, 20);
        assert_eq!((x.year_ce(), x.year_be(), x.month(), x.day()), (2023, 2566, 10, 20));
        assert_eq!(x.iso(), "2023-10-20");
        assert_eq!(d(5, 1, 2).iso(), "0005-01-02");
    }

    #[test]
    fn accepted_forms() {
        let want = d(2023, 10, 20);
        for s in [
            "2023-10-20",
            "2566-10-20",
            "20 ตุลาคม 2566",
            "20 ต.ค. 2566",
            "20 ต.ค. 66",
            "20 ต.ค.2566",
            "20 ตค 2566",
            "20 ตค. 2566",
            "20 ต. ค. 2566",
            "20 ต.ค 2566",
            "20ตุลาคม2566",
            "๒๐ ตุลาคม ๒๕๖๖",
            "๒๕๖๖-๑๐-๒๐",
            "๒๐ ต.ค. ๖๖",
            "2๐ ตุลาคม 25๖6",
            "วันที่ 20 เดือนตุลาคม พ.ศ. 2566",
            "วันที่  20  เดือนตุลาคม  พ.ศ. 2566",
            "วันที่ 20 เดือน ตุลาคม พ.ศ 2566",
            "วันที่ 20 ตุลาคม พศ 2566",
            "วันที่ ๒๐ ตุลาคม พ.ศ. ๒๕๖๖",
            "ที่ 20 ตุลาคม 2566",
            "วันศุกร์ที่ 20 ตุลาคม 2566",
            "วันศุกร์ ที่ 20 ตุลาคม 2566",
            "วันศุกร์ 20 ตุลาคม 2566",
            "ศุกร์ที่ 20 ต.ค. 66",
            "วันที่20ตุลาคมพ.ศ.2566",
            "20 ตุลาคม ค.ศ. 2023",
            "20 ต.ค. พ.ศ. 66",
            "  20 ตุลาคม 2566  ",
            "\u{a0}20\u{a0}ตุลาคม\u{a0}2566\u{a0}",
            "วันที่\u{200b}20\u{200b}ตุลาคม\u{200b}2566",
            "\t2566-10-20\n",
        ] {
            assert_eq!(p(s), want, "{s:?}");
        }
        assert_eq!(p("วันศุกร์ที่ 16 ตุลาคม 2563"), d(2020, 10, 16));
        assert_eq!(p("วันที่  20  ตุลาคม 2567"), d(2024, 10, 20));
        assert_eq!(p("วันพฤหัสบดีที่ 19 ตุลาคม 2566"), d(2023, 10, 19));
        assert_eq!(p("วันพฤหัสที่ 19 ตุลาคม 2566"), d(2023, 10, 19));
        assert_eq!(p("5 มี.ค. 2567"), d(2024, 3, 5));
        assert_eq!(p("05 มีค 67"), d(2024, 3, 5));
        assert_eq!(p("1 มิ.ย. 2567"), d(2024, 6, 1));
        assert_eq!(p("1 ก.พ. 2567"), d(2024, 2, 1));
        assert_eq!(p("1 ก.ค. 2567"), d(2024, 7, 1));
        assert_eq!(p("1 ก.ย. 2567"), d(2024, 9, 1));
        for (i, m) in MONTHS_ABBR.iter().enumerate() {
            let no_dots: String = m.chars().filter(|&c| c != '.').collect();
            assert_eq!(p(&format!("3 {no_dots} 2567")).month() as usize, i + 1);
            assert_eq!(p(&format!("3 เดือน{m}2567")).month() as usize, i + 1);
        }
    }

    #[test]
    fn words_before_a_date() {
        let want = d(2023, 1, 23);
        for s in [
            "เมื่อวันที่ 23 มกราคม 2566",
            "ในวันที่ 23 มกราคม 2566",
            "เมื่อวันจันทร์ที่ 23 มกราคม 2566",
            "ในวันจันทร์ที่ 23 ม.ค. 66",
            "เมื่อ 23 มกราคม 2566",
            "ใน 23 ม.ค. 2566",
            "เมื่อวันที่ 23 เดือนมกราคม พ.ศ. 2566",
            "เมื่อวันที่ ๒๓ มกราคม ๒๕๖๖",
            "เมื่อ วันที่ 23 มกราคม 2566",
            "เมื่อวันที่ 23/01/2566",
            "วันที่ 23/01/66",
            "เมื่อ 2566-01-23",
        ] {
            assert_eq!(p(s), want, "{s:?}");
        }
        assert_eq!(
            parse_date("เมื่อวันอังคารที่ 23 มกราคม 2566"),
            Err(DateError::WeekdayMismatch { written: "อังคาร", actual: "จันทร์" })
        );
        assert_eq!(parse_date("เมื่อวัน 23 มกราคม 2566"), Err(DateError::Unrecognized));
    }

    #[test]
    fn day_month_year_in_numbers() {
        assert_eq!(p("16/05/2568"), d(2025, 5, 16));
        assert_eq!(p("16/5/2568"), d(2025, 5, 16));
        assert_eq!(p("16/05/68"), d(2025, 5, 16));
        assert_eq!(p("๑๖/๐๕/๒๕๖๘"), d(2025, 5, 16));
        assert_eq!(p("16/05/2025"), d(2025, 5, 16));
        assert_eq!(p("16-05-2568"), d(2025, 5, 16));
        assert_eq!(p("2568-05-16"), d(2025, 5, 16));
        assert_eq!(p(" 1/1/2400 "), d(1857, 1, 1));
        let e = parse_date("17/13/2567").unwrap_err();
        assert_eq!(e, DateError::NumericMonth { day: 17, month: 13, year_be: 2567, swapped: None });
        assert_eq!(e.code(), Code::NumericDateOrder);
        assert!(e.to_string().contains("dd/mm/yyyy") && e.to_string().contains("13"), "{e}");
        let e = parse_date("05/17/2567").unwrap_err();
        assert_eq!(
            e.to_string(),
            "ดูเหมือนรูปแบบ วัน/เดือน/ปี (dd/mm/yyyy) แต่ไม่มีเดือนที่ 17 (เดือนต้องเป็น 1 ถึง 12) ถ้าหมายถึง 17 พฤษภาคม 2567 ให้เขียนวันก่อนเดือน: 17/05/2567"
        );
        let e = parse_date("2567/10/20").unwrap_err();
        assert_eq!(e, DateError::YearFirst { suggestion: "2567-10-20".into() });
        assert!(e.to_string().contains("2567-10-20"), "{e}");
        let e = parse_date("16-05-68").unwrap_err();
        assert_eq!(e.code(), Code::NumericDateYear);
        assert!(e.to_string().contains("16/05/68"), "{e}");
        assert!(matches!(parse_date("16/05/256"), Err(DateError::NumericYear { .. })));
        assert!(matches!(
            parse_date("31/04/2567"),
            Err(DateError::NoSuchDay { day: 31, month: 4, year_be: 2567 })
        ));
        assert!(matches!(parse_date("16/05-2568"), Err(DateError::Unrecognized)));
    }

    #[test]
    fn unreadable_dates_say_how_to_write_them() {
        let e = parse_date("20 October 2023").unwrap_err();
        assert_eq!(
            e,
            DateError::EnglishMonth {
                written: "October".into(), suggestion: Some("20 ตุลาคม 2566".into())
            }
        );
        assert_eq!(e.code(), Code::EnglishMonth);
        assert!(e.to_string().contains("20 ตุลาคม 2566"), "{e}");
        assert_eq!(
            parse_date("Oct 20, 2023"),
            Err(DateError::EnglishMonth {
                written: "Oct".into(), suggestion: Some("20 ตุลาคม 2566".into())
            })
        );
        let e = parse_date("20 ตุลา 2566").unwrap_err();
        assert_eq!(
            e,
            DateError::UnknownMonth {
                written: "ตุลา".into(), suggestion: Some("ตุลาคม")
            }
        );
        assert!(e.to_string().contains("หมายถึง ตุลาคม"), "{e}");
        assert_eq!(
            parse_date("20 ตุลาคน 2566"),
            Err(DateError::UnknownMonth {
                written: "ตุลาคน".into(), suggestion: Some("ตุลาคม")
            })
        );
        assert_eq!(parse_date("20 ตุลาคม"), Err(DateError::NoYear { day: 20, month: 10 }));
        assert_eq!(p("20 ตค 2567"), d(2024, 10, 20));
        for e in [
            DateError::Unrecognized,
            parse_date("17/13/2567").unwrap_err(),
            parse_date("2567/10/20").unwrap_err(),
            parse_date("20 ตุลาคม").unwrap_err(),
        ] {
            assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn ranges() {
        let r = |s: &str| parse_date_span(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
        let oct = DateSpan { start: d(2020, 10, 20), end: Some(d(2020, 10, 22)) };
        for s in [
            "20-22 ต.ค. 2563",
            "20 - 22 ตุลาคม 2563",
            "20–22 ตุลาคม 2563",
            "วันที่ 20-22 ตุลาคม 2563",
            "ระหว่างวันที่ 20 - 22 ตุลาคม 2563",
            "ระหว่างวันที่ 20 ถึงวันที่ 22 ตุลาคม 2563",
            "เมื่อวันที่ 20 ตุลาคม 2563 ถึงวันที่ 22 ตุลาคม 2563",
            "วันอังคารที่ 20 - วันพฤหัสบดีที่ 22 ตุลาคม 2563",
            "20/10/2563 - 22/10/2563",
            "2020-10-20 - 2020-10-22",
            "๒๐-๒๒ ต.ค. ๖๓",
        ] {
            assert_eq!(r(s), oct, "{s:?}");
        }
        assert_eq!(r("30 ก.ย. - 2 ต.ค. 2563"), DateSpan { start: d(2020, 9, 30), end: Some(d(2020, 10, 2)) });
        assert_eq!(
            r("28 ธ.ค. 2566 - 3 ม.ค. 2567"),
            DateSpan { start: d(2023, 12, 28), end: Some(d(2024, 1, 3)) }
        );
        assert_eq!(r("28 ธ.ค. - 3 ม.ค. 2567"), DateSpan { start: d(2023, 12, 28), end: Some(d(2024, 1, 3)) });
        assert_eq!(r("20 ตุลาคม 2563"), DateSpan { start: d(2020, 10, 20), end: None });
        assert_eq!(r("20-20 ตุลาคม 2563"), DateSpan { start: d(2020, 10, 20), end: None });
        assert_eq!(r("16-05-2568"), DateSpan { start: d(2025, 5, 16), end: None });
        assert_eq!(
            parse_date_span("22-20 ต.ค. 2563"),
            Err(DateError::EndBeforeStart { start: d(2020, 10, 22), end: d(2020, 10, 20) })
        );
        assert_eq!(parse_date_span("20-22 ต.ค. 2563").map(|s| s.start.fiscal_year()), Ok(2564));
        assert_eq!(
            parse_date_span("วันจันทร์ที่ 20 - 22 ตุลาคม 2563"),
            Err(DateError::WeekdayMismatch { written: "จันทร์", actual: "อังคาร" })
        );
        assert_eq!(parse_date_span("20 - 22 ตุลาคม"), Err(DateError::NoYear { day: 22, month: 10 }));
        assert!(matches!(parse_date_span("20-22 October 2020"), Err(DateError::EnglishMonth { .. })));
        assert_eq!(
            parse_date_span("2566-13-01"),
            Err(DateError::NoSuchDay { day: 1, month: 13, year_be: 2566 })
        );
        assert_eq!(parse_date_span("-"), Err(DateError::Unrecognized));
        assert_eq!(parse_date_span("1-3"), Err(DateError::Unrecognized));
        let dashes = "-".repeat(100_000);
        let t = std::time::Instant::now();
        assert_eq!(parse_date_span(&dashes), Err(DateError::Unrecognized));
        assert!(parse_date_span(&format!("1{}", "-1".repeat(99))).is_err());
        assert!(t.elapsed() < std::time::Duration::from_secs(2));
        // One date alone is never read as a range.
        assert!(parse_date("20-22 ต.ค. 2563").is_err());
    }

    #[test]
    fn ranges_shown_the_thai_way() {
        let span = |a: Date, b: Date| DateSpan::new(a, b).unwrap();
        let a = Numerals::Arabic;
        assert_eq!(format_thai_span(span(d(2020, 10, 20), d(2020, 10, 22)), a), "20–22 ตุลาคม 2563");
        assert_eq!(format_thai_short_span(span(d(2020, 10, 20), d(2020, 10, 22)), a), "20–22 ต.ค. 2563");
        assert_eq!(format_thai_span(span(d(2020, 9, 30), d(2020, 10, 2)), a), "30 กันยายน – 2 ตุลาคม 2563");
        assert_eq!(
            format_thai_span(span(d(2023, 12, 28), d(2024, 1, 3)), a),
            "28 ธันวาคม 2566 – 3 มกราคม 2567"
        );
        assert_eq!(
            format_thai_short_span(span(d(2023, 12, 28), d(2024, 1, 3)), Numerals::Thai),
            "๒๘ ธ.ค. ๒๕๖๖ – ๓ ม.ค. ๒๕๖๗"
        );
        let one = span(d(2023, 10, 20), d(2023, 10, 20));
        assert_eq!(one.end, None);
        assert_eq!(format_thai_span(one, a), format_thai(d(2023, 10, 20), a));
        assert_eq!(format_thai_short_span(one, a), format_thai_short(d(2023, 10, 20), a));
        assert_eq!(format_numeric(d(2025, 5, 6)), "06/05/2568");
    }

    #[test]
    fn time_ranges() {
        let t = |h, m| Time { hour: h, minute: m };
        for s in [
            "13.00-16.30 น.",
            "13.00 - 16.30 น.",
            "เวลา 13.00 น. – 16.30 น.",
            "13:00 ถึง 16:30",
            "๑๓.๐๐-๑๖.๓๐ น.",
        ] {
            assert_eq!(parse_time_span(s), Some((t(13, 0), Some(t(16, 30)))), "{s:?}");
        }
        assert_eq!(parse_time_span("9.30 น."), Some((t(9, 30), None)));
        assert_eq!(parse_time_span("16.30-13.00"), None);
        assert_eq!(parse_time_span("13.00-"), None);
        assert_eq!(parse_time("13.00-16.30"), None);
        assert_eq!(format_time_span(t(13, 0), Some(t(16, 30)), Numerals::Arabic), "13.00–16.30 น.");
        assert_eq!(format_time_span(t(9, 30), None, Numerals::Arabic), "09.30 น.");
    }

    #[test]
    fn weekdays() {
        assert_eq!(d(2023, 10, 20).weekday(), 5);
        assert_eq!(WEEKDAYS[usize::from(d(2023, 10, 20).weekday())], "ศุกร์");
        assert_eq!(d(2020, 10, 16).weekday(), 5);
        assert_eq!(d(1970, 1, 1).weekday(), 4);
        assert_eq!(d(2000, 1, 1).weekday(), 6);
        assert_eq!(d(1, 1, 1).weekday(), 1);
        let e = parse_date("วันจันทร์ที่ 20 ตุลาคม 2566").unwrap_err();
        assert_eq!(e, DateError::WeekdayMismatch { written: "จันทร์", actual: "ศุกร์" });
        assert_eq!(e.to_string(), "วันที่นี้ตรงกับวันศุกร์ ไม่ใช่วันจันทร์");
        assert_eq!(
            parse_date("วันพฤหัสที่ 20 ตุลาคม 2566"),
            Err(DateError::WeekdayMismatch {
                written: "พฤหัสบดี", actual: "ศุกร์"
            })
        );
        // A non-existent day is reported as such, not as a weekday mismatch.
        assert!(matches!(parse_date("วันจันทร์ที่ 31 เมษายน 2567"), Err(DateError::NoSuchDay { .. })));
    }

    #[test]
    fn impossible_dates() {
        let e = parse_date("30 กุมภาพันธ์ 2567").unwrap_err();
        assert_eq!(e, DateError::NoSuchDay { day: 30, month: 2, year_be: 2567 });
        assert_eq!(e.to_string(), "ไม่มีวันที่ 30 กุมภาพันธ์ 2567");
        assert!(matches!(parse_date("31 เมษายน 2567"), Err(DateError::NoSuchDay { day: 31, month: 4, .. })));
        assert!(matches!(parse_date("0 มกราคม 2567"), Err(DateError::NoSuchDay { .. })));
        assert!(matches!(parse_date("32 มกราคม 2567"), Err(DateError::NoSuchDay { .. })));
        let e = parse_date("2566-13-01").unwrap_err();
        assert_eq!(e, DateError::NoSuchDay { day: 1, month: 13, year_be: 2566 });
        assert!(e.to_string().contains("13"));
        assert!(matches!(parse_date("2566-00-10"), Err(DateError::NoSuchDay { .. })));
        assert!(matches!(parse_date("2023-10-00"), Err(DateError::NoSuchDay { year_be: 2566, .. })));
        assert!(Date::from_ce(0, 1, 1).is_none());
        assert!(Date::from_ce(10000, 1, 1).is_none());
        assert!(Date::from_ce(2024, 4, 31).is_none());
    }

    #[test]
    fn garbage_never_panics() {
        let long_digits = "9".repeat(10_000);
        let long_thai = "ตุลาคม".repeat(5_000);
        let long_ws = format!("20{}ตุลาคม 2566", " ".repeat(10_000));
        for s in [
            "",
            " ",
            "สี่",
            "วัน",
            "วันที่",
            "วันที่ยี่สิบ ตุลาคม 2566",
            "99999999999-1-1",
            "2566-10-20-1",
            "2566/10/20",
            "0000-01-01",
            "66-10-20",
            "2566-100-20",
            "20 ตุลาคม",
            "20 ตุลาคม 2566 extra",
            "20 ตุลาคม 256",
            "20 ตุลาคม 99999",
            "20 ตุลาคม พ.ศ. 99999",
            "20 ตุลาคม พ.ศ. 5",
            "20 ตุลาคม ค.ศ. 66",
            "20 ตุลาคม ค.ศ. 0000",
            "200 ตุลาคม 2566",
            "20 ตุลา 2566",
            "20 October 2566",
            "วันเสาร์อาทิตย์ที่ 20 ตุลาคม 2566",
            "วันหยุดที่ 20 ตุลาคม 2566",
            "ต.ค.",
            "๒",
            "-2566-10-20",
            &long_digits,
            &long_thai,
            "\u{0e00}\u{0e7f}\u{fffd}\u{0}",
        ] {
            assert!(parse_date(s).is_err(), "{s:?}");
        }
        assert_eq!(parse_date(&long_ws), Ok(d(2023, 10, 20)));
        assert_eq!(parse_date("สี่"), Err(DateError::Unrecognized));
        let msg = DateError::Unrecognized.to_string();
        for form in ["2566-10-20", "2023-10-20", "20 ตุลาคม 2566", "20 ต.ค. 2566", "20 ต.ค. 66", "เลขไทย"]
        {
            assert!(msg.contains(form), "{form}");
        }
        // Beyond the accepted years: errors, whatever Date could hold.
        assert!(parse_date("31 ธันวาคม พ.ศ. 10542").is_err());
        assert!(parse_date("1 มกราคม พ.ศ. 10543").is_err());
        assert!(parse_date("9999-12-31").is_err());
    }

    #[test]
    fn formatting() {
        let x = d(2023, 10, 20);
        assert_eq!(format_thai(x, Numerals::Arabic), "20 ตุลาคม 2566");
        assert_eq!(format_thai(x, Numerals::Thai), "๒๐ ตุลาคม ๒๕๖๖");
        assert_eq!(format_thai_short(x, Numerals::Arabic), "20 ต.ค. 2566");
        assert_eq!(format_thai_short(x, Numerals::Thai), "๒๐ ต.ค. ๒๕๖๖");
        assert_eq!(format_thai(d(2024, 1, 5), Numerals::Arabic), "5 มกราคม 2567");
        assert_eq!(format_thai(d(2024, 1, 5), Numerals::Thai), "๕ มกราคม ๒๕๖๗");
        assert_eq!(thai_digits("ปี 2567: 0-9"), "ปี ๒๕๖๗: ๐-๙");
        assert_eq!(arabic_digits("ปี ๒๕๖๗: ๐-๙ x"), "ปี 2567: 0-9 x");
        assert_eq!(format_number(0, Numerals::Arabic), "0");
        assert_eq!(format_number(999, Numerals::Arabic), "999");
        assert_eq!(format_number(1234, Numerals::Arabic), "1,234");
        assert_eq!(format_number(1234, Numerals::Thai), "๑,๒๓๔");
        assert_eq!(format_number(1_234_567, Numerals::Arabic), "1,234,567");
        assert_eq!(format_number(100_000, Numerals::Arabic), "100,000");
        assert_eq!(format_number(u64::MAX, Numerals::Arabic), "18,446,744,073,709,551,615");
    }

    #[test]
    fn whole_numbers() {
        assert_eq!(parse_whole_number("42"), Some(42));
        assert_eq!(parse_whole_number("๔๒"), Some(42));
        assert_eq!(parse_whole_number("4๒"), Some(42));
        assert_eq!(parse_whole_number(" 7 "), Some(7));
        assert_eq!(parse_whole_number("0"), Some(0));
        assert_eq!(parse_whole_number("1,234"), Some(1234));
        assert_eq!(parse_whole_number("๑,๒๓๔"), Some(1234));
        assert_eq!(parse_whole_number("1,234,567"), Some(1_234_567));
        assert_eq!(parse_whole_number("18446744073709551615"), Some(u64::MAX));
        for bad in [
            "",
            " ",
            "-1",
            "+1",
            "4.5",
            "สี่",
            "1,2",
            "12,34",
            ",123",
            "123,",
            "1,,234",
            "1 234",
            "18446744073709551616",
            "99999999999999999999999999",
        ] {
            assert_eq!(parse_whole_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn times() {
        let t = Time { hour: 9, minute: 30 };
        for s in [
            "09:30",
            "9:30",
            "09.30",
            "09.30 น.",
            "09.30น.",
            "09.30 น",
            "เวลา 09.30 น.",
            "เวลา09.30",
            "๐๙.๓๐ น.",
            " 09:30 ",
            "09.30 นาฬิกา",
        ] {
            assert_eq!(parse_time(s), Some(t), "{s:?}");
        }
        assert_eq!(parse_time("0:00"), Some(Time { hour: 0, minute: 0 }));
        assert_eq!(parse_time("23:59"), Some(Time { hour: 23, minute: 59 }));
        for bad in
            ["", "24:00", "12:60", "9", "9:5", "930", "09:300", "099:30", "09-30", "เวลา", "09:30 pm", "สี่โมง"]
        {
            assert_eq!(parse_time(bad), None, "{bad:?}");
        }
        assert_eq!(format_time(t, Numerals::Arabic), "09.30 น.");
        assert_eq!(format_time(t, Numerals::Thai), "๐๙.๓๐ น.");
        assert_eq!(
            parse_time(&format_time(Time { hour: 17, minute: 5 }, Numerals::Thai)),
            Some(Time { hour: 17, minute: 5 })
        );
        assert!(Time { hour: 9, minute: 30 } < Time { hour: 10, minute: 0 });
    }

    #[test]
    fn today_is_plausible() {
        let t = today();
        assert!(t.year_ce() >= 2024 && t.year_ce() <= 9999);
    }

    #[test]
    fn today_is_the_date_in_thailand() {
        // 2026-09-30T16:59:59Z is 23:59:59 in Bangkok; a second later it is 1 October there.
        let before = days_from_civil(2026, 9, 30) * 86_400 + 16 * 3600 + 59 * 60 + 59;
        assert_eq!(Date::in_thailand_at(before).iso(), "2026-09-30");
        assert_eq!(Date::in_thailand_at(before + 1).iso(), "2026-10-01");
        assert_eq!(Date::in_thailand_at(before + 1).fiscal_year(), 2570);
        // Before 1970, days still begin at midnight in Bangkok.
        assert_eq!(Date::in_thailand_at(-7 * 3600 - 1).iso(), "1969-12-31");
        assert_eq!(Date::in_thailand_at(-7 * 3600).iso(), "1970-01-01");
    }

    #[test]
    fn civil_round_trip_edges() {
        for day in [days_from_civil(1, 1, 1), days_from_civil(9999, 12, 31), 0, -1] {
            let x = Date::from_days(day);
            assert_eq!(x.days(), day);
        }
        assert_eq!(Date::from_days(i64::MIN), d(1, 1, 1));
        assert_eq!(Date::from_days(i64::MAX), d(9999, 12, 31));
    }

    /// Every day 1 Jan 2400 B.E. .. 31 Dec 2700 B.E.: formats parse back, FY agrees with bounds.
    #[test]
    fn exhaustive_round_trip() {
        let first = days_from_civil(1857, 1, 1);
        let last = days_from_civil(2157, 12, 31);
        let mut prev: Option<Date> = None;
        for n in first..=last {
            let x = Date::from_days(n);
            if let Some(p) = prev {
                assert!(p < x);
            }
            prev = Some(x);
            assert_eq!(parse_date(&format_thai(x, Numerals::Arabic)), Ok(x));
            assert_eq!(parse_date(&format_thai(x, Numerals::Thai)), Ok(x));
            assert_eq!(parse_date(&format_thai_short(x, Numerals::Arabic)), Ok(x));
            assert_eq!(parse_date(&x.iso()), Ok(x));
            assert_eq!(parse_date(&format_numeric(x)), Ok(x));
            let (a, b) = fiscal_year_bounds(x.fiscal_year());
            assert!(a <= x && x <= b, "{x:?}");
        }
        assert_eq!(prev, Some(d(2157, 12, 31)));
    }
}
