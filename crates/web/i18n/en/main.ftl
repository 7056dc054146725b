## The layout every page shares.

site-description = Pəncərə: the one window to the state information systems of Azerbaijan — licences and permits, the tobacco registry, e-KOB evi, highly qualified migrants and VEİS.
skip-to-content = Skip to main content
test-environment-label = TEST ENVIRONMENT
test-environment-banner = This is a test environment with synthetic data. Nothing done here has legal effect.
home-link-label = Pəncərə, home page
language-switcher-label = Language
breadcrumb-label = You are here
footer-about = Pəncərə is open-source software that runs state information systems on the one-window principle.
footer-api = API (OpenAPI)
footer-status = Service status

## Home page.

home-title = Home
home-heading = One window to the state's e-services
home-lead = Apply, follow every step of your case, pay fees and receive signed documents — for licences and permits, registries, SME services, migration and military registration, in one place.
principles-heading = How it works
principle-one-window-title = One window.
principle-one-window = You sign in once and find your applications, documents, payments and messages in your e-cabinet.
principle-deadlines-title = Visible deadlines.
principle-deadlines = Every case shows its legal deadline, counted in working days, to you and to the official alike.
principle-trust-title = Signed and verifiable.
principle-trust = Decisions are signed with an enhanced e-signature, and anyone can verify a document by its code.
principle-open-title = Your data, asked once.
principle-open = What state registries already know is taken from them, not asked of you again.

## The systems on the platform.

systems-heading = Five state information systems, one window
systems-intro = Pəncərə is a single platform that runs five Azerbaijani state information systems on the one-window principle. Each system keeps its own owner, legal basis and services, while sign-in, e-cabinets, electronic signatures, notifications and payments are built once as shared parts of the platform.
system-offers-heading = What it offers
system-users-heading = Who uses it
system-owner-label = Owner / operator
system-regulation-label = Approved by

## Errors, for pages and for the API's problem documents.

error-request-id = If you contact support, quote this request number:
error-back-home = Back to the home page
problem-bad-request-title = Bad request
problem-bad-request-explanation = The request could not be understood. Check the address and what was sent, and try again.
problem-validation-title = Some fields need correcting
problem-validation-explanation = The request was understood, but some values are missing or invalid. Each one is listed with what to correct.
problem-unauthorized-title = Sign-in required
problem-unauthorized-explanation = You need to sign in to do this, or your session has ended. Sign in and try again.
problem-forbidden-title = Not allowed
problem-forbidden-explanation = Your account does not have the right to do this. If you think it should, contact the body that manages your access.
problem-not-found-title = Page not found
problem-not-found-explanation = There is nothing at this address. It may have moved, or the link may be mistyped.
problem-method-not-allowed-title = Method not allowed
problem-method-not-allowed-explanation = This address exists, but not for this kind of request. The Allow header lists the methods it accepts.
problem-conflict-title = Conflict with the current state
problem-conflict-explanation = The request conflicts with the current state of the record, for example because it already exists or has changed meanwhile.
problem-payload-too-large-title = Upload too large
problem-payload-too-large-explanation = What was sent is larger than the service accepts. Send a smaller file or fewer files at once.
problem-unsupported-media-type-title = Unsupported format
problem-unsupported-media-type-explanation = The service does not accept data in this format. For the API, send JSON with Content-Type: application/json.
problem-too-many-requests-title = Too many requests
problem-too-many-requests-explanation = Too many requests came in a short time. Wait a moment and try again.
problem-timeout-title = The service took too long
problem-timeout-explanation = The request took too long and was stopped. Nothing was saved unless you were told so. Try again shortly.
problem-unavailable-title = Service temporarily unavailable
problem-unavailable-explanation = A system this service depends on is not answering. Try again shortly.
problem-internal-title = Something went wrong on our side
problem-internal-explanation = The service failed to complete the request. The fault has been recorded; try again later.
problem-detail-no-endpoint = There is no API endpoint at this address. The list of endpoints is at /api/openapi.json.
problem-detail-no-system = There is no system with the code “{ $code }”.
problem-detail-unsupported-lang = The language “{ $lang }” is not supported; use az, en or ru.
problem-detail-csrf = The form or request is missing its security token, or it has expired. Reload the page and try again.

## Account and login.

nav-cabinet = My cabinet
nav-logout = Log out
nav-login = Log in
login-title = Log in
login-intro = Log in to your e-cabinet to apply, follow your cases and receive documents.
login-field-login = Login
login-field-password = Password
login-submit = Log in
login-demo-hint = Test environment: the demo accounts and their password are listed in the README.
login-error-login-required = Enter your login.
login-error-password-required = Enter your password.
login-error-invalid = The login or the password is wrong.
login-error-locked = Too many failed attempts. Try again in { $minutes } min.

## The e-cabinet.

cabinet-title = My cabinet
cabinet-profile = Profile
cabinet-name = Name
cabinet-login = Login
cabinet-email = E-mail
cabinet-passport = Passport
cabinet-organizations = Organizations you act for
cabinet-organizations-none = You act only for yourself.
cabinet-acting-for = Act for
cabinet-switch = Switch
cabinet-services = Your services
cabinet-inbox = Inbox
cabinet-inbox-empty = No messages yet.
cabinet-applications = My applications
cabinet-applications-empty = You have no applications yet.
cabinet-documents = My documents
cabinet-documents-empty = You have no documents yet.
cabinet-payments = My payments
cabinet-payments-empty = You have no payments yet.
cabinet-journal = What happened with my data
cabinet-journal-intro = The latest entries of the audit journal that concern you: logins, changes and reads of your data.
cabinet-journal-by-you = you
cabinet-journal-by-system = the system
cabinet-sessions = Sessions
cabinet-logout-everywhere = Log out on all devices
journal-when = When
journal-what = What
journal-who = Who

## Roles of the platform.

role-platform-admin = platform administrator
role-org-head = head of the organization
role-org-representative = legal representative

## Audit journal actions.

action-identity-login-success = Logged in
action-identity-login-failure = Failed login
action-identity-login-locked = Login refused: too many attempts
action-identity-logout = Logged out
action-identity-logout-everywhere = Logged out on all devices
action-identity-acting-org-switch = Switched organization
action-identity-user-create = Account created
action-identity-membership-grant = Role granted
action-identity-membership-revoke = Role revoked
action-personal-data-read = Personal data viewed
action-identity-login-link-sent = Login link sent
action-identity-login-link-throttled = Login link withheld: too many requested
action-audit-search = Audit journal searched

## Administration: the audit journal.

admin-audit-title = Audit journal
admin-audit-intro = Search the journal of logins, data reads and changes by person, actor, record and time. Every search is itself recorded.
admin-audit-person = Person concerned (login)
admin-audit-actor = Actor (login)
admin-audit-action = Action starts with
admin-audit-record-type = Record type
admin-audit-record-id = Record id
admin-audit-from = From (date)
admin-audit-until = Until (date)
admin-audit-search = Search
admin-audit-count = { $count ->
    [one] One entry found.
   *[other] { $count } entries found.
}
admin-audit-record = Record
admin-audit-subject = Person
admin-audit-pending = sealing
admin-audit-error-date = “{ $field }” must be a date such as 2026-11-23.

## Second factor, my data and corrections, members, operators' queues.

login-field-code = One-time code (only if you turned it on)
login-error-totp-required = Enter the one-time code from your authenticator app.
cabinet-links = More in your cabinet
cabinet-link-data = My data and corrections
cabinet-link-security = Login security
cabinet-link-members = Members of the organization
cabinet-link-audit = Audit journal
cabinet-link-corrections = Correction requests
cabinet-link-participants = Participants' access
data-title = My data
data-intro = What the system holds about you. If something is wrong, ask for a correction: an official checks it and changes the data, or tells you why not.
data-held = Data held about you
correction-sent = Your request was sent. You can follow it below.
correction-heading = Ask for a correction
correction-field = What to correct
correction-value = Correct value
correction-current = Current value
correction-explanation = Why it is wrong
correction-submit = Send the request
correction-mine = My correction requests
correction-none = You have not asked for any correction.
correction-status = Status
correction-reason = Reason
correction-field-full-name = Full name
correction-field-email = E-mail
correction-field-phone = Mobile number
correction-status-pending = waiting for a decision
correction-status-approved = approved: the data was corrected
correction-status-rejected = rejected
correction-error-field = Choose what to correct.
correction-error-value = Enter a valid value: a full name, an e-mail address like name@example.az, or a phone number like +994 50 123 45 67.
correction-error-unchanged = This is already the value held.
correction-error-explanation = Say why the data is wrong.
correction-error-reason = A rejection needs a reason the person will read.
security-title = Login security
security-changed = Saved.
security-on = A one-time code from your authenticator app is needed each time you log in.
security-off = Logging in needs only your password. Add a one-time code for more protection.
security-setup = Add this key to an authenticator app (or open the link below on your phone), then enter the code it shows.
security-secret = Key
security-turn-on = Turn on
security-turn-off = Turn off
security-error-code = The code does not match. Check the time on your phone and try the newest code.
members-title = Members
members-intro-head = The people who act for your organization and their rights. Grant a role to a registered user by their login, or revoke one with a reason.
members-intro-operator = Any organization's members. Revoking a role restricts a participant's access at once; the reason is recorded.
members-organization = Organization
members-show = Show
members-role = Role
members-since = Since
members-revoke = Revoke
members-reason = Reason
members-grant = Grant a role
members-error-role = Choose a role from the list.
members-error-login = There is no user with this login.
members-error-duplicate = This user already holds this role.
members-error-reason = A revocation needs a reason.
corrections-title = Correction requests
corrections-intro = People's requests to correct the data held about them, oldest first. Approving changes the data; rejecting needs a reason they will read.
corrections-none = No requests are waiting.
corrections-approve = Approve
corrections-reject = Reject
action-identity-correction-request = Correction requested
action-identity-correction-approve = Correction approved
action-identity-correction-reject = Correction rejected
action-identity-totp-enable = One-time code turned on
action-identity-totp-disable = One-time code turned off

## Login with the enhanced e-signature.

login-password-heading = With login and password
login-esign-heading = With the e-signature (mobile signature)
login-esign-intro = Enter the phone number and user id of your mobile signature. You will confirm the login on your phone.
login-field-phone = Phone number
login-field-user-id = User id
login-esign-submit = Continue with the e-signature
login-esign-phone-hint = Test environment: open the page that stands for the phone
esign-confirm-heading = Confirm on your phone
esign-confirm-intro = Your phone asks you to sign in to Pəncərə. Check that it shows the same code, confirm there, then continue here.
esign-code-label = Verification code
esign-confirm-done = I confirmed on my phone
esign-start-over = Start over
esign-waiting = The signature has not arrived yet. Confirm on your phone, then continue.
esign-declined = The signature was declined on the phone. Nothing was logged in.
esign-not-registered = No mobile signature is registered for this phone number and user id.
esign-unavailable = The mobile signature service is not available at the moment. Try again later or log in another way.
esign-error-unknown-challenge = This login attempt is not known. Start over.
esign-error-challenge-used = This signed request was already used. Start a new login.
esign-error-challenge-expired = The time to sign ran out. Start a new login.
esign-error-unknown-issuer = The certificate was not issued by a trusted authority.
esign-error-expired = The certificate is not valid at this time (expired or not yet valid).
esign-error-revoked = The certificate has been revoked.
esign-error-signature = The signature does not match the certificate.
esign-error-certificate = The certificate cannot be used to log in.
esign-error-no-fin = The certificate does not name a personal identification number (FİN).
phone-title = Phone (test environment)
phone-intro = This page stands for the phone of a mobile signature holder. Enter the phone number to see the signature requests waiting on it.
phone-show = Show requests
phone-none = No requests are waiting on this phone.
phone-request = Sign in to Pəncərə? Code:
phone-confirm = Confirm
phone-decline = Decline
phone-demo-numbers = Demo phones and user ids

## Single sign-on (Vahid Giriş).

login-sso-heading = With Vahid Giriş (single sign-on)
login-sso-intro = Log in once through the state's single sign-on window and come back here.
login-sso-submit = Log in with Vahid Giriş
sso-unavailable = The single sign-on service is not available at the moment. Try again later or log in another way.
sso-error-state = This login was not started here, or it was already completed. Start over.
sso-error-response = The answer of the single sign-on service could not be trusted. Nothing was logged in. Start over.
vahid-title = Vahid Giriş (test environment)
vahid-intro = This window stands for the state's single sign-on. Enter the FİN of a demo account and the demo password.
vahid-submit = Identify me

## Login by e-mail link (foreigners), and the test mailbox.

login-email-heading = With a link sent to your e-mail
login-email-intro = For foreigners and stateless persons: we send a one-time login link to the e-mail address of your account.
login-email-submit = Send me a link
login-email-mailbox-hint = Test environment: open the mailbox that receives the links
email-sent = If an account uses this address, a login link is on its way. It works once, for 15 minutes.
email-unavailable = E-mail cannot be sent at the moment. Try again later or log in another way.
email-confirm = Press the button to log in with this link.
email-confirm-submit = Log in
email-error-expired = This link has expired. Ask for a new one.
email-error-used = This link was already used. Ask for a new one.
email-error-unknown = This link is not valid. Ask for a new one.
email-link-subject = Your Pəncərə login link
email-link-text = Hello { $name },

    Open this link to log in to Pəncərə. It works once, for 15 minutes:
    { $url }

    If you did not ask for it, ignore this message.
mailbox-title = Mailbox (test environment)
mailbox-intro = The e-mail the test environment sent, newest first.
mailbox-empty = No e-mail yet.
mailbox-to = To:
