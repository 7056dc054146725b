# Limits on password logins per client address.
login-error-address-throttled = Too many failed login attempts from your network. Try again in { $minutes } min.
