//! `handbook serve` and `handbook watch`: thin wrappers over `crate::serve`.

use std::net::IpAddr;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::console::Console;
use crate::diagnostic::Diagnostics;
use crate::serve::{self, ServeOptions};

pub fn serve(console: &Console, root: &Path, host: IpAddr, port: u16, open: bool) -> bool {
    serve::serve(
        console,
        ServeOptions {
            root: root.to_path_buf(),
            host,
            port,
            open,
        },
    )
}

pub fn watch(console: &Console, root: &Path, out: Option<PathBuf>) -> bool {
    let out = out.unwrap_or_else(|| {
        let mut ignored = Diagnostics::new();
        let dir = Config::load(root, &mut ignored).map_or_else(
            || crate::config::DEFAULT_OUTPUT_DIR.to_string(),
            |c| c.output_dir,
        );
        root.join(dir)
    });
    serve::watch(console, root, &out)
}
