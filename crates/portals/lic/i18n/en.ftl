## What the system is, for its page and the home page.

system-lic-name = Licences and Permits portal
system-lic-tagline = One portal to apply for a licence or permit, pay the state duty and receive the e-signed document.
system-lic-owner = Ministry of Economy of the Republic of Azerbaijan
system-lic-regulation = Presidential Decree No. 1205 of 21 January 2017
system-lic-intro =
    The Licences and Permits portal is where applications for the licences and permits required for business, their duplicates and annexes, and for their reissue, suspension, restoration and revocation are submitted, accepted, processed and answered. The portal also keeps the unified register of licences and permits electronically. The applicant registers with an enhanced electronic signature, the form is filled in from the information systems of the participating bodies, and where data are missing, scanned copies of the documents are attached. The application is routed to the licensing authority and registered in real time; decisions, the payment notice and the signed licence or permit arrive in the e-cabinet, with notifications by e-mail and to the mobile number. The portal is operated by the Ministry of Economy.
system-lic-users = The portal is used by legal entities of any legal form, branches and representative offices of foreign legal entities, individual entrepreneurs and natural persons not engaged in business, as well as licensing and permit authorities, bodies giving opinions and supervisory bodies.
system-lic-offer-1 = Apply online for a licence or permit, a duplicate or annex, or its reissue.
system-lic-offer-2 = The form is pre-filled from participating bodies' systems; missing documents are attached as electronically signed scans.
system-lic-offer-3 = Follow your application in the e-cabinet, with e-mail and mobile notifications at every step.
system-lic-offer-4 = Pay the state duty or fee with a payment code via the portal, ASAN ödəniş or terminals.
system-lic-offer-5 = Receive the licence or permit, signed with an official's enhanced e-signature, in your e-cabinet; paper copy on request.
system-lic-offer-6 = Search the unified register, send inquiries without registering, and file administrative complaints through the portal.

## Roles of this system, as the e-cabinet names them.

role-lic-reviewer = licence reviewer
role-lic-opinion = official giving opinions on licences
role-lic-head = head of the licensing authority
