## What the system is, for its page and the home page.

system-veis-name = VEİS — vahid elektron informasiya sistemi
system-veis-tagline = Hərbi qeydiyyat, hərbi xidmətə çağırış, möhlət və çağırışdan azadolma, habelə hərbi xidmətlə bağlı elektron xidmətlər vahid sistemdə.
system-veis-owner = Azərbaycan Respublikası Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidməti
system-veis-regulation = Azərbaycan Respublikası Nazirlər Kabinetinin 2026-cı il 2 mart tarixli 59 nömrəli Qərarı
system-veis-intro =
    VEİS Azərbaycan Respublikası Səfərbərlik və Hərbi Xidmətə Çağırış üzrə Dövlət Xidmətinin vahid elektron informasiya sistemidir. Sistem çağırışaqədər yaş həddində olan vətəndaşların, çağırışçıların və hərbi vəzifəlilərin hərbi qeydiyyatını və uçotunu, tibbi və psixoloji müayinələrini, hərbi xidmətə, toplanışlara və səfərbərlik üzrə çağırışı, çağırışa möhlət verilməsini və çağırışdan azad edilməsini, habelə hərbi-nəqliyyat vasitələrinin uçotunu əhatə edir. Vətəndaşlar EHİS-in “Vahid Giriş” altsistemi vasitəsilə avtomatik yaradılan elektron kabinetə daxil olur, burada müraciətlərini və hərbi xidmətlə bağlı sənədləri təqdim edir, elektron xidmətlərdən istifadə edir və ödəniş edir. Öz informasiya sistemi olan dövlət orqanları VEİS ilə EHİS vasitəsilə məlumat mübadiləsi aparır, digər orqanlar və hüquqi şəxslər isə məsul şəxslərinin elektron kabinetləri vasitəsilə işləyir. Elektron xidmətlər “bir pəncərə” prinsipi əsasında portal, mobil tətbiq və virtual köməkçi vasitəsilə göstərilir.
system-veis-users = VEİS-dən çağırışaqədər yaş həddində olan vətəndaşlar, çağırışçılar və hərbi vəzifəlilər, EHİS vasitəsilə məlumat mübadiləsi aparan dövlət orqanları, habelə öz informasiya sistemi olmayan dövlət orqanları və digər hüquqi şəxslər məsul şəxsləri vasitəsilə istifadə edir.
system-veis-offer-1 = “Vahid Giriş” ilə açılan şəxsi elektron kabinet: müraciətlər, elektron xidmətlər və ödənişlər.
system-veis-offer-2 = Hərbi xidmətlə bağlı sənədlərin elektron təqdim edilməsi, müraciətlərin qəbulu və cavablandırılması.
system-veis-offer-3 = Çağırışaqədər yaş həddində olan vətəndaşların, çağırışçıların və hərbi vəzifəlilərin hərbi qeydiyyatı və uçotu.
system-veis-offer-4 = Müddətli həqiqi hərbi xidmətə çağırışa möhlət verilməsi və çağırışdan azad edilməsi.
system-veis-offer-5 = Öz məlumatlarınızla və açıq məlumatlarla tanış olmaq, məlumatlarınızın dəqiqləşdirilməsini tələb etmək.
system-veis-offer-6 = Dövlət orqanlarında, bələdiyyələrdə və hüquqi şəxslərdə aparılan hərbi uçot üçün altsistem.

## Roles of this system, as the e-cabinet names them.

role-veis-registrar = hərbi uçot əməkdaşı
role-veis-medical = tibbi komissiya üzvü
