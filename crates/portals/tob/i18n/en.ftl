## What the system is, for its page and the home page.

system-tob-name = Register of Business Entities Importing and Producing Tobacco Products
system-tob-tagline = The state register of businesses registered to import or produce tobacco products, with extracts and an e-cabinet.
system-tob-owner = Ministry of Economy of the Republic of Azerbaijan
system-tob-regulation = Cabinet of Ministers Decision No. 206 of 14 July 2025
system-tob-intro =
    The Register is a state information resource that records the business entities registered to import and/or produce tobacco products, as well as the suspension, restoration, reissue and cancellation of their registration. Its data are integrated into the unified register of licences and permits. Users sign in through the Single Sign-On system (Vahid Giriş) and get an automatically created e-cabinet, where they see their data and documents, send applications, use e-services and correspond with the Ministry of Economy. Data about a business are obtained from primary sources through the E-Government Information System (EHİS), and data that are trade or tax secrets are transmitted only with the business's consent. E-services are provided through EHİS on the one-window principle.
system-tob-users = The Register is used by legal entities and individual entrepreneurs that import or produce tobacco products, and by state bodies and other organizations that exchange data with it through EHİS or through e-cabinets.
system-tob-offer-1 = Registration to import and/or produce tobacco products, and its reissue, suspension, restoration and cancellation.
system-tob-offer-2 = Extracts from the Register and access to its open data.
system-tob-offer-3 = See your own data and documents in the e-cabinet and request corrections.
system-tob-offer-4 = Send applications, use e-services, make payments and exchange documents electronically through the e-cabinet.
system-tob-offer-5 = Data come from primary sources via EHİS; trade and tax secrets are shared only with your consent.
system-tob-offer-6 = The portal, a mobile app, a virtual assistant and other channels, designed mobile first.

## Roles of this system, as the e-cabinet names them.

role-tob-officer = registry officer

## Signed acts of the registry (TOB-4.1.4, TOB-4.6) and their notices.

doc-tob-entry-title = Act of entry in the registry of tobacco importers and producers
doc-tob-entry-body = { $body } enters { $applicant } in the registry of business entities importing and producing tobacco products under number { $licence }, on application { $number } for “{ $service }”, under { $law }.
doc-tob-suspension-title = Act suspending a registration in the tobacco registry
doc-tob-suspension-body = { $body } suspends the registration { $licence } of { $applicant } in the registry of tobacco importers and producers, under { $law }, for the reasons below. The act may be appealed to the Ministry or to a court.
doc-tob-restoration-title = Act restoring a registration in the tobacco registry
doc-tob-restoration-body = { $body } restores the registration { $licence } of { $applicant } in the registry of tobacco importers and producers, under { $law }, for the reasons below.
doc-tob-cancellation-title = Act cancelling a registration in the tobacco registry
doc-tob-cancellation-body = { $body } cancels the registration { $licence } of { $applicant } in the registry of tobacco importers and producers, under { $law }, for the reasons below. The act may be appealed to the Ministry or to a court.
doc-tob-refusal-title = Refusal of entry in the tobacco registry
doc-tob-refusal-body = { $body } has considered application { $number } of { $applicant } for “{ $service }” and refuses it, under { $law }, for the reasons below. The decision may be appealed to the Ministry or to a court.
notice-tob-payment-due-subject = Application { $number }: pay the state duty
notice-tob-payment-due-body = The Ministry decided to enter you in the registry on application { $number }. Pay the state duty of { $amount } with the payment code { $code } in your cabinet; the signed act of entry follows once the payment is confirmed.
notice-tob-payment-due-sms = Application { $number }: pay { $amount } with code { $code }.
notice-tob-entered-subject = Entered in the tobacco registry under { $licence }
notice-tob-entered-body = You are entered in the registry of tobacco importers and producers under number { $licence } (application { $number }). The signed act is in your cabinet; the entry is in the unified registry of licences and permits.
notice-tob-entered-sms = Entered in the tobacco registry under { $licence }.
notice-tob-suspended-subject = Registration { $licence } suspended
notice-tob-suspended-body = Your registration { $licence } in the tobacco registry is suspended by a signed act: { $reason } The act is in your cabinet.
notice-tob-suspended-sms = Registration { $licence } suspended. See your cabinet.
notice-tob-restored-subject = Registration { $licence } restored
notice-tob-restored-body = Your registration { $licence } in the tobacco registry is restored by a signed act: { $reason }
notice-tob-restored-sms = Registration { $licence } restored.
notice-tob-cancelled-subject = Registration { $licence } cancelled
notice-tob-cancelled-body = Your registration { $licence } in the tobacco registry is cancelled by a signed act: { $reason } The act is in your cabinet.
notice-tob-cancelled-sms = Registration { $licence } cancelled. See your cabinet.
doc-tob-reissue-title = Act re-issuing a registration in the tobacco registry
doc-tob-reissue-body = { $body } re-issues the registration { $licence } of { $applicant } in the registry of business entities importing and producing tobacco products, on application { $number } for “{ $service }”, under { $law }. The registry entry carries the data of the application from today; the number stays.
notice-tob-reissued-subject = Registration { $licence } re-issued
notice-tob-reissued-body = Your registration { $licence } in the tobacco registry is re-issued with the data of application { $number }. The signed act is in your cabinet; the registry shows the new data.
notice-tob-reissued-sms = Registration { $licence } re-issued.
