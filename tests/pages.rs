//! The pages an evaluator reads, parsed: tables that add up, Thai dates, unknown
//! attendance never shown as zero, and the data files beside the pages.

mod support;
use scraper::{Html, Selector};
use support::*;

/// A number as a page shows it: Arabic or Thai digits, with thousands separators.
fn num(s: &str) -> Option<u64> {
    let d: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .map(|c| match c {
            '๐'..='๙' => char::from_digit(c as u32 - '๐' as u32, 10).unwrap(),
            c => c,
        })
        .collect();
    d.parse().ok()
}

/// The number a cell begins with ("222" of "222 ไม่แยกตำแหน่ง").
fn leading_number(cell: &str) -> String {
    cell.chars().take_while(|c| c.is_ascii_digit() || ('๐'..='๙').contains(c) || *c == ',').collect()
}

/// Cell texts of each row of `table_css`'s `part` (tbody or tfoot), a cell spanning
/// columns repeated so that indices line up with the header.
fn rows(doc: &Html, table_css: &str, part: &str) -> Vec<Vec<String>> {
    let rows = Selector::parse(&format!("{table_css} {part} tr")).unwrap();
    let cells = Selector::parse("th, td").unwrap();
    doc.select(&rows)
        .map(|r| {
            r.select(&cells)
                .flat_map(|c| {
                    let span: usize = c.value().attr("colspan").and_then(|v| v.parse().ok()).unwrap_or(1);
                    std::iter::repeat_n(collapse(&c.text().collect::<String>()), span)
                })
                .collect()
        })
        .collect()
}

/// The number in the column whose header is `header`, per body row, and in the foot.
fn column(doc: &Html, table_css: &str, header: &str) -> (Vec<Option<u64>>, Option<u64>) {
    let heads = rows(doc, table_css, "thead");
    let i =
        heads[0].iter().position(|h| h.contains(header)).unwrap_or_else(|| panic!("{header} in {heads:?}"));
    let body = rows(doc, table_css, "tbody")
        .into_iter()
        .filter(|r| r.len() == heads[0].len())
        .map(|r| num(&leading_number(&r[i])))
        .collect();
    let foot = rows(doc, table_css, "tfoot").first().and_then(|r| num(&r[i]));
    (body, foot)
}

fn site_with_every_kind_of_attendance(numerals: &str) -> TestSite {
    let s = TestSite::new().yaml(&format!("numerals: {numerals}\n"));
    s.write(
        "content/a.md",
        &meeting("ประชุมหนึ่ง", "2566-10-20", &[("นายก", 1), ("ประชาชน", 12), ("ผู้ทรง คุณวุฒิ", 3), ("ช่าง", 2)]),
    );
    s.write("content/b.md", &meeting("ประชุมสอง", "2567-09-30", &[("นาย ก", 2), ("ผู้ทรงคุณวุฒิ", 1)]));
    s.write(
        "content/c.md",
        &meeting("ประชาคม", "2567-03-01", &[]).replacen("---\n", "---\nattendees_total: 222\n", 1),
    );
    s.write("content/d.md", &meeting("ไม่ทราบจำนวน", "2567-04-01", &[]));
    s.write("content/e.md", &meeting("ปีถัดไป", "2567-10-01", &[("ประชาชน", 5)]));
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    s
}

#[test]
fn year_page_tables_add_up() {
    let s = site_with_every_kind_of_attendance("arabic");
    let doc = s.page("public/2567/index.html");
    assert_eq!(text(&doc, "h1"), "ปีงบประมาณ พ.ศ. 2567");

    // meetings in date order, the unknown one shown as such and not counted as zero
    let titles = texts(&doc, ".meetings-table tbody a");
    assert_eq!(titles, ["ประชุมหนึ่ง", "ประชาคม", "ไม่ทราบจำนวน", "ประชุมสอง"]);
    let (per_meeting, total) = column(&doc, ".meetings-table", "ผู้เข้าร่วม");
    assert_eq!(per_meeting, [Some(18), Some(222), None, Some(3)]);
    assert_eq!(total, Some(243));
    let unknown_row = &rows(&doc, ".meetings-table", "tbody")[2];
    assert!(unknown_row.last().unwrap().contains("ไม่ระบุ"), "{unknown_row:?}");

    // per role: roles merged white-space-blind, plus the unspecified row, = the same total
    let (per_role, role_total) = column(&doc, ".stats-table", "ผู้เข้าร่วม");
    assert_eq!(role_total, Some(243));
    assert_eq!(per_role.iter().flatten().sum::<u64>(), 243);
    let body = rows(&doc, ".stats-table", "tbody");
    let row = |label: &str| {
        body.iter().find(|r| r[0].starts_with(label)).unwrap_or_else(|| panic!("{label}: {body:?}")).clone()
    };
    assert_eq!(row("นายก")[1..], ["3", "2"]);
    assert_eq!(row("ผู้ทรง คุณวุฒิ")[1..], ["4", "2"], "shown as first spelled");
    assert_eq!(row("ไม่ระบุตำแหน่ง")[1], "222");

    // per group with shares that add to 100
    let (per_group, _) = column(&doc, ".groups-table", "ผู้เข้าร่วม");
    assert_eq!(per_group.iter().flatten().sum::<u64>(), 243);
    let shares: f64 = rows(&doc, ".groups-table", "tbody")
        .iter()
        .map(|r| r[2].trim_end_matches('%').trim().parse::<f64>().unwrap())
        .sum();
    assert!((shares - 100.0).abs() < 1e-9, "{shares}");

    // the CSV says the same
    let csv = std::fs::read(s.path("public/2567/attendees.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let mut rd = csv::Reader::from_reader(&csv[3..]);
    let recs: Vec<csv::StringRecord> = rd.records().map(|r| r.unwrap()).collect();
    // the meeting of unknown attendance has a row of its own after the total, count empty
    let (unknown, recs) = recs.split_last().unwrap();
    assert_eq!(unknown.iter().collect::<Vec<_>>(), ["2567", "การประชุมที่ไม่ระบุจำนวนผู้เข้าร่วม", "", "", "1"]);
    let (last, roles) = recs.split_last().unwrap();
    assert_eq!(&last[1], "รวมทั้งสิ้น");
    assert_eq!(last[3].parse::<u64>().unwrap(), 243);
    assert_eq!(roles.iter().map(|r| r[3].parse::<u64>().unwrap()).sum::<u64>(), 243);
}

#[test]
fn meeting_pages_show_the_table_or_say_what_is_known() {
    let s = site_with_every_kind_of_attendance("arabic");
    let a = s.page("public/2567/a/index.html");
    let (counts, total) = column(&a, "table", "จำนวน");
    assert_eq!(counts, [Some(1), Some(12), Some(3), Some(2)]);
    assert_eq!(total, Some(18));
    let c = collapse(&s.page("public/2567/c/index.html").root_element().text().collect::<String>());
    assert!(c.contains("222"), "head count shown");
    let d = s.page("public/2567/d/index.html");
    assert!(texts(&d, "main table").is_empty(), "unknown attendance has no table");
    assert!(collapse(&d.root_element().text().collect::<String>()).contains("ไม่ระบุจำนวนผู้เข้าร่วม"));
}

#[test]
fn fiscal_year_boundaries_place_meetings() {
    let s = site_with_every_kind_of_attendance("arabic");
    // 30 Sep 2567 is the last day of FY 2567; 1 Oct 2567 the first of FY 2568
    assert!(s.path("public/2567/b/index.html").is_file());
    assert!(s.path("public/2568/e/index.html").is_file());
    let home = s.page("public/index.html");
    let links = attrs(&home, "main a", "href");
    let y2568 = links.iter().position(|h| h == "/ita/2568/").expect("2568 listed");
    let y2567 = links.iter().position(|h| h == "/ita/2567/").expect("2567 listed");
    assert!(y2568 < y2567, "newest year first");
}

#[test]
fn thai_numerals_on_pages() {
    let s = site_with_every_kind_of_attendance("thai");
    let doc = s.page("public/2567/a/index.html");
    let all = collapse(&doc.root_element().text().collect::<String>());
    assert!(all.contains("๒๐ ตุลาคม ๒๕๖๖"), "Thai date in Thai digits");
    let (_, total) = column(&doc, "table", "จำนวน");
    assert_eq!(total, Some(18));
    assert!(rows(&doc, "table", "tfoot")[0].iter().any(|c| c.contains('๑')), "counts in Thai digits");
    assert_eq!(text(&s.page("public/2567/index.html"), "h1"), "ปีงบประมาณ พ.ศ. ๒๕๖๗");
}

#[test]
fn data_files_feed_and_sitemap() {
    let s = site_with_every_kind_of_attendance("arabic");
    let json: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    let ms = json["meetings"].as_array().unwrap();
    assert_eq!(ms.len(), 5);
    assert_eq!(ms[0]["title"], "ประชุมหนึ่ง");
    assert_eq!(ms[0]["fiscal_year"], 2567);
    assert_eq!(ms[0]["date"], "2023-10-20");
    assert_eq!(ms[0]["attendees_total"], 18);
    assert_eq!(ms[0]["url"], "https://www.example.go.th/ita/2567/a/");
    let unknown = ms.iter().find(|m| m["title"] == "ไม่ทราบจำนวน").unwrap();
    assert!(unknown["attendees_total"].is_null());

    let urls = xml_texts;
    let feed = s.read("public/feed.xml");
    let ids = urls(&feed, "id");
    assert_eq!(ids[0], "https://www.example.go.th/ita/");
    assert_eq!(ids[1], "https://www.example.go.th/ita/2568/e/", "newest first");
    assert_eq!(ids.len(), 6);
    let locs = urls(&s.read("public/sitemap.xml"), "loc");
    for want in [
        "https://www.example.go.th/ita/",
        "https://www.example.go.th/ita/ita/",
        "https://www.example.go.th/ita/2567/",
        "https://www.example.go.th/ita/2567/d/",
    ] {
        assert!(locs.iter().any(|l| l == want), "{want} in {locs:?}");
    }
    // and the OIT dashboard of each assessment year with meetings, and of the current one
    // (issue 13)
    let (dashboards, rest): (Vec<&String>, Vec<&String>) =
        locs.iter().partition(|l| l.starts_with("https://www.example.go.th/ita/ita/2"));
    assert!(dashboards.iter().any(|l| *l == "https://www.example.go.th/ita/ita/2568/"), "{dashboards:?}");
    assert_eq!(rest.len(), 2 + 2 + 5);
}

#[test]
fn ita_page_lists_the_url_to_submit_per_year() {
    let s = TestSite::new()
        .yaml("ita:\n  2567: {code: o25, name: การเปิดโอกาสให้เกิดการมีส่วนร่วม}\n")
        .meeting("a.md", &meeting("ครบ", "2567-01-15", &[("ประชาชน", 3)]))
        .meeting("b.md", "---\ntitle: ไม่ครบ\ndate: 2568-01-15\nvenue: v\n---\n");
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ita = s.page("public/ita/index.html");
    let all = collapse(&ita.root_element().text().collect::<String>());
    assert!(all.contains("https://www.example.go.th/ita/2567/"), "{all}");
    assert!(all.contains("o25"));
    let year = s.page("public/2567/index.html");
    assert!(
        collapse(&year.root_element().text().collect::<String>()).contains("o25"),
        "year page names the item"
    );
    // the incomplete meeting is flagged on the ITA page and by check
    assert!(all.contains("ไม่ครบ"));
    let check = s.run(&["check"]);
    let mut codes = check.codes_at("content/b.md", None);
    codes.sort();
    // no topics, no attendees, no results, no usage
    assert_eq!(codes, ["PS0501", "PS0502", "PS0503", "PS0504"], "{}", check.stderr);
}

#[test]
fn year_page_has_an_accessible_chart_that_never_draws_unknown_as_zero() {
    let s = site_with_every_kind_of_attendance("arabic");
    let html = s.read("public/2567/index.html");
    let doc = Html::parse_document(&html);
    let svg = Selector::parse("figure.chart svg").unwrap();
    let svg = doc.select(&svg).next().expect("a chart on the year page");
    assert_eq!(svg.value().attr("role"), Some("img"));
    assert_eq!(svg.value().attr("aria-labelledby"), Some("chart-title"));
    assert_eq!(svg.value().attr("aria-describedby"), Some("chart-desc"));
    assert!(!html.contains("<script"), "no JavaScript");
    let title = text(&doc, "#chart-title");
    assert!(title.contains("ปีงบประมาณ พ.ศ. 2567"), "{title}");
    // The description gives every meeting's figure in words, in the table's order.
    let desc = text(&doc, "#chart-desc");
    for part in [
        "ลำดับ 1 วันที่ 20 ต.ค. 2566: ผู้เข้าร่วม 18 คน",
        "ลำดับ 2 วันที่ 1 มี.ค. 2567: ผู้เข้าร่วม 222 คน (ไม่ระบุตำแหน่ง 222 คน)",
        "ลำดับ 3 วันที่ 1 เม.ย. 2567: ไม่ระบุจำนวนผู้เข้าร่วม",
        "ลำดับ 4 วันที่ 30 ก.ย. 2567: ผู้เข้าร่วม 3 คน",
    ] {
        assert!(desc.contains(part), "{part:?} in {desc}");
    }
    // One row per meeting; the unknown one is words, not a bar.
    let rows: Vec<_> = svg.select(&Selector::parse("g.bar").unwrap()).collect();
    assert_eq!(rows.len(), 4);
    let rects = Selector::parse("rect").unwrap();
    assert_eq!(rows[2].select(&rects).count(), 0, "no bar for unknown attendance");
    assert!(collapse(&rows[2].text().collect::<String>()).contains("ไม่ระบุจำนวนผู้เข้าร่วม"));
    // Stacked by group: the first meeting has ผู้บริหาร, บุคคลภายนอก and a role in no group.
    assert_eq!(rows[0].select(&rects).count(), 3);
    let legend = texts(&doc, "figure.chart g.legend text");
    assert_eq!(legend, ["ผู้บริหาร", "บุคคลภายนอก", "ตำแหน่งอื่น ๆ (ไม่อยู่ในกลุ่ม)", "ไม่ระบุตำแหน่ง"]);
}

/// The chart is drawn to scale: every bar starts at the axis, each group's segment is as
/// long as its count times one and the same scale, and the number written at the bar's
/// end is its total.
#[test]
fn year_chart_bars_are_proportional_to_their_counts() {
    // (ผู้บริหาร, บุคคลภายนอก) of each meeting; the totals 10, 25, 40, 5 and 37 all differ.
    let counts: [(u64, u64); 5] = [(4, 6), (0, 25), (10, 30), (0, 5), (1, 36)];
    let mut s = TestSite::new();
    for (i, &(executives, public)) in counts.iter().enumerate() {
        let mut attendees = vec![("ประชาชน", public)];
        if executives > 0 {
            attendees.insert(0, ("นายก", executives));
        }
        let date = format!("2567-0{}-10", i + 1);
        s = s.meeting(&format!("2567/m{i}.md"), &meeting(&format!("ประชุม {i}"), &date, &attendees));
    }
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = s.page("public/2567/index.html");
    let sel = |css: &str| Selector::parse(css).unwrap();
    let num = |el: scraper::ElementRef, attr: &str| -> f64 {
        el.value().attr(attr).unwrap_or_else(|| panic!("no {attr}")).parse().unwrap()
    };
    let axis: Vec<_> = doc.select(&sel("figure.chart svg > line")).collect();
    assert_eq!(axis.len(), 1, "one axis line");
    let axis_x = num(axis[0], "x1");

    // Each bar: its segments' (x, width) and the number at its end.
    let bars: Vec<(Vec<(f64, f64)>, u64)> = doc
        .select(&sel("figure.chart svg g.bar"))
        .map(|g| {
            let segs = g.select(&sel("rect")).map(|r| (num(r, "x"), num(r, "width"))).collect();
            let value = g.select(&sel("text")).last().unwrap().text().collect::<String>();
            (segs, value.parse().unwrap_or_else(|_| panic!("bar value {value:?}")))
        })
        .collect();
    assert_eq!(bars.len(), counts.len());
    let longest = bars.iter().max_by_key(|b| b.1).unwrap();
    let scale = longest.0.iter().map(|s| s.1).sum::<f64>() / longest.1 as f64;
    assert!(scale > 1.0, "the longest bar is {} units for {}", scale * longest.1 as f64, longest.1);

    for &(executives, public) in &counts {
        let total = executives + public;
        let (segs, _) =
            bars.iter().find(|b| b.1 == total).unwrap_or_else(|| panic!("no bar labelled {total}"));
        let want: Vec<u64> = [executives, public].into_iter().filter(|&c| c > 0).collect();
        assert_eq!(segs.len(), want.len(), "bar {total}: {segs:?}");
        // Coordinates are written to a tenth of a unit: each length is off by at most
        // half of that, the scale (from the longest bar) by less.
        let mut x = axis_x;
        for (&(sx, width), &count) in segs.iter().zip(&want) {
            assert!((sx - x).abs() <= 0.1, "bar {total}: a segment starts at {sx}, not at {x}");
            let exact = count as f64 * scale;
            assert!((width - exact).abs() <= 0.15, "bar {total}: {count} drawn {width} long, not {exact:.2}");
            x = sx + width;
        }
        let length: f64 = segs.iter().map(|s| s.1).sum();
        assert!((length - total as f64 * scale).abs() <= 0.2, "bar {total} is {length} long");
    }
}

#[test]
fn summary_is_shown_in_the_lists_and_the_feed_and_escaped() {
    let s = TestSite::new();
    let with_summary = |title: &str, date: &str, summary: &str| {
        meeting(title, date, &[("ประชาชน", 3)]).replacen(
            "---\n",
            &format!("---\nsummary: \"{summary}\"\n"),
            1,
        )
    };
    s.write("content/a.md", &with_summary("ประชุมหนึ่ง", "2566-10-20", "ทบทวนแผน <b>สามปี</b> & งบประมาณ"));
    s.write("content/b.md", &meeting("ประชุมสอง", "2566-11-20", &[("ประชาชน", 2)]));
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let want = "ทบทวนแผน <b>สามปี</b> & งบประมาณ";

    // The year's list: under the meeting's own title, as text (never markup), only where given.
    let year = s.page("public/2567/index.html");
    let titles = Selector::parse(".meetings-table tbody th.title").unwrap();
    let cells: Vec<_> = year.select(&titles).collect();
    assert_eq!(cells.len(), 2);
    let summary_of = |cell: &scraper::ElementRef| -> Vec<String> {
        cell.select(&Selector::parse(".row-summary").unwrap())
            .map(|e| collapse(&e.text().collect::<String>()))
            .collect()
    };
    let a = cells.iter().find(|c| c.text().collect::<String>().contains("ประชุมหนึ่ง")).unwrap();
    let b = cells.iter().find(|c| c.text().collect::<String>().contains("ประชุมสอง")).unwrap();
    assert_eq!(summary_of(a), vec![want.to_string()]);
    assert!(summary_of(b).is_empty(), "no empty summary line for a meeting without one");
    assert!(a.select(&Selector::parse("b").unwrap()).next().is_none(), "the summary is escaped");

    // The home page's latest meetings and the meeting page itself.
    assert!(texts(&s.page("public/index.html"), ".meeting-list .summary").contains(&want.to_string()));
    assert_eq!(text(&s.page("public/2567/a/index.html"), ".lead"), want);

    // The feed: the entry's summary, its XML text unescaped.
    let feed = s.read("public/feed.xml");
    let summaries: Vec<String> = feed
        .split("<summary>")
        .skip(1)
        .map(|t| quick_xml::escape::unescape(t.split("</summary>").next().unwrap()).unwrap().into_owned())
        .collect();
    assert!(summaries.iter().any(|t| t == want), "{summaries:?}");
}

#[test]
fn with_thai_numerals_a_meeting_page_shows_no_arabic_digit() {
    let s = TestSite::new().yaml("numerals: thai\n");
    s.write_bytes("static/files/minutes.pdf", &vec![b'x'; 1234]);
    let text = meeting("ประชุม", "2566-10-20", &[("ประชาชน", 12), ("นายก", 1)]).replacen(
        "---\n",
        "---\ntime: \"09:30\"\nattachments:\n  - files/minutes.pdf\n",
        1,
    );
    s.write("content/a.md", &text);
    let r = s.build();
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = s.page("public/2567/a/index.html");
    // What a reader sees in the content, less the printed URLs (addresses stay as they are).
    let main = doc.select(&Selector::parse("main").unwrap()).next().unwrap();
    let url_only = Selector::parse(".print-url").unwrap();
    let hidden: Vec<String> = main.select(&url_only).map(|e| e.text().collect()).collect();
    let mut seen = collapse(&main.text().collect::<String>());
    for h in hidden {
        seen = seen.replace(collapse(&h).as_str(), "");
    }
    assert!(seen.contains("๐๙.๓๐ น."), "{seen}");
    assert_eq!(texts(&doc, ".file-meta"), vec!["PDF ๑ KB"]);
    let arabic: Vec<&str> = seen
        .split_whitespace()
        .filter(|w| !w.starts_with("https://") && w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    assert!(arabic.is_empty(), "Arabic digits on a numerals: thai page: {arabic:?}");
}

/// A site built with its tables split every `rows` rows and its sitemap every `urls` URLs
/// (lowered from 500 and 50,000 through the binary's test-only variables), as a site of
/// 100,000 meetings is.
fn build_split(s: &TestSite, rows: &str, urls: &str) -> Run {
    std::process::Command::new(bin())
        .args(["build", "--root", s.root().to_str().unwrap()])
        .env("PRONGSAI_TEST_ROWS_PER_PAGE", rows)
        .env("PRONGSAI_TEST_SITEMAP_URLS", urls)
        .output()
        .unwrap()
        .into()
}

#[test]
fn long_year_and_ita_tables_go_on_at_numbered_pages_and_the_sitemap_becomes_an_index() {
    // Seven meetings in 2567 and two in 2568, three rows a page.
    let mut s = TestSite::new();
    for d in 1..=7 {
        s = s.meeting(
            &format!("m{d}.md"),
            &meeting(&format!("ประชุมที่ {d}"), &format!("2567-01-0{d}"), &[("ประชาชน", d)]),
        );
    }
    s = s
        .meeting("n1.md", &meeting("ปีหน้าหนึ่ง", "2568-01-01", &[("ประชาชน", 1)]))
        .meeting("n2.md", &meeting("ปีหน้าสอง", "2568-01-02", &[("ประชาชน", 1)]));
    let r = build_split(&s, "3", "4");
    assert_eq!(r.code, 0, "{}", r.stderr);

    // The year page keeps its URL and shows rows 1–3, its totals for the whole year and
    // links to every page; rows 4–6 and 7 go on at page/2/ and page/3/, numbered on.
    let first = s.page("public/2567/index.html");
    let titles = texts(&first, ".meetings-table tbody th.title a");
    assert_eq!(titles, ["ประชุมที่ 1", "ประชุมที่ 2", "ประชุมที่ 3"]);
    let hrefs = attrs(&first, "nav.pager a", "href");
    assert_eq!(hrefs.len(), 3, "{hrefs:?}");
    for (href, want) in hrefs.iter().zip(["2567/", "2567/page/2/", "2567/page/3/"]) {
        assert!(href.ends_with(want), "{href} links to {want}");
    }
    assert_eq!(attrs(&first, "nav.pager a[aria-current]", "href"), [hrefs[0].clone()]);
    let (_, total) = column(&first, ".meetings-table", "ผู้เข้าร่วม");
    assert_eq!(total, Some(28), "the whole year's total, 1 + 2 + … + 7");
    assert!(text(&first, ".key-figures").contains("7 ครั้ง"));
    assert!(
        first.select(&Selector::parse("#h-stats").unwrap()).next().is_some(),
        "statistics on the first page"
    );
    let second = s.page("public/2567/page/2/index.html");
    assert_eq!(texts(&second, ".meetings-table tbody th.title a"), ["ประชุมที่ 4", "ประชุมที่ 5", "ประชุมที่ 6"]);
    assert_eq!(texts(&second, ".meetings-table tbody td.col-seq"), ["4", "5", "6"]);
    assert_eq!(text(&second, "h1"), "ปีงบประมาณ พ.ศ. 2567 หน้า 2");
    assert!(second.select(&Selector::parse("#h-stats").unwrap()).next().is_none());
    let third = s.page("public/2567/page/3/index.html");
    assert_eq!(texts(&third, ".meetings-table tbody th.title a"), ["ประชุมที่ 7"]);
    // A year within the limit is one page, without links to pages.
    let short = s.page("public/2568/index.html");
    assert_eq!(texts(&short, ".meetings-table tbody th.title a").len(), 2);
    assert!(short.select(&Selector::parse("nav.pager").unwrap()).next().is_none());
    assert!(!s.path("public/2568/page").exists());

    // The ITA page: nine rows across the two years (the latest first), three a page;
    // each year's facts on the first page count the whole year.
    let ita = s.page("public/ita/index.html");
    assert_eq!(texts(&ita, "section.ita-year tbody th.title a"), ["ปีหน้าหนึ่ง", "ปีหน้าสอง", "ประชุมที่ 1"]);
    assert_eq!(attrs(&ita, "nav.pager a", "href").len(), 3);
    let all = collapse(&ita.root_element().text().collect::<String>());
    assert!(all.contains("การประชุมทั้ง 7 ครั้งมีข้อมูลครบ"), "{all}");
    assert!(all.contains("การประชุมทั้ง 2 ครั้งมีข้อมูลครบ"), "{all}");
    let ita3 = s.page("public/ita/page/3/index.html");
    assert_eq!(texts(&ita3, "section.ita-year tbody th.title a"), ["ประชุมที่ 5", "ประชุมที่ 6", "ประชุมที่ 7"]);
    assert_eq!(texts(&ita3, "section.ita-year h2").len(), 1, "only the year with rows there");

    // 2 + 2 ITA pages and year pages … past 4 URLs the sitemap is an index of sitemaps
    // of at most 4 URLs each, which together list every page once, the new ones too.
    let index = s.read("public/sitemap.xml");
    assert!(index.contains("<sitemapindex"), "{index}");
    let parts = xml_texts(&index, "loc");
    assert_eq!(parts[0], "https://www.example.go.th/ita/sitemap-1.xml");
    let mut locs = Vec::new();
    for (n, part) in parts.iter().enumerate() {
        let file = format!("public/sitemap-{}.xml", n + 1);
        assert_eq!(part, &format!("https://www.example.go.th/ita/sitemap-{}.xml", n + 1));
        let these = xml_texts(&s.read(&file), "loc");
        assert!(!these.is_empty() && these.len() <= 4, "{file}: {these:?}");
        locs.extend(these);
    }
    assert!(!s.path(&format!("public/sitemap-{}.xml", parts.len() + 1)).exists());
    for want in ["", "ita/", "ita/page/3/", "2567/", "2567/page/2/", "2567/page/3/", "2568/", "2568/n2/"] {
        let want = format!("https://www.example.go.th/ita/{want}");
        assert_eq!(locs.iter().filter(|l| **l == want).count(), 1, "{want} in {locs:?}");
    }

    // Per-year data beside the whole site's, which stays where it was.
    let whole: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings.json")).unwrap();
    assert_eq!(whole["meetings"].as_array().unwrap().len(), 9);
    let y: serde_json::Value = serde_json::from_str(&s.read("public/data/meetings-2568.json")).unwrap();
    let titles: Vec<_> =
        y["meetings"].as_array().unwrap().iter().map(|m| m["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["ปีหน้าหนึ่ง", "ปีหน้าสอง"]);

    // Below the limits, one sitemap as before.
    let r = build_split(&s, "500", "50000");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(s.read("public/sitemap.xml").contains("<urlset"));
    assert!(!s.path("public/2567/page").exists(), "pages of the split table are gone");
}

/// The text of every `tag` element of an XML document.
fn xml_texts(xml: &str, tag: &str) -> Vec<String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    let mut inside = false;
    loop {
        match r.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == tag => inside = true,
            quick_xml::events::Event::Text(t) if inside => {
                out.push(t.into_inner().into_owned());
                inside = false
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    out
}
