## What the system is, for its page and the home page.

system-mig-name = “Yüksəkixtisaslı miqrant” portalı
system-mig-tagline = Yüksəkixtisaslı Miqrant Proqramı üzrə onlayn müraciət və Azərbaycandakı işəgötürənlərin yüksəkixtisaslı miqrantlarla əlaqələndirilməsi.
system-mig-owner = Azərbaycan Respublikasının Dövlət Miqrasiya Xidməti
system-mig-regulation = Azərbaycan Respublikası Nazirlər Kabinetinin 2025-ci il 30 oktyabr tarixli 323 nömrəli Qərarı
system-mig-intro =
    “Yüksəkixtisaslı miqrant” portalı Azərbaycan Respublikası Prezidentinin 2024-cü il 6 iyun tarixli 156 nömrəli Sərəncamı ilə təsis edilmiş Yüksəkixtisaslı Miqrant Proqramı çərçivəsində müraciətləri elektron qaydada qəbul edir. Müraciətlərə Dövlət Miqrasiya Xidmətinin vahid miqrasiya məlumat sistemindəki “Yüksəkixtisaslı miqrantlar” altsistemində baxılır və cavab verilir; şəxsin yüksəkixtisaslı miqrant hesab olunmasının qiymətləndirilməsi və yüksəkixtisaslı miqrantların reyestri də bu altsistemdə aparılır. Portal Azərbaycanda vergi ödəyicisi kimi qeydiyyatdan keçmiş işəgötürənləri onların sorğusu əsasında yüksəkixtisaslı miqrantlarla əlaqələndirir. Portal “bir pəncərə” prinsipi ilə işləyir, digər dövlət sistemləri ilə EHİS vasitəsilə məlumat mübadiləsi aparır, internet saytı isə Azərbaycan dili ilə yanaşı azı iki xarici dildə fəaliyyət göstərir.
system-mig-users = Portaldan Azərbaycanda vergi ödəyicisi kimi qeydiyyatdan keçmiş işəgötürənlər (hüquqi və fiziki şəxslər, xarici hüquqi şəxslərin filial və nümayəndəlikləri), yüksəkixtisaslı miqrantlar – əcnəbilər və vətəndaşlığı olmayan şəxslər, habelə portalın informasiya proseslərində iştirak edən qurumlar istifadə edir.
system-mig-offer-1 = Yüksəkixtisaslı Miqrant Proqramı üzrə müraciətin təsdiqedici sənədlərlə birlikdə onlayn təqdim edilməsi.
system-mig-offer-2 = İşəgötürənin sorğusu əsasında onun yüksəkixtisaslı miqrantlarla əlaqələndirilməsi.
system-mig-offer-3 = İşəgötürənlər Vahid Giriş Sistemində təkmil sertifikatlı elektron imza ilə, əcnəbilər elektron poçt və ya digər vasitələrlə daxil olur.
system-mig-offer-4 = Mümkün olduqda məlumatlarınız EHİS vasitəsilə dövlət sistemlərindən doldurulur, qalanını özünüz əlavə edirsiniz.
system-mig-offer-5 = Müraciətin gedişatı izlənilir, bildirişlər və nəticə elektron kabinetə və (və ya) elektron poçta göndərilir.
system-mig-offer-6 = İnternet saytı Azərbaycan dili ilə yanaşı azı iki xarici dildə işləyir.

## Roles of this system, as the e-cabinet names them.

role-mig-officer = miqrasiya əməkdaşı
