//! A catalog: a workflow file and a service file (TOML), separated by a NUL byte, loaded as the
//! server loads its catalog at start-up. Loading never panics: it accepts or names the problem.
#![no_main]
#![allow(unsafe_code, reason = "frees the leaked texts that CatalogSource needs as 'static")]

use libfuzzer_sys::fuzz_target;
use pencere_cases::{Catalog, CatalogSource};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (workflow, service) = text.split_once('\0').unwrap_or((text, ""));
    // CatalogSource holds 'static texts (the binary's own files); a run keeps each input's
    // texts in raw boxes for the call and frees them after it, when nothing refers to them any more
    // (the catalog and its errors own their strings).
    let workflow_box: *mut str = Box::into_raw(workflow.to_owned().into_boxed_str());
    let service_box: *mut str = Box::into_raw(service.to_owned().into_boxed_str());
    {
        // SAFETY: both point to live boxes, freed only after this block.
        let (workflow, service): (&'static str, &'static str) = unsafe { (&*workflow_box, &*service_box) };
        let sources = [
            CatalogSource { path: "fuzz/catalog/workflows/fuzz.toml", text: workflow },
            CatalogSource { path: "fuzz/catalog/services/fuzz.toml", text: service },
        ];
        match Catalog::load(&sources) {
            Ok(catalog) => {
                for service in catalog.services() {
                    assert!(catalog.service_and_workflow(&service.id).is_some(), "{}", service.id);
                }
            }
            Err(error) => assert!(!error.to_string().is_empty()),
        }
    }
    // SAFETY: both came from Box::into_raw above, and nothing borrowed from them outlives the block.
    unsafe {
        drop(Box::from_raw(workflow_box));
        drop(Box::from_raw(service_box));
    }
});
