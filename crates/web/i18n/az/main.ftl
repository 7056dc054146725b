## Bütün səhifələrin ortaq tərtibatı.

site-description = Pəncərə: Azərbaycanın dövlət informasiya sistemlərinə bir pəncərə — lisenziyalar və icazələr, tütün reyestri, e-KOB evi, yüksəkixtisaslı miqrantlar və VEİS.
skip-to-content = Əsas məzmuna keç
test-environment-label = TEST MÜHİTİ
test-environment-banner = Bu, sintetik məlumatlarla işləyən test mühitidir. Burada edilənlərin heç bir hüquqi qüvvəsi yoxdur.
home-link-label = Pəncərə, əsas səhifə
language-switcher-label = Dil
breadcrumb-label = Siz buradasınız
footer-about = Pəncərə dövlət informasiya sistemlərini “bir pəncərə” prinsipi ilə işlədən açıq mənbəli proqram təminatıdır.
footer-api = API (OpenAPI)
footer-status = Xidmətin vəziyyəti

## Əsas səhifə.

home-title = Əsas səhifə
home-heading = Dövlətin elektron xidmətlərinə bir pəncərə
home-lead = Müraciət edin, işinizin hər addımını izləyin, rüsumları ödəyin və imzalanmış sənədləri alın — lisenziya və icazələr, reyestrlər, KOB xidmətləri, miqrasiya və hərbi uçot üzrə, bir yerdə.
principles-heading = Necə işləyir
principle-one-window-title = Bir pəncərə.
principle-one-window = Bir dəfə daxil olursunuz və müraciətlərinizi, sənədlərinizi, ödənişlərinizi və mesajlarınızı elektron kabinetinizdə tapırsınız.
principle-deadlines-title = Görünən müddətlər.
principle-deadlines = Hər iş üzrə iş günləri ilə hesablanmış qanuni müddət həm sizə, həm də vəzifəli şəxsə eyni cür göstərilir.
principle-trust-title = İmzalı və yoxlanıla bilən.
principle-trust = Qərarlar gücləndirilmiş elektron imza ilə imzalanır, hər kəs sənədi onun kodu ilə yoxlaya bilər.
principle-open-title = Məlumatınız bir dəfə soruşulur.
principle-open = Dövlət reyestrlərində artıq olan məlumatlar oradan götürülür, sizdən yenidən istənilmir.

## Platformadakı sistemlər.

systems-heading = Beş dövlət informasiya sistemi, bir pəncərə
systems-intro = Pəncərə beş dövlət informasiya sistemini “bir pəncərə” prinsipi ilə işlədən vahid platformadır. Hər sistemin öz sahibi, hüquqi əsası və xidmətləri var; giriş, elektron kabinetlər, elektron imza, bildirişlər və ödənişlər isə platformanın ortaq hissələri kimi bir dəfə qurulub.
system-offers-heading = Nə təklif edir
system-users-heading = Kimlər istifadə edir
system-owner-label = Sahib / operator
system-regulation-label = Təsdiq edən akt

## Səhvlər: səhifələr və API-nin problem sənədləri üçün.

error-request-id = Dəstək xidmətinə müraciət etsəniz, bu sorğu nömrəsini bildirin:
error-back-home = Əsas səhifəyə qayıt
problem-bad-request-title = Yanlış sorğu
problem-bad-request-explanation = Sorğunu anlamaq mümkün olmadı. Ünvanı və göndərilənləri yoxlayın və yenidən cəhd edin.
problem-validation-title = Bəzi sahələr düzəldilməlidir
problem-validation-explanation = Sorğu anlaşıldı, lakin bəzi dəyərlər çatışmır və ya yanlışdır. Hər biri nəyin düzəldilməli olduğu ilə birlikdə göstərilir.
problem-unauthorized-title = Daxil olmaq tələb olunur
problem-unauthorized-explanation = Bunu etmək üçün daxil olmalısınız və ya sessiyanız başa çatıb. Daxil olun və yenidən cəhd edin.
problem-forbidden-title = İcazə yoxdur
problem-forbidden-explanation = Hesabınızın bunu etmək hüququ yoxdur. Əgər olmalı olduğunu düşünürsünüzsə, girişinizi idarə edən qurumla əlaqə saxlayın.
problem-not-found-title = Səhifə tapılmadı
problem-not-found-explanation = Bu ünvanda heç nə yoxdur. Səhifə köçürülmüş və ya keçid səhv yazılmış ola bilər.
problem-method-not-allowed-title = Metoda icazə verilmir
problem-method-not-allowed-explanation = Bu ünvan mövcuddur, lakin bu növ sorğu üçün deyil. Qəbul edilən metodlar Allow başlığında göstərilir.
problem-conflict-title = Cari vəziyyətlə ziddiyyət
problem-conflict-explanation = Sorğu qeydin cari vəziyyəti ilə ziddiyyət təşkil edir, məsələn, qeyd artıq mövcuddur və ya bu arada dəyişib.
problem-payload-too-large-title = Göndərilən həcm çox böyükdür
problem-payload-too-large-explanation = Göndərilən məlumat xidmətin qəbul etdiyindən böyükdür. Daha kiçik fayl və ya bir dəfəyə daha az fayl göndərin.
problem-unsupported-media-type-title = Dəstəklənməyən format
problem-unsupported-media-type-explanation = Xidmət bu formatda məlumat qəbul etmir. API üçün Content-Type: application/json ilə JSON göndərin.
problem-too-many-requests-title = Həddindən çox sorğu
problem-too-many-requests-explanation = Qısa müddətdə həddindən çox sorğu daxil oldu. Bir az gözləyin və yenidən cəhd edin.
problem-timeout-title = Xidmət çox uzun çəkdi
problem-timeout-explanation = Sorğu çox uzun çəkdi və dayandırıldı. Sizə bildirilməyibsə, heç nə saxlanılmayıb. Bir azdan yenidən cəhd edin.
problem-unavailable-title = Xidmət müvəqqəti əlçatan deyil
problem-unavailable-explanation = Bu xidmətin asılı olduğu sistem cavab vermir. Bir azdan yenidən cəhd edin.
problem-internal-title = Bizim tərəfimizdə xəta baş verdi
problem-internal-explanation = Xidmət sorğunu tamamlaya bilmədi. Xəta qeydə alınıb; bir qədər sonra yenidən cəhd edin.
problem-detail-no-endpoint = Bu ünvanda API nöqtəsi yoxdur. Nöqtələrin siyahısı /api/openapi.json ünvanındadır.
problem-detail-no-system = “{ $code }” kodlu sistem yoxdur.
problem-detail-unsupported-lang = “{ $lang }” dili dəstəklənmir; az, en və ya ru istifadə edin.
problem-detail-csrf = Formada və ya sorğuda təhlükəsizlik nişanı yoxdur və ya onun müddəti bitib. Səhifəni yeniləyin və yenidən cəhd edin.

## Hesab və giriş.

nav-cabinet = Kabinetim
nav-logout = Çıxış
nav-login = Daxil ol
login-title = Daxil olun
login-intro = Müraciət etmək, işlərinizi izləmək və sənədləri almaq üçün elektron kabinetinizə daxil olun.
login-field-login = İstifadəçi adı
login-field-password = Parol
login-submit = Daxil ol
login-demo-hint = Test mühiti: demo hesablar və onların parolu README faylında göstərilib.
login-error-login-required = İstifadəçi adını daxil edin.
login-error-password-required = Parolu daxil edin.
login-error-invalid = İstifadəçi adı və ya parol yanlışdır.
login-error-locked = Həddindən çox uğursuz cəhd. { $minutes } dəqiqədən sonra yenidən cəhd edin.

## Elektron kabinet.

cabinet-title = Kabinetim
cabinet-profile = Profil
cabinet-name = Ad, soyad
cabinet-login = İstifadəçi adı
cabinet-email = E-poçt
cabinet-passport = Pasport
cabinet-organizations = Adından çıxış etdiyiniz təşkilatlar
cabinet-organizations-none = Yalnız öz adınızdan çıxış edirsiniz.
cabinet-acting-for = Kimin adından
cabinet-switch = Dəyiş
cabinet-services = Xidmətləriniz
cabinet-inbox = Gələn mesajlar
cabinet-inbox-empty = Hələ mesaj yoxdur.
cabinet-applications = Müraciətlərim
cabinet-applications-empty = Hələ müraciətiniz yoxdur.
cabinet-documents = Sənədlərim
cabinet-documents-empty = Hələ sənədiniz yoxdur.
cabinet-payments = Ödənişlərim
cabinet-payments-empty = Hələ ödənişiniz yoxdur.
cabinet-journal = Məlumatlarımla nə baş verib
cabinet-journal-intro = Audit jurnalının sizə aid son qeydləri: girişlər, məlumatlarınızın dəyişdirilməsi və oxunması.
cabinet-journal-by-you = siz
cabinet-journal-by-system = sistem
cabinet-sessions = Sessiyalar
cabinet-logout-everywhere = Bütün cihazlarda çıxış et
journal-when = Nə vaxt
journal-what = Nə
journal-who = Kim

## Platformanın rolları.

role-platform-admin = platformanın inzibatçısı
role-org-head = təşkilatın rəhbəri
role-org-representative = qanuni nümayəndə

## Audit jurnalının əməliyyatları.

action-identity-login-success = Daxil olub
action-identity-login-failure = Uğursuz giriş cəhdi
action-identity-login-locked = Giriş rədd edilib: həddindən çox cəhd
action-identity-logout = Çıxış edib
action-identity-logout-everywhere = Bütün cihazlarda çıxış edib
action-identity-acting-org-switch = Təşkilatı dəyişib
action-identity-user-create = Hesab yaradılıb
action-identity-membership-grant = Rol verilib
action-identity-membership-revoke = Rol geri alınıb
action-personal-data-read = Şəxsi məlumatlara baxılıb
action-identity-login-link-sent = Giriş keçidi göndərilib
action-identity-login-link-throttled = Giriş keçidi göndərilməyib: həddindən çox sorğu
action-audit-search = Audit jurnalında axtarış

## İnzibatçılıq: audit jurnalı.

admin-audit-title = Audit jurnalı
admin-audit-intro = Girişlər, məlumatların oxunması və dəyişikliklər jurnalında şəxsə, icraçıya, qeydə və vaxta görə axtarış. Hər axtarış özü də qeydə alınır.
admin-audit-person = Aid olduğu şəxs (istifadəçi adı)
admin-audit-actor = İcraçı (istifadəçi adı)
admin-audit-action = Əməliyyat başlayır
admin-audit-record-type = Qeydin növü
admin-audit-record-id = Qeydin identifikatoru
admin-audit-from = Başlanğıc (tarix)
admin-audit-until = Son (tarix)
admin-audit-search = Axtar
admin-audit-count = { $count } qeyd tapıldı.
admin-audit-record = Qeyd
admin-audit-subject = Şəxs
admin-audit-pending = möhürlənir
admin-audit-error-date = “{ $field }” 2026-11-23 kimi tarix olmalıdır.

## İkinci amil, məlumatlarım və düzəlişlər, üzvlər, operatorun növbələri.

login-field-code = Birdəfəlik kod (yalnız aktivləşdirmisinizsə)
login-error-totp-required = Autentifikator tətbiqindəki birdəfəlik kodu daxil edin.
cabinet-links = Kabinetinizdə daha çox
cabinet-link-data = Məlumatlarım və düzəlişlər
cabinet-link-security = Girişin təhlükəsizliyi
cabinet-link-members = Təşkilatın üzvləri
cabinet-link-audit = Audit jurnalı
cabinet-link-corrections = Düzəliş sorğuları
cabinet-link-participants = İştirakçıların girişi
data-title = Məlumatlarım
data-intro = Sistemdə sizin haqqınızda saxlanılan məlumatlar. Nə isə yanlışdırsa, düzəliş istəyin: vəzifəli şəxs yoxlayıb məlumatı dəyişir və ya səbəbini bildirir.
data-held = Sizin haqqınızda saxlanılan məlumatlar
correction-sent = Sorğunuz göndərildi. Onun gedişatını aşağıda izləyə bilərsiniz.
correction-heading = Düzəliş istəyin
correction-field = Nəyi düzəltmək
correction-value = Düzgün dəyər
correction-current = Hazırkı dəyər
correction-explanation = Niyə yanlışdır
correction-submit = Sorğunu göndər
correction-mine = Düzəliş sorğularım
correction-none = Siz hələ düzəliş istəməmisiniz.
correction-status = Vəziyyət
correction-reason = Səbəb
correction-field-full-name = Ad, soyad
correction-field-email = E-poçt
correction-field-phone = Mobil nömrə
correction-status-pending = qərar gözlənilir
correction-status-approved = təsdiqlənib: məlumat düzəldilib
correction-status-rejected = rədd edilib
correction-error-field = Nəyi düzəltmək istədiyinizi seçin.
correction-error-value = Düzgün dəyər daxil edin: ad və soyad, ad@example.az kimi e-poçt ünvanı və ya +994 50 123 45 67 kimi telefon nömrəsi.
correction-error-unchanged = Saxlanılan dəyər artıq budur.
correction-error-explanation = Məlumatın niyə yanlış olduğunu bildirin.
correction-error-reason = Rədd etmək üçün şəxsin oxuyacağı səbəb göstərilməlidir.
security-title = Girişin təhlükəsizliyi
security-changed = Yadda saxlanıldı.
security-on = Hər girişdə autentifikator tətbiqindən birdəfəlik kod tələb olunur.
security-off = Giriş üçün yalnız parol tələb olunur. Əlavə qoruma üçün birdəfəlik kod əlavə edin.
security-setup = Bu açarı autentifikator tətbiqinə əlavə edin (və ya aşağıdakı keçidi telefonda açın), sonra tətbiqin göstərdiyi kodu daxil edin.
security-secret = Açar
security-turn-on = Aktivləşdir
security-turn-off = Söndür
security-error-code = Kod uyğun gəlmir. Telefonunuzdakı vaxtı yoxlayın və ən son kodu daxil edin.
members-title = Üzvlər
members-intro-head = Təşkilatınızın adından çıxış edən şəxslər və onların hüquqları. Qeydiyyatdan keçmiş istifadəçiyə istifadəçi adı ilə rol verin və ya səbəb göstərərək geri alın.
members-intro-operator = İstənilən təşkilatın üzvləri. Rolun geri alınması iştirakçının girişini dərhal məhdudlaşdırır; səbəb qeydə alınır.
members-organization = Təşkilat
members-show = Göstər
members-role = Rol
members-since = Tarixdən
members-revoke = Geri al
members-reason = Səbəb
members-grant = Rol ver
members-error-role = Siyahıdan rol seçin.
members-error-login = Bu istifadəçi adı ilə istifadəçi yoxdur.
members-error-duplicate = Bu istifadəçinin artıq bu rolu var.
members-error-reason = Geri almaq üçün səbəb göstərilməlidir.
corrections-title = Düzəliş sorğuları
corrections-intro = Şəxslərin onlar haqqında saxlanılan məlumatların düzəldilməsi sorğuları, ən köhnəsi birinci. Təsdiq məlumatı dəyişir; rədd etmək üçün şəxsin oxuyacağı səbəb lazımdır.
corrections-none = Gözləyən sorğu yoxdur.
corrections-approve = Təsdiqlə
corrections-reject = Rədd et
action-identity-correction-request = Düzəliş istənilib
action-identity-correction-approve = Düzəliş təsdiqlənib
action-identity-correction-reject = Düzəliş rədd edilib
action-identity-totp-enable = Birdəfəlik kod aktivləşdirilib
action-identity-totp-disable = Birdəfəlik kod söndürülüb

## Gücləndirilmiş elektron imza ilə giriş.

login-password-heading = İstifadəçi adı və parolla
login-esign-heading = Elektron imza ilə (mobil imza)
login-esign-intro = Mobil imzanızın telefon nömrəsini və istifadəçi identifikatorunu daxil edin. Girişi telefonunuzda təsdiqləyəcəksiniz.
login-field-phone = Telefon nömrəsi
login-field-user-id = İstifadəçi identifikatoru
login-esign-submit = Elektron imza ilə davam et
login-esign-phone-hint = Test mühiti: telefonu əvəz edən səhifəni açın
esign-confirm-heading = Telefonunuzda təsdiqləyin
esign-confirm-intro = Telefonunuz Pəncərəyə girişi imzalamağı xahiş edir. Orada eyni kodun göstərildiyini yoxlayın, təsdiqləyin və burada davam edin.
esign-code-label = Yoxlama kodu
esign-confirm-done = Telefonda təsdiqlədim
esign-start-over = Yenidən başla
esign-waiting = İmza hələ daxil olmayıb. Telefonunuzda təsdiqləyin və davam edin.
esign-declined = İmza telefonda rədd edildi. Giriş baş vermədi.
esign-not-registered = Bu telefon nömrəsi və istifadəçi identifikatoru üçün qeydiyyatdan keçmiş mobil imza yoxdur.
esign-unavailable = Mobil imza xidməti hazırda əlçatan deyil. Bir qədər sonra yenidən cəhd edin və ya başqa üsulla daxil olun.
esign-error-unknown-challenge = Bu giriş cəhdi məlum deyil. Yenidən başlayın.
esign-error-challenge-used = Bu imzalanmış sorğu artıq istifadə olunub. Yeni giriş başladın.
esign-error-challenge-expired = İmzalama vaxtı bitdi. Yeni giriş başladın.
esign-error-unknown-issuer = Sertifikat etibarlı mərkəz tərəfindən verilməyib.
esign-error-expired = Sertifikat hazırda etibarlı deyil (müddəti bitib və ya hələ başlamayıb).
esign-error-revoked = Sertifikat ləğv edilib.
esign-error-signature = İmza sertifikata uyğun gəlmir.
esign-error-certificate = Bu sertifikatla daxil olmaq mümkün deyil.
esign-error-no-fin = Sertifikatda fərdi identifikasiya nömrəsi (FİN) göstərilməyib.
phone-title = Telefon (test mühiti)
phone-intro = Bu səhifə mobil imza sahibinin telefonunu əvəz edir. Gözləyən imza sorğularını görmək üçün telefon nömrəsini daxil edin.
phone-show = Sorğuları göstər
phone-none = Bu telefonda gözləyən sorğu yoxdur.
phone-request = Pəncərəyə daxil olmaq? Kod:
phone-confirm = Təsdiqlə
phone-decline = Rədd et
phone-demo-numbers = Demo telefonlar və istifadəçi identifikatorları

## Vahid Giriş.

login-sso-heading = Vahid Giriş ilə
login-sso-intro = Dövlətin vahid giriş pəncərəsi vasitəsilə bir dəfə daxil olun və buraya qayıdın.
login-sso-submit = Vahid Giriş ilə daxil ol
sso-unavailable = Vahid giriş xidməti hazırda əlçatan deyil. Bir qədər sonra yenidən cəhd edin və ya başqa üsulla daxil olun.
sso-error-state = Bu giriş burada başlanmayıb və ya artıq tamamlanıb. Yenidən başlayın.
sso-error-response = Vahid giriş xidmətinin cavabına etibar etmək mümkün olmadı. Giriş baş vermədi. Yenidən başlayın.
vahid-title = Vahid Giriş (test mühiti)
vahid-intro = Bu pəncərə dövlətin vahid girişini əvəz edir. Demo hesabın FİN-ini və demo parolu daxil edin.
vahid-submit = Məni tanı

## E-poçt keçidi ilə giriş (əcnəbilər) və test poçt qutusu.

login-email-heading = E-poçtunuza göndərilən keçidlə
login-email-intro = Əcnəbilər və vətəndaşlığı olmayan şəxslər üçün: hesabınızın e-poçt ünvanına birdəfəlik giriş keçidi göndəririk.
login-email-submit = Mənə keçid göndər
login-email-mailbox-hint = Test mühiti: keçidlərin gəldiyi poçt qutusunu açın
email-sent = Bu ünvandan istifadə edən hesab varsa, giriş keçidi göndərilir. O, 15 dəqiqə ərzində bir dəfə işləyir.
email-unavailable = E-poçt hazırda göndərilə bilmir. Bir qədər sonra yenidən cəhd edin və ya başqa üsulla daxil olun.
email-confirm = Bu keçidlə daxil olmaq üçün düyməni basın.
email-confirm-submit = Daxil ol
email-error-expired = Bu keçidin müddəti bitib. Yenisini istəyin.
email-error-used = Bu keçid artıq istifadə olunub. Yenisini istəyin.
email-error-unknown = Bu keçid etibarlı deyil. Yenisini istəyin.
email-link-subject = Pəncərəyə giriş keçidiniz
email-link-text = Salam, { $name }!

    Pəncərəyə daxil olmaq üçün bu keçidi açın. O, 15 dəqiqə ərzində bir dəfə işləyir:
    { $url }

    Əgər bunu siz istəməmisinizsə, bu məktuba məhəl qoymayın.
mailbox-title = Poçt qutusu (test mühiti)
mailbox-intro = Test mühitinin göndərdiyi məktublar, ən yenisi birinci.
mailbox-empty = Hələ məktub yoxdur.
mailbox-to = Kimə:

## Case engine: services, applications, deadlines, notices
system-services-heading = Müraciət edə biləcəyiniz xidmətlər
service-apply = Müraciət et
service-body = Qərar verən orqan
service-law = Hüquqi əsas
service-fee = Dövlət rüsumu
service-unverified = rəqəm hələ qanunun mətni ilə yoxlanılmayıb
service-deadlines = Müddətlər
service-period = Müddət
service-at-expiry = Müddət bitdikdə
service-counting = Müddət hadisədən sonrakı gün başlayır; iş günləri Azərbaycanın təqviminə görə sayılır, istirahət gününə düşən müddət növbəti iş günü bitir.
service-calendar-unverified = Bu ilin bayram tarixləri hələ Nazirlər Kabinetinin qərarı ilə təsdiqlənməyib.
service-documents = Sənədlər
service-required = məcburi
service-fields = Formada nə soruşulur
case-days-working = { $days } iş günü
case-days-calendar = { $days } təqvim günü
case-expiry-flag = İş orqan və onun nəzarətçiləri üçün gecikmiş kimi qeyd olunur.
case-expiry-act = İş öz-özünə “{ $state }” vəziyyətinə keçir.
apply-title = Müraciət
apply-intro = Məcburi sahələr göndərilmədən əvvəl doldurulmalıdır. İstənilən vaxt qaralamanı saxlayıb sonra davam edə bilərsiniz.
apply-saved = Qaralama saxlanıldı. İndi sənədləri əlavə edə bilərsiniz.
apply-problems = Zəhmət olmasa, bunları düzəldin:
apply-submit = Müraciəti göndər
apply-save = Qaralama kimi saxla
apply-documents-after-save = Əvvəlcə qaralamanı saxlayın; sonra sənədləri burada əlavə edə bilərsiniz.
apply-document-attached = Əlavə olunub
apply-choose-file = Fayl seçin
apply-upload = Yüklə
apply-document-rules = PDF, JPEG və ya PNG, 10 MB-dək. Yeni yükləmə yeni versiya əlavə edir; əvvəlki versiyalar saxlanılır.
case-field-required = Bu sahə məcburidir.
case-field-too-long = Bu çox uzundur.
case-field-fin = FİN 7 hərf və rəqəmdən ibarətdir, I və O olmadan.
case-field-voen = VÖEN 10 rəqəmdən ibarətdir və 1 və ya 2 ilə bitir.
case-field-date = Tarixi İİİİ-AA-GG şəklində yazın.
case-field-email = name@example.az kimi e-poçt ünvanı daxil edin.
case-field-phone = Azərbaycan mobil nömrəsi daxil edin, məsələn 050 123 45 67.
case-field-number = Tam ədəd daxil edin.
case-field-choice = Variantlardan birini seçin.
case-field-document-required = Bu sənədi əlavə edin.
case-field-document-type = Yalnız PDF, JPEG və PNG faylları qəbul olunur.
case-field-document-size = Fayl 10 MB-dan böyükdür.
case-field-document-empty = Fayl boşdur.
case-field-reason = Səbəbi yazın.
case-field-unknown = Bu sahə formaya aid deyil.
cases-title = Müraciətlərim
case-title = Müraciət
case-number = Nömrə
case-service = Xidmət
case-state = Vəziyyət
case-state-draft = Qaralama
case-submitted = Qeydə alınıb
case-next-due = Növbəti müddət
case-body = Səlahiyyətli orqan
case-applicant = Müraciət edən
case-assigned = İcraçı
case-registered-notice = Müraciətiniz qeydə alındı. Nömrəsi və bütün müddətlər aşağıdadır; sizə kabinetdə, e-poçtla və SMS ilə bildiriş göndərildi.
case-awaits-you = Orqan sizi gözləyir: kabinetdəki bildirişə və aşağıdakı müddətə baxın.
case-closed = Bu müraciət bağlanıb: yuxarıdakı qərar portalda yekundur.
case-actions = Nə edə bilərsiniz
case-reason = Səbəb
case-assign-me = İşi götür
case-deadlines = Müddətlər
case-no-deadlines = Heç bir müddət axmır.
case-deadline = Müddət
case-deadline-from = Hesablanır
case-deadline-due = Son gün
case-deadline-status = Vəziyyət
case-deadline-open = axır
case-deadline-paused = dayandırılıb
case-deadline-met = gözlənilib
case-deadline-expired = keçib
case-deadline-stopped = dayandırılıb
case-timeline = Gedişat
case-event-created = Qaralama yaradıldı
case-event-registered = { $number } nömrəsi ilə qeydə alındı
case-event-transition = { $from } → { $to }
case-event-assigned = İcraçıya verildi
case-event-deadline-expired = Müddət keçdi: { $deadline }
case-event-document = Sənəd əlavə olundu
case-by-applicant = müraciət edən
case-by-official = vəzifəli şəxs
case-by-system = sistem
case-data = Müraciət
case-document = Sənəd
case-version = Versiya
case-file = Fayl
case-uploaded = Yüklənib
case-notices = Göndərilən bildirişlər
case-channel = Kanal
case-channel-inbox = kabinet
case-channel-email = e-poçt
case-channel-sms = SMS
case-delivery-pending = göndərilir
case-delivery-sent = çatdırılıb
case-delivery-dead = çatdırılmayıb
cabinet-inbox-unread = { $count } oxunmamış bildiriş
cabinet-inbox-none-unread = Oxunmamış bildiriş yoxdur.
cabinet-applications-count = { $count } müraciət
cabinet-link-work = İş növbəsi
cabinet-link-statistics = Xidmət statistikası
cabinet-link-outbox = Çatdırılmamış bildirişlər
inbox-mark-read = Hamısını oxunmuş et
inbox-new = Yeni
inbox-open-case = Müraciəti aç
queue-title = İş növbəsi
queue-all-services = Bütün xidmətlər
queue-mine = Yalnız mənə verilən işlər
queue-closed = Bağlı işlər də
queue-filter = Göstər
queue-empty = İş yoxdur.
queue-overdue = gecikib
stats-title = Xidmət statistikası
stats-intro = Hər xidmət üzrə: qeydə alınan və qərar verilən müraciətlər, qeydiyyatdan qərara qədər günlərlə icra müddəti və heç bir qanuni müddət keçmədən qərar verilənlərin payı.
stats-received = Daxil olub
stats-decided = Qərar verilib
stats-median = Median, gün
stats-p90 = 90-cı persentil, gün
stats-within = Müddətində
outbox-title = Çatdırılmamış bildirişlər
outbox-intro = Bütün cəhdləri uğursuz olan bildirişlər. Səbəbi aradan qaldırın (ünvan, poçt serveri, SMS şlüzü) və yenidən göndərin.
outbox-empty = Bütün bildirişlər çatdırılıb.
outbox-address = Ünvan
outbox-template = Bildiriş
outbox-attempts = Cəhdlər
outbox-error = Son xəta
outbox-retry = Yenidən göndər
sms-title = Test mühitinin SMS qutusu
sms-intro = Platformanın sınaq SMS şlüzünə göndərdiyi mesajlar.
sms-empty = Hələ SMS yoxdur.
problem-detail-no-case = Belə müraciət yoxdur və ya ona baxmaq sizə aid deyil.
problem-detail-no-service = { $service } xidməti yoxdur.
problem-detail-case-changed = Müraciət bu arada dəyişib; səhifəni yeniləyib yenidən cəhd edin.
problem-detail-service-unavailable = Bu xidmət bu quraşdırmada hələ açıq deyil: səlahiyyətli orqanı qeydə alınmayıb.
problem-detail-no-message = Belə çatdırılmamış bildiriş yoxdur.
action-case-submit = Müraciət göndərildi
action-case-transition = Müraciətin vəziyyəti dəyişdi
action-case-assign = Müraciət icraçıya verildi
action-case-overdue = Müddət keçdi
action-case-document = Sənəd əlavə olundu
action-outbox-retry = Bildiriş yenidən göndərildi

case-event-opinion = Rəy verildi
case-opinions = Digər orqanların rəyləri
case-opinion-body = Orqan
case-opinion-pending = gözlənilir
case-opinion-consent = razılıq
case-opinion-refusal = imtina
case-opinion-give = Orqanınızın rəyi soruşulur
case-opinion-answer = Cavab
case-opinion-text = Rəy
case-opinion-send = Rəyi göndər
case-field-opinion = Rəyi yazın.
queue-asked = Orqanınızdan soruşulan rəylər
action-case-opinion = Müraciət üzrə rəy verildi

## Notices: subject, text, SMS
notice-case-registered-subject = { $number } nömrəli müraciət qeydə alındı
notice-case-registered-body = “{ $service }” üzrə müraciətiniz { $number } nömrəsi ilə qeydə alındı. Ona { $due } tarixinədək baxılacaq. Gedişatı kabinetinizdə izləyin.
notice-case-registered-sms = { $number } nömrəli müraciət qeydə alındı. Baxılma: { $due } tarixinədək.
notice-case-changed-subject = { $number } nömrəli müraciət: { $state }
notice-case-changed-body = “{ $service }” üzrə { $number } nömrəli müraciətinizin vəziyyəti: { $state }.
notice-case-changed-sms = { $number } nömrəli müraciət: { $state }.
notice-case-deficiencies-subject = { $number } nömrəli müraciət: çatışmazlıqlar aradan qaldırılmalıdır
notice-case-deficiencies-body = Lisenziyalaşdırma orqanı { $number } nömrəli müraciətinizdə aradan qaldırıla bilən çatışmazlıqlar aşkar edib: { $reason } Onları { $due } tarixinədək aradan qaldırıb kabinetdə təsdiq edin. Müddətində aradan qaldırılmasa, müraciət baxılmamış saxlanılacaq.
notice-case-deficiencies-sms = { $number } nömrəli müraciət: çatışmazlıqları { $due } tarixinədək aradan qaldırın. Kabinetə baxın.
notice-case-fixes-received-subject = { $number } nömrəli müraciət: düzəlişləriniz qeydə alındı
notice-case-fixes-received-body = { $number } nömrəli müraciətə düzəlişləriniz qeydə alındı və baxılma davam edir.
notice-case-fixes-received-sms = { $number } nömrəli müraciət: düzəlişlər qeydə alındı.
notice-case-unconsidered-subject = { $number } nömrəli müraciət baxılmamış saxlanıldı
notice-case-unconsidered-body = { $number } nömrəli müraciətin çatışmazlıqları müddətində aradan qaldırılmadığı üçün müraciət baxılmamış saxlanıldı. Yeni müraciət edə bilərsiniz.
notice-case-unconsidered-sms = { $number } nömrəli müraciət baxılmamış saxlanıldı.
notice-case-decided-subject = { $number } nömrəli müraciət üzrə qərar
notice-case-decided-body = “{ $service }” üzrə { $number } nömrəli müraciətiniz barədə qərar qəbul edildi: { $state }. { $reason }
notice-case-decided-sms = { $number } nömrəli müraciət: { $state }. Kabinetə baxın.
