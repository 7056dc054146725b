## What the system is, for its page and the home page.

system-kob-name = e-KOB evi portal
system-kob-tagline = One window for micro, small and medium businesses: SME-house services, G2B and B2B services online, plus Business Navigator.
system-kob-owner = Small and Medium Business Development Agency of the Republic of Azerbaijan
system-kob-regulation = Presidential Decree No. 1415 of 9 August 2021
system-kob-intro =
    The e-KOB evi (e-SME House) portal gives micro, small and medium businesses central access to the information they need to do business: required documents, taxes and fees payable, reports, licences and permits, and the legal acts that regulate entrepreneurship. Every SME gets an Entrepreneur's e-cabinet, where it can apply for services provided in SME houses, use G2B services of state bodies integrated with EHİS and B2B services of other entrepreneurs, and get an electronic queue ticket for a visit. The Business Navigator subsystem helps manage business data, customer relations and documents, and gives access to consulting and business tools. The portal runs on the one-window principle and is owned and operated by the Small and Medium Business Development Agency (KOBİA).
system-kob-users = The portal is used by micro, small and medium business entities, as well as state bodies providing G2B services, entrepreneurs offering B2B services, and providers of financial, banking, insurance and consulting services.
system-kob-offer-1 = Apply online for services provided in SME houses; the application is routed to the competent body and answered.
system-kob-offer-2 = G2B services of state bodies through EHİS, B2B services of entrepreneurs, and financial, banking, insurance and consulting services.
system-kob-offer-3 = An electronic queue ticket for services provided in person at an SME house.
system-kob-offer-4 = Your business data in one place: VÖEN, activity type, licences and permits held, SME size category.
system-kob-offer-5 = Business Navigator: business information, consulting, tools for engaging specialists, and mobile e-business tools.
system-kob-offer-6 = Pay duties and fees through e-payment systems linked from the e-cabinet; notices to the cabinet, e-mail and mobile.

## Roles of this system, as the e-cabinet names them.

role-kob-operator = portal operator
