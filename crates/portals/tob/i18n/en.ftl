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
