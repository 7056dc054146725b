# Restricted-access information in applications (LIC-8.0.11).
restricted-medical = medical data
restricted-criminal-record = criminal record
restricted-commercial-secret = commercial secret
restricted-tax-secret = tax secret
restricted-withheld = Restricted information ({ $kind }): not shown to your role.
restricted-heading = Restricted information
restricted-intro = These items of the application are restricted-access information. Only officials cleared for them see them; each view is recorded in the audit journal.
restricted-document = document
restricted-field = field
