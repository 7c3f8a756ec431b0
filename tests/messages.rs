//! Messages a Thai webmaster understands: each YAML mistake said in Thai with how to fix
//! it, at the line and column of the mistake; the closing summary line in Thai; the
//! command line's own errors in Thai with exit status 2.

mod support;
use support::*;

/// The body every meeting below ends with (all four ITA elements).
const BODY: &str =
    "---\n\n## ผลจากการมีส่วนร่วม\n\nผล\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nนำไปใช้\n";

/// A meeting file whose front matter is `yaml` (file line 2 is the first line of `yaml`).
fn with_front_matter(yaml: &str) -> String {
    format!("---\n{yaml}{BODY}")
}

/// One YAML mistake: the front matter, then what `check` must say about it.
struct Case {
    name: &'static str,
    yaml: &'static str,
    code: &'static str,
    line: u64,
    column: u64,
    /// Thai words of the message: what is wrong and the fix.
    says: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "missing-space",
        yaml: "title: ประชุมประชาคม\nvenue:ห้องประชุม\ndate: 2567-10-20\n",
        code: "PS0111",
        line: 3,
        column: 7,
        says: &["ไม่มีช่องว่างหลังเครื่องหมาย :", "ใส่ช่องว่างหลัง : เป็น venue: ห้องประชุม"],
    },
    Case {
        name: "missing-space-last-line",
        yaml: "title: ประชุมประชาคม\ndate: 2567-10-20\nvenue:ห้องประชุม\n",
        code: "PS0111",
        line: 4,
        column: 7,
        says: &["venue: ห้องประชุม"],
    },
    Case {
        name: "missing-space-first-line",
        yaml: "venue:ห้องประชุม\ntitle: ประชุมประชาคม\ndate: 2567-10-20\n",
        code: "PS0111",
        line: 2,
        column: 7,
        says: &["venue: ห้องประชุม"],
    },
    Case {
        name: "missing-space-only-line",
        yaml: "venue:ห้องประชุม\n",
        code: "PS0111",
        line: 2,
        column: 7,
        says: &["venue: ห้องประชุม"],
    },
    Case {
        name: "missing-space-in-role",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role:ประชาชน\n    count: 5\n",
        code: "PS0111",
        line: 6,
        column: 10,
        says: &["role: ประชาชน"],
    },
    Case {
        name: "tab",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n\t- role: ประชาชน\n    count: 5\n",
        code: "PS0110",
        line: 6,
        column: 1,
        says: &["ย่อหน้าด้วยแท็บ", "เว้นด้วยช่องว่าง"],
    },
    Case {
        name: "tab-before-count",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role: ประชาชน\n\tcount: 5\n",
        code: "PS0110",
        line: 7,
        column: 1,
        says: &["ย่อหน้าด้วยแท็บ"],
    },
    Case {
        name: "unclosed-quote",
        yaml: "title: \"ประชุมประชาคม\ndate: 2567-10-20\nvenue: ห้อง\n",
        code: "PS0112",
        line: 2,
        column: 8,
        says: &["เปิดเครื่องหมายคำพูด \" แล้วไม่ได้ปิด", "ใส่ \" ปิดท้ายค่า"],
    },
    Case {
        name: "unclosed-quote-closed-by-a-later-one",
        yaml: "title: \"ประชุมประชาคม\ndate: 2567-10-20\nvenue: \"ห้อง\"\n",
        code: "PS0112",
        line: 2,
        column: 8,
        says: &["แล้วไม่ได้ปิด"],
    },
    Case {
        name: "colon-space-in-value",
        yaml: "title: ประชุม: แผนพัฒนา\ndate: 2567-10-20\nvenue: ห้อง\n",
        code: "PS0114",
        line: 2,
        column: 14,
        says: &["ค่ามีเครื่องหมาย \": \"", "title: \"ประชุม: แผนพัฒนา\""],
    },
    Case {
        name: "list-item-indented-less",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ntopics:\n  - แผนพัฒนา\n - งบประมาณ\n",
        code: "PS0115",
        line: 7,
        column: 2,
        says: &["ย่อหน้าไม่ตรง", "เว้นช่องว่างหน้าบรรทัดเท่ากับบรรทัดอื่น"],
    },
    Case {
        name: "count-indented-less",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n   count: 58\n",
        code: "PS0115",
        line: 9,
        column: 4,
        says: &["ย่อหน้าไม่ตรง"],
    },
    Case {
        name: "count-indented-more",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n     count: 58\n",
        code: "PS0115",
        line: 9,
        column: 6,
        says: &["ย่อหน้าลึกกว่าที่ควร"],
    },
    Case {
        name: "role-item-indented-more",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n- role: นายก\n  count: 1\n  - role: ประชาชน\n    count: 58\n",
        code: "PS0115",
        line: 8,
        column: 3,
        says: &["ย่อหน้าไม่ตรง"],
    },
    Case {
        name: "duplicate-key",
        yaml: "title: ประชุมครั้งที่ 1\ndate: 2567-10-20\nvenue: ห้อง\ntitle: ประชุมครั้งที่ 2\n",
        code: "PS0113",
        line: 5,
        column: 1,
        says: &["ชื่อข้อมูล \"title\" ซ้ำ", "ลบบรรทัดที่ซ้ำ"],
    },
    Case {
        name: "duplicate-key-in-an-attendee",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role: นายก\n    count: 1\n  - role: ประชาชน\n    count: 5\n    count: 6\n",
        code: "PS0113",
        line: 10,
        column: 5,
        says: &["ชื่อข้อมูล \"count\" ซ้ำ", "(\"count: 5\")"],
    },
    Case {
        name: "stray-fence",
        yaml: "title: ก\n---\ndate: 2567-10-20\nvenue: ห้อง\n",
        code: "PS0117",
        line: 3,
        column: 1,
        says: &["มีบรรทัด --- อยู่กลางข้อมูล", "ลบบรรทัดนี้"],
    },
    Case {
        name: "unclosed-bracket",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ntopics: [แผนพัฒนา, งบประมาณ\n",
        code: "PS0116",
        line: 5,
        column: 9,
        says: &["เปิดวงเล็บ [ แล้วไม่ได้ปิด", "ใส่ ] ปิดท้าย"],
    },
    Case {
        name: "unclosed-brace",
        yaml: "title: ก\ndate: 2567-10-20\nvenue: {ห้อง: 1\nsummary: ส\n",
        code: "PS0116",
        line: 4,
        column: 8,
        says: &["เปิดวงเล็บ { แล้วไม่ได้ปิด", "ใส่ } ปิดท้าย"],
    },
    Case {
        name: "special-first-character",
        yaml: "title: *ด่วน* ประชุมประชาคม\ndate: 2567-10-20\nvenue: ห้อง\n",
        code: "PS0118",
        line: 2,
        column: 8,
        says: &["ขึ้นต้นด้วย *", "title: \"*ด่วน* ประชุมประชาคม\""],
    },
];

/// Every mistake above, each in its own meeting file, in one `check` run: the code, the
/// line and column of the mistake itself, and a Thai message with the fix.
#[test]
fn each_yaml_mistake_is_said_in_thai_at_its_line() {
    let mut s = TestSite::new();
    for c in CASES {
        s = s.meeting(&format!("2568/{}.md", c.name), &with_front_matter(c.yaml));
    }
    let r = s.run(&["check", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let all = json["diagnostics"].as_array().unwrap();
    for c in CASES {
        let file = format!("content/2568/{}.md", c.name);
        let mine: Vec<&serde_json::Value> = all.iter().filter(|d| d["file"] == file.as_str()).collect();
        assert_eq!(mine.len(), 1, "{}: one error, not more: {mine:#?}", c.name);
        let d = mine[0];
        assert_eq!(d["severity"], "error", "{}", c.name);
        assert_eq!(d["code"], c.code, "{}: {d}", c.name);
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(c.line), Some(c.column)),
            "{}: {d}",
            c.name
        );
        let msg = d["message"].as_str().unwrap();
        assert!(msg.starts_with("YAML ไม่ถูกต้อง: "), "{}: {msg}", c.name);
        // Thai first: the parser's English is at most the last parentheses.
        let thai = msg["YAML ไม่ถูกต้อง: ".len()..].chars().next().unwrap();
        assert!(('\u{0E00}'..='\u{0E7F}').contains(&thai), "{}: {msg}", c.name);
        for words in c.says {
            assert!(msg.contains(words), "{}: {msg:?} lacks {words:?}", c.name);
        }
    }
    // Human output: the same, compiler-style, ending in the code.
    let r = s.run(&["check"]);
    let line = r
        .diagnostics()
        .into_iter()
        .find(|l| l.starts_with("error: content/2568/missing-space.md:"))
        .unwrap()
        .to_string();
    assert_eq!(
        line,
        "error: content/2568/missing-space.md:3:7: YAML ไม่ถูกต้อง: ไม่มีช่องว่างหลังเครื่องหมาย : ใน \"venue:ห้องประชุม\" ให้ใส่ช่องว่างหลัง : เป็น venue: ห้องประชุม [PS0111]"
    );
    // No case leaves an English word in its human line.
    for c in CASES {
        let prefix = format!("error: content/2568/{}.md:", c.name);
        let line = r.diagnostics().into_iter().find(|l| l.starts_with(&prefix)).unwrap().to_string();
        let english = english_words(&line, &with_front_matter(c.yaml));
        assert!(english.is_empty(), "{}: {english:?} in {line}", c.name);
    }
}

/// Field names a message may name (what the webmaster types), the words of YAML itself,
/// and the format's name: every other ASCII word in a message is English to a webmaster.
const ALLOWED_WORDS: &[&str] = &[
    "title",
    "date",
    "time",
    "venue",
    "slug",
    "summary",
    "topics",
    "attendees",
    "role",
    "count",
    "attendees_total",
    "chair",
    "organization",
    "draft",
    "example",
    "attachments",
    "links",
    "url",
    "ita_item",
    "fiscal_year",
    "description",
    "updated",
    "ita",
    "code",
    "name",
    "true",
    "false",
    "YAML",
    "ITA",
    "OIT",
];

/// A code such as `O20` (an OIT item) or `PS0110`: capitals, then digits.
fn is_code(w: &str) -> bool {
    let letters = w.bytes().take_while(u8::is_ascii_uppercase).count();
    letters > 0 && letters < w.len() && w.bytes().skip(letters).all(|b| b.is_ascii_digit())
}

/// The ASCII words of one human diagnostic line that are neither allowed nor quoted from
/// `input` (the file the message may quote back), once the compiler-style frame is set
/// aside: `severity: file:line:col: ` before the message and ` [PS0000]` after it.
fn english_words(line: &str, input: &str) -> Vec<String> {
    let msg = line.rsplit_once(" [PS").map_or(line, |(m, _)| m);
    // `error: content/a.md:3:7: message`: the frame is everything up to the position's ": ".
    let msg = match msg.split_once(": ").map(|(_, rest)| rest) {
        Some(rest) if rest.starts_with("content/") || rest.starts_with("site.yaml") => {
            rest.split_once(": ").map_or(rest, |(_, m)| m)
        }
        Some(rest) => rest,
        None => msg,
    };
    let split = |t: &str| -> Vec<String> {
        t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map(str::to_string).collect()
    };
    let quoted: std::collections::HashSet<String> = split(input).into_iter().collect();
    split(msg)
        .into_iter()
        .filter(|w| w.chars().any(|c| c.is_ascii_alphabetic()) && !is_code(w))
        .filter(|w| !ALLOWED_WORDS.contains(&w.as_str()) && !quoted.contains(w))
        .collect()
}

/// Broken front matter of every common kind, each with whether the YAML parser rejects it
/// (then `--format json` keeps the parser's English in `detail`).
const BROKEN: &[(&str, &str, bool)] = &[
    ("tab", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\n\tattendees_total: 5\n", true),
    ("unclosed-quote", "title: \"ประชุม\ndate: 2567-10-20\nvenue: ห้อง\n", true),
    ("unclosed-single-quote", "title: ก\ndate: 2567-10-20\nvenue: 'ห้อง\n", true),
    (
        "indented-more",
        "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees:\n  - role: ก\n     count: 3\n",
        true,
    ),
    ("indented-less", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ntopics:\n  - ก\n - ข\n", true),
    ("duplicate-key", "title: ก\ntitle: ข\ndate: 2567-10-20\nvenue: ห้อง\n", true),
    ("no-colon", "title: ก\ndate 2567-10-20\nvenue: ห้อง\n", true),
    ("colon-in-value", "title: ก: ข: ค\ndate: 2567-10-20\nvenue: ห้อง\n", true),
    ("unclosed-bracket", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ntopics: [ก, ข\n", true),
    ("unknown-alias", "title: ก\ndate: 2567-10-20\nvenue: *ศาลา\n", true),
    ("unknown-escape", "title: \"ก\\q\"\ndate: 2567-10-20\nvenue: ห้อง\n", true),
    ("list-for-text", "title: [ก, ข]\ndate: 2567-10-20\nvenue: ห้อง\n", false),
    ("text-for-number", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\nattendees_total: ห้าคน\n", false),
    ("text-for-list", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ntopics: 5\n", false),
    ("text-for-bool", "title: ก\ndate: 2567-10-20\nvenue: ห้อง\ndraft: ใช่\n", false),
    ("unknown-key", "title: ก\ndate: 2567-10-20\nvenu: ห้อง\n", false),
];

/// `check`'s human output is Thai through and through on broken files (only field names,
/// YAML's own words and what the file itself says), and `--format json` gives the
/// parser's original English, for those who search for it, in a field of its own.
#[test]
fn broken_yaml_is_said_entirely_in_thai_and_json_keeps_the_parsers_english() {
    let mut s = TestSite::new();
    for (name, yaml, _) in BROKEN {
        s = s.meeting(&format!("2568/{name}.md"), &with_front_matter(yaml));
    }
    let human = s.run(&["check"]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    let json = s.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let all = v["diagnostics"].as_array().unwrap();
    for (name, yaml, parser_error) in BROKEN {
        let file = format!("content/2568/{name}.md");
        let lines: Vec<&str> =
            human.diagnostics().into_iter().filter(|l| l.contains(&format!(" {file}:"))).collect();
        assert!(!lines.is_empty(), "{name}: {}", human.stderr);
        for line in &lines {
            let english = english_words(line, &with_front_matter(yaml));
            assert!(english.is_empty(), "{name}: English {english:?} in {line}");
            // Thai words in every message, not only names and marks.
            assert!(line.chars().any(|c| ('\u{0E01}'..='\u{0E2E}').contains(&c)), "{line}");
        }
        let mine: Vec<&serde_json::Value> = all.iter().filter(|d| d["file"] == file.as_str()).collect();
        assert_eq!(mine.len(), lines.len(), "{name}: the same problems in both formats");
        let details: Vec<&str> = mine.iter().filter_map(|d| d["detail"].as_str()).collect();
        if *parser_error {
            assert_eq!(details.len(), 1, "{name}: {mine:#?}");
            let detail = details[0];
            assert!(
                detail.is_ascii() && detail.split_whitespace().filter(|w| w.len() > 2).count() >= 2,
                "{name}: the parser's English: {detail:?}"
            );
            let message = mine[0]["message"].as_str().unwrap();
            assert!(!message.contains(detail.split(" at line").next().unwrap()), "{name}: {message}");
            assert!(!human.stderr.contains(detail.split(" at line").next().unwrap()), "{name}");
        } else {
            assert!(details.is_empty(), "{name}: no parser words to keep: {mine:#?}");
        }
    }
}

#[test]
fn site_yaml_mistakes_are_said_in_thai_too() {
    for (yaml, code, line, column) in [
        (format!("{SITE_YAML}---\nnumerals: thai\n"), "PS0117", 10, 1),
        (
            "title: ศูนย์ข้อมูล\norganization:อบต.ทดสอบ\nbase_url: https://www.example.go.th/\n".to_string(),
            "PS0111",
            2,
            14,
        ),
        ("title: ศูนย์ข้อมูล\n\torganization: อบต.ทดสอบ\n".to_string(), "PS0110", 2, 1),
    ] {
        let s = TestSite::new();
        s.write("site.yaml", &yaml);
        let r = s.run(&["check", "--format", "json"]);
        let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        let d = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["file"] == "site.yaml")
            .unwrap_or_else(|| panic!("{yaml}: {json}"))
            .clone();
        assert_eq!(
            (d["code"].as_str(), d["line"].as_u64(), d["column"].as_u64()),
            (Some(code), Some(line), Some(column)),
            "{d}"
        );
        assert!(d["message"].as_str().unwrap().starts_with("YAML ไม่ถูกต้อง: "), "{d}");
        assert!(
            d["detail"].as_str().is_some_and(|x| x.is_ascii() && x.contains(' ')),
            "the parser's words: {d}"
        );
        let human = s.run(&["check"]);
        let line = human.diagnostics().into_iter().find(|l| l.contains(" site.yaml:")).unwrap().to_string();
        assert_eq!(english_words(&line, &yaml), Vec::<String>::new(), "{line}");
    }
}

/// A Markdown rule (`---`) in the body is not a stray fence.
#[test]
fn a_rule_in_the_body_is_not_a_stray_fence() {
    let text = meeting("ประชุม", "2567-01-15", &[("ประชาชน", 5)]).replace("ผล\n\n", "ผล\n\n---\n\nต่อ\n\n");
    let s = TestSite::new().meeting("2567/a.md", &text);
    let r = s.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn the_summary_line_is_thai_and_json_keeps_its_numbers() {
    let s = TestSite::new()
        .meeting("2567/good.md", &meeting("ดี", "2567-01-15", &[("ประชาชน", 3)]))
        .meeting("2567/broken.md", &with_front_matter("title: ก\nvenue:ห้อง\ndate: 2567-01-15\n"))
        .meeting(
            "2567/no-topics.md",
            "---\ntitle: ข\ndate: 2567-01-16\nvenue: ห้อง\nattendees_total: 5\n---\n",
        );
    let human = s.run(&["check"]);
    let json = s.run(&["check", "--format", "json"]);
    assert_eq!((human.code, json.code), (1, 1), "{}", human.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let (errors, warnings, files) =
        (v["errors"].as_u64().unwrap(), v["warnings"].as_u64().unwrap(), v["files"].as_u64().unwrap());
    assert_eq!(errors, 1);
    assert!(warnings >= 1, "{}", json.stdout);
    assert_eq!(
        human.stderr.lines().last().unwrap(),
        format!("ข้อผิดพลาด {errors} รายการ คำเตือน {warnings} รายการ จาก {files} ไฟล์")
    );
    assert_eq!(human.summary(), Some((errors as usize, warnings as usize, files as usize)));
    // The JSON report is for scripts: the same fields as before, no sentence.
    assert!(!json.stdout.contains("รายการ"), "{}", json.stdout);
}

/// Runs the binary with `args`; asserts exit status 2 and one `error:` line in Thai that
/// contains each of `says`, and returns that line.
fn usage_error(args: &[&str], says: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    let line = r.stderr.lines().find(|l| l.starts_with("error: ")).unwrap_or_else(|| panic!("{}", r.stderr));
    for words in says {
        assert!(line.contains(words), "{args:?}: {line:?} lacks {words:?}");
    }
    for english in ["unexpected argument", "unrecognized subcommand", "required arguments", "invalid value"] {
        assert!(!r.stderr.contains(english), "{args:?}: {}", r.stderr);
    }
    line.to_string()
}

#[test]
fn command_line_mistakes_are_said_in_thai_with_exit_status_2() {
    assert_eq!(
        usage_error(&["build", "--outptu", "x"], &[]),
        "error: ไม่รู้จักตัวเลือก --outptu ของคำสั่ง build หมายถึง --output หรือไม่? (ดูวิธีใช้: prongsai build --help)"
    );
    usage_error(&["check", "--verbose"], &["ไม่รู้จักตัวเลือก --verbose", "prongsai check --help"]);
    usage_error(&["biuld"], &["ไม่รู้จักคำสั่ง \"biuld\"", "หมายถึง build หรือไม่?", "prongsai --help"]);
    usage_error(
        &["new", "ประชุมประชาคม"],
        &["คำสั่ง new ขาด --date", "--date 2567-10-20", "prongsai new --help"],
    );
    usage_error(&["init"], &["คำสั่ง init ขาด <DIR>", "prongsai init --help"]);
    usage_error(&["check", "--format", "xml"], &["ค่า \"xml\" ใช้กับ --format", "ใช้ได้: human, json"]);
    usage_error(&["serve", "--port", "แปดพัน"], &["--port ไม่ถูกต้อง ต้องเป็นตัวเลข 0 ถึง 65535"]);
    usage_error(&["build", "--output"], &["--output <OUTPUT> ต้องมีค่าตามหลัง"]);
    usage_error(&["build", "ส่วนเกิน"], &["มี \"ส่วนเกิน\" เกินมา"]);
    // No arguments at all is no mistake: it is the double-click start (tests/no_args.rs).
}

#[test]
fn help_and_version_print_and_exit_0() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for heading in ["วิธีใช้: prongsai", "คำสั่ง:", "ตัวเลือก:", "แสดงวิธีใช้"]
    {
        assert!(r.stdout.contains(heading), "{heading}: {}", r.stdout);
    }
    assert!(!r.stdout.contains("Usage:") && !r.stdout.contains("Options:"), "{}", r.stdout);
    let r = run(&["new", "--help"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("อาร์กิวเมนต์:") && r.stdout.contains("--date <DATE>"), "{}", r.stdout);
    let r = run(&["--version"]);
    assert_eq!((r.code, r.stdout.trim()), (0, concat!("prongsai ", env!("CARGO_PKG_VERSION"))));
}
