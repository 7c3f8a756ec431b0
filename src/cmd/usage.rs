//! The command line in Thai: clap's help headings and flags, and its errors (an unknown
//! flag, a missing argument, a bad value) said in Thai with the way to see the help.
//! Exit statuses stay clap's: 0 for `--help`/`--version`, 2 for bad usage.

use super::EXIT_IO;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::process::ExitCode;

/// The command clap derived, with Thai headings and Thai help for `-h` and `-V`.
pub fn localise(cmd: Command) -> Command {
    let cmd = cmd.disable_help_subcommand(true).disable_version_flag(true).arg(
        Arg::new("version").short('V').long("version").action(ArgAction::Version).help("แสดงรุ่นของโปรแกรม"),
    );
    thai_help(cmd).mut_subcommands(thai_help)
}

fn thai_help(cmd: Command) -> Command {
    // clap's template words ("Usage:", "Options:") are fixed, so the template says them.
    let mut t = String::from("{about-with-newline}\nวิธีใช้: {usage}\n");
    if cmd.has_subcommands() {
        t.push_str("\nคำสั่ง:\n{subcommands}\n");
    }
    if cmd.get_positionals().next().is_some() {
        t.push_str("\nอาร์กิวเมนต์:\n{positionals}\n");
    }
    t.push_str("\nตัวเลือก:\n{options}{after-help}");
    if cmd.has_subcommands() {
        t.push_str("\n\nดูวิธีใช้ของแต่ละคำสั่งด้วย prongsai <คำสั่ง> --help เช่น prongsai build --help");
    }
    cmd.disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("แสดงวิธีใช้"))
        .help_template(t)
}

/// Says clap's error in Thai (or prints the help it asked for) and returns the status.
pub fn fail(e: clap::Error, cmd: &Command, args: &[String]) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("error: ต้องระบุคำสั่ง เช่น prongsai build หรือ prongsai check");
            let _ = e.print();
            return ExitCode::from(EXIT_IO);
        }
        _ => {}
    }
    eprintln!("error: {}", explain(&e, cmd, args));
    if let Some(usage) = text(&e, ContextKind::Usage) {
        eprintln!("{}", usage.replacen("Usage:", "วิธีใช้:", 1));
    }
    ExitCode::from(EXIT_IO)
}

/// A context value of the error as plain text; lists joined with ", ".
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The Thai sentence for a clap error: what is wrong, a likely fix, where the help is.
pub fn explain(e: &clap::Error, cmd: &Command, args: &[String]) -> String {
    // The subcommand typed, to point at its own help.
    let sub = args.iter().skip(1).find(|a| cmd.find_subcommand(a.as_str()).is_some());
    let help = match sub {
        Some(s) => format!("prongsai {s} --help"),
        None => "prongsai --help".to_string(),
    };
    let of_sub = sub.map(|s| format!(" ของคำสั่ง {s}")).unwrap_or_default();
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let did_you_mean = |kind| text(e, kind).map(|s| format!(" หมายถึง {s} หรือไม่?")).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("ไม่รู้จักตัวเลือก {arg}{of_sub}{}", did_you_mean(ContextKind::SuggestedArg))
        }
        ErrorKind::UnknownArgument => {
            format!("มี \"{arg}\" เกินมา{of_sub} (ถ้ามีช่องว่าง ให้ครอบด้วยเครื่องหมายคำพูด \"...\")")
        }
        ErrorKind::InvalidSubcommand => {
            let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
            format!(
                "ไม่รู้จักคำสั่ง \"{}\"{} คำสั่งที่มี: {}",
                text(e, ContextKind::InvalidSubcommand).unwrap_or_default(),
                did_you_mean(ContextKind::SuggestedSubcommand),
                names.join(", ")
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let example = match sub.map(String::as_str) {
                Some("new") => {
                    " เช่น prongsai new \"ประชุมประชาคมหมู่บ้าน\" --date 2567-10-20 (หรือหน้ารายการ ITA: prongsai new --ita O5)"
                }
                Some("init") => " เช่น prongsai init เว็บไซต์-อบต",
                _ if arg.contains("--watch") => " (--poll ใช้คู่กับ --watch เท่านั้น)",
                _ => "",
            };
            let who = sub.map(|s| format!("คำสั่ง {s} ")).unwrap_or_default();
            format!("{who}ขาด {arg} ซึ่งต้องใส่{example}")
        }
        ErrorKind::MissingSubcommand => "ต้องระบุคำสั่ง เช่น prongsai build หรือ prongsai check".to_string(),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg} ต้องมีค่าตามหลัง"),
        ErrorKind::InvalidValue => {
            let valid = text(e, ContextKind::ValidValue).map(|v| format!(" ใช้ได้: {v}")).unwrap_or_default();
            format!("ค่า \"{value}\" ใช้กับ {arg} ไม่ได้{valid}")
        }
        ErrorKind::ValueValidation if arg.starts_with("--port") => {
            format!("ค่า \"{value}\" ของ --port ไม่ถูกต้อง ต้องเป็นตัวเลข 0 ถึง 65535")
        }
        ErrorKind::ValueValidation => format!("ค่า \"{value}\" ของ {arg} ไม่ถูกต้อง"),
        ErrorKind::ArgumentConflict => match text(e, ContextKind::PriorArg) {
            Some(prior) if prior != arg => format!("ใช้ {arg} ร่วมกับ {prior} ไม่ได้"),
            _ => format!("ใส่ {arg} ได้ครั้งเดียว"),
        },
        ErrorKind::InvalidUtf8 => "อาร์กิวเมนต์มีอักขระที่ไม่ใช่ UTF-8".to_string(),
        kind => format!("สั่งงานไม่ถูกต้อง ({kind})"),
    };
    format!("{what} (ดูวิธีใช้: {help})")
}
