## What the system is, for its page and the home page.

system-kob-name = “e-KOB evi” portalı
system-kob-tagline = Mikro, kiçik və orta biznes üçün bir pəncərə: KOB evi, G2B və B2B xidmətləri onlayn və “Biznes Naviqator”.
system-kob-owner = Azərbaycan Respublikasının Kiçik və Orta Biznesin İnkişafı Agentliyi
system-kob-regulation = Azərbaycan Respublikası Prezidentinin 2021-ci il 9 avqust tarixli 1415 nömrəli Fərmanı
system-kob-intro =
    “e-KOB evi” portalı mikro, kiçik və orta sahibkarlıq subyektlərinə sahibkarlıq fəaliyyəti üçün zəruri olan məlumatları – tələb olunan sənədləri, ödəniləcək vergi və rüsumları, hesabatları, lisenziya və icazələri, sahibkarlığı tənzimləyən normativ hüquqi aktları mərkəzləşdirilmiş qaydada əldə etməyə imkan verir. Hər KOB subyekti üçün “Sahibkarın elektron kabineti” yaradılır: burada KOB evlərində göstərilən xidmətlərə elektron müraciət etmək, EHİS-ə inteqrasiya olunmuş G2B xidmətlərindən və digər sahibkarların B2B xidmətlərindən istifadə etmək, KOB evinə gəlmək üçün elektron növbə almaq mümkündür. “Biznes Naviqator” altsistemi biznes məlumatlarının, müştərilərlə əlaqələrin və sənədlərin idarə edilməsinə kömək edir, məsləhət xidmətlərinə və biznes alətlərinə çıxış verir. Portal “bir pəncərə” prinsipi əsasında fəaliyyət göstərir, onun sahibi və operatoru Kiçik və Orta Biznesin İnkişafı Agentliyidir (KOBİA).
system-kob-users = Portaldan mikro, kiçik və orta sahibkarlıq subyektləri, habelə G2B xidmətləri göstərən dövlət orqanları, B2B xidmətləri təklif edən sahibkarlar və maliyyə, bank, sığorta və məsləhət xidmətləri göstərən qurumlar istifadə edir.
system-kob-offer-1 = KOB evlərində göstərilən xidmətlərə elektron müraciət; müraciət aidiyyəti quruma yönləndirilir və cavablandırılır.
system-kob-offer-2 = EHİS vasitəsilə dövlət orqanlarının G2B xidmətləri, sahibkarların B2B xidmətləri, maliyyə, bank, sığorta və məsləhət xidmətləri.
system-kob-offer-3 = KOB evində bilavasitə göstərilən xidmətlərdən istifadə üçün elektron növbə.
system-kob-offer-4 = Biznesiniz haqqında məlumatlar bir yerdə: VÖEN, fəaliyyət növü, sahib olduğunuz lisenziya və icazələr, KOB kateqoriyası.
system-kob-offer-5 = “Biznes Naviqator”: məlumatlandırma, məsləhət xidmətləri, mütəxəssis cəlb etmək üçün biznes alətləri və mobil elektron biznes alətləri.
system-kob-offer-6 = Rüsumların kabinetdəki keçidlə elektron ödəniş sistemləri vasitəsilə ödənilməsi; bildirişlər kabinetə, elektron poçta və mobil nömrəyə.

## Roles of this system, as the e-cabinet names them.

role-kob-operator = portal operatorunun əməkdaşı
