# Xidmətin tələb etdiyi giriş üsulları (LIC-3.8).
login-method-required = Lisenziya və icazələr üçün müraciət yalnız gücləndirilmiş elektron imza (mobil imza və ya öz elektron imza açarınız) ilə daxil olduqdan sonra edilə bilər. Siz başqa üsulla daxil olmusunuz: elektron imza ilə yenidən daxil olun və bu səhifəyə qayıdın.
login-method-login-link = Elektron imza ilə daxil olun
login-method-notice = Bu xidmət gücləndirilmiş elektron imza ilə giriş tələb edir. Siz başqa üsulla daxil olmusunuz, ona görə də bu ərizəni saxlaya və ya göndərə bilməzsiniz: elektron imza ilə yenidən daxil olun.
login-method-notice-demo = İstehsal mühitində bu xidmət gücləndirilmiş elektron imza ilə giriş tələb edir. Test mühitində demo hesabının şifrə ilə girişi onu əvəz edir.
# Kabinetdəki ödənişlər (LIC-1.3.4).
cabinet-payment-code = ödəniş kodu
