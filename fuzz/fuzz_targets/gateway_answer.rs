//! A registry's answer through the exchange gateway, read as the gateway reads it (JSON, then the
//! adapter's record type) and as a source agency's hand-entered record is checked. Never panics;
//! a record read serializes to JSON that reads back to the same record.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pencere_exchange::{Adapter, Person, Taxpayer};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else { return };
    if let Ok(person) = serde_json::from_value::<Person>(value.clone()) {
        let again: Person = serde_json::from_str(&serde_json::to_string(&person).unwrap()).unwrap();
        assert_eq!(again, person);
        assert!(Adapter::CivilRegistry.check_record(&person.fin, &value.to_string()).is_ok());
    }
    if let Ok(taxpayer) = serde_json::from_value::<Taxpayer>(value.clone()) {
        let again: Taxpayer = serde_json::from_str(&serde_json::to_string(&taxpayer).unwrap()).unwrap();
        assert_eq!(again, taxpayer);
        assert!(Adapter::Tax.check_record(&taxpayer.voen, &value.to_string()).is_ok());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        // Every adapter's schema, as a source agency's hand-entered record is checked.
        for adapter in Adapter::ALL {
            let _ = adapter.check_record("1AB2C3D", text);
            let _ = adapter.check_record("1234567891", text);
        }
    }
});
