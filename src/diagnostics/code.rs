//! The stable code of every kind of problem: `PS0302` (`duplicate-role`).
//!
//! The number and the name never change once released, so that a user can look one up
//! in `docs/design.md` or the Thai guide, and a script can match it in `--format json`;
//! the Thai message may be reworded. Numbers are grouped by where the problem is:
//! PS00xx files, PS01xx front matter and YAML, PS02xx dates and URLs, PS03xx numbers
//! of attendees, PS04xx attachments, PS05xx ITA readiness, PS06xx `site.yaml`,
//! PS07xx theme and output, PS08xx `import` of reports, PS09xx drafts,
//! PS11xx `publish` to a host.

/// Declares the codes: each with its number, a short name and what it means. The number
/// and the name are stable (a user may search for them, a script may match them); the
/// Thai message can be reworded.
macro_rules! codes {
    ($( $(#[doc = $doc:literal])+ $variant:ident = $id:literal, $name:literal; )*) => {
        /// Every kind of problem prongsai reports, with a stable code (`PS0302`) and name
        /// (`duplicate-role`), printed with each message and listed in `docs/design.md`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])+ $variant, )*
        }

        impl Code {
            /// Every code, in the order of their numbers.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// `PS0302`.
            pub fn id(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// `duplicate-role`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// What the code means, in a line (from its doc comment).
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),+).trim_ascii(),)* }
            }
        }
    };
}

codes! {
    // PS00xx: files and folders
    /// No `content/` folder: the site has no meetings yet.
    NoContent = "PS0001", "no-content";
    /// A file or folder could not be read (permissions, not a regular file, I/O error).
    Unreadable = "PS0002", "unreadable";
    /// A file larger than prongsai reads (64 MB).
    TooLarge = "PS0003", "file-too-large";
    /// A file that is not UTF-8 text (TIS-620, a binary file, NUL characters).
    NotUtf8 = "PS0004", "not-utf8";
    /// A UTF-16 file (Notepad's "Unicode"), read after converting it.
    Utf16 = "PS0005", "utf16";
    /// A symbolic link that loops back to a folder above it.
    LinkLoop = "PS0006", "symlink-loop";
    /// A symbolic link that leads outside the site folder, not followed.
    LinkOutside = "PS0007", "symlink-outside";
    /// No `site.yaml` in the site folder.
    NoConfig = "PS0008", "no-site-yaml";
    /// More problems in one file than are shown.
    MoreProblems = "PS0009", "more-problems";
    /// A file changed while the site was being built from it: build again.
    FileChanged = "PS0010", "file-changed";

    // PS01xx: front matter and YAML
    /// A meeting file that does not start with a `---` line.
    NoFrontMatter = "PS0101", "no-front-matter";
    /// Front matter opened with `---` and never closed.
    UnclosedFrontMatter = "PS0102", "unclosed-front-matter";
    /// YAML that cannot be read (syntax).
    YamlSyntax = "PS0103", "yaml-syntax";
    /// Front matter or `site.yaml` that is not a map of `key: value`.
    NotAMap = "PS0104", "not-a-map";
    /// A key prongsai does not know (a typo, usually).
    UnknownKey = "PS0105", "unknown-key";
    /// A value of the wrong kind (a list where text is expected, ...).
    WrongType = "PS0106", "wrong-type";
    /// A required field is missing.
    MissingField = "PS0107", "missing-field";
    /// A required field is empty.
    EmptyField = "PS0108", "empty-field";
    /// A tab in the indentation of a YAML line (YAML indents with spaces only).
    YamlTab = "PS0110", "yaml-tab";
    /// No space after the colon of `key:value` (`venue:ห้องประชุม`).
    YamlMissingSpace = "PS0111", "yaml-missing-space";
    /// A quote `"` or `'` opened and not closed.
    YamlUnclosedQuote = "PS0112", "yaml-unclosed-quote";
    /// The same key twice in one mapping.
    YamlDuplicateKey = "PS0113", "yaml-duplicate-key";
    /// `: ` inside an unquoted value (`title: ประชุม: แผน`).
    YamlColonInValue = "PS0114", "yaml-colon-in-value";
    /// A line indented unlike the others of its group (a list item, a `count:`).
    YamlIndentation = "PS0115", "yaml-indentation";
    /// A `[` or `{` opened and not closed.
    YamlUnclosedBracket = "PS0116", "yaml-unclosed-bracket";
    /// A `---` line inside the front matter or `site.yaml`.
    YamlStrayFence = "PS0117", "yaml-stray-fence";
    /// A value starting with a character YAML reserves (`*`, `&`, `!`, `@`, `` ` ``, `%`, `|`, `>`).
    YamlSpecialStart = "PS0118", "yaml-special-start";
    /// A meeting without `venue`: the page says the venue was not given.
    NoVenue = "PS0120", "no-venue";
    // PS02xx: dates, times, years and URLs
    /// A date in none of the accepted forms.
    BadDate = "PS0201", "bad-date";
    /// A date whose year is outside B.E. 2400–2942.
    DateOutOfRange = "PS0202", "date-out-of-range";
    /// A day that does not exist (30 กุมภาพันธ์, month 13).
    NoSuchDay = "PS0203", "no-such-day";
    /// The weekday written with a date is not that date's weekday.
    WeekdayMismatch = "PS0204", "weekday-mismatch";
    /// A time that cannot be read.
    BadTime = "PS0205", "bad-time";
    /// `fiscal_year` does not match the date's fiscal year.
    FiscalYearMismatch = "PS0206", "fiscal-year-mismatch";
    /// A meeting dated after today (ITA scores what was done).
    FutureDate = "PS0207", "future-date";
    /// A slug with characters a URL part may not have.
    BadSlug = "PS0208", "bad-slug";
    /// No slug can be made from the file name.
    NoSlug = "PS0209", "no-slug";
    /// Two meetings of one fiscal year with one slug (one URL).
    DuplicateUrl = "PS0210", "duplicate-url";
    /// A meeting over several days whose last day comes before its first.
    DateEndBeforeStart = "PS0211", "date-end-before-start";
    /// A date more than one fiscal year after the current one (a typed year: 2658 for 2568).
    DateFarFuture = "PS0212", "date-far-future";
    /// A date in numbers not day/month/year: a month above 12 (`17/13/2567`) or the year first with `/`.
    NumericDateOrder = "PS0213", "numeric-date-order";
    /// A date in numbers whose year cannot be read (three digits; two digits after `-`).
    NumericDateYear = "PS0214", "numeric-date-year";
    /// An English month name (`20 October 2023`): months are read in Thai.
    EnglishMonth = "PS0215", "english-month";
    /// A word where the month goes that is no Thai month name (`ตุลา`).
    UnknownMonth = "PS0216", "unknown-month";
    /// A date with a day and month but no year.
    DateNoYear = "PS0217", "date-no-year";
    /// A last day given twice: a range in `date` and `date_end` too.
    DateEndTwice = "PS0218", "date-end-twice";
    // PS03xx: attendees and numbers
    /// A count, total or year that is not a whole number ≥ 0.
    NotAWholeNumber = "PS0301", "not-a-whole-number";
    /// The same role listed twice in one meeting (counts are summed).
    DuplicateRole = "PS0302", "duplicate-role";
    /// `attendees_total` differs from the sum of the listed counts.
    TotalMismatch = "PS0303", "total-mismatch";
    /// With `role_groups` set, a role in no group (counted under "other roles").
    RoleNotInGroup = "PS0304", "role-not-in-group";
    // PS04xx: attachments
    /// An attachment path that leaves `static/`.
    AttachmentOutside = "PS0401", "attachment-outside-static";
    /// An attachment that is not in `static/`.
    AttachmentMissing = "PS0402", "attachment-missing";
    // PS05xx: ITA readiness
    /// No topics of participation (`topics`).
    ItaNoTopics = "PS0501", "ita-no-topics";
    /// No summary of who took part (`attendees` or `attendees_total`).
    ItaNoAttendees = "PS0502", "ita-no-attendees";
    /// No section with the results of participation.
    ItaNoResults = "PS0503", "ita-no-results";
    /// No section on how the results were used.
    ItaNoUsage = "PS0504", "ita-no-usage";
    /// The example meeting `init` wrote (`example: true`), not yet replaced by a real one.
    ExampleMeeting = "PS0505", "example-meeting";
    /// A value left as a template leaves it (`ระบุสถานที่…`, `...`): to be filled in.
    PlaceholderValue = "PS0506", "placeholder-value";
    /// `ita_item` that is not an OIT code (`O` and a number).
    BadItaItem = "PS0507", "bad-ita-item";
    /// `ita_item` not in the registry of the page's year (the page is still built).
    UnknownItaItem = "PS0508", "unknown-ita-item";
    /// An OIT item of the current assessment year with no page yet.
    ItaItemMissing = "PS0509", "ita-item-missing";
    /// A disclosure page with nothing to show (no text, attachment or link).
    ItaPageIncomplete = "PS0510", "ita-page-incomplete";
    /// Two published disclosure pages for the same year and item (one URL).
    DuplicateItaPage = "PS0511", "duplicate-ita-page";
    /// A `links` URL that is not a valid `https://` URL.
    BadLinkUrl = "PS0512", "bad-link-url";
    // PS06xx: site.yaml
    /// `base_url` that is not an absolute http(s) URL.
    BadBaseUrl = "PS0601", "bad-base-url";
    /// No `base_url`: feed and sitemap links have no host.
    NoBaseUrl = "PS0602", "no-base-url";
    /// `numerals` other than arabic or thai.
    BadNumerals = "PS0603", "bad-numerals";
    /// A theme name with characters a folder name may not have.
    BadThemeName = "PS0604", "bad-theme-name";
    /// `role_groups` that is not a list of groups with names and roles.
    BadRoleGroups = "PS0605", "bad-role-groups";
    /// A role in two groups (counted in the first).
    RoleInTwoGroups = "PS0606", "role-in-two-groups";
    /// `ita` that is not a map of fiscal years to items.
    BadIta = "PS0607", "bad-ita";
    /// `ita_headings` that is not {results: [...], usage: [...]}.
    BadItaHeadings = "PS0608", "bad-ita-headings";
    /// A site's OIT registry file (`ita/<year>.yaml`) that cannot be used as written.
    BadRegistry = "PS0609", "bad-ita-registry";
    // PS07xx: theme and output
    /// The theme named in `site.yaml` is not there.
    NoTheme = "PS0701", "no-theme";
    /// A template that cannot be parsed or rendered.
    Template = "PS0702", "template";
    /// An output file that could not be written.
    WriteFailed = "PS0703", "write-failed";
    // PS08xx: import of reports
    /// A report that is a PDF, an image or an old `.doc`: nothing to read as text.
    ImportNotAReport = "PS0801", "import-not-a-report";
    /// A `.docx` or `.odt` that is not a readable zip archive.
    ImportNotZip = "PS0802", "import-not-zip";
    /// A zip archive that expands far beyond any report (a zip bomb), not read.
    ImportZipBomb = "PS0803", "import-zip-bomb";
    /// XML with a DOCTYPE (entity expansion), not read.
    ImportDocType = "PS0804", "import-doctype";
    /// XML inside a report that cannot be parsed.
    ImportBadXml = "PS0805", "import-bad-xml";
    /// A report file larger than any report (text over 2 MB, a file over 20 MB).
    ImportTooLarge = "PS0806", "import-too-large";
    /// A text report that is neither UTF-8, UTF-16 nor TIS-620.
    ImportNotText = "PS0807", "import-not-text";
    /// A report without a date of the meeting: no file can be named.
    ImportNoDate = "PS0808", "import-no-date";
    /// The meeting file exists already and `--force` was not given: nothing written.
    ImportExists = "PS0809", "import-exists";
    /// A field not found in the report, left blank in the meeting file.
    ImportFieldMissing = "PS0810", "import-field-missing";
    /// Two different values for one field in the report; the first is used.
    ImportTwoCandidates = "PS0811", "import-two-candidates";
    /// A date in the report's prose or header that disagrees with the item's date.
    ImportDateDisagrees = "PS0812", "import-date-disagrees";
    /// A field read from the report's sentences (not from a label): to check by hand.
    ImportFromProse = "PS0813", "import-from-prose";
    // PS09xx: drafts
    /// A draft (`draft: true`) with errors, left out of the site (without `--drafts`).
    DraftNotBuilt = "PS0901", "draft-not-built";
    // PS11xx: publish to a host
    /// No place to publish to: neither `--to` nor `publish.to` in `site.yaml`.
    PublishNoTarget = "PS1101", "publish-no-target";
    /// A `publish.to` (or `--to`) that is neither an ftp/ftps/sftp URL nor a folder.
    PublishBadTarget = "PS1102", "publish-bad-target";
    /// A password written in `site.yaml` (`publish.password`): refused, never used.
    PublishPasswordInConfig = "PS1103", "publish-password-in-config";
    /// The site is still the example of `init` (its `base_url`, or `example: true` pages).
    PublishExampleSite = "PS1104", "publish-example-site";
    /// A change that needs `--yes`: a non-empty folder without a manifest, or removing pages of a past fiscal year.
    PublishNeedsYes = "PS1105", "publish-needs-yes";
    /// The host refused the user name or password (or the key).
    PublishLoginFailed = "PS1106", "publish-login-failed";
    /// The folder on the host does not exist.
    PublishNoFolder = "PS1107", "publish-no-folder";
    /// The host's certificate or host key is not the one pinned in `site.yaml` (or none is pinned).
    PublishNotTrusted = "PS1108", "publish-not-trusted";
    /// The host's disk is full.
    PublishDiskFull = "PS1109", "publish-disk-full";
    /// The connection to the host was lost or timed out; the next publish completes this one.
    PublishConnectionLost = "PS1110", "publish-connection-lost";
    /// The host refused a write (a read-only folder, no permission).
    PublishRefused = "PS1111", "publish-refused";
    /// `ftp://` sends the password and the files unencrypted.
    PublishClearText = "PS1112", "publish-clear-text";
    /// The manifest on the host cannot be read: prongsai will not guess which files are its own.
    PublishBadManifest = "PS1113", "publish-bad-manifest";
    /// The host does not keep Thai file names as UTF-8 (a server using CP874).
    PublishNamesNotUtf8 = "PS1114", "publish-names-not-utf8";
}
