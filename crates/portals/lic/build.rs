//! Builds the list of catalog files into the crate (see `../catalog_build.rs`).

include!("../catalog_build.rs");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    write_catalog("lic")
}
