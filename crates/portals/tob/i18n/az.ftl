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
