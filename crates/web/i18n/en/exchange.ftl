# Prefill from state registries through EHİS (LIC-4.2).
exchange-prefilled = Filled in from state registries through EHİS: { $fields }. Check them before you submit.
exchange-unavailable = { $registries } did not answer just now. Enter the data yourself; where a document proves it, attach a scanned copy.
exchange-registry-tax = The tax authority's register
exchange-registry-civil-registry = The civil registry
