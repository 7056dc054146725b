// The portal crates' shared build step: the list of catalog files compiled into the crate, so
// that adding a service is adding a file. Each portal's `build.rs` includes this file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, files)?;
        } else if path.extension().is_some_and(|extension| extension == "toml") {
            files.push(path);
        }
    }
    Ok(())
}

/// Lists `catalog/services` and `catalog/workflows` of the portal crate being built into
/// `OUT_DIR/catalog.rs`, each file under `SYSTEM/catalog/…`.
fn write_catalog(system: &str) -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?).join("catalog");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    // Services and workflows; other files at the top (participation.toml) are read on their own. other files at the top (participation.toml) are read on their own.
    for folder in ["services", "workflows"] {
        collect(&root.join(folder), &mut files)?;
    }
    files.sort();
    let mut out =
        String::from("/// The system's catalog files.\npub const CATALOG: &[pencere_cases::CatalogSource] = &[\n");
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        let relative = format!("{system}/catalog/{}", file.strip_prefix(&root)?.to_string_lossy().replace('\\', "/"));
        writeln!(
            out,
            "    pencere_cases::CatalogSource {{ path: {relative:?}, text: include_str!({:?}) }},",
            file.display().to_string()
        )?;
    }
    out.push_str("];\n");
    std::fs::write(PathBuf::from(std::env::var("OUT_DIR")?).join("catalog.rs"), out)?;
    Ok(())
}
