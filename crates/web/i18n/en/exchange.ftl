# Prefill from state registries through EHİS (LIC-4.2).
exchange-prefilled = Filled in from state registries through EHİS: { $fields }. Check them before you submit.
exchange-unavailable = { $registries } did not answer just now. Enter the data yourself; where a document proves it, attach a scanned copy.
exchange-registry-tax = The tax authority's register
exchange-registry-civil-registry = The civil registry
cabinet-registry-reads = Read from state registries
cabinet-registry-reads-intro = Every time the portal read data about you or an organization you represent from another state system through EHİS: when, from which registry, why and for whom.
cabinet-registry-reads-empty = No data about you has been read from state registries.
cabinet-registry = Registry
cabinet-registry-about = About
cabinet-registry-purpose = Purpose
cabinet-registry-about-you = You
exchange-status-ok = answered
exchange-status-cached = answered (kept copy)
exchange-status-not-found = not found
exchange-status-unavailable = did not answer
exchange-status-circuit-open = not asked (registry unavailable)
exchange-status-refused = refused
