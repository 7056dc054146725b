//! FİN as typed by a person or sent by a client: never panics, and a parsed FİN displays as a
//! string that parses to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pencere_core::Fin;

fuzz_target!(|text: &str| {
    if let Ok(fin) = text.parse::<Fin>() {
        assert_eq!(fin.as_str().len(), 7, "{fin:?}");
        assert_eq!(fin.to_string().parse::<Fin>(), Ok(fin.clone()));
    }
});
