//! Rebuilds the binary when a file of the default theme changes, is added or removed:
//! `src/render/theme.rs` embeds the folder `themes/default/` whole.
//! For Windows, also gives `prongsai.exe` its icon and version information (what
//! Explorer shows in the file's Properties), compiled by the target's resource
//! compiler (mingw's `windres` when cross-compiling from Linux; scripts/dist.sh).

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=assets/prongsai.ico");
    // The target, not the host: a build script always runs on the host.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        let mut res = winresource::WindowsResource::new();
        res.set_icon("assets/prongsai.ico")
            .set("FileDescription", "prongsai (โปร่งใส): เว็บไซต์เปิดเผยข้อมูลการมีส่วนร่วมของ อปท.")
            .set("ProductName", "prongsai")
            .set("OriginalFilename", "prongsai.exe")
            .set("InternalName", "prongsai");
        if let Err(e) = res.compile() {
            panic!("icon and version information for prongsai.exe: {e}");
        }
    }
}
