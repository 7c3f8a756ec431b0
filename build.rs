//! Rebuilds the binary when a file of the default theme changes, is added or removed:
//! `src/render/theme.rs` embeds the folder `themes/default/` whole.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
}
