## What the system is, for its page and the home page.

system-veis-name = VEİS — Unified Electronic Information System
system-veis-tagline = One system for military registration, call-up, deferment and exemption, and e-services related to military service.
system-veis-owner = State Service for Mobilization and Conscription of the Republic of Azerbaijan
system-veis-regulation = Cabinet of Ministers Decision No. 59 of 2 March 2026
system-veis-intro =
    VEİS is the unified electronic information system of the State Service for Mobilization and Conscription. It covers the military registration and records of pre-conscription-age citizens, conscripts and reservists, their medical and psychological examinations, call-up to military service, training musters and mobilization, deferment of and exemption from call-up, and the records of military-transport vehicles. Citizens sign in through the Vahid Giriş (Single Sign-On) subsystem of EHİS to an automatically created e-cabinet, where they submit applications and military-service documents, use e-services and make payments. State bodies with their own systems exchange data with VEİS through EHİS, while other bodies and legal entities work through the e-cabinets of their responsible persons. E-services are provided on the one-window principle through the portal, a mobile app and a virtual assistant.
system-veis-users = VEİS is used by pre-conscription-age citizens, conscripts and reservists, by state bodies that exchange data through EHİS, and by state bodies and other legal entities without their own systems, through their responsible persons.
system-veis-offer-1 = A personal e-cabinet opened through Vahid Giriş, for applications, e-services and payments.
system-veis-offer-2 = Submit military-service documents electronically and receive answers to your applications.
system-veis-offer-3 = Military registration and records of pre-conscription-age citizens, conscripts and reservists.
system-veis-offer-4 = Deferment of call-up to fixed-term military service, and exemption from call-up.
system-veis-offer-5 = See your own data and open data, and request corrections of your data.
system-veis-offer-6 = A subsystem for the military records kept by state bodies, municipalities and legal entities.

## Roles of this system, as the e-cabinet names them.

role-veis-registrar = military registration officer
role-veis-medical = medical board member
