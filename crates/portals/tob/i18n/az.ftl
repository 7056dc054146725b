## What the system is, for its page and the home page.

system-tob-name = Tütün məmulatının idxalını və istehsalını həyata keçirən sahibkarlıq subyektlərinin Reyestri
system-tob-tagline = Tütün məmulatının idxalı və ya istehsalı üçün qeydiyyata alınmış sahibkarların dövlət reyestri: çıxarışlar və elektron kabinet.
system-tob-owner = Azərbaycan Respublikasının İqtisadiyyat Nazirliyi
system-tob-regulation = Azərbaycan Respublikası Nazirlər Kabinetinin 2025-ci il 14 iyul tarixli 206 nömrəli Qərarı
system-tob-intro =
    Reyestr tütün məmulatının idxalı və (və ya) istehsalı məqsədilə qeydiyyata alınmış sahibkarlıq subyektlərini, eləcə də qeydiyyatın dayandırılması, bərpası, yenidən rəsmiləşdirilməsi və ləğvi barədə məlumatları əks etdirən dövlət informasiya ehtiyatıdır. Reyestrdəki məlumatlar lisenziyaların və icazələrin vahid reyestrinə inteqrasiya olunur. İstifadəçilər Vahid Giriş Sistemi vasitəsilə daxil olur və avtomatik yaradılan elektron kabinetdə öz məlumatları və sənədləri ilə tanış olur, müraciət göndərir, elektron xidmətlərdən istifadə edir və İqtisadiyyat Nazirliyi ilə yazışır. Sahibkarlıq subyekti haqqında məlumatlar Elektron Hökumət İnformasiya Sistemi (EHİS) vasitəsilə ilkin mənbədən alınır, kommersiya və ya vergi sirri təşkil edən məlumatlar isə yalnız subyektin razılığı ilə ötürülür. Elektron xidmətlər EHİS vasitəsilə “bir pəncərə” prinsipi əsasında göstərilir.
system-tob-users = Reyestrdən tütün məmulatının idxalını və ya istehsalını həyata keçirən hüquqi şəxslər və fərdi sahibkarlar, habelə onunla EHİS və ya elektron kabinetlər vasitəsilə məlumat mübadiləsi aparan dövlət orqanları və digər qurumlar istifadə edir.
system-tob-offer-1 = Tütün məmulatının idxalı və (və ya) istehsalı üçün qeydiyyat, onun yenidən rəsmiləşdirilməsi, dayandırılması, bərpası və ləğvi.
system-tob-offer-2 = Reyestrdən çıxarışlar və Reyestrdəki açıq məlumatlarla tanışlıq.
system-tob-offer-3 = Elektron kabinetdə öz məlumatlarınız və sənədlərinizlə tanış olmaq və düzəliş tələb etmək.
system-tob-offer-4 = Elektron kabinet vasitəsilə müraciətlər, elektron xidmətlər, ödənişlər və elektron sənəd mübadiləsi.
system-tob-offer-5 = Məlumatlar EHİS vasitəsilə ilkin mənbədən alınır; kommersiya və vergi sirri yalnız razılığınızla ötürülür.
system-tob-offer-6 = “Mobil Prioritetli Tərtibat” prinsipi ilə qurulmuş portal, mobil tətbiq, virtual köməkçi və digər xidmət kanalları.

## Roles of this system, as the e-cabinet names them.

role-tob-officer = reyestr əməkdaşı

## Reyestrin imzalanmış aktları (TOB-4.1.4, TOB-4.6) və bildirişləri.

doc-tob-entry-title = Tütün məmulatının idxalçıları və istehsalçıları reyestrinə daxil etmə aktı
doc-tob-entry-body = { $body } { $applicant } subyektini “{ $service }” üzrə { $number } nömrəli müraciət əsasında, { $law } əsasında, tütün məmulatının idxalı və istehsalı ilə məşğul olan sahibkarlıq subyektlərinin reyestrinə { $licence } nömrəsi ilə daxil edir.
doc-tob-suspension-title = Tütün reyestrində qeydiyyatın dayandırılması barədə akt
doc-tob-suspension-body = { $body } { $applicant } subyektinin tütün məmulatı reyestrində { $licence } nömrəli qeydiyyatını { $law } əsasında aşağıdakı səbəblərə görə dayandırır. Akt Nazirliyə və ya məhkəməyə şikayət edilə bilər.
doc-tob-restoration-title = Tütün reyestrində qeydiyyatın bərpası barədə akt
doc-tob-restoration-body = { $body } { $applicant } subyektinin tütün məmulatı reyestrində { $licence } nömrəli qeydiyyatını { $law } əsasında aşağıdakı səbəblərə görə bərpa edir.
doc-tob-cancellation-title = Tütün reyestrində qeydiyyatın ləğvi barədə akt
doc-tob-cancellation-body = { $body } { $applicant } subyektinin tütün məmulatı reyestrində { $licence } nömrəli qeydiyyatını { $law } əsasında aşağıdakı səbəblərə görə ləğv edir. Akt Nazirliyə və ya məhkəməyə şikayət edilə bilər.
doc-tob-refusal-title = Tütün reyestrinə daxil etmədən imtina
doc-tob-refusal-body = { $body } { $applicant } tərəfindən “{ $service }” üzrə verilmiş { $number } nömrəli müraciətə baxaraq { $law } əsasında aşağıdakı səbəblərə görə ondan imtina edir. Qərar Nazirliyə və ya məhkəməyə şikayət edilə bilər.
notice-tob-payment-due-subject = { $number } nömrəli müraciət: dövlət rüsumunu ödəyin
notice-tob-payment-due-body = Nazirlik { $number } nömrəli müraciət üzrə sizi reyestrə daxil etmək qərarına gəldi. { $amount } məbləğində dövlət rüsumunu kabinetinizdə { $code } ödəniş kodu ilə ödəyin; ödəniş təsdiqləndikdən sonra imzalanmış daxil etmə aktı göndəriləcək.
notice-tob-payment-due-sms = { $number } nömrəli müraciət: { $code } kodu ilə { $amount } ödəyin.
notice-tob-entered-subject = Tütün reyestrinə { $licence } nömrəsi ilə daxil edildiniz
notice-tob-entered-body = Siz tütün məmulatının idxalçıları və istehsalçıları reyestrinə { $licence } nömrəsi ilə daxil edildiniz ({ $number } nömrəli müraciət). İmzalanmış akt kabinetinizdədir; qeyd lisenziyalar və icazələrin vahid reyestrindədir.
notice-tob-entered-sms = Tütün reyestrinə { $licence } nömrəsi ilə daxil edildiniz.
notice-tob-suspended-subject = { $licence } nömrəli qeydiyyat dayandırıldı
notice-tob-suspended-body = Tütün reyestrində { $licence } nömrəli qeydiyyatınız imzalanmış aktla dayandırıldı: { $reason } Akt kabinetinizdədir.
notice-tob-suspended-sms = { $licence } nömrəli qeydiyyat dayandırıldı. Kabinetinizə baxın.
notice-tob-restored-subject = { $licence } nömrəli qeydiyyat bərpa edildi
notice-tob-restored-body = Tütün reyestrində { $licence } nömrəli qeydiyyatınız imzalanmış aktla bərpa edildi: { $reason }
notice-tob-restored-sms = { $licence } nömrəli qeydiyyat bərpa edildi.
notice-tob-cancelled-subject = { $licence } nömrəli qeydiyyat ləğv edildi
notice-tob-cancelled-body = Tütün reyestrində { $licence } nömrəli qeydiyyatınız imzalanmış aktla ləğv edildi: { $reason } Akt kabinetinizdədir.
notice-tob-cancelled-sms = { $licence } nömrəli qeydiyyat ləğv edildi. Kabinetinizə baxın.
doc-tob-reissue-title = Tütün reyestrində qeydiyyatın yenidən rəsmiləşdirilməsi aktı
doc-tob-reissue-body = { $body } { $law } əsasında { $number } nömrəli “{ $service }” müraciətinə görə { $applicant } subyektinin tütün məmulatının idxalı və istehsalı ilə məşğul olan sahibkarlıq subyektlərinin reyestrindəki { $licence } nömrəli qeydiyyatını yenidən rəsmiləşdirir. Bu gündən reyestr qeydində müraciətin məlumatları göstərilir; nömrə dəyişmir.
notice-tob-reissued-subject = { $licence } nömrəli qeydiyyat yenidən rəsmiləşdirilib
notice-tob-reissued-body = Tütün reyestrindəki { $licence } nömrəli qeydiyyatınız { $number } nömrəli müraciətin məlumatları ilə yenidən rəsmiləşdirilib. İmzalanmış akt kabinetinizdədir; reyestr yeni məlumatları göstərir.
notice-tob-reissued-sms = { $licence } nömrəli qeydiyyat yenidən rəsmiləşdirilib.
