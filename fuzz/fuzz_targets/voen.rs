//! VÖEN as typed or sent: never panics, and a parsed VÖEN displays as a string that parses to the
//! same value of the same taxpayer kind.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pencere_core::Voen;

fuzz_target!(|text: &str| {
    if let Ok(voen) = text.parse::<Voen>() {
        assert_eq!(voen.as_str().len(), 10, "{voen:?}");
        let again = voen.to_string().parse::<Voen>().expect("a displayed VÖEN parses");
        assert_eq!(again.taxpayer_kind(), voen.taxpayer_kind());
        assert_eq!(again, voen);
    }
});
