# Bir ünvandan parolla girişlərin məhdudlaşdırılması.
login-error-address-throttled = Şəbəkənizdən həddindən çox uğursuz giriş cəhdi olub. { $minutes } dəqiqədən sonra yenidən cəhd edin.
