//! Search with no server: `build` writes `search/index.json` (every meeting's words, Thai
//! cut into words), the `/search/` page and a search box on every page; `serve` keeps the
//! index current; and in real headless Chromium `/search/?q=` finds meetings by a word
//! inside a Thai compound, by B.E. year, by role, and says ไม่พบ for a word that is in
//! none of them.

mod support;

use fantoccini::{Client, Locator};
use scraper::Selector;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use support::browser::Browser;
use support::*;

/// A meeting whose roles include the water-supply committee, and whose body mentions a
/// name, English and Thai digits.
const WATER: &str = "content/2568/2568-05-16-water.md";
const WATER_TITLE: &str = "ประชุมรับฟังความคิดเห็นโครงการขยายเขตท่อส่งน้ำ บ้านดอนแดง";

fn water_meeting(extra_body: &str) -> String {
    format!(
        "---\ntitle: {WATER_TITLE}\ndate: 2568-05-16\nvenue: ศาลาประชาคมบ้านดอนแดง\ntopics:\n  - แนววางท่อ\nattendees:\n  - role: ผู้แทนคณะกรรมการประปาหมู่บ้าน\n    count: 5\n  - role: ประชาชน\n    count: 40\n---\n\n## ผลจากการมีส่วนร่วม\n\nนายสมชาย ใจดี ชี้แจงแนวท่อริมถนนผ่าน Zoom งบประมาณ ๔๘๐,๐๐๐ บาท{extra_body}\n\n## การนำผลของการมีส่วนร่วมไปปรับปรุงพัฒนาการดำเนินงาน\n\nนำไปใช้\n"
    )
}

fn search_site() -> TestSite {
    TestSite::new()
        .yaml("  - name: ชุมชน\n    external: true\n    roles: [ผู้แทนคณะกรรมการประปาหมู่บ้าน]\n")
        .with_three_meetings()
        .meeting("2568/2568-05-16-water.md", &water_meeting(""))
}

/// The index read back whole: its entry, every page's `[url, title, meta, excerpt]`, and
/// each word's pages and positions.
struct Index {
    entry: serde_json::Value,
    docs: Vec<serde_json::Value>,
    words: BTreeMap<String, (String, String)>,
}

/// One page of a word's postings: where it is (mask) and its positions.
#[derive(Debug)]
struct Posting {
    url: String,
    mask: u32,
    positions: Vec<u32>,
}

impl Index {
    fn read(site: &TestSite) -> Index {
        let entry: serde_json::Value =
            serde_json::from_str(&site.read("public/search/index.json")).expect("the entry is JSON");
        let mut docs = Vec::new();
        for c in entry["chunks"].as_array().unwrap() {
            let chunk: serde_json::Value =
                serde_json::from_str(&site.read(&format!("public/search/c/{}.json", c.as_str().unwrap())))
                    .unwrap();
            docs.extend(chunk.as_array().unwrap().iter().cloned());
        }
        let mut words = BTreeMap::new();
        let mut firsts = Vec::new();
        for p in entry["parts"].as_array().unwrap() {
            firsts.push(p[0].as_str().unwrap().to_string());
            let read = |dir: &str, name: &serde_json::Value| -> Vec<serde_json::Value> {
                let path = format!("public/search/{dir}/{}.json", name.as_str().unwrap());
                serde_json::from_str::<serde_json::Value>(&site.read(&path))
                    .unwrap()
                    .as_array()
                    .unwrap()
                    .clone()
            };
            let (part, at) = (read("p", &p[1]), read("q", &p[2]));
            assert_eq!(part.len(), at.len(), "positions beside each part");
            for (item, pos) in part.iter().zip(&at) {
                let w = item[0].as_str().unwrap().to_string();
                assert_eq!(pos[0], item[0]);
                // Every word is in the part its first word says.
                assert!(&w >= firsts.last().unwrap(), "{w} in the part of {:?}", firsts.last());
                words
                    .insert(w, (item[1].as_str().unwrap().to_string(), pos[1].as_str().unwrap().to_string()));
            }
        }
        Index { entry, docs, words }
    }

    fn urls(&self) -> Vec<&str> {
        self.docs.iter().map(|d| d[0].as_str().unwrap()).collect()
    }

    /// The pages of `word`, decoded.
    fn postings(&self, word: &str) -> Vec<Posting> {
        const ALPHABET: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
        let Some((pages, at)) = self.words.get(word) else { return vec![] };
        fn reader(s: &str) -> impl FnMut() -> Option<u32> + '_ {
            let mut digits = s.bytes().map(|b| ALPHABET.bytes().position(|a| a == b).unwrap() as u32);
            move || {
                let (mut v, mut shift) = (0, 0);
                loop {
                    let d = digits.next()?;
                    if d >= 32 {
                        v |= (d - 32) << shift;
                        shift += 5;
                    } else {
                        return Some(v | d << shift);
                    }
                }
            }
        }
        let (mut num, mut pos) = (reader(pages), reader(at));
        let (mut out, mut next) = (vec![], 0);
        while let Some(gap) = num() {
            let doc = next + gap - 1;
            next = doc + 1;
            let mask = num().unwrap();
            let n = pos().unwrap();
            let mut at = 0;
            let positions = (0..n)
                .map(|_| {
                    at += pos().unwrap();
                    at
                })
                .collect();
            out.push(Posting { url: self.urls()[doc as usize].to_string(), mask, positions });
        }
        out
    }

    /// The urls of the pages with `word`, in title, shown and body.
    fn word(&self, word: &str) -> [Vec<String>; 3] {
        let p = self.postings(word);
        std::array::from_fn(|k| p.iter().filter(|p| p.mask & (1 << k) != 0).map(|p| p.url.clone()).collect())
    }
}

const WATER_URL: &str = "2568/water/";

#[test]
fn the_index_holds_every_meetings_words_by_where_they_are() {
    let site = search_site();
    let draft =
        meeting("ประชุมฉบับร่างลับเฉพาะ", "2567-07-01", CITIZENS_12).replace("---\n\n", "draft: true\n---\n\n");
    site.write("content/2567/2567-07-01-draft.md", &draft);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let idx = Index::read(&site);
    assert_eq!(idx.entry["version"], 2);
    // Every published meeting once, in the site's order; no draft.
    assert_eq!(idx.urls(), ["2567/road/", "2567/plan/", "2567/dengue/", WATER_URL]);
    let water = &idx.docs[3];
    assert_eq!(water[1], WATER_TITLE);
    assert_eq!(water[2], "16 พฤษภาคม 2568 · ปีงบประมาณ พ.ศ. 2568");
    assert!(water[3].as_str().unwrap().starts_with("ผลจากการมีส่วนร่วม นายสมชาย ใจดี"), "{}", water[3]);
    assert!(idx.word("ลับเฉพาะ").iter().all(Vec::is_empty), "a draft's words are not searchable");

    // A word inside a Thai compound (the role), by itself.
    let [title, shown, body] = idx.word("ประปา");
    assert!(title.is_empty() && body.is_empty());
    assert_eq!(shown, [WATER_URL]);
    // The title's words are title words; the venue's and topics' are shown.
    assert_eq!(idx.word("ขยาย")[0], [WATER_URL]);
    assert_eq!(idx.word("ศาลา")[1], [WATER_URL], "{:?}", idx.word("ศาลา"));
    // Years: the fiscal year and the date's year are both words of what is shown.
    assert_eq!(idx.word("2568")[1], [WATER_URL]);
    assert_eq!(idx.word("2567")[1], ["2567/road/", "2567/plan/", "2567/dengue/"]);
    // Body: Thai digits as Arabic, English in lower case, a name.
    assert_eq!(idx.word("480,000")[2], [WATER_URL], "{:?}", idx.word("480,000"));
    assert_eq!(idx.word("zoom")[2], [WATER_URL]);
    assert_eq!(idx.word("สมชาย")[2], [WATER_URL]);
    // A role shared by all: every meeting.
    assert_eq!(idx.word("ประชาชน")[1].len(), 4);

    // Positions: the words of the body in their order, one after the other.
    let at = |w: &str| idx.postings(w).into_iter().find(|p| p.url == WATER_URL).unwrap().positions;
    let (a, b) = (at("สมชาย"), at("ใจดี"));
    assert!(a.iter().any(|p| b.contains(&(p + 1))), "{a:?} {b:?}");

    // The same site gives the same bytes, and names each file by its content.
    let files = |site: &TestSite| {
        let mut all = vec![site.read("public/search/index.json")];
        for dir in ["p", "q", "c"] {
            let mut names: Vec<_> = std::fs::read_dir(site.path(&format!("public/search/{dir}")))
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            all.extend(names);
        }
        all
    };
    let first = files(&site);
    assert_eq!(site.build().code, 0);
    assert_eq!(files(&site), first);
    // An edit of one body changes the entry and the chunk and parts it touches, not the rest.
    site.write(WATER, &water_meeting(" และปลูกมะพร้าว"));
    assert_eq!(site.build().code, 0);
    let second = files(&site);
    assert_ne!(second[0], first[0]);
    assert_ne!(second[1..], first[1..], "new content, new names");
    assert!(Index::read(&site).words.contains_key("มะพร้าว"));
}

#[test]
fn every_page_has_a_search_box_and_the_search_page_says_it_needs_javascript() {
    let site = search_site();
    assert_eq!(site.build().code, 0);
    let form = Selector::parse("header form[role=search]").unwrap();
    for page in
        ["public/index.html", "public/2567/index.html", "public/2567/road/index.html", "public/404.html"]
    {
        let html = site.page(page);
        let f = html.select(&form).next().unwrap_or_else(|| panic!("no search box on {page}"));
        assert_eq!(f.value().attr("action"), Some("/ita/search/"), "{page}");
        assert_eq!(f.value().attr("method"), Some("get"), "{page}");
        let input = f.select(&Selector::parse("input[name=q]").unwrap()).next().unwrap();
        let id = input.value().attr("id").unwrap();
        let label = Selector::parse(&format!("label[for={id}]")).unwrap();
        assert!(f.select(&label).next().is_some(), "the box on {page} is labelled");
        // Every other page works without JavaScript: no script on it.
        assert!(html.select(&Selector::parse("script").unwrap()).next().is_none(), "{page}");
    }
    let html = site.page("public/search/index.html");
    let sel = |s: &str| Selector::parse(s).unwrap();
    assert!(
        html.select(&sel("header form[role=search]")).next().is_none(),
        "one search form on its own page"
    );
    let noscript = html.select(&sel("noscript")).next().expect("a <noscript> note");
    assert!(noscript.inner_html().contains("JavaScript"), "{}", noscript.inner_html());
    let status = html.select(&sel("#search-status")).next().unwrap();
    assert_eq!(status.value().attr("aria-live"), Some("polite"));
    assert!(html.select(&sel("label[for=search-q]")).next().is_some());
    let form = html.select(&sel("#search-form")).next().unwrap();
    assert_eq!(form.value().attr("data-index"), Some("/ita/search/index.json"));
    let script = html.select(&sel("script[src]")).next().unwrap();
    assert_eq!(script.value().attr("src"), Some("/ita/js/search.js"));
    assert!(site.path("public/js/search.js").is_file());
}

/// The entry `serve` gives once its parts hold `needle`, and the parts' text.
fn served_index_with(port: u16, needle: &str) -> (String, String) {
    wait_until(PATIENCE, || {
        let r = get(port, "/ita/search/index.json");
        if r.status != 200 {
            return None;
        }
        let entry: serde_json::Value = serde_json::from_str(&r.text()).ok()?;
        let mut parts = String::new();
        for p in entry["parts"].as_array()? {
            let part = get(port, &format!("/ita/search/p/{}.json", p[1].as_str()?));
            if part.status != 200 {
                return None;
            }
            parts.push_str(&part.text());
        }
        parts.contains(needle).then(|| (r.text(), parts))
    })
    .unwrap_or_else(|| panic!("the served index never held {needle}"))
}

#[test]
fn serve_keeps_the_index_current_and_equal_to_a_full_build() {
    let site = search_site();
    let server = site.serve(&[]);
    let (_, before) = served_index_with(server.port, "\"ประปา\"");
    assert!(!before.contains("\"มะพร้าว\""), "no such word yet");
    // An edit of the body only: the index is made again with its new word.
    site.write(WATER, &water_meeting(" และปลูกมะพร้าว"));
    let (after, _) = served_index_with(server.port, "\"มะพร้าว\"");
    drop(server);
    assert_eq!(site.build().code, 0);
    assert_eq!(after, site.read("public/search/index.json"), "serve's index is a full build's");
}

/// What the search page shows once it has answered `q`: the status and the result titles.
async fn results(c: &Client, q: &str) -> (String, Vec<String>) {
    let start = Instant::now();
    loop {
        let js = "var l = document.getElementById('search-results');\
                  if (l.getAttribute('data-query') !== arguments[0]) return null;\
                  return [document.getElementById('search-status').textContent,\
                          Array.from(l.querySelectorAll('h2')).map(function (h) { return h.textContent; })];";
        let v = c.execute(js, vec![serde_json::json!(q)]).await.unwrap();
        if let Some(a) = v.as_array() {
            let titles = a[1].as_array().unwrap().iter().map(|t| t.as_str().unwrap().to_string()).collect();
            return (a[0].as_str().unwrap().to_string(), titles);
        }
        assert!(start.elapsed() < PATIENCE, "the search page never answered {q}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Opens `/search/?q=` (percent-encoded) and waits for its answer.
async fn open(c: &Client, port: u16, q: &str) -> (String, Vec<String>) {
    let enc: String = percent_encode(q);
    c.goto(&format!("http://127.0.0.1:{port}/ita/search/?q={enc}")).await.unwrap();
    results(c, q).await
}

fn percent_encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// The marked words of the first result's snippet, once it came.
async fn first_snippet_marks(c: &Client) -> Vec<String> {
    let start = Instant::now();
    loop {
        let js = "var s = document.querySelector('#search-results li .snippet');\
                  return s ? Array.from(s.querySelectorAll('mark')).map(function (m) { return m.textContent; }) : null;";
        let v = c.execute(js, vec![]).await.unwrap();
        if let Some(a) = v.as_array() {
            return a.iter().map(|m| m.as_str().unwrap().to_string()).collect();
        }
        assert!(start.elapsed() < PATIENCE, "no snippet came");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Types `q` into the box of the open search page; the milliseconds the page took from
/// the last key to its results (`performance.now()` in the page).
async fn type_query(c: &Client, q: &str) -> f64 {
    let input = c.find(Locator::Id("search-q")).await.unwrap();
    input.clear().await.unwrap();
    input.send_keys(q).await.unwrap();
    results(c, q).await;
    let v = c
        .execute("return document.getElementById('search-results').getAttribute('data-ms');", vec![])
        .await
        .unwrap();
    v.as_str().unwrap().parse().unwrap()
}

/// Runs `checks` with a browser session, closing it whatever happened.
async fn with_browser<F, Fut>(checks: F)
where
    F: FnOnce(Client) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let browser = Browser::start();
    let c = browser.client(&[]).await;
    let c2 = c.clone();
    let outcome = tokio::spawn(async move { checks(c2).await }).await;
    let _ = c.close().await;
    drop(browser);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_finds_a_word_inside_a_compound_a_year_and_a_role_and_says_when_nothing_is_found() {
    let site = search_site();
    let server = site.serve(&[]);
    let port = server.port;
    with_browser(move |c| async move {
        // "ประปา" is inside "ผู้แทนคณะกรรมการประปาหมู่บ้าน", a role of one meeting only.
        let (status, titles) = open(&c, port, "ประปา").await;
        assert_eq!(titles, [WATER_TITLE], "{status}");
        assert!(status.contains("พบ 1 "), "{status}");
        // The shared link keeps the query in the box.
        let v = c.execute("return document.getElementById('search-q').value;", vec![]).await.unwrap();
        assert_eq!(v, "ประปา");

        // A B.E. year, in Arabic or Thai digits: the fiscal year's meetings.
        let (_, titles) = open(&c, port, "2567").await;
        assert_eq!(titles.len(), 3, "{titles:?}");
        assert!(!titles.contains(&WATER_TITLE.to_string()));
        let (_, thai) = open(&c, port, "๒๕๖๗").await;
        assert_eq!(thai, titles, "Thai digits find what Arabic digits find");

        // A role, and words of the body with the snippet marked.
        let (_, titles) = open(&c, port, "ผู้แทนคณะกรรมการ").await;
        assert_eq!(titles, [WATER_TITLE]);
        let (_, titles) = open(&c, port, "Zoom สมชาย").await;
        assert_eq!(titles, [WATER_TITLE]);
        let marks = first_snippet_marks(&c).await;
        assert!(marks.contains(&"Zoom".to_string()) && marks.contains(&"สมชาย".to_string()), "{marks:?}");

        // Title matches first: "ถนน" is in the road meeting's title and the water meeting's body.
        let (_, titles) = open(&c, port, "ถนน").await;
        assert_eq!(titles.first().map(String::as_str), Some("ประชุมรับฟังความคิดเห็นโครงการถนน"));

        // Nothing: the page says so.
        let (status, titles) = open(&c, port, "มะละกอ").await;
        assert!(titles.is_empty(), "{titles:?}");
        assert!(status.contains("ไม่พบ"), "{status}");

        // Typing: results come, and the address holds the query.
        type_query(&c, "ประปา").await;
        let url = c.current_url().await.unwrap();
        assert!(
            url.as_str().ends_with("/ita/search/?q=%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%9B%E0%B8%B2"),
            "{url}"
        );
    })
    .await;
    drop(server);
}

/// A meeting titled `title` whose body is `body`.
fn with_body(title: &str, date: &str, body: &str) -> String {
    meeting(title, date, CITIZENS_12).replace("\n\nผล\n\n", &format!("\n\n{body}\n\n"))
}

/// Results a person trusts: numbers whole, a Thai phrase where its words stand together
/// first, then near, not far apart; a word or a phrase with one letter wrong still found;
/// names and abbreviations the browser cuts otherwise than the index.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_browser_matches_numbers_whole_phrases_together_first_and_a_word_with_a_letter_wrong() {
    let site = TestSite::new()
        .meeting("2567/2567-01-10-m3.md", &with_body("ซ่อมถนนสายหนึ่ง", "2567-01-10", "ถนนใน หมู่ที่ 3 ชำรุด"))
        .meeting("2567/2567-01-11-m13.md", &with_body("ซ่อมถนนสายสอง", "2567-01-11", "ถนนใน หมู่ที่ 13 ชำรุด"))
        .meeting(
            "2567/2567-01-12-m30.md",
            &with_body("ซ่อมถนนสายสาม", "2567-01-12", "หมู่ที่ 30 ปี 2563 งบ 3,000 บาท"),
        )
        .meeting(
            "2567/2567-02-01-together.md",
            &with_body("จัดเวทีรับฟัง", "2567-02-01", "จัดเวทีประชาคมหมู่บ้านเพื่อทำแผนขององค์การบริหารส่วนตำบลหนองกง"),
        )
        .meeting(
            "2567/2567-02-02-apart.md",
            &with_body("ประชาคมตำบลเรื่องหมู่บ้าน", "2567-02-02", "ประชาคมตำบลพูดถึงหมู่บ้านหลายแห่ง"),
        )
        .meeting(
            "2567/2567-03-01-health.md",
            &with_body("อบรมอาสาสมัคร", "2567-03-01", "อาสาสมัครสาธารณสุขประจำหมู่บ้านเข้าร่วม"),
        )
        .meeting(
            "2567/2567-03-02-far.md",
            &with_body(
                "ประชุมคณะทำงาน",
                "2567-03-02",
                "ประชาคมตำบลเสนอให้ซ่อมแซมศาลากลางและปรับปรุงถนนสายหลักก่อนฤดูฝนปีนี้ตามที่ผู้นำชุมชนแจ้งไว้ว่าหมู่บ้านต้องการ \
                 นางสุกานดา สุทธิพัฒนกุล เป็นประธาน สมาชิกสภา อบต.หนองกง เข้าร่วม",
            ),
        );
    let server = site.serve(&[]);
    let port = server.port;
    with_browser(move |c| async move {
        // 3 is not 13, 30, 2563 nor 3,000; Thai digits alike.
        let (status, titles) = open(&c, port, "หมู่ที่ 3").await;
        assert_eq!(titles, ["ซ่อมถนนสายหนึ่ง"], "{status}");
        let (_, titles) = open(&c, port, "หมู่ที่ ๓").await;
        assert_eq!(titles, ["ซ่อมถนนสายหนึ่ง"]);
        let (_, titles) = open(&c, port, "13").await;
        assert_eq!(titles, ["ซ่อมถนนสายสอง"]);

        // Typed as one run: where the words stand together first, then where they are near
        // (a few words apart), though that one has a word in its title; not where they stand
        // far apart.
        let (status, titles) = open(&c, port, "ประชาคมหมู่บ้าน").await;
        assert_eq!(titles, ["จัดเวทีรับฟัง", "ประชาคมตำบลเรื่องหมู่บ้าน"], "{status}");
        // Far apart, but nowhere near: the page is what there is.
        let (status, titles) = open(&c, port, "ประชาคมต้องการ").await;
        assert_eq!(titles, ["ประชุมคณะทำงาน"], "{status}");
        // The same run with a letter left out (the tone mark of หมู่): the page where the
        // words stand together, as typed right.
        let (status, titles) = open(&c, port, "ประชาคมหมูบ้าน").await;
        assert_eq!(titles, ["จัดเวทีรับฟัง"], "{status}");
        // A name the browser cuts into other words than the index (สุ|กานดา, สุก|า|นด|า), and
        // an abbreviation with its dot typed against the name: as written, and written out
        // in full (องค์การบริหารส่วนตำบลหนองกง).
        let (status, titles) = open(&c, port, "สุกานดา").await;
        assert_eq!(titles, ["ประชุมคณะทำงาน"], "{status}");
        let (status, mut titles) = open(&c, port, "อบต.หนองกง").await;
        titles.sort();
        assert_eq!(titles, ["จัดเวทีรับฟัง", "ประชุมคณะทำงาน"], "{status}");

        // One letter wrong (ู for ุ; an ะ too many): still found.
        let (status, titles) = open(&c, port, "สาธารณสูข").await;
        assert_eq!(titles, ["อบรมอาสาสมัคร"], "{status}");
        let (status, titles) = open(&c, port, "สาธารณะสุข").await;
        assert_eq!(titles, ["อบรมอาสาสมัคร"], "{status}");
        // A short word with a letter wrong is another word: not found.
        let (status, titles) = open(&c, port, "ถนล").await;
        assert!(titles.is_empty(), "{status}: {titles:?}");
    })
    .await;
    drop(server);
}

/// Opened from the disk (file://), where the browser reads no index, the page says so in
/// Thai instead of waiting for ever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_search_page_opened_from_a_file_says_why_it_cannot_search() {
    let site = search_site();
    assert_eq!(site.build().code, 0);
    let page = format!("file://{}", site.path("public/search/index.html").display());
    with_browser(move |c| async move {
        c.goto(&format!("{page}?q=%E0%B8%9B%E0%B8%A3%E0%B8%B0%E0%B8%9B%E0%B8%B2")).await.unwrap();
        let start = Instant::now();
        loop {
            let v = c
                .execute("return document.getElementById('search-status').textContent;", vec![])
                .await
                .unwrap();
            let text = v.as_str().unwrap_or("").to_string();
            if text.contains("file://") {
                assert!(text.contains("prongsai serve"), "{text}");
                break;
            }
            assert!(start.elapsed() < PATIENCE, "the page never said why: {text}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    })
    .await;
}

/// [`search_site`] built with its base URL on a loopback static host under `/ita/` (as a
/// government web server keeps it in a folder), served from there; the host's port.
fn search_site_on_a_static_host() -> (TestSite, u16) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let site = search_site().base_url(&format!("http://127.0.0.1:{port}/ita/"));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let www = site.path("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::rename(site.path("public"), www.join("ita")).unwrap();
    let not_found = www.join("ita/404.html");
    std::thread::spawn(move || support::static_host::serve(listener, www, not_found));
    (site, port)
}

/// The text of the first element `css` finds, once it is there.
async fn text_of(c: &Client, css: &str) -> String {
    let start = Instant::now();
    loop {
        if let Ok(e) = c.find(Locator::Css(css)).await {
            return e.text().await.unwrap();
        }
        assert!(start.elapsed() < PATIENCE, "no {css} on {}", c.current_url().await.unwrap());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Under a sub-path, as `build` writes it and a static host serves it: a query finds its
/// page, every result links below the sub-path, and following a result opens the meeting.
/// (`tests/publish.rs` checks the example site finds its meeting there and says so in Thai
/// when the index was not uploaded.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn under_a_sub_path_a_query_finds_its_page_and_the_result_opens_it() {
    let (site, port) = search_site_on_a_static_host();
    with_browser(move |c| async move {
        // From the search box of another page, as a visitor types it.
        c.goto(&format!("http://127.0.0.1:{port}/ita/2567/")).await.unwrap();
        c.find(Locator::Id("site-search-q")).await.unwrap().send_keys("ประปา").await.unwrap();
        c.find(Locator::Css("header form[role=search] button")).await.unwrap().click().await.unwrap();
        let (status, titles) = results(&c, "ประปา").await;
        assert_eq!(titles, [WATER_TITLE], "{status}");
        let hrefs = c
            .execute(
                "return Array.from(document.querySelectorAll('#search-results a')).map(function (a) { return a.href; });",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(hrefs, serde_json::json!([format!("http://127.0.0.1:{port}/ita/2568/water/")]));
        c.find(Locator::Css("#search-results h2 a")).await.unwrap().click().await.unwrap();
        assert_eq!(text_of(&c, "main h1").await, WATER_TITLE);
        assert_eq!(c.current_url().await.unwrap().as_str(), format!("http://127.0.0.1:{port}/ita/2568/water/"));
    })
    .await;
    drop(site);
}

/// With JavaScript off (Blink's `scriptEnabled=false`, as a browser's setting does), the
/// search box still leads to the search page, which says in Thai that search needs
/// JavaScript and links every fiscal year's page, whose list holds the meetings: what the
/// guide promises (docs/guide-th.md, "การค้นหาบนเว็บไซต์").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn with_javascript_off_the_search_page_says_so_in_thai_and_links_every_year() {
    let (site, port) = search_site_on_a_static_host();
    let browser = Browser::start();
    let c = browser.client(&["--blink-settings=scriptEnabled=false"]).await;
    let c2 = c.clone();
    let outcome = tokio::spawn(async move {
        let c = c2;
        c.goto(&format!("http://127.0.0.1:{port}/ita/")).await.unwrap();
        c.find(Locator::Id("site-search-q")).await.unwrap().send_keys("ประปา").await.unwrap();
        c.find(Locator::Css("header form[role=search] button")).await.unwrap().click().await.unwrap();
        let note = text_of(&c, ".search-noscript").await;
        let url = c.current_url().await.unwrap();
        assert!(url.as_str().starts_with(&format!("http://127.0.0.1:{port}/ita/search/?q=")), "{url}");
        // Shown only because scripts are off: the note is the page's answer.
        assert!(c.find(Locator::Css(".search-noscript")).await.unwrap().is_displayed().await.unwrap());
        assert!(note.contains("การค้นหาต้องใช้ JavaScript") && note.contains("ปิดอยู่"), "{note}");
        assert!(note.contains("การประชุมปีงบประมาณ 2568") && note.contains("การประชุมปีงบประมาณ 2567"), "{note}");
        assert_eq!(text_of(&c, "#search-status").await, "", "no script ran");
        c.find(Locator::LinkText("การประชุมปีงบประมาณ 2568")).await.unwrap().click().await.unwrap();
        let list = text_of(&c, "main").await;
        assert!(list.contains(WATER_TITLE), "the year's page lists the meeting: {list}");
    })
    .await;
    let _ = c.close().await;
    drop(browser);
    drop(site);
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

/// The repository's example site, served: the meeting that mentions "ประปา" is found.
/// (How fast is measured, not tested: `measure_query_time_on_a_large_site` with
/// `PRONGSAI_SEARCH_SITE=.`.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_example_site_finds_its_water_supply_meeting() {
    let root = env!("CARGO_MANIFEST_DIR");
    let server = Server::start(&["serve", "--port", "0", "--root", root]);
    let port = server.port;
    with_browser(move |c| async move {
        let (status, titles) = open(&c, port, "ประปา").await;
        let water = "การประชุมรับฟังความคิดเห็นโครงการขยายเขตระบบประปาหมู่บ้าน บ้านดอนแดง หมู่ที่ 7";
        assert_eq!(titles.first().map(String::as_str), Some(water), "{status}: {titles:?}");
        let (_, titles) = open(&c, port, "ผู้ใหญ่บ้าน").await;
        assert!(titles.len() >= 3, "{titles:?}");
        let (status, _) = open(&c, port, "ซูชิ").await;
        assert!(status.contains("ไม่พบ"), "{status}");
    })
    .await;
    drop(server);
}

/// For the note in docs/design.md, run by hand on a large site (`gen_corpus.py /tmp/c1k
/// 1000 --site-only`; `PRONGSAI_SEARCH_SITE` names another): how long the index takes to
/// load and the results to come after typing, in headless Chromium. A measurement, not a
/// test: it exists only with `--features measure`, so the test run never needs the site.
#[cfg(feature = "measure")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn measure_query_time_on_a_large_site() {
    let root = std::env::var("PRONGSAI_SEARCH_SITE").unwrap_or_else(|_| "/tmp/c1k".into());
    assert!(
        std::path::Path::new(&root).join("site.yaml").is_file(),
        "no site at {root}: make it with `python3 scripts/bench-corpus/gen_corpus.py {root} 1000 --site-only` \
         or name one with PRONGSAI_SEARCH_SITE"
    );
    let server = Server::start(&["serve", "--port", "0", "--root", &root]);
    let (port, base) = (server.port, server.base.clone());
    with_browser(move |c| async move {
        c.goto(&format!("http://127.0.0.1:{port}{base}search/")).await.unwrap();
        results(&c, "").await;
        let v = c.execute(
            "return document.getElementById('search-results').getAttribute('data-load-ms');",
            vec![],
        );
        eprintln!("search: index fetched and read in {} ms", v.await.unwrap());
        for q in ["ประปา", "ถนน", "2567", "ผู้ใหญ่บ้าน", "งบประมาณ 2568", "ประชาคมหมู่บ้าน", "ซูชิ"]
        {
            let ms = type_query(&c, q).await;
            let (status, _) = results(&c, q).await;
            eprintln!("search: {q}: {ms} ms: {status}");
        }
    })
    .await;
    drop(server);
}

/// A theme of the site's own made before there was a search page (every template but
/// `search.html`) builds as before, without the search page or its index.
#[test]
fn a_theme_without_a_search_page_builds_without_search() {
    let site = search_site().yaml("theme: plain\n");
    let page =
        "<!doctype html><html lang=\"th\"><title>{{ page.title }}</title><h1>{{ page.title }}</h1></html>\n";
    for t in ["base.html", "index.html", "year.html", "meeting.html", "ita.html", "404.html"] {
        site.write(&format!("themes/plain/templates/{t}"), page);
    }
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/2567/road/index.html").is_file());
    assert!(!site.path("public/search").exists(), "no search without a search page");
}
