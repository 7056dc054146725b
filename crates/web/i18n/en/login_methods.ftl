# Login methods a service requires (LIC-3.8).
login-method-required = Applications for licences and permits can only be made after logging in with the enhanced e-signature (mobile signature or your own e-signature key). You are logged in another way: log in again with the e-signature and come back to this page.
login-method-login-link = Log in with the e-signature
login-method-notice = This service needs a login with the enhanced e-signature. You are logged in another way, so you cannot save or send this application: log in again with the e-signature.
login-method-notice-demo = In production this service needs a login with the enhanced e-signature. In the test environment the demo account's password login stands in for it.
# The cabinet's payments (LIC-1.3.4).
cabinet-payment-code = payment code
