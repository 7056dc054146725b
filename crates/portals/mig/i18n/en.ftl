## What the system is, for its page and the home page.

system-mig-name = Highly Qualified Migrant portal
system-mig-tagline = Apply online under the Highly Qualified Migrant Program, and connect employers in Azerbaijan with highly qualified migrants.
system-mig-owner = State Migration Service of the Republic of Azerbaijan
system-mig-regulation = Cabinet of Ministers Decision No. 323 of 30 October 2025
system-mig-intro =
    The Highly Qualified Migrant portal accepts applications electronically under the Highly Qualified Migrant Program, established by Presidential Order No. 156 of 6 June 2024. The applications are reviewed and answered by the State Migration Service in the "Highly qualified migrants" subsystem of its unified migration information system, which also assesses whether a person counts as a highly qualified migrant and keeps the register of highly qualified migrants. At the request of employers registered as taxpayers in Azerbaijan, the portal also connects them with highly qualified migrants. It runs on the one-window principle, exchanges data with other state systems through EHİS, and its website works in Azerbaijani and at least two foreign languages.
system-mig-users = The portal is used by employers registered as taxpayers in Azerbaijan (legal entities, natural persons, and branches or representative offices of foreign legal entities), by highly qualified migrants, that is foreigners and stateless persons, and by the bodies taking part in its information processes.
system-mig-offer-1 = Submit an application under the Highly Qualified Migrant Program online, with supporting documents.
system-mig-offer-2 = Connecting employers with highly qualified migrants, at the employer's request.
system-mig-offer-3 = Employers sign in with a qualified enhanced e-signature via Vahid Giriş; foreigners with e-mail or other e-ID.
system-mig-offer-4 = Where possible, your details are filled in from state systems via EHİS; you add the rest.
system-mig-offer-5 = Follow your application; notices and the result arrive in your e-cabinet and/or by e-mail.
system-mig-offer-6 = The website works in Azerbaijani and at least two foreign languages.

## Roles of this system, as the e-cabinet names them.

role-mig-officer = migration officer
