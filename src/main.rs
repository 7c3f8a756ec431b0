//! The command line: parses arguments and hands them to the commands in `cmd/`, which
//! run the library and print what it returns.

mod cmd;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use cmd::check::Format;
use prongsai::site::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "prongsai",
    version,
    about = "prongsai (โปร่งใส): เว็บไซต์เปิดเผยข้อมูลการมีส่วนร่วมของ อปท. จากไฟล์ Markdown"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// โฟลเดอร์ของเว็บไซต์ (ที่มี site.yaml)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// รวมการประชุมที่เป็น draft: true ด้วย
    #[arg(long)]
    drafts: bool,
}

#[derive(Subcommand)]
enum Command {
    /// สร้างเว็บไซต์ลงโฟลเดอร์ public/
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// โฟลเดอร์ผลลัพธ์ (ค่าเริ่มต้น: <root>/public)
        #[arg(long)]
        output: Option<PathBuf>,
        /// ใช้ base_url นี้แทนค่าใน site.yaml
        #[arg(long)]
        base_url: Option<String>,
        /// ถือว่าคำเตือนเป็นข้อผิดพลาด
        #[arg(long)]
        strict: bool,
        /// สร้างใหม่ทุกครั้งที่ไฟล์เปลี่ยน (ไม่เปิดเซิร์ฟเวอร์)
        #[arg(long)]
        watch: bool,
        /// ตรวจการเปลี่ยนแปลงด้วยการวนดูไฟล์ (สำหรับไดรฟ์เครือข่าย/WSL)
        #[arg(long, requires = "watch")]
        poll: bool,
    },
    /// เปิดดูเว็บไซต์ในเบราว์เซอร์ขณะแก้ไข (สร้างใหม่และรีโหลดเองเมื่อบันทึก)
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// ที่อยู่ที่รับการเชื่อมต่อ
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// พอร์ต (0 = เลือกพอร์ตว่างให้เอง)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// ตรวจการเปลี่ยนแปลงด้วยการวนดูไฟล์ (สำหรับไดรฟ์เครือข่าย/WSL)
        #[arg(long)]
        poll: bool,
    },
    /// ตรวจไฟล์ทั้งหมดโดยไม่เขียนอะไร
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// ถือว่าคำเตือนเป็นข้อผิดพลาด
        #[arg(long)]
        strict: bool,
        /// รูปแบบรายงาน
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
    },
    /// สร้างเว็บไซต์ใหม่พร้อม site.yaml การประชุมตัวอย่าง และหน้าข้อมูล ITA ตัวอย่าง
    Init {
        /// โฟลเดอร์ที่จะสร้าง
        dir: PathBuf,
    },
    /// สร้างไฟล์การประชุมใหม่ที่มีทุกช่องพร้อมกรอก หรือหน้าเปิดเผยข้อมูลของรายการ OIT (--ita)
    New {
        /// ชื่อการประชุม (ไม่ต้องใส่เมื่อใช้ --ita)
        #[arg(required_unless_present = "ita")]
        title: Option<String>,
        /// วันที่ประชุม เช่น 2567-10-20 หรือ "20 ตุลาคม 2567"
        #[arg(long, required_unless_present = "ita")]
        date: Option<String>,
        /// ส่วนท้ายของ URL (ค่าเริ่มต้น: จากชื่อการประชุม)
        #[arg(long)]
        slug: Option<String>,
        /// สถานที่
        #[arg(long)]
        venue: Option<String>,
        /// สร้างหน้าเปิดเผยข้อมูลของรายการ OIT แทนการประชุม เช่น --ita O5 (เขียนที่ content/<ปี>/ita/o5.md)
        #[arg(long, value_name = "รหัส", conflicts_with_all = ["title", "date", "slug", "venue"])]
        ita: Option<String>,
        /// ปีประเมิน ITA (พ.ศ.) ของ --ita เช่น 2569 (ค่าเริ่มต้น: ปีประเมินปัจจุบัน)
        #[arg(long, requires = "ita")]
        year: Option<i32>,
        /// โฟลเดอร์ของเว็บไซต์
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// ส่งเว็บไซต์ขึ้นโฮสต์ของหน่วยงาน (ftp://, ftps://, sftp:// หรือโฟลเดอร์) เฉพาะไฟล์ที่เปลี่ยน
    Publish {
        /// โฟลเดอร์ของเว็บไซต์
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// ปลายทางแทน publish.to ใน site.yaml เช่น ftps://webmaster@www.example.go.th/public_html/ita หรือ Z:\ita
        #[arg(long)]
        to: Option<String>,
        /// แสดงรายการที่จะส่งและลบ โดยไม่ส่งอะไร
        #[arg(long)]
        dry_run: bool,
        /// ยืนยันการเขียนทับโฟลเดอร์ที่มีไฟล์อยู่แล้ว และการลบหน้าของปีที่ผ่านมา
        #[arg(long)]
        yes: bool,
    },
    /// นำเข้ารายงานจาก Word (.docx), LibreOffice (.odt) หรือข้อความ (.txt) เป็นไฟล์การประชุม
    Import {
        /// ไฟล์รายงาน (ได้หลายไฟล์)
        #[arg(required = true)]
        reports: Vec<PathBuf>,
        /// โฟลเดอร์ของเว็บไซต์
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// คัดลอกรายงานไปไว้ที่ static/files/<ปีงบประมาณ>/ และใส่ไว้ใน attachments
        #[arg(long)]
        attach: bool,
        /// เขียนทับไฟล์การประชุมที่มีอยู่แล้ว
        #[arg(long)]
        force: bool,
    },
    /// เขียนคู่มือภาษาไทยเป็นไฟล์ HTML ไฟล์เดียว (สำหรับชุดดาวน์โหลด scripts/dist.sh)
    #[command(hide = true)]
    GuideHtml {
        /// ไฟล์ที่จะเขียน
        output: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

fn options(site: &SiteArgs) -> BuildOptions {
    let mut o = BuildOptions::new(&site.root);
    o.drafts = site.drafts;
    o.today = Some(prongsai::calendar::today());
    o
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    // No arguments at all is how a double-click starts a program (src/cmd/start.rs).
    if args.len() == 1 {
        return match cmd::start::site_here() {
            Some(root) => {
                let bind = "127.0.0.1";
                cmd::serve::serve(
                    options(&SiteArgs { root, drafts: false }),
                    bind,
                    cmd::start::PORT,
                    false,
                    true,
                )
            }
            None => cmd::start::create(prongsai::calendar::today()),
        };
    }
    let command = cmd::usage::localise(Cli::command());
    let cli = match command.clone().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => cli,
        Err(e) => return cmd::usage::fail(e, &command, &args),
    };
    let root = match &cli.command {
        Command::Build { site, .. } | Command::Serve { site, .. } | Command::Check { site, .. } => {
            Some(&site.root)
        }
        Command::New { root, .. } | Command::Import { root, .. } | Command::Publish { root, .. } => {
            Some(root)
        }
        Command::Init { .. } | Command::GuideHtml { .. } => None,
    };
    if let Some(Err(code)) = root.map(|r| cmd::check_root(r)) {
        return code;
    }
    match cli.command {
        Command::Build { site, output, base_url, strict, watch, poll } => {
            if let Some(Err(code)) = base_url.as_deref().map(cmd::check_base_url) {
                return code;
            }
            let mut o = options(&site);
            if let Some(out) = output {
                o.output = out;
            }
            o.base_url = base_url;
            o.strict = strict;
            if watch { cmd::serve::watch_build(o, poll) } else { cmd::build::run(o) }
        }
        Command::Serve { site, bind, port, poll } => {
            cmd::serve::serve(options(&site), &bind, port, poll, false)
        }
        Command::Check { site, strict, format } => {
            let mut o = options(&site);
            o.strict = strict;
            let format = match format {
                FormatArg::Human => Format::Human,
                FormatArg::Json => Format::Json,
            };
            cmd::check::run(o, format)
        }
        Command::Init { dir } => cmd::init::run(&dir),
        Command::GuideHtml { output } => cmd::guide::run(&output),
        Command::New { ita: Some(code), year, root, .. } => cmd::new::run_ita(cmd::new::NewDisclosure {
            root,
            code,
            year,
            today: prongsai::calendar::today(),
        }),
        Command::New { title, date, slug, venue, root, .. } => cmd::new::run(cmd::new::NewMeeting {
            root,
            // clap requires both without --ita
            title: title.unwrap_or_default(),
            date: date.unwrap_or_default(),
            slug,
            venue,
        }),
        Command::Publish { root, to, dry_run, yes } => cmd::publish::run(cmd::publish::Publish {
            root,
            to,
            dry_run,
            yes,
            today: prongsai::calendar::today(),
        }),
        Command::Import { reports, root, attach, force } => {
            cmd::import::run(cmd::import::Import { root, reports, attach, force })
        }
    }
}
